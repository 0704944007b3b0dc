import FulianCore
import FulianImport

/// The PostgreSQL engine's path for the rows of a batch (aid, members, activities): rows are gathered in
/// COPY's text form and sent with COPY into a temporary table of the file's transaction, in pieces of a few
/// megabytes (the connection stays free between them for the few statements a batch needs, such as a new
/// programme). ``BatchWriter/finish()`` then stores them all with one set-based statement per table, the
/// temporary table ANALYZEd first so the planner joins it by hash:
///
/// - persons in key order (so concurrent imports wait for each other's new keys in one order), each with
///   the values of the first row of the file that names it (a member's ethnicity, education and phone: the
///   first given, never overwriting a stored one), as SQLite's row-by-row path stores them: a
///   disbursement's persons not stored yet by a plain INSERT in a savepoint, by `ON CONFLICT (personKey)`
///   should a concurrent import store one first; a member's by `ON CONFLICT … DO UPDATE`;
/// - disbursements by date, then file order (so ids give the detail sheet's order within a day, and the
///   one kept of two equal rows, which share their date, is SQLite's): first the rows whose identity neither
///   an earlier row of the file (as ``BatchWriter/stagedIdentities`` saw them) nor a stored row has, by a
///   plain INSERT in a savepoint — inserting by date keeps the date-led indexes' pages together, and a plain
///   INSERT costs less than `ON CONFLICT`'s speculative one; then the rows repeating an earlier one, by
///   `ON CONFLICT DO NOTHING`. Should a concurrent import store one of those identities first (the unique
///   index refuses it, `23505`), the savepoint is rolled back and every row goes by `ON CONFLICT DO NOTHING`;
/// - memberships by `ON CONFLICT DO NOTHING` on their unique identity, in file order;
/// - activities, which have no unique identity (any of their ten values may be empty), as the first of each
///   set of equal rows not stored yet, while holding a lock that lets one activity import at a time do so.
///
/// Persons and duplicates are thus settled by the unique indexes, not by a read-then-write race: imports
/// running at once end as one after the other would (the later commit's row is the duplicate). Rows that
/// were not stored (the inserted count says whether any) come back as `duplicate` warnings naming the row
/// that holds their identity, worded as the SQLite engine words them. Each row carries its district
/// (``BatchWriter/district(of:)``).
extension BatchWriter {
    /// Bytes of COPY text gathered before they are sent.
    static let postgresPiece = 4 << 20

    /// A `pg_advisory_xact_lock` key: held while an import stores its activities.
    static let activityLock: Int64 = 4_815_162_343

    /// One temporary table and the statements that store its rows.
    enum PostgresStage: Int, CaseIterable {
        /// The persons of the batch's disbursements, one row per person (the first row naming them).
        case person
        case aid, member, activity

        var table: String {
            switch self {
            case .person: "fulian_person_in"
            case .aid: "fulian_aid_in"
            case .member: "fulian_member_in"
            case .activity: "fulian_activity_in"
            }
        }

        var create: String {
            let columns = switch self {
            case .person: "seq INTEGER, personKey TEXT, idNumber TEXT, name TEXT, gender TEXT, birthDate DATE"
            case .aid:
                """
                seq INTEGER, personKey TEXT, programId BIGINT, spelling INTEGER, orgId BIGINT, districtId BIGINT, paidOn DATE, amountFen BIGINT, source TEXT, household INTEGER,
                note TEXT, sourceRow INTEGER, sourceSheet TEXT, repeats BOOLEAN
                """
            case .member:
                """
                seq INTEGER, personKey TEXT, idNumber TEXT, name TEXT, gender TEXT, birthDate DATE, ethnicity TEXT,
                education TEXT, phone TEXT, orgId BIGINT, districtId BIGINT, role TEXT, termStart DATE, termEnd DATE, tags TEXT,
                sourceRow INTEGER, sourceSheet TEXT
                """
            case .activity:
                """
                seq INTEGER, title TEXT, kind TEXT, orgId BIGINT, districtId BIGINT, heldOn DATE, participants INTEGER,
                employers INTEGER, positions INTEGER, seekers INTEGER, placements INTEGER, trainees INTEGER,
                sourceRow INTEGER, sourceSheet TEXT
                """
            }
            return "CREATE TEMP TABLE IF NOT EXISTS \(table) (\(columns)) ON COMMIT DROP; TRUNCATE \(table);"
        }
    }

