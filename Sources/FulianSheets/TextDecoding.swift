import CTextSIMD
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
        var chunk: [UInt8] = []
        try next(into: &chunk)
        return chunk
    }

    /// Reads the next chunk into `chunk`, reusing its storage (a read of a large file then allocates
    /// nothing per chunk); empty at the end of the file.
    func next(into chunk: inout [UInt8]) throws {
        // One zero-filled buffer at once (appending an element at a time, unoptimized builds took ~0.5 s a file).
        if chunk.count < chunkSize { chunk = [UInt8](repeating: 0, count: chunkSize) }
        let fd = handle.fileDescriptor
        var filled = 0
        let failed: Bool = chunk.withUnsafeMutableBytes { p in
            while filled < chunkSize {
                let r = read(fd, p.baseAddress! + filled, chunkSize - filled)
                if r > 0 { filled += r; continue }
                if r == 0 { return false }
                if errno == EINTR { continue }
                return true
            }
            return false
        }
        if failed {
            // Let FileHandle raise the error it always raised for this file (a folder, an I/O error).
            _ = try handle.read(upToCount: chunkSize)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        chunk.removeSubrange(filled...)
    }

    /// Moves back to the start.
    func rewind() throws { try handle.seek(toOffset: 0) }
}

/// Turns bytes of one encoding into UTF-8, chunk by chunk (glibc iconv, sequences split across chunk
/// ends carried over). UTF-8 input passes through untouched. GB18030's ASCII and two-byte characters come
/// from ``GB18030Table`` (built from iconv itself, so the same bytes); iconv decodes everything else.
final class UTF8Transcoder {
    private var cd: iconv_t?
    private var carry: [UInt8] = []
    private let table: GB18030Table?
    let encoding: TextEncoding
    /// After ``convert(_:final:)`` returned nil: the UTF-8 decoded before the invalid bytes (so the caller
    /// can tell on which line they are).
    private(set) var partial: [UInt8] = []

