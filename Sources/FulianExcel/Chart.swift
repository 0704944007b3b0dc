import CXlsxWriter
import FulianCore

/// The kinds of chart the reports use.
public enum ChartKind: Hashable, Sendable, CustomStringConvertible {
    /// Vertical bars, one cluster per category.
    case column
    /// Vertical bars stacked per category.
    case columnStacked
    /// Horizontal bars (long CJK category names read better this way).
    case bar
    /// Horizontal bars stacked per category.
    case barStacked
    /// Lines across categories (quarter-on-quarter trends).
    case line
    /// A pie: one series, shares of a whole.
    case pie
    /// A doughnut: a pie with a hole.
    case doughnut

    var lxw: UInt8 {
        switch self {
        case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
        case .columnStacked: return UInt8(LXW_CHART_COLUMN_STACKED.rawValue)
        case .bar: return UInt8(LXW_CHART_BAR.rawValue)
        case .barStacked: return UInt8(LXW_CHART_BAR_STACKED.rawValue)
        case .line: return UInt8(LXW_CHART_LINE.rawValue)
        case .pie: return UInt8(LXW_CHART_PIE.rawValue)
        case .doughnut: return UInt8(LXW_CHART_DOUGHNUT.rawValue)
        }
    }

    /// Whether the chart has category and value axes (pies and doughnuts have none).
    public var hasAxes: Bool { self != .pie && self != .doughnut }

    /// The kind's name, for messages.
    public var description: String {
        switch self {
        case .column: return "column"
        case .columnStacked: return "stacked column"
        case .bar: return "bar"
        case .barStacked: return "stacked bar"
        case .line: return "line"
        case .pie: return "pie"
        case .doughnut: return "doughnut"
        }
    }
}

/// A block of cells on a named sheet, written as an absolute reference with the sheet name always quoted.
///
/// ```swift
/// SheetRange(sheet: "汇总", column: 0, rows: 2...6).formula          // '汇总'!$A$3:$A$7
/// SheetRange(sheet: "Bob's data", firstRow: 1, firstCol: 1, lastRow: 4, lastCol: 2).formula
///                                                                  // 'Bob''s data'!$B$2:$C$5
/// SheetRange(sheet: "汇总", column: 1, rows: 2...6).localFormula     // $B$3:$B$7 (same-sheet SUM)
/// ```
///
/// Quoting always (and doubling `'`) keeps names with spaces, CJK, `-` or digits correct in any formula.
public struct SheetRange: Hashable, Sendable {
    /// The sheet's name, unquoted.
    public var sheet: String
    /// First row, zero-based.
    public var firstRow: Int
    /// First column, zero-based.
    public var firstCol: Int
    /// Last row, zero-based, inclusive.
    public var lastRow: Int
    /// Last column, zero-based, inclusive.
    public var lastCol: Int

    /// A rectangular range.
    public init(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstCol = firstCol
        self.lastRow = lastRow
        self.lastCol = lastCol
    }

    /// Part of one column: `SheetRange(sheet: "汇总", column: 1, rows: 2...6)` is B3:B7.
    public init(sheet: String, column: Int, rows: ClosedRange<Int>) {
        self.init(sheet: sheet, firstRow: rows.lowerBound, firstCol: column, lastRow: rows.upperBound, lastCol: column)
    }

    /// One cell: `SheetRange(sheet: "汇总", row: 1, col: 1)` is B2.
    public init(sheet: String, row: Int, col: Int) {
        self.init(sheet: sheet, firstRow: row, firstCol: col, lastRow: row, lastCol: col)
    }

    /// `'Sheet name'` with inner apostrophes doubled.
    public static func quote(sheet: String) -> String {
        "'" + sheet.replacingApostrophes() + "'"
    }

    /// The absolute reference without the sheet: `$A$3:$A$7`, or `$B$2` for one cell.
    public var localFormula: String {
        let a = "$" + excelColumnName(firstCol) + "$" + String(firstRow + 1)
        if firstRow == lastRow && firstCol == lastCol { return a }
        return a + ":$" + excelColumnName(lastCol) + "$" + String(lastRow + 1)
    }

    /// The absolute reference with the quoted sheet: `'汇总'!$A$3:$A$7`.
    public var formula: String { SheetRange.quote(sheet: sheet) + "!" + localFormula }

    /// Whether the indices lie inside Excel's grid with first ≤ last.
    var isValid: Bool {
        firstRow >= 0 && firstCol >= 0 && lastRow >= firstRow && lastCol >= firstCol
            && lastRow < Worksheet.rowLimit && lastCol < Worksheet.columnLimit
    }
}

extension String {
    fileprivate func replacingApostrophes() -> String {
        var out = ""
        for c in self {
            out.append(c)
            if c == "'" { out.append("'") }
        }
        return out
    }
}

