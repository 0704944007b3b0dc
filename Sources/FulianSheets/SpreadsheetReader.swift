import Foundation
import FulianCore

/// The container formats fulian reads, told apart by content, never by extension.
public enum SheetFormat: String, Sendable, Hashable, Codable {
    /// Delimited text (comma, tab or semicolon), any supported encoding.
    case csv
    /// Office Open XML workbook (zip).
    case xlsx
    /// Excel 97–2003 BIFF workbook (OLE2 compound file).
    case xls
    /// A web page holding HTML tables: what web systems' “导出 Excel” writes as a `.xls`.
    case html
}

/// Whether a sheet is shown in Excel's tab bar.
public enum SheetVisibility: String, Sendable, Hashable, Codable {
    /// Shown.
    case visible
    /// Hidden, the user can unhide it.
    case hidden
    /// Hidden, only VBA can unhide it.
    case veryHidden
}

/// What a reader knows about one sheet before reading its rows.
public struct SheetInfo: Hashable, Sendable {
    /// The sheet name (`Sheet1`, `发放名单`); for CSV, and a web page's only table without a caption, the file
    /// name without extension.
    public var name: String
    /// 0-based position in the workbook's tab order.
    public var index: Int
    /// Shown or hidden.
    public var visibility: SheetVisibility
    /// The used range as the file declares it (not trusted for allocation), nil if not declared.
    public var dimension: CellRange?

    /// Creates sheet information.
    public init(name: String, index: Int, visibility: SheetVisibility = .visible, dimension: CellRange? = nil) {
        self.name = name
        self.index = index
        self.visibility = visibility
        self.dimension = dimension
    }
}

/// A text encoding fulian can decode delimited text from.
public enum TextEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// UTF-8 without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-8 with a byte-order mark (what Excel writes for "CSV UTF-8").
    case utf8BOM = "UTF-8-BOM"
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text").
    case utf16LE = "UTF-16LE"
    /// UTF-16 big-endian with a byte-order mark.
    case utf16BE = "UTF-16BE"
    /// GB18030, the superset of GBK and GB2312 (what Excel on Chinese Windows writes for "CSV").
    case gb18030 = "GB18030"
    /// ISO-8859-1 (Latin-1): Western European text from older Unix and web tools; every byte is a character.
    case latin1 = "ISO-8859-1"
    /// Windows-1252: what Excel on Western European Windows writes for "CSV" (Latin-1 with € ‘ ’ “ ” in 0x80–0x9F).
    case cp1252 = "CP1252"

    /// The names `--encoding` accepts, for help and error texts.
    public static let acceptedNames = "utf-8, utf-8-bom, utf-16le, utf-16be, gb18030 (gbk, gb2312), latin1, cp1252"

    /// Parses a user-given name, case-insensitive: `utf8`, `utf-8`, `gbk`, `gb2312`, `cp936`, `gb18030`, `utf-16le`,
    /// `latin1`, `iso-8859-1`, `cp1252`, `windows-1252` … GBK, GB2312 and CP936 all map to GB18030, their superset.
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch n {
        case "utf8", "utf-8": self = .utf8
        case "utf8-bom", "utf-8-bom", "utf-8-sig", "utf8bom": self = .utf8BOM
        case "utf16le", "utf-16le", "utf-16", "utf16", "unicode": self = .utf16LE
        case "utf16be", "utf-16be": self = .utf16BE
        case "gb18030", "gbk", "gb2312", "cp936", "936", "gb-18030": self = .gb18030
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1": self = .latin1
        case "cp1252", "windows-1252", "win-1252", "1252", "win1252": self = .cp1252
        default: return nil
        }
    }
}

/// Limits that keep a hostile file from exhausting memory or time.
public struct ReadLimits: Sendable, Hashable {
    /// Largest total decompressed size of any one zip entry, in bytes (default 2 GiB).
    public var maxEntryBytes: Int64 = 2 << 30
    /// Largest ratio of decompressed to compressed size for one zip entry (default 1000).
    public var maxCompressionRatio: Int64 = 1000
    /// Columns beyond this are an error (default 16,384, Excel's own limit).
    public var maxColumns: Int = 16_384
    /// Rows beyond this are an error (default 1,048,576, Excel's own limit; CSV is unlimited).
    public var maxRows: Int = 1_048_576
    /// Largest single cell text, in bytes (default 1 MiB).
    public var maxCellBytes: Int = 1 << 20

    /// The default limits.
    public init() {}
}

/// How to open a file.
public struct ReadOptions: Sendable, Hashable {
    /// Force a text encoding for CSV and HTML pages (otherwise detected: BOM, then for HTML the page's `charset`,
    /// then UTF-8, then GB18030).
    public var encoding: TextEncoding?
    /// Force a delimiter for CSV (otherwise sniffed among comma, tab and semicolon).
    public var delimiter: UInt8?
    /// Safety limits.
    public var limits = ReadLimits()

