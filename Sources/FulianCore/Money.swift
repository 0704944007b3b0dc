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
    /// Accepts `1234.5`, `1,234.50`, `¥1234.5` / `￥`, `1234.5元`, `0.12万元`, `-5`, `1000元整`, and a payee's
    /// own rate `1000元/人`, `每户500元`; `(5)` is not accepted, nor `500元/月` (a rate, not a payment).
    /// Full-width digits must already be folded (see ``TextNormalizer``). A `万元`/`万` suffix switches the
    /// unit to ``Unit/wanYuan`` whatever `unit` says; `unit` is the column's unit (a header `金额（万元）`).
    ///
    /// Amounts in Chinese numerals are read too, as written on receipts and 发放表 (`壹仟贰佰元整`,
    /// `人民币伍佰元`, `两千元`, `1万2千元`, `叁拾元伍角`); see ``parseNumerals(_:unit:)``.
    public static func parse(_ text: String, unit: Unit = .yuan) -> Result<Money, ParseError> {
        var text = text
        let digits = text.withUTF8 { parse(utf8: $0, unit: unit) }
        guard digits == .failure(.notANumber), text.utf8.contains(where: { $0 >= 0xE4 }) else { return digits }
        return parseNumerals(text, unit: unit) ?? digits
    }

    /// Reads an amount written in Chinese numerals, alone or mixed with digits: `壹仟贰佰叁拾肆元伍角陆分`,
    /// `人民币贰万元整`, `十五元`, `两千元`, `1万2千元`, `一百零五元`, `伍角`.
    ///
    /// 万 and 亿 inside the numeral are part of the number (`贰拾万元` is 200,000 yuan). Without 元, 角 or 分
    /// the amount is in `unit`, the column's unit. Nil when the text is not such an amount (the caller keeps
    /// its own error); an amount past 64-bit fen is ``ParseError/tooLarge``.
    public static func parseNumerals(_ text: String, unit: Unit = .yuan) -> Result<Money, ParseError>? {
        var t = Substring(TextNormalizer.compact(text))
        for p in prefixWords where t.hasPrefix(p) { t = t.dropFirst(p.count) }
        for p in closingWords where t.hasSuffix(p) {
            t = t.dropLast(p.count)
            break
        }
        let s = Array(t.unicodeScalars)
        var i = 0
        var overflow = false
        let integer = ChineseNumber.integer(s, at: &i, overflow: &overflow)
        var fen: Int64 = 0, explicitYuan = false, subunits = false
        if i < s.count, s[i] == "元" || s[i] == "圆" || s[i] == "块" {
            explicitYuan = true
            i += 1
        }
        // 角 and 分 after the yuan, or alone (伍角); a 零 may stand before them (壹佰元零伍分).
        if integer != nil, i < s.count, ChineseNumber.isZero(s[i]) { i += 1 }
        for (marks, fenPer) in [(["角", "毛"] as [Unicode.Scalar], Int64(10)), (["分"], 1)] where i + 1 < s.count && marks.contains(s[i + 1]) {
            guard let d = ChineseNumber.digit(s[i]) else { return nil }
            fen += d * fenPer
            i += 2
            explicitYuan = true
            subunits = true
        }
        guard i == s.count, integer != nil || subunits else { return nil }
        let (scaled, o1) = (integer ?? 0).multipliedReportingOverflow(by: explicitYuan || unit == .yuan ? 100 : 1_000_000)
        let (total, o2) = scaled.addingReportingOverflow(fen)
        return overflow || o1 || o2 ? .failure(.tooLarge) : .success(Money(fen: total))
    }

    /// The byte length of a space (of any kind ``TextNormalizer/isSpace(_:)`` knows) starting at `i`, 0 if none.
    private static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        let c = b[i]
        if c == 0x20 || (c >= 0x09 && c <= 0x0D) { return 1 }
        if c == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
        guard c == 0xE2 || c == 0xE3 || c == 0xEF, i + 2 < end else { return 0 }
        let u = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
        return Unicode.Scalar(u).map(TextNormalizer.isSpace) == true ? 3 : 0
    }

    /// The byte length of a space ending just before `end`, 0 if none.
    private static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, endingAt end: Int, start: Int) -> Int {
        let c = b[end - 1]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        if end - 2 >= start, b[end - 2] == 0xC2, c == 0xA0 { return 2 }
        if end - 3 >= start, spaceLength(b, at: end - 3, end: end) == 3 { return 3 }
        return 0
    }

    private static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, _ p: [UInt8]) -> Bool {
        guard hi - lo >= p.count else { return false }
        for k in 0..<p.count where b[lo + k] != p[k] { return false }
        return true
    }

    private static func hasSuffix(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, _ p: [UInt8]) -> Bool {
        guard hi - lo >= p.count else { return false }
        return hasPrefix(b, hi - p.count, hi, p)
    }

    /// What may come before an amount: a currency mark, or a per-payee rate on the payee's own row (每人500元).
    private static let prefixWords = ["每人", "每户", "¥", "￥", "RMB", "人民币"]
    /// What may follow an amount and says nothing of its value: 整/正 (exactly: `1000元整`), and a per-payee
    /// rate on a payee's own row (`1000元/人`, `500元/户`).
    private static let closingWords = ["整", "正", "/人", "/户"]
    private static let prefixes: [[UInt8]] = prefixWords.map { Array($0.utf8) }
    private static let closingSuffixes: [[UInt8]] = closingWords.map { Array($0.utf8) }
    private static let wanYuanSuffix = Array("万元".utf8), wanSuffix = Array("万".utf8)
    private static let yuanSuffixes: [[UInt8]] = ["元", "圆"].map { Array($0.utf8) }

    /// ``parse(_:unit:)`` over UTF-8 bytes, without building a string or an array.
    static func parse(utf8 b: UnsafeBufferPointer<UInt8>, unit: Unit) -> Result<Money, ParseError> {
        var lo = 0, hi = b.count
        func trim() {
            while lo < hi { let n = spaceLength(b, at: lo, end: hi); if n == 0 { break }; lo += n }
            while hi > lo { let n = spaceLength(b, endingAt: hi, start: lo); if n == 0 { break }; hi -= n }
        }
        trim()
        var unit = unit
        for p in prefixes where hasPrefix(b, lo, hi, p) { lo += p.count }
        for p in closingSuffixes where hasSuffix(b, lo, hi, p) {
            hi -= p.count
            trim()
            break
        }
        if hasSuffix(b, lo, hi, wanYuanSuffix) {
            hi -= wanYuanSuffix.count
            unit = .wanYuan
        } else if hasSuffix(b, lo, hi, wanSuffix) {
            hi -= wanSuffix.count
            unit = .wanYuan
        } else if let y = yuanSuffixes.first(where: { hasSuffix(b, lo, hi, $0) }) {
            hi -= y.count
        }
        trim()
        var negative = false
        if lo < hi, b[lo] == UInt8(ascii: "-") {
            negative = true
            lo += 1
        } else if lo < hi, b[lo] == UInt8(ascii: "+") {
            lo += 1
        }
        // Digits with optional thousands separators, a point, and an optional exponent (from number cells).
        var digitCount = 0, fracCount = 0
        var exponent = 0
        var seenPoint = false
        var mantissaEnd = hi
        var i = lo
        while i < hi {
            let c = b[i]
            if c >= 48 && c <= 57 {
                digitCount += 1
                if seenPoint { fracCount += 1 }
            } else if c == UInt8(ascii: ".") {
                if seenPoint { return .failure(.notANumber) }
                seenPoint = true
            } else if c == UInt8(ascii: ",") {
                if seenPoint || digitCount == 0 { return .failure(.notANumber) }
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                guard digitCount > 0 else { return .failure(.notANumber) }
                mantissaEnd = i
                var j = i + 1
                var expNegative = false
                if j < hi, b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") {
                    expNegative = b[j] == UInt8(ascii: "-")
                    j += 1
                }
                guard j < hi else { return .failure(.notANumber) }
                var e = 0
                while j < hi {
                    guard b[j] >= 48 && b[j] <= 57, e < 100_000 else { return .failure(.notANumber) }
                    e = e * 10 + Int(b[j] - 48)
                    j += 1
                }
                exponent = expNegative ? -e : e
                break
            } else {
                return .failure(.notANumber)
            }
            i += 1
        }
        guard digitCount > 0 else { return .failure(.notANumber) }
        // value = digits × 10^(exponent + unitExp - fracCount); digits below one fen must all be zero.
        let shift = exponent + unit.fenExponent - fracCount
        let kept = shift >= 0 ? digitCount : digitCount + shift
        var fen: Int64 = 0
        var seen = 0
        for k in lo..<mantissaEnd {
            let c = b[k]
            guard c >= 48 && c <= 57 else { continue }
            if seen >= kept {
                if c != 48 { return .failure(.fractionOfFen) }
            } else {
                let (m, o1) = fen.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(c - 48))
                if o1 || o2 { return .failure(.tooLarge) }
                fen = a
            }
            seen += 1
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

