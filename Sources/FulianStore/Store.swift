import Foundation
import FulianCore
import GRDB

/// An error of the store layer: opening, migrating or writing the SQLite file, or refusing an import.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The file being imported, when the error concerns one (printed before the message).
    public var file: String?
    /// What went wrong, in both languages.
    public var message: Message

    /// Creates an error about the store itself.
    public init(_ message: StoreMessage) {
        self.message = .store(message)
    }

    /// Creates an error about one file's import.
    public init(file: String, _ message: StoreMessage) {
        self.file = file
        self.message = .store(message)
    }

    /// The error in a language: `aid.csv：找不到该文件` / `aid.csv: no such file`.
    public func text(_ language: Language = .current) -> String {
        guard let file else { return message.text(language) }
        return CoreMessage.inFile(file: file, message).text(language)
    }

    public var description: String { text() }
}

/// The normalized store: a SQLite file through GRDB (the default), or a PostgreSQL database through libpq
/// when the location is a `postgresql://` URI.
///
/// ```swift
/// let store = try Store(path: "fulian.sqlite")            // creates and migrates
/// let ro = try Store(path: "fulian.sqlite", readOnly: true) // for `fulian sql`: cannot write
/// let shared = try Store(path: "postgresql://stats@db.example/fulian")
/// let n = try shared.read { c in try c.fetchInt("SELECT COUNT(*) FROM org") }
/// ```
public final class Store: Sendable {
    /// The SQLite file's path, or the PostgreSQL URI with its password redacted: the location messages show.
    public let path: String
    /// Which engine holds the store.
    public let engine: StoreEngine
    private let queue: DatabaseQueue?
    let postgres: PostgresStore?

    /// The GRDB connection (a serial queue) of a SQLite store. Only the SQLite engine's own code and tests
    /// use it; everything that works on both engines goes through ``read(_:)``. A PostgreSQL store has none.
    public var dbQueue: DatabaseQueue {
        guard let queue else { preconditionFailure("dbQueue is the SQLite engine's; use read(_:) for \(path)") }
        return queue
    }

    /// How much of the store a read-only connection maps into memory, in bytes (1 GiB).
    public static let readMapSize = 1 << 30

    /// How long a connection waits for another one's lock, in seconds.
    public static let busyTimeout: TimeInterval = 60

    /// Called once when a connection has waited about a second for another one's lock (an import
    /// holding the store): the CLI says on a terminal that it is waiting. Set it before opening a store.
    nonisolated(unsafe) public static var onWait: (@Sendable (String) -> Void)?

    /// Waits for a lock up to ``busyTimeout``, calling ``onWait`` once after a second.
    static func busyMode(_ path: String) -> Database.BusyMode {
        .callback { retries in
            // 10 ms a try: retries count the waits.
            usleep(10_000)
            if retries == 100 { Store.onWait?(path) }
            return Double(retries) * 0.01 < busyTimeout
        }
    }

