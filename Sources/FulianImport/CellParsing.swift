import Foundation
import FulianCore
import FulianSheets

/// Reads typed values out of cells the way clerks write them.
///
/// Every function returns nil for a blank cell and throws a ``ValueProblem`` (category + message) for
/// a value that is present but unreadable, so the caller can reject the row with a reason.
public enum CellParsing {
    /// The text of a cell, widths folded and trimmed; nil when blank.
    public static func text(_ cell: Cell) -> String? {
        let s: String
        switch cell {
        case .empty: return nil
        case .text(let t): s = TextNormalizer.clean(t)
        default: s = TextNormalizer.clean(cell.displayText)
        }
        return s.isEmpty ? nil : s
    }

    /// A date from a date cell, an Excel serial number, or text: 2024-01-05, 2024/1/5, 2024.1.5,
    /// 2024年1月5日, 20240105 (full-width digits folded).
    public static func date(_ cell: Cell, system: ExcelDateSystem) throws(ValueProblem) -> CivilDate? {
        switch cell {
        case .empty: return nil
        case .date(let d): return d
        case .dateTime(let t): return t.date
        case .number(let n): return try serial(n, system: system, shown: Cell.format(number: n))
        case .bool, .error, .time, .duration: throw ValueProblem("bad-date", "\(cell.displayText) is not a date")
        case .text(let raw):
            if let d = isoDate(raw) { return d }
            var cleaned = TextNormalizer.clean(raw)
            // A time after the date ("2024-01-05 08:30") is dropped.
            if let sp = cleaned.utf8.firstIndex(of: UInt8(ascii: " ")), cleaned.utf8[sp...].contains(UInt8(ascii: ":")) {
                cleaned = String(cleaned[..<sp])
            }
            let s = TextNormalizer.compact(cleaned)
            if s.isEmpty { return nil }
            return try date(text: s)
        }
    }

    /// `2024-01-05` exactly (the common case, read from the bytes); nil for anything else, which the
    /// general parser then reads or rejects.
    static func isoDate(_ s: String) -> CivilDate? {
        guard s.utf8.count == 10 else { return nil }
        return s.utf8.withContiguousStorageIfAvailable { b -> CivilDate? in
            guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            func number(_ from: Int, _ to: Int) -> Int? {
                var v = 0
                for k in from..<to {
                    guard b[k] >= 48 && b[k] <= 57 else { return nil }
                    v = v * 10 + Int(b[k] - 48)
                }
                return v
            }
            guard let y = number(0, 4), y >= 1000, let m = number(5, 7), let d = number(8, 10) else { return nil }
            return CivilDate(year: y, month: m, day: d)
        } ?? nil
    }

    /// Parses a date written as text (already compacted).
    public static func date(text s: String) throws(ValueProblem) -> CivilDate? {
        // At most three numbers are kept; a fourth makes the text something other than a date.
        var parts = (0, 0, 0)
        var count = 0
        var current = 0
        var digits = 0
        var separators = 0
        func push(_ v: Int) {
            switch count {
            case 0: parts.0 = v
            case 1: parts.1 = v
            case 2: parts.2 = v
            default: break
            }
            count += 1
        }
        for ch in s.unicodeScalars {
            if ch.value >= 48 && ch.value <= 57 {
                current = current * 10 + Int(ch.value - 48)
                digits += 1
                if digits > 8 { throw ValueProblem("bad-date", "\(s) is not a date") }
            } else if ch == "-" || ch == "/" || ch == "." || ch == "年" || ch == "月" || ch == "日" {
                guard digits > 0 else { throw ValueProblem("bad-date", "\(s) is not a date") }
                push(current)
                separators += 1
                current = 0
                digits = 0
            } else if ch == "T" || ch == " " {
                break  // a time part after the date
            } else {
                throw ValueProblem("bad-date", "\(s) is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)")
            }
        }
        if digits > 0 { push(current) }
        if count == 1, digits == 8, separators == 0 {
            let v = parts.0
            parts = (v / 10000, v / 100 % 100, v % 100)
            count = 3
        } else if count == 1, digits == 5, separators == 0 {
            // A serial number typed or exported as text.
            return try serial(Double(parts.0), system: .system1900, shown: s)
        }
        guard count == 3, parts.0 >= 1000 else {
            throw ValueProblem("bad-date", "\(s) is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)")
        }
        guard let d = CivilDate(year: parts.0, month: parts.1, day: parts.2) else {
            throw ValueProblem("bad-date", "\(s) is not a calendar date")
        }
        return d
    }

