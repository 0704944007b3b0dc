import FulianCore

/// One cell's value, the same for every file format (calamine's `Data`).
///
/// Readers never guess beyond what the file says: a number in a date-formatted XLSX cell is a
/// `.date`, a number in a General cell stays a `.number` (the importer decides whether a column of
/// serial numbers is a date column, using ``SpreadsheetReader/dateSystem``). CSV cells are always
/// `.text` or `.empty`.
public enum Cell: Hashable, Sendable {
    /// No value (a missing cell, an empty string in a CSV field, a blank cell).
    case empty
    /// Text as stored, not trimmed.
    case text(String)
    /// A number as stored (IEEE double, as in the file).
    case number(Double)
    /// A calendar date (date-formatted number with no time part, or a date record in .xls).
    case date(CivilDate)
    /// A date with a time of day.
    case dateTime(CivilDateTime)
    /// A time of day without a date (a serial below 1 in a time format), in seconds since midnight.
    case time(Double)
    /// An elapsed time (`[h]:mm:ss` formats), in seconds; may exceed a day.
    case duration(Double)
    /// TRUE / FALSE.
    case bool(Bool)
    /// An error value such as `#N/A` or `#DIV/0!`.
    case error(String)

    /// True for `.empty` and for text made only of white space.
    ///
    /// Inlinable: a caller that looks at cells in place (a reader's row) then needs no copy of each.
    @inlinable
    public var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let s):
            // Every scalar a space (the first is usually not: one scalar decoded, no grapheme breaking).
            if let b = s.utf8.first, b > 0x20, b != 0xC2, b != 0xE2, b != 0xE3, b != 0xEF { return false }
            return s.unicodeScalars.allSatisfy(TextNormalizer.isSpace)
        default: return false
        }
    }

    /// The value as a user would read it in the spreadsheet: numbers without a trailing `.0`,
    /// dates in ISO form, booleans as TRUE/FALSE.
    public var displayText: String {
        switch self {
        case .empty: return ""
        case .text(let s): return s
        case .number(let d): return Cell.format(number: d)
        case .date(let d): return d.iso
        case .dateTime(let t): return t.iso
        case .time(let s): return Cell.clock(s, elapsed: false)
        case .duration(let s): return Cell.clock(s, elapsed: true)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        }
    }

    /// `HH:MM:SS` (with `.fff` when there are fractions of a second); for an elapsed time the hours
    /// may exceed 24 and a negative duration gets a minus sign. Seconds too large for a clock (9e15 and
    /// beyond) are shown as a number.
    public static func clock(_ seconds: Double, elapsed: Bool) -> String {
        // Beyond about 285 million years the milliseconds no longer fit an Int64 (a damaged or crafted
        // file): the seconds are shown as a number.
        guard seconds.isFinite, abs(seconds) < 9e15 else { return Cell.format(number: seconds) }
        let negative = seconds < 0
        let millis = Int64((abs(seconds) * 1000).rounded())
        var h = millis / 3_600_000
        if !elapsed { h %= 24 }
        let m = millis / 60_000 % 60, s = millis / 1000 % 60, f = millis % 1000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var out = (negative && elapsed ? "-" : "") + two(h) + ":" + two(m) + ":" + two(s)
        if f != 0 {
            let frac = String(f + 1000).dropFirst()
            out += "." + frac
        }
        return out
    }

    /// Formats a double the way a spreadsheet shows it in a General cell (integers without `.0`,
    /// up to 15 significant digits otherwise).
    public static func format(number d: Double) -> String {
        if d.isNaN || d.isInfinite { return "\(d)" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        let s = "\(d)"
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s    // 1e15 prints as 1000000000000000.0
    }
}

/// One row of a sheet: its physical number and its cells from column A.
public struct Row: Hashable, Sendable {
    /// The 1-based row number the user sees: the Excel row, or for CSV the line where the record starts.
    public var number: Int
    /// The cells, index 0 = column A. Trailing empty cells may be absent; ``subscript(_:)`` pads.
    public var cells: [Cell]
    /// Hidden in the workbook (rows hidden by hand or by a filter, `<row hidden="1">`, BIFF's zero-height
    /// flag): read as any other row, so that nobody's data is dropped unseen; the importer reports them.
    public var hidden: Bool

    /// Creates a row.
    public init(number: Int, cells: [Cell], hidden: Bool = false) {
        self.number = number
        self.cells = cells
        self.hidden = hidden
    }

    /// The cell at a 0-based column index, `.empty` beyond the stored cells.
    public subscript(_ index: Int) -> Cell { index < cells.count ? cells[index] : .empty }

    /// True when every cell is blank.
    public var isBlank: Bool { cells.allSatisfy(\.isBlank) }
}

/// A rectangular range of cells, 1-based inclusive (`B2:D3` = rows 2…3, columns 2…4).
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    /// First row (1-based).
    public var firstRow: Int
    /// First column (1-based).
    public var firstColumn: Int
    /// Last row (1-based, inclusive).
    public var lastRow: Int
    /// Last column (1-based, inclusive).
    public var lastColumn: Int

    /// Creates a range; the corners are put in order.
    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = min(firstRow, lastRow)
        self.lastRow = max(firstRow, lastRow)
        self.firstColumn = min(firstColumn, lastColumn)
        self.lastColumn = max(firstColumn, lastColumn)
    }

    /// Parses `A1` or `A1:C3` (with or without `$`), nil if malformed.
    public init?(reference: some StringProtocol) {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let a = CellRange.parseCell(parts[0]) else { return nil }
        let b = parts.count == 2 ? CellRange.parseCell(parts[1]) : a
        guard let b else { return nil }
        self.init(firstRow: a.row, firstColumn: a.column, lastRow: b.row, lastColumn: b.column)
    }

    /// Parses one cell reference such as `AB12` into 1-based row and column.
    public static func parseCell(_ ref: some StringProtocol) -> (row: Int, column: Int)? {
        let s = Substring(ref).filter { $0 != "$" }
        let letters = s.prefix { $0.isASCII && $0.isLetter }
        let digits = s.dropFirst(letters.count)
        guard let col = ColumnName.number(Substring(letters)), !digits.isEmpty,
              digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 9,
              let row = Int(digits), row > 0 else { return nil }
        return (row, col)
    }

    /// Number of rows covered.
    public var rowCount: Int { lastRow - firstRow + 1 }
    /// Number of columns covered.
    public var columnCount: Int { lastColumn - firstColumn + 1 }

    /// True if the 1-based cell lies inside the range.
    public func contains(row: Int, column: Int) -> Bool {
        row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn
    }

    /// `A1:C3` form (a single cell prints as `A1`).
    public var description: String {
        let a = "\(ColumnName.letters(firstColumn))\(firstRow)"
        if rowCount == 1 && columnCount == 1 { return a }
        return "\(a):\(ColumnName.letters(lastColumn))\(lastRow)"
    }
}
