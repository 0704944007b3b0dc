import CXlsxWriter

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
    /// - Throws: ``ExcelError`` when a range lies outside the grid or names a sheet the workbook does not
    ///   have, when `name` starts with `=`, or when a pie gets a second series.
    public func addSeries(
        values: SheetRange, categories: SheetRange? = nil, name: String? = nil, nameCell: SheetRange? = nil,
        dataLabels: Bool = false
    ) throws {
        try workbook.ensureOpen()
        try checkRange(values, what: "values")
        if let categories { try checkRange(categories, what: "categories") }
        if let nameCell { try checkRange(nameCell, what: "name cell") }
        if let name { try checkText(name, what: "series name") }
        if name != nil && nameCell != nil {
            throw error(.invalidArgument, "give a series either a name or a name cell, not both")
        }
        if !kind.hasAxes && seriesCount >= 1 {
            throw error(.invalidArgument, "a \(kind) chart shows one series; it already has one")
        }
        let cats = categories.map { workbook.strings.copy("=" + $0.formula) }
        let vals = workbook.strings.copy("=" + values.formula)
        guard let series = chart_add_series(handle, cats, vals) else {
            throw error(.invalidArgument, "libxlsxwriter could not add a series for \(values.formula)")
        }
        if let name { chart_series_set_name(series, workbook.strings.copy(name)) }
        if let nameCell {
            chart_series_set_name_range(series, workbook.strings.copy(nameCell.sheet),
                                        lxw_row_t(nameCell.firstRow), lxw_col_t(nameCell.firstCol))
        }
        if dataLabels { chart_series_set_labels(series) }
        seriesCount += 1
    }

    /// Sets the chart's title (literal text).
    public func setTitle(_ title: String) throws {
        try workbook.ensureOpen()
        try checkText(title, what: "chart title")
        chart_title_set_name(handle, workbook.strings.copy(title))
    }

    /// Names the axes: the category axis (labels) and the value axis (numbers). Not for pies.
    ///
    /// For ``ChartKind/bar`` charts the category axis is the vertical one; this handles the swap.
    public func setAxisNames(category: String?, value: String?) throws {
        try workbook.ensureOpen()
        guard kind.hasAxes else { throw error(.invalidArgument, "a \(kind) chart has no axes to name") }
        let horizontalBars = kind == .bar || kind == .barStacked
        let categoryAxis = horizontalBars ? handle.pointee.y_axis : handle.pointee.x_axis
        let valueAxis = horizontalBars ? handle.pointee.x_axis : handle.pointee.y_axis
        if let category {
            try checkText(category, what: "axis name")
            chart_axis_set_name(categoryAxis, workbook.strings.copy(category))
        }
        if let value {
            try checkText(value, what: "axis name")
            chart_axis_set_name(valueAxis, workbook.strings.copy(value))
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
        guard (1...48).contains(id) else { throw error(.invalidArgument, "chart style \(id) is outside 1…48") }
        chart_set_style(handle, UInt8(id))
    }

    private func error(_ kind: ExcelError.Kind, _ message: String) -> ExcelError {
        ExcelError(kind: kind, path: workbook.path, message: "chart: " + message)
    }

    private func checkRange(_ r: SheetRange, what: String) throws {
        guard r.isValid else {
            throw error(.invalidArgument, "\(what) range \(r.formula) is outside the sheet or ends before it starts")
        }
        let lower = r.sheet.lowercased()
        guard workbook.sheetNames.contains(where: { $0.lowercased() == lower }) else {
            throw error(.invalidArgument, "\(what) range \(r.formula) names sheet \"\(r.sheet)\", which the workbook does not have")
        }
    }

    private func checkText(_ s: String, what: String) throws {
        if s.hasPrefix("=") {
            throw error(.invalidArgument, "\(what) must not start with \"=\" (it would be read as a cell reference); use nameCell")
        }
        if s.utf8.contains(0) { throw error(.embeddedNul, "\(what) contains U+0000") }
        if s.utf16.count > 255 { throw error(.stringTooLong, "\(what) is longer than 255 characters") }
    }
}
