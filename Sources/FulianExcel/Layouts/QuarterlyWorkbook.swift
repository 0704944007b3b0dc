import Foundation
import FulianAnalytics
import FulianCore
import FulianImport
import FulianStore

/// The workbook leadership reads: `fulian report quarterly --period 2024Q1 -o 2024Q1.xlsx`.
///
/// Sheets (Chinese names, or English with `language: .en`):
/// 概览 Summary · 组织覆盖 Coverage · 就业招聘 Job fairs · 救助发放 Aid · 救助明细 Aid detail ·
/// 执委队伍 Members · 活动开展 Activities · 数据说明 Notes.
///
/// Every figure comes from ``Reports/run(_:in:)`` with the same request `fulian report … --format json`
/// makes, so the workbook agrees with the JSON to the fen. Each sheet has a merged title with the period,
/// a styled, frozen, filtered header, SUM totals that carry their value, and A4 landscape print setup
/// (fit to one page wide, header rows repeated, page numbers in the footer). The workbook is written in
/// constant-memory mode (strings inline, each sheet top to bottom), so its size in memory does not grow
/// with the detail sheet.
///
/// A city's workbook (the top unit in scope is a city, or the store holds several districts) is made by the
/// city federation (制表单位): 概览 adds the key figures of each district, and every figure sheet has a table
/// of the districts followed by one section per district with its streets (a province's: cities, then
/// districts). Rows are told apart by unit, never by name, so two 花园街道 of two districts stay apart.
public enum QuarterlyWorkbook {
    /// What to write.
    public struct Options: Sendable {
        /// The reporting period.
        public var period: Period
        /// Every word of the workbook in Chinese (the default) or English.
        public var language: Language
        /// Coverage rates under this are highlighted.
        public var target: Double
        /// Mask ID numbers on the sheets that list people.
        public var mask: Bool
        /// The creation time in the document properties, and the 制表日期 of page 1 (nil: now).
        public var created: Date?
        /// The district's name for titles and 制表单位 (nil: the register's top unit, if there is one).
        public var district: String?
        /// Add the definitions and SQL behind every figure to 数据说明 (`report quarterly --explain`).
        public var explain: Bool
        /// The zone times are shown in (import times, 制表日期); the machine's by default.
        public var timeZone: TimeZone
        /// Restricts every sheet to this unit's subtree (`--under`, a name, code or path): a district
        /// federation's workbook out of a city's store. Its name heads the titles.
        public var under: String?

        /// Creates options.
        public init(period: Period, language: Language = .current, target: Double = 0.9, mask: Bool = true,
                    created: Date? = nil, district: String? = nil, explain: Bool = false, timeZone: TimeZone = .current) {
            self.period = period
            self.language = language
            self.target = target
            self.mask = mask
            self.created = created
            self.district = district
            self.explain = explain
            self.timeZone = timeZone
        }
    }

    /// What was written.
    public struct Summary: Sendable {
        /// The sheet names in order.
        public var sheets: [String]
    }

    /// The sheets in order.
    static let sheets: [ExcelMessage.Sheet] = [.summary, .coverage, .jobFairs, .aid, .aidDetail, .members, .activities, .notes]

    /// The sheet names for a language, in order.
    public static func sheetNames(_ language: Language) -> [String] {
        sheets.map { ExcelMessage.sheet($0).text(language) }
    }

    /// The district's name: the register's district, else its top unit.
    static func district(in store: Store) throws -> String? {
        try store.read { db in
            try db.fetchTexts("""
                SELECT name FROM org WHERE kind = 'district' OR parentId IS NULL
                ORDER BY kind = 'district' DESC, parentId IS NULL DESC, id LIMIT 1
                """).first
        }
    }

    /// How the workbook groups its units. A district's workbook has one table of its streets for each
    /// figure. A city's (the top unit in scope is a city, or the store holds several districts) has a table
    /// of its districts, then one section per district with that district's streets; a province's the same
    /// with cities and their districts.
    struct Grouping {
        /// The level of the first table of every sheet: streets for a district, districts for a city.
        var top: OrgLevel
        /// The level of the sections' rows (streets in a city's workbook); nil for a district's workbook.
        var sectionRows: OrgLevel?
        /// The unit the titles and 制表单位 name (nil: none can be told).
        var name: String?
        /// The `--under` unit, if any.
        var under: OrgRegister.Unit?
        /// Each unit's section: its nearest ancestor-or-self at the ``top`` level, as the reports group it.
        var sectionOf: [Int64: Int64] = [:]
    }

    /// The grouping for the scope of `options` (`--under`, else the whole store).
    static func grouping(store: Store, options o: Options) throws -> Grouping {
        let (level, register, under) = try store.read { db in
            (try Reports.defaultLevel(under: o.under, db: db), try Store.register(db), try o.under.map { try Reports.unit($0, db: db) })
        }
        guard let tier = level.tier, level == .district || level == .city, let rows = OrgLevel.below(tier: tier) else {
            // A district's workbook (or a street's: --under a street lists its communities).
            let name = try o.district ?? under?.name ?? district(in: store)
            return Grouping(top: level == .community ? .community : .street, sectionRows: nil, name: name, under: under)
        }
        let roots = register.units.filter { $0.parentId == nil }
        var g = Grouping(top: level, sectionRows: rows, name: o.district ?? under?.name ?? (roots.count == 1 ? roots[0].name : nil), under: under)
        // As the reports' org map groups: a unit belongs to its nearest ancestor-or-self of tier at most
        // `tier` (a city only counts as tier −1 when grouping by city), a root to itself.
        func unitTier(_ kind: OrgKind) -> Int { kind == .city && tier >= 0 ? 3 : OrgLevel.tier(of: kind) }
        for unit in register.units {
            var current = unit
            for _ in 0..<64 {
                guard unitTier(current.kind) > tier, let parent = current.parentId.flatMap(register.unit(id:)) else { break }
                current = parent
            }
            g.sectionOf[unit.id] = current.id
        }
        return g
    }

