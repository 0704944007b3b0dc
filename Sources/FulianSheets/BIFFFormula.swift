import Foundation
import FulianCore

/// A BIFF8 formula's parsed expression (`rgce`, the tokens of a `FORMULA` record in reverse Polish order)
/// written back as the A1 text Excel shows (`ROUND(A1*B1,2)`), for ``Formula`` to parse and compute.
///
/// Needed for the formulas writers such as xlwt save without a result. Operators are written with the
/// parentheses their precedence needs; references keep their `$`, and another sheet's are written with its
/// name (`'发放标准'!$B$2`). Tokens of what fulian does not compute (names, other workbooks, arrays,
/// shared-formula pointers, memory areas) are ``Formula/Unsupported``.
enum BIFFFormula {
    /// Excel's built-in functions by their BIFF index: name, and the argument count of the fixed-arity
    /// ones (`ptgFunc`); nil for those that always come with a count (`ptgFuncVar`).
    static let functions: [Int: (name: String, arity: Int?)] = [
        0: ("COUNT", nil), 1: ("IF", nil), 2: ("ISNA", 1), 3: ("ISERROR", 1), 4: ("SUM", nil), 5: ("AVERAGE", nil),
        6: ("MIN", nil), 7: ("MAX", nil), 8: ("ROW", nil), 9: ("COLUMN", nil), 10: ("NA", 0), 15: ("SIN", 1),
        16: ("COS", 1), 19: ("PI", 0), 20: ("SQRT", 1), 24: ("ABS", 1), 25: ("INT", 1), 26: ("SIGN", 1),
        27: ("ROUND", 2), 28: ("LOOKUP", nil), 29: ("INDEX", nil), 30: ("REPT", 2), 31: ("MID", 3), 32: ("LEN", 1),
        33: ("VALUE", 1), 34: ("TRUE", 0), 35: ("FALSE", 0), 36: ("AND", nil), 37: ("OR", nil), 38: ("NOT", 1),
        39: ("MOD", 2), 48: ("TEXT", 2), 63: ("RAND", 0), 65: ("DATE", 3), 66: ("TIME", 3), 67: ("DAY", 1),
        68: ("MONTH", 1), 69: ("YEAR", 1), 74: ("NOW", 0), 77: ("ROWS", 1), 78: ("COLUMNS", 1), 101: ("HLOOKUP", nil),
        102: ("VLOOKUP", nil), 111: ("CHAR", 1), 112: ("LOWER", 1), 113: ("UPPER", 1), 115: ("LEFT", nil),
        116: ("RIGHT", nil), 117: ("EXACT", 2), 118: ("TRIM", 1), 119: ("REPLACE", 4), 120: ("SUBSTITUTE", nil),
        124: ("FIND", nil), 126: ("ISERR", 1), 127: ("ISTEXT", 1), 128: ("ISNUMBER", 1), 129: ("ISBLANK", 1),
        169: ("COUNTA", nil), 183: ("PRODUCT", nil), 197: ("TRUNC", nil), 212: ("ROUNDUP", 2), 213: ("ROUNDDOWN", 2),
        221: ("TODAY", 0), 336: ("CONCATENATE", nil), 337: ("POWER", 2), 344: ("SUBTOTAL", nil), 345: ("SUMIF", nil),
        346: ("COUNTIF", 2), 347: ("COUNTBLANK", 1),
    ]

    /// Binary operator tokens 0x03–0x11: text and precedence (higher binds tighter).
    private static let binary: [UInt8: (String, Int)] = [
        0x03: ("+", 50), 0x04: ("-", 50), 0x05: ("*", 60), 0x06: ("/", 60), 0x07: ("^", 70), 0x08: ("&", 40),
        0x09: ("<", 30), 0x0A: ("<=", 30), 0x0B: ("=", 30), 0x0C: (">=", 30), 0x0D: (">", 30), 0x0E: ("<>", 30),
        0x11: (":", 110),
    ]

