import FulianCore

/// Why a workbook stream cannot be read (turned into a ``SheetError`` by ``XLSReader``).
enum BIFFFailure: Error, Equatable {
    /// A record is damaged: where (offset in the workbook stream), in which sheet, and what is wrong.
    case damaged(offset: Int, sheet: String?, reason: SheetsMessage)
    /// A BIFF2, BIFF3 or BIFF4 file (Excel 4.0 or older).
    case tooOld
    /// A `FILEPASS` record: encrypted with a password.
    case encrypted
    /// The stream does not start with a BOF record.
    case notBIFF
}

/// The BIFF record types fulian reads.
enum BIFFRecord {
    static let bof: UInt16 = 0x0809, eof: UInt16 = 0x000A, `continue`: UInt16 = 0x003C
    static let bof2: UInt16 = 0x0009, bof3: UInt16 = 0x0209, bof4: UInt16 = 0x0409
    static let filepass: UInt16 = 0x002F, codepage: UInt16 = 0x0042, datemode: UInt16 = 0x0022
    static let format: UInt16 = 0x041E, xf: UInt16 = 0x00E0, sst: UInt16 = 0x00FC, boundsheet: UInt16 = 0x0085
    static let dimensions: UInt16 = 0x0200, mergedCells: UInt16 = 0x00E5
    static let labelSST: UInt16 = 0x00FD, label: UInt16 = 0x0204, rstring: UInt16 = 0x00D6, number: UInt16 = 0x0203
    static let rk: UInt16 = 0x027E, mulRK: UInt16 = 0x00BD, boolErr: UInt16 = 0x0205
    static let blank: UInt16 = 0x0201, mulBlank: UInt16 = 0x00BE, formula: UInt16 = 0x0006, string: UInt16 = 0x0207, row: UInt16 = 0x0208
    static let supbook: UInt16 = 0x01AE, externsheet: UInt16 = 0x0017

    /// The text Excel shows for a `BOOLERR` / `FORMULA` error code.
    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: return "#NULL!"
        case 0x07: return "#DIV/0!"
        case 0x0F: return "#VALUE!"
        case 0x17: return "#REF!"
        case 0x1D: return "#NAME?"
        case 0x24: return "#NUM!"
        case 0x2A: return "#N/A"
        case 0x2B: return "#GETTING_DATA"
        default: return "#ERR\(code)!"
        }
    }

    /// The value of an RK number: a 30-bit integer or the top 30 bits of a double, optionally divided by 100.
    @inline(__always)
    static func rkValue(_ rk: UInt32) -> Double {
        let d = rk & 2 != 0 ? Double(Int32(bitPattern: rk) >> 2) : Double(bitPattern: UInt64(rk & 0xFFFF_FFFC) << 32)
        return rk & 1 != 0 ? d / 100 : d
    }
}

/// Little-endian reads from a workbook stream (callers have checked the bounds).
extension UnsafeRawBufferPointer {
    @inline(__always) func u16(_ o: Int) -> UInt16 { loadUnaligned(fromByteOffset: o, as: UInt16.self).littleEndian }
    @inline(__always) func u32(_ o: Int) -> UInt32 { loadUnaligned(fromByteOffset: o, as: UInt32.self).littleEndian }
    @inline(__always) func f64(_ o: Int) -> Double { Double(bitPattern: loadUnaligned(fromByteOffset: o, as: UInt64.self).littleEndian) }
}

/// The workbook globals of a BIFF5 or BIFF8 stream: version, code page, date system, number formats,
/// cell formats (XF), shared strings and the sheet list.
///
/// Nothing is allocated by a count the file declares: shared strings are read until the table's bytes
/// run out, formats and XFs are as many as there are records.
struct BIFFWorkbook {
    /// BIFF5 (Excel 5.0/95) or BIFF8 (Excel 97–2003).
    enum Version { case biff5, biff8 }

    /// A `BOUNDSHEET` entry.
    struct Sheet {
        /// The tab name.
        var name: String
        /// Offset of the sheet's BOF record in the workbook stream.
        var offset: Int
        /// Shown, hidden or very hidden.
        var visibility: SheetVisibility
        /// 0 worksheet (or dialog sheet), 1 Excel 4.0 macro sheet, 2 chart, 6 VBA module.
        var type: UInt8
        /// Whether it holds cells (only worksheets do).
        var isWorksheet: Bool { type == 0 }
    }

