import Foundation
import FulianCore

/// Reads Office Open XML workbooks (.xlsx from Excel, WPS, LibreOffice, openpyxl, XlsxWriter / libxlsxwriter).
///
/// The zip is read by ``ZipArchive``; sheet XML is streamed through ``XMLScanner`` in 256 KiB chunks,
/// so only the shared-strings table and one row at a time are ever in memory. Every zip entry is bounded
/// by ``ReadLimits/maxEntryBytes`` and by ``ReadLimits/maxCompressionRatio`` times its compressed size,
/// counted on the bytes actually inflated (a declared size is never trusted); an entry's deflate stream
/// must end within its compressed size, and its CRC-32 is checked when it has been read to the end.
///
/// Cell values: shared and inline strings (rich-text runs joined, phonetic runs dropped; an inline string
/// that also carries `<v>` is its string), `t="str"`, `t="b"`, `t="e"`, `t="d"`; numbers in a date, time or
/// elapsed-time format (``NumberFormatKind``: built-in ids 14–22, 27–36, 45–47, 50–58, or a custom code)
/// become dates, date-times, times of day or durations in the workbook's date system (1900 with its
/// phantom leap day, or 1904); negative serials stay numbers. Cells without `r=` take the next column;
/// rows without `r=` the next row.
///
/// Formulas: the result saved in the file is read. A formula without one, or every formula of a workbook
/// asking to be recalculated on opening (``recalculatesOnLoad``), is computed (``SheetFormulas``,
/// ``FormulaEvaluator``), with a warning in ``warnings``.
///
/// Containers as real tools write them: zip entry names with `\` separators, a duplicated part name (the
/// first is read), parts in UTF-16 (converted). OpenDocument (.ods) and binary (.xlsb) workbooks are
/// refused with what to do.
public final class XLSXReader: SpreadsheetReader {
    public let path: String
    public var format: SheetFormat { .xlsx }
    public private(set) var sheets: [SheetInfo] = []
    public private(set) var dateSystem: ExcelDateSystem = .system1900
    public var textEncoding: TextEncoding? { nil }
    public var delimiter: UInt8? { nil }
    /// Problems met while reading sheets: formulas fulian computed, or could not compute, for want of a
    /// saved result (the latest read of each sheet).
    public var warnings: [Diagnostic] { sheetWarnings.keys.sorted().flatMap { sheetWarnings[$0]! } }
    /// Whether the workbook asks for its formulas to be recalculated when opened (`<calcPr fullCalcOnLoad="1"/>`,
    /// as XlsxWriter, libxlsxwriter and openpyxl write): the results it saved, if any, are placeholders.
    public private(set) var recalculatesOnLoad = false

    private let fileName: String
    private let limits: ReadLimits
    private let archive: ZipArchive
    private var entries: [String: ZipArchive.Entry] = [:]
    private var sheetParts: [String] = []
    private var sharedStrings: [String] = []
    private var styleKinds: [NumberFormatKind] = []
    private var mergeCache: [Int: [CellRange]] = [:]
    private var sheetWarnings: [Int: [Diagnostic]] = [:]
    /// The formulas' books of the sheet being computed and of the sheets its formulas read, by lowercased
    /// name, while it is computed: a cell of another sheet is computed there when asked for, once, and a
    /// loop across sheets is found as within one.
    private var openBooks: [String: FormulaBook] = [:]
    /// The formulas being computed at once across those books.
    private let formulaDepth = FormulaDepth()
    /// The cells as saved of the sheets in ``openBooks``, for formulas of other sheets reading them.
    private var openCells: [String: [Int: Cell]] = [:]
    /// ``open(_:)``'s answers by the name as the formulas write it (`标准`, `'标准'` and `标准 ` are one sheet).
    private var openByName: [String: (book: FormulaBook, cells: [Int: Cell])] = [:]


    /// Opens a workbook: reads the workbook, relationships, styles and shared strings; sheets are read
    /// on demand. Throws ``SheetError`` for a damaged, encrypted or oversized file.
    public init(path: String, options: ReadOptions = ReadOptions()) throws {
        self.path = path
        fileName = (path as NSString).lastPathComponent
        limits = options.limits
        do {
            archive = try ZipArchive(path: path)
        } catch let e as ZipArchive.Damaged {
            throw SheetError(.corrupt, file: (path as NSString).lastPathComponent, .damagedZip(reason: e.reason))
        }
        // Part names are case-insensitive (OPC); a name that occurs twice is damage, and the first is taken.
        for e in archive.entries where !e.isDirectory {
            let key = e.path.lowercased()
            if entries[key] == nil { entries[key] = e }
        }
        guard !entries.isEmpty else { throw SheetError(.corrupt, file: fileName, .emptyZip) }
        if entries["mimetype"] != nil, let mime = try part("mimetype"),
           mime.starts(with: Array("application/vnd.oasis.opendocument.spreadsheet".utf8)) {
            throw SheetError(.corrupt, file: fileName, .openDocument)
        }

        let rootRels = try relationships("_rels/.rels")
        let workbookPath = rootRels.first { $0.type.hasSuffix("/officeDocument") }.map { XLSXReader.resolve($0.target, base: "") }
            ?? "xl/workbook.xml"
        if workbookPath.lowercased().hasSuffix(".bin") || (entries["xl/workbook.bin"] != nil && entries[workbookPath.lowercased()] == nil) {
            throw SheetError(.corrupt, file: fileName, .binaryWorkbook)
        }
        guard let workbookXML = try part(workbookPath) else {
            throw SheetError(.corrupt, file: fileName, .noWorkbookPart(part: workbookPath))
        }
        let base = (workbookPath as NSString).deletingLastPathComponent
        let relsPath = (base.isEmpty ? "" : base + "/") + "_rels/" + (workbookPath as NSString).lastPathComponent + ".rels"
        let rels = try relationships(relsPath)
        var byId: [String: String] = [:]
        for r in rels { byId[r.id] = XLSXReader.resolve(r.target, base: base) }

        // Workbook: date system and sheets in tab order.
        var sc = XMLScanner(maxTokenBytes: tokenLimit)
        sc.append(workbookXML)
        var index = 0
        while let t = try scan(&sc, part: workbookPath) {
            guard t.kind == .open || t.kind == .empty else { continue }
            if sc.isName(t, "workbookPr") {
                let v = sc.attributeString(t, "date1904")
                if v == "1" || v == "true" { dateSystem = .system1904 }
            } else if sc.isName(t, "calcPr") {
                for a: StaticString in ["fullCalcOnLoad", "forceFullCalc"] {
                    let v = sc.attributeString(t, a)
                    if v == "1" || v == "true" { recalculatesOnLoad = true }
                }
            } else if sc.isName(t, "sheet") {
                let name = sc.attributeString(t, "name") ?? "Sheet\(index + 1)"
                let state = sc.attributeString(t, "state")
                let rid = sc.attributeString(t, "id") ?? ""
                guard let target = byId[rid] ?? (rels.isEmpty ? "\(base)/worksheets/sheet\(index + 1).xml" : nil) else { continue }
                guard rels.isEmpty || rels.contains(where: { $0.id == rid && $0.type.hasSuffix("/worksheet") }) else { continue }
                let vis: SheetVisibility = state == "hidden" ? .hidden : state == "veryHidden" ? .veryHidden : .visible
                sheets.append(SheetInfo(name: name, index: index, visibility: vis))
                sheetParts.append(target)
                index += 1
            }
        }
        guard !sheets.isEmpty else { throw SheetError(.corrupt, file: fileName, .noWorksheetsListed) }

        let stylesPath = rels.first { $0.type.hasSuffix("/styles") }.map { XLSXReader.resolve($0.target, base: base) } ?? "xl/styles.xml"
        if let styles = try part(stylesPath) { styleKinds = try XLSXReader.styleKinds(styles, scanner: { try self.scan(&$0, part: stylesPath) }) }
        let sstPath = rels.first { $0.type.hasSuffix("/sharedStrings") }.map { XLSXReader.resolve($0.target, base: base) } ?? "xl/sharedStrings.xml"
        if entries[sstPath.lowercased()] != nil { try loadSharedStrings(sstPath) }

        for i in sheets.indices { sheets[i].dimension = try declaredDimension(sheetParts[i], sheet: sheets[i].name) }
    }

