// libFuzzer target for XLSXReader. An input starting with `PK` is the zip itself (the container code is
// fuzzed); any other input is a part list, `name NUL content NUL …`, stored in a valid zip so that the
// mutations reach the XML scanner, styles, shared strings and sheets.
import FulianSheets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let path: String
    if size >= 2, bytes[0] == 0x50, bytes[1] == 0x4B {
        path = writeInput(bytes, name: "input.xlsx")
    } else {
        let zip = storedZip(partList(bytes))
        path = zip.withUnsafeBytes { writeInput($0, name: "input.xlsx") }
    }
    var limits = ReadLimits()
    limits.maxEntryBytes = 16 << 20     // keep each run fast and small; the default is 2 GiB
    exercise { try XLSXReader(path: path, options: ReadOptions(limits: limits)) }
    return 0
}
