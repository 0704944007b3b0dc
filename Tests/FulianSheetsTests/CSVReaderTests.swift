import CTextSIMD
import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

struct CSVReaderTests {
    // MARK: RFC 4180 quoting and line numbers

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let rows = try TempFile.rows(csv: "a,b,c\n\"1,5\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,,z\n")
        #expect(rows.map(\.number) == [1, 2, 4])
        #expect(rows[1].cells == [.text("1,5"), .text("say \"hi\""), .text("two\nlines")])
        #expect(rows[2].cells == [.text("x"), .empty, .text("z")])
    }

    @Test func rowNumbersAreTheLineWhereARecordStartsWithCRLF() throws {
        let rows = try TempFile.rows(csv: "h1,h2\r\n\"a\r\nb\r\nc\",x\r\ny,z\r\n\r\n\"\n\",w\r\n")
        #expect(rows.map(\.number) == [1, 2, 5, 7])
        #expect(rows[0].cells == [t("h1"), t("h2")])
        #expect(rows[1].cells == [t("a\r\nb\r\nc"), t("x")])
        #expect(rows[2].cells == [t("y"), t("z")])
        #expect(rows[3].cells == [t("\n"), t("w")])
    }

    @Test func loneCarriageReturnsEndLines() throws {
        let rows = try TempFile.rows(csv: "a,b\rc,d\r\"e\rf\",g\r\rh,i\r")
        #expect(rows.map(\.number) == [1, 2, 3, 6])
        #expect(rows.map(\.cells) == [[t("a"), t("b")], [t("c"), t("d")], [t("e\rf"), t("g")], [t("h"), t("i")]])
    }

    @Test func mixedLineEndingsAndNoTrailingNewline() throws {
        let rows = try TempFile.rows(csv: "a,1\nb,2\r\nc,3\rd,4")
        #expect(rows.map(\.number) == [1, 2, 3, 4])
        #expect(rows[3].cells == [t("d"), t("4")])
    }

    @Test func lastRecordWithoutNewlineMayEndInAQuoteOrADelimiter() throws {
        #expect(try TempFile.rows(csv: "a,b\n\"x\",\"y\"").map(\.cells) == [[t("a"), t("b")], [t("x"), t("y")]])
        #expect(try TempFile.rows(csv: "a,b\nx,").map(\.cells) == [[t("a"), t("b")], [t("x"), .empty]])
    }

    @Test func strayQuotesAreKeptAsExcelDoes() throws {
        let rows = try TempFile.rows(csv: "a,b\n5\" screen,\"ab\"cd\n")
        #expect(rows[1].cells == [t("5\" screen"), t("abcd")])
    }

    @Test func textIsNotTrimmedAndEmptyQuotedFieldsAreEmpty() throws {
        let rows = try TempFile.rows(csv: "a,b,c\n  张三 ,\"\", \n")
        #expect(rows[1].cells == [t("  张三 "), .empty, t(" ")])
    }

    @Test func emptyLinesAreSkippedButRowNumbersStayPhysical() throws {
        let rows = try TempFile.rows(csv: "\n\na,b\n\n\nc,d\n\n")
        #expect(rows.map(\.number) == [3, 6])
    }

    // MARK: Delimiters

    @Test(arguments: [
        ("姓名,金额,备注\n张三,1500,\"a;b\"\n李四,20,c;d;e\n", UInt8(ascii: ","), ["张三", "1500", "a;b"]),
        ("姓名\t金额\t备注\n张三\t1,500\t无\n李四\t20\t有\n", UInt8(9), ["张三", "1,500", "无"]),
        ("姓名;金额;备注\n张三;1,5;无\n李四;2,25;有\n", UInt8(ascii: ";"), ["张三", "1,5", "无"]),
    ])
    func sniffsTheDelimiter(text: String, delimiter: UInt8, second: [String]) throws {
        let reader = try TempFile.open(Array(text.utf8))
        #expect(reader.delimiter == delimiter)
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows.count == 3)
        #expect(rows[1].cells == second.map(Cell.text))
        #expect(reader.warnings.isEmpty)
    }

    @Test func aForcedDelimiterIsUsed() throws {
        let reader = try TempFile.open(Array("a|b,c\n1|2,3\n".utf8), options: ReadOptions(delimiter: UInt8(ascii: "|")))
        #expect(reader.delimiter == UInt8(ascii: "|"))
        #expect(try reader.rows(in: reader.sheets[0])[1].cells == [t("1"), t("2,3")])
    }

    @Test func aSingleColumnFileHasOneField() throws {
        let reader = try TempFile.open(Array("姓名\n张三\n李四\n".utf8))
        #expect(reader.delimiter == UInt8(ascii: ","))
        #expect(try reader.rows(in: reader.sheets[0]).map(\.cells) == [[t("姓名")], [t("张三")], [t("李四")]])
    }

    // MARK: Ragged rows

    @Test func raggedRowsAreWarningsNotErrors() throws {
        let reader = try TempFile.open(Array("a,b,c\n1,2,3\n4,5\n6,7,8,9\n合计\n".utf8))
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows.map(\.cells.count) == [3, 3, 2, 4, 1])
        #expect(rows[3].cells == [t("6"), t("7"), t("8"), t("9")])
        #expect(reader.warnings.map { [$0.file, "\($0.row ?? 0)", $0.category] } == [["test.csv", "3", "ragged-row"], ["test.csv", "4", "ragged-row"]])
        #expect(reader.warnings.map { $0.text(.en) } == [
            "test.csv:R3: warning [ragged-row] line 3 has 2 fields where the file's rows have 3",
            "test.csv:R4: warning [ragged-row] line 4 has 4 fields where the file's rows have 3",
        ])
        #expect(reader.warnings.map { $0.text(.zh) } == [
            "test.csv 第 3 行：警告 [ragged-row] 第 3 行有 2 个字段，而文件各行为 3 个",
            "test.csv 第 4 行：警告 [ragged-row] 第 4 行有 4 个字段，而文件各行为 3 个",
        ])
        // Reading again starts the warnings afresh.
        _ = try reader.rows(in: reader.sheets[0])
        #expect(reader.warnings.count == 2)
    }

    @Test func manyRaggedRowsAreSummarised() throws {
        // The usual width is the commonest among the first 50 lines: 3 here (31 lines against 19).
        let text = "a,b,c\n" + (1...30).map { "\($0),y,z\n" }.joined() + (1...30).map { "\($0),x\n" }.joined()
        let reader = try TempFile.open(Array(text.utf8))
        _ = try reader.rows(in: reader.sheets[0])
        #expect(reader.warnings.count == 21)
        #expect(reader.warnings[0].row == 32)
        #expect(reader.warnings[19].row == 51)
        #expect(reader.warnings[20].row == nil && reader.warnings[20].category == "ragged-row")
        #expect(reader.warnings[20].message.text(.en) == "10 more rows have a field count other than 3")
        #expect(reader.warnings[20].message.text(.zh) == "另有 10 行的字段数不是 3")
    }

    // MARK: Encodings

    @Test(arguments: [
        (TextEncoding.utf8, [UInt8]("姓名,金额\n张三,1\n".utf8)),
        (.utf8BOM, [0xEF, 0xBB, 0xBF] + [UInt8]("姓名,金额\n张三,1\n".utf8)),
        (.utf16LE, [0xFF, 0xFE] + CSVReaderTests.utf16("姓名,金额\n张三,1\n", bigEndian: false)),
        (.utf16BE, [0xFE, 0xFF] + CSVReaderTests.utf16("姓名,金额\n张三,1\n", bigEndian: true)),
        (.gb18030, CSVReaderTests.gb18030("姓名,金额\n张三,1\n")),
    ])
    func detectsTheEncoding(encoding: TextEncoding, bytes: [UInt8]) throws {
        let reader = try TempFile.open(bytes)
        #expect(reader.textEncoding == encoding)
        #expect(try reader.rows(in: reader.sheets[0]).map(\.cells) == [[t("姓名"), t("金额")], [t("张三"), t("1")]])
    }

    @Test func gb18030FourByteCharactersDecode() throws {
        // 𠀀 (U+20000, CJK Ext-B) is the four bytes 95 32 82 36 in GB18030.
        let bytes = CSVReaderTests.gb18030("序号,姓名\n1,杨𠀀思\n")
        #expect(bytes.count == 21 && bytes[14..<18] == [0x95, 0x32, 0x82, 0x36])
        let reader = try TempFile.open(bytes)
        #expect(reader.textEncoding == .gb18030)
        #expect(try reader.rows(in: reader.sheets[0])[1].cells == [t("1"), t("杨𠀀思")])
    }

    @Test func gbkBytesReadAsGB18030() throws {
        // What Excel on Chinese Windows writes: GBK (CP936) bytes, here spelled out.
        let gbk: [UInt8] = [0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xBD, 0xF0, 0xB6, 0xEE, 0x0A,   // 姓名,金额
                            0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0x31, 0x0A]                  // 张三,1
        let reader = try TempFile.open(gbk)
        #expect(reader.textEncoding == .gb18030)
        #expect(try reader.rows(in: reader.sheets[0]).map(\.cells) == [[t("姓名"), t("金额")], [t("张三"), t("1")]])
    }

    @Test func utf8IsTriedBeforeGB18030() throws {
        // These UTF-8 bytes are also valid GB18030 (they would read as 涓枃): UTF-8 must win.
        let bytes = [UInt8]("中文,x\n".utf8)
        #expect(String(bytes: bytes, encoding: String.Encoding(rawValue: 0x8000_0632)) != nil)
        let reader = try TempFile.open(bytes)
        #expect(reader.textEncoding == .utf8)
        #expect(try reader.rows(in: reader.sheets[0])[0].cells == [t("中文"), t("x")])
    }

    @Test func oneInvalidUTF8ByteLateInTheFileMeansGB18030() throws {
        // Detection reads the whole file, not just the first chunk.
        let bytes = [UInt8](("a,b\n" + String(repeating: "x,y\n", count: 300_000)).utf8) + CSVReaderTests.gb18030("张,三\n")
        #expect(bytes.count > 1 << 20)
        let reader = try TempFile.open(bytes)
        #expect(reader.textEncoding == .gb18030)
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows.count == 300_002)
        #expect(rows.last?.cells == [t("张"), t("三")])
        #expect(rows.last?.number == 300_002)
    }

    @Test func aForcedEncodingIsUsed() throws {
        let reader = try TempFile.open(CSVReaderTests.gb18030("姓名\n张三\n"), options: ReadOptions(encoding: .gb18030))
        #expect(reader.textEncoding == .gb18030)
        #expect(try reader.rows(in: reader.sheets[0]).map(\.cells) == [[t("姓名")], [t("张三")]])
        // UTF-16 without a byte-order mark only when asked.
        let le = try TempFile.open(CSVReaderTests.utf16("a,b\n1,2\n", bigEndian: false), options: ReadOptions(encoding: .utf16LE))
        #expect(le.textEncoding == .utf16LE)
        #expect(try le.rows(in: le.sheets[0])[1].cells == [t("1"), t("2")])
        // A forced UTF-8 over a BOM skips the BOM and reports it.
        let bom = try TempFile.open([0xEF, 0xBB, 0xBF] + Array("a\n".utf8), options: ReadOptions(encoding: .utf8))
        #expect(bom.textEncoding == .utf8BOM)
        #expect(try bom.rows(in: bom.sheets[0])[0].cells == [t("a")])
    }

    @Test func forcedUTF8OnAGB18030FileIsAnEncodingError() throws {
        let path = try TempFile.write(CSVReaderTests.gb18030("姓名\n张三\n"), name: "名单.csv")
        expectSheetError(.encoding, file: "名单.csv", "not valid UTF-8 (as --encoding says); it may be GB18030") {
            _ = try CSVReader(path: path, options: ReadOptions(encoding: .utf8))
        }
    }

    @Test func bytesInvalidInGB18030AreAnEncodingErrorNamingTheLine() throws {
        // Not UTF-8 and Chinese text, so GB18030 is chosen; 0x81 0x20 is no GB18030 sequence.
        let path = try TempFile.write(CSVReaderTests.gb18030("姓名,金额\n张三,李四\n") + [0x81, 0x20, 0x0A], name: "坏.csv")
        let reader = try CSVReader(path: path)
        #expect(reader.encoding == .gb18030)
        let e = expectSheetError(.encoding, file: "坏.csv", "the bytes on line 3 are not valid GB18030; use --encoding") {
            _ = try reader.rows(in: reader.sheets[0])
        }
        #expect(e?.row == 3)
    }

    // MARK: Errors and limits

    @Test func anUnterminatedQuoteIsCorruptAndNamesTheLine() throws {
        let path = try TempFile.write(Array("姓名,备注\n张三,正常\n李四,\"没有结束\n王五,后面\n".utf8), name: "备注.csv")
        let e = expectSheetError(.corrupt, file: "备注.csv", "a quoted field that starts on line 3 is never closed") {
            _ = try readRows(path)
        }
        #expect(e?.row == 3)
        #expect(e?.text(.en) == "备注.csv, row 3: a quoted field that starts on line 3 is never closed (a missing \" character)")
        #expect(e?.text(.zh) == "备注.csv 第 3 行：从第 3 行开始的带引号字段没有结束（缺少一个 \" 号）")
    }

    @Test func anEmptyFileIsEmpty() throws {
        let path = try TempFile.write([], name: "空.csv")
        expectSheetError(.empty, file: "空.csv", "the file is empty") { _ = try openSpreadsheet(at: path) }
        expectSheetError(.empty, file: "空.csv", "the file is empty") { _ = try CSVReader(path: path) }
    }

    @Test func aHeaderOnlyFileIsOneRow() throws {
        let rows = try TempFile.rows(csv: "姓名,身份证号,金额\n")
        #expect(rows == [Row(number: 1, cells: [t("姓名"), t("身份证号"), t("金额")])])
    }

    @Test func aFieldOverTheCellLimitIsTooLarge() throws {
        var options = ReadOptions()
        options.limits.maxCellBytes = 100
        let path = try TempFile.write(Array(("a,b\n1,\"" + String(repeating: "x", count: 200) + "\"\n").utf8), name: "长.csv")
        let e = expectSheetError(.tooLarge, file: "长.csv", "a field starting on line 2 is longer than 100 bytes") {
            _ = try readRows(path, options: options)
        }
        #expect(e?.row == 2)
    }

    @Test func binaryContentIsNotText() throws {
        let nul = try TempFile.write(Array("a,b\n".utf8) + [0, 1, 2] + Array("c\n".utf8), name: "bin.csv")
        expectSheetError(.corrupt, file: "bin.csv", "neither XLSX (zip), XLS (OLE2) nor text") { _ = try CSVReader(path: nul) }
        let controls = try TempFile.write((0..<200).map { UInt8($0 % 8 + 1) } + Array("text".utf8), name: "ctl.csv")
        expectSheetError(.corrupt, file: "ctl.csv", "neither XLSX (zip), XLS (OLE2) nor text") { _ = try CSVReader(path: controls) }
        // Tabs, form feeds and a DOS end-of-file mark are text.
        #expect(try TempFile.rows(Array("a\tb\u{0C}\n1\t2\n".utf8) + [0x1A]).count == 3)
    }

    // MARK: Reader surface

    @Test func theSheetIsNamedAfterTheFile() throws {
        let path = try TempFile.write(Array("a\n".utf8), name: "贫困母亲救助_2024Q2.csv")
        let reader = try CSVReader(path: path)
        #expect(reader.format == .csv)
        #expect(reader.sheets == [SheetInfo(name: "贫困母亲救助_2024Q2", index: 0)])
        #expect(reader.dateSystem == .system1900)
        #expect(try reader.mergedRanges(in: reader.sheets[0]).isEmpty)
        #expect(reader.path == path)
    }

    @Test func readingStopsWhenTheBodySaysSo() throws {
        let reader = try TempFile.open(Array("a\nb\nc\nd\n".utf8))
        var seen: [Int] = []
        try reader.forEachRow(in: reader.sheets[0]) { row in
            seen.append(row.number)
            return row.number < 2
        }
        #expect(seen == [1, 2])
        #expect(try reader.rows(in: reader.sheets[0], limit: 3).map(\.number) == [1, 2, 3])
    }

    @Test func recordsSplitAcrossReadChunksParseTheSame() throws {
        // The reader reads 1 MiB at a time. Put a CR inside a quoted field as the first chunk's last byte,
        // the first byte of a UTF-8 character as the second's, and a record-ending CR as the third's.
        let chunk = 1 << 20
        var bytes: [UInt8] = []
        var lines = 0
        func add(_ s: String) {
            bytes += Array(s.utf8)
            lines += s.utf8.filter { $0 == 10 }.count
        }
        func fill(to end: Int) {
            var rest = end - bytes.count
            while rest > 8 { add("x,y\n"); rest -= 4 }
            add("x," + String(repeating: "y", count: rest - 3) + "\n")
        }
        add("h1,h2\n")
        fill(to: chunk - 3)
        let quoted = lines + 1
        add("\"a\r")
        add("\nb\",c\r\n")
        fill(to: 2 * chunk - 3)
        let accented = lines + 1
        add("d,é\r\n")
        fill(to: 3 * chunk - 4)
        let crEnd = lines + 1
        add("g,h\r")
        add("\nend,1\n")
        #expect(bytes[chunk - 1] == 13 && bytes[2 * chunk - 1] == 0xC3 && bytes[3 * chunk - 1] == 13)

        let rows = try TempFile.rows(bytes)
        #expect(rows.row(quoted)?.cells == [t("a\r\nb"), t("c")])
        #expect(rows.row(quoted + 1) == nil)
        #expect(rows.row(quoted + 2)?.cells.first == t("x"))
        #expect(rows.row(accented)?.cells == [t("d"), t("é")])
        #expect(rows.row(crEnd)?.cells == [t("g"), t("h")])
        #expect(rows.row(crEnd + 1)?.cells == [t("end"), t("1")])
        #expect(rows.last?.number == lines)
        #expect(rows.count == lines - 1)
    }

    // MARK: The parser, fed in every possible split

    @Test func theParserGivesTheSameRecordsForAnyChunking() throws {
        let text = "a,\"b,\"\"c\"\"\r\nd\"\r\ne,f\rg,\"\"\n\"h\ri\",j\n\nk"
        let bytes = Array(text.utf8)
        func parse(_ pieces: [[UInt8]]) throws -> [(Int, [Cell])] {
            var parser = CSVParser(delimiter: UInt8(ascii: ","), maxFieldBytes: 1 << 20)
            var out: [(Int, [Cell])] = []
            for p in pieces { _ = try parser.feed(p) { out.append(($0, $1)); return true } }
            _ = try parser.finish { out.append(($0, $1)); return true }
            return out
        }
        let whole = try parse([bytes])
        #expect(whole.map(\.0) == [1, 3, 4, 5, 8])
        #expect(whole.map(\.1) == [[t("a"), t("b,\"c\"\r\nd")], [t("e"), t("f")], [t("g"), .empty],
                                   [t("h\ri"), t("j")], [t("k")]])
        for cut in 1..<bytes.count {
            let split = try parse([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(split.map(\.0) == whole.map(\.0), "cut at \(cut)")
            #expect(split.map(\.1) == whole.map(\.1), "cut at \(cut)")
        }
        let byteByByte = try parse(bytes.map { [$0] })
        #expect(byteByByte.map(\.0) == whole.map(\.0))
        #expect(byteByByte.map(\.1) == whole.map(\.1))
    }

    @Test func sniffingCountsConsistentWidths() {
        #expect(CSVReader.sniff(Array("a;b;c\n1;2;3\n".utf8), forced: nil) == (UInt8(ascii: ";"), 3))
        #expect(CSVReader.sniff(Array("a\tb\n1\t2\n".utf8), forced: nil) == (9, 2))
        #expect(CSVReader.sniff(Array("only\n".utf8), forced: nil) == (UInt8(ascii: ","), 1))
        #expect(CSVReader.sniff(Array("a|b".utf8), forced: UInt8(ascii: "|")) == (UInt8(ascii: "|"), 2))
    }

    // MARK: Helpers

    static func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
        s.utf16.flatMap { u in bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
    }

    static func gb18030(_ s: String) -> [UInt8] {
        [UInt8](s.data(using: String.Encoding(rawValue: 0x8000_0632))!)
    }
}

