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
