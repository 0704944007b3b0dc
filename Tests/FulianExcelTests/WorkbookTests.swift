import Foundation
import FulianCore
import TestSupport
import Testing

@testable import FulianExcel

/// Writes a workbook with `body`, closes it, and returns its parts.
private func parts(
    _ dir: ScratchDirectory, _ name: String = "t.xlsx", constantMemory: Bool = false,
    properties: DocumentProperties = DocumentProperties(), _ body: (Workbook) throws -> Void
) throws -> [String: String] {
    let url = dir.file(name)
    let wb = try Workbook(path: url.path, constantMemory: constantMemory, properties: properties)
    try body(wb)
    try wb.close()
    return try XLSXParts.read(url)
}

/// Runs `body` and returns the ExcelError it throws (recording an issue when it throws none).
private func excelError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> ExcelError? {
    do {
        try body()
        Issue.record("expected an ExcelError, none thrown", sourceLocation: sourceLocation)
        return nil
    } catch let e as ExcelError {
        return e
    } catch {
        Issue.record("expected an ExcelError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

@Suite("Cell values")
struct CellValueTests {
    @Test("text that looks like a formula stays text")
    func formulaInjection() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir) { wb in
            let s = try wb.addWorksheet(name: "名单")
            try s.write(row: 0, col: 0, .text("=HYPERLINK(\"http://x\",\"y\")"))
            try s.write(row: 0, col: 1, "+1")
            try s.write(row: 0, col: 2, "-2")
            try s.write(row: 0, col: 3, "@SUM(A1)")
        }
        let sheet = try #require(p["xl/worksheets/sheet1.xml"])
        #expect(!sheet.contains("<f>"))
        for ref in ["A1", "B1", "C1", "D1"] {
            let c = try #require(XLSXParts.cell(ref, in: sheet))
            #expect(c.contains("t=\"s\""), "\(ref): \(c)")
        }
        let sst = try #require(p["xl/sharedStrings.xml"])
        #expect(sst.contains("<t>=HYPERLINK(\"http://x\",\"y\")</t>"))
        #expect(sst.contains("<t>+1</t>"))
        #expect(sst.contains("<t>@SUM(A1)</t>"))
    }

    @Test("a SUM formula carries its cached value")
    func formulaWithCachedValue() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir) { wb in
            let s = try wb.addWorksheet(name: "Sheet1")
            try s.writeRow(row: 0, ["单位", "人数"], style: .header)
            for (i, n) in [10, 20, 30].enumerated() {
                try s.writeRow(row: 1 + i, [.text("区\(i)"), .integer(Int64(n))], styles: [nil, .integer])
            }
            try s.writeRow(row: 4, ["合计", .formula("=SUM(B2:B4)", cached: 60)], styles: [.totals, .integer.totals()])
        }
        let sheet = try #require(p["xl/worksheets/sheet1.xml"])
        let b5 = try #require(XLSXParts.cell("B5", in: sheet))
        #expect(b5.contains("<f>SUM(B2:B4)</f><v>60</v>"), "\(b5)")
    }

    @Test("NaN and infinity are rejected; finite(_:) writes a blank instead")
    func nonFiniteNumbers() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("nan.xlsx")
        let wb = try Workbook(path: url.path)
        let s = try wb.addWorksheet(name: "率")
        let nan = excelError { try s.write(row: 0, col: 0, .number(.nan)) }
        #expect(nan?.kind == .nonFiniteNumber)
        #expect(nan?.cell == "A1")
        #expect(nan?.text(.zh) == "\(url.path) 工作表“率”单元格 A1：无法写入 nan：Excel 没有 NaN 或无穷大（需要空白时用 ExcelValue.finite(_:)）")
        #expect(nan?.text(.en) == "\(url.path), sheet \"率\", cell A1: nan cannot be written; Excel has no NaN or infinity (use ExcelValue.finite(_:) for a blank)")
        #expect(excelError { try s.write(row: 0, col: 1, .number(-.infinity)) }?.kind == .nonFiniteNumber)
        #expect(excelError { try s.write(row: 0, col: 2, .formula("B1/C1", cached: .infinity)) }?.kind == .nonFiniteNumber)
        try s.write(row: 1, col: 0, .finite(0.0 / 0.0))
        try s.write(row: 1, col: 1, .finite(.infinity), style: .percent)
        try s.write(row: 1, col: 2, .finite(0.5), style: .percent)
        try wb.close()
        let sheet = try #require(try XLSXParts.read(url)["xl/worksheets/sheet1.xml"])
        #expect(XLSXParts.cell("A1", in: sheet) == nil)
        #expect(XLSXParts.cell("A2", in: sheet) == nil)
        let b2 = try #require(XLSXParts.cell("B2", in: sheet))
        #expect(!b2.contains("<v>"), "styled blank: \(b2)")
        #expect(try #require(XLSXParts.cell("C2", in: sheet)).contains("<v>0.5</v>"))
    }

    @Test("money is written in yuan, exact from fen, with a money format")
    func moneyExact() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir) { wb in
            let s = try wb.addWorksheet(name: "资金")
            try s.write(row: 0, col: 0, .money(Money(fen: 123_450)))
            try s.write(row: 1, col: 0, .money(Money(fen: 1_234_567_890_123)))
            try s.write(row: 2, col: 0, .money(Money(fen: -5)))
            #expect(excelError { try s.write(row: 3, col: 0, .money(Money(fen: Worksheet.maxExactInteger + 1))) }?.kind
                == .numberNotExact)
        }
        let sheet = try #require(p["xl/worksheets/sheet1.xml"])
        #expect(try #require(XLSXParts.cell("A1", in: sheet)).contains("<v>1234.5</v>"))
        #expect(try #require(XLSXParts.cell("A2", in: sheet)).contains("<v>12345678901.23</v>"))
        #expect(try #require(XLSXParts.cell("A3", in: sheet)).contains("<v>-0.05</v>"))
        let styles = try #require(p["xl/styles.xml"])
        #expect(styles.contains("formatCode=\"#,##0.00\""))
        let xf = XLSXParts.cellXfs(styles)[try #require(XLSXParts.styleIndex("A1", in: sheet))]
        #expect(xf.contains("numFmtId=\"164\""), "\(xf)")
    }

    @Test("dates are serial numbers with a date number format")
    func dates() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir) { wb in
            let s = try wb.addWorksheet(name: "日期")
            try s.write(row: 0, col: 0, .date(CivilDate(year: 2024, month: 3, day: 31)!))
            try s.write(row: 0, col: 1, .date(CivilDate(year: 1900, month: 3, day: 1)!), style: .header)
            #expect(excelError { try s.write(row: 0, col: 2, .date(CivilDate(year: 1900, month: 2, day: 28)!)) }?.kind
                == .invalidArgument)
        }
        let sheet = try #require(p["xl/worksheets/sheet1.xml"])
        #expect(try #require(XLSXParts.cell("A1", in: sheet)).contains("<v>45382</v>"))
        #expect(try #require(XLSXParts.cell("B1", in: sheet)).contains("<v>61</v>"))
        let styles = try #require(p["xl/styles.xml"])
        #expect(styles.contains("<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"))
        let xfs = XLSXParts.cellXfs(styles)
        for ref in ["A1", "B1"] {
            let xf = xfs[try #require(XLSXParts.styleIndex(ref, in: sheet))]
            #expect(xf.contains("numFmtId=\"164\""), "\(ref): \(xf)")
        }
    }

    /// Texts of every length around the 15 bytes a string keeps inside its value (copied to the stack for
    /// the library) and past it, ASCII and Chinese: each cell holds exactly its text.
    @Test("short and long texts reach the library whole")
    func textsOfEveryLength() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("texts.xlsx")
        let wb = try Workbook(path: url.path, constantMemory: true)
        let s = try wb.addWorksheet(name: "T")
        var texts: [String] = []
        for n in 1...20 { texts.append(String((0..<n).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })) }
        for n in 1...7 { texts.append(String(repeating: "社", count: n) + "a") }   // 4 … 22 bytes
        for (r, t) in texts.enumerated() { try s.write(row: r, col: 0, .text(t)) }
        try wb.close()
        let sheet = try #require(try XLSXParts.read(url)["xl/worksheets/sheet1.xml"])
        for (r, t) in texts.enumerated() {
            let cell = try #require(XLSXParts.cell("A\(r + 1)", in: sheet))
            #expect(cell.contains("<t>\(t)</t>"), "\(t): \(cell)")
        }
    }

    @Test("booleans, integers and limits")
    func limits() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("limits.xlsx")
        let wb = try Workbook(path: url.path)
        let s = try wb.addWorksheet(name: "L")
        try s.write(row: 0, col: 0, .bool(true))
        try s.write(row: 0, col: 1, 9_007_199_254_740_992)
        try s.write(row: 0, col: 2, .text(String(repeating: "x", count: 32_767)))
        let long = excelError { try s.write(row: 1, col: 0, .text(String(repeating: "x", count: 32_768))) }
        #expect(long?.kind == .stringTooLong)
        #expect(long?.message.text(.en) == "text is 32768 characters (UTF-16 units); Excel allows at most 32767")
        // 32,767 Chinese characters are 98,301 UTF-8 bytes but 32,767 UTF-16 units: allowed.
        try s.write(row: 0, col: 3, .text(String(repeating: "社", count: 32_767)))
        #expect(excelError { try s.write(row: 1, col: 0, .text(String(repeating: "社", count: 32_768))) }?.kind == .stringTooLong)
        #expect(excelError { try s.write(row: 1, col: 0, .text(String(repeating: "社", count: 20_000) + "\u{0}")) }?.kind == .embeddedNul)
        // 16,384 emoji are 16,384 characters to the C library but 32,768 UTF-16 units to Excel.
        #expect(excelError { try s.write(row: 1, col: 0, .text(String(repeating: "😀", count: 16_384))) }?.kind == .stringTooLong)
        #expect(excelError { try s.write(row: 1, col: 0, .text("a\u{0}b")) }?.kind == .embeddedNul)
        let row = excelError { try s.write(row: 1_048_576, col: 0, "x") }
        #expect(row?.kind == .rowOutOfRange)
        #expect(row?.message.text(.en) == "row 1048576 is outside Excel's rows 0…1048575 (zero-based)")
        #expect(row?.message.text(.zh) == "第 1048576 行超出 Excel 的行范围 0…1048575（从 0 起算）")
        #expect(row?.cell == "A1048577")
        try s.write(row: 1_048_575, col: 0, "last row")
        #expect(excelError { try s.write(row: 0, col: 16_384, "x") }?.kind == .columnOutOfRange)
        #expect(excelError { try s.write(row: 1, col: 1, 9_007_199_254_740_993) }?.kind == .numberNotExact)
        try wb.close()
        let sheet = try #require(try XLSXParts.read(url)["xl/worksheets/sheet1.xml"])
        #expect(try #require(XLSXParts.cell("A1", in: sheet)) == "<c r=\"A1\" t=\"b\"><v>1</v></c>")
        #expect(try #require(XLSXParts.cell("B1", in: sheet)).contains("<v>9007199254740992</v>"))
        #expect(XLSXParts.cell("A1048576", in: sheet) != nil)
    }

    @Test("number display estimates follow the format")
    func displayText() {
        #expect(ExcelValue.integer(1_234_567).displayText(numberFormat: "#,##0") == "1,234,567")
        #expect(ExcelValue.money(Money(fen: 123_450)).displayText(numberFormat: nil) == "1,234.50")
        #expect(ExcelValue.number(0.875).displayText(numberFormat: "0.0%") == "87.5%")
        #expect(ExcelValue.date(CivilDate(year: 2024, month: 1, day: 5)!).displayText(numberFormat: nil) == "yyyy-mm-dd")
        #expect(ExcelValue.number(3).displayText(numberFormat: nil) == "3")
        #expect(ExcelValue.number(-0.05).displayText(numberFormat: "#,##0.00") == "-0.05")
        #expect(ExcelValue.number(1234.5678).displayText(numberFormat: "#,##0.0000") == "1,234.5678")
    }
}