    /// Writes the workbook.
    public static func write(store: Store, to path: String, options o: Options) throws -> Summary {
        let lang = o.language
        func t(_ m: ExcelMessage) -> String { m.text(lang) }
        func col(_ c: ExcelMessage.Column) -> String { ExcelMessage.column(c).text(lang) }
        let p = o.period
        let g = try grouping(store: store, options: o)
        func request(_ kind: ReportKind, by: OrgLevel, compare: Bool = false, _ breakdowns: Set<ReportBreakdown> = []) -> ReportRequest {
            ReportRequest(kind: kind, period: p, by: by, compare: compare, breakdowns: breakdowns, under: o.under)
        }
        let underUnit = g.under
        let district = g.name
        func title(_ what: ExcelMessage.Title) -> String { t(.titled(district: district, period: p, what)) }
        let total = t(.word(.totalRow))
        func corner(_ level: OrgLevel) -> String {
            switch level {
            case .city: col(.city)
            case .district: col(.district)
            case .community: col(.community)
            default: col(.street)
            }
        }

        // Every figure of the workbook, from one state of the store: the first table of each sheet (with the
        // comparisons 概览 shows), the program, source and month breakdowns, and in a city's workbook the
        // sections' rows.
        var requests = [
            request(.coverage, by: g.top, compare: true), request(.jobfairs, by: g.top, compare: true),
            request(.aid, by: g.top, compare: true), request(.members, by: g.top, compare: true, [.composition]),
            request(.activities, by: g.top, compare: true),
            request(.aid, by: .none), request(.aid, by: .none, [.source]), request(.aid, by: .none, [.month]),
        ]
        if let rows = g.sectionRows {
            requests += [ReportKind.coverage, .jobfairs, .aid, .members, .activities].map { request($0, by: rows) }
        }
        let reports = try Reports.runAll(requests, in: store)
        let (coverage, jobfairs, aid, members, activities) = (reports[0], reports[1], reports[2], reports[3], reports[4])
        let byProgram = reports[5]
        let inner = Array(reports.dropFirst(8))

        // The sections of a city's workbook: its districts in report order (coverage lists every one).
        var sections: [RowUnit] = []
        if g.sectionRows != nil {
            for r in [coverage, jobfairs, aid, members, activities] {
                for u in orderedUnits(r) where u.id != nil && !sections.contains(u) { sections.append(u) }
            }
        }
        /// The rows of `rows` (a report of the sections' rows) in `s`, with the totals from `s`'s own row of
        /// `outer` (the report by section), without comparisons and without rows that are all zero.
        func section(_ rows: ReportResult, of outer: ReportResult, _ s: RowUnit) -> ReportResult {
            var r = rows
            r.rows = rows.rows.filter { $0.orgId.flatMap { g.sectionOf[$0] } == s.id }
            if let own = outer.rows.first(where: { matches($0, s) }) { r.totals = ReportRow(keys: ReportFields(), measures: own.measures) }
            return withoutComparison(r)
        }
        func sectionTitle(_ s: RowUnit, _ what: ExcelMessage.Title) -> String { t(.titled(district: s.name, period: p, what)) }

        let names = sheetNames(lang)
        let footer = PrintSetup.pageNumberFooter(lang)
        // Constant-memory mode: every sheet is written top to bottom, and the detail sheet may hold a
        // quarter's disbursements of a whole province (250k rows: 480 MB in normal mode, tens in this one).
        let wb = try Workbook(path: path, constantMemory: true, properties: DocumentProperties(
            title: title(.statistics), subject: t(.word(.quarterlySubject)), keywords: p.label, comments: t(.word(.generatedByFulian)),
            created: o.created))
        let summary = try wb.addWorksheet(name: names[0])
        let coverageSheet = try wb.addWorksheet(name: names[1])
        let jobSheet = try wb.addWorksheet(name: names[2])
        let aidSheet = try wb.addWorksheet(name: names[3])
        let detailSheet = try wb.addWorksheet(name: names[4])
        let memberSheet = try wb.addWorksheet(name: names[5])
        let activitySheet = try wb.addWorksheet(name: names[6])
        let notesSheet = try wb.addWorksheet(name: names[7])

        // 组织覆盖: by street (a city: by district, then each district's streets), highlighted under target.
        let rateColumns = ["org_coverage", "work_coverage", "womens_home_coverage"]
        func coverageTable(_ r: ReportResult, title: String, at top: Int) -> TableSheet {
            var table = ReportSheet.table(r, title: title, language: lang, startingAt: top)
            let flat = ReportRendering.table(r)
            for (i, row) in flat.rows.enumerated() {
                for (c, column) in flat.columns.enumerated() where rateColumns.contains(column.name) {
                    if let v = row[c].tenThousandths, Double(v) / 10_000 < o.target { table.highlighted[i, default: []].insert(c) }
                }
            }
            return table
        }
        var stack = TableStack()
        let cov = try put({ coverageTable(withoutComparison(coverage), title: title(.coverage), at: $0) }, on: coverageSheet, &stack)
        for s in sections {
            let r = section(inner[0], of: coverage, s)
            if !r.rows.isEmpty { _ = try put({ coverageTable(r, title: sectionTitle(s, .coverage), at: $0) }, on: coverageSheet, &stack) }
        }
        try coverageSheet.write(row: stack.row - 1, col: 0, .text(t(.belowTarget(percent: percent(o.target)))))
        try finish(coverageSheet, footer: footer, stack: stack)

        // 就业招聘: by street (a city: by district, then by street per district), then the list of fairs (on a
        // page of its own when it does not fit).
        stack = TableStack()
        _ = try put({ ReportSheet.table(withoutComparison(jobfairs), title: title(.jobFairs), language: lang, startingAt: $0) },
                    on: jobSheet, &stack)
        for s in sections {
            let r = section(inner[1], of: jobfairs, s)
            if !r.rows.isEmpty {
                _ = try put({ ReportSheet.table(r, title: sectionTitle(s, .jobFairs), language: lang, startingAt: $0) }, on: jobSheet, &stack)
            }
        }
        var fairs = TableSheet(title: t(.title(.fairsHeld)),
                               headers: [col(.date), col(.activityTitle), col(.heldBy), col(.ofStreet), col(.employers), col(.positions),
                                         col(.seekers), col(.placements), col(.placementRate), col(.sourceFile), col(.sourceRow)],
                               styles: [nil, nil, nil, nil, .integer, .integer, .integer, .integer, .percent, nil, .integer])
        fairs.filter = false
        fairs.placeholder = t(.word(.none))
        for f in try Provenance.jobFairs(in: p, under: underUnit?.id, store: store) {
            fairs.rows.append([.date(f.heldOn), .text(f.title ?? ""), .text(f.unit), .text(f.org ?? ""), int(f.employers), int(f.positions),
                               int(f.seekers), int(f.placements), ReportSheet.value(f.placementRate), .text(f.fileName), .integer(f.sourceRow)])
        }
        _ = try put({ _ in fairs }, on: jobSheet, &stack)
        try finish(jobSheet, footer: footer, stack: stack)

        // 救助发放: program × street pivots (a city: × district, then × street per district), then by source
        // and by month.
        /// The amount and recipients tables of one program × unit pivot; `recipients` gives the distinct
        /// recipients of a program over the table's units (they do not add up over the rows).
        // Programs in the store's order (byProgram lists them by id), whichever unit comes first.
        let programOrder = orderedKeys(byProgram, "program")
        func aidTables(_ r: ReportResult, amountTitle: String, recipients distinct: (String) -> ReportValue) throws {
            let present = orderedKeys(r, "program")
            let programs = programOrder.filter(present.contains) + present.filter { !programOrder.contains($0) }
            let units = orderedUnits(r)
            let cells = Dictionary(r.rows.map { (PivotKey($0, "program"), $0.measures) }, uniquingKeysWith: { a, _ in a })
            _ = try put({ top in
                var amount = pivot(r, rows: units, columns: programs, key: "program", measure: "amount", startingAt: top,
                                   title: amountTitle, corner: corner(r.request.by), total: col(.total))
                amount.totals = .sum(label: total)
                amount.placeholder = t(.word(.none))
                return amount
            }, on: aidSheet, &stack)
            var recipients = TableSheet(title: t(.title(.recipients)),
                                        headers: [corner(r.request.by)] + programs, styles: [nil] + programs.map { _ in .integer })
            for u in units {
                recipients.rows.append([.text(u.name)] + programs.map {
                    ReportSheet.value(cells[PivotKey(u, $0)]?["recipients"] ?? .int(0))
                })
            }
            recipients.totals = .values([.text(t(.word(.distinctTotalRow)))] + programs.map { ReportSheet.value(distinct($0)) })
            recipients.filter = false
            recipients.placeholder = t(.word(.none))
            _ = try put({ _ in recipients }, on: aidSheet, &stack)
        }
        stack = TableStack()
        try aidTables(withoutComparison(aid), amountTitle: title(.aidAmount)) { prog in
            byProgram.rows.first { $0.keys["program"] == .text(prog) }?.measures["recipients"] ?? .int(0)
        }
        for s in sections {
            let r = section(inner[2], of: aid, s)
            if r.rows.isEmpty { continue }
            try aidTables(r, amountTitle: sectionTitle(s, .aidAmount)) { prog in
                aid.rows.first { matches($0, s) && $0.keys["program"] == .text(prog) }?.measures["recipients"] ?? .int(0)
            }
        }
        for (r, label) in [(reports[6], ExcelMessage.Title.bySource), (reports[7], .byMonth)] {
            _ = try put({ top in
                var table = ReportSheet.table(r, title: t(.title(label)), language: lang, startingAt: top)
                table.filter = false
                table.placeholder = t(.word(.none))
                return table
            }, on: aidSheet, &stack)
        }
        try finish(aidSheet, footer: footer, stack: stack)

        // 救助明细: the disbursements of the period (people: IDs masked unless asked otherwise).
        var detail = TableSheet(title: title(.aidDetail),
                                headers: [col(.paidOn), col(.name), col(.idNumber), col(.unit), col(.ofStreet), col(.program),
                                          col(.amountYuan), col(.fundingSource), col(.sourceFile), col(.sourceRow)],
                                styles: [nil, nil, nil, nil, nil, nil, .money, nil, nil, .integer])
        detail.totals = .sum(label: total)
        detail.placeholder = t(.word(.none))
        // The row column is a source reference, not a figure: leave it out of the SUM.
        detail.styles[9] = CellStyle().with { $0.horizontalAlignment = .right }
        // Straight from the store to the sheet, a few thousand rows at a time (a quarter of a province is
        // not held): another thread reads them from the store while this one writes them.
        var detailRows = try detail.begin(on: detailSheet, at: 0)
        let channel = ChunkChannel<[ExcelValue]>(depth: 4)
        let (mask, under) = (o.mask, underUnit?.id)
        let reader = Thread {
            struct Stopped: Error {}
            do {
                var batch: [[ExcelValue]] = []
                try Provenance.forEachDisbursement(in: p, under: under, store: store) { d in
                    let id = d.idNumber.map { mask ? Masking.idNumber($0) : $0 } ?? ""
                    batch.append([.date(d.paidOn), .text(d.name), .text(id), .text(d.unit), .text(d.org ?? ""), .text(d.program),
                                  .money(Money(fen: d.amountFen)), .text(d.source ?? ""), .text(d.fileName), .integer(d.sourceRow)])
                    if batch.count == 4096 {
                        guard channel.put(batch) else { throw Stopped() }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { _ = channel.put(batch) }
                channel.close(nil)
            } catch {
                channel.close(error)
            }
        }
        reader.start()
        do {
            while let batch = try channel.take() {
                for row in batch { try detailRows.append(row) }
            }
        } catch {
            // Stop the reader, and let it end its read of the store before going on.
            channel.stop()
            channel.waitClosed()
            throw error
        }
        try detailRows.finish()
        try finish(detailSheet, footer: footer)

        // 执委队伍: street × role in rank order (主席 first; a city: × district, then × street per district),
        // then age bands and tags.
        func rolePivot(_ r: ReportResult, title: String, at top: Int) -> TableSheet {
            let roles = orderedKeys(r, "role").enumerated()
                .sorted { (Role(rawValue: $0.element)?.rank ?? Int.max, $0.offset) < (Role(rawValue: $1.element)?.rank ?? Int.max, $1.offset) }
                .map(\.element)
            var table = pivot(r, rows: orderedUnits(r), columns: roles, key: "role", measure: "members", startingAt: top,
                              title: title, corner: corner(r.request.by), total: col(.total),
                              label: { Role(rawValue: $0).map { Label.role($0).text(lang) } ?? $0 })
            table.totals = .sum(label: total)
            table.placeholder = t(.word(.none))
            return table
        }
        stack = TableStack()
        _ = try put({ rolePivot(withoutComparison(members), title: title(.membersByRole), at: $0) }, on: memberSheet, &stack)
        for s in sections {
            let r = section(inner[3], of: members, s)
            if !r.rows.isEmpty { _ = try put({ rolePivot(r, title: sectionTitle(s, .membersByRole), at: $0) }, on: memberSheet, &stack) }
        }
        if let c = members.composition {
            try memberSheet.write(row: stack.row, col: 0, .text(t(.distinctPersons(c.persons))))
            stack.skip(2)
            for (label, list) in [(ExcelMessage.Title.ageBands, c.ageBands), (.tags, c.tags)] where !list.isEmpty && c.persons > 0 {
                var table = TableSheet(title: t(.title(label)), headers: [col(.group), col(.persons), col(.share)],
                                       styles: [nil, .integer, .percent])
                table.filter = false
                table.rows = list.map { b in
                    let name = label == .ageBands ? AgeBand(rawValue: b.label).map { Label.ageBand($0).text(lang) } ?? b.label : b.label
                    return [.text(name), .integer(b.persons), ReportSheet.value(b.share)]
                }
                _ = try put({ _ in table }, on: memberSheet, &stack)
            }
        }
        try finish(memberSheet, footer: footer, stack: stack)

        // 活动开展: street × kind, activities and participants (a city: × district, then × street per district).
        func activityTables(_ r: ReportResult, title: (ExcelMessage.Title) -> String) throws {
            let kinds = orderedKeys(r, "kind").enumerated()
                .sorted { (kindRank($0.element), $0.offset) < (kindRank($1.element), $1.offset) }.map(\.element)
            let units = orderedUnits(r)
            for (measure, label) in [("activities", ExcelMessage.Title.activityCounts), ("participants", .participants)] {
                _ = try put({ top in
                    var table = pivot(r, rows: units, columns: kinds, key: "kind", measure: measure, startingAt: top,
                                      title: title(label), corner: corner(r.request.by), total: col(.total),
                                      label: { ActivityKind(rawValue: $0).map { Label.activityKind($0).text(lang) } ?? $0 })
                    table.filter = false
                    table.freeze = measure == "activities"
                    table.totals = .sum(label: total)
                    table.placeholder = t(.word(.none))
                    return table
                }, on: activitySheet, &stack)
            }
        }
        stack = TableStack()
        try activityTables(withoutComparison(activities), title: title)
        for s in sections {
            let r = section(inner[4], of: activities, s)
            if !r.rows.isEmpty { try activityTables(r) { sectionTitle(s, $0) } }
        }
        try finish(activitySheet, footer: footer, stack: stack)

        // 概览: who made it, when and for which period; headline figures with 环比 and 同比; in a city's
        // workbook the key figures of each district; then charts.
        let headline: [(ExcelMessage.Indicator, ReportResult, String)] = [
            (.orgCoverage, coverage, "org_coverage"), (.workCoverage, coverage, "work_coverage"),
            (.womensHomeCoverage, coverage, "womens_home_coverage"), (.fairs, jobfairs, "fairs"), (.employers, jobfairs, "employers"),
            (.positions, jobfairs, "positions"), (.seekers, jobfairs, "seekers"), (.placements, jobfairs, "placements"),
            (.placementRate, jobfairs, "placement_rate"), (.recipients, aid, "recipients"), (.disbursements, aid, "disbursements"),
            (.amount, aid, "amount"), (.memberships, members, "members"), (.persons, members, "persons"),
            (.activities, activities, "activities"), (.participants, activities, "participants"),
        ]
        let summaryWidth = 8
        try summary.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: summaryWidth - 1, value: .text(title(.summary)), style: .title)
        try summary.setRowHeight(0, height: 24)
        // Fixed widths, so the two charts can sit side by side under the table within the printed width.
        let summaryWidths: [Double] = [24, 13, 13, 13, 13, 13, 13, 13]
        for (c, w) in summaryWidths.enumerated() { try summary.setColumnWidth(c, width: w) }
        let madeOn = localDate(o.created ?? Date(), o.timeZone)
        let info = ([district.map { t(.preparedBy(district: $0)) }, t(.statisticalPeriod(p)), t(.preparedOn(madeOn))] as [String?])
            .compactMap { $0 }.joined(separator: "　　")
        try summary.mergeRange(firstRow: 1, firstCol: 0, lastRow: 1, lastCol: summaryWidth - 1, value: .text(info),
                               style: CellStyle().with { $0.verticalAlignment = .center })
        try summary.setRowHeight(1, height: 20)
        var head = TableSheet(title: nil,
                              headers: [col(.indicator), col(.thisPeriod), col(.previous), col(.changeFromPrevious),
                                        col(.percentFromPrevious), col(.yearAgo), col(.changeFromYearAgo), col(.percentFromYearAgo)])
        head.filter = false
        head.freeze = false
        let points = CellStyle().with { $0.numberFormat = t(.word(.pointsFormat)) }
        let wanStyle = CellStyle().with { $0.numberFormat = "#,##0.00" }
        var rowStyles: [[CellStyle?]] = []
        for (indicator, r, measure) in headline {
            let tot = r.totals
            let c = tot.comparison
            let values = [tot.measures[measure], c?.previous[measure], c?.changeFromPrevious[measure], c?.percentFromPrevious[measure],
                          c?.yearAgo[measure], c?.changeFromYearAgo[measure], c?.percentFromYearAgo[measure]].map { $0 ?? .null }
            let wan = measure == "amount"
            // A rate's change is in percentage points (+6.3个百分点), and a percent of a percent is not shown.
            let rate = values.contains { if case .ratio = $0 { return true } else { return false } } && !values.isEmpty
                && { if case .ratio = values[0] { return true } else { return values[0] == .null } }()
            head.rows.append([.text(t(.indicator(indicator)))] + values.enumerated().map { i, v in
                if rate {
                    if i == 3 || i == 6 { return .empty }
                    if i == 2 || i == 5 { return v.tenThousandths.map { .number(Double($0) / 100) } ?? .empty }
                }
                if wan, i != 3, i != 6, case .money(let f) = v { return .number(Double(f) / 1_000_000) }
                return ReportSheet.value(v)
            })
            rowStyles.append([nil] + values.enumerated().map { i, v in
                if rate && (i == 2 || i == 5) { return points }
                if i == 3 || i == 6 { return .percent }
                if wan { return wanStyle }
                if case .ratio = v { return .percent }
                if case .money = v { return .money }
                return .integer
            })
        }
        var r0 = try writeRows(head, rowStyles: rowStyles, to: summary, at: 2)
        let basesText = t(.comparisonBases(previous: coverage.previousPeriod, yearAgo: coverage.yearAgoPeriod))
        r0 = try paragraph(basesText, on: summary, row: r0, lastCol: summaryWidth - 1, width: summaryWidths.reduce(0, +)) + 1
        if !sections.isEmpty {
            r0 = try keyFigures(sections, coverage: coverage, jobfairs: jobfairs, aid: aid, members: members, activities: activities,
                                title: title(g.top == .city ? .keyFiguresByCity : .keyFiguresByDistrict), corner: corner(g.top),
                                language: lang, on: summary, at: r0) + 1
        }
        // Chart data: amount by program (万元), under the headline table.
        let chartRow = r0
        var byProg = TableSheet(title: t(.title(.amountByProgram)), headers: [col(.program), col(.amountWan)], styles: [nil, wanStyle])
        byProg.filter = false
        byProg.freeze = false
        for r in byProgram.rows {
            if case .text(let name) = r.keys["program"] ?? .null, case .money(let f) = r.measures["amount"] ?? .null {
                byProg.rows.append([.text(name), .number(Double(f) / 1_000_000)])
            }
        }
        byProg.placeholder = t(.word(.none))
        r0 = try byProg.write(to: summary, at: r0) + 1
        // The charts side by side under the tables (A–D and E–H), on a page of their own when they do not fit.
        // A chart is about 21 rows tall (288 px × 1.1): a page of its own when it would not fit under the table.
        // There it starts a row below the break: a chart anchored on the break row has its top border drawn
        // at the foot of the page before (LibreOffice).
        let chartBreak = r0 + 21 > TableStack.rowsPerPage + 6 ? r0 : nil
        let chartsAt = chartBreak.map { $0 + 1 } ?? r0
        func pixels(_ cols: Range<Int>) -> Double { cols.reduce(0) { $0 + (summaryWidths[$1] * 7 + 5).rounded() } }
        if let rows = byProg.dataRows(startingAt: chartRow) {
            let chart = try wb.addChart(.column)
            try chart.addSeries(values: SheetRange(sheet: names[0], column: 1, rows: rows),
                                categories: SheetRange(sheet: names[0], column: 0, rows: rows),
                                name: t(.indicator(.amount)), dataLabels: true, labelFormat: "#,##0.00")
            try chart.setTitle(title(.aidChart), fontSize: 11)
            try chart.setValueAxis(min: 0, numberFormat: "#,##0.0")
            chart.setLegend(.none)
            try summary.insertChart(chart, row: chartsAt, col: 0, xScale: (pixels(0..<4) - 8) / 480, yScale: 1.1)
        }
        let covFlat = ReportRendering.table(withoutComparison(coverage))
        if let rows = cov.table.dataRows(startingAt: cov.at), let c = covFlat.columns.firstIndex(where: { $0.name == "org_coverage" }) {
            let chart = try wb.addChart(.bar)
            try chart.addSeries(values: SheetRange(sheet: names[1], column: c, rows: rows),
                                categories: SheetRange(sheet: names[1], column: 0, rows: rows),
                                name: t(.indicator(.orgCoverage)), dataLabels: true, labelFormat: "0.0%")
            let chartTitle: ExcelMessage.Title = g.top == .city ? .coverageChartByCity : g.top == .district ? .coverageChartByDistrict : .coverageChart
            try chart.setTitle(title(chartTitle), fontSize: 11)
            try chart.setCategoriesTopDown()
            try chart.setValueAxis(min: 0, max: 1, numberFormat: "0%")
            chart.setLegend(.none)
            try summary.insertChart(chart, row: chartsAt, col: 4, xScale: (pixels(4..<8) - 4) / 480, yScale: 1.1)
        }
        try summary.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer, pageBreaks: chartBreak.map { [$0] } ?? []))
        try summary.activate()

