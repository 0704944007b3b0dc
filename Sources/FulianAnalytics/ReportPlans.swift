import FulianCore

/// How a measure is computed from the integer columns a query returns.
enum MeasureKind: Hashable {
    /// An integer column.
    case count
    /// A fen column, shown as yuan.
    case money
    /// numerator / denominator of two count measures, computed in Swift from the integers.
    case ratio(numerator: String, denominator: String)
}

/// One measure of a report.
struct MeasureSpec: Hashable {
    var name: String
    var kind: MeasureKind
    /// Only in the totals (members: `persons`, distinct people overall).
    var totalsOnly = false
}

/// How rows are ordered on one key.
enum KeySort: Hashable {
    /// By an integer column of the query (`org_sort` = org id, register order; `program_sort` = program id).
    case column(String)
    /// By ``Role/rank`` (chair first), unknown roles last by text.
    case roleRank
    /// By the order of ``ActivityKind/allCases``, unknown codes last by text.
    case activityKindRank
    /// By the text, null last.
    case text
}

/// One grouping key of a report.
struct KeySpec: Hashable {
    var name: String
    var sort: KeySort
}

/// Everything needed to compute one report for one period.
struct ReportPlan {
    var keys: [KeySpec]
    var measures: [MeasureSpec]
    /// The grouped statement (nil when the report has no grouping key: coverage/jobfairs `--by none`).
    var grouped: SQLQuery?
    /// The statement for the totals; nil when the grouped statement also returns the totals as the row
    /// with `is_totals = 1`.
    var totals: SQLQuery?
    /// Members composition statements (age bands, tags), when asked for.
    var composition: (ages: SQLQuery, tags: SQLQuery)?

    var rowMeasures: [MeasureSpec] { measures.filter { !$0.totalsOnly } }
}

/// Where a report looks in the register, as ``Reports`` finds it in the store before planning.
struct PlanScope: Hashable {
    /// The `--under` unit's id: every statement is restricted to it and its subtree. Nil: the whole store.
    var under: Int64?
    /// Whether rows carry the unit's code beside its name (a store holding several districts, where
    /// equal names in different districts must be told apart).
    var codes = false
}

/// Builds the SQL of each report. Every statement is standard SQL apart from the ``SQLDialect`` calls.
enum ReportPlanner {
    /// The unit kinds of the coverage denominators when `--kinds` is not given.
    static let defaultCoverageKinds: [OrgKind] = [.community, .village]

    /// `CASE` giving an org kind's tier: district 0, street/town 1, community/village 2, anything else 3.
    /// With `city`, a city's tier is -1 (for `--by city`; otherwise a city is simply a root, its own group).
    static func tierExpression(_ kindColumn: String, city: Bool = false) -> String {
        "CASE \(kindColumn) " + (city ? "WHEN 'city' THEN -1 " : "") + "WHEN 'district' THEN 0 WHEN 'street' THEN 1 WHEN 'town' THEN 1 "
            + "WHEN 'community' THEN 2 WHEN 'village' THEN 2 ELSE 3 END"
    }

    /// The recursive CTE mapping every org reachable from a root to its group at `tier`: the nearest
    /// ancestor-or-self whose tier is at most `tier` (a root is always its own group). Walks the tree
    /// top-down once, so it costs one pass over the register whatever the data volume.
    /// With `under`, the walk starts at that unit instead of the roots, so only its subtree is mapped.
    static func orgMap(tier: Int, under: Int64? = nil) -> String {
        """
        orgmap(orgId, groupId, depth) AS (
            SELECT o.id, o.id, 0 FROM org o WHERE \(under.map { "o.id = \($0)" } ?? "o.parentId IS NULL")
            UNION ALL
            SELECT c.id,
                   CASE WHEN \(tierExpression("c.kind", city: tier < 0)) <= \(tier) THEN c.id ELSE m.groupId END,
                   m.depth + 1
            FROM org c JOIN orgmap m ON c.parentId = m.orgId
            WHERE m.depth < 64
        )
        """
    }