@Suite("Workbook and sheets")
struct WorkbookStructureTests {
    @Test("sheet names are validated with exact messages")
    func sheetNames() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("names.xlsx")
        let wb = try Workbook(path: url.path)
        let cjk31 = String(repeating: "妇", count: 31)
        _ = try wb.addWorksheet(name: cjk31)
        _ = try wb.addWorksheet(name: "Summary")

        let long = excelError { _ = try wb.addWorksheet(name: String(repeating: "a", count: 32)) }
        #expect(long?.kind == .invalidSheetName)
        #expect(long?.message.text(.en) == "sheet name \"\(String(repeating: "a", count: 32))\" is 32 characters long (UTF-16 units); Excel allows at most 31")
        // 16 emoji: 16 characters to libxlsxwriter, 32 UTF-16 units to Excel.
        #expect(excelError { _ = try wb.addWorksheet(name: String(repeating: "😀", count: 16)) }?.kind == .invalidSheetName)

        let slash = excelError { _ = try wb.addWorksheet(name: "a/b") }
        #expect(slash?.message.text(.en) == "sheet name \"a/b\" contains \"/\", which Excel forbids ([ ] : * ? / \\)")
        #expect(slash?.message.text(.zh) == "工作表名称“a/b”含有 Excel 不允许的字符“/”（[ ] : * ? / \\）")
        #expect(slash?.text(.zh) == "\(url.path)：工作表名称“a/b”含有 Excel 不允许的字符“/”（[ ] : * ? / \\）")
        #expect(slash?.text(.en) == "\(url.path): sheet name \"a/b\" contains \"/\", which Excel forbids ([ ] : * ? / \\)")

