import Foundation
import FulianCore

/// What a worksheet read does with formula cells whose saved result cannot be used, and what it found.
///
/// A workbook written by Excel, WPS or LibreOffice saves every formula's result, and that result is read.
/// Two kinds of file do not:
/// - a formula with no result (`<f>D3*E3</f>` alone, or `<v/>` as openpyxl writes; `<v></v>` is a saved
///   empty text): read row by row (``Mode/saved``), it is computed from the cells of its own row; at the
///   first that reads other rows or sheets, the sheet is read on from that row as below, its formulas
///   without a result computed from the whole workbook;
/// - a workbook asking to be recalculated on opening (`fullCalcOnLoad`, XlsxWriter's `0` placeholders): read
///   as it is up to its first formula (``Mode/watch``); from there the sheet is read three more times, formulas
///   first (``Mode/collect``), then the cells they read, then the rows from that formula's on with every
///   formula computed (``Mode/substitute``).
///
/// A formula fulian cannot compute becomes `.error("=formula")`, so the importer names it where it is used
/// (or, in a workbook asking for recalculation, its saved result when that is no placeholder); the counts
/// and a first example become the sheet's warnings.
struct SheetFormulas {
    /// ``Mode/watch``: a workbook asking for recalculation, until its first formula (``FormulaMet``).
    enum Mode { case saved, watch, collect, substitute }

    /// Thrown by a ``Mode/watch`` read at the first formula, and by a ``Mode/saved`` read at the first row
    /// whose formulas without a result read other rows or sheets: the rows above it were read as they are.
    struct FormulaMet: Error {
        var row: Int
    }
    var mode = Mode.saved

    /// A formula found by ``Mode/collect``.
    struct Found {
        var text: String
        var style: Int
        var saved: Cell
        /// Whether the cell had a `<v>` (an empty one is a saved empty text, as Excel writes `=""`).
        var hasResult: Bool
    }
    /// The formulas of the sheet, by ``key(row:column:)``, in ``Mode/collect``.
    var found: [Int: Found] = [:]
    /// The last row seen.
    var lastRow = 0
    /// The cells to put in place of formula cells, in ``Mode/substitute``.
    var overrides: [Int: Cell] = [:]

    private var pending: [(column: Int, text: String, style: Int)] = []
    var hasPending: Bool { !pending.isEmpty }

    /// What became of formulas: computed, not computed (read as errors), saved result kept.
    struct Tally {
        var count = 0
        var first: (cell: String, formula: String, reason: SheetsMessage?)?

        mutating func add(row: Int, column: Int, formula: String, reason: SheetsMessage? = nil) {
            count += 1
            if first == nil { first = ("\(ColumnName.letters(column))\(row)", String(formula.prefix(60)), reason) }
        }
    }
    var computed = Tally(), failed = Tally(), kept = Tally()

    /// The key of a cell in ``found`` and ``overrides``.
    static func key(row: Int, column: Int) -> Int { row << 14 | (column - 1) }

    /// The non-blank cells of a sheet, by key, and its last row, from `read` (which calls its argument with
    /// each row), for other sheets' formulas: up to 4 Mi cells; a sheet that cannot be read, or holds more,
    /// leaves the formulas reading it not computed.
    static func gather(_ read: ((Row) throws -> Bool) throws -> Void) throws -> (cells: [Int: Cell], lastRow: Int) {
        var cells: [Int: Cell] = [:]
        var lastRow = 0
        do {
            try read { row in
                lastRow = row.number
                for (k, c) in row.cells.enumerated() {
                    if case .empty = c { continue }
                    cells[key(row: row.number, column: k + 1)] = c
                }
                return cells.count <= 4 << 20
            }
        } catch {
            throw Formula.Unsupported(.formulaOtherSheet)
        }
        guard cells.count <= 4 << 20 else { throw Formula.Unsupported(.formulaRangesTooLarge) }
        return (cells, lastRow)
    }