    // MARK: Parts

    private struct Stop: Error {}

    /// The declared size from which a part is inflated on a thread of its own while it is read.
    /// (512 KiB: two read chunks; `fixtures/sheets/large-sheet.xlsx` is read this way in the tests.)
    static let inflateAheadBytes: Int64 = 512 << 10

    /// Streams one zip entry in chunks, enforcing the size and ratio limits on the inflated bytes.
    /// Errors name `sheet` when the part is a worksheet being read.
    private func stream(_ partPath: String, sheet: String? = nil, chunk: Int = 1 << 18,
                        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard let entry = entries[partPath.lowercased()] else { return false }
        let (ratioCap, overflow) = max(entry.compressedSize, 1).multipliedReportingOverflow(by: max(limits.maxCompressionRatio, 1))
        let cap = min(limits.maxEntryBytes, overflow ? .max : ratioCap.addingReportingOverflow(1 << 20).overflow ? .max : ratioCap + (1 << 20))
        if entry.uncompressedSize > cap {
            throw SheetError(.tooLarge, file: fileName, sheet: sheet,
                             .partDeclaresTooMuch(part: partPath, bytes: Int64(entry.uncompressedSize), limit: Int64(cap)))
        }
        var total: Int64 = 0
        var text = PartText(part: partPath, file: fileName, sheet: sheet)
        // A large part is inflated on a second thread while it is read (the same chunks, errors and order);
        // a small one is not worth a thread.
        let ahead = entry.uncompressedSize >= XLSXReader.inflateAheadBytes
        do {
            try archive.extract(entry, chunkSize: chunk, ahead: ahead) { data in
                total += Int64(data.count)
                if total > cap {
                    throw SheetError(.tooLarge, file: self.fileName, sheet: sheet,
                                     .partInflatesTooMuch(part: partPath, limit: Int64(cap), compressed: Int64(entry.compressedSize)))
                }
                try text.feed(data, body)
            }
            try text.finish(body)
        } catch is Stop {
        } catch let e as ZipArchive.Damaged {
            throw SheetError(.corrupt, file: fileName, sheet: sheet, .partUnreadable(part: partPath, reason: e.reason))
        } catch is ZipArchive.Encrypted {
            throw SheetError(.encrypted, file: fileName, sheet: sheet,
                             .partEncrypted(part: partPath))
        }
        return true
    }

    /// A part's bytes as UTF-8, whatever the part was saved in: UTF-8 passes through (a byte-order mark
    /// dropped); UTF-16 with a byte-order mark, or without one but starting `<?`/`<` in UTF-16, is
    /// converted as it streams (some older tools save every part in UTF-16, as XML allows).
    struct PartText {
        private enum Mode { case undecided, utf8, utf16(UTF8Transcoder) }
        private var mode = Mode.undecided
        private var head: [UInt8] = []
        let part: String, file: String, sheet: String?

        init(part: String, file: String, sheet: String?) {
            self.part = part
            self.file = file
            self.sheet = sheet
        }

        /// Passes one chunk on, converted.
        mutating func feed(_ data: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
            switch mode {
            case .utf8:
                try body(data)
            case .utf16(let t):
                try emit(t.convert(Array(data), final: false), body)
            case .undecided:
                head.append(contentsOf: data)
                if head.count >= 4 { try decide(body) }
            }
        }

        /// Ends the part: a short part is decided now, and UTF-16 must not end inside a character.
        mutating func finish(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
            if case .undecided = mode { try decide(body) }
            if case .utf16(let t) = mode { try emit(t.convert([], final: true), body) }
        }

        private mutating func decide(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
            let h = head
            head = []
            var skip = 0
            var encoding: TextEncoding?
            if h.starts(with: [0xEF, 0xBB, 0xBF]) { skip = 3 }
            else if h.starts(with: [0xFF, 0xFE]) { encoding = .utf16LE; skip = 2 }
            else if h.starts(with: [0xFE, 0xFF]) { encoding = .utf16BE; skip = 2 }
            else if h.starts(with: [0x3C, 0x00]) { encoding = .utf16LE }
            else if h.starts(with: [0x00, 0x3C]) { encoding = .utf16BE }
            guard let encoding else {
                mode = .utf8
                try h.dropFirst(skip).withUnsafeBufferPointer { if $0.count > 0 { try body($0) } }
                return
            }
            let t = UTF8Transcoder(from: encoding)
            guard t.isAvailable else {
                throw SheetError(.corrupt, file: file, sheet: sheet,
                                 .partEncodingUnavailable(part: part, encoding: encoding.rawValue))
            }
            mode = .utf16(t)
            try emit(t.convert(Array(h.dropFirst(skip)), final: false), body)
        }

        private func emit(_ converted: [UInt8]?, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
            guard let converted else {
                throw SheetError(.corrupt, file: file, sheet: sheet,
                                 .partInvalidUTF16(part: part))
            }
            if !converted.isEmpty { try converted.withUnsafeBufferPointer { try body($0) } }
        }
    }