    /// A date from an Excel serial number in a General cell.
    static func serial(_ n: Double, system: ExcelDateSystem, shown: String) throws(ValueProblem) -> CivilDate {
        // 1 = 1900-01-01 … 2958465 = 9999-12-31; anything else is not a plausible date.
        guard n >= 1, n < 2_958_466, let t = system.dateTime(fromSerial: n) else {
            throw ValueProblem("bad-date", "\(shown) is not a date")
        }
        return t.date
    }

    /// A yes/no flag: 是/否, 有/无, Y/N, √/×, 1/0, TRUE/FALSE.
    public static func flag(_ cell: Cell) throws(ValueProblem) -> Bool? {
        if case .bool(let b) = cell { return b }
        guard let s = text(cell) else { return nil }
        switch s.lowercased() {
        case "是", "有", "已建", "已建立", "已覆盖", "y", "yes", "true", "√", "✓", "1": return true
        case "否", "无", "未建", "未建立", "未覆盖", "n", "no", "false", "×", "✗", "0", "/", "-": return false
        default: throw ValueProblem("bad-flag", "\(s) is neither 是 nor 否")
        }
    }

    /// A date, or 是 (yes, date unknown: ``FlagDate/yesUnknownDate``) / 否 or blank (none).
    public static func flagDate(_ cell: Cell, system: ExcelDateSystem) throws(ValueProblem) -> FlagDate {
        if case .text(let t) = cell, let b = try? flag(.text(t)) { return b ? .yesUnknownDate : .none }
        if case .bool(let b) = cell { return b ? .yesUnknownDate : .none }
        guard let d = try date(cell, system: system) else { return .none }
        return .date(d)
    }

    /// Money in fen, from a number cell or text (`1,234.50`, `¥1234.5`, `1234.5元`, `0.12万元`).
    public static func money(_ cell: Cell, unit: Money.Unit) throws(ValueProblem) -> Money? {
        let result: Result<Money, Money.ParseError>
        let shown: String
        switch cell {
        case .empty: return nil
        case .number(let n):
            shown = Cell.format(number: n)
            result = Money.fromNumber(n, unit: unit)
        case .text(let t):
            let s = TextNormalizer.compact(t)
            if s.isEmpty { return nil }
            shown = s
            result = Money.parse(s, unit: unit)
        default:
            throw ValueProblem("bad-amount", "\(cell.displayText) is not an amount")
        }
        switch result {
        case .success(let m): return m
        case .failure(.fractionOfFen): throw ValueProblem("bad-amount", "\(shown) has digits below one fen")
        case .failure(.tooLarge): throw ValueProblem("bad-amount", "\(shown) is too large")
        case .failure(.notANumber): throw ValueProblem("bad-amount", "\(shown) is not an amount")
        }
    }

