import Foundation
import FulianCore
#if canImport(zlib)
import zlib      // Apple SDKs ship a zlib module.
#else
// On Linux the zlib module is ZIPFoundation's system-library target `CZlib`; SwiftPM hands its module map
// to every target that depends on ZIPFoundation, so FulianSheets must keep that dependency.
import CZlib
#endif

/// A read-only zip container: the central directory, and each entry inflated with zlib in chunks.
///
/// Written for hostile input rather than taken from a general zip library: every offset and size is checked
/// against the file before it is used, an entry's compressed bytes are read only up to its declared
/// compressed size (a deflate stream that does not end there is damage, never a reason to read on), and
/// the CRC-32 of every fully read entry is verified. Stored (0) and deflated (8) entries are supported,
/// ZIP64 sizes and offsets too; encrypted entries and other methods are refused.
struct ZipArchive {
    /// A container or entry that cannot be read; `reason` is a short phrase for the user (for an entry it
    /// speaks of "it": the caller names the entry).
    struct Damaged: Error { var reason: SheetsMessage }
    /// An entry protected by zip's own password scheme.
    struct Encrypted: Error { var path: String }

    /// One file in the archive, as the central directory describes it.
    struct Entry {
        /// The path inside the archive (`xl/worksheets/sheet1.xml`), with `/` separators: some Windows tools
        /// write `xl\workbook.xml`, which the zip format does not allow and every reader accepts.
        var path: String
        /// 0 = stored, 8 = deflated.
        var method: UInt16
        /// General-purpose flags (bit 0 = encrypted).
        var flags: UInt16
        /// The CRC-32 of the uncompressed bytes.
        var crc32: UInt32
        /// Compressed size in bytes.
        var compressedSize: Int64
        /// Declared uncompressed size in bytes (a claim: never trusted for allocation).
        var uncompressedSize: Int64
        /// Where the entry's local header starts.
        var localHeaderOffset: Int64
        /// Whether the path names a directory.
        var isDirectory: Bool { path.hasSuffix("/") }
    }

    /// The entries in central-directory order.
    let entries: [Entry]
    private let handle: FileHandle
    private let fileSize: Int64