    private static let errors: [UInt8: String] = [0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!",
                                                 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"]

    /// The text of the `count` token bytes at `start` of `p`; `sheet` names the sheet of a 3-D reference's
    /// `EXTERNSHEET` index (nil: another workbook or several sheets, not computed).
    static func text(_ p: UnsafeRawBufferPointer, _ start: Int, _ count: Int, sheet: (Int) -> String? = { _ in nil }) throws -> String {
        var stack: [(text: String, precedence: Int)] = []
        var i = start
        let end = start + count
        func need(_ n: Int) throws {
            guard i + n <= end else { throw Formula.Unsupported(what: "?") }
        }
        func pop() throws -> (text: String, precedence: Int) {
            guard let top = stack.popLast() else { throw Formula.Unsupported(what: "?") }
            return top
        }
        func reference(_ row: Int, _ col: Int) -> String {
            let c = col & 0x3FFF
            return (col & 0x4000 == 0 ? "$" : "") + ColumnName.letters(c + 1) + (col & 0x8000 == 0 ? "$" : "") + String(row + 1)
        }
        func quoted(_ name: String) -> String { "'" + name.replacingOccurrences(of: "'", with: "''") + "'" }
        func call(_ name: String, _ argc: Int) throws {
            guard stack.count >= argc else { throw Formula.Unsupported(what: name) }
            let args = stack.suffix(argc).map(\.text)
            stack.removeLast(argc)
            stack.append((name + "(" + args.joined(separator: ",") + ")", 100))
        }
        while i < end {
            let ptg = p[i]
            i += 1
            if let (op, prec) = binary[ptg] {
                let right = try pop(), left = try pop()
                let l = left.precedence < prec ? "(" + left.text + ")" : left.text
                let r = right.precedence <= prec ? "(" + right.text + ")" : right.text
                stack.append((l + op + r, prec))
                continue
            }
            switch ptg {
            case 0x12:
                break                                   // unary plus
            case 0x13:
                let a = try pop()
                stack.append(("-" + (a.precedence < 90 ? "(" + a.text + ")" : a.text), 90))
            case 0x14:
                let a = try pop()
                stack.append(((a.precedence < 80 ? "(" + a.text + ")" : a.text) + "%", 80))
            case 0x15:
                let a = try pop()
                stack.append(("(" + a.text + ")", 100))
            case 0x16:
                stack.append(("", 100))                 // an argument left out
            case 0x17:
                try need(2)
                let n = Int(p[i]), wide = p[i + 1] & 1 == 1
                i += 2
                try need(wide ? 2 * n : n)
                var s = ""
                if wide {
                    let units = (0..<n).map { UInt16(p[i + 2 * $0]) | UInt16(p[i + 2 * $0 + 1]) << 8 }
                    s = String(decoding: units, as: UTF16.self)
                    i += 2 * n
                } else {
                    s = String(String.UnicodeScalarView((0..<n).map { Unicode.Scalar(p[i + $0]) }))
                    i += n
                }
                stack.append(("\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"", 100))
            case 0x19:
                try need(3)
                let grbit = p[i]
                let data = Int(p.u16(i + 1))
                i += 3
                if grbit & 0x04 != 0 { try need(2 * (data + 1)); i += 2 * (data + 1) }   // CHOOSE's jump table
                if grbit & 0x10 != 0 { try call("SUM", 1) }                                 // SUM of one argument
            case 0x1C:
                try need(1)
                stack.append((errors[p[i]] ?? "#N/A", 100))
                i += 1
            case 0x1D:
                try need(1)
                stack.append((p[i] != 0 ? "TRUE" : "FALSE", 100))
                i += 1
            case 0x1E:
                try need(2)
                stack.append((String(p.u16(i)), 100))
                i += 2
            case 0x1F:
                try need(8)
                let d = p.f64(i)
                i += 8
                stack.append((d < 0 ? "(" + Cell.format(number: d) + ")" : Cell.format(number: d), 100))
            default:
                guard ptg >= 0x20, ptg < 0x80 else { throw Formula.Unsupported(what: String(format: "ptg 0x%02X", ptg)) }
                switch ptg & 0x1F | 0x20 {
                case 0x21:
                    try need(2)
                    let index = Int(p.u16(i))
                    i += 2
                    guard let f = functions[index], let arity = f.arity else { throw Formula.Unsupported(.formulaFunction(name: "#\(index)")) }
                    try call(f.name, arity)
                case 0x22:
                    try need(3)
                    let argc = Int(p[i] & 0x7F), index = Int(p.u16(i + 1) & 0x7FFF)
                    i += 3
                    guard let f = functions[index] else {
                        throw Formula.Unsupported(.formulaFunction(name: index == 255 ? "(add-in)" : "#\(index)"))
                    }
                    try call(f.name, argc)
                case 0x24:
                    try need(4)
                    stack.append((reference(Int(p.u16(i)), Int(p.u16(i + 2))), 100))
                    i += 4
                case 0x25:
                    try need(8)
                    let a = reference(Int(p.u16(i)), Int(p.u16(i + 4))), b = reference(Int(p.u16(i + 2)), Int(p.u16(i + 6)))
                    stack.append((a + ":" + b, 100))
                    i += 8
                case 0x2A:
                    try need(4); i += 4
                    stack.append(("#REF!", 100))
                case 0x2B:
                    try need(8); i += 8
                    stack.append(("#REF!", 100))
                case 0x3A:
                    // tRef3d: a cell of another sheet, by its EXTERNSHEET index.
                    try need(6)
                    guard let name = sheet(Int(p.u16(i))) else { throw Formula.Unsupported(.formulaOtherSheet) }
                    stack.append((quoted(name) + "!" + reference(Int(p.u16(i + 2)), Int(p.u16(i + 4))), 100))
                    i += 6
                case 0x3B:
                    try need(10)
                    guard let name = sheet(Int(p.u16(i))) else { throw Formula.Unsupported(.formulaOtherSheet) }
                    let a = reference(Int(p.u16(i + 2)), Int(p.u16(i + 6))), b = reference(Int(p.u16(i + 4)), Int(p.u16(i + 8)))
                    stack.append((quoted(name) + "!" + a + ":" + b, 100))
                    i += 10
                case 0x3C:
                    try need(6); i += 6
                    stack.append(("#REF!", 100))
                case 0x3D:
                    try need(10); i += 10
                    stack.append(("#REF!", 100))
                case 0x39:
                    throw Formula.Unsupported(.formulaOtherSheet)
                default:
                    throw Formula.Unsupported(what: String(format: "ptg 0x%02X", ptg))
                }
            }
        }
        guard stack.count == 1 else { throw Formula.Unsupported(what: "?") }
        return stack[0].text
    }
}
