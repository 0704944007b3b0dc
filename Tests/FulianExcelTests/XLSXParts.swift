import Foundation
import Testing
import ZIPFoundation

/// The XML parts of an `.xlsx` file, read by unzipping it: `["xl/worksheets/sheet1.xml": "<?xml …", …]`.
///
/// Tests assert on the parts the way libxlsxwriter's own test suite does: generate a file, unzip it,
/// compare XML. ``normalized(_:)`` removes the fields that change from run to run.
enum XLSXParts {
    /// Every entry of the zip as UTF-8 text, keyed by its path inside the archive.
    static func read(_ url: URL) throws -> [String: String] {
        let archive = try Archive(url: url, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive where entry.type == .file {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            parts[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return parts
    }

    /// The XML with volatile fields replaced by fixed markers.
    ///
    /// - `docProps/core.xml`: `dcterms:created` and `dcterms:modified` (the time of writing unless fixed).
    /// - `docProps/app.xml`: `AppVersion` (differs between libxlsxwriter and Excel versions).
    ///
    /// ```swift
    /// XLSXParts.normalized("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-04-01T00:00:00Z</dcterms:created>")
    /// // "<dcterms:created>NORMALIZED</dcterms:created>"
    /// ```
    static func normalized(_ xml: String) -> String {
        var s = xml
        for tag in ["dcterms:created", "dcterms:modified", "AppVersion"] {
            let pattern = try! Regex("<\(tag)( [^>]*)?>[^<]*</\(tag)>")
            s = s.replacing(pattern, with: "<\(tag)>NORMALIZED</\(tag)>")
        }
        return s
    }

    /// The `<c …>…</c>` element of one cell (`"B5"`) in a sheet's XML, or nil.
    static func cell(_ ref: String, in sheetXML: String) -> String? {
        guard let start = sheetXML.range(of: "<c r=\"\(ref)\"") else { return nil }
        let rest = sheetXML[start.lowerBound...]
        guard let close = rest.firstRange(of: ">") else { return nil }
        if rest[..<close.lowerBound].hasSuffix("/") { return String(rest[...close.lowerBound]) }
        guard let end = rest.range(of: "</c>") else { return nil }
        return String(rest[..<end.upperBound])
    }

    /// The `s="…"` style index of a cell, 0 when absent.
    static func styleIndex(_ ref: String, in sheetXML: String) -> Int? {
        guard let c = cell(ref, in: sheetXML) else { return nil }
        guard let r = c.range(of: " s=\"") else { return 0 }
        return Int(c[r.upperBound...].prefix(while: { $0.isNumber }))
    }

    /// The `<xf …>` elements inside `<cellXfs>` of styles.xml, in index order.
    static func cellXfs(_ stylesXML: String) -> [String] {
        guard let start = stylesXML.range(of: "<cellXfs"), let end = stylesXML.range(of: "</cellXfs>") else { return [] }
        let body = stylesXML[start.upperBound..<end.lowerBound]
        var out: [String] = []
        var rest = body[...]
        while let r = rest.range(of: "<xf ") {
            let tail = rest[r.lowerBound...]
            let firstClose = tail.firstRange(of: ">")!
            let end = tail[..<firstClose.lowerBound].hasSuffix("/") ? firstClose.upperBound : tail.range(of: "</xf>")!.upperBound
            out.append(String(tail[..<end]))
            rest = tail[end...]
        }
        return out
    }

    /// The widths of `<col>` elements keyed by their first column number (1-based, as in the XML).
    static func columnWidths(_ sheetXML: String) -> [Int: Double] {
        var out: [Int: Double] = [:]
        var rest = sheetXML[...]
        while let r = rest.range(of: "<col ") {
            let tail = rest[r.lowerBound...]
            let end = tail.range(of: "/>")!.upperBound
            let element = String(tail[..<end])
            if let min = attribute("min", in: element).flatMap(Int.init),
               let width = attribute("width", in: element).flatMap(Double.init) {
                out[min] = width
            }
            rest = tail[end...]
        }
        return out
    }

    /// The value of `name="…"` in an element.
    static func attribute(_ name: String, in element: String) -> String? {
        guard let r = element.range(of: " \(name)=\"") else { return nil }
        return String(element[r.upperBound...].prefix(while: { $0 != "\"" }))
    }
}

/// Compares a generated workbook with a stored reference, part by part, after ``XLSXParts/normalized(_:)``.
///
/// Record or refresh a reference deliberately:
///
/// ```sh
/// FULIAN_RECORD_GOLDEN=1 swift test --scratch-path .build-excel --filter FulianExcelTests   # writes, and FAILS
/// swift test --scratch-path .build-excel --filter FulianExcelTests                          # must pass
/// ```
///
/// Recording always fails the test, so a changed reference is never accepted silently: review the new
/// file (unzip it, diff the XML) before committing it.
enum GoldenWorkbook {
    /// Whether this run records references instead of comparing.
    static var recording: Bool { ProcessInfo.processInfo.environment["FULIAN_RECORD_GOLDEN"] == "1" }

    /// Human-readable differences between two workbooks; empty when every normalized part is equal.
    static func differences(generated: URL, golden: URL) throws -> [String] {
        let a = try XLSXParts.read(generated)
        let b = try XLSXParts.read(golden)
        var out: [String] = []
        for name in Set(a.keys).subtracting(b.keys).sorted() { out.append("extra part \(name)") }
        for name in Set(b.keys).subtracting(a.keys).sorted() { out.append("missing part \(name)") }
        for name in Set(a.keys).intersection(b.keys).sorted() {
            let x = XLSXParts.normalized(a[name]!), y = XLSXParts.normalized(b[name]!)
            guard x != y else { continue }
            let xs = Array(x), ys = Array(y)
            var i = 0
            while i < min(xs.count, ys.count) && xs[i] == ys[i] { i += 1 }
            let from = max(0, i - 40)
            out.append("""
                part \(name) differs at character \(i):
                  generated: …\(String(xs[from..<min(xs.count, i + 60)]))…
                  golden:    …\(String(ys[from..<min(ys.count, i + 60)]))…
                """)
        }
        return out
    }

    /// Records an issue for each difference, or (with `FULIAN_RECORD_GOLDEN=1`) stores `generated` as the
    /// reference and records an issue saying so.
    static func assertMatches(generated: URL, golden: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fm = FileManager.default
        if recording {
            try fm.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            if fm.fileExists(atPath: golden.path) { try fm.removeItem(at: golden) }
            try fm.copyItem(at: generated, to: golden)
            Issue.record("recorded golden workbook \(golden.path); review it, then rerun without FULIAN_RECORD_GOLDEN",
                         sourceLocation: sourceLocation)
            return
        }
        guard fm.fileExists(atPath: golden.path) else {
            Issue.record("golden workbook \(golden.path) is missing; record it with FULIAN_RECORD_GOLDEN=1",
                         sourceLocation: sourceLocation)
            return
        }
        for d in try differences(generated: generated, golden: golden) {
            Issue.record(Comment(rawValue: d), sourceLocation: sourceLocation)
        }
    }
}

/// A fresh temporary directory, removed when the value is released.
final class ScratchDirectory {
    /// The directory.
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("fulian-excel-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