        let dup = excelError { _ = try wb.addWorksheet(name: "summary") }
        #expect(dup?.kind == .duplicateSheetName)
        #expect(dup?.message.text(.en) == "sheet name \"summary\" is already used (as \"Summary\"; Excel ignores case)")
        #expect(excelError { _ = try wb.addWorksheet(name: "Summary") }?.message.text(.en) == "sheet name \"Summary\" is already used")

        #expect(excelError { _ = try wb.addWorksheet(name: "") }?.message.text(.en) == "sheet name is empty")
        #expect(excelError { _ = try wb.addWorksheet(name: "'q1") }?.kind == .invalidSheetName)
        #expect(excelError { _ = try wb.addWorksheet(name: "History") }?.message.text(.en) == "sheet name \"History\" is reserved by Excel")
        for bad in ["[x]", "a:b", "a*b", "a?b", "a\\b"] {
            #expect(excelError { _ = try wb.addWorksheet(name: bad) }?.kind == .invalidSheetName, "\(bad)")
        }
        #expect(wb.sheetNames == [cjk31, "Summary"])
        try wb.close()
        let workbookXML = try #require(try XLSXParts.read(url)["xl/workbook.xml"])
        #expect(workbookXML.contains("<sheet name=\"\(cjk31)\" sheetId=\"1\""))
    }

    @Test("a bad path fails at close with an error naming the path")
    func badPath() throws {
        let path = "/nonexistent-fulian-dir/sub/report.xlsx"
        let wb = try Workbook(path: path)
        let s = try wb.addWorksheet(name: "S")
        try s.write(row: 0, col: 0, "x")
        let e = excelError { try wb.close() }
        #expect(e?.kind == .fileNotWritten)
        #expect(e?.path == path)
        #expect(e?.text(.en).hasPrefix("\(path): cannot create \(path) (does the directory exist and is it writable?): ") == true)
        // Everything is unusable afterwards.
        #expect(excelError { try s.write(row: 1, col: 0, "y") }?.kind == .workbookClosed)
        #expect(excelError { try wb.close() }?.kind == .workbookClosed)
        #expect(excelError { _ = try wb.addWorksheet(name: "T") }?.kind == .workbookClosed)
    }

    @Test("a workbook dropped without close() writes nothing and frees cleanly")
    func dropWithoutClose() throws {
        let dir = try ScratchDirectory()
        for constantMemory in [false, true] {
            let url = dir.file("dropped-\(constantMemory).xlsx")
            do {
                let wb = try Workbook(path: url.path, constantMemory: constantMemory)
                let s = try wb.addWorksheet(name: "S")
                for r in 0..<100 { try s.writeRow(row: r, ["x", .integer(Int64(r))], style: .header) }
                _ = try wb.addChart(.line)
            }
            #expect(!FileManager.default.fileExists(atPath: url.path))
        }
    }

    @Test("document properties land in core.xml and app.xml; a fixed time makes output byte-repeatable")
    func documentProperties() throws {
        let dir = try ScratchDirectory()
        let props = DocumentProperties(
            title: "2024年第一季度妇女工作统计", subject: "季度报表", company: "某市妇联",
            created: Date(timeIntervalSince1970: 1_711_929_600))  // 2024-04-01T00:00:00Z
        func make(_ name: String) throws -> URL {
            let url = dir.file(name)
            let wb = try Workbook(path: url.path, properties: props)
            try wb.addWorksheet(name: "汇总").write(row: 0, col: 0, "鼓楼区")
            try wb.close()
            return url
        }
        let a = try make("a.xlsx"), b = try make("b.xlsx")
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        let p = try XLSXParts.read(a)
        let core = try #require(p["docProps/core.xml"])
        #expect(core.contains("<dc:title>2024年第一季度妇女工作统计</dc:title>"))
        #expect(core.contains("<dc:subject>季度报表</dc:subject>"))
        #expect(core.contains("<dc:creator>fulian</dc:creator>"))
        #expect(core.contains(">2024-04-01T00:00:00Z</dcterms:created>"))
        #expect(try #require(p["docProps/app.xml"]).contains("<Company>某市妇联</Company>"))
        #expect(XLSXParts.normalized(core).contains("<dcterms:created>NORMALIZED</dcterms:created>"))
        #expect(!XLSXParts.normalized(core).contains("2024-04-01T00:00:00Z"))
    }

    @Test("each distinct style becomes one format")
    func styleCache() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("styles.xlsx")
        let wb = try Workbook(path: url.path)
        let s = try wb.addWorksheet(name: "S")
        for r in 0..<50 {
            try s.write(row: r, col: 0, .money(Money(fen: Int64(r))), style: .money)
            try s.write(row: r, col: 1, .integer(Int64(r)), style: .integer)
            try s.write(row: r, col: 2, .money(Money(fen: Int64(r))))  // default money style == .money
        }
        try s.write(row: 50, col: 0, .number(0.4), style: .percent.highlighted())
        #expect(wb.formatCount == 3)
        #expect(excelError { try s.write(row: 51, col: 0, 1, style: CellStyle().with { $0.indent = 16 }) }?.kind == .invalidArgument)
        try wb.close()
        let styles = try #require(try XLSXParts.read(url)["xl/styles.xml"])
        #expect(XLSXParts.cellXfs(styles).count == 4)  // default + 3
        #expect(styles.contains("<fgColor rgb=\"FFFFC7CE\"/>"))
        #expect(styles.contains("<color rgb=\"FF9C0006\"/>"))
    }
}

