/// A calendar date without time zone (proleptic Gregorian), the way dates appear in the store: ISO `2024-01-05`.
///
/// Dates in federation files are civil dates: a disbursement "paid on 2024年1月5日" happened on that day in
/// local time, whatever the machine's time zone is. `CivilDate` keeps exactly that and nothing more.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, e.g. 2024.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…31.
    public let day: Int

    /// Creates a date, or returns nil when the combination does not exist (2024-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates the date that lies `days` days after 1970-01-01 (negative: before).
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Parses an ISO date `YYYY-MM-DD` exactly; anything else is nil.
    public init?(iso: String) {
        let b = Array(iso.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = CivilDate.digits(b[0..<4]), let m = CivilDate.digits(b[5..<7]),
              let d = CivilDate.digits(b[8..<10]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSince1970: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The ISO 8601 form, `2024-01-05`.
    public var iso: String { withISOBytes { String(decoding: $0, as: UTF8.self) } }

    /// Calls `body` with the ten bytes of ``iso`` (no string is built: for binding to a statement).
    public func withISOBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        // Digit by digit without a loop (written for every row an import stores: issue #17); the digit of
        // v / 10ᵏ is the one dividing by ten k times gives, so the bytes are those of the loop they replace.
        @inline(__always) func digit(_ v: Int) -> UInt8 { UInt8(truncatingIfNeeded: 48 + v % 10) }
        let y = year, m = month, d = day
        var b: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), 45, digit(m / 10), digit(m), 45, digit(d / 10), digit(d))
        return try withUnsafeBytes(of: &b) { raw in
            try body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 10))
        }
    }

    public var description: String { iso }

    /// The date `n` days later (earlier when negative).
    public func adding(days n: Int) -> CivilDate { CivilDate(daysSince1970: daysSince1970 + n) }

    /// The same day `n` months later, clamped to the month's last day (2024-03-31 minus one month is 2024-02-29).
    public func adding(months n: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + n
        let y = total / 12, m = total % 12 + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y)))!
    }

    /// The first day of this date's month.
    public var firstOfMonth: CivilDate { CivilDate(year: year, month: month, day: 1)! }

    /// The last day of this date's month.
    public var lastOfMonth: CivilDate {
        CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    private static func digits(_ s: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for c in s {
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }
}

extension CivilDate: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = CivilDate(iso: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO date: \(s)")
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// A civil date with a time of day, as held by a date-time cell (`2024-01-05 14:30:00`).
public struct CivilDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The date part.
    public let date: CivilDate
    /// Seconds since midnight, 0…86399.
    public let secondsOfDay: Int

    /// Creates a date-time; `secondsOfDay` is clamped into one day.
    public init(date: CivilDate, secondsOfDay: Int = 0) {
        self.date = date
        self.secondsOfDay = max(0, min(86_399, secondsOfDay))
    }

    /// ISO form: `2024-01-05T14:30:00`.
    public var iso: String {
        let h = secondsOfDay / 3600, m = secondsOfDay / 60 % 60, s = secondsOfDay % 60
        func p(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date.iso)T\(p(h)):\(p(m)):\(p(s))"
    }

    public var description: String { iso }

    public static func < (a: CivilDateTime, b: CivilDateTime) -> Bool {
        (a.date, a.secondsOfDay) < (b.date, b.secondsOfDay)
    }
}
