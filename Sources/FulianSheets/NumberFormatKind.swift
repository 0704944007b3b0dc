import FulianCore

/// What a cell's number format shows a number as, which decides the ``Cell`` case a reader returns.
///
/// Shared by the XLSX reader (`numFmt` codes and built-in `numFmtId`s) and the XLS reader (FORMAT and XF
/// records): both classify a format once per style, then turn each numeric cell with
/// ``cell(serial:dateSystem:)``.
///
/// ```swift
/// NumberFormatKind(code: "yyyy\"年\"m\"月\"d\"日\"")   // .date
/// NumberFormatKind(code: "[h]:mm:ss")                 // .duration
/// NumberFormatKind.builtIn(20)                        // .time  (h:mm)
/// NumberFormatKind.builtIn(20).cell(serial: 0.625, dateSystem: .system1900)   // .time(54000)
/// ```
enum NumberFormatKind: Sendable, Hashable {
    /// Not a date or time format (General, `0.00`, `#,##0"元"`, `0.00%`, text `@` …).
    case number
    /// A calendar date without a time of day (`yyyy-mm-dd`, built-in 14, `m"月"d"日"`).
    case date
    /// A date with a time of day (`m/d/yy h:mm`, built-in 22).
    case dateTime
    /// A time of day without a date (`h:mm`, `hh:mm:ss`, `上午/下午h"时"mm"分"`).
    case time
    /// An elapsed time: the format has `[h]`, `[m]` or `[s]` (`[h]:mm:ss`, `[mm]:ss`, built-in 46).
    case duration

    /// The kind of a built-in format id (ECMA-376 §18.8.30, with the East Asian ids 27–36 and 50–58 as
    /// Chinese, Japanese and Korean Excel define them; an id with no built-in format is a number).
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17, 27...31, 36, 50...54, 57, 58: return .date
        case 22: return .dateTime
        case 18...21, 32...35, 45, 47, 55, 56: return .time
        case 46: return .duration
        default: return .number
        }
    }

    /// Classifies a custom format code by its first section (the one for positive numbers).
    ///
    /// Date parts are `y`, `d`, `e` (East Asian era year) and `m` unless it means minutes (right after an
    /// `h` or right before an `s`); time parts are `h`, `s` and minutes; `[h]`, `[m]`, `[s]` make it elapsed.
    /// Quoted text, `\`-escapes, `_`/`*` fills, other brackets (`[Red]`, `[$-804]`, `[DBNum1]`), `AM/PM`,
    /// `A/P` and the word `General` are skipped. A digit placeholder (`0 # ?`) or `@` before any date or
    /// time part makes it a number format (`0.00E+00`, `0" days"`).
    init(code: String) {
        let section = Array(code.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        // The date and time letters in order, lower-cased, one entry per run (`yyyy` → y).
        var parts: [Character] = []
        var elapsed = false
        var i = 0
        func at(_ k: Int) -> Character? { k >= 0 && k < section.count ? section[k] : nil }
        func matches(_ word: String) -> Bool {
            let w = Array(word)
            guard i + w.count <= section.count else { return false }
            for j in 0..<w.count where section[i + j].lowercased() != String(w[j]) { return false }
            return true
        }
        scan: while i < section.count {
            let ch = section[i]
            switch ch {
            case "\"":
                i += 1
                while i < section.count, section[i] != "\"" { i += 1 }
                i += 1
            case "\\", "_", "*":
                i += 2
            case "[":
                var j = i + 1
                while j < section.count, section[j] != "]" { j += 1 }
                let inside = String(section[min(i + 1, section.count)..<min(j, section.count)]).lowercased()
                if !inside.isEmpty, let first = inside.first, "hms".contains(first), inside.allSatisfy({ $0 == first }) {
                    elapsed = true
                    parts.append(first)
                }
                i = j + 1
            default:
                if matches("general") { i += 7; continue }
                if matches("am/pm") { i += 5; continue }
                if matches("a/p") { i += 3; continue }
                let lower = Character(ch.lowercased())
                switch lower {
                case "y", "d", "e", "h", "s", "m":
                    // One entry per run of the same letter (`yyyy` is one year part).
                    if at(i - 1).map({ Character($0.lowercased()) }) != lower { parts.append(lower) }
                    i += 1
                case "0", "#", "?", "@":
                    // A digit placeholder first: a number format (`0.00E+00`: its E is an exponent).
                    if parts.isEmpty { self = .number; return }
                    i += 1
                    if ch == "@" { break scan }
                default:
                    i += 1
                }
            }
        }
        var hasDate = false, hasTime = elapsed
        for (k, p) in parts.enumerated() {
            switch p {
            case "y", "d", "e": hasDate = true
            case "h", "s": hasTime = true
            case "m":
                let minute = (k > 0 && parts[k - 1] == "h") || (k + 1 < parts.count && parts[k + 1] == "s")
                if minute { hasTime = true } else { hasDate = true }
            default: break
            }
        }
        if elapsed { self = .duration }
        else if hasDate && hasTime { self = .dateTime }
        else if hasDate { self = .date }
        else if hasTime { self = .time }
        else { self = .number }
    }

    /// Whether numbers in this format are dates, times or durations rather than plain numbers.
    var isTemporal: Bool { self != .number }

    /// The cell a stored number shows as in this format.
    ///
    /// - number: `.number`.
    /// - duration: `.duration` in seconds (rounded to the millisecond), negative ones too.
    /// - time: `.time` in seconds since midnight for a serial in [0, 1); a serial of 1 or more carries a
    ///   date, so it is a date and time.
    /// - date, date and time: `.date` (no time part) or `.dateTime`; in the 1900 system a serial in
    ///   (0, 1) with a date-and-time format is the time of day it shows (day 0, "1900-01-00", is no date).
    /// - A negative serial, the phantom 1900-02-29 (serial 60) and serials past 9999-12-31 stay numbers.
    func cell(serial: Double, dateSystem: ExcelDateSystem) -> Cell {
        guard serial.isFinite else { return .number(serial) }
        switch self {
        case .number:
            return .number(serial)
        case .duration:
            return .duration(NumberFormatKind.seconds(serial))
        case .time, .dateTime, .date:
            if serial < 0 { return .number(serial) }
            if serial < 1 {
                if self == .time || (self == .dateTime && dateSystem == .system1900 && serial > 0) {
                    let s = NumberFormatKind.seconds(serial)
                    return s >= 86_400 ? .time(0) : .time(s)
                }
            }
            guard let dt = dateSystem.dateTime(fromSerial: serial) else { return .number(serial) }
            return dt.secondsOfDay == 0 ? .date(dt.date) : .dateTime(dt)
        }
    }

    /// A serial (days) as seconds, rounded to the millisecond so 1/24 is exactly 3600.
    static func seconds(_ serial: Double) -> Double {
        (serial * 86_400_000).rounded() / 1000
    }
}
