/// Words a leader reads in tables and workbooks: activity kinds, roles, unit kinds, genders, age bands.
///
/// Stable codes (`job_fair`, `主席` as stored) stay in JSON and SQL; these are what tables, CSV and workbooks show.
public enum Label: Localized, Hashable {
    /// 招聘会 / job fair …
    case activityKind(ActivityKind)
    /// 主席 / chair …
    case role(Role)
    /// 街道 / street …
    case orgKind(OrgKind)
    /// 女 / female.
    case gender(Gender)
    /// 30岁以下 / under 30 … 未知 / unknown.
    case ageBand(AgeBand)
    /// 救助发放 / aid disbursements: a dataset as a leader names it (the code `aid` stays in JSON).
    case dataset(Dataset)

    public func wording() -> Wording {
        switch self {
        case .activityKind(let k):
            switch k {
            case .jobFair: Wording("招聘会", "job fair")
            case .lecture: Wording("讲座", "lecture")
            case .training: Wording("培训", "training")
            case .rights: Wording("维权", "rights consultation")
            case .volunteer: Wording("志愿服务", "volunteering")
            case .visit: Wording("慰问", "visit")
            case .other: Wording("其他", "other")
            }
        case .role(let r):
            switch r {
            case .chair: Wording("主席", "chair")
            case .viceChair: Wording("副主席", "vice-chair")
            case .partTimeViceChair: Wording("兼职副主席", "part-time vice-chair")
            case .standingMember: Wording("常委", "standing committee member")
            case .executiveMember: Wording("执委", "executive committee member")
            case .committeeMember: Wording("委员", "committee member")
            case .member: Wording("会员", "member")
            case .volunteer: Wording("志愿者", "volunteer")
            }
        case .orgKind(let k):
            switch k {
            case .district: Wording("区", "district")
            case .street: Wording("街道", "street")
            case .town: Wording("镇/乡", "town")
            case .community: Wording("社区", "community")
            case .village: Wording("村", "village")
            case .enterprise: Wording("企业", "enterprise")
            case .socialOrg: Wording("社会组织", "social organisation")
            case .agency: Wording("机关事业单位", "agency")
            case .other: Wording("其他", "other")
            case .city: Wording("市", "city")
            }
        case .gender(let g):
            switch g {
            case .female: Wording("女", "female")
            case .male: Wording("男", "male")
            }
        case .dataset(let d):
            switch d {
            case .orgs: Wording("组织名册", "org register")
            case .members: Wording("执委会员名单", "member lists")
            case .aid: Wording("救助发放", "aid disbursements")
            case .activities: Wording("活动台账", "activity ledgers")
            }
        case .ageBand(let b):
            switch b {
            case .under30: Wording("30岁以下", "under 30")
            case .thirties: Wording("30—39岁", "aged 30-39")
            case .forties: Wording("40—49岁", "aged 40-49")
            case .fifties: Wording("50—59岁", "aged 50-59")
            case .sixtyAndOver: Wording("60岁及以上", "60 and over")
            case .unknown: Wording("未知", "unknown")
            }
        }
    }
}
