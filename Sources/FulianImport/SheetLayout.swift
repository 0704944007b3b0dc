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

/// A column whose header no field claims, with the field it may be.
public struct UnknownColumn: Hashable, Sendable {
    /// 0-based column index.
    public var column: Int
    /// The header text as written.
    public var header: String
    /// The field the header is closest to, when one is plausible (for "may be FIELD"); nil otherwise.
    /// Either no synonym is close enough to bind it, or the field is already given by another column.
    public var mayBe: FieldSpec?
}

/// A column bound to a field by its header's meaning rather than a synonym (`求职人数 → seekers`),
/// for the user to confirm or override with `--map`.
public struct InferredColumn: Hashable, Sendable, CustomStringConvertible {
    /// 0-based column index.
    public var column: Int
    /// The header text as written.
    public var header: String
    /// The field it was bound to.
    public var field: FieldSpec

    /// `求职人数 → seekers`.
    public var description: String { "\(header) → \(field.key)" }
}

/// Where the data sits in a sheet: header row(s) and the column bindings.
public struct SheetLayout: Sendable {
    /// The data sheet.
    public var sheet: SheetInfo
    /// The dataset the layout was detected for.
    public var dataset: Dataset
    /// The 1-based header rows (two for a merged group header), including a units row under the
    /// header (``unitsRow``): none of them is data.
    public var headerRows: ClosedRange<Int>
    /// The bound columns, in sheet order.
    public var bindings: [ColumnBinding]
    /// Columns with a header that no field claims (reported once, kept out of the store), with the
    /// field each may be.
    public var unknownColumns: [UnknownColumn]
    /// Columns whose field another column gives, kept out of the store.
    ///
    /// `keptInstead` names the later column stored in its place when both are amounts and that one is
    /// what was paid (应发 | 实发); nil when the earlier column was kept.
    public var duplicateColumns: [(column: Int, header: String, field: String, keptInstead: String?)]
    /// The bindings made by meaning rather than by synonym, in sheet order (also in ``bindings``).
    public var inferred: [InferredColumn]
    /// The 1-based row under the header that only states units (`（单位：元）`, or 元 / 人 under each
    /// column), nil when there is none. It is the last of ``headerRows``.
    public var unitsRow: Int?
    /// The money unit stated for the whole sheet (`单位：万元` in a title or units row), nil if none.
    /// Amount columns whose header names no unit take it.
    public var statedMoneyUnit: Money.Unit?
    /// The 0-based columns left out without a word because their header says they hold no data
    /// (序号, 编号, 行号 …). A row with nothing but these filled in (a printed form numbered 1–50 in
    /// advance) is a blank row.
    public var ignoredColumns: [Int] = []

    /// `2` or `2-3`.
    public var headerRowsLabel: String {
        headerRows.count == 1 ? "\(headerRows.lowerBound)" : "\(headerRows.lowerBound)-\(headerRows.upperBound)"
    }

    /// The binding for a field key.
    public func binding(_ key: String) -> ColumnBinding? { bindings.first { $0.field.key == key } }

    /// The fields a report reads (``FieldSpec/measure``) that no column gives: every row will have
    /// them empty (gender and birth date count as given when the ID number is, which holds them).
    /// Use ``FieldSpec/isMeasure(for:)`` to count the rows a missing figure matters for
    /// (`seekers will be empty for 3 rows` counts the job fairs only).
    public var missingMeasures: [FieldSpec] {
        let bound = Set(bindings.map(\.field.key))
        return DatasetFields.fields(of: dataset).filter { f in
            guard f.measure != nil, !bound.contains(f.key) else { return false }
            if (f.key == "birth" || f.key == "gender") && bound.contains("id_number") { return false }
            return true
        }
    }
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

    /// The field a header text names, if any: exactly or by meaning (see ``match(forHeader:)``).
    public func field(forHeader text: String) -> FieldSpec? { match(forHeader: text)?.field }

