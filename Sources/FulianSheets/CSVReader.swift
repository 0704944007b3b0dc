import CTextSIMD
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
            if e == .utf8 || e == .utf8BOM, try !EncodingSniffer.isUTF8(file) {
                throw SheetError(.encoding, file: fileName, .notUTF8AsForced)
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
        // One buffer for every chunk: a large file then allocates nothing per chunk.
        var chunk: [UInt8] = []
        let passThrough = encoding == .utf8 || encoding == .utf8BOM
        do {
            while !stop {
                try file.next(into: &chunk)
                let final = chunk.isEmpty
                let skip = first ? min(bomLength, chunk.count) : 0
                first = false
                let go: Bool
                if passThrough {
                    go = try parser.feed(chunk, from: skip, emit)
                } else {
                    guard let utf8Chunk = transcoder.convert(skip > 0 ? Array(chunk[skip...]) : chunk, final: final) else {
                        // Parse what decoded before the bad bytes on a copy of the parser, only to learn their line.
                        var probe = parser
                        _ = try? probe.feed(transcoder.partial) { _, _ in true }
                        throw SheetError(.encoding, file: fileName, row: probe.line, .invalidBytes(line: probe.line, encoding: encoding.rawValue))
                    }
                    go = try parser.feed(utf8Chunk, emit)
                }
                if !go { stop = true; break }
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
///
/// Speed (issue #17): the bytes where a field may end are marked for the whole chunk at once, with vector
/// instructions (``StopMarks``), and the parser goes from mark to mark; a field that lies within one chunk
/// with no `""` in it becomes its cell straight from the chunk; only a field split across chunks or holding
/// an escaped quote is gathered in `field` first. The row's cell array is
/// reused when the consumer does not keep the row. Each chunk is checked as UTF-8 as a whole before it is
/// cut (``EncodingSniffer/UTF8Validator``, AVX2 where there is AVX2); while every byte so far was valid, a
/// field's text is made after an ASCII test alone, else after its own check (bad bytes become U+FFFD).
struct CSVParser {
    enum Failure: Error { case unterminatedQuote(Int), fieldTooLong(Int) }
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    let maxFieldBytes: Int
    /// The current physical line (1-based).
    private(set) var line = 1
    private var recordLine = 1
    private var state = State.fieldStart
    /// The current field's bytes from earlier chunks or pieces (before the pending run of this chunk).
    private var field: [UInt8] = []
    private var cells: [Cell] = []
    private var pendingCR = false
    /// The last byte of the previous chunk was a CR inside a quoted field (so a LF first in this chunk ends no line).
    private var quotedCR = false
    /// Recent long fields by column (see ``FieldCache``).
    private var fieldCache = FieldCache()
    /// Whether short fields may become strings through ``SmallString`` (asked once, not per field).
    private let smallStrings = SmallString.matchesStandardLibrary
    /// The bytes fed so far, checked a chunk at a time as they come (before their fields are cut).
    private var utf8 = EncodingSniffer.UTF8Validator()
    /// Whether every byte fed so far, the chunk being parsed included, is valid UTF-8: a field then needs
    /// only its ASCII test (issue #17: checking every field on its own cost ~1/8 of reading a Chinese file,
    /// the chunk as a whole costs ~1/100).
    private var knownValid = false
    /// Where fields may end in the chunk being parsed (see ``StopMarks``).
    private var stops = StopMarks()

    init(delimiter: UInt8, maxFieldBytes: Int) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
        field.reserveCapacity(256)
        cells.reserveCapacity(16)
    }

    /// The part of the current field in the chunk being parsed, `base[start..<end]` (none when equal),
    /// coming after the bytes in `field`.
    private struct Run {
        var start = 0
        var end = 0
    }

    /// Adds `base[s..<e]` to the current field; `check` = compare the field's length with the limit.
    @inline(__always)
    private mutating func add(_ run: inout Run, _ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int, check: Bool) throws {
        if run.start == run.end {
            run = Run(start: s, end: e)
        } else if run.end == s {
            run.end = e
        } else {
            field.append(contentsOf: UnsafeBufferPointer(start: base + run.start, count: run.end - run.start))
            run = Run(start: s, end: e)
        }
        if check && field.count + (run.end - run.start) > maxFieldBytes { throw Failure.fieldTooLong(recordLine) }
    }

    /// Moves the pending run into `field` (the chunk is about to go away).
    private mutating func spill(_ run: inout Run, _ base: UnsafePointer<UInt8>?) {
        if run.start < run.end, let base {
            field.append(contentsOf: UnsafeBufferPointer(start: base + run.start, count: run.end - run.start))
        }
        run = Run()
    }

    private mutating func endField(_ run: inout Run, _ base: UnsafePointer<UInt8>?) {
        if field.isEmpty {
            if run.start < run.end, let base {
                cells.append(.text(text(UnsafeBufferPointer(start: base + run.start, count: run.end - run.start))))
            } else {
                cells.append(.empty)
            }
        } else {
            spill(&run, base)
            let t = field.withUnsafeBufferPointer { text($0) }
            cells.append(.text(t))
            field.removeAll(keepingCapacity: true)
        }
        run = Run()
    }

    /// A field's text: the same string `String(decoding:as: UTF8.self)` gives (invalid bytes repaired), shared
    /// with an equal recent field of the same column rather than allocated again.
    ///
    /// Speed (issue #17): the bytes are checked here, once, and the string is made without the standard
    /// library checking them again. Fields are cut at ASCII bytes only (delimiters, quotes, line breaks),
    /// which never fall inside a UTF-8 sequence, so checking field by field is checking the text.
    @inline(__always)
    private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.count >= FieldCache.minLength && bytes.count <= FieldCache.maxLength {
            return fieldCache.text(bytes, column: cells.count, valid: knownValid)
        }
        return FieldCache.make(bytes, valid: knownValid, small: smallStrings)
    }

    /// Ends the record; returns the callback's verdict (true = go on).
    private mutating func endRecord(_ run: inout Run, _ base: UnsafePointer<UInt8>?,
                                    _ emit: (Int, [Cell]) throws -> Bool) rethrows -> Bool {
        endField(&run, base)
        state = .fieldStart
        let start = recordLine
        recordLine = line + 1
        if cells.count == 1, case .empty = cells[0] {   // an empty line
            cells.removeAll(keepingCapacity: true)
            return true
        }
        let go = try emit(start, cells)
        // Unique again unless the consumer kept the row: then this allocates a fresh array, as before.
        cells.removeAll(keepingCapacity: true)
        return go
    }

    /// Parses a chunk; returns false when the callback asked to stop.
    mutating func feed(_ bytes: [UInt8], _ emit: (Int, [Cell]) throws -> Bool) throws -> Bool {
        try bytes.withUnsafeBufferPointer { try feed(buffer: $0, emit) }
    }

    /// Parses `bytes[start...]`; returns false when the callback asked to stop.
    mutating func feed(_ bytes: [UInt8], from start: Int, _ emit: (Int, [Cell]) throws -> Bool) throws -> Bool {
        try bytes.withUnsafeBufferPointer { try feed(buffer: UnsafeBufferPointer(rebasing: $0[start...]), emit) }
    }

    /// Parses a chunk in memory; returns false when the callback asked to stop.
    mutating func feed(buffer p: UnsafeBufferPointer<UInt8>, _ emit: (Int, [Cell]) throws -> Bool) throws -> Bool {
        let quote = UInt8(ascii: "\""), lf: UInt8 = 10, cr: UInt8 = 13
        let d = delimiter
        let n = p.count
        guard n > 0, let base = p.baseAddress else { return true }
        utf8.feed(p)
        knownValid = utf8.valid
        let (fieldStops, quotedStops) = stops.mark(base, n, delimiter: d, quote: quote)
        var i = 0
        var run = Run()
        if pendingCR {
            pendingCR = false
            if base[0] == lf { i = 1 }
        }
        while i < n {
            switch state {
            case .fieldStart, .unquoted:
                if state == .fieldStart && base[i] == quote {
                    state = .quoted
                    i += 1
                    continue
                }
                // Scan the run of ordinary bytes.
                let start = i
                i = StopMarks.next(fieldStops, from: i, to: n)
                if i > start {
                    try add(&run, base, start, i, check: true)
                    state = .unquoted
                }
                guard i < n else { continue }
                let b = base[i]
                i += 1
                if b == d {
                    endField(&run, base)
                    state = .fieldStart
                } else {
                    if b == cr {
                        if i < n { if base[i] == lf { i += 1 } } else { pendingCR = true }
                    }
                    let go = try endRecord(&run, base, emit)
                    line += 1
                    if !go { return false }
                }
            case .quoted:
                let start = i
                // CR LF, CR and LF each end one line, also when a chunk ends between CR and LF.
                var afterCR = quotedCR
                while i < n {
                    let j = StopMarks.next(quotedStops, from: i, to: n)
                    if j > i {
                        afterCR = false
                        i = j
                        if i == n { break }
                    }
                    let b = base[i]
                    if b == quote { break }
                    if b == cr {
                        line += 1
                        afterCR = true
                    } else {
                        if !afterCR { line += 1 }   // a LF
                        afterCR = false
                    }
                    i += 1
                }
                quotedCR = i == n && afterCR
                if i > start { try add(&run, base, start, i, check: true) }
                if i < n {
                    state = .quoteInQuoted
                    i += 1
                }
            case .quoteInQuoted:
                let b = base[i]
                if b == quote {
                    try add(&run, base, i, i + 1, check: false)
                    state = .quoted
                    i += 1
                } else if b == d {
                    endField(&run, base)
                    state = .fieldStart
                    i += 1
                } else if b == lf || b == cr {
                    i += 1
                    if b == cr {
                        if i < n { if base[i] == lf { i += 1 } } else { pendingCR = true }
                    }
                    let go = try endRecord(&run, base, emit)
                    line += 1
                    if !go { return false }
                } else {
                    // `"abc"def`: lenient, keep the text after the closing quote.
                    state = .unquoted
                }
            }
        }
        spill(&run, base)
        return true
    }

    /// Ends the input: emits the last record (a file need not end with a line break).
    mutating func finish(_ emit: (Int, [Cell]) throws -> Bool) throws -> Bool {
        if state == .quoted { throw Failure.unterminatedQuote(recordLine) }
        if state == .fieldStart && field.isEmpty && cells.isEmpty { return true }
        knownValid = utf8.complete   // a sequence cut by the end makes the last field repaired
        var run = Run()
        return try endRecord(&run, nil, emit)
    }
}

/// Long fields recently seen, by column, so a value that recurs (a community, a programme, a source of funds)
/// becomes the same `String` again instead of a fresh allocation and copy: short strings (up to 15 bytes)
/// live inside the `String` value and need no cache. A column whose values rarely recur (ID numbers, notes)
/// stops being looked up after its first rows. Only for bytes known to be valid UTF-8.
struct FieldCache {
    /// Fields shorter than this are small strings already.
    static let minLength = 16
    /// Longer fields are not kept (the cache stays small whatever the file holds).
    static let maxLength = 96
    private static let slots = 64
    private static let columns = 64
    /// How many look-ups a column gets before its hit rate decides whether it keeps the cache.
    private static let trial = 512

    /// The cache's memory, made at the first long field and never grown: each slot's string, the bytes it
    /// was made from and their count (0: empty), and per column the look-ups and hits of the trial
    /// (`hits < 0`: the cache is off for that column). Plain memory, so a look-up pays no copy-on-write
    /// checks (issue #17: they were a third of its cost). A copy of the parser shares it: whoever adds an
    /// entry adds a right one.
    private final class Storage {
        let strings: UnsafeMutablePointer<String>
        let bytes: UnsafeMutablePointer<UInt8>
        let lengths: UnsafeMutablePointer<UInt8>
        let lookups: UnsafeMutablePointer<Int32>
        let hits: UnsafeMutablePointer<Int32>

        init() {
            let n = FieldCache.columns * FieldCache.slots
            strings = .allocate(capacity: n)
            strings.initialize(repeating: "", count: n)
            bytes = .allocate(capacity: n * FieldCache.maxLength)
            lengths = .allocate(capacity: n)
            lengths.initialize(repeating: 0, count: n)
            lookups = .allocate(capacity: FieldCache.columns)
            lookups.initialize(repeating: 0, count: FieldCache.columns)
            hits = .allocate(capacity: FieldCache.columns)
            hits.initialize(repeating: 0, count: FieldCache.columns)
        }

        deinit {
            strings.deinitialize(count: FieldCache.columns * FieldCache.slots)
            strings.deallocate()
            bytes.deallocate()
            lengths.deallocate()
            lookups.deallocate()
            hits.deallocate()
        }
    }

    /// Keeps the memory alive; the look-ups go through the pointers below, which cost no retain.
    private var storage: Storage?
    private var strings: UnsafeMutablePointer<String>?
    private var bytes: UnsafeMutablePointer<UInt8>?
    private var lengths: UnsafeMutablePointer<UInt8>?
    private var lookups: UnsafeMutablePointer<Int32>?
    private var hits: UnsafeMutablePointer<Int32>?

    /// The text of `bytes` as `String(decoding:as: UTF8.self)` makes it, checked once: ASCII and valid UTF-8
    /// become a string without a second check (flagged ASCII when they are, as the standard library does),
    /// anything else decodes repaired. `valid`: the bytes are known to be valid UTF-8, only whether they
    /// are ASCII is left to find. `small`: ``SmallString/matchesStandardLibrary``, for a short text.
    @inline(__always)
    static func make(_ bytes: UnsafeBufferPointer<UInt8>, valid: Bool, small: Bool = false) -> String {
        let ascii: Bool
        if valid {
            ascii = isASCII(bytes)
        } else {
            switch EncodingSniffer.UTF8Validator.check(bytes) {
            case .ascii: ascii = true
            case .valid: ascii = false
            case .invalid: return String(decoding: bytes, as: UTF8.self)
            }
        }
        if small && bytes.count <= SmallString.capacity {
            return SmallString.make(bytes, ascii: ascii)
        }
        return String(copying: unsafe UTF8Span(unchecked: bytes.span, isKnownASCII: ascii))
    }

    /// Whether every byte is below 0x80, eight at a time.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base), n = bytes.count
        var high: UInt64 = 0, i = 0
        while i + 8 <= n {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        if i < n {
            // The last bytes as one word that ends at the end (overlapping words already read), or byte by byte.
            if n >= 8 {
                high |= raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else {
                while i < n { high |= UInt64(base[i]); i += 1 }
            }
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// The text of `bytes` (`minLength...maxLength` long, see ``make(_:valid:)``), from the cache when
    /// column `column` had the same bytes recently.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, column: Int, valid: Bool) -> String {
        guard column < FieldCache.columns else { return FieldCache.make(bytes, valid: valid) }
        if storage == nil {
            let st = Storage()
            (storage, strings, self.bytes, lengths, lookups, hits) = (st, st.strings, st.bytes, st.lengths, st.lookups, st.hits)
        }
        let strings = strings!, lengths = lengths!, lookups = lookups!, hits = hits!
        let h = hits[column]
        if h < 0 { return FieldCache.make(bytes, valid: valid) }
        let n = bytes.count, p = UnsafeRawPointer(bytes.baseAddress!)
        // The first and last eight bytes and the length pick the slot.
        let a = p.loadUnaligned(as: UInt64.self), b = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        let mixed = (a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)) &* 0xFF51_AFD7_ED55_8CCD
        let slot = column * FieldCache.slots + Int(truncatingIfNeeded: mixed >> 58)
        let l = lookups[column]
        if l < FieldCache.trial {
            lookups[column] = l + 1
        } else if l == FieldCache.trial {
            lookups[column] = l + 1
            if h < FieldCache.trial / 2 {   // fewer than half found: not worth the look-up
                hits[column] = -1
                let first = column * FieldCache.slots
                for k in first..<(first + FieldCache.slots) {
                    strings[k] = ""
                    lengths[k] = 0
                }
                return FieldCache.make(bytes, valid: valid)
            }
        }
        let kept = UnsafeMutableRawPointer(self.bytes! + slot * FieldCache.maxLength)
        if Int(lengths[slot]) == n && FieldCache.equal(kept, p, n) {
            if l < FieldCache.trial { hits[column] = h + 1 }
            return strings[slot]
        }
        let s = FieldCache.make(bytes, valid: valid)
        strings[slot] = s
        kept.copyMemory(from: p, byteCount: n)
        lengths[slot] = UInt8(n)
        return s
    }

    /// Whether `n` bytes (at least eight) are the same at `x` and `y`, a word at a time, the last word
    /// ending at the end.
    @inline(__always)
    private static func equal(_ x: UnsafeRawPointer, _ y: UnsafeRawPointer, _ n: Int) -> Bool {
        var i = 0
        while i + 8 < n {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }
}

/// Strings of up to 15 bytes made the way the standard library makes them, inside the `String` value itself,
/// without its general path (issue #17: ~120 instructions a field, most of a CSV file's fields being short).
///
/// On 64-bit platforms a small string's 16 bytes are its UTF-8 bytes, then one byte holding its count and
/// flags (`0xE0 | count` for ASCII, `0xA0 | count` otherwise): the layout the Swift ABI fixes. It is checked
/// once, against strings the standard library made, before it is ever used.
enum SmallString {
    /// The longest string that fits.
    static let capacity = 15

    /// Whether strings made here equal, bit for bit, what the standard library makes (checked once).
    static let matchesStandardLibrary: Bool = {
        guard MemoryLayout<String>.size == 16 else { return false }
        for sample in ["", "a", "2024-03-05", "123456789012345", "中", "郑霞萍", "东湖7社区", "a中b"] {
            let bytes = Array(sample.utf8)
            let standard = String(decoding: bytes, as: UTF8.self)
            // Only the bits are compared: a string made with a wrong layout must not be used even once.
            let made = bytes.withUnsafeBufferPointer { words($0, ascii: bytes.allSatisfy { $0 < 0x80 }) }
            guard made == unsafeBitCast(standard, to: (UInt64, UInt64).self) else { return false }
        }
        return true
    }()

    /// The string of `bytes` (valid UTF-8, at most ``capacity`` of them; `ascii`: every byte below 0x80).
    @inline(__always)
    static func make(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String {
        unsafeBitCast(words(bytes, ascii: ascii), to: String.self)
    }

    /// The two words of the small string of `bytes` (at most ``capacity``).
    @inline(__always)
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) -> (UInt64, UInt64) {
        let n = bytes.count
        precondition(n <= capacity)
        var low: UInt64 = 0, high: UInt64 = 0
        // Little-endian loads that stay within the bytes: overlapping where there are fewer than a word's.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            if n >= 8 {
                low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
                if n > 8 { high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) >> (UInt64(16 - n) * 8) }
            } else if n >= 4 {
                let a = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
                let b = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
                low = a | b << (UInt64(n - 4) * 8)
            } else if n > 0 {
                low = UInt64(base[0]) | UInt64(base[n / 2]) << (UInt64(n / 2) * 8) | UInt64(base[n - 1]) << (UInt64(n - 1) * 8)
            }
        }
        high |= ((ascii ? 0xE0 : 0xA0) | UInt64(n)) << 56
        return (low, high)
    }
}

