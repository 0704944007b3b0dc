import Foundation
import FulianCore
import FulianSheets
import Testing
import TestSupport

/// Issue #14 end to end: a city's store built from fixtures/city by the real binary, figures at every
/// level, `--under`, `--from` and `ambiguous-org` on the command line.
@Suite(.serialized) struct CityReportTests {
    /// The import steps of the city: its three districts' registers, and a file of every kind from streets of each.
    static let steps: [[String]] = {
        let c = "fixtures/city/"
        return [
            ["import", "orgs", c + "registers/渝州市区县名册.csv", c + "registers/江北区社区名册.csv", c + "registers/南岸区社区名册.csv",
             c + "registers/渝北区社区名册.csv"],
            ["import", "aid", c + "aid/石马河街道2024年一季度救助发放表.csv", c + "aid/渝北区2024年一季度救助发放表.csv"],
            ["import", "aid", "--from", "花园街道", c + "aid/南岸区/一季度救助发放表.csv"],
            ["import", "members", c + "members/双龙湖街道执委名单.csv", c + "members/观音桥街道执委名单.csv"],
            ["import", "activities", c + "activities/南岸区活动台账.csv", c + "activities/双龙湖街道活动台账.csv"],
        ]
    }()

    /// A workspace holding `city.sqlite` built by `steps`.
    static func build(_ steps: [[String]]) -> URL {
        let dir = try! CLIRunner.workspace()
        for s in steps {
            let out = try! CLIRunner.run(s + ["--db", "city.sqlite"], in: dir)
            precondition(out.status == 0, out.stdout + out.stderr)
        }
        return dir
    }

    /// The city, its three districts' registers, and a file of every kind from streets of each district.
    static let city: URL = build(steps)

    /// The city after 渝北区 set up a 花园街道 of its own (南岸区 has one) and sent a payment from it.
    static let twoGardens: URL = build(steps + [
        ["import", "orgs", "fixtures/city/registers/渝州市新设街道名册.csv"],
        ["import", "aid", "--from", "439803003000", "fixtures/city/aid/渝北区花园街道/一季度救助发放表.csv"],
    ])

    static func report(_ args: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(["report"] + args + ["--db", "city.sqlite"], in: city, environment: ["FULIAN_LANG": "zh"])
    }

