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
    /// Replace an earlier batch of the same file: the same content, else the same path as given, else
    /// the same file name (refused when that names several batches; see ``replaceBatch``).
    public var replace = false
    /// Replace exactly this batch (it must hold the same dataset).
    public var replaceBatch: Int64?
    /// For a register: the district its new streets and towns go under (otherwise the one its title
    /// names, or the one district the store holds).
    public var district: String?
    /// For members, aid and activities: the unit the file comes from (`--from`, a name, code or path),
    /// under which names several places share are looked for.
    public var from: String?
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
/// afterwards (a sort, several times faster than a million random index inserts), or written row by
/// row against the indexes. In bulk, a row repeating an earlier row of the file is found as it comes
/// (``AppendedIdentities``) and skipped; one repeating a row stored before the file is found when the
/// unique index is built again.
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
    public var skippedSheets: [SkippedSheet] = []
    /// Row classification.
    public var tally = FileTally()
    /// Whether the rows were bulk-loaded (see ``BulkLoad``).
    public var bulkLoaded = false
    /// The path as given.
    public var path = ""
    /// One account per data sheet, in tab order.
    public var sheets: [SheetResult] = []
    /// Earlier batches that `--replace` removed.
    public var replacedBatches: [BatchSummary] = []
    /// Units a register file named only as parents, created by this import.
    public var createdUnits: [CreatedUnit] = []
    /// Whether `--strict` failed the file because a data sheet was skipped.
    public var strictSkippedSheet = false
    /// Columns bound by their header's meaning (`求职人数 → seekers`), to confirm or override with `--map`.
    public var inferredColumns: [String] = []
}

/// The account of one data sheet of an imported file.
public struct SheetResult: Sendable {
    /// The sheet name (the file name for CSV).
    public var name: String
    /// Header rows, `2` or `2-3`.
    public var headerRows: String
    /// How its rows were classified: title, header, data, blank, footer, note.
    public var tally: SheetTally
    /// Data rows stored.
    public var loaded = 0
    /// Data rows rejected.
    public var rejected = 0
    /// Data rows that repeat a stored record.
    public var duplicates = 0
    /// Warnings on its rows.
    public var warnings = 0
    /// Register sheets: the stored units the sheet updated (they keep the facts the sheet has no column for).
    public var updatedUnits = 0
    /// The date its rows took, for a sheet without a date column.
    public var date: SheetDate?
    /// The period the file states for it, and where (for `outside-stated-period`).
    public var statedPeriod: String?
    /// The programme its rows took, for an aid sheet without a programme column.
    public var program: SheetProgram? = nil
    /// The unit its rows took, for a sheet without a unit column.
    public var unit: SheetUnit? = nil
    /// The activity type its rows took, for an activities sheet without a type column.
    public var kind: SheetKind? = nil
}

/// An import batch as `--replace` and its refusals name it.
public struct BatchSummary: Sendable, Hashable {
    /// The batch id.
    public var id: Int64
    /// The path as imported (the file name for batches from before paths were kept).
    public var path: String
    /// Rows it stored.
    public var loaded: Int
    /// When it was imported (UTC, ISO 8601; shown in local time).
    public var importedAt: String

    /// `批次 3（东湖/一季度救助发放表.csv，40 行，导入于 2026-12-01 16:00）` / `batch 3 (…, 40 rows, imported 2026-12-01 16:00)`.
    public var message: StoreMessage { .batch(id: id, path: path, rows: loaded, importedAt: importedAt) }

    /// The batch in the current language.
    public var description: String { message.text() }
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
    ///
    /// On PostgreSQL several imports may run at once. What they race for is settled by unique indexes; a
    /// file whose transaction lost such a race (a deadlock, a unit or batch another import committed first)
    /// is imported again from the start, so it ends as it would have after the other one.
    public func importFile(_ request: FileImportRequest, failAfterRows: Int? = nil) throws -> FileImportResult {
        var attempt = 0
        while true {
            do {
                return try importFileOnce(request, failAfterRows: failAfterRows)
            } catch let e as ConcurrentImportConflict {
                attempt += 1
                if attempt >= Store.importAttempts {
                    throw StoreError(file: (request.path as NSString).lastPathComponent, .cannotWrite(reason: e.error.message))
                }
                // A short, growing wait lets the other transaction finish.
                usleep(UInt32(20_000 * attempt))
            }
        }
    }