    /// `fastGB18030: false` decodes GB18030 with iconv alone (the reference the table is tested against).
    init(from encoding: TextEncoding, fastGB18030: Bool = true) {
        self.encoding = encoding
        table = encoding == .gb18030 && fastGB18030 ? GB18030Table.shared : nil
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
                if let table {
                    return table.decode(sp, into: op, cd: cd, consumed: &consumed, produced: &produced)
                }
                return UTF8Transcoder.iconvAll(cd, sp, 0, op, 0, consumed: &consumed, produced: &produced)
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

extension UTF8Transcoder {
    /// Runs iconv over `src[from...]` into `out[at...]` until the end, an incomplete sequence at the end
    /// (left for the next chunk) or an invalid one (false). E2BIG cannot happen: the output has room for
    /// twice the input.
    static func iconvAll(_ cd: iconv_t, _ sp: UnsafeMutableBufferPointer<UInt8>, _ from: Int,
                         _ op: UnsafeMutableBufferPointer<UInt8>, _ at: Int,
                         consumed: inout Int, produced: inout Int) -> Bool {
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(sp.baseAddress! + from).assumingMemoryBound(to: CChar.self)
        var inLeft = sp.count - from
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(op.baseAddress! + at).assumingMemoryBound(to: CChar.self)
        var outLeft = op.count - at
        var ok = true
        while inLeft > 0 {
            let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            if r == -1 {
                let e = errno
                if e == EINVAL { break }          // incomplete sequence at the end: carry it
                ok = false                        // EILSEQ: invalid sequence
                break
            }
        }
        consumed = sp.count - inLeft
        produced = op.count - outLeft
        return ok
    }
}

/// GB18030's ASCII and two-byte characters as UTF-8, learnt from iconv once per process, so decoding them
/// is a table look-up and gives exactly iconv's bytes. Whatever the table does not hold (four-byte
/// sequences, single bytes 0x80 and 0xFF, pairs iconv refuses, a sequence cut by the chunk's end) goes to
/// iconv, one sequence at a time, so errors and carried-over bytes are iconv's too.
struct GB18030Table: Sendable {
    /// Index `(lead - 0x81) * 192 + (trail - 0x40)`, lead 0x81…0xFE, trail 0x40…0xFF: the UTF-8 bytes in
    /// the low 24 bits (first byte lowest), their count in the top 8; 0 = ask iconv.
    private let pairs: [UInt32]

    /// Nil when iconv has no GB18030 or does not map ASCII to itself.
    static let shared: GB18030Table? = GB18030Table()

    private init?() {
        guard let cd = iconv_open("UTF-8", "GB18030"), cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        func convert(_ bytes: [UInt8]) -> [UInt8]? {
            _ = iconv(cd, nil, nil, nil, nil)
            var src = bytes
            var out = [UInt8](repeating: 0, count: 16)
            var consumed = 0, produced = 0
            let ok = src.withUnsafeMutableBufferPointer { sp in
                out.withUnsafeMutableBufferPointer { op in
                    UTF8Transcoder.iconvAll(cd, sp, 0, op, 0, consumed: &consumed, produced: &produced)
                }
            }
            guard ok, consumed == bytes.count else { return nil }
            return Array(out[..<produced])
        }
        for b in 0..<UInt8(0x80) where convert([b]) != [b] { return nil }
        var pairs = [UInt32](repeating: 0, count: 126 * 192)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFF {
                guard let u = convert([UInt8(lead), UInt8(trail)]), (1...3).contains(u.count) else { continue }
                var v = UInt32(u.count) << 24
                for (k, byte) in u.enumerated() { v |= UInt32(byte) << (8 * k) }
                pairs[(lead - 0x81) * 192 + (trail - 0x40)] = v
            }
        }
        self.pairs = pairs
    }

    /// Decodes `src` into `out` as iconv would (see ``UTF8Transcoder/iconvAll``): false at an invalid
    /// sequence, with `consumed`/`produced` where it stopped.
    func decode(_ sp: UnsafeMutableBufferPointer<UInt8>, into op: UnsafeMutableBufferPointer<UInt8>, cd: iconv_t,
                consumed: inout Int, produced: inout Int) -> Bool {
        let src = UnsafePointer(sp.baseAddress!), dst = op.baseAddress!
        let n = sp.count, cap = op.count
        let raw = UnsafeRawPointer(src), rawOut = UnsafeMutableRawPointer(dst)
        var i = 0, o = 0
        return pairs.withUnsafeBufferPointer { tp -> Bool in
            let t = tp.baseAddress!
            while i < n {
                // ASCII, eight bytes at a time.
                while i + 8 <= n && o + 8 <= cap {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if w & 0x8080_8080_8080_8080 != 0 { break }
                    rawOut.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
                    i += 8
                    o += 8
                }
                guard i < n else { break }
                let b = src[i]
                if b < 0x80 {
                    guard o < cap else { consumed = i; produced = o; return false }   // as iconv's E2BIG
                    dst[o] = b
                    i += 1
                    o += 1
                    continue
                }
                if b >= 0x81 && b <= 0xFE && i + 1 < n && src[i + 1] >= 0x40 {
                    let v = t[Int(b &- 0x81) &* 192 &+ Int(src[i + 1] &- 0x40)]
                    let len = Int(v >> 24)
                    if len != 0 && o + len <= cap {
                        dst[o] = UInt8(truncatingIfNeeded: v)
                        if len > 1 { dst[o + 1] = UInt8(truncatingIfNeeded: v >> 8) }
                        if len > 2 { dst[o + 2] = UInt8(truncatingIfNeeded: v >> 16) }
                        i += 2
                        o += len
                        continue
                    }
                }
                // One sequence (at most four bytes) through iconv.
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(sp.baseAddress! + i).assumingMemoryBound(to: CChar.self)
                let window = min(4, n - i)
                var inLeft = window
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst + o).assumingMemoryBound(to: CChar.self)
                var outLeft = cap - o
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                let e = errno
                let took = window - inLeft
                i += took
                o = cap - outLeft
                if r == -1 {
                    if e == EILSEQ || e == E2BIG {             // invalid (or no room), as iconv over the rest says
                        consumed = i
                        produced = o
                        return false
                    }
                    if e == EINVAL {
                        if window < 4 { break }                // incomplete at the end: carry it
                        if took > 0 { continue }               // complete sequences done, the cut one starts anew
                    }
                    // Not a case a window of four bytes gives: let iconv run over the rest, as it always did.
                    return UTF8Transcoder.iconvAll(cd, sp, i, op, o, consumed: &consumed, produced: &produced)
                }
            }
            consumed = i
            produced = o
            return true
        }
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
            bytes.withUnsafeBufferPointer { feed($0) }
        }

