import Foundation
import FulianCore
import FulianImport
import FulianSheets
import GRDB

/// What to do with one file.
public struct FileImportRequest: Sendable {
    /// The file path.
    public var path: String
    /// Dataset, sheet, header map, reader options.
    public var options: ImportOptions
    /// Replace an earlier batch of the same file (same SHA-256, or same file name and dataset).
    public var replace = false
    /// Do everything but commit.
    public var dryRun = false
    /// Fail the file (store nothing) when any row is rejected.
    public var strict = false
    /// How disbursements are written (see ``BulkLoad``).
    public var bulkLoad = BulkLoad.automatic

    /// Creates a request.
    public init(path: String, options: ImportOptions, replace: Bool = false, dryRun: Bool = false, strict: Bool = false) {
        self.path = path
        self.options = options
        self.replace = replace
        self.dryRun = dryRun
        self.strict = strict
    }
}

/// Whether a large disbursement file is appended with the table's indexes dropped and built again
/// afterwards (a sort, several times faster than a million random index inserts), duplicates then
/// being found by the rebuilt unique index; or written row by row against the indexes.
///
/// Both give the same store, counts and issues. Bulk pays off when the file is large next to what the
/// store already holds: rebuilding costs in proportion to the whole table.
public enum BulkLoad: Sendable {
    /// Bulk for an aid file of about 50,000 rows or more (judged by its size) when the store holds
    /// no more than twice as many disbursements; row by row otherwise.
    case automatic
    /// Always bulk (aid files).
    case always
    /// Always row by row.
    case never

    /// Whether a file of `bytes` bytes goes in bulk into a table of `stored` rows.
    func applies(fileBytes bytes: Int, storedRows stored: Int64) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .automatic:
            // About 110 bytes per row in CSV, 60 in XLSX (compressed): take the smaller estimate.
            let rows = Int64(bytes / 110)
            return rows >= 50_000 && stored <= 2 * rows
        }
    }
}

/// The account of one imported file.
public struct FileImportResult: Sendable {
    /// What happened to the file as a whole.
    public enum Status: String, Sendable {
        /// Rows were stored.
        case imported
        /// An earlier batch was swapped for this one.
        case replaced
        /// The same bytes were already imported as this dataset: nothing done.
        case alreadyImported = "already-imported"
        /// `--dry-run`: everything was checked, nothing committed.
        case dryRun = "dry-run"
        /// `--strict` and a row was rejected: nothing stored.
        case strictFailed = "strict-failed"
    }

    /// Outcome.
    public var status: Status
    /// File name (no directory).
    public var file: String
    /// Dataset.
    public var dataset: Dataset
    /// Data sheet (nil for CSV).
    public var sheet: String?
    /// Container format.
    public var format: SheetFormat?
    /// Detected encoding, for text files.
    public var encoding: TextEncoding?
    /// Header rows, `2` or `2-3`.
    public var headerRows: String?
    /// Data rows read.
    public var rows = 0
    /// Rows stored.
    public var loaded = 0
    /// Rows rejected.
    public var rejected = 0
    /// Rows skipped as duplicates.
    public var duplicates = 0
    /// Warnings (not counting duplicates).
    public var warnings = 0
    /// Every issue, in row order (errors, warnings and duplicates).
    public var issues: [Diagnostic] = []
    /// Rejected rows with their original values and reasons (for `--rejects`).
    public var rejectedRows: [ParsedRow] = []
    /// The header labels of the sheet's columns (for `--rejects`).
    public var headers: [String] = []
    /// The batch id in the store (the earlier one for `already-imported`).
    public var batchId: Int64?
    /// SHA-256 of the file.
    public var sha256: String
    /// Sheets not taken, with reasons.
    public var skippedSheets: [(name: String, reason: String)] = []
    /// Row classification.
    public var tally = SheetTally()
    /// Whether the rows were bulk-loaded (see ``BulkLoad``).
    public var bulkLoaded = false
}