        try writeNotes(notesSheet, options: o, district: district, reports: Array(reports.prefix(5)), store: store)

        try wb.close()
        return Summary(sheets: names)
    }

    /// 概览's table of a city's districts (a province's cities): one row per section with the figures that
    /// add up over its units or are its own rates, and the city's totals (SUMs where the figures add up).
    static func keyFigures(_ sections: [RowUnit], coverage: ReportResult, jobfairs: ReportResult, aid: ReportResult,
                           members: ReportResult, activities: ReportResult, title: String, corner: String,
                           language lang: Language, on sheet: Worksheet, at top: Int) throws -> Int {
        let columns: [(ExcelMessage.Indicator, ReportResult, String)] = [
            (.orgCoverage, coverage, "org_coverage"), (.womensHomeCoverage, coverage, "womens_home_coverage"),
            (.fairs, jobfairs, "fairs"), (.placements, jobfairs, "placements"), (.amount, aid, "amount"),
            (.memberships, members, "members"), (.activities, activities, "activities"),
        ]
        // Headers that fit a 13-wide column on one line (达成就业意向（人） does not).
        func header(_ i: ExcelMessage.Indicator) -> String {
            i == .placements ? ExcelMessage.column(.placements).text(lang) : ExcelMessage.indicator(i).text(lang)
        }
        let wan = CellStyle().with { $0.numberFormat = "#,##0.00" }
        /// A section's figure: its own rate, or the sum of its rows (aid by program, members by role …).
        func figure(_ r: ReportResult, _ measure: String, _ s: RowUnit?) -> ReportValue {
            if s == nil { return r.totals.measures[measure] ?? .null }
            let rows = r.rows.filter { matches($0, s!) }
            if r.kind == .coverage { return rows.first?.measures[measure] ?? .null }
            var sum: Int64 = 0
            var money = false
            for row in rows {
                switch row.measures[measure] ?? .null {
                case .int(let n): sum += n
                case .money(let f): sum += f; money = true
                default: break
                }
            }
            return money || measure == "amount" ? .money(fen: sum) : .int(sum)
        }
        func cell(_ v: ReportValue) -> ExcelValue {
            if case .money(let f) = v { return .number(Double(f) / 1_000_000) }
            return ReportSheet.value(v)
        }
        var table = TableSheet(title: title, headers: [corner] + columns.map { header($0.0) },
                               styles: [nil] + columns.map { $0.1.kind == .coverage ? .percent : $0.2 == "amount" ? wan : .integer })
        table.filter = false
        table.freeze = false
        for s in sections {
            table.rows.append([.text(s.name)] + columns.map { cell(figure($0.1, $0.2, s)) })
        }
        let first = top + 2, last = top + 1 + sections.count
        table.totals = .values([.text(ExcelMessage.word(.totalRow).text(lang))] + columns.enumerated().map { c, column in
            let v = figure(column.1, column.2, nil)
            guard column.1.kind != .coverage else { return cell(v) }
            // The city's figure is the sum of its sections' (every unit belongs to one).
            let range = "\(excelCellName(row: first, col: c + 1)):\(excelCellName(row: last, col: c + 1))"
            return .formula("SUM(\(range))", cached: cell(v).numericValue)
        })
        return try table.write(to: sheet, at: top)
    }

    /// Places a table on a sheet of stacked tables and writes it. `make` builds the table for the row it
    /// starts at (SUM ranges depend on it): built once more when the stack moves it to a new page.
    @discardableResult
    static func put(_ make: (Int) throws -> TableSheet, on sheet: Worksheet, _ stack: inout TableStack) throws -> (table: TableSheet, at: Int) {
        let top = stack.row
        var table = try make(top)
        let at = stack.place(table)
        if at != top { table = try make(at) }
        try table.write(to: sheet, at: at)
        return (table, at)
    }

    /// 数据说明: period and basis, sources (checksums shortened), data quality, footer checks, indicator
    /// definitions in words, the full checksums, and with `explain` the definitions and SQL of every report.
    static func writeNotes(_ sheet: Worksheet, options o: Options, district: String?, reports: [ReportResult], store: Store) throws {
        let lang = o.language
        func t(_ m: ExcelMessage) -> String { m.text(lang) }
        func col(_ c: ExcelMessage.Column) -> String { ExcelMessage.column(c).text(lang) }
        let p = o.period
        // Fixed widths that fit A4 landscape: the sources table sets them, the other tables and the
        // merged paragraphs (definitions) use them.
        let widths: [Double] = [14, 32, 14, 16, 16, 8, 8, 8, 8, 8, 18]
        for (c, w) in widths.enumerated() { try sheet.setColumnWidth(c, width: w) }
        let last = widths.count - 1
        let paperWidth = widths.reduce(0, +)
        /// A section title across the sheet.
        func section(_ text: String, at row: Int) throws -> Int {
            try sheet.setRowHeight(row, height: 24)
            try sheet.mergeRange(firstRow: row, firstCol: 0, lastRow: row, lastCol: last, value: .text(text), style: .title)
            return row + 1
        }
        _ = try section(t(.titled(district: district, period: p, .notes)), at: 0)
        var row = try paragraph(t(.statisticalPeriod(p)), on: sheet, row: 1, lastCol: last, width: paperWidth)
        row = try paragraph(t(.word(.basis)), on: sheet, row: row, lastCol: last, width: paperWidth) + 1

        let batchList = try Provenance.batches(in: store)
        var batches = TableSheet(title: t(.title(.sources)),
                                 headers: [col(.batch), col(.file), col(.dataset), col(.sheet), col(.sha256Short), col(.rowsRead),
                                           col(.loaded), col(.rejected), col(.duplicates), col(.warnings), col(.importedAt)],
                                 styles: [.integer, wrapped, nil, wrapped, nil, .integer, .integer, .integer, .integer, .integer, nil])
        batches.filter = false
        batches.freeze = false
        for b in batchList {
            batches.rows.append([.integer(b.id), .text(b.fileName), .text(datasetLabel(b.dataset, lang)), .text(b.sheet ?? ""),
                                 .text(String(b.sha256.prefix(12))), .integer(b.rowsRead), .integer(b.loaded), .integer(b.rejected),
                                 .integer(b.duplicates), .integer(b.warnings), .text(localTime(b.importedAt, o.timeZone))])
        }
        batches.totals = .sum(label: t(.word(.totalRow)))
        batches.placeholder = t(.word(.none))
        batches.styles[0] = CellStyle().with { $0.horizontalAlignment = .left }
        // Centred, so a time never runs into the warnings count right-aligned beside it.
        batches.styles[10] = CellStyle().with { $0.horizontalAlignment = .center }
        row = try batches.write(to: sheet, at: row)
        if !batchList.isEmpty { row = try paragraph(t(.word(.checksumNote)), on: sheet, row: row, lastCol: last, width: paperWidth) }
        row += 1

        var quality = TableSheet(title: t(.title(.quality)),
                                 headers: [col(.dataset), col(.category), col(.severity), col(.count)],
                                 styles: [nil, nil, nil, .integer])
        quality.filter = false
        quality.freeze = false
        for c in try Provenance.issueCounts(in: store) {
            let severity = Severity(rawValue: c.severity).map { CoreMessage.severity($0).text(lang) } ?? c.severity
            quality.rows.append([.text(datasetLabel(c.dataset, lang)), .text(c.category), .text(severity), .integer(c.count)])
        }
        quality.totals = .sum(label: t(.word(.totalRow)))
        quality.placeholder = t(.word(.none))
        row = try quality.write(to: sheet, at: row) + 1

        // 合计行核对不符: the message runs over the columns right of the row number.
        row = try section(t(.title(.footerMismatch)), at: row)
        try sheet.writeRow(row: row, [.text(col(.sheet)), .text(col(.file)), .text(col(.sourceRow))], style: .header)
        try sheet.mergeRange(firstRow: row, firstCol: 3, lastRow: row, lastCol: last, value: .text(col(.message)), style: .header)
        row += 1
        let footers = try Provenance.issues(category: "footer-mismatch", in: store)
        if footers.isEmpty {
            try sheet.write(row: row, col: 0, .text(t(.word(.none))))
            row += 1
        }
        for i in footers {
            try sheet.writeRow(row: row, [.text(i.sheet ?? ""), .text(i.fileName), i.row.map { .integer($0) } ?? .empty],
                               styles: [wrapped, wrapped, .integer])
            row = try paragraph(i.message, on: sheet, row: row, firstCol: 3, lastCol: last, width: widths[3...].reduce(0, +))
        }
        row += 1

        row = try section(t(.title(.definitions)), at: row)
        for indicator in ExcelMessage.Indicator.allCases where indicator != .positions && indicator != .seekers {
            row = try paragraph(t(.definition(indicator)), on: sheet, row: row, lastCol: last, width: paperWidth)
        }
        row = try paragraph(t(.word(.comparisonRule)), on: sheet, row: row, lastCol: last, width: paperWidth) + 1

        if !batchList.isEmpty {
            row = try section(t(.title(.checksums)), at: row)
            try sheet.writeRow(row: row, [.text(col(.batch)), .text(col(.file))], style: .header)
            try sheet.mergeRange(firstRow: row, firstCol: 2, lastRow: row, lastCol: last, value: .text(col(.sha256)), style: .header)
            row += 1
            for b in batchList {
                try sheet.writeRow(row: row, [.integer(b.id), .text(b.fileName)], styles: [CellStyle().with { $0.horizontalAlignment = .left }, nil])
                try sheet.mergeRange(firstRow: row, firstCol: 2, lastRow: row, lastCol: last, value: .text(b.sha256), style: CellStyle())
                row += 1
            }
            row += 1
        }

        if o.explain {
            row = try section(t(.title(.explain)), at: row)
            row = try paragraph(t(.word(.explainNote)), on: sheet, row: row, lastCol: last, width: paperWidth) + 1
            let code = CellStyle().with { $0.fontName = "Noto Sans Mono CJK SC"; $0.fontSize = 9 }
            for r in reports {
                try sheet.write(row: row, col: 0, .text(r.kind.title + " (\(r.kind.rawValue))"), style: CellStyle().with { $0.bold = true })
                row += 1
                for line in r.explanation.text(lang).split(separator: "\n", omittingEmptySubsequences: false) {
                    // Long lines are cut where the page ends; SQL reads better unwrapped.
                    try sheet.mergeRange(firstRow: row, firstCol: 0, lastRow: row, lastCol: last, value: .text(String(line)), style: code)
                    row += 1
                }
                row += 1
            }
        }
        try sheet.setPrintSetup(PrintSetup(footer: PrintSetup.pageNumberFooter(lang)))
    }

    /// Text that wraps, aligned to the top of its cell.
    static let wrapped = CellStyle().with { $0.wrap = true; $0.verticalAlignment = .top }

    /// Writes `text` across `firstCol…lastCol` of one row, wrapped, the row as tall as its lines
    /// (neither Excel nor LibreOffice grows a merged row by itself). `width` is the merged width in Excel units.
    static func paragraph(_ text: String, on sheet: Worksheet, row: Int, firstCol: Int = 0, lastCol: Int, width: Double) throws -> Int {
        let units = Double(TextNormalizer.displayWidth(text))
        let lines = max(1, Int((units / max(width * 0.92, 1)).rounded(.up)))
        try sheet.setRowHeight(row, height: Double(lines) * 15 + (lines > 1 ? 2 : 0))
        try sheet.mergeRange(firstRow: row, firstCol: firstCol, lastRow: row, lastCol: lastCol, value: .text(text), style: wrapped)
        return row + 1
    }

    /// A dataset code as a leader names it (救助发放); unknown codes as they are.
    static func datasetLabel(_ code: String, _ language: Language) -> String {
        Dataset(rawValue: code).map { Label.dataset($0).text(language) } ?? code
    }

    /// An ISO 8601 time (`2024-07-01T09:00:00Z`) as local time, `2024-07-01 17:00`.
    static func localTime(_ iso: String, _ zone: TimeZone) -> String {
        let parser = ISO8601DateFormatter()
        guard let date = parser.date(from: iso) else { return iso }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    /// The calendar day of a time in a zone.
    static func localDate(_ date: Date, _ zone: TimeZone) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? CivilDate(daysSince1970: 0)
    }

    /// The order activity kinds are listed in: the catalogue's (招聘会, 讲座 … 其他), unknown codes last.
    static func kindRank(_ code: String) -> Int {
        ActivityKind(rawValue: code).flatMap { ActivityKind.allCases.firstIndex(of: $0) } ?? Int.max
    }

    /// The report with its comparison columns removed (the detail sheets show the period only; the summary
    /// carries 环比 and 同比).
    static func withoutComparison(_ r: ReportResult) -> ReportResult {
        var plain = r
        plain.request.compare = false
        plain.previousPeriod = nil
        plain.yearAgoPeriod = nil
        plain.rows = r.rows.filter { row in row.measures.contains { !$0.value.isNull && $0.value != .int(0) && $0.value != .money(fen: 0) } || r.kind == .coverage }
            .map { ReportRow(keys: $0.keys, measures: $0.measures, orgId: $0.orgId) }
        plain.totals = ReportRow(keys: r.totals.keys, measures: r.totals.measures)
        return plain
    }

    /// A unit × `key` table of one measure, with a SUM column per row (exact in fen for money); the
    /// caller adds the totals row. `startingAt` is the sheet row the table will be written at.
    static func pivot(_ r: ReportResult, rows: [RowUnit], columns: [String], key: String, measure: String, startingAt top: Int,
                      title: String, corner: String, total: String, label: (String) -> String = { $0 }) -> TableSheet {
        let isMoney = r.rows.contains { if case .money = $0.measures[measure] ?? .null { return true } else { return false } }
        let style: CellStyle = isMoney ? .money : .integer
        var table = TableSheet(title: title, headers: [corner] + columns.map(label) + [total],
                               styles: [nil] + columns.map { _ in style } + [style])
        let cells = Dictionary(r.rows.map { (PivotKey($0, key), $0.measures[measure]) }, uniquingKeysWith: { a, _ in a })
        for (i, unit) in rows.enumerated() {
            let sheetRow = top + 2 + i
            var sum: Int64 = 0
            var values: [ExcelValue] = [.text(unit.name)]
            for c in columns {
                let v = cells[PivotKey(unit, c)].flatMap { $0 } ?? (isMoney ? .money(fen: 0) : .int(0))
                switch v {
                case .int(let n): sum += n
                case .money(let fen): sum += fen
                default: break
                }
                values.append(ReportSheet.value(v))
            }
            let range = "\(excelCellName(row: sheetRow, col: 1)):\(excelCellName(row: sheetRow, col: columns.count))"
            values.append(.formula("SUM(\(range))", cached: isMoney ? Money(fen: sum).yuan : Double(sum)))
            table.rows.append(values)
        }
        return table
    }

    /// A unit a table has a row for: the store id the report grouped it by, and its name. Two units of
    /// one name (a 新华街道 in two districts) are two rows.
    struct RowUnit: Hashable {
        /// The unit's id (nil for a row without one).
        var id: Int64?
        /// The unit's name.
        var name: String
    }

    /// A cell of a pivot: the row's unit and its value of the column key.
    struct PivotKey: Hashable {
        var unit: RowUnit
        var column: String

        init(_ unit: RowUnit, _ column: String) {
            self.unit = unit
            self.column = column
        }

        /// The cell a report row fills: its unit and its `key` (program, role, kind).
        init(_ row: ReportRow, _ key: String) {
            var name = ""
            if case .text(let s) = row.keys["org"] ?? .null { name = s }
            var value = ""
            if case .text(let s) = row.keys[key] ?? .null { value = s }
            self.init(RowUnit(id: row.orgId, name: name), value)
        }
    }

    /// The units of a report's rows, in report order.
    static func orderedUnits(_ r: ReportResult) -> [RowUnit] {
        var seen: Set<RowUnit> = []
        var units: [RowUnit] = []
        for row in r.rows {
            if case .text(let name) = row.keys["org"] ?? .null {
                let unit = RowUnit(id: row.orgId, name: name)
                if seen.insert(unit).inserted { units.append(unit) }
            }
        }
        return units
    }

    /// Whether a report row is `unit`'s.
    static func matches(_ row: ReportRow, _ unit: RowUnit) -> Bool {
        row.orgId == unit.id && row.keys["org"] == .text(unit.name)
    }

    /// The distinct values of a key in report order.
    static func orderedKeys(_ r: ReportResult, _ key: String) -> [String] {
        var seen: [String] = []
        for row in r.rows {
            if case .text(let s) = row.keys[key] ?? .null, !seen.contains(s) { seen.append(s) }
        }
        return seen
    }

    static func int(_ v: Int64?) -> ExcelValue { v.map { .integer($0) } ?? .empty }

    static func percent(_ x: Double) -> String {
        let v = (x * 1000).rounded() / 10
        return v == v.rounded() ? "\(Int(v))%" : "\(v)%"
    }

    /// Writes a header row at `top` and rows that each carry their own styles (the summary mixes counts,
    /// amounts and rates); returns the row after the table.
    private static func writeRows(_ table: TableSheet, rowStyles: [[CellStyle?]], to sheet: Worksheet, at top: Int) throws -> Int {
        var header = table
        header.rows = []
        var row = try header.write(to: sheet, at: top)
        for (values, styles) in zip(table.rows, rowStyles) {
            try sheet.writeRow(row: row, values, styles: styles)
            row += 1
        }
        return row
    }

    /// Fits the columns and sets the print setup of a sheet of one table: its title and header repeat.
    private static func finish(_ sheet: Worksheet, footer: String) throws {
        try sheet.autoFitColumns(maxWidth: 40)
        try sheet.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer))
    }

    /// Fits the columns and sets the print setup of a sheet of stacked tables: page breaks where a table
    /// would not fit, and the repeated header of the one table that may run over pages.
    private static func finish(_ sheet: Worksheet, footer: String, stack: TableStack) throws {
        try sheet.autoFitColumns(maxWidth: 40)
        try sheet.setPrintSetup(PrintSetup(repeatRows: stack.repeatRows, footer: footer, pageBreaks: stack.breaks))
    }
}