@Suite("Layout and printing")
struct LayoutTests {
    @Test("merged title, frozen panes, autofilter, hidden gridlines")
    func layout() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir) { wb in
            let s = try wb.addWorksheet(name: "覆盖率")
            try s.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 3, value: "各区县覆盖率", style: .title)
            try s.writeRow(row: 1, ["区县", "目标", "实际", "覆盖率"], style: .header)
            try s.writeRow(row: 2, ["鼓楼区", 100, 95, 0.95], styles: [nil, .integer, .integer, .percent])
            try s.writeRow(row: 3, ["台江区", 100, 80, 0.8], styles: [nil, .integer, .integer, .percent.highlighted()])
            try s.freezePanes(row: 2, col: 0)
            try s.autofilter(firstRow: 1, firstCol: 0, lastRow: 3, lastCol: 3)
            try s.hideGridlines()
            let overlap = excelError {
                try s.mergeRange(firstRow: 0, firstCol: 3, lastRow: 0, lastCol: 5, value: "x")
            }
            #expect(overlap?.message.text(.en) == "merged range D1:F1 overlaps A1:D1")
            #expect(excelError { try s.mergeRange(firstRow: 5, firstCol: 0, lastRow: 5, lastCol: 0, value: "x") }?.kind
                == .invalidArgument)
            try s.mergeRange(firstRow: 5, firstCol: 0, lastRow: 5, lastCol: 1, value: .integer(42), style: .integer)
        }
        let sheet = try #require(p["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<mergeCell ref=\"A1:D1\"/>"))
        #expect(sheet.contains("<mergeCell ref=\"A6:B6\"/>"))
        #expect(try #require(XLSXParts.cell("A6", in: sheet)).contains("<v>42</v>"))
        #expect(sheet.contains("<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<autoFilter ref=\"A2:D4\"/>"))
        #expect(sheet.contains("showGridLines=\"0\""))
        #expect(try #require(p["xl/workbook.xml"]).contains("_xlnm._FilterDatabase"))
    }

    @Test("print setup: A4 landscape, one page wide, footer, repeated rows, centred, margins")
    func printSetup() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir) { wb in
            let s = try wb.addWorksheet(name: "报表")
            try s.writeRow(row: 0, ["标题"])
            try s.writeRow(row: 1, ["单位", "人数"], style: .header)
            try s.setPrintSetup(PrintSetup(repeatRows: 0...1, margins: .narrow))
            #expect(excelError { try s.setPrintSetup(PrintSetup(paperSize: 99)) }?.kind == .invalidArgument)
            #expect(excelError { try s.setPrintSetup(PrintSetup(footer: String(repeating: "页", count: 256))) }?.kind
                == .stringTooLong)
        }
        let sheet = try #require(p["xl/worksheets/sheet1.xml"])
        // libxlsxwriter's attribute order: paperSize, fitToHeight, orientation.
        #expect(sheet.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>"))
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        #expect(sheet.contains("<printOptions horizontalCentered=\"1\"/>"))
        #expect(sheet.contains("<headerFooter><oddFooter>&amp;C第 &amp;P 页 / 共 &amp;N 页</oddFooter></headerFooter>"))
        #expect(sheet.contains("<pageMargins left=\"0.25\" right=\"0.25\" top=\"0.75\" bottom=\"0.75\""))
        let workbookXML = try #require(p["xl/workbook.xml"])
        #expect(workbookXML.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'报表'!$1:$2</definedName>"))
    }

    @Test("autofit: CJK text gets wider columns than Latin text of the same length")
    func columnWidths() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir) { wb in
            let s = try wb.addWorksheet(name: "W")
            try s.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 4,
                             value: "一个非常非常长的合并标题不应该撑宽第一列的宽度啊啊啊", style: .title)
            try s.write(row: 1, col: 0, "妇女儿童工作委员会")  // 9 CJK: 18 units
            try s.write(row: 1, col: 1, "abcdefghi")          // 9 Latin: 9 units
            try s.write(row: 1, col: 2, "x")                  // below the minimum
            try s.write(row: 1, col: 3, .text(String(repeating: "长", count: 100)))  // above the maximum
            try s.write(row: 1, col: 4, .money(Money(fen: 123_456_789)))  // "1,234,567.89": 12 units
            try s.setColumnWidth(5, width: 30)
            try s.write(row: 1, col: 5, "ab")
            try s.autoFitColumns()
        }
        let widths = XLSXParts.columnWidths(try #require(p["xl/worksheets/sheet1.xml"]))
        let cjk = try #require(widths[1]), latin = try #require(widths[2])
        #expect(cjk > latin * 1.6, "CJK \(cjk) vs Latin \(latin)")
        // libxlsxwriter stores width w as (Int(w × 7 + 0.5) + 5) / 7 … so compare with the rounded inputs.
        #expect(abs(cjk - 20.7) < 0.2, "\(cjk)")
        #expect(abs(latin - 11.7) < 0.2, "\(latin)")
        #expect(abs(try #require(widths[3]) - 6.7) < 0.2)
        #expect(abs(try #require(widths[4]) - 60.7) < 0.2)
        #expect(abs(try #require(widths[5]) - 14.7) < 0.2)
        #expect(abs(try #require(widths[6]) - 30.7) < 0.2, "explicit width kept")
    }
}