/// A failure injected into an import, for tests of the all-or-nothing guarantee.
public struct InjectedFailure: Error, CustomStringConvertible {
    /// The message.
    public var description: String { "injected failure" }
    /// Creates one.
    public init() {}
}

extension Store {
    /// The page cache of an import, in SQLite's negative-KiB form (16 MiB; pages are taken as needed).
    static let importCacheSize = -16_384

    /// Imports one file in one transaction: all its rows, or — on any failure — nothing.
    ///
    /// Re-importing the same bytes as the same dataset is a no-op (`already-imported`) unless
    /// `replace` is set. Rejected rows, duplicates and warnings are recorded as `importIssue` rows.
    /// `failAfterRows` injects a failure after that many stored rows (tests only).
    public func importFile(_ request: FileImportRequest, failAfterRows: Int? = nil) throws -> FileImportResult {
        let fileName = (request.path as NSString).lastPathComponent
        // Hashed as a stream: the file is never held whole (the reader streams it again).
        let fileBytes: Int
        let sha: String
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: request.path)
            fileBytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
            sha = try SHA256.hex(fileAt: request.path)
        } catch {
            throw ImportError(file: fileName, FileManager.default.fileExists(atPath: request.path)
                              ? "the file cannot be read (check its permissions)" : "no such file")
        }
        let dataset = request.options.dataset
        var result = FileImportResult(status: .imported, file: fileName, dataset: dataset, sha256: sha)

        let earlier = try dbQueue.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM importBatch WHERE sha256 = ? AND dataset = ?", arguments: [sha, dataset.rawValue])
        }
        if let earlier, !request.replace {
            result.status = .alreadyImported
            result.batchId = earlier
            return result
        }

        let importer = try SheetImporter(path: request.path, options: request.options)
        result.sheet = importer.diagnosticSheet
        result.format = importer.reader.format
        result.encoding = importer.reader.textEncoding
        result.headerRows = importer.layout.headerRowsLabel
        result.skippedSheets = importer.skippedSheets
        result.headers = headerLabels(importer.layout)

        do {
            var bulk = false
            if dataset == .aid, request.bulkLoad != .never {
                let stored = try dbQueue.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM disbursement") ?? 0 }
                bulk = request.bulkLoad.applies(fileBytes: fileBytes, storedRows: stored)
            }
            result.bulkLoaded = bulk
            try dbQueue.writeWithoutTransaction { db in
                // A bulk load checks no foreign key row by row: every id it writes was read or made in this
                // transaction (tests run `PRAGMA foreign_key_check` after bulk loads). It also leaves WAL for
                // a rollback journal when no other connection has the store open, so its pages are written
                // once instead of to the WAL and then again by the checkpoint; WAL comes back at the end.
                // The page cache is raised for the file: person lookups and index builds stay in memory.
                var leftWAL = false
                if bulk {
                    try db.execute(sql: "PRAGMA foreign_keys = OFF")
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" {
                        // SQLITE_BUSY while another connection has the store open: stay in WAL.
                        leftWAL = (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete"
                    }
                }
                try db.execute(sql: "PRAGMA cache_size = \(Store.importCacheSize)")
                defer {
                    if bulk { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                    if leftWAL { _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                    try? db.execute(sql: "PRAGMA cache_size = -2000")
                }
                try db.inTransaction {
                    var replacedAny = false
                    if request.replace {
                        let old = try Int64.fetchAll(db, sql: """
                            SELECT id FROM importBatch WHERE dataset = ? AND (sha256 = ? OR fileName = ?)
                            """, arguments: [dataset.rawValue, sha, fileName])
                        for id in old {
                            if bulk {
                                // Foreign keys are off, so ON DELETE CASCADE does not run: an aid batch's rows go by hand.
                                try db.execute(sql: "DELETE FROM disbursement WHERE batchId = ?", arguments: [id])
                                try db.execute(sql: "DELETE FROM importIssue WHERE batchId = ?", arguments: [id])
                            }
                            try db.execute(sql: "DELETE FROM importBatch WHERE id = ?", arguments: [id])
                        }
                        replacedAny = !old.isEmpty
                    }
                    try db.execute(sql: """
                        INSERT INTO importBatch (fileName, sha256, dataset, format, encoding, sheet, headerRows,
                            rowsRead, loaded, rejected, duplicates, warnings, importedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)
                        """, arguments: [fileName, sha, dataset.rawValue, importer.reader.format.rawValue,
                                         importer.reader.textEncoding?.rawValue, importer.layout.sheet.name,
                                         importer.layout.headerRowsLabel, Store.timestamp()])
                    let batchId = db.lastInsertedRowID
                    result.batchId = batchId
                    let writer = try BatchWriter(db: db, batchId: batchId, file: fileName, sheet: importer.diagnosticSheet, bulkAid: bulk)
                    var rowIssues: [Diagnostic] = []
                    var orgRows: [ParsedRow] = []
                    result.tally = try importer.runPipelined(register: writer.register, keepDetails: false) { chunk in
                        for i in chunk.indices {
                            result.rows += 1
                            if !chunk[i].diagnostics.isEmpty { rowIssues += chunk[i].diagnostics }
                            switch chunk[i].record {
                            case nil:
                                result.rejected += 1
                                result.rejectedRows.append(chunk[i])
                            case .org?:
                                orgRows.append(chunk[i])
                            case let record?:
                                if let dup = try writer.write(record, row: chunk[i].number) {
                                    result.duplicates += 1
                                    rowIssues.append(dup)
                                } else {
                                    result.loaded += 1
                                    if let limit = failAfterRows, result.loaded >= limit { throw InjectedFailure() }
                                }
                            }
                        }
                    }
                    let lateDuplicates = try writer.finish()
                    result.duplicates += lateDuplicates.count
                    result.loaded -= lateDuplicates.count
                    rowIssues += lateDuplicates
                    if !orgRows.isEmpty {
                        let outcome = try writer.writeOrgs(orgRows)
                        result.loaded += outcome.loaded
                        result.duplicates += outcome.duplicates
                        result.rejected += outcome.rejected.count
                        result.rejectedRows += outcome.rejected
                        rowIssues += outcome.issues
                    }
                    rowIssues += importer.fileDiagnostics
                    result.issues = rowIssues.sorted { ($0.row ?? 0, $0.column ?? 0) < ($1.row ?? 0, $1.column ?? 0) }
                    result.warnings = result.issues.filter { $0.severity == .warning && $0.category != "duplicate" }.count
                    try writer.record(issues: result.issues)
                    try db.execute(sql: """
                        UPDATE importBatch SET rowsRead = ?, loaded = ?, rejected = ?, duplicates = ?, warnings = ? WHERE id = ?
                        """, arguments: [result.rows, result.loaded, result.rejected, result.duplicates, result.warnings, batchId])
                    if request.strict && result.rejected > 0 {
                        result.status = .strictFailed
                        return .rollback
                    }
                    if request.dryRun {
                        result.status = .dryRun
                        return .rollback
                    }
                    result.status = replacedAny ? .replaced : .imported
                    return .commit
                }
            }
        } catch let e as DatabaseError {
            throw StoreError("\(fileName): the store could not be written (\(e.message ?? "\(e.resultCode)")); nothing from this file was kept")
        }
        if result.status != .imported && result.status != .replaced { result.batchId = nil }
        return result
    }

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    private func headerLabels(_ layout: SheetLayout) -> [String] {
        let width = (layout.bindings.map(\.column) + layout.unknownColumns.map(\.column)).max().map { $0 + 1 } ?? 0
        var labels = [String](repeating: "", count: width)
        for b in layout.bindings { labels[b.column] = b.header }
        for u in layout.unknownColumns { labels[u.column] = u.header }
        return labels
    }
}

