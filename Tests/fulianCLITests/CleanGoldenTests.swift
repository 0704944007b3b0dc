import Foundation
import FulianSheets
import Testing
import TestSupport

/// `fulian clean aid` over the demo district's aid files (one of them twice, so every duplicate path runs)
/// and a file with problems, against references recorded before the clean's speed work (issue #17): the
/// clean CSV and the issue list byte for byte, the printed summary, and every cell of every sheet of the
/// workbook. Re-record with `FULIAN_RECORD_GOLDEN=1` (the run then fails, so nothing is accepted silently).
@Suite(.serialized)
struct CleanGoldenTests {
    static let inputs = ["demo/aid/困境儿童关爱_2024上半年.xlsx", "demo/aid/春蕾计划_2024上半年.xlsx", "demo/aid/贫困母亲救助_2024Q1.xls",
                         "demo/aid/贫困母亲救助_2024Q2.csv", "import/aid-q1.csv", "demo/aid/贫困母亲救助_2024Q2.csv"]
        .map { FixturePaths.fixture($0).path }
    static let register = FixturePaths.fixture("demo/orgs/青溪区妇联组织建设情况登记表.xlsx").path
    static let golden = FixturePaths.fixture("golden/clean")
    static var recording: Bool { ProcessInfo.processInfo.environment["FULIAN_RECORD_GOLDEN"] == "1" }

    /// Compares `data` with the reference `name`, or records it (and fails) when recording.
    static func expectGolden(_ data: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = golden.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try data.write(to: url)
            Issue.record("recorded \(url.path); review it, then rerun without FULIAN_RECORD_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(data == expected, "\(name) differs from its reference", sourceLocation: sourceLocation)
    }

    /// Every cell of every sheet, one line a row, cells by tabs (as the reader reads them back).
    static func cells(of path: String) throws -> Data {
        let reader = try openSpreadsheet(at: path)
        var text = ""
        for sheet in reader.sheets {
            text += "## \(sheet.name)\n"
            for row in try reader.rows(in: sheet) {
                text += "\(row.number)\t" + row.cells.map(\.displayText).joined(separator: "\t") + "\n"
            }
        }
        return Data(text.utf8)
    }

    @Test(arguments: ["zh", "en"])
    func theCleanCSVAndIssueListAreAsBefore(language: String) throws {
        let dir = try CLIRunner.workspace()
        let out = try CLIRunner.run(["clean", "aid"] + Self.inputs + ["--orgs", Self.register, "--format", "csv", "-o", "clean.csv"],
                                    in: dir, environment: ["FULIAN_LANG": language])
        #expect(out.status == 0, "\(out.stderr)")
        try Self.expectGolden(Data(out.stdout.utf8), "csv-stdout-\(language).txt")
        try Self.expectGolden(Data(contentsOf: dir.appendingPathComponent("clean.csv")), "clean-\(language).csv")
        try Self.expectGolden(Data(contentsOf: dir.appendingPathComponent("clean-issues.csv")), "clean-issues-\(language).csv")
    }

    @Test func theCleanWorkbookIsAsBefore() throws {
        let dir = try CLIRunner.workspace()
        let out = try CLIRunner.run(["clean", "aid"] + Self.inputs + ["--orgs", Self.register, "--mask", "-o", "clean.xlsx"],
                                    in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(out.status == 0, "\(out.stderr)")
        try Self.expectGolden(Data(out.stdout.utf8), "xlsx-stdout.txt")
        try Self.expectGolden(Self.cells(of: dir.appendingPathComponent("clean.xlsx").path), "clean-workbook.txt")
    }
}
