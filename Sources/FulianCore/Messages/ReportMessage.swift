/// Messages and table words of reports, worded in Chinese and English.
///
/// English headers are the column names scripts use (`amount_previous`); Chinese headers are what a
/// leader reads (`金额(元) 上期`).
public enum ReportMessage: Localized, Hashable {
    /// `--by-source` / `--by-month` (`breakdown` source, month) asked of another report than aid.
    case breakdownOnlyForAid(breakdown: String)
    /// The composition asked of another report than members.
    case compositionOnlyForMembers(report: String)
    /// `--kinds` given to a report that does not take it.
    case kindsNotApplicable(report: String)
    /// A `--kinds` value that names no unit kind (`coverage: true`) or activity kind, with the codes allowed.
    case unknownKind(kind: String, coverage: Bool, allowed: [String])
    /// The header of a key or measure column (`org` 单位, `amount` 金额(元)); English is the name.
    case columnHeader(base: String)
    /// The header of a comparison column: the measure's header and the comparison (`previous`, `changeFromPrevious`,
    /// `percentFromPrevious`, `yearAgo`, `changeFromYearAgo`, `percentFromYearAgo`); English is the column name.
    case comparisonHeader(base: String, comparison: String, name: String)
    /// The first cell of the totals line (合计 / Total) of a report (its code).
    case totals(report: String)
    /// A report's title: 救助发放情况 / aid.
    case title(report: String)
    /// The line above a report table: period, title and the comparison periods.
    case heading(report: String, period: Period, previous: Period?, yearAgo: Period?)
    /// A composition table's header (`age_band`, `tag`, `persons`, `share`).
    case compositionHeader(name: String)
    /// An age band (`<30`, `30-39` … `60+`, `unknown`) as a table shows it.
    case ageBand(String)
    /// `--explain`: what the aid report counts (`ReportDefinitions`, the same text as notebooks-docs/04-indicators.md).
    case aidDefinition
    /// `--explain`: what the coverage report measures, on the period's last day.
    case coverageDefinition
    /// `--explain`: what the jobfairs report counts.
    case jobfairsDefinition
    /// `--explain`: what the members report counts, on the period's last day, and its composition.
    case membersDefinition
    /// `--explain`: what the activities report counts.
    case activitiesDefinition
    /// `--explain`: the `org` key of `--by street` (street/town).
    case streetLevelRule
    /// `--explain`: the `org` key of `--by community` (community/village).
    case communityLevelRule
    /// `--explain`: the `org` key of `--by district`.
    case districtLevelRule
    /// `--explain`: `--by none`, no `org` key.
    case noLevelRule
    /// `--explain`: the unit kinds coverage measures, as given with `--kinds` (codes).
    case measuredUnitKinds([String])
    /// `--explain`: the activity kinds counted, as given with `--kinds` (codes).
    case countedActivityKinds([String])
    /// `--explain`: how `--compare` computes 环比 and 同比.
    case compareRule
    /// `--explain`: the period's dates, and with `--compare` the previous and year-ago periods'.
    case periodRule(period: Period, previous: Period?, yearAgo: Period?)
    /// `--under` names no unit of the register.
    case unknownUnder(typed: String, suggestion: String?)
    /// `--under` names several units: the candidates by path.
    case ambiguousUnder(typed: String, paths: [String])

    /// The `--by city` rule of `--explain`.
    case cityLevelRule
    /// The `--under` line of `--explain`: the subtree the report is restricted to.
    case underRule(String)

    /// The title of a one-report workbook: `2024年第一季度 救助发放情况` / `aid 2024Q1`.
    case workbookTitle(report: String, period: Period)

