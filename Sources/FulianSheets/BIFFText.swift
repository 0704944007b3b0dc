import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes the 8-bit strings of a BIFF5 workbook in its `CODEPAGE` (CP936 as GB18030, its superset;
/// 1252 when the workbook does not say), through iconv. ASCII never goes through iconv; a byte the
/// code page does not define becomes U+FFFD.
final class BIFFCodepage {
    /// The Windows code page number (`CODEPAGE` record).
    let number: Int
    private var cd: iconv_t?

    /// A decoder for Windows code page `number` (1200 and unknown pages decode as CP1252).
    init(_ number: Int) {
        self.number = number
        cd = iconv_open("UTF-8", BIFFCodepage.iconvName(number))
        if let c = cd, c == iconv_t(bitPattern: -1) { cd = iconv_open("UTF-8", "CP1252") }
        if let c = cd, c == iconv_t(bitPattern: -1) { cd = nil }
    }

    deinit { if let cd { iconv_close(cd) } }

    /// The iconv name of a Windows code page.
    static func iconvName(_ page: Int) -> String {
        switch page {
        case 936: return "GB18030"              // GBK as written by Chinese Excel and WPS; GB18030 is its superset
        case 950: return "BIG5"
        case 932: return "CP932"
        case 949: return "CP949"
        case 874: return "CP874"
        case 1250...1258: return "CP\(page)"
        case 10000, 32768: return "MACINTOSH"
        case 367, 20127: return "ASCII"
        case 437, 850, 852, 855, 857, 860, 861, 862, 863, 864, 865, 866, 869: return "CP\(page)"
        case 65001: return "UTF-8"
        default: return "CP1252"               // 32769 is CP1252 too; 1200 (UTF-16) never applies to 8-bit strings
        }
    }

    /// The text of `count` bytes at `start`.
    func decode(_ p: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> String {
        let bytes = UnsafeRawBufferPointer(rebasing: p[start..<(start + count)])
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        guard let cd else { return BIFFText.latin1(p, start, count) }
        var out = [UInt8](repeating: 0, count: count * 4 + 8)
        var produced = 0
        var src = Array(bytes)
        src.withUnsafeMutableBufferPointer { sp in
            out.withUnsafeMutableBufferPointer { op in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(sp.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = sp.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(op.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = op.count
                _ = iconv(cd, nil, nil, nil, nil)
                while inLeft > 0 {
                    if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
                        // An undefined or cut-off sequence: U+FFFD for one byte, then go on.
                        guard outLeft >= 3 else { break }
                        for b: UInt8 in [0xEF, 0xBF, 0xBD] { outPtr!.pointee = CChar(bitPattern: b); outPtr! += 1 }
                        outLeft -= 3
                        inPtr! += 1
                        inLeft -= 1
                        _ = iconv(cd, nil, nil, nil, nil)
                    }
                }
                produced = op.count - outLeft
            }
        }
        return String(decoding: out[..<produced], as: UTF8.self)
    }
}

/// Strings as BIFF stores them.
enum BIFFText {
    /// "Compressed" BIFF8 characters: the low bytes of UTF-16 code units, i.e. Latin-1.
    static func latin1(_ p: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> String {
        let bytes = UnsafeRawBufferPointer(rebasing: p[start..<(start + count)])
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
    }

    /// `count` UTF-16LE code units at `start`.
    static func utf16(_ p: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> String {
        var units = [UInt16](repeating: 0, count: count)
        for k in 0..<count { units[k] = p.loadUnaligned(fromByteOffset: start + 2 * k, as: UInt16.self).littleEndian }
        return String(decoding: units, as: UTF16.self)
    }
}

/// A record's body with its `CONTINUE` records, for strings that may be split across them (SST,
/// STRING): the bodies concatenated, and where each continuation begins.
///
/// A string's characters may be split at any continuation; the part in the next record starts with a
/// fresh option byte saying whether its characters are 8- or 16-bit. Everything else (string headers,
/// rich-text runs, phonetic blocks) simply runs on across the boundary.
struct BIFFSegments {
    /// The concatenated bodies.
    var bytes: [UInt8] = []
    /// Offsets in ``bytes`` where a continuation starts, ascending.
    var boundaries: [Int] = []
    /// The workbook-stream offset of each segment's record (for error messages).
    var recordOffsets: [Int] = []

    /// Why a string could not be read.
    struct Truncated: Error { var offset: Int }

    /// Reads strings one after another.
    struct Cursor {
        let segments: BIFFSegments
        /// Position in ``BIFFSegments/bytes``.
        var position = 0
        private var nextBoundary = 0

        init(_ segments: BIFFSegments, position: Int = 0) {
            self.segments = segments
            self.position = position
            while nextBoundary < segments.boundaries.count, segments.boundaries[nextBoundary] <= position { nextBoundary += 1 }
        }

        /// Bytes left.
        var remaining: Int { segments.bytes.count - position }

        /// Where the current segment ends.
        private var segmentEnd: Int { nextBoundary < segments.boundaries.count ? segments.boundaries[nextBoundary] : segments.bytes.count }

        private mutating func advance(_ n: Int) {
            position += n
            while nextBoundary < segments.boundaries.count, segments.boundaries[nextBoundary] <= position { nextBoundary += 1 }
        }

        mutating func u8() throws(Truncated) -> UInt8 {
            guard position < segments.bytes.count else { throw Truncated(offset: position) }
            defer { advance(1) }
            return segments.bytes[position]
        }

        mutating func u16() throws(Truncated) -> Int {
            let a = try u8(), b = try u8()
            return Int(a) | Int(b) << 8
        }

        mutating func u32() throws(Truncated) -> Int {
            let a = try u16(), b = try u16()
            return a | b << 16
        }

        /// Skips `n` bytes (across boundaries).
        mutating func skip(_ n: Int) throws(Truncated) {
            guard n >= 0, n <= remaining else { throw Truncated(offset: position) }
            advance(n)
        }

        /// A BIFF8 unicode string whose character count has been read: option byte, optional rich-text
        /// run count and phonetic size, the characters (continuing across records with a fresh option
        /// byte), then the runs and phonetic block skipped.
        mutating func unicodeString(count: Int) throws(Truncated) -> String {
            var flags = try u8()
            let runs = flags & 0x08 != 0 ? try u16() : 0
            let phonetic = flags & 0x04 != 0 ? try u32() : 0
            var got = 0
            var units: [UInt16] = []
            var simple: String?
            // A header that ends exactly where a record ends: the characters start in the next record,
            // behind their own option byte.
            if count > 0, nextBoundary > 0, segments.boundaries[nextBoundary - 1] == position { flags = try u8() }
            while true {
                let need = count - got
                let wide = flags & 0x01 != 0
                let available = (segmentEnd - position) / (wide ? 2 : 1)
                let take = min(need, available)
                segments.bytes.withUnsafeBytes { p in
                    if got == 0 && take == count {
                        simple = wide ? BIFFText.utf16(p, position, take) : BIFFText.latin1(p, position, take)
                    } else {
                        units.reserveCapacity(count)
                        for k in 0..<take {
                            units.append(wide ? p.loadUnaligned(fromByteOffset: position + 2 * k, as: UInt16.self).littleEndian
                                              : UInt16(p[position + k]))
                        }
                    }
                }
                advance(take * (wide ? 2 : 1))
                got += take
                if got == count { break }
                // The characters go on in the next record, which starts with a fresh option byte (an odd
                // byte left at the end of this one is skipped).
                let atSegmentStart = nextBoundary > 0 && segments.boundaries[nextBoundary - 1] == position
                if !atSegmentStart {
                    guard nextBoundary < segments.boundaries.count else { throw Truncated(offset: position) }
                    position = segments.boundaries[nextBoundary]
                    advance(0)
                }
                flags = try u8()
            }
            try skip(4 * runs)
            try skip(phonetic)
            return simple ?? String(decoding: units, as: UTF16.self)
        }
    }
}
