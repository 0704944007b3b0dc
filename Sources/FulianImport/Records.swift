import FulianCore

/// A normalized row of the org register.
public struct OrgRecord: Hashable, Sendable {
    /// The unit's name as written (cleaned).
    public var name: String
    /// The parent's name as written; resolved against the register when stored.
    public var parentName: String?
    /// The kind (from the 类型 column, else from the name's suffix).
    public var kind: OrgKind
    /// Administrative code.
    public var code: String?
    /// When its women's federation organisation was set up.
    public var federation: FlagDate
    /// When its 妇女之家 was built.
    public var womensHome: FlagDate
    /// Whether women's work is otherwise covered.
    public var workCovered: Bool
    /// Established on.
    public var established: CivilDate?
    /// Dissolved on.
    public var dissolved: CivilDate?
    /// Female population.
    public var women: Int64?
    /// The district the row says it belongs to (所属区县), in a whole city's register.
    public var district: String? = nil
    /// The unit's former name (原名称), when the register records a rename.
    public var formerName: String? = nil
    /// The day the unit took its present name (更名日期).
    public var renamedOn: CivilDate? = nil
    /// The facts the row's sheet has a column for: a stored unit the row updates keeps what its sheet
    /// does not say (a register of names and 女性人口 leaves the stored codes and dates alone).
    public var columns: OrgColumns = .all
}

/// The facts of a unit a register sheet has columns for (the name is always given).
public struct OrgColumns: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    /// Creates a set from its raw bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// 类型.
    public static let kind = OrgColumns(rawValue: 1 << 0)
    /// 代码.
    public static let code = OrgColumns(rawValue: 1 << 1)
    /// 妇联组建时间 (or its yes/no column).
    public static let federation = OrgColumns(rawValue: 1 << 2)
    /// 妇女之家 (or its date column).
    public static let womensHome = OrgColumns(rawValue: 1 << 3)
    /// 工作覆盖.
    public static let workCovered = OrgColumns(rawValue: 1 << 4)
    /// 成立日期.
    public static let established = OrgColumns(rawValue: 1 << 5)
    /// 撤销日期.
    public static let dissolved = OrgColumns(rawValue: 1 << 6)
    /// 女性人口.
    public static let women = OrgColumns(rawValue: 1 << 7)
    /// 上级单位 (or the street column of a register).
    public static let parent = OrgColumns(rawValue: 1 << 8)
    /// Every fact.
    public static let all: OrgColumns = [.kind, .code, .federation, .womensHome, .workCovered, .established, .dissolved, .women, .parent]

    /// Each fact with the register field that gives it and the `org` column that stores it (the parent is
    /// stored as `parentId`, worked out from its name), in the order the store writes them.
    public static let facts: [(bit: OrgColumns, field: String, column: String)] = [
        (.kind, "kind", "kind"), (.code, "code", "code"), (.federation, "federation", "federationOn"),
        (.womensHome, "womens_home", "womensHomeOn"), (.workCovered, "work_covered", "workCovered"),
        (.established, "established", "establishedOn"), (.dissolved, "dissolved", "dissolvedOn"), (.women, "women", "women"),
        (.parent, "parent", "parentId"),
    ]
}

/// A normalized row of a member list.
public struct MemberRecord: Hashable, Sendable {
    /// Name, spaces removed.
    public var name: String
    /// The ID number, if given.
    public var idNumber: IDNumber?
    /// Gender (from the ID when there is one).
    public var gender: Gender?
    /// Birth date (from the ID when there is one).
    public var birthDate: CivilDate?
    /// 民族.
    public var ethnicity: String?
    /// 学历.
    public var education: String?
    /// Phone number (personal data).
    public var phone: String?
    /// The register unit.
    public var orgId: Int64
    /// Role.
    public var role: Role
    /// Term start.
    public var termStart: CivilDate?
    /// Term end.
    public var termEnd: CivilDate?
    /// Tags as written, '、'-separated.
    public var tags: String?
}

/// A normalized row of a disbursement list.
public struct AidRecord: Hashable, Sendable {
    /// Recipient name, spaces removed.
    public var name: String
    /// The ID number, if given.
    public var idNumber: IDNumber?
    /// The register unit.
    public var orgId: Int64
    /// Program name, cleaned.
    public var program: String
    /// Funding source as written.
    public var source: String?
    /// Date paid.
    public var paidOn: CivilDate
    /// Amount in fen.
    public var amount: Money
    /// Households / family size.
    public var household: Int64?
    /// Note.
    public var note: String?
}

/// A normalized row of an activity ledger.
public struct ActivityRecord: Hashable, Sendable {
    /// Title.
    public var title: String?
    /// Kind.
    public var kind: ActivityKind
    /// The register unit.
    public var orgId: Int64
    /// Date held.
    public var heldOn: CivilDate
    /// 参与人次.
    public var participants: Int64?
    /// 参会企业数.
    public var employers: Int64?
    /// 提供岗位数.
    public var positions: Int64?
    /// 求职人次.
    public var seekers: Int64?
    /// 达成就业意向人数.
    public var placements: Int64?
    /// 培训人数.
    public var trainees: Int64?
}

/// One normalized record of any dataset.
public enum ImportRecord: Hashable, Sendable {
    /// An org. Boxed: a register row is the widest record, and every row of every dataset is copied
    /// as an `ImportRecord` (an unboxed org would make each aid row's copies wider).
    indirect case org(OrgRecord)
    /// A membership.
    case member(MemberRecord)
    /// A disbursement.
    case aid(AidRecord)
    /// An activity.
    case activity(ActivityRecord)
}

/// The outcome of one data row: a record, or the reasons it was rejected, plus warnings.
public struct ParsedRow: Sendable {
    /// 1-based physical row.
    public var number: Int
    /// The row's cells as the user sees them, one per column of the sheet.
    public var values: [String]
    /// The record, nil when the row is rejected.
    public var record: ImportRecord?
    /// Errors (which reject the row) and warnings.
    public var diagnostics: [Diagnostic]
    /// Each field's value in normalized form (ISO dates, yuan with 2 decimals, 18-digit IDs, register
    /// names), or as written when it could not be read; keyed by field key.
    public var fields = FieldValues(keys: [])

    /// The row's data sheet: its index in ``SheetImporter/dataSheets``.
    public var sheetIndex = 0

    /// Whether the row is rejected.
    public var isRejected: Bool { record == nil }
}

extension ImportRecord {
    /// The date a figure counts the record by: a disbursement's payment date, an activity's date.
    public var date: CivilDate? {
        switch self {
        case .aid(let a): a.paidOn
        case .activity(let a): a.heldOn
        case .org, .member: nil
        }
    }
}