    public func wording() -> Wording {
        switch self {
        case .breakdownOnlyForAid(let b):
            Wording("--by-\(b) 只适用于救助发放（aid）报表", "--by-\(b) applies to the aid report only")
        case .compositionOnlyForMembers:
            Wording("人员构成只适用于执委会员（members）报表", "the composition applies to the members report only")
        case .kindsNotApplicable:
            Wording("--kinds 只适用于组织覆盖（coverage）和活动（activities）报表", "--kinds applies to the coverage and activities reports only")
        case .unknownKind(let kind, let coverage, let allowed):
            Wording("未知的\(coverage ? "单位类型" : "活动类型")“\(kind)”：可用 \(allowed.joined(separator: "、"))",
                    "unknown \(coverage ? "unit kind" : "activity kind") '\(kind)'\(coverage ? " for coverage" : ""): use "
                        + allowed.joined(separator: ", "))
        case .columnHeader(let base):
            Wording(Self.chineseHeaders[base] ?? base, base)
        case .comparisonHeader(let base, let comparison, let name):
            Wording((Self.chineseHeaders[base] ?? base) + " " + (Self.chineseComparisons[comparison] ?? comparison), name)
        case .totals:
            Wording("合计", "Total")
        case .title(let report):
            Wording(Self.chineseTitles[report] ?? report, report)
        case .heading(let report, let period, let previous, let yearAgo):
            Wording(
                "\(period.chineseLabel) \(Self.chineseTitles[report] ?? report)"
                    + (previous.map { p in "（上期 \(p.chineseLabel)" + (yearAgo.map { "，去年同期 \($0.chineseLabel)" } ?? "") + "）" } ?? ""),
                "\(report) \(period.label)"
                    + (previous.map { p in " (previous \(p.label)" + (yearAgo.map { ", year ago \($0.label)" } ?? "") + ")" } ?? ""))
        case .compositionHeader(let name):
            Wording(["age_band": "年龄段", "tag": "身份标签", "persons": "人数", "share": "占比"][name] ?? name, name)
        case .ageBand(let band):
            switch band {
            case "<30": Wording("30岁以下", band)
            case "60+": Wording("60岁及以上", band)
            case "unknown": Wording("未知", band)
            default: Wording(band + "岁", band)
            }
        case .aidDefinition:
            Wording("""
                救助发放情况（aid）：统计期内发放的救助（start <= paidOn <= end），按单位 × 项目分组。
                  disbursements（发放笔数）= 发放记录的条数（重复记录已在导入时跳过）
                  recipients（受助人数）= 去重后的人数（person.id：有身份证号的按身份证号计一人，没有的按姓名 + 单位计一人）
                  amount（金额）= SUM(amountFen)，以分为单位精确求和，显示为元，保留两位小数（不用浮点数）
                  合计（totals）：同一统计期全部发放记录的同样指标；受助人数在全部记录中去重，
                  因此 totals.recipients 可能小于各行之和。
                  --by-source 增加键 `source`（资金来源，按原文，空白为 null）；
                  --by-month 增加键 `month`（paidOn 所在月份，YYYY-MM）。
                """, """
                aid — disbursements paid in the period (start <= paidOn <= end), grouped by org × program.
                  disbursements = number of disbursement records (duplicates were already skipped at import)
                  recipients    = distinct persons (person.id: one per ID number, else per name + unit)
                  amount        = SUM(amountFen) in fen, shown as yuan with 2 decimals (exact, no floating point)
                  totals: the same measures over all disbursements of the period; recipients distinct overall,
                  so totals.recipients can be less than the sum of the rows.
                  --by-source adds the key `source` (资金来源 as written, null when blank);
                  --by-month adds the key `month` (YYYY-MM of paidOn).
                """)
        case .coverageDefinition:
            Wording("""
                妇联组织覆盖情况（coverage）：以统计期最后一天 E 为准，组织名册中的每个街道（乡镇）一行（没有下属单位的也列出），
                统计其下属单位。
                  单位（unit）= 所统计类型的单位（默认 community、village，即社区和村；可用 --kinds 指定，如 enterprise,social_org），
                                且在 E 日存续：（establishedOn 为空或 establishedOn <= E）
                                并且（dissolvedOn 为空或 dissolvedOn > E）
                  units（单位数）= 单位个数
                  with_federation（已建妇联）= federationOn <= E 的单位数（0001-01-01 表示已建、日期不详；为空表示未建）
                  org_coverage（组织覆盖率）= with_federation / units
                  work_covered（工作覆盖）= federationOn <= E 或 workCovered = 1 的单位数
                  work_coverage（工作覆盖率）= work_covered / units
                  with_womens_home（已建妇女之家）= womensHomeOn <= E 的单位数
                  womens_home_coverage（妇女之家覆盖率）= with_womens_home / units
                  比率：由整数计数精确计算，四舍五入（远离零）保留 4 位小数；units = 0 时为 null。
                """, """
                coverage — as of the period's last day E, one row per street/town of the register (every one,
                even with no units), measuring the units under it.
                  unit          = org of the measured kinds (default community, village; --kinds e.g. enterprise,social_org)
                                  that exists on E: (establishedOn IS NULL OR establishedOn <= E)
                                  AND (dissolvedOn IS NULL OR dissolvedOn > E)
                  units            = number of units
                  with_federation  = units with federationOn <= E (0001-01-01 = yes, date unknown; NULL = none)
                  org_coverage     = with_federation / units
                  work_covered     = units with federationOn <= E OR workCovered = 1
                  work_coverage    = work_covered / units
                  with_womens_home = units with womensHomeOn <= E
                  womens_home_coverage = with_womens_home / units
                  ratios: exact from the integer counts, rounded half away from zero to 4 decimals; null when units = 0.
                """)
        case .jobfairsDefinition:
            Wording("""
                招聘会情况（jobfairs）：统计期内举办的 job_fair（招聘会）类活动（start <= heldOn <= end），按单位分组。
                  fairs（场次）= 招聘会场数
                  employers、positions、seekers、placements（参会企业、提供岗位、求职人数、达成意向）= 各项登记数字之和（空白按 0 计）
                  placement_rate（达成率）= placements / seekers，保留 4 位小数；seekers = 0 时为 null。
                """, """
                jobfairs — activities of kind job_fair held in the period (start <= heldOn <= end), grouped by org.
                  fairs          = number of job fairs
                  employers, positions, seekers, placements = sums of the recorded figures (a blank figure counts 0)
                  placement_rate = placements / seekers, rounded to 4 decimals; null when seekers = 0.
                """)
        case .membersDefinition:
            Wording("""
                执委会员情况（members）：统计期最后一天 E 在任的职务，按单位 × 职务分组。
                  在任 = （termStart 为空或 termStart <= E）并且（termEnd 为空或 termEnd >= E）
                  members（人数）= 在任职务数（一人担任两个职务的，在两行中各计一次）
                  totals.members = 全部在任职务数；totals.persons = 其中去重后的人数。
                  人员构成（要求时）：对去重后的在任人员，按 E 日的年龄分段（<30、30-39、40-49、50-59、60+，
                  unknown 为无出生日期或出生日期晚于 E）和按身份标签（membership.tags 以“、”拆分并去掉首尾空白；
                  同一人每个标签计一次）统计；share = 人数 / 全部在任人数，没有在任人员时为 null。
                """, """
                members — memberships active on the period's last day E, grouped by org × role.
                  active  = (termStart IS NULL OR termStart <= E) AND (termEnd IS NULL OR termEnd >= E)
                  members = number of active memberships (a person holding two roles counts in both rows)
                  totals.members = all active memberships; totals.persons = distinct persons among them.
                  composition (when asked): distinct active persons by age on E (<30, 30-39, 40-49, 50-59, 60+,
                  unknown = no birth date or one after E) and by tag (membership.tags split on '、', trimmed; a
                  person counts once per tag); share = persons / all active persons, null when there are none.
                """)
        case .activitiesDefinition:
            Wording("""
                活动开展情况（activities）：统计期内举办的活动（start <= heldOn <= end），按单位 × 活动类型分组。
                  activities（活动次数）= 活动记录的条数
                  participants（参与人次）= SUM(participants)（空白按 0 计）
                  --kinds 限定统计的活动类型（代码 job_fair、lecture、training、rights、volunteer、visit、other）。
                """, """
                activities — activities held in the period (start <= heldOn <= end), grouped by org × kind.
                  activities   = number of activity records
                  participants = SUM(participants) (a blank figure counts 0)
                  --kinds restricts the activity kinds counted (codes job_fair lecture training rights volunteer visit other).
                """)
        case .streetLevelRule:
            Wording("org = 该行单位所属的街道（乡镇）（从单位本身起向上找最近的 street 或 town 类单位；直接挂在区本级的记录留在区本级）。",
                    "org = the street/town a row's unit belongs to (nearest ancestor-or-self of kind street or town; "
                        + "rows attached to the district itself stay at the district).")
        case .communityLevelRule:
            Wording("org = 社区（村）本身（从单位本身起向上找最近的 community 或 village 类单位）；直接挂在街道（乡镇）的记录留在街道（乡镇）。",
                    "org = the community/village itself (nearest ancestor-or-self of kind community or village); "
                        + "rows attached directly to a street/town stay at the street/town.")
        case .districtLevelRule:
            Wording("org = 区（组织名册树的根）。", "org = the district (the root of the register tree).")
        case .noLevelRule:
            Wording("不分单位（无 org 键）：各行只按报表的其他键分组。", "no org key: rows are grouped by the report's other keys only.")
        case .measuredUnitKinds(let kinds):
            Wording("统计的单位类型：\(kinds.joined(separator: "、"))", "measured unit kinds: \(kinds.joined(separator: ", "))")
        case .countedActivityKinds(let kinds):
            Wording("统计的活动类型：\(kinds.joined(separator: "、"))", "activity kinds counted: \(kinds.joined(separator: ", "))")
        case .compareRule:
            Wording("""
                --compare：每项指标同时计算上期（环比：上一季度、半年、月或年；按日期区间的，为紧挨在前的同样天数）
                和去年同期（同比）。change = 本期 − 基期（比率为精确差值）；pct = (本期 − 基期) / 基期，基期为 0 或 null 时为 null。
                行为三个期间中任一期间有记录的分组（没有记录的期间按 0 计）。
                """, """
                --compare: every measure also for the previous period (环比: previous quarter/half/month/year; for a
                day range the same number of days just before) and the same period a year earlier (同比).
                change = current − base (ratios: exact difference); pct = (current − base) / base, null when the base
                is 0 or null. Rows are the groups with a record in any of the three periods (absent = zero).
                """)
        case .periodRule(let p, let previous, let yearAgo):
            Wording(
                "统计期 \(p.chineseLabel)：\(p.start.iso) 至 \(p.end.iso)"
                    + (previous.map { "；上期 \($0.chineseLabel)（\($0.start.iso) 至 \($0.end.iso)）" } ?? "")
                    + (yearAgo.map { "；去年同期 \($0.chineseLabel)（\($0.start.iso) 至 \($0.end.iso)）" } ?? ""),
                "period \(p.label): \(p.start.iso) .. \(p.end.iso)"
                    + (previous.map { "; previous \($0.label) (\($0.start.iso) .. \($0.end.iso))" } ?? "")
                    + (yearAgo.map { "; year ago \($0.label) (\($0.start.iso) .. \($0.end.iso))" } ?? ""))
        case .unknownUnder(let typed, let suggestion?):
            Wording("--under \(typed) 不在组织名册中，是否为 \(suggestion)？",
                    "--under \(typed) is not a unit of the register; did you mean \(suggestion)?")
        case .unknownUnder(let typed, nil):
            Wording("--under \(typed) 不在组织名册中，请写单位的名称、代码或完整路径。",
                    "--under \(typed) is not a unit of the register: give a unit's name, code or full path.")
        case .ambiguousUnder(let typed, let paths):
            Wording("--under \(typed) 对应组织名册中的 \(paths.count) 个单位（\(paths.joined(separator: "；"))），请写代码或完整路径。",
                    "--under \(typed) matches \(paths.count) units of the register (\(paths.joined(separator: "; "))); give its code or full path.")
        case .cityLevelRule:
            Wording("org = 市（行所属单位向上最近的市级单位本身或上级；没有市级上级的区县自成一行）。",
                    "org = the city (nearest ancestor-or-self of kind city; a district without one is its own row).")
        case .underRule(let under):
            Wording("仅统计 \(under) 及其下属各单位（--under）。", "restricted to \(under) and every unit under it (--under).")
        case .workbookTitle(let report, let period):
            Wording("\(period.chineseLabel) \(Self.title(report: report).text(.zh))", "\(report) \(period.label)")
        }
    }

