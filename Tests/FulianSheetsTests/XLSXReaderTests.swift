import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

struct XLSXReaderTests {
    static func open(_ name: String) throws -> XLSXReader { try XLSXReader(path: Fixture.sheets(name)) }

    static func rows(_ reader: XLSXReader, _ sheet: String) throws -> [Row] {
        try reader.rows(in: reader.sheet(named: sheet))
    }

    // MARK: openpyxl

    @Test func openpyxlSheetsKeepNameOrderVisibilityAndDimension() throws {
        let r = try XLSXReaderTests.open("openpyxl-types.xlsx")
        #expect(r.format == .xlsx && r.textEncoding == nil && r.delimiter == nil && r.warnings.isEmpty)
        #expect(r.dateSystem == .system1900)
        #expect(r.sheets == [
            SheetInfo(name: "类型", index: 0, visibility: .visible, dimension: CellRange(reference: "A1:D13")),
            SheetInfo(name: "隐藏", index: 1, visibility: .hidden, dimension: CellRange(reference: "A1")),
            SheetInfo(name: "深度隐藏", index: 2, visibility: .veryHidden, dimension: CellRange(reference: "A1")),
            SheetInfo(name: "最后", index: 3, visibility: .visible, dimension: CellRange(reference: "A1")),
        ])
        #expect(try XLSXReaderTests.rows(r, "深度隐藏") == [Row(number: 1, cells: [t("very hidden")])])
        #expect(try XLSXReaderTests.rows(r, "最后") == [Row(number: 1, cells: [t("last")])])
    }

    @Test func openpyxlValueTypesAndFormats() throws {
        let r = try XLSXReaderTests.open("openpyxl-types.xlsx")
        let rows = try XLSXReaderTests.rows(r, "类型")
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 9, 10, 12])
        #expect(rows.map(\.cells) == [
            [t("姓名"), t("张三"), t("  前后空格  ")],
            [n(42), n(3.25), n(-0.5), n(123_456_789_012_345)],
            // yyyy-mm-dd (custom 164), m/d/yy h:mm (built-in 22), mm-dd-yy (14), yyyy"年"m"月"d"日"
            [date(2024, 1, 5), dateTime(2024, 1, 5, 8, 30), date(2024, 2, 29), date(2024, 12, 31)],
            // #,##0.00"元", 0.00% and General stay numbers
            [n(1234.5), n(0.125), n(45296)],
            // the 1900 leap-year quirk: 59 is 1900-02-28, 60 the phantom 1900-02-29 (kept a number), 61 is 1900-03-01
            [date(1900, 2, 28), n(60), date(1900, 3, 1)],
            [.bool(true), .bool(false), .error("#N/A")],
            [t("稀疏"), .empty, .empty, t("第四列")],
            [t("空行之后")],
            [t("合并标题")],
            [.empty, t("纵向合并")],
        ])
        #expect(try r.mergedRanges(in: r.sheets[0]) == [CellRange(reference: "A10:C10")!, CellRange(reference: "B12:B13")!])
        #expect(try r.mergedRanges(in: r.sheets[1]).isEmpty)
    }

    @Test func the1904DateSystem() throws {
        let r = try XLSXReaderTests.open("openpyxl-1904.xlsx")
        #expect(r.dateSystem == .system1904)
        #expect(try XLSXReaderTests.rows(r, "1904").map(\.cells) == [
            [t("日期"), t("日期时间"), t("序列号")],
            [date(2024, 1, 5), dateTime(2024, 3, 1, 12, 0), n(43834)],
            [date(1904, 1, 1)],
        ])
    }

    // MARK: XlsxWriter and libxlsxwriter

    @Test func xlsxWriterSharedStringsRichTextAndFormulas() throws {
        let r = try XLSXReaderTests.open("xlsxwriter-shared.xlsx")
        #expect(r.sheets.map(\.name) == ["名单", "第二页"])
        #expect(try XLSXReaderTests.rows(r, "名单").map(\.cells) == [
            [t("姓名"), t("金额"), t("日期")],
            [t("张三"), n(1500.5), date(2024, 1, 5)],
            [t("富文本片段"), n(3001), t("公式文本")],     // rich runs joined; cached formula results
            [.bool(true), t("张三")],
            [t("合并")],
        ])
        #expect(try r.mergedRanges(in: r.sheets[0]) == [CellRange(reference: "A5:C5")!])
        #expect(try XLSXReaderTests.rows(r, "第二页") == [Row(number: 1, cells: [t("second")])])
    }

    @Test func xlsxWriterConstantMemoryInlineStrings() throws {
        let r = try XLSXReaderTests.open("xlsxwriter-inline.xlsx")
        let rows = try XLSXReaderTests.rows(r, "发放名单")
        #expect(rows.map(\.number) == [1, 2, 3, 5])
        #expect(rows.map(\.cells) == [
            [t("序号"), t("姓名"), t("身份证号"), t("日期"), t("金额")],
            [n(1), t("张秀英"), t("439951198503120228"), date(2024, 1, 5), n(1500.5)],
            [n(2), t("李娜"), t("43995119900708068X"), n(45302), t("<&>\"'")],
            [.empty, t("隔一行")],
        ])
    }

    @Test func libxlsxwriterNormalMode() throws {
        let r = try XLSXReaderTests.open("libxlsxwriter.xlsx")
        #expect(r.sheets.map(\.visibility) == [.visible, .hidden])
        #expect(try XLSXReaderTests.rows(r, "汇总").map(\.cells) == [
            [t("街道"), t("人数"), t("日期")],
            [t("荷畈街道"), n(12), date(2024, 1, 5)],
            [t("荷畈街道"), n(0.25)],
            [t("合计")],
        ])
        #expect(try r.mergedRanges(in: r.sheets[0]) == [CellRange(reference: "A4:C4")!])
        #expect(try XLSXReaderTests.rows(r, "隐藏").map(\.cells) == [[t("hidden")]])
    }

    // MARK: Hand-made parts

    @Test func handmadeSheetListSkipsChartsheets() throws {
        let r = try XLSXReaderTests.open("handmade.xlsx")
        #expect(r.sheets == [
            SheetInfo(name: "字符串", index: 0, visibility: .visible, dimension: CellRange(reference: "A1:A11")),
            SheetInfo(name: "类型", index: 1),
            SheetInfo(name: "无引用", index: 2, visibility: .hidden),
            SheetInfo(name: "日期", index: 3, visibility: .veryHidden),
            SheetInfo(name: "空表", index: 4),
        ])
        #expect(try XLSXReaderTests.rows(r, "空表").isEmpty)
    }

    @Test func sharedStringsRichRunsPhoneticsEntitiesAndEscapes() throws {
        let rows = try XLSXReaderTests.rows(XLSXReaderTests.open("handmade.xlsx"), "字符串")
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 10, 11])    // 8 and 9 are empty strings
        #expect(rows.map { $0.cells[0] } == [
            t("纯文本"),
            t("富文本 片段"),                 // rich-text runs joined, xml:space kept
            t("漢字"),                        // the phonetic <rPh> run かんじ dropped
            t("<a&b> \"q\" 's'"),
            t("中文𠀀"),                      // &#20013;&#x6587;&#x20000;
            t("第一行\r\n第二行"),            // _x000D_
            t("_x000D_ 原样"),                // _x005F_ escapes the escape
            t("<cdata & more>"),
            t("缩进"),
        ])
    }

    @Test func cellTypesInlineStringsAndFormulas() throws {
        let r = try XLSXReaderTests.open("handmade.xlsx")
        let rows = try XLSXReaderTests.rows(r, "类型")
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 7])
        #expect(rows.map(\.cells) == [
            [t("内联"), t("内联富文本"), t("a\rb&c中")],
            [t("公式"), n(2)],
            [.bool(true), .bool(false), .error("#DIV/0!"), .error("#N/A")],
            [date(2024, 1, 5), dateTime(2024, 1, 5, 8, 30), date(2024, 2, 29), t("not a date")],
            [n(-12.5), n(0.0015), n(1.2345678901234568e18), n(7)],
            [.empty, .empty, n(7), t("mergeCell ref=\"Z1:Z9\"")],
        ])
        // The text `mergeCell ref="Z1:Z9"` in D7 is a value, not a tag.
        #expect(try r.mergedRanges(in: r.sheets[1]) == [CellRange(reference: "A1:B2")!, CellRange(reference: "D4:F4")!])
    }

    @Test func cellsAndRowsWithoutReferencesTakeTheNextPosition() throws {
        let rows = try XLSXReaderTests.rows(XLSXReaderTests.open("handmade.xlsx"), "无引用")
        #expect(rows == [
            Row(number: 1, cells: [n(1), n(2), t("纯文本")]),
            Row(number: 2, cells: [.empty, .empty, n(3), n(4)]),
            Row(number: 5, cells: [n(5), .empty, .empty, .empty, n(6), n(7)]),
            Row(number: 6, cells: [n(8)]),
            Row(number: 10, cells: [.empty, n(10)]),           // r="b10": lower-case letters too
        ])
    }

    @Test func dateFormatsBuiltInAndCustom() throws {
        let rows = try XLSXReaderTests.rows(XLSXReaderTests.open("handmade.xlsx"), "日期")
        #expect(rows.prefix(14).map { $0.cells[0] } == [
            n(45296),                           // General
            dateTime(2024, 1, 5, 8, 30),        // 14 with a time part
            date(2024, 1, 5),                   // 22
            date(2024, 1, 5),                   // 31 = yyyy"年"m"月"d"日" (East Asian built-in)
            date(2024, 1, 5),                   // custom yyyy"年"m"月"d"日"
            n(1234.5),                          // #,##0.00"元"
            n(45296),                           // [Red]General
            n(0.125),                           // custom 0.00%
            n(0.125),                           // built-in 10 (0.00%)
            date(2024, 1, 5),                   // [$-804]yyyy/m/d;@
            n(1234.5),                          // accounting with _( and *
            date(2024, 1, 5),                   // [DBNum1][$-804]m"月"d"日"
            n(45296),                           // 49 = @ (text)
            date(2024, 1, 5),                   // 57 (East Asian built-in)
        ])
        #expect(rows.last == Row(number: 20, cells: [
            date(1900, 2, 28), n(60), date(1900, 3, 1), date(1900, 1, 1), n(0), n(-1),
            dateTime(1900, 1, 1, 12, 0), date(9999, 12, 31), n(2_958_466),
        ]))
    }

    @Test func namespacePrefixedElementsEverywhere() throws {
        for name in ["handmade-prefixed.xlsx", "zip64.xlsx"] {
            let r = try XLSXReaderTests.open(name)
            #expect(r.sheets == [SheetInfo(name: "前缀", index: 0, dimension: CellRange(reference: "A1:C3"))], "\(name)")
            #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [
                [t("前缀"), t("富文本"), t("内联")],
                [date(2024, 1, 5), n(3.5), .bool(true)],
            ], "\(name)")
            #expect(try r.mergedRanges(in: r.sheets[0]) == [CellRange(reference: "A3:C3")!], "\(name)")
        }
    }

    @Test func aSheetLongerThanOneReadChunk() throws {
        let r = try XLSXReaderTests.open("large-sheet.xlsx")
        // Large enough to be inflated on a second thread while it is read.
        let part = try #require(try ZipArchive(path: Fixture.sheets("large-sheet.xlsx")).entries.first { $0.path == "xl/worksheets/sheet1.xml" })
        #expect(part.uncompressedSize >= XLSXReader.inflateAheadBytes)
        let strings = ["纯文本", "富文本 片段", "漢字", "<a&b> \"q\" 's'", "中文𠀀", "第一行\r\n第二行", "_x000D_ 原样", "", "",
                       "<cdata & more>", "缩进"]
        let filler = String(repeating: "重复的长文本", count: 16)
        let rows = try r.rows(in: r.sheets[0])
        #expect(rows.count == 2000)
        for (i, row) in rows.enumerated() {
            let k = i + 1
            var expected: [Cell] = [n(Double(k)), strings[k % 11].isEmpty ? .empty : t(strings[k % 11]),
                                    t(filler + "\(k % 7)"), .date(day(2024, 1, 5).adding(days: k % 366))]
            if k % 3 == 0 { expected += [.empty, .bool(true)] }
            #expect(row == Row(number: k, cells: expected))
            if row != Row(number: k, cells: expected) { break }
        }
        let merges = try r.mergedRanges(in: r.sheets[0])
        #expect(merges.count == 2000)
        #expect(merges == (2001...4000).map { CellRange(firstRow: $0, firstColumn: 1, lastRow: $0, lastColumn: 2) })
    }

    // MARK: Reader surface

    @Test func readingStopsEarlyAndSheetsAreFoundByName() throws {
        let r = try XLSXReaderTests.open("large-sheet.xlsx")
        #expect(try r.rows(in: r.sheets[0], limit: 3).map(\.number) == [1, 2, 3])
        #expect(try r.sheet(named: " 大表 ").name == "大表")
        expectSheetError(.noSuchSheet, file: "large-sheet.xlsx", "no sheet named 小表; the sheets are: 大表") {
            _ = try r.sheet(named: "小表")
        }
        expectSheetError(.noSuchSheet, file: "large-sheet.xlsx", "no sheet named 别的") {
            _ = try r.rows(in: SheetInfo(name: "别的", index: 0))
        }
    }

    // MARK: Helpers

    @Test(arguments: [
        ("yyyy-mm-dd", NumberFormatKind.date), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("[$-804]yyyy/m/d;@", .date),
        ("[DBNum1][$-804]m\"月\"d\"日\"", .date), ("d-mmm-yy", .date), ("ge.m.d", .date), ("mmmm", .date), ("yyyy\"年\"m\"月\"", .date),
        ("m/d/yy h:mm", .dateTime), ("dd/mm/yyyy\\ hh:mm", .dateTime), ("yyyy-mm-dd hh:mm:ss", .dateTime), ("m/d h AM/PM", .dateTime),
        ("h:mm:ss", .time), ("hh:mm", .time), ("h:mm AM/PM", .time), ("h:mm A/P", .time), ("mm:ss", .time), ("mm:ss.0", .time),
        ("h\"时\"mm\"分\"", .time), ("上午/下午h\"时\"mm\"分\"ss\"秒\"", .time), ("[$-F400]h:mm:ss AM/PM", .time), ("ss", .time),
        ("[h]:mm:ss", .duration), ("[mm]:ss", .duration), ("[h]:mm", .duration), ("[ss].00", .duration), ("[HH]:MM", .duration),
        ("General", .number), ("general", .number), ("[Red]General", .number), ("General\"元\"", .number), ("0.00%", .number),
        ("#,##0.00\"元\"", .number), ("\"¥\"#,##0.00", .number), ("0.00E+00", .number), ("##0.0E+0", .number), ("@", .number),
        ("_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)", .number), ("[Red]0.00;[Blue]-0.00", .number),
        ("0\" days\"", .number), ("\"date\"0", .number), ("", .number), (";;;", .number), ("[>100]0;0.0", .number),
    ])
    func formatCodesAreClassified(code: String, kind: NumberFormatKind) {
        #expect(NumberFormatKind(code: code) == kind)
        #expect(XLSXReader.isDateFormatCode(code) == (kind != .number))
    }

    @Test func builtInFormatIds() {
        let kinds = Dictionary(grouping: 0...200, by: NumberFormatKind.builtIn)
        #expect(kinds[.date] == Array(14...17) + Array(27...31) + [36] + Array(50...54) + [57, 58])
        #expect(kinds[.dateTime] == [22])
        #expect(kinds[.time] == Array(18...21) + Array(32...35) + [45, 47, 55, 56])
        #expect(kinds[.duration] == [46])
        #expect((0...200).filter(XLSXReader.isBuiltInDateFormat) == Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))
    }

    @Test(arguments: [
        // (kind, serial, 1900 system, 1904 system)
        (NumberFormatKind.time, 0.625, Cell.time(54_000), Cell.time(54_000)),
        (.time, 0, .time(0), .time(0)),
        (.time, 0.999_999_999_9, .time(0), .time(0)),                       // rounds to midnight
        (.time, 45296.5, dateTime(2024, 1, 5, 12, 0), dateTime(2028, 1, 6, 12, 0)),   // a date is there: kept
        (.time, -0.25, n(-0.25), n(-0.25)),
        (.duration, 1.5, .duration(129_600), .duration(129_600)),
        (.duration, 1.0 / 24 + 0.5 / 86_400, .duration(3600.5), .duration(3600.5)),
        (.duration, -0.5, .duration(-43_200), .duration(-43_200)),
        (.dateTime, 0.625, .time(54_000), dateTime(1904, 1, 1, 15, 0)),     // 1900 has no day 0
        (.dateTime, 45296.625, dateTime(2024, 1, 5, 15, 0), dateTime(2028, 1, 6, 15, 0)),
        (.date, 0.5, n(0.5), dateTime(1904, 1, 1, 12, 0)),
        (.date, -1, n(-1), n(-1)), (.dateTime, -0.5, n(-0.5), n(-0.5)),
        (.date, 60, n(60), date(1904, 3, 1)), (.date, 1, date(1900, 1, 1), date(1904, 1, 2)),
        (.number, 0.625, n(0.625), n(0.625)),
    ])
    func serialsBecomeCells(kind: NumberFormatKind, serial: Double, in1900: Cell, in1904: Cell) {
        #expect(kind.cell(serial: serial, dateSystem: .system1900) == in1900)
        #expect(kind.cell(serial: serial, dateSystem: .system1904) == in1904)
    }

    @Test(arguments: [
        ("plain", "plain"), ("a_x000D_b", "a\rb"), ("_x000a__x0009_", "\n\t"), ("_x005F_x000D_", "_x000D_"),
        ("_x4E2D_", "中"), ("_xD800_", "_xD800_"), ("_x12_", "_x12_"), ("x_", "x_"), ("_x", "_x"),
    ])
    func ooxmlEscapes(raw: String, text: String) {
        #expect(XLSXReader.unescapeOOXML(raw) == text)
    }

    @Test func cellReferencesAndNumbers() {
        func col(_ s: String) -> Int? { let b = Array(s.utf8); return XLSXReader.column(b, 0..<b.count) }
        #expect(col("A1") == 1 && col("z9") == 26 && col("AA10") == 27 && col("XFD1048576") == 16_384 && col("XFE1") == 16_385)
        #expect(col("12") == nil && col("") == nil && col("AAAAAAAAA1") == nil)
        func int(_ s: String) -> Int? { Array(s.utf8).withUnsafeBufferPointer(XLSXReader.parseInt) }
        func double(_ s: String) -> Double? { Array(s.utf8).withUnsafeBufferPointer(XLSXReader.parseDouble) }
        #expect(int("1234") == 1234)
        #expect(int("12a") == nil && int("") == nil && int("123456789012") == nil)
        #expect(double("-42") == -42)
        #expect(double("3.25") == 3.25)
        #expect(double("1.2E-3") == 0.0012)
        #expect(double("9007199254740993") == 9_007_199_254_740_992)
        #expect(double("abc") == nil)
        #expect(double("inf") == nil)
        #expect(double("-") == nil)
    }

    @Test func isoDateValues() {
        #expect(XLSXReader.isoDateTime("2024-01-05") == date(2024, 1, 5))
        #expect(XLSXReader.isoDateTime("2024-01-05T00:00:00") == date(2024, 1, 5))
        #expect(XLSXReader.isoDateTime("2024-01-05T08:30:15.000Z") == dateTime(2024, 1, 5, 8, 30, 15))
        #expect(XLSXReader.isoDateTime("2024-02-30") == nil)
        #expect(XLSXReader.isoDateTime("2024-01-05x") == nil)
    }

    @Test func relationshipTargetsResolveAgainstTheirPart() {
        #expect(XLSXReader.resolve("worksheets/sheet1.xml", base: "xl") == "xl/worksheets/sheet1.xml")
        #expect(XLSXReader.resolve("/xl/worksheets/sheet1.xml", base: "xl") == "xl/worksheets/sheet1.xml")
        #expect(XLSXReader.resolve("../xl/./styles.xml", base: "xl/sub") == "xl/xl/styles.xml")
        #expect(XLSXReader.resolve("xl/workbook.xml", base: "") == "xl/workbook.xml")
    }

    @Test func mergeTagsAreFoundWhateverTheChunking() {
        let xml = Array(("<sheetData><row r=\"1\"><c><is><t>mergeCell ref=\"Z1:Z9\"</t></is></c></row></sheetData>"
            + "<x:mergeCells count=\"3\"><x:mergeCell ref=\"A1:B2\"/><mergeCell\n ref='C3:D4' /><mergeCell ref=\"E5\"/>"
            + "</x:mergeCells>").utf8)
        let expected = ["A1:B2", "C3:D4", "E5"].map { CellRange(reference: $0)! }
        for size in [1, 2, 3, 7, 16, 64, xml.count] {
            var sc = XLSXReader.MergeCellScanner()
            var i = 0
            while i < xml.count {
                let piece = Array(xml[i..<min(xml.count, i + size)])
                piece.withUnsafeBufferPointer { sc.feed($0) }
                i += size
            }
            #expect(sc.ranges == expected, "pieces of \(size)")
        }
    }
}

