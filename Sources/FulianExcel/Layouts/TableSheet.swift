import FulianCore

/// One titled table on a sheet: the layout every fulian workbook uses for its lists and pivots.
///
/// ```swift
/// var t = TableSheet(title: "2024年第一季度 救助发放", headers: ["街道", "人数", "金额（元）"])
/// t.rows.append(["荷畈街道", .integer(3), .money(Money(fen: 350_000))])
/// t.totals = .sum(label: "合计")
/// let end = try t.write(to: sheet, at: 0)   // title row 0, header row 1, data from row 2, SUM totals
/// ```
///
/// The title is merged across the table; the header row is styled, frozen (when the table starts at the
/// top) and filtered; totals are `SUM` formulas over the data rows that carry their computed value.
public struct TableSheet {
    /// How the totals row is made.
    public enum Totals {
        /// No totals row.
        case none
        /// `label` in the first column, `SUM` of every numeric column (those whose style is not ``CellStyle/text``).
        case sum(label: String)
        /// Given values (for ratios and distinct counts, which do not add up): formulas or numbers.
        case values([ExcelValue])
    }

    /// The merged title above the table (nil: none).
    public var title: String?
    /// Column headers.
    public var headers: [String]
    /// Data rows.
    public var rows: [[ExcelValue]] = []
    /// One style per column (missing entries: plain text).
    public var styles: [CellStyle?] = []
    /// Rows (indexes into ``rows``) to highlight, and the columns in them.
    public var highlighted: [Int: Set<Int>] = [:]
    /// The totals row.
    public var totals: Totals = .none
    /// Freeze the title and header rows (only honoured for a table that starts at row 0).
    public var freeze = true
    /// Add filter buttons to the header.
    public var filter = true
    /// Wrapped columns and their widths in Excel units: each data row is made as tall as its longest
    /// wrapped text needs (Excel and LibreOffice do not grow rows written with a file's stored heights).
    public var wrapWidths: [Int: Double] = [:]
    /// Written as the only row when there are no rows (e.g. 无), so an empty table never prints as a bare
    /// header; the totals row is then left out.
    public var placeholder: String?

    /// Creates a table.
    public init(title: String?, headers: [String], styles: [CellStyle?] = []) {
        self.title = title
        self.headers = headers
        self.styles = styles
    }

    fileprivate func style(_ col: Int) -> CellStyle? { col < styles.count ? styles[col] : nil }

    /// Writes the table with its top-left corner at `row`, column 0; returns the first row after it.
    @discardableResult
    public func write(to sheet: Worksheet, at row: Int) throws -> Int {
        var w = try begin(on: sheet, at: row)
        for values in rows { try w.append(values) }
        return try w.finish()
    }

    /// Starts writing the table, whose data rows the caller then appends one by one without holding them
    /// (``rows`` is not used): title and header are written now, the filter and totals by
    /// ``Writer/finish()``. A quarter's aid detail of a province goes from the store to the sheet this way.
    public func begin(on sheet: Worksheet, at row: Int) throws -> Writer {
        var r = row
        let width = max(headers.count, 1)
        if let title {
            if width > 1 {
                try sheet.mergeRange(firstRow: r, firstCol: 0, lastRow: r, lastCol: width - 1, value: .text(title), style: .title)
            } else {
                try sheet.write(row: r, col: 0, .text(title), style: .title)
            }
            try sheet.setRowHeight(r, height: 24)
            r += 1
        }
        let headerRow = r
        try sheet.writeRow(row: r, headers.map { .text($0) }, style: .header)
        return Writer(table: self, sheet: sheet, top: row, headerRow: headerRow, width: width)
    }

    /// Writes a table's data rows as they come, then its filter and totals (``TableSheet/begin(on:at:)``).
    public struct Writer {
        let table: TableSheet
        let sheet: Worksheet
        let top: Int, headerRow: Int, width: Int
        /// Rows appended so far.
        private(set) var appended = 0
        /// The columns a `.sum` totals row adds up (after the label column, those with a number format).
        private let summed: [Int]
        /// Per column: the sum in fen while every value is money, the sum as doubles, whether all were money.
        private var fen: [Int64], sums: [Double], allMoney: [Bool]

        init(table: TableSheet, sheet: Worksheet, top: Int, headerRow: Int, width: Int) {
            (self.table, self.sheet, self.top, self.headerRow, self.width) = (table, sheet, top, headerRow, width)
            if case .sum = table.totals { summed = (1..<width).filter { table.style($0)?.numberFormat != nil } } else { summed = [] }
            fen = [Int64](repeating: 0, count: width)
            sums = [Double](repeating: 0, count: width)
            allMoney = [Bool](repeating: true, count: width)
        }

