import Foundation

/// Tells a file's container format from its first bytes (the extension is never trusted).
public enum FormatDetection {
    /// The OLE2 compound-file signature that starts every .xls (and encrypted .xlsx).
    static let ole2Magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// The format of a file whose first bytes are `head` (at least 8 bytes when available).
    ///
    /// `PK\u{3}\u{4}` (or an empty zip's `PK\u{5}\u{6}`) is XLSX, the OLE2 signature or a bare BIFF
    /// BOF record is XLS, a web page (``isHTML(_:)``) or a single-file web page (``isMHT(_:)``, which
    /// ``HTMLTableReader`` refuses) is HTML, anything else is delimited text. Pass the first 1024 bytes
    /// for web pages to be told.
    public static func format(ofHead head: [UInt8]) -> SheetFormat {
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B,
           (head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8) {
            return .xlsx
        }
        if head.count >= 8, Array(head.prefix(8)) == ole2Magic { return .xls }
        if isRawBIFF(head) { return .xls }
        if isHTML(head) || isMHT(head) { return .html }
        return .csv
    }

    /// Whether `head` starts with a BIFF BOF record outside any OLE2 container: how Excel 2.x–4.0 saved
    /// worksheets (refused by ``XLSReader`` with a message), and what a few tools write for BIFF5/8.
    /// The record type, its length and the substream type must all fit, so text never matches.
    static func isRawBIFF(_ head: [UInt8]) -> Bool {
        guard head.count >= 8 else { return false }
        let type = UInt16(head[0]) | UInt16(head[1]) << 8, length = UInt16(head[2]) | UInt16(head[3]) << 8
        let substream = UInt16(head[6]) | UInt16(head[7]) << 8
        switch type {
        case 0x0009: return length == 4 && [0x0010, 0x0020, 0x0040].contains(substream)
        case 0x0209, 0x0409: return length == 6 && [0x0010, 0x0020, 0x0040, 0x0100].contains(substream)
        case 0x0809: return (length == 8 || length == 16) && [0x0005, 0x0010, 0x0020, 0x0040, 0x0100].contains(substream)
        default: return false
        }
    }

    /// `head` as ASCII for markup sniffing: after a byte-order mark, UTF-16 taken a code unit at a time
    /// (anything not ASCII becomes 0x80).
    static func asciiView(_ head: [UInt8]) -> [UInt8] {
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { return Array(head[3...]) }
        if head.count >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) {
            let le = head[0] == 0xFF
            var out: [UInt8] = []
            var i = 2
            while i + 1 < head.count {
                let (lo, hi) = le ? (head[i], head[i + 1]) : (head[i + 1], head[i])
                out.append(hi == 0 && lo < 0x80 ? lo : 0x80)
                i += 2
            }
            return out
        }
        return head
    }

    /// Whether `head` (the first KiB) is a web page: after a byte-order mark and white space it starts with
    /// markup (`<`), and either opens with `<!DOCTYPE html`, `<html`, `<table`, `<meta` or `<?xml` followed by
    /// `<html`, or has `<html` or `<table` before any line that reads as delimited data (a comma, tab or
    /// semicolon outside tags). Text that starts otherwise is never HTML, whatever its cells hold; an XML
    /// Spreadsheet 2003 (`<Workbook`) is not either.
    public static func isHTML(_ head: [UInt8]) -> Bool {
        let b = asciiView(head)
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 9 || b[i] == 10 || b[i] == 13 || b[i] == 12 { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "<") else { return false }
        let lower = b[i...].map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        func starts(_ p: String) -> Bool { lower.starts(with: Array(p.utf8)) }
        if starts("<!doctype html") || starts("<html") || starts("<table") || starts("<meta") { return true }
        // Search tag starts, stopping at a line of delimited data.
        var inTag = false, delimited = false
        var k = 0
        while k < lower.count {
            let c = lower[k]
            if c == UInt8(ascii: "<") {
                let rest = lower[k...]
                if rest.starts(with: Array("<html".utf8)) || rest.starts(with: Array("<table".utf8)) { return true }
                if rest.starts(with: Array("<workbook".utf8)) || rest.starts(with: Array("<ss:workbook".utf8)) { return false }
                inTag = true
            } else if c == UInt8(ascii: ">") {
                inTag = false
            } else if !inTag, c == UInt8(ascii: ",") || c == 9 || c == UInt8(ascii: ";") {
                delimited = true
            } else if c == 10 {
                if delimited { return false }
            }
            k += 1
        }
        return false
    }

    /// Whether `head` is a single-file web page (MHT/MHTML, Excel's “单个文件网页”): a MIME message starting
    /// with `MIME-Version:`, or with other mail headers and `MIME-Version:` and `multipart/related` in the first KiB.
    public static func isMHT(_ head: [UInt8]) -> Bool {
        let b = asciiView(head)
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
        let lower = b[i...].map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        if lower.starts(with: Array("mime-version:".utf8)) { return true }
        let text = String(decoding: lower, as: UTF8.self)
        guard let first = text.split(separator: "\n", maxSplits: 1).first,
              first.range(of: #"^[a-z-]+:"#, options: .regularExpression) != nil else { return false }
        return text.contains("\nmime-version:") && text.contains("multipart/related")
    }

    /// Reads the first bytes of the file at `path` and detects its format.
    public static func format(ofFileAt path: String) throws -> SheetFormat {
        let name = (path as NSString).lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw SheetError(.unreadable, file: name, exists ? .cannotOpenCheckPermissions : .noSuchFile)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1024)) ?? Data()
        if head.isEmpty { throw SheetError(.empty, file: name, .empty) }
        return format(ofHead: [UInt8](head))
    }
}