/// Where a chart's legend goes.
public enum LegendPosition: Hashable, Sendable {
    /// No legend.
    case none
    /// Right of the plot (Excel's default).
    case right
    /// Left of the plot.
    case left
    /// Above the plot.
    case top
    /// Below the plot: best under wide column charts.
    case bottom

    var lxw: UInt8 {
        switch self {
        case .none: return UInt8(LXW_CHART_LEGEND_NONE.rawValue)
        case .right: return UInt8(LXW_CHART_LEGEND_RIGHT.rawValue)
        case .left: return UInt8(LXW_CHART_LEGEND_LEFT.rawValue)
        case .top: return UInt8(LXW_CHART_LEGEND_TOP.rawValue)
        case .bottom: return UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)
        }
    }
}

/// A chart drawn from ranges of a sheet, created by ``Workbook/addChart(_:)`` and placed by
/// ``Worksheet/insertChart(_:row:col:xScale:yScale:)``.
///
/// ```swift
/// let chart = try wb.addChart(.column)
/// try chart.addSeries(values: SheetRange(sheet: "汇总", column: 1, rows: 2...6),
///                     categories: SheetRange(sheet: "汇总", column: 0, rows: 2...6),
///                     name: "受助人数")
/// try chart.addSeries(values: SheetRange(sheet: "汇总", column: 2, rows: 2...6),
///                     categories: SheetRange(sheet: "汇总", column: 0, rows: 2...6),
///                     name: "上季度")
/// try chart.setTitle("各区县受助人数")
/// try chart.setAxisNames(category: "区县", value: "人数")
/// chart.setLegend(.bottom)
/// try summary.insertChart(chart, row: 9, col: 0, xScale: 1.5)
/// ```
///
/// In `xl/charts/chart1.xml` each series appears as `<c:cat>…<c:f>'汇总'!$A$3:$A$7</c:f>` and
/// `<c:val>…<c:f>'汇总'!$B$3:$B$7</c:f>`. Text given here (titles, names) is always literal text: a
/// leading `=` (which libxlsxwriter would read as a cell reference) is rejected; use `nameCell:` instead.
public final class Chart {
    /// The chart's kind.
    public let kind: ChartKind
    /// The workbook the chart belongs to.
    public let workbook: Workbook
    /// How many series have been added.
    public private(set) var seriesCount = 0
    /// Whether the chart has been placed on a sheet.
    public internal(set) var isInserted = false