    /// Persons of a stage, first-row values per key, in key order; a member's three optional facts fill
    /// those a stored person lacks.
    static func postgresPersons(_ stage: PostgresStage) -> String {
        if stage == .person {
            return """
                INSERT INTO person (personKey, idNumber, name, gender, birthDate)
                SELECT personKey, idNumber, name, gender, birthDate FROM fulian_person_in ORDER BY personKey
                ON CONFLICT (personKey) DO NOTHING
                """
        }
        func first(_ c: String) -> String { "(array_agg(\(c) ORDER BY seq))[1]" }
        func firstGiven(_ c: String) -> String { "(array_agg(\(c) ORDER BY seq) FILTER (WHERE \(c) IS NOT NULL))[1]" }
        return """
            INSERT INTO person (personKey, idNumber, name, gender, birthDate, ethnicity, education, phone)
            SELECT personKey, \(first("idNumber")), \(first("name")), \(first("gender")), \(first("birthDate")),
                   \(firstGiven("ethnicity")), \(firstGiven("education")), \(firstGiven("phone"))
            FROM fulian_member_in GROUP BY personKey ORDER BY personKey
            ON CONFLICT (personKey) DO UPDATE SET ethnicity = COALESCE(person.ethnicity, EXCLUDED.ethnicity),
                education = COALESCE(person.education, EXCLUDED.education), phone = COALESCE(person.phone, EXCLUDED.phone)
            WHERE (person.ethnicity IS NULL AND EXCLUDED.ethnicity IS NOT NULL) OR (person.education IS NULL AND EXCLUDED.education IS NOT NULL)
               OR (person.phone IS NULL AND EXCLUDED.phone IS NOT NULL)
            """
    }

    /// A disbursement's persons that are not stored yet, by a plain INSERT (``finishPostgres(_:)`` runs it in
    /// a savepoint, and ``postgresPersons(_:)`` when a concurrent import stored one of them first).
    static let postgresNewPersons = """
        INSERT INTO person (personKey, idNumber, name, gender, birthDate)
        SELECT personKey, idNumber, name, gender, birthDate FROM fulian_person_in s
        WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.personKey = s.personKey)
        ORDER BY personKey
        """

    /// Which staged disbursements a statement of ``postgresAid(_:)`` stores.
    enum AidRows {
        /// Every row, by `ON CONFLICT DO NOTHING`.
        case all
        /// The rows repeating no earlier row of the file and no stored row, by a plain INSERT.
        case first
        /// The rows repeating an earlier row of the file, by `ON CONFLICT DO NOTHING`.
        case repeats
    }

    /// Stores staged disbursements by date, then file order ($1 = the batch); the command's row count is
    /// how many were stored.
    static func postgresAid(_ rows: AidRows) -> String {
        let filter = switch rows {
        case .all: ""
        case .first:
            """

                WHERE NOT s.repeats AND NOT EXISTS (SELECT 1 FROM disbursement d
                    WHERE d.paidOn = s.paidOn AND d.personId = p.id AND d.programId = s.programId AND d.amountFen = s.amountFen)
            """
        case .repeats: "\nWHERE s.repeats"
        }
        let conflict = rows == .first ? "" : "\nON CONFLICT (paidOn, personId, programId, amountFen) DO NOTHING"
        return """
            INSERT INTO disbursement (personId, programId, orgId, districtId, paidOn, amountFen, source, household, note, batchId, sourceRow, sourceSheet)
            SELECT p.id, s.programId, s.orgId, s.districtId, s.paidOn, s.amountFen, s.source, s.household, s.note, $1, s.sourceRow, s.sourceSheet
            FROM fulian_aid_in s JOIN person p ON p.personKey = s.personKey\(filter)
            ORDER BY s.paidOn, s.seq\(conflict)
            """
    }

    /// The ten values that make two activities the same (SQLite's duplicate check compares all of them).
    static let activityIdentity = ["title", "kind", "orgId", "heldOn", "participants", "employers", "positions", "seekers", "placements", "trainees"]

