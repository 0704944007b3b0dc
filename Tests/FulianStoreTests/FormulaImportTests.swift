import Foundation
import FulianCore
import FulianImport
import FulianStore
import GRDB
import Testing
import TestSupport

/// 春蕾计划 lists whose amounts and dates are formulas with no usable saved result
/// (`fixtures/sheets/formulas/`), imported into 兰江区's register: every figure is the formula's.
@Suite struct FormulaImportTests {
    static func path(_ name: String) -> String { FixturePaths.fixture("sheets/formulas/" + name).path }

    func store() throws -> Store {
        let store = try Store(inMemory: ())
        _ = try store.importFile(FileImportRequest(path: SubmissionHabitsTests.register, options: ImportOptions(dataset: .orgs)))
        return store
    }

    func payments(_ store: Store) throws -> [String] {
        try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.name, d.amountFen, d.paidOn, d.sourceRow FROM disbursement d JOIN org o ON o.id = d.orgId ORDER BY d.id
                """).map { r in r.databaseValues.map { "\($0.storage.value!)" }.joined(separator: " ") }
        }
    }

    @Test(arguments: ["春蕾计划发放表-xlsxwriter.xlsx", "春蕾计划发放表-openpyxl.xlsx", "春蕾计划发放表-无结果.xlsx"])
    func amountsAndDatesAreTheFormulas(file: String) throws {
        let store = try store()
        let r = try store.importFile(FileImportRequest(path: Self.path(file), options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected) == (5, 5, 0))
        #expect(try payments(store) == [
            "东湖社区 100000 2024-03-08 3", "白沙社区 60000 2024-03-08 4", "桥头社区 90100 2024-03-01 5",
            "东湖社区 120000 2024-03-31 6", "白沙社区 99999 2024-01-15 7",
        ])
        // The 合计 row's SUMs are computed too, and agree with the rows: no footer-mismatch.
        #expect(r.sheets.first?.tally.footerRows == [8])
        #expect(r.issues.map(\.category).sorted() == ["formula-computed", "unknown-column", "unknown-column"])
        let stale = !file.hasSuffix("无结果.xlsx")
        #expect(r.issues.first { $0.category == "formula-computed" }?.message.text(.zh) == (stale
            ? "文件要求打开时重新计算公式（XlsxWriter、openpyxl 等程序写的文件如此），其中保存的结果不可靠：17 个公式已由 fulian 按公式重新算出（如 G3：=ROUND(E3*F3,2)）"
            : "17 个公式没有保存计算结果，已由 fulian 按公式算出（如 G3：=ROUND(E3*F3,2)）"))
    }

    /// xlwt's .xls: every formula saved without a result, computed from the sheet.
    @Test func anXlwtListIsImportedWithItsFormulasComputed() throws {
        let store = try store()
        let r = try store.importFile(FileImportRequest(path: FixturePaths.fixture("xls/xlwt-formulas.xls").path,
                                                       options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected) == (5, 5, 0))
        #expect(try payments(store) == [
            "东湖社区 100000 2024-03-08 3", "白沙社区 60000 2024-03-08 4", "桥头社区 90100 2024-03-01 5",
            "东湖社区 120000 2024-03-24 6", "白沙社区 99999 2024-01-15 7",
        ])
        #expect(r.issues.map(\.category).sorted() == ["formula-computed", "unknown-column", "unknown-column"])
    }

    /// Amounts reading the rate from the sheets after the list (发放标准, 困难 补贴): imported to the fen; the
    /// other sheets skipped, and only the list's warnings shown.
    @Test(arguments: ["sheets/formulas/春蕾计划发放表-跨表引用.xlsx", "xls/xlwt-cross-sheet.xls"])
    func amountsReadingOtherSheetsAreComputed(file: String) throws {
        let store = try store()
        let r = try store.importFile(FileImportRequest(path: FixturePaths.fixture(file).path, options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected) == (5, 5, 0))
        #expect(try payments(store) == [
            "东湖社区 100000 2024-03-08 3", "白沙社区 60000 2024-03-08 4", "桥头社区 30100 2024-03-01 5",
            "东湖社区 110000 2024-03-31 6", "白沙社区 65050 2024-01-15 7",
        ])
        #expect(r.sheets.first?.tally.footerRows == [8])
        #expect(r.issues.map(\.category).sorted() == ["formula-computed", "unknown-column"])
        #expect(r.issues.first { $0.category == "formula-computed" }?.message.text(.en) == (file.hasSuffix(".xls")
            ? "6 formulas have no saved result and were computed by fulian (e.g. F3: ='发放标准'!$B$2*E3)"
            : "the file asks for its formulas to be recalculated when opened (as files written by XlsxWriter or openpyxl do), so the results saved in it are not reliable: fulian recalculated 11 formulas (e.g. F3: =发放标准!$B$2*E3)"))
    }

    @Test func sharedFormulasGiveEachRowItsOwnDate() throws {
        let store = try store()
        let r = try store.importFile(FileImportRequest(path: Self.path("春蕾计划发放表-共享公式.xlsx"), options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected) == (5, 5, 0))
        #expect(try payments(store).map { $0.split(separator: " ")[1...2].joined(separator: " ") } == [
            "100000 2024-03-01", "60000 2024-03-02", "90100 2024-03-03", "120000 2024-03-04", "99999 2024-03-05",
        ])
    }
}
