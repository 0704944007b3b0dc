import CXlsxWriter
import FulianCore

/// One sheet of a ``Workbook``: cells, merged titles, column widths, panes, filters, charts and print setup.
///
/// Rows and columns are zero-based, as in libxlsxwriter: `(row: 0, col: 0)` is A1.
///
/// ```swift
/// let s = try wb.addWorksheet(name: "覆盖率")
/// try s.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 3, value: "各区县覆盖率", style: .title)
/// try s.writeRow(row: 1, ["区县", "目标", "实际", "覆盖率"], style: .header)
/// for (i, d) in districts.enumerated() {
///     let r = 2 + i
///     try s.writeRow(row: r, [.text(d.name), .integer(d.target), .integer(d.actual), .finite(d.rate)],
///                    styles: [nil, .integer, .integer, d.rate < 0.9 ? .percent.highlighted() : .percent])
/// }
/// try s.freezePanes(row: 2, col: 1)                                  // title + header stay visible
/// try s.autofilter(firstRow: 1, firstCol: 0, lastRow: 1 + districts.count, lastCol: 3)
/// try s.autoFitColumns()
/// try s.setPrintSetup(PrintSetup(repeatRows: 0...1))
/// ```
///
/// A worksheet keeps its workbook alive; it becomes unusable (every call throws) once the workbook is closed.
public final class Worksheet {
    /// The sheet's name as shown on its tab.
    public let name: String
    /// The workbook this sheet belongs to.
    public let workbook: Workbook

    let handle: UnsafeMutablePointer<lxw_worksheet>
    /// Widest text per column, for ``autoFitColumns(minWidth:maxWidth:)``.
    ///
    /// The properties touched for every cell are `@exclusivity(unchecked)`: a sheet is written from one
    /// thread, and the run-time access checks were ~1 % of a million-row write (issue #17).
    @exclusivity(unchecked) public private(set) var columnWidths = ColumnWidths()
    /// Rows below this (zero-based) are not measured for ``autoFitColumns(minWidth:maxWidth:)``: the first
    /// 10,000 rows decide the widths, so a million-row detail sheet does not pay for width bookkeeping on
    /// every cell (it was a third of the writing time). Set it higher before writing to measure more.
    @exclusivity(unchecked) public var widthSampleRows = 10_000
    private var fixedColumns: Set<Int> = []
    private var filterColumns: ClosedRange<Int>?
    /// The highest row written so far (-1 before any); enforced as a floor in constant-memory mode.
    @exclusivity(unchecked) public private(set) var lastRowWritten = -1
    private var merged: [(r0: Int, c0: Int, r1: Int, c1: Int)] = []
    var screenGridlines = true
    var printGridlines = false

    /// Excel's last row index plus one: 1,048,576.
    public static let rowLimit = 1_048_576
    /// Excel's last column index plus one: 16,384 (XFD).
    public static let columnLimit = 16_384
    /// Excel's longest cell text in UTF-16 units: 32,767.
    public static let maxTextLength = 32_767
    /// Excel's longest formula in UTF-16 units: 8,192.
    public static let maxFormulaLength = 8_192
    /// Extra width (Excel units) given by autofit to columns with a filter drop-down button: 2.
    public static let filterButtonWidth = 2.0
    /// The largest integer a double holds exactly: 2^53.
    public static let maxExactInteger: Int64 = 9_007_199_254_740_992

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    // MARK: - Writing cells

