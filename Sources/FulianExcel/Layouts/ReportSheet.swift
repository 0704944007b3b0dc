import Foundation
import FulianAnalytics
import FulianCore

/// A report as a formatted table on a sheet: what `fulian report … --format xlsx` writes, and the
/// building block of the quarterly workbook.
///
/// Counts are `#,##0`, amounts `#,##0.00` (yuan), ratios the 4-decimal value of the JSON report shown as
/// `0.0%`. The totals row is a `SUM` over the rows for measures that add up (counts, amounts) and the
/// report's own figure for those that do not (distinct recipients and persons, ratios); a SUM is only
/// written when it gives exactly the report's total, so the sheet always agrees with the JSON.
public enum ReportSheet {
    /// Measures whose totals are the sum of their rows.
    static let additive: Set<String> = [
        "disbursements", "amount", "units", "with_federation", "work_covered", "with_womens_home", "fairs", "employers",
        "positions", "seekers", "placements", "members", "activities", "participants",
    ]

    /// A report value as a cell: ratios rounded to 4 decimals as in JSON, null as a blank.
    public static func value(_ v: ReportValue) -> ExcelValue {
        switch v {
        case .text(let s): return .text(s)
        case .int(let i): return .integer(i)
        case .money(let fen): return .money(Money(fen: fen))
        case .ratio: return .number(Double(v.tenThousandths!) / 10_000)
        case .null: return .empty
        }
    }

    /// The style a column's values need.
    static func style(of values: [ReportValue]) -> CellStyle? {
        for v in values {
            switch v {
            case .money: return .money
            case .int: return .integer
            case .ratio: return .percent
            case .text, .null: continue
            }
        }
        return nil
    }

    /// The report as a table (title, headers, rows, totals) for a sheet where it starts at row `top`; the
    /// totals' SUM ranges depend on it. Headers are Chinese (单位, 金额(元) …) or, in English, the JSON names
    /// (org, amount …); the totals row says 合计 / Total.
    public static func table(_ r: ReportResult, title: String?, language: Language = .current, startingAt top: Int) -> TableSheet {
        let flat = ReportRendering.table(r, language: language)
        let headers = flat.columns.map { $0.header(language) }
        let styles = flat.columns.indices.map { c in style(of: flat.rows.map { $0[c] } + [flat.totals[c]]) }
        var t = TableSheet(title: title, headers: headers, styles: styles)
        t.rows = flat.rows.map { $0.map(value) }
        t.totals = .values(totals(flat, dataRows: t.dataRows(startingAt: top)))
        return t
    }

    /// The totals row: a SUM over the data rows where the measure adds up and the SUM gives exactly the
    /// report's total, the report's own figure otherwise.
    static func totals(_ flat: ReportTable, dataRows: ClosedRange<Int>?) -> [ExcelValue] {
        flat.columns.enumerated().map { c, column in
            let total = flat.totals[c]
            let cell = value(total)
            let addsUp = additive.contains(column.base)
                && [.measure, .previous, .yearAgo, .changeFromPrevious, .changeFromYearAgo].contains(column.role)
            guard addsUp, let dataRows else { return cell }
            var sum: Int64 = 0
            for row in flat.rows {
                switch row[c] {
                case .int(let i): sum += i
                case .money(let f): sum += f
                case .null: break
                default: return cell
                }
            }
            switch total {
            case .int(sum), .money(fen: sum):
                let range = "\(excelCellName(row: dataRows.lowerBound, col: c)):\(excelCellName(row: dataRows.upperBound, col: c))"
                return .formula("SUM(\(range))", cached: cell.numericValue)
            default:
                return cell
            }
        }
    }

    /// Writes one report as a one-sheet workbook (`fulian report NAME --format xlsx -o FILE`).
    public static func write(_ r: ReportResult, to path: String, language: Language = .current, created: Date? = nil) throws {
        let title = ReportMessage.workbookTitle(report: r.kind.rawValue, period: r.period).text(language)
        let wb = try Workbook(path: path, properties: DocumentProperties(title: title, subject: "fulian report \(r.kind.rawValue)", created: created))
        let sheet = try wb.addWorksheet(name: String(r.kind.title(language).prefix(31)))
        try table(r, title: title, language: language, startingAt: 0).write(to: sheet, at: 0)
        try sheet.autoFitColumns()
        try sheet.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: PrintSetup.pageNumberFooter(language)))
        try wb.close()
    }
}
