/// The epoch a workbook counts its date serial numbers from.
///
/// Excel for Windows counts from 1900 and, to stay compatible with Lotus 1-2-3, believes 1900 was a leap
/// year: serial 60 is the non-existent 1900-02-29. Old Mac workbooks (and a `date1904` flag) count from 1904.
public enum ExcelDateSystem: String, Sendable, Hashable {
    /// Serial 1 = 1900-01-01, serial 61 = 1900-03-01 (serial 60, "1900-02-29", does not exist).
    case system1900 = "1900"
    /// Serial 0 = 1904-01-01.
    case system1904 = "1904"

    /// Converts a serial number to a date and time of day, or nil when it names no real instant.
    ///
    /// Serial 60 in the 1900 system (the phantom leap day), negative serials and serials past 9999-12-31
    /// give nil. The fraction is the time of day, rounded to the nearest second.
    public func dateTime(fromSerial serial: Double) -> CivilDateTime? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var whole = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(whole)) * 86_400).rounded())
        if seconds >= 86_400 {
            whole += 1
            seconds -= 86_400
        }
        switch self {
        case .system1900:
            if whole == 60 || whole == 0 { return nil }
            // 1899-12-31 is day 0 before the phantom leap day, 1899-12-30 after it.
            let epoch = whole < 60 ? -25_568 : -25_569  // 1899-12-31, 1899-12-30 in days since 1970
            return CivilDateTime(date: CivilDate(daysSince1970: epoch + whole), secondsOfDay: seconds)
        case .system1904:
            return CivilDateTime(date: CivilDate(daysSince1970: -24_107 + whole), secondsOfDay: seconds)
        }
    }

    /// Converts a date back to its serial number in this system (the inverse of ``dateTime(fromSerial:)``).
    public func serial(of date: CivilDate) -> Int {
        let d = date.daysSince1970
        switch self {
        case .system1900:
            let s = d + 25_569
            return s <= 60 ? s - 1 : s
        case .system1904:
            return d + 24_107
        }
    }
}