    /// Stores a stage's rows ($1 = the batch); returns how many were stored.
    static func postgresInsert(_ stage: PostgresStage) -> String {
        switch stage {
        case .person: preconditionFailure("persons are stored by postgresPersons")
        case .aid: preconditionFailure("disbursements are stored by postgresAid")
        case .member:
            return """
                WITH stored AS (
                    INSERT INTO membership (personId, orgId, districtId, role, termStart, termEnd, tags, batchId, sourceRow, sourceSheet)
                    SELECT p.id, s.orgId, s.districtId, s.role, s.termStart, s.termEnd, s.tags, $1, s.sourceRow, s.sourceSheet
                    FROM fulian_member_in s JOIN person p ON p.personKey = s.personKey ORDER BY s.seq
                    ON CONFLICT (personId, orgId, role, COALESCE(termStart, DATE '0001-01-01')) DO NOTHING
                    RETURNING 1)
                SELECT count(*) AS n FROM stored
                """
        case .activity:
            let identity = activityIdentity.joined(separator: ", ")
            let same = activityIdentity.map { c in
                ["kind", "orgId", "heldOn"].contains(c) ? "a.\(c) = s.\(c)" : "a.\(c) IS NOT DISTINCT FROM s.\(c)"
            }.joined(separator: " AND ")
            return """
                WITH stored AS (
                    INSERT INTO activity (title, kind, orgId, districtId, heldOn, participants, employers, positions, seekers, placements, trainees,
                        batchId, sourceRow, sourceSheet)
                    SELECT s.title, s.kind, s.orgId, s.districtId, s.heldOn, s.participants, s.employers, s.positions, s.seekers, s.placements,
                        s.trainees, $1, s.sourceRow, s.sourceSheet
                    FROM (SELECT DISTINCT ON (\(identity)) * FROM fulian_activity_in ORDER BY \(identity), seq) s
                    WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE \(same))
                    ORDER BY s.seq
                    RETURNING 1)
                SELECT count(*) AS n FROM stored
                """
        }
    }

    /// The staged rows this batch did not store ($1 = the batch), each with the row holding its identity.
    static func postgresDuplicates(_ stage: PostgresStage) -> String {
        let notThisRow = "NOT (d.batchId = $1 AND d.sourceRow = s.sourceRow AND d.sourceSheet IS NOT DISTINCT FROM s.sourceSheet)"
        let held = "d.batchId AS keptBatch, d.sourceRow AS keptRow, d.sourceSheet AS keptSheet, b.fileName AS keptFile"
        switch stage {
        case .person: preconditionFailure("persons are never duplicates")
        case .aid:
            return """
                SELECT s.seq, s.sourceRow, s.sourceSheet, s.spelling, s.paidOn, s.amountFen, \(held)
                FROM fulian_aid_in s JOIN person p ON p.personKey = s.personKey
                JOIN disbursement d ON d.paidOn = s.paidOn AND d.personId = p.id AND d.programId = s.programId AND d.amountFen = s.amountFen
                JOIN importBatch b ON b.id = d.batchId
                WHERE \(notThisRow)
                ORDER BY s.seq
                """
        case .member:
            return """
                SELECT s.seq, s.sourceRow, s.sourceSheet, \(held)
                FROM fulian_member_in s JOIN person p ON p.personKey = s.personKey
                JOIN membership d ON d.personId = p.id AND d.orgId = s.orgId AND d.role = s.role
                     AND COALESCE(d.termStart, DATE '0001-01-01') = COALESCE(s.termStart, DATE '0001-01-01')
                JOIN importBatch b ON b.id = d.batchId
                WHERE \(notThisRow)
                ORDER BY s.seq
                """
        case .activity:
            let same = activityIdentity.map { c in
                ["kind", "orgId", "heldOn"].contains(c) ? "d.\(c) = s.\(c)" : "d.\(c) IS NOT DISTINCT FROM s.\(c)"
            }.joined(separator: " AND ")
            return """
                SELECT DISTINCT ON (s.seq) s.seq, s.sourceRow, s.sourceSheet, \(held)
                FROM fulian_activity_in s
                JOIN activity d ON \(same)
                JOIN importBatch b ON b.id = d.batchId
                WHERE \(notThisRow)
                ORDER BY s.seq, d.id
                """
        }
    }

    /// The person key of a record: `id:<ID>`, else `name:<name>@<orgId>`.
    static func personKey(_ idNumber: IDNumber?, name: String, orgId: Int64) -> String {
        idNumber.map { "id:\($0.value)" } ?? "name:\(name)@\(orgId)"
    }

