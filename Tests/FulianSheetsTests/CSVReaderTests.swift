import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

struct CSVReaderTests {
    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let rows = try TempFile.rows(csv: "a,b,c\n\"1,5\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,,z\n")
        #expect(rows.map(\.number) == [1, 2, 4])
        #expect(rows[1].cells == [.text("1,5"), .text("say \"hi\""), .text("two\nlines")])
        #expect(rows[2].cells == [.text("x"), .empty, .text("z")])
    }
}