@Suite("Autofit with filters")
struct FilterWidthTests {
    @Test("columns under an autofilter get room for the drop-down button")
    func filterButtonRoom() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir) { wb in
            for (name, filtered) in [("plain", false), ("filtered", true)] {
                let s = try wb.addWorksheet(name: name)
                try s.writeRow(row: 0, ["单位名称", "人数"])
                try s.writeRow(row: 1, ["鼓楼区", 12])
                if filtered { try s.autofilter(firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 0) }
                try s.autoFitColumns()
            }
        }
        let plain = XLSXParts.columnWidths(try #require(p["xl/worksheets/sheet1.xml"]))
        let filtered = XLSXParts.columnWidths(try #require(p["xl/worksheets/sheet2.xml"]))
        #expect(abs(try #require(filtered[1]) - (try #require(plain[1])) - Worksheet.filterButtonWidth) < 0.01)
        #expect(filtered[2] == plain[2], "column B is outside the filter")
    }
}

@Suite("Charts")
struct ChartTests {
    @Test("a column chart references its ranges with the quoted sheet name")
    func columnChart() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir) { wb in
            let s = try wb.addWorksheet(name: "汇总 Q1")
            try s.writeRow(row: 0, ["区县", "人数", "上季度"], style: .header)
            for (i, d) in ["鼓楼区", "台江区", "仓山区", "晋安区"].enumerated() {
                try s.writeRow(row: 1 + i, [.text(d), .integer(Int64(10 * (i + 1))), .integer(Int64(5 * (i + 1)))])
            }
            let chart = try wb.addChart(.column)
            let cats = SheetRange(sheet: "汇总 Q1", column: 0, rows: 1...4)
            try chart.addSeries(values: SheetRange(sheet: "汇总 Q1", column: 1, rows: 1...4), categories: cats, name: "本季度")
            try chart.addSeries(values: SheetRange(sheet: "汇总 Q1", column: 2, rows: 1...4), categories: cats,
                                nameCell: SheetRange(sheet: "汇总 Q1", row: 0, col: 2))
            try chart.setTitle("各区县人数")
            try chart.setAxisNames(category: "区县", value: "人数")
            chart.setLegend(.bottom)
            #expect(excelError { try chart.setTitle("=A1") }?.kind == .invalidArgument)
            #expect(excelError { try chart.addSeries(values: SheetRange(sheet: "没有", column: 1, rows: 1...4)) }?.message.text(.en)
                == "chart: values range '没有'!$B$2:$B$5 names sheet \"没有\", which the workbook does not have")
            try s.insertChart(chart, row: 6, col: 0, xScale: 1.5)
            #expect(excelError { try s.insertChart(chart, row: 6, col: 5) }?.kind == .invalidArgument)

            let pie = try wb.addChart(.pie)
            #expect(excelError { try s.insertChart(pie, row: 30, col: 0) }?.message.text(.en) == "the chart has no series")
            try pie.addSeries(values: SheetRange(sheet: "汇总 Q1", column: 1, rows: 1...4), categories: cats)
            #expect(excelError { try pie.addSeries(values: SheetRange(sheet: "汇总 Q1", column: 2, rows: 1...4)) }?.kind
                == .invalidArgument)
            #expect(excelError { try pie.setAxisNames(category: "x", value: nil) }?.kind == .invalidArgument)
            try s.insertChart(pie, row: 30, col: 0)
        }
        let chart = try #require(p["xl/charts/chart1.xml"])
        #expect(chart.contains("<c:barDir val=\"col\"/>"))
        #expect(chart.contains("<c:f>'汇总 Q1'!$A$2:$A$5</c:f>"))
        #expect(chart.contains("<c:f>'汇总 Q1'!$B$2:$B$5</c:f>"))
        #expect(chart.contains("<c:f>'汇总 Q1'!$C$2:$C$5</c:f>"))
        #expect(chart.contains("<c:v>本季度</c:v>"))
        #expect(chart.contains("<c:f>'汇总 Q1'!$C$1</c:f>"))
        #expect(chart.contains("<a:t>各区县人数</a:t>"))
        #expect(chart.contains("<a:t>区县</a:t>"))
        #expect(chart.contains("<c:legendPos val=\"b\"/>"))
        #expect(try #require(p["xl/charts/chart2.xml"]).contains("<c:pieChart>"))
        #expect(p["xl/drawings/drawing1.xml"] != nil)
    }

    @Test("range formulas quote sheet names and double apostrophes")
    func rangeFormulas() {
        #expect(SheetRange(sheet: "汇总", column: 0, rows: 2...6).formula == "'汇总'!$A$3:$A$7")
        #expect(SheetRange(sheet: "Bob's data", firstRow: 1, firstCol: 1, lastRow: 4, lastCol: 2).formula
            == "'Bob''s data'!$B$2:$C$5")
        #expect(SheetRange(sheet: "S", row: 1, col: 27).localFormula == "$AB$2")
        #expect(excelColumnName(16_383) == "XFD")
    }
}

