import FulianCore
import FulianStore

/// One job fair held in a period, with the file row it came from (for the workbook's detail sheet).
public struct JobFairEntry: Hashable, Sendable {
    /// The activity id in the store.
    public var id: Int64
    /// The title as written (nil when the ledger had none).
    public var title: String?
    /// The unit that held it (canonical register name).
    public var unit: String
    /// The unit's group at the requested level (its street/town for `--by street`); nil for `--by none`.
    public var org: String?
    /// The day it was held.
    public var heldOn: CivilDate
    /// Participants, as recorded.
    public var participants: Int64?
    /// Employers, as recorded.
    public var employers: Int64?
    /// Positions offered, as recorded.
    public var positions: Int64?
    /// Job seekers, as recorded.
    public var seekers: Int64?
    /// Placements (达成意向), as recorded.
    public var placements: Int64?
    /// The imported file (`importBatch.fileName`).
    public var fileName: String
    /// The row in that file, as Excel shows it.
    public var sourceRow: Int64

    /// placements / seekers; null when either is missing or seekers is 0.
    public var placementRate: ReportValue {
        guard let p = placements, let s = seekers else { return .null }
        return .fraction(p, s)
    }
}

/// One imported file, as listed in `importBatch`.
public struct BatchEntry: Hashable, Sendable {
    /// The batch id.
    public var id: Int64
    /// The file name (no directory).
    public var fileName: String
    /// The dataset: orgs, members, aid, activities.
    public var dataset: String
    /// csv, xlsx or xls.
    public var format: String
    /// The data sheet (nil for CSV).
    public var sheet: String?
    /// Data rows read.
    public var rowsRead: Int64
    /// Rows stored.
    public var loaded: Int64
    /// Rows rejected.
    public var rejected: Int64
    /// Duplicate rows skipped.
    public var duplicates: Int64
    /// Warnings.
    public var warnings: Int64
    /// When it was imported (UTC, ISO 8601).
    public var importedAt: String
    /// The SHA-256 of the file's bytes.
    public var sha256: String
}

/// The number of import issues of one dataset, severity and category.
public struct IssueCount: Hashable, Sendable {
    /// The dataset of the batches the issues belong to.
    public var dataset: String
    /// error or warning.
    public var severity: String
    /// The category (bad-check-digit, lost-digits, duplicate …).
    public var category: String
    /// How many.
    public var count: Int64
}

/// Where the figures come from: the detail lists the quarterly workbook shows beside the reports.

/// One disbursement of a period, for the detail list of the quarterly workbook.
public struct DisbursementEntry: Hashable, Sendable {
    /// Payment date.
    public var paidOn: CivilDate
    /// Recipient's name.
    public var name: String
    /// Recipient's 18-character ID number, when known (mask before showing).
    public var idNumber: String?
    /// The unit the disbursement is attached to.
    public var unit: String
    /// The group at the requested level (the street of a community), nil for `--by none`.
    public var org: String?
    /// Program name.
    public var program: String
    /// Amount in fen.
    public var amountFen: Int64
    /// 资金来源 as written.
    public var source: String?
    /// The file it came from.
    public var fileName: String
    /// Its row in that file.
    public var sourceRow: Int64
}

/// One stored import issue.
public struct IssueEntry: Hashable, Sendable {
    /// The file.
    public var fileName: String
    /// The sheet, nil for text files.
    public var sheet: String?
    /// The 1-based row.
    public var row: Int64?
    /// Error or warning.
    public var severity: String
    /// Stable category.
    public var category: String
    /// The message (personal data already masked).
    public var message: String
}

public enum Provenance {
    /// The job fairs held in `period` (start <= heldOn <= end), by date then id, each with its group at `by`.
    /// With `under` (a unit id, ``Reports/unit(_:db:)``), only the fairs of that unit's subtree.
    public static func jobFairs(in period: Period, by: OrgLevel = .street, under: Int64? = nil, store: Store) throws -> [JobFairEntry] {
        var b = SQLBinder(store.engine.dialect)
        var sql = ""
        let group = groupAt(by, orgColumn: "a.orgId", under: under)
        sql += group.with
        sql += "SELECT a.id, a.title, u.name AS unit, \(group.name) AS org, a.heldOn,\n"
        sql += "       a.participants, a.employers, a.positions, a.seekers, a.placements, b.fileName, a.sourceRow\n"
        sql += "FROM activity a\nJOIN org u ON u.id = a.orgId\nJOIN importBatch b ON b.id = a.batchId\n"
        sql += group.joins
        sql += "WHERE a.heldOn >= \(b.date(period.start)) AND a.heldOn <= \(b.date(period.end))"
        sql += " AND a.kind = \(b.text(ActivityKind.jobFair.rawValue))\nORDER BY a.heldOn, a.id"
        let q = b.query("job fairs", sql)
        return try store.read { db in
            try db.fetchAll(q.sql, Reports.arguments(q)).map { r in
                func n(_ c: String) -> Int64? { r.int(c) }
                return JobFairEntry(
                    id: r.int("id") ?? 0, title: r.text("title"), unit: r.text("unit") ?? "", org: r.text("org"),
                    heldOn: CivilDate(iso: r.text("heldOn") ?? "") ?? CivilDate(year: 1, month: 1, day: 1)!,
                    participants: n("participants"), employers: n("employers"), positions: n("positions"),
                    seekers: n("seekers"), placements: n("placements"), fileName: r.text("fileName") ?? "", sourceRow: n("sourceRow") ?? 0)
            }
        }
    }

