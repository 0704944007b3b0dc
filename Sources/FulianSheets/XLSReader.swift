import Foundation
import FulianCore

/// Reads Excel 5.0–2003 workbooks (.xls: BIFF5 and BIFF8), with no library but its own.
///
/// The OLE2 container is walked by ``CompoundFile`` and only its workbook stream (`Workbook` or `Book`,
/// whatever the case) is kept; ``BIFFWorkbook`` reads the globals (code page, date system, formats, XFs,
/// shared strings, sheets), and each sheet's rows are decoded from its records when asked for, one row at
/// a time, so memory is the stream plus one row. A raw BIFF5/8 stream not in an OLE2 container reads too.
///
/// Cells: `LABELSST` (shared strings split across `CONTINUE` records anywhere), `LABEL`, `RSTRING`,
/// `NUMBER`, `RK`, `MULRK`, `BOOLERR` (booleans and error values kept apart), `FORMULA` with its cached
/// result (a number, a string from the `STRING` record that follows, a boolean, an error, an empty
/// string). A number whose XF has a date, time or elapsed-time format becomes a date, date and time, time
/// or duration, exactly as in ``XLSXReader`` (``NumberFormatKind``). Chart, macro and VBA sheets are not
/// listed in ``sheets``. Excel 4.0 and older files and password-protected workbooks are refused with a
/// message saying what to do; a damaged record names its byte offset in the workbook stream.
public final class XLSReader: SpreadsheetReader {
    public let path: String
    public var format: SheetFormat { .xls }
    public private(set) var sheets: [SheetInfo] = []
    public var dateSystem: ExcelDateSystem { workbook.dateSystem }
    public var textEncoding: TextEncoding? { nil }
    public var delimiter: UInt8? { nil }
    /// Formulas saved without a result (xlwt writes them so) that fulian computed, or could not: the
    /// latest read of each sheet.
    public var warnings: [Diagnostic] { sheetWarnings.keys.sorted().flatMap { sheetWarnings[$0]! } }
    private var sheetWarnings: [Int: [Diagnostic]] = [:]
    /// The cells of sheets other sheets' formulas read, by lowercased name (``otherSheet(_:)``).
    private var otherSheets: [String: (cells: [Int: Cell], lastRow: Int, failed: [Int: SheetsMessage])] = [:]
    /// The formulas the last ``computeEmptyResults(_:into:sheet:)`` could not compute, and why.
    private var lastFailures: [Int: SheetsMessage] = [:]
    /// Sheets whose formulas saved without a result are being computed.
    private var sheetsBeingComputed = Set<String>()
    /// The formulas being computed at once, across the sheets being computed.
    private let formulaDepth = FormulaDepth()
    /// Sheets with formulas saved as an empty result, found by the walk that checks the row order.
    private var emptyResultCache: [Int: Bool] = [:]

    private let fileName: String
    private let limits: ReadLimits
    /// The workbook stream.
    private let stream: [UInt8]
    private let workbook: BIFFWorkbook
    /// The BOUNDSHEET entry of each of ``sheets``.
    private var entries: [BIFFWorkbook.Sheet] = []
    private var mergeCache: [Int: [CellRange]] = [:]
    private var orderCache: [Int: Bool] = [:]

    /// Opens a workbook: reads the container and the workbook globals; sheets are read on demand.
    /// Throws ``SheetError`` for a damaged, password-protected, too old or oversized file.
    public init(path: String, options: ReadOptions = ReadOptions()) throws {
        self.path = path
        let fileName = (path as NSString).lastPathComponent
        self.fileName = fileName
        limits = options.limits
        let bytes = try readWholeFile(path, fileName: fileName, limit: options.limits.maxEntryBytes)
        if bytes.starts(with: FormatDetection.ole2Magic) {
            let container: CompoundFile
            do { container = try CompoundFile(bytes: bytes) } catch let e as CompoundFile.Damaged {
                throw SheetError(.corrupt, file: fileName, .damagedContainer(reason: e.reason))
            }
            if container.hasStream("EncryptedPackage") { throw SheetError(.encrypted, file: fileName, .encryptedXLSX) }
            let found: [UInt8]?
            do { found = try container.stream("Workbook") ?? container.stream("Book") } catch let e as CompoundFile.Damaged {
                throw SheetError(.corrupt, file: fileName, .damagedContainer(reason: e.reason))
            }
            guard let found else { throw SheetError(.corrupt, file: fileName, .noWorkbookStream) }
            stream = found
        } else {
            stream = bytes   // a bare BIFF stream (FormatDetection sends those here too)
        }
        let globals: Result<BIFFWorkbook, BIFFFailure> = stream.withUnsafeBytes { p in
            do throws(BIFFFailure) { return .success(try BIFFWorkbook(stream: p)) } catch { return .failure(error) }
        }
        switch globals {
        case .success(let w): workbook = w
        case .failure(let f): throw XLSReader.sheetError(f, file: fileName)
        }
        for sheet in workbook.sheets where sheet.isWorksheet {
            guard sheet.offset >= 0, sheet.offset + 4 <= stream.count else {
                throw SheetError(.corrupt, file: fileName, sheet: sheet.name, .sheetOffsetOutside(offset: sheet.offset))
            }
            entries.append(sheet)
            sheets.append(SheetInfo(name: sheet.name, index: sheets.count, visibility: sheet.visibility, dimension: declaredDimension(sheet.offset)))
        }
        guard !sheets.isEmpty else { throw SheetError(.corrupt, file: fileName, .noWorksheets) }
    }