    let handle: UnsafeMutablePointer<lxw_chart>

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_chart>, kind: ChartKind) {
        self.workbook = workbook
        self.handle = handle
        self.kind = kind
    }

    /// Adds a series: values (one row or column of numbers), optional category labels, optional name.
    ///
    /// - Parameters:
    ///   - values: The numbers to plot.
    ///   - categories: The labels along the category axis (or the pie slices); nil numbers them 1, 2, 3….
    ///   - name: The series' name in the legend, as literal text.
    ///   - nameCell: Alternatively, a cell holding the name (e.g. the column header).
    ///   - dataLabels: Show each point's value on the chart.
    ///   - labelFormat: The number format of those values (e.g. `0.0%`); nil uses the cells' format.
    /// - Throws: ``ExcelError`` when a range lies outside the grid or names a sheet the workbook does not
    ///   have, when `name` starts with `=`, or when a pie gets a second series.
    public func addSeries(
        values: SheetRange, categories: SheetRange? = nil, name: String? = nil, nameCell: SheetRange? = nil,
        dataLabels: Bool = false, labelFormat: String? = nil
    ) throws {
        try workbook.ensureOpen()
        try checkRange(values, what: .values)
        if let categories { try checkRange(categories, what: .categories) }
        if let nameCell { try checkRange(nameCell, what: .nameCell) }
        if let name { try checkText(name, what: .seriesName) }
        if let labelFormat { try checkText(labelFormat, what: .text) }
        if name != nil && nameCell != nil {
            throw error(.invalidArgument, .problem(.nameAndNameCell))
        }
        if !kind.hasAxes && seriesCount >= 1 {
            throw error(.invalidArgument, .oneSeriesOnly(kind: kind.description))
        }
        let cats = categories.map { workbook.strings.copy("=" + $0.formula) }
        let vals = workbook.strings.copy("=" + values.formula)
        guard let series = chart_add_series(handle, cats, vals) else {
            throw error(.invalidArgument, .seriesNotAdded(range: values.formula))
        }
        if let name { chart_series_set_name(series, workbook.strings.copy(name)) }
        if let nameCell {
            chart_series_set_name_range(series, workbook.strings.copy(nameCell.sheet),
                                        lxw_row_t(nameCell.firstRow), lxw_col_t(nameCell.firstCol))
        }
        if dataLabels {
            chart_series_set_labels(series)
            if let labelFormat { chart_series_set_labels_num_format(series, workbook.strings.copy(labelFormat)) }
        }
        seriesCount += 1
    }

    /// Sets the chart's title (literal text), optionally in a font size (points; Excel's default is 14).
    ///
    /// ```swift
    /// try chart.setTitle("青溪区 2024年第二季度 各街道（镇）组织覆盖率（%）", fontSize: 11)   // one line over a half-page chart
    /// ```
    public func setTitle(_ title: String, fontSize: Double? = nil) throws {
        try workbook.ensureOpen()
        try checkText(title, what: .chartTitle)
        chart_title_set_name(handle, workbook.strings.copy(title))
        if let fontSize {
            guard fontSize >= 1, fontSize <= 409 else { throw error(.invalidArgument, .fontSize(fontSize)) }
            var font = lxw_chart_font()
            font.size = fontSize
            font.bold = 1
            chart_title_set_name_font(handle, &font)  // the library copies the font
        }
    }

    /// Lists the categories in sheet order from the top: for horizontal ``ChartKind/bar`` charts, whose
    /// first category Excel otherwise draws at the bottom. The value axis stays at the bottom.
    public func setCategoriesTopDown() throws {
        try workbook.ensureOpen()
        guard kind == .bar || kind == .barStacked else { return }
        chart_axis_set_reverse(handle.pointee.y_axis)
        chart_axis_set_crossing_max(handle.pointee.y_axis)
    }

    /// Names the axes: the category axis (labels) and the value axis (numbers). Not for pies.
    ///
    /// For ``ChartKind/bar`` charts the category axis is the vertical one; this handles the swap.
    public func setAxisNames(category: String?, value: String?) throws {
        try workbook.ensureOpen()
        guard kind.hasAxes else { throw error(.invalidArgument, .noAxes(kind: kind.description)) }
        let horizontalBars = kind == .bar || kind == .barStacked
        let categoryAxis = horizontalBars ? handle.pointee.y_axis : handle.pointee.x_axis
        let valueAxis = horizontalBars ? handle.pointee.x_axis : handle.pointee.y_axis
        if let category {
            try checkText(category, what: .axisName)
            chart_axis_set_name(categoryAxis, workbook.strings.copy(category))
        }
        if let value {
            try checkText(value, what: .axisName)
            chart_axis_set_name(valueAxis, workbook.strings.copy(value))
        }
    }

    /// Sets the value axis' range and number format, so the axis says what its numbers are.
    ///
    /// ```swift
    /// try chart.setValueAxis(min: 0, max: 1, numberFormat: "0%")   // a rate axis from 0 % to 100 %
    /// ```
    /// For ``ChartKind/bar`` charts the value axis is the horizontal one; this handles the swap.
    public func setValueAxis(min: Double? = nil, max: Double? = nil, numberFormat: String? = nil) throws {
        try workbook.ensureOpen()
        guard kind.hasAxes else { throw error(.invalidArgument, .noAxes(kind: kind.description)) }
        let lo = min ?? -Double.greatestFiniteMagnitude, hi = max ?? Double.greatestFiniteMagnitude
        guard lo.isFinite, hi.isFinite, lo < hi else { throw error(.invalidArgument, .axisRange(min: lo, max: hi)) }
        let axis = (kind == .bar || kind == .barStacked) ? handle.pointee.x_axis : handle.pointee.y_axis
        if let min { chart_axis_set_min(axis, min) }
        if let max { chart_axis_set_max(axis, max) }
        if let numberFormat {
            try checkText(numberFormat, what: .text)
            chart_axis_set_num_format(axis, workbook.strings.copy(numberFormat))
        }
    }

    /// Places (or removes) the legend.
    public func setLegend(_ position: LegendPosition) {
        guard !workbook.isClosed else { return }
        chart_legend_set_position(handle, position.lxw)
    }

    /// Applies one of Excel's 48 built-in chart styles (2 is the default look).
    public func setStyle(_ id: Int) throws {
        try workbook.ensureOpen()
        guard (1...48).contains(id) else { throw error(.invalidArgument, .chartStyle(id)) }
        chart_set_style(handle, UInt8(id))
    }

    private func error(_ kind: ExcelError.Kind, _ message: ExcelMessage) -> ExcelError {
        ExcelError(kind: kind, path: workbook.path, message: message)
    }

    private func checkRange(_ r: SheetRange, what: ExcelMessage.Part) throws {
        guard r.isValid else { throw error(.invalidArgument, .chartRangeOutside(what, range: r.formula)) }
        let lower = r.sheet.lowercased()
        guard workbook.sheetNames.contains(where: { $0.lowercased() == lower }) else {
            throw error(.invalidArgument, .chartRangeSheet(what, range: r.formula, sheet: r.sheet))
        }
    }

    private func checkText(_ s: String, what: ExcelMessage.Part) throws {
        if s.hasPrefix("=") { throw error(.invalidArgument, .chartTextEquals(what)) }
        if s.utf8.contains(0) { throw error(.embeddedNul, .chartContainsNul(what)) }
        if s.utf16.count > 255 { throw error(.stringTooLong, .chartTextTooLong(what)) }
    }
}
