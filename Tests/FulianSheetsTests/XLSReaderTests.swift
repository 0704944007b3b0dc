import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

struct XLSReaderTests {
    static func open(_ name: String) throws -> XLSReader { try XLSReader(path: Fixture.sheets(name)) }

    @Test func xlwtSheetsVisibilityAndDateSystem() throws {
        let r = try XLSReaderTests.open("xlwt-types.xls")
        #expect(r.format == .xls && r.dateSystem == .system1900 && r.textEncoding == nil && r.warnings.isEmpty)
        #expect(r.sheets == [
            SheetInfo(name: "名册", index: 0, dimension: CellRange(reference: "A1:D11")),
            SheetInfo(name: "隐藏", index: 1, visibility: .hidden, dimension: CellRange(reference: "A1")),
            SheetInfo(name: "最后", index: 2, dimension: CellRange(reference: "A1")),
        ])
        #expect(try r.rows(in: r.sheet(named: "隐藏")).map(\.cells) == [[t("hidden")]])
        #expect(try r.rows(in: r.sheet(named: "最后")) == [Row(number: 1, cells: [t("last")])])
    }

    @Test func xlwtTextNumbersDatesAndMergedCells() throws {
        let r = try XLSReaderTests.open("xlwt-types.xls")
        let rows = try r.rows(in: r.sheets[0])
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 7, 8, 9, 11])
        #expect(rows.map(\.cells) == [
            [t("姓名"), t("数字"), t("日期")],
            [t("张秀英"), n(42), date(2024, 1, 5)],
            [t("李娜"), n(1500.25), dateTime(2024, 1, 5, 8, 30)],
            [t("  空格  "), n(45296), date(2024, 12, 31)],     // a serial in a General cell stays a number
            [.empty, .empty, .empty, t("稀疏")],
            [t("空行之后")],
            [t("合并标题")],                                      // merged cells: the value, then blanks
            [.empty, t("纵向合并")],
            [date(1900, 2, 28), n(60), date(1900, 3, 1)],        // 60 is the phantom 1900-02-29: a number, as in XLSX
        ])
        #expect(try r.mergedRanges(in: r.sheets[0]) == [CellRange(reference: "B9:B10")!, CellRange(reference: "A8:C8")!])
        #expect(try r.mergedRanges(in: r.sheets[1]).isEmpty)
    }

    @Test func the1904DateSystem() throws {
        let r = try XLSReaderTests.open("xlwt-1904.xls")
        #expect(r.dateSystem == .system1904)
        // Serial 0 is 1904-01-01 (a date format with no time part: NumberFormatKind.date).
        #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [[t("日期")], [date(2024, 1, 5)], [date(1904, 1, 1)], [n(43834)]])
    }

    @Test func readingStopsEarly() throws {
        let r = try XLSReaderTests.open("xlwt-types.xls")
        #expect(try r.rows(in: r.sheets[0], limit: 2).map(\.number) == [1, 2])
        expectSheetError(.noSuchSheet, file: "xlwt-types.xls", "no sheet named 其他") {
            _ = try r.rows(in: SheetInfo(name: "其他", index: 1))
        }
    }

    @Test func anEncryptedXLSXIsRefused() {
        expectSheetError(.encrypted, file: "encrypted.xlsx", "password-protected (an encrypted .xlsx); open it in Excel or WPS") {
            _ = try openSpreadsheet(at: Fixture.hostile("encrypted.xlsx"))
        }
    }

    @Test func aPasswordProtectedXLSIsRefused() {
        expectSheetError(.encrypted, file: "filepass.xls", "the workbook is password-protected; open it in Excel or WPS, remove the password") {
            _ = try openSpreadsheet(at: Fixture.hostile("filepass.xls"))
        }
    }

    @Test func aFileOverTheSizeLimitIsNotRead() {
        var options = ReadOptions()
        options.limits.maxEntryBytes = 1000
        expectSheetError(.tooLarge, file: "xlwt-types.xls", "the file is larger than 1000 bytes") {
            _ = try XLSReader(path: Fixture.sheets("xlwt-types.xls"), options: options)
        }
    }
}

/// The hand-made and writer-made fixtures of `fixtures/xls/` (see its README), cell by cell.
struct XLSFixtureTests {
    static func open(_ name: String, options: ReadOptions = ReadOptions()) throws -> XLSReader {
        try XLSReader(path: FixturePaths.fixture("xls/\(name)").path, options: options)
    }
    static func rows(_ name: String, sheet: Int = 0) throws -> [Row] {
        let r = try open(name)
        return try r.rows(in: r.sheets[sheet])
    }
    static func time(_ h: Int, _ m: Int, _ s: Int = 0) -> Cell { .time(Double(h * 3600 + m * 60 + s)) }