    static func sheetError(_ f: BIFFFailure, file: String) -> SheetError {
        switch f {
        case .tooOld: return SheetError(.corrupt, file: file, .tooOld)
        case .encrypted: return SheetError(.encrypted, file: file, .passwordProtected)
        case .notBIFF: return SheetError(.corrupt, file: file, .notBIFF)
        case .damaged(let offset, let sheet, let reason): return SheetError(.corrupt, file: file, sheet: sheet, .damagedAt(offset: offset, reason: reason))
        }
    }

    private func index(_ sheet: SheetInfo) throws -> Int {
        guard sheet.index >= 0, sheet.index < sheets.count, sheets[sheet.index].name == sheet.name else {
            throw SheetError(.noSuchSheet, file: fileName, .noSuchSheet(name: sheet.name, sheets: []))
        }
        return sheet.index
    }

    // MARK: Walking a sheet's records

    /// Calls `body(type, recordOffset, bodyOffset, length)` for each record of the sheet substream that
    /// starts at `offset` (nested chart substreams skipped), until its EOF or `body` returns false.
    private func walk(_ p: UnsafeRawBufferPointer, from offset: Int, sheet: String,
                      _ body: (UInt16, Int, Int, Int) throws -> Bool) throws {
        guard offset + 4 <= p.count, p.u16(offset) == BIFFRecord.bof else {
            throw SheetError(.corrupt, file: fileName, sheet: sheet, .damagedAt(offset: offset, reason: .sheetWithoutBOF))
        }
        var i = offset + 4 + Int(p.u16(offset + 2))
        var depth = 1
        while i + 4 <= p.count {
            let type = p.u16(i), length = Int(p.u16(i + 2))
            let start = i + 4
            guard start + length <= p.count else {
                throw SheetError(.corrupt, file: fileName, sheet: sheet,
                                 .damagedAt(offset: i, reason: .recordPastEnd(type: BIFFWorkbook.hex(type), truncated: true)))
            }
            i = start + length
            if type == BIFFRecord.bof { depth += 1; continue }
            if type == BIFFRecord.eof { depth -= 1; if depth == 0 { return }; continue }
            if depth == 1, try !body(type, i - length - 4, start, length) { return }
        }
        // A sheet without its EOF: the cells read so far stand, as in xlrd and calamine.
    }

    /// The `DIMENSIONS` record near the start of a sheet (informational only).
    private func declaredDimension(_ offset: Int) -> CellRange? {
        var found: CellRange?
        var seen = 0
        try? stream.withUnsafeBytes { p in
            try walk(p, from: offset, sheet: "") { type, _, b, length in
                seen += 1
                if type == BIFFRecord.dimensions {
                    let biff8 = workbook.version == .biff8
                    guard length >= (biff8 ? 12 : 8) else { return false }
                    let r0 = biff8 ? Int(p.u32(b)) : Int(p.u16(b)), r1 = biff8 ? Int(p.u32(b + 4)) : Int(p.u16(b + 2))
                    let c0 = Int(p.u16(b + (biff8 ? 8 : 4))), c1 = Int(p.u16(b + (biff8 ? 10 : 6)))
                    if r1 > r0, c1 > c0, r1 <= 1 << 20, c1 <= 1 << 14 {
                        found = CellRange(firstRow: r0 + 1, firstColumn: c0 + 1, lastRow: r1, lastColumn: c1)
                    }
                    return false
                }
                return seen < 64
            }
        }
        return found
    }

