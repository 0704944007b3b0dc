import Foundation
import FulianCore

/// Reads "Excel" files that are really web pages: what a web system's “导出 Excel” writes, a `.xls` holding an
/// HTML `<table>` (often with Excel's `x:num`, `x:str` and `mso-number-format` marks).
///
/// - Encoding: `options.encoding` if given; else a byte-order mark; else the page's own `charset=`
///   (`<meta charset=…>` or `content="…; charset=gb2312"`, GB2312/GBK mapping to GB18030); else UTF-8 when
///   every byte is valid UTF-8; else GB18030.
/// - Each top-level `<table>` is one sheet (a table inside a cell is part of that cell's text), named by its
///   `<caption>`; else, with one table, after the file (as ``CSVReader`` names its sheet); else the page's
///   `<title>` for the first and `Sheet1`, `Sheet2` … for the others. Names are kept unique.
/// - `colspan`/`rowspan` put cells at the columns Excel puts them and are reported by ``mergedRanges(in:)``;
///   spans are capped at 1,000 columns and 65,536 rows (a warning says so), and a page whose spans spread out
///   to more cells than 4 Mi plus 8 a byte is refused (so a small page cannot take gigabytes).
/// - Cells are text (as in CSV: the importer parses them), `.empty` when blank; `x:num` makes a number (its
///   value, or the cell's text without thousands separators), `x:bool` a boolean; `x:str` and
///   `mso-number-format:'\@'` keep text.
/// - Markup is not content: tags inside a cell are dropped, runs of spaces and source line breaks are one
///   space, `<br>` is a line break, entities are decoded; `<script>`, `<style>` and comments (Excel's
///   `<!--[if gte mso 9]>` blocks too) are skipped.
/// - The file is read into memory once (refused past ``ReadLimits/maxEntryBytes``); a page cut short inside
///   a table gives the rows that are there and a warning.
/// - A single-file web page (MHT, `MIME-Version:`) is refused with a message saying to save it as .xlsx.
public final class HTMLTableReader: SpreadsheetReader {
    public let path: String
    public var format: SheetFormat { .html }
    public let sheets: [SheetInfo]
    public var dateSystem: ExcelDateSystem { .system1900 }
    public var textEncoding: TextEncoding? { encoding }
    public var delimiter: UInt8? { nil }
    public private(set) var warnings: [Diagnostic] = []

    /// The forced, marked, declared or detected encoding of the page.
    public let encoding: TextEncoding

    private let fileName: String
    private let tables: [HTMLTable]

