/// Messages of the readers (CSV, XLSX, XLS), worded in Chinese and English.
///
/// The first cases are what a reader says about a whole file; the later ones are the reasons a zip,
/// OLE2 container, BIFF stream or XML part is damaged, shown inside those (``damagedZip(reason:)``).
public indirect enum SheetsMessage: Localized, Hashable {
    /// A reader error as a line: the file, sheet and row, then the message.
    case placed(file: String, sheet: String?, row: Int?, Message)

    // MARK: Opening a file

    /// The file exists but cannot be opened.
    case cannotOpen
    /// The file exists but cannot be opened, most likely for its permissions.
    case cannotOpenCheckPermissions
    /// There is no file at the path.
    case noSuchFile
    /// The file has no bytes.
    case empty
    /// No sheet has the name asked for; the sheets there are (empty: not listed).
    case noSuchSheet(name: String, sheets: [String])
    /// The file's bytes are neither a zip, an OLE2 container nor text.
    case notASpreadsheet

    // MARK: Text files

    /// UTF-16 text without a byte-order mark: the encoding and its `--encoding` name.
    case utf16WithoutBOM(encoding: String, option: String)
    /// `--encoding utf-8` was given but the bytes are not UTF-8.
    case notUTF8AsForced
    /// Neither UTF-8 nor GB18030 Chinese; looks like Western European text in `encoding`.
    case westernText(encoding: String, option: String)
    /// iconv on this system lacks the encoding.
    case cannotDecode(encoding: String)
    /// Bytes on a line that are not valid in the encoding.
    case invalidBytes(line: Int, encoding: String)
    /// A quoted field that never closes.
    case unterminatedQuote(line: Int)
    /// A field longer than the limit.
    case fieldTooLong(line: Int, limit: Int)
    /// A line with another field count than the file's rows (a warning).
    case raggedRow(line: Int, fields: Int, usual: Int)
    /// More such lines beyond those listed (a warning).
    case moreRaggedRows(count: Int, usual: Int)

    // MARK: Web pages

    /// A single-file web page (MHT): a MIME archive, not a table fulian reads.
    case webArchive
    /// A web page (an HTML “Excel” export) with no `<table>`.
    case noTable
    /// A `colspan`/`rowspan` larger than the cap, read as the cap (a warning).
    case spanCapped(row: Int, attribute: String, given: Int, limit: Int)
    /// The page ends inside a table: the rows read so far are all there is (a warning).
    case pageCutShort(rows: Int)
    /// A page whose tables, spans spread out, hold more cells than the limit for its size.
    case pageCellsTooMany(limit: Int)

    // MARK: Formulas

    /// Formulas without a usable saved result that fulian computed (a warning: the figures are fulian's);
    /// `stale` when the workbook asks for recalculation on opening (its saved results are placeholders).
    case formulasComputed(count: Int, cell: String, formula: String, stale: Bool)
    /// Formulas without a usable saved result that fulian cannot compute: read as errors.
    case formulasNotComputed(count: Int, cell: String, formula: String, reason: SheetsMessage)
    /// Formulas of a workbook asking for recalculation that fulian cannot compute: their saved results are read.
    case formulasKeptAsSaved(count: Int, cell: String, formula: String, reason: SheetsMessage)
    /// Why a formula is not computed: a function fulian does not compute.
    case formulaFunction(name: String)
    /// Why a formula is not computed: something written fulian does not compute (`合计金额`, `{1,2}`).
    case formulaWritten(text: String)
    /// Why a formula is not computed: it needs its own result.
    case formulaCircular
    /// Why a formula is not computed: it reads another sheet (one fulian cannot read, or in a file whose
    /// formulas are computed sheet by sheet).
    case formulaOtherSheet
    /// Why a formula is not computed: the sheet it reads is not in the workbook.
    case formulaNoSuchSheet(name: String)
    /// Why a formula is not computed: it reads other rows, in a workbook read row by row.
    case formulaOtherRows
    /// Why a formula is not computed: its ranges hold too many cells.
    case formulaRangesTooLarge
    /// Why a formula is not computed: it depends on a chain of more formulas than fulian follows.
    case formulaChainTooLong(limit: Int)

    // MARK: XLSX

    /// The zip container cannot be read.
    case damagedZip(reason: SheetsMessage)
    /// The zip holds no files.
    case emptyZip
    /// An OpenDocument spreadsheet.
    case openDocument
    /// An Excel binary workbook.
    case binaryWorkbook
    /// The zip has no workbook part.
    case noWorkbookPart(part: String)
    /// The workbook part lists no sheets.
    case noWorksheetsListed
    /// A part declares more bytes than the limit.
    case partDeclaresTooMuch(part: String, bytes: Int64, limit: Int64)
    /// A part inflates past the limit.
    case partInflatesTooMuch(part: String, limit: Int64, compressed: Int64)
    /// A part cannot be extracted.
    case partUnreadable(part: String, reason: SheetsMessage)
    /// A part encrypted with a zip password.
    case partEncrypted(part: String)
    /// A part in an encoding this system cannot convert.
    case partEncodingUnavailable(part: String, encoding: String)
    /// A UTF-16 part with an invalid character.
    case partInvalidUTF16(part: String)
    /// A part with a DOCTYPE declaration.
    case doctype(part: String)
    /// A part that is not well-formed XML.
    case notWellFormed(part: String, reason: SheetsMessage)
    /// A part with an XML token longer than the limit.
    case tokenTooLong(part: String, limit: Int)
    /// A `<![` section that is not CDATA (an XML scanner reason).
    case notCDATA
    /// A shared string that is not UTF-8.
    case sharedStringNotUTF8(index: Int)
    /// A shared string longer than the limit.
    case sharedStringTooLong(index: Int, limit: Int)
    /// The sheet's part is missing from the zip.
    case sheetPartMissing(part: String)
    /// The sheet's XML ends inside `<sheetData>`.
    case sheetDataUnterminated(afterRow: Int)
    /// The sheet has no `<sheetData>`.
    case noSheetData
    /// A cell reference that cannot be read.
    case malformedCellReference
    /// A row number that cannot be read.
    case malformedRowNumber
    /// A cell beyond the column limit.
    case columnBeyondLimit(column: Int, limit: Int)
    /// A row beyond the row limit.
    case rowBeyondLimit(row: Int, limit: Int)
    /// A cell longer than the limit.
    case cellTooLong(limit: Int)
    /// A cell whose bytes are not UTF-8.
    case cellNotUTF8(cell: String)
    /// A cell whose shared-string index cannot be read.
    case malformedSharedStringIndex(cell: String)
    /// A cell that refers to a shared string past the table.
    case sharedStringOutOfRange(cell: String, index: Int, count: Int)

    // MARK: XLS

    /// The file is larger than the limit.
    case fileTooLarge(limit: Int64)
    /// The OLE2 container cannot be read.
    case damagedContainer(reason: SheetsMessage)
    /// An encrypted .xlsx (an OLE2 container with an EncryptedPackage).
    case encryptedXLSX
    /// A password-protected .xls.
    case passwordProtected
    /// An OLE2 file without a workbook stream.
    case noWorkbookStream
    /// Excel 4.0 or older.
    case tooOld
    /// The workbook stream does not start with a BOF record.
    case notBIFF
    /// The workbook has no worksheets.
    case noWorksheets
    /// The workbook stream is damaged at an offset.
    case damagedAt(offset: Int, reason: SheetsMessage)
    /// A sheet list entry outside the stream.
    case sheetOffsetOutside(offset: Int)

    // MARK: Reasons: BIFF records

    /// A record runs past the end of the stream (`truncated`: say the file may be cut short).
    case recordPastEnd(type: String, truncated: Bool)
    /// A record shorter than its type needs (`FORMAT`, `XF`, `NUMBER` …).
    case recordTooShort(record: String)
    /// A FORMAT record is truncated.
    case formatTruncated
    /// A sheet name runs past its BOUNDSHEET record.
    case sheetNamePastRecord
    /// A CONTINUE record of the shared-string table runs past the end.
    case continuePastEnd
    /// A shared string is cut off.
    case sharedStringCutOff(index: Int)
    /// A sheet that does not start with a BOF record.
    case sheetWithoutBOF
    /// A text cell record is too short.
    case textCellTooShort
    /// A text cell's characters run past its record.
    case textCellPastRecord
    /// A STRING record's characters run past its end.
    case stringRecordPastEnd
    /// A cell refers to a shared string past the table (XLS).
    case cellRefersPastTable(cell: String, index: Int, count: Int)

    // MARK: Reasons: OLE2 container

    /// No OLE2 header.
    case noOLE2Header
    /// A sector size fulian does not read.
    case unusualSectorSize
    /// The DIFAT chain loops.
    case cyclicDIFAT
    /// The DIFAT points beyond the end.
    case difatBeyondEnd
    /// A FAT sector beyond the end.
    case fatSectorBeyondEnd
    /// No root directory entry.
    case noRootEntry
    /// A sector chain loops.
    case cyclicSectorChain
    /// A sector beyond the end.
    case sectorBeyondEnd
    /// A sector outside the FAT.
    case sectorOutsideFAT

    // MARK: Reasons: zip

    /// The file is too short to be a zip.
    case tooShortForZip
    /// No end-of-central-directory record.
    case noEndRecord
    /// A ZIP64 archive without its locator.
    case zip64WithoutLocator
    /// The ZIP64 end record lies outside the file.
    case zip64RecordOutside
    /// The ZIP64 end record is missing.
    case zip64RecordMissing
    /// The central directory lies outside the file.
    case centralDirectoryOutside
    /// The central directory claims more entries than it can hold.
    case tooManyEntries
    /// The central directory is damaged.
    case centralDirectoryDamaged
    /// A compression method other than stored and deflate.
    case unsupportedCompression(method: Int)
    /// An entry's header lies outside the file.
    case headerOutside
    /// An entry's local header is missing.
    case localHeaderMissing
    /// An entry's data runs past the end of the file.
    case dataPastEnd
    /// An entry's CRC check fails.
    case crcFails
    /// zlib cannot be initialised.
    case zlibUnavailable
    /// The compressed data ends before the deflate stream.
    case deflateCutShort
    /// The compressed data is corrupt.
    case deflateCorrupt
    /// The file ends early.
    case endsEarly

    /// “1 formula”, “2 formulas”.
    private static func formulas(_ n: Int) -> String { n == 1 ? "1 formula" : "\(n) formulas" }

    public func wording() -> Wording {
        switch self {
        case .placed(let file, let sheet, let row, let m):
            var place = file
            if let sheet { place += " (sheet \(sheet))" }
            if let row { place += ", row \(row)" }
            return Wording("\(CoreMessage.location(file: file, sheet: sheet, row: row, column: nil).text(.zh))：\(m.text(.zh))",
                           "\(place): \(m.text(.en))")

        case .cannotOpen: return Wording("无法打开文件", "the file cannot be opened")
        case .cannotOpenCheckPermissions:
            return Wording("无法打开文件（请检查文件的访问权限）", "the file cannot be opened (check its permissions)")
        case .noSuchFile: return Wording("文件不存在", "no such file")
        case .empty: return Wording("文件是空的", "the file is empty")
        case .noSuchSheet(let name, let sheets) where sheets.isEmpty:
            return Wording("没有名为“\(name)”的工作表", "no sheet named \(name)")
        case .noSuchSheet(let name, let sheets):
            return Wording("没有名为“\(name)”的工作表；文件中的工作表有：\(sheets.joined(separator: "、"))",
                           "no sheet named \(name); the sheets are: \(sheets.joined(separator: ", "))")
        case .notASpreadsheet:
            return Wording("文件不是表格：内容既不是 XLSX（zip）、XLS（OLE2），也不是文本",
                           "the file is not a spreadsheet: its content is neither XLSX (zip), XLS (OLE2) nor text")

        case .utf16WithoutBOM(let e, let option):
            return Wording("文件看起来是没有字节顺序标记的 \(e) 文本；请加 --encoding \(option)",
                           "the file looks like \(e) text without a byte-order mark; use --encoding \(option)")
        case .notUTF8AsForced:
            return Wording("文件不是有效的 UTF-8（--encoding 指定为 UTF-8）；可能是 GB18030，请试 --encoding gb18030",
                           "the file is not valid UTF-8 (as --encoding says); it may be GB18030: try --encoding gb18030")
        case .westernText(let e, let option):
            return Wording("文件既不是 UTF-8，也不是 GB18030 中文（按 GB18030 读，其中的带音标字母会变成生僻字）；"
                               + "看起来是 \(e) 编码的西欧文字：请加 --encoding \(option)（如果确实是中文，请加 --encoding gb18030）",
                           "the file is neither UTF-8 nor Chinese text in GB18030 (read as GB18030 its accented letters "
                               + "become rare characters); it looks like Western European text in \(e): "
                               + "use --encoding \(option) (or --encoding gb18030 if it is Chinese after all)")
        case .cannotDecode(let e): return Wording("本系统无法解码 \(e)", "this system cannot decode \(e)")
        case .invalidBytes(let line, let e):
            return Wording("第 \(line) 行的字节不是有效的 \(e)；请用 --encoding 指明文件的编码",
                           "the bytes on line \(line) are not valid \(e); use --encoding to name the file's encoding")
        case .unterminatedQuote(let line):
            return Wording("从第 \(line) 行开始的带引号字段没有结束（缺少一个 \" 号）",
                           "a quoted field that starts on line \(line) is never closed (a missing \" character)")
        case .fieldTooLong(let line, let limit):
            return Wording("从第 \(line) 行开始的字段超过 \(limit) 字节（是否缺少一个 \" 号？）",
                           "a field starting on line \(line) is longer than \(limit) bytes (a missing \" character?)")
        case .raggedRow(let line, let fields, let usual):
            return Wording("第 \(line) 行有 \(fields) 个字段，而文件各行为 \(usual) 个",
                           "line \(line) has \(fields) fields where the file's rows have \(usual)")
        case .moreRaggedRows(let count, let usual):
            return Wording("另有 \(count) 行的字段数不是 \(usual)", "\(count) more rows have a field count other than \(usual)")

        case .webArchive:
            return Wording("文件是“单个文件网页”（MHT/MHTML，Excel 另存为“单个文件网页”得到的格式），不是可读取的表格："
                               + "请在 Excel 或 WPS 中打开并另存为 .xlsx",
                           "the file is a single-file web page (MHT/MHTML, what Excel saves as “Single File Web Page”), "
                               + "not a table fulian reads: open it in Excel or WPS and save as .xlsx")
        case .noTable:
            return Wording("文件是网页（HTML），但其中没有表格（<table>）", "the file is a web page (HTML) but contains no table (<table>)")
        case .spanCapped(let row, let attribute, let given, let limit):
            return Wording("第 \(row) 行有单元格 \(attribute)=\(given)，超过上限 \(limit)，按 \(limit) 读取",
                           "row \(row) has a cell with \(attribute)=\(given), over the limit of \(limit): read as \(limit)")
        case .pageCutShort(let rows):
            return Wording("网页在表格结束之前就结束了（文件可能不完整）：只读到 \(rows) 行",
                           "the web page ends inside a table (the file may be cut short): only \(rows) rows were read")
        case .pageCellsTooMany(let limit):
            return Wording("网页中的表格展开合并单元格（colspan/rowspan）后超过 \(limit) 个单元格：文件是否被改动过？",
                           "the web page's tables, their colspan/rowspan spread out, hold more than \(limit) cells: has the file been tampered with?")
        case .formulasComputed(let count, let cell, let formula, let stale):
            if stale {
                return Wording("文件要求打开时重新计算公式（XlsxWriter、openpyxl 等程序写的文件如此），其中保存的结果不可靠：\(count) 个公式已由 fulian 按公式重新算出（如 \(cell)：=\(formula)）",
                               "the file asks for its formulas to be recalculated when opened (as files written by XlsxWriter or openpyxl do), so the results saved in it are not reliable: fulian recalculated \(SheetsMessage.formulas(count)) (e.g. \(cell): =\(formula))")
            }
            return Wording("\(count) 个公式没有保存计算结果，已由 fulian 按公式算出（如 \(cell)：=\(formula)）",
                           "\(SheetsMessage.formulas(count)) \(count == 1 ? "has" : "have") no saved result and \(count == 1 ? "was" : "were") computed by fulian (e.g. \(cell): =\(formula))")
        case .formulasNotComputed(let count, let cell, let formula, let reason):
            return Wording("\(count) 个公式没有可用的计算结果，fulian 也无法计算（如 \(cell)：=\(formula)，\(reason.text(.zh))）：\(count == 1 ? "该单元格" : "这些单元格")按错误值读取；请在 Excel 或 WPS 中打开文件、保存后再导入",
                           "\(SheetsMessage.formulas(count)) \(count == 1 ? "has" : "have") no usable saved result and fulian cannot compute \(count == 1 ? "it" : "them") (e.g. \(cell): =\(formula): \(reason.text(.en))): \(count == 1 ? "the cell is read as an error" : "these cells are read as errors"); open the file in Excel or WPS, save it and import it again")
        case .formulasKeptAsSaved(let count, let cell, let formula, let reason):
            return Wording("\(count) 个公式 fulian 无法重新计算（如 \(cell)：=\(formula)，\(reason.text(.zh))），按文件中保存的结果读取；如有疑问，请在 Excel 或 WPS 中打开文件、保存后再导入",
                           "fulian cannot recalculate \(SheetsMessage.formulas(count)) (e.g. \(cell): =\(formula): \(reason.text(.en))), so the results saved in the file are read; if in doubt, open the file in Excel or WPS, save it and import it again")
        case .formulaFunction(let name):
            return Wording("fulian 不计算函数 \(name)", "fulian does not compute the function \(name)")
        case .formulaWritten(let text):
            return Wording("fulian 不计算“\(text)”这样的写法", "fulian does not compute “\(text)”")
        case .formulaCircular:
            return Wording("公式引用了自己的结果（循环引用）", "the formula refers to its own result (a circular reference)")
        case .formulaOtherSheet:
            return Wording("公式引用了其他工作表", "it refers to another sheet")
        case .formulaNoSuchSheet(let name):
            return Wording("公式引用的工作表“\(name)”不在工作簿中", "it refers to a sheet “\(name)” the workbook does not have")
        case .formulaOtherRows:
            return Wording("公式引用了其他行", "it refers to other rows")
        case .formulaChainTooLong(let limit):
            return Wording("公式层层引用其他公式，超过 \(limit) 层", "it depends on a chain of more than \(limit) formulas, each reading the next")
        case .formulaRangesTooLarge:
            return Wording("引用的范围太大", "its ranges are too large to compute")
        case .damagedZip(let reason):
            return Wording("不是可读取的 XLSX 文件：zip 容器不完整或已损坏（\(reason.text(.zh))）",
                           "not a readable XLSX file: the zip container is truncated or damaged (\(reason.text(.en)))")
        case .emptyZip:
            return Wording("zip 容器中没有任何文件：不是 XLSX 工作簿", "the zip container holds no files: not an XLSX workbook")
        case .openDocument:
            return Wording("不读取 OpenDocument 表格；请另存为 .xlsx", "OpenDocument spreadsheets are not read; save as .xlsx")
        case .binaryWorkbook:
            return Wording("二进制工作簿（.xlsb）；请另存为 .xlsx", "binary workbook (.xlsb); save as .xlsx")
        case .noWorkbookPart(let part):
            return Wording("zip 中没有工作簿部件（\(part)）：不是 XLSX 工作簿", "the zip has no workbook part (\(part)): not an XLSX workbook")
        case .noWorksheetsListed: return Wording("工作簿中没有列出任何工作表", "the workbook lists no worksheets")
        case .partDeclaresTooMuch(let part, let bytes, let limit):
            return Wording("\(part) 声明解压后有 \(bytes) 字节，超过上限 \(limit)（疑似 zip 炸弹）",
                           "\(part) declares \(bytes) bytes uncompressed, over the limit of \(limit) (a zip bomb?)")
        case .partInflatesTooMuch(let part, let limit, let compressed):
            return Wording("\(part) 由 \(compressed) 字节压缩数据解压后超过 \(limit) 字节（疑似 zip 炸弹）",
                           "\(part) inflates past \(limit) bytes from \(compressed) compressed (a zip bomb?)")
        case .partUnreadable(let part, let reason):
            return Wording("无法读取 \(part)：\(reason.text(.zh))；zip 不完整或已损坏",
                           "\(part) cannot be read: \(reason.text(.en)); the zip is truncated or damaged")
        case .partEncrypted(let part):
            return Wording("\(part) 设有 zip 密码；请在 Excel 或 WPS 中取消密码、保存后再试",
                           "\(part) is encrypted with a zip password; remove the password in Excel or WPS, save, and try again")
        case .partEncodingUnavailable(let part, let e):
            return Wording("\(part) 以 \(e) 保存，本系统无法转换；请在 Excel 或 WPS 中重新保存工作簿",
                           "\(part) is saved in \(e), which this system cannot convert; save the workbook again from Excel or WPS")
        case .partInvalidUTF16(let part):
            return Wording("\(part) 是含有无效字符的 UTF-16 文本：文件已损坏",
                           "\(part) is UTF-16 text with an invalid character: the file is damaged")
        case .doctype(let part):
            return Wording("\(part) 含有 DOCTYPE 声明，XLSX 从不需要它；已拒绝读取（从不展开实体）",
                           "\(part) contains a DOCTYPE declaration, which XLSX never needs; it is refused (entity expansion is never performed)")
        case .notWellFormed(let part, let reason):
            return Wording("\(part) 不是格式正确的 XML：\(reason.text(.zh))", "\(part) is not well-formed XML: \(reason.text(.en))")
        case .tokenTooLong(let part, let limit):
            return Wording("\(part) 中有一个超过 \(limit) 字节的 XML 记号（文件已损坏或有意构造）",
                           "\(part) holds a single XML token longer than \(limit) bytes (a damaged or hostile file)")
        case .notCDATA: return Wording("有一个不是 CDATA 的 <![ 段", "a <![ section that is not CDATA")
        case .sharedStringNotUTF8(let i):
            return Wording("共享字符串 \(i) 不是有效的 UTF-8：文件已损坏", "shared string \(i) is not valid UTF-8: the file is damaged")
        case .sharedStringTooLong(let i, let limit):
            return Wording("共享字符串 \(i) 超过 \(limit) 字节", "shared string \(i) holds more than \(limit) bytes")
        case .sheetPartMissing(let part):
            return Wording("zip 中缺少该工作表的部件 \(part)", "the sheet's part \(part) is missing from the zip")
        case .sheetDataUnterminated(let row):
            return Wording("工作表的 XML 在 <sheetData> 内部（第 \(row) 行之后）中断：文件不完整或已损坏",
                           "the sheet's XML ends inside <sheetData> (after row \(row)): the file is truncated or damaged")
        case .noSheetData: return Wording("工作表没有 <sheetData>：文件已损坏", "the sheet has no <sheetData>: the file is damaged")
        case .malformedCellReference: return Wording("有一个单元格的引用格式错误", "a cell has a malformed reference")
        case .malformedRowNumber: return Wording("有一行的行号格式错误", "a row has a malformed number")
        case .columnBeyondLimit(let column, let limit):
            return Wording("有一个单元格位于第 \(column) 列，超过上限 \(limit)", "a cell lies in column \(column), beyond the limit of \(limit)")
        case .rowBeyondLimit(let row, let limit):
            return Wording("第 \(row) 行超过 \(limit) 行的上限", "row \(row) is beyond the limit of \(limit) rows")
        case .cellTooLong(let limit): return Wording("有一个单元格超过 \(limit) 字节", "a cell holds more than \(limit) bytes")
        case .cellNotUTF8(let cell):
            return Wording("单元格 \(cell) 含有不是有效 UTF-8 的字节：文件已损坏", "cell \(cell) holds bytes that are not valid UTF-8: the file is damaged")
        case .malformedSharedStringIndex(let cell):
            return Wording("单元格 \(cell) 的共享字符串编号格式错误", "cell \(cell) has a malformed shared-string index")
        case .sharedStringOutOfRange(let cell, let i, let count):
            return Wording("单元格 \(cell) 引用共享字符串 \(i)，但共享字符串表只有 \(count) 个",
                           "cell \(cell) refers to shared string \(i), but the table has \(count)")

        case .fileTooLarge(let limit): return Wording("文件大于 \(limit) 字节", "the file is larger than \(limit) bytes")
        case .damagedContainer(let reason):
            return Wording("不是可读取的 XLS 文件：OLE2 容器已损坏（\(reason.text(.zh))）",
                           "not a readable XLS file: the OLE2 container is damaged (\(reason.text(.en)))")
        case .encryptedXLSX:
            return Wording("工作簿设有密码（加密的 .xlsx）；请在 Excel 或 WPS 中打开，取消密码、保存后再试",
                           "the workbook is password-protected (an encrypted .xlsx); open it in Excel or WPS, remove the password, save, and try again")
        case .passwordProtected:
            return Wording("工作簿设有密码；请在 Excel 或 WPS 中打开，取消密码、保存后再试",
                           "the workbook is password-protected; open it in Excel or WPS, remove the password, save, and try again")
        case .noWorkbookStream:
            return Wording("该 OLE2 文件中没有 Excel 工作簿数据流（是否为 Word 或其他 Office 文档？）",
                           "the OLE2 file holds no Excel workbook stream (is it a Word or other Office document?)")
        case .tooOld:
            return Wording("Excel 4.0 或更早版本的工作簿：请在 Excel 或 WPS 中打开并另存为 .xlsx",
                           "Excel 4.0 or older workbook: open it in Excel or WPS and save as .xlsx")
        case .notBIFF:
            return Wording("不是可读取的 XLS 文件：工作簿数据流不是以 BIFF 的 BOF 记录开头",
                           "not a readable XLS file: the workbook stream does not start with a BIFF BOF record")
        case .noWorksheets: return Wording("工作簿中没有工作表", "the workbook has no worksheets")
        case .damagedAt(let offset, let reason):
            return Wording("工作簿在其数据流第 \(offset) 字节处损坏：\(reason.text(.zh))",
                           "the workbook is damaged at byte \(offset) of its stream: \(reason.text(.en))")
        case .sheetOffsetOutside(let offset):
            return Wording("工作表清单指向第 \(offset) 字节，超出工作簿数据流：文件不完整或已损坏",
                           "the sheet list points at byte \(offset), outside the workbook stream: the file is truncated or damaged")

        case .recordPastEnd(let type, let truncated):
            return Wording("记录 0x\(type) 超出数据流末尾" + (truncated ? "（文件不完整？）" : ""),
                           "record 0x\(type) runs past the end of the stream" + (truncated ? " (truncated file?)" : ""))
        case .recordTooShort(let record):
            let article = ["XF", "RK"].contains(record) ? "an" : "a"
            return Wording("\(record) 记录过短", "\(article) \(record) record is too short")
        case .formatTruncated: return Wording("FORMAT 记录不完整", "a FORMAT record is truncated")
        case .sheetNamePastRecord:
            return Wording("工作表名称超出其 BOUNDSHEET 记录", "a sheet name runs past its BOUNDSHEET record")
        case .continuePastEnd:
            return Wording("共享字符串表的 CONTINUE 记录超出数据流末尾",
                           "a CONTINUE record of the shared-string table runs past the end of the stream")
        case .sharedStringCutOff(let i):
            return Wording("共享字符串 \(i) 被截断（SST 记录或其 CONTINUE 记录已损坏）",
                           "shared string \(i) is cut off (the SST record or its CONTINUE records are damaged)")
        case .sheetWithoutBOF: return Wording("工作表不是以 BOF 记录开头", "the sheet does not start with a BOF record")
        case .textCellTooShort: return Wording("文本单元格记录过短", "a text cell record is too short")
        case .textCellPastRecord: return Wording("文本单元格的字符超出其记录", "a text cell's characters run past its record")
        case .stringRecordPastEnd: return Wording("STRING 记录的字符超出其末尾", "a STRING record's characters run past its end")
        case .cellRefersPastTable(let cell, let i, let count):
            return Wording("单元格 \(cell) 引用共享字符串 \(i)，但共享字符串表只有 \(count) 个",
                           "cell \(cell) refers to shared string \(i), but the table has \(count)")

        case .noOLE2Header: return Wording("没有 OLE2 文件头", "no OLE2 header")
        case .unusualSectorSize: return Wording("扇区大小异常", "unusual sector size")
        case .cyclicDIFAT: return Wording("DIFAT 链循环", "cyclic DIFAT")
        case .difatBeyondEnd: return Wording("DIFAT 超出文件末尾", "DIFAT beyond the end")
        case .fatSectorBeyondEnd: return Wording("FAT 扇区超出文件末尾", "FAT sector beyond the end")
        case .noRootEntry: return Wording("没有根目录项", "no root directory entry")
        case .cyclicSectorChain: return Wording("扇区链循环", "cyclic sector chain")
        case .sectorBeyondEnd: return Wording("扇区超出文件末尾", "sector beyond the end")
        case .sectorOutsideFAT: return Wording("扇区不在 FAT 范围内", "sector outside the FAT")

        case .tooShortForZip: return Wording("文件太短，不可能是 zip", "the file is too short to be a zip")
        case .noEndRecord: return Wording("没有中央目录结束记录", "it has no end-of-central-directory record")
        case .zip64WithoutLocator: return Wording("ZIP64 压缩包缺少定位记录", "a ZIP64 archive without its locator")
        case .zip64RecordOutside: return Wording("ZIP64 结束记录位于文件之外", "the ZIP64 end record lies outside the file")
        case .zip64RecordMissing: return Wording("缺少 ZIP64 结束记录", "the ZIP64 end record is missing")
        case .centralDirectoryOutside: return Wording("中央目录位于文件之外", "its central directory lies outside the file")
        case .tooManyEntries:
            return Wording("中央目录声明的条目数超过其容量", "the central directory claims more entries than it can hold")
        case .centralDirectoryDamaged: return Wording("中央目录已损坏", "the central directory is damaged")
        case .unsupportedCompression(let method):
            return Wording("使用了压缩方法 \(method)，fulian 不读取（只读取不压缩和 deflate）",
                           "it uses compression method \(method), which fulian does not read (only stored and deflate)")
        case .headerOutside: return Wording("条目头位于文件之外", "its header lies outside the file")
        case .localHeaderMissing: return Wording("缺少本地文件头", "its local header is missing")
        case .dataPastEnd: return Wording("数据超出文件末尾", "its data runs past the end of the file")
        case .crcFails: return Wording("CRC 校验不通过", "its CRC check fails")
        case .zlibUnavailable: return Wording("无法初始化 zlib", "zlib cannot be initialised")
        case .deflateCutShort: return Wording("压缩数据在 deflate 流结束前就已中断", "its compressed data ends before the deflate stream does")
        case .deflateCorrupt: return Wording("压缩数据已损坏", "its compressed data is corrupt")
        case .endsEarly: return Wording("文件提前结束", "the file ends early")
        }
    }
}