// MARK: Separator lines and Western encodings (issue 16; fixtures/sheets/make_edge_cases.py)

extension CSVReaderTests {
    @Test func aSepLineSetsTheDelimiterAndIsNotARow() throws {
        let r = try CSVReader(path: Fixture.sheets("sep-semicolon.csv"))
        #expect(r.separator == UInt8(ascii: ";") && r.hasSeparatorLine && r.usualWidth == 3 && r.encoding == .utf8)
        #expect(try r.rows(in: r.sheets[0]) == [
            Row(number: 2, cells: [t("姓名"), t("金额"), t("备注")]),
            Row(number: 3, cells: [t("张三"), t("1,5"), t("含;分号")]),
            Row(number: 4, cells: [t("李四"), t("2,25"), .empty]),
        ])
        #expect(r.warnings.isEmpty)
    }

    @Test func aSepLineAfterAByteOrderMarkNamesAnyDelimiter() throws {
        let r = try CSVReader(path: Fixture.sheets("sep-pipe.csv"))
        #expect(r.separator == UInt8(ascii: "|") && r.encoding == .utf8BOM)
        #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [[t("姓名"), t("金额,元")], [t("王五"), t("1,000")]])
    }

    @Test(arguments: [
        ("sep=;\n", UInt8(ascii: ";"), 6), ("SEP=\t\r\nx", 9, 7), ("sep=,", UInt8(ascii: ","), 5), ("sep= \r", 32, 6),
    ])
    func separatorLines(text: String, delimiter: UInt8, length: Int) {
        let found = CSVReader.separatorLine(Array(text.utf8))
        #expect(found?.delimiter == delimiter && found?.length == length)
    }

    @Test(arguments: ["sep=;x\n", "sep=\"\n", "sep=a\n", "sep=\n", "sep=;;\n", " sep=;\n", "sep:;\n", "se"])
    func notSeparatorLines(text: String) {
        #expect(CSVReader.separatorLine(Array(text.utf8)) == nil)
    }

    @Test func aForcedDelimiterWinsOverTheSepLine() throws {
        let r = try CSVReader(path: Fixture.sheets("sep-semicolon.csv"), options: ReadOptions(delimiter: UInt8(ascii: ",")))
        #expect(r.separator == UInt8(ascii: ","))
        #expect(try r.rows(in: r.sheets[0]).first?.number == 2)
    }

    @Test func latin1TextIsRefusedWithTheEncodingToUse() throws {
        let e = expectSheetError(.encoding, file: "latin1.csv", "use --encoding cp1252") {
            _ = try CSVReader(path: Fixture.sheets("latin1.csv"))
        }
        #expect(e?.text(.en) == "latin1.csv: the file is neither UTF-8 nor Chinese text in GB18030 (read as GB18030 its accented "
                + "letters become rare characters); it looks like Western European text in CP1252: use --encoding cp1252 "
                + "(or --encoding gb18030 if it is Chinese after all)")
        #expect(e?.text(.zh) == "latin1.csv：文件既不是 UTF-8，也不是 GB18030 中文（按 GB18030 读，其中的带音标字母会变成生僻字）；看起来是 CP1252 编码的西欧文字："
                + "请加 --encoding cp1252（如果确实是中文，请加 --encoding gb18030）")
        let r = try CSVReader(path: Fixture.sheets("latin1.csv"), options: ReadOptions(encoding: .latin1))
        #expect(r.encoding == .latin1)
        #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [
            [t("Name"), t("Stadt")], [t("Müller"), t("Köln")], [t("Zoë"), t("Besançon")], [t("José"), t("São Paulo")],
        ])
        // Forced GB18030 is the user's choice: read as asked.
        #expect(try CSVReader(path: Fixture.sheets("latin1.csv"), options: ReadOptions(encoding: .gb18030)).encoding == .gb18030)
    }

    @Test func cp1252TextReadsWithItsEncoding() throws {
        expectSheetError(.encoding, file: "cp1252.csv", "it looks like Western European text in CP1252: use --encoding cp1252") {
            _ = try CSVReader(path: Fixture.sheets("cp1252.csv"))
        }
        let r = try CSVReader(path: Fixture.sheets("cp1252.csv"), options: ReadOptions(encoding: .cp1252))
        #expect(r.separator == UInt8(ascii: ";"))
        #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [
            [t("Artikel"), t("Preis")], [t("“Kaffee”"), t("3,50 €")], [t("Thé – vert"), t("2,00 €")],
        ])
    }

    @Test func utf16WithoutAByteOrderMarkSuggestsItsEncoding() throws {
        let e = expectSheetError(.encoding, file: "utf16le-nobom.csv", "use --encoding utf-16le") {
            _ = try CSVReader(path: Fixture.sheets("utf16le-nobom.csv"))
        }
        #expect(e?.text(.en) == "utf16le-nobom.csv: the file looks like UTF-16LE text without a byte-order mark; use --encoding utf-16le")
        #expect(e?.text(.zh) == "utf16le-nobom.csv：文件看起来是没有字节顺序标记的 UTF-16LE 文本；请加 --encoding utf-16le")
        let r = try CSVReader(path: Fixture.sheets("utf16le-nobom.csv"), options: ReadOptions(encoding: .utf16LE))
        #expect(try r.rows(in: r.sheets[0]).map(\.cells) == [[t("name"), t("city")], [t("Anna"), t("Wien")]])
    }
}