    /// Gathers a disbursement for its COPY.
    func stagePostgresAid(_ a: AidRecord, programId: Int64, row: Int) throws {
        let spelling: Int
        if let s = spellingIndex[a.program] { spelling = s } else {
            spelling = spellings.count
            spellings.append(a.program)
            spellingIndex[a.program] = spelling
        }
        let key = Self.personKey(a.idNumber, name: a.name, orgId: a.orgId)
        let new = a.idNumber.map { stagedIDs.insert($0.digits).inserted } ?? stagedNames.insert(key).inserted
        if new {
            try stagePostgres(.person) { w, seq in
                w.int(seq); w.text(key); w.text(a.idNumber?.value); w.text(a.name)
                w.text(a.idNumber.map { $0.gender == .female ? "F" : "M" }); w.date(a.idNumber?.birthDate)
            }
        }
        // The identity's 64-bit hash: a row whose hash an earlier row had may repeat it (and almost surely
        // does); it is stored after the others, by ON CONFLICT, which settles it exactly.
        var h = Hasher()
        if let id = a.idNumber { h.combine(id.digits) } else { h.combine(key) }
        h.combine(programId); h.combine(a.paidOn.daysSince1970); h.combine(a.amount.fen)
        let repeats = !stagedIdentities.insert(h.finalize()).inserted
        try stagePostgres(.aid) { w, seq in
            w.int(seq); w.text(key); w.int(programId); w.int(spelling); w.int(a.orgId); w.int(district(of: a.orgId)); w.date(a.paidOn); w.int(a.amount.fen); w.text(a.source); w.int(a.household)
            w.text(a.note); w.int(row); w.text(currentSheet); w.text(repeats ? "t" : "f")
        }
    }

    /// Gathers a member for its COPY.
    func stagePostgresMember(_ m: MemberRecord, row: Int) throws {
        try stagePostgres(.member) { w, seq in
            w.int(seq); w.text(Self.personKey(m.idNumber, name: m.name, orgId: m.orgId)); w.text(m.idNumber?.value); w.text(m.name)
            w.text(m.gender.map { $0 == .female ? "F" : "M" }); w.date(m.birthDate); w.text(m.ethnicity); w.text(m.education); w.text(m.phone)
            w.int(m.orgId); w.int(district(of: m.orgId)); w.text(m.role.rawValue); w.date(m.termStart); w.date(m.termEnd); w.text(m.tags)
            w.int(row); w.text(currentSheet)
        }
    }

    /// Gathers an activity for its COPY.
    func stagePostgresActivity(_ a: ActivityRecord, row: Int) throws {
        try stagePostgres(.activity) { w, seq in
            w.int(seq); w.text(a.title); w.text(a.kind.rawValue); w.int(a.orgId); w.int(district(of: a.orgId)); w.date(a.heldOn)
            w.int(a.participants); w.int(a.employers); w.int(a.positions); w.int(a.seekers); w.int(a.placements); w.int(a.trainees)
            w.int(row); w.text(currentSheet)
        }
    }

    private func stagePostgres(_ stage: PostgresStage, _ row: (inout PostgresCopyWriter, Int64) -> Void) throws {
        guard let pg = postgres else { preconditionFailure("staging is the PostgreSQL engine's") }
        if stagedRows[stage.rawValue] == 0 && staging[stage.rawValue].rows == 0 { try pg.executeScript(stage.create) }
        let seq = Int64(stagedRows[stage.rawValue] + staging[stage.rawValue].rows)
        row(&staging[stage.rawValue], seq)
        try staging[stage.rawValue].endRow()
        if staging[stage.rawValue].byteCount >= Self.postgresPiece { try sendPostgres(stage) }
    }

    /// Sends a stage's gathered rows into its temporary table.
    private func sendPostgres(_ stage: PostgresStage) throws {
        guard let pg = postgres, staging[stage.rawValue].rows > 0 else { return }
        try pg.copy("COPY \(stage.table) FROM STDIN", rows: staging[stage.rawValue])
        stagedRows[stage.rawValue] += staging[stage.rawValue].rows
        staging[stage.rawValue].removeAll()
    }