    /// Creates options.
    public init(encoding: TextEncoding? = nil, delimiter: UInt8? = nil, limits: ReadLimits = ReadLimits()) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.limits = limits
    }
}

/// A file that could not be read: names the file (and sheet), says what to do.
public struct SheetError: Error, Hashable, Localized {
    /// What went wrong, for scripts.
    public enum Kind: String, Sendable, Hashable {
        /// The file does not exist or cannot be opened.
        case unreadable
        /// The file has no content.
        case empty
        /// The content is not a format fulian reads, or is damaged.
        case corrupt
        /// The file is encrypted / password-protected.
        case encrypted
        /// The file exceeds a safety limit (size, ratio, rows, columns).
        case tooLarge
        /// The text could not be decoded in the chosen encoding.
        case encoding
        /// The requested sheet does not exist.
        case noSuchSheet
    }

    /// The category.
    public var kind: Kind
    /// The file name as given by the user.
    public var file: String
    /// The sheet, when the problem is inside one.
    public var sheet: String?
    /// The 1-based row, when known.
    public var row: Int?
    /// What is wrong, worded by the catalogue (``SheetsMessage``).
    public var message: Message

    /// Creates an error.
    public init(_ kind: Kind, file: String, sheet: String? = nil, row: Int? = nil, _ message: SheetsMessage) {
        self.kind = kind
        self.file = file
        self.sheet = sheet
        self.row = row
        self.message = .sheets(message)
    }

    /// The place and the message: `a.xlsx 工作表“名单” 第 12 行：…` / `a.xlsx (sheet 名单), row 12: …`.
    public func wording() -> Wording {
        SheetsMessage.placed(file: file, sheet: sheet, row: row, message).wording()
    }
}

/// Reads one spreadsheet file: its sheets, then each sheet's rows, streaming.
///
/// ```swift
/// let reader = try openSpreadsheet(at: url)
/// for sheet in reader.sheets {
///     try reader.forEachRow(in: sheet) { row in
///         print(row.number, row.cells)
///         return true          // false stops early
///     }
/// }
/// ```
/// Rows are produced in file order, one at a time; a reader never holds a whole sheet in memory.
/// Blank rows may be skipped (row numbers stay physical, so gaps are visible).
public protocol SpreadsheetReader: AnyObject {
    /// The file path as given (used in every error).
    var path: String { get }
    /// The detected container format.
    var format: SheetFormat { get }
    /// The sheets in tab order (one for CSV).
    var sheets: [SheetInfo] { get }
    /// The date epoch for serial numbers in General cells (1904 only for XLSX/XLS that say so).
    var dateSystem: ExcelDateSystem { get }
    /// The detected or forced encoding, for text files.
    var textEncoding: TextEncoding? { get }
    /// The delimiter, for text files.
    var delimiter: UInt8? { get }
    /// Problems that did not stop reading (ragged CSV rows …), gathered as rows are read.
    var warnings: [Diagnostic] { get }
    /// The merged ranges of a sheet (empty where the format or library does not expose them).
    func mergedRanges(in sheet: SheetInfo) throws -> [CellRange]
    /// Calls `body` for each row of `sheet` in order until it returns false.
    func forEachRow(in sheet: SheetInfo, _ body: (Row) throws -> Bool) throws
}

extension SpreadsheetReader {
    /// The sheet with this exact name (or, failing that, the same name ignoring case and surrounding space).
    public func sheet(named name: String) throws -> SheetInfo {
        if let s = sheets.first(where: { $0.name == name }) { return s }
        let folded = name.trimmingWhitespace().lowercased()
        if let s = sheets.first(where: { $0.name.trimmingWhitespace().lowercased() == folded }) { return s }
        throw SheetError(.noSuchSheet, file: (path as NSString).lastPathComponent,
                         .noSuchSheet(name: name, sheets: sheets.map(\.name)))
    }

    /// Reads up to `limit` rows of a sheet into memory (for previews and tests).
    public func rows(in sheet: SheetInfo, limit: Int = .max) throws -> [Row] {
        var out: [Row] = []
        guard limit > 0 else { return out }
        try forEachRow(in: sheet) { row in
            out.append(row)
            return out.count < limit
        }
        return out
    }
}

/// A whole file's bytes for the readers that parse it in memory (.xls, web pages), refused when larger
/// than `limit`.
func readWholeFile(_ path: String, fileName: String, limit: Int64) throws -> [UInt8] {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw SheetError(.unreadable, file: fileName, .cannotOpen) }
    defer { try? handle.close() }
    let size = (try? handle.seekToEnd()) ?? 0
    guard Int64(size) <= limit else { throw SheetError(.tooLarge, file: fileName, .fileTooLarge(limit: limit)) }
    try? handle.seek(toOffset: 0)
    guard let data = try? handle.readToEnd() else { return [] }
    return [UInt8](data)
}
