import Foundation

/// A reporting period: a closed range of days with a label the statistician typed.
///
/// Accepted forms: `2024` (year), `2024H1` (half), `2024Q1` (quarter), `2024-03` (month) and
/// `2024-01-01..2024-03-31` (any range of days, both ends included).
public struct Period: Hashable, Sendable, CustomStringConvertible {
    /// What kind of period it is; decides how the previous period is found.
    public enum Kind: String, Sendable, Hashable {
        case year, half, quarter, month, range
    }

    /// The kind.
    public let kind: Kind
    /// The first day, included.
    public let start: CivilDate
    /// The last day, included.
    public let end: CivilDate

    /// Why a period text was not understood.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        /// The text as typed.
        public let text: String
        public var description: String {
            "'\(text)' is not a period. Use 2024, 2024H1, 2024Q1, 2024-03 or 2024-01-01..2024-03-31."
        }
    }

    /// Creates a period from its kind and bounds (no check that the bounds match the kind).
    public init(kind: Kind, start: CivilDate, end: CivilDate) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// Parses one of the accepted forms.
    public init(parsing text: String) throws {
        let s = TextNormalizer.compact(text).uppercased()
        func year(_ t: Substring) -> Int? {
            guard t.count == 4, t.allSatisfy(\.isASCII), let y = Int(t), (1900...9999).contains(y) else { return nil }
            return y
        }
        if let range = s.range(of: "..") {
            guard let a = CivilDate(iso: String(s[..<range.lowerBound])),
                  let b = CivilDate(iso: String(s[range.upperBound...])), a <= b else { throw ParseError(text: text) }
            self.init(kind: .range, start: a, end: b)
        } else if let y = year(s[...]) {
            self.init(kind: .year, start: CivilDate(year: y, month: 1, day: 1)!, end: CivilDate(year: y, month: 12, day: 31)!)
        } else if s.count == 6, let y = year(s.prefix(4)), let n = Int(s.suffix(1)) {
            let tag = s.dropFirst(4).prefix(1)
            if tag == "Q", (1...4).contains(n) {
                let first = CivilDate(year: y, month: 3 * n - 2, day: 1)!
                self.init(kind: .quarter, start: first, end: first.adding(months: 2).lastOfMonth)
            } else if tag == "H", (1...2).contains(n) {
                let first = CivilDate(year: y, month: 6 * n - 5, day: 1)!
                self.init(kind: .half, start: first, end: first.adding(months: 5).lastOfMonth)
            } else {
                throw ParseError(text: text)
            }
        } else if s.count == 7, s.dropFirst(4).first == "-", let y = year(s.prefix(4)), let m = Int(s.suffix(2)),
                  let first = CivilDate(year: y, month: m, day: 1) {
            self.init(kind: .month, start: first, end: first.lastOfMonth)
        } else {
            throw ParseError(text: text)
        }
    }

    /// The label: `2024Q1`, `2024H2`, `2024`, `2024-03`, `2024-01-01..2024-02-15`.
    public var label: String {
        switch kind {
        case .year: return "\(start.year)"
        case .half: return "\(start.year)H\(start.month <= 6 ? 1 : 2)"
        case .quarter: return "\(start.year)Q\((start.month - 1) / 3 + 1)"
        case .month: return String(start.iso.prefix(7))
        case .range: return "\(start.iso)..\(end.iso)"
        }
    }

    /// A Chinese label for titles: `2024年第一季度`, `2024年上半年`, `2024年3月`, `2024年`.
    public var chineseLabel: String {
        switch kind {
        case .year: return "\(start.year)年"
        case .half: return "\(start.year)年\(start.month <= 6 ? "上" : "下")半年"
        case .quarter: return "\(start.year)年第\(["一", "二", "三", "四"][(start.month - 1) / 3])季度"
        case .month: return "\(start.year)年\(start.month)月"
        case .range: return "\(start.iso)至\(end.iso)"
        }
    }

    public var description: String { label }

    /// The number of days in the period.
    public var dayCount: Int { end.daysSince1970 - start.daysSince1970 + 1 }

    /// Whether a date lies in the period (both ends included).
    public func contains(_ d: CivilDate) -> Bool { d >= start && d <= end }

    /// The period just before (环比 base): the previous quarter, half, month or year; for a range, the
    /// same number of days ending the day before it starts.
    public var previous: Period {
        switch kind {
        case .year: return shifted(months: -12)
        case .half: return shifted(months: -6)
        case .quarter: return shifted(months: -3)
        case .month: return shifted(months: -1)
        case .range: return Period(kind: .range, start: start.adding(days: -dayCount), end: start.adding(days: -1))
        }
    }

    /// The same period one year earlier (同比 base).
    public var yearAgo: Period {
        if kind == .range {
            return Period(kind: .range, start: start.adding(months: -12), end: end.adding(months: -12))
        }
        return shifted(months: -12)
    }

    private func shifted(months: Int) -> Period {
        let s = start.adding(months: months)
        return Period(kind: kind, start: s, end: end.adding(months: months).lastOfMonth)
    }
}