@Suite("Constant-memory mode")
struct ConstantMemoryTests {
    @Test("writes inline strings and rejects rows out of order")
    func constantMemory() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("big.xlsx")
        let wb = try Workbook(path: url.path, constantMemory: true)
        let s = try wb.addWorksheet(name: "明细")
        try s.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 2, value: "明细表", style: .title)
        try s.writeRow(row: 1, ["姓名", "金额", "备注"], style: .header)
        for r in 2..<1_002 {
            try s.writeRow(row: r, [.text("成员\(r)"), .money(Money(fen: Int64(r * 100))), "=1+1"])
        }
        try s.write(row: 1_001, col: 3, "same row, later column is fine")
        let e = excelError { try s.write(row: 10, col: 0, "late") }
        #expect(e?.kind == .rowOrderViolation)
        #expect(e?.message.text(.en) == "constant-memory mode writes rows in order: row 11 comes after row 1002 was written")
        #expect(e?.message.text(.zh) == "常量内存模式须按行顺序写入：已写过第 1002 行，不能再写第 11 行")
        #expect(excelError { try s.setRowHeight(5, height: 30) }?.kind == .rowOrderViolation)
        try s.autoFitColumns()
        try wb.close()
        let p = try XLSXParts.read(url)
        let sheet = try #require(p["xl/worksheets/sheet1.xml"])
        #expect(try #require(XLSXParts.cell("A3", in: sheet)).contains("t=\"inlineStr\""))
        #expect(try #require(XLSXParts.cell("C3", in: sheet)) .contains("<is><t>=1+1</t></is>"))
        #expect(!sheet.contains("<f>"))
        #expect(sheet.contains("<mergeCell ref=\"A1:C1\"/>"))
        #expect(XLSXParts.cell("A1002", in: sheet) != nil)
        #expect(!XLSXParts.columnWidths(sheet).isEmpty)
    }
}