    public func mergedRanges(in sheet: SheetInfo) throws -> [CellRange] {
        let i = try index(sheet)
        if let m = mergeCache[i] { return m }
        var ranges: [CellRange] = []
        try stream.withUnsafeBytes { p in
            try walk(p, from: entries[i].offset, sheet: sheet.name) { type, _, b, length in
                if type == BIFFRecord.mergedCells, length >= 2 {
                    let count = Int(p.u16(b))
                    for k in 0..<count where 2 + 8 * k + 8 <= length {
                        let o = b + 2 + 8 * k
                        ranges.append(CellRange(firstRow: Int(p.u16(o)) + 1, firstColumn: Int(p.u16(o + 4)) + 1,
                                                lastRow: Int(p.u16(o + 2)) + 1, lastColumn: Int(p.u16(o + 6)) + 1))
                    }
                }
                return true
            }
        }
        mergeCache[i] = ranges
        return ranges
    }

    /// Whether the sheet's cell records come in row order (what every writer does); when not, rows are
    /// gathered before they are given out.
    private func cellsInRowOrder(_ i: Int, sheet: String) throws -> Bool {
        if let o = orderCache[i] { return o }
        var ordered = true, emptyResults = false
        var last = -1
        let biff8 = workbook.version == .biff8
        try stream.withUnsafeBytes { p in
            try walk(p, from: entries[i].offset, sheet: sheet) { type, _, b, length in
                switch type {
                case BIFFRecord.labelSST, BIFFRecord.label, BIFFRecord.rstring, BIFFRecord.number, BIFFRecord.rk,
                     BIFFRecord.mulRK, BIFFRecord.boolErr, BIFFRecord.formula:
                    guard length >= 2 else { return true }
                    let row = Int(p.u16(b))
                    if type == BIFFRecord.formula, biff8, length >= 20, p.u16(b + 12) == 0xFFFF, p[b + 6] == 3 { emptyResults = true }
                    if row < last { ordered = false }
                    last = max(last, row)
                default: break
                }
                return true
            }
        }
        orderCache[i] = ordered
        emptyResultCache[i] = emptyResults
        return ordered
    }

    // MARK: Rows