    /// Opens (and, unless read-only, creates and migrates) the store at `path`.
    public init(path: String, readOnly: Bool = false) throws {
        if PostgresURI.isPostgres(path) {
            self.path = PostgresURI.redacted(path)
            engine = .postgresql
            queue = nil
            postgres = try PostgresStore(uri: path, readOnly: readOnly)
            return
        }
        self.path = path
        engine = .sqlite
        postgres = nil
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = readOnly
        // A report started while a large file is bulk-loaded (which holds the store for itself until it
        // commits), or a second import, waits for it rather than failing with "database is locked".
        config.busyMode = Store.busyMode(path)
        if readOnly {
            // Reports read much of the store: mapped pages are read in place instead of copied one
            // pread at a time (the aid report over a million rows ~15% faster, the quarterly
            // workbook ~0.3 s). The mapped pages are the OS's file cache, shared and reclaimable.
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = \(Store.readMapSize)") }
        }
        config.label = "fulian.store"
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw StoreError(.noStore(path: path))
        }
        do {
            if readOnly { try Store.recoverInterruptedLoad(path) }
            let dbQueue = try DatabaseQueue(path: path, configuration: config)
            queue = dbQueue
            let superseded = try dbQueue.read { db in try Schema.migrator().hasBeenSuperseded(db) }
            if superseded { throw StoreError(.newerStore(path: path)) }
            if readOnly {
                var pending = try dbQueue.read { db in try !Schema.migrator().hasCompletedMigrations(db) }
                if pending, try Store.migrateOlderStore(path) {
                    pending = try dbQueue.read { db in try !Schema.migrator().hasCompletedMigrations(db) }
                }
                if pending { throw StoreError(.notAStore(path: path)) }
            } else {
                try dbQueue.writeWithoutTransaction { db in try Store.enterWAL(db) }
                try Schema.migrator().migrate(dbQueue)
            }
        } catch let e as StoreError {
            throw e
        } catch let e as DatabaseError {
            throw StoreError(.cannotOpen(path: path, reason: e.message ?? e.description))
        }
    }

    /// Rolls back a bulk load that was interrupted (a crash, a kill, a power cut) and brings the store
    /// back to WAL. A bulk load runs with a rollback journal; a journal left beside the store is "hot"
    /// and only a connection that may write can roll it back, so a read-only open would fail with
    /// "attempt to write a readonly database" until then. Nothing is lost either way: the rollback
    /// restores the store as it was before the file.
    /// Brings a store written by an earlier fulian up to date before a read-only command reads it
    /// (every migration it has is one this fulian knows, some are missing); false for anything else.
    /// A store that needs it but cannot be written here is an error saying so.
    static func migrateOlderStore(_ path: String) throws -> Bool {
        var config = Configuration()
        config.busyMode = busyMode(path)
        config.readonly = true
        let migrator = Schema.migrator()
        let older = try DatabaseQueue(path: path, configuration: config).read { db -> Bool in
            guard try db.tableExists("grdb_migrations") else { return false }
            let applied = try migrator.appliedIdentifiers(db)
            return !applied.isEmpty && applied.isSubset(of: Set(migrator.migrations))
        }
        guard older else { return false }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw StoreError(.olderStoreReadOnly(path: path))
        }
        var write = Configuration()
        write.foreignKeysEnabled = true
        write.busyMode = busyMode(path)
        let queue = try DatabaseQueue(path: path, configuration: write)
        try queue.writeWithoutTransaction { db in try Store.enterWAL(db) }
        try migrator.migrate(queue)
        return true
    }

    static func recoverInterruptedLoad(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path + "-journal"),
              FileManager.default.isWritableFile(atPath: path) else { return }
        var config = Configuration()
        config.busyMode = busyMode(path)
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in
            // Reading the schema rolls a hot journal back; WAL is the store's mode between imports.
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
            try Store.enterWAL(db)
        }
    }

    /// Puts the store in WAL mode. A journal beside the store may also be a bulk load running in another
    /// process (it leaves WAL while it writes): changing the mode then fails at once with "database is
    /// locked" instead of waiting, so first wait for the write lock (BEGIN IMMEDIATE waits through the busy
    /// handler until that import commits).
    static func enterWAL(_ db: Database) throws {
        if try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" { return }
        try db.execute(sql: "BEGIN IMMEDIATE")
        try db.execute(sql: "COMMIT")
        if try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" { return }
        try db.execute(sql: "PRAGMA journal_mode = WAL")
    }

    /// An in-memory store, for tests.
    public init(inMemory: Void = ()) throws {
        path = ":memory:"
        engine = .sqlite
        postgres = nil
        var config = Configuration()
        config.foreignKeysEnabled = true
        let dbQueue = try DatabaseQueue(configuration: config)
        queue = dbQueue
        try Schema.migrator().migrate(dbQueue)
    }
}