    /// A whole number ≥ 0 from a number cell or text (`1,200`, full-width digits).
    public static func count(_ cell: Cell) throws(ValueProblem) -> Int64? {
        switch cell {
        case .empty: return nil
        case .number(let n):
            guard n == n.rounded(), n >= 0, n < 1e15 else {
                throw ValueProblem("bad-number", "\(Cell.format(number: n)) is not a whole number")
            }
            return Int64(n)
        case .text(let t):
            var s = TextNormalizer.compact(t)
            if s.utf8.contains(UInt8(ascii: ",")) { s.removeAll { $0 == "," } }
            for suffix in ["人次", "人", "个", "家", "户", "次"] where s.utf8.count > 0 && s.utf8.last! >= 0x80 && s.hasSuffix(suffix) {
                s.removeLast(suffix.count)
                break
            }
            if s.isEmpty { return nil }
            if let v = Int64(s), v >= 0 { return v }
            if let d = Double(s), d == d.rounded(), d >= 0, d < 1e15 { return Int64(d) }
            throw ValueProblem("bad-number", "\(s) is not a whole number")
        default:
            throw ValueProblem("bad-number", "\(cell.displayText) is not a whole number")
        }
    }

    /// An ID number; a numeric cell, scientific notation or a failing number ending in 000 is
    /// `lost-digits` (Excel turned it into a float), never loaded as somebody else.
    public static func idNumber(_ cell: Cell) throws(ValueProblem) -> IDNumber? {
        switch cell {
        case .empty: return nil
        case .number:
            throw ValueProblem("lost-digits", "the ID number is stored as a number, so Excel kept only 15 digits; "
                + "format the column as text and type the number again")
        case .text(let t):
            var s = TextNormalizer.compact(t)
            // A valid number is the common case, and holds no E or point: the checks below only
            // name what is wrong with the others.
            let parsed = IDNumber.parse(s)
            if case .success(let id) = parsed { return id }
            // One pass over the bytes: lower-case letters, an E, an E+ or a point (scientific notation).
            var lower = false, e = false, ePlus = false, point = false
            var previous: UInt8 = 0
            for c in s.utf8 {
                if c >= 0x61 && c <= 0x7A { lower = true }
                if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { e = true }
                if c == UInt8(ascii: "+") && (previous == UInt8(ascii: "E") || previous == UInt8(ascii: "e")) { ePlus = true }
                if c == UInt8(ascii: ".") { point = true }
                previous = c
            }
            if lower { s = s.uppercased() }
            if s.isEmpty { return nil }
            if ePlus || (e && point) {
                throw ValueProblem("lost-digits", "the ID number is in scientific notation: Excel lost its "
                    + "last digits; format the column as text and type the number again")
            }
            switch parsed {
            case .success(let id): return id
            case .failure(.badCheckDigit):
                if s.hasSuffix("000") {
                    throw ValueProblem("lost-digits", "the ID number \(Masking.idNumber(s)) ends in 000 and fails its check "
                        + "digit: Excel stored it as a number and lost its last digits")
                }
                throw ValueProblem("bad-check-digit", "the ID number \(Masking.idNumber(s)) fails its check digit "
                    + "(GB 11643): a digit was mistyped; check it against the ID card")
            case .failure(.badBirthDate):
                throw ValueProblem("bad-id", "the ID number \(Masking.idNumber(s)) contains an impossible birth date")
            case .failure(.malformed(let why)):
                throw ValueProblem("bad-id", "the ID number \(Masking.scrub(s)) \(why)")
            }
        default:
            throw ValueProblem("bad-id", "\(cell.displayText) is not an ID number")
        }
    }
}

/// A value that is present but cannot be read: a category (`bad-date`) and a sentence.
public struct ValueProblem: Error, Hashable, Sendable {
    /// Stable category.
    public var category: String
    /// A sentence for people (personal data masked).
    public var message: String

    /// Creates a problem.
    public init(_ category: String, _ message: String) {
        self.category = category
        self.message = message
    }
}

/// A date that may also be only "yes" (是 without a date).
public enum FlagDate: Hashable, Sendable {
    /// Not set up.
    case none
    /// Set up, the date is unknown: counts as before any period.
    case yesUnknownDate
    /// Set up on this date.
    case date(CivilDate)

    /// The ISO text stored (0001-01-01 for yes-without-date), nil for none.
    public var storedValue: String? {
        switch self {
        case .none: nil
        case .yesUnknownDate: "0001-01-01"
        case .date(let d): d.iso
        }
    }
}