    /// The longest XML token any part may hold: a cell's text plus room for its tag.
    private var tokenLimit: Int { limits.maxCellBytes &+ (1 << 16) }

    /// A whole (small) part, nil when absent.
    private func part(_ partPath: String) throws -> [UInt8]? {
        var out: [UInt8] = []
        let found = try stream(partPath) { out.append(contentsOf: $0) }
        return found ? out : nil
    }

    /// The next token of a whole part, with scanner failures turned into file errors.
    private func scan(_ sc: inout XMLScanner, part: String, sheet: String? = nil) throws -> XMLScanner.Token? {
        do { return try sc.next(atEnd: true) } catch let f as XMLScanner.Failure { throw xmlError(f, part: part, sheet: sheet) }
    }

    private func xmlError(_ f: XMLScanner.Failure, part: String, sheet: String?) -> SheetError {
        switch f {
        case .doctype:
            return SheetError(.corrupt, file: fileName, sheet: sheet,
                              .doctype(part: part))
        case .malformed(let m):
            return SheetError(.corrupt, file: fileName, sheet: sheet, .notWellFormed(part: part, reason: m))
        case .tokenTooLong(let n):
            return SheetError(.tooLarge, file: fileName, sheet: sheet,
                              .tokenTooLong(part: part, limit: n))
        }
    }

    struct Relationship { var id: String; var type: String; var target: String }

    /// The relationships of a `.rels` part, empty when the part is absent.
    private func relationships(_ relsPath: String) throws -> [Relationship] {
        guard let xml = try part(relsPath) else { return [] }
        do { return try XLSXReader.relationships(xml, maxTokenBytes: tokenLimit) } catch let f as XMLScanner.Failure {
            throw xmlError(f, part: relsPath, sheet: nil)
        }
    }

    static func relationships(_ xml: [UInt8], maxTokenBytes: Int = .max) throws -> [Relationship] {
        var sc = XMLScanner(maxTokenBytes: maxTokenBytes)
        sc.append(xml)
        var out: [Relationship] = []
        while let t = try sc.next(atEnd: true) {
            guard (t.kind == .empty || t.kind == .open), sc.isName(t, "Relationship") else { continue }
            if sc.attributeString(t, "TargetMode") == "External" { continue }
            out.append(Relationship(id: sc.attributeString(t, "Id") ?? "", type: sc.attributeString(t, "Type") ?? "",
                                    target: sc.attributeString(t, "Target") ?? ""))
        }
        return out
    }

    /// A relationship target as a zip path: absolute targets from the root, others from `base`.
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for p in target.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    // MARK: Styles

    /// Whether a built-in format id shows a date, a time or a duration (``NumberFormatKind/builtIn(_:)``
    /// tells which).
    static func isBuiltInDateFormat(_ id: Int) -> Bool { NumberFormatKind.builtIn(id).isTemporal }

    /// Whether a custom format code shows a date, a time or a duration (``NumberFormatKind/init(code:)``
    /// tells which).
    static func isDateFormatCode(_ code: String) -> Bool { NumberFormatKind(code: code).isTemporal }

    /// For every cell style (`cellXfs` index), what its number format shows numbers as (a custom
    /// `numFmt` overrides a built-in id of the same number).
    static func styleKinds(_ xml: [UInt8], scanner next: (inout XMLScanner) throws -> XMLScanner.Token?) throws -> [NumberFormatKind] {
        var sc = XMLScanner(maxTokenBytes: 1 << 20)
        sc.append(xml)
        var custom: [Int: NumberFormatKind] = [:]
        var out: [NumberFormatKind] = []
        var inCellXfs = false
        while let t = try next(&sc) {
            if t.kind == .close, sc.isName(t, "cellXfs") { inCellXfs = false; continue }
            guard t.kind == .open || t.kind == .empty else { continue }
            if sc.isName(t, "numFmt"), let id = sc.attributeInt(t, "numFmtId") {
                custom[id] = NumberFormatKind(code: sc.attributeString(t, "formatCode") ?? "")
            } else if sc.isName(t, "cellXfs") {
                inCellXfs = t.kind == .open
            } else if inCellXfs, sc.isName(t, "xf") {
                let id = sc.attributeInt(t, "numFmtId") ?? 0
                out.append(custom[id] ?? NumberFormatKind.builtIn(id))
            }
        }
        return out
    }

    // MARK: Shared strings

    private func loadSharedStrings(_ sstPath: String) throws {
        var loader = SharedStringsLoader(file: fileName, maxCellBytes: limits.maxCellBytes)
        var sc = XMLScanner(maxTokenBytes: tokenLimit)
        var failure: XMLScanner.Failure?
        _ = try stream(sstPath) { data in
            sc.append(data)
            do { try loader.consume(&sc, atEnd: false) } catch let f as XMLScanner.Failure { failure = f; throw Stop() }
        }
        if failure == nil { do { try loader.consume(&sc, atEnd: true) } catch let f as XMLScanner.Failure { failure = f } }
        if let f = failure { throw xmlError(f, part: sstPath, sheet: nil) }
        sharedStrings = loader.strings
    }

    /// The shared-strings part's state machine: each `<si>`'s text (its `<t>` runs, phonetic `<rPh>` runs
    /// left out) as tokens arrive. Kept in a struct of its own, its state lives in registers and on the
    /// stack, not in the boxes a closure's captured variables would need.
    private struct SharedStringsLoader {
        let file: String
        let maxCellBytes: Int
        var strings: [String] = []
        var current: [UInt8] = []
        var inSI = false, inT = false, inRPh = false

        init(file: String, maxCellBytes: Int) {
            self.file = file
            self.maxCellBytes = maxCellBytes
        }

        /// Processes every complete token.
        mutating func consume(_ sc: inout XMLScanner, atEnd: Bool) throws {
            var plain = 0..<0
            while true {
                // Most strings are `<si><t>…</t></si>`: taken whole, straight from the buffer.
                if !inRPh, sc.nextPlainSharedString(&plain) {
                    guard plain.count <= maxCellBytes else { throw tooLong() }
                    inSI = false
                    inT = false
                    try add(sc.buffer[plain])
                    continue
                }
                guard let t = try sc.next(atEnd: atEnd) else { return }
                switch t.kind {
                case .open, .empty:
                    if sc.isName(t, "si") { inSI = t.kind == .open; current.removeAll(keepingCapacity: true); if t.kind == .empty { strings.append("") } }
                    else if sc.isName(t, "t") { inT = t.kind == .open }
                    else if sc.isName(t, "rPh") { inRPh = t.kind == .open }
                case .close:
                    if sc.isName(t, "t") { inT = false }
                    else if sc.isName(t, "rPh") { inRPh = false }
                    else if sc.isName(t, "si"), inSI {
                        inSI = false
                        try add(current)
                    }
                case .text:
                    if inSI && inT && !inRPh { current.append(contentsOf: sc.buffer[t.body]) }
                case .cdata:
                    if inSI && inT && !inRPh {
                        current.append(contentsOf: Array(String(decoding: sc.buffer[t.body], as: UTF8.self)
                            .replacingOccurrences(of: "&", with: "&amp;").utf8))
                    }
                }
                if current.count > maxCellBytes { throw tooLong() }
            }
        }

