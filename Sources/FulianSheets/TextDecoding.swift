import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed-size chunks, so a large file never sits in memory as a whole.
final class ChunkedFile {
    private let handle: FileHandle
    /// Bytes per read.
    let chunkSize: Int

    init(path: String, chunkSize: Int = 1 << 20) throws {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw SheetError(.unreadable, file: (path as NSString).lastPathComponent, "the file cannot be opened")
        }
        handle = h
        self.chunkSize = chunkSize
    }

    deinit { try? handle.close() }

    /// The next chunk, empty at the end of the file.
    func next() throws -> [UInt8] {
        guard let d = try handle.read(upToCount: chunkSize), !d.isEmpty else { return [] }
        return [UInt8](d)
    }

    /// Moves back to the start.
    func rewind() throws { try handle.seek(toOffset: 0) }
}

/// Turns bytes of one encoding into UTF-8, chunk by chunk (glibc iconv, sequences split across chunk
/// ends carried over). UTF-8 input passes through untouched.
final class UTF8Transcoder {
    private var cd: iconv_t?
    private var carry: [UInt8] = []
    let encoding: TextEncoding
    /// After ``convert(_:final:)`` returned nil: the UTF-8 decoded before the invalid bytes (so the caller
    /// can tell on which line they are).
    private(set) var partial: [UInt8] = []

    init(from encoding: TextEncoding) {
        self.encoding = encoding
        switch encoding {
        case .utf8, .utf8BOM: cd = nil
        case .utf16LE: cd = iconv_open("UTF-8", "UTF-16LE")
        case .utf16BE: cd = iconv_open("UTF-8", "UTF-16BE")
        case .gb18030: cd = iconv_open("UTF-8", "GB18030")
        }
        if let c = cd, c == iconv_t(bitPattern: -1) { cd = nil }
    }

    deinit { if let cd { iconv_close(cd) } }

    /// Whether the conversion is available (iconv may lack a codec on exotic systems).
    var isAvailable: Bool { encoding == .utf8 || encoding == .utf8BOM || cd != nil }

    /// Converts one chunk; at the end of input pass `final: true` so a dangling partial sequence is an error.
    /// Returns nil when the bytes are not valid in the encoding (the offset of the bad byte is lost: callers
    /// report the row they were on).
    func convert(_ input: [UInt8], final: Bool) -> [UInt8]? {
        partial = []
        guard let cd else { return input }
        var src = carry + input
        carry = []
        if src.isEmpty { return [] }
        var out = [UInt8](repeating: 0, count: src.count * 2 + 16)
        var produced = 0
        var consumed = 0
        let ok: Bool = src.withUnsafeMutableBufferPointer { sp in
            out.withUnsafeMutableBufferPointer { op in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(sp.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = sp.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(op.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = op.count
                var ok = true
                while inLeft > 0 {
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    if r == -1 {
                        let e = errno
                        if e == EINVAL { break }          // incomplete sequence at the end: carry it
                        ok = false                        // EILSEQ: invalid sequence (E2BIG cannot happen:
                        break                             // the output has room for twice the input)
                    }
                }
                consumed = sp.count - inLeft
                produced = op.count - outLeft
                return ok
            }
        }
        guard ok else {
            partial = Array(out[..<produced])
            return nil
        }
        if consumed < src.count {
            if final {
                partial = Array(out[..<produced])
                return nil
            }
            carry = Array(src[consumed...])
        }
        src = []
        out.removeSubrange(produced...)
        return out
    }
}

/// Encoding detection for delimited text: byte-order mark first, then UTF-8 if every byte of the file is
/// valid UTF-8, else GB18030 (which accepts almost anything, so it is only ever the fallback).
enum EncodingSniffer {
    /// The encoding announced by a byte-order mark, and the mark's length.
    static func bom(_ head: [UInt8]) -> (TextEncoding, Int)? {
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { return (.utf8BOM, 3) }
        if head.count >= 2, head[0] == 0xFF, head[1] == 0xFE { return (.utf16LE, 2) }
        if head.count >= 2, head[0] == 0xFE, head[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// Validates UTF-8 incrementally; `pending` carries an incomplete sequence across chunks.
    struct UTF8Validator {
        private var need = 0
        private var lowerBound: UInt8 = 0x80
        private var upperBound: UInt8 = 0xBF
        /// False once an invalid sequence was seen.
        private(set) var valid = true

        mutating func feed(_ bytes: [UInt8]) {
            guard valid else { return }
            bytes.withUnsafeBufferPointer { p in
                var i = 0
                let n = p.count
                while i < n {
                    let b = p[i]
                    if need == 0 {
                        if b < 0x80 {
                            i += 1
                            // Fast path over ASCII runs.
                            while i < n && p[i] < 0x80 { i += 1 }
                            continue
                        }
                        switch b {
                        case 0xC2...0xDF: need = 1; lowerBound = 0x80; upperBound = 0xBF
                        case 0xE0: need = 2; lowerBound = 0xA0; upperBound = 0xBF
                        case 0xE1...0xEC, 0xEE, 0xEF: need = 2; lowerBound = 0x80; upperBound = 0xBF
                        case 0xED: need = 2; lowerBound = 0x80; upperBound = 0x9F
                        case 0xF0: need = 3; lowerBound = 0x90; upperBound = 0xBF
                        case 0xF1...0xF3: need = 3; lowerBound = 0x80; upperBound = 0xBF
                        case 0xF4: need = 3; lowerBound = 0x80; upperBound = 0x8F
                        default: valid = false; return
                        }
                    } else {
                        guard b >= lowerBound && b <= upperBound else { valid = false; return }
                        lowerBound = 0x80; upperBound = 0xBF
                        need -= 1
                    }
                    i += 1
                }
            }
        }

        /// Valid and not stopped inside a sequence.
        var complete: Bool { valid && need == 0 }
    }

    /// Reads the whole file once to tell UTF-8 from GB18030 (stops at the first invalid byte).
    static func detect(_ file: ChunkedFile, head: [UInt8]) throws -> (TextEncoding, Int) {
        if let b = bom(head) { return b }
        var v = UTF8Validator()
        try file.rewind()
        while true {
            let chunk = try file.next()
            if chunk.isEmpty { break }
            v.feed(chunk)
            if !v.valid { break }
        }
        try file.rewind()
        return (v.complete ? .utf8 : .gb18030, 0)
    }
}