/// The fast parser (issue #17) against the byte-at-a-time parser it replaced, on random text cut into random
/// chunks: the same records, line numbers, errors and early stops.
struct CSVParserDifferentialTests {
    static func run<P>(_ make: () -> P, _ pieces: [[UInt8]], stopAfter: Int,
                       feed: (inout P, [UInt8], (Int, [Cell]) throws -> Bool) throws -> Bool,
                       finish: (inout P, (Int, [Cell]) throws -> Bool) throws -> Bool) -> [String] {
        var p = make()
        var out: [String] = []
        let emit: (Int, [Cell]) throws -> Bool = { line, cells in
            out.append("\(line) \(cells)")
            return out.count < stopAfter
        }
        do {
            for piece in pieces where !(try feed(&p, piece, emit)) { out.append("stopped"); return out }
            if !(try finish(&p, emit)) { out.append("stopped") }
        } catch {
            out.append("error \(error)")
        }
        return out
    }

    static func fast(_ pieces: [[UInt8]], limit: Int, stopAfter: Int, delimiter: UInt8) -> [String] {
        run({ CSVParser(delimiter: delimiter, maxFieldBytes: limit) }, pieces, stopAfter: stopAfter,
            feed: { try $0.feed($1, $2) }, finish: { try $0.finish($1) })
    }