    /// Opens a web page and reads its tables; throws ``SheetError`` when it is empty, over the size limit,
    /// an MHT archive, not decodable, or holds no `<table>`.
    public init(path: String, options: ReadOptions = ReadOptions()) throws {
        self.path = path
        let fileName = (path as NSString).lastPathComponent
        self.fileName = fileName
        let bytes = try readWholeFile(path, fileName: fileName, limit: options.limits.maxEntryBytes)
        guard !bytes.isEmpty else { throw SheetError(.empty, file: fileName, .empty) }
        if FormatDetection.isMHT(Array(bytes.prefix(1024))) { throw SheetError(.corrupt, file: fileName, .webArchive) }

        var skip = 0
        var chosen: TextEncoding
        let bom = EncodingSniffer.bom(bytes)
        if let forced = options.encoding {
            chosen = forced
            if let (b, n) = bom, b == forced || (b == .utf8BOM && forced == .utf8) { (chosen, skip) = (b, n) }
        } else if let (b, n) = bom {
            (chosen, skip) = (b, n)
        } else if let declared = HTMLTableReader.declaredEncoding(bytes.prefix(4096)) {
            chosen = declared
        } else {
            var v = EncodingSniffer.UTF8Validator()
            v.feed(bytes)
            chosen = v.complete ? .utf8 : .gb18030
        }
        encoding = chosen
        var text: [UInt8]
        if chosen == .utf8 || chosen == .utf8BOM {
            var v = EncodingSniffer.UTF8Validator()
            v.feed(Array(bytes[skip...]))
            guard v.complete else {
                let line = HTMLTableReader.lineOfFirstInvalidUTF8(bytes, from: skip)
                throw SheetError(.encoding, file: fileName, row: line, .invalidBytes(line: line, encoding: chosen.rawValue))
            }
            text = skip > 0 ? Array(bytes[skip...]) : bytes
        } else {
            let transcoder = UTF8Transcoder(from: chosen)
            guard transcoder.isAvailable else {
                throw SheetError(.encoding, file: fileName, .cannotDecode(encoding: chosen.rawValue))
            }
            var input = Array(bytes[skip...])
            if (chosen == .utf16LE || chosen == .utf16BE), input.count % 2 == 1 { input.removeLast() }
            guard let out = transcoder.convert(input, final: true) else {
                let line = transcoder.partial.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
                throw SheetError(.encoding, file: fileName, row: line, .invalidBytes(line: line, encoding: chosen.rawValue))
            }
            text = out
        }

        var parser = HTMLTableParser(limits: options.limits, maxCells: HTMLTableParser.cellBudget(bytes: text.count))
        let parsed: HTMLTableParser.Outcome
        do {
            parsed = try parser.parse(text)
        } catch let f as HTMLTableParser.Failure {
            switch f {
            case .tooManyColumns(let c):
                throw SheetError(.tooLarge, file: fileName, .columnBeyondLimit(column: c, limit: options.limits.maxColumns))
            case .tooManyRows(let r):
                throw SheetError(.tooLarge, file: fileName, .rowBeyondLimit(row: r, limit: options.limits.maxRows))
            case .tooManyCells(let limit):
                throw SheetError(.tooLarge, file: fileName, .pageCellsTooMany(limit: limit))
            case .cellTooLong(let r):
                throw SheetError(.tooLarge, file: fileName, row: r, .cellTooLong(limit: options.limits.maxCellBytes))
            }
        }
        text = []
        guard !parsed.tables.isEmpty else { throw SheetError(.corrupt, file: fileName, .noTable) }
        tables = parsed.tables
        let stem = (fileName as NSString).deletingPathExtension
        var names: [String] = []
        for (k, t) in parsed.tables.enumerated() {
            var name: String
            if let c = t.caption { name = c.replacingOccurrences(of: "\n", with: " ") }
            else if parsed.tables.count == 1 { name = stem }
            else if k == 0, let title = parsed.title { name = title.replacingOccurrences(of: "\n", with: " ") }
            else { name = "Sheet\(k + 1)" }
            if names.contains(name) {
                var n = 2
                while names.contains("\(name)(\(n))") { n += 1 }
                name = "\(name)(\(n))"
            }
            names.append(name)
        }
        sheets = names.enumerated().map { SheetInfo(name: $1, index: $0) }
        truncated = parsed.truncated
    }

    private let truncated: Bool

    /// The merged ranges the sheet's `colspan` and `rowspan` make (clipped to its rows).
    public func mergedRanges(in sheet: SheetInfo) throws -> [CellRange] { try table(sheet).merges }

    public func forEachRow(in sheet: SheetInfo, _ body: (Row) throws -> Bool) throws {
        let t = try table(sheet)
        warnings = t.capped.map { c in
            Diagnostic(severity: .warning, file: fileName, sheet: sheet.name, row: c.row, category: "span-capped",
                       message: .sheets(.spanCapped(row: c.row, attribute: c.attribute, given: c.given, limit: c.limit)))
        }
        if truncated, sheet.index == tables.count - 1 {
            warnings.append(Diagnostic(severity: .warning, file: fileName, sheet: sheet.name, category: "truncated",
                                       message: .sheets(.pageCutShort(rows: t.rows.count))))
        }
        for (k, cells) in t.rows.enumerated() {
            guard try body(Row(number: k + 1, cells: cells, hidden: t.hiddenRows.contains(k))) else { return }
        }
    }

    private func table(_ sheet: SheetInfo) throws -> HTMLTable {
        guard sheet.index >= 0, sheet.index < sheets.count, sheets[sheet.index].name == sheet.name else {
            throw SheetError(.noSuchSheet, file: fileName, .noSuchSheet(name: sheet.name, sheets: sheets.map(\.name)))
        }
        return tables[sheet.index]
    }

    /// The 1-based line of the first byte that is not valid UTF-8 (for the error).
    private static func lineOfFirstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int {
        let s = String(decoding: bytes[start...], as: UTF8.self)
        var line = 1
        for ch in s.unicodeScalars {
            if ch == "\u{FFFD}" { return line }
            if ch == "\n" { line += 1 }
        }
        return line
    }