    public func forEachRow(in sheet: SheetInfo, _ body: (Row) throws -> Bool) throws {
        let i = try index(sheet)
        // A sheet with formulas saved without a result is gathered whole, so that they are computed from it.
        let ordered = try cellsInRowOrder(i, sheet: sheet.name) && emptyResultCache[i] != true
        let wb = workbook
        let biff8 = wb.version == .biff8
        let kinds = wb.xfKinds
        let system = wb.dateSystem
        let strings = wb.sharedStrings
        let maxRows = limits.maxRows, maxColumns = limits.maxColumns, maxCellBytes = limits.maxCellBytes
        let name = sheet.name

        var cells: [Cell] = []
        cells.reserveCapacity(32)
        var current = -1                 // 0-based row being gathered
        var stopped = false
        var gathered: [Int: [Cell]] = [:] // rows out of order (only when `ordered` is false)
        var hiddenRows = Set<Int>()       // 0-based rows the ROW records mark hidden
        let sheetNamed = { (x: Int) -> String? in x < wb.externSheets.count ? wb.externSheets[x].map { wb.sheets[$0].name } : nil }
        var pendingString: (row: Int, column: Int)?
        var emptyFormulas: [(row: Int, column: Int, xf: Int, text: Result<String, Formula.Unsupported>)] = []

        func damaged(_ offset: Int, _ why: SheetsMessage) -> SheetError {
            SheetError(.corrupt, file: fileName, sheet: name, row: current >= 0 ? current + 1 : nil, .damagedAt(offset: offset, reason: why))
        }
        func flush() throws {
            guard current >= 0, !cells.isEmpty else { return }
            if ordered {
                if try !body(Row(number: current + 1, cells: cells, hidden: hiddenRows.contains(current))) { stopped = true }
            } else {
                gathered[current] = cells
            }
            cells.removeAll(keepingCapacity: true)
        }
        @inline(__always)
        func place(_ row: Int, _ column: Int, _ cell: Cell) throws {
            if row != current {
                try flush()
                if stopped { return }
                guard row < maxRows else {
                    throw SheetError(.tooLarge, file: fileName, sheet: name, row: row + 1, .rowBeyondLimit(row: row + 1, limit: maxRows))
                }
                current = row
                if !ordered, let g = gathered.removeValue(forKey: row) { cells = g }
            }
            guard column < maxColumns else {
                throw SheetError(.tooLarge, file: fileName, sheet: name, row: row + 1, .columnBeyondLimit(column: column + 1, limit: maxColumns))
            }
            if cells.count <= column {
                if cells.count < column { cells.append(contentsOf: repeatElement(Cell.empty, count: column - cells.count)) }
                cells.append(cell)
            } else {
                cells[column] = cell
            }
        }
        @inline(__always)
        func number(_ d: Double, _ xf: Int) -> Cell {
            let kind = xf < kinds.count ? kinds[xf] : .number
            return kind == .number ? .number(d) : kind.cell(serial: d, dateSystem: system)
        }
        /// A LABEL/RSTRING string at `at` (BIFF8 XLUnicodeString, BIFF5 byte string), within the record.
        func label(_ p: UnsafeRawBufferPointer, _ at: Int, end: Int, record: Int) throws -> String {
            guard at + 2 <= end else { throw damaged(record, .textCellTooShort) }
            let count = Int(p.u16(at))
            if biff8 {
                var seg = BIFFSegments()
                seg.bytes = Array(UnsafeRawBufferPointer(rebasing: p[(at + 2)..<end]))
                var c = BIFFSegments.Cursor(seg)
                guard let s = try? c.unicodeString(count: count) else { throw damaged(record, .textCellPastRecord) }
                return s
            }
            guard at + 2 + count <= end else { throw damaged(record, .textCellPastRecord) }
            return wb.decoder?.decode(p, at + 2, count) ?? BIFFText.latin1(p, at + 2, count)
        }
        func text(_ s: String) -> Cell { s.isEmpty ? .empty : .text(s) }

        try stream.withUnsafeBytes { p in
            try walk(p, from: entries[i].offset, sheet: name) { type, record, b, length in
                switch type {
                case BIFFRecord.labelSST:
                    guard length >= 10 else { throw damaged(record, .recordTooShort(record: "LABELSST")) }
                    let k = Int(p.u32(b + 6))
                    guard k < strings.count else {
                        throw damaged(record, .cellRefersPastTable(cell: "\(ColumnName.letters(Int(p.u16(b + 2)) + 1))\(Int(p.u16(b)) + 1)", index: k, count: strings.count))
                    }
                    let s = strings[k]
                    if !s.isEmpty { try place(Int(p.u16(b)), Int(p.u16(b + 2)), .text(s)) }
                case BIFFRecord.rk:
                    guard length >= 10 else { throw damaged(record, .recordTooShort(record: "RK")) }
                    try place(Int(p.u16(b)), Int(p.u16(b + 2)), number(BIFFRecord.rkValue(p.u32(b + 6)), Int(p.u16(b + 4))))
                case BIFFRecord.number:
                    guard length >= 14 else { throw damaged(record, .recordTooShort(record: "NUMBER")) }
                    try place(Int(p.u16(b)), Int(p.u16(b + 2)), number(p.f64(b + 6), Int(p.u16(b + 4))))
                case BIFFRecord.mulRK:
                    guard length >= 6 else { throw damaged(record, .recordTooShort(record: "MULRK")) }
                    let row = Int(p.u16(b)), first = Int(p.u16(b + 2))
                    let n = (length - 6) / 6
                    for k in 0..<n {
                        let o = b + 4 + 6 * k
                        try place(row, first + k, number(BIFFRecord.rkValue(p.u32(o + 2)), Int(p.u16(o))))
                    }
                case BIFFRecord.label, BIFFRecord.rstring:
                    guard length >= 8 else { throw damaged(record, .textCellTooShort) }
                    let s = try label(p, b + 6, end: b + length, record: record)
                    if s.utf8.count > maxCellBytes {
                        throw SheetError(.tooLarge, file: fileName, sheet: name, row: Int(p.u16(b)) + 1, .cellTooLong(limit: maxCellBytes))
                    }
                    if !s.isEmpty { try place(Int(p.u16(b)), Int(p.u16(b + 2)), .text(s)) }
                case BIFFRecord.boolErr:
                    guard length >= 8 else { throw damaged(record, .recordTooShort(record: "BOOLERR")) }
                    let v = p[b + 6]
                    try place(Int(p.u16(b)), Int(p.u16(b + 2)), p[b + 7] != 0 ? .error(BIFFRecord.errorText(v)) : .bool(v != 0))
                case BIFFRecord.formula:
                    guard length >= 20 else { throw damaged(record, .recordTooShort(record: "FORMULA")) }
                    let row = Int(p.u16(b)), column = Int(p.u16(b + 2))
                    pendingString = nil
                    if p.u16(b + 12) == 0xFFFF {
                        switch p[b + 6] {
                        case 0:
                            pendingString = (row, column)   // the text is in the STRING record that follows
                        case 1: try place(row, column, .bool(p[b + 8] != 0))
                        case 2: try place(row, column, .error(BIFFRecord.errorText(p[b + 8])))
                        default:
                            // 3: an empty string, or no result at all (xlwt): computed once the sheet is read.
                            guard biff8, length >= 22 else { break }
                            let count = min(Int(p.u16(b + 20)), length - 22)
                            let text = Result { try BIFFFormula.text(p, b + 22, count, sheet: sheetNamed) }
                                .mapError { $0 as? Formula.Unsupported ?? Formula.Unsupported(what: "?") }
                            emptyFormulas.append((row, column, Int(p.u16(b + 4)), text))
                        }
                    } else {
                        try place(row, column, number(p.f64(b + 6), Int(p.u16(b + 4))))
                    }
                case BIFFRecord.string:
                    guard let at = pendingString else { break }
                    pendingString = nil
                    let s = try formulaString(p, record: record, body: b, length: length, sheet: name)
                    if s.utf8.count > maxCellBytes {
                        throw SheetError(.tooLarge, file: fileName, sheet: name, row: at.row + 1, .cellTooLong(limit: maxCellBytes))
                    }
                    if !s.isEmpty { try place(at.row, at.column, .text(s)) }
                case BIFFRecord.blank, BIFFRecord.mulBlank, BIFFRecord.continue:
                    break
                case 0x04BC, 0x0221, 0x0236:          // SHRFMLA, ARRAY, TABLE may stand between FORMULA and STRING
                    break
                case BIFFRecord.row:
                    // fDyZero: the row is hidden (by hand or by a filter).
                    pendingString = nil
                    if length >= 14, p[b + 12] & 0x20 != 0 { hiddenRows.insert(Int(p.u16(b))) }
                default:
                    pendingString = nil
                }
                return !stopped
            }
        }
        guard !stopped else { return }
        try flush()
        guard !stopped, !ordered else { return }
        if !emptyFormulas.isEmpty { sheetWarnings[i] = computeEmptyResults(emptyFormulas, into: &gathered, sheet: name) }
        for row in gathered.keys.sorted() {
            if try !body(Row(number: row + 1, cells: gathered[row]!, hidden: hiddenRows.contains(row))) { return }
        }
    }