    /// Chinese headers of the keys and measures, by name.
    public static let chineseHeaders: [String: String] = [
        "org": "单位", "code": "代码", "program": "项目", "source": "资金来源", "month": "月份", "role": "职务", "kind": "活动类型",
        "disbursements": "发放笔数", "recipients": "受助人数", "amount": "金额(元)",
        "units": "单位数", "with_federation": "已建妇联", "org_coverage": "组织覆盖率", "work_covered": "工作覆盖",
        "work_coverage": "工作覆盖率", "with_womens_home": "已建妇女之家", "womens_home_coverage": "妇女之家覆盖率",
        "fairs": "场次", "employers": "参会企业", "positions": "提供岗位", "seekers": "求职人数", "placements": "达成意向",
        "placement_rate": "达成率", "members": "人数", "persons": "人员(去重)",
        "activities": "活动次数", "participants": "参与人次",
    ]

    /// The Chinese words a comparison column adds to its measure's header.
    static let chineseComparisons: [String: String] = [
        "previous": "上期", "changeFromPrevious": "环比", "percentFromPrevious": "环比%",
        "yearAgo": "去年同期", "changeFromYearAgo": "同比", "percentFromYearAgo": "同比%",
    ]

    /// The Chinese titles of the reports, by code.
    static let chineseTitles: [String: String] = [
        "aid": "救助发放情况", "coverage": "妇联组织覆盖情况", "jobfairs": "招聘会情况", "members": "执委会员情况",
        "activities": "活动开展情况", "quarterly": "季度工作报表",
    ]
}
