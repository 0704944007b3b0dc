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
    /// 2024年1月5日, 20240105 (full-width digits folded). A month or a year alone (2018年6月, 2018年) is
    /// its first day: use ``dateValue(_:system:)`` to learn the precision and warn.
    public static func date(_ cell: Cell, system: ExcelDateSystem) throws(ValueProblem) -> CivilDate? {
        try dateValue(cell, system: system)?.date
    }

    /// A date with the precision it was written in: a full date, or a month or a year alone, taken
    /// as its first day.
    ///
    /// Month-only: `2018年6月`, `2018年06月`, `2021.11`, `2021-11`, `2021/11`, `202111`. Year-only: `2018年`,
    /// `2018`. A number cell (General format) is an Excel serial, except where a serial would make no
    /// sense for the data fulian keeps: a whole number 1900–2100 is a year (serial 2018 would be
    /// 1905-07-10), 190001–210012 a year and month, 19000101–21001231 a `yyyymmdd` date (no serial
    /// reaches six digits before the year 2173); a number with decimals 1900–2100 is a year and month
    /// (2021.11, 2018.6) — except `yyyy.1`, which Excel also shows for 2021.10 typed as a number,
    /// and is rejected as ambiguous. A date cell is always a full date.
    public static func dateValue(_ cell: Cell, system: ExcelDateSystem) throws(ValueProblem) -> DateValue? {
        switch cell {
        case .empty: return nil
        case .date(let d): return DateValue(d)
        case .dateTime(let t): return DateValue(t.date)
        case .number(let n): return try dateValue(number: n, system: system)
        case .bool, .error, .time, .duration: throw ValueProblem("bad-date", .notADate(written: cell.displayText))
        case .text(let raw):
            if let d = isoDate(raw) { return DateValue(d) }
            var cleaned = TextNormalizer.clean(raw)
            // A time after the date ("2024-01-05 08:30") is dropped.
            if let sp = cleaned.utf8.firstIndex(of: UInt8(ascii: " ")), cleaned.utf8[sp...].contains(UInt8(ascii: ":")) {
                cleaned = String(cleaned[..<sp])
            }
            let compacted = TextNormalizer.compact(cleaned)
            if let span = daySpan(compacted) { return span }
            let s = withoutTimeOfDay(compacted)
            if s.isEmpty { return nil }
            return try dateValue(text: s)
        }
    }

    /// A date with what ledgers write after it removed: the part of the day (2024年3月8日上午, 3月8日下午),
    /// a weekday (2024-03-08(周五), 2024年3月8日星期五) or a time after 日 (2024年3月8日14:30).
    static func withoutTimeOfDay(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value >= 0x80 || $0 == "(" || $0 == ":" }) else { return s }
        var t = Substring(s)
        if let day = t.firstIndex(where: { $0 == "日" || $0 == "号" }), t.index(after: day) < t.endIndex { t = t[...day] }
        if t.last == ")", let open = t.lastIndex(of: "("), t[open...].contains(where: { "周星期礼拜".contains($0) }) { t = t[..<open] }
        for word in ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日", "星期天"] where t.hasSuffix(word) {
            t = t.dropLast(word.count)
            break
        }
        for word in ["上午", "下午", "中午", "晚上", "早上", "凌晨", "全天", "傍晚"] where t.hasSuffix(word) {
            t = t.dropLast(word.count)
            break
        }
        return String(t)
    }

    /// A day of a month without its year (`3月12日`, `3月12号`, `3.12`, `03-12`, `3/12`), as (month, day); nil for
    /// anything else. Only text: a number cell 3.12 is a number.
    public static func monthDay(_ cell: Cell) -> (month: Int, day: Int, written: String)? {
        guard case .text(let raw) = cell else { return nil }
        // Most dates start with a year: four ASCII digits in a row rule a month-day out at once.
        var run = 0
        for b in raw.utf8 {
            if b >= 0x30 && b <= 0x39 { run += 1; if run > 2 { return nil } } else if run > 0 { break }
        }
        let s = withoutTimeOfDay(TextNormalizer.compact(raw))
        var numbers: [Int] = []
        var current = 0, digits = 0
        var separators: [Character] = []
        for ch in s {
            if let d = ch.wholeNumberValue, ch.isASCII {
                current = current * 10 + d
                digits += 1
                if digits > 2 { return nil }
            } else if "月日号.-/".contains(ch), digits > 0 {
                numbers.append(current)
                separators.append(ch)
                current = 0
                digits = 0
            } else {
                return nil
            }
        }
        if digits > 0 { numbers.append(current) }
        guard numbers.count == 2, (1...12).contains(numbers[0]), (1...31).contains(numbers[1]) else { return nil }
        // 3月12日 or 3月12; 3.12, 03-12, 3/12 with one separator only.
        let chinese = separators.first == "月"
        guard chinese || separators.count == 1 else { return nil }
        return (numbers[0], numbers[1], s)
    }

    /// A number cell read as a date: see ``dateValue(_:system:)`` for the years and `yyyymm` numbers
    /// that are not serials.
    static func dateValue(number n: Double, system: ExcelDateSystem) throws(ValueProblem) -> DateValue {
        let shown = Cell.format(number: n)
        if n >= 1900 && n < 2101 {
            if n == n.rounded() {
                return DateValue(CivilDate(year: Int(n), month: 1, day: 1)!, precision: .year, written: shown)
            }
            // 2021.11 or 2018.6 typed into a General cell: the digits after the point are the month.
            let parts = shown.split(separator: ".")
            if parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), parts[1].count <= 2 {
                if parts[1] == "1" {
                    throw ValueProblem("bad-date", .ambiguousMonth(written: shown, year: y))
                }
                if (1...12).contains(m) {
                    return DateValue(CivilDate(year: y, month: m, day: 1)!, precision: .month, written: shown)
                }
            }
            throw ValueProblem("bad-date", .notADate(written: shown))
        }
        if n == n.rounded() && ((190001...210012).contains(n) || (19000101...21001231).contains(n)) {
            if let v = try dateValue(text: shown) { return v }
        }
        return DateValue(try serial(n, system: system, shown: shown))
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

    /// Parses a date written as text (already compacted); a month or year alone is its first day.
    public static func date(text s: String) throws(ValueProblem) -> CivilDate? {
        try dateValue(text: s)?.date
    }

    /// Parses a date written as text (already compacted), with its precision: full dates, months
    /// (2018年6月, 2021.11, 2021-11, 2021/11, 202111) and years (2018年, 2018).
    public static func dateValue(text s: String) throws(ValueProblem) -> DateValue? {
        if s.unicodeScalars.contains(where: { $0.value >= 0x3000 }) || s.contains("Q") || s.contains("q"),
           let v = try wordedDate(s) { return v }
        // At most three numbers are kept; a fourth makes the text something other than a date.
        var parts = (0, 0, 0)
        var count = 0
        var current = 0
        var digits = 0
        var separators = 0
        var firstDigits = 0
        func push(_ v: Int) {
            switch count {
            case 0: parts.0 = v; firstDigits = digits
            case 1: parts.1 = v
            case 2: parts.2 = v
            default: break
            }
            count += 1
        }
        var scalars = s.unicodeScalars[...]
        // 2018年6月份, 2018年度: the words that follow a month or a year.
        if scalars.last == "份" || scalars.last == "度" { scalars = scalars.dropLast() }
        for ch in scalars {
            if ch.value >= 48 && ch.value <= 57 {
                current = current * 10 + Int(ch.value - 48)
                digits += 1
                if digits > 8 { throw ValueProblem("bad-date", .notADate(written: s)) }
            } else if ch == "-" || ch == "/" || ch == "." || ch == "年" || ch == "月" || ch == "日" || ch == "号" {
                guard digits > 0 else { throw ValueProblem("bad-date", .notADate(written: s)) }
                push(current)
                separators += 1
                current = 0
                digits = 0
            } else if ch == "T" || ch == " " {
                break  // a time part after the date
            } else {
                throw ValueProblem("bad-date", .notADateLike(written: s))
            }
        }
        if digits > 0 { push(current) }
        if count == 1, separators == 0 {
            let v = parts.0
            switch digits {
            case 8:
                parts = (v / 10000, v / 100 % 100, v % 100)
                count = 3
            case 6 where (1900...2100).contains(v / 100) && (1...12).contains(v % 100):
                return DateValue(CivilDate(year: v / 100, month: v % 100, day: 1)!, precision: .month, written: s)
            case 5:
                // A serial number typed or exported as text.
                return DateValue(try serial(Double(v), system: .system1900, shown: s))
            case 4 where (1900...2100).contains(v):
                return DateValue(CivilDate(year: v, month: 1, day: 1)!, precision: .year, written: s)
            default:
                break
            }
        }
        // 2018年 (a year and its word), 2018年6月 / 2021.11 / 2021-11 (a year and a month).
        if count == 1, separators == 1, firstDigits == 4, s.unicodeScalars.contains("年"), (1900...2100).contains(parts.0) {
            return DateValue(CivilDate(year: parts.0, month: 1, day: 1)!, precision: .year, written: s)
        }
        if count == 2, firstDigits == 4, parts.0 >= 1000 {
            guard let d = CivilDate(year: parts.0, month: parts.1, day: 1) else {
                throw ValueProblem("bad-date", .notACalendarDate(written: s))
            }
            return DateValue(d, precision: .month, written: s)
        }
        guard count == 3, parts.0 >= 1000 else {
            throw ValueProblem("bad-date", .notADateLike(written: s))
        }
        guard let d = CivilDate(year: parts.0, month: parts.1, day: parts.2) else {
            throw ValueProblem("bad-date", .notACalendarDate(written: s))
        }
        return DateValue(d)
    }

    /// A date written with words rather than digits alone: in numerals (二〇二四年三月八日, 二零二四年十二月
    /// 三十一日, 2024年三月), a quarter (2024年一季度, 2024年第1季度, 2024Q1), or a third of a month (2024年3月上旬,
    /// 中旬, 下旬); nil when the text is none of these (the digit parser then decides).
    static func wordedDate(_ s: String) throws(ValueProblem) -> DateValue? {
        // A quarter alone: the whole text is the quarter a title would state.
        if s.contains("季") || s.uppercased().contains("Q"), let stated = Period.stated(in: s), stated.period.kind == .quarter,
           stated.words == TextNormalizer.compact(s).uppercased() {
            return DateValue(stated.period.start, precision: .quarter, written: s)
        }
        for (word, day) in [("上旬", 1), ("中旬", 11), ("下旬", 21)] where s.hasSuffix(word) {
            guard let month = try dateValue(text: String(s.dropLast(word.count))), month.precision == .month else {
                throw ValueProblem("bad-date", .notADateLike(written: s))
            }
            return DateValue(CivilDate(year: month.date.year, month: month.date.month, day: day)!, precision: .tenDays, written: s)
        }
        guard let digits = numeralDate(s) else { return nil }
        var v = try dateValue(text: digits)
        if v?.precision != .day { v?.written = s }
        return v
    }

    /// 二〇二四年三月八日 in digits (2024年3月8日): the year digit by digit (〇, ○ and 零 are 0), month and day as
    /// numbers (十二, 三十一); nil when the text has no numeral or is not 年/月/日 parts of numerals and digits.
    static func numeralDate(_ s: String) -> String? {
        let scalars = Array(s.unicodeScalars)
        guard scalars.contains(where: { $0.value >= 0x3000 && ($0 == "○" || $0 == "十" || ChineseNumber.digit($0) != nil) }) else { return nil }
        var out = "", part: [Unicode.Scalar] = [], field = 0
        for u in scalars {
            guard u == "年" || u == "月" || u == "日" || u == "号" else { part.append(u); continue }
            guard !part.isEmpty else { return nil }
            if field == 0 && u == "年" {
                // The year digit by digit: 二〇二四.
                var year = ""
                for d in part {
                    guard let v = d == "○" ? 0 : ChineseNumber.digit(d) else { return nil }
                    year += String(v)
                }
                out += year + "年"
            } else {
                let text = String(String.UnicodeScalarView(part))
                guard let v = part.allSatisfy({ $0.isASCII }) ? Int64(text) : ChineseNumber.value(of: text) else { return nil }
                out += String(v) + String(u)
            }
            field += 1
            part = []
        }
        return part.isEmpty && field > 0 ? out : nil
    }

    /// A date from an Excel serial number in a General cell.
    static func serial(_ n: Double, system: ExcelDateSystem, shown: String) throws(ValueProblem) -> CivilDate {
        // 1 = 1900-01-01 … 2958465 = 9999-12-31; anything else is not a plausible date.
        guard n >= 1, n < 2_958_466, let t = system.dateTime(fromSerial: n) else {
            throw ValueProblem("bad-date", .notADate(written: shown))
        }
        return t.date
    }

    /// A yes/no flag: 是/否, 有/无, Y/N, √/×, 1/0, TRUE/FALSE.
    public static func flag(_ cell: Cell) throws(ValueProblem) -> Bool? {
        if case .bool(let b) = cell { return b }
        guard let s = text(cell) else { return nil }
        switch s.lowercased() {
        case "是", "有", "已建", "已建立", "已覆盖", "y", "yes", "true", "√", "✓", "✔", "1", "建立", "已成立", "成立", "已组建", "组建",
             "建成", "已建成", "覆盖", "已有": return true
        case "否", "无", "未建", "未建立", "未覆盖", "n", "no", "false", "×", "✗", "✘", "0", "/", "-", "未成立", "未组建", "未建成", "没有",
             "暂无", "不覆盖": return false
        default: throw ValueProblem("bad-flag", .notYesNo(written: s))
        }
    }

    /// A date, or 是 (yes, date unknown: ``FlagDate/yesUnknownDate``) / 否 or blank (none).
    public static func flagDate(_ cell: Cell, system: ExcelDateSystem) throws(ValueProblem) -> FlagDate {
        try flagDateValue(cell, system: system).flag
    }

    /// ``flagDate(_:system:)`` with the date as written (its precision), nil for 是/否/blank.
    ///
    /// A yes with its date is read too: `是（2019年）`, `已建(2019.6)`, `2020.5建成`, `2019年6月建立`.
    public static func flagDateValue(_ cell: Cell, system: ExcelDateSystem) throws(ValueProblem) -> (flag: FlagDate, date: DateValue?) {
        if case .text(let t) = cell, let b = try? flag(.text(t)) { return (b ? .yesUnknownDate : .none, nil) }
        if case .bool(let b) = cell { return (b ? .yesUnknownDate : .none, nil) }
        if case .text(let t) = cell, let d = datedYes(TextNormalizer.compact(t), system: system) { return (.date(d.date), d) }
        guard let d = try dateValue(cell, system: system) else { return (.none, nil) }
        return (.date(d.date), d)
    }

    /// A yes written with its date: the date in brackets after a yes (`是（2019年）`), or before the word
    /// for building it (`2020.5建成`, `2019年6月建立`, `2018年成立`); nil for anything else.
    static func datedYes(_ s: String, system: ExcelDateSystem) -> DateValue? {
        guard s.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return nil }
        var inner: Substring? = nil
        if s.last == ")", let open = s.firstIndex(of: "("), open != s.startIndex,
           (try? flag(.text(String(s[..<open])))) == true {
            inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
        } else {
            for word in ["已建成", "建成", "已建立", "建立", "已成立", "成立", "组建", "挂牌", "建"] where s.hasSuffix(word) && s.count > word.count {
                inner = s.dropLast(word.count)
                break
            }
        }
        guard let inner, !inner.isEmpty, let d = (try? dateValue(.text(String(inner)), system: system)) ?? nil else { return nil }
        return d
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
            throw ValueProblem("bad-amount", .notAnAmount(written: cell.displayText))
        }
        switch result {
        case .success(let m): return m
        case .failure(.fractionOfFen): throw ValueProblem("bad-amount", .belowOneFen(written: shown))
        case .failure(.tooLarge): throw ValueProblem("bad-amount", .amountTooLarge(written: shown))
        case .failure(.notANumber): throw ValueProblem("bad-amount", .notAnAmount(written: shown))
        }
    }

    /// A whole number ≥ 0 from a number cell or text (`1,200`, full-width digits, `50人`, `30名`, `五十人`,
    /// `50人（其中妇女40人）`).
    public static func count(_ cell: Cell) throws(ValueProblem) -> Int64? {
        try countValue(cell).value
    }

    /// ``count(_:)`` that also reads an approximate count (约200, 大约50人, 近300, 50余人, 30余名, 200多人,
    /// 200人左右, 300人以上, 100+, 100-120人: its lower end) as its number, saying so.
    public static func countValue(_ cell: Cell) throws(ValueProblem) -> (value: Int64?, approximate: Bool) {
        do {
            return (try exactCount(cell), false)
        } catch {
            guard case .text(let t) = cell else { throw error }
            var s = TextNormalizer.compact(t)
            var marked = false
            for prefix in ["大约", "约", "近", "逾", "超过", "共计", "共"] where s.hasPrefix(prefix) {
                s.removeFirst(prefix.count)
                marked = true
                break
            }
            for suffix in ["左右", "以上", "余人次", "余人", "余名", "余位", "余次", "多人次", "多人", "多名", "多位", "多次", "余", "多", "+"]
            where s.hasSuffix(suffix) {
                s.removeLast(suffix.count)
                marked = true
                break
            }
            // 100-120人: a range, taken as its lower end.
            if let r = s.dropFirst().firstIndex(where: spanSeparators.contains) {
                let low = String(s[..<r]), high = String(s[s.index(after: r)...])
                if let a = (try? exactCount(.text(low))) ?? nil, let b = (try? exactCount(.text(high))) ?? nil, a < b {
                    s = low
                    marked = true
                }
            }
            guard marked, !s.isEmpty, let v = try? exactCount(.text(s)) else { throw error }
            return (v, true)
        }
    }

    private static func exactCount(_ cell: Cell) throws(ValueProblem) -> Int64? {
        switch cell {
        case .empty: return nil
        case .number(let n):
            guard n == n.rounded(), n >= 0, n < 1e15 else {
                throw ValueProblem("bad-number", .notAWholeNumber(written: Cell.format(number: n)))
            }
            return Int64(n)
        case .text(let t):
            var s = TextNormalizer.compact(t)
            if s.utf8.contains(UInt8(ascii: ",")) { s.removeAll { $0 == "," } }
            // 50人（其中妇女40人）, 50人，其中妇女40人: the count, then its breakdown.
            if s.utf8.count > 6, let r = s.range(of: "其中"), r.lowerBound > s.startIndex {
                s = String(s[..<r.lowerBound])
                while let last = s.last, "(（,，;；:：".contains(last) { s.removeLast() }
            }
            for suffix in ["人次", "人", "名", "位", "个", "家", "户", "次", "场"] where s.utf8.count > 0 && s.utf8.last! >= 0x80 && s.hasSuffix(suffix) {
                s.removeLast(suffix.count)
                break
            }
            if s.isEmpty { return nil }
            if let v = Int64(s), v >= 0 { return v }
            if let d = Double(s), d == d.rounded(), d >= 0, d < 1e15 { return Int64(d) }
            // 五十人, 一百二十: a count in numerals.
            if let v = ChineseNumber.value(of: s) { return v }
            throw ValueProblem("bad-number", .notAWholeNumber(written: TextNormalizer.compact(t)))
        default:
            throw ValueProblem("bad-number", .notAWholeNumber(written: cell.displayText))
        }
    }

    /// A phone number as written, spaces removed: a mobile number (11 digits, `+86` allowed), a landline
    /// with or without its area code (`0571-8888 1234`, `(0571)88881234`, 7–12 digits, an extension after
    /// 转 or `-` allowed), or several separated by `/`, `、`, `,` or `;`. A number cell is its digits.
    /// Fewer than 7 digits, or letters, is `bad-phone` (the message masks the digits).
    public static func phone(_ cell: Cell) throws(ValueProblem) -> String? {
        let s: String
        switch cell {
        case .empty: return nil
        case .number(let n):
            guard n == n.rounded(), n >= 0 else { throw ValueProblem("bad-phone", .notAPhone(written: Masking.scrub(Cell.format(number: n)))) }
            s = Cell.format(number: n)
        case .text(let t):
            s = withoutTextMark(TextNormalizer.compact(t))
            if s.isEmpty { return nil }
        default:
            throw ValueProblem("bad-phone", .notAPhone(written: cell.displayText))
        }
        for part in s.split(whereSeparator: { "/、,，;；".contains($0) }) {
            var number = Substring(part)
            if let ext = number.firstIndex(of: "转") { number = number[..<ext] }
            if number.hasPrefix("+86") { number = number.dropFirst(3) }
            var digits = 0
            for u in number.unicodeScalars {
                if u.value >= 48 && u.value <= 57 { digits += 1 }
                else if u != "-" && u != "(" && u != ")" && u != "—" {
                    throw ValueProblem("bad-phone", .notAPhone(written: Masking.scrub(s)))
                }
            }
            // 12 digits: an area code of 4 and a number of 8; more is an extension written after a hyphen.
            guard digits >= 7 else {
                throw ValueProblem("bad-phone", .tooFewPhoneDigits(written: Masking.scrub(s), digits: digits))
            }
        }
        return s
    }

    /// An ID number, typed with spaces or hyphens between the groups or not. A number cell of 16 or
    /// more digits, scientific notation, or a failing number ending in 000 is `lost-digits` (Excel
    /// turned it into a float), never loaded as somebody else; a 15-digit legacy number in a number
    /// cell is complete (a double holds 15 digits exactly) and read like the text.
    public static func idNumber(_ cell: Cell) throws(ValueProblem) -> IDNumber? {
        switch cell {
        case .empty: return nil
        case .number(let n):
            if n >= 1e15 || n != n.rounded() || n < 0 {
                throw ValueProblem("lost-digits", .idStoredAsNumber)
            }
            return try idNumber(text: String(Int64(n)))
        case .text(let t):
            return try idNumber(text: t)
        default:
            throw ValueProblem("bad-id", .notAnIDNumber(written: cell.displayText))
        }
    }

    /// What stands between the two ends of a span: of days (2024.4.20—4.21), of a term (2021.3-2026.3), of a
    /// count (100-120人).
    static let spanSeparators: Set<Character> = ["-", "—", "–", "~", "～", "至", "到", "－"]

    /// A span of days written in one text cell (already compacted), as an event's 举办时间 often is:
    /// `2024.4.20—4.21`, `2024年4月13日-14日`, `2024年5月10日至12日`, `2024-04-20~2024-04-22`,
    /// `2024.12.30-1.2` (the end in the next year). Its first day is the date, with a `date-span` warning.
    /// Nil unless the text is a full date, one of -, —, –, ~, ～, 至, 到, and a later day, month-day or
    /// date within a year.
    static func daySpan(_ s: String) -> DateValue? {
        // A plain date has at most three numbers; a time (14:30) is no span.
        var groups = 0, inDigits = false
        for b in s.utf8 {
            if b == UInt8(ascii: ":") { return nil }
            let digit = b >= 48 && b <= 57
            if digit && !inDigits { groups += 1 }
            inDigits = digit
        }
        guard groups >= 4 else { return nil }
        for i in s.indices where spanSeparators.contains(s[i]) {
            var left = Substring(s[..<i]), right = Substring(s[s.index(after: i)...])
            // 13日-14日, 4月20日至21日 (also 号); 2024.4.20—4.21.
            while let last = right.last, last == "日" || last == "号" { right = right.dropLast() }
            while let last = left.last, last == "日" || last == "号" { left = left.dropLast() }
            guard !left.isEmpty, !right.isEmpty, let startValue = ((try? dateValue(text: String(left))) ?? nil),
                  startValue.precision == .day else { continue }
            let start = startValue.date
            var end: CivilDate?
            if let full = ((try? dateValue(text: String(right))) ?? nil), full.precision == .day, full.date.year >= 1000 {
                end = full.date
            } else if let md = monthDay(.text(String(right))) {
                end = CivilDate(year: start.year, month: md.month, day: md.day)
                if let e = end, e <= start, md.month < start.month { end = CivilDate(year: start.year + 1, month: md.month, day: md.day) }
            } else if right.count <= 2, let d = Int(right) {
                end = CivilDate(year: start.year, month: start.month, day: d)
            }
            guard let end, end > start, end.daysSince1970 - start.daysSince1970 <= 366 else { continue }
            return DateValue(spanFrom: start, to: end, written: s)
        }
        return nil
    }

    /// A term written as a span in one text cell: 2021.3-2026.3, 2021年3月—2026年3月, 2021-03-01至2026-02-28,
    /// 2021年3月至今 (ongoing: no end). Nil when the text is not two dates (or a date and 至今) around one
    /// of -, —, –, ~, ～, 至, 到.
    public static func termSpan(_ text: String) -> (start: DateValue, end: DateValue?)? {
        var s = TextNormalizer.compact(text)
        for ongoing in ["至今", "到今", "今"] where s.hasSuffix(ongoing) {
            s.removeLast(ongoing.count)
            while let last = s.last, spanSeparators.contains(last) { s.removeLast() }
            guard let start = ((try? dateValue(text: s)) ?? nil) else { return nil }
            return (start, nil)
        }
        for i in s.indices where spanSeparators.contains(s[i]) {
            let left = String(s[..<i]), right = String(s[s.index(after: i)...])
            guard !left.isEmpty, !right.isEmpty, let start = ((try? dateValue(text: left)) ?? nil),
                  let end = ((try? dateValue(text: right)) ?? nil) else { continue }
            return (start, end)
        }
        return nil
    }

    /// A number written as text with the mark that keeps a spreadsheet from reading it as a number, without
    /// the mark: a typed apostrophe ('110101…, also a curly or back quote) or a CSV formula (="110101…"),
    /// which exports write so that Excel keeps an ID number's, a phone's or a code's digits.
    public static func withoutTextMark(_ s: String) -> String {
        guard let first = s.utf8.first,
              first == UInt8(ascii: "'") || first == UInt8(ascii: "`") || first == UInt8(ascii: "=") || first == 0xE2 else { return s }
        if s.hasPrefix("=\"") { return s.hasSuffix("\"") && s.count > 3 ? String(s.dropFirst(2).dropLast()) : s }
        if first == 0xE2 && !(s.hasPrefix("\u{2018}") || s.hasPrefix("\u{2019}")) { return s }
        return first == UInt8(ascii: "=") ? s : String(s.dropFirst())
    }

    /// What clerks type into an ID cell they leave empty.
    static let idPlaceholders: Set<String> = ["无", "暂无", "没有", "/", "//", "—", "——", "--", "未提供", "不详", "无证", "无身份证", "空", "待补"]

    /// An ID number typed as text (see ``idNumber(_:)``).
    static func idNumber(text t: String) throws(ValueProblem) -> IDNumber? {
        var s = withoutTextMark(TextNormalizer.compact(t))
        // 无, 暂无, /: the clerk's way of leaving the cell empty (a person without an ID number on file).
        if s.utf8.count <= 12, idPlaceholders.contains(s) { return nil }
        // 110101900307001.0: a number written out by a program that read it as a float.
        if s.utf8.count > 2, s.hasSuffix(".0"), s.utf8.dropLast(2).allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            s.removeLast(2)
            if s.utf8.count > 15 {
                throw ValueProblem("lost-digits", .idWrittenFromNumber)
            }
        }
        // A valid number is the common case, and holds no E or point: the checks below only
        // name what is wrong with the others.
        let parsed = IDNumber.parse(s)
        if case .success(let id) = parsed { return id }
        let parsedFrom = s
        // 110101-19900307-001X: the groups' hyphens are no part of the number the messages show.
        s.unicodeScalars.removeAll { "-_\u{2010}\u{2013}\u{2014}\u{2212}".unicodeScalars.contains($0) }
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
            throw ValueProblem("lost-digits", .idInScientificNotation)
        }
        switch parsed {
        case .success(let id): return id
        case .failure(.badCheckDigit):
            if s.hasSuffix("000") {
                throw ValueProblem("lost-digits", .idEndsIn000(masked: Masking.idNumber(s)))
            }
            throw ValueProblem("bad-check-digit", .idBadCheckDigit(masked: Masking.idNumber(s)))
        case .failure(.badBirthDate):
            throw ValueProblem("bad-id", .idImpossibleBirthDate(masked: Masking.idNumber(s)))
        case .failure(.malformed):
            throw ValueProblem("bad-id", CellParsing.malformedID(parsedFrom, shown: Masking.scrub(s)))
        }
    }
}