        /// Writes the next data row.
        public mutating func append(_ values: [ExcelValue]) throws {
            let r = headerRow + 1 + appended
            if !table.wrapWidths.isEmpty {
                var lines = 1
                for (c, w) in table.wrapWidths where c < values.count {
                    if case .text(let s) = values[c] {
                        lines = max(lines, Int((Double(TextNormalizer.displayWidth(s)) / max(w * 0.92, 1)).rounded(.up)))
                    }
                }
                if lines > 1 { try sheet.setRowHeight(r, height: Double(min(lines, 27)) * 15) }
            }
            let marked = table.highlighted[appended]
            for (c, v) in values.enumerated() {
                var s = table.style(c)
                if marked?.contains(c) == true { s = (s ?? CellStyle()).highlighted() }
                try sheet.write(row: r, col: c, v, style: s)
            }
            for c in summed {
                let v = c < values.count ? values[c] : .empty
                if case .money(let m) = v { fen[c] += m.fen } else { allMoney[c] = false }
                sums[c] += v.numericValue
            }
            appended += 1
        }

        /// Writes the placeholder (no rows) or the totals; returns the first row after the table.
        @discardableResult
        public func finish() throws -> Int {
            var r = headerRow + 1 + appended
            let firstData = headerRow + 1, lastData = r - 1
            // The filter's range is kept by libxlsxwriter and written with the sheet's end, so it may be set
            // after the rows, also in constant-memory mode (cells may not go back to flushed rows; this is
            // not a cell).
            if table.filter && appended > 0 {
                try sheet.autofilter(firstRow: headerRow, firstCol: 0, lastRow: lastData, lastCol: width - 1)
            }
            if appended == 0, let placeholder = table.placeholder {
                if width > 1 {
                    try sheet.mergeRange(firstRow: r, firstCol: 0, lastRow: r, lastCol: width - 1, value: .text(placeholder), style: CellStyle())
                } else {
                    try sheet.write(row: r, col: 0, .text(placeholder))
                }
                r += 1
                if table.freeze && top == 0 { try sheet.freezePanes(row: headerRow + 1, col: 0) }
                return r
            }
            switch table.totals {
            case .none:
                break
            case .sum(let label):
                try sheet.write(row: r, col: 0, .text(label), style: CellStyle().totals())
                for c in 1..<width {
                    let s = table.style(c)
                    guard let s, s.numberFormat != nil else {
                        try sheet.write(row: r, col: c, .empty, style: CellStyle().totals())
                        continue
                    }
                    // Money adds exactly in fen; everything else as doubles of whole counts.
                    let cached = allMoney[c] ? Money(fen: fen[c]).yuan : sums[c]
                    let f = appended == 0 ? ExcelValue.integer(0)
                        : .formula("SUM(\(excelCellName(row: firstData, col: c)):\(excelCellName(row: lastData, col: c)))", cached: cached)
                    try sheet.write(row: r, col: c, f, style: s.totals())
                }
                r += 1
            case .values(let values):
                for c in 0..<width {
                    let v = c < values.count ? values[c] : .empty
                    try sheet.write(row: r, col: c, v, style: (table.style(c) ?? CellStyle()).totals())
                }
                r += 1
            }
            if table.freeze && top == 0 { try sheet.freezePanes(row: headerRow + 1, col: 0) }
            return r
        }
    }

    /// The Excel name of the cell range of a data column, for formulas and charts: rows are those
    /// ``write(to:at:)`` used when the table started at `row`.
    public func dataRows(startingAt row: Int) -> ClosedRange<Int>? {
        guard !rows.isEmpty else { return nil }
        let first = row + (title == nil ? 1 : 2)
        return first...(first + rows.count - 1)
    }

    /// How many sheet rows ``write(to:at:)`` uses: title, header, data (or the placeholder) and totals.
    public var height: Int {
        let totalsRows: Int
        switch totals {
        case .none: totalsRows = 0
        default: totalsRows = rows.isEmpty && placeholder != nil ? 0 : 1
        }
        return (title == nil ? 0 : 1) + 1 + (rows.isEmpty && placeholder != nil ? 1 : rows.count) + totalsRows
    }
}

extension ExcelValue {
    /// The number a SUM would add for this value (0 for text and blanks).
    var numericValue: Double {
        switch self {
        case .number(let x): return x
        case .integer(let i): return Double(i)
        case .money(let m): return m.yuan
        case .formula(_, let cached): return cached
        default: return 0
        }
    }
}
