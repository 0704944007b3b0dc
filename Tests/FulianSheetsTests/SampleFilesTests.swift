import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

/// The shared sample corpus (`../shared/samples`, see its README.md): every file opens, and a few cells per
/// file are exactly what the generator wrote. Absent on CI's clean clone, so enabled only when present.
@Suite(.enabled(if: FixturePaths.hasSamples))
struct SampleFilesTests {
    static func open(_ relative: String) throws -> any SpreadsheetReader {
        try openSpreadsheet(at: FixturePaths.samples.appendingPathComponent(relative).path)
    }

    static func rows(_ reader: any SpreadsheetReader, _ sheet: String? = nil) throws -> [Row] {
        try reader.rows(in: sheet.map { try reader.sheet(named: $0) } ?? reader.sheets[0])
    }

    static func merges(_ refs: String) -> [CellRange] { refs.split(separator: " ").map { CellRange(reference: $0)! } }

    @Test func everySampleFileReadsWithoutErrorsOrWarnings() throws {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: FixturePaths.samples.appendingPathComponent("manifest.json"))) as? [String: Any]
        let order = try #require(manifest?["import_order"] as? [String])
        #expect(order.count == 13)
        for file in order {
            let reader = try SampleFilesTests.open(file)
            for sheet in reader.sheets {
                let rows = try reader.rows(in: sheet)
                #expect(!rows.isEmpty, "\(file) \(sheet.name)")
                _ = try reader.mergedRanges(in: sheet)
            }
            #expect(reader.warnings.isEmpty, "\(file): \(reader.warnings)")
        }
    }

    @Test func orgRegister() throws {
        let r = try SampleFilesTests.open("orgs/沅阳区妇联组织建设情况登记表.xlsx")
        #expect(r.format == .xlsx && r.dateSystem == .system1900 && r.sheets.map(\.name) == ["组织名册"])
        let rows = try SampleFilesTests.rows(r)
        #expect(rows.row(3)?.cells == ["序号", "单位名称", "类型", "上级单位", "区划代码", "妇联组建时间", "妇女之家建成时间",
                                        "是否工作覆盖", "成立日期", "撤销日期", "女性人口"].map(Cell.text))
        #expect(rows.row(4)?.trimmed == [n(1), t("沅阳区"), t("区"), .empty, t("439921")])
        let r6 = try #require(rows.row(6))
        #expect([r6[1], r6[5], r6[6], r6[8], r6[10]] == [t("华寨社区"), date(2019, 2, 14), date(2021, 12, 8), date(2008, 11, 23), n(4161)])
        #expect(try r.mergedRanges(in: r.sheets[0]) == SampleFilesTests.merges("A2:K2 A1:K1"))
    }

    @Test func streetMembersWorkbook() throws {
        let r = try SampleFilesTests.open("members/樟堤街道妇联执委会员名册.xlsx")
        let rows = try SampleFilesTests.rows(r, "执委会员名册")
        #expect(rows.row(2)?.cells == ["序号", "姓名", "性别", "民族", "出生日期", "身份证号", "文化程度", "联系电话", "所属单位",
                                        "职务", "任职时间", "离任时间", "身份标签"].map(Cell.text))
        let r3 = try #require(rows.row(3))
        #expect(Array(r3.cells.prefix(6)) == [n(1), t("夏淑佳"), t("女"), t("汉族"), date(1970, 5, 26), t("439921197005262765")])
        #expect(r3[10] == date(2021, 7, 12))
        // The ID stored as a number (15 significant digits) stays a number: the importer rejects it by type.
        #expect(rows.row(67)?[5] == n(4.39921199002142e17))
        let merges = try r.mergedRanges(in: r.sheets[0])
        #expect(merges.count == 10 && merges.contains(CellRange(reference: "A1:M1")!) && merges.contains(CellRange(reference: "I3:I12")!))
    }

    @Test func utf8BOMCSV() throws {
        let r = try SampleFilesTests.open("members/荷畈街道执委名单.csv")
        #expect(r.format == .csv && r.textEncoding == .utf8BOM && r.delimiter == UInt8(ascii: ","))
        let rows = try SampleFilesTests.rows(r)
        #expect(rows.row(1)?.cells == ["姓名", "公民身份号码", "职务", "单位", "任职日期", "离任时间", "联系电话", "民族", "学历",
                                        "性别", "类别"].map(Cell.text))
        #expect(rows.row(2)?.cells == [t("周华敏"), t("439921198111076063"), t("副主席"), t("荷畈街道"), t("2021/5/22"), .empty,
                                        t("17633905059"), t("汉族"), t("大专"), t("女"), t("巾帼志愿者")])
        #expect(rows.row(20)?.cells.prefix(2) == [t("周露媛"), t("439921197709152144")])
    }

    @Test func xlwtVolunteerRegister() throws {
        let r = try SampleFilesTests.open("members/华渡镇巾帼志愿者花名册.xls")
        #expect(r.format == .xls && r.sheets.map(\.name) == ["花名册"])
        let rows = try SampleFilesTests.rows(r)
        #expect(rows.row(2)?.cells == ["序号", "姓名", "身份证号", "性别", "所在社区", "身份", "任职时间", "离任时间", "类别"].map(Cell.text))
        #expect(rows.row(3)?.cells == [n(1), t("孙梦"), t("439921198107110265"), t("女"), t("华渡镇"), t("主席"), n(44396), .empty, t("最美家庭")])
        #expect(try r.mergedRanges(in: r.sheets[0]) == SampleFilesTests.merges("A1:I1"))
    }

    @Test func constantMemoryWorkbook() throws {
        let r = try SampleFilesTests.open("aid/春蕾计划_2024上半年.xlsx")
        let rows = try SampleFilesTests.rows(r, "发放名单")
        #expect(rows.row(2)?.cells == ["序号", "所属街道", "所属社区", "受助人", "身份证号", "就读学校", "年级", "项目名称", "发放金额",
                                        "发放日期", "资金来源", "备注"].map(Cell.text))
        #expect(rows.row(3)?.trimmed == [n(1), t("荷畈街道"), t("华湾社区"), t("曹菲春"), t("439921200909074948"), t("荷畈第一小学"),
                                          t("初三"), t("春蕾计划"), n(1500), date(2024, 3, 5), t("中国儿童少年基金会")])
        #expect(rows.row(4)?[4] == t("43992120140212228x"))
        #expect(try r.mergedRanges(in: r.sheets[0]) == SampleFilesTests.merges("A1:L1"))
    }

    @Test func libreOfficeXLSWithMergedCells() throws {
        let r = try SampleFilesTests.open("aid/贫困母亲救助_2024Q1.xls")
        #expect(r.format == .xls && r.sheets.map(\.name) == ["2024Q1"])
        let rows = try SampleFilesTests.rows(r)
        #expect(rows.row(2)?.cells == ["序号", "街道", "社区", "姓名", "身份证号", "救助项目", "金额（元）", "发放时间", "家庭人口", "备注"].map(Cell.text))
        #expect(rows.row(3)?.trimmed == [n(1), t("荷畈街道"), t("华湾社区"), t("魏月妍"), t("439923197201209040"), t("贫困母亲救助"),
                                          n(2000), date(2024, 1, 30), n(6)])
        #expect(rows.row(4)?[1] == .empty)              // merged with B3: the value only in the first cell
        #expect(rows.row(9)?[4] == t("43998119900810198X"))
        #expect(try r.mergedRanges(in: r.sheets[0]) == SampleFilesTests.merges("A1:J1 B3:B4 B6:B10 B12:B14 B16:B22 B24:B27"))
    }

    @Test func plainUTF8CSV() throws {
        let r = try SampleFilesTests.open("aid/贫困母亲救助_2024Q2.csv")
        #expect(r.textEncoding == .utf8 && r.delimiter == UInt8(ascii: ","))
        let rows = try SampleFilesTests.rows(r)
        #expect(rows.row(1)?.cells == ["姓名", "身份证号", "所属社区", "帮扶项目", "发放日期", "发放金额", "资金来源", "备注"].map(Cell.text))
        #expect(rows.row(11)?.cells == [t("黎春玲"), t("439921196910124448"), t("望江楼社区"), t("贫困母亲救助"), t("2024/5/10"),
                                         t("1,000.00"), t("省妇联"), .empty])
    }

    @Test func libreOfficeXLSXWithANumericID() throws {
        let r = try SampleFilesTests.open("aid/贫困母亲救助_补录.xlsx")
        let rows = try SampleFilesTests.rows(r, "Sheet1")
        #expect(rows.row(1)?.cells == ["姓名", "身份证号", "社区", "项目名称", "发放日期", "金额（元）", "备注"].map(Cell.text))
        #expect(rows.row(2)?.cells == [t("薛香蓉"), t("439921197012053742"), t("槐苑村"), t("贫困母亲救助"), n(45324), n(1200.5)])
        let id = try #require(rows.row(4)?[1])
        guard case .number(let value) = id else { Issue.record("B4 should stay a number, is \(id)"); return }
        #expect(value == 4.3992119871214e17)
    }

    @Test func gb18030CSVWithAFourByteCharacter() throws {
        let r = try SampleFilesTests.open("aid/两癌救助_2024上半年.csv")
        #expect(r.textEncoding == .gb18030 && r.delimiter == UInt8(ascii: ","))
        let rows = try SampleFilesTests.rows(r)
        #expect(rows.row(1)?.trimmed == [t("沅阳区2024年上半年“两癌”救助金发放名单")])
        #expect(rows.row(2)?.cells == ["序号", "姓名", "身份证号", "街道", "救助项目", "发放金额", "救助日期", "资金来源", "备注"].map(Cell.text))
        #expect(rows.row(9)?.cells == [t("7"), t("杨𠮷思"), t("43992119641204404X"), t("樟堤街道"), t("两癌救助"), t("5,000.00"),
                                        t("2024.3.18"), t("区财政"), t("宫颈癌")])
    }

    @Test func the1904Workbook() throws {
        let r = try SampleFilesTests.open("aid/困境儿童关爱_2024上半年.xlsx")
        #expect(r.dateSystem == .system1904 && r.sheets.map(\.name) == ["发放明细", "汇总"])
        let rows = try SampleFilesTests.rows(r, "发放明细")
        #expect(rows.row(2)?.cells.prefix(8) == ["序号", "所属街道", "所属社区", "姓名", "性别", "身份证号", "发放日期", "救助金额（万元）"].map(Cell.text)[...])
        #expect(rows.row(3)?.cells.prefix(8) == [n(1), t("荷畈街道"), t("华寨社区"), t("方敏芳"), t("女"), t("439921201810127100"),
                                                  date(2024, 1, 15), n(0.05)][...])
        #expect(rows.row(4)?[6] == date(2024, 3, 15))
        #expect(rows.row(5)?[6] == date(2024, 5, 10))
        #expect(try r.mergedRanges(in: r.sheets[0]) == SampleFilesTests.merges("A1:J1 B42:B52 B25:B36 B19:B23 B38:B40 B3:B17"))
        #expect(try SampleFilesTests.rows(r, "汇总").row(2)?.cells == [t("街道"), t("人数"), t("金额（元）")])
    }

    @Test func twoRowMergedHeader() throws {
        let r = try SampleFilesTests.open("activities/招聘会台账_2024上半年.xlsx")
        let rows = try SampleFilesTests.rows(r, "招聘会")
        #expect(rows.row(2)?.cells == ["序号", "活动名称", "活动类型", "举办单位", "活动日期", "参与人次", "就业招聘"].map(Cell.text))
        #expect(rows.row(3)?.cells == [.empty, .empty, .empty, .empty, .empty, .empty, t("参会企业数"), t("提供岗位数"), t("求职人次"),
                                        t("达成就业意向人数")])
        #expect(rows.row(4)?.cells.prefix(6) == [n(1), t("樟堤街道巾帼就业专场招聘会"), t("招聘会"), t("樟堤街道"), date(2024, 1, 13), n(2563)][...])
        #expect(try r.mergedRanges(in: r.sheets[0]) == SampleFilesTests.merges("A1:J1 C2:C3 G2:J2 B2:B3 A2:A3 D2:D3 F2:F3 E2:E3"))
    }

    @Test func tabDelimitedTextNamedCSV() throws {
        let r = try SampleFilesTests.open("activities/妇联活动台账_2024上半年.csv")
        #expect(r.textEncoding == .utf8 && r.delimiter == 9)
        let rows = try SampleFilesTests.rows(r)
        #expect(rows.row(1)?.cells == ["活动名称", "类别", "主办单位", "举办时间", "参加人数", "培训人数"].map(Cell.text))
        #expect(rows.row(14)?.cells == [t("家庭教育公益讲座"), t("讲座"), t("杏洲街道"), t("2024/2/30"), t("80"), .empty])
    }

    @Test func libreOfficeXLSXFromCSV() throws {
        let r = try SampleFilesTests.open("activities/华渡镇妇联活动记录.xlsx")
        let rows = try SampleFilesTests.rows(r, "活动记录")
        #expect(rows.row(1)?.cells == ["活动日期", "活动名称", "活动类型", "举办单位", "参与人次", "用工单位数", "岗位数", "进场人数",
                                        "成功介绍就业人数", "培训人数"].map(Cell.text))
        #expect(rows.row(2)?.trimmed == [date(2024, 1, 20), t("华渡镇巾帼就业专场招聘会"), t("招聘会"), t("华渡"), n(2587), n(29), n(667),
                                          n(2529), n(638)])
        #expect(rows.row(3)?.trimmed == [date(2024, 1, 28), t("亲子阅读活动"), t("其他"), t("古坪村"), n(95)])
        #expect(try r.mergedRanges(in: r.sheets[0]).isEmpty)
    }
}