        /// The string being read is over the cell size limit.
        func tooLong() -> SheetError {
            SheetError(.tooLarge, file: file, .sharedStringTooLong(index: strings.count, limit: maxCellBytes))
        }

        /// Adds one string from its raw XML text.
        mutating func add(_ raw: some Collection<UInt8>) throws {
            guard let s = XMLScanner.decode(raw) else {
                throw SheetError(.corrupt, file: file, .sharedStringNotUTF8(index: strings.count))
            }
            strings.append(XLSXReader.unescapeOOXML(s))
        }
    }

    /// Decodes Excel's `_xHHHH_` escapes (`_x000D_` for a carriage return).
    static func unescapeOOXML(_ s: String) -> String {
        // Hot path (every shared and inline string): a byte scan, not a Foundation substring search.
        var sawUnderscore = false
        var found = false
        for b in s.utf8 {
            if sawUnderscore && b == UInt8(ascii: "x") { found = true; break }
            sawUnderscore = b == UInt8(ascii: "_")
        }
        guard found else { return s }
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "_x") {
            out += rest[rest.startIndex..<r.lowerBound]
            let after = rest[r.upperBound...]
            let hex = after.prefix(5)
            if hex.count == 5, hex.last == "_", let v = UInt32(hex.dropLast(), radix: 16), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }

    // MARK: Sheets

    private func partIndex(_ sheet: SheetInfo) throws -> Int {
        guard sheet.index >= 0, sheet.index < sheetParts.count, sheets[sheet.index].name == sheet.name else {
            throw SheetError(.noSuchSheet, file: fileName, .noSuchSheet(name: sheet.name, sheets: []))
        }
        return sheet.index
    }

    /// The `<dimension ref>` from the start of a sheet part (informational only).
    private func declaredDimension(_ partPath: String, sheet: String) throws -> CellRange? {
        var sc = XMLScanner()
        var found: CellRange?
        do {
            _ = try stream(partPath, sheet: sheet, chunk: 1 << 14) { data in
                sc.append(data)
                while let t = try sc.next() {
                    if (t.kind == .empty || t.kind == .open), sc.isName(t, "dimension") {
                        found = sc.attributeString(t, "ref").flatMap { CellRange(reference: $0) }
                        throw Stop()
                    }
                    if t.kind == .open, sc.isName(t, "sheetData") { throw Stop() }
                }
                if sc.pendingCount > 1 << 16 { throw Stop() }
            }
        } catch is XMLScanner.Failure {
            return nil   // reported when the sheet is read
        }
        return found
    }

    public func mergedRanges(in sheet: SheetInfo) throws -> [CellRange] {
        let i = try partIndex(sheet)
        if let m = mergeCache[i] { return m }
        var scanner = MergeCellScanner()
        _ = try stream(sheetParts[i], sheet: sheet.name) { scanner.feed($0) }
        mergeCache[i] = scanner.ranges
        return scanner.ranges
    }

    /// Finds `<mergeCell ref="…"/>` tags in a sheet part by a byte search, chunk by chunk: much faster than
    /// tokenizing the whole sheet a second time. Text that merely reads `mergeCell ref=…` (inside a cell)
    /// is not a tag, since it cannot follow a `<`.
    struct MergeCellScanner {
        /// The ranges found so far, in file order.
        private(set) var ranges: [CellRange] = []
        /// Unsearched or incomplete bytes carried over to the next chunk (bounded by ``maxTagBytes``).
        private var tail: [UInt8] = []
        /// A `mergeCell` tag longer than this is skipped rather than waited for.
        static let maxTagBytes = 4096
        private static let needle = Array("mergeCell".utf8)

        /// Searches the next chunk of the part.
        mutating func feed(_ data: UnsafeBufferPointer<UInt8>) {
            var buf = tail
            buf.append(contentsOf: data)
            let needle = MergeCellScanner.needle
            var keepFrom = 0
            var found: [CellRange] = []
            buf.withUnsafeBufferPointer { p in
                let n = p.count
                var k = 0
                var lastEnd = 0
                while k + needle.count < n {
                    if p[k] == needle[0] && p[k + 1] == needle[1] && XLSXReader.isTagStart(p, before: k) {
                        var j = 2
                        while j < needle.count && p[k + j] == needle[j] { j += 1 }
                        let next = k + needle.count
                        if j == needle.count, p[next] == 32 || p[next] == 9 || p[next] == 10 || p[next] == 13 {
                            let limit = min(n, next + MergeCellScanner.maxTagBytes)
                            var end = next
                            while end < limit && p[end] != UInt8(ascii: ">") { end += 1 }
                            if end < limit {
                                let tag = String(decoding: UnsafeBufferPointer(rebasing: p[next..<end]), as: UTF8.self)
                                if let r = tag.range(of: "ref=\"") ?? tag.range(of: "ref='") {
                                    let v = tag[r.upperBound...].prefix { $0 != "\"" && $0 != "'" }
                                    if let range = CellRange(reference: v) { found.append(range) }
                                }
                                k = end + 1
                                lastEnd = k
                                continue
                            }
                            if limit == n {
                                // Incomplete: keep the tag and its `<prefix:` for the next chunk.
                                keepFrom = max(lastEnd, k - 48)
                                return
                            }
                            // Longer than any real tag: skip it.
                        }
                    }
                    k += 1
                }
                // Keep the last bytes: a name (and its `<prefix:`) may start there.
                keepFrom = max(lastEnd, n - 64)
            }
            ranges += found
            tail = keepFrom < buf.count ? Array(buf[keepFrom...]) : []
        }
    }

