import Foundation

/// The four kinds of files fulian imports.
public enum Dataset: String, Sendable, Hashable, Codable, CaseIterable {
    /// The register of organisational units (streets, communities, villages, enterprises …).
    case orgs
    /// Member lists: chairs, vice-chairs, executive committee members, volunteers.
    case members
    /// Aid disbursement lists (春蕾计划, 贫困母亲救助 …).
    case aid
    /// Activity ledgers: job fairs, lectures, trainings, rights consultations …
    case activities
}

/// The kind of an organisational unit in the register.
public enum OrgKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 区/县/市: the district at the top of the tree.
    case district
    /// 街道: a street (urban sub-district).
    case street
    /// 镇/乡: a town or township.
    case town
    /// 社区: an urban community.
    case community
    /// 村: a village.
    case village
    /// 企业: an enterprise (new-sector unit).
    case enterprise
    /// 社会组织: a social organisation (new-sector unit).
    case socialOrg = "social_org"
    /// 机关事业单位: a government agency or public institution.
    case agency
    /// Anything else the register names.
    case other
    /// 地级市/市(州): a city (prefecture) above its districts, in a city's or province's store.
    case city

    /// Reads a register's 类型 cell: 区, 街道, 镇, 乡, 社区, 村, 企业, 社会组织, 机关 …; nil if unknown.
    public init?(label: String) {
        let s = TextNormalizer.compact(label).lowercased()
        switch s {
        case "区", "县", "市", "区县", "县区", "district": self = .district
        case "街道", "街道办事处", "街道办", "street": self = .street
        case "镇", "乡", "镇/乡", "乡镇", "镇乡", "town", "township": self = .town
        case "社区", "居委会", "社区居委会", "居民委员会", "社区居民委员会", "community": self = .community
        case "村", "行政村", "村委会", "村民委员会", "village": self = .village
        case "企业", "非公企业", "公司", "非公有制企业", "民营企业", "国有企业", "enterprise": self = .enterprise
        case "社会组织", "社团", "协会", "社会团体", "民办非企业单位", "社会服务机构", "social_org", "socialorg": self = .socialOrg
        case "机关", "事业单位", "机关事业单位", "机关单位", "agency": self = .agency
        case "其他", "小区", "居民小区", "住宅小区", "园区", "other": self = .other
        case "地级市", "市(州)", "市州", "地市", "州", "盟", "city": self = .city
        default: return nil
        }
    }

    /// The Chinese label used in reports.
    public var label: String {
        switch self {
        case .district: "区"
        case .street: "街道"
        case .town: "镇/乡"
        case .community: "社区"
        case .village: "村"
        case .enterprise: "企业"
        case .socialOrg: "社会组织"
        case .agency: "机关事业单位"
        case .other: "其他"
        case .city: "市"
        }
    }
}

