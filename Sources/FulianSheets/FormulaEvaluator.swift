import Foundation
import FulianCore

/// A value while a formula is computed: what a cell holds as Excel's calculation sees it.
enum FormulaValue: Equatable, Sendable {
    case number(Double)
    case text(String)
    case bool(Bool)
    case error(String)
    case empty

    /// A read cell as a calculation sees it: dates and times as their serial numbers.
    init(_ cell: Cell, dateSystem: ExcelDateSystem) {
        switch cell {
        case .empty: self = .empty
        case .text(let s): self = .text(s)
        case .number(let d): self = .number(d)
        case .date(let d): self = .number(Double(dateSystem.serial(of: d)))
        case .dateTime(let t): self = .number(Double(dateSystem.serial(of: t.date)) + Double(t.secondsOfDay) / 86_400)
        case .time(let s), .duration(let s): self = .number(s / 86_400)
        case .bool(let b): self = .bool(b)
        case .error(let e): self = .error(e)
        }
    }
}

/// Computes a ``Formula`` the way Excel does, for the functions offices put in their lists: arithmetic,
/// `&` and comparisons with Excel's coercions (a blank is 0 or "", `"12"` is 12 in arithmetic, text sorts
/// after numbers), and SUM, SUMIF(S), COUNT(A/IF/IFS/BLANK), AVERAGE, MIN, MAX, PRODUCT, ROUND(UP/DOWN),
/// INT, TRUNC, ABS, MOD, POWER, SQRT, IF, IFERROR, IFNA, AND, OR, NOT, ISBLANK, ISNUMBER, ISTEXT,
/// ISERROR, CONCATENATE, CONCAT, LEFT, RIGHT, MID, LEN, TRIM, UPPER, LOWER, VALUE, DATE, YEAR, MONTH, DAY.
/// Any other function is ``Formula/Unsupported``: fulian never returns a guess for it.
///
/// Numbers come out rounded to 15 significant digits, as Excel stores what it shows (`0.1*3` is 0.3).
struct FormulaEvaluator {
    /// The value of a cell (a formula cell's computed value; `.empty` when blank).
    let cell: (Formula.Ref) throws -> FormulaValue
    /// The last row of the sheet, where a whole-column range (`F:F`) ends.
    let lastRow: Int
    /// The sheet's date system, for DATE, YEAR, MONTH and DAY.
    let dateSystem: ExcelDateSystem
    /// The last row of another sheet, for its whole columns.
    var lastRowOf: (String) -> Int = { _ in 0 }

    typealias Unsupported = Formula.Unsupported

    /// The formula's value; throws ``Formula/Unsupported`` for what is not computed.
    func evaluate(_ f: Formula) throws -> FormulaValue {
        let v = try value(f.root)
        if case .number(let d) = v { return FormulaEvaluator.stored(d) }
        return v
    }

    /// A result as Excel keeps it: 15 significant digits; an infinite or NaN result is `#NUM!`.
    static func stored(_ d: Double) -> FormulaValue {
        guard d.isFinite else { return .error("#NUM!") }
        if d == 0 { return .number(0) }
        return .number(significant15(d))
    }

    // MARK: Values

