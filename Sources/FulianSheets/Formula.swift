import Foundation
import FulianCore

/// A worksheet formula as a cell's `<f>` writes it (`D3*E3`, `SUM(F3:F12)`, `ROUND(C3/10000,2)`), parsed
/// once so that ``FormulaEvaluator`` can compute what Excel would show.
///
/// Read when a workbook holds no result for a formula (openpyxl writes `<v/>`) or says its results are stale
/// (`<calcPr fullCalcOnLoad="1"/>`: XlsxWriter and libxlsxwriter write `0` for every formula and ask the
/// program that opens the file to recalculate).
///
/// The grammar is Excel's A1 formula grammar: numbers, `"text"` (`""` a quote), `TRUE`/`FALSE`, error literals
/// (`#DIV/0!` …), references (`F3`, `$F$3`, of another sheet `标准!B2`, `'名 册'!B2`), ranges (`F3:F12`, whole
/// columns `F:F`), the operators `: - % ^ * / + - & = <> < > <= >=` in Excel's precedence (negation binds
/// before `^`: `-2^2` is 4), and function calls. A reference to another workbook or to several sheets, a
/// defined name, an array constant or a structured reference is ``Unsupported``: it is not guessed at.
struct Formula: Sendable {
    /// A cell, 1-based: of the formula's own sheet, or of the sheet named (`名册!B3`, `'名 册'!B3`).
    struct Ref: Hashable, Sendable {
        var row: Int
        var column: Int
        var sheet: String? = nil
    }

    /// A parsed formula.
    indirect enum Node: Sendable {
        case number(Double)
        case text(String)
        case bool(Bool)
        case error(String)
        case ref(Ref)
        /// A rectangle of cells; `rows` nil for whole columns (`F:F`), bounded by the sheet when evaluated.
        case range(from: Ref, to: Ref, wholeColumns: Bool)
        case negate(Node)
        case percent(Node)
        case binary(String, Node, Node)
        case call(String, [Node])
        /// An argument left out (`IF(A1,,2)`).
        case missing
    }

    /// Why a formula is not computed: what it uses that fulian does not evaluate.
    struct Unsupported: Error, Equatable, Sendable {
        /// The reason, as the messages word it.
        var problem: SheetsMessage
        /// Something written that the grammar does not take (`合计金额`, `{1,2}`), as written.
        init(what: String) { problem = .formulaWritten(text: String(what.prefix(40))) }
        /// A reason of ``SheetsMessage``'s formula reasons.
        init(_ problem: SheetsMessage) { self.problem = problem }
    }

    /// The formula as written, without its leading `=`.
    let source: String
    /// Its parsed form.
    let root: Node

    /// Parses `source` (with or without a leading `=`); throws ``Unsupported`` for what is not evaluated,
    /// and for text that is no formula at all.
    init(_ source: String) throws {
        var s = source
        if s.hasPrefix("=") { s.removeFirst() }
        self.source = s
        var p = Parser(Array(s.unicodeScalars))
        root = try p.expression()
        p.skipSpace()
        guard p.atEnd else { throw Unsupported(what: p.rest) }
    }

    /// Every cell and range the formula reads, for gathering their values before evaluating.
    var references: [Node] {
        var out: [Node] = []
        func walk(_ n: Node) {
            switch n {
            case .ref, .range: out.append(n)
            case .negate(let a), .percent(let a): walk(a)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .call(_, let args): args.forEach(walk)
            default: break
            }
        }
        walk(root)
        return out
    }