        /// Validates bytes in memory (see ``feed(_:)-([UInt8])``).
        ///
        /// Speed (issue #17): between the sequences cut at either end of the chunk, the bytes go through
        /// ``fulian_utf8_validate`` (AVX2, about 0.1 instruction a byte against 7 for the loop here on
        /// Chinese text); the loop takes the ends, and the whole chunk where the processor lacks AVX2.
        mutating func feed(_ p: UnsafeBufferPointer<UInt8>) {
            guard valid else { return }
            do {
                guard let base = p.baseAddress else { return }
                let raw = UnsafeRawPointer(base)
                let n = p.count
                var i = 0
                // A sequence carried over from the last chunk, finished first.
                while need > 0 && i < n {
                    guard carry(base[i]) else { return }
                    i += 1
                }
                if need == 0 && n - i >= 64 {
                    let cut = UTF8Validator.lastCut(base, from: i, to: n)
                    switch fulian_utf8_validate(base + i, cut - i) {
                    case 1: i = cut
                    case 0: valid = false; return
                    default: break
                    }
                }
                while i < n {
                    if need == 0 {
                        var nonASCII = false
                        guard UTF8Validator.skipValid(raw, &i, n, whole: false, &nonASCII) else { valid = false; return }
                        guard i < n else { return }
                        // A sequence starting in the last three bytes: byte by byte, carried over if cut.
                        let b = base[i]
                        let lower: UInt8, upper: UInt8, more: Int
                        switch b {
                        case 0xC2...0xDF: more = 1; lower = 0x80; upper = 0xBF
                        case 0xE0: more = 2; lower = 0xA0; upper = 0xBF
                        case 0xE1...0xEC, 0xEE, 0xEF: more = 2; lower = 0x80; upper = 0xBF
                        case 0xED: more = 2; lower = 0x80; upper = 0x9F
                        case 0xF0: more = 3; lower = 0x90; upper = 0xBF
                        case 0xF1...0xF3: more = 3; lower = 0x80; upper = 0xBF
                        case 0xF4: more = 3; lower = 0x80; upper = 0x8F
                        default: valid = false; return
                        }
                        if i + more < n {
                            // The whole sequence is in this chunk: check it at once.
                            let b1 = base[i + 1]
                            guard b1 >= lower && b1 <= upper else { valid = false; return }
                            if more >= 2 {
                                guard base[i + 2] & 0xC0 == 0x80 else { valid = false; return }
                                if more == 3 { guard base[i + 3] & 0xC0 == 0x80 else { valid = false; return } }
                            }
                            i += more + 1
                            continue
                        }
                        // Split at the chunk's end: carry the state over.
                        need = more; lowerBound = lower; upperBound = upper
                    } else {
                        guard carry(base[i]) else { return }
                    }
                    i += 1
                }
            }
        }

        /// Valid and not stopped inside a sequence.
        var complete: Bool { valid && need == 0 }

        /// Takes the next byte of a sequence begun in an earlier chunk; false (and no longer valid) when it
        /// is not the continuation byte due.
        @inline(__always)
        private mutating func carry(_ b: UInt8) -> Bool {
            guard b >= lowerBound && b <= upperBound else { valid = false; return false }
            lowerBound = 0x80; upperBound = 0xBF
            need -= 1
            return true
        }

        /// Where `base[from..<to]` stops being whole sequences: the start of a sequence cut by `to` (its
        /// lead within the last three bytes), else `to`.
        static func lastCut(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
            var j = to - 1
            while j >= from && j > to - 4 {
                let b = base[j]
                if b & 0xC0 != 0x80 {
                    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                    return to - j < length ? j : to
                }
                j -= 1
            }
            return to
        }

