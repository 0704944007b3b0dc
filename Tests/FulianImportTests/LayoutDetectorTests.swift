import FulianCore
import FulianImport
import FulianSheets
import Testing

@Suite struct LayoutDetectorTests {
    func row(_ n: Int, _ texts: [String?]) -> Row {
        Row(number: n, cells: texts.map { $0.map(Cell.text) ?? .empty })
    }

    @Test func headerFieldsBySynonymInAnyOrderAndEnglish() {
        let d = LayoutDetector(dataset: .aid)
        #expect(d.field(forHeader: "受助人")?.key == "name")
        #expect(d.field(forHeader: "金额（元）")?.key == "amount")
        #expect(d.field(forHeader: "救助金额（万元）")?.key == "amount")
        #expect(d.field(forHeader: "发放金额(元)")?.key == "amount")
        #expect(d.field(forHeader: "id_number")?.key == "id_number")
        #expect(d.field(forHeader: "所属社区")?.key == "org")
        #expect(d.field(forHeader: "街道")?.key == "street")
        #expect(d.field(forHeader: "就读学校") == nil)
    }

    @Test func mapFileNamesExtraHeaders() {
        let d = LayoutDetector(dataset: .aid, headerMap: ["补助对象": "name"])
        #expect(d.field(forHeader: "补助对象")?.key == "name")
    }
}
