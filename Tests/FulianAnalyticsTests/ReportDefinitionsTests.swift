import FulianAnalytics
import FulianCore
import Testing

/// The `--explain` definitions in both languages, exactly as printed (`ReportDefinitions`).
@Suite struct ReportDefinitionsTests {
    static func request(_ kind: ReportKind, _ period: String, by: OrgLevel = .street, compare: Bool = false,
                        kinds: [String] = []) -> ReportRequest {
        ReportRequest(kind: kind, period: R.period(period), by: by, compare: compare, kinds: kinds)
    }

    @Test func aidByStreet() {
        let r = Self.request(.aid, "2024Q1")
        #expect(ReportDefinitions.text(for: r, language: .zh) == """
            救助发放情况（aid）：统计期内发放的救助（start <= paidOn <= end），按单位 × 项目分组。
              disbursements（发放笔数）= 发放记录的条数（重复记录已在导入时跳过）
              recipients（受助人数）= 去重后的人数（person.id：有身份证号的按身份证号计一人，没有的按姓名 + 单位计一人）
              amount（金额）= SUM(amountFen)，以分为单位精确求和，显示为元，保留两位小数（不用浮点数）
              合计（totals）：同一统计期全部发放记录的同样指标；受助人数在全部记录中去重，
              因此 totals.recipients 可能小于各行之和。
              --by-source 增加键 `source`（资金来源，按原文，空白为 null）；
              --by-month 增加键 `month`（paidOn 所在月份，YYYY-MM）。
              org = 该行单位所属的街道（乡镇）（从单位本身起向上找最近的 street 或 town 类单位；直接挂在区本级的记录留在区本级）。
              统计期 2024年第一季度：2024-01-01 至 2024-03-31

            """)
        #expect(ReportDefinitions.text(for: r, language: .en) == """
            aid — disbursements paid in the period (start <= paidOn <= end), grouped by org × program.
              disbursements = number of disbursement records (duplicates were already skipped at import)
              recipients    = distinct persons (person.id: one per ID number, else per name + unit)
              amount        = SUM(amountFen) in fen, shown as yuan with 2 decimals (exact, no floating point)
              totals: the same measures over all disbursements of the period; recipients distinct overall,
              so totals.recipients can be less than the sum of the rows.
              --by-source adds the key `source` (资金来源 as written, null when blank);
              --by-month adds the key `month` (YYYY-MM of paidOn).
              org = the street/town a row's unit belongs to (nearest ancestor-or-self of kind street or town; rows attached to the district itself stay at the district).
              period 2024Q1: 2024-01-01 .. 2024-03-31

            """)
    }

    @Test func jobfairsWithoutOrgComparedWithPreviousAndYearAgo() {
        let r = Self.request(.jobfairs, "2024-03", by: .none, compare: true)
        #expect(ReportDefinitions.text(for: r, language: .zh) == """
            招聘会情况（jobfairs）：统计期内举办的 job_fair（招聘会）类活动（start <= heldOn <= end），按单位分组。
              fairs（场次）= 招聘会场数
              employers、positions、seekers、placements（参会企业、提供岗位、求职人数、达成意向）= 各项登记数字之和（空白按 0 计）
              placement_rate（达成率）= placements / seekers，保留 4 位小数；seekers = 0 时为 null。
              不分单位（无 org 键）：各行只按报表的其他键分组。
              --compare：每项指标同时计算上期（环比：上一季度、半年、月或年；按日期区间的，为紧挨在前的同样天数）
              和去年同期（同比）。change = 本期 − 基期（比率为精确差值）；pct = (本期 − 基期) / 基期，基期为 0 或 null 时为 null。
              行为三个期间中任一期间有记录的分组（没有记录的期间按 0 计）。
              统计期 2024年3月：2024-03-01 至 2024-03-31；上期 2024年2月（2024-02-01 至 2024-02-29）；去年同期 2023年3月（2023-03-01 至 2023-03-31）

            """)
        #expect(ReportDefinitions.text(for: r, language: .en) == """
            jobfairs — activities of kind job_fair held in the period (start <= heldOn <= end), grouped by org.
              fairs          = number of job fairs
              employers, positions, seekers, placements = sums of the recorded figures (a blank figure counts 0)
              placement_rate = placements / seekers, rounded to 4 decimals; null when seekers = 0.
              no org key: rows are grouped by the report's other keys only.
              --compare: every measure also for the previous period (环比: previous quarter/half/month/year; for a
              day range the same number of days just before) and the same period a year earlier (同比).
              change = current − base (ratios: exact difference); pct = (current − base) / base, null when the base
              is 0 or null. Rows are the groups with a record in any of the three periods (absent = zero).
              period 2024-03: 2024-03-01 .. 2024-03-31; previous 2024-02 (2024-02-01 .. 2024-02-29); year ago 2023-03 (2023-03-01 .. 2023-03-31)

            """)
    }

    @Test func membersAndTheKindsLines() {
        let members = ReportDefinitions.text(for: Self.request(.members, "2024", by: .district), language: .zh)
        #expect(members.hasPrefix("执委会员情况（members）：统计期最后一天 E 在任的职务，按单位 × 职务分组。\n"
            + "  在任 = （termStart 为空或 termStart <= E）并且（termEnd 为空或 termEnd >= E）\n"))
        #expect(members.hasSuffix("  org = 区（组织名册树的根）。\n  统计期 2024年：2024-01-01 至 2024-12-31\n"))
        let coverage = Self.request(.coverage, "2024H1", by: .community, kinds: ["enterprise", "social_org"])
        #expect(ReportDefinitions.text(for: coverage, language: .zh).hasSuffix(
            "  org = 社区（村）本身（从单位本身起向上找最近的 community 或 village 类单位）；直接挂在街道（乡镇）的记录留在街道（乡镇）。\n"
                + "  统计的单位类型：enterprise、social_org\n  统计期 2024年上半年：2024-01-01 至 2024-06-30\n"))
        #expect(ReportDefinitions.text(for: coverage, language: .en).hasSuffix(
            "  org = the community/village itself (nearest ancestor-or-self of kind community or village); "
                + "rows attached directly to a street/town stay at the street/town.\n"
                + "  measured unit kinds: enterprise, social_org\n  period 2024H1: 2024-01-01 .. 2024-06-30\n"))
        let activities = Self.request(.activities, "2024Q2", kinds: ["lecture", "training"])
        #expect(ReportDefinitions.text(for: activities, language: .zh).contains("\n  统计的活动类型：lecture、training\n"))
        #expect(ReportDefinitions.text(for: activities, language: .en).contains("\n  activity kinds counted: lecture, training\n"))
    }

    /// The explanation a report carries follows the language it is printed in; the SQL is the same in both.
    @Test func explanationTextInBothLanguages() throws {
        let store = try SyntheticStore.make()
        let r = try R.run(store, .activities, "2024Q1")
        let zh = r.explanation.text(.zh), en = r.explanation.text(.en)
        #expect(zh.hasPrefix("活动开展情况（activities）：统计期内举办的活动（start <= heldOn <= end），按单位 × 活动类型分组。\n"
            + "  activities（活动次数）= 活动记录的条数\n  participants（参与人次）= SUM(participants)（空白按 0 计）\n"))
        #expect(en.hasPrefix("activities — activities held in the period (start <= heldOn <= end), grouped by org × kind.\n"))
        #expect(zh.drop { $0 != "\n" }.contains("\n-- rows 2024Q1 (SQLite)\nWITH RECURSIVE orgmap"))
        #expect(zh[zh.range(of: "\n-- rows 2024Q1")!.lowerBound...] == en[en.range(of: "\n-- rows 2024Q1")!.lowerBound...])
    }
}
