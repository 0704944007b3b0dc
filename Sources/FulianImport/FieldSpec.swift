import Foundation
import FulianCore

/// How a field's cells are read.
public enum FieldKind: Sendable, Hashable {
    /// Free text, trimmed and width-folded.
    case text
    /// A person's name: all spaces removed.
    case name
    /// A calendar date in any of the accepted forms.
    case date
    /// A date, or 是/否 (yes without a date = before any period).
    case dateOrFlag
    /// 是/否.
    case flag
    /// Money; the column's unit comes from its header (万元 or 元).
    case money
    /// A whole number (counts, households).
    case count
    /// A GB 11643 ID number.
    case idNumber
    /// 女/男.
    case gender
    /// A phone number (digits kept, masked in messages).
    case phone
    /// A unit of the org register.
    case org
    /// A membership role.
    case role
    /// An activity kind.
    case activityKind
    /// An org kind (区, 街道, 社区 …).
    case orgKind
}

/// One column a dataset knows: its key, its header synonyms and how to read it.
public struct FieldSpec: Sendable, Hashable {
    /// The English key (`id_number`), also accepted as a header.
    public var key: String
    /// Header texts that mean this field, in preference order.
    public var synonyms: [String]
    /// How cells are read.
    public var kind: FieldKind
    /// Whether a file without this column cannot be imported.
    public var required: Bool
    /// Whether a 合计 row's figure in this column is checked against the data rows.
    public var summed: Bool
    /// Whether an unreadable value rejects the row. True for the fields a figure needs (the required
    /// ones: name, unit, date, amount …) and for the ID number (a wrong one makes a row somebody else);
    /// false for every optional field, whose unreadable value is left empty with a warning of the
    /// same category (`bad-date`, `bad-number` …): term start, founding date, birth date, phone,
    /// household size, and an activity's counts (the date, unit and kind make the activity).
    public var rejectsRow: Bool
    /// Which rows a report reads this field for, nil when no report does: a file without the
    /// column leaves that figure empty (see ``SheetLayout/missingMeasures``).
    public var measure: MeasureScope?

    /// The second column of a date-or-flag field: a register with both 是否建立妇联 (是/否) and 妇联建立时间
    /// (the date) gives one fact in two columns, read together (a date says yes, and when).
    public var companion: FieldSpec {
        FieldSpec(key + FieldSpec.companionSuffix, kind, rejectsRow: false, synonyms)
    }

    /// The key suffix of a ``companion`` field.
    public static let companionSuffix = "+"

    /// Creates a field; `rejectsRow` defaults to `required`.
    public init(_ key: String, _ kind: FieldKind, required: Bool = false, summed: Bool = false, rejectsRow: Bool? = nil,
                measure: MeasureScope? = nil, _ synonyms: [String]) {
        self.key = key
        self.kind = kind
        self.required = required
        self.summed = summed
        self.rejectsRow = rejectsRow ?? required
        self.measure = measure
        self.synonyms = synonyms
    }

    /// Whether a report reads this field for a row of the given activity kind (nil for the rows of
    /// other datasets).
    public func isMeasure(for kind: ActivityKind?) -> Bool {
        switch measure {
        case nil: false
        case .everyRow: true
        case .activityKinds(let kinds): kind.map(kinds.contains) ?? false
        }
    }
}

/// The rows a report figure reads a field for.
public enum MeasureScope: Sendable, Hashable {
    /// Every row of the dataset (an activity's participants, a unit's 妇联 and 妇女之家).
    case everyRow
    /// Only activities of these kinds (employers, positions, seekers, placements: job fairs).
    case activityKinds(Set<ActivityKind>)
}

/// The fields of each dataset, with the header synonyms of the import specification.
///
/// `street` is a fallback org column: where a file has both a community column and a street column,
/// the community is the row's unit; a file with only a street column attaches rows to the street.
public enum DatasetFields {
    /// The fields of a dataset, in canonical column order.
    public static func fields(of dataset: Dataset) -> [FieldSpec] {
        switch dataset {
        case .orgs: orgs
        case .members: members
        case .aid: aid
        case .activities: activities
        }
    }

