import FulianCore
import FulianImport
import FulianStore

/// Runs the standard reports against a store.
///
/// ```swift
/// let result = try Reports.run(ReportRequest(kind: .aid, period: try Period(parsing: "2024Q1")), in: store)
/// print(ReportRendering.json(result))
/// ```
public enum Reports {
    /// Computes a report. All statements run in one read transaction, so the figures are consistent.
    /// The SQL is in the store engine's dialect (``StoreEngine/dialect``).
    public static func run(_ request: ReportRequest, in store: Store) throws -> ReportResult {
        try validate(request)
        return try store.read { db in try run(request, db: db) }
    }

    /// Computes a report inside an open store read (for callers composing several reports in one read).
    public static func run(_ request: ReportRequest, db: any StoreConnection) throws -> ReportResult {
        let dialect = db.engine.dialect
        try validate(request)
        let scope = try planScope(request, db: db)
        let current = try ReportPlanner.plan(request, period: request.period, dialect: dialect, scope: scope)
        let now = try fetch(current, db: db)
        var queries = [current.grouped, current.totals].compactMap { $0 }
        if let c = current.composition { queries += [c.ages, c.tags] }

        var bases: [RawResult] = []
        var previous: Period?
        var yearAgo: Period?
        if request.compare {
            previous = request.period.previous
            yearAgo = request.period.yearAgo
            for p in [previous!, yearAgo!] {
                let plan = try ReportPlanner.plan(request, period: p, dialect: dialect, scope: scope)
                bases.append(try fetch(plan, db: db))
                queries += [plan.grouped, plan.totals].compactMap { $0 }
            }
        }

        let rowMeasures = current.rowMeasures
        // Rows: the groups of the current period, plus (with --compare) groups present only in a base period.
        // A row is told apart by its keys and the ids it sorts by: two units of one name are two rows.
        var order: [RowIdentity] = []
        var sortKeys: [RowIdentity: [SortValue]] = [:]
        for raw in [now] + bases {
            for row in raw.rows where sortKeys[row.identity] == nil {
                sortKeys[row.identity] = row.sort
                order.append(row.identity)
            }
        }
        order.sort { SortValue.less(sortKeys[$0]!, sortKeys[$1]!) }
        let keyNames = current.keys.map(\.name)
        // The org's id is the first id a row sorts by when the org key sorts by its column (org_sort).
        let orgIdIndex = current.keys.firstIndex { $0.name == "org" }.flatMap { org -> Int? in
            guard case .column = current.keys[org].sort else { return nil }
            return current.keys[..<org].filter { if case .column = $0.sort { true } else { false } }.count
        }
        let rows = order.map { id -> ReportRow in
            let values = bases.map { $0.byKeys[id]?.values ?? [:] }
            var row = makeRow(
                keys: ReportFields(zip(keyNames, id.keys).map { ReportField($0.0, $0.1) }),
                current: now.byKeys[id]?.values ?? [:], bases: request.compare ? values : nil, measures: rowMeasures)
            if let i = orgIdIndex, i < id.ids.count, case .int(let orgId) = id.ids[i] { row.orgId = orgId }
            return row
        }
        let totals = makeRow(
            keys: ReportFields(), current: now.totals, bases: request.compare ? bases.map(\.totals) : nil,
            measures: current.measures)

        return ReportResult(
            request: request, previousPeriod: previous, yearAgoPeriod: yearAgo,
            keyNames: keyNames, measureNames: rowMeasures.map(\.name), totalsMeasureNames: current.measures.map(\.name),
            rows: rows, totals: totals, composition: now.composition,
            explanation: ReportExplanation(
                definition: ReportDefinitions.messages(for: request), queries: queries, dialect: dialect.name))
    }

    /// The unit a name, code or path names (`--under`): exactly one, or a ``ReportError`` listing the candidates.
    public static func unit(_ typed: String, db: any StoreConnection) throws -> OrgRegister.Unit {
        let register = try Store.register(db)
        switch register.resolve(typed) {
        case .success(let u): return u
        case .failure(.unknown(let s)): throw ReportError(.unknownUnder(typed: typed, suggestion: s))
        case .failure(.ambiguousPlaces(let paths)): throw ReportError(.ambiguousUnder(typed: typed, paths: paths))
        case .failure(.ambiguous(let names)):
            let paths = names.flatMap { register.units(named: $0).map(register.path(of:)) }
            throw ReportError(.ambiguousUnder(typed: typed, paths: paths))
        }
    }

