import FulianCore
import FulianImport

/// The PostgreSQL engine's path for the rows of a batch (aid, members, activities): rows are gathered in
/// COPY's text form and sent with COPY into a temporary table of the file's transaction, in pieces of a few
/// megabytes (the connection stays free between them for the few statements a batch needs, such as a new
/// programme). ``BatchWriter/finish()`` then stores them all with one set-based statement per table, the
/// temporary table ANALYZEd first so the planner joins it by hash:
///
/// - persons by `INSERT … SELECT … ON CONFLICT (personKey)`, in key order (so concurrent imports take those
///   row locks in one order), each with the values of the first row of the file that names it (a member's
///   ethnicity, education and phone: the first given, never overwriting a stored one), as SQLite's
///   row-by-row path stores them;
/// - disbursements and memberships by `ON CONFLICT DO NOTHING` on their unique identities, in file order,
///   so their ids (the detail sheet's order within a day) and the one kept of two equal rows are SQLite's;
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
                note TEXT, sourceRow INTEGER, sourceSheet TEXT
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

    /// The ten values that make two activities the same (SQLite's duplicate check compares all of them).
    static let activityIdentity = ["title", "kind", "orgId", "heldOn", "participants", "employers", "positions", "seekers", "placements", "trainees"]

    /// Stores a stage's rows ($1 = the batch); returns how many were stored.
    static func postgresInsert(_ stage: PostgresStage) -> String {
        switch stage {
        case .person: preconditionFailure("persons are stored by postgresPersons")
        case .aid:
            return """
                WITH stored AS (
                    INSERT INTO disbursement (personId, programId, orgId, districtId, paidOn, amountFen, source, household, note, batchId, sourceRow, sourceSheet)
                    SELECT p.id, s.programId, s.orgId, s.districtId, s.paidOn, s.amountFen, s.source, s.household, s.note, $1, s.sourceRow, s.sourceSheet
                    FROM fulian_aid_in s JOIN person p ON p.personKey = s.personKey ORDER BY s.seq
                    ON CONFLICT (paidOn, personId, programId, amountFen) DO NOTHING
                    RETURNING 1)
                SELECT count(*) AS n FROM stored
                """
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
        try stagePostgres(.aid) { w, seq in
            w.int(seq); w.text(key); w.int(programId); w.int(spelling); w.int(a.orgId); w.int(district(of: a.orgId)); w.date(a.paidOn); w.int(a.amount.fen); w.text(a.source); w.int(a.household)
            w.text(a.note); w.int(row); w.text(currentSheet)
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
            // Memory for the sorts and hashes of these few large statements (the default 4 MB spills a
            // 1M-row file to disk), and no JIT: compiling each statement costs more than it saves here.
            try pg.executeScript("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; ANALYZE \(stage.table)")
            switch stage {
            case .person:
                try pg.execute(Self.postgresPersons(stage))
                stagedRows[stage.rawValue] = 0
                continue
            case .member: try pg.execute(Self.postgresPersons(stage))
            case .activity: try pg.execute("SELECT pg_advisory_xact_lock(\(Self.activityLock))")
            case .aid: break
            }
            let stored = try pg.query(Self.postgresInsert(stage), [.int(batchId)]).first?.int("n") ?? 0
            if stored < staged {
                duplicates += try pg.query(Self.postgresDuplicates(stage), [.int(batchId)]).map { r in duplicate(r, stage) }
            }
            stagedRows[stage.rawValue] = 0
        }
        return duplicates
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
