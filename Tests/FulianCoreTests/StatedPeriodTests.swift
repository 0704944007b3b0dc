import FulianCore
import Testing

/// The period a title, sheet name or file name states (files without a date column, `outside-stated-period`).
@Suite struct StatedPeriodTests {
    @Test(arguments: [
        ("2024年第一季度春蕾计划发放名单", "2024Q1", "2024年第一季度"),
        ("东湖街道2024年一季度救助资金发放表", "2024Q1", "2024年一季度"),
        ("2024年1季度", "2024Q1", "2024年1季度"),
        ("２０２４年第四季度", "2024Q4", "2024年第四季度"),
        ("贫困母亲救助_2024Q2", "2024Q2", "2024Q2"),
        ("aid-2024-q3", "2024Q3", "2024-Q3"),
        ("2024年上半年困境儿童", "2024H1", "2024年上半年"),
        ("2023年下半年", "2023H2", "2023年下半年"),
        ("2024年1-3月发放表", "2024Q1", "2024年1-3月"),
        ("2024年1月至6月", "2024H1", "2024年1月至6月"),
        ("2024年4-5月", "2024-04-01..2024-05-31", "2024年4-5月"),
        ("2024年3月招聘会台账", "2024-03", "2024年3月"),
        ("2024年度妇联组织统计表", "2024", "2024年度"),
        ("兰江区2024年社区统计表", "2024", "2024年"),
        ("慰问金发放表（2024年3月5日）", "2024-03-05..2024-03-05", "2024年3月5日"),
        ("2024年1月32日", "2024", "2024年"),
    ])
    func statedPeriods(text: String, label: String, words: String) throws {
        let s = try #require(Period.stated(in: text))
        #expect(s.period.label == label)
        #expect(s.words == words)
    }

    @Test(arguments: ["发放名单", "20240105", "13900001111", "编号2024", "1989年", "2024-01-05"])
    func noPeriod(text: String) {
        #expect(Period.stated(in: text) == nil)
    }
}

/// Sheet names that state a month or quarter without its year.
@Suite struct YearlessPeriodTests {
    @Test(arguments: [
        ("1月", "2024-01-01", "2024-01-31"), ("01月份", "2024-01-01", "2024-01-31"), ("十二月", "2024-12-01", "2024-12-31"),
        ("十一月", "2024-11-01", "2024-11-30"), ("3月发放", "2024-03-01", "2024-03-31"), ("一季度", "2024-01-01", "2024-03-31"),
        ("第二季度", "2024-04-01", "2024-06-30"), ("Q3", "2024-07-01", "2024-09-30"), ("4季度", "2024-10-01", "2024-12-31"),
    ])
    func monthsAndQuarters(text: String, start: String, end: String) throws {
        let s = try #require(Period.stated(withoutYearIn: text, year: 2024))
        #expect(s.period.start.iso == start)
        #expect(s.period.end.iso == end)
    }

    @Test(arguments: ["13月", "东湖社区", "五季度", "第3月", "Q5", "", "Q12", "十三月"])
    func notAPeriod(text: String) {
        #expect(Period.stated(withoutYearIn: text, year: 2024) == nil)
    }
}
