import Foundation
import FulianCore

/// An OLE2 compound file (the container of every .xls, and of an encrypted .xlsx): its root-level
/// streams by name, and the bytes of one stream on request.
///
/// Only the streams directly under the root storage are listed (an .xls with an embedded workbook holds
/// a second `Workbook` stream inside a sub-storage, which must not replace the real one). Every sector
/// chain is bounded by the file's sector count and the directory tree walk by its entry count, so a
/// crafted file with a cyclic FAT or directory ends in an error, not a hang; a stream is never read past
/// its declared size nor past the end of the file.
struct CompoundFile {
    /// A damaged container.
    struct Damaged: Error { var reason: SheetsMessage }

    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniCutoff: Int
    private var fat: [UInt32] = []
    private var miniFat: [UInt32] = []
    private var miniStream: [UInt8] = []
    /// Root-level stream entries: name → (start sector, size).
    private(set) var streams: [String: (start: UInt32, size: Int)] = [:]

    /// Sector numbers from this value up are markers (free, end of chain, FAT, DIFAT), not sectors.
    private static let firstMarker: UInt32 = 0xFFFF_FFFA
    private static let noStream: UInt32 = 0xFFFF_FFFF

    /// Parses the header, FAT, directory and mini stream of the container in `bytes`.
    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 512, bytes.prefix(8).elementsEqual(FormatDetection.ole2Magic) else { throw Damaged(reason: .noOLE2Header) }
        let shift = Int(CompoundFile.u16(bytes, 0x1E)), miniShift = Int(CompoundFile.u16(bytes, 0x20))
        guard shift == 9 || shift == 12, miniShift == 6 else { throw Damaged(reason: .unusualSectorSize) }
        sectorSize = 1 << shift
        miniSectorSize = 1 << miniShift
        miniCutoff = Int(CompoundFile.u32(bytes, 0x38))
        let sectorCount = max(0, (bytes.count - sectorSize) / sectorSize + 1)

        // DIFAT: 109 entries in the header, then chained DIFAT sectors.
        var difat: [UInt32] = (0..<109).map { CompoundFile.u32(bytes, 0x4C + 4 * $0) }
        var next = CompoundFile.u32(bytes, 0x44)
        var guardCount = 0
        while next < CompoundFile.firstMarker {
            guardCount += 1
            guard guardCount <= sectorCount else { throw Damaged(reason: .cyclicDIFAT) }
            let off = (Int(next) + 1) * sectorSize
            guard off + sectorSize <= bytes.count else { throw Damaged(reason: .difatBeyondEnd) }
            let per = sectorSize / 4 - 1
            difat += (0..<per).map { CompoundFile.u32(bytes, off + 4 * $0) }
            next = CompoundFile.u32(bytes, off + 4 * per)
        }
        for s in difat where s < CompoundFile.firstMarker {
            let off = (Int(s) + 1) * sectorSize
            guard off + sectorSize <= bytes.count else { throw Damaged(reason: .fatSectorBeyondEnd) }
            fat += (0..<(sectorSize / 4)).map { CompoundFile.u32(bytes, off + 4 * $0) }
        }