    static func reference(_ pieces: [[UInt8]], limit: Int, stopAfter: Int, delimiter: UInt8) -> [String] {
        run({ ReferenceCSVParser(delimiter: delimiter, maxFieldBytes: limit) }, pieces, stopAfter: stopAfter,
            feed: { try $0.feed($1, $2) }, finish: { try $0.finish($1) })
    }

    @Test func randomTextParsesAsTheReferenceParserDoes() {
        var rng = SplitMix(seed: 4180)
        let atoms: [[UInt8]] = [[0x61], [0x62], Array("中".utf8), Array("张三丰".utf8), [0x2C], [0x2C], [0x3B], [0x22],
                                [0x22], [0x22, 0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0x20], Array("abcdefghijklm".utf8), [0x09]]
        for round in 0..<6000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 30) { bytes += atoms[Int(rng.next() % UInt64(atoms.count))] }
            var cuts = (0..<Int(rng.next() % 5)).map { _ in Int(rng.next() % UInt64(bytes.count + 1)) }.sorted()
            cuts = [0] + cuts + [bytes.count]
            let pieces = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
            let limit = round % 4 == 0 ? 6 : 1 << 20
            let stop = round % 5 == 0 ? Int(rng.next() % 4) + 1 : .max
            let d: UInt8 = round % 7 == 0 ? 0x3B : 0x2C
            let a = CSVParserDifferentialTests.fast(pieces, limit: limit, stopAfter: stop, delimiter: d)
            let b = CSVParserDifferentialTests.reference(pieces, limit: limit, stopAfter: stop, delimiter: d)
            #expect(a == b, "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription) cut at \(cuts)")
        }
    }

    @Test(arguments: [
        "a,\"x\"\"y\"\"z\",b\n",          // embedded quotes
        "a,\"one\r\ntwo\",b\r\nc,d\r\n",  // CRLF inside and after a quoted field
        "a,\"one\rtwo\",b\rc,d\r",        // lone CRs
        "a,\"one\ntwo\",b\nc,d\n",        // LFs
        "a,\"\"\"\",\"\",b\n",           // a field that is one quote, an empty quoted field
        "\"abcdefghijklmnopqrstuvwxyz0123456789\",\"中文中文中文中文中文\"\n",
    ])
    func everyChunkingOfAQuotedFieldParsesTheSame(text: String) {
        let bytes = Array(text.utf8)
        let whole = CSVParserDifferentialTests.fast([bytes], limit: 1 << 20, stopAfter: .max, delimiter: 0x2C)
        #expect(whole == CSVParserDifferentialTests.reference([bytes], limit: 1 << 20, stopAfter: .max, delimiter: 0x2C))
        for i in 0...bytes.count {
            for j in i...bytes.count {
                let pieces = [Array(bytes[..<i]), Array(bytes[i..<j]), Array(bytes[j...])]
                #expect(CSVParserDifferentialTests.fast(pieces, limit: 1 << 20, stopAfter: .max, delimiter: 0x2C) == whole,
                        "cut at \(i), \(j)")
            }
        }
    }

    @Test func aQuotedFieldWithQuotesSpanningTheReadBufferAfterABOM() throws {
        // The reader reads 1 MiB at a time: a quoted field with `""` and a CRLF in it straddles the first
        // chunk's end, in a UTF-8 file with a byte-order mark.
        let chunk = 1 << 20
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("h1,h2\r\n".utf8)
        var lines = 1
        while bytes.count < chunk - 20 { bytes += Array("x,yy\r\n".utf8); lines += 1 }
        while bytes.count < chunk - 5 { bytes += Array("z".utf8) }
        bytes += Array(",\"ab\"\"c\r\nd\"\"\"\"e\",tail\r\nlast,1\r\n".utf8)
        #expect(bytes[chunk - 1] == 0x22 && bytes[chunk] == 0x22)   // the cut falls inside `""`
        let rows = try TempFile.rows(bytes)
        #expect(rows.first?.cells == [t("h1"), t("h2")])
        let straddling = lines + 1
        #expect(rows.row(straddling)?.cells.dropFirst() == [t("ab\"c\r\nd\"\"e"), t("tail")])
        #expect(rows.row(straddling + 2)?.cells == [t("last"), t("1")])
        #expect(rows.count == lines + 2)
    }

    @Test func gb18030SequencesAtTheReadBufferEndDecode() throws {
        // A four-byte (𠀀) and then a two-byte (中) sequence cut by the 1 MiB read buffer's end.
        let chunk = 1 << 20
        let head = TextDecodingTests.gb("姓名,金额\n张三,100\n")
        var bytes = head
        while bytes.count < chunk - 40 { bytes += TextDecodingTests.gb("李四,200\n") }
        while bytes.count < chunk - 2 { bytes += [0x61] }
        bytes += [0x2C] + TextDecodingTests.gb("𠀀中\n")            // 𠀀 = 95 32 82 36 starts 1 byte before the end
        while bytes.count < 2 * chunk - 40 { bytes += TextDecodingTests.gb("李四,200\n") }
        while bytes.count < 2 * chunk - 2 { bytes += [0x62] }
        bytes += [0x2C] + TextDecodingTests.gb("中文\n尾,1\n")       // 中 = D6 D0 starts on the last byte
        #expect(bytes[chunk - 1] == 0x95 && bytes[2 * chunk - 1] == 0xD6)
        let reader = try CSVReader(path: TempFile.write(bytes))
        #expect(reader.encoding == .gb18030)
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows.contains { $0.cells.last == t("𠀀中") })
        #expect(rows.contains { $0.cells.last == t("中文") })
        #expect(rows.last?.cells == [t("尾"), t("1")])
    }
}

