import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

/// Every .xls fixture (`fixtures/xls`, `fixtures/sheets`, `fixtures/demo`) read by fulian, by xlrd and by
/// python-calamine must give the same sheets, merged ranges and cells (`fixtures/xls/dump_cells.py`
/// dumps the two Python readers in one run).
///
/// Where a reference reader is deliberately not followed, ``knownDifference(_:_:engine:)`` names the
/// reason; every other difference fails. Without python3, xlrd or python-calamine the test is skipped
/// with the reason, except under `CI=true`, where it fails (CI installs them: `.ci/run`).
struct XLSDifferentialTests {
    /// The .xls fixtures compared (refusals and damaged files are tested in `XLSReaderTests`).
    static var files: [String] {
        var out: [String] = []
        let fm = FileManager.default
        for dir in ["xls", "sheets", "demo"] {
            let root = FixturePaths.fixture(dir)
            guard let e = fm.enumerator(atPath: root.path) else { continue }
            for case let f as String in e where f.hasSuffix(".xls") {
                let name = (f as NSString).lastPathComponent
                if name.hasPrefix("refuse-") || name.hasPrefix("damaged-") { continue }
                // Web pages named .xls (HTMLTableReader) are compared with LibreOffice in HTMLTableReaderTests.
                if f.hasPrefix("html/") { continue }
                out.append("\(dir)/\(f)")
            }
        }
        return out.sorted()
    }

    /// Files a reference reader cannot read at all, with why (the other reader is still compared).
    static let referenceFailures: [String: (engine: String, reason: String)] = [
        // xlrd's STRING reader counts decoded characters against BIFF5's byte count, so a double-byte
        // formula result makes it look for a CONTINUE record that is not there.
        "xls/handmade-biff5-cp936.xls": ("xlrd", "Expected CONTINUE record"),
    ]

    /// Files whose text a reference reader decodes wrongly (its numbers, dates and layout still compared).
    static let referenceTextFailures: [String: String] = [
        // python-calamine reads BIFF5 byte strings of a double-byte code page (CP936) as garbage.
        "xls/handmade-biff5-cp936.xls": "calamine",
        // … and BIFF5 without a CODEPAGE record as Latin-1, not CP1252 (Excel's default): € and – are lost.
        "xls/handmade-biff5-cp1252.xls": "calamine",
    ]

    static let python: (ok: Bool, reason: String) = {
        let check = try? CLIRunner.shell("python3 -c 'import xlrd, python_calamine'", in: FileManager.default.temporaryDirectory)
        if check?.status == 0 { return (true, "") }
        return (false, "python3 with xlrd and python-calamine is not available (python3 -m pip install xlrd python-calamine): "
                + (check?.stderr.split(separator: "\n").last.map(String.init) ?? "no python3"))
    }()

    static var enabled: Bool {
        if python.ok || ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        print("XLSDifferentialTests skipped: \(python.reason)")
        return false
    }