    /// The JSON rows, one line each as the renderer writes them, then the totals object joined on one line.
    static func rows(_ args: [String]) throws -> [String] {
        let out = try report(args + ["--format", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = lines.filter { $0.hasPrefix("{\"") }.map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
        guard let start = lines.firstIndex(of: "\"totals\": {"), let end = lines[start...].firstIndex(where: { $0.hasPrefix("}") }) else {
            return rows
        }
        return rows + ["{" + lines[(start + 1)..<end].joined(separator: " ") + "}"]
    }

    @Test func coverageOfTheCityDefaultsToItsDistrictsAndRollsUpOverCommunities() throws {
        let out = try Self.report(["coverage", "--period", "2024Q1"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == """
            2024年第一季度 妇联组织覆盖情况

            单位    代码          单位数  已建妇联  组织覆盖率  工作覆盖  工作覆盖率  已建妇女之家  妇女之家覆盖率
            ------  ------------  ------  --------  ----------  --------  ----------  ------------  --------------
            江北区  439801000000       5         4         0.8         4         0.8             3             0.6
            南岸区                     4         3        0.75         3        0.75             2             0.5
            渝北区  439803000000       4         3        0.75         3        0.75             3            0.75
            ------  ------------  ------  --------  ----------  --------  ----------  ------------  --------------
            合计                      13        10      0.7692        10      0.7692             8          0.6154

            """)
        // The city's rate is 10 of 13 communities (0.7692), not the mean of its districts' rates (0.7667).
        #expect(try Self.rows(["coverage", "--period", "2024Q1", "--by", "city"]) == [
            #"{"org": "渝州市", "code": "439800000000", "units": 13, "with_federation": 10, "org_coverage": 0.7692, "work_covered": 10, "work_coverage": 0.7692, "with_womens_home": 8, "womens_home_coverage": 0.6154}"#,
            #"{"units": 13, "with_federation": 10, "org_coverage": 0.7692, "work_covered": 10, "work_coverage": 0.7692, "with_womens_home": 8, "womens_home_coverage": 0.6154}"#,
        ])
    }

    @Test func everyLevelCarriesNameAndCode() throws {
        #expect(try Self.rows(["coverage", "--period", "2024Q1", "--by", "street"]).dropLast().map { String($0.prefix(while: { $0 != "," })) + "," + $0.split(separator: ",")[1] } == [
            #"{"org": "石马河街道", "code": "439801001000""#, #"{"org": "观音桥街道", "code": "439801002000""#,
            #"{"org": "城关镇", "code": null"#, #"{"org": "花园街道", "code": null"#,
            #"{"org": "双龙湖街道", "code": "439803001000""#, #"{"org": "回兴街道", "code": "439803002000""#,
        ])
        // 幸福社区 three times, told apart by code where it has one.
        let communities = try Self.rows(["aid", "--period", "2024Q1", "--by", "community"]).dropLast()
        #expect(communities == [
            #"{"org": "幸福社区", "code": "439801001001", "program": "春蕾计划", "disbursements": 1, "recipients": 1, "amount": 1000.00}"#,
            #"{"org": "新华社区", "code": "439801001002", "program": "贫困母亲救助", "disbursements": 1, "recipients": 1, "amount": 1500.00}"#,
            #"{"org": "南桥寺社区", "code": "439801001003", "program": "春蕾计划", "disbursements": 1, "recipients": 1, "amount": 800.00}"#,
            #"{"org": "花园社区", "code": "439801002001", "program": "春蕾计划", "disbursements": 1, "recipients": 1, "amount": 600.00}"#,
            #"{"org": "幸福社区", "code": null, "program": "春蕾计划", "disbursements": 1, "recipients": 1, "amount": 900.00}"#,
            #"{"org": "新华社区", "code": null, "program": "两癌救助", "disbursements": 1, "recipients": 1, "amount": 2000.00}"#,
            #"{"org": "城关社区", "code": null, "program": "贫困母亲救助", "disbursements": 1, "recipients": 1, "amount": 1200.00}"#,
            #"{"org": "幸福社区", "code": null, "program": "春蕾计划", "disbursements": 1, "recipients": 1, "amount": 700.00}"#,
            #"{"org": "龙湖社区", "code": null, "program": "两癌救助", "disbursements": 1, "recipients": 1, "amount": 3000.00}"#,
            #"{"org": "新华社区", "code": null, "program": "春蕾计划", "disbursements": 1, "recipients": 1, "amount": 750.00}"#,
        ])
        #expect(try Self.rows(["aid", "--period", "2024Q1", "--by", "district"]) == [
            #"{"org": "江北区", "code": "439801000000", "program": "春蕾计划", "disbursements": 3, "recipients": 3, "amount": 2400.00}"#,
            #"{"org": "江北区", "code": "439801000000", "program": "贫困母亲救助", "disbursements": 1, "recipients": 1, "amount": 1500.00}"#,
            #"{"org": "南岸区", "code": null, "program": "春蕾计划", "disbursements": 1, "recipients": 1, "amount": 900.00}"#,
            #"{"org": "南岸区", "code": null, "program": "贫困母亲救助", "disbursements": 1, "recipients": 1, "amount": 1200.00}"#,
            #"{"org": "南岸区", "code": null, "program": "两癌救助", "disbursements": 1, "recipients": 1, "amount": 2000.00}"#,
            #"{"org": "渝北区", "code": "439803000000", "program": "春蕾计划", "disbursements": 2, "recipients": 2, "amount": 1450.00}"#,
            #"{"org": "渝北区", "code": "439803000000", "program": "两癌救助", "disbursements": 1, "recipients": 1, "amount": 3000.00}"#,
            #"{"disbursements": 10, "recipients": 10, "amount": 12450.00}"#,
        ])
    }

    @Test func underRestrictsAnyReportAndItsTotals() throws {
        // A district federation's figures out of the city's store: its streets by default.
        let out = try Self.report(["aid", "--period", "2024Q1", "--under", "江北区"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == """
            2024年第一季度 救助发放情况

            单位        代码          项目          发放笔数  受助人数  金额(元)
            ----------  ------------  ------------  --------  --------  --------
            石马河街道  439801001000  春蕾计划             2         2   1800.00
            石马河街道  439801001000  贫困母亲救助         1         1   1500.00
            观音桥街道  439801002000  春蕾计划             1         1    600.00
            ----------  ------------  ------------  --------  --------  --------
            合计                                           4         4   3900.00

            """)
        // By code, by path, with --by none: the same subtree.
        for under in ["439803000000", "渝州市/渝北区", "439803"] {
            let rows = try Self.rows(["aid", "--period", "2024Q1", "--under", under, "--by", "none"])
            #expect(rows.last == #"{"disbursements": 3, "recipients": 3, "amount": 4450.00}"#, "\(under)")
        }
        #expect(try Self.rows(["coverage", "--period", "2024Q1", "--under", "花园街道"]) == [
            #"{"org": "幸福社区", "code": null, "units": 1, "with_federation": 1, "org_coverage": 1.0, "work_covered": 1, "work_coverage": 1.0, "with_womens_home": 1, "womens_home_coverage": 1.0}"#,
            #"{"org": "新华社区", "code": null, "units": 1, "with_federation": 0, "org_coverage": 0.0, "work_covered": 0, "work_coverage": 0.0, "with_womens_home": 0, "womens_home_coverage": 0.0}"#,
            #"{"units": 2, "with_federation": 1, "org_coverage": 0.5, "work_covered": 1, "work_coverage": 0.5, "with_womens_home": 1, "womens_home_coverage": 0.5}"#,
        ])
        #expect(try Self.rows(["members", "--period", "2024Q1", "--under", "渝北区", "--by", "none"]).last
                == #"{"members": 3, "persons": 3}"#)
        #expect(try Self.rows(["activities", "--period", "2024Q1", "--under", "南岸区", "--by", "street"]) == [
            #"{"org": "城关镇", "code": null, "kind": "job_fair", "activities": 1, "participants": 120}"#,
            #"{"org": "花园街道", "code": null, "kind": "lecture", "activities": 1, "participants": 40}"#,
            #"{"org": "花园街道", "code": null, "kind": "volunteer", "activities": 1, "participants": 25}"#,
            #"{"activities": 3, "participants": 185}"#,
        ])
        #expect(try Self.rows(["jobfairs", "--period", "2024Q1", "--under", "江北区", "--by", "none"]).last?.hasPrefix(#"{"fairs": 0,"#) == true)
    }

    @Test func anUnderThatNamesSeveralUnitsIsRefusedWithTheirPaths() throws {
        let out = try CLIRunner.run(["report", "coverage", "--period", "2024Q1", "--under", "幸福社区", "--db", "city.sqlite"], in: Self.city)
        #expect(out.status == 1)
        #expect(out.stderr == "error: --under 幸福社区 matches 3 units of the register (渝州市/江北区/石马河街道/幸福社区; "
            + "渝州市/南岸区/花园街道/幸福社区; 渝州市/渝北区/双龙湖街道/幸福社区); give its code or full path.\n")
        let zh = try CLIRunner.run(["report", "coverage", "--period", "2024Q1", "--under", "江背区", "--db", "city.sqlite"], in: Self.city,
                                   environment: ["FULIAN_LANG": "zh"])
        #expect(zh.status == 1)
        #expect(zh.stderr.contains("--under 江背区 不在组织名册中，是否为 江北区？"))
        let level = try CLIRunner.run(["report", "coverage", "--period", "2024Q1", "--by", "province", "--db", "city.sqlite"], in: Self.city)
        #expect(level.status == 64)
        #expect(level.stderr.contains("--by must be city, district, street, community or none, not province"))
    }

    @Test func ambiguousRowsAreRejectedOnTheCommandLineUntilFromNamesTheSender() throws {
        let dir = Self.city
        // The store has the file from --from 花园街道; checked again without it (nothing kept).
        let without = try CLIRunner.run(["import", "aid", "fixtures/city/aid/南岸区/一季度救助发放表.csv", "--replace", "--dry-run",
                                         "--db", "city.sqlite"], in: dir)
        #expect(without.stdout.contains("3 rows: 1 loaded, 2 rejected"))
        // A dry run replaces nothing, and says so of the batch it would replace.
        #expect(without.stdout.contains(": nothing was stored, and its rows and issues were not removed\n"))
        #expect(without.stdout.contains("  would replace batch "))
        #expect(!without.stdout.contains("replaced batch"))
        #expect(without.stdout.contains("一季度救助发放表.csv:R2C3: error [ambiguous-org] 所属社区: unit 幸福社区 matches 3 units of the register"))
        let wrong = try CLIRunner.run(["import", "orgs", "--from", "江北区", "fixtures/city/registers/江北区社区名册.csv", "--db", "city.sqlite"], in: dir)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--from applies to members, aid and activities files (the submitting unit), not to orgs"))
    }

    @Test func theQuarterlyWorkbookOfOneDistrictOutOfTheCity() throws {
        let out = try CLIRunner.run(["report", "quarterly", "--period", "2024Q1", "--under", "南岸区", "-o", "nanan.xlsx", "--db", "city.sqlite"],
                                    in: Self.city, environment: ["FULIAN_LANG": "zh"])
        #expect(out.status == 0, "\(out.stderr)")
        let reader = try openSpreadsheet(at: Self.city.appendingPathComponent("nanan.xlsx").path)
        let aid = try reader.rows(in: try #require(reader.sheets.first { $0.name == "救助发放" }))
        #expect(aid[0].cells.first == .text("南岸区 2024年第一季度 救助发放金额（元）"))
        let detail = try reader.rows(in: try #require(reader.sheets.first { $0.name == "救助明细" }))
        // Only 南岸区's three disbursements, then their total.
        #expect(detail.map { $0.cells.first ?? .empty } == [.text("南岸区 2024年第一季度 救助发放明细"), .text("发放日期"),
                                                            .date(CivilDate(iso: "2024-01-12")!), .date(CivilDate(iso: "2024-02-12")!),
                                                            .date(CivilDate(iso: "2024-03-12")!), .text("合计")])
        #expect(detail.last?.cells.dropFirst(6).first == .number(4100))
    }

    /// A sheet as the text of its cells (cached values of formulas), row by row, empty rows left out.
    static func sheet(_ name: String, of path: URL) throws -> [[String]] {
        let reader = try openSpreadsheet(at: path.path)
        let rows = try reader.rows(in: try #require(reader.sheets.first { $0.name == name }))
        return rows.map { $0.cells.map(\.displayText) }.filter { $0.contains { !$0.isEmpty } }
    }

    /// The rows of the table titled `title` on a sheet: from its header to its totals row.
    static func table(_ title: String, in rows: [[String]]) throws -> [[String]] {
        let start = try #require(rows.firstIndex { $0.first == title }, "no table \(title)")
        let end = try #require(rows[start...].firstIndex { $0.first?.hasPrefix("合计") == true || $0.first == "Total" })
        return Array(rows[(start + 1)...end]).map { row in
            Array(row.reversed().drop { $0.isEmpty }.reversed())
        }
    }

    @Test func theCityWorkbookShowsItsDistrictsThenEachDistrictsStreets() throws {
        let dir = Self.twoGardens
        let out = try CLIRunner.run(["report", "quarterly", "--period", "2024Q1", "-o", "city.xlsx", "--db", "city.sqlite"],
                                    in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(out.status == 0, "\(out.stderr)")
        let file = dir.appendingPathComponent("city.xlsx")
        let summary = try Self.sheet("概览", of: file)
        #expect(summary[0] == ["渝州市 2024年第一季度 妇联工作统计概览"])
        #expect(summary[1].first?.hasPrefix("制表单位：渝州市妇联　　统计期：2024年第一季度") == true)
        // 概览 by district: rates of each district's own communities, flows summed over its units, the city's totals.
        #expect(try Self.table("渝州市 2024年第一季度 各区县主要指标", in: summary) == [
            ["区县", "组织覆盖率", "妇女之家覆盖率", "招聘会场次", "达成意向", "发放金额（万元）", "执委会员（人次）", "活动次数"],
            ["江北区", "0.8", "0.6", "0", "0", "0.39", "2", "0"],
            ["南岸区", "0.75", "0.5", "1", "0", "0.41", "0", "3"],
            ["渝北区", "0.8", "0.8", "0", "0", "0.51", "3", "2"],
            ["合计", "0.7857", "0.6429", "1", "0", "1.31", "5", "5"],
        ])
        let coverage = try Self.sheet("组织覆盖", of: file)
        #expect(coverage.filter { $0.count == 1 || $0.dropFirst().allSatisfy(\.isEmpty) }.map { $0[0] } == [
            "渝州市 2024年第一季度 妇联组织覆盖情况", "江北区 2024年第一季度 妇联组织覆盖情况", "南岸区 2024年第一季度 妇联组织覆盖情况",
            "渝北区 2024年第一季度 妇联组织覆盖情况", "注：覆盖率低于 90% 的单元格以红色标出。",
        ])
        // The city's rate is over all its communities (11 of 14), each district's over its own.
        #expect(try Self.table("渝州市 2024年第一季度 妇联组织覆盖情况", in: coverage) == [
            ["单位", "代码", "单位数", "已建妇联", "组织覆盖率", "工作覆盖", "工作覆盖率", "已建妇女之家", "妇女之家覆盖率"],
            ["江北区", "439801000000", "5", "4", "0.8", "4", "0.8", "3", "0.6"],
            ["南岸区", "", "4", "3", "0.75", "3", "0.75", "2", "0.5"],
            ["渝北区", "439803000000", "5", "4", "0.8", "4", "0.8", "4", "0.8"],
            ["合计", "", "14", "11", "0.7857", "11", "0.7857", "9", "0.6429"],
        ])
        #expect(try Self.table("渝北区 2024年第一季度 妇联组织覆盖情况", in: coverage) == [
            ["单位", "代码", "单位数", "已建妇联", "组织覆盖率", "工作覆盖", "工作覆盖率", "已建妇女之家", "妇女之家覆盖率"],
            ["双龙湖街道", "439803001000", "2", "1", "0.5", "1", "0.5", "2", "1"],
            ["回兴街道", "439803002000", "2", "2", "1", "2", "1", "1", "0.5"],
            ["花园街道", "439803003000", "1", "1", "1", "1", "1", "1", "1"],
            ["合计", "", "5", "4", "0.8", "4", "0.8", "4", "0.8"],
        ])
        // Two streets named 花园街道, each with its own district's figures (a pivot by name would merge them).
        let aid = try Self.sheet("救助发放", of: file)
        #expect(try Self.table("渝州市 2024年第一季度 救助发放金额（元）", in: aid) == [
            ["区县", "春蕾计划", "贫困母亲救助", "两癌救助", "合计"],
            ["江北区", "2400", "1500", "0", "3900"],
            ["南岸区", "900", "1200", "2000", "4100"],
            ["渝北区", "2100", "0", "3000", "5100"],
            ["合计", "5400", "2700", "5000", "13100"],
        ])
        #expect(try Self.table("南岸区 2024年第一季度 救助发放金额（元）", in: aid) == [
            ["街道", "春蕾计划", "贫困母亲救助", "两癌救助", "合计"],
            ["城关镇", "0", "1200", "0", "1200"],
            ["花园街道", "900", "0", "2000", "2900"],
            ["合计", "900", "1200", "2000", "4100"],
        ])
        #expect(try Self.table("渝北区 2024年第一季度 救助发放金额（元）", in: aid) == [
            ["街道", "春蕾计划", "两癌救助", "合计"],
            ["双龙湖街道", "700", "3000", "3700"],
            ["回兴街道", "750", "0", "750"],
            ["花园街道", "650", "0", "650"],
            ["合计", "2100", "3000", "5100"],
        ])
        // Distinct recipients: per district under the city's table, per street under each district's.
        let recipients = aid.enumerated().filter { $0.element.first == "受助人数（人，按身份证号去重）" }.map(\.offset)
        #expect(recipients.count == 4)
        #expect(aid[recipients[0] + 1...recipients[0] + 5].map { Array($0.prefix(4)) } == [
            ["区县", "春蕾计划", "贫困母亲救助", "两癌救助"], ["江北区", "3", "1", "0"], ["南岸区", "1", "1", "1"], ["渝北区", "3", "0", "1"],
            ["合计（去重）", "7", "2", "2"],
        ])
        // Members and activities: the districts that have any, then each one's streets.
        let members = try Self.sheet("执委队伍", of: file)
        #expect(try Self.table("渝州市 2024年第一季度 执委会员情况（人）", in: members) == [
            ["区县", "主席", "副主席", "执委", "合计"], ["江北区", "1", "0", "1", "2"], ["渝北区", "1", "1", "1", "3"],
            ["合计", "2", "1", "2", "5"],
        ])
        #expect(try Self.table("江北区 2024年第一季度 执委会员情况（人）", in: members) == [
            ["街道", "主席", "执委", "合计"], ["观音桥街道", "1", "1", "2"], ["合计", "1", "1", "2"],
        ])
        let activities = try Self.sheet("活动开展", of: file)
        #expect(try Self.table("南岸区 2024年第一季度 活动参与人次", in: activities) == [
            ["街道", "招聘会", "讲座", "志愿服务", "合计"], ["城关镇", "120", "0", "0", "120"], ["花园街道", "0", "40", "25", "65"],
            ["合计", "120", "40", "25", "185"],
        ])
        #expect(try Self.table("南岸区 2024年第一季度 招聘会情况", in: try Self.sheet("就业招聘", of: file)) == [
            ["单位", "代码", "场次", "参会企业", "提供岗位", "求职人数", "达成意向", "达成率"],
            ["城关镇", "", "1", "0", "0", "0", "0"],
            ["合计", "", "1", "0", "0", "0", "0"],
        ])
    }

    @Test func theCityWorkbookInEnglish() throws {
        let dir = Self.twoGardens
        let out = try CLIRunner.run(["report", "quarterly", "--period", "2024Q1", "-o", "city-en.xlsx", "--db", "city.sqlite"], in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        let summary = try Self.sheet("Summary", of: dir.appendingPathComponent("city-en.xlsx"))
        #expect(summary[1].first?.hasPrefix("Prepared by: 渝州市 Women's Federation") == true)
        #expect(try Self.table("渝州市 2024Q1 key figures by district", in: summary).first == [
            "district", "org coverage", "women's home coverage", "job fairs", "placements", "amount (10k yuan)", "memberships", "activities",
        ])
        let aid = try Self.sheet("Aid", of: dir.appendingPathComponent("city-en.xlsx"))
        #expect(try Self.table("渝北区 2024Q1 aid amount (yuan)", in: aid).first == ["street", "春蕾计划", "两癌救助", "total"])
    }

    @Test func aStreetsWorkbookListsItsCommunities() throws {
        let dir = Self.city
        let out = try CLIRunner.run(["report", "quarterly", "--period", "2024Q1", "--under", "石马河街道", "-o", "shimahe.xlsx", "--db", "city.sqlite"],
                                    in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(out.status == 0, "\(out.stderr)")
        let file = dir.appendingPathComponent("shimahe.xlsx")
        #expect(try Self.sheet("概览", of: file)[1].first?.hasPrefix("制表单位：石马河街道妇联") == true)
        #expect(try Self.table("石马河街道 2024年第一季度 救助发放金额（元）", in: try Self.sheet("救助发放", of: file)) == [
            ["社区（村）", "春蕾计划", "贫困母亲救助", "合计"],
            ["幸福社区", "1000", "0", "1000"],
            ["新华社区", "0", "1500", "1500"],
            ["南桥寺社区", "800", "0", "800"],
            ["合计", "1800", "1500", "3300"],
        ])
    }

    /// `clean --orgs` reads a city's registers as the import does: the three 幸福社区 stay apart, so a file
    /// that names none of their streets is ambiguous until --from names the sender.
    @Test func cleanReadsACitysRegistersAsTheImportDoes() throws {
        let dir = try CLIRunner.workspace()
        let c = "fixtures/city/"
        let orgs = ["渝州市区县名册.csv", "江北区社区名册.csv", "南岸区社区名册.csv", "渝北区社区名册.csv"].flatMap { ["--orgs", c + "registers/" + $0] }
        let file = c + "aid/南岸区/一季度救助发放表.csv"
        let without = try CLIRunner.run(["clean", "aid", file, "-o", "a.csv", "--format", "csv"] + orgs, in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(without.status == 0, "\(without.stderr)")
        #expect(without.stdout.contains("一季度救助发放表.csv：共 3 行，无问题 1 行，有问题 2 行，重复 0 行\n"))
        let issues = try String(contentsOf: dir.appendingPathComponent("a-issues.csv"), encoding: .utf8)
        #expect(issues.contains("一季度救助发放表.csv,,2,C,幸福社区,ambiguous-org,错误,所属社区：组织名册中有 3 个幸福社区（渝州市/江北区/石马河街道/幸福社区；"
                                + "渝州市/南岸区/花园街道/幸福社区；渝州市/渝北区/双龙湖街道/幸福社区），无法确定是哪一个。"))
        let from = try CLIRunner.run(["clean", "aid", file, "-o", "b.csv", "--format", "csv", "--from", "花园街道"] + orgs, in: dir)
        #expect(from.status == 0)
        #expect(from.stdout.contains("一季度救助发放表.csv: 3 rows, 3 clean, 0 with issues, 0 duplicates\n"))
        let noRegister = try CLIRunner.run(["clean", "aid", file, "-o", "c.csv", "--from", "花园街道"], in: dir)
        #expect(noRegister.status == 64)
        #expect(noRegister.stderr.hasPrefix("Error: --from is looked up in the org register: give it with --orgs\n"))
    }
}