    /// The level rows are grouped at when `--by` is not given: the one directly below the top unit in
    /// scope — the `--under` unit, else the store's one root (districts under a city, streets under a
    /// district); a store whose roots are several districts groups by district; anything else by street.
    public static func defaultLevel(under: String?, db: any StoreConnection) throws -> OrgLevel {
        if let under {
            let u = try unit(under, db: db)
            return OrgLevel.below(tier: OrgLevel.tier(of: u.kind)) ?? .community
        }
        let roots = try db.fetchTexts("SELECT kind FROM org WHERE parentId IS NULL").compactMap(OrgKind.init(rawValue:))
        let top = roots.map(OrgLevel.tier(of:)).min()
        switch top ?? 99 {
        case -1: return roots.filter { $0 == .city }.count == 1 ? .district : .city
        case 0: return roots.filter { $0 == .district }.count == 1 ? .street : .district
        default: return .street
        }
    }

    /// The `--under` unit and whether rows carry codes (a store with more than one district).
    static func planScope(_ request: ReportRequest, db: any StoreConnection) throws -> PlanScope {
        var scope = PlanScope()
        if let under = request.under { scope.under = try unit(under, db: db).id }
        scope.codes = try db.fetchInt("SELECT COUNT(*) FROM org WHERE kind = 'district'") ?? 0 > 1
        return scope
    }

    /// Checks the options that only apply to some reports.
    static func validate(_ r: ReportRequest) throws {
        for b in r.breakdowns {
            switch b {
            case .source where r.kind != .aid, .month where r.kind != .aid:
                throw ReportError(.breakdownOnlyForAid(breakdown: b.rawValue))
            case .composition where r.kind != .members:
                throw ReportError(.compositionOnlyForMembers(report: r.kind.rawValue))
            default: break
            }
        }
        switch r.kind {
        case .coverage: _ = try ReportPlanner.coverageKinds(r)
        case .activities: _ = try ReportPlanner.activityKinds(r)
        default:
            if !r.kinds.isEmpty { throw ReportError(.kindsNotApplicable(report: r.kind.rawValue)) }
        }
    }

    // MARK: fetching

    /// A row's keys and the ids it sorts by (org and program ids).
    struct RowIdentity: Hashable {
        var keys: [ReportValue]
        var ids: [SortValue]
    }

    struct RawRow {
        var keys: [ReportValue]
        var sort: [SortValue]
        var values: [String: Int64]
        var ids: [SortValue] = []
        var identity: RowIdentity { RowIdentity(keys: keys, ids: ids) }
    }

    struct RawResult {
        var rows: [RawRow]
        var byKeys: [RowIdentity: RawRow]
        var totals: [String: Int64]
        var composition: MemberComposition?
    }

    static func fetch(_ plan: ReportPlan, db: any StoreConnection) throws -> RawResult {
        let columns = plan.measures.filter { if case .ratio = $0.kind { false } else { true } }.map(\.name)
        var rows: [RawRow] = []
        var totals: [String: Int64] = [:]
        if let g = plan.grouped {
            for row in try db.fetchAll(g.sql, arguments(g)) {
                if plan.totals == nil, row.int("is_totals") == 1 {
                    for c in columns { totals[c] = row.int(c) ?? 0 }
                    continue
                }
                var keys: [ReportValue] = []
                var sort: [SortValue] = []
                var ids: [SortValue] = []
                for k in plan.keys {
                    let text = row.text(k.name)
                    keys.append(text.map(ReportValue.text) ?? .null)
                    switch k.sort {
                    case .column(let c):
                        let v = row.int(c)
                        sort.append(v.map(SortValue.int) ?? .null)
                        ids.append(sort.last!)
                    case .roleRank:
                        sort.append(text.flatMap(Role.init(rawValue:)).map { .int(Int64($0.rank)) } ?? .text(text ?? ""))
                    case .activityKindRank:
                        sort.append(text.flatMap(ActivityKind.init(rawValue:)).flatMap { ActivityKind.allCases.firstIndex(of: $0) }
                            .map { .int(Int64($0)) } ?? .text(text ?? ""))
                    case .text:
                        sort.append(text.map(SortValue.text) ?? .null)
                    }
                }
                var values: [String: Int64] = [:]
                for c in columns where row.hasColumn(c) { values[c] = row.int(c) ?? 0 }
                rows.append(RawRow(keys: keys, sort: sort, values: values, ids: ids))
            }
        }
        if let q = plan.totals, let t = try db.fetchOne(q.sql, arguments(q)) {
            for c in columns { totals[c] = t.int(c) ?? 0 }
        }
        var composition: MemberComposition?
        if let c = plan.composition {
            let persons = totals["persons"] ?? 0
            var bands: [String: Int64] = [:]
            for r in try db.fetchAll(c.ages.sql, arguments(c.ages)) {
                bands[r.text("band") ?? "unknown", default: 0] += r.int("persons") ?? 0
            }
            var tags: [CompositionBucket] = []
            for r in try db.fetchAll(c.tags.sql, arguments(c.tags)) {
                let n = r.int("persons") ?? 0
                tags.append(CompositionBucket(label: r.text("tag") ?? "", persons: n, share: .fraction(n, persons)))
            }
            tags.sort { ($0.persons, $1.label) > ($1.persons, $0.label) }
            composition = MemberComposition(
                persons: persons,
                ageBands: MemberComposition.bands.map {
                    CompositionBucket(label: $0, persons: bands[$0] ?? 0, share: .fraction(bands[$0] ?? 0, persons))
                },
                tags: tags)
        }
        var byKeys: [RowIdentity: RawRow] = [:]
        for r in rows { byKeys[r.identity] = r }
        return RawResult(rows: rows, byKeys: byKeys, totals: totals, composition: composition)
    }

