import Foundation

/// Times a person reads: the machine's time zone, to the minute (`2026-12-01 20:32`), never UTC with a `Z`.
///
/// The store keeps UTC ISO 8601 (`2026-12-01T12:32:00Z`); status lines and summaries show it with this.
///
/// ```swift
/// LocalTime.text(iso: "2026-12-01T12:32:00Z")   // "2026-12-01 20:32" in Asia/Shanghai
/// ```
public enum LocalTime {
    /// A moment as `yyyy-MM-dd HH:mm` in `zone` (the machine's by default).
    public static func text(_ date: Date, zone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    /// A stored UTC ISO 8601 timestamp in local time; a text that is not one is returned as it is.
    public static func text(iso: String, zone: TimeZone = .current) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        guard let date = f.date(from: iso) else { return iso }
        return text(date, zone: zone)
    }
}
