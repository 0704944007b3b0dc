import CFreeXL
import Foundation
import FulianCore

/// Reads Excel 97–2003 workbooks (.xls, BIFF5/BIFF8) through FreeXL.
///
/// FreeXL gives sheet names, text, numbers and date cells (it applies the workbook's date mode). What it
/// does not expose, fulian reads from the BIFF records itself (``BIFFSheetFacts``): sheet visibility,
/// merged ranges, and the `FILEPASS` record of a password-protected workbook. An encrypted .xlsx is also
/// an OLE2 file: it is recognised by its `EncryptedPackage` stream and refused with a clear message.
///
/// What FreeXL's cell values cannot tell, and so differs from ``XLSXReader``: booleans arrive as the
/// numbers 1 and 0; a time-only cell is the text `HH:MM:SS`; a date-only format drops the time of day;
/// serials below 1 show as the first day of the epoch. Serial 60 of the 1900 system (FreeXL's
/// `1900-02-29`) is turned back into the number 60, as in XLSX.
public final class XLSReader: SpreadsheetReader {
    public let path: String
    public var format: SheetFormat { .xls }
    public private(set) var sheets: [SheetInfo] = []
    public private(set) var dateSystem: ExcelDateSystem = .system1900
    public var textEncoding: TextEncoding? { nil }
    public var delimiter: UInt8? { nil }
    public var warnings: [Diagnostic] { [] }

    private let fileName: String
    private var handle: UnsafeRawPointer?
    /// FreeXL's sheet index for each entry of ``sheets``.
    private var freexlIndex: [Int] = []
    private var merges: [[CellRange]] = []