    static func arguments(_ q: SQLQuery) -> [StoreValue] {
        q.arguments.map { a in
            switch a {
            case .text(let s): return .text(s)
            case .int(let i): return .int(i)
            }
        }
    }

    // MARK: measures and comparison

    static func value(_ m: MeasureSpec, _ raw: [String: Int64]) -> ReportValue {
        switch m.kind {
        case .count: return .int(raw[m.name] ?? 0)
        case .money: return .money(fen: raw[m.name] ?? 0)
        case .ratio(let n, let d): return .fraction(raw[n] ?? 0, raw[d] ?? 0)
        }
    }

    /// current − base: exact for counts, money and ratios; null when either side is null.
    static func change(_ current: ReportValue, _ base: ReportValue) -> ReportValue {
        switch (current, base) {
        case (.int(let a), .int(let b)): return .int(a - b)
        case (.money(let a), .money(let b)): return .money(fen: a - b)
        case (.ratio(let n1, let d1), .ratio(let n2, let d2)): return .fraction(n1 * d2 - n2 * d1, d1 * d2)
        default: return .null
        }
    }

    /// (current − base) / base as an exact ratio; null when the base is 0 or null.
    static func percent(_ current: ReportValue, _ base: ReportValue) -> ReportValue {
        switch (current, base) {
        case (.int(let a), .int(let b)): return .fraction(a - b, b)
        case (.money(let a), .money(let b)): return .fraction(a - b, b)
        case (.ratio(let n1, let d1), .ratio(let n2, let d2)): return .fraction(n1 * d2 - n2 * d1, d1 * n2)
        default: return .null
        }
    }

    static func makeRow(keys: ReportFields, current: [String: Int64], bases: [[String: Int64]]?, measures: [MeasureSpec]) -> ReportRow {
        func fields(_ raw: [String: Int64]) -> ReportFields {
            ReportFields(measures.map { ReportField($0.name, value($0, raw)) })
        }
        let now = fields(current)
        guard let bases, bases.count == 2 else { return ReportRow(keys: keys, measures: now) }
        let prev = fields(bases[0]), ago = fields(bases[1])
        func combine(_ base: ReportFields, _ f: (ReportValue, ReportValue) -> ReportValue) -> ReportFields {
            ReportFields(zip(now, base).map { ReportField($0.name, f($0.value, $1.value)) })
        }
        return ReportRow(keys: keys, measures: now, comparison: ReportComparison(
            previous: prev, yearAgo: ago,
            changeFromPrevious: combine(prev, change), percentFromPrevious: combine(prev, percent),
            changeFromYearAgo: combine(ago, change), percentFromYearAgo: combine(ago, percent)))
    }
}

/// A sort component: integers before text, null last.
enum SortValue: Hashable {
    case int(Int64)
    case text(String)
    case null

    private var rank: Int {
        switch self {
        case .int: 0
        case .text: 1
        case .null: 2
        }
    }

    static func less(_ a: [SortValue], _ b: [SortValue]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            switch (x, y) {
            case (.int(let p), .int(let q)): return p < q
            case (.text(let p), .text(let q)): return p < q
            default: return x.rank < y.rank
            }
        }
        return a.count < b.count
    }
}