    /// The CTE `scope(id)`: the `--under` unit and every unit under it.
    static func scopeCTE(_ under: Int64) -> String {
        """
        scope(id, depth) AS (
            SELECT o.id, 0 FROM org o WHERE o.id = \(under)
            UNION ALL
            SELECT c.id, s.depth + 1 FROM org c JOIN scope s ON c.parentId = s.id WHERE s.depth < 64
        )
        """
    }

    /// A statement without the org map restricted to the `--under` subtree: its WITH clause (to put
    /// first) and the condition on `column`; nothing without `--under`.
    static func restriction(_ scope: PlanScope, column: String) -> (with: String, condition: [String]) {
        guard let id = scope.under else { return ("", []) }
        return ("WITH RECURSIVE " + scopeCTE(id) + "\n", ["\(column) IN (SELECT id FROM scope)"])
    }

    /// The plan of `request` for `period` (the current or a comparison period).
    static func plan(_ request: ReportRequest, period: Period, dialect: any SQLDialect, scope: PlanScope = PlanScope()) throws -> ReportPlan {
        switch request.kind {
        case .aid: return aid(request, period, dialect, scope)
        case .coverage: return try coverage(request, period, dialect, scope)
        case .jobfairs: return jobfairs(request, period, dialect, scope)
        case .members: return members(request, period, dialect, scope)
        case .activities: return try activities(request, period, dialect, scope)
        }
    }

    /// Fragments shared by the flow reports: the `WITH` clause, the org columns, joins and GROUP BY terms.
    private struct OrgGrouping {
        var with = ""
        var select: [String] = []
        var joins: [String] = []
        var groupBy: [String] = []
        var keys: [KeySpec] = []

        /// Conditions restricting the data to `--under` when there is no org map to do it (`--by none`).
        var conditions: [String] = []

        init(_ by: OrgLevel, dataOrgColumn: String, scope: PlanScope) {
            guard let tier = by.tier else {
                (with, conditions) = ReportPlanner.restriction(scope, column: dataOrgColumn)
                return
            }
            with = "WITH RECURSIVE " + ReportPlanner.orgMap(tier: tier, under: scope.under) + "\n"
            select = ["g.id AS org_sort", "g.name AS org"]
            joins = ["JOIN orgmap m ON m.orgId = \(dataOrgColumn)", "JOIN org g ON g.id = m.groupId"]
            groupBy = ["g.id", "g.name"]
            keys = [KeySpec(name: "org", sort: .column("org_sort"))]
            if scope.codes {
                select.append("g.code AS code")
                groupBy.append("g.code")
                keys.append(KeySpec(name: "code", sort: .text))
            }
        }
    }

    private static func assemble(
        with: String, select: [String], from: String, joins: [String], where conditions: [String], groupBy: [String]
    ) -> String {
        var s = with + "SELECT " + select.joined(separator: ",\n       ") + "\nFROM " + from
        for j in joins { s += "\n" + j }
        if !conditions.isEmpty { s += "\nWHERE " + conditions.joined(separator: "\n  AND ") }
        if !groupBy.isEmpty { s += "\nGROUP BY " + groupBy.joined(separator: ", ") }
        return s
    }

    // MARK: aid

