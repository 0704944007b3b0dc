// libFuzzer target for XLSReader. An input starting with the OLE2 signature is the .xls file itself (the
// compound-file code is fuzzed); any other input is a BIFF workbook stream, wrapped in a valid compound
// file, so that the mutations reach the BIFF records (SST and CONTINUE, FORMULA, RK, XF, BOUNDSHEET …).
import FulianSheets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLS(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    let path: String
    if size >= 8, Array(bytes.prefix(8)) == magic {
        path = writeInput(bytes, name: "input.xls")
    } else {
        let file = compoundFile(stream: "Workbook", Array(bytes))
        path = file.withUnsafeBytes { writeInput($0, name: "input.xls") }
    }
    exercise { try XLSReader(path: path) }
    return 0
}

/// A version-3 compound file (512-byte sectors) holding one stream at the root, padded to 4096 bytes so it
/// lives in regular sectors (no mini stream); at most 126 sectors (the one FAT sector's reach).
func compoundFile(stream name: String, _ content: [UInt8]) -> [UInt8] {
    let free: UInt32 = 0xFFFF_FFFF, end: UInt32 = 0xFFFF_FFFE, fatSect: UInt32 = 0xFFFF_FFFD
    var data = Array(content.prefix(126 * 512))
    if data.count < 4096 { data += [UInt8](repeating: 0, count: 4096 - data.count) }
    let count = (data.count + 511) / 512
    var fat: [UInt32] = [fatSect, end]
    for k in 0..<count { fat.append(k < count - 1 ? UInt32(2 + k + 1) : end) }
    fat += [UInt32](repeating: free, count: 128 - fat.count)
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
    func entry(_ name: String, kind: UInt8, start: UInt32, size: Int, child: UInt32) -> [UInt8] {
        var n = Array((name + "\0").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let length = n.count
        n += [UInt8](repeating: 0, count: 64 - n.count)
        return n + le16(length) + [kind, 1] + le32(free) + le32(free) + le32(child) + [UInt8](repeating: 0, count: 36)
            + le32(start) + le32(UInt32(size)) + le32(0)
    }
    var directory = entry("Root Entry", kind: 5, start: end, size: 0, child: 1) + entry(name, kind: 2, start: 2, size: data.count, child: free)
    directory += [UInt8](repeating: 0, count: 512 - directory.count)
    var header: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 16)
    header += le16(0x3E) + le16(3) + le16(0xFFFE) + le16(9) + le16(6) + [UInt8](repeating: 0, count: 6)
    for v: UInt32 in [0, 1, 1, 0, 4096, end, 0, end, 0, 0] { header += le32(v) }
    for _ in 0..<108 { header += le32(free) }
    var out = header + fat.flatMap(le32) + directory + data
    out += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    return out
}
