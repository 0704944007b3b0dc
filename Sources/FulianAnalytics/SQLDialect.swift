import FulianCore
import FulianStore

/// The few SQL spellings that differ between database engines; everything else the reports send is
/// standard SQL (`WITH RECURSIVE`, `CASE`, `COALESCE`, `COUNT(DISTINCT …)`, `GROUP BY`, `IS NOT DISTINCT FROM`).
///
/// Dates are ISO `YYYY-MM-DD` text in SQLite and `DATE` in PostgreSQL; both compare with ISO text
/// parameters (PostgreSQL infers the parameter's type from the column), so date ranges are written once.
/// Flags (`workCovered`) are tested bare (`OR u.workCovered`): an integer 0/1 in SQLite, a BOOLEAN in
/// PostgreSQL. What does differ is listed in `notebooks-docs/06-shared-store.md`.
public protocol SQLDialect: Sendable {
    /// A name for explanations (`SQLite`).
    var name: String { get }
    /// The placeholder for the `index`-th bound parameter (1-based): `?` in SQLite, `$1` in PostgreSQL.
    func placeholder(_ index: Int) -> String
    /// The month (`2024-03`) of an ISO date column or expression.
    func month(of date: String) -> String
    /// The year of an ISO date as an integer expression.
    func year(of date: String) -> String
    /// The `MM-DD` part of an ISO date, as text comparable with `<`/`>`.
    func monthDay(of date: String) -> String
    /// The 1-based character position of `needle` in `haystack`, 0 when absent.
    func position(of needle: String, in haystack: String) -> String
    /// The character length of a text expression.
    func length(of text: String) -> String
}

/// The SQLite spellings (`substr`, `instr`, `length`, `?` placeholders).
public struct SQLiteDialect: SQLDialect {
    /// Creates the dialect.
    public init() {}

    /// `SQLite`.
    public var name: String { "SQLite" }
    /// `?`.
    public func placeholder(_ index: Int) -> String { "?" }
    /// `substr(date, 1, 7)`.
    public func month(of date: String) -> String { "substr(\(date), 1, 7)" }
    /// `CAST(substr(date, 1, 4) AS INTEGER)`.
    public func year(of date: String) -> String { "CAST(substr(\(date), 1, 4) AS INTEGER)" }
    /// `substr(date, 6, 5)`.
    public func monthDay(of date: String) -> String { "substr(\(date), 6, 5)" }
    /// `instr(haystack, needle)`.
    public func position(of needle: String, in haystack: String) -> String { "instr(\(haystack), \(needle))" }
    /// `length(text)`.
    public func length(of text: String) -> String { "length(\(text))" }
}

/// The PostgreSQL spellings (`to_char`, `EXTRACT`, `strpos`, `$1` placeholders) over `DATE` columns.
public struct PostgreSQLDialect: SQLDialect {
    /// Creates the dialect.
    public init() {}

    /// `PostgreSQL`.
    public var name: String { "PostgreSQL" }
    /// `$1`, `$2` ….
    public func placeholder(_ index: Int) -> String { "$\(index)" }
    /// `to_char(date, 'YYYY-MM')`.
    public func month(of date: String) -> String { "to_char(\(date), 'YYYY-MM')" }
    /// `CAST(EXTRACT(YEAR FROM date) AS INTEGER)`.
    public func year(of date: String) -> String { "CAST(EXTRACT(YEAR FROM \(date)) AS INTEGER)" }
    /// `to_char(date, 'MM-DD')`.
    public func monthDay(of date: String) -> String { "to_char(\(date), 'MM-DD')" }
    /// `strpos(haystack, needle)`.
    public func position(of needle: String, in haystack: String) -> String { "strpos(\(haystack), \(needle))" }
    /// `length(text::text)` (a DATE's text is its ISO form).
    public func length(of text: String) -> String { "length(CAST(\(text) AS TEXT))" }
}

extension StoreEngine {
    /// The SQL dialect of the engine.
    public var dialect: any SQLDialect {
        switch self {
        case .sqlite: return SQLiteDialect()
        case .postgresql: return PostgreSQLDialect()
        }
    }
}

/// A value bound to a query parameter.
public enum SQLArgument: Hashable, Sendable, CustomStringConvertible {
    /// Text (dates are ISO text).
    case text(String)
    /// An integer.
    case int(Int64)

    /// The value as an SQL literal (`'2024-03-31'`, `5`), for showing a query with its parameters in place.
    public var literal: String {
        switch self {
        case .text(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        case .int(let i): return String(i)
        }
    }

    /// The SQL literal.
    public var description: String { literal }
}

/// One SQL statement with its bound parameters, as run and as shown by `--explain`.
public struct SQLQuery: Hashable, Sendable {
    /// What the statement computes (`rows`, `totals`, `age bands` …).
    public var purpose: String
    /// The statement with placeholders.
    public var sql: String
    /// The bound parameters, in placeholder order.
    public var arguments: [SQLArgument]

    /// Creates a query.
    public init(purpose: String, sql: String, arguments: [SQLArgument]) {
        self.purpose = purpose
        self.sql = sql
        self.arguments = arguments
    }

    /// The statement with every placeholder (`?` or `$n`) replaced by its parameter as a literal, so it can be
    /// pasted into `fulian sql` or the sqlite3 shell. Quoted strings and identifiers are left untouched.
    public var inlined: String {
        var out = ""
        var next = 0
        var quote: Character?
        var chars = sql[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if let q = quote {
                out.append(c)
                if c == q { quote = nil }
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" || (c == "$" && chars.first?.isNumber == true) {
                var index = next
                if c == "$" {
                    let digits = chars.prefix { $0.isNumber }
                    chars = chars.dropFirst(digits.count)
                    index = (Int(digits) ?? 1) - 1
                }
                out += index < arguments.count ? arguments[index].literal : String(c)
                next += 1
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// Builds a statement's parameter list while the SQL text is assembled.
struct SQLBinder {
    let dialect: any SQLDialect
    private(set) var arguments: [SQLArgument] = []

    init(_ dialect: any SQLDialect) { self.dialect = dialect }

    /// Binds a value and returns its placeholder.
    mutating func bind(_ value: SQLArgument) -> String {
        arguments.append(value)
        return dialect.placeholder(arguments.count)
    }

    /// Binds text and returns its placeholder.
    mutating func text(_ s: String) -> String { bind(.text(s)) }

    /// Binds an ISO date and returns its placeholder.
    mutating func date(_ d: CivilDate) -> String { bind(.text(d.iso)) }

    /// Binds a list for `IN (…)` and returns the comma-separated placeholders.
    mutating func list(_ values: [String]) -> String { values.map { text($0) }.joined(separator: ", ") }

    func query(_ purpose: String, _ sql: String) -> SQLQuery {
        SQLQuery(purpose: purpose, sql: sql, arguments: arguments)
    }
}