@Suite("Golden workbook")
struct GoldenTests {
    /// A small workbook exercising every feature, with fixed properties so it is byte-repeatable.
    static func writeReference(to url: URL) throws {
        let props = DocumentProperties(title: "封装层参考工作簿", subject: "FulianExcel golden", company: "fulian",
                                       created: Date(timeIntervalSince1970: 1_711_929_600))
        let wb = try Workbook(path: url.path, properties: props)
        let s = try wb.addWorksheet(name: "汇总")
        try s.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 4, value: "2024年第一季度汇总", style: .title)
        try s.writeRow(row: 1, ["区县", "人数", "金额（元）", "覆盖率", "填报日期"], style: .header)
        let rows: [(String, Int64, Int64, Double, CivilDate)] = [
            ("鼓楼区", 120, 1_234_550, 0.95, CivilDate(year: 2024, month: 3, day: 31)!),
            ("台江区", 80, 998_000, 0.72, CivilDate(year: 2024, month: 3, day: 29)!),
            ("=危险", 5, 100, 1, CivilDate(year: 2024, month: 4, day: 1)!),
        ]
        for (i, r) in rows.enumerated() {
            try s.writeRow(row: 2 + i, [.text(r.0), .integer(r.1), .money(Money(fen: r.2)), .number(r.3), .date(r.4)],
                           styles: [nil, .integer, .money, r.3 < 0.9 ? .percent.highlighted() : .percent, .date])
        }
        try s.writeRow(row: 5, ["合计", .formula("SUM(B3:B5)", cached: 205), .formula("SUM(C3:C5)", cached: 22_336.5), .empty, .empty],
                       styles: [.totals, .integer.totals(), .money.totals(), .totals, .totals])
        try s.freezePanes(row: 2, col: 1)
        try s.autofilter(firstRow: 1, firstCol: 0, lastRow: 4, lastCol: 4)
        try s.autoFitColumns()
        try s.setPrintSetup(PrintSetup(repeatRows: 0...1))
        let chart = try wb.addChart(.bar)
        try chart.addSeries(values: SheetRange(sheet: "汇总", column: 1, rows: 2...4),
                            categories: SheetRange(sheet: "汇总", column: 0, rows: 2...4), name: "人数")
        try chart.setTitle("各区县人数")
        try s.insertChart(chart, row: 7, col: 0)
        try wb.close()
    }

    @Test("the reference workbook matches fixtures/golden/excel-wrapper.xlsx")
    func golden() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("excel-wrapper.xlsx")
        try GoldenTests.writeReference(to: url)
        try GoldenWorkbook.assertMatches(generated: url, golden: GoldenTests.goldenURL)
    }

    @Test("the golden comparison sees a one-cell change and ignores the creation time")
    func comparatorCanFail() throws {
        let dir = try ScratchDirectory()
        func make(_ name: String, text: String, created: TimeInterval) throws -> URL {
            let url = dir.file(name)
            let wb = try Workbook(path: url.path, properties: DocumentProperties(created: Date(timeIntervalSince1970: created)))
            try wb.addWorksheet(name: "S").write(row: 0, col: 0, .text(text))
            try wb.close()
            return url
        }
        let a = try make("a.xlsx", text: "鼓楼区", created: 1_700_000_000)
        let b = try make("b.xlsx", text: "鼓楼区", created: 1_711_929_600)
        let c = try make("c.xlsx", text: "台江区", created: 1_700_000_000)
        #expect(try Data(contentsOf: a) != Data(contentsOf: b))
        #expect(try GoldenWorkbook.differences(generated: a, golden: b).isEmpty)
        let diffs = try GoldenWorkbook.differences(generated: a, golden: c)
        #expect(diffs.count == 1)
        #expect(diffs.first?.hasPrefix("part xl/sharedStrings.xml differs") == true)
    }

    static var goldenURL: URL { FixturePaths.fixture("golden/excel-wrapper.xlsx") }
}

