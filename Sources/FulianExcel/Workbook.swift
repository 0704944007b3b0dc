import CXlsxWriter
import Foundation
import FulianCore

/// An `.xlsx` file being written: sheets, styles and charts, saved by ``close()``.
///
/// ```swift
/// let wb = try Workbook(path: "/tmp/q1.xlsx",
///                       properties: DocumentProperties(title: "第一季度报表", company: "某市妇联"))
/// let sheet = try wb.addWorksheet(name: "汇总")
/// try sheet.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 2, value: "第一季度汇总", style: .title)
/// try sheet.writeRow(row: 1, ["单位", "人数", "金额（元）"], style: .header)
/// try sheet.writeRow(row: 2, ["鼓楼区", .integer(20), .money(Money(fen: 123_450))])
/// try sheet.write(row: 3, col: 1, .formula("SUM(B3:B3)", cached: 20), style: .integer.totals())
/// try sheet.autoFitColumns()
/// try wb.close()   // the file exists only now; errors such as a missing directory surface here
/// ```
///
/// **Lifetime.** Nothing is on disk until ``close()``. A workbook dropped without `close()` frees its
/// memory and writes nothing. After `close()` (successful or not) every call on the workbook, its sheets
/// and charts throws ``ExcelError/Kind-swift.enum/workbookClosed``.
///
/// **Constant-memory mode** (`constantMemory: true`) keeps one row in memory per sheet, for detail sheets
/// of hundreds of thousands of rows (100k × 10: ~25 MB instead of ~145 MB). Rows must then be written in
/// non-decreasing order; an earlier row throws ``ExcelError/Kind-swift.enum/rowOrderViolation`` before the
/// library sees it. Strings are written inline (`t="inlineStr"`) and row data goes to temporary files in
/// `tmpDirectory` (default: the system's).
///
/// Not thread-safe: use one workbook from one task.
public final class Workbook {
    /// The file path given at creation.
    public let path: String
    /// Whether the workbook writes in constant-memory mode.
    public let constantMemory: Bool
    /// The properties set at creation.
    public let properties: DocumentProperties
    /// The sheet names in the order they were added.
    public private(set) var sheetNames: [String] = []

    let handle: UnsafeMutablePointer<lxw_workbook>
    /// True once ``close()`` has run; every handle derived from the workbook is invalid then.
    @exclusivity(unchecked) private(set) var isClosed = false
    let strings = CStringPool()
    @exclusivity(unchecked) private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    /// The last few styles looked up: a row of a detail sheet cycles through a handful, and comparing
    /// them is far cheaper than hashing a style for every cell.
    @exclusivity(unchecked) private var recentFormats: [(style: CellStyle, format: UnsafeMutablePointer<lxw_format>)] = []

