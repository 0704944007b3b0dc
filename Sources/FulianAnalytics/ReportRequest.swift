import FulianCore

/// The five standard reports.
public enum ReportKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Aid disbursements by org × program: disbursements, recipients, amount.
    case aid
    /// Organisation, work and 妇女之家 coverage of communities and villages, as of the period's last day.
    case coverage
    /// Job fairs by org: fairs, employers, positions, seekers, placements, placement rate.
    case jobfairs
    /// Active memberships by org × role, as of the period's last day.
    case members
    /// Activities by org × kind: activities, participants.
    case activities

    /// The Chinese title used in headings and workbook sheets (救助发放情况).
    public var title: String { title(.zh) }

    /// The title in a language: 救助发放情况 / aid.
    public func title(_ language: Language) -> String { ReportMessage.title(report: rawValue).text(language) }
}

/// The org level rows are grouped at (`--by`).
public enum OrgLevel: String, Sendable, Hashable, CaseIterable, Codable {
    /// The level directly under the district: streets and towns (the default). Deeper rows roll up.
    case street
    /// The unit itself at community/village level; rows attached to a street stay at the street,
    /// rows attached to an enterprise under a community roll up to the community.
    case community
    /// The district.
    case district
    /// No org key: rows are grouped by the report's other keys only (or there are only totals).
    case none
    /// The city (地级市) above the districts, in a province's store (or a city's, as one row).
    case city

    /// The tier number compared with ``tier(of:)``: an org belongs to the group of its nearest
    /// ancestor-or-self whose tier is at most this (district 0, street/town 1, community/village 2).
    public var tier: Int? {
        switch self {
        case .district: 0
        case .street: 1
        case .community: 2
        case .none: nil
        case .city: -1
        }
    }

    /// The level whose tier is one below `tier` (district under a city, street under a district …);
    /// nil below communities.
    public static func below(tier: Int) -> OrgLevel? {
        switch tier {
        case ..<0: .district
        case 0: .street
        case 1: .community
        default: nil
        }
    }

    /// The tier of an org kind: district 0, street/town 1, community/village 2, anything else 3.
    public static func tier(of kind: OrgKind) -> Int {
        switch kind {
        case .city: -1
        case .district: 0
        case .street, .town: 1
        case .community, .village: 2
        default: 3
        }
    }
}

/// An optional extra breakdown of a report.
public enum ReportBreakdown: String, Sendable, Hashable, CaseIterable, Codable {
    /// Aid only (`--by-source`): an extra grouping key `source` (资金来源 as written; null when blank).
    case source
    /// Aid only (`--by-month`): an extra grouping key `month` (`2024-03`, from the payment date).
    case month
    /// Members only: age bands and tag shares of the distinct active persons.
    case composition
}

/// What to compute: which report, for which period, grouped how.
public struct ReportRequest: Sendable, Hashable {
    /// The report.
    public var kind: ReportKind
    /// The period (flows: held/paid in it; stocks: as of its last day).
    public var period: Period
    /// The org level of the `org` key.
    public var by: OrgLevel
    /// Add the previous period (环比) and the same period a year earlier (同比) with changes.
    public var compare: Bool
    /// Coverage: the unit kinds measured (default community, village; e.g. enterprise, social_org for the
    /// new-sector coverage). Activities: the activity kinds counted (default all). Codes or Chinese labels.
    public var kinds: [String]
    /// Extra breakdowns (source / month for aid, composition for members).
    public var breakdowns: Set<ReportBreakdown>
    /// Restricts the report to this unit and everything under it (`--under`): a name, code or path
    /// of the register. Nil: the whole store.
    public var under: String?

    /// Creates a request; the defaults are the plain report `--by street`.
    public init(
        kind: ReportKind, period: Period, by: OrgLevel = .street, compare: Bool = false,
        kinds: [String] = [], breakdowns: Set<ReportBreakdown> = [], under: String? = nil
    ) {
        self.under = under
        self.kind = kind
        self.period = period
        self.by = by
        self.compare = compare
        self.kinds = kinds
        self.breakdowns = breakdowns
    }
}

/// Why a report request cannot be run.
public struct ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, in both languages.
    public var message: Message

    /// Creates an error.
    public init(_ message: ReportMessage) { self.message = .report(message) }

    /// The message in a language.
    public func text(_ language: Language = .current) -> String { message.text(language) }

    /// The message in the current language.
    public var description: String { text() }
}
