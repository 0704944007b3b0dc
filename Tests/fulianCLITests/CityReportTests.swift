import Foundation
import FulianCore
import FulianSheets
import Testing
import TestSupport

/// Issue #14 end to end: a city's store built from fixtures/city by the real binary, figures at every
/// level, `--under`, `--from` and `ambiguous-org` on the command line.
@Suite(.serialized) struct CityReportTests {
    /// The city, its three districts' registers, and a file of every kind from streets of each district.
    static let city: URL = {
        let dir = try! CLIRunner.workspace()
        let c = "fixtures/city/"
        let steps: [[String]] = [
            ["import", "orgs", c + "registers/渝州市区县名册.csv", c + "registers/江北区社区名册.csv", c + "registers/南岸区社区名册.csv",
             c + "registers/渝北区社区名册.csv"],
            ["import", "aid", c + "aid/石马河街道2024年一季度救助发放表.csv", c + "aid/渝北区2024年一季度救助发放表.csv"],
            ["import", "aid", "--from", "花园街道", c + "aid/南岸区/一季度救助发放表.csv"],
            ["import", "members", c + "members/双龙湖街道执委名单.csv", c + "members/观音桥街道执委名单.csv"],
            ["import", "activities", c + "activities/南岸区活动台账.csv", c + "activities/双龙湖街道活动台账.csv"],
        ]
        for s in steps {
            let out = try! CLIRunner.run(s + ["--db", "city.sqlite"], in: dir)
            precondition(out.status == 0, out.stdout + out.stderr)
        }
        return dir
    }()

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
}