    /// One statement for rows and totals: the rows grouped, then the totals row (`is_totals = 1`,
    /// appended with UNION ALL), whose recipients are distinct over the whole period.
    ///
    /// Both parts read the period's disbursements from `disbursement_unitProgram` (unit, programme,
    /// date, person, amount: every column they use) without visiting the table: for each group (in id
    /// order), each programme and each unit of the group, the unit's rows of that programme in the
    /// period are one range of the index. The rows thus come already grouped, so nothing is sorted, and
    /// a quarter costs the quarter's rows however many years the store holds. `CROSS JOIN` fixes that
    /// loop order in SQLite; PostgreSQL reads it as the plain join it is and plans its own.
    private static func aid(_ r: ReportRequest, _ period: Period, _ dialect: any SQLDialect, _ scope: PlanScope) -> ReportPlan {
        var keys: [KeySpec] = []
        var select = ["0 AS is_totals"]
        var groupBy: [String] = []
        // The loops of the grouped part, outermost first, and what ties each to the ones before.
        var from: [String] = []
        var on: [String] = []
        // The loops of the totals part: the units in scope, each programme, their rows.
        var totalsFrom: [String] = []
        var totalsOn: [String] = []
        var with = ""
        if let tier = r.by.tier {
            with = "WITH RECURSIVE " + orgMap(tier: tier, under: scope.under) + "\n"
            keys.append(KeySpec(name: "org", sort: .column("org_sort")))
            select += ["g.id AS org_sort", "g.name AS org"]
            groupBy += ["g.id", "g.name"]
            if scope.codes {
                keys.append(KeySpec(name: "code", sort: .text))
                select.append("g.code AS code")
                groupBy.append("g.code")
            }
            from = ["org g", "program p", "orgmap m", "disbursement d"]
            on = ["g.id IN (SELECT groupId FROM orgmap)", "m.groupId = g.id", "d.orgId = m.orgId", "d.programId = p.id"]
            totalsFrom = ["orgmap m", "program p", "disbursement d"]
            totalsOn = ["d.orgId = m.orgId", "d.programId = p.id"]
        } else if let under = scope.under {
            with = "WITH RECURSIVE " + scopeCTE(under) + "\n"
            from = ["program p", "scope s", "disbursement d"]
            on = ["d.orgId = s.id", "d.programId = p.id"]
            totalsFrom = ["scope s", "program p", "disbursement d"]
            totalsOn = on
        } else {
            from = ["program p", "org o", "disbursement d"]
            on = ["d.orgId = o.id", "d.programId = p.id"]
            totalsFrom = ["org o", "program p", "disbursement d"]
            totalsOn = on
        }
        keys.append(KeySpec(name: "program", sort: .column("program_sort")))
        select += ["p.id AS program_sort", "p.name AS program"]
        groupBy += ["p.id", "p.name"]
        if r.breakdowns.contains(.source) {
            keys.append(KeySpec(name: "source", sort: .text))
            select.append("d.source AS source")
            groupBy.append("d.source")
        }
        if r.breakdowns.contains(.month) {
            keys.append(KeySpec(name: "month", sort: .text))
            select.append("\(dialect.month(of: "d.paidOn")) AS month")
            groupBy.append(dialect.month(of: "d.paidOn"))
        }
        let measures = ["COUNT(*) AS disbursements", "COUNT(DISTINCT d.personId) AS recipients",
                        "COALESCE(SUM(d.amountFen), 0) AS amount"]
        var b = SQLBinder(dialect)
        func part(_ columns: [String], _ loops: [String], _ conditions: [String]) -> String {
            var s = "SELECT " + columns.joined(separator: ",\n       ") + "\nFROM " + loops.joined(separator: "\nCROSS JOIN ")
            s += "\nWHERE " + conditions.joined(separator: " AND ")
            s += "\n  AND d.paidOn >= \(b.date(period.start)) AND d.paidOn <= \(b.date(period.end))"
            return s
        }
        var sql = with + part(select + measures, from, on)
        sql += "\nGROUP BY " + groupBy.joined(separator: ", ")
        sql += "\nUNION ALL\n" + part(["1" + String(repeating: ", NULL", count: select.count - 1)] + measures, totalsFrom, totalsOn)
        return ReportPlan(
            keys: keys,
            measures: [MeasureSpec(name: "disbursements", kind: .count), MeasureSpec(name: "recipients", kind: .count),
                       MeasureSpec(name: "amount", kind: .money)],
            grouped: b.query("rows and totals \(period.label)", sql), totals: nil)
    }

    // MARK: coverage

    /// The unit kinds a coverage request measures.
    static func coverageKinds(_ r: ReportRequest) throws -> [OrgKind] {
        if r.kinds.isEmpty { return defaultCoverageKinds }
        return try kinds(r.kinds, coverage: true, label: OrgKind.init(label:))
    }

    /// `--kinds` values read as a kind's raw value or its label; an unknown one is an error that lists them all.
    private static func kinds<K: CaseIterable & RawRepresentable>(_ texts: [String], coverage: Bool,
                                                                  label: (String) -> K?) throws -> [K] where K.RawValue == String {
        try texts.map { k in
            guard let kind = K(rawValue: k) ?? label(k) else {
                throw ReportError(.unknownKind(kind: k, coverage: coverage, allowed: K.allCases.map(\.rawValue)))
            }
            return kind
        }
    }