    /// The text of a shared formula (`<f t="shared" si="0">D3*E3</f>`) as Excel fills it into a cell
    /// `rows` below and `columns` right of its first: relative references move, `$`-anchored parts stay,
    /// text in quotes and function names are left alone. A reference moved off the sheet becomes `#REF!`.
    static func shift(_ text: String, rows dr: Int, columns dc: Int) -> String {
        if dr == 0 && dc == 0 { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
        func isWord(_ c: Unicode.Scalar) -> Bool { isLetter(c) || isDigit(c) || c == "_" || c == "." || c.value > 127 }
        while i < s.count {
            let c = s[i]
            if c == "\"" || c == "'" {
                // A quoted text or sheet name, copied as it is.
                out.append(c)
                i += 1
                while i < s.count {
                    out.append(s[i])
                    if s[i] == c {
                        if i + 1 < s.count, s[i + 1] == c { out.append(s[i + 1]); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            guard isLetter(c) || c == "$", i == 0 || !isWord(s[i - 1]) else {
                out.append(c)
                i += 1
                continue
            }
            // [$]letters[$]digits, not followed by a word character or "(".
            var j = i
            let colAbs = s[j] == "$"
            if colAbs { j += 1 }
            let l0 = j
            while j < s.count, isLetter(s[j]) { j += 1 }
            let letters = String(String.UnicodeScalarView(s[l0..<j]))
            let rowAbs = j < s.count && s[j] == "$"
            if rowAbs { j += 1 }
            let d0 = j
            while j < s.count, isDigit(s[j]) { j += 1 }
            let digits = String(String.UnicodeScalarView(s[d0..<j]))
            let follows = j < s.count ? s[j] : nil
            guard !letters.isEmpty, letters.count <= 3, !digits.isEmpty,
                  follows.map({ !isWord($0) && $0 != "(" && $0 != "!" }) ?? true,
                  let ref = Parser.reference(letters + digits) else {
                // A name or function: copied to its end.
                var k = i + 1
                while k < s.count, isWord(s[k]) { k += 1 }
                out.append(contentsOf: s[i..<max(k, i + 1)])
                i = max(k, i + 1)
                continue
            }
            let row = rowAbs ? ref.row : ref.row + dr
            let col = colAbs ? ref.column : ref.column + dc
            guard row >= 1, row <= 1_048_576, col >= 1, col <= 16_384 else {
                out.append(contentsOf: "#REF!".unicodeScalars)
                i = j
                continue
            }
            let moved = (colAbs ? "$" : "") + ColumnName.letters(col) + (rowAbs ? "$" : "") + String(row)
            out.append(contentsOf: moved.unicodeScalars)
            i = j
        }
        return String(out)
    }

    // MARK: Parsing

    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0

        init(_ s: [Unicode.Scalar]) { self.s = s }

        var atEnd: Bool { i >= s.count }
        var rest: String { String(String.UnicodeScalarView(s[min(i, s.count)...])) }

        mutating func skipSpace() {
            while i < s.count, s[i] == " " || s[i] == "\n" || s[i] == "\r" || s[i] == "\t" || s[i] == "\u{A0}" { i += 1 }
        }

        func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

        mutating func eat(_ c: Unicode.Scalar) -> Bool {
            skipSpace()
            if peek() == c { i += 1; return true }
            return false
        }

        // Precedence, loosest first: comparison, &, + -, * /, ^, % (postfix), negation, range.
        mutating func expression() throws -> Node { try comparison() }

        mutating func comparison() throws -> Node {
            var left = try concatenation()
            while true {
                skipSpace()
                let op: String
                switch (peek(), peek(1)) {
                case ("<", "="): op = "<="
                case (">", "="): op = ">="
                case ("<", ">"): op = "<>"
                case ("<", _): op = "<"
                case (">", _): op = ">"
                case ("=", _): op = "="
                default: return left
                }
                i += op.unicodeScalars.count
                left = .binary(op, left, try concatenation())
            }
        }

        mutating func concatenation() throws -> Node {
            var left = try additive()
            while eat("&") { left = .binary("&", left, try additive()) }
            return left
        }

        mutating func additive() throws -> Node {
            var left = try multiplicative()
            while true {
                if eat("+") { left = .binary("+", left, try multiplicative()) }
                else if eat("-") { left = .binary("-", left, try multiplicative()) }
                else { return left }
            }
        }

        mutating func multiplicative() throws -> Node {
            var left = try power()
            while true {
                if eat("*") { left = .binary("*", left, try power()) }
                else if eat("/") { left = .binary("/", left, try power()) }
                else { return left }
            }
        }

        mutating func power() throws -> Node {
            var left = try postfix()
            while eat("^") { left = .binary("^", left, try postfix()) }
            return left
        }

        mutating func postfix() throws -> Node {
            var n = try unary()
            while eat("%") { n = .percent(n) }
            return n
        }

        mutating func unary() throws -> Node {
            if eat("-") { return .negate(try unary()) }
            if eat("+") { return try unary() }
            return try primary()
        }

        mutating func primary() throws -> Node {
            skipSpace()
            guard let c = peek() else { throw Unsupported(what: "") }
            if c == "(" {
                i += 1
                let e = try expression()
                guard eat(")") else { throw Unsupported(what: rest) }
                return e
            }
            if c == "\"" { return .text(try string()) }
            if c == "#" { return .error(try errorLiteral()) }
            if c == "{" { throw Unsupported(what: "{…}") }
            if c == "'" {
                // 'Sheet name'!A1, a quote in the name doubled.
                i += 1
                var name = String.UnicodeScalarView()
                while i < s.count {
                    if s[i] == "'" {
                        if peek(1) == "'" { name.append("'"); i += 2; continue }
                        break
                    }
                    name.append(s[i])
                    i += 1
                }
                guard peek() == "'", peek(1) == "!" else { throw Unsupported(what: rest) }
                i += 2
                return try reference(String(name))
            }
            if isDigit(c) || c == "." {
                // A number, or a row range such as 3:3 (not evaluated).
                return .number(try number())
            }
            if isNameStart(c) { return try nameOrReference() }
            throw Unsupported(what: rest)
        }

        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) }
        func isNameStart(_ c: Unicode.Scalar) -> Bool { isLetter(c) || c == "$" || c == "_" || c.value > 127 }

        mutating func string() throws -> String {
            i += 1
            var out = String.UnicodeScalarView()
            while i < s.count {
                let c = s[i]
                i += 1
                if c == "\"" {
                    if peek() == "\"" { out.append("\""); i += 1; continue }
                    return String(out)
                }
                out.append(c)
            }
            throw Unsupported(what: "\"" + String(out))
        }

        static let errorLiterals = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]

        mutating func errorLiteral() throws -> String {
            let r = rest.uppercased()
            for e in Parser.errorLiterals where r.hasPrefix(e) {
                i += e.unicodeScalars.count
                return e
            }
            throw Unsupported(what: rest)
        }

        mutating func number() throws -> Double {
            let start = i
            while let c = peek(), isDigit(c) || c == "." { i += 1 }
            if let e = peek(), e == "E" || e == "e" {
                let save = i
                i += 1
                if let sign = peek(), sign == "+" || sign == "-" { i += 1 }
                if let d = peek(), isDigit(d) { while let d = peek(), isDigit(d) { i += 1 } } else { i = save }
            }
            if peek() == ":" { throw Unsupported(what: String(String.UnicodeScalarView(s[start...]))) }
            let text = String(String.UnicodeScalarView(s[start..<i]))
            guard let d = Double(text), d.isFinite else { throw Unsupported(what: text) }
            return d
        }

        /// A reference (`F3`, `$F$3`, `F:F`, `F3:G9`), a function call, or `TRUE`/`FALSE`.
        mutating func nameOrReference() throws -> Node {
            let start = i
            while let c = peek(), isLetter(c) || isDigit(c) || c == "$" || c == "_" || c == "." || c.value > 127 { i += 1 }
            let word = String(String.UnicodeScalarView(s[start..<i]))
            if peek() == "!" {
                i += 1
                return try reference(word)
            }
            skipSpace()
            if peek() == "(" {
                i += 1
                var name = word.uppercased()
                for prefix in ["_XLFN._XLWS.", "_XLFN.", "_XLWS."] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
                var args: [Node] = []
                skipSpace()
                if peek() == ")" { i += 1; return .call(name, args) }
                while true {
                    skipSpace()
                    if peek() == "," || peek() == ")" { args.append(.missing) } else { args.append(try expression()) }
                    if eat(",") { continue }
                    guard eat(")") else { throw Unsupported(what: rest) }
                    return .call(name, args)
                }
            }
            switch word.uppercased() {
            case "TRUE": return .bool(true)
            case "FALSE": return .bool(false)
            default: break
            }
            // A defined name (合计金额) or anything else that is no reference is not guessed at.
            guard let a = Parser.reference(word) else {
                // 一月:三月!B3, several sheets at once, named as written.
                if peek() == ":" { throw Unsupported(what: word + rest) }
                throw Unsupported(what: word)
            }
            return try reference(nil, word, a)
        }

        /// A reference or range at the current position, of `sheet` (nil: the formula's own).
        mutating func reference(_ sheet: String?) throws -> Node {
            let start = i
            while let c = peek(), isLetter(c) || isDigit(c) || c == "$" { i += 1 }
            let word = String(String.UnicodeScalarView(s[start..<i]))
            guard let a = Parser.reference(word) else { throw Unsupported(what: (sheet.map { $0 + "!" } ?? "") + word) }
            return try reference(sheet, word, a)
        }

        /// The reference `a` just read as `word`, or the range it starts.
        mutating func reference(_ sheet: String?, _ word: String, _ a: Ref) throws -> Node {
            if peek() == ":" {
                i += 1
                skipSpace()
                let s2 = i
                while let c = peek(), isLetter(c) || isDigit(c) || c == "$" { i += 1 }
                let second = String(String.UnicodeScalarView(s[s2..<i]))
                guard let b = Parser.reference(second), (a.row == 0) == (b.row == 0) else { throw Unsupported(what: word + ":" + second) }
                let from = Ref(row: min(a.row, b.row), column: min(a.column, b.column), sheet: sheet)
                let to = Ref(row: max(a.row, b.row), column: max(a.column, b.column), sheet: sheet)
                return .range(from: from, to: to, wholeColumns: a.row == 0)
            }
            guard a.row > 0 else { throw Unsupported(what: word) }
            return .ref(Ref(row: a.row, column: a.column, sheet: sheet))
        }

        /// `F3`, `$F$3` (row and column), or `F`, `$F` (a column alone, row 0); nil for anything else.
        static func reference(_ word: String) -> Ref? {
            var col = 0, row = 0
            var scalars = Substring(word).unicodeScalars[...]
            if scalars.first == "$" { scalars = scalars.dropFirst() }
            var letters = 0
            while let c = scalars.first, (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) {
                col = col * 26 + Int((c.value & ~0x20) - 64)
                letters += 1
                scalars = scalars.dropFirst()
            }
            guard letters >= 1, letters <= 3, col <= 16_384 else { return nil }
            if scalars.first == "$" { scalars = scalars.dropFirst() }
            var digits = 0
            while let c = scalars.first, c.value >= 48, c.value <= 57 {
                row = row * 10 + Int(c.value - 48)
                digits += 1
                guard row <= 1_048_576 else { return nil }
                scalars = scalars.dropFirst()
            }
            guard scalars.isEmpty else { return nil }
            if digits == 0 { return Ref(row: 0, column: col) }
            return row >= 1 ? Ref(row: row, column: col) : nil
        }
    }
}
