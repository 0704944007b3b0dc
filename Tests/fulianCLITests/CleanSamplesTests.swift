import Foundation
import FulianSheets
import Testing
import TestSupport

/// `fulian clean aid` over every aid file of ../shared/samples: row, issue and duplicate counts as the
/// sample README gives them, and the clean CSV re-importing to the README's 2024H1 totals.
@Suite(.serialized, .enabled(if: FixturePaths.hasSamples))
struct CleanSamplesTests {
    static let aidFiles = ["春蕾计划_2024上半年.xlsx", "贫困母亲救助_2024Q1.xls", "贫困母亲救助_2024Q2.csv", "贫困母亲救助_补录.xlsx",
                           "两癌救助_2024上半年.csv", "困境儿童关爱_2024上半年.xlsx"].map { "samples/aid/" + $0 }
    static let register = "samples/orgs/沅阳区妇联组织建设情况登记表.xlsx"

    @Test func cleanTableCountsMatchTheSampleREADME() throws {
        let dir = try CLIRunner.workspace()
        let out = try CLIRunner.run(["clean", "aid"] + Self.aidFiles + ["--orgs", Self.register, "-o", "aid.xlsx"], in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasSuffix("共 130 行，问题 12 条（bad-check-digit 1，duplicate 5，footer-mismatch 1，lost-digits 1，unknown-column 3，"
                                     + "unknown-org 1），重复组 5 个，名称归并 4 组\n"), "\(out.stdout)")
        let reader = try openSpreadsheet(at: dir.appendingPathComponent("aid.xlsx").path)
        #expect(try reader.rows(in: reader.sheets[0]).count == 132)   // title, header, 130 rows
        let summary = try reader.rows(in: reader.sheet(named: "摘要"))   // title, header, one row per file, 合计
        #expect(summary.dropFirst(2).map { $0[5] } == [25, 21, 17, 8, 13, 46, 130].map { Cell.number(Double($0)) })
        #expect(summary.dropFirst(2).dropLast().map { $0[2].displayText } == ["", "", "UTF-8", "", "GB18030", ""])
    }

    @Test func theCleanCSVReimportsToTheSameFigures() throws {
        let dir = try CLIRunner.workspace()
        let clean = try CLIRunner.run(["clean", "aid"] + Self.aidFiles + ["--orgs", Self.register, "--format", "csv", "-o", "aid.csv"], in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(clean.status == 0)
        let csv = try Data(contentsOf: dir.appendingPathComponent("aid.csv"))
        #expect(csv.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        _ = try CLIRunner.run(["import", "orgs", Self.register], in: dir)
        let imported = try CLIRunner.run(["import", "aid", "aid.csv"], in: dir)
        #expect(imported.stdout.hasPrefix("aid.csv: aid, UTF-8-BOM, header row 1\n  130 rows: 122 loaded, 3 rejected, 5 duplicates, 0 warnings; skipped 1 header (131 rows in the sheet)\n"),
                "\(imported.stdout)")
        let report = try CLIRunner.run(["report", "aid", "--period", "2024H1", "--by", "none", "--format", "csv"], in: dir)
        #expect(report.stdout.hasSuffix("\r\nTotal,122,73,200102.50\r\n"), "\(report.stdout)")
    }
}