    /// The cell to place for a formula cell now, or nil when it is computed at the end of its row.
    mutating func cell(row: Int, column: Int, formula: String, style: Int, saved: Cell, hasResult: Bool) -> Cell? {
        lastRow = max(lastRow, row)
        switch mode {
        case .saved:
            if !hasResult {
                pending.append((column, formula, style))
                return nil
            }
            return saved
        case .watch, .collect:
            found[SheetFormulas.key(row: row, column: column)] = Found(text: formula, style: style, saved: saved, hasResult: hasResult)
            return saved
        case .substitute:
            return overrides[SheetFormulas.key(row: row, column: column)] ?? saved
        }
    }

    /// Computes the formulas of `row` that have no saved result from the row's own cells and places them.
    mutating func resolvePending(row: Int, _ cells: inout [Cell], dateSystem: ExcelDateSystem, styleKinds: [NumberFormatKind]) throws {
        defer { pending.removeAll(keepingCapacity: true) }
        var entries: [Int: FormulaBook.Entry] = [:]
        for p in pending { entries[SheetFormulas.key(row: row, column: p.column)] = FormulaBook.Entry(p.text) }
        let current = cells
        let book = FormulaBook(entries: entries, lastRow: row, rowOnly: row, dateSystem: dateSystem) { key in
            let c = key & 0x3FFF
            return c < current.count ? current[c] : nil
        }
        book.maxDepth = FormulaBook.maxRowDepth
        for p in pending {
            let cell: Cell
            switch book.result(SheetFormulas.key(row: row, column: p.column)) {
            case .success(let v):
                computed.add(row: row, column: p.column, formula: p.text)
                cell = SheetFormulas.cell(v, style: p.style, styleKinds: styleKinds, dateSystem: dateSystem)
            case .failure(let u):
                // Cells beyond the row: the sheet is computed as a whole from this row on.
                // (A chain longer than a row's book follows is computed so too, on a deep stack.)
                switch u.problem {
                case .formulaOtherRows, .formulaOtherSheet, .formulaChainTooLong: throw FormulaMet(row: row)
                default: break
                }
                failed.add(row: row, column: p.column, formula: p.text, reason: u.problem)
                cell = .error("=" + p.text)
            }
            if case .empty = cell { continue }
            if cells.count < p.column { cells.append(contentsOf: repeatElement(Cell.empty, count: p.column - cells.count)) }
            cells[p.column - 1] = cell
        }
    }

    /// A computed value as the cell the reader gives: numbers in a date or time format as dates or times,
    /// empty text as no value, a formula reading a blank as 0 (as Excel shows it).
    static func cell(_ v: FormulaValue, style: Int, styleKinds: [NumberFormatKind], dateSystem: ExcelDateSystem) -> Cell {
        switch v {
        case .number(let d): return style < styleKinds.count ? styleKinds[style].cell(serial: d, dateSystem: dateSystem) : .number(d)
        case .text(let s): return s.isEmpty ? .empty : .text(s)
        case .bool(let b): return .bool(b)
        case .error(let e): return .error(e)
        case .empty: return .number(0)
        }
    }

    /// Whether a computed cell is the saved one (numbers equal to 12 significant digits: a writer may save
    /// 17 where the result keeps 15).
    static func same(_ a: Cell, _ b: Cell) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return abs(x - y) <= 1e-12 * max(1, abs(x)) }
        return a == b
    }

    /// A saved result as a writer asking for recalculation leaves it when it computed nothing: none, 0 or "".
    static func isPlaceholder(_ c: Cell) -> Bool {
        switch c {
        case .empty: return true
        case .number(let d): return d == 0
        case .text(let s): return s.isEmpty
        default: return false
        }
    }

    /// The sheet's warnings: what was computed, not computed, or read as saved.
    func warnings(file: String, sheet: String, stale: Bool) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func place(_ cell: String) -> (row: Int?, column: Int?) {
            let letters = cell.prefix { $0.isLetter }
            return (Int(cell.dropFirst(letters.count)), ColumnName.number(letters))
        }
        if let f = computed.first {
            let (r, c) = place(f.cell)
            out.append(Diagnostic(severity: .warning, file: file, sheet: sheet, row: r, column: c, category: "formula-computed",
                                  message: .sheets(.formulasComputed(count: computed.count, cell: f.cell, formula: f.formula, stale: stale))))
        }
        if let f = failed.first {
            let (r, c) = place(f.cell)
            out.append(Diagnostic(severity: .warning, file: file, sheet: sheet, row: r, column: c, category: "formula-not-computed",
                                  message: .sheets(.formulasNotComputed(count: failed.count, cell: f.cell, formula: f.formula,
                                                                        reason: f.reason ?? .formulaCircular))))
        }
        if let f = kept.first {
            let (r, c) = place(f.cell)
            out.append(Diagnostic(severity: .warning, file: file, sheet: sheet, row: r, column: c, category: "formula-not-computed",
                                  message: .sheets(.formulasKeptAsSaved(count: kept.count, cell: f.cell, formula: f.formula,
                                                                        reason: f.reason ?? .formulaCircular))))
        }
        return out
    }
}

