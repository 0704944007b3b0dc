import Foundation
import FulianAnalytics
import FulianCore
import FulianStore

/// The workbook leadership reads: `fulian report quarterly --period 2024Q1 -o 2024Q1.xlsx`.
///
/// Sheets (Chinese names, or English with `language: .en`):
/// 概览 Summary · 组织覆盖 Coverage · 就业招聘 Job fairs · 救助发放 Aid · 救助明细 Aid detail ·
/// 执委队伍 Members · 活动开展 Activities · 数据说明 Notes.
///
/// Every figure comes from ``Reports/run(_:in:dialect:)`` with the same request `fulian report … --format json`
/// makes, so the workbook agrees with the JSON to the fen. Each sheet has a merged title with the period,
/// a styled, frozen, filtered header, SUM totals that carry their value, and A4 landscape print setup
/// (fit to one page wide, header rows repeated, page numbers in the footer). The workbook is written in
/// constant-memory mode (strings inline, each sheet top to bottom), so its size in memory does not grow
/// with the detail sheet.
public enum QuarterlyWorkbook {
    /// What to write.
    public struct Options: Sendable {
        /// The reporting period.
        public var period: Period
        /// Sheet names and headers in Chinese or English.
        public var language: ReportSheet.Language
        /// Coverage rates under this are highlighted.
        public var target: Double
        /// Mask ID numbers on the sheets that list people.
        public var mask: Bool
        /// The creation time in the document properties (nil: now).
        public var created: Date?
        /// The district's name for titles (nil: the register's district, if there is one).
        public var district: String?
        /// Restricts every sheet to this unit's subtree (`--under`, a name, code or path): a district
        /// federation's workbook out of a city's store. Its name heads the titles.
        public var under: String?

        /// Creates options.
        public init(period: Period, language: ReportSheet.Language = .zh, target: Double = 0.9, mask: Bool = true,
                    created: Date? = nil, district: String? = nil) {
            self.period = period
            self.language = language
            self.target = target
            self.mask = mask
            self.created = created
            self.district = district
        }
    }

    /// What was written.
    public struct Summary: Sendable {
        /// The sheet names in order.
        public var sheets: [String]
    }

    /// The sheet names for a language, in order.
    public static func sheetNames(_ language: ReportSheet.Language) -> [String] {
        language == .zh
            ? ["概览", "组织覆盖", "就业招聘", "救助发放", "救助明细", "执委队伍", "活动开展", "数据说明"]
            : ["Summary", "Coverage", "Job fairs", "Aid", "Aid detail", "Members", "Activities", "Notes"]
    }

