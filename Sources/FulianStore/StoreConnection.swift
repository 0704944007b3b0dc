import Foundation
import GRDB

/// The database engine behind a store.
public enum StoreEngine: String, Sendable {
    /// One SQLite file, through GRDB (the default).
    case sqlite
    /// A PostgreSQL database, through libpq (`--db postgresql://…`).
    case postgresql
}

/// A connection to a store as reports and imports speak to it: statements with bound values, rows back.
///
/// Statements use `?` placeholders (PostgreSQL's `$1` … also pass on that engine); apart from the spellings
/// the analytics' dialect names, the SQL is the same for both engines. Errors are the engine's own
/// (GRDB's `DatabaseError`, ``PostgresError``); ``Store/read(_:)`` and the import turn them into ``StoreError``.
public protocol StoreConnection: AnyObject {
    /// Which engine runs the statements.
    var engine: StoreEngine { get }
    /// Every row of a query.
    func fetchAll(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow]
    /// Calls `body` with each row of a query as it is read, without holding them all (where the engine can).
    func forEachRow(_ sql: String, _ arguments: [StoreValue], _ body: (StoreRow) throws -> Void) throws
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ arguments: [StoreValue]) throws
    /// Runs an `INSERT` into a table with an `id` key and returns the new row's id.
    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64
}

extension StoreConnection {
    /// The first row of a query, if any.
    public func fetchOne(_ sql: String, _ arguments: [StoreValue] = []) throws -> StoreRow? {
        try fetchAll(sql, arguments).first
    }

    /// The first column of the first row as an integer (nil for no row or NULL).
    public func fetchInt(_ sql: String, _ arguments: [StoreValue] = []) throws -> Int64? {
        try fetchOne(sql, arguments)?.values.first?.int
    }

    /// The first column of every row as text (NULLs left out).
    public func fetchTexts(_ sql: String, _ arguments: [StoreValue] = []) throws -> [String] {
        try fetchAll(sql, arguments).compactMap { $0.values.first?.text }
    }

    /// Runs a statement without arguments.
    public func execute(_ sql: String) throws { try execute(sql, []) }

    /// Every row of the result at once, then `body` with each (an engine that cannot stream rows).
    public func forEachRow(_ sql: String, _ arguments: [StoreValue], _ body: (StoreRow) throws -> Void) throws {
        for r in try fetchAll(sql, arguments) { try body(r) }
    }
}

/// The SQLite engine's connection: a GRDB `Database` inside one of its accesses.
final class SQLiteStoreConnection: StoreConnection {
    let db: Database
    var engine: StoreEngine { .sqlite }

    init(_ db: Database) { self.db = db }

    static func arguments(_ values: [StoreValue]) -> StatementArguments {
        StatementArguments(values.map { v -> (any DatabaseValueConvertible)? in
            switch v {
            case .null: return nil
            case .int(let i): return i
            case .bool(let b): return b ? 1 : 0
            case .double(let d): return d
            case .text(let s): return s
            case .blob(let b): return Data(b)
            }
        })
    }

    static func value(_ v: DatabaseValue) -> StoreValue {
        switch v.storage {
        case .null: return .null
        case .int64(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .text(s)
        case .blob(let b): return .blob([UInt8](b))
        }
    }

    func fetchAll(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        var rows: [StoreRow] = []
        while let row = try cursor.next() {
            rows.append(StoreRow(columns: columns, values: row.databaseValues.map(Self.value)))
        }
        return rows
    }

    func forEachRow(_ sql: String, _ arguments: [StoreValue], _ body: (StoreRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            try body(StoreRow(columns: columns, values: row.databaseValues.map(Self.value)))
        }
    }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
        try execute(sql, arguments)
        return db.lastInsertedRowID
    }
}

/// The PostgreSQL engine's connection (one libpq connection, used by one thread at a time).
final class PostgresStoreConnection: StoreConnection {
    let connection: PostgresConnection
    var engine: StoreEngine { .postgresql }

    init(_ connection: PostgresConnection) { self.connection = connection }

    func fetchAll(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        try connection.query(sql, arguments)
    }

    func forEachRow(_ sql: String, _ arguments: [StoreValue], _ body: (StoreRow) throws -> Void) throws {
        try connection.forEachRow(sql, arguments, body)
    }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws {
        try connection.execute(sql, arguments)
    }

    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
        guard let id = try connection.query(sql + " RETURNING id", arguments).first?.values.first?.int else {
            throw PostgresError(sqlState: "02000", message: "INSERT returned no id")
        }
        return id
    }
}
