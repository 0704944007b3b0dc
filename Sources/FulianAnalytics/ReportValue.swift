import FulianCore

/// One cell of a report: a text key, an integer count, an amount of money, an exact ratio, or null.
///
/// Figures stay exact until they are written: money is held in fen and ratios as a pair of integers,
/// rounded (half away from zero) to four decimals only when rendered.
public enum ReportValue: Hashable, Sendable, CustomStringConvertible {
    /// A grouping key such as an org name, a program, a role or an activity code.
    case text(String)
    /// A count or a sum of counts.
    case int(Int64)
    /// An amount of money in fen; rendered as yuan with two decimals (`3500.00`).
    case money(fen: Int64)
    /// An exact ratio `numerator / denominator` (denominator never 0: use ``fraction(_:_:)``).
    case ratio(numerator: Int64, denominator: Int64)
    /// No value: a ratio over a zero denominator, a change against a missing base, an absent key.
    case null

    /// A ratio, or ``null`` when the denominator is 0.
    public static func fraction(_ numerator: Int64, _ denominator: Int64) -> ReportValue {
        denominator == 0 ? .null : .ratio(numerator: numerator, denominator: denominator)
    }

    /// Whether the value is ``null``.
    public var isNull: Bool { self == .null }

    /// A ratio's value in ten-thousandths, rounded half away from zero (8333 for 5/6); nil for other values.
    public var tenThousandths: Int64? {
        guard case .ratio(let n, let d) = self else { return nil }
        return ReportValue.roundedQuotient(n, d, scale: 10_000)
    }

    /// The display text: `5`, `3500.00`, `0.8333`, `1.0`, the key itself, or the empty string for null.
    public var text: String {
        switch self {
        case .text(let s): return s
        case .int(let i): return String(i)
        case .money(let fen): return Money(fen: fen).yuanString
        case .ratio: return ReportValue.decimalText(tenThousandths!, places: 4)
        case .null: return ""
        }
    }

    /// The JSON literal: numbers as in the expected files (`3500.00`, `0.8333`, `1.0`), quoted text, `null`.
    public var jsonLiteral: String {
        switch self {
        case .text(let s): return ReportJSON.quote(s)
        case .null: return "null"
        default: return text
        }
    }

    /// A ratio as a percentage with `places` decimals and a sign for changes (`+12.5%`); other values as ``text``.
    public func percentText(places: Int = 1, signed: Bool = true) -> String {
        guard case .ratio(let n, let d) = self else { return self.text }
        var scale: Int64 = 100
        for _ in 0..<places { scale *= 10 }
        let v = ReportValue.roundedQuotient(n, d, scale: scale)
        let body = ReportValue.decimalText(v, places: places, trim: false)
        return (signed && v > 0 ? "+" : "") + body + "%"
    }

    /// The value as a double (ratios unrounded, money in yuan), for charts; nil for text and null.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .money(let fen): return Double(fen) / 100
        case .ratio(let n, let d): return Double(n) / Double(d)
        case .text, .null: return nil
        }
    }

    /// ``text``, or `null` for null (handy in test expectations).
    public var description: String { isNull ? "null" : text }

    /// `n / d × scale`, rounded half away from zero, computed without overflow for any Int64 inputs
    /// whose result fits (falls back to floating point only when it would not).
    static func roundedQuotient(_ n: Int64, _ d: Int64, scale: Int64) -> Int64 {
        precondition(d != 0, "ratio with a zero denominator")
        let negative = (n < 0) != (d < 0)
        let un = n.magnitude, ud = d.magnitude
        let wide = un.multipliedFullWidth(by: UInt64(scale))
        guard wide.high < ud else {
            let approx = (Double(n) / Double(d) * Double(scale)).rounded()
            return Int64(max(min(approx, 9.2e18), -9.2e18))
        }
        var (q, r) = ud.dividingFullWidth(wide)
        if r >= ud - r { q += 1 }  // 2r >= d without overflow
        let signed = Int64(clamping: q)
        return negative ? -signed : signed
    }

    /// `v / 10^places` as decimal text; with `trim`, trailing zeros go but one decimal stays (`1.0`, `0.375`).
    static func decimalText(_ v: Int64, places: Int, trim: Bool = true) -> String {
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let a = v.magnitude
        var frac = String(a % scale)
        frac = String(repeating: "0", count: places - frac.count) + frac
        if trim {
            while frac.count > 1, frac.hasSuffix("0") { frac.removeLast() }
        }
        let sign = v < 0 ? "-" : ""
        return places == 0 ? "\(sign)\(a)" : "\(sign)\(a / scale).\(frac)"
    }
}

/// A named value inside a report row.
public struct ReportField: Hashable, Sendable {
    /// The JSON key (`org`, `program`, `amount` …).
    public var name: String
    /// The value.
    public var value: ReportValue

    /// Creates a field.
    public init(_ name: String, _ value: ReportValue) {
        self.name = name
        self.value = value
    }
}

/// Fields in a fixed order (the key order of the JSON output), readable by name.
public struct ReportFields: Hashable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// The fields, in output order.
    public var fields: [ReportField]

    /// Creates fields from an ordered list.
    public init(_ fields: [ReportField] = []) { self.fields = fields }

    /// Creates fields from `("name", value)` pairs.
    public init(arrayLiteral elements: (String, ReportValue)...) {
        fields = elements.map { ReportField($0.0, $0.1) }
    }

    /// The position of the first field.
    public var startIndex: Int { fields.startIndex }
    /// The position after the last field.
    public var endIndex: Int { fields.endIndex }
    /// The field at a position.
    public subscript(position: Int) -> ReportField { fields[position] }

    /// The value named `name`, or nil when the row has no such field.
    public subscript(name: String) -> ReportValue? {
        fields.first { $0.name == name }?.value
    }

    /// The field names, in order.
    public var names: [String] { fields.map(\.name) }

    /// Appends a field.
    public mutating func append(_ name: String, _ value: ReportValue) {
        fields.append(ReportField(name, value))
    }
}
