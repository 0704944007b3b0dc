import Foundation
@testable import FulianSheets
import Testing
import TestSupport

struct OpenSpreadsheetTests {
    @Test func choosesTheReaderByContent() throws {
        #expect(try openSpreadsheet(at: Fixture.sheets("parity.csv")) is CSVReader)
        #expect(try openSpreadsheet(at: Fixture.sheets("parity.xlsx")) is XLSXReader)
        #expect(try openSpreadsheet(at: Fixture.sheets("parity.xls")) is XLSReader)
    }

    @Test func passesTheOptionsOn() throws {
        let reader = try openSpreadsheet(at: Fixture.sheets("parity-gb18030.csv"), options: ReadOptions(encoding: .gb18030, delimiter: UInt8(ascii: ";")))
        #expect(reader.textEncoding == .gb18030 && reader.delimiter == UInt8(ascii: ";"))
        var limits = ReadLimits()
        limits.maxColumns = 3
        expectSheetError(.tooLarge, file: "parity.xlsx", "a cell lies in column 4, beyond the limit of 3") {
            let r = try openSpreadsheet(at: Fixture.sheets("parity.xlsx"), options: ReadOptions(limits: limits))
            _ = try r.rows(in: r.sheets[0])
        }
    }

    @Test func aMissingFileIsUnreadable() {
        expectSheetError(.unreadable, file: "无此文件.xlsx", "no such file") { _ = try openSpreadsheet(at: "/nonexistent/无此文件.xlsx") }
    }
}