    /// Opens a workbook for writing at `path` (nothing is written before ``close()``).
    ///
    /// - Parameters:
    ///   - path: The output file; use the `.xlsx` extension. Its directory must exist by `close()`.
    ///   - constantMemory: Write rows straight to temporary files (see the type's documentation).
    ///   - properties: Title, author, company, creation time. The default sets only the author, "fulian".
    ///   - tmpDirectory: Where the library puts its temporary files; nil is the system default.
    /// - Throws: ``ExcelError`` for an empty path, a NUL in a string, or if the library cannot allocate.
    public init(
        path: String, constantMemory: Bool = false, properties: DocumentProperties = DocumentProperties(),
        tmpDirectory: String? = nil
    ) throws {
        self.path = path
        self.constantMemory = constantMemory
        self.properties = properties
        guard !path.isEmpty else {
            throw ExcelError(kind: .invalidArgument, path: path, message: .problem(.emptyPath))
        }
        for s in [path, tmpDirectory].compactMap({ $0 }) + properties.textFields.compactMap({ $0.1 })
        where s.utf8.contains(0) {
            throw ExcelError(kind: .embeddedNul, path: path, message: .problem(.nulInPathOrProperty))
        }
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.tmpdir = strings.copy(tmpDirectory)
        options.use_zip64 = 0
        guard let wb = workbook_new_opt(path, &options) else {
            throw ExcelError(kind: .library(code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue)), path: path,
                             message: .problem(.workbookNotCreated))
        }
        handle = wb
        var props = lxw_doc_properties()
        props.title = strings.copy(properties.title)
        props.subject = strings.copy(properties.subject)
        props.author = strings.copy(properties.author)
        props.manager = strings.copy(properties.manager)
        props.company = strings.copy(properties.company)
        props.category = strings.copy(properties.category)
        props.keywords = strings.copy(properties.keywords)
        props.comments = strings.copy(properties.comments)
        props.status = strings.copy(properties.status)
        if let created = properties.created {
            let seconds = created.timeIntervalSince1970.rounded(.down)
            guard seconds >= 1 else {
                lxw_workbook_free(wb)
                isClosed = true
                throw ExcelError(kind: .invalidArgument, path: path,
                                 message: .problem(.creationTimeTooEarly))
            }
            props.created = time_t(seconds)
        }
        if !properties.isEmpty {
            let err = workbook_set_properties(wb, &props)
            if err != LXW_NO_ERROR {
                lxw_workbook_free(wb)
                isClosed = true
                throw ExcelError(kind: ExcelError.kind(for: err), path: path,
                                 message: .propertiesFailed(library: ExcelError.libraryText(err)))
            }
        }
    }

    deinit {
        if !isClosed { lxw_workbook_free(handle) }
        strings.drain()
    }

    /// Adds a sheet named `name`, validated the way Excel validates it.
    ///
    /// ```swift
    /// let s = try wb.addWorksheet(name: "各区县明细")
    /// try wb.addWorksheet(name: "a/b")       // ExcelError: sheet name "a/b" contains "/", which Excel forbids ([ ] : * ? / \)
    /// try wb.addWorksheet(name: "各区县明细")  // ExcelError: sheet name "各区县明细" is already used
    /// ```
    ///
    /// The rules (see ``sheetNameProblem(_:existing:)``): not empty; at most 31 UTF-16 units (Excel's count;
    /// a CJK character is one, an emoji two); none of `[ ] : * ? / \`; no `'` at either end; not "History";
    /// unique ignoring case.
    public func addWorksheet(name: String) throws -> Worksheet {
        try ensureOpen()
        if let problem = Workbook.sheetNameProblem(name, existing: sheetNames) {
            throw ExcelError(kind: problem.kind, path: path, message: problem.message)
        }
        let check = workbook_validate_sheet_name(handle, name)
        guard check == LXW_NO_ERROR else {
            throw ExcelError(kind: ExcelError.kind(for: check), path: path,
                             message: .sheetNameRejected(name: name, library: ExcelError.libraryText(check)))
        }
        guard let ws = workbook_add_worksheet(handle, name) else {
            throw ExcelError(kind: .invalidSheetName, path: path,
                             message: .sheetNotAdded(name: name))
        }
        sheetNames.append(name)
        return Worksheet(workbook: self, handle: ws, name: name)
    }

    /// Why `name` cannot name a new sheet next to `existing`, or nil when it can.
    ///
    /// ```swift
    /// Workbook.sheetNameProblem("Summary", existing: ["summary"])?.message.text(.en)
    /// // sheet name "Summary" is already used (as "summary"; Excel ignores case)
    /// ```
    public static func sheetNameProblem(_ name: String, existing: [String]) -> (kind: ExcelError.Kind, message: ExcelMessage)? {
        if name.isEmpty { return (.invalidSheetName, .problem(.sheetNameEmpty)) }
        let units = name.utf16.count
        if units > 31 { return (.invalidSheetName, .sheetNameTooLong(name: name, units: units)) }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
            return (.invalidSheetName, .sheetNameForbidden(name: name, character: bad))
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { return (.invalidSheetName, .sheetNameControl(name: name)) }
        if name.hasPrefix("'") || name.hasSuffix("'") { return (.invalidSheetName, .sheetNameApostrophe(name: name)) }
        if name.lowercased() == "history" { return (.invalidSheetName, .sheetNameReserved(name: name)) }
        let lower = name.lowercased()
        if let clash = existing.first(where: { $0.lowercased() == lower }) {
            return (.duplicateSheetName, .sheetNameUsed(name: name, existing: clash))
        }
        return nil
    }

    /// Creates a chart to fill with series and insert into a sheet with ``Worksheet/insertChart(_:row:col:xScale:yScale:)``.
    ///
    /// ```swift
    /// let chart = try wb.addChart(.column)
    /// try chart.addSeries(values: SheetRange(sheet: "汇总", column: 1, rows: 2...6),
    ///                     categories: SheetRange(sheet: "汇总", column: 0, rows: 2...6), name: "人数")
    /// try chart.setTitle("各区县人数")
    /// try sheet.insertChart(chart, row: 8, col: 0)
    /// ```
    public func addChart(_ kind: ChartKind) throws -> Chart {
        try ensureOpen()
        guard let c = workbook_add_chart(handle, kind.lxw) else {
            throw ExcelError(kind: .invalidArgument, path: path, message: .chartNotCreated(kind: kind.description))
        }
        return Chart(workbook: self, handle: c, kind: kind)
    }

    /// Writes the file and frees the library's memory. Call exactly once.
    ///
    /// Errors that the library can only see now are reported here: a directory that does not exist or is
    /// not writable (``ExcelError/Kind-swift.enum/fileNotWritten``, message naming the path), zip failures.
    /// The workbook is unusable afterwards whether or not this throws.
    public func close() throws {
        try ensureOpen()
        isClosed = true
        let err = workbook_close(handle)  // frees the workbook in every case
        strings.drain()
        guard err == LXW_NO_ERROR else {
            let text = ExcelError.libraryText(err)
            if err == LXW_ERROR_CREATING_XLSX_FILE {
                throw ExcelError(kind: .fileNotWritten, path: path, message: .cannotCreateFile(path: path, library: text))
            }
            throw ExcelError(kind: ExcelError.kind(for: err), path: path, message: .writeFailed(path: path, library: text))
        }
    }

    /// Throws ``ExcelError/Kind-swift.enum/workbookClosed`` once ``close()`` has run.
    func ensureOpen(sheet: String? = nil) throws {
        if isClosed {
            throw ExcelError(kind: .workbookClosed, path: path, sheet: sheet,
                             message: .problem(.workbookClosed))
        }
    }

    /// The format for a style, created once per distinct style; nil for no style or the empty style.
    func format(for style: CellStyle?, sheet: String?, cell: @autoclosure () -> String?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let style else { return nil }
        for r in recentFormats where r.style == style { return r.format }
        guard style != CellStyle() else { return nil }
        if let f = formats[style] {
            remember(style, f)
            return f
        }
        if let problem = style.problem {
            throw ExcelError(kind: .invalidArgument, path: path, sheet: sheet, cell: cell(), message: .invalidStyle(problem))
        }
        guard let f = workbook_add_format(handle) else {
            throw ExcelError(kind: .library(code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue)), path: path,
                             sheet: sheet, cell: cell(), message: .problem(.formatNotCreated))
        }
        style.apply(to: f)
        formats[style] = f
        remember(style, f)
        return f
    }

    /// The style a date or money cell takes without one of its own (``CellStyle/date``, ``CellStyle/money``),
    /// whose format is looked up once per workbook instead of once per cell.
    enum DefaultFormat: Int {
        case date, money

        /// The kind of `value` that has a default format; nil for the others.
        init?(_ value: ExcelValue) {
            switch value {
            case .date: self = .date
            case .money: self = .money
            default: return nil
            }
        }

        /// The style.
        var style: CellStyle { self == .date ? .date : .money }
    }
    @exclusivity(unchecked) private var defaultFormats: [UnsafeMutablePointer<lxw_format>?] = [nil, nil]

    /// The format of a ``DefaultFormat``, made on first use.
    @inline(__always)
    func defaultFormat(_ which: DefaultFormat, sheet: String?, cell: @autoclosure () -> String?) throws -> UnsafeMutablePointer<lxw_format>? {
        if let f = defaultFormats[which.rawValue] { return f }
        let f = try format(for: which.style, sheet: sheet, cell: cell())
        defaultFormats[which.rawValue] = f
        return f
    }

    private func remember(_ style: CellStyle, _ f: UnsafeMutablePointer<lxw_format>) {
        if recentFormats.count == 8 { recentFormats.removeFirst() }
        recentFormats.append((style, f))
    }

    /// The number of distinct styles turned into formats (each is one `<xf>` in styles.xml).
    ///
    /// The pointers kept after ``close()`` are never used again: every entry point checks ``isClosed`` first.
    public var formatCount: Int { formats.count }
}