    /// How a header text names a field: a `--map` entry, the English key or a synonym (a unit in any
    /// bracket style, after a slash or a space, and bracketed qualifiers aside: `发放金额【万元】`,
    /// `金额/万元`, `社区（村）名称`) is exact; otherwise the field is inferred from the header's stem
    /// (`求职人数` ≈ `求职人次` → seekers, `参会单位数` ≈ `用工单位数` → employers), see ``HeaderText``.
    public func match(forHeader text: String) -> HeaderMatch? {
        let fields = DatasetFields.fields(of: dataset)
        let key = DatasetFields.headerKey(text)
        if key.isEmpty { return nil }
        if !headerMap.isEmpty, let mapped = headerMap[key] { return fields.first { $0.key == mapped }.map(HeaderMatch.exact) }
        return matcher.match(text)
    }

    /// The field an unmatched header may be, for the "may be FIELD" hint; nil when none is plausible.
    public func hint(forHeader text: String) -> FieldSpec? { matcher.hint(text) }

    var matcher: HeaderMatcher { HeaderMatcher.byDataset[dataset]! }

    /// A candidate layout with its score (number of distinct fields bound).
    struct Candidate {
        var rows: ClosedRange<Int>
        var labels: [String]
        var score: Int
        var requiredMissing: [FieldSpec]
        /// A two-row header whose lower row only names the parts of merged group labels (妇联组织 over
        /// 是否建立 | 建立时间): preferred to the upper row alone at the same score.
        var subLabels = false
        /// A units row under the header (included in `rows`).
        var unitsRow: Int? = nil
        /// Units stated per column by the units row.
        var columnUnits: [Int: String] = [:]
        /// A money unit stated for the whole sheet (title rows, the units row, a header-row cell).
        var sheetUnit: Money.Unit? = nil
    }