    /// Writes one value, optionally styled.
    ///
    /// ```swift
    /// try s.write(row: 1, col: 0, "=1+1")                                    // text "=1+1", never a formula
    /// try s.write(row: 1, col: 1, .money(Money(fen: 123_450)))                // 1234.5 shown as 1,234.50
    /// try s.write(row: 1, col: 2, .date(d), style: .header)                   // header look + yyyy-mm-dd
    /// try s.write(row: 9, col: 1, .formula("SUM(B2:B9)", cached: 60), style: .integer.totals())
    /// try s.write(row: 1, col: 3, .empty, style: .header)                     // a styled blank (borders show)
    /// ```
    ///
    /// `.date` and `.money` get `yyyy-mm-dd` / `#,##0.00` when `style` has no ``CellStyle/numberFormat``.
    /// - Throws: ``ExcelError`` for an index beyond Excel's grid, a row out of order in constant-memory mode,
    ///   text over 32,767 UTF-16 units or containing U+0000, a non-finite number, an integer beyond 2^53,
    ///   a date before 1900-03-01, a closed workbook, or any library error.
    public func write(row: Int, col: Int, _ value: ExcelValue, style: CellStyle? = nil) throws {
        var cell: String { excelCellName(row: row, col: col) }  // built only when an error needs it
        try checkWritable(row: row, col: col, cell: cell)
        var style = style
        let format: UnsafeMutablePointer<lxw_format>?
        let standard = Workbook.DefaultFormat(value)
        if let standard, style == nil {
            // The common case of a detail sheet: the default date or money format, made once per workbook
            // (the style itself is needed only where column widths are measured).
            format = try workbook.defaultFormat(standard, sheet: name, cell: cell)
            if row < widthSampleRows { style = standard.style }
        } else {
            // A date or money cell whose style sets no number format takes the default one.
            if let standard, style?.numberFormat == nil { style = style?.with { $0.numberFormat = standard.style.numberFormat } }
            format = try workbook.format(for: style, sheet: name, cell: cell)
        }
        let r = lxw_row_t(row), c = lxw_col_t(col)
        let err: lxw_error
        switch value {
        case .empty:
            guard let format else {
                noteRow(row)
                return
            }
            err = worksheet_write_blank(handle, r, c, format)
        case .text(let s):
            try checkText(s, limit: Worksheet.maxTextLength, what: .text, cell: cell)
            err = Worksheet.withCString(s) { worksheet_write_string(handle, r, c, $0, format) }
        case .number(let x):
            try checkFinite(x, cell: cell)
            err = worksheet_write_number(handle, r, c, x, format)
        case .integer(let i):
            try checkExact(i, what: .integer, cell: cell)
            err = worksheet_write_number(handle, r, c, Double(i), format)
        case .money(let m):
            try checkExact(m.fen, what: .amountInFen, cell: cell)
            err = worksheet_write_number(handle, r, c, m.yuan, format)
        case .date(let d):
            guard d >= CivilDate(year: 1900, month: 3, day: 1)! else {
                throw error(.invalidArgument, cell: cell, .dateTooEarly(d))
            }
            err = worksheet_write_number(handle, r, c, Double(ExcelDateSystem.system1900.serial(of: d)), format)
        case .bool(let b):
            err = worksheet_write_boolean(handle, r, c, b ? 1 : 0, format)
        case .formula(let f, let cached):
            let body = f.hasPrefix("=") ? String(f.dropFirst()) : f
            guard !body.isEmpty else { throw error(.invalidArgument, cell: cell, .problem(.emptyFormula)) }
            try checkText(body, limit: Worksheet.maxFormulaLength, what: .formula, cell: cell)
            try checkFinite(cached, cell: cell)
            err = worksheet_write_formula_num(handle, r, c, body, format, cached)
        }
        try check(err, cell: cell, doing: .writingCell)
        noteRow(row)
        if row < widthSampleRows {
            columnWidths.record(col: col, text: value.displayText(numberFormat: style?.numberFormat),
                                scale: style?.widthScale ?? 1)
        }
    }

    /// Writes values left to right from `startCol`, all with one style.
    ///
    /// ```swift
    /// try s.writeRow(row: 1, ["单位", "人数", "金额（元）"], style: .header)
    /// ```
    public func writeRow(row: Int, startCol: Int = 0, _ values: [ExcelValue], style: CellStyle? = nil) throws {
        for (i, v) in values.enumerated() {
            try write(row: row, col: startCol + i, v, style: style)
        }
    }

    /// Writes values left to right from `startCol`, each with its own style (`styles.count` must equal `values.count`).
    ///
    /// ```swift
    /// try s.writeRow(row: 9, ["合计", .formula("SUM(B3:B9)", cached: 60), .money(total)],
    ///                styles: [.totals, .integer.totals(), .money.totals()])
    /// ```
    public func writeRow(row: Int, startCol: Int = 0, _ values: [ExcelValue], styles: [CellStyle?]) throws {
        guard styles.count == values.count else {
            throw error(.invalidArgument, cell: excelCellName(row: row, col: startCol),
                        .valuesAndStyles(values: values.count, styles: styles.count))
        }
        for (i, v) in values.enumerated() {
            try write(row: row, col: startCol + i, v, style: styles[i])
        }
    }

