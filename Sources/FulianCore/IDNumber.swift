/// A resident identity card number (公民身份号码) checked against GB 11643-1999.
///
/// Eighteen characters: a six-digit region code, the birth date `YYYYMMDD`, a three-digit sequence whose
/// last digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character (`0`–`9` or `X`).
/// Fifteen-digit numbers issued before 1999 are upgraded to eighteen (`19` inserted before the year,
/// check character computed). An `IDNumber` value is always a valid eighteen-character number.
///
/// The number is personal data: ``description`` and ``masked`` show only the first six and last four
/// characters. Use ``value`` deliberately, where the full number is meant to be stored or shown.
public struct IDNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The full 18-character number, upper-case `X`. Personal data: do not log.
    public let value: String

    /// Why a text is not a valid ID number.
    public enum Problem: Error, Equatable, Sendable {
        /// Not 15 or 18 characters of digits (and a final X): the text is something else.
        case malformed(String)
        /// The birth date inside the number does not exist (19900230).
        case badBirthDate
        /// The check character does not match the other seventeen: a typo somewhere in the number.
        case badCheckDigit
    }

    /// Validates and normalises a number typed as text.
    ///
    /// Spaces and full-width characters are folded first; a lower-case `x` is accepted; hyphens and
    /// dashes between the groups (`110101-19900307-0011`) are dropped, as spaces are
    /// (`110101 19900307 0011`). A 15-digit legacy number becomes its 18-digit form.
    public static func parse(_ text: String) -> Result<IDNumber, Problem> {
        var s = TextNormalizer.compact(text)
        if s.utf8.count != 18, s.unicodeScalars.contains(where: isGroupSeparator) {
            s.unicodeScalars.removeAll(where: isGroupSeparator)
        }
        if s.utf8.last == UInt8(ascii: "x") || s.utf8.count != 18 { s = s.uppercased() }
        if s.utf8.count == 18 {
            // Checked on the string's own bytes (a copy only for a string that has none contiguous).
            let problem = s.utf8.withContiguousStorageIfAvailable(problem18) ?? problem18(Array(s.utf8))
            return problem.map { .failure($0) } ?? .success(IDNumber(value: s))
        }
        let b = Array(s.utf8)
        switch b.count {
        case 15:
            guard b.allSatisfy(isDigit) else { return .failure(.malformed("a 15-digit number must be all digits")) }
            guard birthDate(b, offset: 6, century: 19) != nil else { return .failure(.badBirthDate) }
            var up = Array(b[0..<6]) + Array("19".utf8) + Array(b[6..<15])
            up.append(checkCharacter(up[0..<17]))
            return .success(IDNumber(value: String(decoding: up, as: UTF8.self)))
        default:
            return .failure(.malformed("has \(s.count) characters, expected 18 (or 15 for an old number)"))
        }
    }

    private init(value: String) { self.value = value }

    /// A character people type between the groups of a number: hyphens and dashes (spaces are gone already).
    private static func isGroupSeparator(_ u: Unicode.Scalar) -> Bool {
        u == "-" || u == "_" || u == "\u{2010}" || u == "\u{2013}" || u == "\u{2014}" || u == "\u{2212}"
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// What is wrong with an 18-character number, nil if nothing.
    private static func problem18<C: RandomAccessCollection<UInt8>>(_ b: C) -> Problem? where C.Index == Int {
        for k in 0..<17 where !isDigit(b[k]) { return .malformed("must be 17 digits and a check digit 0-9 or X") }
        guard isDigit(b[17]) || b[17] == UInt8(ascii: "X") else { return .malformed("must be 17 digits and a check digit 0-9 or X") }
        guard birthDate(b, offset: 6, century: nil) != nil else { return .badBirthDate }
        guard checkCharacter(b[0..<17]) == b[17] else { return .badCheckDigit }
        return nil
    }

    /// The ISO 7064 MOD 11-2 check character for the first seventeen digits.
    static func checkCharacter<C: Collection<UInt8>>(_ d: C) -> UInt8 {
        var sum = 0
        for (i, c) in d.enumerated() { sum += Int(c &- 48) * weights[i] }
        return checkCharacters[sum % 11]
    }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432".utf8)

    private static func birthDate<C: RandomAccessCollection<UInt8>>(_ b: C, offset: Int, century: Int?) -> CivilDate? where C.Index == Int {
        func num(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(b[$1] - 48) } }
        if let century {
            return CivilDate(year: century * 100 + num(offset..<offset + 2), month: num(offset + 2..<offset + 4),
                             day: num(offset + 4..<offset + 6))
        }
        let y = num(offset..<offset + 4)
        guard y >= 1850 else { return nil }
        return CivilDate(year: y, month: num(offset + 4..<offset + 6), day: num(offset + 6..<offset + 8))
    }

    /// The holder's birth date.
    public var birthDate: CivilDate {
        value.utf8.withContiguousStorageIfAvailable { IDNumber.birthDate($0, offset: 6, century: nil)! }
            ?? IDNumber.birthDate(Array(value.utf8), offset: 6, century: nil)!
    }

    /// The first seventeen digits as one integer. The check character follows from them, so this
    /// identifies the number: a compact key for lookups (personal data all the same).
    public var digits: Int64 {
        value.utf8.withContiguousStorageIfAvailable { b in b.prefix(17).reduce(0) { $0 &* 10 &+ Int64($1 &- 48) } }
            ?? value.utf8.prefix(17).reduce(0) { $0 &* 10 &+ Int64($1 &- 48) }
    }

    /// The holder's gender: the 17th digit is odd for men, even for women.
    public var gender: Gender { (value.utf8.dropFirst(16).first! - 48) % 2 == 1 ? .male : .female }

    /// The six-digit administrative region code.
    public var regionCode: String { String(value.prefix(6)) }

    /// The number with its middle eight characters hidden: `110105********123X`.
    public var masked: String { Masking.idNumber(value) }

    public var description: String { masked }

    public static func < (a: IDNumber, b: IDNumber) -> Bool { a.value < b.value }
}

/// A person's gender as recorded in registers and derived from ID numbers.
public enum Gender: String, Sendable, Hashable, Codable {
    /// 女
    case female
    /// 男
    case male

    /// Reads 女/男 (also F/M, female/male); nil for anything else.
    public init?(label: String) {
        switch TextNormalizer.compact(label).lowercased() {
        case "女", "f", "female", "女性": self = .female
        case "男", "m", "male", "男性": self = .male
        default: return nil
        }
    }

    /// The Chinese label: 女 or 男.
    public var label: String { self == .female ? "女" : "男" }
}
