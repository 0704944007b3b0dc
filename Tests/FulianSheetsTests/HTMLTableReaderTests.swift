import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

/// ``HTMLTableReader`` on the web-page "Excel" exports of `fixtures/sheets/html/` (written by `make_html.py`).
struct HTMLTableReaderTests {
    static func path(_ name: String) -> String { Fixture.sheets("html/" + name) }

    @Test func aGB2312ExportReadsCellByCell() throws {
        let reader = try openSpreadsheet(at: Self.path("系统导出-春蕾计划.xls"))
        #expect(reader.format == .html && reader.textEncoding == .gb18030 && reader.delimiter == nil)
        #expect(reader.sheets.map(\.name) == ["系统导出-春蕾计划"])
        let sheet = reader.sheets[0]
        #expect(try reader.rows(in: sheet) == [
            Row(number: 1, cells: [t("兰江区2024年春蕾计划发放名单")]),
            Row(number: 2, cells: [t("姓名"), t("身份证号"), t("所属社区"), t("发放日期"), t("金额（元）"), t("备注")]),
            Row(number: 3, cells: [t("王秀英"), t("439951198003020116"), t("东湖社区"), t("2024-03-05"), .number(1200), t("首次发放\n已核实")]),
            Row(number: 4, cells: [t("李桂兰"), t("439951197604150229"), .empty, t("2024-03-06"), .number(800)]),
            Row(number: 5, cells: [t("张丽"), t("439951198509230313"), t("白沙社区"), t("2024-03-08"), .number(1000)]),
            Row(number: 6, cells: [t("陈美华"), t("439951197001180429"), t("白沙村"), t("2024-03-12"), .number(600)]),
            Row(number: 7, cells: [t("刘芳"), t("439951199112070520"), t("上塘村"), t("2024-03-15"), .number(600)]),
            Row(number: 8, cells: [t("合计"), .empty, .empty, .empty, .number(4200)]),
        ])
        #expect(try reader.mergedRanges(in: sheet).map(\.description) == ["A1:F1", "C3:C4", "A8:D8"])
        #expect(reader.warnings.isEmpty)
    }

    @Test func aUTF8PageWithCaptionOmittedEndTagsAndEntities() throws {
        let reader = try openSpreadsheet(at: Self.path("执委名单-utf8.xls"))
        #expect(reader.textEncoding == .utf8)
        #expect(reader.sheets.map(\.name) == ["执委名单"])
        #expect(try reader.rows(in: reader.sheets[0]) == [
            Row(number: 1, cells: [t("姓名"), t("职务"), t("是否专职"), t("联系电话"), t("备注")]),
            Row(number: 2, cells: [t("赵敏"), t("主席"), .bool(true), t("13900001111"), t("A&B <组> 中文 \"好\"")]),
            Row(number: 3, cells: [t("钱\u{A0}红"), t("副主席"), .bool(false), .number(1234), t("第一段\n第二段")]),
            Row(number: 4, cells: [t("孙 丽 娟"), t("执委"), .empty, .empty, t("甲\n乙")]),
        ])
        #expect(try reader.mergedRanges(in: reader.sheets[0]).isEmpty)
    }

    @Test func twoTablesAreTwoSheetsAndANestedTableIsItsCellsText() throws {
        let reader = try openSpreadsheet(at: Self.path("活动统计-两个表格.xls"))
        #expect(reader.sheets.map(\.name) == ["活动统计", "参与人数"])
        #expect(try reader.rows(in: reader.sheets[0]) == [
            Row(number: 1, cells: [t("单位"), t("次数")]),
            Row(number: 2, cells: [t("东湖社区"), .number(3)]),
            Row(number: 3, cells: [t("白沙村"), t("2 次\n另计")]),
        ])
        let second = try reader.sheet(named: "参与人数")
        #expect(try reader.rows(in: second) == [
            Row(number: 1, cells: [t("单位"), .empty, t("人数")]),
            Row(number: 2, cells: [.empty, .empty, t("合计")]),
            Row(number: 3, cells: [t("东湖社区"), t("妇女"), .number(40)]),
        ])
        #expect(try reader.mergedRanges(in: second).map(\.description) == ["A1:B2"])
    }

    @Test func rowspansShiftLaterCellsRight() throws {
        let html = "<table><tr><td rowspan=3>a</td><td>b</td><td rowspan=2>c</td><td>d</td></tr>"
            + "<tr><td>e</td><td>f</td></tr><tr><td>g</td><td>h</td><td>i</td></tr><tr><td>j</td></tr></table>"
        let reader = try TempFile.open(Array(html.utf8), name: "spans.xls")
        #expect(try reader.rows(in: reader.sheets[0]) == [
            Row(number: 1, cells: [t("a"), t("b"), t("c"), t("d")]),
            Row(number: 2, cells: [.empty, t("e"), .empty, t("f")]),
            Row(number: 3, cells: [.empty, t("g"), t("h"), t("i")]),
            Row(number: 4, cells: [t("j")]),
        ])
        #expect(try reader.mergedRanges(in: reader.sheets[0]).map(\.description) == ["A1:A3", "C1:C2"])
    }

    @Test func namesAreUniqueAndTheTitleNamesOnlyTheFirstOfSeveral() throws {
        let html = "<html><head><title>导出</title><script>document.write('<table>')</script></head>"
            + "<table><caption>名单</caption><tr><td>1</td></tr></table><table><caption>名单</caption><tr><td>2</td></tr></table>"
            + "<table><tr><td x:num=\"1.5E3\">x</td><td x:num>-1,234.5</td><td x:num style=\"mso-number-format:'\\@'\">007</td></tr></table>"
        let reader = try TempFile.open(Array(html.utf8), name: "多表.xls")
        #expect(reader.sheets.map(\.name) == ["名单", "名单(2)", "Sheet3"])
        #expect(try reader.rows(in: reader.sheets[2]) == [Row(number: 1, cells: [.number(1500), .number(-1234.5), t("007")])])
    }

    @Test func aForcedOrDeclaredEncodingWins() throws {
        let gb = Array("<meta charset=gbk><table><tr><td>".utf8) + [0xC4, 0xFE, 0xC0, 0xBC] + Array("</td></tr></table>".utf8)
        let reader = try TempFile.open(gb, name: "gbk.xls")
        #expect(reader.textEncoding == .gb18030)
        #expect(try reader.rows(in: reader.sheets[0]) == [Row(number: 1, cells: [t("宁兰")])])
        let bad = Array("<meta charset=utf-8><table><tr><td>".utf8) + [0xC4, 0xFE] + Array("</td></tr></table>".utf8)
        expectSheetError(.encoding, file: "bad.xls", "the bytes on line 1 are not valid UTF-8") {
            _ = try TempFile.open(bad, name: "bad.xls")
        }
    }

    @Test func limitsAreKept() throws {
        var options = ReadOptions()
        options.limits.maxColumns = 10
        let wide = Array("<table><tr><td colspan=8>a</td><td colspan=3>b</td></tr></table>".utf8)
        expectSheetError(.tooLarge, file: "wide.xls", "a cell lies in column 11, beyond the limit of 10") {
            _ = try HTMLTableReader(path: TempFile.write(wide, name: "wide.xls"), options: options)
        }
        options = ReadOptions()
        options.limits.maxEntryBytes = 16
        expectSheetError(.tooLarge, file: "big.xls", "the file is larger than 16 bytes") {
            _ = try HTMLTableReader(path: TempFile.write(Array("<table><tr><td>1</td></tr></table>".utf8), name: "big.xls"), options: options)
        }
    }

    @Test func spansCannotBlowASmallPageUp() throws {
        var parser = HTMLTableParser(limits: ReadLimits(), maxCells: 100)
        let html = "<table>" + String(repeating: "<tr><td colspan=60></td><td>x</td></tr>", count: 2) + "</table>"
        #expect(throws: HTMLTableParser.Failure.self) { _ = try parser.parse(Array(html.utf8)) }
        // Spans are capped at 1000 columns each: sixteen of them fill a row up to Excel's 16,384 columns.
        let row = "<tr>" + String(repeating: "<td colspan=1000></td>", count: 16) + "<td>x</td></tr>"
        let page = "<table>" + String(repeating: row, count: 400) + "</table>"
        #expect(HTMLTableParser.cellBudget(bytes: page.utf8.count) < 16_001 * 400)
        expectSheetError(.tooLarge, file: "spans.xls", "hold more than \(HTMLTableParser.cellBudget(bytes: page.utf8.count)) cells") {
            _ = try TempFile.open(Array(page.utf8), name: "spans.xls")
        }
    }

    @Test func aLongRowAndDeepNestingAreLinear() throws {
        let row = "<table><tr>" + String(repeating: "<td>x</td>", count: 16_000) + "</tr></table>"
        let deep = "<table><tr><td>" + String(repeating: "<table><tr><td>", count: 20_000) + "深" + "</table>"
        let start = Date()
        let a = try TempFile.open(Array(row.utf8), name: "long.xls")
        #expect(try a.rows(in: a.sheets[0]).first?.cells.count == 16_000)
        let b = try TempFile.open(Array(deep.utf8), name: "deep.xls")
        #expect(try b.rows(in: b.sheets[0]) == [Row(number: 1, cells: [t("深")])])
        #expect(b.warnings.map(\.category) == ["truncated"])
        #expect(Date().timeIntervalSince(start) < 10)
    }

    // MARK: LibreOffice

    static let hasLibreOffice: Bool =
        (try? CLIRunner.shell("command -v soffice", in: FileManager.default.temporaryDirectory))?.status == 0

    /// LibreOffice's own HTML import, converted to CSV, gives the same cell text as fulian for the fixtures'
    /// first table (numbers as fulian displays them; merged cells' covered parts empty in both).
    @Test(.enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"),
          // Not 执委名单-utf8.xls: there LibreOffice makes the caption a row, shows x:bool cells' text (是) and
          // joins <div>甲</div>乙 into one line, where fulian follows Excel.
          arguments: ["系统导出-春蕾计划.xls"])
    func libreOfficeReadsTheSameCells(file: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-html-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("page.xls")
        try FileManager.default.copyItem(atPath: Self.path(file), toPath: copy.path)
        let out = try CLIRunner.shell("mkdir -p lo && HOME=$PWD/lo soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir csv page.xls",
                                      in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        let csv = try readRows(dir.appendingPathComponent("csv/page.csv").path, options: ReadOptions(encoding: .utf8))
        let theirs = csv.map { $0.cells.map(\.displayText) }.filter { !$0.allSatisfy(\.isEmpty) }.map(Self.trimmed)
        let reader = try openSpreadsheet(at: Self.path(file))
        // LibreOffice puts each line after a <br> or a paragraph on a row of its own, below the cell's row.
        let mine = try reader.rows(in: reader.sheets[0]).flatMap { r -> [[String]] in
            let lines = r.cells.map { c -> [String] in
                if case .bool(let b) = c { return [b ? "TRUE" : "FALSE"] }
                return c.displayText.replacingOccurrences(of: "\u{A0}", with: " ").components(separatedBy: "\n")
            }
            let height = lines.map(\.count).max() ?? 1
            return (0..<height).map { k in Self.trimmed(lines.map { k < $0.count ? $0[k] : "" }) }
        }
        let lo = theirs.map { $0.map { $0.replacingOccurrences(of: "\u{A0}", with: " ") } }
        #expect(mine.count == lo.count, "\(lo)")
        for (m, l) in zip(mine, lo) {
            // LibreOffice shows numbers in the page's own format (1,200.00) and booleans as TRUE/FALSE or 是/否.
            for (a, b) in zip(m, l) where a != b {
                let numeric = Double(a) != nil && Double(b.replacingOccurrences(of: ",", with: "")) == Double(a)
                #expect(numeric || ["TRUE", "FALSE"].contains(a), "fulian \(a) · LibreOffice \(b)")
            }
        }
    }

    static func trimmed(_ cells: [String]) -> [String] {
        var c = cells
        while c.last?.isEmpty == true { c.removeLast() }
        return c
    }
}
