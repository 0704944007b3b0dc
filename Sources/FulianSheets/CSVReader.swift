import Foundation
import FulianCore

/// Reads delimited text (CSV, TSV, semicolon-separated) as one sheet, streaming in 1 MiB chunks.
///
/// - Quoting follows RFC 4180: fields in double quotes may hold delimiters, line breaks and `""`.
///   A stray quote inside an unquoted field is kept as a character, as Excel does.
/// - Encoding: `options.encoding` if given; else a byte-order mark (UTF-8, UTF-16LE/BE); else UTF-8 when
///   every byte of the file is valid UTF-8; else GB18030 (the superset of GBK and GB2312) when the bytes
///   read as Chinese text; otherwise (Latin-1/CP1252 text, say) an encoding error that names the
///   `--encoding` to use.
/// - Delimiter: `options.delimiter` if given; else the one named by a first line `sep=;` (Excel's
///   convention; that line is not a row); else the one of comma, tab and semicolon that splits the
///   first lines into the most consistent number of fields.
/// - Row numbers are the line on which a record starts; empty lines are skipped.
/// - Rows whose field count differs from the file's usual width are reported in ``warnings``
///   (`ragged-row`), not rejected: the importer decides what a short row means.
public final class CSVReader: SpreadsheetReader {
    public let path: String
    public var format: SheetFormat { .csv }
    public let sheets: [SheetInfo]
    public var dateSystem: ExcelDateSystem { .system1900 }
    public var textEncoding: TextEncoding? { encoding }
    public var delimiter: UInt8? { separator }
    public private(set) var warnings: [Diagnostic] = []

    /// The detected or forced encoding.
    public let encoding: TextEncoding
    /// The detected or forced field separator.
    public let separator: UInt8
    /// The field count most rows of the first lines have (used for ragged-row warnings).
    public let usualWidth: Int
    /// Whether the file starts with a `sep=X` line naming its delimiter (skipped when reading rows).
    public let hasSeparatorLine: Bool

    private let fileName: String
    private let bomLength: Int
    private let limits: ReadLimits

    /// Opens a text file; throws ``SheetError`` when it is empty, binary, or not in the forced encoding.
    public init(path: String, options: ReadOptions = ReadOptions()) throws {
        self.path = path
        fileName = (path as NSString).lastPathComponent
        limits = options.limits
        let file = try ChunkedFile(path: path)
        let head = try file.next()
        guard !head.isEmpty else { throw SheetError(.empty, file: fileName, .empty) }
        let bom = EncodingSniffer.bom(head)
        let utf16Forced = options.encoding == .utf16LE || options.encoding == .utf16BE
        if bom == nil || bom!.0 == .utf8BOM, !utf16Forced, CSVReader.looksBinary(head.prefix(8192)) {
            if bom == nil, let e = EncodingSniffer.utf16WithoutBOM(head.prefix(4096)) {
                throw SheetError(.encoding, file: fileName, .utf16WithoutBOM(encoding: e.rawValue, option: e.optionName))
            }
            throw SheetError(.corrupt, file: fileName, .notASpreadsheet)
        }
        if let forced = options.encoding {
            var e = forced
            var skip = 0
            if let (b, n) = bom, b == forced || (b == .utf8BOM && forced == .utf8) {
                e = b
                skip = n
            }
            if e == .utf8 || e == .utf8BOM {
                try file.rewind()
                var v = EncodingSniffer.UTF8Validator()
                while v.valid {
                    let c = try file.next()
                    if c.isEmpty { break }
                    v.feed(c)
                }
                if !v.complete {
                    throw SheetError(.encoding, file: fileName, .notUTF8AsForced)
                }
            }
            encoding = e
            bomLength = skip
        } else {
            switch try EncodingSniffer.detect(file, head: head) {
            case .encoding(let e, let n):
                (encoding, bomLength) = (e, n)
            case .implausible(let guess):
                throw SheetError(.encoding, file: fileName, .westernText(encoding: guess.rawValue, option: guess.optionName))
            }
        }
        // Sniff on the first 64 KiB, decoded.
        let transcoder = UTF8Transcoder(from: encoding)
        guard transcoder.isAvailable else {
            throw SheetError(.encoding, file: fileName, .cannotDecode(encoding: encoding.rawValue))
        }
        var sample = Array(head.prefix(65_536).dropFirst(bomLength))
        if encoding == .utf16LE || encoding == .utf16BE, sample.count % 2 == 1 { sample.removeLast() }
        var decoded = transcoder.convert(sample, final: false) ?? []
        let sepLine = CSVReader.separatorLine(decoded)
        hasSeparatorLine = sepLine != nil
        if let sepLine { decoded.removeFirst(sepLine.length) }
        let (sep, width) = CSVReader.sniff(decoded, forced: options.delimiter ?? sepLine?.delimiter)
        separator = sep
        usualWidth = width
        sheets = [SheetInfo(name: (fileName as NSString).deletingPathExtension, index: 0)]
    }

