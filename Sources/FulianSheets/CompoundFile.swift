import Foundation

/// The few things fulian needs from an OLE2 compound file that FreeXL does not expose: the BIFF
/// workbook stream's sheet visibility and merged ranges (`MERGEDCELLS` records), and whether the file is
/// an encrypted OOXML package or a password-protected workbook.
///
/// Every sector chain is bounded by the file's sector count, so a crafted file with a cyclic FAT ends
/// in an error, not a hang.
struct CompoundFile {
    /// A damaged container.
    struct Damaged: Error { var reason: String }

    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniCutoff: Int
    private var fat: [UInt32] = []
    private var miniFat: [UInt32] = []
    private var miniStream: [UInt8] = []
    /// Directory entries: name → (start sector, size).
    private(set) var streams: [String: (start: UInt32, size: Int)] = [:]

    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let freeSector: UInt32 = 0xFFFF_FFFF

    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 512, bytes.prefix(8).elementsEqual(FormatDetection.ole2Magic) else { throw Damaged(reason: "no OLE2 header") }
        let shift = Int(CompoundFile.u16(bytes, 0x1E)), miniShift = Int(CompoundFile.u16(bytes, 0x20))
        guard shift == 9 || shift == 12, miniShift == 6 else { throw Damaged(reason: "unusual sector size") }
        sectorSize = 1 << shift
        miniSectorSize = 1 << miniShift
        miniCutoff = Int(CompoundFile.u32(bytes, 0x38))
        let sectorCount = max(0, (bytes.count - sectorSize) / sectorSize + 1)

        // DIFAT: 109 entries in the header, then chained DIFAT sectors.
        var difat: [UInt32] = (0..<109).map { CompoundFile.u32(bytes, 0x4C + 4 * $0) }
        var next = CompoundFile.u32(bytes, 0x44)
        var guardCount = 0
        while next < 0xFFFF_FFFA {
            guardCount += 1
            guard guardCount <= sectorCount else { throw Damaged(reason: "cyclic DIFAT") }
            let off = (Int(next) + 1) * sectorSize
            guard off + sectorSize <= bytes.count else { throw Damaged(reason: "DIFAT beyond the end") }
            let per = sectorSize / 4 - 1
            difat += (0..<per).map { CompoundFile.u32(bytes, off + 4 * $0) }
            next = CompoundFile.u32(bytes, off + 4 * per)
        }
        for s in difat where s < 0xFFFF_FFFA {
            let off = (Int(s) + 1) * sectorSize
            guard off + sectorSize <= bytes.count else { throw Damaged(reason: "FAT sector beyond the end") }
            fat += (0..<(sectorSize / 4)).map { CompoundFile.u32(bytes, off + 4 * $0) }
        }

        // Directory.
        let dir = try chain(start: CompoundFile.u32(bytes, 0x30), fat: fat, sector: sectorSize, data: bytes, headerOffset: true)
        var rootStart: UInt32 = CompoundFile.endOfChain
        var rootSize = 0
        var i = 0
        while i + 128 <= dir.count {
            let nameLen = Int(CompoundFile.u16(dir, i + 0x40))
            let type = dir[i + 0x42]
            if nameLen >= 2 && nameLen <= 64 && (type == 2 || type == 5) {
                let units = (0..<(nameLen / 2 - 1)).map { UInt16(dir[i + 2 * $0]) | UInt16(dir[i + 2 * $0 + 1]) << 8 }
                let name = String(decoding: units, as: UTF16.self)
                let start = CompoundFile.u32(dir, i + 0x74)
                let size = Int(CompoundFile.u32(dir, i + 0x78))
                if type == 5 { rootStart = start; rootSize = size } else { streams[name] = (start, size) }
            }
            i += 128
        }
        let mf = try chain(start: CompoundFile.u32(bytes, 0x3C), fat: fat, sector: sectorSize, data: bytes, headerOffset: true)
        miniFat = (0..<(mf.count / 4)).map { CompoundFile.u32(mf, 4 * $0) }
        if rootStart < 0xFFFF_FFFA {
            miniStream = Array(try chain(start: rootStart, fat: fat, sector: sectorSize, data: bytes, headerOffset: true).prefix(rootSize))
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

    /// The bytes of a named stream (any case), nil when absent.
    func stream(_ name: String) throws -> [UInt8]? {
        guard let s = streamEntry(name) else { return nil }
        if s.size < miniCutoff {
            return Array(try chain(start: s.start, fat: miniFat, sector: miniSectorSize, data: miniStream, headerOffset: false).prefix(s.size))
        }
        return Array(try chain(start: s.start, fat: fat, sector: sectorSize, data: bytes, headerOffset: true).prefix(s.size))
    }

    private func chain(start: UInt32, fat: [UInt32], sector: Int, data: [UInt8], headerOffset: Bool) throws -> [UInt8] {
        var out: [UInt8] = []
        var s = start
        var steps = 0
        while s < 0xFFFF_FFFA {
            steps += 1
            guard steps <= fat.count + 1 else { throw Damaged(reason: "cyclic sector chain") }
            let off = (Int(s) + (headerOffset ? 1 : 0)) * sector
            guard off >= 0, off + sector <= data.count || (off < data.count && headerOffset) else { throw Damaged(reason: "sector beyond the end") }
            out.append(contentsOf: data[off..<min(off + sector, data.count)])
            guard Int(s) < fat.count else { throw Damaged(reason: "sector outside the FAT") }
            s = fat[Int(s)]
        }
        return out
    }

    static func u16(_ b: [UInt8], _ o: Int) -> UInt16 { o + 2 <= b.count ? UInt16(b[o]) | UInt16(b[o + 1]) << 8 : 0 }
    static func u32(_ b: [UInt8], _ o: Int) -> UInt32 {
        o + 4 <= b.count ? UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24 : 0
    }
}

/// What fulian reads from the BIFF records of an .xls workbook stream itself.
struct BIFFSheetFacts {
    /// One sheet's tab entry.
    struct Sheet { var name: String; var visibility: SheetVisibility; var isWorksheet: Bool; var merges: [CellRange] }
    /// Sheets in tab order.
    var sheets: [Sheet] = []
    /// A `FILEPASS` record: the workbook is encrypted with a password.
    var encrypted = false

