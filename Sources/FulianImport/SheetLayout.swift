import Foundation
import FulianCore
import FulianSheets

/// One column of the data sheet bound to a dataset field.
public struct ColumnBinding: Hashable, Sendable {
    /// 0-based column index.
    public var column: Int
    /// The header text as written (joined for two-row headers: `就业招聘/参会企业数`).
    public var header: String
    /// The field.
    public var field: FieldSpec
    /// The money unit the header states (万元 → wanYuan).
    public var unit: Money.Unit
}

/// Where the data sits in a sheet: header row(s) and the column bindings.
public struct SheetLayout: Sendable {
    /// The data sheet.
    public var sheet: SheetInfo
    /// The 1-based header rows (two for a merged group header).
    public var headerRows: ClosedRange<Int>
    /// The bound columns, in sheet order.
    public var bindings: [ColumnBinding]
    /// Columns with a header that no field claims (reported once, kept out of the store).
    public var unknownColumns: [(column: Int, header: String)]
    /// Columns whose field is already bound by an earlier column.
    public var duplicateColumns: [(column: Int, header: String, field: String)]

    /// `2` or `2-3`.
    public var headerRowsLabel: String {
        headerRows.count == 1 ? "\(headerRows.lowerBound)" : "\(headerRows.lowerBound)-\(headerRows.upperBound)"
    }

    /// The binding for a field key.
    public func binding(_ key: String) -> ColumnBinding? { bindings.first { $0.field.key == key } }
}

/// Finds the header row(s) and binds columns to fields, by content.
public struct LayoutDetector: Sendable {
    /// The dataset.
    public var dataset: Dataset
    /// Extra header → field key mappings (`--map`), keys in ``DatasetFields/headerKey(_:)`` form.
    public var headerMap: [String: String]
    /// How many rows from the top may hold titles before the header.
    public var searchRows = 30