    /// Whether the name starting at `k` is an element name: preceded by `<`, or by `prefix:` after a `<`
    /// (so the text `mergeCell ref=…` inside a cell value is not taken for a tag).
    static func isTagStart(_ p: UnsafeBufferPointer<UInt8>, before k: Int) -> Bool {
        guard k > 0 else { return false }
        if p[k - 1] == UInt8(ascii: "<") { return true }
        guard p[k - 1] == UInt8(ascii: ":") else { return false }
        var j = k - 2
        while j >= 0, k - j < 40 {
            let b = p[j]
            if b == UInt8(ascii: "<") { return j < k - 2 }
            guard (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 45 || b == 46 || b == 95 else { return false }
            j -= 1
        }
        return false
    }

    public func forEachRow(in sheet: SheetInfo, _ body: (Row) throws -> Bool) throws {
        let i = try partIndex(sheet)
        var state = SheetState(reader: self, sheet: sheet.name, limits: limits)
        if recalculatesOnLoad {
            // Rows before the first formula are read as they are; from the row holding it, the sheet is read
            // with every formula computed. (A sheet without formulas costs nothing more.)
            state.formulas.mode = .watch
            sheetWarnings[i] = []
            do {
                try read(i, sheet: sheet, &state, body)
            } catch let met as SheetFormulas.FormulaMet {
                try forEachRecalculatedRow(i, sheet: sheet, stale: true, from: met.row, body)
            }
            return
        }
        do {
            try read(i, sheet: sheet, &state, body)
            sheetWarnings[i] = state.formulas.warnings(file: fileName, sheet: sheet.name, stale: false)
        } catch let met as SheetFormulas.FormulaMet {
            // A formula without a result reading other rows or sheets: from its row, the sheet's formulas
            // without a result are computed from the whole workbook (and counted, rows above included).
            try forEachRecalculatedRow(i, sheet: sheet, stale: false, from: met.row, body)
        } catch {
            sheetWarnings[i] = state.formulas.warnings(file: fileName, sheet: sheet.name, stale: false)
            throw error
        }
    }

    /// Streams sheet `i` through `state`, which calls `body` with each row.
    private func read(_ i: Int, sheet: SheetInfo, _ state: inout SheetState, _ body: (Row) throws -> Bool) throws {
        var sc = XMLScanner(maxTokenBytes: tokenLimit)
        var xmlFailure: XMLScanner.Failure?
        let found = try stream(sheetParts[i], sheet: sheet.name) { data in
            sc.append(data)
            do {
                if try !state.consume(&sc, atEnd: false, body) { throw Stop() }
            } catch let f as XMLScanner.Failure {
                xmlFailure = f
                throw Stop()
            }
        }
        guard found else { throw SheetError(.corrupt, file: fileName, sheet: sheet.name, .sheetPartMissing(part: sheetParts[i])) }
        if xmlFailure == nil, !state.done, !state.stopped {
            do { _ = try state.consume(&sc, atEnd: true, body) } catch let f as XMLScanner.Failure { xmlFailure = f }
        }
        if let f = xmlFailure { throw xmlError(f, part: sheetParts[i], sheet: sheet.name) }
        if !state.stopped, !state.done {
            throw SheetError(.corrupt, file: fileName, sheet: sheet.name, state.sawSheetData
                ? .sheetDataUnterminated(afterRow: state.rowNumber) : .noSheetData)
        }
    }

    /// A cell of another sheet, for a formula of the sheet being computed: its formula computed in that
    /// sheet's book (opened on first use: its formulas and cells read once), or the cell as saved.
    private func foreignValue(_ name: String, _ ref: Formula.Ref) throws -> FormulaValue {
        let (book, cells) = try open(name)
        let key = SheetFormulas.key(row: ref.row, column: ref.column)
        if book.entries[key] != nil { return try book.result(key).get() }
        return cells[key].map { FormulaValue($0, dateSystem: dateSystem) } ?? .empty
    }

    /// The last row of another sheet, for whole columns (`名册!B:B`).
    private func foreignLastRow(_ name: String) -> Int {
        (try? open(name).book.lastRow) ?? 0
    }

    /// The book and the saved cells of a sheet formulas read, up to 4 Mi cells.
    private func open(_ name: String) throws -> (book: FormulaBook, cells: [Int: Cell]) {
        if let known = openByName[name] { return known }
        let opened = try openSheet(name)
        openByName[name] = opened
        return opened
    }

    private func openSheet(_ name: String) throws -> (book: FormulaBook, cells: [Int: Cell]) {
        guard let info = try? sheet(named: name) else { throw Formula.Unsupported(.formulaNoSuchSheet(name: String(name.prefix(40)))) }
        let lower = info.name.lowercased()
        if let book = openBooks[lower], let cells = openCells[lower] { return (book, cells) }
        var state = SheetState(reader: self, sheet: info.name, limits: limits)
        state.formulas.mode = .collect
        let (cells, _) = try SheetFormulas.gather { try read(try partIndex(info), sheet: info, &state, $0) }
        let book: FormulaBook
        if let computing = openBooks[lower] {
            book = computing       // the sheet being computed: its book is open, its cells were not all kept
        } else {
            var entries: [Int: FormulaBook.Entry] = [:]
            for (key, f) in state.formulas.found where recalculatesOnLoad || !f.hasResult { entries[key] = FormulaBook.Entry(f.text) }
            book = self.book(entries, lastRow: max(state.formulas.lastRow, state.rowNumber), sheet: info.name) { cells[$0] }
            openBooks[lower] = book
        }
        openCells[lower] = cells
        return (book, cells)
    }

    /// A sheet's formulas' book, reading other sheets through ``open(_:)``.
    private func book(_ entries: [Int: FormulaBook.Entry], lastRow: Int, sheet: String, saved: @escaping (Int) -> Cell?) -> FormulaBook {
        let book = FormulaBook(entries: entries, lastRow: lastRow, dateSystem: dateSystem, saved: saved)
        book.depth = formulaDepth
        book.sheetName = sheet
        book.foreign = { [unowned self] name, ref in try self.foreignValue(name, ref) }
        book.foreignLastRow = { [unowned self] name in self.foreignLastRow(name) }
        return book
    }

    /// Reads a sheet with its formulas computed: its formulas, then the cells they read, then its rows with
    /// each formula's result in place (``SheetFormulas``). With `stale` (a workbook asking for recalculation)
    /// every formula is computed; otherwise only those without a saved result. Rows before `from` are not
    /// given to `body` (they were, before the first formula was met).
    private func forEachRecalculatedRow(_ i: Int, sheet: SheetInfo, stale: Bool, from: Int, _ body: (Row) throws -> Bool) throws {
        var first = SheetState(reader: self, sheet: sheet.name, limits: limits)
        first.formulas.mode = .collect
        try read(i, sheet: sheet, &first) { _ in true }
        let lastRow = max(first.formulas.lastRow, first.rowNumber)
        var entries: [Int: FormulaBook.Entry] = [:]
        entries.reserveCapacity(first.formulas.found.count)
        for (key, f) in first.formulas.found {
            if !stale, f.hasResult { continue }
            entries[key] = FormulaBook.Entry(f.text)
        }

        // The cells the formulas read, as row intervals per column, merged (other sheets' cells are read there).
        let own = sheet.name.lowercased()
        var intervals: [Int: [(Int, Int)]] = [:]
        for e in entries.values {
            guard case .success(let f) = e.parsed else { continue }
            for r in f.references {
                switch r {
                case .ref(let a) where a.sheet == nil || a.sheet?.lowercased() == own:
                    intervals[a.column, default: []].append((a.row, a.row))
                case .range(let a, let b, let whole) where a.sheet == nil || a.sheet?.lowercased() == own:
                    guard b.column - a.column < 16_384 else { continue }
                    for c in a.column...b.column { intervals[c, default: []].append(whole ? (1, lastRow) : (a.row, b.row)) }
                default: break
                }
            }
        }
        for (c, list) in intervals {
            var merged: [(Int, Int)] = []
            for iv in list.sorted(by: { $0.0 < $1.0 }) {
                if let last = merged.last, iv.0 <= last.1 + 1 { merged[merged.count - 1].1 = max(last.1, iv.1) } else { merged.append(iv) }
            }
            intervals[c] = merged
        }
        // Columns with anything needed, for the common answer (no) without a dictionary lookup.
        var neededColumns = [Bool](repeating: false, count: 16_385)
        for c in intervals.keys where c >= 1 && c <= 16_384 { neededColumns[c] = true }
        func needed(_ row: Int, _ column: Int) -> Bool {
            guard column <= 16_384, neededColumns[column], let list = intervals[column] else { return false }
            var lo = 0, hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if list[mid].1 < row { lo = mid + 1 } else { hi = mid }
            }
            return lo < list.count && list[lo].0 <= row
        }
        var values: [Int: Cell] = [:]
        if !intervals.isEmpty {
            var second = SheetState(reader: self, sheet: sheet.name, limits: limits)
            second.formulas.mode = .collect
            try read(i, sheet: sheet, &second) { row in
                for (k, c) in row.cells.enumerated() {
                    if case .empty = c { continue }
                    if needed(row.number, k + 1) { values[SheetFormulas.key(row: row.number, column: k + 1)] = c }
                }
                return true
            }
        }

        let book = self.book(entries, lastRow: lastRow, sheet: sheet.name) { values[$0] }
        openBooks = [own: book]
        openCells = [:]
        // What other sheets' formulas computed is for this sheet's formulas only.
        defer { openBooks = [:]; openCells = [:]; openByName = [:] }
        let order = entries.keys.sorted()
        book.computeAll(order, alsoForgetting: Array(openBooks.values))
        var tally = SheetFormulas()
        var overrides: [Int: Cell] = [:]
        overrides.reserveCapacity(entries.count)
        for key in order {
            let f = first.formulas.found[key]!
            let row = key >> 14, column = (key & 0x3FFF) + 1
            switch book.result(key) {
            case .success(let v):
                let cell = SheetFormulas.cell(v, style: f.style, styleKinds: styleKinds, dateSystem: dateSystem)
                // Counted (and warned about) where the figure is not the one saved: a workbook that saved
                // its true results (fulian's own, libxlsxwriter with results given) reads without a warning.
                if !f.hasResult || !SheetFormulas.same(cell, f.saved) { tally.computed.add(row: row, column: column, formula: f.text) }
                overrides[key] = cell
            case .failure(let u):
                if !stale || SheetFormulas.isPlaceholder(f.saved) {
                    tally.failed.add(row: row, column: column, formula: f.text, reason: u.problem)
                    overrides[key] = .error("=" + f.text)
                } else {
                    tally.kept.add(row: row, column: column, formula: f.text, reason: u.problem)
                }
            }
        }
        sheetWarnings[i] = tally.warnings(file: fileName, sheet: sheet.name, stale: stale)

        var last = SheetState(reader: self, sheet: sheet.name, limits: limits)
        last.formulas.mode = .substitute
        last.formulas.overrides = overrides
        try read(i, sheet: sheet, &last) { row in row.number < from ? true : try body(row) }
    }

