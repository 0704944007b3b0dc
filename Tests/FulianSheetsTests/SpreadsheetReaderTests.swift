import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

struct SpreadsheetReaderTests {
    @Test(arguments: [
        ("utf8", TextEncoding.utf8), ("UTF-8", .utf8), ("utf-8-sig", .utf8BOM), ("UTF8_BOM", .utf8BOM),
        ("utf-16", .utf16LE), ("UTF-16LE", .utf16LE), ("unicode", .utf16LE), ("utf-16be", .utf16BE),
        ("gbk", .gb18030), ("GB2312", .gb18030), ("cp936", .gb18030), ("936", .gb18030), ("GB18030", .gb18030),
    ])
    func encodingNames(name: String, encoding: TextEncoding) {
        #expect(TextEncoding(name: name) == encoding)
    }

    @Test func unknownEncodingNames() {
        #expect(TextEncoding(name: "latin2") == nil && TextEncoding(name: "big5") == nil && TextEncoding(name: "") == nil)
        #expect(TextEncoding.allCases.map(\.rawValue) == ["UTF-8", "UTF-8-BOM", "UTF-16LE", "UTF-16BE", "GB18030", "ISO-8859-1", "CP1252"])
    }

    @Test func errorsDescribeFileSheetAndRow() {
        #expect(SheetError(.corrupt, file: "a.xlsx", "bad").description == "a.xlsx: bad")
        #expect(SheetError(.corrupt, file: "a.xlsx", sheet: "名单", "bad").description == "a.xlsx (sheet 名单): bad")
        #expect(SheetError(.tooLarge, file: "a.xlsx", sheet: "名单", row: 12, "big").description == "a.xlsx (sheet 名单), row 12: big")
        #expect(SheetError(.encoding, file: "b.csv", row: 3, "x").description == "b.csv, row 3: x")
    }

    @Test func defaultLimitsAreExcelsOwn() {
        let l = ReadLimits()
        #expect(l.maxColumns == 16_384 && l.maxRows == 1_048_576 && l.maxCellBytes == 1 << 20)
        #expect(l.maxEntryBytes == 2 << 30 && l.maxCompressionRatio == 1000)
        let o = ReadOptions()
        #expect(o.encoding == nil && o.delimiter == nil && o.limits == l)
    }

    @Test func sheetsAreFoundByExactThenFoldedName() throws {
        let r = try openSpreadsheet(at: Fixture.sheets("openpyxl-types.xlsx"))
        #expect(try r.sheet(named: "隐藏").index == 1)
        #expect(try r.sheet(named: "  最后 ").index == 3)
        let e = expectSheetError(.noSuchSheet, file: "openpyxl-types.xlsx", "no sheet named 汇总") { _ = try r.sheet(named: "汇总") }
        #expect(e?.message == "no sheet named 汇总; the sheets are: 类型, 隐藏, 深度隐藏, 最后")
    }

    @Test func rowsCanBeLimited() throws {
        let r = try openSpreadsheet(at: Fixture.sheets("parity.csv"))
        #expect(try r.rows(in: r.sheets[0], limit: 0).isEmpty)
        #expect(try r.rows(in: r.sheets[0], limit: 2).map(\.number) == [1, 2])
        #expect(try r.rows(in: r.sheets[0]).count == 11)
    }
}
