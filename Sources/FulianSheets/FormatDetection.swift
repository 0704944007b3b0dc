import Foundation

/// Tells a file's container format from its first bytes (the extension is never trusted).
public enum FormatDetection {
    /// The OLE2 compound-file signature that starts every .xls (and encrypted .xlsx).
    static let ole2Magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// The format of a file whose first bytes are `head` (at least 8 bytes when available).
    ///
    /// `PK\u{3}\u{4}` (or an empty zip's `PK\u{5}\u{6}`) is XLSX, the OLE2 signature or a bare BIFF
    /// BOF record is XLS, anything else is delimited text.
    public static func format(ofHead head: [UInt8]) -> SheetFormat {
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B,
           (head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8) {
            return .xlsx
        }
        if head.count >= 8, Array(head.prefix(8)) == ole2Magic { return .xls }
        if isRawBIFF(head) { return .xls }
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

    /// Reads the first bytes of the file at `path` and detects its format.
    public static func format(ofFileAt path: String) throws -> SheetFormat {
        let name = (path as NSString).lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw SheetError(.unreadable, file: name, exists ? .cannotOpenCheckPermissions : .noSuchFile)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        if head.isEmpty { throw SheetError(.empty, file: name, .empty) }
        return format(ofHead: [UInt8](head))
    }
}