    /// Reads the central directory of the zip at `path`.
    init(path: String) throws {
        guard let h = FileHandle(forReadingAtPath: path) else { throw Damaged(reason: .cannotOpen) }
        handle = h
        fileSize = Int64(try h.seekToEnd())
        guard fileSize >= 22 else { throw Damaged(reason: .tooShortForZip) }

        // End of central directory: the last 22 bytes, or earlier when a comment (≤ 65,535 bytes) follows.
        let tailLength = min(fileSize, 22 + 65_535)
        let tail = try ZipArchive.read(h, at: fileSize - tailLength, count: Int(tailLength))
        var eocd = -1
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 5, tail[i + 3] == 6 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw Damaged(reason: .noEndRecord) }
        var count = Int64(ZipArchive.u16(tail, eocd + 10))
        var cdSize = Int64(ZipArchive.u32(tail, eocd + 12))
        var cdOffset = Int64(ZipArchive.u32(tail, eocd + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the EOCD points at the ZIP64 end record.
            let locatorAt = fileSize - tailLength + Int64(eocd) - 20
            guard locatorAt >= 0 else { throw Damaged(reason: .zip64WithoutLocator) }
            let locator = try ZipArchive.read(h, at: locatorAt, count: 20)
            guard ZipArchive.u32(locator, 0) == 0x0706_4B50 else { throw Damaged(reason: .zip64WithoutLocator) }
            let recordAt = Int64(clamping: ZipArchive.u64(locator, 8))
            // Compared by subtraction: a ZIP64 value may be near Int64.max, where an addition overflows.
            guard recordAt >= 0, recordAt <= fileSize - 56 else { throw Damaged(reason: .zip64RecordOutside) }
            let record = try ZipArchive.read(h, at: recordAt, count: 56)
            guard ZipArchive.u32(record, 0) == 0x0606_4B50 else { throw Damaged(reason: .zip64RecordMissing) }
            count = Int64(clamping: ZipArchive.u64(record, 32))
            cdSize = Int64(clamping: ZipArchive.u64(record, 40))
            cdOffset = Int64(clamping: ZipArchive.u64(record, 48))
        }
        guard cdOffset >= 0, cdSize >= 0, cdSize <= fileSize, cdOffset <= fileSize - cdSize else {
            throw Damaged(reason: .centralDirectoryOutside)
        }
        guard count <= cdSize / 46 else { throw Damaged(reason: .tooManyEntries) }
        let cd = try ZipArchive.read(h, at: cdOffset, count: Int(cdSize))
        var list: [Entry] = []
        list.reserveCapacity(Int(count))
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= cd.count, ZipArchive.u32(cd, p) == 0x0201_4B50 else {
                throw Damaged(reason: .centralDirectoryDamaged)
            }
            let nameLength = Int(ZipArchive.u16(cd, p + 28)), extraLength = Int(ZipArchive.u16(cd, p + 30))
            let commentLength = Int(ZipArchive.u16(cd, p + 32))
            guard p + 46 + nameLength + extraLength + commentLength <= cd.count else {
                throw Damaged(reason: .centralDirectoryDamaged)
            }
            var name = String(decoding: cd[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            if name.utf8.contains(UInt8(ascii: "\\")) { name = name.replacingOccurrences(of: "\\", with: "/") }
            var compressed = Int64(ZipArchive.u32(cd, p + 20))
            var uncompressed = Int64(ZipArchive.u32(cd, p + 24))
            var offset = Int64(ZipArchive.u32(cd, p + 42))
            // ZIP64 extra field (id 1): 8-byte values, only for the fields that hold 0xFFFFFFFF, in this order.
            var x = p + 46 + nameLength
            let extraEnd = x + extraLength
            while x + 4 <= extraEnd {
                let id = ZipArchive.u16(cd, x), size = Int(ZipArchive.u16(cd, x + 2))
                guard x + 4 + size <= extraEnd else { break }
                if id == 1 {
                    var f = x + 4
                    if uncompressed == 0xFFFF_FFFF, f + 8 <= x + 4 + size { uncompressed = Int64(clamping: ZipArchive.u64(cd, f)); f += 8 }
                    if compressed == 0xFFFF_FFFF, f + 8 <= x + 4 + size { compressed = Int64(clamping: ZipArchive.u64(cd, f)); f += 8 }
                    if offset == 0xFFFF_FFFF, f + 8 <= x + 4 + size { offset = Int64(clamping: ZipArchive.u64(cd, f)) }
                }
                x += 4 + size
            }
            list.append(Entry(path: name, method: ZipArchive.u16(cd, p + 10), flags: ZipArchive.u16(cd, p + 8),
                              crc32: ZipArchive.u32(cd, p + 16), compressedSize: compressed,
                              uncompressedSize: uncompressed, localHeaderOffset: offset))
            p += 46 + nameLength + extraLength + commentLength
        }
        entries = list
    }

    /// Streams an entry's uncompressed bytes to `body` in chunks of at most `chunkSize` bytes.
    ///
    /// `body` may throw to stop early (the CRC is then not checked). Throws ``Damaged`` for bad offsets,
    /// a deflate stream that is corrupt or does not end within the compressed size, or a CRC mismatch;
    /// ``Encrypted`` for an encrypted entry.
    func extract(_ entry: Entry, chunkSize: Int = 1 << 18, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard entry.flags & 1 == 0 else { throw Encrypted(path: entry.path) }
        guard entry.method == 0 || entry.method == 8 else {
            throw Damaged(reason: .unsupportedCompression(method: Int(entry.method)))
        }
        let off = entry.localHeaderOffset
        guard off >= 0, off <= fileSize - 30 else { throw Damaged(reason: .headerOutside) }
        let local = try ZipArchive.read(handle, at: off, count: 30)
        guard ZipArchive.u32(local, 0) == 0x0403_4B50 else { throw Damaged(reason: .localHeaderMissing) }
        let dataStart = off + 30 + Int64(ZipArchive.u16(local, 26)) + Int64(ZipArchive.u16(local, 28))
        guard entry.compressedSize >= 0, entry.compressedSize <= fileSize - dataStart else {
            throw Damaged(reason: .dataPastEnd)
        }
        try handle.seek(toOffset: UInt64(dataStart))
        var remaining = entry.compressedSize
        let inputChunk = 1 << 16
        var crc: uLong = 0

        if entry.method == 0 {
            while remaining > 0 {
                let d = try handle.read(upToCount: Int(min(remaining, Int64(chunkSize)))) ?? Data()
                guard !d.isEmpty else { throw Damaged(reason: .dataPastEnd) }
                remaining -= Int64(d.count)
                try d.withUnsafeBytes { raw in
                    let p = raw.bindMemory(to: UInt8.self)
                    crc = crc32(crc, p.baseAddress, uInt(p.count))
                    try body(p)
                }
            }
            guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
                throw Damaged(reason: .crcFails)
            }
            return
        }

        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Damaged(reason: .zlibUnavailable)
        }
        defer { inflateEnd(&stream) }
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { output.deallocate() }
        var ended = false
        while !ended {
            guard remaining > 0 else {
                throw Damaged(reason: .deflateCutShort)
            }
            var input = try handle.read(upToCount: Int(min(remaining, Int64(inputChunk)))) ?? Data()
            guard !input.isEmpty else { throw Damaged(reason: .dataPastEnd) }
            remaining -= Int64(input.count)
            // Inflate everything this input chunk yields; zlib never keeps a pointer into it past this closure
            // (on return it has consumed all input, or the stream has ended).
            try input.withUnsafeMutableBytes { raw in
                stream.next_in = raw.bindMemory(to: UInt8.self).baseAddress
                stream.avail_in = uInt(raw.count)
                repeat {
                    stream.next_out = output
                    stream.avail_out = uInt(chunkSize)
                    let rc = inflate(&stream, Z_NO_FLUSH)
                    switch rc {
                    case Z_OK, Z_BUF_ERROR: break
                    case Z_STREAM_END: ended = true
                    default: throw Damaged(reason: .deflateCorrupt)
                    }
                    let produced = chunkSize - Int(stream.avail_out)
                    if produced > 0 {
                        crc = crc32(crc, output, uInt(produced))
                        try body(UnsafeBufferPointer(start: output, count: produced))
                    } else if rc == Z_BUF_ERROR {
                        break   // no progress: this chunk is used up
                    }
                } while !ended && (stream.avail_out == 0 || stream.avail_in > 0)
                stream.next_in = nil
                stream.avail_in = 0
            }
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw Damaged(reason: .crcFails)
        }
    }

    private static func read(_ h: FileHandle, at offset: Int64, count: Int) throws -> [UInt8] {
        try h.seek(toOffset: UInt64(offset))
        let d = try h.read(upToCount: count) ?? Data()
        guard d.count == count else { throw Damaged(reason: .endsEarly) }
        return [UInt8](d)
    }

    static func u16(_ b: [UInt8], _ o: Int) -> UInt16 { UInt16(b[o]) | UInt16(b[o + 1]) << 8 }
    static func u32(_ b: [UInt8], _ o: Int) -> UInt32 { UInt32(u16(b, o)) | UInt32(u16(b, o + 2)) << 16 }
    static func u64(_ b: [UInt8], _ o: Int) -> UInt64 { UInt64(u32(b, o)) | UInt64(u32(b, o + 4)) << 32 }
}
