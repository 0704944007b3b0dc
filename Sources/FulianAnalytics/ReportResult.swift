import Foundation
import FulianCore

/// The comparison figures of one row (`--compare`): the same measures in the base periods and the changes.
public struct ReportComparison: Hashable, Sendable {
    /// The measures in the previous period (环比 base).
    public var previous: ReportFields
    /// The measures in the same period a year earlier (同比 base).
    public var yearAgo: ReportFields
    /// current − previous, per measure (null when either side is null).
    public var changeFromPrevious: ReportFields
    /// (current − previous) / previous as a ratio (0.25 = +25 %); null when the base is 0 or null.
    public var percentFromPrevious: ReportFields
    /// current − year ago, per measure.
    public var changeFromYearAgo: ReportFields
    /// (current − year ago) / year ago as a ratio; null when the base is 0 or null.
    public var percentFromYearAgo: ReportFields

    /// Creates a comparison.
    public init(
        previous: ReportFields, yearAgo: ReportFields, changeFromPrevious: ReportFields,
        percentFromPrevious: ReportFields, changeFromYearAgo: ReportFields, percentFromYearAgo: ReportFields
    ) {
        self.previous = previous
        self.yearAgo = yearAgo
        self.changeFromPrevious = changeFromPrevious
        self.percentFromPrevious = percentFromPrevious
        self.changeFromYearAgo = changeFromYearAgo
        self.percentFromYearAgo = percentFromYearAgo
    }
}

/// One row of a report: its grouping keys, its measures, and (with `--compare`) the comparison.
public struct ReportRow: Hashable, Sendable {
    /// The grouping keys in output order (`org`, `program`, `source`, `month`, `role`, `kind`).
    public var keys: ReportFields
    /// The measures in output order.
    public var measures: ReportFields
    /// The base-period figures and changes, when the request asked to compare.
    public var comparison: ReportComparison?
    /// The store id of the unit the row is grouped at (its `org`), nil without an org key. Two units of one
    /// name (幸福社区 in two districts) are two rows with different ids; no output shows it.
    public var orgId: Int64?

    /// Creates a row.
    public init(keys: ReportFields, measures: ReportFields, comparison: ReportComparison? = nil, orgId: Int64? = nil) {
        self.keys = keys
        self.measures = measures
        self.comparison = comparison
        self.orgId = orgId
    }

    /// A key or measure by name (`row["org"]`, `row["amount"]`).
    public subscript(name: String) -> ReportValue? { keys[name] ?? measures[name] }
}

/// A count of persons in one bucket of the members composition, with its share of all persons.
public struct CompositionBucket: Hashable, Sendable {
    /// The bucket: an age band (`<30`, `30-39`, `40-49`, `50-59`, `60+`, `unknown`) or a tag as written.
    public var label: String
    /// Distinct persons in the bucket.
    public var persons: Int64
    /// persons / all active persons, null when there are none.
    public var share: ReportValue

    /// Creates a bucket.
    public init(label: String, persons: Int64, share: ReportValue) {
        self.label = label
        self.persons = persons
        self.share = share
    }
}

/// Who the active members are: distinct persons by age band and by tag, as of the period's last day.
public struct MemberComposition: Hashable, Sendable {
    /// The age bands, in order, always all six (zeros included).
    public static let bands = ["<30", "30-39", "40-49", "50-59", "60+", "unknown"]

    /// Distinct persons with a membership active on the last day.
    public var persons: Int64
    /// Persons per age band (age in whole years on the last day; `unknown` without a usable birth date).
    public var ageBands: [CompositionBucket]
    /// Persons per tag (a person counts once per distinct tag), most frequent first, then by tag.
    public var tags: [CompositionBucket]

    /// Creates a composition.
    public init(persons: Int64, ageBands: [CompositionBucket], tags: [CompositionBucket]) {
        self.persons = persons
        self.ageBands = ageBands
        self.tags = tags
    }
}

/// How a report's numbers were obtained: the definition in words and every SQL statement run.
public struct ReportExplanation: Hashable, Sendable {
    /// The definition: what is counted, inclusion rules, null and zero handling, as catalogue messages
    /// (``ReportDefinitions/messages(for:)``), worded when printed.
    public var definition: [ReportMessage]
    /// The statements, per period (current first, then previous and year-ago with `--compare`).
    public var queries: [SQLQuery]
    /// The dialect the statements are written in.
    public var dialect: String

    /// Creates an explanation.
    public init(definition: [ReportMessage], queries: [SQLQuery], dialect: String) {
        self.definition = definition
        self.queries = queries
        self.dialect = dialect
    }

    /// The definition in a language (the process's language by default), as `--explain` lays it out.
    public func definitionText(_ language: Language = .current) -> String {
        ReportDefinitions.text(definition, language: language)
    }

    /// The text `--explain` prints in a language: the definition, then each statement with its parameters
    /// and inlined.
    public func text(_ language: Language = .current) -> String {
        var out = definitionText(language).trimmingCharacters(in: .newlines) + "\n"
        for q in queries {
            out += "\n-- \(q.purpose) (\(dialect))\n"
            out += q.sql.trimmingCharacters(in: .newlines) + ";\n"
            if !q.arguments.isEmpty {
                out += "-- parameters: " + q.arguments.enumerated().map { "\($0.offset + 1)=\($0.element.literal)" }
                    .joined(separator: ", ") + "\n"
            }
        }
        return out
    }
}

/// A computed report: rows, totals and how they were obtained.
public struct ReportResult: Hashable, Sendable {
    /// What was asked.
    public var request: ReportRequest
    /// The previous period (环比 base), with `--compare`.
    public var previousPeriod: Period?
    /// The same period a year earlier (同比 base), with `--compare`.
    public var yearAgoPeriod: Period?
    /// The names of the grouping keys, in output order (empty for coverage/jobfairs `--by none`).
    public var keyNames: [String]
    /// The names of the row measures, in output order.
    public var measureNames: [String]
    /// The names of the totals' measures: the row measures plus totals-only ones (members: `persons`).
    public var totalsMeasureNames: [String]
    /// The rows, sorted by keys (org in register order, program in first-import order, roles chair first,
    /// activity kinds in code order, sources and months ascending with null last).
    public var rows: [ReportRow]
    /// The totals over everything the report counts (distinct counts are distinct overall).
    public var totals: ReportRow
    /// Members composition, when asked for.
    public var composition: MemberComposition?
    /// The definition and the SQL.
    public var explanation: ReportExplanation

    /// The report.
    public var kind: ReportKind { request.kind }
    /// The period.
    public var period: Period { request.period }
}