    /// How often a PostgreSQL import is tried when it loses a race to another import.
    static let importAttempts = 8

    private func importFileOnce(_ request: FileImportRequest, failAfterRows: Int?) throws -> FileImportResult {
        let fileName = (request.path as NSString).lastPathComponent
        // Hashed as a stream: the file is never held whole (the reader streams it again).
        let fileBytes: Int
        let sha: String
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: request.path)
            fileBytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
            sha = try SHA256.hex(fileAt: request.path)
        } catch {
            throw StoreError(file: fileName, .unreadable(missing: !FileManager.default.fileExists(atPath: request.path)))
        }
        let dataset = request.options.dataset
        var result = FileImportResult(status: .imported, file: fileName, dataset: dataset, sha256: sha)
        result.path = request.path

        // Members, aid and activities name units of the register: without one every row would be
        // rejected, and the batch would have to be replaced once the register is in.
        if dataset != .orgs {
            let units = try read { c in try c.fetchInt("SELECT COUNT(*) FROM org") ?? 0 }
            if units == 0 {
                throw StoreError(file: fileName, .registerFirst(dataset: dataset.rawValue))
            }
        }
        let earlier = try read { c in
            try c.fetchInt("SELECT id FROM importBatch WHERE sha256 = ? AND dataset = ?", [.text(sha), .text(dataset.rawValue)])
        }
        if let earlier, !request.replace && request.replaceBatch == nil {
            result.status = .alreadyImported
            result.batchId = earlier
            return result
        }
        let toReplace = try batchesToReplace(request, sha: sha, fileName: fileName)
        var options = request.options
        let writable = try writableUnits(file: fileName)
        if let writable {
            for b in toReplace {
                let owner = try read { c in try c.fetchOne("SELECT owner FROM importBatch WHERE id = ?", [.int(b.id)])?.text("owner") } ?? ""
                if owner != writable.login {
                    throw StoreError(file: fileName, .notOwnBatch(batch: b.message, owner: owner, login: writable.login))
                }
            }
            options.writable = writable
        }
        if let from = request.from, dataset != .orgs { options.scope = try scopeUnit(from, fileName: fileName) }

        // A sheet without a unit column may name its unit (one sheet per community): looked up in the register.
        if dataset != .orgs { options.register = try read { c in try BatchWriter.loadRegister(c) } }
        let importer = try SheetImporter(path: request.path, options: options)
        result.sheet = importer.diagnosticSheet
        result.format = importer.reader.format
        result.encoding = importer.reader.textEncoding
        result.headerRows = importer.layout.headerRowsLabel
        result.skippedSheets = importer.skippedSheets
        result.inferredColumns = importer.inferredColumns
        result.headers = headerLabels(importer.layout)
        let sheetNames = importer.dataSheets.indices.map { importer.diagnosticSheet($0) }
        result.sheets = importer.dataSheets.map { d in
            SheetResult(name: d.layout.sheet.name, headerRows: d.layout.headerRowsLabel, tally: SheetTally(), date: d.date,
                        statedPeriod: d.statedPeriod.map { "\($0.words) (\(d.statedPeriodSource?.text() ?? ""))" }, program: d.program,
                        unit: d.unit, kind: d.kind)
        }
        let district = dataset == .orgs ? try districtChoice(request, importer: importer) : nil

        do {
            var bulk = false
            // Bulk loads are the SQLite engine's (PostgreSQL keeps its indexes and checks each row against them).
            if dataset == .aid, request.bulkLoad != .never, engine == .sqlite {
                let stored = try read { c in try c.fetchInt("SELECT MAX(id) FROM disbursement") ?? 0 }
                bulk = request.bulkLoad.applies(fileBytes: fileBytes, storedRows: stored)
            }
            result.bulkLoaded = bulk
            try importTransaction(bulk: bulk) { db in
                    var replacedAny = false
                    if !toReplace.isEmpty {
                        let old = toReplace.map(\.id)
                        result.replacedBatches = toReplace
                        for id in old {
                            if bulk {
                                // Foreign keys are off, so ON DELETE CASCADE does not run: an aid batch's rows go by hand.
                                try db.execute("DELETE FROM disbursement WHERE batchId = ?", [.int(id)])
                                try db.execute("DELETE FROM importIssue WHERE batchId = ?", [.int(id)])
                            }
                            try db.execute("DELETE FROM importBatch WHERE id = ?", [.int(id)])
                        }
                        replacedAny = !old.isEmpty
                    }
                    let batchId = try db.insert("""
                        INSERT INTO importBatch (fileName, sha256, dataset, format, encoding, sheet, headerRows,
                            rowsRead, loaded, rejected, duplicates, warnings, importedAt, path)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)
                        """, [.text(fileName), .text(sha), .text(dataset.rawValue), .text(importer.reader.format.rawValue),
                              StoreValue(importer.reader.textEncoding?.rawValue),
                              .text(importer.dataSheets.map(\.layout.sheet.name).joined(separator: ", ")),
                              .text(importer.layout.headerRowsLabel), .text(Store.timestamp()), .text(request.path)])
                    result.batchId = batchId
                    let writer = try BatchWriter(conn: db, batchId: batchId, file: fileName, sheets: sheetNames, bulkAid: bulk,
                                                 register: options.register)
                    let sheetIndexByName = Dictionary(sheetNames.enumerated().compactMap { i, n in n.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
                    func sheetIndex(_ d: Diagnostic) -> Int { d.sheet.flatMap { sheetIndexByName[$0] } ?? 0 }
                    var rowIssues: [Diagnostic] = []
                    var orgRows: [ParsedRow] = []
                    result.tally = try importer.runPipelined(register: writer.register, keepDetails: false) { chunk in
                        for i in chunk.indices {
                            let sheet = chunk[i].sheetIndex
                            result.rows += 1
                            if !chunk[i].diagnostics.isEmpty { rowIssues += chunk[i].diagnostics }
                            switch chunk[i].record {
                            case nil:
                                result.rejected += 1
                                result.sheets[sheet].rejected += 1
                                result.rejectedRows.append(chunk[i])
                            case .org?:
                                orgRows.append(chunk[i])
                            case let record?:
                                if let dup = try writer.write(record, row: chunk[i].number, sheet: sheet) {
                                    result.duplicates += 1
                                    result.sheets[sheet].duplicates += 1
                                    rowIssues.append(dup)
                                } else {
                                    result.loaded += 1
                                    result.sheets[sheet].loaded += 1
                                    if let limit = failAfterRows, result.loaded >= limit { throw InjectedFailure() }
                                }
                            }
                        }
                    }
                    let lateDuplicates = try writer.finish()
                    result.duplicates += lateDuplicates.count
                    result.loaded -= lateDuplicates.count
                    for d in lateDuplicates {
                        result.sheets[sheetIndex(d)].duplicates += 1
                        result.sheets[sheetIndex(d)].loaded -= 1
                    }
                    rowIssues += lateDuplicates
                    rowIssues += writer.programWarnings()
                    if !orgRows.isEmpty {
                        // The street or town each sheet's title, name or file name names (a street's register of its communities).
                        let submitters: [Int64?] = importer.dataSheets.map { d in
                            (d.titles + [d.layout.sheet.name, (fileName as NSString).deletingPathExtension]).lazy
                                .compactMap { writer.register.unit(namedIn: $0) }.first { $0.kind == .street || $0.kind == .town }?.id
                        }
                        let outcome = try writer.writeOrgs(orgRows, district: district, writable: writable, submitters: submitters)
                        result.loaded += outcome.loaded
                        result.duplicates += outcome.duplicates
                        result.rejected += outcome.rejected.count
                        result.rejectedRows += outcome.rejected
                        rowIssues += outcome.issues
                        result.createdUnits = outcome.created
                        for (sheet, n) in outcome.updatedBySheet where sheet < result.sheets.count { result.sheets[sheet].updatedUnits = n }
                        // Per sheet: every org row is loaded unless it was rejected or a duplicate.
                        for r in orgRows { result.sheets[r.sheetIndex].loaded += 1 }
                        for r in outcome.rejected { result.sheets[r.sheetIndex].loaded -= 1; result.sheets[r.sheetIndex].rejected += 1 }
                        for d in outcome.issues where d.category == "duplicate" {
                            result.sheets[sheetIndex(d)].loaded -= 1
                            result.sheets[sheetIndex(d)].duplicates += 1
                        }
                    }
                    for (i, t) in result.tally.sheets.enumerated() where i < result.sheets.count { result.sheets[i].tally = t }
                    rowIssues += importer.fileDiagnostics
                    // In sheet order, then row and column: each issue's sheet looked up once.
                    result.issues = rowIssues.map { (sheetIndex($0), $0) }
                        .sorted { ($0.0, $0.1.row ?? 0, $0.1.column ?? 0) < ($1.0, $1.1.row ?? 0, $1.1.column ?? 0) }
                        .map(\.1)
                    result.warnings = result.issues.filter { $0.severity == .warning && $0.category != "duplicate" }.count
                    for d in result.issues where d.severity == .warning && d.category != "duplicate" && d.row != nil {
                        result.sheets[sheetIndex(d)].warnings += 1
                    }
                    try writer.record(issues: result.issues)
                    try db.execute("""
                        UPDATE importBatch SET rowsRead = ?, loaded = ?, rejected = ?, duplicates = ?, warnings = ? WHERE id = ?
                        """, [StoreValue(result.rows), StoreValue(result.loaded), StoreValue(result.rejected), StoreValue(result.duplicates),
                              StoreValue(result.warnings), .int(batchId)])
                    for (i, sh) in result.sheets.enumerated() {
                        try db.execute("""
                            INSERT INTO importSheet (batchId, position, name, headerRows, sheetRows, titleRows, dataRows, loaded, rejected,
                                duplicates, blankRows, footerRows, noteRows, sectionRows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, [.int(batchId), StoreValue(i), .text(sh.name), .text(sh.headerRows), StoreValue(sh.tally.sheetRows),
                                  StoreValue(sh.tally.titleRows), StoreValue(sh.tally.dataRows), StoreValue(sh.loaded), StoreValue(sh.rejected),
                                  StoreValue(sh.duplicates), StoreValue(sh.tally.blankRows), StoreValue(sh.tally.footerRows.count),
                                  StoreValue(sh.tally.noteRows.count), StoreValue(sh.tally.sectionRows.count)])
                    }
                    if request.strict && result.skippedSheets.contains(where: \.isData) {
                        result.status = .strictFailed
                        result.strictSkippedSheet = true
                        return false
                    }
                    if request.strict && result.rejected > 0 {
                        result.status = .strictFailed
                        return false
                    }
                    if request.dryRun {
                        result.status = .dryRun
                        return false
                    }
                    result.status = replacedAny ? .replaced : .imported
                    return true
            }
        } catch let e as DatabaseError {
            throw StoreError(file: fileName, .cannotWrite(reason: e.message ?? "\(e.resultCode)"))
        }
        if result.status != .imported && result.status != .replaced { result.batchId = nil }
        return result
    }

    /// The earlier batches `--replace` swaps for this file: `--replace-batch N`; else those with the same
    /// content; else the same path as given; else the same file name — refused when that is more than
    /// one, since two streets' files often share a name.
    private func batchesToReplace(_ request: FileImportRequest, sha: String, fileName: String) throws -> [BatchSummary] {
        guard request.replace || request.replaceBatch != nil else { return [] }
        let dataset = request.options.dataset
        return try read { db in
            func fetch(_ condition: String, _ args: [StoreValue]) throws -> [BatchSummary] {
                try db.fetchAll("""
                    SELECT id, COALESCE(path, fileName) AS path, loaded, importedAt FROM importBatch WHERE dataset = ? AND \(condition) ORDER BY id
                    """, [.text(dataset.rawValue)] + args).map {
                    BatchSummary(id: $0.int("id") ?? 0, path: $0.text("path") ?? "", loaded: Int($0.int("loaded") ?? 0),
                                 importedAt: $0.text("importedAt") ?? "")
                }
            }
            if let n = request.replaceBatch {
                let found = try fetch("id = ?", [.int(n)])
                if found.isEmpty {
                    let other = try db.fetchOne("SELECT dataset FROM importBatch WHERE id = ?", [.int(n)])?.text("dataset")
                    throw StoreError(file: fileName, other.map { .batchOfOtherDataset(batch: n, holds: $0, wanted: dataset.rawValue) }
                                     ?? .noSuchBatch(n))
                }
                return found
            }
            let same = try fetch("sha256 = ?", [.text(sha)])
            if !same.isEmpty { return same }
            let samePath = try fetch("path = ?", [.text(request.path)])
            if !samePath.isEmpty { return samePath }
            let sameName = try fetch("fileName = ?", [.text(fileName)])
            if sameName.count > 1 {
                throw StoreError(file: fileName, .ambiguousReplace(batches: sameName.map(\.message)))
            }
            return sameName
        }
    }

    /// What the login may write into a shared store whose row-level security binds it (PostgreSQL schema v3):
    /// the units given to it in `fulianAccess` and every unit under them. Nil when nothing binds the login —
    /// a SQLite store, the owner of the tables, a superuser, or a login given the whole store. A bound login
    /// given no unit is ``StoreMessage/noWritableUnits(login:)``.
    func writableUnits(file: String) throws -> WritableUnits? {
        guard engine == .postgresql else { return nil }
        return try read { c -> WritableUnits? in
            guard let me = try c.fetchOne("""
                SELECT current_user AS login, row_security_active('importbatch') AS bound, fulian_writes_everywhere(current_user) AS everywhere
                """), let login = me.text("login"), me.int("bound") == 1, me.int("everywhere") != 1 else { return nil }
            let units = try c.fetchAll("SELECT fulian_writable_units(current_user) AS id", []).compactMap { $0.int("id") }
            let granted = try c.fetchAll("SELECT orgId FROM fulianAccess WHERE login = current_user AND orgId IS NOT NULL ORDER BY orgId", [])
                .compactMap { $0.int("orgId") }
            if units.isEmpty { throw StoreError(file: file, .noWritableUnits(login: login)) }
            return WritableUnits(login: login, granted: granted, units: Set(units))
        }
    }

    /// The unit `--from` names: a name, code or path of the register, which must name one unit.
    private func scopeUnit(_ typed: String, fileName: String) throws -> Int64 {
        let register = try read { c in try BatchWriter.loadRegister(c) }
        return try register.fromUnit(typed, file: fileName).id
    }

    /// The district a register's new streets and towns go under: `--district`, else the one its title
    /// names, else the one district the store holds.
    private func districtChoice(_ request: FileImportRequest, importer: SheetImporter) throws -> DistrictChoice? {
        if let d = request.district { return DistrictChoice(name: OrgRegister.fold(d), source: "--district") }
        for title in importer.dataSheets.flatMap(\.titles) {
            if let d = OrgRegister.district(inTitle: title) { return DistrictChoice(name: d, source: "the title") }
        }
        if let d = OrgRegister.district(inTitle: (importer.fileName as NSString).deletingPathExtension) {
            return DistrictChoice(name: d, source: "the file name")
        }
        let districts = try read { c in try c.fetchTexts("SELECT name FROM org WHERE kind = 'district'") }
        return districts.count == 1 ? DistrictChoice(name: districts[0], source: "the store") : nil
    }

    /// Runs an import's one transaction on the store's engine; `body` says whether to commit.
    ///
    /// SQLite: a bulk load checks no foreign key row by row (every id it writes was read or made in this
    /// transaction; tests run `PRAGMA foreign_key_check` after bulk loads). It also leaves WAL for a rollback
    /// journal when no other connection has the store open, so its pages are written once instead of to the
    /// WAL and then again by the checkpoint; WAL comes back at the end. The page cache is raised for the
    /// file: person lookups and index builds stay in memory.
    private func importTransaction(bulk: Bool, _ body: (any StoreConnection) throws -> Bool) throws {
        if let postgres {
            try postgres.transaction(readOnly: false, failure: { e in
                if ConcurrentImportConflict.retryable.contains(e.sqlState) { return ConcurrentImportConflict(error: e) }
                // Refused by row-level security (42501) or a read-only login (25006).
                if e.sqlState == "42501" || e.sqlState == "25006" { return StoreError(.writeRefused(reason: e.message)) }
                return StoreError(.cannotWrite(reason: e.message))
            }) { c in ((), try body(c)) }
            return
        }
        try dbQueue.writeWithoutTransaction { db in
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
            try db.inTransaction { try body(SQLiteStoreConnection(db)) ? .commit : .rollback }
        }
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


/// A PostgreSQL import's transaction lost a race to a concurrent one: a deadlock (`40P01`), a
/// serialization failure (`40001`) or a unique index another import filled first (`23505`). The file is
/// imported again from the start.
struct ConcurrentImportConflict: Error {
    static let retryable: Set<String> = ["40P01", "40001", "23505"]
    var error: PostgresError
}
