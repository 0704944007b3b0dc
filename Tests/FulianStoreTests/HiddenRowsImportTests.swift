import Foundation
import FulianCore
import FulianImport
import FulianStore
import GRDB
import Testing
import TestSupport

/// A list whose rows 5 and 7 are hidden (`fixtures/sheets/hidden-rows/`): every row imported, the hidden
/// ones named in one warning, in both languages, from .xlsx (XlsxWriter's and LibreOffice's), .xls and a web page alike.
@Suite struct HiddenRowsImportTests {
    @Test(arguments: ["春蕾计划发放表-隐藏行.xlsx", "春蕾计划发放表-隐藏行.xls", "春蕾计划发放表-隐藏行-libreoffice.xlsx",
                      "春蕾计划发放表-隐藏行.html"])
    func hiddenRowsAreImportedAndNamed(file: String) throws {
        let store = try Store(inMemory: ())
        _ = try store.importFile(FileImportRequest(path: SubmissionHabitsTests.register, options: ImportOptions(dataset: .orgs)))
        let r = try store.importFile(FileImportRequest(path: FixturePaths.fixture("sheets/hidden-rows/" + file).path,
                                                       options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected) == (6, 6, 0))
        #expect(r.sheets.first?.tally.hiddenRows == [5, 7])
        // The 合计 row adds up all six, hidden ones too: no footer-mismatch.
        #expect(r.sheets.first?.tally.footerRows == [9])
        #expect(try store.dbQueue.read { db in try Int.fetchOne(db, sql: "SELECT SUM(amountFen) FROM disbursement") } == 520_099)
        let hidden = try #require(r.issues.first { $0.category == "hidden-rows" })
        #expect(r.issues.map(\.category) == ["hidden-rows"])
        #expect((hidden.row, hidden.column) == (5, nil))
        #expect(hidden.message.text(.zh) == "工作表中有 2 行数据在文件中被隐藏（第 5、7 行，手动隐藏或被筛选掉），已照常导入；如这些行不该上报，请在文件中删除后再导入")
        #expect(hidden.message.text(.en) == "2 data rows are hidden in the file (rows 5, 7, hidden by hand or by a filter): imported as the others; if they should not be reported, delete them in the file and import it again")
    }

    @Test func manyHiddenRowsAreCountedAndTheFirstTenNamed() {
        let m = ImportMessage.hiddenRows(count: 14, rows: [5, 6, 7, 8, 9, 10, 11, 12, 13, 20])
        #expect(m.text(.zh) == "工作表中有 14 行数据在文件中被隐藏（第 5、6、7、8、9、10、11、12、13、20 行等，手动隐藏或被筛选掉），已照常导入；如这些行不该上报，请在文件中删除后再导入")
        #expect(ImportMessage.hiddenRows(count: 1, rows: [7]).text(.en) == "1 data row is hidden in the file (row 7, hidden by hand or by a filter): imported as the others; if it should not be reported, delete it in the file and import it again")
    }
}