    /// Opens a workbook; throws ``SheetError`` for a damaged or password-protected file.
    public init(path: String, options: ReadOptions = ReadOptions()) throws {
        self.path = path
        fileName = (path as NSString).lastPathComponent
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= options.limits.maxEntryBytes else {
            throw SheetError(.tooLarge, file: fileName, "the file is larger than \(options.limits.maxEntryBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SheetError(.unreadable, file: fileName, "the file cannot be opened")
        }
        let container: CompoundFile
        do { container = try CompoundFile(bytes: [UInt8](data)) } catch let e as CompoundFile.Damaged {
            throw SheetError(.corrupt, file: fileName, "not a readable XLS file: the OLE2 container is damaged (\(e.reason))")
        }
        if container.hasStream("EncryptedPackage") {
            throw SheetError(.encrypted, file: fileName,
                             "the workbook is password-protected (an encrypted .xlsx); open it in Excel or WPS, remove the password, save, and try again")
        }
        let stream = (try? container.stream("Workbook")) ?? (try? container.stream("Book")) ?? nil
        guard let stream else {
            throw SheetError(.corrupt, file: fileName, "the OLE2 file holds no Excel workbook stream (is it a Word or other Office document?)")
        }
        let facts = BIFFSheetFacts(stream: stream)
        if facts.encrypted {
            throw SheetError(.encrypted, file: fileName,
                             "the workbook is password-protected; open it in Excel or WPS, remove the password, save, and try again")
        }

        var h: UnsafeRawPointer?
        let rc = freexl_open(path, &h)
        guard rc == FREEXL_OK, let h else {
            if let h { freexl_close(h) }
            throw SheetError(.corrupt, file: fileName, "not a readable XLS file: \(XLSReader.describe(rc))")
        }
        handle = h
        var info: UInt32 = 0
        if freexl_get_info(h, UInt16(FREEXL_BIFF_PASSWORD), &info) == FREEXL_OK, info == UInt32(FREEXL_BIFF_OBFUSCATED) {
            throw SheetError(.encrypted, file: fileName,
                             "the workbook is password-protected; open it in Excel or WPS, remove the password, save, and try again")
        }
        if freexl_get_info(h, UInt16(FREEXL_BIFF_DATEMODE), &info) == FREEXL_OK, info == UInt32(FREEXL_BIFF_DATEMODE_1904) {
            dateSystem = .system1904
        }
        var count: UInt32 = 0
        guard freexl_get_info(h, UInt16(FREEXL_BIFF_SHEET_COUNT), &count) == FREEXL_OK else {
            throw SheetError(.corrupt, file: fileName, "the workbook's sheet list cannot be read")
        }
        let worksheetFacts = facts.sheets.filter(\.isWorksheet)
        for i in 0..<Int(count) {
            var name: UnsafePointer<CChar>?
            guard freexl_get_worksheet_name(h, UInt16(i), &name) == FREEXL_OK else { continue }
            let n = name.map { String(cString: $0) } ?? "Sheet\(i + 1)"
            let fact = worksheetFacts.first { $0.name == n } ?? (i < worksheetFacts.count ? worksheetFacts[i] : nil)
            sheets.append(SheetInfo(name: n, index: sheets.count, visibility: fact?.visibility ?? .visible))
            freexlIndex.append(i)
            merges.append(fact?.merges ?? [])
        }
        guard !sheets.isEmpty else { throw SheetError(.corrupt, file: fileName, "the workbook has no worksheets") }
    }

    deinit { if let handle { freexl_close(handle) } }

    static func describe(_ rc: Int32) -> String {
        switch rc {
        case FREEXL_FILE_NOT_FOUND: return "the file cannot be opened"
        case FREEXL_INSUFFICIENT_MEMORY: return "not enough memory"
        case FREEXL_CRAFTED_FILE: return "the file is severely damaged (possibly crafted)"
        case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "the OLE2 file holds no Excel workbook"
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE, FREEXL_CFBF_INVALID_SECTOR_SIZE:
            return "the OLE2 header is damaged"
        default: return "the file is damaged (FreeXL error \(rc))"
        }
    }

    private func index(_ sheet: SheetInfo) throws -> Int {
        guard sheet.index >= 0, sheet.index < sheets.count, sheets[sheet.index].name == sheet.name else {
            throw SheetError(.noSuchSheet, file: fileName, "no sheet named \(sheet.name)")
        }
        return sheet.index
    }

    public func mergedRanges(in sheet: SheetInfo) throws -> [CellRange] { merges[try index(sheet)] }

    public func forEachRow(in sheet: SheetInfo, _ body: (Row) throws -> Bool) throws {
        let i = try index(sheet)
        guard let h = handle else { return }
        guard freexl_select_active_worksheet(h, UInt16(freexlIndex[i])) == FREEXL_OK else {
            throw SheetError(.corrupt, file: fileName, sheet: sheet.name, "the sheet cannot be read")
        }
        var rows: UInt32 = 0
        var cols: UInt16 = 0
        guard freexl_worksheet_dimensions(h, &rows, &cols) == FREEXL_OK else {
            throw SheetError(.corrupt, file: fileName, sheet: sheet.name, "the sheet's dimensions cannot be read")
        }
        var cells: [Cell] = []
        cells.reserveCapacity(Int(cols))
        for r in 0..<rows {
            cells.removeAll(keepingCapacity: true)
            var last = 0
            for c in 0..<cols {
                var v = FreeXL_CellValue()
                let rc = freexl_get_cell_value(h, r, c, &v)
                guard rc == FREEXL_OK else {
                    throw SheetError(.corrupt, file: fileName, sheet: sheet.name, row: Int(r) + 1,
                                     "cell \(ColumnName.letters(Int(c) + 1))\(r + 1) cannot be read: \(XLSReader.describe(rc))")
                }
                let cell = XLSReader.cell(v)
                cells.append(cell)
                if case .empty = cell {} else { last = cells.count }
            }
            guard last > 0 else { continue }
            cells.removeSubrange(last...)
            if try !body(Row(number: Int(r) + 1, cells: cells)) { return }
        }
    }

    static func cell(_ v: FreeXL_CellValue) -> Cell {
        switch Int32(v.type) {
        case FREEXL_CELL_INT: return .number(Double(v.value.int_value))
        case FREEXL_CELL_DOUBLE: return v.value.double_value.isFinite ? .number(v.value.double_value) : .error("#NUM!")
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT:
            guard let p = v.value.text_value else { return .empty }
            let s = String(cString: p)
            return s.isEmpty ? .empty : .text(s)
        case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME:
            guard let p = v.value.text_value else { return .empty }
            let s = String(cString: p)
            let t = s.dropFirst(11).split(separator: ":").compactMap { Int($0) }
            let secs = t.count == 3 ? t[0] * 3600 + t[1] * 60 + t[2] : 0
            // FreeXL renders serial 60 of the 1900 system as the day that never was; XLSX keeps it a number.
            if s.hasPrefix("1900-02-29") { return .number(60 + Double(secs) / 86_400) }
            guard let d = CivilDate(iso: String(s.prefix(10))) else { return .text(s) }
            return secs == 0 ? .date(d) : .dateTime(CivilDateTime(date: d, secondsOfDay: secs))
        case FREEXL_CELL_TIME:
            guard let p = v.value.text_value else { return .empty }
            return .text(String(cString: p))
        default:
            return .empty
        }
    }
}
