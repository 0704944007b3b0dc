import Foundation
import FulianSheets
import Testing
import TestSupport
import ZIPFoundation

/// fixtures/injection/aid-injection.csv: a recipient named `=HYPERLINK("http://x","y")` and a note `+1`
/// must reach every workbook as text, never as a formula.
@Suite struct FormulaInjectionTests {
    static func part(_ url: URL, _ path: String) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        var data = Data()
        _ = try archive.extract(archive[path]!) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func userTextIsNeverAFormula() throws {
        let dir = try CLIRunner.workspace()
        _ = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir)
        let imported = try CLIRunner.run(["import", "aid", "fixtures/injection/aid-injection.csv"], in: dir)
        #expect(imported.stdout.contains("2 rows: 1 loaded, 1 rejected"), "\(imported.stdout)")

        let q = try CLIRunner.run(["report", "quarterly", "--period", "2024Q1", "-o", "q.xlsx"], in: dir)
        #expect(q.status == 0, "\(q.stderr)")
        // The quarterly workbook is written in constant-memory mode: strings are inline.
        let detail = try Self.part(dir.appendingPathComponent("q.xlsx"), "xl/worksheets/sheet5.xml")
        #expect(detail.contains("<is><t>=HYPERLINK(\"http://x\",\"y\")</t></is>"))
        #expect(detail.components(separatedBy: "<f>").count - 1 == 1)   // the one SUM of the totals row
        #expect(detail.contains("<f>SUM(G3:G3)</f>"))

        let c = try CLIRunner.run(["clean", "aid", "fixtures/injection/aid-injection.csv", "-o", "c.xlsx"], in: dir)
        #expect(c.status == 0, "\(c.stderr)")
        let clean = try Self.part(dir.appendingPathComponent("c.xlsx"), "xl/worksheets/sheet1.xml")
        #expect(!clean.contains("<f>"))
        #expect(clean.contains("<is><t>=HYPERLINK(\"http://x\",\"y\")</t></is>"))
        #expect(clean.contains("<is><t>+1</t></is>"))
        #expect(clean.contains("<is><t>@SUM(1)</t></is>"))
        let reader = try openSpreadsheet(at: dir.appendingPathComponent("c.xlsx").path)
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows[2].cells.first == .text("=HYPERLINK(\"http://x\",\"y\")"))   // under the title and header rows
    }
}