    /// Computes the formulas saved with an empty result from the gathered rows and puts what they give in
    /// place; returns the sheet's warnings. A result that is empty text is what was saved (Excel's `=""`),
    /// and is no news; one fulian cannot compute stays empty, said in a warning.
    private func computeEmptyResults(_ formulas: [(row: Int, column: Int, xf: Int, text: Result<String, Formula.Unsupported>)],
                                     into gathered: inout [Int: [Cell]], sheet: String) -> [Diagnostic] {
        var entries: [Int: FormulaBook.Entry] = [:]
        for f in formulas {
            switch f.text {
            case .success(let t): entries[SheetFormulas.key(row: f.row + 1, column: f.column + 1)] = FormulaBook.Entry(t)
            case .failure(let u): entries[SheetFormulas.key(row: f.row + 1, column: f.column + 1)] = FormulaBook.Entry(failing: u)
            }
        }
        let rows = gathered
        let book = FormulaBook(entries: entries, lastRow: (rows.keys.max() ?? 0) + 1, dateSystem: workbook.dateSystem) { key in
            let row = (key >> 14) - 1, column = key & 0x3FFF
            guard let cells = rows[row], column < cells.count else { return nil }
            return cells[column]
        }
        book.sheetName = sheet
        book.depth = formulaDepth
        book.foreign = { [unowned self] name, ref in
            let other = try self.otherSheet(name)
            let key = SheetFormulas.key(row: ref.row, column: ref.column)
            // A formula there fulian could not compute: not computed here either, for the same reason.
            if let why = other.failed[key] { throw Formula.Unsupported(why) }
            return other.cells[key].map { FormulaValue($0, dateSystem: self.workbook.dateSystem) } ?? .empty
        }
        book.foreignLastRow = { [unowned self] name in (try? self.otherSheet(name).lastRow) ?? 0 }
        sheetsBeingComputed.insert(sheet.lowercased())
        defer { sheetsBeingComputed.remove(sheet.lowercased()) }
        let order = formulas.sorted(by: { ($0.row, $0.column) < ($1.row, $1.column) })
        book.computeAll(order.map { SheetFormulas.key(row: $0.row + 1, column: $0.column + 1) })
        var tally = SheetFormulas()
        var failures: [Int: SheetsMessage] = [:]
        for f in order {
            let key = SheetFormulas.key(row: f.row + 1, column: f.column + 1)
            let shown = (try? f.text.get()) ?? "?"
            switch book.result(key) {
            case .success(let v):
                let cell = SheetFormulas.cell(v, style: f.xf, styleKinds: workbook.xfKinds, dateSystem: workbook.dateSystem)
                if case .empty = cell { continue }
                tally.computed.add(row: f.row + 1, column: f.column + 1, formula: shown)
                var cells = gathered[f.row] ?? []
                if cells.count <= f.column { cells.append(contentsOf: repeatElement(Cell.empty, count: f.column + 1 - cells.count)) }
                cells[f.column] = cell
                gathered[f.row] = cells
            case .failure(let u):
                tally.kept.add(row: f.row + 1, column: f.column + 1, formula: shown, reason: u.problem)
                failures[key] = u.problem
            }
        }
        lastFailures = failures
        return tally.warnings(file: fileName, sheet: sheet, stale: false)
    }