/// Runs work on a thread of its own with a deep stack, and waits for it: each formula a chain of formulas
/// passes through is a level of recursion (``FormulaBook/maxDepth`` of them), more than a thread's usual
/// 8 MiB holds. Only the pages used are ever committed.
enum DeepStack {
    /// The stack reserved for the thread.
    static let size = 256 << 20

    private final class Job {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    /// Runs `body` to its end on the deep-stack thread (on this one when no thread can be made).
    static func run(_ body: () -> Void) {
        withoutActuallyEscaping(body) { body in
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            let job = Unmanaged.passRetained(Job(body)).toOpaque()
            var thread = pthread_t()
            let made = pthread_create(&thread, &attributes, { context in
                let job = Unmanaged<Job>.fromOpaque(context!).takeRetainedValue()
                job.work()
                return nil
            }, job)
            if made == 0 {
                pthread_join(thread, nil)
            } else {
                Unmanaged<Job>.fromOpaque(job).release()
                body()
            }
        }
    }
}

/// How many formulas are being computed at once (``FormulaBook/depth``).
final class FormulaDepth {
    var current = 0
}

/// The formulas of a sheet (or of one row) and the cells they read, computed on demand with each result
/// kept: a formula reading another formula's cell gets that cell's result, a loop is found, not followed.
final class FormulaBook {
    /// One formula, parsed once.
    struct Entry {
        let text: String
        let parsed: Result<Formula, Formula.Unsupported>

        /// A formula that could not even be written as text (a BIFF token fulian does not read).
        init(failing problem: Formula.Unsupported) {
            text = "?"
            parsed = .failure(problem)
        }

        init(_ text: String) {
            self.text = text
            do { parsed = .success(try Formula(text)) } catch let u as Formula.Unsupported { parsed = .failure(u) } catch {
                parsed = .failure(Formula.Unsupported(what: text))
            }
        }
    }

    /// The most cells one formula's ranges may cover, and all formulas' lookups together.
    static let maxRangeCells = 4 << 20, maxLookups = 64 << 20
    /// The longest chain of formulas computed (one reading the next, through any sheets) on a
    /// ``DeepStack``; a book of one row's formulas, computed where the row is read, follows 64.
    static let maxDepth = 10_000, maxRowDepth = 64

    /// The longest chain this book follows.
    var maxDepth = FormulaBook.maxDepth

    let entries: [Int: Entry]
    let lastRow: Int
    let rowOnly: Int?
    let dateSystem: ExcelDateSystem
    private let saved: (Int) -> Cell?
    /// Another sheet of the workbook: a cell's value and the sheet's last row (nil: other sheets are not read).
    var foreign: ((String, Formula.Ref) throws -> FormulaValue)?
    var foreignLastRow: (String) -> Int = { _ in 0 }
    /// The formulas' own sheet, so that `发放表!G3` written on 发放表 is its own cell.
    var sheetName: String?
    /// Formulas being computed at once, shared by the books of one workbook: a chain through other sheets
    /// is held to the depth of a chain within one.
    var depth = FormulaDepth()
    private var results: [Int: Result<FormulaValue, Formula.Unsupported>] = [:]
    private var active = Set<Int>()
    /// The evaluator's ways into the cells, made once (not once a formula).
    private lazy var lookupCell: (Formula.Ref) throws -> FormulaValue = { [unowned self] in try self.lookup($0) }
    private lazy var lastRowOfSheet: (String) -> Int = { [unowned self] in self.foreignLastRow($0) }
    private var lookups = 0

