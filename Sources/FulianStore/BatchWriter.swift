import Foundation
import FulianCore
import FulianImport
import GRDB
import GRDBSQLite

/// Writes the records of one batch inside its transaction, finding duplicates as it goes.
///
/// Both engines share every rule and message; the SQLite engine keeps its own fast paths for persons and
/// disbursements (prepared statements stepped through the C API, bulk loads), the others go through
/// ``StoreConnection``.
final class BatchWriter {
    let conn: any StoreConnection
    /// The GRDB database of a SQLite store, for its fast paths; nil on PostgreSQL.
    let sqlite: Database?
    let batchId: Int64
    let file: String
    /// The data sheets' names as diagnostics show them, by ``ParsedRow/sheetIndex`` (nil for CSV).
    let sheets: [String?]
    private(set) var register: OrgRegister
    private var programIds: [String: Int64] = [:]
    /// Program names exactly as written → id, so the fold runs once per spelling, not once per row.
    @exclusivity(unchecked) private var programIdsAsWritten: [ExactText: Int64] = [:]
    /// Persons met in this batch by ID number (its ``IDNumber/digits``), and (without an ID) by `name@orgId`.
    @exclusivity(unchecked) var personByID = PersonsByNumber()
    /// Whether the store held any person when the batch began: if not, a person not met in this
    /// batch is new, and no lookup is needed.
    private let storeHadPersons: Bool
    var personByName: [String: Int64] = [:]
    /// Disbursements are appended without their indexes, which ``finish()`` builds again (see ``BulkLoad``).
    let bulkAid: Bool
    private var findPerson: RawStatement?
    private var insertPerson: RawStatement?
    private var insertDisbursement: RawStatement?
    private var findDisbursement: RawStatement?
    private var readAppended: RawStatement?
    /// Bulk loads: the identities of the rows appended so far, and the id of the first (ids follow on).
    private var appended = AppendedIdentities()
    private var firstAppendedId: Int64 = 0
    /// Bulk loads: the rows skipped as repeating an earlier row of the file (as they come), reported by
    /// ``finish()`` with the row they repeat, which is kept.
    private var repeats: [(row: Int, sheet: String?, program: Int64, paidOn: String, fen: Int64, kept: Int64, keptRow: Int, keptSheet: String?)] = []
    /// Bulk loads: the programmes' stored names by id, for the duplicate warnings.
    private var programNames: [Int64: String] = [:]
    /// The connection of a PostgreSQL store, whose rows go through COPY (BatchWriter+Postgres.swift); nil on SQLite.
    let postgres: PostgresConnection?
    /// PostgreSQL: per ``PostgresStage``, the rows gathered and not sent yet, and the rows already in its temporary table.
    var staging = [PostgresCopyWriter](repeating: PostgresCopyWriter(), count: PostgresStage.allCases.count)
    var stagedRows = [Int](repeating: 0, count: PostgresStage.allCases.count)
    /// PostgreSQL: programme names as written in the batch's disbursements (a duplicate's warning names its own).
    var spellings: [String] = []
    var spellingIndex: [String: Int] = [:]
    /// PostgreSQL: the recipients staged so far, by ID number's digits and (without one) by person key.
    var stagedIDs: Set<Int64> = []
    var stagedNames: Set<String> = []
    /// PostgreSQL: the 64-bit hashes of the staged disbursements' identities (fewer than the rows: some repeat).
    var stagedIdentities: Set<Int> = []
    /// Each unit's district id (``district(of:)``), worked out once per unit.
    private var districtOf: [Int64: Int64] = [:]

    /// `register` is the org register when the caller has just read it (a data file's import, before its
    /// transaction); nil reads it here.
    init(conn: any StoreConnection, batchId: Int64, file: String, sheets: [String?], bulkAid: Bool = false,
         register: OrgRegister? = nil) throws {
        self.conn = conn
        sqlite = (conn as? SQLiteStoreConnection)?.db
        postgres = (conn as? PostgresStoreConnection)?.connection
        precondition(!bulkAid || sqlite != nil, "bulk loads are the SQLite engine's")
        self.batchId = batchId
        self.file = file
        self.sheets = sheets
        self.bulkAid = bulkAid
        storeHadPersons = try conn.fetchInt("SELECT EXISTS (SELECT 1 FROM person)").map { $0 != 0 } ?? true
        self.register = try register ?? BatchWriter.loadRegister(conn)
        for row in try conn.fetchAll("SELECT id, name FROM program", []) {
            if let name = row.text("name"), let id = row.int("id") { programIds[ProgramNames.key(name)] = id }
        }
        if bulkAid {
            try conn.execute("DROP INDEX \(Schema.disbursementIndex.name)")
            try conn.execute("DROP INDEX \(Schema.disbursementUnitIndex.name)")
            for row in try conn.fetchAll("SELECT id, name FROM program", []) {
                if let name = row.text("name"), let id = row.int("id") { programNames[id] = name }
            }
            // Into a store without persons, persons are appended too: the batch's own dictionary knows
            // every one of them, so the unique index is only needed at the end.
            if !storeHadPersons { try conn.execute("DROP INDEX \(Schema.personIndex.name)") }
        }
    }