    /// Merges a block of cells and writes `value` in it (formatted blanks fill the rest, so borders show).
    ///
    /// ```swift
    /// try s.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 6, value: "2024年第一季度报表", style: .title)
    /// ```
    ///
    /// Merged text is not counted by ``autoFitColumns(minWidth:maxWidth:)``. Overlapping merges and
    /// single-cell merges throw (Excel would "repair" the file). In constant-memory mode a merge spanning
    /// several rows can hold text only.
    public func mergeRange(
        firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int, value: ExcelValue, style: CellStyle? = nil
    ) throws {
        let cell = excelCellName(row: firstRow, col: firstCol)
        let rangeName = cell + ":" + excelCellName(row: lastRow, col: lastCol)
        try checkRange(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
        try checkWritable(row: firstRow, col: firstCol, cell: cell)
        guard lastRow > firstRow || lastCol > firstCol else {
            throw error(.invalidArgument, cell: cell, .mergeTooSmall(range: rangeName))
        }
        if let m = merged.first(where: { $0.r0 <= lastRow && firstRow <= $0.r1 && $0.c0 <= lastCol && firstCol <= $0.c1 }) {
            throw error(.invalidArgument, cell: cell,
                        .mergeOverlap(range: rangeName, other: "\(excelCellName(row: m.r0, col: m.c0)):\(excelCellName(row: m.r1, col: m.c1))"))
        }
        var text = ""
        if case .text(let s) = value {
            try checkText(s, limit: Worksheet.maxTextLength, what: .text, cell: cell)
            text = s
        } else if workbook.constantMemory && lastRow > firstRow && value != .empty {
            throw error(.invalidArgument, cell: cell, .mergeNotText(range: rangeName))
        }
        let format = try workbook.format(for: style, sheet: name, cell: cell)
        let err = worksheet_merge_range(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow),
                                        lxw_col_t(lastCol), text, format)
        try check(err, cell: cell, doing: .merging(range: rangeName))
        merged.append((firstRow, firstCol, lastRow, lastCol))
        noteRow(lastRow)
        switch value {
        case .text, .empty:
            break
        default:
            // The library merges with a string; other values overwrite the first cell (its documented way).
            let saved = columnWidths
            try write(row: firstRow, col: firstCol, value, style: style)
            columnWidths = saved
            noteRow(lastRow)
        }
    }

    // MARK: - Layout

    /// Sets the width of column `col` (through `lastCol`, if given) in Excel units (characters of `0`).
    ///
    /// ```swift
    /// try s.setColumnWidth(0, width: 24)                        // A
    /// try s.setColumnWidth(1, width: 12, lastCol: 5, style: .integer)  // B:F, with a default format for empty cells
    /// ```
    ///
    /// Columns set here keep their width when ``autoFitColumns(minWidth:maxWidth:)`` runs later.
    public func setColumnWidth(_ col: Int, width: Double, lastCol: Int? = nil, style: CellStyle? = nil) throws {
        try workbook.ensureOpen(sheet: name)
        let last = lastCol ?? col
        let cell = excelColumnName(col)
        try checkColumn(col, cell: cell)
        try checkColumn(last, cell: excelColumnName(last))
        guard last >= col else { throw error(.invalidArgument, cell: cell, .columnRangeReversed(first: col, last: last)) }
        guard width.isFinite, width >= 0, width <= 255 else {
            throw error(.invalidArgument, cell: cell, .columnWidth(width))
        }
        let format = try workbook.format(for: style, sheet: name, cell: cell)
        try check(worksheet_set_column(handle, lxw_col_t(col), lxw_col_t(last), width, format), cell: cell,
                  doing: .settingColumnWidth)
        for c in col...last { fixedColumns.insert(c) }
    }

    /// Sets each column's width from the text written so far (CJK counted double), clamped to `minWidth…maxWidth`.
    ///
    /// ```swift
    /// try s.autoFitColumns()                       // 6…60
    /// try s.autoFitColumns(minWidth: 8, maxWidth: 30)   // long remarks wrap instead
    /// ```
    ///
    /// Call it after writing the sheet. Columns given a width with ``setColumnWidth(_:width:lastCol:style:)``
    /// are left alone; merged titles are ignored. Numbers count as displayed (`1,234.50`, `87.5%`).
    /// Columns under an ``autofilter(firstRow:firstCol:lastRow:lastCol:)`` get ``filterButtonWidth`` more.
    public func autoFitColumns(minWidth: Double = 6, maxWidth: Double = 60) throws {
        try workbook.ensureOpen(sheet: name)
        guard minWidth >= 0, maxWidth >= minWidth, maxWidth <= 255 else {
            throw error(.invalidArgument, cell: nil, .autofitBounds(min: minWidth, max: maxWidth))
        }
        for col in columnWidths.columns where !fixedColumns.contains(col) {
            // A filter drop-down button covers about two characters of its header.
            let button = filterColumns?.contains(col) == true ? Worksheet.filterButtonWidth : 0
            guard let w = columnWidths.width(col: col, minWidth: minWidth - button, maxWidth: maxWidth - button)
            else { continue }
            let rounded = ((w + button) * 4).rounded(.up) / 4  // quarter units keep the XML short and stable
            try check(worksheet_set_column(handle, lxw_col_t(col), lxw_col_t(col), rounded, nil),
                      cell: excelColumnName(col), doing: .settingColumnWidth)
        }
    }