    private func value(_ n: Formula.Node) throws -> FormulaValue {
        switch n {
        case .number(let d): return .number(d)
        case .text(let s): return .text(s)
        case .bool(let b): return .bool(b)
        case .error(let e): return .error(e)
        case .missing: return .empty
        case .ref(let r): return try cell(r)
        case .range(let a, let b, let whole):
            // A range where one value is wanted: Excel's implicit intersection is not taken; a one-cell
            // range is that cell.
            if !whole, a == b { return try cell(a) }
            return .error("#VALUE!")
        case .negate(let a):
            return try arithmetic(try value(a), .number(0)) { x, _ in -x }
        case .percent(let a):
            return try arithmetic(try value(a), .number(0)) { x, _ in x / 100 }
        case .binary(let op, let a, let b):
            let x = try value(a), y = try value(b)
            switch op {
            case "+": return try arithmetic(x, y, +)
            case "-": return try arithmetic(x, y, -)
            case "*": return try arithmetic(x, y, *)
            case "/":
                if case .error = x { return x }
                if case .error = y { return y }
                guard let divisor = FormulaEvaluator.number(y) else { return .error("#VALUE!") }
                if divisor == 0 { return FormulaEvaluator.number(x) == nil ? .error("#VALUE!") : .error("#DIV/0!") }
                return try arithmetic(x, y, /)
            case "^":
                return try arithmetic(x, y) { b, e in
                    if b == 0 && e == 0 { return .nan }
                    return Foundation.pow(b, e)
                }
            case "&":
                if case .error = x { return x }
                if case .error = y { return y }
                return .text(FormulaEvaluator.text(x) + FormulaEvaluator.text(y))
            default:
                if case .error = x { return x }
                if case .error = y { return y }
                let c = FormulaEvaluator.compare(x, y)
                switch op {
                case "=": return .bool(c == 0)
                case "<>": return .bool(c != 0)
                case "<": return .bool(c < 0)
                case ">": return .bool(c > 0)
                case "<=": return .bool(c <= 0)
                default: return .bool(c >= 0)
                }
            }
        case .call(let name, let args):
            return try call(name, args)
        }
    }

    private func arithmetic(_ x: FormulaValue, _ y: FormulaValue, _ op: (Double, Double) -> Double) throws -> FormulaValue {
        if case .error = x { return x }
        if case .error = y { return y }
        guard let a = FormulaEvaluator.number(x), let b = FormulaEvaluator.number(y) else { return .error("#VALUE!") }
        let r = op(a, b)
        return r.isFinite ? .number(r) : .error("#NUM!")
    }