    /// Writes the workbook.
    public static func write(store: Store, to path: String, options o: Options) throws -> Summary {
        let zh = o.language == .zh
        func t(_ chinese: String, _ english: String) -> String { zh ? chinese : english }
        let p = o.period
        func request(_ kind: ReportKind, by: OrgLevel = .street, compare: Bool = false, _ breakdowns: Set<ReportBreakdown> = []) -> ReportRequest {
            ReportRequest(kind: kind, period: p, by: by, compare: compare, breakdowns: breakdowns, under: o.under)
        }
        let underUnit = try o.under.map { u in try store.dbQueue.read { db in try Reports.unit(u, db: db) } }
        let district = try o.district ?? underUnit?.name ?? store.dbQueue.read { db in
            try String.fetchOne(db, sql: "SELECT name FROM org WHERE kind = 'district' ORDER BY id LIMIT 1")
        }
        let prefix = district.map { $0 + " " } ?? ""
        let periodLabel = zh ? p.chineseLabel : p.label
        func title(_ what: String) -> String { "\(prefix)\(periodLabel) \(what)" }

        // Every figure of the workbook, from one state of the store.
        let reports = try Reports.runAll([
            request(.coverage, compare: true), request(.jobfairs, compare: true), request(.aid, compare: true),
            request(.members, compare: true, [.composition]), request(.activities, compare: true),
            request(.aid, by: .none), request(.aid, by: .none, [.source]), request(.aid, by: .none, [.month]),
        ], in: store)
        let (coverage, jobfairs, aid, members, activities) = (reports[0], reports[1], reports[2], reports[3], reports[4])
        let byProgram = reports[5]

        let names = sheetNames(o.language)
        let footer = zh ? PrintSetup.pageNumberFooter : PrintSetup.pageNumberFooterEnglish
        // Constant-memory mode: every sheet is written top to bottom, and the detail sheet may hold a
        // quarter's disbursements of a whole province (250k rows: 480 MB in normal mode, tens in this one).
        let wb = try Workbook(path: path, constantMemory: true, properties: DocumentProperties(
            title: title(t("妇联工作统计报表", "women's federation statistics")),
            subject: t("组织覆盖、就业招聘、救助发放、执委队伍、活动开展", "coverage, job fairs, aid, members, activities"),
            keywords: p.label, comments: t("由 fulian 根据导入的数据生成", "generated by fulian from the imported data"),
            created: o.created))
        let summary = try wb.addWorksheet(name: names[0])
        let coverageSheet = try wb.addWorksheet(name: names[1])
        let jobSheet = try wb.addWorksheet(name: names[2])
        let aidSheet = try wb.addWorksheet(name: names[3])
        let detailSheet = try wb.addWorksheet(name: names[4])
        let memberSheet = try wb.addWorksheet(name: names[5])
        let activitySheet = try wb.addWorksheet(name: names[6])
        let notesSheet = try wb.addWorksheet(name: names[7])

        // 组织覆盖: by street, highlighted under target.
        let coveragePlain = withoutComparison(coverage)
        var cov = ReportSheet.table(coveragePlain, title: title(t("妇联组织覆盖情况", "coverage")), language: o.language, startingAt: 0)
        let rateColumns = ["org_coverage", "work_coverage", "womens_home_coverage"]
        let covFlat = ReportRendering.table(coveragePlain)
        for (i, row) in covFlat.rows.enumerated() {
            for (c, col) in covFlat.columns.enumerated() where rateColumns.contains(col.name) {
                if let v = row[c].tenThousandths, Double(v) / 10_000 < o.target { cov.highlighted[i, default: []].insert(c) }
            }
        }
        try cov.write(to: coverageSheet, at: 0)
        let covEnd = cov.rows.count + 3
        try coverageSheet.write(row: covEnd, col: 0, .text(t("注：覆盖率低于 \(percent(o.target)) 的单元格以红色标出。",
                                                              "Rates below \(percent(o.target)) are highlighted in red.")))
        try finish(coverageSheet, footer: footer)

        // 就业招聘: by street, then the list of fairs.
        let jobs = ReportSheet.table(withoutComparison(jobfairs), title: title(t("招聘会情况", "job fairs")), language: o.language, startingAt: 0)
        var row = try jobs.write(to: jobSheet, at: 0) + 1
        var fairs = TableSheet(title: t("招聘会清单", "Job fairs held"),
                               headers: [t("日期", "date"), t("活动名称", "title"), t("举办单位", "unit"), t("所属街道", "street"),
                                         t("参会企业", "employers"), t("提供岗位", "positions"), t("求职人数", "seekers"),
                                         t("达成意向", "placements"), t("达成率", "placement rate"), t("来源文件", "file"), t("行号", "row")],
                               styles: [nil, nil, nil, nil, .integer, .integer, .integer, .integer, .percent, nil, .integer])
        fairs.filter = false
        for f in try Provenance.jobFairs(in: p, under: underUnit?.id, store: store) {
            fairs.rows.append([.date(f.heldOn), .text(f.title ?? ""), .text(f.unit), .text(f.org ?? ""), int(f.employers), int(f.positions),
                               int(f.seekers), int(f.placements), ReportSheet.value(f.placementRate), .text(f.fileName), .integer(f.sourceRow)])
        }
        row = try fairs.write(to: jobSheet, at: row)
        try finish(jobSheet, footer: footer)

        // 救助发放: program × street pivots, then by source and by month.
        let aidPlain = withoutComparison(aid)
        let programs = orderedKeys(aidPlain, "program")
        let streets = orderedKeys(aidPlain, "org")
        func cell(_ org: String, _ program: String, _ measure: String) -> ReportValue? {
            aidPlain.rows.first { $0.keys["org"] == .text(org) && $0.keys["program"] == .text(program) }?.measures[measure]
        }
        var amount = pivot(aidPlain, rows: streets, columns: programs, key: "program", measure: "amount", startingAt: 0,
                           title: title(t("救助发放金额（元）", "aid amount (yuan)")), corner: t("街道", "street"), total: t("合计", "total"))
        amount.totals = .sum(label: t("合计", "Total"))
        row = try amount.write(to: aidSheet, at: 0) + 1
        var recipients = TableSheet(title: t("受助人数（人，按身份证去重）", "recipients (distinct persons)"),
                                    headers: [t("街道", "street")] + programs, styles: [nil] + programs.map { _ in .integer })
        for s in streets {
            recipients.rows.append([.text(s)] + programs.map { ReportSheet.value(cell(s, $0, "recipients") ?? .int(0)) })
        }
        recipients.totals = .values([.text(t("合计（去重）", "Total (distinct)"))] + programs.map { prog in
            ReportSheet.value(byProgram.rows.first { $0.keys["program"] == .text(prog) }?.measures["recipients"] ?? .int(0))
        })
        recipients.filter = false
        row = try recipients.write(to: aidSheet, at: row) + 1
        for (r, label) in [(reports[6], t("按资金来源", "by funding source")), (reports[7], t("按月份", "by month"))] {
            var table = ReportSheet.table(r, title: label, language: o.language, startingAt: row)
            table.filter = false
            row = try table.write(to: aidSheet, at: row) + 1
        }
        try finish(aidSheet, footer: footer)

        // 救助明细: the disbursements of the period (people: IDs masked unless asked otherwise).
        var detail = TableSheet(title: title(t("救助发放明细", "aid disbursements")),
                                headers: [t("发放日期", "paid on"), t("姓名", "name"), t("身份证号", "ID number"), t("所属单位", "unit"),
                                          t("所属街道", "street"), t("项目", "program"), t("金额（元）", "amount (yuan)"),
                                          t("资金来源", "source"), t("来源文件", "file"), t("行号", "row")],
                                styles: [nil, nil, nil, nil, nil, nil, .money, nil, nil, .integer])
        for d in try Provenance.disbursements(in: p, under: underUnit?.id, store: store) {
            let id = d.idNumber.map { o.mask ? Masking.idNumber($0) : $0 } ?? ""
            detail.rows.append([.date(d.paidOn), .text(d.name), .text(id), .text(d.unit), .text(d.org ?? ""), .text(d.program),
                                .money(Money(fen: d.amountFen)), .text(d.source ?? ""), .text(d.fileName), .integer(d.sourceRow)])
        }
        detail.totals = .sum(label: t("合计", "Total"))
        // The row column is a source reference, not a figure: leave it out of the SUM.
        detail.styles[9] = CellStyle().with { $0.horizontalAlignment = .right }
        try detail.write(to: detailSheet, at: 0)
        try finish(detailSheet, footer: footer)

        // 执委队伍: role × street, composition.
        let memberPlain = withoutComparison(members)
        let roles = orderedKeys(memberPlain, "role")
        let memberStreets = orderedKeys(memberPlain, "org")
        var rolePivot = pivot(memberPlain, rows: memberStreets, columns: roles, key: "role", measure: "members", startingAt: 0,
                              title: title(t("执委会员情况（人）", "members by role")), corner: t("街道", "street"), total: t("合计", "total"))
        rolePivot.totals = .sum(label: t("合计", "Total"))
        row = try rolePivot.write(to: memberSheet, at: 0)
        if let c = members.composition {
            try memberSheet.write(row: row, col: 0, .text(t("人员（去重）：\(c.persons) 人", "Distinct persons: \(c.persons)")))
            row += 2
            for (label, list) in [(t("年龄结构", "age bands"), c.ageBands), (t("身份标签", "tags"), c.tags)] {
                var table = TableSheet(title: label, headers: [t("类别", "group"), t("人数", "persons"), t("占比", "share")],
                                       styles: [nil, .integer, .percent])
                table.filter = false
                table.rows = list.map { [.text($0.label), .integer($0.persons), ReportSheet.value($0.share)] }
                row = try table.write(to: memberSheet, at: row) + 1
            }
        }
        try finish(memberSheet, footer: footer)

        // 活动开展: kind × street, activities and participants.
        let actPlain = withoutComparison(activities)
        let kinds = orderedKeys(actPlain, "kind")
        let actStreets = orderedKeys(actPlain, "org")
        row = 0
        for (measure, label) in [("activities", t("活动次数", "activities")), ("participants", t("参与人次", "participants"))] {
            var table = pivot(actPlain, rows: actStreets, columns: kinds, key: "kind", measure: measure, startingAt: row,
                              title: title(t("活动开展情况 · ", "activities · ") + label), corner: t("街道", "street"), total: t("合计", "total"),
                              label: { kindLabel($0, zh: zh) })
            table.filter = false
            table.freeze = measure == "activities"
            table.totals = .sum(label: t("合计", "Total"))
            row = try table.write(to: activitySheet, at: row) + 1
        }
        try finish(activitySheet, footer: footer)

        // 概览: headline figures with 环比 and 同比, then charts.
        let headline: [(String, ReportResult, String)] = [
            (t("组织覆盖率", "org coverage"), coverage, "org_coverage"),
            (t("工作覆盖率", "work coverage"), coverage, "work_coverage"),
            (t("妇女之家覆盖率", "women's home coverage"), coverage, "womens_home_coverage"),
            (t("招聘会场次", "job fairs"), jobfairs, "fairs"),
            (t("参会企业（家）", "employers"), jobfairs, "employers"),
            (t("提供岗位（个）", "positions"), jobfairs, "positions"),
            (t("求职人数（人次）", "seekers"), jobfairs, "seekers"),
            (t("达成就业意向（人）", "placements"), jobfairs, "placements"),
            (t("达成率", "placement rate"), jobfairs, "placement_rate"),
            (t("受助人数（人）", "aid recipients"), aid, "recipients"),
            (t("发放笔数", "disbursements"), aid, "disbursements"),
            (t("发放金额（万元）", "amount (10k yuan)"), aid, "amount"),
            (t("执委会员（人次）", "memberships"), members, "members"),
            (t("执委会员（人，去重）", "members (distinct persons)"), members, "persons"),
            (t("活动次数", "activities"), activities, "activities"),
            (t("参与人次", "participants"), activities, "participants"),
        ]
        var head = TableSheet(title: title(t("妇联工作统计概览", "summary")),
                              headers: [t("指标", "indicator"), t("本期", "this period"), t("上期", "previous"), t("环比增减", "change"),
                                        t("环比", "change %"), t("去年同期", "a year ago"), t("同比增减", "change"), t("同比", "change %")])
        head.filter = false
        head.styles = [nil, nil, nil, nil, .percent, nil, nil, .percent]
        var rowStyles: [[CellStyle?]] = []
        for (label, r, measure) in headline {
            let tot = r.totals
            let c = tot.comparison
            let values = [tot.measures[measure], c?.previous[measure], c?.changeFromPrevious[measure], c?.percentFromPrevious[measure],
                          c?.yearAgo[measure], c?.changeFromYearAgo[measure], c?.percentFromYearAgo[measure]].map { $0 ?? .null }
            let wan = measure == "amount"
            head.rows.append([.text(label)] + values.enumerated().map { i, v in
                if wan, i != 3, i != 6, case .money(let f) = v { return .number(Double(f) / 1_000_000) }
                return ReportSheet.value(v)
            })
            rowStyles.append([nil] + values.enumerated().map { i, v in
                if i == 3 || i == 6 { return .percent }
                if wan { return CellStyle().with { $0.numberFormat = "#,##0.00" } }
                if case .ratio = v { return .percent }
                if case .money = v { return .money }
                return .integer
            })
        }
        var r0 = try writeRows(head, rowStyles: rowStyles, to: summary)
        try summary.write(row: r0, col: 0, .text(t("比较期：上期 \(coverage.previousPeriod.map(\.label) ?? "")，去年同期 \(coverage.yearAgoPeriod.map(\.label) ?? "")；增减为本期减比较期，比较期为 0 时增幅留空。",
                                                  "Bases: previous \(coverage.previousPeriod.map(\.label) ?? ""), a year ago \(coverage.yearAgoPeriod.map(\.label) ?? ""); changes are this period minus the base, blank when the base is 0.")))
        r0 += 2
        // Chart data: amount by program (万元), beside the headline table.
        let chartRow = r0
        var byProg = TableSheet(title: t("各项目发放金额（万元）", "amount by program (10k yuan)"),
                                headers: [t("项目", "program"), t("金额（万元）", "amount")],
                                styles: [nil, CellStyle().with { $0.numberFormat = "#,##0.00" }])
        byProg.filter = false
        byProg.freeze = false
        for r in byProgram.rows {
            if case .text(let name) = r.keys["program"] ?? .null, case .money(let f) = r.measures["amount"] ?? .null {
                byProg.rows.append([.text(name), .number(Double(f) / 1_000_000)])
            }
        }
        r0 = try byProg.write(to: summary, at: r0)
        if let rows = byProg.dataRows(startingAt: chartRow) {
            let chart = try wb.addChart(.column)
            try chart.addSeries(values: SheetRange(sheet: names[0], column: 1, rows: rows),
                                categories: SheetRange(sheet: names[0], column: 0, rows: rows),
                                name: t("发放金额（万元）", "amount (10k yuan)"), dataLabels: true)
            try chart.setTitle(t("各项目救助发放金额（万元）", "Aid by program (10k yuan)"))
            chart.setLegend(.none)
            try summary.insertChart(chart, row: 1, col: 9)
        }
        if let rows = cov.dataRows(startingAt: 0), let col = covFlat.columns.firstIndex(where: { $0.name == "org_coverage" }) {
            let chart = try wb.addChart(.bar)
            try chart.addSeries(values: SheetRange(sheet: names[1], column: col, rows: rows),
                                categories: SheetRange(sheet: names[1], column: 0, rows: rows),
                                name: t("组织覆盖率", "org coverage"), dataLabels: true)
            try chart.setTitle(t("各街道（镇）组织覆盖率", "Org coverage by street"))
            chart.setLegend(.none)
            try summary.insertChart(chart, row: 17, col: 9)
        }
        try summary.autoFitColumns(maxWidth: 40)
        try summary.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer))
        try summary.activate()

        // 数据说明: period, sources, data quality, definitions.
        row = 0
        try notesSheet.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 8, value: .text(title(t("数据说明", "notes"))), style: .title)
        try notesSheet.write(row: 1, col: 0, .text(t("统计期：\(p.label)（\(p.start.iso) 至 \(p.end.iso)）", "Period: \(p.label) (\(p.start.iso) to \(p.end.iso))")))
        try notesSheet.write(row: 2, col: 0, .text(t("口径：流量指标按发生日期计入统计期；覆盖率、执委会员按统计期最后一天的状态计算。",
                                                    "Flows count by their date within the period; coverage and members are as of the period's last day.")))
        row = 4
        var batches = TableSheet(title: t("数据来源（导入批次）", "Sources (import batches)"),
                                 headers: [t("批次", "batch"), t("文件", "file"), t("数据集", "dataset"), t("工作表", "sheet"), "SHA-256",
                                           t("数据行", "rows"), t("已导入", "loaded"), t("退回", "rejected"), t("重复", "duplicates"),
                                           t("警告", "warnings"), t("导入时间", "imported at")],
                                 styles: [.integer, nil, nil, nil, nil, .integer, .integer, .integer, .integer, .integer, nil])
        batches.filter = false
        for b in try Provenance.batches(in: store) {
            batches.rows.append([.integer(b.id), .text(b.fileName), .text(b.dataset), .text(b.sheet ?? ""), .text(b.sha256),
                                 .integer(b.rowsRead), .integer(b.loaded), .integer(b.rejected), .integer(b.duplicates),
                                 .integer(b.warnings), .text(b.importedAt)])
        }
        batches.totals = .sum(label: t("合计", "Total"))
        batches.styles[0] = CellStyle().with { $0.horizontalAlignment = .left }
        row = try batches.write(to: notesSheet, at: row) + 1
        var quality = TableSheet(title: t("数据质量问题（按类别）", "Data-quality issues by category"),
                                 headers: [t("数据集", "dataset"), t("级别", "severity"), t("类别", "category"), t("条数", "count")],
                                 styles: [nil, nil, nil, .integer])
        quality.filter = false
        for c in try Provenance.issueCounts(in: store) {
            quality.rows.append([.text(c.dataset), .text(zh ? (c.severity == "error" ? "错误" : "警告") : c.severity), .text(c.category), .integer(c.count)])
        }
        quality.totals = .sum(label: t("合计", "Total"))
        row = try quality.write(to: notesSheet, at: row) + 1
        var footers = TableSheet(title: t("合计行核对不符", "Footer totals that do not match the data"),
                                 headers: [t("文件", "file"), t("工作表", "sheet"), t("行号", "row"), t("说明", "message")],
                                 styles: [nil, nil, .integer, nil])
        footers.filter = false
        for i in try Provenance.issues(category: "footer-mismatch", in: store) {
            footers.rows.append([.text(i.fileName), .text(i.sheet ?? ""), i.row.map { .integer($0) } ?? .empty, .text(i.message)])
        }
        if footers.rows.isEmpty { footers.rows.append([.text(t("无", "none")), .empty, .empty, .empty]) }
        row = try footers.write(to: notesSheet, at: row) + 1
        try notesSheet.write(row: row, col: 0, .text(t("指标定义", "Indicator definitions")), style: .title)
        row += 1
        let wrap = CellStyle().with { $0.wrap = true; $0.verticalAlignment = .top }
        for kind in ReportKind.allCases {
            try notesSheet.write(row: row, col: 0, .text(kind.title + " (\(kind.rawValue))"), style: CellStyle().with { $0.bold = true })
            row += 1
            for line in ReportDefinitions.definition(of: kind).split(separator: "\n", omittingEmptySubsequences: false) {
                try notesSheet.write(row: row, col: 0, .text(String(line)), style: wrap)
                row += 1
            }
            row += 1
        }
        try notesSheet.write(row: row, col: 0, .text(ReportDefinitions.compare.split(separator: "\n").joined(separator: " ")), style: wrap)
        try notesSheet.setColumnWidth(0, width: 14)
        try notesSheet.autoFitColumns(maxWidth: 70)
        try notesSheet.setPrintSetup(PrintSetup(orientation: .portrait, repeatRows: nil, footer: footer))

        try wb.close()
        return Summary(sheets: names)
    }

    /// The report with its comparison columns removed (the detail sheets show the period only; the summary
    /// carries 环比 and 同比).
    static func withoutComparison(_ r: ReportResult) -> ReportResult {
        var plain = r
        plain.request.compare = false
        plain.previousPeriod = nil
        plain.yearAgoPeriod = nil
        plain.rows = r.rows.filter { row in row.measures.contains { !$0.value.isNull && $0.value != .int(0) && $0.value != .money(fen: 0) } || r.kind == .coverage }
            .map { ReportRow(keys: $0.keys, measures: $0.measures) }
        plain.totals = ReportRow(keys: r.totals.keys, measures: r.totals.measures)
        return plain
    }

    /// A street × `key` table of one measure, with a SUM column per row (exact in fen for money); the
    /// caller adds the totals row. `startingAt` is the sheet row the table will be written at.
    static func pivot(_ r: ReportResult, rows: [String], columns: [String], key: String, measure: String, startingAt top: Int,
                      title: String, corner: String, total: String, label: (String) -> String = { $0 }) -> TableSheet {
        let isMoney = r.rows.contains { if case .money = $0.measures[measure] ?? .null { return true } else { return false } }
        let style: CellStyle = isMoney ? .money : .integer
        var table = TableSheet(title: title, headers: [corner] + columns.map(label) + [total],
                               styles: [nil] + columns.map { _ in style } + [style])
        for (i, org) in rows.enumerated() {
            let sheetRow = top + 2 + i
            var sum: Int64 = 0
            var values: [ExcelValue] = [.text(org)]
            for c in columns {
                let v = r.rows.first { $0.keys["org"] == .text(org) && $0.keys[key] == .text(c) }?.measures[measure]
                    ?? (isMoney ? .money(fen: 0) : .int(0))
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

    /// The Chinese label of an activity code.
    static func kindLabel(_ code: String, zh: Bool) -> String {
        guard zh else { return code }
        return ["job_fair": "招聘会", "lecture": "讲座", "training": "培训", "rights": "维权", "volunteer": "志愿服务",
                "visit": "慰问", "other": "其他"][code] ?? code
    }

    /// Writes a table whose rows each carry their own styles (the summary mixes counts, amounts and rates).
    private static func writeRows(_ table: TableSheet, rowStyles: [[CellStyle?]], to sheet: Worksheet) throws -> Int {
        var header = table
        header.rows = []
        var row = try header.write(to: sheet, at: 0)
        for (values, styles) in zip(table.rows, rowStyles) {
            try sheet.writeRow(row: row, values, styles: styles)
            row += 1
        }
        return row + 1
    }

    private static func finish(_ sheet: Worksheet, footer: String) throws {
        try sheet.autoFitColumns(maxWidth: 40)
        try sheet.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer))
    }
}