    /// A header cell typed on several lines (Alt+Enter: `身份证\n号码`, `发放金额（元）\n（保留两位小数）`) as one
    /// line: the break dropped between Chinese characters, a space where it parts two Latin words.
    static func joinedLines(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        var out = ""
        var pendingBreak = false
        for ch in text {
            if ch == "\n" || ch == "\r" || ch == "\r\n" {
                pendingBreak = true
                continue
            }
            if pendingBreak {
                while out.last == " " { out.removeLast() }
                if let last = out.last, last.isASCII, last.isLetter || last.isNumber, ch.isASCII, ch.isLetter || ch.isNumber { out.append(" ") }
                pendingBreak = false
                if ch == " " { continue }
            }
            if ch == " ", out.isEmpty { continue }
            out.append(ch)
        }
        return out
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
            else if c.subLabels, let b = best, b.rows.upperBound + 1 == c.rows.upperBound, b.rows.lowerBound == c.rows.lowerBound,
                    (c.requiredMissing.count, c.score) == (b.requiredMissing.count, b.score) { best = c }
        }
        let top = rows.filter { $0.number <= searchRows + 10 }
        // Only text can label a column: numbers, dates and booleans of data rows are not matched.
        let labels = top.map { row in
            (0..<row.cells.count).map { c -> String in
                // Lines joined before the text is cleaned, which would make a break a space.
                if case .text(let t) = row[c] { return CellParsing.text(.text(LayoutDetector.joinedLines(t))) ?? "" }
                return ""
            }
        }
        let scores = labels.map { score($0) }
        for (i, row) in top.enumerated() where row.number <= searchRows {
            consider(Candidate(rows: row.number...row.number, labels: labels[i], score: scores[i].0, requiredMissing: scores[i].1))
            // A two-row header: the next physical row holds sub-labels under group labels. It must
            // bind more fields than either row alone (a title row above a header does not).
            if i + 1 < top.count, top[i + 1].number == row.number + 1 {
                let next = top[i + 1]
                let width = max(row.cells.count, next.cells.count)
                func upperLabel(_ c: Int) -> String { c >= 0 && c < labels[i].count ? labels[i][c] : "" }
                // Columns under a group label (the same upper label over adjacent columns: a merged cell filled).
                func grouped(_ c: Int) -> Bool { !upperLabel(c).isEmpty && (upperLabel(c - 1) == upperLabel(c) || upperLabel(c + 1) == upperLabel(c)) }
                var joined: [String] = []
                var subLabels = 0, stray = 0
                for c in 0..<width {
                    let upper = upperLabel(c)
                    let lower = c < labels[i + 1].count ? labels[i + 1][c] : ""
                    if !lower.isEmpty && lower != upper { if grouped(c) { subLabels += 1 } else { stray += 1 } }
                    if lower.isEmpty || lower == upper { joined.append(upper) }
                    else if field(forHeader: lower) != nil || upper.isEmpty { joined.append(lower) }
                    else if field(forHeader: upper + lower) != nil { joined.append(upper + lower) }
                    // A part of a group that names a field (妇联组织 › 是否建立): the group's field, the part as its qualifier.
                    else if grouped(c), field(forHeader: upper) != nil { joined.append(upper + "（" + lower + "）") }
                    else { joined.append(lower) }
                }
                let (s2, m2) = score(joined)
                if s2 > max(scores[i].0, scores[i + 1].0) && !isDataLike(next) {
                    consider(Candidate(rows: row.number...next.number, labels: joined, score: s2, requiredMissing: m2))
                } else if subLabels >= 2 && stray == 0 && scores[i].0 >= 2 && s2 >= scores[i].0 && !isDataLike(next)
                            && Set(labels[i].filter { !$0.isEmpty }).count >= 3
                            && next.cells.allSatisfy({ cell in
                                if case .text = cell { return true }
                                return cell.isBlank
                            }) {
                    var c = Candidate(rows: row.number...next.number, labels: joined, score: s2, requiredMissing: m2)
                    c.subLabels = true
                    consider(c)
                }
            }
        }
        guard var chosen = best else { return nil }
        findUnits(rows: top, labels: labels, candidate: &chosen)
        return chosen
    }

    /// Finds units stated around the header: `单位：万元` in a title row above it or in a header cell of
    /// its own, and a units row right under it (every non-blank cell a unit: `（单位：元）`, or 元 / 人
    /// under each column), which joins the header rows.
    func findUnits(rows: [Row], labels: [[String]], candidate: inout Candidate) {
        let sheetUnit: ([String]) -> Money.Unit? = { cells in
            for c in cells where !c.isEmpty {
                // A whole statement only: 单位：万元 as a cell, or at the end of a title (…统计表 单位：万元).
                let tail = c.split(whereSeparator: { $0 == " " || $0 == "　" }).last.map(String.init) ?? c
                if let u = HeaderText.unitStatement(c) ?? HeaderText.unitStatement(tail),
                   c.contains("单位"), let m = HeaderText.money(u) { return m }
            }
            return nil
        }
        for (i, row) in rows.enumerated() where row.number < candidate.rows.lowerBound {
            if let m = sheetUnit(labels[i]) { candidate.sheetUnit = m }
        }
        if let m = sheetUnit(candidate.labels) { candidate.sheetUnit = m }
        guard let i = rows.firstIndex(where: { $0.number == candidate.rows.upperBound + 1 }) else { return }
        let cells = labels[i]
        var units: [Int: String] = [:]
        var sheetWide: Money.Unit? = nil
        for (c, text) in cells.enumerated() where !text.isEmpty {
            guard let u = HeaderText.unitStatement(text) else { return }
            units[c] = u
            if text.contains("单位"), let m = HeaderText.money(u) { sheetWide = m }
        }
        guard !units.isEmpty else { return }
        candidate.unitsRow = rows[i].number
        candidate.rows = candidate.rows.lowerBound...rows[i].number
        candidate.columnUnits = units
        if let sheetWide { candidate.sheetUnit = sheetWide }
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

    /// The layout of a sheet from its first rows (merged header cells already filled), nil when no
    /// row is a header for the dataset.
    public func layout(sheet: SheetInfo, firstRows rows: [Row]) -> SheetLayout? {
        detect(rows: rows).map { layout(sheet: sheet, candidate: $0) }
    }

    /// Builds the bindings from a candidate's labels: exact matches first, then inferred ones for the
    /// fields still unbound (the earlier column wins), so no field is bound twice.
    func layout(sheet: SheetInfo, candidate: Candidate) -> SheetLayout {
        var bindings: [ColumnBinding] = []
        var unknown: [UnknownColumn] = []
        var dupes: [(column: Int, header: String, field: String, keptInstead: String?)] = []
        var inferred: [InferredColumn] = []
        var bound = Set<String>()
        var pending: [(Int, String, FieldSpec)] = []
        var unmatched: [(Int, String)] = []
        var ignored: [Int] = []
        func bind(_ c: Int, _ label: String, _ f: FieldSpec) {
            bound.insert(f.key)
            let text = HeaderText(label)
            var unit = HeaderText.money(text.unit) ?? HeaderText.money(candidate.columnUnits[c]) ?? candidate.sheetUnit ?? .yuan
            if text.unit == nil && DatasetFields.isWanYuan(label) { unit = .wanYuan }
            bindings.append(ColumnBinding(column: c, header: label, field: f, unit: unit))
        }
        /// Of two amount columns (应发 | 实发, 应发金额 | 实发金额), the one paid is stored: binds `label` in place of
        /// the bound amount column when it is surer to be what was paid; false when it is not.
        func replacesAmount(_ c: Int, _ label: String, _ f: FieldSpec) -> Bool {
            guard f.key == "amount", let i = bindings.firstIndex(where: { $0.field.key == "amount" }),
                  LayoutDetector.paidRank(label) > LayoutDetector.paidRank(bindings[i].header) else { return false }
            let earlier = bindings.remove(at: i)
            inferred.removeAll { $0.column == earlier.column }
            dupes.append((earlier.column, earlier.header, f.key, label))
            bind(c, label, f)
            return true
        }
        for (c, label) in candidate.labels.enumerated() where !label.isEmpty {
            switch match(forHeader: label) {
            case .exact(let f)?:
                if !bound.contains(f.key) { bind(c, label, f) }
                else if f.kind == .dateOrFlag && !bound.contains(f.companion.key) { bind(c, label, f.companion) }
                else if !replacesAmount(c, label, f) { dupes.append((c, label, f.key, nil)) }
            case .inferred(let f)?:
                pending.append((c, label, f))
            case nil:
                // A 单位：万元 cell in the header row states a unit; it is no column.
                if HeaderText.unitStatement(label) != nil && label.contains("单位") { continue }
                if DatasetFields.ignoredHeaders.contains(DatasetFields.headerKey(label)) { ignored.append(c) }
                else { unmatched.append((c, label)) }
            }
        }
        for (c, label, f) in pending {
            if bound.contains(f.key) && f.kind == .dateOrFlag && !bound.contains(f.companion.key) {
                bind(c, label, f.companion)
                inferred.append(InferredColumn(column: c, header: label, field: f))
            } else if bound.contains(f.key), replacesAmount(c, label, f) {
                inferred.append(InferredColumn(column: c, header: label, field: f))
            } else if bound.contains(f.key) {
                unknown.append(UnknownColumn(column: c, header: label, mayBe: f))
            } else {
                bind(c, label, f)
                inferred.append(InferredColumn(column: c, header: label, field: f))
            }
        }
        for (c, label) in unmatched {
            unknown.append(UnknownColumn(column: c, header: label, mayBe: hint(forHeader: label)))
        }
        bindings.sort { $0.column < $1.column }
        unknown.sort { $0.column < $1.column }
        return SheetLayout(sheet: sheet, dataset: dataset, headerRows: candidate.rows, bindings: bindings,
                           unknownColumns: unknown, duplicateColumns: dupes, inferred: inferred,
                           unitsRow: candidate.unitsRow, statedMoneyUnit: candidate.sheetUnit, ignoredColumns: ignored)
    }

    /// How surely an amount column is what was paid: 2 for 实发, 实际发放, 实领, 实付, 已发; 0 for what was
    /// due or planned (应发, 标准, 应付, 应领, 计划, 预算, 申请); 1 for any other.
    public static func paidRank(_ header: String) -> Int {
        let h = DatasetFields.headerKey(header)
        if ["实发", "实际发放", "实际金额", "实领", "实付", "已发", "到账"].contains(where: { h.contains($0) }) { return 2 }
        if ["应发", "标准", "应付", "应领", "计划", "预算", "申请"].contains(where: { h.contains($0) }) { return 0 }
        return 1
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
