import Foundation

extension Period {
    /// A period a title, sheet name or file name states, with the words that state it.
    public struct Stated: Hashable, Sendable {
        /// The period.
        public var period: Period
        /// The words as written (`2024年第一季度`), after width folding.
        public var words: String

        /// Creates a stated period.
        public init(period: Period, words: String) {
            self.period = period
            self.words = words
        }
    }

    /// A month or quarter a sheet name states without its year, in `year`: `1月`, `01月份`, `十二月`,
    /// `一季度`, `第二季度`, `Q3`, also with words after it (`3月发放`); nil for anything else.
    public static func stated(withoutYearIn text: String, year: Int) -> Stated? {
        let s = Array(TextNormalizer.compact(text).uppercased().unicodeScalars)
        func words(_ end: Int) -> String { String(String.UnicodeScalarView(s[0..<end])) }
        // Q3 (the number after the tag).
        if s.count >= 2, s[0] == "Q", let d = ChineseNumber.digit(s[1]), s[1].isASCII, (1...4).contains(d),
           s.count == 2 || ChineseNumber.digit(s[2]) == nil {
            return (try? Period(parsing: "\(year)Q\(d)")).map { Stated(period: $0, words: words(2)) }
        }
        // 第二季度, 12月, 十二月: the number (digits or numerals), then 月 or 季度.
        let ordinal = s.first == "第"
        var i = ordinal ? 1 : 0
        var overflow = false
        guard let n = ChineseNumber.integer(s, at: &i, overflow: &overflow), !overflow, i < s.count else { return nil }
        if s[i] == "月", !ordinal, (1...12).contains(n) {
            let first = CivilDate(year: year, month: Int(n), day: 1)!
            return Stated(period: Period(kind: .month, start: first, end: first.lastOfMonth), words: words(i + 1))
        }
        if s[i] == "季", i + 1 < s.count, s[i + 1] == "度", (1...4).contains(n) {
            return (try? Period(parsing: "\(year)Q\(n)")).map { Stated(period: $0, words: words(i + 2)) }
        }
        return nil
    }

