import CXlsxWriter
import FulianCore

/// An error from writing a workbook, naming the file, the sheet and the cell it concerns.
///
/// Every call into libxlsxwriter that returns an `lxw_error` is checked; a failure becomes an
/// `ExcelError` whose ``message`` (a catalogue entry, ``ExcelMessage``) ends with the library's own text
/// (`lxw_strerror`). Checks the
/// library does not make itself (Excel's UTF-16 limits, non-finite numbers, row order in
/// constant-memory mode, sheet names) are made before the call, with the same shape of error.
///
/// ```swift
/// do {
///     try sheet.write(row: 2_000_000, col: 0, "x")
/// } catch let e as ExcelError {
///     print(e.text(.en))  // /tmp/q1.xlsx, sheet "明细", cell A2000001: row 2000000 is outside Excel's rows 0…1048575 (zero-based)
///     print(e.text(.zh))  // /tmp/q1.xlsx 工作表“明细”单元格 A2000001：第 2000000 行超出 Excel 的行范围 0…1048575（从 0 起算）
///     e.kind              // .rowOutOfRange
/// }
/// ```
///
/// Messages never quote cell contents (they may hold ID numbers); they give lengths and positions.
public struct ExcelError: Error, Localized, Equatable, Sendable {
    /// What went wrong, for callers that branch on the cause rather than the text.
    public enum Kind: Equatable, Sendable {
        /// A sheet name breaks Excel's rules (empty, too long, forbidden character, leading/trailing `'`, reserved).
        case invalidSheetName
        /// A sheet name is already used in the workbook, compared case-insensitively.
        case duplicateSheetName
        /// A text is longer than Excel's 32,767 UTF-16 units, or a formula longer than 8,192.
        case stringTooLong
        /// A text contains U+0000, which would silently truncate it in the C library.
        case embeddedNul
        /// A row index is negative or ≥ 1,048,576.
        case rowOutOfRange
        /// A column index is negative or ≥ 16,384.
        case columnOutOfRange
        /// In constant-memory mode, a row before the current one was written to.
        case rowOrderViolation
        /// A number is NaN or ±infinity (see ``ExcelValue/finite(_:)`` to write such values as blanks).
        case nonFiniteNumber
        /// An integer or an amount of money is too large to be held exactly by Excel's doubles (2^53).
        case numberNotExact
        /// An argument is invalid in a way the other kinds do not name (an empty range, a bad style).
        case invalidArgument
        /// The workbook was already closed (or failed to close); nothing more can be written.
        case workbookClosed
        /// The file could not be created or written (bad directory, no permission, disk full).
        case fileNotWritten
        /// Any other error code returned by libxlsxwriter.
        case library(code: Int32)
    }

    /// The cause, for branching.
    public let kind: Kind
    /// The path of the workbook being written.
    public let path: String
    /// The sheet concerned, if any.
    public let sheet: String?
    /// The cell concerned in A1 form (`B3`), if any.
    public let cell: String?
    /// The explanation without the path/sheet/cell prefix, worded in both languages by the catalogue.
    public let message: ExcelMessage

    /// Creates an error; normally only this module does.
    public init(kind: Kind, path: String, sheet: String? = nil, cell: String? = nil, message: ExcelMessage) {
        self.kind = kind
        self.path = path
        self.sheet = sheet
        self.cell = cell
        self.message = message
    }

    /// `path 工作表“name”单元格 B3：message` / `path, sheet "name", cell B3: message` — the parts that are known.
    public func wording() -> Wording {
        var zh = path, en = path
        if let sheet {
            zh += " 工作表“\(sheet)”"
            en += ", sheet \"\(sheet)\""
        }
        if let cell {
            zh += (sheet == nil ? " " : "") + "单元格 \(cell)"
            en += ", cell \(cell)"
        }
        return Wording(zh + "：" + message.text(.zh), en + ": " + message.text(.en))
    }

    /// The library's text for an error code, e.g. `Error creating output xlsx file. Usually a permissions error.`
    static func libraryText(_ code: lxw_error) -> String {
        guard let p = lxw_strerror(code) else { return "libxlsxwriter error \(code.rawValue)" }
        return String(cString: p)
    }

    /// Maps a library error code to a kind.
    static func kind(for code: lxw_error) -> Kind {
        switch code {
        case LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE,
             LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
            return .fileNotWritten
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
            return .rowOrderViolation
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED, LXW_ERROR_255_STRING_LENGTH_EXCEEDED,
             LXW_ERROR_128_STRING_LENGTH_EXCEEDED, LXW_ERROR_32_STRING_LENGTH_EXCEEDED:
            return .stringTooLong
        case LXW_ERROR_SHEETNAME_ALREADY_USED:
            return .duplicateSheetName
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED, LXW_ERROR_INVALID_SHEETNAME_CHARACTER,
             LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
            return .invalidSheetName
        default:
            return .library(code: Int32(bitPattern: code.rawValue))
        }
    }
}

/// Zero-based row and column to A1 form: (0, 0) → `A1`, (2, 27) → `AB3`.
///
/// Used in error messages and range formulas; columns beyond `XFD` are still spelled out so a
/// message about an out-of-range column stays readable.
public func excelCellName(row: Int, col: Int) -> String {
    excelColumnName(col) + String(row + 1)
}

/// Zero-based column to letters: 0 → `A`, 25 → `Z`, 26 → `AA`, 16383 → `XFD`.
public func excelColumnName(_ col: Int) -> String {
    guard col >= 0 else { return "?" }
    var n = col + 1
    var letters: [Character] = []
    while n > 0 {
        let r = (n - 1) % 26
        letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
        n = (n - 1) / 26
    }
    return String(letters.reversed())
}
