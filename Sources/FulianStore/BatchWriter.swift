import Foundation
import FulianCore
import FulianImport
import GRDB
import GRDBSQLite

/// Writes the records of one batch inside its transaction, finding duplicates as it goes.
final class BatchWriter {
    let db: Database
    let batchId: Int64
    let file: String
    /// The data sheets' names as diagnostics show them, by ``ParsedRow/sheetIndex`` (nil for CSV).
    let sheets: [String?]
    private(set) var register: OrgRegister
    private var programIds: [String: Int64] = [:]
    /// Program names exactly as written → id, so the fold runs once per spelling, not once per row.
    @exclusivity(unchecked) private var programIdsAsWritten: [ExactText: Int64] = [:]
    /// Persons met in this batch by ID number (its ``IDNumber/digits``), and (without an ID) by `name@orgId`.
    @exclusivity(unchecked) private var personByID: [Int64: Int64] = [:]
    /// Whether the store held any person when the batch began: if not, a person not met in this
    /// batch is new, and no lookup is needed.
    private let storeHadPersons: Bool
    private var personByName: [String: Int64] = [:]
    /// Disbursements are appended without their two indexes, which ``finish()`` builds again (see ``BulkLoad``).
    let bulkAid: Bool
    private var findPerson: RawStatement?
    private var insertPerson: RawStatement?
    private var insertDisbursement: RawStatement?
    private var findDisbursement: RawStatement?

