// Shared by every fuzz target (bench/fuzz builds each as FuzzSupport.swift + one <Reader>Fuzzer.swift).
import Foundation
import FulianCore
import FulianSheets
import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// Where each input is written: readers take paths. One file per process, rewritten for every input.
let fuzzInputDirectory: String = {
    let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return dir + "/fulian-fuzz-\(getpid())"
}()

/// Writes `bytes` to `name` in the per-process directory and returns the path.
func writeInput(_ bytes: UnsafeRawBufferPointer, name: String) -> String {
    let path = fuzzInputDirectory + "/" + name
    if !FileManager.default.fileExists(atPath: fuzzInputDirectory) {
        try? FileManager.default.createDirectory(atPath: fuzzInputDirectory, withIntermediateDirectories: true)
    }
    guard let f = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    if bytes.count > 0 { _ = fwrite(bytes.baseAddress, 1, bytes.count, f) }
    fclose(f)
    return path
}

/// Reads everything a user could ask of a reader: every sheet's rows (each cell rendered), its merged
/// ranges and the warnings. A ``SheetError`` is the expected outcome for most inputs; only a crash, a
/// hang or runaway memory is a finding.
func exercise(_ open: () throws -> any SpreadsheetReader) {
    do {
        let reader = try open()
        _ = reader.format
        _ = reader.dateSystem
        for sheet in reader.sheets {
            _ = try? reader.mergedRanges(in: sheet)
            var cells = 0
            try? reader.forEachRow(in: sheet) { row in
                for c in row.cells { cells &+= c.displayText.utf8.count &+ (c.isBlank ? 1 : 0) }
                return true
            }
            _ = try? reader.rows(in: sheet, limit: 3)
            if cells < 0 { print(cells) }
        }
        _ = reader.warnings.map(\.description)
        _ = try? reader.sheet(named: "Sheet1")
    } catch let e as SheetError {
        // Every refusal must describe itself and name the file.
        precondition(!e.description.isEmpty)
    } catch {
        // Other errors are allowed (I/O), but never crashes.
    }
}

/// A stored (uncompressed) zip of `parts`, with correct CRCs, so mutations reach the XML and not just the
/// deflate stream.
func storedZip(_ parts: [(String, [UInt8])]) -> [UInt8] {
    var body: [UInt8] = [], central: [UInt8] = []
    func u16(_ v: Int, _ out: inout [UInt8]) { out += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    func u32(_ v: UInt32, _ out: inout [UInt8]) { u16(Int(v & 0xFFFF), &out); u16(Int(v >> 16), &out) }
    for (name, data) in parts {
        let n = Array(name.utf8)
        let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        let offset = UInt32(body.count)
        u32(0x0403_4B50, &body); u16(20, &body); u16(0x0800, &body); u16(0, &body); u16(0, &body); u16(0x21, &body)
        u32(crc, &body); u32(UInt32(data.count), &body); u32(UInt32(data.count), &body); u16(n.count, &body); u16(0, &body)
        body += n + data
        u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0x0800, &central); u16(0, &central)
        u16(0, &central); u16(0x21, &central); u32(crc, &central); u32(UInt32(data.count), &central)
        u32(UInt32(data.count), &central); u16(n.count, &central); u16(0, &central); u16(0, &central); u16(0, &central)
        u16(0, &central); u32(0, &central); u32(offset, &central)
        central += n
    }
    var eocd: [UInt8] = []
    u32(0x0605_4B50, &eocd); u16(0, &eocd); u16(0, &eocd); u16(parts.count, &eocd); u16(parts.count, &eocd)
    u32(UInt32(central.count), &eocd); u32(UInt32(body.count), &eocd); u16(0, &eocd)
    return body + central + eocd
}

/// Splits a part list: `name NUL content NUL name NUL content …` (the format of the structured seeds).
func partList(_ bytes: UnsafeRawBufferPointer) -> [(String, [UInt8])] {
    let fields = Array(bytes).split(separator: 0, omittingEmptySubsequences: false)
    var parts: [(String, [UInt8])] = []
    var i = 0
    while i + 1 < fields.count {
        parts.append((String(decoding: fields[i], as: UTF8.self), Array(fields[i + 1])))
        i += 2
    }
    return parts
}
