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
        let bad = SheetError(.corrupt, file: "a.xlsx", .noSheetData)
        #expect(bad.text(.en) == "a.xlsx: the sheet has no <sheetData>: the file is damaged")
        #expect(bad.text(.zh) == "a.xlsx：工作表没有 <sheetData>：文件已损坏")
        let inSheet = SheetError(.corrupt, file: "a.xlsx", sheet: "名单", .noSheetData)
        #expect(inSheet.text(.en) == "a.xlsx (sheet 名单): the sheet has no <sheetData>: the file is damaged")
        #expect(inSheet.text(.zh) == "a.xlsx 工作表“名单”：工作表没有 <sheetData>：文件已损坏")
        let big = SheetError(.tooLarge, file: "a.xlsx", sheet: "名单", row: 12, .cellTooLong(limit: 1024))
        #expect(big.text(.en) == "a.xlsx (sheet 名单), row 12: a cell holds more than 1024 bytes")
        #expect(big.text(.zh) == "a.xlsx 工作表“名单” 第 12 行：有一个单元格超过 1024 字节")
        let csv = SheetError(.encoding, file: "b.csv", row: 3, .invalidBytes(line: 3, encoding: "GB18030"))
        #expect(csv.text(.en) == "b.csv, row 3: the bytes on line 3 are not valid GB18030; use --encoding to name the file's encoding")
        #expect(csv.text(.zh) == "b.csv 第 3 行：第 3 行的字节不是有效的 GB18030；请用 --encoding 指明文件的编码")
        #expect(SheetError(.empty, file: "c.csv", .empty).description == SheetError(.empty, file: "c.csv", .empty).text())
        let readerErrors: [(SheetsMessage, String, String)] = [
            (.noSuchFile, "no such file", "文件不存在"),
            (.cannotOpenCheckPermissions, "the file cannot be opened (check its permissions)", "无法打开文件（请检查文件的访问权限）"),
            (.notUTF8AsForced, "the file is not valid UTF-8 (as --encoding says); it may be GB18030: try --encoding gb18030",
             "文件不是有效的 UTF-8（--encoding 指定为 UTF-8）；可能是 GB18030，请试 --encoding gb18030"),
            (.passwordProtected, "the workbook is password-protected; open it in Excel or WPS, remove the password, save, and try again",
             "工作簿设有密码；请在 Excel 或 WPS 中打开，取消密码、保存后再试"),
            (.tooOld, "Excel 4.0 or older workbook: open it in Excel or WPS and save as .xlsx",
             "Excel 4.0 或更早版本的工作簿：请在 Excel 或 WPS 中打开并另存为 .xlsx"),
            (.damagedZip(reason: .noEndRecord),
             "not a readable XLSX file: the zip container is truncated or damaged (it has no end-of-central-directory record)",
             "不是可读取的 XLSX 文件：zip 容器不完整或已损坏（没有中央目录结束记录）"),
            (.damagedAt(offset: 2048, reason: .recordPastEnd(type: "0203", truncated: true)),
             "the workbook is damaged at byte 2048 of its stream: record 0x0203 runs past the end of the stream (truncated file?)",
             "工作簿在其数据流第 2048 字节处损坏：记录 0x0203 超出数据流末尾（文件不完整？）"),
            (.recordTooShort(record: "XF"), "an XF record is too short", "XF 记录过短"),
            (.noSuchSheet(name: "汇总", sheets: []), "no sheet named 汇总", "没有名为“汇总”的工作表"),
        ]
        for (m, en, zh) in readerErrors {
            #expect(m.text(.en) == en)
            #expect(m.text(.zh) == zh)
        }
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
        #expect(e?.message.text(.en) == "no sheet named 汇总; the sheets are: 类型, 隐藏, 深度隐藏, 最后")
        #expect(e?.message.text(.zh) == "没有名为“汇总”的工作表；文件中的工作表有：类型、隐藏、深度隐藏、最后")
    }

    @Test func rowsCanBeLimited() throws {
        let r = try openSpreadsheet(at: Fixture.sheets("parity.csv"))
        #expect(try r.rows(in: r.sheets[0], limit: 0).isEmpty)
        #expect(try r.rows(in: r.sheets[0], limit: 2).map(\.number) == [1, 2])
        #expect(try r.rows(in: r.sheets[0]).count == 11)
    }
}
