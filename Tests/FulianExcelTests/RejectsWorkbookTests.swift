@testable import FulianExcel
import Testing

/// Sheet names the rejects workbook derives from file names.
struct RejectsSheetNameTests {
    @Test func namesFitExcelAndStayUnique() {
        #expect(RejectsWorkbook.uniqueSheetName(for: "春蕾[2024]:名单?.xlsx", existing: ["汇总"]) == "春蕾2024名单")
        let long = String(repeating: "贫", count: 40) + ".csv"
        #expect(RejectsWorkbook.uniqueSheetName(for: long, existing: []) == String(repeating: "贫", count: 31))
        #expect(RejectsWorkbook.uniqueSheetName(for: long, existing: [String(repeating: "贫", count: 31)])
                == String(repeating: "贫", count: 28) + "(2)")
        // Characters outside the BMP count twice, as Excel counts them; the name still fits and the loop ends.
        let emoji = String(repeating: "😀", count: 20) + ".xlsx"
        let first = RejectsWorkbook.uniqueSheetName(for: emoji, existing: [])
        #expect(first == String(repeating: "😀", count: 15))
        #expect(RejectsWorkbook.uniqueSheetName(for: emoji, existing: [first]) == String(repeating: "😀", count: 14) + "(2)")
        #expect(RejectsWorkbook.uniqueSheetName(for: "History.csv", existing: []) == "文件")
    }
}