    @Test(.enabled(if: XLSDifferentialTests.enabled, "needs python3 with xlrd and python-calamine (required under CI=true)"))
    func fulianReadsEveryFixtureAsXlrdAndCalamineDo() throws {
        guard XLSDifferentialTests.python.ok else {
            Issue.record("CI=true but \(XLSDifferentialTests.python.reason)")
            return
        }
        let files = XLSDifferentialTests.files
        #expect(files.count >= 15, "\(files)")
        let script = FixturePaths.fixture("xls/dump_cells.py").path
        let quoted = files.map { "'" + FixturePaths.fixture($0).path + "'" }.joined(separator: " ")
        let out = try CLIRunner.shell("python3 '\(script)' \(quoted)", in: FixturePaths.fixtures)
        #expect(out.status == 0, "\(out.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let dumps = try #require(doc["files"] as? [String: [String: Any]])
        var compared = 0, documented: [String: Int] = [:]
        for file in files {
            let path = FixturePaths.fixture(file).path
            let mine = try XLSDifferentialTests.dump(path)
            for engine in ["xlrd", "calamine"] {
                let ref = try #require(dumps[path]?[engine] as? [String: Any], "\(file) \(engine)")
                if let error = ref["error"] as? String {
                    let known = XLSDifferentialTests.referenceFailures[file]
                    #expect(known?.engine == engine && error.contains(known?.reason ?? "\u{0}"), "\(engine) cannot read \(file): \(error)")
                    continue
                }
                let textBroken = XLSDifferentialTests.referenceTextFailures[file] == engine
                compare(mine, ref, file: file, engine: engine, textBroken: textBroken, documented: &documented)
                compared += 1
            }
        }
        #expect(compared >= 2 * files.count - XLSDifferentialTests.referenceFailures.count)
        print("XLSDifferentialTests: \(files.count) files, \(compared) comparisons; documented differences: "
              + documented.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: "; "))
    }

    /// A sheet as the dump script writes it.
    struct Sheet {
        var name: String, visibility: String, merged: [String], rows: [(Int, [[Any]?])]
    }

    /// fulian's reading of a file in the dump script's shape.
    static func dump(_ path: String) throws -> [Sheet] {
        let r = try XLSReader(path: path)
        return try r.sheets.map { s in
            let rows = try r.rows(in: s).map { row -> (Int, [[Any]?]) in (row.number, row.trimmed.map(json)) }
            let vis = s.visibility == .visible ? "visible" : s.visibility == .hidden ? "hidden" : "veryHidden"
            return Sheet(name: s.name, visibility: vis, merged: try r.mergedRanges(in: s).map(\.description).sorted(), rows: rows)
        }
    }

    static func json(_ c: Cell) -> [Any]? {
        switch c {
        case .empty: return nil
        case .text(let s): return ["s", s]
        case .number(let d): return ["n", d]
        case .bool(let b): return ["b", b]
        case .error(let e): return ["e", e]
        case .date(let d): return ["d", d.iso]
        case .dateTime(let t): return ["dt", t.iso]
        case .time(let s): return ["t", s]
        case .duration(let s): return ["dur", s]
        }
    }

    func compare(_ mine: [Sheet], _ ref: [String: Any], file: String, engine: String, textBroken: Bool, documented: inout [String: Int]) {
        let sheets = ref["sheets"] as? [[String: Any]] ?? []
        let where_ = "\(file) vs \(engine)"
        if !textBroken { #expect(mine.map(\.name) == sheets.map { $0["name"] as? String ?? "" }, "\(where_): sheet names") }
        #expect(mine.count == sheets.count, "\(where_): sheet count")
        for (m, s) in zip(mine, sheets) {
            #expect(m.visibility == s["visibility"] as? String, "\(where_) \(m.name): visibility")
            if engine == "xlrd" || !(s["merged"] as? [String] ?? []).isEmpty {
                #expect(m.merged == s["merged"] as? [String], "\(where_) \(m.name): merged ranges")
            }
            let theirs = (s["rows"] as? [[Any]] ?? []).map { ($0[0] as! Int, ($0[1] as! [Any]).map { $0 as? [Any] }) }
            var mineByRow: [Int: [[Any]?]] = [:], theirsByRow: [Int: [[Any]?]] = [:]
            for (n, c) in m.rows { mineByRow[n] = c }
            for (n, c) in theirs { theirsByRow[n] = c }
            for n in Set(mineByRow.keys).union(theirsByRow.keys).sorted() {
                let a = mineByRow[n] ?? [], b = theirsByRow[n] ?? []
                for k in 0..<max(a.count, b.count) {
                    let x = k < a.count ? a[k] : nil, y = k < b.count ? b[k] : nil
                    if XLSDifferentialTests.same(x, y) { continue }
                    if textBroken, (x?.first as? String) == "s" || (y?.first as? String) == "s" { documented["\(engine) text decoding", default: 0] += 1; continue }
                    if let why = XLSDifferentialTests.knownDifference(x, y, engine: engine) { documented[why, default: 0] += 1; continue }
                    // xlwt saves formulas without a result: the peers read them empty, fulian computes them
                    // (what LibreOffice computes is compared in FormulaFixtureTests).
                    if ["xlwt-formulas.xls", "xlwt-cross-sheet.xls", "xlwt-long-chain.xls"].contains(where: file.hasSuffix), x != nil, y == nil || (y?.first as? String == "s" && y?.last as? String == "") {
                        documented["formulas xlwt saved without a result, computed by fulian", default: 0] += 1
                        continue
                    }
                    Issue.record("\(where_) \(m.name)!\(ColumnName.letters(k + 1))\(n): fulian \(String(describing: x)), \(engine) \(String(describing: y))")
                }
            }
        }
    }

    static func same(_ a: [Any]?, _ b: [Any]?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        guard let ta = a[0] as? String, let tb = b[0] as? String, ta == tb else { return false }
        switch ta {
        case "n": return (a[1] as? Double) == (b[1] as? Double) || (a[1] as? NSNumber)?.doubleValue == (b[1] as? NSNumber)?.doubleValue
        case "t", "dur":
            guard let x = (a[1] as? NSNumber)?.doubleValue, let y = (b[1] as? NSNumber)?.doubleValue else { return false }
            return abs(x - y) < 0.001
        case "b": return (a[1] as? Bool) == (b[1] as? Bool)
        default: return (a[1] as? String) == (b[1] as? String)
        }
    }

    /// Why fulian deliberately reads a cell differently from a reference reader, or nil.
    static func knownDifference(_ mine: [Any]?, _ theirs: [Any]?, engine: String) -> String? {
        let m = mine?.first as? String, t = theirs?.first as? String
        let mv = (mine?.last as? NSNumber)?.doubleValue
        guard engine == "calamine" else { return nil }
        // python-calamine gives error cells as empty strings.
        if m == "e", theirs == nil { return "calamine: error cells come back empty" }
        // The phantom 1900-02-29 (serial 60) stays a number, as in the XLSX reader; calamine says 1900-02-28.
        if m == "n", mv == 60, t == "d", theirs?.last as? String == "1900-02-28" { return "serial 60 of 1900 stays a number" }
        // A negative serial in a date format stays a number; calamine makes it a time of day.
        if m == "n", let v = mv, v < 0, t == "t" { return "negative serial in a date format stays a number" }
        // A serial below 1 in a date-only format has no date (1900) or is 1904-01-01: NumberFormatKind;
        // calamine makes every serial below 1 a time.
        if m == "n", let v = mv, v >= 0, v < 1, t == "t" { return "serial below 1 in a date format (no day 0 in 1900)" }
        if m == "d" || m == "dt", (mine?.last as? String)?.hasPrefix("1904-01-01") == true, t == "t" {
            return "serial below 1 of 1904 in a date format is on 1904-01-01"
        }
        // python-calamine does not join a formula's STRING record with its CONTINUE records.
        if m == "s", t == "s", let a = mine?.last as? String, let b = theirs?.last as? String, a.count > b.count, a.hasPrefix(b) {
            return "calamine: long formula strings cut at the first record"
        }
        return nil
    }
}
