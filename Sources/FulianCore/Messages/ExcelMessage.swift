/// Words of the workbooks, worded in Chinese and English: sheet tabs, headers, titles, notes, indicator
/// definitions, and the messages of ``ExcelMessage`` errors the Excel layer raises.
///
/// ```swift
/// ExcelMessage.sheet(.summary).text(.zh)                                     // 概览
/// ExcelMessage.titled(district: "青溪区", period: q2, .coverage).text(.zh)    // 青溪区 2024年第二季度 妇联组织覆盖情况
/// ExcelMessage.rowOutOfRange(row: 1_048_576).text(.en)                       // row 1048576 is outside Excel's rows …
/// ```
public indirect enum ExcelMessage: Localized, Hashable {
    // MARK: Words of the layouts

    /// A sheet tab: 概览 / Summary.
    case sheet(Sheet)
    /// A column header: 发放日期 / paid on.
    case column(Column)
    /// A table or chart title: 招聘会清单 / Job fairs held.
    case title(Title)
    /// A title with the district and the period in front: `青溪区 2024年第二季度 妇联组织覆盖情况`.
    case titled(district: String?, period: Period, Title)
    /// An indicator's row label on 概览: 组织覆盖率 / org coverage.
    case indicator(Indicator)
    /// An indicator's definition on 数据说明, as a sentence a leader reads.
    case definition(Indicator)
    /// A period as people write it: 2024年第一季度 / 2024Q1.
    case period(Period)
    /// 统计期：2024年第一季度（2024-01-01 至 2024-03-31）.
    case statisticalPeriod(Period)
    /// 制表单位：青溪区妇联 (the district federation: the register's top unit and 妇联).
    case preparedBy(district: String)
    /// 制表日期：2024年7月1日.
    case preparedOn(CivilDate)
    /// 比较期：上期 2024年第一季度，去年同期 2023年第二季度 …
    case comparisonBases(previous: Period?, yearAgo: Period?)
    /// 注：覆盖率低于 90% 的单元格以红色标出。
    case belowTarget(percent: String)
    /// 人员（去重）：12 人.
    case distinctPersons(Int64)
    /// 本期无数据 / no data for the period, in place of an empty table.
    case noData(Title)
    /// The title row of the clean table: 救助发放 清洗结果.
    case cleanTitle(Dataset)
    /// The document subject of the clean workbook.
    case cleanSubject(Dataset)
    /// The title of one file's rejected rows: `aid.xlsx · 发放名单 退回的行`.
    case rejectedRows(file: String, sheet: String?)
    /// A fixed word or sentence of the layouts: 合计, 无, the page footer ….
    case word(Word)
    /// A kind of text, number or range named in an error.
    case part(Part)
    /// What was being done when libxlsxwriter failed.
    case action(Action)

    // MARK: Errors

    /// An error that needs no detail: an empty path, a closed workbook, a chart without series ….
    case problem(Problem)
    /// Setting the document properties failed.
    case propertiesFailed(library: String)
    /// A sheet name over 31 UTF-16 units.
    case sheetNameTooLong(name: String, units: Int)
    /// A sheet name with one of `[ ] : * ? / \`.
    case sheetNameForbidden(name: String, character: Character)
    /// A sheet name with a control character.
    case sheetNameControl(name: String)
    /// A sheet name starting or ending with `'`.
    case sheetNameApostrophe(name: String)
    /// The sheet name Excel reserves (History).
    case sheetNameReserved(name: String)
    /// A sheet name already used, perhaps in another case.
    case sheetNameUsed(name: String, existing: String)
    /// libxlsxwriter rejected a sheet name.
    case sheetNameRejected(name: String, library: String)
    /// libxlsxwriter would not add a sheet.
    case sheetNotAdded(name: String)
    /// libxlsxwriter could not create a chart of a kind (column, bar …).
    case chartNotCreated(kind: String)
    /// The output file could not be created (a missing or read-only directory).
    case cannotCreateFile(path: String, library: String)
    /// Writing the file failed at close.
    case writeFailed(path: String, library: String)
    /// A style that cannot become a format, and why.
    case invalidStyle(ExcelMessage)
    /// A number format over 127 bytes.
    case numberFormatTooLong(bytes: Int)
    /// A font size outside 1…409.
    case fontSize(Double)
    /// An indent outside 0…15.
    case indent(Int)
    /// A library call failed: what was being done, the library's text.
    case libraryFailed(Action, library: String)
    /// `writeRow` with different numbers of values and styles.
    case valuesAndStyles(values: Int, styles: Int)
    /// A date Excel's 1900 system cannot show.
    case dateTooEarly(CivilDate)
    /// A merged range of one cell.
    case mergeTooSmall(range: String)
    /// Two merged ranges overlap.
    case mergeOverlap(range: String, other: String)
    /// A multi-row merge holding a non-text value in constant-memory mode.
    case mergeNotText(range: String)
    /// A column range ending before it starts.
    case columnRangeReversed(first: Int, last: Int)
    /// A column width outside 0…255.
    case columnWidth(Double)
    /// Autofit bounds that are not 0 ≤ min ≤ max ≤ 255.
    case autofitBounds(min: Double, max: Double)
    /// A row height outside 0…409.
    case rowHeight(Double)
    /// A row beyond Excel's grid.
    case rowOutOfRange(row: Int)
    /// A column beyond Excel's grid.
    case columnOutOfRange(col: Int)
    /// A range whose end comes before its start.
    case rangeReversed(from: String, to: String)
    /// A row written above the current one in constant-memory mode (one-based rows).
    case rowOrder(row: Int, after: Int)
    /// A text or formula over Excel's length.
    case tooLong(Part, units: Int, limit: Int)
    /// A text with U+0000.
    case containsNul(Part)
    /// NaN or infinity.
    case nonFinite(String)
    /// An integer beyond 2^53.
    case notExact(Part, digits: Int)
    /// A paper code outside 0…41.
    case paperSize(Int)
    /// A fit width outside 1…32767.
    case fitWidth(Int)
    /// A header or footer over 255 characters.
    case headerFooterTooLong(Part)
    /// A margin that is not a length in inches.
    case margin(Double)
    /// A second series for a pie or doughnut.
    case oneSeriesOnly(kind: String)
    /// libxlsxwriter could not add a series.
    case seriesNotAdded(range: String)
    /// Axis names for a chart without axes.
    case noAxes(kind: String)
    /// A chart style outside 1…48.
    case chartStyle(Int)
    /// A chart range outside the sheet.
    case chartRangeOutside(Part, range: String)
    /// A chart range on a sheet the workbook does not have.
    case chartRangeSheet(Part, range: String, sheet: String)
    /// Chart text starting with `=`.
    case chartTextEquals(Part)
    /// Chart text over 255 characters.
    case chartTextTooLong(Part)
    /// Chart text with U+0000.
    case chartContainsNul(Part)
    /// A value axis range that is empty or not finite.
    case axisRange(min: Double, max: Double)
    /// A page break outside the grid.
    case pageBreak(row: Int)

    public func wording() -> Wording {
        switch self {
        case .sheet(let s): Self.sheetWording(s)
        case .column(let c): Self.columnWording(c)
        case .title(let t): Self.titleWording(t)
        case .titled(let district, let period, let t):
            Wording([district, period.chineseLabel, Self.titleWording(t).zh].compactMap { $0 }.joined(separator: " "),
                    [district, period.label, Self.titleWording(t).en].compactMap { $0 }.joined(separator: " "))
        case .indicator(let i): Self.indicatorWording(i)
        case .definition(let i): Self.definitionWording(i)
        case .period(let p): Wording(p.chineseLabel, p.label)
        case .statisticalPeriod(let p):
            Wording("统计期：\(p.chineseLabel)（\(p.start.iso) 至 \(p.end.iso)）", "Period: \(p.label) (\(p.start.iso) to \(p.end.iso))")
        case .preparedBy(let d):
            Wording("制表单位：" + (d.hasSuffix("妇联") ? d : d + "妇联"), "Prepared by: " + (d.hasSuffix("妇联") ? d : d + " Women's Federation"))
        case .preparedOn(let d):
            Wording("制表日期：\(d.year)年\(d.month)月\(d.day)日", "Prepared on: \(d.iso)")
        case .comparisonBases(let previous, let yearAgo):
            Wording("比较期：上期 \(previous?.chineseLabel ?? "无")，去年同期 \(yearAgo?.chineseLabel ?? "无")；增减为本期减比较期，"
                        + "比率的增减以百分点计，比较期为 0 时增幅留空。",
                    "Bases: previous \(previous?.label ?? ""), a year ago \(yearAgo?.label ?? ""); changes are this period minus the base "
                        + "(rates in percentage points), blank when the base is 0.")
        case .belowTarget(let percent):
            Wording("注：覆盖率低于 \(percent) 的单元格以红色标出。", "Rates below \(percent) are highlighted in red.")
        case .distinctPersons(let n): Wording("人员（去重）：\(n) 人", "Distinct persons: \(n)")
        case .noData(let t): Wording("\(Self.titleWording(t).zh)：本期无数据", "\(Self.titleWording(t).en): no data for the period")
        case .cleanTitle(let d):
            Wording("\(Label.dataset(d).text(.zh)) 清洗结果", "Cleaned \(Label.dataset(d).text(.en))")
        case .cleanSubject(let d):
            Wording("\(Label.dataset(d).text(.zh))数据清洗结果，由 fulian 生成", "fulian clean \(d.rawValue)")
        case .rejectedRows(let file, let sheet):
            Wording("\(file)\(sheet.map { " · " + $0 } ?? "") 退回的行", "\(file)\(sheet.map { " · " + $0 } ?? ""): rejected rows")
        case .word(let w): Self.wordWording(w)
        case .problem(let p): Self.problemWording(p)
        case .part(let p): Self.partWording(p)
        case .action(let a): Self.actionWording(a)

        case .propertiesFailed(let t): Wording("设置文档属性失败：\(t)", "setting document properties failed: \(t)")
        case .sheetNameTooLong(let n, let u):
            Wording("工作表名称“\(n)”长 \(u) 个字符（UTF-16 单位），Excel 最多允许 31 个",
                    "sheet name \"\(n)\" is \(u) characters long (UTF-16 units); Excel allows at most 31")
        case .sheetNameForbidden(let n, let c):
            Wording("工作表名称“\(n)”含有 Excel 不允许的字符“\(c)”（[ ] : * ? / \\）",
                    "sheet name \"\(n)\" contains \"\(c)\", which Excel forbids ([ ] : * ? / \\)")
        case .sheetNameControl(let n):
            Wording("工作表名称 \(n.debugDescription) 含有控制字符", "sheet name \"\(n.debugDescription)\" contains a control character")
        case .sheetNameApostrophe(let n):
            Wording("工作表名称“\(n)”以撇号开头或结尾，Excel 不允许", "sheet name \"\(n)\" starts or ends with an apostrophe, which Excel forbids")
        case .sheetNameReserved(let n): Wording("工作表名称“\(n)”为 Excel 保留名称", "sheet name \"\(n)\" is reserved by Excel")
        case .sheetNameUsed(let n, let e):
            e == n ? Wording("工作表名称“\(n)”已被使用", "sheet name \"\(n)\" is already used")
                : Wording("工作表名称“\(n)”已被使用（即“\(e)”，Excel 不区分大小写）",
                          "sheet name \"\(n)\" is already used (as \"\(e)\"; Excel ignores case)")
        case .sheetNameRejected(let n, let t): Wording("工作表名称“\(n)”未被接受：\(t)", "sheet name \"\(n)\" rejected: \(t)")
        case .sheetNotAdded(let n): Wording("libxlsxwriter 拒绝添加工作表“\(n)”", "libxlsxwriter refused to add sheet \"\(n)\"")
        case .chartNotCreated(let k): Wording("libxlsxwriter 无法创建图表（\(k)）", "libxlsxwriter could not create a \(k) chart")
        case .cannotCreateFile(let p, let t):
            Wording("无法创建 \(p)（目录是否存在、是否可写？）：\(t)",
                    "cannot create \(p) (does the directory exist and is it writable?): \(t)")
        case .writeFailed(let p, let t): Wording("写入 \(p) 失败：\(t)", "writing \(p) failed: \(t)")
        case .invalidStyle(let m): Wording("样式无效：\(m.text(.zh))", "invalid style: \(m.text(.en))")
        case .numberFormatTooLong(let b):
            Wording("数字格式长 \(b) 字节，上限为 127", "number format is \(b) bytes; the limit is 127")
        case .fontSize(let s): Wording("字号 \(s) 超出 1 至 409", "font size \(s) is outside 1…409")
        case .indent(let i): Wording("缩进 \(i) 超出 0 至 15", "indent \(i) is outside 0…15")
        case .libraryFailed(let a, let t):
            Wording("\(Self.actionWording(a).zh)失败：\(t)", "\(Self.actionWording(a).en) failed: \(t)")
        case .valuesAndStyles(let v, let s):
            Wording("writeRow 收到 \(v) 个值，却有 \(s) 个样式", "writeRow got \(v) values but \(s) styles")
        case .dateTooEarly(let d):
            Wording("日期 \(d.iso) 早于 1900-03-01，Excel 的 1900 日期系统无法正确显示",
                    "date \(d.iso) is before 1900-03-01; Excel's 1900 date system cannot show it correctly")
        case .mergeTooSmall(let r): Wording("合并区域至少需要两个单元格，收到 \(r)", "a merged range needs at least two cells, got \(r)")
        case .mergeOverlap(let r, let o): Wording("合并区域 \(r) 与 \(o) 重叠", "merged range \(r) overlaps \(o)")
        case .mergeNotText(let r):
            Wording("常量内存模式下，跨多行的合并区域（\(r)）只能写入文本",
                    "in constant-memory mode a merge over several rows (\(r)) can only hold text")
        case .columnRangeReversed(let f, let l):
            Wording("列范围的结束列（\(l)）在起始列（\(f)）之前", "column range ends (\(l)) before it starts (\(f))")
        case .columnWidth(let w): Wording("列宽 \(w) 超出 0 至 255", "column width \(w) is outside 0…255")
        case .autofitBounds(let a, let b):
            Wording("自动列宽的范围 \(a)…\(b) 无效（须 0 ≤ 最小 ≤ 最大 ≤ 255）", "autofit bounds \(a)…\(b) are invalid (0 ≤ min ≤ max ≤ 255)")
        case .rowHeight(let h): Wording("行高 \(h) 超出 0 至 409 磅", "row height \(h) is outside 0…409 points")
        case .rowOutOfRange(let r):
            Wording("第 \(r) 行超出 Excel 的行范围 0…1048575（从 0 起算）", "row \(r) is outside Excel's rows 0…1048575 (zero-based)")
        case .columnOutOfRange(let c):
            Wording("第 \(c) 列超出 Excel 的列范围 0…16383（从 0 起算，A…XFD）",
                    "column \(c) is outside Excel's columns 0…16383 (zero-based, A…XFD)")
        case .rangeReversed(let a, let b): Wording("区域 \(a):\(b) 的结束位置在起始位置之前", "range \(a):\(b) ends before it starts")
        case .rowOrder(let r, let a):
            Wording("常量内存模式须按行顺序写入：已写过第 \(a) 行，不能再写第 \(r) 行",
                    "constant-memory mode writes rows in order: row \(r) comes after row \(a) was written")
        case .tooLong(let p, let u, let l):
            Wording("\(Self.partWording(p).zh)长 \(u) 个字符（UTF-16 单位），Excel 最多允许 \(l) 个",
                    "\(Self.partWording(p).en) is \(u) characters (UTF-16 units); Excel allows at most \(l)")
        case .containsNul(let p):
            Wording("\(Self.partWording(p).zh)中含有 U+0000，会被截断", "\(Self.partWording(p).en) contains U+0000, which would cut it short")
        case .nonFinite(let x):
            Wording("无法写入 \(x)：Excel 没有 NaN 或无穷大（需要空白时用 ExcelValue.finite(_:)）",
                    "\(x) cannot be written; Excel has no NaN or infinity (use ExcelValue.finite(_:) for a blank)")
        case .notExact(let p, let d):
            Wording("\(Self.partWording(p).zh)有 \(d) 位，Excel 的双精度数只能精确表示不超过 2^53 的整数（证件号码等请写为文本）",
                    "\(Self.partWording(p).en) has \(d) digits; Excel's doubles hold integers exactly only up to 2^53 (write identifiers as text)")
        case .paperSize(let n):
            Wording("纸张代码 \(n) 不是 Excel 的纸张代码（0…41，A4 为 9）", "paper size \(n) is not an Excel paper code (0…41; A4 is 9)")
        case .fitWidth(let w): Wording("按 \(w) 页宽缩放超出 1…32767", "fit to \(w) pages wide is outside 1…32767")
        case .headerFooterTooLong(let p):
            Wording("\(Self.partWording(p).zh)超过 Excel 的 255 个字符", "the \(Self.partWording(p).en) is longer than Excel's 255 characters")
        case .margin(let m): Wording("页边距 \(m) 不是以英寸计的长度（0…50）", "margin \(m) is not a length in inches (0…50)")
        case .oneSeriesOnly(let k):
            Wording("图表：\(k) 图只能有一个数据系列，已经有了", "chart: a \(k) chart shows one series; it already has one")
        case .seriesNotAdded(let r): Wording("图表：libxlsxwriter 无法为 \(r) 添加数据系列", "chart: libxlsxwriter could not add a series for \(r)")
        case .noAxes(let k): Wording("图表：\(k) 图没有坐标轴", "chart: a \(k) chart has no axes to name")
        case .chartStyle(let i): Wording("图表：样式 \(i) 超出 1…48", "chart: chart style \(i) is outside 1…48")
        case .chartRangeOutside(let p, let r):
            Wording("图表：\(Self.partWording(p).zh) \(r) 超出工作表，或结束位置在起始位置之前",
                    "chart: \(Self.partWording(p).en) range \(r) is outside the sheet or ends before it starts")
        case .chartRangeSheet(let p, let r, let s):
            Wording("图表：\(Self.partWording(p).zh) \(r) 引用的工作表“\(s)”不在本工作簿中",
                    "chart: \(Self.partWording(p).en) range \(r) names sheet \"\(s)\", which the workbook does not have")
        case .chartTextEquals(let p):
            Wording("图表：\(Self.partWording(p).zh)不能以“=”开头（会被当作单元格引用），请用 nameCell",
                    "chart: \(Self.partWording(p).en) must not start with \"=\" (it would be read as a cell reference); use nameCell")
        case .chartTextTooLong(let p):
            Wording("图表：\(Self.partWording(p).zh)超过 255 个字符", "chart: \(Self.partWording(p).en) is longer than 255 characters")
        case .chartContainsNul(let p):
            Wording("图表：\(Self.partWording(p).zh)中含有 U+0000", "chart: \(Self.partWording(p).en) contains U+0000")
        case .axisRange(let a, let b):
            Wording("图表：数值轴范围 \(a)…\(b) 无效（须为有限数且最小值小于最大值）",
                    "chart: value axis range \(a)…\(b) is invalid (finite, min below max)")
        case .pageBreak(let r):
            Wording("分页符位置第 \(r) 行超出 Excel 的行范围", "page break at row \(r) is outside Excel's rows")
        }
    }

    static func sheetWording(_ s: Sheet) -> Wording {
        switch s {
        case .summary: Wording("概览", "Summary")
        case .coverage: Wording("组织覆盖", "Coverage")
        case .jobFairs: Wording("就业招聘", "Job fairs")
        case .aid: Wording("救助发放", "Aid")
        case .aidDetail: Wording("救助明细", "Aid detail")
        case .members: Wording("执委队伍", "Members")
        case .activities: Wording("活动开展", "Activities")
        case .notes: Wording("数据说明", "Notes")
        case .cleanTable: Wording("清洗结果", "Clean rows")
        case .issues: Wording("问题清单", "Issues")
        case .duplicates: Wording("重复记录", "Duplicates")
        case .variants: Wording("名称归并", "Spellings")
        case .files: Wording("摘要", "Files")
        case .rejectsSummary: Wording("汇总", "Summary")
        }
    }

    static func columnWording(_ c: Column) -> Wording {
        switch c {
        case .date: Wording("日期", "date")
        case .activityTitle: Wording("活动名称", "title")
        case .heldBy: Wording("举办单位", "unit")
        case .street: Wording("街道", "street")
        case .ofStreet: Wording("所属街道", "street")
        case .district: Wording("区县", "district")
        case .city: Wording("地市", "city")
        case .community: Wording("社区（村）", "community")
        case .employers: Wording("参会企业", "employers")
        case .positions: Wording("提供岗位", "positions")
        case .seekers: Wording("求职人数", "seekers")
        case .placements: Wording("达成意向", "placements")
        case .placementRate: Wording("达成率", "placement rate")
        case .sourceFile: Wording("来源文件", "file")
        case .sourceRow: Wording("行号", "row")
        case .total: Wording("合计", "total")
        case .paidOn: Wording("发放日期", "paid on")
        case .name: Wording("姓名", "name")
        case .idNumber: Wording("身份证号", "ID number")
        case .unit: Wording("所属单位", "unit")
        case .program: Wording("项目", "program")
        case .amountYuan: Wording("金额（元）", "amount (yuan)")
        case .amountWan: Wording("金额（万元）", "amount")
        case .fundingSource: Wording("资金来源", "source")
        case .group: Wording("类别", "group")
        case .persons: Wording("人数", "persons")
        case .share: Wording("占比", "share")
        case .indicator: Wording("指标", "indicator")
        case .thisPeriod: Wording("本期", "this period")
        case .previous: Wording("上期", "previous")
        case .changeFromPrevious: Wording("环比增减", "change")
        case .percentFromPrevious: Wording("环比增幅", "change %")
        case .yearAgo: Wording("去年同期", "a year ago")
        case .changeFromYearAgo: Wording("同比增减", "change")
        case .percentFromYearAgo: Wording("同比增幅", "change %")
        case .batch: Wording("批次", "batch")
        case .file: Wording("文件", "file")
        case .dataset: Wording("数据集", "dataset")
        case .sheet: Wording("工作表", "sheet")
        case .sha256Short: Wording("校验值（前12位）", "SHA-256 (first 12)")
        case .sha256: Wording("SHA-256 校验值", "SHA-256")
        case .rowsRead: Wording("数据行", "rows")
        case .loaded: Wording("已导入", "loaded")
        case .rejected: Wording("退回", "rejected")
        case .duplicates: Wording("重复", "duplicates")
        case .warnings: Wording("警告", "warnings")
        case .importedAt: Wording("导入时间", "imported at")
        case .severity: Wording("级别", "severity")
        case .category: Wording("类别", "category")
        case .count: Wording("条数", "count")
        case .message: Wording("说明", "message")
        case .column: Wording("列", "column")
        case .original: Wording("原值", "original value")
        case .suggestion: Wording("建议", "suggestion")
        case .duplicateGroup: Wording("组", "group")
        case .duplicateKind: Wording("类型", "kind")
        case .key: Wording("关键字", "key")
        case .field: Wording("字段", "field")
        case .fingerprint: Wording("归并键", "fingerprint")
        case .spelling: Wording("写法", "spelling")
        case .occurrences: Wording("出现次数", "occurrences")
        case .format: Wording("格式", "format")
        case .encoding: Wording("编码", "encoding")
        case .headerRows: Wording("表头行", "header rows")
        case .clean: Wording("正常", "clean")
        case .withIssues: Wording("有问题", "with issues")
        case .footerRows: Wording("合计行", "footer rows")
        case .noteRows: Wording("备注行", "note rows")
        case .blankRows: Wording("空行", "blank rows")
        case .mergedCellsFilled: Wording("合并单元格填充", "merged cells filled")
        case .skippedSheets: Wording("跳过的工作表", "skipped sheets")
        case .status: Wording("状态", "status")
        case .reason: Wording("原因", "reason")
        }
    }

    static func titleWording(_ t: Title) -> Wording {
        switch t {
        case .statistics: Wording("妇联工作统计报表", "women's federation statistics")
        case .summary: Wording("妇联工作统计概览", "summary")
        case .coverage: Wording("妇联组织覆盖情况", "coverage")
        case .jobFairs: Wording("招聘会情况", "job fairs")
        case .fairsHeld: Wording("招聘会清单", "Job fairs held")
        case .aidAmount: Wording("救助发放金额（元）", "aid amount (yuan)")
        case .recipients: Wording("受助人数（人，按身份证号去重）", "recipients (distinct persons)")
        case .bySource: Wording("按资金来源", "by funding source")
        case .byMonth: Wording("按月份", "by month")
        case .aidDetail: Wording("救助发放明细", "aid disbursements")
        case .membersByRole: Wording("执委会员情况（人）", "members by role")
        case .ageBands: Wording("年龄结构", "age bands")
        case .tags: Wording("身份标签", "tags")
        case .activityCounts: Wording("活动开展情况（次）", "activities")
        case .participants: Wording("活动参与人次", "participants")
        case .amountByProgram: Wording("各项目发放金额（万元）", "amount by program (10k yuan)")
        case .aidChart: Wording("各项目救助发放金额（万元）", "Aid by program (10k yuan)")
        case .coverageChart: Wording("各街道（镇）组织覆盖率（%）", "Org coverage by street (%)")
        case .coverageChartByDistrict: Wording("各区县组织覆盖率（%）", "Org coverage by district (%)")
        case .coverageChartByCity: Wording("各地市组织覆盖率（%）", "Org coverage by city (%)")
        case .keyFiguresByDistrict: Wording("各区县主要指标", "key figures by district")
        case .keyFiguresByCity: Wording("各地市主要指标", "key figures by city")
        case .notes: Wording("数据说明", "notes")
        case .sources: Wording("数据来源（导入批次）", "Sources (import batches)")
        case .quality: Wording("数据质量问题（按类别）", "Data-quality issues by category")
        case .footerMismatch: Wording("合计行核对不符", "Footer totals that do not match the data")
        case .definitions: Wording("指标定义", "Indicator definitions")
        case .checksums: Wording("文件校验值（SHA-256）", "File checksums (SHA-256)")
        case .explain: Wording("计算方法（定义与 SQL）", "How each figure is computed (definitions and SQL)")
        case .rejects: Wording("导入退回汇总", "Import rejects")
        }
    }

    static func indicatorWording(_ i: Indicator) -> Wording {
        switch i {
        case .orgCoverage: Wording("组织覆盖率", "org coverage")
        case .workCoverage: Wording("工作覆盖率", "work coverage")
        case .womensHomeCoverage: Wording("妇女之家覆盖率", "women's home coverage")
        case .fairs: Wording("招聘会场次", "job fairs")
        case .employers: Wording("参会企业（家）", "employers")
        case .positions: Wording("提供岗位（个）", "positions")
        case .seekers: Wording("求职人数（人次）", "seekers")
        case .placements: Wording("达成就业意向（人）", "placements")
        case .placementRate: Wording("达成率", "placement rate")
        case .recipients: Wording("受助人数（人）", "aid recipients")
        case .disbursements: Wording("发放笔数", "disbursements")
        case .amount: Wording("发放金额（万元）", "amount (10k yuan)")
        case .memberships: Wording("执委会员（人次）", "memberships")
        case .persons: Wording("执委会员（人，去重）", "members (distinct persons)")
        case .ageBands: Wording("年龄结构", "age bands")
        case .activities: Wording("活动次数", "activities")
        case .participants: Wording("参与人次", "participants")
        }
    }

    static func definitionWording(_ i: Indicator) -> Wording {
        switch i {
        case .orgCoverage:
            Wording("组织覆盖率 = 已建妇联组织的社区（村）数 ÷ 社区（村）总数，按期末在册单位计算。",
                    "Org coverage = communities and villages with a women's federation ÷ all communities and villages, as registered on the period's last day.")
        case .workCoverage:
            Wording("工作覆盖率 = 已建妇联组织或妇联工作已覆盖的社区（村）数 ÷ 社区（村）总数，按期末在册单位计算。",
                    "Work coverage = communities and villages with a federation or with federation work covered ÷ all of them, on the period's last day.")
        case .womensHomeCoverage:
            Wording("妇女之家覆盖率 = 已建妇女之家的社区（村）数 ÷ 社区（村）总数，按期末在册单位计算。",
                    "Women's home coverage = communities and villages with a 妇女之家 ÷ all of them, on the period's last day.")
        case .fairs:
            Wording("招聘会场次：统计期内举办的招聘会次数，按举办日期计入。", "Job fairs: the job fairs held in the period, by their date.")
        case .employers:
            Wording("参会企业、提供岗位、求职人数：各场招聘会登记数的合计，未填写的按 0 计。",
                    "Employers, positions, seekers: the sums of the figures recorded for each fair; a blank counts 0.")
        case .positions:
            Wording("提供岗位：各场招聘会登记的岗位数之和。", "Positions: the sum of the positions recorded for each fair.")
        case .seekers:
            Wording("求职人数：各场招聘会登记的求职人次之和。", "Seekers: the sum of the job seekers recorded for each fair.")
        case .placements:
            Wording("达成就业意向：各场招聘会登记的达成意向人数之和。", "Placements: the sum of the placements recorded for each fair.")
        case .placementRate:
            Wording("达成率 = 达成就业意向人数 ÷ 求职人数；求职人数为 0 时留空。",
                    "Placement rate = placements ÷ seekers; blank when there are no seekers.")
        case .recipients:
            Wording("受助人数：统计期内得到救助的人数，按身份证号去重（无身份证号的按姓名加所属单位区分），一人多次受助只计一人，因此各街道相加可能多于合计。",
                    "Aid recipients: distinct persons paid in the period (by ID number, else name and unit); the total can be less than the sum of the rows.")
        case .disbursements:
            Wording("发放笔数：统计期内按发放日期计入的发放记录数，导入时已剔除重复记录。",
                    "Disbursements: the payment records dated in the period; duplicates were skipped on import.")
        case .amount:
            Wording("发放金额：统计期内发放金额之和，明细以元计并保留两位小数，概览以万元显示。",
                    "Amount: the sum paid in the period, in yuan with two decimals (10k yuan on the summary).")
        case .memberships:
            Wording("执委会员（人次）：期末在任的职务数，一人担任两个职务计两次。",
                    "Memberships: the roles held on the period's last day; a person holding two roles counts twice.")
        case .persons:
            Wording("执委会员（人，去重）：期末在任的人员数，一人只计一次。",
                    "Members (distinct persons): the persons holding a role on the period's last day, each counted once.")
        case .ageBands:
            Wording("年龄结构：按期末年龄分为30岁以下、30—39岁、40—49岁、50—59岁、60岁及以上；没有出生日期的计为“未知”。",
                    "Age bands: age on the period's last day (under 30, 30-39, 40-49, 50-59, 60 and over); no birth date is unknown.")
        case .activities:
            Wording("活动次数：统计期内开展的活动记录数，按活动日期计入。", "Activities: the activities held in the period, by their date.")
        case .participants:
            Wording("参与人次：各次活动登记的参与人数之和，未填写的按 0 计。",
                    "Participants: the sum of the participants recorded for each activity; a blank counts 0.")
        }
    }

    static func wordWording(_ w: Word) -> Wording {
        switch w {
        case .basis:
            Wording("口径：发放、招聘会、活动等按发生日期计入统计期；组织覆盖率、执委会员按统计期最后一天的在册情况计算。",
                    "Flows count by their date within the period; coverage and members are as of the period's last day.")
        case .checksumNote:
            Wording("注：校验值只列前 12 位，完整的 SHA-256 值见本表末尾的“文件校验值”。",
                    "Checksums are shortened to 12 characters; the full SHA-256 values are listed at the end.")
        case .comparisonRule:
            Wording("环比：与上期比较（季度与上一季度、月与上月、半年与上半年、年与上年）；同比：与去年同期比较。增减 = 本期 − 比较期；"
                        + "覆盖率、达成率等比率的增减以百分点表示（如 +6.3个百分点），不计增幅；其他指标的增幅 = 增减 ÷ 比较期，比较期为 0 时留空。",
                    "Compared with the previous period (环比) and the same period a year earlier (同比). Change = this period − base; "
                        + "changes of rates are in percentage points (+6.3 pp) with no percentage change; other changes in % = change ÷ base, "
                        + "blank when the base is 0.")
        case .distinctTotalRow: Wording("合计（去重）", "Total (distinct)")
        case .explainNote:
            Wording("以下为各报表的计算定义与 SQL 语句，供统计人员核对。", "The definitions and SQL behind every figure, for checking.")
        case .generatedByFulian: Wording("由 fulian 根据导入的数据生成", "generated by fulian from the imported data")
        case .idConflict: Wording("身份证号冲突", "ID conflict")
        case .none: Wording("无", "none")
        case .pageFooter: Wording("&C第 &P 页 / 共 &N 页", "&CPage &P of &N")
        case .pointsFormat:
            Wording(#"+0.0"个百分点";-0.0"个百分点";0.0"个百分点""#, #"+0.0" pp";-0.0" pp";0.0" pp""#)
        case .quarterlySubject:
            Wording("组织覆盖、就业招聘、救助发放、执委队伍、活动开展", "coverage, job fairs, aid, members, activities")
        case .rejectsDocument: Wording("退回数据", "Rejected rows")
        case .rejectsSubject: Wording("导入时未能接收的行", "rows not accepted on import")
        case .samePerson: Wording("同一人", "same person")
        case .sameRecord: Wording("同一记录", "same record")
        case .statusClean: Wording("正常", "clean")
        case .statusDuplicate: Wording("重复", "duplicate")
        case .totalRow: Wording("合计", "Total")
        }
    }

    static func problemWording(_ w: Problem) -> Wording {
        switch w {
        case .chartInsertedTwice:
            Wording("该图表已插入；每个位置请新建一个图表", "the chart is already inserted; create one chart per place")
        case .chartOfAnotherWorkbook: Wording("该图表属于另一个工作簿", "the chart belongs to another workbook")
        case .chartScale: Wording("图表缩放比例须为有限的正数", "chart scale must be positive and finite")
        case .chartWithoutSeries: Wording("该图表没有数据系列", "the chart has no series")
        case .creationTimeTooEarly:
            Wording("创建时间必须晚于 1970-01-01T00:00:01Z（0 对程序库表示“现在”）",
                    "the creation time must be after 1970-01-01T00:00:01Z (0 means \"now\" to the library)")
        case .emptyFormula: Wording("公式为空", "the formula is empty")
        case .emptyPath: Wording("工作簿路径为空", "the workbook path is empty")
        case .fontNameLength: Wording("字体名称须为 1 至 127 字节", "font name must be 1…127 bytes")
        case .fontNameNul: Wording("字体名称中含有 U+0000", "font name contains U+0000")
        case .formatNotCreated: Wording("libxlsxwriter 无法创建单元格格式", "libxlsxwriter could not create a format")
        case .nameAndNameCell:
            Wording("图表：数据系列只能给名称或名称单元格之一", "chart: give a series either a name or a name cell, not both")
        case .nulInPathOrProperty: Wording("路径或文档属性中含有 U+0000 字符", "a path or document property contains U+0000")
        case .numberFormatNul: Wording("数字格式中含有 U+0000", "number format contains U+0000")
        case .sheetNameEmpty: Wording("工作表名称为空", "sheet name is empty")
        case .workbookClosed: Wording("工作簿已关闭，不能再写入", "the workbook is already closed; nothing more can be written")
        case .workbookNotCreated: Wording("libxlsxwriter 无法创建工作簿", "libxlsxwriter could not create the workbook")
        }
    }

    static func partWording(_ p: Part) -> Wording {
        switch p {
        case .text: Wording("文本", "text")
        case .formula: Wording("公式", "formula")
        case .header: Wording("页眉", "header")
        case .footer: Wording("页脚", "footer")
        case .seriesName: Wording("系列名称", "series name")
        case .chartTitle: Wording("图表标题", "chart title")
        case .axisName: Wording("坐标轴名称", "axis name")
        case .values: Wording("数值区域", "values")
        case .categories: Wording("分类区域", "categories")
        case .nameCell: Wording("名称单元格", "name cell")
        case .integer: Wording("整数", "integer")
        case .amountInFen: Wording("以分计的金额", "amount in fen")
        }
    }

    static func actionWording(_ a: Action) -> Wording {
        switch a {
        case .writingCell: Wording("写入单元格", "writing the cell")
        case .merging(let r): Wording("合并 \(r)", "merging \(r)")
        case .settingColumnWidth: Wording("设置列宽", "setting the column width")
        case .settingRowHeight: Wording("设置行高", "setting the row height")
        case .addingAutofilter: Wording("添加筛选", "adding the autofilter")
        case .insertingChart: Wording("插入图表", "inserting the chart")
        case .settingRepeatRows: Wording("设置打印标题行", "setting the rows to repeat")
        case .settingHeader: Wording("设置页眉", "setting the header")
        case .settingFooter: Wording("设置页脚", "setting the footer")
        case .settingPageBreaks: Wording("设置分页符", "setting the page breaks")
        case .addingComment: Wording("添加批注", "adding the comment")
        }
    }
}
