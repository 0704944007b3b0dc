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
            throw SheetError(.unreadable, file: (path as NSString).lastPathComponent, .cannotOpen)
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
        case .latin1: cd = iconv_open("UTF-8", "ISO-8859-1")
        case .cp1252: cd = iconv_open("UTF-8", "CP1252")
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
/// valid UTF-8, else GB18030 (which accepts almost anything, so it is only ever the fallback) — but only
/// when the bytes look like Chinese text in GB18030 (``GB18030Plausibility``): Western European text in
/// Latin-1 or CP1252 is refused with the `--encoding` to use, rather than read as rare Chinese characters.
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

    /// UTF-16 text without a byte-order mark, told by its zero bytes: in mostly-ASCII text every other
    /// byte is 0 (the second of each pair in little-endian, the first in big-endian). Nil otherwise.
    static func utf16WithoutBOM(_ head: ArraySlice<UInt8>) -> TextEncoding? {
        let b = Array(head)
        let pairs = b.count / 2
        guard pairs >= 4 else { return nil }
        var evenZero = 0, oddZero = 0
        for k in 0..<pairs {
            if b[2 * k] == 0 { evenZero += 1 }
            if b[2 * k + 1] == 0 { oddZero += 1 }
        }
        if oddZero * 10 >= pairs * 7 && evenZero * 10 <= pairs { return .utf16LE }
        if evenZero * 10 >= pairs * 7 && oddZero * 10 <= pairs { return .utf16BE }
        return nil
    }

    /// The outcome of detection.
    enum Detected: Equatable {
        /// The encoding and the length of its byte-order mark.
        case encoding(TextEncoding, bomLength: Int)
        /// Neither UTF-8 nor plausible GB18030: the single-byte encoding the bytes suggest.
        case implausible(suggest: TextEncoding)
    }

    /// How much of a file is weighed for GB18030 plausibility.
    static let plausibilitySample = 4 << 20

    /// Reads the file once to tell UTF-8 (every byte valid; stops at the first invalid one) from GB18030,
    /// weighing GB18030's plausibility on the first 4 MiB.
    static func detect(_ file: ChunkedFile, head: [UInt8]) throws -> Detected {
        if let b = bom(head) { return .encoding(b.0, bomLength: b.1) }
        var v = UTF8Validator()
        try file.rewind()
        while v.valid {
            let chunk = try file.next()
            if chunk.isEmpty { break }
            v.feed(chunk)
        }
        try file.rewind()
        if v.complete { return .encoding(.utf8, bomLength: 0) }
        // Not UTF-8 (the rarer case): only now weigh the file's first bytes as GB18030.
        var gb = GB18030Plausibility()
        var weighed = 0
        while weighed < plausibilitySample {
            let chunk = try file.next()
            if chunk.isEmpty { break }
            gb.feed(chunk)
            weighed += chunk.count
        }
        try file.rewind()
        return gb.isPlausible ? .encoding(.gb18030, bomLength: 0) : .implausible(suggest: gb.singleByteGuess)
    }
}

/// Whether bytes that are not UTF-8 read as Chinese text in GB18030, or as Western text in a single-byte
/// code page that GB18030 would turn into rare characters.
///
/// GB18030 accepts almost any pair of bytes, so validity alone proves little. Chinese text is nearly all
/// GB2312 characters, both bytes in 0xA1…0xFE. Latin-1/CP1252 text has its accented letters (0xC0…0xFF)
/// beside ASCII letters, spaces and punctuation, which GB18030 reads as invalid sequences, as rare GBK
/// characters (second byte below 0xA1) or as four-byte sequences. The bytes are plausible GB18030 when the
/// GB2312 pairs outnumber everything odd.
struct GB18030Plausibility {
    /// Two-byte characters with both bytes in 0xA1…0xFE (GB2312: hanzi, CJK punctuation, full-width forms).
    private(set) var common = 0
    /// Other valid two-byte characters (GBK extensions: second byte 0x40…0xA0 or first byte below 0xA1).
    private(set) var rare = 0
    /// Valid four-byte sequences (CJK extension B, minority scripts — or chance).
    private(set) var fourByte = 0
    /// Byte sequences no GB18030 decoder accepts.
    private(set) var invalid = 0
    /// Bytes that CP1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), so only Latin-1 decodes them.
    private(set) var undefinedInCP1252 = 0
    private var pending: [UInt8] = []

    /// Counts one chunk (a sequence split at the chunk's end is carried over to the next).
    mutating func feed(_ chunk: [UInt8]) {
        for b in chunk where b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D { undefinedInCP1252 += 1 }
        let bytes = pending + chunk
        pending = []
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard b >= 0x81 && b <= 0xFE else { invalid += 1; i += 1; continue }
            guard i + 1 < n else { pending = Array(bytes[i...]); return }
            let b2 = bytes[i + 1]
            if (b2 >= 0x40 && b2 <= 0x7E) || (b2 >= 0x80 && b2 <= 0xFE) {
                if b >= 0xA1 && b2 >= 0xA1 { common += 1 } else { rare += 1 }
                i += 2
            } else if b2 >= 0x30 && b2 <= 0x39 {
                guard i + 3 < n else { pending = Array(bytes[i...]); return }
                let b3 = bytes[i + 2], b4 = bytes[i + 3]
                if b3 >= 0x81 && b3 <= 0xFE && b4 >= 0x30 && b4 <= 0x39 { fourByte += 1; i += 4 } else { invalid += 1; i += 1 }
            } else {
                invalid += 1
                i += 1
            }
        }
    }

    /// Chinese text, as far as the bytes tell: the GB2312 pairs outnumber the odd sequences.
    var isPlausible: Bool { common > rare + fourByte + invalid }

    /// CP1252 unless the bytes hold one it leaves undefined (then Latin-1, which has every byte).
    var singleByteGuess: TextEncoding { undefinedInCP1252 > 0 ? .latin1 : .cp1252 }
}

extension TextEncoding {
    /// The name to give `--encoding` for this encoding (`gb18030`, `cp1252` …).
    var optionName: String {
        switch self {
        case .utf8: return "utf-8"
        case .utf8BOM: return "utf-8-bom"
        case .utf16LE: return "utf-16le"
        case .utf16BE: return "utf-16be"
        case .gb18030: return "gb18030"
        case .latin1: return "latin1"
        case .cp1252: return "cp1252"
        }
    }
}