/// Fields checked once as they are cut (ASCII, valid UTF-8 or repaired) and long fields shared through
/// ``FieldCache``, against the reference parser; and the cases where UTF-8 turns out invalid only late in
/// a file.
struct ValidatedUTF8Tests {
    static func validated(_ pieces: [[UInt8]], limit: Int, stopAfter: Int, delimiter: UInt8) -> [String] {
        CSVParserDifferentialTests.fast(pieces, limit: limit, stopAfter: stopAfter, delimiter: delimiter)
    }

    @Test func randomValidTextParsesAsTheReferenceParserDoes() {
        var rng = SplitMix(seed: 2026)
        // Long atoms recur, so the cache hits, misses and collides (two long values of one length that share
        // their first and last eight bytes); a few atoms are not UTF-8 (cut sequences, a stray byte), so fields
        // long and short decode repaired, also when the cache holds their repaired text.
        let atoms: [[UInt8]] = [[0x61], Array("中".utf8), Array("东湖第1社区东湖第1社区".utf8), Array("东湖第2社区东湖第1社区".utf8),
                                Array("贫困母亲救助".utf8), Array("439951198001010012".utf8), Array("439951198001020012".utf8),
                                Array("abcdefghijklmnopq".utf8), Array("𠀀𠀀𠀀𠀀é".utf8), [0x2C], [0x2C], [0x2C], [0x22],
                                [0x22, 0x22], [0x0D, 0x0A], [0x0A], [0x0A], [0xE4, 0xB8], [0xFF],
                                Array("东湖第1社区东湖第1".utf8) + [0xE7, 0xA4], Array("东湖第1社区东湖第1".utf8) + [0xEF, 0xBF, 0xBD]]
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 200) { bytes += atoms[Int(rng.next() % UInt64(atoms.count))] }
            var cuts = (0..<Int(rng.next() % 5)).map { _ in Int(rng.next() % UInt64(bytes.count + 1)) }.sorted()
            cuts = [0] + cuts + [bytes.count]
            let pieces = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
            let limit = round % 4 == 0 ? 40 : 1 << 20
            let stop = round % 5 == 0 ? Int(rng.next() % 4) + 1 : .max
            let a = ValidatedUTF8Tests.validated(pieces, limit: limit, stopAfter: stop, delimiter: 0x2C)
            let b = CSVParserDifferentialTests.reference(pieces, limit: limit, stopAfter: stop, delimiter: 0x2C)
            #expect(a == b, "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription) cut at \(cuts)")
        }
    }

    @Test func longValuesThatRecurOrNotReadTheSameThroughTheCache() throws {
        // Column 1 recurs (the cache stays on), column 2 never does (it goes off after its trial), column 3
        // alternates values of one length whose first and last eight bytes are equal.
        var text = "a,b,c\n"
        var expected: [[Cell]] = [[.text("a"), .text("b"), .text("c")]]
        for i in 0..<3000 {
            let org = "东湖街道第\(i % 7)社区", id = "4399511980\(String(format: "%08d", i))"
            let odd = i % 2 == 0 ? "12345678-甲-87654321" : "12345678-乙-87654321"
            text += "\(org),\(id),\(odd)\n"
            expected.append([.text(org), .text(id), .text(odd)])
        }
        let rows = try TempFile.rows(Array(text.utf8))
        #expect(rows.map(\.cells) == expected)
    }

    @Test func invalidUTF8AfterAByteOrderMarkStillDecodesRepaired() throws {
        // A byte-order mark is taken at its word; bad bytes past the first read buffer decode to U+FFFD as
        // before, also in a field that starts in a valid chunk.
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("姓名,备注\n".utf8)
        while bytes.count < (1 << 20) - 3 { bytes += Array("张三,东湖街道第一社区\n".utf8) }
        bytes += Array("李四,长长长".utf8) + [0xE4, 0xB8] + Array("长\n王五,".utf8) + [0xFF] + Array("\n赵六,末".utf8) + [0xE4]
        #expect(bytes.count > 1 << 20)
        let rows = try TempFile.rows(bytes)
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count == lines.count)
        #expect(rows.map(\.cells) == lines.map { $0.split(separator: ",").map { Cell.text(String($0)) } })
        #expect(rows.suffix(3).map(\.cells) == [[.text("李四"), .text("长长长\u{FFFD}长")], [.text("王五"), .text("\u{FFFD}")],
                                                [.text("赵六"), .text("末\u{FFFD}")]])
    }

    static let lateWestern: [UInt8] = {
        var bytes = Array("Name,City\n".utf8)
        while bytes.count < (1 << 20) + 100 { bytes += Array("Jose,Porto\n".utf8) }
        return bytes + Array("Jos".utf8) + [0xE9] + Array(",M".utf8) + [0xFC] + Array("nchen\n".utf8)
    }()

    @Test func latin1BytesLateInTheFileAreStillRefusedWhenOpened() throws {
        let path = try TempFile.write(ValidatedUTF8Tests.lateWestern, name: "late.csv")
        expectSheetError(.encoding, file: "late.csv", "it looks like Western European text in") {
            _ = try CSVReader(path: path)
        }
    }

    @Test func forcedUTF8WithABadByteLateInTheFileIsStillRefusedWhenOpened() throws {
        let path = try TempFile.write(ValidatedUTF8Tests.lateWestern, name: "late.csv")
        expectSheetError(.encoding, file: "late.csv", "not valid UTF-8 (as --encoding says); it may be GB18030") {
            _ = try CSVReader(path: path, options: ReadOptions(encoding: .utf8))
        }
    }
}

