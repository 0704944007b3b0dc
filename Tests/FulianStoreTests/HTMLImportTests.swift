import Foundation
import FulianCore
import FulianImport
import FulianSheets
import FulianStore
import GRDB
import Testing
import TestSupport

/// A web system's “导出 Excel” (a GB2312 web page named .xls, `fixtures/sheets/html/`) imported as aid data
/// into a store holding 兰江区's register (`fixtures/import/sheets/兰江区社区名册.xlsx`).
@Suite struct HTMLImportTests {
    static let register = FixturePaths.fixture("import/sheets/兰江区社区名册.xlsx").path
    static let export = FixturePaths.fixture("sheets/html/系统导出-春蕾计划.xls").path

    func rows(_ store: Store, _ sql: String) throws -> [String] {
        try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: sql).map { r in r.databaseValues.map { $0.isNull ? "-" : "\($0.storage.value!)" }.joined(separator: " ") }
        }
    }

    @Test func aGB2312ExportIsStoredRowByRow() throws {
        let store = try Store(inMemory: ())
        _ = try store.importFile(FileImportRequest(path: Self.register, options: ImportOptions(dataset: .orgs)))
        let r = try store.importFile(FileImportRequest(path: Self.export, options: ImportOptions(dataset: .aid)))
        #expect(r.format == .html && r.encoding == .gb18030)
        #expect(r.headerRows == "2")
        #expect((r.rows, r.loaded, r.rejected, r.duplicates, r.warnings) == (5, 5, 0, 0, 0))
        #expect(r.issues.isEmpty)
        let t = try #require(r.sheets.first?.tally)
        #expect([Int]([t.sheetRows, t.titleRows, t.headerRows, t.dataRows, t.footerRows.count]) == [8, 1, 1, 5, 1])
        #expect(r.sheets.first?.program?.name == "春蕾计划")
        // The rowspan'd 所属社区 fills 李桂兰's row; the ID numbers stay text; x:num amounts are yuan; the <br> in
        // 王秀英's 备注 is a line break, 李桂兰's &nbsp; an empty note.
        #expect(try rows(store, """
            SELECT ps.name, ps.idNumber, o.name, p.name, d.paidOn, d.amountFen, d.sourceRow, replace(d.note, char(10), '|') FROM disbursement d
            JOIN org o ON o.id = d.orgId JOIN org p ON p.id = o.parentId JOIN person ps ON ps.id = d.personId ORDER BY d.id
            """) == [
            "王秀英 439951198003020116 东湖社区 东湖街道 2024-03-05 120000 3 首次发放|已核实",
            "李桂兰 439951197604150229 东湖社区 东湖街道 2024-03-06 80000 4 -",
            "张丽 439951198509230313 白沙社区 东湖街道 2024-03-08 100000 5 -",
            "陈美华 439951197001180429 白沙村 西岭镇 2024-03-12 60000 6 -",
            "刘芳 439951199112070520 上塘村 西岭镇 2024-03-15 60000 7 -",
        ])
        #expect(try rows(store, "SELECT DISTINCT pr.name FROM disbursement d JOIN program pr ON pr.id = d.programId") == ["春蕾计划"])
        #expect(try rows(store, "SELECT format FROM importBatch WHERE fileName = '系统导出-春蕾计划.xls'") == ["html"])
    }
}