    /// Ends the batch: in bulk mode, builds the disbursement indexes again and returns the duplicates: the
    /// rows skipped as repeating an earlier row of the file, and those that turned out to repeat a
    /// disbursement stored before the file (deleted, as streaming mode would have skipped them).
    func finish() throws -> [Diagnostic] {
        if let pg = postgres { return try finishPostgres(pg) }
        guard bulkAid, let db = sqlite else { return [] }
        // The reading thread is done: SQLite's sorter may use the cores it leaves idle for the index builds,
        // in runs small enough to sort within the processor's caches (1M aid rows: 2.5 s → 1.5 s, stop 23's note).
        let threadsBefore = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
        let cacheBefore = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? Store.importCacheSize
        try db.execute(sql: "PRAGMA threads = \(BatchWriter.sortThreads)")
        try db.execute(sql: "PRAGMA cache_size = \(BatchWriter.sortCacheSize)")
        defer {
            try? db.execute(sql: "PRAGMA threads = \(threadsBefore)")
            try? db.execute(sql: "PRAGMA cache_size = \(cacheBefore)")
        }
        if !storeHadPersons { try db.execute(sql: Schema.personIndex.sql) }
        var duplicates: [Diagnostic] = []
        // Rows deleted below for repeating a row of an earlier batch, by id: the place of the row kept.
        var keptElsewhere: [Int64: StoreMessage] = [:]
        let identity = Schema.disbursementIndex
        do {
            try db.execute(sql: identity.sql)
        } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
            // Two rows share (person, program, date, amount): every one but the earliest is a duplicate.
            // The file's own repeats were skipped as they came, so these repeat rows stored before the file.
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.id, d.sourceRow, d.sourceSheet, d.paidOn, d.amountFen, pr.name AS program, k.batchId AS keptBatch,
                       k.sourceRow AS keptRow, k.sourceSheet AS keptSheet, b.fileName AS keptFile
                FROM (SELECT personId, programId, paidOn, amountFen, MIN(id) AS keep FROM disbursement
                      GROUP BY personId, programId, paidOn, amountFen HAVING COUNT(*) > 1) g
                JOIN disbursement d ON d.personId = g.personId AND d.programId = g.programId AND d.paidOn = g.paidOn
                     AND d.amountFen = g.amountFen AND d.id <> g.keep
                JOIN disbursement k ON k.id = g.keep
                JOIN importBatch b ON b.id = k.batchId
                JOIN program pr ON pr.id = d.programId
                ORDER BY d.id
                """)
            let delete = try db.makeStatement(sql: "DELETE FROM disbursement WHERE id = ?")
            for r in rows {
                try delete.execute(arguments: [r["id"] as Int64])
                let keptBatch: Int64 = r["keptBatch"]
                let keptRow: Int = r["keptRow"]
                let place = BatchWriter.place(sameBatch: keptBatch == batchId, file: r["keptFile"], sheet: r["keptSheet"], row: keptRow)
                keptElsewhere[r["id"]] = place
                let what = StoreMessage.sameDisbursement(program: r["program"], date: r["paidOn"], yuan: Money(fen: r["amountFen"]).yuanString)
                duplicates.append(Diagnostic(severity: .warning, file: file, sheet: r["sourceSheet"], row: r["sourceRow"], category: "duplicate",
                                             message: .store(.duplicate(record: what, place: place))))
            }
            try db.execute(sql: identity.sql)
        }
        try db.execute(sql: Schema.disbursementUnitIndex.sql)
        // A repeat of a row that itself repeated an earlier batch's row repeats that one (as the
        // row-by-row load, which never stored the first, says).
        for r in repeats {
            let place = keptElsewhere[r.kept] ?? BatchWriter.place(sameBatch: true, file: file, sheet: r.keptSheet, row: r.keptRow)
            let what = StoreMessage.sameDisbursement(program: programNames[r.program] ?? "", date: r.paidOn, yuan: Money(fen: r.fen).yuanString)
            duplicates.append(Diagnostic(severity: .warning, file: file, sheet: r.sheet, row: r.row, category: "duplicate",
                                         message: .store(.duplicate(record: what, place: place))))
        }
        return duplicates
    }

    /// The helper threads SQLite's sorter may use to build a bulk load's indexes: one a core, at most four.
    static let sortThreads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
    /// The page cache while a bulk load's indexes are built (4 MiB, SQLite's negative-KiB form): it also sets
    /// the sorter's runs, and runs of 4 MiB sort faster than runs of the import's 16 MiB.
    static let sortCacheSize = -4096

    /// The org register as stored.
    static func loadRegister(_ conn: any StoreConnection) throws -> OrgRegister {
        var reg = OrgRegister()
        for row in try conn.fetchAll("SELECT id, name, kind, parentId, code FROM org ORDER BY id", []) {
            reg.add(.init(id: row.int("id") ?? 0, name: row.text("name") ?? "", kind: OrgKind(rawValue: row.text("kind") ?? "") ?? .other,
                          parentId: row.int("parentId")),
                    code: row.text("code"))
        }
        for row in try conn.fetchAll("SELECT orgId, name, until FROM orgName ORDER BY id", []) {
            if let until = CivilDate(iso: row.text("until") ?? ""), let org = row.int("orgId") {
                reg.addFormerName(row.text("name") ?? "", of: org, until: until)
            }
        }
        return reg
    }

    /// Stores a record of the data sheet `sheet` (its ``ParsedRow/sheetIndex``); returns a `duplicate`
    /// diagnostic instead when it is already stored.
    func write(_ record: ImportRecord, row: Int, sheet: Int = 0) throws -> Diagnostic? {
        if sheet != currentSheetIndex {
            currentSheetIndex = sheet
            currentSheet = sheets.indices.contains(sheet) ? sheets[sheet] : nil
        }
        switch record {
        case .org: preconditionFailure("orgs are written by writeOrgs")
        case .member(let m): return try writeMember(m, row: row)
        case .aid(let a): return try writeAid(a, row: row)
        case .activity(let a): return try writeActivity(a, row: row)
        }
    }

    /// The sheet of the row being written (nil for CSV), and its index (changed only between sheets).
    var currentSheet: String?
    private var currentSheetIndex = -1

    /// Where an earlier row is: `row 8 of this file`, `sheet 东湖街道 row 8 of this file`, `q1.xls row 8`,
    /// `q1.xlsx sheet 东湖街道 row 8` (本文件第 8 行 …).
    static func place(sameBatch: Bool, file: String, sheet: String?, row: Int) -> StoreMessage {
        sameBatch ? .rowOfThisFile(sheet: sheet, row: row) : .rowOfFile(file: file, sheet: sheet, row: row)
    }

    private func duplicate(row: Int, of table: String, id: Int64, what: StoreMessage) throws -> Diagnostic {
        let prior = try conn.fetchOne("""
            SELECT b.id, b.fileName, t.sourceRow, t.sourceSheet FROM \(table) t JOIN importBatch b ON b.id = t.batchId WHERE t.id = ?
            """, [.int(id)])
        var place: StoreMessage? = nil
        if let prior {
            place = BatchWriter.place(sameBatch: prior.int("id") == batchId, file: prior.text("fileName") ?? "", sheet: prior.text("sourceSheet"),
                                      row: Int(prior.int("sourceRow") ?? 0))
        }
        return Diagnostic(severity: .warning, file: file, sheet: currentSheet, row: row, category: "duplicate",
                          message: .store(.duplicate(record: what, place: place)))
    }

    private func personId(idNumber: IDNumber?, name: String, orgId: Int64, gender: @autoclosure () -> Gender?,
                          birth: @autoclosure () -> CivilDate?,
                          ethnicity: String? = nil, education: String? = nil, phone: String? = nil) throws -> Int64 {
        let fill = ethnicity != nil || education != nil || phone != nil
        let nameKey = idNumber == nil ? "\(name)@\(orgId)" : ""
        let digits = idNumber?.digits ?? 0
        if let id = idNumber == nil ? personByName[nameKey] : personByID[digits] {
            if fill { try fillPerson(id, ethnicity, education, phone) }
            return id
        }
        let key = idNumber.map { "id:\($0.value)" } ?? "name:\(nameKey)"
        var found: Int64? = nil
        let findSQL = "SELECT id FROM person WHERE personKey = ?"
        let insertSQL = """
            INSERT INTO person (personKey, idNumber, name, gender, birthDate, ethnicity, education, phone)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        if storeHadPersons {
            if let db = sqlite {
                let find = try RawStatement.cached(&findPerson, db, findSQL)
                find.bind(1, key)
                found = try find.fetchInt64()
            } else {
                found = try conn.fetchInt(findSQL, [.text(key)])
            }
        }
        let id: Int64
        if let found {
            id = found
            if fill { try fillPerson(id, ethnicity, education, phone) }
        } else if let db = sqlite {
            let insert = try RawStatement.cached(&insertPerson, db, insertSQL)
            insert.bind(1, key)
            insert.bind(2, idNumber?.value)
            insert.bind(3, name)
            insert.bind(4, gender().map { $0 == .female ? "F" : "M" })
            insert.bind(5, birth())
            insert.bind(6, ethnicity)
            insert.bind(7, education)
            insert.bind(8, phone)
            try insert.run()
            id = db.lastInsertedRowID
        } else {
            id = try conn.insert(insertSQL, [.text(key), StoreValue(idNumber?.value), .text(name), StoreValue(gender().map { $0 == .female ? "F" : "M" }),
                                             StoreValue(birth()?.iso), StoreValue(ethnicity), StoreValue(education), StoreValue(phone)])
        }
        if idNumber != nil { personByID[digits] = id } else { personByName[nameKey] = id }
        return id
    }