extension Store {
    /// Runs `body` in one read transaction (a consistent snapshot on both engines: SQLite's read
    /// transaction, PostgreSQL's `REPEATABLE READ READ ONLY`). PostgreSQL errors become ``StoreError``.
    public func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        if let postgres {
            return try postgres.transaction(readOnly: true) { c in (try body(c), false) }
        }
        return try dbQueue.read { db in try body(SQLiteStoreConnection(db)) }
    }

    /// Runs one statement of `fulian sql`, which cannot change the store: SQLite opens the file read-only;
    /// PostgreSQL runs it alone (extended protocol: one statement) in a `READ ONLY` transaction that has
    /// already taken its snapshot (so `SET transaction_read_only = off` is refused too) and rolls it back.
    /// Failures are ``StoreMessage/queryFailed(reason:readOnly:)`` or ``StoreMessage/oneStatementOnly``.
    public func readOnlyQuery(_ sql: String) throws -> (columns: [String], rows: [StoreRow]) {
        if let postgres {
            do {
                return try postgres.readOnlyQuery(sql)
            } catch let e as PostgresError {
                if e.sqlState == "42601" && e.message.contains("multiple commands") { throw StoreError(.oneStatementOnly) }
                throw StoreError(.queryFailed(reason: e.message, readOnly: e.sqlState == "25006" || e.sqlState == "25001"))
            }
        }
        do {
            return try dbQueue.read { db in
                let statement = try db.makeStatement(sql: sql)
                let columns = statement.columnNames
                let rows = try Row.fetchAll(statement).map {
                    StoreRow(columns: columns, values: $0.databaseValues.map(SQLiteStoreConnection.value))
                }
                return (columns, rows)
            }
        } catch let e as DatabaseError {
            throw StoreError(.queryFailed(reason: e.message ?? e.description, readOnly: e.resultCode == .SQLITE_READONLY))
        }
    }
}

/// A PostgreSQL store's one connection, used by one caller at a time.
final class PostgresStore: @unchecked Sendable {
    private let lock = NSLock()
    private let connection: PostgresConnection
    private let store: PostgresStoreConnection

    init(uri: String, readOnly: Bool) throws {
        connection = try PostgresConnection(uri: uri)
        store = PostgresStoreConnection(connection)
        do {
            try PostgresSchema.migrate(connection, readOnly: readOnly)
        } catch let e as PostgresError {
            throw StoreError(.cannotOpen(path: connection.location, reason: e.message))
        }
    }

    /// Runs `body` in a transaction; it returns its value and whether to commit. A read-only transaction
    /// is `REPEATABLE READ` (one snapshot for every statement, as a SQLite read transaction).
    /// A server error becomes `failure(error)` (by default ``StoreMessage/serverRefused(code:reason:)``).
    func transaction<T>(readOnly: Bool, failure: (PostgresError) -> any Error = { $0.storeError },
                        _ body: (PostgresStoreConnection) throws -> (T, Bool)) throws -> T {
        try lock.withLock {
            do {
                try connection.executeScript(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
                let (value, commit) = try body(store)
                try connection.executeScript(commit ? "COMMIT" : "ROLLBACK")
                return value
            } catch let e as PostgresError {
                try? connection.executeScript("ROLLBACK")
                throw failure(e)
            } catch {
                try? connection.executeScript("ROLLBACK")
                throw error
            }
        }
    }

    /// See ``Store/readOnlyQuery(_:)``; throws ``PostgresError``.
    func readOnlyQuery(_ sql: String) throws -> (columns: [String], rows: [StoreRow]) {
        try lock.withLock {
            try connection.executeScript("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; BEGIN READ ONLY; SELECT 1")
            defer { try? connection.executeScript("ROLLBACK") }
            let (columns, rows) = try connection.queryWithColumns(sql, [])
            return (columns, rows)
        }
    }
}