    /// The street/town spellings of a parent or street column, shared by every dataset.
    static let streetHeaders = ["所属街道", "街道", "所属镇街", "镇街", "街镇", "所属街镇", "街道(镇)", "所属街道(镇)",
                                "所属乡镇", "乡镇", "所属乡镇(街道)", "乡镇(街道)", "街道(乡镇)", "所属街道(乡镇)", "镇(街道)",
                                "所属镇(街道)", "街道/镇", "镇/街道", "街道办事处", "所属街道办事处", "所属街道名称"]

    /// The community/village spellings of a unit column in member and activity files.
    static let communityHeaders = ["所属社区", "所在社区", "社区", "社区(村)", "村(社区)", "所属村(社区)", "所在村(社区)",
                                   "所属社区(村)", "所在社区(村)", "村(居)", "社区名称", "村居"]

    static let orgs: [FieldSpec] = [
        FieldSpec("name", .text, required: true, ["单位名称", "名称", "社区名称", "村(社区)名称", "社区(村)名称", "村(居)委会名称",
                                                  "村(居)名称", "村居名称", "社区(村)", "村(社区)", "村(居)", "社区", "村居",
                                                  "社区居委会名称", "居委会名称", "村委会名称", "村(居)委会", "组织名称", "单位"]),
        FieldSpec("parent", .text, ["上级单位", "上级"] + streetHeaders),
        FieldSpec("kind", .orgKind, ["类型", "单位类型", "组织类型"]),
        FieldSpec("code", .text, ["代码", "区划代码", "统一社会信用代码"]),
        FieldSpec("federation", .dateOrFlag, measure: .everyRow, ["妇联组建时间", "妇联成立日期", "是否建立妇联", "妇联组织", "是否建妇联",
                                                                  "妇联建立时间", "妇联成立时间", "妇联组建日期", "建立妇联时间", "是否建立妇联组织",
                                                                  "是否成立妇联", "妇联组织建立时间", "妇联组织成立时间", "有无妇联组织"]),
        FieldSpec("womens_home", .dateOrFlag, measure: .everyRow, ["妇女之家", "是否建有妇女之家", "妇女之家建成时间", "有无妇女之家",
                                                                   "是否建立妇女之家", "妇女之家建立时间", "妇女之家成立时间", "妇女之家建成日期"]),
        FieldSpec("work_covered", .flag, measure: .everyRow, ["工作覆盖", "是否工作覆盖"]),
        FieldSpec("established", .date, ["成立日期", "成立时间"]),
        FieldSpec("dissolved", .date, ["撤销日期", "撤销时间"]),
        FieldSpec("women", .count, summed: true, ["女性人口", "妇女人数", "女性人数"]),
        FieldSpec("district", .text, ["所属区县", "所属区(县)", "所属县(区)", "区县", "区(县)", "县(区)", "所属区", "所属县区",
                                      "县(市、区)", "所属县(市、区)"]),
        FieldSpec("former_name", .text, ["原名称", "曾用名", "原单位名称"]),
        FieldSpec("renamed", .date, ["更名日期", "更名时间"]),
    ]

    static let members: [FieldSpec] = [
        FieldSpec("name", .name, required: true, ["姓名"]),
        FieldSpec("id_number", .idNumber, rejectsRow: true, ["身份证号", "公民身份号码", "证件号码", "身份证号码"]),
        FieldSpec("gender", .gender, ["性别"]),
        FieldSpec("birth", .date, measure: .everyRow, ["出生日期", "出生年月"]),
        FieldSpec("ethnicity", .text, ["民族"]),
        FieldSpec("education", .text, ["学历", "文化程度"]),
        FieldSpec("phone", .phone, ["联系电话", "手机号码", "手机", "电话"]),
        FieldSpec("org", .org, required: true, ["所属单位", "所在单位", "工作单位", "单位"] + communityHeaders),
        FieldSpec("street", .org, streetHeaders),
        FieldSpec("role", .role, required: true, ["职务", "身份", "妇联职务"]),
        FieldSpec("term_start", .date, ["任职时间", "任职日期"]),
        FieldSpec("term_end", .date, ["离任时间", "离任日期"]),
        FieldSpec("tags", .text, ["身份标签", "类别", "标签"]),
    ]