    /// The encoding a page names in its first bytes (`charset=gb2312`, `<meta charset="utf-8">`), when fulian
    /// knows it; nil otherwise (UTF-16 named in an ASCII page is ignored: the bytes say otherwise).
    static func declaredEncoding(_ head: ArraySlice<UInt8>) -> TextEncoding? {
        let b = Array(head)
        let key = Array("charset".utf8)
        var i = 0
        while i + key.count < b.count {
            var match = true
            for k in 0..<key.count where b[i + k] | 0x20 != key[k] { match = false; break }
            if !match { i += 1; continue }
            var j = i + key.count
            while j < b.count, b[j] == 0x20 || b[j] == 9 { j += 1 }
            guard j < b.count, b[j] == UInt8(ascii: "=") else { i += 1; continue }
            j += 1
            while j < b.count, b[j] == 0x20 || b[j] == 9 || b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") { j += 1 }
            var name: [UInt8] = []
            while j < b.count, name.count < 32,
                  (b[j] >= 48 && b[j] <= 57) || (b[j] | 0x20 >= 97 && b[j] | 0x20 <= 122) || b[j] == 45 || b[j] == 95 {
                name.append(b[j])
                j += 1
            }
            if let e = TextEncoding(name: String(decoding: name, as: UTF8.self)), e != .utf16LE, e != .utf16BE {
                return e == .utf8BOM ? .utf8 : e
            }
            i = j
        }
        return nil
    }
}

/// One top-level table of a page, read whole.
struct HTMLTable {
    /// The `<caption>` text, nil when absent or blank.
    var caption: String?
    /// The rows in order, each without trailing empty cells.
    var rows: [[Cell]] = []
    /// The spans, clipped to the table's rows.
    var merges: [CellRange] = []
    /// Spans cut down to the cap.
    var capped: [(row: Int, attribute: String, given: Int, limit: Int)] = []
    /// Rows (0-based) written hidden: `<tr style="display:none">`, as Excel saves a hidden row to a web page,
    /// or `<tr hidden>`.
    var hiddenRows = Set<Int>()
}

/// Gathers the visible text of a cell, caption or title as a browser shows it: runs of ASCII white space are
/// one space, none at the start or end of a line; `<br>` is a line break.
struct HTMLTextCollector {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    private var atLineStart = true