    /// The SQL that names each row's group at `by` (the street of a community …): a `WITH` clause, the
    /// group-name expression and the joins; nothing for `--by none`.
    /// With `under`, only rows of that unit's subtree are kept (`--under`).
    static func groupAt(_ by: OrgLevel, orgColumn: String, under: Int64? = nil) -> (with: String, name: String, joins: String) {
        guard let tier = by.tier ?? (under != nil ? OrgLevel.street.tier : nil) else { return ("", "NULL", "") }
        let join = under == nil ? "LEFT JOIN" : "JOIN"
        return ("WITH RECURSIVE " + ReportPlanner.orgMap(tier: tier, under: under) + "\n", by.tier == nil ? "NULL" : "g.name",
                "\(join) orgmap m ON m.orgId = \(orgColumn)\nLEFT JOIN org g ON g.id = m.groupId\n")
    }

    /// Every import batch, oldest first.
    public static func batches(in store: Store) throws -> [BatchEntry] {
        try store.read { db in
            try db.fetchAll("""
                SELECT id, fileName, dataset, format, sheet, rowsRead, loaded, rejected, duplicates, warnings,
                       importedAt, sha256
                FROM importBatch ORDER BY id
                """, []).map { r in
                BatchEntry(
                    id: r.int("id") ?? 0, fileName: r.text("fileName") ?? "", dataset: r.text("dataset") ?? "", format: r.text("format") ?? "",
                    sheet: r.text("sheet"), rowsRead: r.int("rowsRead") ?? 0, loaded: r.int("loaded") ?? 0, rejected: r.int("rejected") ?? 0,
                    duplicates: r.int("duplicates") ?? 0, warnings: r.int("warnings") ?? 0, importedAt: r.text("importedAt") ?? "",
                    sha256: r.text("sha256") ?? "")
            }
        }
    }

    /// Import issues counted by dataset, severity and category (errors first, then by count, most first).
    public static func issueCounts(in store: Store) throws -> [IssueCount] {
        try store.read { db in
            try db.fetchAll("""
                SELECT b.dataset, i.severity, i.category, COUNT(*) AS n
                FROM importIssue i JOIN importBatch b ON b.id = i.batchId
                GROUP BY b.dataset, i.severity, i.category
                ORDER BY CASE i.severity WHEN 'error' THEN 0 ELSE 1 END, n DESC, b.dataset, i.category
                """, []).map { r in
                IssueCount(dataset: r.text("dataset") ?? "", severity: r.text("severity") ?? "", category: r.text("category") ?? "",
                           count: r.int("n") ?? 0)
            }
        }
    }

    /// The disbursements paid in `period`, by date then id, each with its group at `by`.
    /// With `under` (a unit id, ``Reports/unit(_:db:)``), only the disbursements of that unit's subtree.
    public static func disbursements(in period: Period, by: OrgLevel = .street, under: Int64? = nil, store: Store) throws -> [DisbursementEntry] {
        var out: [DisbursementEntry] = []
        try forEachDisbursement(in: period, by: by, under: under, store: store) { out.append($0) }
        return out
    }

    /// The disbursements of ``disbursements(in:by:under:store:)`` one by one, without holding them (a
    /// quarter of a province goes from the store to a workbook's detail sheet this way), in one read.
    public static func forEachDisbursement(in period: Period, by: OrgLevel = .street, under: Int64? = nil, store: Store,
                                           _ body: (DisbursementEntry) throws -> Void) throws {
        var b = SQLBinder(store.engine.dialect)
        let group = groupAt(by, orgColumn: "d.orgId", under: under)
        var from = "FROM disbursement d\nJOIN person p ON p.id = d.personId\nJOIN program pr ON pr.id = d.programId\n"
        from += "JOIN org u ON u.id = d.orgId\nJOIN importBatch b ON b.id = d.batchId\n"
        from += group.joins
        from += "WHERE d.paidOn >= \(b.date(period.start)) AND d.paidOn <= \(b.date(period.end))"
        var sql = group.with
        sql += "SELECT d.paidOn, p.name, p.idNumber, u.name AS unit, \(group.name) AS org,\n"
        sql += "       pr.name AS program, d.amountFen, d.source, b.fileName, d.sourceRow\n"
        sql += from + "\nORDER BY d.paidOn, d.id"
        let q = b.query("disbursements", sql)
        try store.read { db in
            // Columns by position: this list can be a quarter of a province (by name costs a lookup per cell).
            try db.forEachRow(q.sql, Reports.arguments(q)) { r in
                try body(DisbursementEntry(
                    paidOn: CivilDate(iso: r[0].text ?? "") ?? CivilDate(year: 1, month: 1, day: 1)!, name: r[1].text ?? "", idNumber: r[2].text,
                    unit: r[3].text ?? "", org: r[4].text, program: r[5].text ?? "", amountFen: r[6].int ?? 0, source: r[7].text,
                    fileName: r[8].text ?? "", sourceRow: r[9].int ?? 0))
            }
        }
    }

    /// The stored issues of one category (e.g. `footer-mismatch`), in import order.
    public static func issues(category: String, in store: Store) throws -> [IssueEntry] {
        try store.read { db in
            try db.fetchAll("""
                SELECT b.fileName, i.sheet, i.row, i.severity, i.category, i.message
                FROM importIssue i JOIN importBatch b ON b.id = i.batchId
                WHERE i.category = ?
                ORDER BY i.batchId, i.row, i.id
                """, [.text(category)]).map { r in
                IssueEntry(fileName: r.text("fileName") ?? "", sheet: r.text("sheet"), row: r.int("row"), severity: r.text("severity") ?? "",
                           category: r.text("category") ?? "", message: r.text("message") ?? "")
            }
        }
    }
}
