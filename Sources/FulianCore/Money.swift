/// An amount of renminbi held exactly, as an integer number of fen (分, 0.01 yuan).
///
/// Money never passes through floating point in fulian: text such as `0.12万元` or `¥1,234.50` is read
/// digit by digit into fen. A spreadsheet number cell is a binary double; its shortest decimal form
/// (what Excel displays and what the clerk typed) is what gets converted.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in fen.
    public var fen: Int64

    /// Creates an amount from fen.
    public init(fen: Int64) { self.fen = fen }

    /// Zero yuan.
    public static let zero = Money(fen: 0)

    /// The unit an amount is written in.
    public enum Unit: Sendable, Hashable {
        /// 元 (yuan): 1 = 100 fen.
        case yuan
        /// 万元 (ten thousand yuan): 1 = 1,000,000 fen.
        case wanYuan

        /// Decimal places to shift a value in this unit to reach fen.
        var fenExponent: Int { self == .yuan ? 2 : 6 }
    }

    /// Why a text could not be read as money.
    public enum ParseError: Error, Equatable, Sendable {
        /// No digits, or characters that belong to no amount ("待定", "1.2.3").
        case notANumber
        /// The value has digits below one fen (`12.345` yuan).
        case fractionOfFen
        /// The value does not fit in 64-bit fen.
        case tooLarge
    }

    /// Parses an amount written the way clerks write it.
    ///
    /// Accepts `1234.5`, `1,234.50`, `¥1234.5` / `￥`, `1234.5元`, `0.12万元`, `-5`, `(5)` is not accepted.
    /// Full-width digits must already be folded (see ``TextNormalizer``). A `万元`/`万` suffix switches the
    /// unit to ``Unit/wanYuan`` whatever `unit` says; `unit` is the column's unit (a header `金额（万元）`).
    public static func parse(_ text: String, unit: Unit = .yuan) -> Result<Money, ParseError> {
        var s = Substring(text.trimmingWhitespace())
        var unit = unit
        for prefix in ["¥", "￥", "RMB", "人民币"] where s.hasPrefix(prefix) {
            s = s.dropFirst(prefix.count)
        }
        if s.hasSuffix("万元") {
            s = s.dropLast(2)
            unit = .wanYuan
        } else if s.hasSuffix("万") {
            s = s.dropLast(1)
            unit = .wanYuan
        } else if s.hasSuffix("元") {
            s = s.dropLast(1)
        }
        s = Substring(String(s).trimmingWhitespace())
        var negative = false
        if s.hasPrefix("-") {
            negative = true
            s = s.dropFirst()
        } else if s.hasPrefix("+") {
            s = s.dropFirst()
        }
        // Digits with optional thousands separators, a point, and an optional exponent (from number cells).
        var intDigits: [UInt8] = []
        var fracDigits: [UInt8] = []
        var exponent = 0
        var seenPoint = false
        var seenDigit = false
        var bytes = Array(s.utf8)[...]
        while let c = bytes.first {
            if c >= 48 && c <= 57 {
                if seenPoint { fracDigits.append(c - 48) } else { intDigits.append(c - 48) }
                seenDigit = true
            } else if c == UInt8(ascii: ".") {
                if seenPoint { return .failure(.notANumber) }
                seenPoint = true
            } else if c == UInt8(ascii: ",") {
                if seenPoint || !seenDigit { return .failure(.notANumber) }
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                guard seenDigit, let e = Int(String(decoding: bytes.dropFirst(), as: UTF8.self)) else {
                    return .failure(.notANumber)
                }
                exponent = e
                bytes = []
                break
            } else {
                return .failure(.notANumber)
            }
            bytes = bytes.dropFirst()
        }
        guard seenDigit else { return .failure(.notANumber) }
        // value = 0.digits... shifted: fen = digits × 10^(exponent + unitExp - fracCount)
        let digits = intDigits + fracDigits
        let shift = exponent + unit.fenExponent - fracDigits.count
        var fen: Int64 = 0
        let kept = shift >= 0 ? digits.count : digits.count + shift
        if kept < digits.count {
            // Digits below one fen must all be zero.
            if digits[max(0, kept)...].contains(where: { $0 != 0 }) { return .failure(.fractionOfFen) }
        }
        for d in digits.prefix(max(0, kept)) {
            let (m, o1) = fen.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return .failure(.tooLarge) }
            fen = a
        }
        if shift > 0 {
            for _ in 0..<shift {
                let (m, o) = fen.multipliedReportingOverflow(by: 10)
                if o { return .failure(.tooLarge) }
                fen = m
            }
        }
        return .success(Money(fen: negative ? -fen : fen))
    }

    /// Converts a spreadsheet number (a binary double) in `unit` to money through its shortest decimal form.
    ///
    /// Excel stores `1200.5` as the nearest double; its shortest round-trip decimal is `1200.5` again, so the
    /// conversion is exact for anything a person typed. Values computed by formulas can carry binary noise
    /// (`0.30000000000000004`): noise smaller than a millionth of a fen is rounded away, anything larger is
    /// a real fraction of a fen and fails.
    public static func fromNumber(_ value: Double, unit: Unit = .yuan) -> Result<Money, ParseError> {
        guard value.isFinite else { return .failure(.notANumber) }
        switch parse("\(value)", unit: unit) {
        case .success(let m): return .success(m)
        case .failure(.fractionOfFen):
            let scaled = value * (unit == .yuan ? 100 : 1_000_000)
            let rounded = scaled.rounded()
            guard abs(scaled - rounded) < 1e-6, abs(rounded) < 9e18 else { return .failure(.fractionOfFen) }
            return .success(Money(fen: Int64(rounded)))
        case .failure(let e): return .failure(e)
        }
    }

    /// Yuan with two decimals and no grouping: `1234.50`, `-0.05`.
    public var yuanString: String {
        let sign = fen < 0 ? "-" : ""
        let a = fen.magnitude
        let cents = a % 100
        return "\(sign)\(a / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The amount in yuan as a double, for writing to a spreadsheet cell or JSON (exact up to 2^53 fen).
    public var yuan: Double { Double(fen) / 100 }

    public var description: String { yuanString }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
}