    var version: Version = .biff8
    /// The `CODEPAGE` record's value (1252 for a BIFF5 stream without one).
    var codepage = 1252
    var dateSystem: ExcelDateSystem = .system1900
    /// The number-format kind of each XF record, by XF index.
    var xfKinds: [NumberFormatKind] = []
    /// The shared-string table (`SST`).
    var sharedStrings: [String] = []
    /// All sheets in tab order, worksheets or not.
    var sheets: [Sheet] = []
    /// The BIFF5 code-page decoder (nil for BIFF8, whose strings are Unicode).
    var decoder: BIFFCodepage?
    /// BIFF8's `EXTERNSHEET` entries, which 3-D references (`发放标准!B2`) name by index: the sheet (its
    /// index in ``sheets``) each stands for, nil for another workbook, several sheets or the workbook.
    var externSheets: [Int?] = []

    /// Reads the globals substream at the start of `stream`.
    init(stream s: UnsafeRawBufferPointer) throws(BIFFFailure) {
        guard s.count >= 8 else { throw .notBIFF }
        let firstType = s.u16(0), firstLength = Int(s.u16(2))
        if firstType == BIFFRecord.bof2 || firstType == BIFFRecord.bof3 || firstType == BIFFRecord.bof4 { throw .tooOld }
        guard firstType == BIFFRecord.bof, firstLength >= 4, 4 + firstLength <= s.count else { throw .notBIFF }
        switch s.u16(4) {
        case 0x0600: version = .biff8
        case 0x0500: version = .biff5
        case 0x0200, 0x0300, 0x0400: throw .tooOld
        default: version = firstLength >= 16 ? .biff8 : .biff5
        }
        if version == .biff5 { codepage = 1252 }

        var formats: [Int: (start: Int, count: Int, wide: Bool)] = [:]   // BIFF5 codes decoded once the code page is known
        var formatCodes: [Int: String] = [:]
        var xfFormats: [Int] = []
        var names: [(start: Int, count: Int, wide: Bool)] = []
        var supbookInternal: [Bool] = []      // each SUPBOOK: this workbook's own (ctab, 0x0401) or not
        var xti: [(book: Int, first: Int, last: Int)] = []
        var i = 4 + firstLength
        while i + 4 <= s.count {
            let type = s.u16(i), length = Int(s.u16(i + 2))
            let body = i + 4
            guard body + length <= s.count else {
                throw .damaged(offset: i, sheet: nil, reason: .recordPastEnd(type: BIFFWorkbook.hex(type), truncated: false))
            }
            func damaged(_ why: SheetsMessage) -> BIFFFailure { .damaged(offset: i, sheet: nil, reason: why) }
            switch type {
            case BIFFRecord.eof:
                i = s.count
                continue
            case BIFFRecord.filepass:
                throw .encrypted
            case BIFFRecord.codepage where length >= 2:
                codepage = Int(s.u16(body))
            case BIFFRecord.datemode where length >= 2:
                dateSystem = s.u16(body) == 1 ? .system1904 : .system1900
            case BIFFRecord.format:
                guard length >= 3 else { throw damaged(.recordTooShort(record: "FORMAT")) }
                let id = Int(s.u16(body))
                if version == .biff8 {
                    guard length >= 5 else { throw damaged(.recordTooShort(record: "FORMAT")) }
                    var seg = BIFFSegments()
                    seg.bytes = Array(UnsafeRawBufferPointer(rebasing: s[(body + 4)..<(body + length)]))
                    var c = BIFFSegments.Cursor(seg)
                    guard let code = try? c.unicodeString(count: Int(s.u16(body + 2))) else { throw damaged(.formatTruncated) }
                    formatCodes[id] = code
                } else {
                    let n = min(Int(s[body + 2]), length - 3)
                    formats[id] = (body + 3, n, false)
                }
            case BIFFRecord.xf:
                guard length >= 4 else { throw damaged(.recordTooShort(record: "XF")) }
                xfFormats.append(Int(s.u16(body + 2)))
            case BIFFRecord.boundsheet:
                guard length >= 7 else { throw damaged(.recordTooShort(record: "BOUNDSHEET")) }
                let offset = Int(s.u32(body))
                let state = s[body + 4] & 3
                let visibility: SheetVisibility = state == 1 ? .hidden : state == 2 ? .veryHidden : .visible
                let count = Int(s[body + 6])
                if version == .biff8 {
                    guard length >= 8 else { throw damaged(.recordTooShort(record: "BOUNDSHEET")) }
                    let wide = s[body + 7] & 1 != 0
                    guard 8 + count * (wide ? 2 : 1) <= length else { throw damaged(.sheetNamePastRecord) }
                    names.append((body + 8, count, wide))
                } else {
                    guard 7 + count <= length else { throw damaged(.sheetNamePastRecord) }
                    names.append((body + 7, count, false))
                }
                sheets.append(Sheet(name: "", offset: offset, visibility: visibility, type: s[body + 5]))
            case BIFFRecord.supbook where version == .biff8:
                supbookInternal.append(length == 4 && s.u16(body + 2) == 0x0401)
            case BIFFRecord.externsheet where version == .biff8 && length >= 2:
                let n = min(Int(s.u16(body)), (length - 2) / 6)
                for k in 0..<n {
                    let o = body + 2 + 6 * k
                    xti.append((Int(s.u16(o)), Int(s.u16(o + 2)), Int(s.u16(o + 4))))
                }
            case BIFFRecord.sst where version == .biff8:
                var seg = BIFFSegments()
                seg.bytes.reserveCapacity(length)
                seg.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: s[body..<(body + length)]))
                seg.recordOffsets.append(i)
                var j = body + length
                while j + 4 <= s.count, s.u16(j) == BIFFRecord.continue {
                    let n = Int(s.u16(j + 2))
                    guard j + 4 + n <= s.count else {
                        throw .damaged(offset: j, sheet: nil, reason: .continuePastEnd)
                    }
                    seg.boundaries.append(seg.bytes.count)
                    seg.recordOffsets.append(j)
                    seg.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: s[(j + 4)..<(j + 4 + n)]))
                    j += 4 + n
                }
                sharedStrings = try BIFFWorkbook.sharedStrings(seg)
                i = j
                continue
            default:
                break
            }
            i = body + length
        }
        if version == .biff5 { decoder = BIFFCodepage(codepage) }
        for (id, f) in formats { formatCodes[id] = decoder?.decode(s, f.start, f.count) ?? BIFFText.latin1(s, f.start, f.count) }
        for (k, n) in names.enumerated() {
            if n.wide {
                sheets[k].name = BIFFText.utf16(s, n.start, n.count)
            } else {
                sheets[k].name = decoder?.decode(s, n.start, n.count) ?? BIFFText.latin1(s, n.start, n.count)
            }
        }
        externSheets = xti.map { x in
            x.book < supbookInternal.count && supbookInternal[x.book] && x.first == x.last && x.first < sheets.count ? x.first : nil
        }
        var kinds: [Int: NumberFormatKind] = [:]
        for (id, code) in formatCodes { kinds[id] = NumberFormatKind(code: code) }
        xfKinds = xfFormats.map { kinds[$0] ?? NumberFormatKind.builtIn($0) }
    }

    /// The shared strings of an `SST` record and its continuations, read until the bytes run out or
    /// the declared number of unique strings is reached (the count is never used to allocate).
    static func sharedStrings(_ seg: BIFFSegments) throws(BIFFFailure) -> [String] {
        guard seg.bytes.count >= 8 else { return [] }
        var c = BIFFSegments.Cursor(seg, position: 8)
        let unique = seg.bytes.withUnsafeBytes { Int($0.u32(4)) }
        var out: [String] = []
        out.reserveCapacity(min(unique, seg.bytes.count / 3))
        while out.count < unique, c.remaining > 0 {
            do {
                let count = try c.u16()
                out.append(try c.unicodeString(count: count))
            } catch {
                // Which record the damage is in: the last one starting at or before the failure.
                let k = seg.boundaries.lastIndex { $0 <= error.offset }.map { $0 + 1 } ?? 0
                throw .damaged(offset: seg.recordOffsets[min(k, seg.recordOffsets.count - 1)], sheet: nil,
                               reason: .sharedStringCutOff(index: out.count))
            }
        }
        return out
    }

    /// A record type as four hex digits.
    static func hex(_ v: UInt16) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}