/// Short fields made into strings in place (``SmallString``): bit for bit what the standard library makes.
struct SmallStringTests {
    @Test func theLayoutCheckPassesOnThisPlatform() {
        // 64-bit Linux and Apple platforms share the layout; were it ever to change, the reader falls back
        // to the standard library's path and this test says so.
        #expect(SmallString.matchesStandardLibrary)
    }

    @Test func everyLengthAndKindOfTextIsTheStandardLibrarysString() {
        var rng = SplitMix(seed: 15)
        let pieces = ["a", "7", "-", " ", "é", "中", "社", "𠀀", "\u{7F}", "\u{80}", "\u{FFFF}"].map { Array($0.utf8) }
        var lengths = Set<Int>()
        for _ in 0..<4000 {
            var bytes: [UInt8] = []
            let target = Int(rng.next() % 16)
            while true {
                let p = pieces[Int(rng.next() % UInt64(pieces.count))]
                if bytes.count + p.count > target { break }
                bytes += p
            }
            lengths.insert(bytes.count)
            let standard = String(decoding: bytes, as: UTF8.self)
            let made = bytes.withUnsafeBufferPointer { SmallString.make($0, ascii: bytes.allSatisfy { $0 < 0x80 }) }
            #expect(unsafeBitCast(made, to: (UInt64, UInt64).self) == unsafeBitCast(standard, to: (UInt64, UInt64).self),
                    "\(bytes)")
            #expect(made == standard && Array(made.utf8) == bytes && made.count == standard.count)
            #expect(made.hashValue == standard.hashValue && made.unicodeScalars.elementsEqual(standard.unicodeScalars))
        }
        #expect(lengths == Set(0...15))
    }
}

