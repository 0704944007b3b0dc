import Foundation
import FulianCore
@_spi(Testing) import FulianStore

/// The PostgreSQL server the tests may use: `FULIAN_TEST_POSTGRES` (`postgresql://postgres@127.0.0.1:54329/postgres`,
/// set by `.ci/run` for its throwaway cluster). Each test takes a database of its own, so suites run in parallel.
public enum PostgresTestServer {
    /// The server's URI, when set.
    public static var uri: String? {
        ProcessInfo.processInfo.environment["FULIAN_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the PostgreSQL tests run.
    public static var available: Bool { uri != nil }

    /// Why a PostgreSQL test is skipped.
    public static let skipReason = "FULIAN_TEST_POSTGRES is not set: PostgreSQL tests skipped (under CI=true they fail)"

    /// A new empty database on the server, dropped by ``PostgresTestDatabase/drop()`` (or when released).
    public static func database() throws -> PostgresTestDatabase {
        guard let uri else { throw PostgresTestError.notConfigured }
        return try PostgresTestDatabase(server: uri)
    }
}

extension PostgresTestServer {
    /// Runs `sql` (one or more statements) on the database at `uri`, as the login the URI names: nil when it
    /// ran, else the refusal as the store words it in English (`the PostgreSQL server refused the statement (42501): …`).
    public static func run(_ uri: String, _ sql: String) -> String? {
        do {
            try PostgresAdmin.execute(server: uri, sql)
            return nil
        } catch let e as StoreError {
            return e.text(.en)
        } catch {
            return "\(error)"
        }
    }

    /// `uri` with its login replaced by `login` (the test cluster trusts every login, no password).
    public static func uri(_ uri: String, login: String) -> String {
        let scheme = uri.range(of: "://")!.upperBound
        let at = uri[scheme...].firstIndex(of: "@")!
        return String(uri[..<scheme]) + login + String(uri[at...])
    }
}

/// `FULIAN_TEST_POSTGRES` is not set.
public enum PostgresTestError: Error { case notConfigured }

/// A database created for one test (`fulian_test_<uuid>`).
public final class PostgresTestDatabase: @unchecked Sendable {
    /// The database's URI.
    public let uri: String
    /// Its name.
    public let name: String
    private let server: String
    private var dropped = false

    init(server: String) throws {
        self.server = server
        name = "fulian_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        uri = PostgresTestDatabase.uri(server, database: name)
        try PostgresAdmin.execute(server: server, "CREATE DATABASE \(name)")
    }

    /// `server` with its database replaced by `database` (query parameters kept).
    public static func uri(_ server: String, database: String) -> String {
        let scheme = server.range(of: "://")!.upperBound
        let query = server.firstIndex(of: "?") ?? server.endIndex
        let slash = server[scheme..<query].firstIndex(of: "/") ?? query
        return String(server[..<slash]) + "/" + database + String(server[query...])
    }

    /// Drops the database (its connections are ended first).
    public func drop() {
        guard !dropped else { return }
        dropped = true
        try? PostgresAdmin.execute(server: server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    deinit { drop() }
}