    private func fillPerson(_ id: Int64, _ ethnicity: String?, _ education: String?, _ phone: String?) throws {
        try conn.execute("""
            UPDATE person SET ethnicity = COALESCE(ethnicity, ?), education = COALESCE(education, ?), phone = COALESCE(phone, ?)
            WHERE id = ?
            """, [StoreValue(ethnicity), StoreValue(education), StoreValue(phone), .int(id)])
    }

    private func writeMember(_ m: MemberRecord, row: Int) throws -> Diagnostic? {
        if postgres != nil {
            // Gathered for COPY; duplicates come back from finish().
            try stagePostgresMember(m, row: row)
            return nil
        }
        let pid = try personId(idNumber: m.idNumber, name: m.name, orgId: m.orgId, gender: m.gender, birth: m.birthDate,
                               ethnicity: m.ethnicity, education: m.education, phone: m.phone)
        if let existing = try conn.fetchInt("""
            SELECT id FROM membership WHERE personId = ? AND orgId = ? AND role = ? AND termStart IS NOT DISTINCT FROM ?
            """, [.int(pid), .int(m.orgId), .text(m.role.rawValue), StoreValue(m.termStart?.iso)]) {
            return try duplicate(row: row, of: "membership", id: existing, what: .sameRecord(table: "membership"))
        }
        try conn.execute("""
            INSERT INTO membership (personId, orgId, role, termStart, termEnd, tags, batchId, sourceRow, sourceSheet)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.int(pid), .int(m.orgId), .text(m.role.rawValue), StoreValue(m.termStart?.iso), StoreValue(m.termEnd?.iso), StoreValue(m.tags),
                  .int(batchId), .int(Int64(row)), StoreValue(currentSheet)])
        return nil
    }

    /// New programme spellings close to a known one: the programme it may be, and where it was first met.
    private var doubtfulPrograms: [(id: Int64, name: String, suggestion: String, sheet: String?, row: Int)] = []
    /// Rows written with each doubtful programme id (empty for nearly every file: one check per row).
    private var doubtfulRows: [Int64: Int] = [:]

    private func programId(_ name: String, row: Int) throws -> Int64 {
        if let id = programIdsAsWritten[ExactText(name)] { return id }
        let key = ProgramNames.key(name)
        if let id = programIds[key] {
            programIdsAsWritten[ExactText(name)] = id
            return id
        }
        let known = try conn.fetchTexts("SELECT name FROM program ORDER BY id")
        // Another import running at the same time (PostgreSQL) may have stored the same spelling first.
        try conn.execute("INSERT INTO program (name) VALUES (?) ON CONFLICT (name) DO NOTHING", [.text(name)])
        guard let id = try conn.fetchInt("SELECT id FROM program WHERE name = ?", [.text(name)]) else {
            preconditionFailure("program \(name) neither inserted nor found")
        }
        programIds[key] = id
        programIdsAsWritten[ExactText(name)] = id
        programNames[id] = name
        if let s = ProgramNames.suggestion(for: name, known: known) {
            doubtfulPrograms.append((id, name, s, currentSheet, row))
            doubtfulRows[id] = 0
        }
        return id
    }

    /// One `unknown-program` warning per new spelling that is close to a known programme, with the
    /// rows that use it (call after the rows are written).
    func programWarnings() -> [Diagnostic] {
        doubtfulPrograms.map { p in
            let n = doubtfulRows[p.id] ?? 0
            return Diagnostic(severity: .warning, file: file, sheet: p.sheet, row: p.row, field: "program", category: "unknown-program",
                message: .store(.unknownProgram(name: p.name, suggestion: p.suggestion, rows: n)), suggestion: p.suggestion)
        }
    }

    private func writeAid(_ a: AidRecord, row: Int) throws -> Diagnostic? {
        if postgres != nil {
            // Gathered for COPY; duplicates come back from finish().
            let prog = try programId(a.program, row: row)
            if !doubtfulRows.isEmpty, let n = doubtfulRows[prog] { doubtfulRows[prog] = n + 1 }
            try stagePostgresAid(a, programId: prog, row: row)
            return nil
        }
        let pid = try personId(idNumber: a.idNumber, name: a.name, orgId: a.orgId, gender: a.idNumber?.gender, birth: a.idNumber?.birthDate)
        let prog = try programId(a.program, row: row)
        if !doubtfulRows.isEmpty, let n = doubtfulRows[prog] { doubtfulRows[prog] = n + 1 }
        let findSQL = "SELECT id FROM disbursement WHERE personId = ? AND programId = ? AND paidOn = ? AND amountFen = ?"
        let insertSQL = """
            INSERT INTO disbursement (personId, programId, orgId, paidOn, amountFen, source, household, note, batchId, sourceRow, sourceSheet)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let db = sqlite!   // the only other engine, PostgreSQL, returned above
        if !bulkAid {
            let find = try RawStatement.cached(&findDisbursement, db, findSQL)
            find.bind(1, pid)
            find.bind(2, prog)
            find.bind(3, a.paidOn)
            find.bind(4, a.amount.fen)
            if let existing = try find.fetchInt64() {
                return try duplicate(row: row, of: "disbursement", id: existing,
                                     what: .sameDisbursement(program: a.program, date: a.paidOn.iso, yuan: a.amount.yuanString))
            }
        }
        var fingerprint: UInt64 = 0
        if bulkAid {
            let day = Int64(a.paidOn.year * 10_000 + a.paidOn.month * 100 + a.paidOn.day)
            fingerprint = AppendedIdentities.fingerprint(person: pid, program: prog, day: day, fen: a.amount.fen)
            if let kept = try appendedRow(fingerprint, person: pid, program: prog, paidOn: a.paidOn, fen: a.amount.fen) {
                repeats.append((row, currentSheet, prog, a.paidOn.iso, a.amount.fen, kept.id, kept.row, kept.sheet))
                return nil
            }
        }
        let insert = try RawStatement.cached(&insertDisbursement, db, insertSQL)
        insert.bind(1, pid)
        insert.bind(2, prog)
        insert.bind(3, a.orgId)
        insert.bind(4, a.paidOn)
        insert.bind(5, a.amount.fen)
        insert.bind(6, a.source)
        insert.bind(7, a.household)
        insert.bind(8, a.note)
        insert.bind(9, batchId)
        insert.bind(10, Int64(row))
        insert.bind(11, currentSheet)
        try insert.run()
        if bulkAid {
            if appended.count == 0 { firstAppendedId = db.lastInsertedRowID }
            // Ids follow on in one transaction; were one ever not the next, the ordinals would name wrong
            // rows, so the table is given up and the unique index build finds the rest (as before it existed).
            if findsRepeats, db.lastInsertedRowID == firstAppendedId + Int64(appended.count) {
                appended.append(fingerprint)
            } else {
                findsRepeats = false
            }
        }
        return nil
    }

    /// Bulk loads: whether ``appended`` still holds every appended row.
    private var findsRepeats = true

    /// Bulk loads: the appended row with this identity (its id, sheet row and sheet), if any.
    private func appendedRow(_ fingerprint: UInt64, person: Int64, program: Int64, paidOn: CivilDate, fen: Int64) throws
        -> (id: Int64, row: Int, sheet: String?)? {
        guard findsRepeats, let db = sqlite else { return nil }
        var found: (id: Int64, row: Int, sheet: String?)?
        _ = try appended.first(fingerprint) { ordinal in
            let id = firstAppendedId + Int64(ordinal)
            let read = try RawStatement.cached(&readAppended, db, """
                SELECT sourceRow, sourceSheet FROM disbursement
                WHERE id = ? AND personId = ? AND programId = ? AND paidOn = ? AND amountFen = ?
                """)
            read.bind(1, id)
            read.bind(2, person)
            read.bind(3, program)
            read.bind(4, paidOn)
            read.bind(5, fen)
            guard let row = try read.fetchRow() else { return false }
            found = (id, Int(row.int), row.text)
            return true
        }
        return found
    }

    private func writeActivity(_ a: ActivityRecord, row: Int) throws -> Diagnostic? {
        if postgres != nil {
            // Gathered for COPY; duplicates come back from finish().
            try stagePostgresActivity(a, row: row)
            return nil
        }
        let args: [StoreValue] = [StoreValue(a.title), .text(a.kind.rawValue), .int(a.orgId), .text(a.heldOn.iso), StoreValue(a.participants),
                                  StoreValue(a.employers), StoreValue(a.positions), StoreValue(a.seekers), StoreValue(a.placements),
                                  StoreValue(a.trainees)]
        if let existing = try conn.fetchInt("""
            SELECT id FROM activity WHERE title IS NOT DISTINCT FROM ? AND kind = ? AND orgId = ? AND heldOn = ?
              AND participants IS NOT DISTINCT FROM ? AND employers IS NOT DISTINCT FROM ? AND positions IS NOT DISTINCT FROM ?
              AND seekers IS NOT DISTINCT FROM ? AND placements IS NOT DISTINCT FROM ? AND trainees IS NOT DISTINCT FROM ?
            """, args) {
            return try duplicate(row: row, of: "activity", id: existing, what: .sameRecord(table: "activity"))
        }
        try conn.execute("""
            INSERT INTO activity (title, kind, orgId, heldOn, participants, employers, positions, seekers, placements, trainees,
                batchId, sourceRow, sourceSheet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, args + [.int(batchId), .int(Int64(row)), StoreValue(currentSheet)])
        return nil
    }

    /// Outcome of writing a register file.
    struct OrgOutcome {
        var loaded = 0
        var duplicates = 0
        var rejected: [ParsedRow] = []
        var issues: [Diagnostic] = []
        /// Units the file names only as parents (its streets and towns), created with their level.
        var created: [CreatedUnit] = []
        /// Stored units the file updated, by data sheet (``ParsedRow/sheetIndex``).
        var updatedBySheet: [Int: Int] = [:]
    }

    /// Upserts the units of a register file.
    ///
    /// A unit is identified by its code when it has one, else by its place: its parent and its name
    /// (幸福社区 under 石马河街道 is not 幸福社区 under 花园街道). A file may hold one district or a whole
    /// city: a row's district is its 所属区县 cell, else its sheet's name when that names a district (one
    /// sheet per district), else `district`; a row without a parent is put under the district its row
    /// or sheet names, and parent names are looked for in that district first. Re-importing updates the
    /// units it identifies: a unit found by code (or by 原名称) under a new name is renamed, its former
    /// name kept in `orgName` (still resolving for rows dated before the change, 更名日期 or today).
    ///
    /// A register of communities and villages often names its streets and towns only in a parent
    /// column: a parent that is neither stored nor in the file, but whose name says its level (街道,
    /// 镇, 乡), is created as a unit of that level under the row's district (and listed in
    /// ``OrgOutcome/created``). A parent that looks like a typo of a known unit of its level, or of a
    /// parent the file names more often, is not created: its rows are rejected with the suggestion. Any
    /// other unknown parent is rejected too. A 12-digit code that does not start with its parent's code
    /// is a `code-prefix` warning naming both.
    ///
    /// With `writable` (a shared store's login bound by its access rights), a row is rejected
    /// (`outside-scope`) when the unit it updates is not the login's, or when a new unit would not lie
    /// under one of the login's units; a unit the file would create there is not created.
    ///
    /// `submitters` gives, by data sheet, the stored street or town the sheet's title, name or file name
    /// names (石马河街道社区妇联组织建设情况统计表): a community, village or other unit of such a sheet
    /// without a parent goes under it. A unit that still has no parent, in a sheet without a parent
    /// column, keeps its stored place, or is a `no-parent` warning when new.
    func writeOrgs(_ rows: [ParsedRow], district: DistrictChoice? = nil, writable: WritableUnits? = nil,
                   submitters: [Int64?] = []) throws -> OrgOutcome {
        var out = OrgOutcome()
        func sheetName(_ r: ParsedRow) -> String? { sheets.indices.contains(r.sheetIndex) ? sheets[r.sheetIndex] : nil }
        /// The district a row names itself (its 所属区县 cell, else its sheet's name) and where from.
        func rowDistrict(_ row: ParsedRow, _ o: OrgRecord) -> DistrictChoice? {
            if let d = o.district { return DistrictChoice(name: d, source: "the 所属区县 column") }
            if sheets.count > 1, let s = sheetName(row), let d = OrgRegister.district(inTitle: s) {
                return DistrictChoice(name: d, source: "the sheet name")
            }
            return nil
        }
        var seen: [String: (sheet: String?, row: Int)] = [:]
        var accepted: [(row: ParsedRow, org: OrgRecord, district: DistrictChoice?, own: Bool)] = []
        for row in rows {
            guard case .org(let o)? = row.record else { continue }
            let own = rowDistrict(row, o)
            let d = own ?? district
            let key = (own?.name ?? "") + "|" + (o.parentName ?? "") + "|" + o.name
            if let first = seen[key] {
                out.duplicates += 1
                out.issues.append(Diagnostic(severity: .warning, file: file, sheet: sheetName(row), row: row.number, category: "duplicate",
                                             message: .store(.unitListedTwice(name: o.name, sheet: first.sheet, row: first.row))))
                continue
            }
            seen[key] = (sheetName(row), row.number)
            accepted.append((row, o, d, own != nil))
        }
        // Every unit of the file, without its parent yet (temporary negative ids): parent names that the
        // file itself lists resolve against it.
        var flat = register
        var nextTemp: Int64 = -1
        for a in accepted where flat.unit(named: a.org.name) == nil {
            flat.add(.init(id: nextTemp, name: a.org.name, kind: a.org.kind, parentId: nil))
            nextTemp -= 1
        }
        // A parent column names streets, towns or the district: a bare 东湖 is the street 东湖街道 even
        // where a community 东湖社区 exists.
        let parentLevels: Set<OrgKind> = [.city, .district, .street, .town]
        func resolve(_ p: String, in reg: OrgRegister, scope: Int64?) -> Result<OrgRegister.Unit, OrgRegister.Failure> {
            let any = reg.resolve(p, within: scope)
            if case .failure = any, case .success(let u) = reg.resolve(p, levels: parentLevels, within: scope) { return .success(u) }
            return any
        }
        // Parents the file names that are nowhere yet, by district, with how many rows name each.
        var unknownParents: [String: [String: Int]] = [:]
        for a in accepted {
            guard let p = a.org.parentName, case .failure(.unknown) = resolve(p, in: flat, scope: nil) else { continue }
            unknownParents[a.district?.name ?? "", default: [:]][OrgRegister.fold(p), default: 0] += 1
        }
        // Which of them to create: a level in the name, and no more frequent spelling one edit away.
        var creatable: [String: (kind: OrgKind, typo: String?)] = [:]
        for (d, parents) in unknownParents {
            for (p, count) in parents {
                guard let kind = OrgRegister.kind(ofName: p), kind == .street || kind == .town else { continue }
                var rival: String? = nil
                for (other, otherCount) in parents where other != p && OrgRegister.kind(ofName: other) == kind {
                    let more = otherCount > count || (otherCount == count && other < p)
                    if more && OrgRegister.editDistance(Array(other), Array(p), limit: 1) <= 1 { rival = other; break }
                }
                let known: String?
                if case .failure(.unknown(let s?)) = flat.resolve(p, levels: [kind]) { known = s } else { known = nil }
                creatable[d + "|" + p] = (kind, known ?? rival)
            }
        }

        // Where each unit goes, decided in tier order (cities, districts, streets, communities, the rest)
        // so a parent name is looked for under the row's district, over the stored units and this file's
        // placed so far (new ones with temporary negative ids). Nothing is written yet: new units take
        // their ids in file order afterwards, so register order stays the order of the file.
        var placed = register
        var existing: [Int: Int64] = [:]       // accepted index → the stored unit it updates
        var target: [Int: Int64] = [:]         // accepted index → its id (stored, or temporary)
        var parentOf: [Int: Int64] = [:]       // accepted index → its parent's id (stored, or temporary)
        var laterParent: [(index: Int, name: String)] = []
        var created: [(temp: Int64, name: String, kind: OrgKind, parent: Int64?, choice: DistrictChoice?)] = []
        var districtIds: [String: Int64] = [:]
        var createdParents: [String: Int64] = [:]
        var rejected: Set<Int> = []
        var nextTempId: Int64 = -1
        func temp() -> Int64 { defer { nextTempId -= 1 }; return nextTempId }
        func tier(_ k: OrgKind) -> Int {
            switch k {
            case .city: 0
            case .district: 1
            case .street, .town: 2
            case .community, .village: 3
            default: 4
            }
        }
        /// The id of the district `d` (stored, in the file, or to be created under the one city the register holds).
        func districtId(_ d: DistrictChoice) -> Int64 {
            if let id = districtIds[d.name] { return id }
            let id: Int64
            if case .success(let u) = placed.resolve(d.name, levels: [.district]) {
                id = u.id
            } else {
                let cities = placed.units.filter { $0.kind == .city }
                let parent = cities.count == 1 ? cities[0].id : nil
                id = temp()
                placed.add(.init(id: id, name: d.name, kind: .district, parentId: parent))
                created.append((id, d.name, .district, parent, d))
            }
            districtIds[d.name] = id
            return id
        }
        var noDistrict = false
        let order = accepted.indices.sorted { (tier(accepted[$0].org.kind), $0) < (tier(accepted[$1].org.kind), $1) }
        for i in order {
            let (row, o, d, own) = accepted[i]
            var parentId: Int64? = nil
            var scope: Int64? = nil
            if let d, !(o.kind == .district && d.name == o.name) {
                if own || o.parentName.map({ creatable[d.name + "|" + OrgRegister.fold($0)] != nil }) == true {
                    scope = districtId(d)
                } else if case .success(let u) = placed.resolve(d.name, levels: [.district]) {
                    scope = u.id
                }
            }
            if let p = o.parentName {
                let result = resolve(p, in: placed, scope: scope)
                let fileResult = resolve(p, in: flat, scope: nil)
                let key = (d?.name ?? "") + "|" + OrgRegister.fold(p)
                if case .success(let u) = result, u.name != o.name {
                    parentId = u.id
                } else if case .success(let u) = fileResult, u.id < 0, u.name != o.name {
                    // A parent of the same or a lower tier, listed later in the file: linked once it is written.
                    laterParent.append((i, u.name))
                } else if case .failure(.unknown) = fileResult, let c = creatable[key], c.typo == nil {
                    if let id = createdParents[key] {
                        parentId = id
                    } else {
                        let under = d.map(districtId)
                        if d == nil { noDistrict = true }
                        let id = temp()
                        placed.add(.init(id: id, name: OrgRegister.fold(p), kind: c.kind, parentId: under))
                        created.append((id, OrgRegister.fold(p), c.kind, under, d))
                        createdParents[key] = id
                        parentId = id
                    }
                } else {
                    var bad = row
                    bad.record = nil
                    let failure: OrgRegister.Failure? = { if case .failure(let f) = result { f } else if case .failure(let f) = fileResult { f } else { nil } }()
                    var suggestion: String? = nil
                    if case .unknown? = failure, let typo = creatable[key]?.typo { suggestion = typo }
                    else if case .unknown(let s?)? = failure { suggestion = s }
                    if case .ambiguousPlaces(let paths)? = failure {
                        bad.diagnostics.append(Diagnostic(severity: .error, file: file, sheet: sheetName(row), row: row.number,
                            field: "parent", category: "ambiguous-org", message: .importing(.ambiguousOrg(name: p, paths: paths))))
                    } else {
                        let message: StoreMessage
                        if case .ambiguous(let names)? = failure { message = .ambiguousParent(name: p, matches: names) }
                        else { message = .unknownParent(name: p, suggestion: suggestion) }
                        bad.diagnostics.append(Diagnostic(severity: .error, file: file, sheet: sheetName(row), row: row.number,
                            category: "unknown-org", message: .store(message), suggestion: suggestion))
                    }
                    out.issues.append(bad.diagnostics[bad.diagnostics.count - 1])  // its other problems are already listed
                    out.rejected.append(bad)
                    rejected.insert(i)
                    continue
                }
            } else if own, let scope, o.kind != .city {
                parentId = scope
            } else if let d, o.kind == .street || o.kind == .town {
                // A street's own row without a parent (城南街道 listed beside its communities) belongs to the
                // district the file or the store names.
                parentId = districtId(d)
            } else if tier(o.kind) >= 3, submitters.indices.contains(row.sheetIndex), let s = submitters[row.sheetIndex],
                      placed.unit(id: s)?.name != o.name {
                // A street's register of its communities, without a parent column: the street its title names.
                parentId = s
            }
            var identified = try identify(o, parentId: parentId, placed: placed)
            if identified == nil, parentId == nil, !o.columns.contains(.parent) {
                // No parent anywhere in the sheet: the one stored unit of the name (kept where it is).
                let named = placed.units(named: o.name).filter { $0.id > 0 }
                if named.count == 1 { identified = named[0].id }
            }
            if identified == nil, parentId == nil, tier(o.kind) >= 3, !laterParent.contains(where: { $0.index == i }) {
                out.issues.append(Diagnostic(severity: .warning, file: file, sheet: sheetName(row), row: row.number, category: "no-parent",
                                             message: .store(.noParent(name: o.name))))
            }
            if let writable, !mayPlace(identified, under: parentId, in: placed, writable) {
                var bad = row
                bad.record = nil
                let shown = identified.flatMap { placed.unit(id: $0) } ?? OrgRegister.Unit(id: 0, name: o.name, kind: o.kind, parentId: parentId)
                let d = Diagnostic(severity: .error, file: file, sheet: sheetName(row), row: row.number, category: "outside-scope",
                                   message: writable.refusal(of: shown, in: placed))
                bad.diagnostics.append(d)
                out.issues.append(d)
                out.rejected.append(bad)
                rejected.insert(i)
                // Still placed, so the rows under it resolve their parent (and are refused as well).
                if identified == nil { placed.add(.init(id: temp(), name: o.name, kind: o.kind, parentId: parentId)) }
                continue
            }
            let id: Int64
            if let e = identified {
                existing[i] = e
                id = e
                let unit = OrgRegister.Unit(id: e, name: o.name, kind: o.kind, parentId: parentId)
                if placed.unit(id: e) != unit || placed.code(of: e) != o.code { placed.replace(unit, code: o.code) }
            } else {
                id = temp()
                placed.add(.init(id: id, name: o.name, kind: o.kind, parentId: parentId), code: o.code)
            }
            target[i] = id
            if let parentId { parentOf[i] = parentId }
            if o.kind == .district { districtIds[o.name] = id }
        }
        // Real ids: new units of the file in file order, then the created districts, then the created
        // streets and towns by name.
        var real: [Int64: Int64] = [:]
        var next = (try conn.fetchInt("SELECT MAX(id) FROM org") ?? 0) + 1
        for i in accepted.indices where !rejected.contains(i) && existing[i] == nil {
            real[target[i]!] = next
            next += 1
        }
        if let writable {
            created.removeAll { !mayPlace(nil, under: $0.parent, in: placed, writable) }
        }
        let createdOrder = created.filter { $0.kind == .district } + created.filter { $0.kind != .district }.sorted { $0.name < $1.name }
        for c in createdOrder {
            real[c.temp] = next
            next += 1
        }
        func resolved(_ id: Int64?) -> Int64? { id.map { $0 < 0 ? real[$0]! : $0 } }
        // Written in tier order, so every parent exists before its children: the file's cities and
        // districts, the created districts, the created streets and towns, then the rest of the file.
        var written: [(index: Int, id: Int64)] = []
        func writeRows(_ rows: ArraySlice<Int>) throws {
            for i in rows where !rejected.contains(i) {
                let (row, o, _, _) = accepted[i]
                let id = resolved(target[i])!
                try write(o, id: id, updating: existing[i] != nil, parentId: resolved(parentOf[i]), row: row, sheet: sheetName(row))
                if existing[i] != nil { out.updatedBySheet[row.sheetIndex, default: 0] += 1 }
                written.append((i, id))
                out.loaded += 1
            }
        }
        let upper = order.firstIndex { tier(accepted[$0].org.kind) >= 2 } ?? order.count
        try writeRows(order[..<upper])
        for c in created.filter({ $0.kind == .district }) + created.filter({ $0.kind != .district }) {
            try conn.execute("INSERT INTO org (id, kind, name, parentId, batchId) VALUES (?, ?, ?, ?, ?)",
                             [.int(real[c.temp]!), .text(c.kind.rawValue), .text(c.name), StoreValue(resolved(c.parent)), .int(batchId)])
        }
        try writeRows(order[upper...])
        out.created = createdOrder.map { CreatedUnit(name: $0.name, kind: $0.kind, parent: $0.kind == .district ? nil : $0.choice?.name,
                                                     source: $0.choice?.source) }
        // Parents listed after their children in the same tier.
        var byName: [String: Int64] = [:]
        for (i, id) in written where byName[accepted[i].org.name] == nil { byName[accepted[i].org.name] = id }
        for (index, name) in laterParent {
            guard let child = resolved(target[index]), let parent = byName[name], parent != child else { continue }
            try conn.execute("UPDATE org SET parentId = ? WHERE id = ?", [.int(parent), .int(child)])
        }
        if noDistrict {
            out.issues.append(Diagnostic(severity: .warning, file: file, category: "no-district",
                message: .store(.noDistrict(units: created.filter { $0.kind != .district }.map(\.name).sorted()))))
        }
        let before = register
        register = try BatchWriter.loadRegister(conn)
        if postgres != nil { try moveDistricts(from: before) }
        // Codes that contradict their parent's, in file order.
        for (i, id) in written.sorted(by: { $0.index < $1.index }) {
            guard let u = register.unit(id: id), let code = register.code(of: id), OrgRegister.codePrefix(code) != nil,
                  let p = u.parentId.flatMap({ register.unit(id: $0) }), let pc = register.code(of: p.id), let prefix = OrgRegister.codePrefix(pc),
                  !code.hasPrefix(prefix) else { continue }
            let row = accepted[i].row
            out.issues.append(Diagnostic(severity: .warning, file: file, sheet: sheetName(row), row: row.number,
                column: nil, field: "code", category: "code-prefix",
                message: .importing(.codePrefixMismatch(name: register.path(of: u), code: code, parent: register.path(of: p), parentCode: pc))))
        }
        return out
    }

    /// Whether a login bound by `writable` may write a unit of the register: the stored unit `existing`
    /// (nil for a new one) placed under `parent` (stored, or new in this file: negative). A stored unit
    /// must be the login's; its new place, and a new unit's, must lie under a unit the login may write.
    /// A unit given to the login keeps its own place (its parent is above the login's units).
    private func mayPlace(_ existing: Int64?, under parent: Int64?, in placed: OrgRegister, _ writable: WritableUnits) -> Bool {
        if let e = existing {
            guard writable.allows(e) else { return false }
            if writable.granted.contains(e) { return true }
        }
        // The first stored unit up from the parent (new units of the file lie under it).
        var cur = parent
        var n = 0
        while let id = cur, id < 0, n < 64 {
            cur = placed.unit(id: id)?.parentId
            n += 1
        }
        guard let stored = cur, stored > 0 else { return false }
        return writable.allows(stored)
    }

    /// The stored unit a register row describes: by code; else by parent and name; else by parent and
    /// 原名称; else the one unit of that name in the same district (a community given to another street).
    /// Nil for a new unit. `parentId` may be a unit of this file not written yet (negative).
    private func identify(_ o: OrgRecord, parentId: Int64?, placed: OrgRegister) throws -> Int64? {
        var found: Int64? = nil
        if let code = o.code, !code.isEmpty {
            found = try conn.fetchInt("SELECT id FROM org WHERE code = ? ORDER BY id LIMIT 1", [.text(code)])
        }
        var atPlace: Int64? = nil
        if parentId.map({ $0 > 0 }) ?? true {
            let sameParent = "COALESCE(parentId, 0) = COALESCE(?, 0)"
            atPlace = try conn.fetchInt("SELECT id FROM org WHERE \(sameParent) AND name = ?", [StoreValue(parentId), .text(o.name)])
            if found == nil { found = atPlace }
            if found == nil, let former = o.formerName {
                found = try conn.fetchInt("SELECT id FROM org WHERE \(sameParent) AND name = ?", [StoreValue(parentId), .text(former)])
            }
        }
        if found == nil {
            let named = placed.units(named: o.name).filter { $0.id > 0 && (o.code == nil || placed.code(of: $0.id) == nil) }
            if named.count == 1, let top = topDistrict(named[0].id, placed), top == parentId.flatMap({ topDistrict($0, placed) }) {
                found = named[0].id
            }
        }
        // Another unit already holds the place: that one is the unit (a code given to a unit stored without one).
        if let f = found, let a = atPlace, a != f { found = a }
        return found
    }

    /// Writes one unit of a register file: updates the stored unit `id` (keeping its former name when it
    /// is renamed), or inserts it with that id.
    private func write(_ o: OrgRecord, id: Int64, updating: Bool, parentId: Int64?, row: ParsedRow, sheet: String?) throws {
        let args: [StoreValue] = [.text(o.kind.rawValue), StoreValue(o.code), StoreValue(o.federation.storedValue),
                                  StoreValue(o.womensHome.storedValue), .bool(o.workCovered), StoreValue(o.established?.iso),
                                  StoreValue(o.dissolved?.iso), StoreValue(o.women), .int(batchId), .int(Int64(row.number)),
                                  StoreValue(sheet), StoreValue(parentId), .text(o.name)]
        if updating {
            let old = try conn.fetchOne("SELECT name FROM org WHERE id = ?", [.int(id)])?.text("name")
            if let old, old != o.name {
                let until = o.renamedOn?.iso ?? String(Store.timestamp().prefix(10))
                try conn.execute("INSERT INTO orgName (orgId, name, until, batchId) VALUES (?, ?, ?, ?)",
                                 [.int(id), .text(old), .text(until), .int(batchId)])
            }
            // The facts the sheet has no column for keep their stored values.
            // args[0..<8] are the facts in OrgColumns.facts' order (the parent is args[11], below).
            var sets: [String] = []
            var values: [StoreValue] = []
            for (i, f) in OrgColumns.facts.enumerated() where f.bit != .parent && o.columns.contains(f.bit) {
                sets.append("\(f.column) = ?")
                values.append(args[i])
            }
            // Without a parent column or a parent from the file (a heading row, the title), the stored place stays.
            let keepsPlace = parentId == nil && !o.columns.contains(.parent)
            let tail: [(String, StoreValue)] = [("batchId", args[8]), ("sourceRow", args[9]), ("sourceSheet", args[10]), ("parentId", args[11]),
                                                ("name", args[12])].filter { !(keepsPlace && $0.0 == "parentId") }
            try conn.execute("""
                UPDATE org SET \((sets + tail.map { "\($0.0) = ?" }).joined(separator: ", "))
                WHERE id = ?
                """, values + tail.map(\.1) + [.int(id)])
        } else {
            try conn.execute("""
                INSERT INTO org (kind, code, federationOn, womensHomeOn, workCovered, establishedOn, dissolvedOn, women,
                    batchId, sourceRow, sourceSheet, parentId, name, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, args + [.int(id)])
        }
    }

    /// The id of the district a unit lies in (its nearest ancestor-or-self of kind district, else the top
    /// unit of its tree), as stored in each big-table row's `districtId` on PostgreSQL.
    func district(of orgId: Int64) -> Int64 {
        if let d = districtOf[orgId] { return d }
        let d = topDistrict(orgId, register) ?? orgId
        districtOf[orgId] = d
        return d
    }

    /// PostgreSQL: after a register import, the rows of units now in another district carry the new one.
    private func moveDistricts(from before: OrgRegister) throws {
        districtOf = [:]
        var moved: [(id: Int64, from: Int64, to: Int64)] = []
        for u in before.units {
            guard let old = topDistrict(u.id, before), register.unit(id: u.id) != nil else { continue }
            let new = district(of: u.id)
            if new != old { moved.append((u.id, old, new)) }
        }
        for m in moved {
            for table in ["disbursement", "membership", "activity"] {
                try conn.execute("UPDATE \(table) SET districtId = ? WHERE districtId = ? AND orgId = ?", [.int(m.to), .int(m.from), .int(m.id)])
            }
        }
    }

    /// The district (or, above the districts, the top unit) a unit lies in.
    private func topDistrict(_ id: Int64, _ reg: OrgRegister) -> Int64? {
        var cur = reg.unit(id: id)
        var n = 0
        while let u = cur, n < 64 {
            if u.kind == .district || u.parentId == nil { return u.id }
            cur = u.parentId.flatMap { reg.unit(id: $0) }
            n += 1
        }
        return nil
    }

    /// Stores the batch's issues (on PostgreSQL, more than a few go through ``recordPostgres(issues:)``).
    func record(issues: [Diagnostic]) throws {
        if postgres != nil, issues.count > Self.postgresIssuesByRow { return try recordPostgres(issues: issues) }
        let sql = """
            INSERT INTO importIssue (batchId, severity, sheet, row, "column", field, category, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        for d in issues {
            try conn.execute(sql, [.int(batchId), .text(d.severity.rawValue), StoreValue(d.sheet), StoreValue(d.row), StoreValue(d.column),
                                   StoreValue(d.field), .text(d.category), .text(d.message.text())])
        }
    }
}

/// The district a register's new streets and towns go under, and where its name came from.
public struct DistrictChoice: Sendable, Hashable {
    /// The district's name.
    public var name: String
    /// `--district`, `the title`, `the store`.
    public var source: String

    /// Creates a choice.
    public init(name: String, source: String) {
        self.name = name
        self.source = source
    }
}

/// A unit a register file named only as a parent, created by the import.
public struct CreatedUnit: Sendable, Hashable {
    /// Its name.
    public var name: String
    /// Its level, from its name's suffix.
    public var kind: OrgKind
    /// The unit it was put under.
    public var parent: String?
    /// Where the parent (the district) came from.
    public var source: String?

    /// Creates an account of a created unit.
    public init(name: String, kind: OrgKind, parent: String?, source: String?) {
        self.name = name
        self.kind = kind
        self.parent = parent
        self.source = source
    }
}

/// A prepared statement bound and stepped through SQLite's C API: the per-row inserts of a large
/// file, where building `StatementArguments` for every row costs more than SQLite's own work.
final class RawStatement {
    private let statement: Statement
    private let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// Where a row's texts are copied for binding (SQLITE_STATIC: no allocation per value); reused
    /// from the start after every step. A text that does not fit is bound as a copy SQLite makes.
    private let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: RawStatement.scratchSize)
    @exclusivity(unchecked) private var used = 0
    private static let scratchSize = 4096
    private static let empty: StaticString = ""

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// The statement kept in `slot`, prepared on first use.
    static func cached(_ slot: inout RawStatement?, _ db: Database, _ sql: String) throws -> RawStatement {
        if let s = slot { return s }
        let s = try RawStatement(db, sql)
        slot = s
        return s
    }

    deinit {
        sqlite3_clear_bindings(handle)
        scratch.deallocate()
    }

    func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(handle, i, v) }

    func bind(_ i: Int32, _ v: Int64?) {
        if let v { sqlite3_bind_int64(handle, i, v) } else { sqlite3_bind_null(handle, i) }
    }

    private func bind(_ i: Int32, bytes b: UnsafeBufferPointer<UInt8>) {
        guard let base = b.baseAddress, b.count > 0 else {
            sqlite3_bind_text(handle, i, UnsafeRawPointer(RawStatement.empty.utf8Start).assumingMemoryBound(to: CChar.self), 0, nil)
            return
        }
        if used + b.count <= RawStatement.scratchSize {
            let at = scratch + used
            at.update(from: base, count: b.count)
            used += b.count
            sqlite3_bind_text(handle, i, UnsafeRawPointer(at).assumingMemoryBound(to: CChar.self), Int32(b.count), nil)
        } else {
            sqlite3_bind_text(handle, i, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(b.count), RawStatement.transient)
        }
    }

    func bind(_ i: Int32, _ v: String?) {
        guard var v else { sqlite3_bind_null(handle, i); return }
        v.withUTF8 { bind(i, bytes: $0) }
    }

    func bind(_ i: Int32, _ v: CivilDate?) {
        guard let v else { sqlite3_bind_null(handle, i); return }
        v.withISOBytes { bind(i, bytes: $0) }
    }

    /// Steps a statement that returns no row.
    func run() throws {
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        used = 0
        guard rc == SQLITE_DONE else { throw error(rc) }
    }

    /// Steps a query and returns the first column of its first row.
    func fetchInt64() throws -> Int64? {
        defer {
            sqlite3_reset(handle)
            used = 0
        }
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return sqlite3_column_int64(handle, 0) }
        guard rc == SQLITE_DONE else { throw error(rc) }
        return nil
    }

    /// Steps a query and returns its first row's first column as an integer and second as text (nil
    /// for NULL), or nil without a row.
    func fetchRow() throws -> (int: Int64, text: String?)? {
        defer {
            sqlite3_reset(handle)
            used = 0
        }
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW {
            let text = sqlite3_column_text(handle, 1).map { String(cString: $0) }
            return (sqlite3_column_int64(handle, 0), text)
        }
        guard rc == SQLITE_DONE else { throw error(rc) }
        return nil
    }

    private func error(_ rc: Int32) -> DatabaseError {
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: statement.sql)
    }
}