    /// The per-sheet state machine: rows and cells as tokens arrive.
    private struct SheetState {
        unowned let reader: XLSXReader
        let sheet: String
        let limits: ReadLimits
        var inSheetData = false, sawSheetData = false, done = false, stopped = false
        var rowNumber = 0
        var rowHidden = false
        var cells: [Cell] = []
        var inRow = false
        var column = 0            // 1-based column of the current cell
        var style = 0
        var type: UInt8 = 0       // first byte of t=: s, i(nlineStr), b, e, d, n, (s)tr → 'S'
        var value: [UInt8] = []
        var capture = false
        var inIS = false, inRPh = false, hasValue = false
        /// Inside a `<c>` of the current row: only then do `<v>`, `<t>` and `</c>` make a cell (a stray
        /// `</c>` or `<v>` elsewhere is ignored, never written at column 0).
        var inCell = false
        /// The current cell has an `<f>`; its text so far (inside `<f>` while `inF`), and its shared index.
        var hasFormula = false, inF = false
        var formulaBytes: [UInt8] = []
        var sharedIndex: Int?
        /// The first cell of each shared formula: its text and place.
        var sharedMasters: [Int: (text: String, row: Int, column: Int)] = [:]
        /// What becomes of formula cells, and what was found (``SheetFormulas``).
        var formulas = SheetFormulas()

        /// The reader's shared strings, styles and date system, read once (not through `reader` per cell).
        let sharedStrings: [String]
        let styleKinds: [NumberFormatKind]
        let dateSystem: ExcelDateSystem

        init(reader: XLSXReader, sheet: String, limits: ReadLimits) {
            self.reader = reader
            sharedStrings = reader.sharedStrings
            styleKinds = reader.styleKinds
            dateSystem = reader.dateSystem
            self.sheet = sheet
            self.limits = limits
            cells.reserveCapacity(32)
            value.reserveCapacity(64)
        }

        func error(_ message: SheetsMessage) -> SheetError {
            SheetError(.corrupt, file: reader.fileName, sheet: sheet, row: rowNumber > 0 ? rowNumber : nil, message)
        }

