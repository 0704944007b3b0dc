import Foundation
import FulianCore

/// What a column of the flat report table holds.
public enum ReportColumnRole: String, Hashable, Sendable {
    /// A grouping key (`org`, `program` …); also the leading label column of a report without keys.
    case key
    /// A measure in the period.
    case measure
    /// The measure in the previous period.
    case previous
    /// current − previous.
    case changeFromPrevious
    /// (current − previous) / previous, a ratio.
    case percentFromPrevious
    /// The measure a year earlier.
    case yearAgo
    /// current − year ago.
    case changeFromYearAgo
    /// (current − year ago) / year ago, a ratio.
    case percentFromYearAgo
}

/// A column of the flat report table.
public struct ReportColumn: Hashable, Sendable {
    /// The column name: the key or measure name, with `_previous`, `_change_previous`, `_pct_previous`,
    /// `_year_ago`, `_change_year_ago`, `_pct_year_ago` suffixes for the comparison columns.
    public var name: String
    /// The key or measure the column belongs to.
    public var base: String
    /// What the column holds.
    public var role: ReportColumnRole

    /// Whether the column holds figures (right-aligned), not keys.
    public var isNumeric: Bool { role != .key }
    /// Whether the column is a percentage change (shown as `+12.5%` in tables).
    public var isPercent: Bool { role == .percentFromPrevious || role == .percentFromYearAgo }

    /// The Chinese header: `金额(元)`, `金额(元) 环比%` ….
    public var chineseLabel: String { header(.zh) }

    /// The header in a language: Chinese words from the catalogue, or in English the column name scripts use.
    public func header(_ language: Language) -> String {
        switch role {
        case .key, .measure: return ReportMessage.columnHeader(base: base).text(language)
        default: return ReportMessage.comparisonHeader(base: base, comparison: role.rawValue, name: name).text(language)
        }
    }
}

/// A report flattened to one header and rows of cells: what CSV, the terminal table and the workbook show.
public struct ReportTable: Hashable, Sendable {
    /// The columns.
    public var columns: [ReportColumn]
    /// One cell per column for each report row (totals-only measures are null in rows).
    public var rows: [[ReportValue]]
    /// The totals line; its first key cell holds `totalsLabel`.
    public var totals: [ReportValue]
}

/// Writes reports as JSON, aligned text tables and CSV.
public enum ReportRendering {
    /// The label in the first key cell of the totals line: 合计 / Total.
    public static func totalsLabel(_ language: Language = .current) -> String {
        ReportMessage.totals(report: "").text(language)
    }

    /// A key cell as tables, CSV and workbooks show it: activity kinds and roles by their catalogue label
    /// (招聘会 for `job_fair`, 主席 / chair); every other key as stored. JSON keeps the codes.
    public static func keyCell(_ v: ReportValue, key: String, language: Language) -> ReportValue {
        guard case .text(let code) = v else { return v }
        switch key {
        case "kind": return ActivityKind(rawValue: code).map { .text(Label.activityKind($0).text(language)) } ?? v
        case "role": return Role(rawValue: code).map { .text(Label.role($0).text(language)) } ?? v
        default: return v
        }
    }

    /// The line a table starts with: `2024年第一季度 救助发放情况（上期 2023年第四季度，去年同期 2023年第一季度）` / `aid 2024Q1 (…)`.
    public static func heading(_ r: ReportResult, language: Language = .current) -> String {
        ReportMessage.heading(report: r.kind.rawValue, period: r.period, previous: r.previousPeriod, yearAgo: r.yearAgoPeriod)
            .text(language)
    }

    // MARK: flat table

