import FulianCore
import FulianSheets

/// Cells, rows and sheets as `fulian peek --format json` prints them.
///
/// A cell is `null` (empty), a string, a number, `true`/`false`, or an object naming its type:
/// `{"date": "2024-01-05"}`, `{"datetime": "2024-01-05T15:00:00"}`, `{"time": "15:00:00"}`,
/// `{"duration": 3600.5}` (seconds), `{"error": "#REF!"}`. With masking, text and numbers that look like
/// an ID or mobile number are masked strings, as in the table view.
enum SheetJSON {
    /// One cell.
    static func cell(_ c: Cell, mask: Bool) -> JSONOutput {
        switch c {
        case .empty: return .null
        case .text(let s): return .string(mask ? Masking.scrubPersonalNumbers(s) : s)
        case .number(let d):
            if mask, let m = maskedNumber(d) { return .string(m) }
            return number(d)
        case .bool(let b): return .bool(b)
        case .date(let d): return .object([("date", .string(d.iso))])
        case .dateTime(let t): return .object([("datetime", .string(t.iso))])
        case .time(let s): return .object([("time", .string(Cell.clock(s, elapsed: false)))])
        case .duration(let s): return .object([("duration", number(s))])
        case .error(let e): return .object([("error", .string(e))])
        }
    }

    /// A finite number as JSON (as a General cell shows it); JSON has no NaN or infinity, so those are null.
    static func number(_ d: Double) -> JSONOutput {
        d.isFinite ? .number(Cell.format(number: d)) : .null
    }

    /// A number that reads as an ID or a mobile number (integral, 11, 15 or 18 digits), masked; nil for any
    /// other number. ID numbers typed into a General cell arrive as numbers.
    static func maskedNumber(_ d: Double) -> String? {
        guard d.isFinite, d >= 1e10, d < 1e18, d == d.rounded() else { return nil }
        let digits = String(Int64(d))
        let masked = Masking.scrubPersonalNumbers(digits)
        return masked == digits ? nil : masked
    }

    /// One row: its number as Excel shows it and its cells from column A, trailing empty cells left out;
    /// `"hidden": true` for a row hidden in the workbook.
    static func row(_ r: Row, mask: Bool) -> JSONOutput {
        var cells = r.cells[...]
        while let last = cells.last, case .empty = last { cells = cells.dropLast() }
        let fields: [(String, JSONOutput)] = [("row", .int(r.number)), ("cells", .array(cells.map { cell($0, mask: mask) }))]
        return .object(r.hidden ? fields + [("hidden", .bool(true))] : fields)
    }

    /// One sheet with its merged ranges and the rows given.
    static func sheet(_ s: SheetInfo, merged: [CellRange], rows: [Row], mask: Bool) -> JSONOutput {
        .object([
            ("name", .string(s.name)),
            ("visible", .bool(s.visibility == .visible)),
            ("kind", .string("worksheet")),
            ("merged", .array(merged.map { .string($0.description) })),
            ("rows", .array(rows.map { row($0, mask: mask) })),
        ])
    }
}