    init(db: Database, batchId: Int64, file: String, sheets: [String?], bulkAid: Bool = false) throws {
        self.db = db
        self.batchId = batchId
        self.file = file
        self.sheets = sheets
        self.bulkAid = bulkAid
        storeHadPersons = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM person)") ?? true
        register = try BatchWriter.loadRegister(db)
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM program") {
            programIds[ProgramNames.key(row["name"])] = row["id"]
        }
        if bulkAid {
            try db.execute(sql: "DROP INDEX \(Schema.disbursementIndex.name)")
            // Into a store without persons, persons are appended too: the batch's own dictionary knows
            // every one of them, so the unique index is only needed at the end.
            if !storeHadPersons { try db.execute(sql: "DROP INDEX \(Schema.personIndex.name)") }
        }
    }

    /// Ends the batch: in bulk mode, builds the disbursement indexes again and returns the rows that
    /// turned out to repeat a stored disbursement (they are deleted, as streaming mode would have skipped them).
    func finish() throws -> [Diagnostic] {
        guard bulkAid else { return [] }
        if !storeHadPersons { try db.execute(sql: Schema.personIndex.sql) }
        var duplicates: [Diagnostic] = []
        let identity = Schema.disbursementIndex
        do {
            try db.execute(sql: identity.sql)
        } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
            // Two rows share (person, program, date, amount): every one but the earliest is a duplicate.
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
                let what = StoreMessage.sameDisbursement(program: r["program"], date: r["paidOn"], yuan: Money(fen: r["amountFen"]).yuanString)
                duplicates.append(Diagnostic(severity: .warning, file: file, sheet: r["sourceSheet"], row: r["sourceRow"], category: "duplicate",
                                             message: .store(.duplicate(record: what, place: place))))
            }
            try db.execute(sql: identity.sql)
        }
        return duplicates
    }

    /// The org register as stored.
    static func loadRegister(_ db: Database) throws -> OrgRegister {
        var reg = OrgRegister()
        for row in try Row.fetchAll(db, sql: "SELECT id, name, kind, parentId FROM org ORDER BY id") {
            reg.add(.init(id: row["id"], name: row["name"], kind: OrgKind(rawValue: row["kind"]) ?? .other, parentId: row["parentId"]))
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
    private var currentSheet: String?
    private var currentSheetIndex = -1

    /// Where an earlier row is: `row 8 of this file`, `sheet 东湖街道 row 8 of this file`, `q1.xls row 8`,
    /// `q1.xlsx sheet 东湖街道 row 8` (本文件第 8 行 …).
    static func place(sameBatch: Bool, file: String, sheet: String?, row: Int) -> StoreMessage {
        sameBatch ? .rowOfThisFile(sheet: sheet, row: row) : .rowOfFile(file: file, sheet: sheet, row: row)
    }

    private func duplicate(row: Int, of table: String, id: Int64, what: StoreMessage) throws -> Diagnostic {
        let prior = try Row.fetchOne(db, sql: """
            SELECT b.id, b.fileName, t.sourceRow, t.sourceSheet FROM \(table) t JOIN importBatch b ON b.id = t.batchId WHERE t.id = ?
            """, arguments: [id])
        var place: StoreMessage? = nil
        if let prior {
            let priorBatch: Int64 = prior["id"]
            place = BatchWriter.place(sameBatch: priorBatch == batchId, file: prior["fileName"], sheet: prior["sourceSheet"], row: prior["sourceRow"])
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
        if storeHadPersons {
            let find = try RawStatement.cached(&findPerson, db, "SELECT id FROM person WHERE personKey = ?")
            find.bind(1, key)
            found = try find.fetchInt64()
        }
        let id: Int64
        if let found {
            id = found
            if fill { try fillPerson(id, ethnicity, education, phone) }
        } else {
            let insert = try RawStatement.cached(&insertPerson, db, """
                INSERT INTO person (personKey, idNumber, name, gender, birthDate, ethnicity, education, phone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
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
        }
        if idNumber != nil { personByID[digits] = id } else { personByName[nameKey] = id }
        return id
    }

    private func fillPerson(_ id: Int64, _ ethnicity: String?, _ education: String?, _ phone: String?) throws {
        try db.cachedStatement(sql: """
            UPDATE person SET ethnicity = COALESCE(ethnicity, ?), education = COALESCE(education, ?), phone = COALESCE(phone, ?)
            WHERE id = ?
            """).execute(arguments: [ethnicity, education, phone, id])
    }

    private func writeMember(_ m: MemberRecord, row: Int) throws -> Diagnostic? {
        let pid = try personId(idNumber: m.idNumber, name: m.name, orgId: m.orgId, gender: m.gender, birth: m.birthDate,
                               ethnicity: m.ethnicity, education: m.education, phone: m.phone)
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM membership WHERE personId = ? AND orgId = ? AND role = ? AND COALESCE(termStart, '') = ?
            """), arguments: [pid, m.orgId, m.role.rawValue, m.termStart?.iso ?? ""]) {
            return try duplicate(row: row, of: "membership", id: existing, what: .sameRecord(table: "membership"))
        }
        try db.cachedStatement(sql: """
            INSERT INTO membership (personId, orgId, role, termStart, termEnd, tags, batchId, sourceRow, sourceSheet)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [pid, m.orgId, m.role.rawValue, m.termStart?.iso, m.termEnd?.iso, m.tags, batchId, row, currentSheet])
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
        let known = try String.fetchAll(db, sql: "SELECT name FROM program ORDER BY id")
        try db.execute(sql: "INSERT INTO program (name) VALUES (?)", arguments: [name])
        let id = db.lastInsertedRowID
        programIds[key] = id
        programIdsAsWritten[ExactText(name)] = id
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
        let pid = try personId(idNumber: a.idNumber, name: a.name, orgId: a.orgId, gender: a.idNumber?.gender, birth: a.idNumber?.birthDate)
        let prog = try programId(a.program, row: row)
        if !doubtfulRows.isEmpty, let n = doubtfulRows[prog] { doubtfulRows[prog] = n + 1 }
        if !bulkAid {
            let find = try RawStatement.cached(&findDisbursement, db, """
                SELECT id FROM disbursement WHERE personId = ? AND programId = ? AND paidOn = ? AND amountFen = ?
                """)
            find.bind(1, pid)
            find.bind(2, prog)
            find.bind(3, a.paidOn)
            find.bind(4, a.amount.fen)
            if let existing = try find.fetchInt64() {
                return try duplicate(row: row, of: "disbursement", id: existing,
                                     what: .sameDisbursement(program: a.program, date: a.paidOn.iso, yuan: a.amount.yuanString))
            }
        }
        let insert = try RawStatement.cached(&insertDisbursement, db, """
            INSERT INTO disbursement (personId, programId, orgId, paidOn, amountFen, source, household, note, batchId, sourceRow, sourceSheet)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
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
        return nil
    }

    private func writeActivity(_ a: ActivityRecord, row: Int) throws -> Diagnostic? {
        let args: StatementArguments = [a.title, a.kind.rawValue, a.orgId, a.heldOn.iso, a.participants, a.employers,
                                        a.positions, a.seekers, a.placements, a.trainees]
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM activity WHERE title IS ? AND kind = ? AND orgId = ? AND heldOn = ? AND participants IS ?
              AND employers IS ? AND positions IS ? AND seekers IS ? AND placements IS ? AND trainees IS ?
            """), arguments: args) {
            return try duplicate(row: row, of: "activity", id: existing, what: .sameRecord(table: "activity"))
        }
        try db.cachedStatement(sql: """
            INSERT INTO activity (title, kind, orgId, heldOn, participants, employers, positions, seekers, placements, trainees,
                batchId, sourceRow, sourceSheet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: args + [batchId, row, currentSheet])
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
    }

    /// Upserts the units of a register file by name, then links parents (which may be anywhere in
    /// the file or already stored).
    ///
    /// A register of communities and villages often names its streets and towns only in a parent
    /// column: a parent that is neither stored nor in the file, but whose name says its level (街道,
    /// 镇, 乡), is created as a unit of that level under `district` (and listed in ``OrgOutcome/created``).
    /// A parent that looks like a typo of a known unit of its level, or of a parent the file names more
    /// often, is not created: its rows are rejected with the suggestion. Any other unknown parent is
    /// rejected too.
    func writeOrgs(_ rows: [ParsedRow], district: DistrictChoice? = nil) throws -> OrgOutcome {
        var out = OrgOutcome()
        var seen: [String: (sheet: String?, row: Int)] = [:]
        var accepted: [(ParsedRow, OrgRecord)] = []
        func sheetName(_ r: ParsedRow) -> String? { sheets.indices.contains(r.sheetIndex) ? sheets[r.sheetIndex] : nil }
        for row in rows {
            guard case .org(let o)? = row.record else { continue }
            if let first = seen[o.name] {
                out.duplicates += 1
                out.issues.append(Diagnostic(severity: .warning, file: file, sheet: sheetName(row), row: row.number, category: "duplicate",
                                             message: .store(.unitListedTwice(name: o.name, sheet: first.sheet, row: first.row))))
                continue
            }
            seen[o.name] = (sheetName(row), row.number)
            accepted.append((row, o))
        }
        // The register the parents resolve against: stored units plus this file's.
        var combined = register
        var nextTemp: Int64 = -1
        for (_, o) in accepted where combined.unit(named: o.name) == nil {
            combined.add(.init(id: nextTemp, name: o.name, kind: o.kind, parentId: nil))
            nextTemp -= 1
        }
        // A parent column names streets, towns or the district: a bare 东湖 is the street 东湖街道 even
        // where a community 东湖社区 exists.
        let parentLevels: Set<OrgKind> = [.district, .street, .town]
        func resolveParent(_ p: String) -> Result<OrgRegister.Unit, OrgRegister.Failure> {
            let any = combined.resolve(p)
            if case .failure(.ambiguous) = any, case .success(let u) = combined.resolve(p, levels: parentLevels) { return .success(u) }
            return any
        }
        // Parents the file names that are nowhere yet, with how many rows name each.
        var unknownParents: [String: Int] = [:]
        for (_, o) in accepted {
            guard let p = o.parentName, case .failure(.unknown) = resolveParent(p) else { continue }
            unknownParents[OrgRegister.fold(p), default: 0] += 1
        }
        // Which of them to create: a level in the name, and no more frequent spelling one edit away.
        var creatable: [String: (kind: OrgKind, typo: String?)] = [:]
        for (p, count) in unknownParents {
            guard let kind = OrgRegister.kind(ofName: p), kind == .street || kind == .town else { continue }
            var rival: String? = nil
            for (other, otherCount) in unknownParents where other != p && OrgRegister.kind(ofName: other) == kind {
                let more = otherCount > count || (otherCount == count && other < p)
                if more && OrgRegister.editDistance(Array(other), Array(p), limit: 1) <= 1 { rival = other; break }
            }
            let known: String?
            if case .failure(.unknown(let s?)) = combined.resolve(p, levels: [kind]) { known = s } else { known = nil }
            creatable[p] = (kind, known ?? rival)
        }
        var resolvedParent: [String: String] = [:]
        var createParent: [String: String] = [:]
        var keep: [(ParsedRow, OrgRecord)] = []
        for (row, o) in accepted {
            if let p = o.parentName {
                let result = resolveParent(p)
                if case .success(let u) = result, u.name != o.name {
                    resolvedParent[o.name] = u.name
                } else if case .failure(.unknown) = result, let c = creatable[OrgRegister.fold(p)], c.typo == nil {
                    createParent[o.name] = OrgRegister.fold(p)
                } else {
                    var rejected = row
                    rejected.record = nil
                    let message: StoreMessage
                    var suggestion: String? = nil
                    if case .failure(.unknown) = result, let typo = creatable[OrgRegister.fold(p)]?.typo { suggestion = typo }
                    else if case .failure(.unknown(let s?)) = result { suggestion = s }
                    if case .failure(.ambiguous(let names)) = result { message = .ambiguousParent(name: p, matches: names) }
                    else { message = .unknownParent(name: p, suggestion: suggestion) }
                    rejected.diagnostics.append(Diagnostic(severity: .error, file: file, sheet: sheetName(row), row: row.number,
                        category: "unknown-org", message: .store(message), suggestion: suggestion))
                    out.issues += rejected.diagnostics
                    out.rejected.append(rejected)
                    continue
                }
            }
            keep.append((row, o))
        }
        var ids: [String: Int64] = [:]
        for (row, o) in keep {
            let args: StatementArguments = [o.kind.rawValue, o.code, o.federation.storedValue, o.womensHome.storedValue,
                                            o.workCovered ? 1 : 0, o.established?.iso, o.dissolved?.iso, o.women, batchId, row.number,
                                            sheetName(row)]
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM org WHERE name = ?", arguments: [o.name]) {
                try db.execute(sql: """
                    UPDATE org SET kind = ?, code = ?, federationOn = ?, womensHomeOn = ?, workCovered = ?, establishedOn = ?,
                        dissolvedOn = ?, women = ?, batchId = ?, sourceRow = ?, sourceSheet = ? WHERE id = ?
                    """, arguments: args + [existing])
                ids[o.name] = existing
            } else {
                try db.execute(sql: """
                    INSERT INTO org (kind, code, federationOn, womensHomeOn, workCovered, establishedOn, dissolvedOn, women,
                        batchId, sourceRow, sourceSheet, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: args + [o.name])
                ids[o.name] = db.lastInsertedRowID
            }
            out.loaded += 1
        }
        // The parents named only in the parent column, under the district.
        let needed = Set(createParent.values)
        if !needed.isEmpty {
            var districtId: Int64? = nil
            if let district {
                if let u = combined.unit(named: district.name) ?? (try? combined.resolve(district.name, levels: [.district]).get()), u.id > 0 {
                    districtId = u.id
                } else if let id = ids[district.name] {
                    districtId = id
                } else {
                    try db.execute(sql: "INSERT INTO org (kind, name, batchId) VALUES ('district', ?, ?)", arguments: [district.name, batchId])
                    districtId = db.lastInsertedRowID
                    ids[district.name] = districtId
                    out.created.append(CreatedUnit(name: district.name, kind: .district, parent: nil, source: district.source))
                }
            }
            for p in needed.sorted() {
                let kind = creatable[p]!.kind
                try db.execute(sql: "INSERT INTO org (kind, name, parentId, batchId) VALUES (?, ?, ?, ?)",
                               arguments: [kind.rawValue, p, districtId, batchId])
                ids[p] = db.lastInsertedRowID
                out.created.append(CreatedUnit(name: p, kind: kind, parent: district?.name, source: district?.source))
            }
            if district == nil {
                out.issues.append(Diagnostic(severity: .warning, file: file, category: "no-district",
                    message: .store(.noDistrict(units: needed.sorted()))))
            }
        }
        for (_, o) in keep {
            guard let id = ids[o.name] else { continue }
            let parentId: Int64? = try (resolvedParent[o.name] ?? createParent[o.name]).flatMap { p in
                try ids[p] ?? Int64.fetchOne(db, sql: "SELECT id FROM org WHERE name = ?", arguments: [p])
            }
            try db.execute(sql: "UPDATE org SET parentId = ? WHERE id = ?", arguments: [parentId, id])
        }
        register = try BatchWriter.loadRegister(db)
        return out
    }

    /// Stores the batch's issues.
    func record(issues: [Diagnostic]) throws {
        let stmt = try db.cachedStatement(sql: """
            INSERT INTO importIssue (batchId, severity, sheet, row, "column", field, category, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for d in issues {
            try stmt.execute(arguments: [batchId, d.severity.rawValue, d.sheet, d.row, d.column, d.field, d.category, d.message.text()])
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

    private func error(_ rc: Int32) -> DatabaseError {
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: statement.sql)
    }
}