    /// Appends source text (entities decoded by the caller): white space collapses.
    mutating func append(_ b: UInt8) {
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
            if !atLineStart { pendingSpace = true }
            return
        }
        if pendingSpace { bytes.append(0x20); pendingSpace = false }
        bytes.append(b)
        atLineStart = false
    }

    /// Appends a decoded character (from an entity): never collapsed.
    mutating func append(scalar: Unicode.Scalar) {
        if scalar.value < 0x80 { append(UInt8(scalar.value)); return }
        if pendingSpace { bytes.append(0x20); pendingSpace = false }
        bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
        atLineStart = false
    }

    /// A `<br>`: a line break, always.
    mutating func lineBreak() {
        pendingSpace = false
        bytes.append(0x0A)
        atLineStart = true
    }

    /// A block's edge (`<p>`, `<div>`, a nested table's row): a line break unless at the start of a line.
    mutating func softBreak() {
        if !atLineStart { lineBreak() }
    }

    /// A nested table's cell edge: a space.
    mutating func space() {
        if !atLineStart { pendingSpace = true }
    }

    /// The text, without line breaks at either end.
    var text: String {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A { end -= 1 }
        var start = 0
        while start < end, bytes[start] == 0x0A { start += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// The tokenizer and table builder behind ``HTMLTableReader``: one pass over UTF-8 text, every scan forward.
struct HTMLTableParser {
    /// Limits the tables must keep.
    let limits: ReadLimits
    /// The largest `colspan` honoured.
    static let maxColspan = 1000
    /// The largest `rowspan` honoured.
    static let maxRowspan = 65_536

    /// A limit a table exceeds.
    enum Failure: Error {
        case tooManyColumns(Int)
        case tooManyRows(Int)
        case tooManyCells(limit: Int)
        case cellTooLong(row: Int)
    }

    /// What a page holds.
    struct Outcome {
        var tables: [HTMLTable]
        var title: String?
        /// The page ends inside a table (or a tag or comment in it).
        var truncated: Bool
    }

    /// The cell being read.
    struct OpenCell {
        var text = HTMLTextCollector()
        var colspan = 1
        var rowspan = 1
        var num: String??
        var bool: String??
        var textMarked = false
    }

    private var tables: [HTMLTable] = []
    private var table: HTMLTable?
    private var depth = 0
    private var rowOpen = false
    private var row: [Cell] = []
    private var column = 0
    /// Per column: rows, from the current one, that a rowspan from above covers.
    private var covered: [Int] = []
    private var cell: OpenCell?
    private var caption: HTMLTextCollector?
    private var title: HTMLTextCollector?
    private var titleText: String?

    /// The most cells the page's tables may hold once spans are spread out (so a small page of huge spans
    /// cannot take gigabytes).
    let maxCells: Int
    private var cells = 0

    init(limits: ReadLimits, maxCells: Int = .max) {
        self.limits = limits
        self.maxCells = maxCells
    }

    /// The cell budget of a page of `bytes` UTF-8 bytes: 4 Mi cells, and 8 more per byte (a real export
    /// spends far more than a byte on each cell).
    static func cellBudget(bytes: Int) -> Int { (4 << 20) + 8 * bytes }

    // MARK: Tokens

    mutating func parse(_ s: [UInt8]) throws -> Outcome {
        let n = s.count
        var i = 0
        var cutShort = false
        while i < n {
            let b = s[i]
            if b != UInt8(ascii: "<") {
                var j = i
                while j < n, s[j] != UInt8(ascii: "<") { j += 1 }
                try text(s, i, j)
                i = j
                continue
            }
            guard i + 1 < n else { try text(s, i, n); break }
            let c = s[i + 1]
            if c == UInt8(ascii: "!") {
                if i + 3 < n, s[i + 2] == UInt8(ascii: "-"), s[i + 3] == UInt8(ascii: "-") {
                    guard let end = HTMLTableParser.find(s, "-->", from: i + 4) else { cutShort = true; break }
                    i = end + 3
                } else {
                    guard let end = HTMLTableParser.find(s, ">", from: i + 2) else { cutShort = true; break }
                    i = end + 1
                }
                continue
            }
            if c == UInt8(ascii: "?") {
                guard let end = HTMLTableParser.find(s, ">", from: i + 2) else { cutShort = true; break }
                i = end + 1
                continue
            }
            let closing = c == UInt8(ascii: "/")
            var j = closing ? i + 2 : i + 1
            guard j < n, HTMLTableParser.isLetter(s[j]) else {
                try text(s, i, i + 1)
                i += 1
                continue
            }
            var name: [UInt8] = []
            while j < n, HTMLTableParser.isNameByte(s[j]) {
                if name.count < 32 { name.append(s[j] | (s[j] >= 65 && s[j] <= 90 ? 0x20 : 0)) }
                j += 1
            }
            // Attributes up to the closing '>' (quotes respected).
            var attributes: [(String, String?)] = []
            var closed = false
            while j < n {
                let a = s[j]
                if a == UInt8(ascii: ">") { closed = true; j += 1; break }
                if HTMLTableParser.isSpace(a) || a == UInt8(ascii: "/") { j += 1; continue }
                var an: [UInt8] = []
                while j < n, !HTMLTableParser.isSpace(s[j]), s[j] != UInt8(ascii: "="), s[j] != UInt8(ascii: ">"),
                      !(s[j] == UInt8(ascii: "/") && j + 1 < n && s[j + 1] == UInt8(ascii: ">")) {
                    if an.count < 64 { an.append(s[j] | (s[j] >= 65 && s[j] <= 90 ? 0x20 : 0)) }
                    j += 1
                }
                if an.isEmpty { j += 1; continue }
                while j < n, HTMLTableParser.isSpace(s[j]) { j += 1 }
                var value: String?
                if j < n, s[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < n, HTMLTableParser.isSpace(s[j]) { j += 1 }
                    var start = j, end = j
                    if j < n, s[j] == UInt8(ascii: "\"") || s[j] == UInt8(ascii: "'") {
                        let q = s[j]
                        start = j + 1
                        end = start
                        while end < n, s[end] != q { end += 1 }
                        j = min(end + 1, n)
                    } else {
                        while end < n, !HTMLTableParser.isSpace(s[end]), s[end] != UInt8(ascii: ">") { end += 1 }
                        j = end
                    }
                    if !closing { value = HTMLTableParser.decodeAttribute(s, start, min(end, n)) }
                }
                if !closing, attributes.count < 64 { attributes.append((String(decoding: an, as: UTF8.self), value)) }
            }
            if !closed { cutShort = true; break }
            let tag = String(decoding: name, as: UTF8.self)
            i = j
            if closing {
                try end(tag)
            } else if tag == "script" || tag == "style" || tag == "xml" || tag == "textarea" {
                guard let close = HTMLTableParser.findCaseless(s, "</" + tag, from: i),
                      let gt = HTMLTableParser.find(s, ">", from: close) else { cutShort = true; break }
                i = gt + 1
            } else {
                try start(tag, attributes)
            }
        }
        var truncated = false
        if table != nil {
            truncated = true
            try finishTable()
        } else if cutShort && depth > 0 {
            truncated = true
        }
        return Outcome(tables: tables, title: titleText, truncated: truncated)
    }

    // MARK: Elements

    private mutating func start(_ tag: String, _ attributes: [(String, String?)]) throws {
        switch tag {
        case "title" where table == nil && titleText == nil:
            title = HTMLTextCollector()
        case "table":
            if table == nil {
                table = HTMLTable()
                depth = 1
                covered = []
            } else {
                depth += 1
                cell?.text.softBreak()
            }
        case "caption" where depth == 1 && cell == nil:
            caption = HTMLTextCollector()
        case "tr":
            if depth == 1 {
                try finishCell()
                try finishRow()
                try startRow()
                // Hidden: style="display:none" (Excel's web page) or the hidden attribute.
                let hidden = attributes.contains { name, value in
                    name == "hidden" || (name == "style" && value?.lowercased().filter { !$0.isWhitespace }.contains("display:none") == true)
                }
                if hidden, let n = table?.rows.count { table!.hiddenRows.insert(n) }
            } else { cell?.text.softBreak() }
        case "td", "th":
            if depth == 1 {
                try finishCell()
                caption = nil
                if !rowOpen { try startRow() }
                var c = OpenCell()
                for (name, value) in attributes {
                    switch name {
                    case "colspan": c.colspan = HTMLTableParser.span(value)
                    case "rowspan": c.rowspan = HTMLTableParser.span(value)
                    case "x:num": c.num = .some(value)
                    case "x:bool": c.bool = .some(value)
                    case "x:str": c.textMarked = true
                    case "style":
                        if let v = value?.lowercased(), v.contains("mso-number-format"), v.contains("@") { c.textMarked = true }
                    default: break
                    }
                }
                cell = c
            } else { cell?.text.space() }
        case "thead", "tbody", "tfoot":
            if depth == 1 { try finishCell(); try finishRow() }
        case "br":
            if cell != nil { cell!.text.lineBreak() } else if caption != nil { caption!.lineBreak() } else { title?.space() }
        case "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6":
            cell?.text.softBreak()
        default:
            break
        }
    }

    private mutating func end(_ tag: String) throws {
        switch tag {
        case "title":
            if let t = title { titleText = HTMLTableParser.nonBlank(t.text); title = nil }
        case "table":
            if depth > 1 {
                depth -= 1
                cell?.text.softBreak()
            } else if depth == 1 {
                try finishTable()
            }
        case "caption":
            if let c = caption, depth == 1 {
                if table?.caption == nil { table?.caption = HTMLTableParser.nonBlank(c.text) }
                caption = nil
            }
        case "tr":
            if depth == 1 { try finishCell(); try finishRow() } else { cell?.text.softBreak() }
        case "td", "th":
            if depth == 1 { try finishCell() } else { cell?.text.space() }
        case "thead", "tbody", "tfoot":
            if depth == 1 { try finishCell(); try finishRow() }
        case "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6":
            cell?.text.softBreak()
        default:
            break
        }
    }

    // MARK: Text

    /// Source text `s[from..<to]` into the open cell, caption or title, entities decoded.
    private mutating func text(_ s: [UInt8], _ from: Int, _ to: Int) throws {
        if cell != nil {
            HTMLTableParser.decode(s, from, to) { c in
                switch c {
                case .byte(let b): cell!.text.append(b)
                case .scalar(let u): cell!.text.append(scalar: u)
                }
            }
            if cell!.text.bytes.count > limits.maxCellBytes { throw Failure.cellTooLong(row: (table?.rows.count ?? 0) + 1) }
        } else if caption != nil {
            guard caption!.bytes.count < 4096 else { return }
            HTMLTableParser.decode(s, from, to) { c in
                switch c {
                case .byte(let b): caption!.append(b)
                case .scalar(let u): caption!.append(scalar: u)
                }
            }
        } else if title != nil {
            guard title!.bytes.count < 4096 else { return }
            HTMLTableParser.decode(s, from, to) { c in
                switch c {
                case .byte(let b): title!.append(b)
                case .scalar(let u): title!.append(scalar: u)
                }
            }
        }
    }

    // MARK: Rows and cells

    private mutating func startRow() throws {
        guard let t = table else { return }
        if t.rows.count + 1 > limits.maxRows { throw Failure.tooManyRows(t.rows.count + 1) }
        rowOpen = true
        row = []
        column = 0
    }

    private mutating func finishCell() throws {
        guard var c = cell else { return }
        cell = nil
        guard table != nil else { return }
        let rowNumber = table!.rows.count + 1
        while column < covered.count, covered[column] > 0 { column += 1 }
        if c.colspan > HTMLTableParser.maxColspan {
            table!.capped.append((rowNumber, "colspan", c.colspan, HTMLTableParser.maxColspan))
            c.colspan = HTMLTableParser.maxColspan
        }
        if c.rowspan > HTMLTableParser.maxRowspan {
            table!.capped.append((rowNumber, "rowspan", c.rowspan, HTMLTableParser.maxRowspan))
            c.rowspan = HTMLTableParser.maxRowspan
        }
        let last = column + c.colspan
        if last > limits.maxColumns { throw Failure.tooManyColumns(last) }
        if row.count < column { row += Array(repeating: .empty, count: column - row.count) }
        row.append(HTMLTableParser.value(c))
        if c.colspan > 1 { row += Array(repeating: .empty, count: c.colspan - 1) }
        if c.rowspan > 1 {
            if covered.count < last { covered += Array(repeating: 0, count: last - covered.count) }
            for k in column..<last { covered[k] = max(covered[k], c.rowspan) }
        }
        if c.colspan > 1 || c.rowspan > 1 {
            table!.merges.append(CellRange(firstRow: rowNumber, firstColumn: column + 1,
                                           lastRow: rowNumber + c.rowspan - 1, lastColumn: last))
        }
        column = last
    }

    private mutating func finishRow() throws {
        guard rowOpen, table != nil else { return }
        rowOpen = false
        while let l = row.last, case .empty = l { row.removeLast() }
        cells += row.count
        if cells > maxCells { throw Failure.tooManyCells(limit: maxCells) }
        table!.rows.append(row)
        row = []
        column = 0
        if !covered.isEmpty {
            for k in covered.indices where covered[k] > 0 { covered[k] -= 1 }
            while let l = covered.last, l == 0 { covered.removeLast() }
        }
    }

    private mutating func finishTable() throws {
        try finishCell()
        try finishRow()
        guard var t = table else { return }
        if let c = caption, t.caption == nil { t.caption = HTMLTableParser.nonBlank(c.text) }
        caption = nil
        let rows = t.rows.count
        t.merges = t.merges.compactMap { m in
            guard m.firstRow <= rows else { return nil }
            let r = CellRange(firstRow: m.firstRow, firstColumn: m.firstColumn, lastRow: min(m.lastRow, rows), lastColumn: m.lastColumn)
            return r.rowCount > 1 || r.columnCount > 1 ? r : nil
        }
        tables.append(t)
        table = nil
        depth = 0
        covered = []
    }

    /// A cell's value: `x:bool` a boolean, `x:num` a number (unless marked text), otherwise its text.
    static func value(_ c: OpenCell) -> Cell {
        let text = c.text.text
        if let b = c.bool {
            let v = (b ?? text).trimmingCharacters(in: .whitespaces).uppercased()
            if v == "TRUE" || v == "1" { return .bool(true) }
            if v == "FALSE" || v == "0" { return .bool(false) }
        }
        if let num = c.num, !c.textMarked {
            if let v = num, let d = number(v) { return .number(d) }
            if let d = number(text) { return .number(d) }
        }
        if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\u{A0}" }) { return .empty }
        return .text(text)
    }

    /// A plain decimal number (thousands separators and spaces dropped), nil for anything else.
    static func number(_ s: String) -> Double? {
        let kept = s.unicodeScalars.filter { $0 != "," && $0 != " " && $0 != "\u{A0}" && $0 != "\n" }
        guard !kept.isEmpty, kept.allSatisfy({ ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" })
        else { return nil }
        return Double(String(String.UnicodeScalarView(kept)))
    }

    static func span(_ value: String?) -> Int {
        guard let v = value?.trimmingCharacters(in: .whitespaces) else { return 1 }
        let digits = v.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return 1 }
        if digits.count > 18 { return Int.max / 4 }
        return max(1, Int(digits) ?? 1)
    }

    static func nonBlank(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    // MARK: Bytes

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    static func isLetter(_ b: UInt8) -> Bool { b | 0x20 >= 97 && b | 0x20 <= 122 }
    static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 48 && b <= 57) || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    /// The index of `needle` in `s` at or after `from`.
    static func find(_ s: [UInt8], _ needle: String, from: Int) -> Int? {
        let p = Array(needle.utf8)
        guard let first = p.first else { return from }
        var i = from
        let n = s.count
        while i + p.count <= n {
            if s[i] == first {
                var k = 1
                while k < p.count, s[i + k] == p[k] { k += 1 }
                if k == p.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Like ``find(_:_:from:)``, ignoring ASCII case (`needle` in lower case).
    static func findCaseless(_ s: [UInt8], _ needle: String, from: Int) -> Int? {
        let p = Array(needle.utf8)
        var i = from
        let n = s.count
        while i + p.count <= n {
            var k = 0
            while k < p.count, (isLetter(s[i + k]) ? s[i + k] | 0x20 : s[i + k]) == p[k] { k += 1 }
            if k == p.count { return i }
            i += 1
        }
        return nil
    }

    /// A piece of decoded text.
    enum Piece {
        case byte(UInt8)
        case scalar(Unicode.Scalar)
    }

    /// Walks `s[from..<to]`, turning entities into characters.
    static func decode(_ s: [UInt8], _ from: Int, _ to: Int, _ emit: (Piece) -> Void) {
        var i = from
        while i < to {
            let b = s[i]
            if b == UInt8(ascii: "&"), let (u, length) = entity(s, i, to) {
                emit(.scalar(u))
                i += length
                continue
            }
            emit(.byte(b))
            i += 1
        }
    }

    /// An attribute value, entities decoded.
    static func decodeAttribute(_ s: [UInt8], _ from: Int, _ to: Int) -> String {
        var out: [UInt8] = []
        decode(s, from, to) { p in
            switch p {
            case .byte(let b): out.append(b)
            case .scalar(let u): out.append(contentsOf: Array(String(Character(u)).utf8))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character of the entity at `s[at]` (`&amp;`, `&#20013;`, `&#x4E2D;`) and its length; nil when it
    /// is none (the `&` is then a character).
    static func entity(_ s: [UInt8], _ at: Int, _ to: Int) -> (Unicode.Scalar, Int)? {
        var j = at + 1
        guard j < to else { return nil }
        if s[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < to, s[j] | 0x20 == UInt8(ascii: "x") { hex = true; j += 1 }
            var value: UInt32 = 0
            var digits = 0
            while j < to, digits < 8 {
                let d = s[j]
                let v: UInt32
                if d >= 48 && d <= 57 { v = UInt32(d - 48) }
                else if hex, d | 0x20 >= 97, d | 0x20 <= 102 { v = UInt32(d | 0x20) - 87 }
                else { break }
                value = value * (hex ? 16 : 10) + v
                digits += 1
                j += 1
            }
            guard digits > 0 else { return nil }
            if j < to, s[j] == UInt8(ascii: ";") { j += 1 }
            let u = (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}"
            return (u, j - at)
        }
        var name: [UInt8] = []
        while j < to, name.count <= 10, isLetter(s[j]) || (s[j] >= 48 && s[j] <= 57) { name.append(s[j]); j += 1 }
        guard j < to, s[j] == UInt8(ascii: ";"), let u = namedEntities[String(decoding: name, as: UTF8.self)] else { return nil }
        return (u, j + 1 - at)
    }

    /// The named entities office pages use.
    static let namedEntities: [String: Unicode.Scalar] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "shy": "\u{AD}",
        "copy": "©", "reg": "®", "trade": "™", "yen": "¥", "cent": "¢", "pound": "£", "euro": "€",
        "middot": "·", "bull": "•", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»",
        "times": "×", "divide": "÷", "plusmn": "±", "deg": "°", "permil": "‰", "sect": "§", "para": "¶",
        "le": "≤", "ge": "≥", "ne": "≠", "radic": "√", "check": "✓", "larr": "←", "rarr": "→",
    ]
}