/// Whole numbers written in Chinese numerals (小写 and 大写, ASCII digits mixed in), as amounts and counts
/// are in ledgers and on receipts: 五十, 一百零五, 壹仟贰佰, 两千, 1万2千, 一亿二千万.
public enum ChineseNumber {
    /// The value of a text that is one whole number in numerals (`五十`, `壹佰零伍`, `1万2千`); nil for anything
    /// else, for plain ASCII digits (no numerals), and past 64 bits.
    public static func value(of text: String) -> Int64? {
        let s = Array(text.unicodeScalars)
        guard s.contains(where: { $0.value >= 0x80 }) else { return nil }
        var i = 0, overflow = false
        guard let v = integer(s, at: &i, overflow: &overflow), i == s.count, !overflow else { return nil }
        return v
    }

    /// The value of a numeral digit (零 … 玖, 两) or an ASCII digit; nil for anything else.
    public static func digit(_ u: Unicode.Scalar) -> Int64? {
        switch u {
        case "0"..."9": Int64(u.value - 48)
        case "零", "〇": 0
        case "一", "壹", "幺": 1
        case "二", "贰", "貳", "两", "兩": 2
        case "三", "叁", "參": 3
        case "四", "肆": 4
        case "五", "伍": 5
        case "六", "陆", "陸": 6
        case "七", "柒": 7
        case "八", "捌": 8
        case "九", "玖": 9
        default: nil
        }
    }

