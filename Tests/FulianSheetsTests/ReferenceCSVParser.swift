@testable import FulianSheets

// The CSV parser as it was before issue #17's speed work (a byte at a time, every field gathered in an
// array), kept verbatim as the reference the fast parser is compared with on random input.
/// The RFC 4180 state machine over UTF-8 bytes, fed chunk by chunk.
struct ReferenceCSVParser {
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