    private static func coverage(_ r: ReportRequest, _ period: Period, _ dialect: any SQLDialect, _ scope: PlanScope) throws -> ReportPlan {
        let kinds = try coverageKinds(r).map(\.rawValue)
        let measures = [
            MeasureSpec(name: "units", kind: .count),
            MeasureSpec(name: "with_federation", kind: .count),
            MeasureSpec(name: "org_coverage", kind: .ratio(numerator: "with_federation", denominator: "units")),
            MeasureSpec(name: "work_covered", kind: .count),
            MeasureSpec(name: "work_coverage", kind: .ratio(numerator: "work_covered", denominator: "units")),
            MeasureSpec(name: "with_womens_home", kind: .count),
            MeasureSpec(name: "womens_home_coverage", kind: .ratio(numerator: "with_womens_home", denominator: "units")),
        ]
        func counts(_ b: inout SQLBinder, _ u: String) -> [String] {
            [
                "COUNT(\(u).id) AS units",
                "COALESCE(SUM(CASE WHEN \(u).federationOn <= \(b.date(period.end)) THEN 1 ELSE 0 END), 0) AS with_federation",
                "COALESCE(SUM(CASE WHEN \(u).federationOn <= \(b.date(period.end)) OR \(u).workCovered THEN 1 ELSE 0 END), 0) AS work_covered",
                "COALESCE(SUM(CASE WHEN \(u).womensHomeOn <= \(b.date(period.end)) THEN 1 ELSE 0 END), 0) AS with_womens_home",
            ]
        }
        func exists(_ b: inout SQLBinder, _ o: String) -> String {
            "(\(o).establishedOn IS NULL OR \(o).establishedOn <= \(b.date(period.end)))"
                + " AND (\(o).dissolvedOn IS NULL OR \(o).dissolvedOn > \(b.date(period.end)))"
        }
        var grouped: SQLQuery?
        var keys: [KeySpec] = []
        if let tier = r.by.tier {
            keys = [KeySpec(name: "org", sort: .column("org_sort"))]
            if scope.codes { keys.append(KeySpec(name: "code", sort: .text)) }
            var b = SQLBinder(dialect)
            var sql = "WITH RECURSIVE " + orgMap(tier: tier, under: scope.under) + ",\n"
            sql += "unit AS (\n    SELECT m.groupId, u.id, u.federationOn, u.womensHomeOn, u.workCovered\n"
            sql += "    FROM org u JOIN orgmap m ON m.orgId = u.id\n"
            sql += "    WHERE u.kind IN (\(b.list(kinds)))\n      AND \(exists(&b, "u"))\n),\n"
            sql += "grp(id) AS (\n    SELECT o.id FROM org o\n    WHERE \(tierExpression("o.kind", city: tier < 0)) = \(tier)\n"
            if scope.under != nil { sql += "      AND o.id IN (SELECT orgId FROM orgmap)\n" }
            sql += "      AND \(exists(&b, "o"))\n    UNION\n    SELECT groupId FROM unit\n)\n"
            sql += "SELECT g.id AS org_sort, g.name AS org,\n       " + (scope.codes ? "g.code AS code,\n       " : "")
                + counts(&b, "u").joined(separator: ",\n       ")
            sql += "\nFROM grp\nJOIN org g ON g.id = grp.id\nLEFT JOIN unit u ON u.groupId = g.id\nGROUP BY g.id, g.name"
                + (scope.codes ? ", g.code" : "")
            grouped = b.query("rows as of \(period.end.iso)", sql)
        }
        var t = SQLBinder(dialect)
        let select = counts(&t, "u")
        let restricted = restriction(scope, column: "u.id")
        let tw = ["u.kind IN (\(t.list(kinds)))", exists(&t, "u")] + restricted.condition
        let totals = t.query("totals as of \(period.end.iso)", assemble(
            with: restricted.with, select: select, from: "org u", joins: [], where: tw, groupBy: []))
        return ReportPlan(keys: keys, measures: measures, grouped: grouped, totals: totals)
    }