    /// `saved` gives the cell at a key that holds no formula (nil when blank); `rowOnly` limits what the
    /// formulas may read to one row.
    init(entries: [Int: Entry], lastRow: Int, rowOnly: Int? = nil, dateSystem: ExcelDateSystem, saved: @escaping (Int) -> Cell?) {
        self.entries = entries
        self.lastRow = lastRow
        self.rowOnly = rowOnly
        self.dateSystem = dateSystem
        self.saved = saved
    }

    /// The number of cells a formula's ranges cover (whole columns to the sheet's last row).
    static func rangeCells(_ f: Formula, lastRow: Int) -> Int {
        var n = 0
        for r in f.references {
            if case .range(let a, let b, let whole) = r {
                let rows = whole ? lastRow : b.row - a.row + 1
                n += rows * (b.column - a.column + 1)
            }
        }
        return n
    }

    /// Computes the formulas at `keys`, in that order, on a ``DeepStack``, keeping each result for
    /// ``result(_:)``. A chain longer than is followed from its near end (A1 = A2+1 … down the sheet) is
    /// computed again from its far end, once the results given up are forgotten here and in `others` (the
    /// books of the other sheets it passed through).
    func computeAll(_ keys: [Int], alsoForgetting others: @autoclosure () -> [FormulaBook] = []) {
        DeepStack.run {
            for key in keys { _ = result(key) }
            let forgotten = ([self] + others()).reduce(false) { $1.forgetChainsTooLong() || $0 }
            if forgotten { for key in keys.reversed() { _ = result(key) } }
        }
    }

    /// Forgets the results that failed on a chain too long to follow (to compute them again from the other
    /// end of the chain); whether there were any.
    private func forgetChainsTooLong() -> Bool {
        func givenUp(_ r: Result<FormulaValue, Formula.Unsupported>) -> Bool {
            if case .failure(let u) = r, case .formulaChainTooLong = u.problem { return true }
            return false
        }
        // (Looked for first: a new table of results only when there is something to forget.)
        guard results.values.contains(where: givenUp) else { return false }
        results = results.filter { !givenUp($1) }
        return true
    }

    /// The result of the formula at `key`.
    func result(_ key: Int) -> Result<FormulaValue, Formula.Unsupported> {
        if let r = results[key] { return r }
        guard let e = entries[key] else { return .success(.empty) }
        guard !active.contains(key) else { return .failure(Formula.Unsupported(.formulaCircular)) }
        // Each formula a chain passes through is a level of recursion: held to what any thread's stack holds.
        guard depth.current < maxDepth else { return .failure(Formula.Unsupported(.formulaChainTooLong(limit: maxDepth))) }
        let r: Result<FormulaValue, Formula.Unsupported>
        switch e.parsed {
        case .failure(let u):
            r = .failure(u)
        case .success(let f):
            if FormulaBook.rangeCells(f, lastRow: lastRow) > FormulaBook.maxRangeCells {
                r = .failure(Formula.Unsupported(.formulaRangesTooLarge))
                break
            }
            active.insert(key)
            depth.current += 1
            var evaluator = FormulaEvaluator(cell: lookupCell, lastRow: lastRow, dateSystem: dateSystem)
            evaluator.lastRowOf = lastRowOfSheet
            do {
                r = .success(try evaluator.evaluate(f))
            } catch let u as Formula.Unsupported {
                r = .failure(u)
            } catch {
                r = .failure(Formula.Unsupported(what: e.text))
            }
            active.remove(key)
            depth.current -= 1
        }
        results[key] = r
        return r
    }

    private func lookup(_ ref: Formula.Ref) throws -> FormulaValue {
        lookups += 1
        if lookups > FormulaBook.maxLookups { throw Formula.Unsupported(.formulaRangesTooLarge) }
        if let other = ref.sheet, other.lowercased() != sheetName?.lowercased() {
            // Read only between whole-sheet passes (never from inside a row being read).
            guard rowOnly == nil, let foreign else { throw Formula.Unsupported(.formulaOtherSheet) }
            return try foreign(other, ref)
        }
        if let only = rowOnly, ref.row != only { throw Formula.Unsupported(.formulaOtherRows) }
        let key = SheetFormulas.key(row: ref.row, column: ref.column)
        if entries[key] != nil { return try result(key).get() }
        return saved(key).map { FormulaValue($0, dateSystem: dateSystem) } ?? .empty
    }
}
