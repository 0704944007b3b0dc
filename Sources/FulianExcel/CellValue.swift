import FulianCore

/// One cell's content, as it will be written: text stays text, formulas exist only when asked for.
///
/// ```swift
/// try sheet.writeRow(row: 1, [
///     .text("=HYPERLINK(\"http://x\",\"y\")"),   // stays text: written with worksheet_write_string
///     .integer(1_204),                            // 1204
///     .money(Money(fen: 123_450)),                // 1234.5, format #,##0.00 unless the style says otherwise
///     .date(CivilDate(year: 2024, month: 3, day: 31)!), // serial 45382, format yyyy-mm-dd unless the style says otherwise
///     .formula("SUM(B2:B4)", cached: 60),         // <f>SUM(B2:B4)</f><v>60</v>
/// ])
/// ```
///
/// Literals work too: `"鼓楼区"` is `.text`, `42` is `.integer`, `0.875` is `.number`.
///
/// **Safety rules**
/// - User data is never a formula. `.text` is always written as a string, so `=…`, `+…`, `-…`, `@…` in a
///   name or note cannot execute (CSV/formula injection). Formulas are only the explicit ``formula(_:cached:)``.
/// - Non-finite numbers (NaN, ±∞) are **rejected** with ``ExcelError/Kind-swift.enum/nonFiniteNumber``:
///   a blank in a leadership report must be a decision, not an accident. Use ``finite(_:)`` where a rate may be
///   undefined (0/0) and a blank cell is the right display.
/// - Integers and money beyond 2^53 (9,007,199,254,740,992) are rejected with
///   ``ExcelError/Kind-swift.enum/numberNotExact``: Excel holds doubles, and an ID number belongs in `.text`.
public enum ExcelValue: Hashable, Sendable {
    /// Nothing. Written as a blank cell when a style is given (so borders and fills show), skipped otherwise.
    case empty
    /// Text, always written as a string (shared string; inline in constant-memory mode). At most 32,767 UTF-16 units.
    case text(String)
    /// A number (double). Must be finite.
    case number(Double)
    /// A whole number, exact up to ±2^53.
    case integer(Int64)
    /// An amount of money, written in yuan (`fen / 100`, the nearest double to the exact decimal). Default format `#,##0.00`.
    case money(Money)
    /// A date, written as its Excel serial (1900 system) with a date format (`yyyy-mm-dd` unless the style sets one).
    case date(CivilDate)
    /// TRUE or FALSE.
    case bool(Bool)
    /// A formula (leading `=` optional) with the value it computes, shown by viewers that do not recalculate.
    ///
    /// ```swift
    /// .formula("SUM(B2:B4)", cached: 60)  // totals row that reads 60 even in a previewer
    /// ```
    case formula(String, cached: Double)

    /// `.number(x)` when `x` is finite, `.empty` otherwise: for rates whose denominator may be zero.
    ///
    /// ```swift
    /// .finite(Double(covered) / Double(target))   // target 0 → blank cell instead of an error
    /// ```
    public static func finite(_ x: Double) -> ExcelValue { x.isFinite ? .number(x) : .empty }

    /// The text Excel would roughly display, used to estimate column widths (never written to the file).
    func displayText(numberFormat: String?) -> String {
        switch self {
        case .empty: return ""
        case .text(let s): return s
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return ExcelValue.displayNumber(0, format: numberFormat ?? CellStyle.dateFormat, date: d)
        case .integer(let i): return ExcelValue.displayNumber(Double(i), format: numberFormat, date: nil)
        case .number(let x): return ExcelValue.displayNumber(x, format: numberFormat, date: nil)
        case .money(let m): return ExcelValue.displayNumber(m.yuan, format: numberFormat ?? CellStyle.moneyFormat, date: nil)
        case .formula(_, let cached): return ExcelValue.displayNumber(cached, format: numberFormat, date: nil)
        }
    }

    /// An approximation of a number format's output: decimals after `.`, grouping for `,`, `%` scaling.
    static func displayNumber(_ x: Double, format fullFormat: String?, date: CivilDate?) -> String {
        guard let fullFormat, !fullFormat.isEmpty, fullFormat.lowercased() != "general" else {
            if let date { return date.iso }
            if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return String(x)
        }
        // The first section (`+0.0"个百分点";-0.0"个百分点"` → `+0.0"个百分点"`), its quoted text kept for the width.
        var literal = ""
        var section = ""
        var quoted = false
        for ch in fullFormat {
            if ch == "\"" { quoted.toggle(); continue }
            if quoted { literal.append(ch); continue }
            if ch == ";" { break }
            section.append(ch)
        }
        let format = section
        let lower = format.lowercased()
        if date != nil || (lower.contains("y") || lower.contains("d")) && !lower.contains("0") {
            // Date codes: the code itself is about as wide as its output (yyyy-mm-dd → 2024-03-31).
            return String(format.filter { $0 != "\"" && $0 != "\\" })
        }
        let percent = format.contains("%")
        let value = percent ? x * 100 : x
        var decimals = 0
        if let dot = format.firstIndex(of: ".") {
            decimals = format[format.index(after: dot)...].prefix(while: { $0 == "0" || $0 == "#" }).count
        }
        let grouped = format.contains(",")
        guard value.isFinite else { return String(value) }
        var scaled = (abs(value) * pow10(decimals)).rounded()
        if scaled > 9e17 { scaled = 9e17 }
        let unit = pow10(decimals)
        let whole = Int64((scaled / unit).rounded(.down))
        let fraction = Int64(scaled - Double(whole) * unit)
        var intPart = String(whole)
        if grouped {
            var out = ""
            for (i, c) in intPart.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { out.append(",") }
                out.append(c)
            }
            intPart = String(out.reversed())
        }
        var s = (value < 0 ? "-" : "") + intPart
        if decimals > 0 {
            let digits = String(fraction)
            s += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        }
        if format.hasPrefix("+") && value >= 0 { s = "+" + s }
        return (percent ? s + "%" : s) + literal
    }

    private static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }
}

extension ExcelValue: ExpressibleByStringLiteral {
    /// A string literal is ``text(_:)``.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension ExcelValue: ExpressibleByIntegerLiteral {
    /// An integer literal is ``integer(_:)``.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension ExcelValue: ExpressibleByFloatLiteral {
    /// A floating-point literal is ``number(_:)``.
    public init(floatLiteral value: Double) { self = .number(value) }
}