    // MARK: jobfairs

    private static func jobfairs(_ r: ReportRequest, _ period: Period, _ dialect: any SQLDialect, _ scope: PlanScope) -> ReportPlan {
        let org = OrgGrouping(r.by, dataOrgColumn: "a.orgId", scope: scope)
        let restricted = restriction(scope, column: "a.orgId")
        let measureSQL = ["COUNT(*) AS fairs", "COALESCE(SUM(a.employers), 0) AS employers",
                          "COALESCE(SUM(a.positions), 0) AS positions", "COALESCE(SUM(a.seekers), 0) AS seekers",
                          "COALESCE(SUM(a.placements), 0) AS placements"]
        func conditions(_ b: inout SQLBinder) -> [String] {
            ["a.heldOn >= \(b.date(period.start)) AND a.heldOn <= \(b.date(period.end))",
             "a.kind = \(b.text(ActivityKind.jobFair.rawValue))"]
        }
        var grouped: SQLQuery?
        if !org.keys.isEmpty {
            var b = SQLBinder(dialect)
            let w = conditions(&b)
            grouped = b.query("rows \(period.label)", assemble(
                with: org.with, select: org.select + measureSQL, from: "activity a", joins: org.joins,
                where: w, groupBy: org.groupBy))
        }
        var t = SQLBinder(dialect)
        let tw = conditions(&t) + restricted.condition
        let totals = t.query("totals \(period.label)", assemble(
            with: restricted.with, select: measureSQL, from: "activity a", joins: [], where: tw, groupBy: []))
        return ReportPlan(
            keys: org.keys,
            measures: ["fairs", "employers", "positions", "seekers", "placements"].map { MeasureSpec(name: $0, kind: .count) }
                + [MeasureSpec(name: "placement_rate", kind: .ratio(numerator: "placements", denominator: "seekers"))],
            grouped: grouped, totals: totals)
    }

    // MARK: members