    /// The report as one flat table: keys, then per measure its value and (with `--compare`) the six
    /// comparison columns (`absoluteChanges: false` leaves out the two `_change_` columns, for narrow
    /// displays). Reports without keys get a leading empty key column for the totals label. Activity kinds
    /// and roles are shown by their labels in `language` (see ``keyCell(_:key:language:)``).
    public static func table(_ r: ReportResult, absoluteChanges: Bool = true, language: Language = .current) -> ReportTable {
        let totalsText = totalsLabel(language)
        var columns = r.keyNames.map { ReportColumn(name: $0, base: $0, role: .key) }
        let labelColumn = columns.isEmpty
        if labelColumn { columns.append(ReportColumn(name: "", base: "", role: .key)) }
        let compare = r.request.compare
        for m in r.totalsMeasureNames {
            columns.append(ReportColumn(name: m, base: m, role: .measure))
            if compare {
                columns.append(ReportColumn(name: m + "_previous", base: m, role: .previous))
                if absoluteChanges { columns.append(ReportColumn(name: m + "_change_previous", base: m, role: .changeFromPrevious)) }
                columns.append(ReportColumn(name: m + "_pct_previous", base: m, role: .percentFromPrevious))
                columns.append(ReportColumn(name: m + "_year_ago", base: m, role: .yearAgo))
                if absoluteChanges { columns.append(ReportColumn(name: m + "_change_year_ago", base: m, role: .changeFromYearAgo)) }
                columns.append(ReportColumn(name: m + "_pct_year_ago", base: m, role: .percentFromYearAgo))
            }
        }
        func cells(_ row: ReportRow, totals: Bool) -> [ReportValue] {
            columns.enumerated().map { i, c in
                switch c.role {
                case .key:
                    if totals { return i == 0 ? .text(totalsText) : .null }
                    return labelColumn ? .null : keyCell(row.keys[c.base] ?? .null, key: c.base, language: language)
                case .measure: return row.measures[c.base] ?? .null
                case .previous: return row.comparison?.previous[c.base] ?? .null
                case .changeFromPrevious: return row.comparison?.changeFromPrevious[c.base] ?? .null
                case .percentFromPrevious: return row.comparison?.percentFromPrevious[c.base] ?? .null
                case .yearAgo: return row.comparison?.yearAgo[c.base] ?? .null
                case .changeFromYearAgo: return row.comparison?.changeFromYearAgo[c.base] ?? .null
                case .percentFromYearAgo: return row.comparison?.percentFromYearAgo[c.base] ?? .null
                }
            }
        }
        return ReportTable(
            columns: columns, rows: r.rows.map { cells($0, totals: false) }, totals: cells(r.totals, totals: true))
    }

    // MARK: JSON

    /// The JSON document, byte-stable: keys in the order of `expected/*.json` (`report`, `period`, [`compare`],
    /// `rows`, `totals`, [`composition`]), one row per line, amounts with 2 decimals, ratios to 4 decimals.
    ///
    /// With `--compare`, each row and the totals get `"previous": {…}`, `"year_ago": {…}` (the measures in the
    /// base periods) and `"change": {"previous": {…}, "previous_pct": {…}, "year_ago": {…}, "year_ago_pct": {…}}`
    /// (absolute change and change ratio per measure, null when the base is 0 or null); the document gets
    /// `"compare": {"previous": period, "year_ago": period}`.
    public static func json(_ r: ReportResult) -> String {
        func period(_ p: Period, indent: String) -> String {
            "{\n\(indent)  \"label\": \(ReportJSON.quote(p.label)),\n\(indent)  \"start\": \"\(p.start.iso)\",\n"
                + "\(indent)  \"end\": \"\(p.end.iso)\"\n\(indent)}"
        }
        var s = "{\n  \"report\": \(ReportJSON.quote(r.kind.rawValue)),\n  \"period\": \(period(r.period, indent: "  "))"
        if let prev = r.previousPeriod, let ago = r.yearAgoPeriod {
            s += ",\n  \"compare\": {\n    \"previous\": \(period(prev, indent: "    ")),\n"
            s += "    \"year_ago\": \(period(ago, indent: "    "))\n  }"
        }
        if r.rows.isEmpty {
            s += ",\n  \"rows\": []"
        } else {
            s += ",\n  \"rows\": [\n"
            s += r.rows.map { "    " + ReportJSON.inline(rowPairs($0)) }.joined(separator: ",\n")
            s += "\n  ]"
        }
        s += ",\n  \"totals\": {\n"
        s += rowPairs(r.totals).map { "    \(ReportJSON.quote($0.0)): \($0.1)" }.joined(separator: ",\n")
        s += "\n  }"
        if let c = r.composition {
            func buckets(_ name: String, _ key: String, _ list: [CompositionBucket]) -> String {
                if list.isEmpty { return "    \"\(name)\": []" }
                return "    \"\(name)\": [\n" + list.map {
                    "      " + ReportJSON.inline([(key, ReportJSON.quote($0.label)), ("persons", String($0.persons)),
                                                  ("share", $0.share.jsonLiteral)])
                }.joined(separator: ",\n") + "\n    ]"
            }
            s += ",\n  \"composition\": {\n    \"persons\": \(c.persons),\n"
            s += buckets("age_bands", "band", c.ageBands) + ",\n" + buckets("tags", "tag", c.tags) + "\n  }"
        }
        return s + "\n}\n"
    }

