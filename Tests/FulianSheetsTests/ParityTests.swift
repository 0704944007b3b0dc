import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

/// The same ten records as UTF-8 CSV, GB18030 CSV, XLSX (openpyxl) and XLS (xlwt) in
/// `fixtures/sheets/parity.*` read to the same cells, once CSV's text is compared with the typed cells of
/// the workbooks through ``Cell/displayText``.
struct ParityTests {
    static let files = ["parity.csv", "parity-gb18030.csv", "parity.xlsx", "parity.xls"]

    /// What every reader must produce, as displayed text, row by row (trailing empty cells dropped).
    static let expected: [[String]] = [
        ["序号", "姓名", "身份证号", "发放日期", "金额", "备注"],
        ["1", "张秀英", "439951198503120228", "2024-01-05", "1500.5"],
        ["2", "李娜", "43995119900708068X", "2024-01-12", "2000", "补发"],
        ["3", "王小红", "439951197811300621", "2024-02-29", "800.25"],
        ["4", "欧阳娟", "439951198812010866", "2024-03-01", "1234.56", "朝阳区,东片"],
        ["5", "阿依古丽·买买提", "439951199501010281", "2024-03-31", "300"],
        ["6", "陈静", "43995119700615078X", "2023-12-31", "99.9", "说\"明\""],
        ["7", "刘丽", "439951198210100688", "2024-06-30", "", "金额待定"],
        ["8", "赵雪梅", "439951196002290844", "2024-04-01", "10000"],
        ["9", "孙燕", "439951200109090200", "2024-05-20", "0.5", "001"],
        ["10", "周婷婷", "439951199303030425", "2024-01-01", "4500.75"],
    ]

    @Test(arguments: ParityTests.files)
    func everyFormatReadsTheSameRecords(file: String) throws {
        let rows = try readRows(Fixture.sheets(file))
        #expect(rows.map(\.number) == Array(1...11))
        #expect(rows.map { $0.trimmed.map(\.displayText) } == ParityTests.expected)
    }

    @Test func theFormatsAgreeCellByCell() throws {
        let all = try ParityTests.files.map { try readRows(Fixture.sheets($0)).map { $0.trimmed.map(\.displayText) } }
        for other in all.dropFirst() { #expect(other == all[0]) }
    }

    @Test func workbooksKeepTypesThatCSVHasAsText() throws {
        for file in ["parity.xlsx", "parity.xls"] {
            let rows = try readRows(Fixture.sheets(file))
            #expect(rows[1].cells.prefix(5) == [n(1), t("张秀英"), t("439951198503120228"), date(2024, 1, 5), n(1500.5)], "\(file)")
            #expect(rows[7][4] == .empty, "\(file)")
        }
        for file in ["parity.csv", "parity-gb18030.csv"] {
            let rows = try readRows(Fixture.sheets(file))
            #expect(rows[1].cells == [t("1"), t("张秀英"), t("439951198503120228"), t("2024-01-05"), t("1500.5"), .empty], "\(file)")
        }
    }

    @Test func theCSVEncodingsAreDetected() throws {
        #expect(try openSpreadsheet(at: Fixture.sheets("parity.csv")).textEncoding == .utf8)
        #expect(try openSpreadsheet(at: Fixture.sheets("parity-gb18030.csv")).textEncoding == .gb18030)
    }
}
