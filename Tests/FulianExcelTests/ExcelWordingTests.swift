import FulianCore
@testable import FulianExcel
import Testing

/// The words of the workbooks in both languages, exactly as a leader reads them.
struct ExcelWordingTests {
    let q2 = try! Period(parsing: "2024Q2")

    @Test func sheetNamesInBothLanguages() {
        #expect(QuarterlyWorkbook.sheetNames(.zh) == ["概览", "组织覆盖", "就业招聘", "救助发放", "救助明细", "执委队伍", "活动开展", "数据说明"])
        #expect(QuarterlyWorkbook.sheetNames(.en) == ["Summary", "Coverage", "Job fairs", "Aid", "Aid detail", "Members", "Activities", "Notes"])
        #expect([ExcelMessage.Sheet.cleanTable, .issues, .duplicates, .variants, .files].map { ExcelMessage.sheet($0).text(.zh) }
                == ["清洗结果", "问题清单", "重复记录", "名称归并", "摘要"])
        #expect([ExcelMessage.Sheet.cleanTable, .issues, .duplicates, .variants, .files].map { ExcelMessage.sheet($0).text(.en) }
                == ["Clean rows", "Issues", "Duplicates", "Spellings", "Files"])
    }

    @Test func pageOneSaysWhoWhenAndWhichPeriod() {
        #expect(ExcelMessage.titled(district: "青溪区", period: q2, .summary).text(.zh) == "青溪区 2024年第二季度 妇联工作统计概览")
        #expect(ExcelMessage.titled(district: "青溪区", period: q2, .summary).text(.en) == "青溪区 2024Q2 summary")
        #expect(ExcelMessage.preparedBy(district: "兰江区").text(.zh) == "制表单位：兰江区妇联")
        #expect(ExcelMessage.preparedBy(district: "兰江区妇联").text(.zh) == "制表单位：兰江区妇联")
        #expect(ExcelMessage.preparedBy(district: "兰江区").text(.en) == "Prepared by: 兰江区 Women's Federation")
        #expect(ExcelMessage.preparedOn(CivilDate(year: 2024, month: 7, day: 1)!).text(.zh) == "制表日期：2024年7月1日")
        #expect(ExcelMessage.preparedOn(CivilDate(year: 2024, month: 7, day: 1)!).text(.en) == "Prepared on: 2024-07-01")
        #expect(ExcelMessage.statisticalPeriod(q2).text(.zh) == "统计期：2024年第二季度（2024-04-01 至 2024-06-30）")
        #expect(ExcelMessage.statisticalPeriod(q2).text(.en) == "Period: 2024Q2 (2024-04-01 to 2024-06-30)")
        #expect(ExcelMessage.comparisonBases(previous: q2.previous, yearAgo: q2.yearAgo).text(.zh)
                == "比较期：上期 2024年第一季度，去年同期 2023年第二季度；增减为本期减比较期，比率的增减以百分点计，比较期为 0 时增幅留空。")
        #expect(ExcelMessage.comparisonBases(previous: q2.previous, yearAgo: q2.yearAgo).text(.en)
                == "Bases: previous 2024Q1, a year ago 2023Q2; changes are this period minus the base (rates in percentage points), blank when the base is 0.")
    }

    @Test func ratesChangeInPercentagePoints() {
        #expect(ExcelMessage.word(.pointsFormat).text(.zh) == #"+0.0"个百分点";-0.0"个百分点";0.0"个百分点""#)
        #expect(ExcelMessage.word(.pointsFormat).text(.en) == #"+0.0" pp";-0.0" pp";0.0" pp""#)
        // Column widths count the unit: `+6.3个百分点` is 12 units wide.
        #expect(ExcelValue.displayNumber(6.3, format: ExcelMessage.word(.pointsFormat).text(.zh), date: nil) == "+6.3个百分点")
        #expect(ExcelValue.displayNumber(-3.0, format: ExcelMessage.word(.pointsFormat).text(.en), date: nil) == "-3.0 pp")
    }

    @Test func definitionsReadAsSentences() {
        #expect(ExcelMessage.definition(.orgCoverage).text(.zh) == "组织覆盖率 = 已建妇联组织的社区（村）数 ÷ 社区（村）总数，按期末在册单位计算。")
        #expect(ExcelMessage.definition(.orgCoverage).text(.en)
                == "Org coverage = communities and villages with a women's federation ÷ all communities and villages, as registered on the period's last day.")
        #expect(ExcelMessage.definition(.placementRate).text(.zh) == "达成率 = 达成就业意向人数 ÷ 求职人数；求职人数为 0 时留空。")
    }

    @Test func ageBandsAndRolesAreLabelled() {
        #expect(AgeBand.allCases.map { Label.ageBand($0).text(.zh) } == ["30岁以下", "30—39岁", "40—49岁", "50—59岁", "60岁及以上", "未知"])
        #expect(AgeBand.allCases.map { Label.ageBand($0).text(.en) } == ["under 30", "aged 30-39", "aged 40-49", "aged 50-59", "60 and over", "unknown"])
        #expect(Role.allCases.map { Label.role($0).text(.zh) } == ["主席", "副主席", "兼职副主席", "常委", "执委", "委员", "会员", "志愿者"])
        #expect(Label.dataset(.aid).text(.zh) == "救助发放")
        #expect(Label.dataset(.aid).text(.en) == "aid disbursements")
    }

    @Test func cleanAndRejectsWords() {
        #expect(ExcelMessage.cleanTitle(.aid).text(.zh) == "救助发放 清洗结果")
        #expect(ExcelMessage.cleanTitle(.aid).text(.en) == "Cleaned aid disbursements")
        #expect(ExcelMessage.rejectedRows(file: "aid.xlsx", sheet: "发放名单").text(.zh) == "aid.xlsx · 发放名单 退回的行")
        #expect(ExcelMessage.rejectedRows(file: "aid.xlsx", sheet: nil).text(.en) == "aid.xlsx: rejected rows")
        #expect(ExcelMessage.word(.sameRecord).text(.zh) == "同一记录")
        #expect(ExcelMessage.word(.sameRecord).text(.en) == "same record")
        #expect(CleanWorkbook.status(.duplicate, .zh) == "重复")
        #expect(CleanWorkbook.status(.error, .en) == "error")
        #expect(PrintSetup.pageNumberFooter(.zh) == "&C第 &P 页 / 共 &N 页")
        #expect(PrintSetup.pageNumberFooter(.en) == "&CPage &P of &N")
    }

    @Test func cleanValuesAreTypedCells() {
        #expect(CleanWorkbook.cell("1200.50", kind: .money) == .money(Money(fen: 120_050)))
        #expect(CleanWorkbook.cell("2024-02-19", kind: .date) == .date(CivilDate(year: 2024, month: 2, day: 19)!))
        #expect(CleanWorkbook.cell("0001-01-01", kind: .dateOrFlag) == .text("0001-01-01"))  // before Excel's dates: text
        #expect(CleanWorkbook.cell("6", kind: .count) == .integer(6))
        #expect(CleanWorkbook.cell("110105199001011234", kind: .idNumber) == .text("110105199001011234"))
    }

    @Test func tablesStackWithPageBreaksAndTheirOwnHeaders() {
        var stack = TableStack()
        var small = TableSheet(title: "甲", headers: ["街道", "人数"])
        small.rows = Array(repeating: ["枫林街道", 1], count: 5)
        var long = TableSheet(title: "清单", headers: ["日期", "名称"])
        long.rows = Array(repeating: ["2024-04-15", "招聘会"], count: 40)
        #expect(stack.place(small) == 0)       // rows 0…6
        #expect(stack.place(long) == 8)        // does not fit under it: a new page at row 8
        #expect(stack.breaks == [8])
        #expect(stack.repeatRows == 8...9)     // the long list repeats its own title and header
        var one = TableStack()
        _ = one.place(small)
        #expect(one.repeatRows == 0...1)
    }
}
