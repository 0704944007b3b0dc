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
    public var chineseLabel: String {
        let b = ReportRendering.chineseLabels[base] ?? base
        switch role {
        case .key, .measure: return b
        case .previous: return b + " 上期"
        case .changeFromPrevious: return b + " 环比"
        case .percentFromPrevious: return b + " 环比%"
        case .yearAgo: return b + " 去年同期"
        case .changeFromYearAgo: return b + " 同比"
        case .percentFromYearAgo: return b + " 同比%"
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
    /// Chinese column headers for the keys and measures.
    public static let chineseLabels: [String: String] = [
        "org": "单位", "code": "代码", "program": "项目", "source": "资金来源", "month": "月份", "role": "职务", "kind": "活动类型",
        "disbursements": "发放笔数", "recipients": "受助人数", "amount": "金额(元)",
        "units": "单位数", "with_federation": "已建妇联", "org_coverage": "组织覆盖率", "work_covered": "工作覆盖",
        "work_coverage": "工作覆盖率", "with_womens_home": "已建妇女之家", "womens_home_coverage": "妇女之家覆盖率",
        "fairs": "场次", "employers": "参会企业", "positions": "提供岗位", "seekers": "求职人数", "placements": "达成意向",
        "placement_rate": "达成率", "members": "人数", "persons": "人员(去重)",
        "activities": "活动次数", "participants": "参与人次",
    ]

    /// The label in the first key cell of the totals line.
    public static let totalsLabel = "合计"

    // MARK: flat table

    /// The report as one flat table: keys, then per measure its value and (with `--compare`) the six
    /// comparison columns (`absoluteChanges: false` leaves out the two `_change_` columns, for narrow
    /// displays). Reports without keys get a leading empty key column for the totals label.
    public static func table(_ r: ReportResult, absoluteChanges: Bool = true) -> ReportTable {
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
                    if totals { return i == 0 ? .text(totalsLabel) : .null }
                    return labelColumn ? .null : (row.keys[c.base] ?? .null)
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
    /// follows as two small tables.
    public static func text(_ r: ReportResult, chineseHeaders: Bool = false) -> String {
        let t = table(r, absoluteChanges: false)
        let totalsOnly = Set(r.totalsMeasureNames).subtracting(r.measureNames)
        let header = t.columns.map { chineseHeaders ? $0.chineseLabel : $0.name }
        func show(_ v: ReportValue, _ c: ReportColumn) -> String {
            if v.isNull { return c.isNumeric ? "-" : "" }
            return c.isPercent ? v.percentText() : v.text
        }
        let body = t.rows.map { row in zip(row, t.columns).map { totalsOnly.contains($1.base) ? "" : show($0, $1) } }
        let totals = zip(t.totals, t.columns).map { show($0, $1) }
        var out = aligned(header: header, rows: body, totals: totals, rightAligned: t.columns.map(\.isNumeric))
        if let c = r.composition {
            for (title, list) in [("age_band", c.ageBands), ("tag", c.tags)] {
                out += "\n" + aligned(
                    header: [title, "persons", "share"],
                    rows: list.map { [$0.label, String($0.persons), $0.share.isNull ? "-" : $0.share.percentText(signed: false)] },
                    totals: [totalsLabel, String(c.persons), ""], rightAligned: [false, true, true])
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
    /// table with a totals line (合计); null cells empty, ratios as decimals (0.8333), amounts as 3500.00.
    /// `bom` prefixes U+FEFF so Excel opens the UTF-8 file correctly.
    public static func csv(_ r: ReportResult, bom: Bool = false, chineseHeaders: Bool = false) -> String {
        let t = table(r)
        var out = bom ? "\u{FEFF}" : ""
        out += CSVText.line(t.columns.map { chineseHeaders ? $0.chineseLabel : $0.name }) + "\r\n"
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