    private static func members(_ r: ReportRequest, _ period: Period, _ dialect: any SQLDialect, _ scope: PlanScope) -> ReportPlan {
        let org = OrgGrouping(r.by, dataOrgColumn: "ms.orgId", scope: scope)
        let restricted = restriction(scope, column: "ms.orgId")
        let inScope = restricted.condition.map { " AND " + $0 }.joined()
        func active(_ b: inout SQLBinder) -> String {
            "(ms.termStart IS NULL OR ms.termStart <= \(b.date(period.end)))"
                + " AND (ms.termEnd IS NULL OR ms.termEnd >= \(b.date(period.end)))"
        }
        var b = SQLBinder(dialect)
        let w = active(&b)
        let grouped = b.query("rows as of \(period.end.iso)", assemble(
            with: org.with, select: org.select + ["ms.role AS role", "COUNT(*) AS members"], from: "membership ms",
            joins: org.joins, where: [w] + org.conditions, groupBy: org.groupBy + ["ms.role"]))
        var t = SQLBinder(dialect)
        let tw = active(&t)
        let totals = t.query("totals as of \(period.end.iso)", assemble(
            with: restricted.with, select: ["COUNT(*) AS members", "COUNT(DISTINCT ms.personId) AS persons"], from: "membership ms",
            joins: [], where: [tw] + restricted.condition, groupBy: []))
        var composition: (SQLQuery, SQLQuery)?
        if r.breakdowns.contains(.composition) {
            var a = SQLBinder(dialect)
            let birth = "p.birthDate"
            var ages = restricted.with + "SELECT band, COUNT(*) AS persons\nFROM (\n"
            ages += "    SELECT CASE WHEN age IS NULL THEN 'unknown' WHEN age < 30 THEN '<30' WHEN age < 40 THEN '30-39'\n"
            ages += "                WHEN age < 50 THEN '40-49' WHEN age < 60 THEN '50-59' ELSE '60+' END AS band\n"
            ages += "    FROM (\n"
            ages += "        SELECT CASE WHEN \(birth) IS NULL OR \(dialect.length(of: birth)) <> 10"
            ages += " OR \(birth) > \(a.date(period.end)) THEN NULL\n"
            ages += "                    ELSE \(a.bind(.int(Int64(period.end.year)))) - \(dialect.year(of: birth))"
            ages += " - CASE WHEN \(dialect.monthDay(of: birth)) > \(a.text(String(period.end.iso.suffix(5)))) THEN 1 ELSE 0 END\n"
            ages += "               END AS age\n"
            ages += "        FROM (SELECT DISTINCT ms.personId FROM membership ms WHERE \(active(&a))\(inScope)) act\n"
            ages += "        JOIN person p ON p.id = act.personId\n    ) ages\n) bands\nGROUP BY band"
            var g = SQLBinder(dialect)
            let sep = "'、'"
            var tags = "WITH RECURSIVE " + (scope.under.map { scopeCTE($0) + ",\n" } ?? "") + "act(personId, tags) AS (\n"
            tags += "    SELECT DISTINCT ms.personId, ms.tags FROM membership ms\n"
            tags += "    WHERE \(active(&g)) AND ms.tags IS NOT NULL\(inScope)\n),\n"
            tags += "split(personId, tag, rest) AS (\n"
            tags += "    SELECT personId, '', tags || \(sep) FROM act\n    UNION ALL\n"
            tags += "    SELECT personId, substr(rest, 1, \(dialect.position(of: sep, in: "rest")) - 1),"
            tags += " substr(rest, \(dialect.position(of: sep, in: "rest")) + 1)\n"
            tags += "    FROM split WHERE rest <> ''\n)\n"
            tags += "SELECT tag, COUNT(DISTINCT personId) AS persons\n"
            tags += "FROM (SELECT personId, TRIM(tag) AS tag FROM split) t\nWHERE tag <> ''\nGROUP BY tag"
            composition = (a.query("age bands as of \(period.end.iso)", ages), g.query("tags as of \(period.end.iso)", tags))
        }
        return ReportPlan(
            keys: org.keys + [KeySpec(name: "role", sort: .roleRank)],
            measures: [MeasureSpec(name: "members", kind: .count), MeasureSpec(name: "persons", kind: .count, totalsOnly: true)],
            grouped: grouped, totals: totals, composition: composition)
    }

    // MARK: activities

    /// The activity kinds an activities request counts (nil = all).
    static func activityKinds(_ r: ReportRequest) throws -> [ActivityKind]? {
        if r.kinds.isEmpty { return nil }
        return try kinds(r.kinds, coverage: false, label: ActivityKind.init(label:))
    }

    private static func activities(_ r: ReportRequest, _ period: Period, _ dialect: any SQLDialect, _ scope: PlanScope) throws -> ReportPlan {
        let kinds = try activityKinds(r)?.map(\.rawValue)
        let org = OrgGrouping(r.by, dataOrgColumn: "a.orgId", scope: scope)
        let restricted = restriction(scope, column: "a.orgId")
        let measureSQL = ["COUNT(*) AS activities", "COALESCE(SUM(a.participants), 0) AS participants"]
        func conditions(_ b: inout SQLBinder) -> [String] {
            var w = ["a.heldOn >= \(b.date(period.start)) AND a.heldOn <= \(b.date(period.end))"]
            if let kinds { w.append("a.kind IN (\(b.list(kinds)))") }
            return w
        }
        var b = SQLBinder(dialect)
        let w = conditions(&b)
        let grouped = b.query("rows \(period.label)", assemble(
            with: org.with, select: org.select + ["a.kind AS kind"] + measureSQL, from: "activity a", joins: org.joins,
            where: w + org.conditions, groupBy: org.groupBy + ["a.kind"]))
        var t = SQLBinder(dialect)
        let tw = conditions(&t) + restricted.condition
        let totals = t.query("totals \(period.label)", assemble(
            with: restricted.with, select: measureSQL, from: "activity a", joins: [], where: tw, groupBy: []))
        return ReportPlan(
            keys: org.keys + [KeySpec(name: "kind", sort: .activityKindRank)],
            measures: [MeasureSpec(name: "activities", kind: .count), MeasureSpec(name: "participants", kind: .count)],
            grouped: grouped, totals: totals)
    }
}
