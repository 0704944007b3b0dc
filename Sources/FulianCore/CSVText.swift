/// CSV fields the way Excel reads them (RFC 4180): a field holding a comma, a quote, a CR or a LF is
/// quoted, with its quotes doubled; any other field is written as it is. Lines end in CRLF.
///
/// The one encoder behind every CSV fulian writes: report tables, `fulian sql --format csv`, and the
/// clean table and issue list.
public enum CSVText {
    /// Whether a field must be quoted (checked on the bytes: a CRLF pair is a line break too).
    public static func needsQuotes(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    }

    /// One field, quoted when it needs to be.
    public static func field(_ s: String) -> String {
        needsQuotes(s) ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
    }

    /// One line of fields without its line end.
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }

    /// Appends fields, comma-separated and quoted where needed, to a byte buffer (no line end).
    public static func append(_ fields: ArraySlice<String>, to buffer: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            if needsQuotes(f) {
                buffer.append(UInt8(ascii: "\""))
                for b in f.utf8 {
                    buffer.append(b)
                    if b == UInt8(ascii: "\"") { buffer.append(b) }
                }
                buffer.append(UInt8(ascii: "\""))
            } else if f.utf8.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil {
                buffer += f.utf8
            }
        }
    }
}