/// A table streamed row by row (``TableSheet/begin(on:at:)``, as the quarterly detail sheet is written)
/// is the same sheet as the table written from its rows, in constant-memory mode too: the filter range,
/// the highlighted cells and the SUM totals with their cached values (money added in fen).
@Suite struct StreamedTableTests {
    static func table() -> TableSheet {
        var t = TableSheet(title: "救助明细", headers: ["日期", "姓名", "金额（元）", "行"],
                           styles: [nil, nil, .money, .integer])
        for i in 0..<300 {
            let day = CivilDate(year: 2024, month: 1 + i % 3, day: 1 + i % 28)!
            let fen = Int64(10_001 * (i % 7))
            let row: [ExcelValue] = [.date(day), .text("受助人\(i)"), .money(Money(fen: fen)), .integer(Int64(i + 2))]
            t.rows.append(row)
        }
        t.highlighted = [3: [2], 250: [1, 2]]
        t.totals = .sum(label: "合计")
        t.placeholder = "无"
        return t
    }

    @Test(arguments: [false, true]) func aStreamedTableIsTheSameSheet(constantMemory: Bool) throws {
        let dir = try ScratchDirectory()
        let whole = try parts(dir, "whole.xlsx", constantMemory: constantMemory) { wb in
            try Self.table().write(to: try wb.addWorksheet(name: "明细"), at: 0)
        }
        let streamed = try parts(dir, "streamed.xlsx", constantMemory: constantMemory) { wb in
            let t = Self.table()
            var empty = t
            empty.rows = []   // the rows come from elsewhere, one by one
            var w = try empty.begin(on: try wb.addWorksheet(name: "明细"), at: 0)
            for row in t.rows { try w.append(row) }
            #expect(try w.finish() == 303)
        }
        let sheet = try #require(streamed["xl/worksheets/sheet1.xml"])
        #expect(sheet == whole["xl/worksheets/sheet1.xml"])
        #expect(XLSXParts.normalized(streamed["xl/workbook.xml"] ?? "") == XLSXParts.normalized(whole["xl/workbook.xml"] ?? ""))
        #expect(sheet.contains("<autoFilter ref=\"A2:D302\"/>"))
        #expect(XLSXParts.cell("C303", in: sheet)?.contains("<f>SUM(C3:C302)</f><v>89708.97</v>") == true, "\(XLSXParts.cell("C303", in: sheet) ?? "")")
    }

    @Test func anEmptyStreamedTableShowsItsPlaceholder() throws {
        let dir = try ScratchDirectory()
        let p = try parts(dir, constantMemory: true) { wb in
            var t = Self.table()
            t.rows = []
            let w = try t.begin(on: try wb.addWorksheet(name: "明细"), at: 0)
            #expect(try w.finish() == 3)
        }
        let sheet = try #require(p["xl/worksheets/sheet1.xml"])
        #expect(!sheet.contains("autoFilter"))
        #expect(sheet.contains("<mergeCell ref=\"A3:D3\"/>"))
    }
}
