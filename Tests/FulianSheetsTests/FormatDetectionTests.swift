import Foundation
@testable import FulianSheets
import Testing
import TestSupport

struct FormatDetectionTests {
    @Test(arguments: [
        ([0x50, 0x4B, 3, 4, 20, 0, 0, 0], SheetFormat.xlsx),
        ([0x50, 0x4B, 5, 6, 0, 0, 0, 0], .xlsx),                   // an empty zip
        ([0x50, 0x4B, 7, 8, 0, 0, 0, 0], .xlsx),                   // a spanned zip's marker
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], .xls),
        ([0xD0, 0xCF, 0x11, 0xE0], .csv),                          // too short for the OLE2 signature
        ([0x50, 0x4B], .csv),
        (Array("PK,name\n".utf8), .csv),
        (Array("姓名,金额".utf8), .csv),
        ([0xEF, 0xBB, 0xBF, 0x61], .csv),
    ] as [([UInt8], SheetFormat)])
    func formatFromTheFirstBytes(head: [UInt8], format: SheetFormat) {
        #expect(FormatDetection.format(ofHead: head) == format)
    }

    @Test(arguments: [
        ("<!DOCTYPE html><html><body>", SheetFormat.html),
        ("  \r\n<HTML xmlns:x=\"urn:schemas-microsoft-com:office:excel\">", .html),
        ("<table border=1><tr><td>姓名</td></tr>", .html),
        ("<meta http-equiv=\"Content-Type\" content=\"application/vnd.ms-excel; charset=gb2312\">", .html),
        ("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", .html),
        ("<!-- 导出 -->\n<style>td{}</style>\n<table>", .html),
        ("\u{FEFF}<html>", .html),
        ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", .html),
        ("姓名,备注\n张三,<table>\n", .csv),                                   // markup later in a cell
        ("<b>姓名</b>,备注\n张三,<table>\n", .csv),                             // a CSV line before the tag
        ("<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Table>", .csv),
        ("姓名,金额\n", .csv),
    ] as [(String, SheetFormat)])
    func webPagesAreToldFromTheirFirstKilobyte(head: String, format: SheetFormat) {
        #expect(FormatDetection.format(ofHead: Array(head.utf8)) == format)
    }

    @Test func aUTF16WebPageIsHTML() {
        let le: [UInt8] = [0xFF, 0xFE] + "<html><body><table>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(FormatDetection.format(ofHead: le) == .html)
        #expect(FormatDetection.isMHT(Array("From: <由 Microsoft Excel 保存>\nMIME-Version: 1.0\nContent-Type: multipart/related;".utf8)))
        #expect(!FormatDetection.isMHT(Array("姓名,MIME-Version:\n".utf8)))
    }

    @Test func aWebPageNamedXLSOpensAsHTML() throws {
        #expect(try FormatDetection.format(ofFileAt: Fixture.sheets("html/系统导出-春蕾计划.xls")) == .html)
        let reader = try openSpreadsheet(at: Fixture.sheets("html/系统导出-春蕾计划.xls"))
        #expect(reader.format == .html && reader is HTMLTableReader)
    }

    @Test func formatOfFilesIgnoresTheExtension() throws {
        #expect(try FormatDetection.format(ofFileAt: Fixture.sheets("parity.xlsx")) == .xlsx)
        #expect(try FormatDetection.format(ofFileAt: Fixture.sheets("parity.xls")) == .xls)
        #expect(try FormatDetection.format(ofFileAt: Fixture.hostile("encrypted.xlsx")) == .xls)
        #expect(try FormatDetection.format(ofFileAt: TempFile.write(Array("a,b\n".utf8), name: "data.xlsx")) == .csv)
    }

    @Test func missingAndEmptyFilesAreNamed() throws {
        expectSheetError(.unreadable, file: "nowhere.xlsx", "no such file") {
            _ = try FormatDetection.format(ofFileAt: "/nonexistent/dir/nowhere.xlsx")
        }
        expectSheetError(.empty, file: "empty.csv", "the file is empty") {
            _ = try FormatDetection.format(ofFileAt: Fixture.hostile("empty.csv"))
        }
    }

    @Test func aCSVNamedXLSXReadsAsCSV() throws {
        let reader = try TempFile.open(Array("姓名,金额\n张三,100\n".utf8), name: "导出.xlsx")
        #expect(reader.format == .csv && reader is CSVReader)
        #expect(reader.sheets.map(\.name) == ["导出"])
        #expect(try reader.rows(in: reader.sheets[0]).map(\.cells) == [[t("姓名"), t("金额")], [t("张三"), t("100")]])
    }

    @Test func anXLSXNamedCSVAndAnXLSNamedXLSXReadByContent() throws {
        let xlsx = try TempFile.open(Fixture.bytes("sheets/parity.xlsx"), name: "名单.csv")
        #expect(xlsx.format == .xlsx && xlsx.sheets.map(\.name) == ["发放名单"])
        let xls = try TempFile.open(Fixture.bytes("sheets/parity.xls"), name: "名单.xlsx")
        #expect(xls.format == .xls && xls.sheets.map(\.name) == ["发放名单"])
    }

    @Test func randomBytesNamedXLSXAreNeitherFormat() {
        let e = expectSheetError(.corrupt, file: "random-binary.xlsx", "neither XLSX (zip), XLS (OLE2) nor text") {
            _ = try openSpreadsheet(at: Fixture.hostile("random-binary.xlsx"))
        }
        #expect(e?.text(.en) == "random-binary.xlsx: the file is not a spreadsheet: its content is neither XLSX (zip), XLS (OLE2) nor text")
        #expect(e?.text(.zh) == "random-binary.xlsx：文件不是表格：内容既不是 XLSX（zip）、XLS（OLE2），也不是文本")
    }
}