        // Directory: a red-black tree of 128-byte entries; entry 0 is the root storage.
        let dir = try chain(start: CompoundFile.u32(bytes, 0x30), fat: fat, sector: sectorSize, data: bytes, headerOffset: true, limit: .max)
        let entryCount = dir.count / 128
        guard entryCount > 0, dir[0x42] == 5 else { throw Damaged(reason: .noRootEntry) }
        let rootStart = CompoundFile.u32(dir, 0x74)
        let rootSize = Int(CompoundFile.u32(dir, 0x78))
        // The root's children: walk its child's left/right siblings (iteratively, each entry once).
        var pending = [CompoundFile.u32(dir, 0x4C)]
        var seen = Set<UInt32>()
        while let id = pending.popLast() {
            guard id != CompoundFile.noStream, Int(id) < entryCount, seen.insert(id).inserted else { continue }
            let i = Int(id) * 128
            pending.append(CompoundFile.u32(dir, i + 0x44))
            pending.append(CompoundFile.u32(dir, i + 0x48))
            let nameLen = Int(CompoundFile.u16(dir, i + 0x40))
            guard dir[i + 0x42] == 2, nameLen >= 2, nameLen <= 64 else { continue }
            let units = (0..<(nameLen / 2 - 1)).map { UInt16(dir[i + 2 * $0]) | UInt16(dir[i + 2 * $0 + 1]) << 8 }
            let name = String(decoding: units, as: UTF16.self)
            if streams[name] == nil { streams[name] = (CompoundFile.u32(dir, i + 0x74), Int(CompoundFile.u32(dir, i + 0x78))) }
        }
        let mf = try chain(start: CompoundFile.u32(bytes, 0x3C), fat: fat, sector: sectorSize, data: bytes, headerOffset: true, limit: .max)
        miniFat = (0..<(mf.count / 4)).map { CompoundFile.u32(mf, 4 * $0) }
        if rootStart < CompoundFile.firstMarker, streams.values.contains(where: { $0.size < miniCutoff && $0.size > 0 }) {
            miniStream = try chain(start: rootStart, fat: fat, sector: sectorSize, data: bytes, headerOffset: true, limit: rootSize)
        }
    }

    /// The directory entry of a stream; names compare case-insensitively, as the format says (writers
    /// other than Excel name the workbook stream `WORKBOOK` or `BOOK`).
    func streamEntry(_ name: String) -> (start: UInt32, size: Int)? {
        if let s = streams[name] { return s }
        let folded = name.uppercased()
        return streams.first { $0.key.uppercased() == folded }?.value
    }

    /// Whether a stream of this name (any case) exists.
    func hasStream(_ name: String) -> Bool { streamEntry(name) != nil }

    /// The bytes of a named stream (any case), nil when absent. A chain shorter than the declared size
    /// gives what the chain holds.
    func stream(_ name: String) throws -> [UInt8]? {
        guard let s = streamEntry(name) else { return nil }
        if s.size < miniCutoff {
            return try chain(start: s.start, fat: miniFat, sector: miniSectorSize, data: miniStream, headerOffset: false, limit: s.size)
        }
        return try chain(start: s.start, fat: fat, sector: sectorSize, data: bytes, headerOffset: true, limit: s.size)
    }

    /// Follows a sector chain, collecting at most `limit` bytes.
    private func chain(start: UInt32, fat: [UInt32], sector: Int, data: [UInt8], headerOffset: Bool, limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        if limit != .max { out.reserveCapacity(min(limit, data.count)) }
        var s = start
        var steps = 0
        // A chain longer than the number of sectors that exist visits one twice: a cycle.
        let maxSteps = min(fat.count, data.count / sector + 1) + 1
        while s < CompoundFile.firstMarker, out.count < limit {
            steps += 1
            guard steps <= maxSteps else { throw Damaged(reason: .cyclicSectorChain) }
            let off = (Int(s) + (headerOffset ? 1 : 0)) * sector
            guard off >= 0, off + sector <= data.count || (off < data.count && headerOffset) else { throw Damaged(reason: .sectorBeyondEnd) }
            let end = min(off + min(sector, limit - out.count), data.count)
            out.append(contentsOf: data[off..<end])
            guard Int(s) < fat.count else { throw Damaged(reason: .sectorOutsideFAT) }
            s = fat[Int(s)]
        }
        return out
    }

    static func u16(_ b: [UInt8], _ o: Int) -> UInt16 { o >= 0 && o + 2 <= b.count ? UInt16(b[o]) | UInt16(b[o + 1]) << 8 : 0 }
    static func u32(_ b: [UInt8], _ o: Int) -> UInt32 {
        o >= 0 && o + 4 <= b.count ? UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24 : 0
    }
}
