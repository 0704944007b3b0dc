import Foundation

/// A value bound to or read from a store statement, the same for both engines.
///
/// PostgreSQL's integers and `numeric` sums read back as ``int(_:)``, its booleans as `1`/`0` (as SQLite
/// stores them), its `DATE` columns as ISO text: a row reads the same whichever engine holds it.
public enum StoreValue: Hashable, Sendable {
    /// SQL NULL.
    case null
    /// An integer (counts, ids, fen).
    case int(Int64)
    /// A floating-point number (only from queries that compute one, such as `fulian sql`'s `/ 100.0`).
    case double(Double)
    /// Text (dates are ISO `YYYY-MM-DD`).
    case text(String)
    /// Bytes (only from `fulian sql`).
    case blob([UInt8])
    /// A flag to store: SQLite keeps it as `1`/`0`, PostgreSQL as `BOOLEAN` (read back as ``int(_:)``).
    case bool(Bool)

    /// The value as an optional integer (text holding digits counts; anything else is nil).
    public var int: Int64? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .text(let s): return Int64(s)
        case .double(let d): return d.isFinite && d == d.rounded() ? Int64(exactly: d) : nil
        default: return nil
        }
    }

    /// The value as optional text (integers written out, NULL nil).
    public var text: String? {
        switch self {
        case .null: return nil
        case .int(let i): return String(i)
        case .bool(let b): return b ? "1" : "0"
        case .double(let d): return String(d)
        case .text(let s): return s
        case .blob(let b): return "<\(b.count) bytes>"
        }
    }
}

extension StoreValue {
    /// An optional integer, NULL when nil.
    public init(_ v: Int64?) { self = v.map(StoreValue.int) ?? .null }
    /// An optional integer, NULL when nil.
    public init(_ v: Int?) { self = v.map { .int(Int64($0)) } ?? .null }
    /// Optional text, NULL when nil.
    public init(_ v: String?) { self = v.map(StoreValue.text) ?? .null }
}

/// One row of a store query: its values by position, its column names shared with the other rows.
public struct StoreRow: Sendable {
    /// The column names, in order.
    public let columns: [String]
    /// The values, in column order.
    public let values: [StoreValue]

    /// Creates a row.
    public init(columns: [String], values: [StoreValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of the column `name` (NULL when there is no such column). Names match ignoring case:
    /// PostgreSQL folds unquoted names to lower case (`paidOn` comes back as `paidon`).
    public subscript(_ name: String) -> StoreValue {
        guard let i = index(name) else { return .null }
        return values[i]
    }

    private func index(_ name: String) -> Int? {
        columns.firstIndex(of: name) ?? columns.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The value at `index`.
    public subscript(_ index: Int) -> StoreValue { values[index] }

    /// Whether the row has a column `name`.
    public func hasColumn(_ name: String) -> Bool { index(name) != nil }

    /// The integer in column `name`, nil for NULL.
    public func int(_ name: String) -> Int64? { self[name].int }
    /// The text in column `name`, nil for NULL.
    public func text(_ name: String) -> String? { self[name].text }
}
