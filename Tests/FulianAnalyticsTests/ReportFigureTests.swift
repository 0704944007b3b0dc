import FulianAnalytics
import FulianCore
import FulianStore
import Testing

@Suite("Report figures on the synthetic register")
struct ReportFigureTests {
    let store: Store

    init() throws { store = try SyntheticStore.make() }

    // MARK: aid

    @Test func aidByStreet() throws {
        let r = try R.run(store, .aid, "2024Q1")
        #expect(r.keyNames == ["org", "program"])
        #expect(r.measureNames == ["disbursements", "recipients", "amount"])
        #expect(R.lines(r) == [
            "东街道|春蕾计划|3|3|2700.50",   // 东一社区, 东二社区 and the dissolved 东三社区 roll up
            "东街道|贫困母亲救助|2|2|1300.00", // one paid on the last day, one attached to the street itself
            "西街道|春蕾计划|1|1|300.00",      // an enterprise hanging directly under the street
            "南镇|春蕾计划|1|1|1200.00",       // paid on the first day
        ])
        // 丁 is paid in two streets and 甲 in two programs: recipients are distinct overall (5, not 7).
        #expect(R.totals(r) == "7|5|5500.50")
    }

    @Test func aidByCommunityDistrictAndNone() throws {
        #expect(R.lines(try R.run(store, .aid, "2024Q1", by: .community)) == [
            "东街道|贫困母亲救助|1|1|500.00",  // attached to the street: stays at the street
            "西街道|春蕾计划|1|1|300.00",      // enterprise directly under the street
            "东一社区|春蕾计划|1|1|1000.00",
            "东一社区|贫困母亲救助|1|1|800.00",
            "东二社区|春蕾计划|1|1|1500.50",
            "东三社区|春蕾计划|1|1|200.00",
            "南一村|春蕾计划|1|1|1200.00",
        ])
        let district = try R.run(store, .aid, "2024Q1", by: .district)
        #expect(R.lines(district) == ["测试区|春蕾计划|5|4|4200.50", "测试区|贫困母亲救助|2|2|1300.00"])
        let none = try R.run(store, .aid, "2024Q1", by: .none)
        #expect(none.keyNames == ["program"])
        #expect(R.lines(none) == ["春蕾计划|5|4|4200.50", "贫困母亲救助|2|2|1300.00"])
        #expect(R.totals(none) == "7|5|5500.50")
    }

    @Test func aidBySourceAndMonth() throws {
        let source = try R.run(store, .aid, "2024Q1", breakdowns: [.source])
        #expect(source.keyNames == ["org", "program", "source"])
        #expect(R.lines(source) == [
            "东街道|春蕾计划|区财政|3|3|2700.50",
            "东街道|贫困母亲救助|省妇联|1|1|800.00",
            "东街道|贫困母亲救助|null|1|1|500.00",  // blank source: null, sorted last
            "西街道|春蕾计划|区财政|1|1|300.00",
            "南镇|春蕾计划|社会捐赠|1|1|1200.00",
        ])
        let month = try R.run(store, .aid, "2024Q1", breakdowns: [.month])
        #expect(R.lines(month) == [
            "东街道|春蕾计划|2024-01|2|2|1200.00",
            "东街道|春蕾计划|2024-02|1|1|1500.50",
            "东街道|贫困母亲救助|2024-03|2|2|1300.00",
            "西街道|春蕾计划|2024-02|1|1|300.00",
            "南镇|春蕾计划|2024-01|1|1|1200.00",
        ])
        #expect(R.totals(month) == "7|5|5500.50")
        let both = try R.run(store, .aid, "2024Q1", by: .none, breakdowns: [.month, .source])
        #expect(both.keyNames == ["program", "source", "month"])
        #expect(R.lines(both).first == "春蕾计划|区财政|2024-01|2|2|1200.00")
    }

    @Test(arguments: [
        ("2024", "2024", "2024-01-01", "2024-12-31", "10|7|7350.50"),
        ("2024H1", "2024H1", "2024-01-01", "2024-06-30", "9|6|7100.50"),
        ("2024H2", "2024H2", "2024-07-01", "2024-12-31", "1|1|250.00"),
        ("2024Q1", "2024Q1", "2024-01-01", "2024-03-31", "7|5|5500.50"),
        ("2024-03", "2024-03", "2024-03-01", "2024-03-31", "2|2|1300.00"),
        ("2024-01-01..2024-03-31", "2024-01-01..2024-03-31", "2024-01-01", "2024-03-31", "7|5|5500.50"),
        ("2024-03-31..2024-04-10", "2024-03-31..2024-04-10", "2024-03-31", "2024-04-10", "2|1|1800.00"),
    ])
    func aidPeriodForms(text: String, label: String, start: String, end: String, totals: String) throws {
        let r = try R.run(store, .aid, text)
        #expect(r.period.label == label)
        #expect(r.period.start.iso == start && r.period.end.iso == end)
        #expect(R.totals(r) == totals)
        #expect(ReportRendering.json(r).contains("\"label\": \"\(label)\",\n    \"start\": \"\(start)\",\n    \"end\": \"\(end)\""))
    }

    @Test func aidCompare() throws {
        let r = try R.run(store, .aid, "2024Q1", compare: true)
        #expect(r.previousPeriod?.label == "2023Q4")
        #expect(r.yearAgoPeriod?.label == "2023Q1")
        // A group present only a year ago (南镇 贫困母亲救助) is listed with zeros now.
        #expect(R.lines(r) == [
            "东街道|春蕾计划|3|3|2700.50",
            "东街道|贫困母亲救助|2|2|1300.00",
            "西街道|春蕾计划|1|1|300.00",
            "南镇|春蕾计划|1|1|1200.00",
            "南镇|贫困母亲救助|0|0|0.00",
        ])
        let a = try #require(r.rows[0].comparison)
        #expect(R.section(a.previous) == "1|1|700.00")
        #expect(R.section(a.yearAgo) == "1|1|900.00")
        #expect(R.section(a.changeFromPrevious) == "2|2|2000.50")
        #expect(R.section(a.percentFromPrevious) == "2.0|2.0|2.8579")
        #expect(R.section(a.changeFromYearAgo) == "2|2|1800.50")
        #expect(R.section(a.percentFromYearAgo) == "2.0|2.0|2.0006")
        let zeroBase = try #require(r.rows[1].comparison)  // nothing paid in 2023Q4 or 2023Q1
        #expect(R.section(zeroBase.changeFromPrevious) == "2|2|1300.00")
        #expect(R.section(zeroBase.percentFromPrevious) == "null|null|null")
        #expect(R.section(zeroBase.percentFromYearAgo) == "null|null|null")
        let gone = try #require(r.rows[4].comparison)
        #expect(R.section(gone.changeFromYearAgo) == "-1|-1|-400.00")
        #expect(R.section(gone.percentFromYearAgo) == "-1.0|-1.0|-1.0")
        let t = try #require(r.totals.comparison)
        #expect(R.totals(r) == "7|5|5500.50")
        #expect(R.section(t.previous) == "1|1|700.00")
        #expect(R.section(t.yearAgo) == "2|2|1300.00")
        #expect(R.section(t.changeFromYearAgo) == "5|3|4200.50")
        #expect(R.section(t.percentFromYearAgo) == "2.5|1.5|3.2312")
    }

    @Test func compareBasesOfEachPeriodForm() throws {
        let month = try R.run(store, .aid, "2024-03", compare: true)
        #expect(month.previousPeriod?.label == "2024-02" && month.yearAgoPeriod?.label == "2023-03")
        #expect(R.section(month.totals.comparison?.previous) == "2|2|1800.50")
        #expect(R.section(month.totals.comparison?.yearAgo) == "1|1|900.00")
        // A day range compares with the same number of days just before it, and with the range a year earlier.
        let range = try R.run(store, .aid, "2024-01-01..2024-03-31", compare: true)
        #expect(range.previousPeriod?.label == "2023-10-02..2023-12-31")
        #expect(range.yearAgoPeriod?.label == "2023-01-01..2023-03-31")
        #expect(R.section(range.totals.comparison?.previous) == "1|1|700.00")
        #expect(R.section(range.totals.comparison?.yearAgo) == "2|2|1300.00")
        let year = try R.run(store, .aid, "2024", compare: true)
        #expect(year.previousPeriod?.label == "2023" && year.yearAgoPeriod?.label == "2023")
        #expect(R.section(year.totals.comparison?.previous) == "3|3|2000.00")
        #expect(R.section(year.totals.comparison?.percentFromPrevious) == "2.3333|1.3333|2.6753")
        let half = try R.run(store, .aid, "2024H1", compare: true)
        #expect(half.previousPeriod?.label == "2023H2" && half.yearAgoPeriod?.label == "2023H1")
        #expect(R.section(half.totals.comparison?.previous) == "1|1|700.00")
        #expect(R.section(half.totals.comparison?.yearAgo) == "2|2|1300.00")
    }

    // MARK: coverage

    @Test func coverageByStreet() throws {
        let q1 = try R.run(store, .coverage, "2024Q1")
        #expect(q1.measureNames == ["units", "with_federation", "org_coverage", "work_covered", "work_coverage",
                                    "with_womens_home", "womens_home_coverage"])
        #expect(R.lines(q1) == [
            "东街道|2|1|0.5|2|1.0|1|0.5",  // 东三社区 dissolved 2024-02-15: not a unit at 2024-03-31
            "西街道|1|0|0.0|0|0.0|0|0.0",  // 西一社区 not yet established
            "南镇|2|1|0.5|2|1.0|1|0.5",    // 0001-01-01 = yes, date unknown
            "北街道|0|0|null|0|null|0|null", // every street is listed; zero denominator → null
        ])
        #expect(R.totals(q1) == "5|2|0.4|4|0.8|2|0.4")
        let q2 = try R.run(store, .coverage, "2024Q2")
        #expect(R.lines(q2) == [
            "东街道|2|2|1.0|2|1.0|1|0.5",
            "西街道|2|1|0.5|1|0.5|1|0.5",
            "南镇|2|1|0.5|2|1.0|1|0.5",
            "北街道|0|0|null|0|null|0|null",
        ])
        #expect(R.totals(q2) == "6|4|0.6667|5|0.8333|3|0.5")
        // Stocks are taken on the period's last day whatever its form.
        #expect(R.totals(try R.run(store, .coverage, "2024-01-01..2024-02-14")) == "6|3|0.5|5|0.8333|2|0.3333")
        #expect(R.totals(try R.run(store, .coverage, "2024-02-15..2024-02-15")) == "5|2|0.4|4|0.8|2|0.4")
    }

    @Test func coverageOtherLevels() throws {
        #expect(R.lines(try R.run(store, .coverage, "2024Q1", by: .community)) == [
            "东一社区|1|1|1.0|1|1.0|1|1.0",
            "东二社区|1|0|0.0|1|1.0|0|0.0",
            "西二社区|1|0|0.0|0|0.0|0|0.0",
            "南一村|1|1|1.0|1|1.0|1|1.0",
            "南二村|1|0|0.0|1|1.0|0|0.0",
        ])
        #expect(R.lines(try R.run(store, .coverage, "2024Q1", by: .district)) == ["测试区|5|2|0.4|4|0.8|2|0.4"])
        let none = try R.run(store, .coverage, "2024Q1", by: .none)
        #expect(none.keyNames.isEmpty && none.rows.isEmpty)
        #expect(R.totals(none) == "5|2|0.4|4|0.8|2|0.4")
    }

    @Test func coverageNewSector() throws {
        let r = try R.run(store, .coverage, "2024Q1", kinds: ["enterprise", "social_org"])
        #expect(R.lines(r) == [
            "东街道|1|1|1.0|1|1.0|0|0.0",   // 东方公司 under 东一社区
            "西街道|1|0|0.0|1|1.0|0|0.0",   // 西山公司 directly under the street, work-covered
            "南镇|1|0|0.0|0|0.0|1|1.0",     // 南风协会
            "北街道|0|0|null|0|null|0|null",
        ])
        #expect(R.totals(r) == "3|1|0.3333|2|0.6667|1|0.3333")
        #expect(R.lines(try R.run(store, .coverage, "2024Q1", kinds: ["企业", "社会组织"])) == R.lines(r))
        #expect(R.lines(try R.run(store, .coverage, "2024Q1", by: .community, kinds: ["enterprise", "social_org"])) == [
            "西街道|1|0|0.0|1|1.0|0|0.0",
            "南镇|1|0|0.0|0|0.0|1|1.0",
            "东一社区|1|1|1.0|1|1.0|0|0.0",
            "东二社区|0|0|null|0|null|0|null",
            "西二社区|0|0|null|0|null|0|null",
            "南一村|0|0|null|0|null|0|null",
            "南二村|0|0|null|0|null|0|null",
        ])
    }

    @Test func coverageCompare() throws {
        let r = try R.run(store, .coverage, "2024Q1", compare: true)
        let east = try #require(r.rows[0].comparison)
        #expect(R.section(east.previous) == "3|2|0.6667|3|1.0|0|0.0")  // 东三社区 still existed at 2023-12-31
        #expect(R.section(east.changeFromPrevious) == "-1|-1|-0.1667|-1|0.0|1|0.5")
        #expect(R.section(east.percentFromPrevious) == "-0.3333|-0.5|-0.25|-0.3333|0.0|null|null")
        let town = try #require(r.rows[2].comparison)
        #expect(R.section(town.yearAgo) == "2|0|0.0|1|0.5|1|0.5")  // 南一村's federation dates from 2023-06-01
        #expect(R.section(town.changeFromYearAgo) == "0|1|0.5|1|0.5|0|0.0")
        #expect(R.section(town.percentFromYearAgo) == "0.0|null|null|1.0|1.0|0.0|0.0")
        let north = try #require(r.rows[3].comparison)  // no units in any period: every ratio and change is null
        #expect(R.section(north.changeFromPrevious) == "0|0|null|0|null|0|null")
        #expect(R.section(north.percentFromPrevious) == "null|null|null|null|null|null|null")
        #expect(R.section(r.totals.comparison?.previous) == "6|3|0.5|5|0.8333|1|0.1667")
    }

    // MARK: jobfairs

    @Test func jobfairs() throws {
        let r = try R.run(store, .jobfairs, "2024Q1")
        #expect(R.lines(r) == [
            "东街道|2|50|600|600|120|0.2",
            "南镇|1|5|40|0|0|null",  // no seekers: placement_rate null
        ])
        #expect(R.totals(r) == "3|55|640|600|120|0.2")
        #expect(R.lines(try R.run(store, .jobfairs, "2024Q1", by: .community)) == [
            "东街道|1|30|400|350|70|0.2",
            "东一社区|1|20|200|250|50|0.2",
            "南一村|1|5|40|0|0|null",
        ])
        #expect(R.lines(try R.run(store, .jobfairs, "2024Q1", by: .district)) == ["测试区|3|55|640|600|120|0.2"])
        let none = try R.run(store, .jobfairs, "2024Q1", by: .none)
        #expect(none.rows.isEmpty && R.totals(none) == "3|55|640|600|120|0.2")
        #expect(R.lines(try R.run(store, .jobfairs, "2024-03")) == ["东街道|1|30|400|350|70|0.2"])
        #expect(R.totals(try R.run(store, .jobfairs, "2024")) == "4|65|740|750|150|0.2")
    }

    @Test func jobfairsCompare() throws {
        let r = try R.run(store, .jobfairs, "2024Q1", compare: true)
        let east = try #require(r.rows[0].comparison)
        #expect(R.section(east.previous) == "0|0|0|0|0|null")
        #expect(R.section(east.changeFromPrevious) == "2|50|600|600|120|null")
        #expect(R.section(east.percentFromPrevious) == "null|null|null|null|null|null")
        #expect(R.section(east.yearAgo) == "1|8|80|100|10|0.1")
        #expect(R.section(east.changeFromYearAgo) == "1|42|520|500|110|0.1")
        #expect(R.section(east.percentFromYearAgo) == "1.0|5.25|6.5|5.0|11.0|1.0")
        #expect(R.section(r.totals.comparison?.percentFromYearAgo) == "2.0|5.875|7.0|5.0|11.0|1.0")
    }

    // MARK: members

    @Test func membersByLevel() throws {
        let street = try R.run(store, .members, "2024Q1")
        #expect(R.lines(street) == [
            "东街道|主席|3", "东街道|副主席|1", "东街道|执委|1",  // 执委 of an enterprise under a community
            "南镇|主席|1", "南镇|委员|1", "南镇|志愿者|1",       // term starting / ending on the last day: active
        ])
        #expect(street.totalsMeasureNames == ["members", "persons"])
        #expect(R.totals(street) == "8|6")  // 甲 holds three posts
        #expect(R.lines(try R.run(store, .members, "2024Q1", by: .community)) == [
            "东街道|主席|1", "东一社区|主席|1", "东一社区|副主席|1", "东一社区|执委|1", "东二社区|主席|1",
            "南一村|主席|1", "南一村|志愿者|1", "南二村|委员|1",
        ])
        #expect(R.lines(try R.run(store, .members, "2024Q1", by: .district)) == [
            "测试区|主席|4", "测试区|副主席|1", "测试区|执委|1", "测试区|委员|1", "测试区|志愿者|1",
        ])
        #expect(R.lines(try R.run(store, .members, "2024Q1", by: .none)) == ["主席|4", "副主席|1", "执委|1", "委员|1", "志愿者|1"])
        let year = try R.run(store, .members, "2024")
        #expect(R.lines(year) == [
            "东街道|主席|3", "东街道|副主席|1", "东街道|执委|1", "西街道|会员|1", "南镇|主席|1", "南镇|志愿者|1",
        ])
        #expect(R.totals(year) == "8|7")
    }

    @Test func membersCompare() throws {
        let r = try R.run(store, .members, "2024Q1", compare: true)
        #expect(R.lines(r) == [
            "东街道|主席|3", "东街道|副主席|1", "东街道|执委|1", "南镇|主席|1", "南镇|委员|1", "南镇|志愿者|1",
        ])
        #expect(R.section(r.rows[2].comparison?.previous) == "2")  // 丙's term ended 2024-02-29
        #expect(R.section(r.rows[2].comparison?.yearAgo) == "2")
        #expect(R.section(r.rows[2].comparison?.percentFromYearAgo) == "-0.5")
        #expect(R.section(r.rows[1].comparison?.percentFromPrevious) == "null")
        let t = try #require(r.totals.comparison)
        #expect(R.section(t.previous) == "7|5")
        #expect(R.section(t.yearAgo) == "6|4")
        #expect(R.section(t.percentFromPrevious) == "0.1429|0.2")
        #expect(R.section(t.changeFromYearAgo) == "2|2")
    }

    @Test func membersComposition() throws {
        let r = try R.run(store, .members, "2024Q1", breakdowns: [.composition])
        let c = try #require(r.composition)
        #expect(c.persons == 6)
        #expect(c.ageBands.map { "\($0.label)=\($0.persons)@\($0.share)" } == [
            "<30=1@0.1667", "30-39=2@0.3333", "40-49=1@0.1667", "50-59=0@0.0", "60+=1@0.1667", "unknown=1@0.1667",
        ])
        #expect(c.tags.map { "\($0.label)=\($0.persons)@\($0.share)" } == ["党员=4@0.6667", "巾帼志愿者=2@0.3333", "村干部=1@0.1667"])
        #expect(try R.run(store, .members, "2024Q1").composition == nil)
    }

    // MARK: activities

    @Test func activities() throws {
        let r = try R.run(store, .activities, "2024Q1")
        #expect(R.lines(r) == [
            "东街道|job_fair|2|800", "东街道|lecture|1|40", "西街道|training|1|25",
            "南镇|job_fair|1|100", "南镇|rights|1|0",  // blank participants count 0
        ])
        #expect(R.totals(r) == "6|965")
        let filtered = try R.run(store, .activities, "2024Q1", kinds: ["job_fair", "维权"])
        #expect(R.lines(filtered) == ["东街道|job_fair|2|800", "南镇|job_fair|1|100", "南镇|rights|1|0"])
        #expect(R.totals(filtered) == "4|900")
        #expect(R.lines(try R.run(store, .activities, "2024Q1", by: .none)) == [
            "job_fair|3|900", "lecture|1|40", "training|1|25", "rights|1|0",
        ])
        #expect(R.lines(try R.run(store, .activities, "2024Q1", by: .community)).prefix(3) == [
            "东街道|job_fair|1|500", "西街道|training|1|25", "东一社区|job_fair|1|300",
        ])
        #expect(R.totals(try R.run(store, .activities, "2024")) == "7|1165")
        #expect(R.totals(try R.run(store, .activities, "2024-03")) == "2|500")
        let cmp = try R.run(store, .activities, "2024Q1", compare: true)
        #expect(R.section(cmp.totals.comparison?.previous) == "1|15")
        #expect(R.section(cmp.totals.comparison?.percentFromPrevious) == "5.0|63.3333")
        #expect(R.lines(cmp).contains("东街道|visit|0|0"))  // held only in the previous period
    }

    // MARK: empty periods and stores

    @Test func emptyPeriodGivesZerosAndNulls() throws {
        let aid = try R.run(store, .aid, "2030Q1", compare: true)
        #expect(aid.rows.isEmpty && R.totals(aid) == "0|0|0.00")
        #expect(R.section(aid.totals.comparison?.percentFromPrevious) == "null|null|null")
        let fairs = try R.run(store, .jobfairs, "2030Q1")
        #expect(fairs.rows.isEmpty && R.totals(fairs) == "0|0|0|0|0|null")
        let acts = try R.run(store, .activities, "2030Q1")
        #expect(acts.rows.isEmpty && R.totals(acts) == "0|0")
        #expect(ReportRendering.json(acts).contains("\"rows\": [],\n  \"totals\": {\n    \"activities\": 0,\n    \"participants\": 0\n  }"))
    }

    @Test func emptyStore() throws {
        let empty = try Store(inMemory: ())
        for kind in ReportKind.allCases {
            let r = try R.run(empty, kind, "2024Q1", compare: true)
            #expect(r.rows.isEmpty, "\(kind)")
        }
        #expect(R.totals(try R.run(empty, .coverage, "2024Q1")) == "0|0|null|0|null|0|null")
        let m = try R.run(empty, .members, "2024Q1", breakdowns: [.composition])
        #expect(R.totals(m) == "0|0")
        #expect(m.composition?.ageBands.map(\.share) == Array(repeating: .null, count: 6))
        #expect(m.composition?.tags == [])
    }

    // MARK: validation

    @Test func invalidRequestsAreRejected() throws {
        #expect(throws: ReportError.self) { try R.run(store, .members, "2024Q1", breakdowns: [.source]) }
        #expect(throws: ReportError.self) { try R.run(store, .activities, "2024Q1", breakdowns: [.month]) }
        #expect(throws: ReportError.self) { try R.run(store, .aid, "2024Q1", breakdowns: [.composition]) }
        #expect(throws: ReportError.self) { try R.run(store, .aid, "2024Q1", kinds: ["enterprise"]) }
        #expect(throws: ReportError.self) { try R.run(store, .coverage, "2024Q1", kinds: ["factory"]) }
        #expect(throws: ReportError.self) { try R.run(store, .activities, "2024Q1", kinds: ["party"]) }
    }
}
