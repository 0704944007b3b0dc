import FulianCore

/// The definitions printed by `--explain` (the same text as `notebooks-docs/04-indicators.md`).
public enum ReportDefinitions {
    /// The definition of a report kind, without the request-specific lines.
    public static func definition(of kind: ReportKind) -> String {
        switch kind {
        case .aid:
            return """
            aid — disbursements paid in the period (start <= paidOn <= end), grouped by org × program.
              disbursements = number of disbursement records (duplicates were already skipped at import)
              recipients    = distinct persons (person.id: one per ID number, else per name + unit)
              amount        = SUM(amountFen) in fen, shown as yuan with 2 decimals (exact, no floating point)
              totals: the same measures over all disbursements of the period; recipients distinct overall,
              so totals.recipients can be less than the sum of the rows.
              --by-source adds the key `source` (资金来源 as written, null when blank);
              --by-month adds the key `month` (YYYY-MM of paidOn).
            """
        case .coverage:
            return """
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
            """
        case .jobfairs:
            return """
            jobfairs — activities of kind job_fair held in the period (start <= heldOn <= end), grouped by org.
              fairs          = number of job fairs
              employers, positions, seekers, placements = sums of the recorded figures (a blank figure counts 0)
              placement_rate = placements / seekers, rounded to 4 decimals; null when seekers = 0.
            """
        case .members:
            return """
            members — memberships active on the period's last day E, grouped by org × role.
              active  = (termStart IS NULL OR termStart <= E) AND (termEnd IS NULL OR termEnd >= E)
              members = number of active memberships (a person holding two roles counts in both rows)
              totals.members = all active memberships; totals.persons = distinct persons among them.
              composition (when asked): distinct active persons by age on E (<30, 30-39, 40-49, 50-59, 60+,
              unknown = no birth date or one after E) and by tag (membership.tags split on '、', trimmed; a
              person counts once per tag); share = persons / all active persons, null when there are none.
            """
        case .activities:
            return """
            activities — activities held in the period (start <= heldOn <= end), grouped by org × kind.
              activities   = number of activity records
              participants = SUM(participants) (a blank figure counts 0)
              --kinds restricts the activity kinds counted (codes job_fair lecture training rights volunteer visit other).
            """
        }
    }

    /// The rule for the `org` key at a level.
    public static func level(_ by: OrgLevel) -> String {
        switch by {
        case .street:
            return "org = the street/town a row's unit belongs to (nearest ancestor-or-self of kind street or town; "
                + "rows attached to the district itself stay at the district)."
        case .community:
            return "org = the community/village itself (nearest ancestor-or-self of kind community or village); "
                + "rows attached directly to a street/town stay at the street/town."
        case .district:
            return "org = the district (the root of the register tree)."
        case .none:
            return "no org key: rows are grouped by the report's other keys only."
        case .city:
            return "org = the city (nearest ancestor-or-self of kind city; a district without one is its own row)."
        }
    }

    /// The `--compare` rule.
    public static let compare = """
        --compare: every measure also for the previous period (环比: previous quarter/half/month/year; for a
        day range the same number of days just before) and the same period a year earlier (同比).
        change = current − base (ratios: exact difference); pct = (current − base) / base, null when the base
        is 0 or null. Rows are the groups with a record in any of the three periods (absent = zero).
        """

    /// The full text for a request: definition, level rule, comparison rule and period.
    public static func text(for request: ReportRequest) -> String {
        var s = definition(of: request.kind) + "\n"
        s += "  " + level(request.by) + "\n"
        if let under = request.under {
            s += "  restricted to \(under) and every unit under it (--under).\n"
        }
        if request.kind == .coverage, !request.kinds.isEmpty {
            s += "  measured unit kinds: \(request.kinds.joined(separator: ", "))\n"
        }
        if request.kind == .activities, !request.kinds.isEmpty {
            s += "  activity kinds counted: \(request.kinds.joined(separator: ", "))\n"
        }
        if request.compare {
            s += compare.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        let p = request.period
        s += "  period \(p.label): \(p.start.iso) .. \(p.end.iso)"
        if request.compare {
            s += "; previous \(p.previous.label) (\(p.previous.start.iso) .. \(p.previous.end.iso))"
            s += "; year ago \(p.yearAgo.label) (\(p.yearAgo.start.iso) .. \(p.yearAgo.end.iso))"
        }
        return s + "\n"
    }
}