/// A member's role in a women's federation committee, in canonical Chinese.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// 主席
    case chair = "主席"
    /// 副主席
    case viceChair = "副主席"
    /// 兼职副主席
    case partTimeViceChair = "兼职副主席"
    /// 常委
    case standingMember = "常委"
    /// 执委
    case executiveMember = "执委"
    /// 委员
    case committeeMember = "委员"
    /// 会员
    case member = "会员"
    /// 志愿者
    case volunteer = "志愿者"

    /// Reads a 职务/身份 cell, accepting common longer forms (妇联主席, 巾帼志愿者, 执行委员 …) and the
    /// qualifiers offices add: 主席（兼）, 副主席(兼职) and 兼副主席 (兼职副主席), 专职/挂职/常务副主席 (副主席),
    /// 执委委员 (执委), 常委委员 (常委); a village's 妇女主任 or 妇代会主任 is its federation's chair (副主任: vice chair).
    ///
    /// The unit may come first, named or by its kind: 村妇联主席, 社区妇联副主席（兼职）, 红叶社区妇联执委,
    /// 社区妇女主任, 村妇代会副主任. A bare 主任 or 副主任 is no role: it may be the 居委会's.
    public init?(label: String) {
        let s = TextNormalizer.compact(label)
        if let exact = Role(rawValue: s) { self = exact; return }
        if let role = Role(bareLabel: s) { self = role; return }
        // The unit before the federation's name: what follows its last 妇联 (妇女联合会) is the role.
        for name in ["妇联", "妇女联合会"] {
            if let r = s.range(of: name, options: .backwards), r.upperBound < s.endIndex, r.lowerBound > s.startIndex,
               let role = Role(bareLabel: String(s[r.upperBound...])) {
                self = role
                return
            }
        }
        // The unit's kind before a village's or community's own title: 社区妇女主任, 村妇代会副主任.
        for kind in ["社区", "村", "居委会", "街道", "镇", "乡"] where s.hasPrefix(kind) {
            let rest = String(s.dropFirst(kind.count))
            if rest.hasPrefix("妇女") || rest.hasPrefix("妇代会"), let role = Role(bareLabel: rest) {
                self = role
                return
            }
        }
        return nil
    }

    /// ``init(label:)`` without a unit before the role.
    private init?(bareLabel s: String) {
        if let exact = Role(rawValue: s) { self = exact; return }
        var stripped = s.replacingOccurrences(of: "妇联", with: "").replacingOccurrences(of: "妇女联合会", with: "")
        if let r = Role(rawValue: stripped) ?? Role.alias(stripped) { self = r; return }
        // A qualifier in brackets after the role: (兼) and (兼职) make a vice chair part-time, others drop.
        var partTime = false
        if let open = stripped.firstIndex(where: { "([【".contains($0) }), open != stripped.startIndex {
            let qualifier = stripped[open...].filter { !"()[]【】".contains($0) }
            partTime = qualifier == "兼" || qualifier == "兼职"
            stripped = String(stripped[..<open])
        }
        for prefix in ["兼职", "兼"] where stripped.hasPrefix(prefix) && stripped.count > prefix.count {
            partTime = true
            stripped = String(stripped.dropFirst(prefix.count))
            break
        }
        for prefix in ["专职", "挂职", "常务"] where stripped.hasPrefix(prefix) && Role(rawValue: String(stripped.dropFirst(2))) != nil {
            stripped = String(stripped.dropFirst(2))
        }
        guard let role = Role(rawValue: stripped) ?? Role.alias(stripped) else { return nil }
        self = partTime && role == .viceChair ? .partTimeViceChair : role
    }

    /// The highest of several roles one 职务 cell names (副主席、执委; 主席/执委; 副主席兼执委), in rank
    /// order; nil unless the cell names at least two and every one is a role.
    public static func highest(in label: String) -> Role? {
        let s = TextNormalizer.compact(label)
        var parts = s.split(whereSeparator: { "、,，/;；和及 ".contains($0) }).map(String.init)
        if parts.count < 2, let join = s.dropFirst().firstIndex(of: "兼") {
            // 副主席兼执委: 兼 between two roles (not the 兼 of 兼职副主席).
            parts = [String(s[..<join]), String(s[s.index(after: join)...])]
        }
        guard parts.count >= 2 else { return nil }
        let roles = parts.compactMap(Role.init(label:))
        guard roles.count == parts.count else { return nil }
        return Role.allCases.first { roles.contains($0) }
    }

    /// The longer names of a role, the federation's name already removed.
    static func alias(_ name: String) -> Role? {
        switch name.lowercased() {
        case "执行委员", "执行委员会委员", "执委委员", "执委会委员", "executive": .executiveMember
        case "常务委员", "常委会委员", "常委委员": .standingMember
        case "巾帼志愿者", "志愿服务者", "volunteer": .volunteer
        case "妇女主任", "妇代会主任", "村妇女主任": .chair
        case "妇女副主任", "妇代会副主任": .viceChair
        case "chair": .chair
        case "vice_chair", "vicechair": .viceChair
        case "member": .member
        default: nil
        }
    }

    /// The order roles are listed in reports (chair first).
    public var rank: Int { Role.allCases.firstIndex(of: self)! }
}

/// The kind of an activity, with the stable code used in reports (`job_fair`, `lecture` …).
public enum ActivityKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 招聘会
    case jobFair = "job_fair"
    /// 讲座/讲堂
    case lecture
    /// 培训
    case training
    /// 维权/法律咨询
    case rights
    /// 志愿服务
    case volunteer
    /// 慰问
    case visit
    /// 其他
    case other

    /// Reads an 活动类型 cell: 招聘会, 讲座, 讲堂, 培训, 维权, 法律咨询, 志愿服务, 慰问, 其他 (or the codes), and the
    /// texts that contain one of them; 普法宣传, 法治宣传 and 反家暴 are 维权.
    public init?(label: String) {
        let s = TextNormalizer.compact(label).lowercased()
        if let k = ActivityKind(rawValue: s) { self = k; return }
        for (key, kind) in ActivityKind.words where s.contains(key) { self = kind; return }
        return nil
    }

    /// The words that name a kind inside a longer text, in the order they are tried.
    static let words: [(String, ActivityKind)] = [
        ("招聘", .jobFair), ("就业", .jobFair), ("讲座", .lecture), ("讲堂", .lecture), ("宣讲", .lecture),
        ("培训", .training), ("维权", .rights), ("法律", .rights), ("咨询", .rights), ("普法", .rights), ("法治", .rights),
        ("家暴", .rights), ("志愿", .volunteer),
        ("慰问", .visit), ("走访", .visit), ("其他", .other), ("其它", .other),
    ]

    /// The one kind a title, sheet name or file name names for all its rows (红叶社区2024年招聘会台账 → 招聘会);
    /// nil when it names none, only 其他, or two (2024年培训及招聘会台账).
    public static func named(in text: String) -> ActivityKind? {
        let s = TextNormalizer.compact(text).lowercased()
        let kinds = Set(words.filter { s.contains($0.0) && $0.1 != .other }.map(\.1))
        return kinds.count == 1 ? kinds.first : nil
    }

    /// The Chinese label used in reports.
    public var label: String {
        switch self {
        case .jobFair: "招聘会"
        case .lecture: "讲座"
        case .training: "培训"
        case .rights: "维权"
        case .volunteer: "志愿服务"
        case .visit: "慰问"
        case .other: "其他"
        }
    }
}