    /// Creates a detector.
    public init(dataset: Dataset, headerMap: [String: String] = [:]) {
        self.dataset = dataset
        self.headerMap = Dictionary(headerMap.map { (DatasetFields.headerKey($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The field a header text names, if any.
    public func field(forHeader text: String) -> FieldSpec? {
        let fields = DatasetFields.fields(of: dataset)
        let key = DatasetFields.headerKey(text)
        if key.isEmpty { return nil }
        if let mapped = headerMap[key] { return fields.first { $0.key == mapped } }
        if let f = fields.first(where: { $0.key == key }) { return f }
        for f in fields where f.synonyms.contains(where: { DatasetFields.headerKey($0) == key }) { return f }
        // 金额(元), 金额（万元）, 发放金额(元): match on the part before a parenthesised unit.
        if let paren = key.firstIndex(of: "(") {
            let base = String(key[..<paren])
            for f in fields where f.synonyms.contains(where: { DatasetFields.headerKey($0) == base }) { return f }
            for f in fields where f.synonyms.contains(where: {
                let k = DatasetFields.headerKey($0)
                return k.firstIndex(of: "(").map { String(k[..<$0]) == base } ?? false
            }) { return f }
        }
        return nil
    }

    /// A candidate layout with its score (number of distinct fields bound).
    struct Candidate {
        var rows: ClosedRange<Int>
        var labels: [String]
        var score: Int
        var requiredMissing: [FieldSpec]
    }

    /// Scores one row of labels.
    func score(_ labels: [String]) -> (Int, [FieldSpec]) {
        var seen = Set<String>()
        for l in labels { if let f = field(forHeader: l) { seen.insert(f.key) } }
        let missing = DatasetFields.fields(of: dataset).filter { $0.required && !seen.contains($0.key) && !($0.key == "org" && seen.contains("street")) }
        return (seen.count, missing)
    }

    /// Detects the layout among the first rows of a sheet (merged header cells already filled).
    func detect(rows: [Row]) -> Candidate? {
        var best: Candidate? = nil
        func consider(_ c: Candidate) {
            guard c.score >= 2 else { return }
            if best == nil || (c.requiredMissing.count, -c.score) < (best!.requiredMissing.count, -best!.score) { best = c }
        }
        let top = rows.filter { $0.number <= searchRows + 10 }
        let labels = top.map { row in (0..<row.cells.count).map { CellParsing.text(row[$0]) ?? "" } }
        let scores = labels.map { score($0) }
        for (i, row) in top.enumerated() where row.number <= searchRows {
            consider(Candidate(rows: row.number...row.number, labels: labels[i], score: scores[i].0, requiredMissing: scores[i].1))
            // A two-row header: the next physical row holds sub-labels under group labels. It must
            // bind more fields than either row alone (a title row above a header does not).
            if i + 1 < top.count, top[i + 1].number == row.number + 1 {
                let next = top[i + 1]
                let width = max(row.cells.count, next.cells.count)
                var joined: [String] = []
                for c in 0..<width {
                    let upper = c < labels[i].count ? labels[i][c] : ""
                    let lower = c < labels[i + 1].count ? labels[i + 1][c] : ""
                    if lower.isEmpty || lower == upper { joined.append(upper) }
                    else if field(forHeader: lower) != nil || upper.isEmpty { joined.append(lower) }
                    else if field(forHeader: upper + lower) != nil { joined.append(upper + lower) }
                    else { joined.append(lower) }
                }
                let (s2, m2) = score(joined)
                if s2 > max(scores[i].0, scores[i + 1].0) && !isDataLike(next) {
                    consider(Candidate(rows: row.number...next.number, labels: joined, score: s2, requiredMissing: m2))
                }
            }
        }
        return best
    }

    /// Whether a row looks like data rather than a header (dates, numbers or ID-like values).
    func isDataLike(_ row: Row) -> Bool {
        var dataCells = 0
        for c in row.cells {
            switch c {
            case .number, .date, .dateTime: dataCells += 1
            case .text(let t) where t.count >= 15 && t.allSatisfy({ $0.isNumber }): dataCells += 1
            default: break
            }
        }
        return dataCells >= 2
    }

    /// Builds the bindings from a candidate's labels.
    func layout(sheet: SheetInfo, candidate: Candidate) -> SheetLayout {
        var bindings: [ColumnBinding] = []
        var unknown: [(Int, String)] = []
        var dupes: [(Int, String, String)] = []
        var bound = Set<String>()
        for (c, label) in candidate.labels.enumerated() where !label.isEmpty {
            if let f = field(forHeader: label) {
                if bound.contains(f.key) {
                    dupes.append((c, label, f.key))
                } else {
                    bound.insert(f.key)
                    let unit: Money.Unit = DatasetFields.isWanYuan(label) ? .wanYuan : .yuan
                    bindings.append(ColumnBinding(column: c, header: label, field: f, unit: unit))
                }
            } else if !DatasetFields.ignoredHeaders.contains(DatasetFields.headerKey(label)) {
                unknown.append((c, label))
            }
        }
        return SheetLayout(sheet: sheet, headerRows: candidate.rows, bindings: bindings,
                           unknownColumns: unknown, duplicateColumns: dupes)
    }
}

/// Fills merged ranges: every cell of a range takes the value of its top-left cell.
struct MergeFiller {
    private var ranges: [CellRange]
    private var captured: [CellRange: Cell] = [:]

    init(_ ranges: [CellRange]) { self.ranges = ranges.filter { $0.rowCount > 1 || $0.columnCount > 1 } }

    var isEmpty: Bool { ranges.isEmpty }

    /// Fills the cells of `row` covered by a merged range (capturing values from first rows).
    mutating func fill(_ row: inout Row) {
        for r in ranges where r.firstRow <= row.number && row.number <= r.lastRow {
            if row.number == r.firstRow {
                captured[r] = row[r.firstColumn - 1]
            }
            guard let v = captured[r] ?? (row.number == r.firstRow ? row[r.firstColumn - 1] : nil) else { continue }
            if row.cells.count < r.lastColumn { row.cells += Array(repeating: .empty, count: r.lastColumn - row.cells.count) }
            for c in (r.firstColumn - 1)..<r.lastColumn where row.cells[c].isBlank { row.cells[c] = v }
        }
    }
}