    /// Excel's `sep=;` first line (any one delimiter character: not a letter, digit, quote or line break),
    /// with the length of the line and its line break; nil when the text does not start with one.
    static func separatorLine(_ text: [UInt8]) -> (delimiter: UInt8, length: Int)? {
        guard text.count >= 5, text[0] | 0x20 == UInt8(ascii: "s"), text[1] | 0x20 == UInt8(ascii: "e"),
              text[2] | 0x20 == UInt8(ascii: "p"), text[3] == UInt8(ascii: "=") else { return nil }
        let d = text[4]
        guard d >= 0x20 ? d < 0x7F : d == 9, d != UInt8(ascii: "\""),
              !(d >= 48 && d <= 57), !(d | 0x20 >= 97 && d | 0x20 <= 122) else { return nil }
        var n = 5
        if n < text.count, text[n] == 13 { n += 1 }
        if n < text.count, text[n] == 10 { n += 1 }
        guard n == text.count || n > 5 else { return nil }
        return (d, n)
    }

    /// Whether the first bytes of a file (not UTF-16) are binary rather than text: a NUL byte, or more than
    /// one byte in 64 that is a control character other than tab, line feed, vertical tab, form feed,
    /// carriage return, SUB (a DOS end-of-file mark) and ESC. No UTF-8 or GB18030 sequence contains those bytes.
    static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        var controls = 0
        for b in bytes where b < 0x20 {
            if b == 0 { return true }
            if b < 0x09 || (b > 0x0D && b != 0x1A && b != 0x1B) { controls += 1 }
        }
        return controls > bytes.count / 64
    }

    /// CSV has no merged cells.
    public func mergedRanges(in sheet: SheetInfo) throws -> [CellRange] { [] }

    public func forEachRow(in sheet: SheetInfo, _ body: (Row) throws -> Bool) throws {
        warnings = []
        let file = try ChunkedFile(path: path)
        let transcoder = UTF8Transcoder(from: encoding)
        var parser = CSVParser(delimiter: separator, maxFieldBytes: limits.maxCellBytes)
        var ragged = 0
        var first = true
        var separatorLinePending = hasSeparatorLine
        var stop = false
        let emit: (Int, [Cell]) throws -> Bool = { [self] line, cells in
            if separatorLinePending {
                separatorLinePending = false
                return true
            }
            if cells.count != usualWidth && cells.count > 1 && usualWidth > 1 {
                ragged += 1
                if ragged <= 20 {
                    warnings.append(Diagnostic(severity: .warning, file: fileName, row: line, category: "ragged-row",
                        message: .sheets(.raggedRow(line: line, fields: cells.count, usual: usualWidth))))
                }
            }
            return try body(Row(number: line, cells: cells))
        }
        do {
            while !stop {
                var chunk = try file.next()
                let final = chunk.isEmpty
                if first {
                    chunk.removeFirst(min(bomLength, chunk.count))
                    first = false
                }
                guard let utf8 = transcoder.convert(chunk, final: final) else {
                    // Parse what decoded before the bad bytes on a copy of the parser, only to learn their line.
                    var probe = parser
                    _ = try? probe.feed(transcoder.partial) { _, _ in true }
                    throw SheetError(.encoding, file: fileName, row: probe.line, .invalidBytes(line: probe.line, encoding: encoding.rawValue))
                }
                if try !parser.feed(utf8, emit) { stop = true; break }
                if final {
                    if try !parser.finish(emit) { stop = true }
                    break
                }
            }
        } catch let e as CSVParser.Failure {
            switch e {
            case .unterminatedQuote(let line):
                throw SheetError(.corrupt, file: fileName, row: line, .unterminatedQuote(line: line))
            case .fieldTooLong(let line):
                throw SheetError(.tooLarge, file: fileName, row: line, .fieldTooLong(line: line, limit: limits.maxCellBytes))
            }
        }
        if !stop, ragged > 20 {
            warnings.append(Diagnostic(severity: .warning, file: fileName, category: "ragged-row",
                message: .sheets(.moreRaggedRows(count: ragged - 20, usual: usualWidth))))
        }
    }

    /// Picks the delimiter among comma, tab and semicolon that gives the most lines with the same number of
    /// fields (more than one); returns it and that usual field count.
    static func sniff(_ text: [UInt8], forced: UInt8?) -> (UInt8, Int) {
        let candidates: [UInt8] = forced.map { [$0] } ?? [UInt8(ascii: ","), 9, UInt8(ascii: ";")]
        var best: (UInt8, Int, Int) = (candidates[0], 1, -1)   // delimiter, width, score
        for d in candidates {
            var counts: [Int: Int] = [:]
            var parser = CSVParser(delimiter: d, maxFieldBytes: 1 << 20)
            var lines = 0
            _ = try? parser.feed(text) { _, cells in
                counts[cells.count, default: 0] += 1
                lines += 1
                return lines < 50
            }
            if lines == 0 { _ = try? parser.finish { _, cells in counts[cells.count, default: 0] += 1; return true } }
            guard let (width, n) = counts.filter({ $0.key > 1 }).max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else {
                continue
            }
            if n > best.2 { best = (d, width, n) }
        }
        return (best.0, best.2 < 0 ? 1 : best.1)
    }
}

