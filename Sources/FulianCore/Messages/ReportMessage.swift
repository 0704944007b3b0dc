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
        }
    }

    /// Chinese headers of the keys and measures, by name.
    public static let chineseHeaders: [String: String] = [
        "org": "单位", "program": "项目", "source": "资金来源", "month": "月份", "role": "职务", "kind": "活动类型",
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