    /// Stores every staged row; returns the `duplicate` warnings of the rows that were not stored.
    func finishPostgres(_ pg: PostgresConnection) throws -> [Diagnostic] {
        var duplicates: [Diagnostic] = []
        for stage in PostgresStage.allCases {
            try sendPostgres(stage)
            let staged = stagedRows[stage.rawValue]
            guard staged > 0 else { continue }
            // Memory for the sorts and hashes of these few large statements (the default 4 MB, and 64 MB, spill
            // a 1M-row file's sort by date to disk), and no JIT: compiling each statement costs more than it saves here.
            try pg.executeScript("SET LOCAL work_mem = '256MB'; SET LOCAL jit = off; ANALYZE \(stage.table)")
            switch stage {
            case .person:
                if try pg.attempt(unless: "23505", { try pg.execute(Self.postgresNewPersons) }) == nil {
                    try pg.execute(Self.postgresPersons(stage))
                }
                stagedRows[stage.rawValue] = 0
                continue
            case .member: try pg.execute(Self.postgresPersons(stage))
            case .activity: try pg.execute("SELECT pg_advisory_xact_lock(\(Self.activityLock))")
            case .aid: break
            }
            let stored = stage == .aid ? try storeAid(pg) : try pg.query(Self.postgresInsert(stage), [.int(batchId)]).first?.int("n") ?? 0
            if stored < staged {
                duplicates += try pg.query(Self.postgresDuplicates(stage), [.int(batchId)]).map { r in duplicate(r, stage) }
            }
            stagedRows[stage.rawValue] = 0
        }
        return duplicates
    }

    /// Issues up to this many are inserted one statement each; more go through COPY.
    static let postgresIssuesByRow = 32

    /// Stores the batch's issues through COPY into a temporary table and one INSERT … SELECT (a file
    /// re-sent whole has one duplicate warning a row; COPY cannot write `importIssue` itself, which has
    /// row-level security), in their order.
    func recordPostgres(issues: [Diagnostic]) throws {
        guard let pg = postgres else { preconditionFailure("COPY is the PostgreSQL engine's") }
        try pg.executeScript("""
            CREATE TEMP TABLE IF NOT EXISTS fulian_issue_in (seq INTEGER, severity TEXT, sheet TEXT, row INTEGER, col INTEGER, field TEXT,
                category TEXT, message TEXT) ON COMMIT DROP;
            TRUNCATE fulian_issue_in;
            """)
        try pg.copy("COPY fulian_issue_in FROM STDIN") { w in
            for (i, d) in issues.enumerated() {
                w.int(i); w.text(d.severity.rawValue); w.text(d.sheet); w.int(d.row.map(Int64.init)); w.int(d.column.map(Int64.init))
                w.text(d.field); w.text(d.category); w.text(d.message.text())
                try w.endRow()
            }
        }
        try pg.execute("""
            INSERT INTO importIssue (batchId, severity, sheet, row, "column", field, category, message)
            SELECT $1, severity, sheet, row, col, field, category, message FROM fulian_issue_in ORDER BY seq
            """, [.int(batchId)])
    }

    /// Stores the staged disbursements (see the type's notes); returns how many were stored.
    private func storeAid(_ pg: PostgresConnection) throws -> Int64 {
        func stored(_ rows: AidRows) throws -> Int64 { try pg.executeCounting(Self.postgresAid(rows), [.int(batchId)]) }
        guard let first = try pg.attempt(unless: "23505", { try stored(.first) }) else { return try stored(.all) }
        // Some rows repeated an earlier row's hash when fewer hashes than rows were staged.
        let repeated = stagedRows[PostgresStage.aid.rawValue] > stagedIdentities.count
        return repeated ? first + (try stored(.repeats)) : first
    }

    private func duplicate(_ r: StoreRow, _ stage: PostgresStage) -> Diagnostic {
        let place = BatchWriter.place(sameBatch: r.int("keptBatch") == batchId, file: r.text("keptFile") ?? "", sheet: r.text("keptSheet"),
                                      row: Int(r.int("keptRow") ?? 0))
        let what: StoreMessage = switch stage {
        case .person: preconditionFailure("persons are never duplicates")
        case .aid:
            .sameDisbursement(program: spellings[Int(r.int("spelling") ?? 0)], date: r.text("paidOn") ?? "",
                              yuan: Money(fen: r.int("amountFen") ?? 0).yuanString)
        case .member: .sameRecord(table: "membership")
        case .activity: .sameRecord(table: "activity")
        }
        return Diagnostic(severity: .warning, file: file, sheet: r.text("sourceSheet"), row: Int(r.int("sourceRow") ?? 0), category: "duplicate",
                          message: .store(.duplicate(record: what, place: place)))
    }
}