/// The RFC 4180 state machine over UTF-8 bytes, fed chunk by chunk.
struct CSVParser {
    enum Failure: Error { case unterminatedQuote(Int), fieldTooLong(Int) }
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    let maxFieldBytes: Int
    /// The current physical line (1-based).
    private(set) var line = 1
    private var recordLine = 1
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var cells: [Cell] = []
    private var pendingCR = false
    /// The last byte of the previous chunk was a CR inside a quoted field (so a LF first in this chunk ends no line).
    private var quotedCR = false

    init(delimiter: UInt8, maxFieldBytes: Int) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
        field.reserveCapacity(256)
        cells.reserveCapacity(16)
    }

    private mutating func endField() {
        cells.append(field.isEmpty ? .empty : .text(String(decoding: field, as: UTF8.self)))
        field.removeAll(keepingCapacity: true)
    }

    /// Ends the record; returns the callback's verdict (true = go on).
    private mutating func endRecord(_ emit: (Int, [Cell]) throws -> Bool) rethrows -> Bool {
        endField()
        let out = cells
        cells.removeAll(keepingCapacity: true)
        state = .fieldStart
        let start = recordLine
        recordLine = line + 1
        if out.count == 1, case .empty = out[0] { return true }   // an empty line
        return try emit(start, out)
    }

    /// Parses a chunk; returns false when the callback asked to stop.
    mutating func feed(_ bytes: [UInt8], _ emit: (Int, [Cell]) throws -> Bool) throws -> Bool {
        let quote = UInt8(ascii: "\""), lf: UInt8 = 10, cr: UInt8 = 13
        let d = delimiter
        return try bytes.withUnsafeBufferPointer { p -> Bool in
            var i = 0
            let n = p.count
            if pendingCR, n > 0 {
                pendingCR = false
                if p[0] == lf { i = 1 }
            }
            while i < n {
                switch state {
                case .fieldStart, .unquoted:
                    if state == .fieldStart && p[i] == quote {
                        state = .quoted
                        i += 1
                        continue
                    }
                    // Scan the run of ordinary bytes.
                    let start = i
                    while i < n {
                        let b = p[i]
                        if b == d || b == lf || b == cr { break }
                        i += 1
                    }
                    if i > start {
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i]))
                        if field.count > maxFieldBytes { throw Failure.fieldTooLong(recordLine) }
                        state = .unquoted
                    }
                    guard i < n else { continue }
                    let b = p[i]
                    i += 1
                    if b == d {
                        endField()
                        state = .fieldStart
                    } else {
                        if b == cr {
                            if i < n { if p[i] == lf { i += 1 } } else { pendingCR = true }
                        }
                        let go = try endRecord(emit)
                        line += 1
                        if !go { return false }
                    }
                case .quoted:
                    let start = i
                    // CR LF, CR and LF each end one line, also when a chunk ends between CR and LF.
                    var afterCR = quotedCR
                    while i < n {
                        let b = p[i]
                        if b == quote { break }
                        if b == cr {
                            line += 1
                            afterCR = true
                        } else {
                            if b == lf && !afterCR { line += 1 }
                            afterCR = false
                        }
                        i += 1
                    }
                    quotedCR = i == n && afterCR
                    if i > start {
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i]))
                        if field.count > maxFieldBytes { throw Failure.fieldTooLong(recordLine) }
                    }
                    if i < n {
                        state = .quoteInQuoted
                        i += 1
                    }
                case .quoteInQuoted:
                    let b = p[i]
                    if b == quote {
                        field.append(quote)
                        state = .quoted
                        i += 1
                    } else if b == d {
                        endField()
                        state = .fieldStart
                        i += 1
                    } else if b == lf || b == cr {
                        i += 1
                        if b == cr {
                            if i < n { if p[i] == lf { i += 1 } } else { pendingCR = true }
                        }
                        let go = try endRecord(emit)
                        line += 1
                        if !go { return false }
                    } else {
                        // `"abc"def`: lenient, keep the text after the closing quote.
                        state = .unquoted
                    }
                }
            }
            return true
        }
    }

    /// Ends the input: emits the last record (a file need not end with a line break).
    mutating func finish(_ emit: (Int, [Cell]) throws -> Bool) throws -> Bool {
        if state == .quoted { throw Failure.unterminatedQuote(recordLine) }
        if state == .fieldStart && field.isEmpty && cells.isEmpty { return true }
        return try endRecord(emit)
    }
}
