import Foundation
import FulianAnalytics

/// A JSON value that keeps its keys in the order they were given, for stable script output.
indirect enum JSONOutput {
    case string(String)
    case int(Int)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    static func optional(_ s: String?) -> JSONOutput { s.map(JSONOutput.string) ?? .null }
    static func optional(_ i: Int?) -> JSONOutput { i.map(JSONOutput.int) ?? .null }

    func render(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .string(let s): return JSONOutput.quote(s)
        case .int(let i): return String(i)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let a):
            if a.isEmpty { return "[]" }
            return "[\n" + a.map { inner + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let o):
            if o.isEmpty { return "{}" }
            return "{\n" + o.map { inner + JSONOutput.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(separator: ",\n")
                + "\n" + pad + "}"
        }
    }

    /// A JSON string literal: the one writer the reports use too, so every JSON fulian prints escapes alike.
    static func quote(_ s: String) -> String { ReportJSON.quote(s) }
}
