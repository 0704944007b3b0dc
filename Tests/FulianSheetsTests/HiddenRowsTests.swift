import Foundation
import FulianSheets
import Testing
import TestSupport

/// Rows hidden in the workbook (`fixtures/sheets/hidden-rows/`: rows 5 and 7 of one 春蕾计划 list) are read
/// as the others, marked hidden, in each format and spelling a hidden row comes in (`hidden="1"`, LibreOffice's
/// `hidden="true"` beside `hidden="false"`, BIFF's zero-height flag, `display:none` and `<tr hidden>`); openpyxl
/// and xlrd find the same rows.
@Suite struct HiddenRowsTests {
    static let files = ["春蕾计划发放表-隐藏行.xlsx", "春蕾计划发放表-隐藏行.xls", "春蕾计划发放表-隐藏行-libreoffice.xlsx",
                        "春蕾计划发放表-隐藏行.html"]
    static func path(_ name: String) -> String { Fixture.sheets("hidden-rows/" + name) }

    @Test(arguments: files)
    func hiddenRowsAreReadAndMarked(file: String) throws {
        let reader = try openSpreadsheet(at: Self.path(file))
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows.map(\.number) == Array(1...9))
        #expect(rows.filter(\.hidden).map(\.number) == [5, 7])
        #expect(rows[4].cells.prefix(3).map(\.displayText) == ["3", "张玉梅", "桥头社区"])
        #expect(rows[6][4].displayText == "999.99")
    }

    /// openpyxl (row_dimensions) and xlrd (rowinfo_map, formatting_info) name the same hidden rows.
    @Test(.enabled(if: XLSDifferentialTests.enabled, "needs python3 with xlrd (required under CI=true)"))
    func theEstablishedReadersFindTheSameRows() throws {
        let script = """
            import sys, openpyxl, xlrd
            for path in (sys.argv[1], sys.argv[3]):
                ws = openpyxl.load_workbook(path).worksheets[0]
                print(sorted(r for r, d in ws.row_dimensions.items() if d.hidden))
            sh = xlrd.open_workbook(sys.argv[2], formatting_info=True).sheet_by_index(0)
            print(sorted(r + 1 for r, info in sh.rowinfo_map.items() if info.hidden))
            """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-hidden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try script.write(to: dir.appendingPathComponent("hidden.py"), atomically: true, encoding: .utf8)
        let out = try CLIRunner.shell("python3 hidden.py " + Self.files.prefix(3).map { "'\(Self.path($0))'" }.joined(separator: " "), in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "[5, 7]\n[5, 7]\n[5, 7]\n")
    }
}
