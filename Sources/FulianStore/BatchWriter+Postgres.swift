import FulianCore
import FulianImport

/// A disbursement of the batch waiting for its COPY (PostgreSQL).
struct PendingAid {
    var record: AidRecord
    var programId: Int64
    var row: Int
    var sheet: String?
}

/// The PostgreSQL engine's disbursement path: rows are buffered and sent in pieces with COPY into
/// temporary tables inside the file's transaction; persons and disbursements are then settled by the
/// unique indexes (`INSERT … SELECT … ON CONFLICT DO NOTHING`), not by a read-then-write race, so two
/// imports running at once end as one after the other would (the later commit's row is the duplicate).
/// Persons are inserted in key order, so concurrent imports take those row locks in one order;
/// disbursements in file order, so their ids (the detail sheet's order within a day) and the one kept of
/// two equal rows are SQLite's. A deadlock between two imports retries the file.
extension BatchWriter {
    /// Rows per COPY piece.
    static let postgresPiece = 20_000

    /// The temporary tables, dropped at the end of the file's transaction.
    static let postgresStaging = """
        CREATE TEMP TABLE IF NOT EXISTS fulian_person_in (
            seq INTEGER, personKey TEXT, idNumber TEXT, name TEXT, gender TEXT, birthDate DATE
        ) ON COMMIT DROP;
        CREATE TEMP TABLE IF NOT EXISTS fulian_disbursement_in (
            seq INTEGER, personId BIGINT, programId BIGINT, orgId BIGINT, paidOn DATE, amountFen BIGINT,
            source TEXT, household INTEGER, note TEXT, batchId BIGINT, sourceRow INTEGER, sourceSheet TEXT
        ) ON COMMIT DROP;
        TRUNCATE fulian_person_in, fulian_disbursement_in;
        """

    /// Sends the buffered disbursements; the rows that repeat a stored one (or an earlier row of the
    /// file) come back as `duplicate` warnings, worded as the SQLite engine words them.
    func flushPostgresAid(_ pending: [PendingAid], on c: PostgresConnection) throws -> [Diagnostic] {
        guard !pending.isEmpty else { return [] }
        try c.executeScript(Self.postgresStaging)
        // Persons not met yet in this batch, in first-seen order.
        var keyOf: [Int] = []
        var newKeys: [String: Int] = [:]
        try c.copy("COPY fulian_person_in FROM STDIN") { w in
            for p in pending {
                let key = personKey(p.record)
                if knownPerson(p.record) != nil || newKeys[key] != nil { keyOf.append(newKeys[key] ?? -1); continue }
                let seq = newKeys.count
                newKeys[key] = seq
                keyOf.append(seq)
                w.int(Int64(seq)); w.text(key); w.text(p.record.idNumber?.value); w.text(p.record.name)
                w.text(p.record.idNumber.map { $0.gender == .female ? "F" : "M" }); w.text(p.record.idNumber?.birthDate.iso)
                try w.endRow()
            }
        }
        var idOfSeq: [Int: Int64] = [:]
        if !newKeys.isEmpty {
            try c.execute("""
                INSERT INTO person (personKey, idNumber, name, gender, birthDate)
                SELECT personKey, idNumber, name, gender, birthDate FROM fulian_person_in ORDER BY personKey
                ON CONFLICT (personKey) DO NOTHING
                """)
            for r in try c.query("SELECT i.seq, p.id FROM fulian_person_in i JOIN person p ON p.personKey = i.personKey") {
                if let s = r.int("seq"), let id = r.int("id") { idOfSeq[Int(s)] = id }
            }
        }
        try c.copy("COPY fulian_disbursement_in FROM STDIN") { w in
            for (i, p) in pending.enumerated() {
                let a = p.record
                let pid: Int64
                if let known = knownPerson(a) {
                    pid = known
                } else {
                    guard let id = idOfSeq[keyOf[i]] else { throw PostgresError(sqlState: "02000", message: "person \(keyOf[i]) not stored") }
                    pid = id
                    remember(a, id: id)
                }
                w.int(Int64(i)); w.int(pid); w.int(p.programId); w.int(a.orgId); w.text(a.paidOn.iso); w.int(a.amount.fen)
                w.text(a.source); w.int(a.household); w.text(a.note); w.int(batchId); w.int(Int64(p.row)); w.text(p.sheet)
                try w.endRow()
            }
        }
        try c.execute("""
            INSERT INTO disbursement (personId, programId, orgId, paidOn, amountFen, source, household, note, batchId, sourceRow, sourceSheet)
            SELECT personId, programId, orgId, paidOn, amountFen, source, household, note, batchId, sourceRow, sourceSheet
            FROM fulian_disbursement_in ORDER BY seq
            ON CONFLICT (paidOn, personId, programId, amountFen) DO NOTHING
            """)
        // A staged row whose identity is held by another row was not stored: that other row is where it is from.
        var duplicates: [Diagnostic] = []
        for r in try c.query("""
            SELECT i.seq, d.batchId, d.sourceRow, d.sourceSheet, b.fileName
            FROM fulian_disbursement_in i
            JOIN disbursement d ON d.paidOn = i.paidOn AND d.personId = i.personId AND d.programId = i.programId AND d.amountFen = i.amountFen
            JOIN importBatch b ON b.id = d.batchId
            WHERE NOT (d.batchId = i.batchId AND d.sourceRow = i.sourceRow AND d.sourceSheet IS NOT DISTINCT FROM i.sourceSheet)
            ORDER BY i.seq
            """) {
            guard let seq = r.int("seq") else { continue }
            let p = pending[Int(seq)]
            let place = BatchWriter.place(sameBatch: r.int("batchId") == batchId, file: r.text("fileName") ?? "", sheet: r.text("sourceSheet"),
                                          row: Int(r.int("sourceRow") ?? 0))
            let what = StoreMessage.sameDisbursement(program: p.record.program, date: p.record.paidOn.iso, yuan: p.record.amount.yuanString)
            duplicates.append(Diagnostic(severity: .warning, file: file, sheet: p.sheet, row: p.row, category: "duplicate",
                                         message: .store(.duplicate(record: what, place: place))))
        }
        return duplicates
    }
}