        /// Moves `i` over valid UTF-8 in `raw[i..<n]`, ASCII eight bytes at a time and other sequences by
        /// masks over a four-byte window (Chinese text is runs of three-byte sequences); false at an invalid
        /// sequence. `whole`: the text ends at `n` (a sequence cut there is invalid); otherwise it stops at a
        /// sequence that starts in the last three bytes, for the caller to carry over. `nonASCII` is set when
        /// a sequence other than ASCII was passed.
        @inline(__always)
        static func skipValid(_ raw: UnsafeRawPointer, _ i: inout Int, _ n: Int, whole: Bool, _ nonASCII: inout Bool) -> Bool {
            while i < n {
                if i + 8 <= n {
                    let high = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
                    if high == 0 { i += 8; continue }
                    i += UInt64(littleEndian: high).trailingZeroBitCount >> 3
                } else if raw.load(fromByteOffset: i, as: UInt8.self) < 0x80 {
                    i += 1
                    continue
                }
                guard whole || i + 4 <= n else { return true }
                nonASCII = true
                while i < n {
                    var w: UInt32
                    if i + 4 <= n {
                        w = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                    } else {
                        if !whole { break }
                        // The last bytes, zero beyond the end (no continuation byte is zero).
                        w = 0
                        for k in 0..<(n - i) { w |= UInt32(raw.load(fromByteOffset: i + k, as: UInt8.self)) << (8 * k) }
                    }
                    let lead = UInt8(truncatingIfNeeded: w), b1 = UInt8(truncatingIfNeeded: w >> 8)
                    if lead < 0x80 { break }
                    if w & 0xC0_C0F0 == 0x80_80E0 {                // 1110xxxx 10xxxxxx 10xxxxxx
                        if lead == 0xE0 || lead == 0xED, (lead == 0xE0) == (b1 < 0xA0) { return false }
                        i += 3
                    } else if w & 0xC0E0 == 0x80C0 {               // 110xxxxx 10xxxxxx
                        if lead < 0xC2 { return false }
                        i += 2
                    } else if w & 0xC0C0_C0F8 == 0x8080_80F0 {     // 11110xxx and three continuations
                        if lead > 0xF4 || (lead == 0xF0 && b1 < 0x90) || (lead == 0xF4 && b1 > 0x8F) { return false }
                        i += 4
                    } else {
                        return false
                    }
                }
            }
            return true
        }

        /// What a whole text is.
        enum Verdict { case ascii, valid, invalid }

        /// Checks a whole text (one CSV field, say): ASCII, other valid UTF-8, or not valid.
        @inline(__always)
        static func check(_ p: UnsafeBufferPointer<UInt8>) -> Verdict {
            guard let base = p.baseAddress else { return .ascii }
            var i = 0, nonASCII = false
            guard skipValid(UnsafeRawPointer(base), &i, p.count, whole: true, &nonASCII) else { return .invalid }
            return nonASCII ? .valid : .ascii
        }
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

    /// Whether every byte of the file, from its start, is valid UTF-8 with no sequence cut at the end: read
    /// through one buffer, up to the first invalid byte. The file is left at its start.
    static func isUTF8(_ file: ChunkedFile) throws -> Bool {
        var v = UTF8Validator()
        try file.rewind()
        var chunk: [UInt8] = []
        while v.valid {
            try file.next(into: &chunk)
            if chunk.isEmpty { break }
            v.feed(chunk)
        }
        try file.rewind()
        return v.complete
    }

    /// Reads the file once to tell UTF-8 (every byte valid; stops at the first invalid one) from GB18030,
    /// weighing GB18030's plausibility on the first 4 MiB.
    static func detect(_ file: ChunkedFile, head: [UInt8]) throws -> Detected {
        if let b = bom(head) { return .encoding(b.0, bomLength: b.1) }
        if try isUTF8(file) { return .encoding(.utf8, bomLength: 0) }
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