    /// Another sheet's cells, for formulas that read them (`'发放标准'!B2`): read whole once, its own formulas
    /// saved without a result computed as any read computes them, up to 4 Mi cells; reading it adds none of
    /// its warnings. A sheet whose formulas are being computed is not read again (sheets reading each other).
    private func otherSheet(_ name: String) throws -> (cells: [Int: Cell], lastRow: Int, failed: [Int: SheetsMessage]) {
        guard let info = try? sheet(named: name) else { throw Formula.Unsupported(.formulaNoSuchSheet(name: String(name.prefix(40)))) }
        let lower = info.name.lowercased()
        if let known = otherSheets[lower] { return known }
        guard !sheetsBeingComputed.contains(lower) else { throw Formula.Unsupported(.formulaOtherSheet) }
        let i = try index(info)
        let kept = sheetWarnings[i]
        defer { sheetWarnings[i] = kept }
        lastFailures = [:]
        let (cells, lastRow) = try SheetFormulas.gather { try forEachRow(in: info, $0) }
        otherSheets[lower] = (cells, lastRow, lastFailures)
        return (cells, lastRow, lastFailures)
    }

    /// The text of a `STRING` record (a formula's string result) with any `CONTINUE` records after it.
    private func formulaString(_ p: UnsafeRawBufferPointer, record: Int, body b: Int, length: Int, sheet: String) throws -> String {
        guard length >= 2 else {
            throw SheetError(.corrupt, file: fileName, sheet: sheet, .damagedAt(offset: record, reason: .recordTooShort(record: "STRING")))
        }
        let count = Int(p.u16(b))
        guard workbook.version == .biff8 else {
            guard 2 + count <= length else {
                throw SheetError(.corrupt, file: fileName, sheet: sheet, .damagedAt(offset: record, reason: .stringRecordPastEnd))
            }
            return workbook.decoder?.decode(p, b + 2, count) ?? BIFFText.latin1(p, b + 2, count)
        }
        var seg = BIFFSegments()
        seg.bytes = Array(UnsafeRawBufferPointer(rebasing: p[(b + 2)..<(b + length)]))
        var j = b + length
        while j + 4 <= p.count, p.u16(j) == BIFFRecord.continue, seg.bytes.count <= limits.maxCellBytes * 2 {
            let n = Int(p.u16(j + 2))
            guard j + 4 + n <= p.count else { break }
            seg.boundaries.append(seg.bytes.count)
            seg.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[(j + 4)..<(j + 4 + n)]))
            j += 4 + n
        }
        var c = BIFFSegments.Cursor(seg)
        guard let s = try? c.unicodeString(count: count) else {
            throw SheetError(.corrupt, file: fileName, sheet: sheet, .damagedAt(offset: record, reason: .stringRecordPastEnd))
        }
        return s
    }
}
