import Foundation
import Testing
import TestSupport

/// `fulian sql` on PostgreSQL reads and never writes: each way of trying fails with a clear message and
/// exit status 1, and the store is unchanged.
@Suite(.serialized, .enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
struct PostgresSQLCommandTests {
    @Test func readsButNeverWrites() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pg = try PostgresTestServer.database()
        defer { pg.drop() }
        let imported = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv", "--db", pg.uri], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let count = try CLIRunner.run(["sql", "SELECT COUNT(*) AS n FROM org", "--format", "csv", "--db", pg.uri], in: dir)
        #expect(count.status == 0 && count.stderr.isEmpty, "\(count.stderr)")
        let units = count.stdout
        #expect(units.hasPrefix("n\n") && Int(units.dropFirst(2).trimmingCharacters(in: .newlines))! > 0, "\(units)")

        let refused: [(String, String, String)] = [
            ("INSERT INTO program (name) VALUES ('x')",
             "error: the query failed: cannot execute INSERT in a read-only transaction (fulian sql is read-only)\n",
             "错误：查询失败：cannot execute INSERT in a read-only transaction（fulian sql 只能读，不能修改数据库）\n"),
            ("DROP TABLE org CASCADE",
             "error: the query failed: cannot execute DROP TABLE in a read-only transaction (fulian sql is read-only)\n",
             "错误：查询失败：cannot execute DROP TABLE in a read-only transaction（fulian sql 只能读，不能修改数据库）\n"),
            ("COMMIT; DROP TABLE org CASCADE",
             "error: fulian sql runs one statement at a time: run statements separated by semicolons one by one; nothing was run\n",
             "错误：fulian sql 每次只运行一条语句，请把用分号隔开的语句分开运行；未运行任何语句\n"),
            ("SET transaction_read_only = off",
             "error: the query failed: transaction read-write mode must be set before any query (fulian sql is read-only)\n",
             "错误：查询失败：transaction read-write mode must be set before any query（fulian sql 只能读，不能修改数据库）\n"),
            ("SELECT * INTO stolen FROM org",
             "error: the query failed: cannot execute SELECT INTO in a read-only transaction (fulian sql is read-only)\n",
             "错误：查询失败：cannot execute SELECT INTO in a read-only transaction（fulian sql 只能读，不能修改数据库）\n"),
        ]
        for (query, en, zh) in refused {
            let e = try CLIRunner.run(["sql", query, "--db", pg.uri], in: dir)
            #expect(e.status == 1 && e.stdout.isEmpty, "\(query)")
            #expect(e.stderr == en, "\(query)")
            let z = try CLIRunner.run(["sql", query, "--db", pg.uri], in: dir, environment: ["FULIAN_LANG": "zh"])
            #expect(z.status == 1 && z.stderr == zh, "\(query): \(z.stderr)")
        }
        // Nothing changed: the same units, no program, no new table.
        let after = try CLIRunner.run(["sql", "SELECT COUNT(*) AS n FROM org", "--format", "csv", "--db", pg.uri], in: dir)
        #expect(after.stdout == units)
        let tables = try CLIRunner.run(["sql", "SELECT (SELECT COUNT(*) FROM program) AS programs, to_regclass('stolen') IS NULL AS no_copy",
                                        "--format", "csv", "--db", pg.uri], in: dir)
        #expect(tables.stdout == "programs,no_copy\n0,1\n", "\(tables.stdout)\(tables.stderr)")
    }

    /// A password given in the URI is never printed, in output or in errors.
    @Test func thePasswordNeverAppears() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pg = try PostgresTestServer.database()
        defer { pg.drop() }
        // The test cluster trusts every login, so any password is accepted and must still stay hidden.
        let uri = pg.uri.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://postgres:Hunter2Secret@")
        #expect(uri.contains("Hunter2Secret"))
        let runs = try [
            CLIRunner.run(["import", "orgs", "fixtures/import/register.csv", "--db", uri], in: dir),
            CLIRunner.run(["status", "--db", uri], in: dir),
            CLIRunner.run(["sql", "SELECT nope", "--db", uri], in: dir),
            CLIRunner.run(["report", "aid", "--period", "2024Q1", "--db", uri.replacingOccurrences(of: "/fulian_test_", with: "/missing_")], in: dir),
        ]
        for r in runs { #expect(!(r.stdout + r.stderr).contains("Hunter2Secret"), "\(r.stdout)\(r.stderr)") }
        #expect(runs[1].stdout.hasPrefix("store: postgresql://postgres:***@"), "\(runs[1].stdout)")
        #expect(runs[3].status == 1 && runs[3].stderr.contains("postgresql://postgres:***@") && runs[3].stderr.contains("does not exist"), "\(runs[3].stderr)")
    }
}
