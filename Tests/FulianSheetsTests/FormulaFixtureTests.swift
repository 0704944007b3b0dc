import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

/// Workbooks whose formulas have no usable saved result (`fixtures/sheets/formulas/`, written by
/// `make_formulas.py` with XlsxWriter, openpyxl and by hand), read cell by cell.
struct FormulaFixtureTests {
    static func path(_ name: String) -> String { Fixture.sheets("formulas/" + name) }

    /// Columns F–I of rows 3–8 of a 春蕾计划 list: 人数, 发放金额 (=ROUND(E*F,2)), 发放日期, 备注 (=IF(G>=1000,"足额","")).
    static func computed(_ rows: [Row]) -> [[Cell]] {
        rows.filter { $0.number >= 3 }.map { r in (5..<9).map { $0 < r.cells.count ? r.cells[$0] : .empty } }
    }

    static let expected: [[Cell]] = [
        [n(2), n(1000), date(2024, 3, 8), t("足额")],
        [n(1), n(600), date(2024, 3, 8), .empty],
        [n(2), n(901), date(2024, 3, 1), .empty],
        [n(1), n(1200), date(2024, 3, 31), t("足额")],
        [n(3), n(999.99), date(2024, 1, 15), .empty],
        [n(9), n(4700.99), .empty, .empty],
    ]

    @Test(arguments: ["春蕾计划发放表-xlsxwriter.xlsx", "春蕾计划发放表-openpyxl.xlsx"])
    func aWorkbookAskingToBeRecalculatedHasEveryFormulaComputed(file: String) throws {
        let reader = try openSpreadsheet(at: Self.path(file))
        #expect(Self.computed(try reader.rows(in: reader.sheets[0])) == Self.expected)
        #expect(reader.warnings.map(\.category) == ["formula-computed"])
        let w = try #require(reader.warnings.first)
        #expect((w.row, w.column) == (3, 7))
        #expect(w.text(.zh) == "\(file) 工作表“发放表” 第 3 行第 7 列：警告 [formula-computed] 文件要求打开时重新计算公式（XlsxWriter、openpyxl 等程序写的文件如此），其中保存的结果不可靠：17 个公式已由 fulian 按公式重新算出（如 G3：=ROUND(E3*F3,2)）")
        #expect(w.text(.en) == "\(file):发放表!R3C7: warning [formula-computed] the file asks for its formulas to be recalculated when opened (as files written by XlsxWriter or openpyxl do), so the results saved in it are not reliable: fulian recalculated 17 formulas (e.g. G3: =ROUND(E3*F3,2))")
    }

    /// Rows above the first formula are read as they are and not again: each row comes once, in order,
    /// and a read stopped early (before or after the first formula) stops there.
    @Test func eachRowComesOnceAroundTheFirstFormula() throws {
        let reader = try openSpreadsheet(at: Self.path("春蕾计划发放表-xlsxwriter.xlsx"))
        #expect(try reader.rows(in: reader.sheets[0]).map(\.number) == Array(1...8))
        #expect(try reader.rows(in: reader.sheets[0], limit: 2).map(\.number) == [1, 2])
        let four = try reader.rows(in: reader.sheets[0], limit: 4)
        #expect(four.map(\.number) == [1, 2, 3, 4])
        #expect(four.last?.cells[6] == n(600))
    }

    /// Excel's filled-down columns: one formula in the first cell, `si` in the others; each date the one above + 1.
    @Test func sharedFormulasAreFilledFromTheirFirstCell() throws {
        let reader = try openSpreadsheet(at: Self.path("春蕾计划发放表-共享公式.xlsx"))
        let rows = Self.computed(try reader.rows(in: reader.sheets[0]))
        #expect(rows.map { $0[1] } == [n(1000), n(600), n(901), n(1200), n(999.99), n(4700.99)])
        #expect(rows.map { $0[2] } == (1...5).map { date(2024, 3, $0) } + [.empty])
        #expect(rows.map { $0[3] } == [t("足额"), .empty, .empty, t("足额"), .empty, .empty])
    }

