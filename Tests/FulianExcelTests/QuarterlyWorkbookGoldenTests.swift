import Foundation
import FulianAnalytics
import FulianCore
import FulianExcel
import FulianImport
import FulianStore
import Testing
import TestSupport

/// The quarterly workbook of the demo district, part by part against fixtures/golden/quarterly-demo-2024Q2.xlsx.
@Suite("Golden quarterly workbook")
struct QuarterlyWorkbookGoldenTests {
    /// The demo store in memory, import times fixed so the notes sheet is repeatable.
    static func demoStore() throws -> Store {
        let store = try Store(inMemory: ())
        let root = FixturePaths.fixture("demo")
        for dataset in [Dataset.orgs, .members, .aid, .activities] {
            let dir = root.appendingPathComponent(dataset.rawValue)
            for f in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where !f.hasPrefix(".") {
                _ = try store.importFile(FileImportRequest(path: dir.appendingPathComponent(f).path, options: ImportOptions(dataset: dataset)))
            }
        }
        try store.dbQueue.write { db in try db.execute(sql: "UPDATE importBatch SET importedAt = '2024-07-01T09:00:00Z'") }
        return store
    }

    /// The demo store's 2024Q2 workbook with a fixed creation time and zone (import times and 制表日期 show
    /// in Beijing time whatever the machine's zone), in `dir`.
    static func workbook(in dir: ScratchDirectory, target: Double = 0.9) throws -> URL {
        let url = dir.file("quarterly.xlsx")
        _ = try QuarterlyWorkbook.write(store: demoStore(), to: url.path, options: QuarterlyWorkbook.Options(
            period: try Period(parsing: "2024Q2"), target: target, created: Date(timeIntervalSince1970: 1_719_824_400),
            timeZone: TimeZone(identifier: "Asia/Shanghai")!))
        return url
    }

    @Test("the demo 2024Q2 workbook matches its reference")
    func golden() throws {
        let dir = try ScratchDirectory()
        let url = try Self.workbook(in: dir)
        try GoldenWorkbook.assertMatches(generated: url, golden: FixturePaths.fixture("golden/quarterly-demo-2024Q2.xlsx"))
    }

    @Test("coverage under the target is highlighted, at or above it is not")
    func targetHighlight() throws {
        let dir = try ScratchDirectory()
        let url = try Self.workbook(in: dir, target: 0.8)
        let parts = try XLSXParts.read(url)
        let sheet = try #require(parts["xl/worksheets/sheet2.xml"])
        let xfs = XLSXParts.cellXfs(try #require(parts["xl/styles.xml"]))
        func filled(_ ref: String) -> Bool {
            guard let i = XLSXParts.styleIndex(ref, in: sheet), i < xfs.count else { return false }
            return xfs[i].contains("applyFill=\"1\"")
        }
        // 枫林街道 (row 3): org coverage 0.5714 < 0.8 highlighted; 柳湾街道 (row 4): 0.8333 not.
        #expect(filled("D3"))
        #expect(!filled("D4"))
        #expect(try #require(XLSXParts.cell("D3", in: sheet)).contains("<v>0.5714</v>"))
    }
}