    @Test func formulasKeepEveryKindOfCachedResult() throws {
        let rows = try XLSFixtureTests.rows("handmade-formulas.xls")
        #expect(rows.map { $0.trimmed } == [
            [t("类型"), t("结果")],
            [t("number"), n(2500.75)],
            [t("string"), t("小计")],                       // the STRING record after the FORMULA
            [t("bool"), .bool(true)],
            [t("false"), .bool(false)],
            [t("error"), .error("#DIV/0!")],
            [t("ref"), .error("#REF!")],
            [t("empty")],                                   // an empty-string result is an empty cell
            [t("date"), date(2024, 1, 5)],                  // a number result takes its XF's date format
            [t("shared"), t("共享")],                       // SHRFMLA between FORMULA and STRING
            [.empty, t("第二")],
            [t("long"), t(String(repeating: "合计说明", count: 30))],  // STRING continued in a CONTINUE record
            [t("decimal"), n(0.125)],
            [t("blank text")],
        ])
        #expect(rows.map(\.number) == Array(1...14))
    }

    @Test func sharedStringsSplitAcrossContinueRecordsAnywhere() throws {
        let rows = try XLSFixtureTests.rows("handmade-sst.xls")
        #expect(rows.map { $0[1] } == [
            t("序号"), t("abcdefghij"), t("Ünïcode中文"), t("王小红"), t("粗体 text"), t("张秀英"), .empty,
            t("欧阳娟的长备注"), t("next record"), t("阿依古丽"), t("ab中"),
        ])
        #expect(rows.map { $0[0] } == (0..<11).map { n(Double($0)) })
    }

    @Test func numbersInEveryEncodingBooleansErrorsAndBlanks() throws {
        let rows = try XLSFixtureTests.rows("handmade-cells.xls")
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6, 8, 10])   // row 7 holds only blanks
        #expect(rows[0].cells == [t("RK"), n(42), n(123.45), n(2.5), n(1.5), n(-7)])
        #expect(rows[1].cells == [t("MULRK"), n(1), n(-2.5), n(0.5), n(12.34)])
        #expect(rows[2].cells == [t("NUMBER"), n(1500.25), n(-0.001), n(1e300), n(123456789012345)])
        #expect(rows[3].cells == [t("BOOLERR"), .bool(true), .bool(false)])
        #expect(rows[4].cells == [t("errors")] + ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"].map { Cell.error($0) })
        #expect(rows[5].cells == [t("blanks"), .empty, .empty, .empty, .empty, .empty, t("after blanks")])
        #expect(rows[6].cells == [t("label 8-bit"), t("Müller"), t("赵雪梅"), t("富文本")])   // LABEL 8-bit, 16-bit, RSTRING
        #expect(rows[7].cells == [.empty, .empty, t("sparse")])
    }

    @Test func dateTimeAndDurationFormatsAsTheXLSXReaderReadsThem() throws {
        let rows = try XLSFixtureTests.rows("handmade-dates.xls")
        func row(_ id: Int) -> [Cell] { rows.first { $0[0] == n(Double(id)) }!.cells }
        // Columns: id, 45296, 45296.6875, 0.6875, -1.5, 59, 60, 61, 0.
        let dated = [date(2024, 1, 5), dateTime(2024, 1, 5, 16, 30)]
        for id in [14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58, 164, 168] {
            #expect(Array(row(id)[1...]) == dated + [n(0.6875), n(-1.5), date(1900, 2, 28), n(60), date(1900, 3, 1), n(0)], "format \(id)")
        }
        for id in [18, 19, 20, 21, 32, 33, 34, 35, 45, 47, 55, 56, 166, 169] {
            #expect(Array(row(id)[1...]) == dated + [XLSFixtureTests.time(16, 30), n(-1.5), date(1900, 2, 28), n(60), date(1900, 3, 1), .time(0)], "format \(id)")
        }
        for id in [22, 171, 174] {
            #expect(Array(row(id)[1...]) == dated + [XLSFixtureTests.time(16, 30), n(-1.5), date(1900, 2, 28), n(60), date(1900, 3, 1), n(0)], "format \(id)")
        }
        for id in [46, 165, 170] {
            #expect(Array(row(id)[1...]) == [45296.0, 45296.6875, 0.6875, -1.5, 59, 60, 61, 0].map { Cell.duration($0 * 86_400) }, "format \(id)")
        }
        for id in [167, 172, 173] {
            #expect(Array(row(id)[1...]) == [45296.0, 45296.6875, 0.6875, -1.5, 59, 60, 61, 0].map(n), "format \(id)")
        }
        #expect(rows.last?.cells == [t("duration"), .duration(131_400), .duration(-21_600)])
    }

    @Test func the1904SystemHasADayZero() throws {
        let r = try XLSFixtureTests.open("handmade-1904.xls")
        #expect(r.dateSystem == .system1904)
        let rows = try r.rows(in: r.sheets[0])
        #expect(Array(rows[1].cells[1...]) == [date(2028, 1, 6), dateTime(2028, 1, 6, 16, 30), dateTime(1904, 1, 1, 16, 30), n(-1.5),
                                              date(1904, 2, 29), date(1904, 3, 1), date(1904, 3, 2), date(1904, 1, 1)])
    }

    @Test func sheetsByKindVisibilityAndOrderInACapitalisedWorkbookStream() throws {
        let r = try XLSFixtureTests.open("handmade-WORKBOOK.xls")
        // The chart sheet 图表 and the macro sheet 宏表 are not data sheets.
        #expect(r.sheets.map(\.name) == ["名册", "隐藏", "深藏", "乱序"])
        #expect(r.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden, .visible])
        #expect(r.sheets.map(\.index) == [0, 1, 2, 3])
        #expect(r.sheets[0].dimension == CellRange(reference: "A1:C4"))
        // The chart embedded in 名册 (its own BOF…EOF) adds no cells.
        #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [[t("合并标题")], [t("姓名"), t("社区")], [t("李娜"), t("金沙社区")], [t("孙燕"), .empty, n(3)]])
        #expect(try r.mergedRanges(in: r.sheets[0]) == [CellRange(reference: "A1:C1")!, CellRange(reference: "B3:B4")!])
        #expect(try r.rows(in: r.sheets[2]).map(\.cells) == [[t("very hidden")]])
        // Cells written out of row order come out in row order.
        #expect(try r.rows(in: r.sheets[3]) == [Row(number: 1, cells: [t("first"), t("first B")]), Row(number: 2, cells: [t("second"), t("second B")]),
                                               Row(number: 3, cells: [t("third"), t("third B")])])
        #expect(try r.rows(in: r.sheets[3], limit: 1).count == 1)
    }

    @Test func biff5TextInItsCodePage() throws {
        let r = try XLSFixtureTests.open("handmade-biff5-cp936.xls")
        #expect(r.sheets.map(\.name) == ["救助名单", "第二页"] && r.sheets[1].visibility == .hidden)
        #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [
            [t("姓名"), t("所属社区"), t("发放日期"), t("金额")],
            [t("张秀英"), t("金沙社区"), date(2024, 1, 5), n(1500.5)],
            [t("欧阳娟"), t("滨江社区"), date(2024, 1, 9), n(800)],          // custom yyyy"年"m"月"d"日" in GBK
            [t("合计"), .empty, .empty, n(2300.5)],                         // BIFF5 RSTRING, FORMULA number
            [t("备注"), .bool(true), .error("#N/A"), .error("#REF!")],      // BIFF5 STRING after FORMULA
        ])
        #expect(try r.rows(in: r.sheets[1]).map(\.cells) == [[t("隐藏页")]])
        let latin = try XLSFixtureTests.open("handmade-biff5-cp1252.xls")
        #expect(latin.sheets.map(\.name) == ["Café"])
        #expect(try latin.rows(in: latin.sheets[0]).map(\.cells) == [[t("Café €5 – naïve"), n(5)]])   // no CODEPAGE: CP1252
    }

    @Test func writerFilesFromXlwtAndLibreOffice() throws {
        let x = try XLSFixtureTests.rows("xlwt-cells.xls")
        #expect(x[1].cells == [t("张秀英"), t("439951198503120228"), date(2024, 1, 5), dateTime(2024, 1, 5, 8, 30), .duration(95_400),
                               XLSFixtureTests.time(9, 15), n(1500.5), .bool(true), t("首次")])
        #expect(x[4].cells == [.error("#DIV/0!"), .error("#N/A"), .bool(false)])
        #expect(x[5].cells == [n(123456789), n(0.1), n(12.34), n(2_147_483_648)])
        let lo = try XLSFixtureTests.open("libreoffice-biff8.xls")
        #expect(lo.sheets.map(\.name) == ["汇总", "名单", "隐藏"])
        let rows = try lo.rows(in: lo.sheets[0])
        #expect(rows[4].cells == [t("合计"), n(20), n(2300.75), date(2024, 6, 30), t("达标")])
        #expect(rows[5].cells == [t("比例"), .error("#DIV/0!"), .bool(true), .bool(true)])
        #expect(rows[6].cells.prefix(4) == [t("查找"), .error("#N/A"), t("金沙社区(12)"), .duration(0)])
        #expect(rows[6][4] == t(String(repeating: "长", count: 300)))
        #expect(try lo.rows(in: lo.sheets[1]).count == 300)                 // a shared-string table with CONTINUE records
        #expect(try lo.rows(in: lo.sheets[1])[299][0] == t("居民299号 " + String(repeating: "备注", count: 299 % 7)))
        #expect(try lo.mergedRanges(in: lo.sheets[0]) == [CellRange(reference: "A9:C9")!])
    }

    static let tooOld = "Excel 4.0 or older workbook: open it in Excel or WPS and save as .xlsx"

    @Test(arguments: ["refuse-biff2.xls", "refuse-biff4.xls", "refuse-biff4-in-ole2.xls"])
    func excel4AndOlderAreRefused(file: String) {
        expectSheetError(.corrupt, file: file, XLSFixtureTests.tooOld) {
            _ = try openSpreadsheet(at: FixturePaths.fixture("xls/\(file)").path)
        }
    }

    @Test func aDamagedRecordNamesTheFileSheetAndOffset() throws {
        expectSheetError(.corrupt, file: "damaged-sst.xls", "the workbook is damaged at byte") {
            _ = try XLSFixtureTests.open("damaged-sst.xls")
        }
        let r = try XLSFixtureTests.open("damaged-number.xls")
        let e = expectSheetError(.corrupt, file: "damaged-number.xls", "a NUMBER record is too short") { _ = try r.rows(in: r.sheets[0]) }
        #expect(e?.sheet == "坏表" && e?.row == 1)
        #expect(e?.message.text(.en).hasPrefix("the workbook is damaged at byte ") == true)
        #expect(e?.message.text(.en).hasSuffix(" of its stream: a NUMBER record is too short") == true)
        #expect(e?.text(.zh).hasPrefix("damaged-number.xls 工作表“坏表” 第 1 行：工作簿在其数据流第 ") == true)
        #expect(e?.message.text(.zh).hasSuffix(" 字节处损坏：NUMBER 记录过短") == true)
        let sst = expectSheetError(.corrupt, file: "damaged-sst.xls", "shared string 1 is cut off") { _ = try XLSFixtureTests.open("damaged-sst.xls") }
        #expect(sst?.message.text(.zh).hasSuffix("共享字符串 1 被截断（SST 记录或其 CONTINUE 记录已损坏）") == true)
    }

    @Test func rowAndColumnLimits() throws {
        var o = ReadOptions()
        o.limits.maxRows = 3
        let r = try XLSFixtureTests.open("handmade-cells.xls", options: o)
        expectSheetError(.tooLarge, file: "handmade-cells.xls", "row 4 is beyond the limit of 3 rows") { _ = try r.rows(in: r.sheets[0]) }
        #expect(try r.rows(in: r.sheets[0], limit: 3).count == 3)
        o = ReadOptions()
        o.limits.maxColumns = 5
        let c = try XLSFixtureTests.open("handmade-cells.xls", options: o)
        expectSheetError(.tooLarge, file: "handmade-cells.xls", "a cell lies in column 6, beyond the limit of 5") { _ = try c.rows(in: c.sheets[0]) }
    }

    @Test func rawBIFFIsDetectedAsXLS() {
        #expect(FormatDetection.format(ofHead: [0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00]) == .xls)
        #expect(FormatDetection.format(ofHead: [0x09, 0x00, 0x04, 0x00, 0x02, 0x00, 0x10, 0x00]) == .xls)
        #expect(FormatDetection.format(ofHead: [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]) == .xls)
        #expect(FormatDetection.format(ofHead: Array("\t\u{8}姓名,金额".utf8)) == .csv)
        #expect(FormatDetection.format(ofHead: [0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x33, 0x00]) == .csv)
    }

    /// Every prefix and many single-byte corruptions of each hand-made fixture either read or fail with a
    /// ``SheetError``: no crash, no hang.
    @Test func truncatedAndCorruptedCopiesFailCleanly() throws {
        var seed: UInt64 = 0x5EED_F00D
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        for name in ["handmade-formulas.xls", "handmade-sst.xls", "handmade-cells.xls", "handmade-biff5-cp936.xls", "xlwt-cells.xls"] {
            let original = try Fixture.bytes("xls/\(name)")
            var variants: [[UInt8]] = stride(from: 0, to: original.count, by: max(1, original.count / 97)).map { Array(original.prefix($0)) }
            for _ in 0..<150 {
                var v = original
                for _ in 0..<(1 + Int(next() % 4)) { v[Int(next() % UInt64(v.count))] = UInt8(truncatingIfNeeded: next()) }
                variants.append(v)
            }
            for v in variants {
                let path = try TempFile.write(v, name: "mutated.xls")
                do {
                    let r = try XLSReader(path: path)
                    for s in r.sheets { _ = try r.rows(in: s); _ = try r.mergedRanges(in: s) }
                } catch is SheetError {
                } catch {
                    Issue.record("\(name): \(type(of: error)) \(error)")
                }
            }
        }
    }
}
