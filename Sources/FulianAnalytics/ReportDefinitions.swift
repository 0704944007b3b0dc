import FulianCore

/// The definitions printed by `--explain`, as catalogue messages (``ReportMessage``); the same text as
/// `notebooks-docs/04-indicators.md`.
///
/// ```swift
/// ReportDefinitions.text(for: request, language: .zh)   // 救助发放情况（aid）：统计期内发放的救助…
/// ```
public enum ReportDefinitions {
    /// The definition of a report kind, without the request-specific lines.
    public static func definition(of kind: ReportKind) -> ReportMessage {
        switch kind {
        case .aid: .aidDefinition
        case .coverage: .coverageDefinition
        case .jobfairs: .jobfairsDefinition
        case .members: .membersDefinition
        case .activities: .activitiesDefinition
        }
    }

    /// The rule for the `org` key at a level.
    public static func level(_ by: OrgLevel) -> ReportMessage {
        switch by {
        case .street: .streetLevelRule
        case .community: .communityLevelRule
        case .district: .districtLevelRule
        case .none: .noLevelRule
        case .city: .cityLevelRule
        }
    }

    /// The `--compare` rule.
    public static let compare = ReportMessage.compareRule

    /// The parts of the text for a request, in order: definition, level rule, `--kinds`, comparison rule, period.
    public static func messages(for request: ReportRequest) -> [ReportMessage] {
        var parts = [definition(of: request.kind), level(request.by)]
        if let under = request.under { parts.append(.underRule(under)) }
        if request.kind == .coverage, !request.kinds.isEmpty { parts.append(.measuredUnitKinds(request.kinds)) }
        if request.kind == .activities, !request.kinds.isEmpty { parts.append(.countedActivityKinds(request.kinds)) }
        if request.compare { parts.append(compare) }
        let p = request.period
        parts.append(.periodRule(period: p, previous: request.compare ? p.previous : nil,
                                 yearAgo: request.compare ? p.yearAgo : nil))
        return parts
    }

    /// The parts laid out as `--explain` prints them: the definition, then every other line indented by two
    /// spaces; ends with a newline.
    public static func text(_ parts: [ReportMessage], language: Language = .current) -> String {
        var s = ""
        for (i, part) in parts.enumerated() {
            let text = part.text(language)
            s += i == 0 ? text : text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
            s += "\n"
        }
        return s
    }

    /// The full text for a request in a language: definition, level rule, comparison rule and period.
    public static func text(for request: ReportRequest, language: Language = .current) -> String {
        text(messages(for: request), language: language)
    }
}