    /// Walks the globals substream (BOUNDSHEET, FILEPASS) and each sheet substream (MERGEDCELLS).
    init(stream s: [UInt8]) {
        var bounds: [(offset: Int, sheet: Sheet)] = []
        var i = 0
        var first = true
        while i + 4 <= s.count {
            let type = CompoundFile.u16(s, i), len = Int(CompoundFile.u16(s, i + 2))
            let body = i + 4
            guard body + len <= s.count else { break }
            if type == 0x000A && !first { break }   // EOF of the globals substream
            first = false
            if type == 0x002F { encrypted = true }
            if type == 0x0085, len >= 8 {
                let offset = Int(CompoundFile.u32(s, body))
                let vis: SheetVisibility = s[body + 4] & 3 == 1 ? .hidden : s[body + 4] & 3 == 2 ? .veryHidden : .visible
                let kind = s[body + 5]
                let cch = Int(s[body + 6])
                var name = ""
                if len >= 8 + cch {
                    let flags = s[body + 7]
                    if flags & 1 == 1, body + 8 + 2 * cch <= body + len {
                        let units = (0..<cch).map { UInt16(s[body + 8 + 2 * $0]) | UInt16(s[body + 9 + 2 * $0]) << 8 }
                        name = String(decoding: units, as: UTF16.self)
                    } else {
                        // "Compressed" BIFF8 strings hold the low bytes of UTF-16 code units (Latin-1).
                        name = String(s[(body + 8)..<min(body + 8 + cch, body + len)].map { Character(Unicode.Scalar($0)) })
                    }
                }
                bounds.append((offset, Sheet(name: name, visibility: vis, isWorksheet: kind == 0, merges: [])))
            }
            i = body + len
        }
        guard !encrypted else { sheets = bounds.map(\.sheet); return }
        for (offset, var sheet) in bounds {
            var j = offset
            var depth = 0
            var steps = 0
            while j + 4 <= s.count, steps < 10_000_000 {
                steps += 1
                let type = CompoundFile.u16(s, j), len = Int(CompoundFile.u16(s, j + 2))
                let body = j + 4
                guard body + len <= s.count else { break }
                if type == 0x0809 { depth += 1 }
                if type == 0x000A { depth -= 1; if depth <= 0 { break } }
                if type == 0x00E5, len >= 2, depth == 1 {
                    let count = Int(CompoundFile.u16(s, body))
                    for k in 0..<count where 2 + 8 * k + 8 <= len {
                        let o = body + 2 + 8 * k
                        sheet.merges.append(CellRange(firstRow: Int(CompoundFile.u16(s, o)) + 1, firstColumn: Int(CompoundFile.u16(s, o + 4)) + 1,
                                                      lastRow: Int(CompoundFile.u16(s, o + 2)) + 1, lastColumn: Int(CompoundFile.u16(s, o + 6)) + 1))
                    }
                }
                j = body + len
            }
            sheets.append(sheet)
        }
    }
}