// MARK: Edge cases from other projects' files (issue 16; fixtures/sheets/make_edge_cases.py)

extension XLSXReaderTests {
    @Test func backslashPathsInTheZipAreParts() throws {
        let r = try XLSXReaderTests.open("backslash-paths.xlsx")
        #expect(r.sheets == [SheetInfo(name: "名单", index: 0)])
        #expect(try r.rows(in: r.sheets[0]) == [
            Row(number: 1, cells: [t("姓名"), t("金额")]),
            Row(number: 2, cells: [t("张三"), n(1500)]),
        ])
        #expect(try r.mergedRanges(in: r.sheets[0]) == [CellRange(reference: "C1:D1")!])
    }

    @Test func aDuplicatedPartNameTakesTheFirst() throws {
        let r = try XLSXReaderTests.open("duplicate-part.xlsx")
        #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [[t("姓名"), t("金额")], [t("张三"), n(1500)]])
    }

    @Test func anInlineStringWithAValueReadsAsItsStringOnly() throws {
        let rows = try XLSXReaderTests.rows(XLSXReaderTests.open("edge-cells.xlsx"), "内联")
        #expect(rows == [Row(number: 1, cells: [t("文本"), t("后"), .empty, t("富文本")])])
    }

    @Test func lineEndsInTextAreNormalisedAsXMLRequires() throws {
        let rows = try XLSXReaderTests.rows(XLSXReaderTests.open("edge-cells.xlsx"), "换行")
        #expect(rows.map(\.cells) == [
            [t("第一行\n第二行"), t("甲\n乙"), t("Excel\r\n换行"), t("字符引用\r\n保留"), t("\n")],
            [t("内联\n换行\n"), t("公式\n结果")],
        ])
    }

    @Test func timesDurationsAndNegativeSerials() throws {
        let rows = try XLSXReaderTests.rows(XLSXReaderTests.open("edge-cells.xlsx"), "时间")
        #expect(rows.map(\.cells) == [
            // h:mm, hh:mm:ss, h:mm with 0, h:mm AM/PM, h"时"mm"分" (built-in 32), 上午/下午h"时"mm"分"
            [.time(54_000), .time(45_000), .time(0), .time(64_800), .time(30_600), .time(75_600)],
            // [h]:mm:ss (46), [h]:mm:ss with half a second, [mm]:ss, [h]:mm negative, [h]:mm:ss with 0
            [.duration(129_600), .duration(3600.5), .duration(180), .duration(-43_200), .duration(0)],
            // m/d/yy h:mm and yyyy-mm-dd hh:mm below 1 are times of day; with a date part, date and time
            [.time(54_000), .time(54_000), dateTime(2024, 1, 5, 15, 0), dateTime(2024, 1, 5, 12, 0)],
            // negative serials in date, date-time and time formats stay numbers, as do 0 and 0.5 in date formats
            [n(-1), n(-0.5), n(-0.25), n(-0.25), n(0), n(0.5)],
            [.time(65)],                                   // mm:ss.0 (like built-in 47)
        ])
        #expect(rows[1].cells[1].displayText == "01:00:00.500")
    }

    @Test func partsInUTF16AreRead() throws {
        let r = try XLSXReaderTests.open("utf16-parts.xlsx")
        #expect(r.sheets == [SheetInfo(name: "统一码", index: 0)])
        #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [
            [t("姓名"), t("金额")],
            [t("张三"), n(1500), date(2024, 1, 5), t("𠀀内联")],
        ])
        #expect(try r.mergedRanges(in: r.sheets[0]) == [CellRange(reference: "A3:B3")!])
    }

    @Test func aPartCutInsideAUTF16CharacterIsDamage() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        bytes += Array("<a>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) + [0x3C]
        var text = XLSXReader.PartText(part: "xl/workbook.xml", file: "坏.xlsx", sheet: nil)
        var out: [UInt8] = []
        let e = #expect(throws: SheetError.self) {
            try bytes.withUnsafeBufferPointer { try text.feed($0) { out += $0 } }
            try text.finish { out += $0 }
        }
        #expect(e?.text(.en) == "坏.xlsx: xl/workbook.xml is UTF-16 text with an invalid character: the file is damaged")
        #expect(e?.text(.zh) == "坏.xlsx：xl/workbook.xml 是含有无效字符的 UTF-16 文本：文件已损坏")
        #expect(out == Array("<a>".utf8))
    }

    @Test func partTextPassesUTF8ThroughAndDropsItsByteOrderMark() throws {
        for cut in 0...6 {
            let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<a/>".utf8)
            var text = XLSXReader.PartText(part: "p", file: "f", sheet: nil)
            var out: [UInt8] = []
            try Array(bytes[..<cut]).withUnsafeBufferPointer { try text.feed($0) { out += $0 } }
            try Array(bytes[cut...]).withUnsafeBufferPointer { try text.feed($0) { out += $0 } }
            try text.finish { out += $0 }
            #expect(out == Array("<a/>".utf8), "cut at \(cut)")
        }
    }

    @Test func openDocumentAndBinaryWorkbooksAreRefusedWithWhatToDo() throws {
        let ods = expectSheetError(.corrupt, file: "spreadsheet.ods", "OpenDocument") {
            _ = try openSpreadsheet(at: Fixture.sheets("spreadsheet.ods"))
        }
        #expect(ods?.text(.en) == "spreadsheet.ods: OpenDocument spreadsheets are not read; save as .xlsx")
        #expect(ods?.text(.zh) == "spreadsheet.ods：不读取 OpenDocument 表格；请另存为 .xlsx")
        let xlsb = expectSheetError(.corrupt, file: "binary.xlsb", "binary workbook") {
            _ = try openSpreadsheet(at: Fixture.sheets("binary.xlsb"))
        }
        #expect(xlsb?.text(.en) == "binary.xlsb: binary workbook (.xlsb); save as .xlsx")
        #expect(xlsb?.text(.zh) == "binary.xlsb：二进制工作簿（.xlsb）；请另存为 .xlsx")
    }
}
