import FulianCore
import Testing

@Suite struct CSVTextTests {
    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(CSVText.field("春蕾计划") == "春蕾计划")
        #expect(CSVText.field("1,000.00") == "\"1,000.00\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("line\r\nbreak") == "\"line\r\nbreak\"")   // one Character, two bytes: still quoted
        #expect(CSVText.field("a\nb") == "\"a\nb\"")
        #expect(CSVText.line(["a", "b,c", ""]) == "a,\"b,c\",")
    }

    @Test func bytesEqualTheLine() {
        let fields = ["郑霞萍", "第1笔,补发", "\"引号\"", ""]
        var buffer: [UInt8] = []
        CSVText.append(fields[...], to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == CSVText.line(fields))
        #expect(String(decoding: buffer, as: UTF8.self) == "郑霞萍,\"第1笔,补发\",\"\"\"引号\"\"\",")
    }
}