        /// Processes every complete token; returns false when the caller's body asked to stop.
        mutating func consume(_ sc: inout XMLScanner, atEnd: Bool, _ body: (Row) throws -> Bool) throws -> Bool {
            var simple = XMLScanner.SimpleCell()
            while !done {
                // Most cells are `<c …><v>…</v></c>`: taken whole, they skip four tokens each.
                if inRow, sc.nextSimpleCell(&simple) {
                    try startCell(sc, r: simple.r, s: simple.s, t: simple.t)
                    if let v = simple.value {
                        // As `<v>` does below: an inline string's <v> is ignored. The value is read
                        // straight from the scanner's buffer, not copied into `value` first.
                        hasValue = type != UInt8(ascii: "i")
                        try finishCell(sc, v)
                    } else {
                        try finishCell()
                    }
                    continue
                }
                guard let t = try sc.next(atEnd: atEnd) else { break }
                switch t.kind {
                case .open, .empty:
                    let empty = t.kind == .empty
                    if sc.isName(t, "c") {
                        guard inRow else { continue }
                        let (r, s, tr) = sc.attributes(t, "r", "s", "t")
                        try startCell(sc, r: r, s: s, t: tr)
                        if empty { try finishCell() }
                    } else if sc.isName(t, "v") {
                        // An inline string's value is its <is>; a <v> beside it (some writers add the
                        // text or a number there too) is ignored.
                        if !empty && inCell && type != UInt8(ascii: "i") { capture = true; hasValue = true }
                    } else if sc.isName(t, "t") {
                        if inIS && !inRPh && !empty && inCell { capture = true; hasValue = true }
                    } else if sc.isName(t, "is") {
                        inIS = !empty
                        // Inline text wins over a <v> read before it.
                        if type == UInt8(ascii: "i") { value.removeAll(keepingCapacity: true); hasValue = false }
                    } else if sc.isName(t, "rPh") {
                        inRPh = !empty
                    } else if sc.isName(t, "f") {
                        guard inCell else { continue }
                        hasFormula = true
                        inF = !empty
                        formulaBytes.removeAll(keepingCapacity: true)
                        sharedIndex = sc.attributeString(t, "t") == "shared" ? sc.attributeString(t, "si").flatMap { Int($0) } : nil
                    } else if sc.isName(t, "row") {
                        guard inSheetData else { continue }
                        let r = sc.attributeInt(t, "r") ?? (rowNumber + 1)
                        guard r >= 1 else { throw error(.malformedRowNumber) }
                        guard r <= limits.maxRows else {
                            throw SheetError(.tooLarge, file: reader.fileName, sheet: sheet, row: r,
                                             .rowBeyondLimit(row: r, limit: limits.maxRows))
                        }
                        rowNumber = r
                        column = 0
                        cells.removeAll(keepingCapacity: true)
                        // hidden="1" (Excel, XlsxWriter) or "true" (LibreOffice, which writes "false" on the others).
                        rowHidden = sc.attribute(t, "hidden").map { !$0.isEmpty && (sc.buffer[$0.lowerBound] == UInt8(ascii: "1") || sc.buffer[$0.lowerBound] == UInt8(ascii: "t")) } ?? false
                        inRow = !empty
                        inCell = false
                    } else if sc.isName(t, "sheetData") {
                        sawSheetData = true
                        inSheetData = !empty
                        if empty { done = true }
                    }
                case .close:
                    if sc.isName(t, "v") || sc.isName(t, "t") {
                        capture = false
                    } else if sc.isName(t, "c") {
                        if inRow && inCell { try finishCell() }
                    } else if sc.isName(t, "is") {
                        inIS = false
                    } else if sc.isName(t, "rPh") {
                        inRPh = false
                    } else if sc.isName(t, "f") {
                        inF = false
                    } else if sc.isName(t, "row") {
                        inRow = false
                        inCell = false
                        if formulas.hasPending { try formulas.resolvePending(row: rowNumber, &cells, dateSystem: dateSystem, styleKinds: styleKinds) }
                        if !cells.isEmpty {
                            if try !body(Row(number: rowNumber, cells: cells, hidden: rowHidden)) {
                                stopped = true
                                return false
                            }
                        }
                    } else if sc.isName(t, "sheetData") {
                        inSheetData = false
                        done = true
                    }
                case .text:
                    if capture { try appendValue(sc, t.body) }
                    else if inF {
                        formulaBytes.append(contentsOf: sc.buffer[t.body])
                        if formulaBytes.count > limits.maxCellBytes { throw cellTooLong() }
                    }
                case .cdata:
                    if capture {
                        value.append(contentsOf: Array(String(decoding: sc.buffer[t.body], as: UTF8.self)
                            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").utf8))
                    }
                }
            }
            return true
        }

        /// Begins a cell from the raw `r`, `s` and `t` attributes of its `<c>` tag: its column (from `r`, or
        /// the next one), style and type.
        mutating func startCell(_ sc: XMLScanner, r rAttr: Range<Int>?, s sAttr: Range<Int>?, t tAttr: Range<Int>?) throws {
            if let r = rAttr {
                guard let col = XLSXReader.column(sc.buffer, r) else { throw error(.malformedCellReference) }
                column = col
            } else {
                column += 1
            }
            guard column <= limits.maxColumns else {
                throw SheetError(.tooLarge, file: reader.fileName, sheet: sheet, row: rowNumber,
                                 .columnBeyondLimit(column: column, limit: limits.maxColumns))
            }
            style = sc.int(sAttr) ?? 0
            if let tr = tAttr, !tr.isEmpty {
                let b0 = sc.buffer[tr.lowerBound]
                type = (b0 == UInt8(ascii: "s") && tr.count == 3) ? UInt8(ascii: "S") : b0
            } else {
                type = UInt8(ascii: "n")
            }
            if !value.isEmpty { value.removeAll(keepingCapacity: true) }
            hasValue = false
            hasFormula = false
            inF = false
            inCell = true
        }

        /// Adds text bytes of the buffer to the current cell's value, within the cell size limit.
        mutating func appendValue(_ sc: XMLScanner, _ r: Range<Int>) throws {
            value.append(contentsOf: sc.buffer[r])
            if value.count > limits.maxCellBytes { throw cellTooLong() }
        }

        /// Turns the current cell's type, style and value into a ``Cell`` at its column.
        mutating func finishCell() throws {
            capture = false
            inCell = false
            guard column >= 1 else { return }
            let cell = try value.withUnsafeBufferPointer { try makeCell($0) }
            if hasFormula {
                if formulas.mode == .watch { throw SheetFormulas.FormulaMet(row: rowNumber) }
                hasFormula = false
                inF = false
                guard let text = formulaText() else { place(cell); return }
                guard let c = formulas.cell(row: rowNumber, column: column, formula: text, style: style, saved: cell,
                                            hasResult: hasValue) else { return }
                place(c)
                return
            }
            place(cell)
        }

        /// The current cell's formula as written, a shared formula's follower filled from its first cell;
        /// nil when there is none to be had (a follower whose first cell is not in the sheet).
        mutating func formulaText() -> String? {
            let own = XMLScanner.decode(formulaBytes).map { XLSXReader.unescapeOOXML($0) }
            if let si = sharedIndex {
                if let own, !own.isEmpty {
                    sharedMasters[si] = (own, rowNumber, column)
                    return own
                }
                guard let m = sharedMasters[si] else { return nil }
                return Formula.shift(m.text, rows: rowNumber - m.row, columns: column - m.column)
            }
            guard let own, !own.isEmpty else { return nil }
            return own
        }

        /// The same for a cell whose value is the bytes `v` of the scanner's buffer, within the cell size limit.
        mutating func finishCell(_ sc: XMLScanner, _ v: Range<Int>) throws {
            capture = false
            inCell = false
            if hasValue, v.count > limits.maxCellBytes { throw cellTooLong() }
            guard column >= 1 else { return }
            place(try sc.buffer.withUnsafeBufferPointer { try makeCell(UnsafeBufferPointer(rebasing: $0[v])) })
        }

        func cellTooLong() -> SheetError {
            SheetError(.tooLarge, file: reader.fileName, sheet: sheet, row: rowNumber, .cellTooLong(limit: limits.maxCellBytes))
        }

        /// Puts a finished cell at the current column (an empty one takes no place).
        mutating func place(_ cell: Cell) {
            if case .empty = cell { return }
            if cells.count == column - 1 {
                cells.append(cell)
            } else {
                if cells.count < column { cells.append(contentsOf: repeatElement(Cell.empty, count: column - cells.count)) }
                cells[column - 1] = cell
            }
        }

        @inline(__always)
        func text(_ value: UnsafeBufferPointer<UInt8>) throws -> String {
            guard let s = XMLScanner.decode(value) else {
                throw error(.cellNotUTF8(cell: "\(ColumnName.letters(column))\(rowNumber)"))
            }
            return s
        }

        /// The cell the current type and style make of the value bytes `value`. (`mutating` only so that the
        /// state is passed in place: called on it from a mutating method, a plain method had it copied, 153
        /// bytes for every cell.)
        mutating func makeCell(_ value: UnsafeBufferPointer<UInt8>) throws -> Cell {
            guard hasValue else { return .empty }
            switch type {
            case UInt8(ascii: "s"):
                guard let idx = XLSXReader.parseInt(value) else { throw error(.malformedSharedStringIndex(cell: "\(ColumnName.letters(column))\(rowNumber)")) }
                guard idx < sharedStrings.count else {
                    throw error(.sharedStringOutOfRange(cell: "\(ColumnName.letters(column))\(rowNumber)", index: idx, count: sharedStrings.count))
                }
                let s = sharedStrings[idx]
                return s.isEmpty ? .empty : .text(s)
            case UInt8(ascii: "i"), UInt8(ascii: "S"):
                let s = XLSXReader.unescapeOOXML(try text(value))
                return s.isEmpty ? .empty : .text(s)
            case UInt8(ascii: "b"):
                return try .bool(value.first == UInt8(ascii: "1") || text(value).lowercased() == "true")
            case UInt8(ascii: "e"):
                return .error(try text(value))
            case UInt8(ascii: "d"):
                let s = try text(value)
                if let d = XLSXReader.isoDateTime(s) { return d }
                return s.isEmpty ? .empty : .text(s)
            default:
                if value.isEmpty { return .empty }
                guard let d = XLSXReader.parseDouble(value) else {
                    let s = try text(value)
                    return s.isEmpty ? .empty : .text(s)
                }
                if style < styleKinds.count { return styleKinds[style].cell(serial: d, dateSystem: dateSystem) }
                return .number(d)
            }
        }
    }

    /// The 1-based column of a reference such as `AB12` (letters only are read).
    static func column(_ buf: [UInt8], _ r: Range<Int>) -> Int? {
        var col = 0
        var i = r.lowerBound
        while i < r.upperBound {
            var b = buf[i]
            if b >= 97 && b <= 122 { b -= 32 }
            guard b >= 65 && b <= 90 else { break }
            col = col * 26 + Int(b - 64)
            if col > 1 << 20 { return nil }
            i += 1
        }
        return col > 0 ? col : nil
    }

    /// A shared-string index: up to 11 decimal digits, nothing else.
    static func parseInt(_ v: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !v.isEmpty, v.count < 12 else { return nil }
        var n = 0
        for b in v {
            guard b >= 48 && b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }

    /// Parses an XML number (`12`, `-3.5`, `1.2E-3`), integers without going through text.
    static func parseDouble(_ v: UnsafeBufferPointer<UInt8>) -> Double? {
        var neg = false
        var i = 0
        if v.first == UInt8(ascii: "-") { neg = true; i = 1 }
        var n: Int64 = 0
        var allDigits = i < v.count && v.count - i <= 15
        while allDigits && i < v.count {
            let b = v[i]
            if b >= 48 && b <= 57 { n = n * 10 + Int64(b - 48); i += 1 } else { allDigits = false }
        }
        if allDigits { return Double(neg ? -n : n) }
        // Decimals and exponents: Double's own parser on the bytes, spaces trimmed without Foundation.
        var lo = 0, hi = v.count
        while lo < hi && (v[lo] == 32 || v[lo] == 9) { lo += 1 }
        while hi > lo && (v[hi - 1] == 32 || v[hi - 1] == 9) { hi -= 1 }
        guard lo < hi, let d = Double(String(decoding: v[lo..<hi], as: UTF8.self)), d.isFinite else { return nil }
        return d
    }

    /// `t="d"` values: `2024-01-05`, `2024-01-05T08:30:00`, with optional fraction or `Z`.
    static func isoDateTime(_ s: String) -> Cell? {
        let datePart = s.prefix(10)
        guard let d = CivilDate(iso: String(datePart)) else { return nil }
        let rest = s.dropFirst(10)
        guard rest.hasPrefix("T") || rest.hasPrefix(" ") else { return rest.isEmpty ? .date(d) : nil }
        let parts = rest.dropFirst().prefix(8).split(separator: ":").compactMap { Int($0) }
        guard parts.count >= 2 else { return .date(d) }
        let secs = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
        return secs == 0 ? .date(d) : .dateTime(CivilDateTime(date: d, secondsOfDay: secs))
    }
}
