/// Hides personal data (ID numbers, phone numbers) in anything a person or a log might see.
///
/// Every error message, diagnostic and log line goes through these functions; only a deliberately named
/// option (`--no-mask`) shows the full values, and only in the workbook the user asked for.
public enum Masking {
    /// Keeps the first six and last four characters of an ID-like text: `110105********123X`.
    ///
    /// Shorter texts keep less: at most a third of the characters stay visible, so a fragment of an ID
    /// number never shows more than its region code.
    public static func idNumber(_ s: String) -> String {
        // An ASCII ID (nearly all of them): by bytes, without breaking the text into characters (a
        // quarter's detail sheet masks a quarter of a province's IDs).
        if s.utf8.count >= 15, let masked = s.utf8.withContiguousStorageIfAvailable({ b -> String? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: b.count) { out in
                for i in 0..<b.count { out[i] = i < 6 || i >= b.count - 4 ? b[i] : UInt8(ascii: "*") }
                return b.count
            }
        }), let masked {
            return masked
        }
        let c = Array(s)
        if c.count >= 15 { return String(c.prefix(6)) + String(repeating: "*", count: c.count - 10) + String(c.suffix(4)) }
        let keep = c.count / 3
        return String(c.prefix(keep)) + String(repeating: "*", count: c.count - keep)
    }

    /// Keeps the first three and last four digits of a phone number: `139****7275`.
    public static func phone(_ s: String) -> String {
        let c = Array(s)
        if c.count >= 11 { return String(c.prefix(3)) + String(repeating: "*", count: c.count - 7) + String(c.suffix(4)) }
        let keep = c.count / 3
        return String(repeating: "*", count: c.count - keep) + String(c.suffix(keep))
    }

    /// The longest run of digits (ASCII, or full-width EF BC 90…99) in a text, read from its bytes; nil
    /// when the text has no contiguous UTF-8 storage (the caller then scans it the slow way).
    static func longestDigitRun(_ text: String) -> Int? {
        text.utf8.withContiguousStorageIfAvailable { b in
            var run = 0, longest = 0, i = 0
            while i < b.count {
                if b[i] >= 48 && b[i] <= 57 {
                    run += 1; i += 1
                } else if b[i] == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] >= 0x90, b[i + 2] <= 0x99 {
                    run += 1; i += 3
                } else {
                    run = 0; i += 1
                }
                longest = max(longest, run)
            }
            return longest
        }
    }

    /// Masks every run of 7 or more digits (with an optional trailing X) found inside free text.
    ///
    /// Used on any message that quotes a cell, so an ID number or a phone number typed into the wrong
    /// column is still hidden.
    public static func scrub(_ text: String) -> String {
        // Most texts hold no run of seven digits: nothing to mask.
        if let n = longestDigitRun(text), n < 7 { return text }
        return scrubRuns(text)
    }

    /// Masks only what looks like an ID number or a mobile number standing on its own: 15 digits, 18
    /// digits or 17 digits and an X (as ``idNumber(_:)``), or 11 digits starting with 1 (as ``phone(_:)``).
    ///
    /// For showing cell values (`fulian peek`), where digits are mostly amounts, counts, coordinates and
    /// codes: a run of digits that is part of a decimal (`65.2419444`, `3.14159265358979`) or of any other
    /// length is shown as it is. Messages about rejected values keep using ``scrub(_:)``, which masks every
    /// run of seven digits or more. ASCII and full-width digits count alike.
    public static func scrubPersonalNumbers(_ text: String) -> String {
        if let n = longestDigitRun(text), n < 11 { return text }
        let chars = Array(text)
        func isDigit(_ c: Character) -> Bool {
            guard let u = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
            return (u.value >= 48 && u.value <= 57) || (u.value >= 0xFF10 && u.value <= 0xFF19)
        }
        func isPoint(_ c: Character) -> Bool { c == "." || c == "．" }
        var out = ""
        var i = 0
        while i < chars.count {
            guard isDigit(chars[i]) else { out.append(chars[i]); i += 1; continue }
            var j = i
            while j < chars.count, isDigit(chars[j]) { j += 1 }
            var end = j
            if j - i == 17, j < chars.count, chars[j] == "X" || chars[j] == "x" || chars[j] == "Ｘ" { end = j + 1 }
            let run = String(chars[i..<end])
            let digits = j - i
            // Part of a decimal: a fraction after `digit.`, or an integer part before `.digit`.
            let fraction = i >= 2 && isPoint(chars[i - 1]) && isDigit(chars[i - 2])
            let integerPart = end + 1 < chars.count && isPoint(chars[end]) && isDigit(chars[end + 1])
            if fraction || integerPart {
                out += run
            } else if end - i == 18 || (digits == 15 && end == j) {
                out += idNumber(run)
            } else if digits == 11, end == j, chars[i] == "1" || chars[i] == "１" {
                out += phone(run)
            } else {
                out += run
            }
            i = end
        }
        return out
    }

    private static func scrubRuns(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            if run.count >= 7 {
                out += run.count >= 15 ? idNumber(run) : phone(run)
            } else {
                out += run
            }
            run = ""
        }
        for ch in text {
            if ch.isASCII && (ch.isNumber || ((ch == "X" || ch == "x") && run.count >= 14)) {
                run.append(ch)
            } else if let f = ch.unicodeScalars.first, f.value >= 0xFF10 && f.value <= 0xFF19 {
                run.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }
}