/// Tables placed one under another on a sheet so that each prints with its own header: a table that does
/// not fit on what is left of a page starts a new one, and only the last table, when it starts a page
/// and runs over it, repeats its title and header (print titles are one range per sheet, and Excel and
/// LibreOffice print them only on the pages after the rows themselves).
struct TableStack {
    /// Rows an A4 landscape page holds at 100 % (15 pt rows in 487 pt between the default margins).
    static let rowsPerPage = 32
    /// Points of an A4 landscape page between the default margins, less a little for safety.
    static let pagePoints = 470.0
    /// The next free row.
    private(set) var row = 0
    /// Rows that start a page.
    private(set) var breaks: [Int] = []
    private var pageStart = 0
    private var pageUsed = 0.0
    private var tables: [(start: Int, height: Int, title: Bool)] = []

    /// Where a table goes (a page break is added before it when it does not fit); the next table goes
    /// one blank row under it. Set the table's totals and placeholder first: they count.
    mutating func place(_ table: TableSheet) -> Int {
        let height = table.height
        let points = Double(height) * 15 + (table.title == nil ? 0 : 9)  // the title row is 24 pt
        if row > pageStart && pageUsed + points > TableStack.pagePoints {
            breaks.append(row)
            pageStart = row
            pageUsed = 0
        }
        let start = row
        tables.append((start, height, table.title != nil))
        row = start + height + 1
        pageUsed += points + 15
        return start
    }

    /// Leaves rows free (for a line of text between tables).
    mutating func skip(_ rows: Int) {
        row += rows
        pageUsed += Double(rows) * 15
    }

    /// The rows to repeat: a single table's title and header, or the last table's when it begins a page
    /// and does not end on it.
    var repeatRows: ClosedRange<Int>? {
        guard let last = tables.last else { return nil }
        let headerRows = last.start...(last.start + (last.title ? 1 : 0))
        if tables.count == 1 { return headerRows }
        if last.start == pageStart && last.start > 0 && last.height > TableStack.rowsPerPage { return headerRows }
        return nil
    }
}
