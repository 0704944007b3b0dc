// libFuzzer target for XLSReader: the input is the .xls file's bytes (an OLE2 compound file).
import FulianSheets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLS(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let path = writeInput(bytes, name: "input.xls")
    exercise { try XLSReader(path: path) }
    return 0
}
