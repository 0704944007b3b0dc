import Foundation
import FulianCore
@testable import FulianSheets
import Testing

struct CellTests {
    @Test(arguments: [
        (Cell.empty, ""), (t("张三"), "张三"), (n(42), "42"), (n(-0.0), "0"), (n(1500.5), "1500.5"), (n(0.1), "0.1"),
        (n(123_456_789_012_345), "123456789012345"), (n(1e15), "1000000000000000"), (n(2.5e16), "2.5e+16"), (n(4.39921199002142e17), "4.39921199002142e+17"),
        (date(2024, 1, 5), "2024-01-05"), (dateTime(2024, 1, 5, 8, 30), "2024-01-05T08:30:00"),
        (.bool(true), "TRUE"), (.bool(false), "FALSE"), (.error("#N/A"), "#N/A"),
    ])
    func displayText(cell: Cell, text: String) {
        #expect(cell.displayText == text)
    }

    @Test func numbersThatAreNotFinite() {
        #expect(Cell.format(number: .nan) == "nan")
        #expect(Cell.format(number: .infinity) == "inf")
    }

    @Test func blankCells() {
        #expect(Cell.empty.isBlank && t("").isBlank && t(" \u{3000}\u{A0}\t").isBlank)
        #expect(!t(" x ").isBlank && !n(0).isBlank && !Cell.bool(false).isBlank && !Cell.error("#N/A").isBlank)
    }

    @Test func rowsPadWithEmptyCells() {
        let row = Row(number: 7, cells: [t("a"), .empty])
        #expect(row[0] == t("a") && row[1] == .empty && row[99] == .empty)
        #expect(!row.isBlank && Row(number: 1, cells: [.empty, t(" ")]).isBlank && Row(number: 1, cells: []).isBlank)
    }

    @Test(arguments: [
        ("A1", 1, 1, 1, 1, "A1"), ("$B$2:C3", 2, 2, 3, 3, "B2:C3"), ("C3:A1", 1, 1, 3, 3, "A1:C3"),
        ("XFD1048576", 1_048_576, 16_384, 1_048_576, 16_384, "XFD1048576"), ("a1:b2", 1, 1, 2, 2, "A1:B2"),
    ])
    func rangesParseAndPrint(ref: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int, printed: String) throws {
        let r = try #require(CellRange(reference: ref))
        #expect(r == CellRange(firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn))
        #expect(r.description == printed)
    }

    @Test(arguments: ["", "A", "1", "A0", "1A", "A1:", "A1:B", "A1:B2:C3", "A-1", "A1234567890", "中1"])
    func malformedRangesAreNil(ref: String) {
        #expect(CellRange(reference: ref) == nil)
    }

    @Test func rangeGeometry() {
        let r = CellRange(reference: "B2:D5")!
        #expect(r.rowCount == 4 && r.columnCount == 3)
        #expect(r.contains(row: 2, column: 2) && r.contains(row: 5, column: 4))
        #expect(!r.contains(row: 1, column: 2) && !r.contains(row: 2, column: 5))
        #expect(CellRange.parseCell("AB12")! == (12, 28))
    }
}