    static let aid: [FieldSpec] = [
        FieldSpec("name", .name, required: true, ["姓名", "受助人", "受助人姓名"]),
        FieldSpec("id_number", .idNumber, rejectsRow: true, ["身份证号", "公民身份号码", "证件号码", "身份证号码"]),
        FieldSpec("org", .org, required: true, communityHeaders),
        FieldSpec("street", .org, streetHeaders),
        FieldSpec("program", .text, required: true, ["救助项目", "项目名称", "帮扶项目", "项目"]),
        FieldSpec("source", .text, ["资金来源"]),
        FieldSpec("paid_on", .date, required: true, ["发放日期", "发放时间", "救助日期"]),
        FieldSpec("amount", .money, required: true, summed: true, ["金额(元)", "发放金额", "救助金额(万元)", "金额", "救助金额", "发放金额(元)", "金额(万元)"]),
        FieldSpec("household", .count, ["户数", "家庭人口"]),
        FieldSpec("note", .text, ["备注"]),
    ]

    static let activities: [FieldSpec] = [
        FieldSpec("title", .text, ["活动名称", "名称", "活动主题", "主题"]),
        FieldSpec("kind", .activityKind, required: true, ["活动类型", "类别", "类型", "活动形式", "活动类别", "活动方式", "形式"]),
        FieldSpec("org", .org, required: true, ["举办单位", "主办单位", "承办单位"] + communityHeaders),
        FieldSpec("street", .org, streetHeaders),
        FieldSpec("held_on", .date, required: true, ["活动日期", "举办时间", "活动时间", "举办日期"]),
        FieldSpec("participants", .count, summed: true, measure: .everyRow, ["参与人次", "参加人数", "参与人数"]),
        FieldSpec("employers", .count, summed: true, measure: .activityKinds([.jobFair]), ["参会企业数", "用工单位数"]),
        FieldSpec("positions", .count, summed: true, measure: .activityKinds([.jobFair]), ["提供岗位数", "岗位数"]),
        FieldSpec("seekers", .count, summed: true, measure: .activityKinds([.jobFair]), ["求职人次", "进场人数"]),
        FieldSpec("placements", .count, summed: true, measure: .activityKinds([.jobFair]), ["达成就业意向人数", "成功介绍就业人数", "达成意向", "达成意向人数", "达成就业意向", "达成求职意向", "初步达成意向人数",
                                                                                    "意向人数"]),
        FieldSpec("trainees", .count, summed: true, ["培训人数"]),
    ]

    /// Headers that are neither fields nor worth reporting: row counters.
    /// Also the provenance columns fulian's own clean tables carry, so they re-import without warnings.
    static let ignoredHeaders: Set<String> = ["序号", "编号", "no", "no.", "#", "序", "来源文件", "工作表", "行号", "状态",
                                              "sourcefile", "source_file", "sheet", "row", "status"]

    /// The canonical form of a header text: widths folded, spaces removed, full-width brackets made
    /// ASCII, lower-cased (for English headers).
    public static func headerKey(_ text: String) -> String {
        // Full-width brackets （） are among the forms compact folds to ASCII.
        var key = TextNormalizer.compact(text).lowercased()
        // A template's marks of a required column: *姓名, 姓名*, ※身份证号, ★金额.
        let marks: Set<Character> = ["*", "※", "★", "☆", "●"]
        if key.contains(where: { marks.contains($0) }) {
            while let f = key.first, marks.contains(f) { key.removeFirst() }
            while let l = key.last, marks.contains(l) { key.removeLast() }
        }
        return key
    }

    /// Whether a header names an amount in 万元.
    static func isWanYuan(_ header: String) -> Bool {
        headerKey(header).contains("万元")
    }
}

extension FieldSpec {
    /// The field's key and header spellings, as messages name it.
    public var names: ColumnNames { ColumnNames(key: key, synonyms: synonyms) }
}
