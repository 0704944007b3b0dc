import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

/// Every file in `fixtures/hostile/` (see its README.md) ends in a clean ``SheetError`` naming the file,
/// or, for the few that are legal but extreme, reads exactly and quickly.
struct HostileInputTests {
    /// A hostile file and the error it must give, when opened or when its sheets are read.
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var kind: SheetError.Kind
        var phrase: String
        var atOpen: Bool
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "not-a-zip.xlsx", kind: .corrupt, phrase: "not a readable XLSX file: the zip container is truncated or damaged (it has no end-of-central-directory record)", atOpen: true),
        Case(file: "truncated.xlsx", kind: .corrupt, phrase: "the zip container is truncated or damaged (it has no end-of-central-directory record)", atOpen: true),
        Case(file: "bad-crc.xlsx", kind: .corrupt, phrase: "xl/worksheets/sheet1.xml cannot be read: its CRC check fails; the zip is truncated or damaged", atOpen: false),
        Case(file: "runaway-deflate.xlsx", kind: .corrupt, phrase: "xl/worksheets/sheet1.xml cannot be read: its compressed data ends before the deflate stream does", atOpen: false),
        Case(file: "bomb-declared.xlsx", kind: .tooLarge, phrase: "xl/worksheets/sheet1.xml declares 4294967280 bytes uncompressed, over the limit of 1180576 (a zip bomb?)", atOpen: true),
        Case(file: "bomb-inflate.xlsx", kind: .tooLarge, phrase: "xl/worksheets/sheet1.xml inflates past 79365576 bytes from 78317 compressed (a zip bomb?)", atOpen: false),
        Case(file: "doctype-sheet.xlsx", kind: .corrupt, phrase: "xl/worksheets/sheet1.xml contains a DOCTYPE declaration, which XLSX never needs; it is refused", atOpen: false),
        Case(file: "doctype-sst.xlsx", kind: .corrupt, phrase: "xl/sharedStrings.xml contains a DOCTYPE declaration", atOpen: true),
        Case(file: "xxe-workbook.xlsx", kind: .corrupt, phrase: "xl/workbook.xml contains a DOCTYPE declaration", atOpen: true),
        Case(file: "column-overflow.xlsx", kind: .tooLarge, phrase: "a cell lies in column 16385, beyond the limit of 16384", atOpen: false),
        Case(file: "row-overflow.xlsx", kind: .tooLarge, phrase: "row 1048577 is beyond the limit of 1048576 rows", atOpen: false),
        Case(file: "bad-utf8-sst.xlsx", kind: .corrupt, phrase: "shared string 1 is not valid UTF-8: the file is damaged", atOpen: true),
        Case(file: "bad-utf8-inline.xlsx", kind: .corrupt, phrase: "cell B1 holds bytes that are not valid UTF-8: the file is damaged", atOpen: false),
        Case(file: "long-token.xlsx", kind: .tooLarge, phrase: "xl/worksheets/sheet1.xml holds a single XML token longer than 1114112 bytes", atOpen: false),
        Case(file: "sst-index.xlsx", kind: .corrupt, phrase: "cell B1 refers to shared string 99, but the table has 1", atOpen: false),
        Case(file: "missing-sheet.xlsx", kind: .corrupt, phrase: "the sheet's part xl/worksheets/sheet1.xml is missing from the zip", atOpen: false),
        Case(file: "no-workbook.xlsx", kind: .corrupt, phrase: "the zip has no workbook part (xl/workbook.xml): not an XLSX workbook", atOpen: true),
        Case(file: "truncated-sheetdata.xlsx", kind: .corrupt, phrase: "the sheet's XML ends inside <sheetData> (after row 2): the file is truncated or damaged", atOpen: false),
        Case(file: "zip-encrypted.xlsx", kind: .encrypted, phrase: "xl/workbook.xml is encrypted with a zip password", atOpen: true),
        Case(file: "random-binary.xlsx", kind: .corrupt, phrase: "its content is neither XLSX (zip), XLS (OLE2) nor text", atOpen: true),
        Case(file: "ole2-garbage.xls", kind: .corrupt, phrase: "not a readable XLS file: the OLE2 container is damaged (unusual sector size)", atOpen: true),
        Case(file: "ole2-cyclic.xls", kind: .corrupt, phrase: "the OLE2 container is damaged (cyclic sector chain)", atOpen: true),
        Case(file: "ole2-no-workbook.xls", kind: .corrupt, phrase: "the OLE2 file holds no Excel workbook stream (is it a Word or other Office document?)", atOpen: true),
        Case(file: "encrypted.xlsx", kind: .encrypted, phrase: "the workbook is password-protected (an encrypted .xlsx)", atOpen: true),
        Case(file: "filepass.xls", kind: .encrypted, phrase: "the workbook is password-protected; open it in Excel or WPS", atOpen: true),
        Case(file: "unterminated-quote.csv", kind: .corrupt, phrase: "a quoted field that starts on line 3 is never closed", atOpen: false),
        Case(file: "empty.csv", kind: .empty, phrase: "the file is empty", atOpen: true),
        Case(file: "html-no-table.xls", kind: .corrupt, phrase: "the file is a web page (HTML) but contains no table (<table>)", atOpen: true),
        Case(file: "html-mht.xls", kind: .corrupt, phrase: "the file is a single-file web page (MHT/MHTML", atOpen: true),
        // Found by bench/fuzz (and the same overflow elsewhere in review): ZIP64 values near Int64.max.
        Case(file: "zip64-cd-overflow.xlsx", kind: .corrupt, phrase: "the zip container is truncated or damaged (its central directory lies outside the file)", atOpen: true),
        Case(file: "zip64-locator-overflow.xlsx", kind: .corrupt, phrase: "the zip container is truncated or damaged (the ZIP64 end record lies outside the file)", atOpen: true),
        Case(file: "zip64-entry-offset-overflow.xlsx", kind: .corrupt, phrase: "_rels/.rels cannot be read: its header lies outside the file; the zip is truncated or damaged", atOpen: true),
        Case(file: "zip64-entry-size-overflow.xlsx", kind: .corrupt, phrase: "_rels/.rels cannot be read: its data runs past the end of the file; the zip is truncated or damaged", atOpen: true),
    ]

    /// The files that are extreme but legal, each with its own test below.
    static let readable = ["header-only.csv", "html-truncated.xls", "html-huge-span.xls", "huge-dimension.xlsx", "huge-duration.xls", "last-cell.xlsx", "stray-cell-close.xlsx"]

    @Test(arguments: HostileInputTests.cases)
    func refusedWithACleanError(c: Case) throws {
        let path = Fixture.hostile(c.file)
        if c.atOpen {
            expectSheetError(c.kind, file: c.file, c.phrase) { _ = try openSpreadsheet(at: path) }
            return
        }
        let reader = try openSpreadsheet(at: path)
        let e = expectSheetError(c.kind, file: c.file, c.phrase) {
            for sheet in reader.sheets { _ = try reader.rows(in: sheet) }
        }
        if reader.format == .xlsx { #expect(e?.sheet == "Sheet1") }
    }

    @Test func everyHostileFileIsCoveredSmallAndDescribed() throws {
        let dir = FixturePaths.fixture("hostile")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasSuffix(".py") && !$0.hasSuffix(".md") }
        #expect(Set(files) == Set(HostileInputTests.cases.map(\.file) + HostileInputTests.readable))
        let readme = try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8)
        for f in files {
            let size = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(f).path)[.size] as? Int ?? 0
            #expect(size <= 200_000, "\(f) is \(size) bytes")
            #expect(readme.contains("`\(f)`"), "\(f) is not described in fixtures/hostile/README.md")
        }
    }

    @Test func errorsCarryTheSheetAndRow() throws {
        let reader = try openSpreadsheet(at: Fixture.hostile("column-overflow.xlsx"))
        let e = expectSheetError(.tooLarge, file: "column-overflow.xlsx", "column 16385") { _ = try reader.rows(in: reader.sheets[0]) }
        #expect(e?.text(.en) == "column-overflow.xlsx (sheet Sheet1), row 1: a cell lies in column 16385, beyond the limit of 16384")
        #expect(e?.text(.zh) == "column-overflow.xlsx 工作表“Sheet1” 第 1 行：有一个单元格位于第 16385 列，超过上限 16384")
    }

    // MARK: Zip bombs with lowered limits

    @Test func anInflationBombStopsAtALoweredEntryLimit() throws {
        var options = ReadOptions()
        options.limits.maxEntryBytes = 1 << 20
        let reader = try openSpreadsheet(at: Fixture.hostile("bomb-inflate.xlsx"), options: options)
        expectSheetError(.tooLarge, file: "bomb-inflate.xlsx", "xl/worksheets/sheet1.xml inflates past 1048576 bytes from 78317 compressed") {
            _ = try reader.rows(in: reader.sheets[0])
        }
    }

    @Test func aDeclaredSizeOverALoweredLimitIsRefusedBeforeInflating() {
        var options = ReadOptions()
        options.limits.maxEntryBytes = 100_000
        expectSheetError(.tooLarge, file: "large-sheet.xlsx", "xl/worksheets/sheet1.xml declares 898477 bytes uncompressed, over the limit of 100000") {
            _ = try openSpreadsheet(at: Fixture.sheets("large-sheet.xlsx"), options: options)
        }
    }

    @Test func aLoweredCellLimitBoundsTokensAndStrings() throws {
        var options = ReadOptions()
        options.limits.maxCellBytes = 10
        expectSheetError(.tooLarge, file: "handmade.xlsx", "shared string 1 holds more than 10 bytes") {
            _ = try openSpreadsheet(at: Fixture.sheets("handmade.xlsx"), options: options)
        }
        let reader = try openSpreadsheet(at: Fixture.sheets("xlsxwriter-inline.xlsx"), options: options)
        let e = expectSheetError(.tooLarge, file: "xlsxwriter-inline.xlsx", "a cell holds more than 10 bytes") {
            _ = try reader.rows(in: reader.sheets[0])
        }
        #expect(e?.row == 1)
        // A number too: B3's date serial 45296.35416666666 is 17 bytes (the inline strings at most 16).
        options.limits.maxCellBytes = 16
        let typed = try openSpreadsheet(at: Fixture.sheets("openpyxl-types.xlsx"), options: options)
        let number = expectSheetError(.tooLarge, file: "openpyxl-types.xlsx", "a cell holds more than 16 bytes") {
            _ = try typed.rows(in: typed.sheets[0])
        }
        #expect(number?.row == 3)
    }

    // MARK: Extreme but legal

    @Test func aHugeDeclaredDimensionAllocatesNothing() throws {
        let start = Date()
        let reader = try openSpreadsheet(at: Fixture.hostile("huge-dimension.xlsx"))
        #expect(reader.sheets[0].dimension == CellRange(reference: "A1:XFD1048576"))
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows == [Row(number: 1, cells: [n(1)]), Row(number: 2, cells: [.empty, .empty, n(2)]), Row(number: 3, cells: [.empty, n(3)])])
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func theLastCellOfTheGridIsOneRowOf16384Cells() throws {
        let rows = try readRows(Fixture.hostile("last-cell.xlsx"))
        #expect(rows.count == 1 && rows[0].number == 1_048_576 && rows[0].cells.count == 16_384)
        #expect(rows[0].cells.last == n(3) && rows[0].cells.dropLast().allSatisfy { $0 == .empty })
    }

    // MARK: Found by bench/fuzz (fixtures/hostile/make_fuzz_finds.py)

    @Test func aStrayCellCloseOrValueOutsideACellIsIgnored() throws {
        // Crashed the XLSX reader: the `</c>` before any `<c>` of row 2 wrote row 1's value at column 0.
        #expect(try readRows(Fixture.hostile("stray-cell-close.xlsx")) == [
            Row(number: 1, cells: [n(1)]),
            Row(number: 3, cells: [.empty, n(3)]),
        ])
    }

    @Test func aDurationTooLargeForAClockShowsItsSeconds() throws {
        // Trapped in CI's fuzz run (bench/fuzz xls): an elapsed-time cell of -2.96e189 seconds, whose
        // milliseconds do not fit an Int64, converted for display.
        let reader = try openSpreadsheet(at: Fixture.hostile("huge-duration.xls"))
        var durations: [Double] = []
        for sheet in reader.sheets {
            for row in try reader.rows(in: sheet) {
                for cell in row.cells {
                    _ = cell.displayText
                    if case .duration(let s) = cell { durations.append(s) }
                }
            }
        }
        let huge = try #require(durations.first { abs($0) > 1e100 })
        #expect(Cell.duration(huge).displayText == Cell.format(number: huge))
        #expect(Cell.duration(huge).displayText == "-2.9585533540948723e+189")
        #expect(Cell.duration(360_000_000).displayText == "100000:00:00")
        #expect(Cell.duration(-5400.25).displayText == "-01:30:00.250")
    }

    @Test func aHeaderOnlyCSVIsOneRow() throws {
        #expect(try readRows(Fixture.hostile("header-only.csv")) == [Row(number: 1, cells: [t("姓名"), t("身份证号"), t("金额")])])
    }

    @Test func aWebPageCutShortReadsItsRowsWithAWarning() throws {
        let reader = try openSpreadsheet(at: Fixture.hostile("html-truncated.xls"))
        #expect(reader.format == .html)
        #expect(try reader.rows(in: reader.sheets[0]) == [
            Row(number: 1, cells: [t("姓名"), t("金额")]),
            Row(number: 2, cells: [t("王秀英"), .number(600)]),
            Row(number: 3, cells: [t("李桂兰")]),
        ])
        #expect(reader.warnings.map(\.category) == ["truncated"])
        #expect(reader.warnings.map { $0.message.text(.en) } == ["the web page ends inside a table (the file may be cut short): only 3 rows were read"])
    }

    @Test func hugeSpansAreCappedAndClipped() throws {
        let reader = try openSpreadsheet(at: Fixture.hostile("html-huge-span.xls"))
        let sheet = reader.sheets[0]
        let rows = try reader.rows(in: sheet)
        #expect(rows == [
            Row(number: 1, cells: [t("标题")]),
            Row(number: 2, cells: [t("甲"), t("乙")]),
            Row(number: 3, cells: [.empty, t("丙")]),
        ])
        #expect(try reader.mergedRanges(in: sheet).map(\.description) == ["A1:ALL1", "A2:A3"])
        #expect(reader.warnings.map { $0.message.text(.en) } == [
            "row 1 has a cell with colspan=1000000000, over the limit of 1000: read as 1000",
            "row 2 has a cell with rowspan=99999999, over the limit of 65536: read as 65536",
        ])
    }
}