    /// No saved result and no request to recalculate (Apache POI and other generators): read row by row, a
    /// formula is computed from its own row; at the 合计 row, whose SUM reads the rows above, the sheet is read
    /// on with its formulas computed from the whole of it: the first read has every figure, and so has the next.
    @Test func formulasWithoutAResultAreComputedFromTheirRowThenFromTheSheet() throws {
        let file = "春蕾计划发放表-无结果.xlsx"
        let reader = try openSpreadsheet(at: Self.path(file))
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(Self.computed(rows) == Self.expected)
        #expect(reader.warnings.map { $0.text(.zh) } == [
            "\(file) 工作表“发放表” 第 3 行第 7 列：警告 [formula-computed] 17 个公式没有保存计算结果，已由 fulian 按公式算出（如 G3：=ROUND(E3*F3,2)）",
        ])
        #expect(reader.warnings.map { $0.text(.en) } == [
            "\(file):发放表!R3C7: warning [formula-computed] 17 formulas have no saved result and were computed by fulian (e.g. G3: =ROUND(E3*F3,2))",
        ])
        #expect(Self.computed(try reader.rows(in: reader.sheets[0])) == Self.expected)
        #expect(reader.warnings.count == 1)
    }

    /// A formula with a saved result is read as saved, in a workbook that does not ask for recalculation.
    @Test func savedResultsAreRead() throws {
        let reader = try openSpreadsheet(at: Fixture.sheets("handmade.xlsx"))
        let rows = try reader.rows(in: try reader.sheet(named: "类型"))
        // =CONCAT("公","式"), =1+1, ="" (saved as <v></v>: an empty text, not a missing result), =NA()
        #expect(rows.first { $0.number == 2 }?.cells == [t("公式"), n(2)])
        #expect(rows.first { $0.number == 3 }?.cells.count ?? 0 >= 4)
        #expect(rows.first { $0.number == 3 }?.cells[3] == .error("#N/A"))
        #expect(reader.warnings.isEmpty)
    }

    /// The evaluator's rules, one formula a row (column B of sheet 计算), as fulian computes them.
    static let cases: [Cell] = [
        n(450), n(0.3), n(4), n(150), t("合计300元"), n(6), n(1), n(428.5), n(140.5), n(298.5), n(46), n(3), n(2), n(2),
        n(1), n(420), n(300), t("高"), .bool(true), t("除零"), .error("#DIV/0!"), n(2), n(-32), n(2.68),
        n(0.00999999999999979), n(1200), n(13), t("兰江区东湖街道"), n(4), t("东湖 社区"), n(1235.5), n(45689), n(20240308),
        n(1), n(2), n(603), n(301.5), t("东湖120号"), .bool(false), n(428.5),
    ]

    @Test func theEvaluatorsRulesCellByCell() throws {
        let reader = try openSpreadsheet(at: Self.path("公式计算.xlsx"))
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows.map { $0.cells[1] } == Self.cases)
        #expect(reader.warnings.map { $0.text(.en) } == [
            "公式计算.xlsx:计算!R1C2: warning [formula-computed] the file asks for its formulas to be recalculated when opened (as files written by XlsxWriter or openpyxl do), so the results saved in it are not reliable: fulian recalculated 40 formulas (e.g. B1: =ROUND(D1*D2,2))",
        ])
    }

    @Test func whatIsNotComputedIsAnErrorCellOrTheResultSavedAndSaysWhy() throws {
        let file = "公式计算.xlsx"
        let reader = try openSpreadsheet(at: Self.path(file))
        let rows = try reader.rows(in: try reader.sheet(named: "不计算"))
        // A3 reads the sheet 计算, computed there (450 × 2).
        #expect(rows.map { $0.cells[0] } == [.error("=VLOOKUP(D1,D1:E2,2,0)"), n(42), n(900),
                                             .error("=A5+1"), .error("=A4+1"), .error("#VALUE!")])
        #expect(reader.warnings.map { $0.text(.zh) } == [
            "\(file) 工作表“不计算” 第 3 行第 1 列：警告 [formula-computed] 文件要求打开时重新计算公式（XlsxWriter、openpyxl 等程序写的文件如此），其中保存的结果不可靠：2 个公式已由 fulian 按公式重新算出（如 A3：=计算!B1*2）",
            "\(file) 工作表“不计算” 第 1 行第 1 列：警告 [formula-not-computed] 3 个公式没有可用的计算结果，fulian 也无法计算（如 A1：=VLOOKUP(D1,D1:E2,2,0)，fulian 不计算函数 VLOOKUP）：这些单元格按错误值读取；请在 Excel 或 WPS 中打开文件、保存后再导入",
            "\(file) 工作表“不计算” 第 2 行第 1 列：警告 [formula-not-computed] 1 个公式 fulian 无法重新计算（如 A2：=VLOOKUP(D2,D1:E2,2,0)，fulian 不计算函数 VLOOKUP），按文件中保存的结果读取；如有疑问，请在 Excel 或 WPS 中打开文件、保存后再导入",
        ])
        #expect(reader.warnings.map { $0.text(.en) } == [
            "\(file):不计算!R3C1: warning [formula-computed] the file asks for its formulas to be recalculated when opened (as files written by XlsxWriter or openpyxl do), so the results saved in it are not reliable: fulian recalculated 2 formulas (e.g. A3: =计算!B1*2)",
            "\(file):不计算!R1C1: warning [formula-not-computed] 3 formulas have no usable saved result and fulian cannot compute them (e.g. A1: =VLOOKUP(D1,D1:E2,2,0): fulian does not compute the function VLOOKUP): these cells are read as errors; open the file in Excel or WPS, save it and import it again",
            "\(file):不计算!R2C1: warning [formula-not-computed] fulian cannot recalculate 1 formula (e.g. A2: =VLOOKUP(D2,D1:E2,2,0): fulian does not compute the function VLOOKUP), so the results saved in the file are read; if in doubt, open the file in Excel or WPS, save it and import it again",
        ])
        // The circular pair, named in English too.
        #expect(SheetsMessage.formulaCircular.text(.zh) == "公式引用了自己的结果（循环引用）")
    }

    // MARK: Other sheets

    /// What each sheet of 春蕾计划发放表-跨表引用.xlsx reads as, its cells as text (the same as LibreOffice's, but
    /// for the two fulian cannot compute, which LibreOffice shows as #NAME? and Err:522).
    static let crossSheets: [(String, [[String]])] = [
        ("发放表", [
            ["东湖街道2024年一季度春蕾计划发放表"],
            ["序号", "姓名", "所属社区", "身份证号", "人数", "发放金额（元）", "发放日期"],
            ["1", "王秀英", "东湖社区", "43995119800302001X", "2", "1000", "2024-03-08"],
            ["2", "李桂兰", "白沙社区", "439951197506110020", "1", "600", "2024-03-08"],
            ["3", "张玉梅", "桥头社区", "439951196811050058", "2", "301", "2024-03-01"],
            ["4", "刘凤英", "东湖社区", "439951198807230063", "1", "1100", "2024-03-31"],
            ["5", "陈淑珍", "白沙社区", "439951199508170077", "3", "650.5", "2024-01-15"],
            ["合计", "", "", "", "", "3651.5"],
        ]),
        ("发放标准", [["项目", "标准（元）"], ["春蕾计划", "500"], ["春蕾计划（困难）", "600"]]),
        ("困难 补贴", [["项目", "金额（元）"], ["困难补贴", "150.5"]]),
        ("汇总", [["项目", "金额合计（元）"], ["春蕾计划", "3651.5"], ["", "0"]]),
        ("缺表", [["=不存在!B1*2"]]),
        ("互相甲", [["11"], ["5"], ["=互相乙!A3+1"]]),
        ("互相乙", [["10"], ["12"], ["=互相甲!A3*2"]]),
    ]

    static func text(_ row: Row) -> [String] {
        var cells = row.cells.map(\.displayText)
        while cells.last == "" { cells.removeLast() }
        return cells
    }

    /// Formulas reading other sheets: the cells of sheets after theirs, a formula there computed too, a
    /// quoted name, whole ranges; sheets reading each other cell by cell; a loop across sheets and a sheet the
    /// workbook lacks are named.
    @Test func formulasReadOtherSheets() throws {
        let file = "春蕾计划发放表-跨表引用.xlsx"
        for (name, expected) in Self.crossSheets {
            let reader = try openSpreadsheet(at: Self.path(file))
            let rows = try reader.rows(in: try reader.sheet(named: name))
            #expect(rows.map(Self.text) == expected, "sheet \(name)")
        }
        let reader = try openSpreadsheet(at: Self.path(file))
        for sheet in reader.sheets { _ = try reader.rows(in: sheet) }
        // Only the sheet read speaks of its formulas: reading 发放标准 for 发放表 adds nothing of 发放标准's. (汇总's
        // B3 computes to the 0 saved: not counted.)
        #expect(reader.warnings.map { $0.text(.zh) } == [
            "\(file) 工作表“发放表” 第 3 行第 6 列：警告 [formula-computed] 文件要求打开时重新计算公式（XlsxWriter、openpyxl 等程序写的文件如此），其中保存的结果不可靠：11 个公式已由 fulian 按公式重新算出（如 F3：=发放标准!$B$2*E3）",
            "\(file) 工作表“发放标准” 第 3 行第 2 列：警告 [formula-computed] 文件要求打开时重新计算公式（XlsxWriter、openpyxl 等程序写的文件如此），其中保存的结果不可靠：1 个公式已由 fulian 按公式重新算出（如 B3：=B2+100）",
            "\(file) 工作表“汇总” 第 2 行第 2 列：警告 [formula-computed] 文件要求打开时重新计算公式（XlsxWriter、openpyxl 等程序写的文件如此），其中保存的结果不可靠：1 个公式已由 fulian 按公式重新算出（如 B2：=SUM(发放表!F3:F7)）",
            "\(file) 工作表“缺表” 第 1 行第 1 列：警告 [formula-not-computed] 1 个公式没有可用的计算结果，fulian 也无法计算（如 A1：=不存在!B1*2，公式引用的工作表“不存在”不在工作簿中）：该单元格按错误值读取；请在 Excel 或 WPS 中打开文件、保存后再导入",
            "\(file) 工作表“互相甲” 第 1 行第 1 列：警告 [formula-computed] 文件要求打开时重新计算公式（XlsxWriter、openpyxl 等程序写的文件如此），其中保存的结果不可靠：1 个公式已由 fulian 按公式重新算出（如 A1：=互相乙!A1+1）",
            "\(file) 工作表“互相甲” 第 3 行第 1 列：警告 [formula-not-computed] 1 个公式没有可用的计算结果，fulian 也无法计算（如 A3：=互相乙!A3+1，公式引用了自己的结果（循环引用））：该单元格按错误值读取；请在 Excel 或 WPS 中打开文件、保存后再导入",
            "\(file) 工作表“互相乙” 第 1 行第 1 列：警告 [formula-computed] 文件要求打开时重新计算公式（XlsxWriter、openpyxl 等程序写的文件如此），其中保存的结果不可靠：2 个公式已由 fulian 按公式重新算出（如 A1：=互相甲!A2*2）",
            "\(file) 工作表“互相乙” 第 3 行第 1 列：警告 [formula-not-computed] 1 个公式没有可用的计算结果，fulian 也无法计算（如 A3：=互相甲!A3*2，公式引用了自己的结果（循环引用））：该单元格按错误值读取；请在 Excel 或 WPS 中打开文件、保存后再导入",
        ])
        #expect(reader.warnings[3].text(.en) == "\(file):缺表!R1C1: warning [formula-not-computed] 1 formula has no usable saved result and fulian cannot compute it (e.g. A1: =不存在!B1*2: it refers to a sheet “不存在” the workbook does not have): the cell is read as an error; open the file in Excel or WPS, save it and import it again")
    }

    // MARK: .xls

    /// xlwt saves every formula with an empty result and no request to recalculate: each is computed from
    /// the sheet, in its cell's format; one whose result is empty text stays as saved and is not counted.
    @Test func xlwtFormulasAreComputed() throws {
        let file = "xlwt-formulas.xls"
        let reader = try openSpreadsheet(at: Fixture.xls(file))
        let rows = try reader.rows(in: reader.sheets[0])
        var expected = Self.expected
        expected[3][2] = date(2024, 3, 24)          // =H5+23
        #expect(Self.computed(rows).prefix(6) == expected[...])
        #expect(rows.last.map { ($0.number, $0.cells) } ?? (0, []) == (9, [t("制表：东湖街道妇联")]))
        #expect(reader.warnings.map { $0.text(.zh) } == [
            "\(file) 工作表“发放表” 第 3 行第 7 列：警告 [formula-computed] 15 个公式没有保存计算结果，已由 fulian 按公式算出（如 G3：=ROUND(E3*F3,2)）",
        ])
        #expect(reader.warnings.map { $0.text(.en) } == [
            "\(file):发放表!R3C7: warning [formula-computed] 15 formulas have no saved result and were computed by fulian (e.g. G3: =ROUND(E3*F3,2))",
        ])
    }

    /// What each sheet of xlwt-cross-sheet.xls reads as: the 春蕾计划 list as 春蕾计划发放表-跨表引用.xlsx's (its
    /// amounts read 发放标准 and '困难 补贴' by 3-D references), 汇总 adding it up; the VLOOKUP there and the
    /// formula reading it stay empty, with their warnings.
    static let xlwtCrossSheets: [(String, [[String]])] = [
        ("发放表", crossSheets[0].1),
        ("发放标准", [["项目", "标准（元）"], ["春蕾计划", "500"], ["春蕾计划（困难）", "600"], ["查表"]]),
        ("困难 补贴", [["项目", "金额（元）"], ["困难补贴", "150.5"]]),
        ("汇总", [["项目", "金额合计（元）"], ["春蕾计划", "3651.5"], ["查表"]]),
    ]

    @Test func xlwtFormulasReadOtherSheets() throws {
        let file = "xlwt-cross-sheet.xls"
        for (name, expected) in Self.xlwtCrossSheets {
            let reader = try openSpreadsheet(at: Fixture.xls(file))
            #expect(try reader.rows(in: try reader.sheet(named: name)).map(Self.text) == expected, "sheet \(name)")
        }
        let reader = try openSpreadsheet(at: Fixture.xls(file))
        _ = try reader.rows(in: try reader.sheet(named: "汇总"))
        // Only 汇总's warnings: reading 发放表 and 发放标准 for it adds none of theirs.
        #expect(reader.warnings.map { $0.text(.zh) } == [
            "\(file) 工作表“汇总” 第 2 行第 2 列：警告 [formula-computed] 1 个公式没有保存计算结果，已由 fulian 按公式算出（如 B2：=SUM('发放表'!F3:F7)）",
            "\(file) 工作表“汇总” 第 3 行第 2 列：警告 [formula-not-computed] 1 个公式 fulian 无法重新计算（如 B3：='发放标准'!B4*2，fulian 不计算函数 VLOOKUP），按文件中保存的结果读取；如有疑问，请在 Excel 或 WPS 中打开文件、保存后再导入",
        ])
    }

    // MARK: Long chains

    /// Chains of 12,000 formulas (down a sheet; back and forth between two sheets; an .xls saved without
    /// results) are computed to their end: on a stack deep enough, from the chain's far end once the near
    /// end finds it longer than is followed.
    @Test func longChainsAreComputedToTheirEnd() throws {
        let book = try openSpreadsheet(at: Self.path("公式长链.xlsx"))
        for (name, first, count) in [("下行", 12001.0, 12001), ("甲", 12001, 6001), ("乙", 12000, 6000)] {
            let rows = try book.rows(in: try book.sheet(named: name))
            #expect(rows.count == count, "sheet \(name)")
            #expect(rows.first?.cells == [.number(first)], "sheet \(name)")
            #expect(rows.allSatisfy { if case .number = $0.cells[0] { true } else { false } }, "sheet \(name)")
        }
        #expect(book.warnings.map(\.category) == ["formula-computed", "formula-computed", "formula-computed"])
        let xls = try openSpreadsheet(at: Fixture.xls("xlwt-long-chain.xls"))
        let rows = try xls.rows(in: xls.sheets[0])
        #expect(rows.prefix(3).map(\.cells) == [[.number(12001)], [.number(12000)], [.number(11999)]])
        #expect(xls.warnings.map { $0.text(.en) } == [
            "xlwt-long-chain.xls:下行!R1C1: warning [formula-computed] 12000 formulas have no saved result and were computed by fulian (e.g. A1: =A2+1)",
        ])
    }

    /// A chain along one row longer than a row's own computation follows (no saved results, read row by row):
    /// the sheet is read on from that row with its formulas computed as a whole.
    @Test func aLongChainAlongARowIsComputed() throws {
        let reader = try openSpreadsheet(at: Self.path("公式长链-一行.xlsx"))
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[1].cells == (1...100).reversed().map { Cell.number(Double($0)) })
        #expect(rows[2].cells == [.number(2), .number(6)])
        #expect(reader.warnings.map { $0.text(.en) } == [
            "公式长链-一行.xlsx:一行!R2C1: warning [formula-computed] 100 formulas have no saved result and were computed by fulian (e.g. A2: =B2+1)",
        ])
    }

    /// What is given up past the longest chain followed, worded.
    @Test func aChainTooLongToFollowSaysSo() {
        #expect(SheetsMessage.formulaChainTooLong(limit: 10_000).text(.zh) == "公式层层引用其他公式，超过 10000 层")
        #expect(SheetsMessage.formulaChainTooLong(limit: 10_000).text(.en) == "it depends on a chain of more than 10000 formulas, each reading the next")
    }

    /// BIFF tokens written back as Excel shows them, with the parentheses precedence needs.
    @Test func biffTokensReadAsTheFormulaText() throws {
        func text(_ bytes: [UInt8]) throws -> String { try bytes.withUnsafeBytes { try BIFFFormula.text($0, 0, bytes.count) } }
        // A1 B1 + 2 *  →  (A1+B1)*2, references relative (0xC000 flags) or absolute.
        #expect(try text([0x24, 0, 0, 0x00, 0xC0, 0x24, 0, 0, 0x01, 0xC0, 0x03, 0x1E, 2, 0, 0x05]) == "(A1+B1)*2")
        #expect(try text([0x24, 4, 0, 0x02, 0x00, 0x13]) == "-$C$5")
        #expect(try text([0x25, 2, 0, 6, 0, 0x06, 0xC0, 0x06, 0xC0, 0x19, 0x10, 0, 0]) == "SUM(G3:G7)")
        #expect(try text([0x17, 2, 1, 0x1C, 0x4E, 0x56, 0x6E, 0x17, 0, 0, 0x08]) == "\"东湖\"&\"\"")
        #expect(try text([0x1F] + withUnsafeBytes(of: 2.5.bitPattern.littleEndian, Array.init) + [0x1E, 1, 0, 0x42, 2, 0x1B, 0]) == "ROUND(2.5,1)")
        // tRef3d and tArea3d name their sheet by EXTERNSHEET index; one the workbook does not resolve (another
        // workbook) is not computed.
        #expect(throws: Formula.Unsupported(.formulaOtherSheet)) { _ = try text([0x3A, 0, 0, 0, 0, 0, 0]) }
        let sheets = ["发放标准", "名 册's"]
        func text3d(_ bytes: [UInt8]) throws -> String {
            try bytes.withUnsafeBytes { try BIFFFormula.text($0, 0, bytes.count, sheet: { $0 < sheets.count ? sheets[$0] : nil }) }
        }
        #expect(try text3d([0x5A, 0, 0, 1, 0, 1, 0x00, 0x24, 2, 0, 0x00, 0xC0, 0x05]) == "'发放标准'!$B$2*A3")
        #expect(try text3d([0x3B, 1, 0, 1, 0, 2, 0, 1, 0xC0, 1, 0xC0, 0x42, 1, 4, 0]) == "SUM('名 册''s'!B2:B3)")
        #expect(throws: Formula.Unsupported(.formulaOtherSheet)) { _ = try text3d([0x3A, 2, 0, 0, 0, 0, 0]) }
        #expect(throws: Formula.Unsupported(.formulaFunction(name: "#99"))) { _ = try text([0x21, 99, 0]) }
    }

    // MARK: LibreOffice

    static let hasLibreOffice: Bool =
        (try? CLIRunner.shell("command -v soffice", in: FileManager.default.temporaryDirectory))?.status == 0

    /// LibreOffice, told to recalculate every formula on loading, computes what fulian computes on sheet
    /// 计算 (numbers equal to 12 significant digits: LibreOffice writes 0.00999999999999979 in full too).
    @Test(.enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"))
    func libreOfficeComputesTheSame() throws {
        let dir = try Self.recalculatingProfile("fulian-formula-lo")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Self.path("公式计算.xlsx"), toPath: dir.appendingPathComponent("cases.xlsx").path)
        let out = try CLIRunner.shell("HOME=$PWD/home soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir csv cases.xlsx",
                                      in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        try Self.compareWithLibreOffice(dir: dir)
    }

    /// LibreOffice computes xlwt-cross-sheet.xls's formulas on loading, every sheet as fulian does, but for the
    /// VLOOKUP fulian does not compute and the formula reading it (left empty by fulian, with a warning).
    @Test(.enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"))
    func libreOfficeComputesXlwtsOtherSheetsTheSame() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-xls-cross-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Fixture.xls("xlwt-cross-sheet.xls"), toPath: dir.appendingPathComponent("cross.xls").path)
        let out = try CLIRunner.shell("mkdir -p home && HOME=$PWD/home soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' --outdir csv cross.xls",
                                      in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        let notComputed: Set<String> = ["发放标准!B4", "汇总!B3"]
        try Self.compareEverySheet(dir, "cross", Self.xlwtCrossSheets) { cell, fulian in
            notComputed.contains(cell) ? { lo in fulian == "" && lo != "" } : nil
        }
    }

    /// LibreOffice, recalculating on loading, computes every sheet of 春蕾计划发放表-跨表引用.xlsx as fulian does;
    /// where fulian reads an error cell (a formula it cannot compute), LibreOffice shows an error too.
    @Test(.enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"))
    func libreOfficeComputesOtherSheetsTheSame() throws {
        let dir = try Self.recalculatingProfile("fulian-cross-lo")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Self.path("春蕾计划发放表-跨表引用.xlsx"), toPath: dir.appendingPathComponent("cross.xlsx").path)
        // Sheet -1: every sheet, each to cross-<sheet>.csv.
        let out = try CLIRunner.shell("HOME=$PWD/home soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' --outdir csv cross.xlsx",
                                      in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        try Self.compareEverySheet(dir, "cross", Self.crossSheets) { _, fulian in
            fulian.hasPrefix("=") ? { lo in lo.hasPrefix("#") || lo.hasPrefix("Err:") } : nil
        }
    }

    /// Compares LibreOffice's CSV of each sheet (`csv/<file>-<sheet>.csv` in `dir`) with what fulian reads,
    /// cell by cell over both sides' columns: the same text, but where `notComputed` gives, for a cell and
    /// fulian's text, what LibreOffice's must be instead (a formula fulian does not compute).
    static func compareEverySheet(_ dir: URL, _ file: String, _ sheets: [(String, [[String]])],
                                  notComputed: (_ cell: String, _ fulian: String) -> ((String) -> Bool)?) throws {
        for (name, mine) in sheets {
            let theirs = try readRows(dir.appendingPathComponent("csv/\(file)-\(name).csv").path, options: ReadOptions(encoding: .utf8))
                .map(Self.text)
            #expect(theirs.count == mine.count, "sheet \(name)")
            for (r, (m, l)) in zip(mine, theirs).enumerated() {
                for k in 0..<max(m.count, l.count) {
                    let cell = "\(name)!\(ColumnName.letters(k + 1))\(r + 1)"
                    let (f, lo) = (k < m.count ? m[k] : "", k < l.count ? l[k] : "")
                    if let check = notComputed(cell, f) {
                        #expect(check(lo), "\(cell): fulian \(f) · LibreOffice \(lo)")
                    } else {
                        #expect(f == lo, "\(cell): fulian \(f) · LibreOffice \(lo)")
                    }
                }
            }
        }
    }

    /// LibreOffice computes xlwt's formulas on loading, and gets what fulian gets, cell by cell.
    @Test(.enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"))
    func libreOfficeComputesXlwtsFormulasTheSame() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-xls-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Fixture.xls("xlwt-formulas.xls"), toPath: dir.appendingPathComponent("list.xls").path)
        let out = try CLIRunner.shell("mkdir -p home && HOME=$PWD/home soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir csv list.xls",
                                      in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        let theirs = try readRows(dir.appendingPathComponent("csv/list.csv").path, options: ReadOptions(encoding: .utf8))
        let reader = try openSpreadsheet(at: Fixture.xls("xlwt-formulas.xls"))
        let mine = try reader.rows(in: reader.sheets[0])
        #expect(theirs.count == mine.count)
        for (m, l) in zip(mine, theirs) {
            for (k, cell) in m.cells.enumerated() {
                let lo = k < l.cells.count ? l.cells[k].displayText : ""
                // LibreOffice writes dates as the cell's format shows them (yyyy-mm-dd), as fulian does.
                #expect(cell.displayText == lo, "row \(m.number) column \(k + 1): fulian \(cell.displayText) · LibreOffice \(lo)")
            }
        }
    }

    /// A fresh directory with a LibreOffice profile under `home/` that recalculates every .xlsx on loading
    /// (OOXMLRecalcMode 0: LibreOffice's default keeps XlsxWriter's 0 placeholders).
    static func recalculatingProfile(_ prefix: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        let profile = dir.appendingPathComponent("home/.config/libreoffice/4/user")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            </oor:items>
            """.write(to: profile.appendingPathComponent("registrymodifications.xcu"), atomically: true, encoding: .utf8)
        return dir
    }

    static func compareWithLibreOffice(dir: URL) throws {
        let theirs = try readRows(dir.appendingPathComponent("csv/cases.csv").path, options: ReadOptions(encoding: .utf8))
            .map { $0.cells.count > 1 ? $0.cells[1].displayText : "" }
        #expect(theirs.count == Self.cases.count)
        for (mine, lo) in zip(Self.cases, theirs) {
            if case .number(let d) = mine, let l = Double(lo) {
                #expect(abs(d - l) <= 1e-12 * max(1, abs(d)), "fulian \(d) · LibreOffice \(lo)")
            } else {
                #expect(mine.displayText == lo, "fulian \(mine.displayText) · LibreOffice \(lo)")
            }
        }
    }
}
