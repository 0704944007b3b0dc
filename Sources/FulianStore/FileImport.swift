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

    /// Creates a request.
    public init(path: String, options: ImportOptions, replace: Bool = false, dryRun: Bool = false, strict: Bool = false) {
        self.path = path
        self.options = options
        self.replace = replace
        self.dryRun = dryRun
        self.strict = strict
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
}

/// A failure injected into an import, for tests of the all-or-nothing guarantee.
public struct InjectedFailure: Error, CustomStringConvertible {
    /// The message.
    public var description: String { "injected failure" }
    /// Creates one.
    public init() {}
}

extension Store {
    /// Imports one file in one transaction: all its rows, or — on any failure — nothing.
    ///
    /// Re-importing the same bytes as the same dataset is a no-op (`already-imported`) unless
    /// `replace` is set. Rejected rows, duplicates and warnings are recorded as `importIssue` rows.
    /// `failAfterRows` injects a failure after that many stored rows (tests only).
    public func importFile(_ request: FileImportRequest, failAfterRows: Int? = nil) throws -> FileImportResult {
        let fileName = (request.path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: request.path) else {
            throw ImportError(file: fileName, FileManager.default.fileExists(atPath: request.path)
                              ? "the file cannot be read (check its permissions)" : "no such file")
        }
        let sha = SHA256.hex(data)
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
            try dbQueue.inTransaction { db in
                var replacedAny = false
                if request.replace {
                    let old = try Int64.fetchAll(db, sql: """
                        SELECT id FROM importBatch WHERE dataset = ? AND (sha256 = ? OR fileName = ?)
                        """, arguments: [dataset.rawValue, sha, fileName])
                    for id in old { try db.execute(sql: "DELETE FROM importBatch WHERE id = ?", arguments: [id]) }
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
                let writer = try BatchWriter(db: db, batchId: batchId, file: fileName, sheet: importer.diagnosticSheet)
                var rowIssues: [Diagnostic] = []
                var orgRows: [ParsedRow] = []
                result.tally = try importer.run(register: writer.register) { parsed in
                    result.rows += 1
                    rowIssues += parsed.diagnostics
                    guard let record = parsed.record else {
                        result.rejected += 1
                        result.rejectedRows.append(parsed)
                        return
                    }
                    if case .org = record { orgRows.append(parsed); return }
                    if let dup = try writer.write(record, row: parsed.number) {
                        result.duplicates += 1
                        rowIssues.append(dup)
                    } else {
                        result.loaded += 1
                        if let limit = failAfterRows, result.loaded >= limit { throw InjectedFailure() }
                    }
                }
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
