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

    private func style(_ col: Int) -> CellStyle? { col < styles.count ? styles[col] : nil }

    /// Writes the table with its top-left corner at `row`, column 0; returns the first row after it.
    @discardableResult
    public func write(to sheet: Worksheet, at row: Int) throws -> Int {
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
        // Before the data: in constant-memory mode a range may not reach back to rows already flushed.
        if filter && !rows.isEmpty { try sheet.autofilter(firstRow: headerRow, firstCol: 0, lastRow: headerRow + rows.count, lastCol: width - 1) }
        r += 1
        let firstData = r
        for (i, values) in rows.enumerated() {
            if !wrapWidths.isEmpty {
                var lines = 1
                for (c, w) in wrapWidths where c < values.count {
                    if case .text(let s) = values[c] {
                        lines = max(lines, Int((Double(TextNormalizer.displayWidth(s)) / max(w * 0.92, 1)).rounded(.up)))
                    }
                }
                if lines > 1 { try sheet.setRowHeight(r, height: Double(min(lines, 27)) * 15) }
            }
            for (c, v) in values.enumerated() {
                var s = style(c)
                if highlighted[i]?.contains(c) == true { s = (s ?? CellStyle()).highlighted() }
                try sheet.write(row: r, col: c, v, style: s)
            }
            r += 1
        }
        let lastData = r - 1
        if rows.isEmpty, let placeholder {
            if width > 1 {
                try sheet.mergeRange(firstRow: r, firstCol: 0, lastRow: r, lastCol: width - 1, value: .text(placeholder), style: CellStyle())
            } else {
                try sheet.write(row: r, col: 0, .text(placeholder))
            }
            r += 1
            if freeze && row == 0 { try sheet.freezePanes(row: headerRow + 1, col: 0) }
            return r
        }
        switch totals {
        case .none:
            break
        case .sum(let label):
            try sheet.write(row: r, col: 0, .text(label), style: CellStyle().totals())
            for c in 1..<width {
                let s = style(c)
                guard let s, s.numberFormat != nil else {
                    try sheet.write(row: r, col: c, .empty, style: CellStyle().totals())
                    continue
                }
                let column = rows.map { c < $0.count ? $0[c] : .empty }
                let fen = column.compactMap { v -> Int64? in if case .money(let m) = v { return m.fen } else { return nil } }
                // Money adds exactly in fen; everything else as doubles of whole counts.
                let cached = fen.count == column.count ? Money(fen: fen.reduce(0, +)).yuan
                    : column.reduce(0.0) { $0 + $1.numericValue }
                let f = rows.isEmpty ? ExcelValue.integer(0)
                    : .formula("SUM(\(excelCellName(row: firstData, col: c)):\(excelCellName(row: lastData, col: c)))", cached: cached)
                try sheet.write(row: r, col: c, f, style: s.totals())
            }
            r += 1
        case .values(let values):
            for c in 0..<width {
                let v = c < values.count ? values[c] : .empty
                try sheet.write(row: r, col: c, v, style: (style(c) ?? CellStyle()).totals())
            }
            r += 1
        }
        if freeze && row == 0 { try sheet.freezePanes(row: headerRow + 1, col: 0) }
        return r
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