extension CellParsing {
    /// What is wrong with an ID number ``IDNumber/parse(_:)`` calls malformed, decided as it decides
    /// (on the text it was given): 18 characters that are not 17 digits and a check character, 15 that
    /// are not all digits, or another length. `shown` is the number as the message shows it (masked).
    static func malformedID(_ text: String, shown: String) -> ImportMessage {
        var t = text
        let separators = "-_\u{2010}\u{2013}\u{2014}\u{2212}".unicodeScalars
        if t.utf8.count != 18, t.unicodeScalars.contains(where: { separators.contains($0) }) {
            t.unicodeScalars.removeAll { separators.contains($0) }
        }
        if t.utf8.count == 18 { return .idNotDigits(masked: shown) }
        if t.utf8.count == 15 { return .idFifteenNotDigits(masked: shown) }
        return .idWrongLength(masked: shown, length: t.count)
    }
}

/// A value that is present but cannot be read: a category (`bad-date`) and a sentence.
public struct ValueProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable category.
    public var category: String
    /// A sentence for people (personal data masked).
    public var message: Message

    /// Creates a problem.
    public init(_ category: String, _ message: ImportMessage) {
        self.category = category
        self.message = .importing(message)
    }

    /// The message in the current language.
    public var description: String { message.text() }
}