/// The places in a chunk where the parser must stop, as bits (`fulian_csv_stops`, C: AVX2 or SSE2): one
/// mask for unquoted fields (delimiter, LF, CR), one for quoted fields (quote, LF, CR). Issue #17: finding
/// the next stop eight bytes at a time took a tenth of reading a file of short fields; a bit scan takes
/// a few instructions.
///
/// The buffer is kept from chunk to chunk; a copy of the parser shares it, and each `feed` marks its
/// chunk before reading the marks.
struct StopMarks {
    private final class Buffer {
        var words: UnsafeMutablePointer<UInt64>
        var capacity: Int
        init() {
            capacity = 0
            words = .allocate(capacity: 0)
        }
        deinit { words.deallocate() }
    }
    private var buffer: Buffer?

    /// Marks `base[0..<n]`; returns the two masks, valid until the next call.
    mutating func mark(_ base: UnsafePointer<UInt8>, _ n: Int, delimiter: UInt8, quote: UInt8)
        -> (UnsafePointer<UInt64>, UnsafePointer<UInt64>) {
        let words = (n + 63) / 64
        let b: Buffer
        if let kept = buffer { b = kept } else { b = Buffer(); buffer = b }
        if b.capacity < 2 * words {
            b.words.deallocate()
            b.words = .allocate(capacity: 2 * words)
            b.capacity = 2 * words
        }
        fulian_csv_stops(base, n, delimiter, quote, b.words, b.words + words)
        return (UnsafePointer(b.words), UnsafePointer(b.words + words))
    }

    /// The first marked place in `from..<to` (`to` = the chunk's length), or `to` when there is none.
    @inline(__always)
    static func next(_ marks: UnsafePointer<UInt64>, from i: Int, to n: Int) -> Int {
        if i >= n { return n }
        var w = i >> 6
        var bits = marks[w] & (UInt64.max << UInt64(i & 63))
        let last = (n - 1) >> 6
        while bits == 0 {
            w += 1
            if w > last { return n }
            bits = marks[w]
        }
        return w << 6 + bits.trailingZeroBitCount
    }
}