    /// Whether a scalar is 零 or 〇 (a place left empty: 一百零五).
    static func isZero(_ u: Unicode.Scalar) -> Bool { u == "零" || u == "〇" }

    /// The multiplier of a unit within a 万 section: 十/拾, 百/佰, 千/仟.
    static func unit(_ u: Unicode.Scalar) -> Int64? {
        switch u {
        case "十", "拾": 10
        case "百", "佰": 100
        case "千", "仟", "阡": 1000
        default: nil
        }
    }

    /// Reads the whole number at `i` (sections up to 亿, then up to 万, then the rest: 一亿二千万 is
    /// 1×10⁸ + 2000×10⁴), leaving `i` after it; nil, with `i` unmoved, when there is none. A digit followed
    /// by 角, 毛 or 分 is not read (it is the fen part of an amount: 伍角). `overflow` is set past 64 bits.
    static func integer(_ s: [Unicode.Scalar], at i: inout Int, overflow: inout Bool) -> Int64? {
        func add(_ a: Int64, _ b: Int64) -> Int64 {
            let (r, o) = a.addingReportingOverflow(b)
            overflow = overflow || o
            return r
        }
        func mul(_ a: Int64, _ b: Int64) -> Int64 {
            let (r, o) = a.multipliedReportingOverflow(by: b)
            overflow = overflow || o
            return r
        }
        /// A digit at `i` (one numeral other than 零, or a run of ASCII digits), consumed.
        func number() -> Int64? {
            if i < s.count, !isZero(s[i]), s[i].value >= 0x80, let d = digit(s[i]) {
                i += 1
                return d
            }
            var v: Int64 = 0, n = 0
            while i < s.count, s[i].isASCII, let d = digit(s[i]) {
                v = add(mul(v, 10), d)
                i += 1
                n += 1
            }
            return n > 0 ? v : nil
        }
        /// A section below 万 (`三千零五`, `十五`, `1千2百`), consumed; nil if there is none.
        func section() -> Int64? {
            var total: Int64 = 0, lastUnit: Int64 = 10_000, any = false
            while i < s.count {
                if isZero(s[i]) {
                    i += 1
                    any = true
                    continue
                }
                let start = i
                let d = number()
                if i < s.count, let u = unit(s[i]), u < lastUnit {
                    // 十五, 一百十: a 十 without its digit stands for 一十; other units need one.
                    guard d != nil || u == 10 else { i = start; return nil }
                    i += 1
                    total = add(total, mul(d ?? 1, u))
                    lastUnit = u
                    any = true
                } else if let d, !(i < s.count && (s[i] == "角" || s[i] == "毛" || s[i] == "分")) {
                    // The ones, which end the section (一百零五, a bare 伍).
                    total = add(total, d)
                    any = true
                    break
                } else {
                    // Nothing more, or the digit of 伍角, which is not this section's.
                    i = start
                    break
                }
            }
            return any ? total : nil
        }
        let begin = i
        var value: Int64 = 0, lastBig = Int64.max, any = false
        while let v = section() {
            any = true
            guard i < s.count, s[i] == "亿" || s[i] == "万" || s[i] == "萬" else {
                value = add(value, v)
                break
            }
            let big: Int64 = s[i] == "亿" ? 100_000_000 : 10_000
            guard big < lastBig else { i = begin; return nil }
            lastBig = big
            i += 1
            value = add(value, mul(v, big))
        }
        return any ? value : nil
    }
}