/// How much of a date was written: a full date, or a month or a year alone.
public enum DatePrecision: Sendable, Hashable {
    /// Year, month and day.
    case day
    /// A year and a month (2018年6月): taken as the first of the month.
    case month
    /// A year alone (2018年): taken as 1 January.
    case year
    /// A quarter (2024年一季度, 2024年第1季度, 2024Q1): taken as its first day.
    case quarter
    /// A third of a month (2024年3月上旬, 中旬, 下旬): taken as its first day (the 1st, 11th or 21st).
    case tenDays
}

/// A date as read from a cell, with the precision it was written in.
public struct DateValue: Sendable, Hashable {
    /// The date (the first day of the month or year when only those were written).
    public var date: CivilDate
    /// How much of it was written.
    public var precision: DatePrecision
    /// The text as written (compacted), for the `partial-date` and `date-span` warnings; empty for full dates.
    public var written: String
    /// The last day, when the cell gave a span of days (2024.4.20—4.21); ``date`` is then its first.
    public var spanEnd: CivilDate?

    /// A full date.
    public init(_ date: CivilDate) {
        self.date = date
        precision = .day
        written = ""
    }

    /// The first day of a span of days written in one cell, and its last.
    public init(spanFrom start: CivilDate, to end: CivilDate, written: String) {
        date = start
        precision = .day
        self.written = written
        spanEnd = end
    }

    /// A date of the given precision, as written.
    public init(_ date: CivilDate, precision: DatePrecision, written: String) {
        self.date = date
        self.precision = precision
        self.written = written
    }

    /// The warning for what the date was taken from: `partial-date` for a month or year alone (`2018年6月 is
    /// a month only; taken as 2018-06-01`), `date-span` for a span of days; nil for a full date.
    public var warning: ValueProblem? {
        switch precision {
        case .day: spanEnd.map { ValueProblem("date-span", .daySpan(written: written, start: date.iso, end: $0.iso)) }
        case .month: ValueProblem("partial-date", .monthOnly(written: written, taken: date.iso))
        case .year: ValueProblem("partial-date", .yearOnly(written: written, taken: date.iso))
        case .quarter: ValueProblem("partial-date", .quarterOnly(written: written, taken: date.iso))
        case .tenDays: ValueProblem("partial-date", .tenDaysOnly(written: written, taken: date.iso))
        }
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