    /// Finds the period stated in a title, sheet name or file name: `2024年第一季度`, `2024年一季度`,
    /// `2024年1季度`, `2024Q1`, `2024年上半年`, `2024年1-3月`, `2024年3月`, `2024年度`, `2024年`
    /// or a single day `2024年3月5日` (the most specific one a text holds; nil when it holds no year). A year needs 年, 年度 or a
    /// quarter/half tag after it, so a number such as 20240105 or a phone number is no period.
    public static func stated(in text: String) -> Stated? {
        let s = Array(TextNormalizer.compact(text).uppercased())
        var best: (rank: Int, stated: Stated)? = nil
        func consider(_ rank: Int, _ p: Period?, _ from: Int, _ to: Int) {
            guard let p else { return }
            if best == nil || rank > best!.rank { best = (rank, Stated(period: p, words: String(s[from..<to]))) }
        }
        var i = 0
        while i + 4 <= s.count {
            // Four digits not inside a longer number.
            guard (i == 0 || !s[i - 1].isASCIIDigit), s[i..<(i + 4)].allSatisfy(\.isASCIIDigit),
                  i + 4 == s.count || !s[i + 4].isASCIIDigit,
                  let y = Int(String(s[i..<(i + 4)])), (1990...2100).contains(y) else { i += 1; continue }
            var j = i + 4
            // 2024Q1 / 2024H1 / 2024-Q1
            if j < s.count, s[j] == "-" || s[j] == "_" || s[j] == " ", j + 1 < s.count, s[j + 1] == "Q" || s[j + 1] == "H" { j += 1 }
            if j + 1 < s.count, s[j] == "Q" || s[j] == "H", let n = s[j + 1].wholeNumberValue {
                consider(3, try? Period(parsing: "\(y)\(s[j])\(n)"), i, j + 2)
                i = j + 2
                continue
            }
            guard j < s.count, s[j] == "年" else { i += 1; continue }
            j += 1
            let afterYear = j
            if j < s.count, s[j] == "度" { j += 1 }
            consider(1, try? Period(parsing: "\(y)"), i, j)
            if j < s.count, s[j] == "第" { j += 1 }
            // 上半年 / 下半年
            if j + 2 < s.count, s[j] == "上" || s[j] == "下", s[j + 1] == "半", s[j + 2] == "年" {
                consider(3, try? Period(parsing: "\(y)H\(s[j] == "上" ? 1 : 2)"), i, j + 3)
                i = j + 3
                continue
            }
            // 一季度 / 1季度 / 一季 / Q1
            if j < s.count, let q = Period.quarterNumber(s[j]), j + 1 < s.count, s[j + 1] == "季" {
                let end = j + 2 < s.count && s[j + 2] == "度" ? j + 3 : j + 2
                consider(3, try? Period(parsing: "\(y)Q\(q)"), i, end)
                i = end
                continue
            }
            if j + 1 < s.count, s[j] == "Q", let n = s[j + 1].wholeNumberValue {
                consider(3, try? Period(parsing: "\(y)Q\(n)"), i, j + 2)
                i = j + 2
                continue
            }
            // 3月 / 03月 / 1-3月 / 1月-3月 / 1至3月
            j = afterYear
            if let (m1, k) = Period.month(s, j) {
                var k2 = k
                if k2 < s.count, s[k2] == "月" { k2 += 1 }
                if k2 < s.count, s[k2] == "-" || s[k2] == "至" || s[k2] == "~" || s[k2] == "—" || s[k2] == "到",
                   let (m2, k3) = Period.month(s, k2 + 1), k3 < s.count, s[k3] == "月", m2 >= m1 {
                    if let a = CivilDate(year: y, month: m1, day: 1), let b = CivilDate(year: y, month: m2, day: 1) {
                        let p: Period
                        if m1 == m2 { p = Period(kind: .month, start: a, end: a.lastOfMonth) }
                        else if m2 - m1 == 2 && (m1 - 1) % 3 == 0 { p = Period(kind: .quarter, start: a, end: b.lastOfMonth) }
                        else if m2 - m1 == 5 && (m1 == 1 || m1 == 7) { p = Period(kind: .half, start: a, end: b.lastOfMonth) }
                        else if m1 == 1 && m2 == 12 { p = Period(kind: .year, start: a, end: b.lastOfMonth) }
                        else { p = Period(kind: .range, start: a, end: b.lastOfMonth) }
                        consider(3, p, i, k3 + 1)
                        i = k3 + 1
                        continue
                    }
                }
                if k < s.count, s[k] == "月", let a = CivilDate(year: y, month: m1, day: 1) {
                    // 2024年3月5日 states one day: the period of that day alone.
                    if k + 1 < s.count, s[k + 1].isASCIIDigit {
                        var e = k + 1, day = 0
                        while e < s.count, s[e].isASCIIDigit, e - k <= 2 { day = day * 10 + s[e].wholeNumberValue!; e += 1 }
                        if e < s.count, s[e] == "日" || s[e] == "号", let d = CivilDate(year: y, month: m1, day: day) {
                            consider(4, Period(kind: .range, start: d, end: d), i, e + 1)
                        }
                        i = e
                        continue
                    }
                    consider(2, Period(kind: .month, start: a, end: a.lastOfMonth), i, k + 1)
                    i = k + 1
                    continue
                }
            }
            i = afterYear
        }
        return best?.stated
    }

    /// 1–4 from 一二三四 or 1234.
    static func quarterNumber(_ c: Character) -> Int? {
        switch c {
        case "一", "1": 1
        case "二", "2": 2
        case "三", "3": 3
        case "四", "4": 4
        default: nil
        }
    }

    /// A month number 1–12 written in one or two digits at `i`, with the index after it.
    static func month(_ s: [Character], _ i: Int) -> (Int, Int)? {
        guard i < s.count, let d1 = s[i].wholeNumberValue, s[i].isASCIIDigit else { return nil }
        if i + 1 < s.count, s[i + 1].isASCIIDigit, let d2 = s[i + 1].wholeNumberValue {
            let m = d1 * 10 + d2
            return (1...12).contains(m) ? (m, i + 2) : nil
        }
        return (1...12).contains(d1) ? (d1, i + 1) : nil
    }
}

extension Character {
    /// 0–9 in ASCII.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
