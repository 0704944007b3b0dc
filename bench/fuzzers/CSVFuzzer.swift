// libFuzzer target for CSVReader: the input is the file's bytes.
import FulianSheets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let path = writeInput(bytes, name: "input.csv")
    exercise { try CSVReader(path: path) }
    // The same bytes in a forced encoding and delimiter, chosen by the input, to reach every transcoder.
    let encodings = TextEncoding.allCases
    let forced = encodings[size % encodings.count]
    let delimiters: [UInt8?] = [nil, UInt8(ascii: ";"), 9]
    exercise { try CSVReader(path: path, options: ReadOptions(encoding: forced, delimiter: delimiters[size % 3])) }
    return 0
}