    /// The key/value pairs of a row as JSON literals, comparison objects rendered inline.
    static func rowPairs(_ row: ReportRow) -> [(String, String)] {
        var pairs = (Array(row.keys) + Array(row.measures)).map { ($0.name, $0.value.jsonLiteral) }
        if let c = row.comparison {
            func obj(_ f: ReportFields) -> String { ReportJSON.inline(f.map { ($0.name, $0.value.jsonLiteral) }) }
            pairs.append(("previous", obj(c.previous)))
            pairs.append(("year_ago", obj(c.yearAgo)))
            pairs.append(("change", ReportJSON.inline([
                ("previous", obj(c.changeFromPrevious)), ("previous_pct", obj(c.percentFromPrevious)),
                ("year_ago", obj(c.changeFromYearAgo)), ("year_ago_pct", obj(c.percentFromYearAgo)),
            ])))
        }
        return pairs
    }

    // MARK: text table

    /// An aligned text table for terminals: header, rule, rows, rule, totals line (合计); widths count CJK
    /// characters as two columns; figures right-aligned, percentage changes as `+12.5%`, null as `-`
    /// (blank for a totals-only measure in the rows). With `--compare` each measure shows its base values and
    /// percentage changes (the absolute changes are in JSON and CSV). A members composition, when present,
    /// follows as two small tables. Headers, labels and the totals line are in `language` (English headers
    /// are the column names).
    public static func text(_ r: ReportResult, language: Language = .current) -> String {
        let t = table(r, absoluteChanges: false, language: language)
        let totalsOnly = Set(r.totalsMeasureNames).subtracting(r.measureNames)
        let header = t.columns.map { $0.header(language) }
        func show(_ v: ReportValue, _ c: ReportColumn) -> String {
            if v.isNull { return c.isNumeric ? "-" : "" }
            return c.isPercent ? v.percentText() : v.text
        }
        let body = t.rows.map { row in zip(row, t.columns).map { totalsOnly.contains($1.base) ? "" : show($0, $1) } }
        let totals = zip(t.totals, t.columns).map { show($0, $1) }
        var out = aligned(header: header, rows: body, totals: totals, rightAligned: t.columns.map(\.isNumeric))
        if let c = r.composition {
            for (title, list) in [("age_band", c.ageBands), ("tag", c.tags)] {
                func word(_ name: String) -> String { ReportMessage.compositionHeader(name: name).text(language) }
                func label(_ b: CompositionBucket) -> String { title == "age_band" ? ReportMessage.ageBand(b.label).text(language) : b.label }
                out += "\n" + aligned(
                    header: [word(title), word("persons"), word("share")],
                    rows: list.map { [label($0), String($0.persons), $0.share.isNull ? "-" : $0.share.percentText(signed: false)] },
                    totals: [totalsLabel(language), String(c.persons), ""], rightAligned: [false, true, true])
            }
        }
        return out
    }

    /// Lays out cells in columns padded to their display width, with rules around the body.
    public static func aligned(header: [String], rows: [[String]], totals: [String]?, rightAligned: [Bool]) -> String {
        var widths = header.map(TextNormalizer.displayWidth)
        for row in rows + (totals.map { [$0] } ?? []) {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], TextNormalizer.displayWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - TextNormalizer.displayWidth(cell)))
                parts.append(rightAligned[i] ? pad + cell : cell + pad)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        let rule = line(widths.map { String(repeating: "-", count: max($0, 1)) })
        var out = line(header) + rule
        for r in rows { out += line(r) }
        if let totals {
            if !rows.isEmpty { out += rule }
            out += line(totals)
        }
        return out
    }

    // MARK: CSV

    /// CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break): the flat
    /// table with a totals line (合计 / Total); null cells empty, ratios as decimals (0.8333), amounts as 3500.00;
    /// headers, activity kinds and roles in `language` (English headers are the column names).
    /// `bom` prefixes U+FEFF so Excel opens the UTF-8 file correctly.
    public static func csv(_ r: ReportResult, bom: Bool = false, language: Language = .current) -> String {
        let t = table(r, language: language)
        var out = bom ? "\u{FEFF}" : ""
        out += CSVText.line(t.columns.map { $0.header(language) }) + "\r\n"
        for row in t.rows + [t.totals] {
            out += CSVText.line(row.map(\.text)) + "\r\n"
        }
        return out
    }
}

/// The small deterministic JSON writer behind ``ReportRendering/json(_:)``.
package enum ReportJSON {
    /// A JSON string literal (only `"`, `\` and control characters escaped; CJK kept as is).
    package static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// `{"a": 1, "b": 2}` from already-rendered values.
    static func inline(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