    /// Sets a row's height in points (Excel's default is 15).
    ///
    /// ```swift
    /// try s.setRowHeight(0, height: 30)   // a tall title row
    /// ```
    public func setRowHeight(_ row: Int, height: Double) throws {
        let cell = "row \(row + 1)"
        try checkWritable(row: row, col: 0, cell: cell)
        guard height.isFinite, height >= 0, height <= 409 else {
            throw error(.invalidArgument, cell: cell, .rowHeight(height))
        }
        try check(worksheet_set_row(handle, lxw_row_t(row), height, nil), cell: cell, doing: .settingRowHeight)
        noteRow(row)
    }

    /// Freezes the rows above `row` and the columns left of `col` (both zero-based counts).
    ///
    /// ```swift
    /// try s.freezePanes(row: 2, col: 0)   // title and header rows stay put: <pane ySplit="2" topLeftCell="A3" state="frozen"/>
    /// try s.freezePanes(row: 2, col: 1)   // …and the name column
    /// ```
    public func freezePanes(row: Int, col: Int) throws {
        try workbook.ensureOpen(sheet: name)
        let cell = excelCellName(row: row, col: col)
        try checkRow(row, cell: cell)
        try checkColumn(col, cell: cell)
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(col))
    }

    /// Adds filter drop-downs to the header row of a range (the first row of the range is the header).
    ///
    /// ```swift
    /// try s.autofilter(firstRow: 1, firstCol: 0, lastRow: 120, lastCol: 6)   // <autoFilter ref="A2:G121"/>
    /// ```
    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws {
        try workbook.ensureOpen(sheet: name)
        try checkRange(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
        try check(worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol)),
                  cell: excelCellName(row: firstRow, col: firstCol), doing: .addingAutofilter)
        filterColumns = firstCol...lastCol
    }

    /// Hides (or shows again) the gridlines on screen; printing them is ``PrintSetup/printGridlines``.
    public func hideGridlines(_ hide: Bool = true) throws {
        try workbook.ensureOpen(sheet: name)
        screenGridlines = !hide
        applyGridlines()
    }

    /// Makes this the sheet shown when the file opens.
    public func activate() throws {
        try workbook.ensureOpen(sheet: name)
        worksheet_activate(handle)
    }

    /// Places a chart with its top-left corner in a cell, optionally scaled (default 480 × 288 pixels).
    ///
    /// ```swift
    /// try s.insertChart(chart, row: 12, col: 0, xScale: 1.5)
    /// ```
    /// A chart can be inserted once, and must have at least one series.
    public func insertChart(_ chart: Chart, row: Int, col: Int, xScale: Double = 1, yScale: Double = 1) throws {
        let cell = excelCellName(row: row, col: col)
        try workbook.ensureOpen(sheet: name)
        try checkRow(row, cell: cell)
        try checkColumn(col, cell: cell)
        guard chart.workbook === workbook else {
            throw error(.invalidArgument, cell: cell, .problem(.chartOfAnotherWorkbook))
        }
        guard chart.seriesCount > 0 else { throw error(.invalidArgument, cell: cell, .problem(.chartWithoutSeries)) }
        guard !chart.isInserted else { throw error(.invalidArgument, cell: cell, .problem(.chartInsertedTwice)) }
        guard xScale.isFinite, yScale.isFinite, xScale > 0, yScale > 0 else {
            throw error(.invalidArgument, cell: cell, .problem(.chartScale))
        }
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(col), chart.handle, &options),
                  cell: cell, doing: .insertingChart)
        chart.isInserted = true
    }

    // MARK: - Checks

    func error(_ kind: ExcelError.Kind, cell: String?, _ message: ExcelMessage) -> ExcelError {
        ExcelError(kind: kind, path: workbook.path, sheet: name, cell: cell, message: message)
    }

    func check(_ err: lxw_error, cell: @autoclosure () -> String?, doing: @autoclosure () -> ExcelMessage.Action) throws {
        guard err == LXW_NO_ERROR else {
            throw error(ExcelError.kind(for: err), cell: cell(), .libraryFailed(doing(), library: ExcelError.libraryText(err)))
        }
    }

    private func checkRow(_ row: Int, cell: @autoclosure () -> String) throws {
        guard row >= 0, row < Worksheet.rowLimit else {
            throw error(.rowOutOfRange, cell: cell(), .rowOutOfRange(row: row))
        }
    }

    private func checkColumn(_ col: Int, cell: @autoclosure () -> String) throws {
        guard col >= 0, col < Worksheet.columnLimit else {
            throw error(.columnOutOfRange, cell: cell(), .columnOutOfRange(col: col))
        }
    }

    func checkRange(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws {
        let cell = excelCellName(row: firstRow, col: firstCol)
        try checkRow(firstRow, cell: cell)
        try checkColumn(firstCol, cell: cell)
        let end = excelCellName(row: lastRow, col: lastCol)
        try checkRow(lastRow, cell: end)
        try checkColumn(lastCol, cell: end)
        guard lastRow >= firstRow, lastCol >= firstCol else {
            throw error(.invalidArgument, cell: cell, .rangeReversed(from: cell, to: end))
        }
    }

    /// Open workbook, cell inside the grid, and (constant memory) not above the current row.
    private func checkWritable(row: Int, col: Int, cell: @autoclosure () -> String) throws {
        try workbook.ensureOpen(sheet: name)
        try checkRow(row, cell: cell())
        try checkColumn(col, cell: cell())
        if workbook.constantMemory && row < lastRowWritten {
            throw error(.rowOrderViolation, cell: cell(), .rowOrder(row: row + 1, after: lastRowWritten + 1))
        }
    }

    private func checkText(_ s: String, limit: Int, what: ExcelMessage.Part, cell: @autoclosure () -> String) throws {
        // Speed (issue #17): a text has no more UTF-16 units than UTF-8 bytes, so the units (a walk over a
        // Chinese text) are counted only when the bytes could be too many; the NUL is looked for by memchr.
        if s.utf8.count > limit {
            let units = s.utf16.count
            if units > limit {
                throw error(.stringTooLong, cell: cell(), .tooLong(what, units: units, limit: limit))
            }
        }
        let nul = s.utf8.withContiguousStorageIfAvailable { b in b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false }
            ?? s.utf8.contains(0)
        if nul {
            throw error(.embeddedNul, cell: cell(), .containsNul(what))
        }
    }

    private func checkFinite(_ x: Double, cell: @autoclosure () -> String) throws {
        guard x.isFinite else {
            throw error(.nonFiniteNumber, cell: cell(), .nonFinite("\(x)"))
        }
    }

    private func checkExact(_ i: Int64, what: ExcelMessage.Part, cell: @autoclosure () -> String) throws {
        guard i.magnitude <= UInt64(Worksheet.maxExactInteger) else {
            throw error(.numberNotExact, cell: cell(), .notExact(what, digits: String(i.magnitude).count))
        }
    }

    /// A text as a NUL-terminated C string for the library. A string of 15 bytes or fewer lives inside its
    /// value, with no terminator to point at: the standard bridging then allocates a copy each time (most
    /// names and units of a detail sheet); here it is copied to the stack instead.
    @inline(__always)
    static func withCString<R>(_ s: String, _ body: (UnsafePointer<CChar>) -> R) -> R {
        var s = s
        let count = s.utf8.count
        guard count < 16 else { return s.withCString(body) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 16) { buffer in
            s.withUTF8 { utf8 in
                for i in 0..<count { buffer[i] = CChar(bitPattern: utf8[i]) }
            }
            buffer[count] = 0
            return body(UnsafePointer(buffer.baseAddress!))
        }
    }

    private func noteRow(_ row: Int) {
        if row > lastRowWritten { lastRowWritten = row }
    }

    func applyGridlines() {
        let option: lxw_gridlines
        switch (screenGridlines, printGridlines) {
        case (true, true): option = LXW_SHOW_ALL_GRIDLINES
        case (true, false): option = LXW_SHOW_SCREEN_GRIDLINES
        case (false, true): option = LXW_SHOW_PRINT_GRIDLINES
        case (false, false): option = LXW_HIDE_ALL_GRIDLINES
        }
        worksheet_gridlines(handle, UInt8(option.rawValue))
    }
}