    /// A value as a number in arithmetic: a blank is 0, TRUE is 1, text that is a number is that number.
    static func number(_ v: FormulaValue) -> Double? {
        switch v {
        case .number(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .empty: return 0
        case .text(let s):
            let t = s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
            if t.hasSuffix("%"), let d = Double(t.dropLast()) { return d / 100 }
            return Double(t).flatMap { $0.isFinite ? $0 : nil }
        case .error: return nil
        }
    }

    /// A value as text for `&` and the text functions: numbers as Excel's General format shows them.
    static func text(_ v: FormulaValue) -> String {
        switch v {
        case .number(let d): return Cell.format(number: significant15(d))
        case .text(let s): return s
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        case .empty: return ""
        }
    }

    /// Excel's order: numbers, then text (ignoring case), then FALSE and TRUE; a blank is 0, "" or FALSE
    /// as the other side is.
    static func compare(_ x: FormulaValue, _ y: FormulaValue) -> Int {
        func rank(_ v: FormulaValue) -> Int {
            switch v { case .number: 0; case .text: 1; case .bool: 2; default: 3 }
        }
        var a = x, b = y
        if case .empty = a { a = blank(like: b) }
        if case .empty = b { b = blank(like: a) }
        switch (a, b) {
        case (.number(let p), .number(let q)): return p < q ? -1 : p > q ? 1 : 0
        case (.text(let p), .text(let q)):
            let l = p.lowercased(), r = q.lowercased()
            return l < r ? -1 : l > r ? 1 : 0
        case (.bool(let p), .bool(let q)): return p == q ? 0 : (p ? 1 : -1)
        default: return rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0
        }
    }

    private static func blank(like v: FormulaValue) -> FormulaValue {
        switch v {
        case .text: return .text("")
        case .bool: return .bool(false)
        default: return .number(0)
        }
    }

    // MARK: Ranges

    /// The values an argument stands for: every cell of a range or reference (`fromCells` true), else the
    /// one value of an expression.
    private func values(_ n: Formula.Node) throws -> (values: [FormulaValue], fromCells: Bool) {
        switch n {
        case .ref(let r): return ([try cell(r)], true)
        case .range(let a, let b, let whole):
            let top = whole ? 1 : a.row, bottom = whole ? (a.sheet.map(lastRowOf) ?? lastRow) : b.row
            guard top <= bottom else { return ([], true) }
            var out: [FormulaValue] = []
            out.reserveCapacity(min((bottom - top + 1) * (b.column - a.column + 1), 1 << 20))
            for r in top...bottom {
                for c in a.column...b.column { out.append(try cell(Formula.Ref(row: r, column: c, sheet: a.sheet))) }
            }
            return (out, true)
        default:
            return ([try value(n)], false)
        }
    }

    /// The rows × columns shape of a range argument (for SUMIF's sum range and the *IFS functions).
    private func shape(_ n: Formula.Node) -> (rows: Int, columns: Int)? {
        switch n {
        case .ref: return (1, 1)
        case .range(let a, let b, let whole):
            return ((whole ? (a.sheet.map(lastRowOf) ?? lastRow) : b.row - a.row + 1), b.column - a.column + 1)
        default: return nil
        }
    }

    /// The numbers of the arguments as SUM takes them: numbers in cells (text, TRUE/FALSE and blanks
    /// there are skipped), any value written in the formula itself coerced; the first error met.
    private func numbers(_ args: [Formula.Node]) throws -> Result<[Double], FormulaError> {
        var out: [Double] = []
        for a in args {
            let (vs, fromCells) = try values(a)
            for v in vs {
                switch v {
                case .number(let d): out.append(d)
                case .error(let e): return .failure(FormulaError(code: e))
                case .empty: if !fromCells, case .missing = a { out.append(0) }
                case .text, .bool:
                    if fromCells { continue }
                    guard let d = FormulaEvaluator.number(v) else { return .failure(FormulaError(code: "#VALUE!")) }
                    out.append(d)
                }
            }
        }
        return .success(out)
    }

    struct FormulaError: Error { var code: String }

    // MARK: Functions

    private func call(_ name: String, _ args: [Formula.Node]) throws -> FormulaValue {
        func arity(_ range: ClosedRange<Int>) throws {
            guard range.contains(args.count) else { throw Unsupported(.formulaFunction(name: name)) }
        }
        func scalar(_ i: Int) throws -> FormulaValue { i < args.count ? try value(args[i]) : .empty }
        func num(_ i: Int) throws -> Result<Double, FormulaError> {
            let v = try scalar(i)
            if case .error(let e) = v { return .failure(FormulaError(code: e)) }
            guard let d = FormulaEvaluator.number(v) else { return .failure(FormulaError(code: "#VALUE!")) }
            return .success(d)
        }
        func str(_ i: Int) throws -> Result<String, FormulaError> {
            let v = try scalar(i)
            if case .error(let e) = v { return .failure(FormulaError(code: e)) }
            return .success(FormulaEvaluator.text(v))
        }
        func numeric(_ body: ([Double]) -> FormulaValue) throws -> FormulaValue {
            switch try numbers(args) {
            case .success(let ds): return body(ds)
            case .failure(let e): return .error(e.code)
            }
        }
        do {
            switch name {
            case "SUM": return try numeric { .number($0.reduce(0, +)) }
            case "PRODUCT": return try numeric { $0.isEmpty ? .number(0) : .number($0.reduce(1, *)) }
            case "AVERAGE": return try numeric { $0.isEmpty ? .error("#DIV/0!") : .number($0.reduce(0, +) / Double($0.count)) }
            case "MIN": return try numeric { .number($0.min() ?? 0) }
            case "MAX": return try numeric { .number($0.max() ?? 0) }
            case "COUNT":
                var n = 0
                for a in args {
                    let (vs, fromCells) = try values(a)
                    for v in vs {
                        if case .number = v { n += 1 } else if !fromCells, case .text = v, FormulaEvaluator.number(v) != nil { n += 1 }
                        else if !fromCells, case .bool = v { n += 1 }
                    }
                }
                return .number(Double(n))
            case "COUNTA":
                var n = 0
                for a in args {
                    let (vs, fromCells) = try values(a)
                    for v in vs { if case .empty = v { if !fromCells, case .missing = a { n += 1 } } else { n += 1 } }
                }
                return .number(Double(n))
            case "COUNTBLANK":
                try arity(1...1)
                let (vs, _) = try values(args[0])
                return .number(Double(vs.filter { v in
                    if case .empty = v { return true }
                    if case .text(let s) = v { return s.isEmpty }
                    return false
                }.count))
            case "ROUND", "ROUNDUP", "ROUNDDOWN":
                try arity(1...2)
                let x = try num(0).get(), digits = args.count > 1 ? try num(1).get() : 0
                return .number(FormulaEvaluator.round(x, Int(digits.rounded(.towardZero)), name == "ROUND" ? .toNearestOrAwayFromZero
                                                       : name == "ROUNDUP" ? .awayFromZero : .towardZero))
            case "INT":
                try arity(1...1)
                return .number(try num(0).get().rounded(.down))
            case "TRUNC":
                try arity(1...2)
                let x = try num(0).get(), digits = args.count > 1 ? try num(1).get() : 0
                return .number(FormulaEvaluator.round(x, Int(digits.rounded(.towardZero)), .towardZero))
            case "ABS":
                try arity(1...1)
                return .number(abs(try num(0).get()))
            case "MOD":
                try arity(2...2)
                let a = try num(0).get(), b = try num(1).get()
                guard b != 0 else { return .error("#DIV/0!") }
                return .number(a - b * (a / b).rounded(.down))
            case "POWER":
                try arity(2...2)
                let b = try num(0).get(), e = try num(1).get()
                if b == 0 && e == 0 { return .error("#NUM!") }
                let r = Foundation.pow(b, e)
                return r.isFinite ? .number(r) : .error("#NUM!")
            case "SQRT":
                try arity(1...1)
                let x = try num(0).get()
                return x < 0 ? .error("#NUM!") : .number(x.squareRoot())
            case "IF":
                try arity(1...3)
                let c = try scalar(0)
                if case .error = c { return c }
                guard let truth = FormulaEvaluator.truth(c) else { return .error("#VALUE!") }
                if truth { return args.count > 1 ? try result(args[1]) : .bool(true) }
                return args.count > 2 ? try result(args[2]) : .bool(false)
            case "IFERROR", "IFNA":
                try arity(2...2)
                let v = try scalar(0)
                if case .error(let e) = v, name == "IFERROR" || e == "#N/A" { return try result(args[1]) }
                return v
            case "AND", "OR":
                var seen: [Bool] = []
                for a in args {
                    let (vs, fromCells) = try values(a)
                    for v in vs {
                        switch v {
                        case .error: return v
                        case .bool(let b): seen.append(b)
                        case .number(let d): seen.append(d != 0)
                        case .text:
                            if fromCells { continue }
                            guard let t = FormulaEvaluator.truth(v) else { return .error("#VALUE!") }
                            seen.append(t)
                        case .empty: continue
                        }
                    }
                }
                guard !seen.isEmpty else { return .error("#VALUE!") }
                return .bool(name == "AND" ? !seen.contains(false) : seen.contains(true))
            case "NOT":
                try arity(1...1)
                let v = try scalar(0)
                if case .error = v { return v }
                guard let t = FormulaEvaluator.truth(v) else { return .error("#VALUE!") }
                return .bool(!t)
            case "TRUE": return .bool(true)
            case "FALSE": return .bool(false)
            case "ISBLANK":
                try arity(1...1)
                if case .empty = try scalar(0) { return .bool(true) }
                return .bool(false)
            case "ISNUMBER", "ISTEXT", "ISERROR":
                try arity(1...1)
                let v = try scalar(0)
                switch (name, v) {
                case ("ISNUMBER", .number), ("ISTEXT", .text), ("ISERROR", .error): return .bool(true)
                default: return .bool(false)
                }
            case "CONCATENATE", "CONCAT":
                var out = ""
                for a in args {
                    let (vs, fromCells) = try values(a)
                    if fromCells, vs.count > 1, name == "CONCATENATE" { return .error("#VALUE!") }
                    for v in vs {
                        if case .error = v { return v }
                        out += FormulaEvaluator.text(v)
                    }
                }
                return .text(out)
            case "LEFT", "RIGHT":
                try arity(1...2)
                let s = Array(try str(0).get()), k = args.count > 1 ? Int(try num(1).get()) : 1
                guard k >= 0 else { return .error("#VALUE!") }
                return .text(String(name == "LEFT" ? s.prefix(k) : s.suffix(k)))
            case "MID":
                try arity(3...3)
                let s = Array(try str(0).get()), start = Int(try num(1).get()), k = Int(try num(2).get())
                guard start >= 1, k >= 0 else { return .error("#VALUE!") }
                guard start <= s.count else { return .text("") }
                return .text(String(s[(start - 1)..<min(s.count, start - 1 + k)]))
            case "LEN":
                try arity(1...1)
                return .number(Double(try str(0).get().count))
            case "TRIM":
                try arity(1...1)
                return .text(try str(0).get().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
            case "UPPER", "LOWER":
                try arity(1...1)
                let s = try str(0).get()
                return .text(name == "UPPER" ? s.uppercased() : s.lowercased())
            case "VALUE":
                try arity(1...1)
                let v = try scalar(0)
                if case .error = v { return v }
                return FormulaEvaluator.number(v).map { .number($0) } ?? .error("#VALUE!")
            case "DATE":
                try arity(3...3)
                var y = Int(try num(0).get().rounded(.down))
                let m = Int(try num(1).get().rounded(.down)), d = Int(try num(2).get().rounded(.down))
                if y < 1900 { y += 1900 }
                guard y <= 9999 else { return .error("#NUM!") }
                let months = y * 12 + (m - 1)
                let (yy, mm) = (months.floorDiv(12), months.floorMod(12) + 1)
                guard let first = CivilDate(year: yy, month: mm, day: 1) else { return .error("#NUM!") }
                let date = CivilDate(daysSince1970: first.daysSince1970 + d - 1)
                guard date.year >= 1900, date.year <= 9999 else { return .error("#NUM!") }
                return .number(Double(dateSystem.serial(of: date)))
            case "YEAR", "MONTH", "DAY":
                try arity(1...1)
                guard let t = dateSystem.dateTime(fromSerial: try num(0).get()) else { return .error("#NUM!") }
                return .number(Double(name == "YEAR" ? t.date.year : name == "MONTH" ? t.date.month : t.date.day))
            case "SUMIF", "COUNTIF", "AVERAGEIF":
                try arity(name == "COUNTIF" ? 2...2 : 2...3)
                let crit = try criterion(args[1])
                let (range, _) = try values(args[0])
                var summed = range
                if args.count == 3 {
                    // The sum range takes the criteria range's shape from its first cell.
                    let s = shape(args[0]) ?? (1, 1)
                    let start: Formula.Ref
                    switch args[2] {
                    case .ref(let r): start = r
                    case .range(let a, _, let whole): start = whole ? Formula.Ref(row: 1, column: a.column, sheet: a.sheet) : a
                    default: throw Unsupported(.formulaFunction(name: name))
                    }
                    summed = try values(.range(from: start, to: Formula.Ref(row: start.row + s.rows - 1, column: start.column + s.columns - 1, sheet: start.sheet),
                                               wholeColumns: false)).values
                }
                return aggregate(name, range: range, summed: summed, crit)
            case "SUMIFS", "COUNTIFS", "AVERAGEIFS":
                let counting = name == "COUNTIFS"
                guard args.count >= (counting ? 2 : 3), (args.count - (counting ? 0 : 1)) % 2 == 0 else { throw Unsupported(.formulaFunction(name: name)) }
                let pairs = stride(from: counting ? 0 : 1, to: args.count, by: 2).map { ($0, $0 + 1) }
                let lists = try pairs.map { try values(args[$0.0]).values }
                let crits = try pairs.map { try criterion(args[$0.1]) }
                let summed = counting ? lists[0] : try values(args[0]).values
                guard lists.allSatisfy({ $0.count == summed.count }) else { return .error("#VALUE!") }
                var matched: [FormulaValue] = []
                for k in summed.indices where lists.indices.allSatisfy({ crits[$0].matches(lists[$0][k]) }) { matched.append(summed[k]) }
                return aggregate(counting ? "COUNTIF" : name == "SUMIFS" ? "SUMIF" : "AVERAGEIF",
                                 range: matched, summed: matched, Criterion(op: "*", value: .empty))
            default:
                throw Unsupported(.formulaFunction(name: name))
            }
        } catch let e as FormulaError {
            return .error(e.code)
        }
    }

    /// A function's result argument: a reference's value, or `0` for an argument left out.
    private func result(_ n: Formula.Node) throws -> FormulaValue {
        if case .missing = n { return .number(0) }
        return try value(n)
    }

    private func aggregate(_ name: String, range: [FormulaValue], summed: [FormulaValue], _ c: Criterion) -> FormulaValue {
        var n = 0, total = 0.0
        for k in range.indices where c.matches(range[k]) {
            if name == "COUNTIF" { n += 1; continue }
            guard k < summed.count else { break }
            if case .number(let d) = summed[k] { total += d; n += 1 }
            if case .error = summed[k] { return summed[k] }
        }
        switch name {
        case "COUNTIF": return .number(Double(n))
        case "SUMIF": return .number(total)
        default: return n == 0 ? .error("#DIV/0!") : .number(total / Double(n))
        }
    }

    /// A COUNTIF criterion: `"是"`, `">0"`, `"<>"`, `5`, `"张*"`.
    struct Criterion {
        var op: String
        var value: FormulaValue

        /// Whether a cell's value meets it (text ignoring case, `*` and `?` wildcards with `~` to escape).
        func matches(_ v: FormulaValue) -> Bool {
            if op == "*" { return true }
            if case .error = v { return false }
            switch value {
            case .number(let target):
                let x: Double?
                switch v {
                case .number(let d): x = d
                case .text(let s): x = Double(s.trimmingCharacters(in: .whitespaces))
                default: x = nil
                }
                guard let d = x else { return op == "<>" }
                switch op {
                case "=": return d == target
                case "<>": return d != target
                case "<": return d < target
                case ">": return d > target
                case "<=": return d <= target
                default: return d >= target
                }
            case .bool(let b):
                if case .bool(let c) = v { return op == "<>" ? b != c : b == c }
                return op == "<>"
            case .text(let pattern):
                if pattern.isEmpty {
                    let blank: Bool
                    switch v { case .empty: blank = true; case .text(let s): blank = s.isEmpty; default: blank = false }
                    return op == "<>" ? !blank : (op == "=" ? blank : false)
                }
                guard case .text(let s) = v else { return op == "<>" }
                switch op {
                case "=": return Criterion.wildcard(pattern.lowercased(), s.lowercased())
                case "<>": return !Criterion.wildcard(pattern.lowercased(), s.lowercased())
                default:
                    let c = FormulaEvaluator.compare(.text(s), .text(pattern))
                    switch op { case "<": return c < 0; case ">": return c > 0; case "<=": return c <= 0; default: return c >= 0 }
                }
            default:
                return false
            }
        }

        static func wildcard(_ pattern: String, _ s: String) -> Bool {
            let p = Array(pattern), t = Array(s)
            // Iterative matching with backtracking to the last `*`.
            var i = 0, j = 0, star = -1, mark = 0
            func token(_ k: Int) -> (Character, escaped: Bool, width: Int) {
                if p[k] == "~", k + 1 < p.count, "*?~".contains(p[k + 1]) { return (p[k + 1], true, 2) }
                return (p[k], false, 1)
            }
            while j < t.count {
                if i < p.count {
                    let (c, esc, w) = token(i)
                    if !esc && c == "*" { star = i; mark = j; i += 1; continue }
                    if (!esc && c == "?") || c == t[j] { i += w; j += 1; continue }
                }
                guard star >= 0 else { return false }
                i = star + 1
                mark += 1
                j = mark
            }
            while i < p.count, p[i] == "*" { i += 1 }
            return i == p.count
        }
    }

    private func criterion(_ n: Formula.Node) throws -> Criterion {
        let v = try value(n)
        guard case .text(let s) = v else {
            if case .empty = v { return Criterion(op: "=", value: .number(0)) }
            return Criterion(op: "=", value: v)
        }
        for op in ["<=", ">=", "<>", "=", "<", ">"] where s.hasPrefix(op) {
            let rest = String(s.dropFirst(op.count))
            if let d = Double(rest.trimmingCharacters(in: .whitespaces)), !rest.isEmpty { return Criterion(op: op, value: .number(d)) }
            return Criterion(op: op, value: .text(rest))
        }
        if let d = Double(s.trimmingCharacters(in: .whitespaces)), !s.isEmpty { return Criterion(op: "=", value: .number(d)) }
        if s.uppercased() == "TRUE" || s.uppercased() == "FALSE" { return Criterion(op: "=", value: .bool(s.uppercased() == "TRUE")) }
        return Criterion(op: "=", value: .text(s))
    }

    /// A value as IF takes it: numbers (0 is false), TRUE/FALSE, the texts "TRUE"/"FALSE"; nil for other text.
    static func truth(_ v: FormulaValue) -> Bool? {
        switch v {
        case .bool(let b): return b
        case .number(let d): return d != 0
        case .empty: return false
        case .text(let s):
            switch s.uppercased() { case "TRUE": return true; case "FALSE": return false; default: return nil }
        case .error: return nil
        }
    }

    /// `d` rounded to 15 significant digits (the decimal Excel shows and keeps); whole numbers below 2^53
    /// as they are, others through `%.15g` and back, on the stack.
    static func significant15(_ d: Double) -> Double {
        if d == d.rounded(.towardZero), abs(d) < 9_007_199_254_740_992 { return d }
        guard d.isFinite else { return d }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buf in
            let n = withVaList([d]) { vsnprintf(buf.baseAddress!, 32, "%.15g", $0) }
            guard n > 0, n < 32 else { return d }
            return strtod(buf.baseAddress!, nil)
        }
    }

    /// Excel's ROUND family: `x` at `digits` decimals (negative: tens, hundreds …), taken on the decimal
    /// value Excel shows (15 significant digits), so ROUND(2.675, 2) is 2.68 as in Excel.
    static func round(_ x: Double, _ digits: Int, _ rule: FloatingPointRoundingRule) -> Double {
        guard x.isFinite, abs(digits) <= 15 else { return x }
        let shown = significant15(x)
        let scale = Foundation.pow(10.0, Double(abs(digits)))
        let scaled = digits >= 0 ? shown * scale : shown / scale
        let snapped = significant15(scaled)
        let r = snapped.rounded(rule)
        return digits >= 0 ? r / scale : r * scale
    }
}

private extension Int {
    func floorDiv(_ d: Int) -> Int { (self >= 0 ? self : self - d + 1) / d }
    func floorMod(_ d: Int) -> Int { self - floorDiv(d) * d }
}