/// The CSV stop marks (`fulian_csv_stops`, C) in each instruction set against a plain Swift reference.
struct CSVStopMarksTests {
    static func reference(_ bytes: [UInt8], _ delimiter: UInt8, _ quote: UInt8) -> ([UInt64], [UInt64]) {
        var f = [UInt64](repeating: 0, count: (bytes.count + 63) / 64), q = f
        for (i, b) in bytes.enumerated() {
            let line = b == 10 || b == 13
            if line || b == delimiter { f[i / 64] |= 1 << UInt64(i % 64) }
            if line || b == quote { q[i / 64] |= 1 << UInt64(i % 64) }
        }
        return (f, q)
    }

    @Test func everyInstructionSetMarksWhatThePlainLoopMarks() {
        var rng = SplitMix(seed: 64)
        let pool: [UInt8] = [0x2C, 0x22, 0x0A, 0x0D, 0x09, 0x3B, 0x41, 0x00, 0xE4, 0xB8, 0xAD, 0xFF, 0x7C]
        var used = Set<Int32>()
        for round in 0..<3000 {
            let n = round < 200 ? round : Int(rng.next() % 700)
            let bytes = (0..<n).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
            // The delimiters a file may be read with, and any byte at all.
            let delimiter: UInt8 = round % 5 == 4 ? UInt8(truncatingIfNeeded: rng.next()) : [0x2C, 0x09, 0x3B, 0x7C][round % 4]
            let (f, q) = CSVStopMarksTests.reference(bytes, delimiter, 0x22)
            for isa: Int32 in [0, 1, 2] {
                // One word more than needed, to see that nothing is written past the marks.
                var gf = [UInt64](repeating: 0xDEAD, count: f.count + 1), gq = gf
                let got = bytes.withUnsafeBufferPointer { b in
                    fulian_csv_stops_using(isa, b.baseAddress ?? UnsafePointer(bitPattern: 1)!, n, delimiter, 0x22, &gf, &gq)
                }
                used.insert(got)
                #expect(Array(gf.prefix(f.count)) == f && Array(gq.prefix(q.count)) == q, "round \(round) isa \(isa): \(bytes)")
                #expect(gf.last == 0xDEAD && gq.last == 0xDEAD)
            }
        }
        #expect(used.contains(0) && used.contains(1))
        if SIMDUTF8ValidatorTests.hasAVX2 { #expect(used.contains(2)) }
    }
}
