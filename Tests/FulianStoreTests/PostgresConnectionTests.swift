import Foundation
import FulianCore
@testable @_spi(Testing) import FulianStore
import Testing
import TestSupport

/// The libpq wrapper: locations shown without passwords, statements with parameters, rows, COPY, errors.
@Suite struct PostgresConnectionTests {
    @Test(arguments: [
        ("postgresql://stats:s3cret@db.example/fulian", "postgresql://stats:***@db.example/fulian"),
        ("postgres://stats:p%40ss@db.example:5433/fulian?sslmode=require", "postgres://stats:***@db.example:5433/fulian?sslmode=require"),
        ("postgresql://stats@db.example/fulian?password=s3cret&sslmode=require", "postgresql://stats@db.example/fulian?password=***&sslmode=require"),
        ("postgresql://db.example/fulian", "postgresql://db.example/fulian"),
        ("host=db.example password='a b\\'c' dbname=fulian", "host=db.example password=*** dbname=fulian"),
    ])
    func passwordsAreRedacted(uri: String, shown: String) {
        #expect(PostgresURI.redacted(uri) == shown)
    }

    @Test func onlyPostgresURIsArePostgres() {
        #expect(PostgresURI.isPostgres("postgresql://stats@db/fulian"))
        #expect(PostgresURI.isPostgres("postgres://db/fulian"))
        #expect(!PostgresURI.isPostgres("fulian.sqlite"))
        #expect(!PostgresURI.isPostgres("/data/postgresql.sqlite"))
    }

    @Test func placeholdersAreNumberedOutsideQuotes() {
        #expect(PostgresConnection.numbered("SELECT ?, '?', \"a?\" FROM t WHERE x = ?") == "SELECT $1, '?', \"a?\" FROM t WHERE x = $2")
        #expect(PostgresConnection.numbered("SELECT $1") == "SELECT $1")
    }

    /// A refused connection names the server without the password, in both languages (port 1: nothing listens).
    @Test func aRefusedConnectionNeverShowsThePassword() throws {
        do {
            _ = try PostgresConnection(uri: "postgresql://stats:TopSecret42@127.0.0.1:1/fulian?connect_timeout=2")
            Issue.record("connected to port 1")
        } catch let e as StoreError {
            for language in [Language.zh, .en] {
                let text = e.text(language)
                #expect(!text.contains("TopSecret42"))
                #expect(text.contains("postgresql://stats:***@127.0.0.1:1/fulian?connect_timeout=2"))
            }
            #expect(e.text(.en).hasPrefix("cannot open the store postgresql://stats:***@127.0.0.1:1/fulian?connect_timeout=2: connection to server at \"127.0.0.1\", port 1 failed"))
            #expect(e.text(.zh).hasPrefix("无法打开数据库 postgresql://stats:***@127.0.0.1:1/fulian?connect_timeout=2：connection to server at \"127.0.0.1\", port 1 failed"))
        }
    }

    /// Rows read a fetch at a time through a cursor, inside a transaction (and whole outside one): the same
    /// rows as `query`, in order, across several fetches; a throwing body leaves the transaction usable; a
    /// failure part way is thrown with its SQLSTATE.
    @Test(.enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
    func rowsOneAtATime() throws {
        let db = try PostgresTestServer.database()
        defer { db.drop() }
        let c = try PostgresConnection(uri: db.uri)
        let sql = "SELECT n, 'x' || n AS name, n % 2 = 0 AS even FROM generate_series(1, $1::int) n ORDER BY n"
        let n = PostgresConnection.rowsPerFetch * 2 + 500
        let all = try c.query(sql, [.int(Int64(n))]).map(\.values)
        var outside: [[StoreValue]] = []
        try c.forEachRow(sql, [.int(Int64(n))]) { outside.append($0.values) }
        #expect(outside == all)
        try c.executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        var seen: [[StoreValue]] = []
        try c.forEachRow(sql, [.int(Int64(n))]) { seen.append($0.values) }
        #expect(seen == all)
        #expect(seen.count == n && seen[1] == [.int(2), .text("x2"), .int(1)])
        struct Enough: Error {}
        var taken = 0
        #expect(throws: Enough.self) { try c.forEachRow(sql, [.int(Int64(n))]) { _ in taken += 1; if taken == 10 { throw Enough() } } }
        #expect(taken == 10)
        // The cursor was closed: the same query runs again in the same transaction.
        var again = 0
        try c.forEachRow(sql, [.int(5)]) { _ in again += 1 }
        #expect(again == 5)
        do {
            try c.forEachRow("SELECT 10 / (5 - n) AS v FROM generate_series(1, 9) n", []) { _ in }
            Issue.record("no error")
        } catch let e as PostgresError {
            #expect(e.sqlState == "22012")
        }
        try c.executeScript("ROLLBACK")
        #expect(try c.query("SELECT 1 AS v").first?.int("v") == 1)
    }

    @Test(.enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
    func statementsRowsAndCopy() throws {
        let db = try PostgresTestServer.database()
        defer { db.drop() }
        let c = try PostgresConnection(uri: db.uri)
        try c.executeScript("CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT, paidOn DATE, fen BIGINT, ok BOOLEAN)")
        try c.execute("INSERT INTO t (name, paidOn, fen, ok) VALUES (?, ?, ?, ?)", [.text("王芳"), .text("2024-03-31"), .int(100_050), .text("true")])
        try c.copy("COPY t (name, paidOn, fen, ok) FROM STDIN") { w in
            w.text("tab\there\\ and\nnewline"); w.text("2024-01-05"); w.int(7); w.null(); try w.endRow()
            w.null(); w.text("2024-02-01"); w.int(nil); w.text("false"); try w.endRow()
        }
        let rows = try c.query("SELECT name, paidOn, fen, ok, SUM(fen) OVER () AS total FROM t WHERE paidOn >= $1 ORDER BY id", [.text("2024-01-01")])
        #expect(rows.map(\.values) == [
            [.text("王芳"), .text("2024-03-31"), .int(100_050), .int(1), .int(100_057)],
            [.text("tab\there\\ and\nnewline"), .text("2024-01-05"), .int(7), .null, .int(100_057)],
            [.null, .text("2024-02-01"), .null, .int(0), .int(100_057)],
        ])
        #expect(rows[0].columns == ["name", "paidon", "fen", "ok", "total"])
        do {
            try c.execute("SELECT * FROM missing")
            Issue.record("no error")
        } catch let e as PostgresError {
            #expect(e.sqlState == "42P01")
            #expect(e.storeError.text(.en) == "the PostgreSQL server refused the statement (42P01): relation \"missing\" does not exist")
            #expect(e.storeError.text(.zh) == "PostgreSQL 服务器拒绝了该语句（42P01）：relation \"missing\" does not exist")
        }
        // A COPY that fails leaves nothing and the connection usable.
        #expect(throws: PostgresError.self) {
            try c.copy("COPY t (name, paidOn) FROM STDIN") { w in w.text("x"); w.text("not a date"); try w.endRow() }
        }
        #expect(try c.query("SELECT COUNT(*) AS n FROM t").first?.int("n") == 3)
    }

    /// Under CI the PostgreSQL suites must run: a missing server is a failure, not a skip.
    @Test func ciRunsThePostgresSuites() {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(PostgresTestServer.available, "CI=true but FULIAN_TEST_POSTGRES is not set: .ci/run starts a cluster and sets it")
        }
    }
}
