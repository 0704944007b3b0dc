/// An age band of the members composition, with the stable code reports and JSON use (`<30`, `30-39` … `unknown`).
///
/// ```swift
/// AgeBand(rawValue: "60+")                    // .sixtyAndOver
/// Label.ageBand(.unknown).text(.zh)           // 未知
/// ```
public enum AgeBand: String, Sendable, Hashable, Codable, CaseIterable {
    /// Under 30 on the period's last day.
    case under30 = "<30"
    /// 30 to 39.
    case thirties = "30-39"
    /// 40 to 49.
    case forties = "40-49"
    /// 50 to 59.
    case fifties = "50-59"
    /// 60 and over.
    case sixtyAndOver = "60+"
    /// No birth date, or one after the period's last day.
    case unknown
}
