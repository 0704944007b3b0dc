import Foundation
import Testing
import TestSupport

/// Who may write what in a shared PostgreSQL store (schema v3): a district office's login imports only
/// rows of units under its district and replaces only its own batches, enforced by row-level security in
/// the database (raw SQL as that login is refused too); a reader login reads everything and writes nothing.
@Suite(.serialized, .enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
struct PostgresAccessTests {
    /// The logins of one test, unique on the cluster (roles are the cluster's, not one database's).
    struct Logins {
        let tag = String(UUID().uuidString.prefix(8)).lowercased()
        var jiangbei: String { "jb_\(tag)" }
        var yubei: String { "yb_\(tag)" }
        var reader: String { "rd_\(tag)" }
        var unassigned: String { "nb_\(tag)" }
        var city: String { "city_\(tag)" }
        var all: [String] { [jiangbei, yubei, reader, unassigned, city] }
    }

    /// The administrator's set-up of notebooks-docs/06-shared-store.md, for the test database `name`.
    static func grants(_ l: Logins, database name: String) -> String {
        let writers = [l.jiangbei, l.yubei, l.unassigned, l.city].joined(separator: ", ")
        return """
            \(l.all.map { "CREATE ROLE \($0) LOGIN;" }.joined(separator: " "))
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(writers);
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(writers);
            GRANT TEMPORARY ON DATABASE \(name) TO \(writers);
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(l.reader);
            ALTER ROLE \(l.reader) IN DATABASE \(name) SET default_transaction_read_only = on;
            INSERT INTO fulianAccess (login, orgId) SELECT '\(l.jiangbei)', id FROM org WHERE name = '江北区';
            INSERT INTO fulianAccess (login, orgId) SELECT '\(l.yubei)', id FROM org WHERE name = '渝北区';
            INSERT INTO fulianAccess (login, orgId) VALUES ('\(l.city)', NULL);
            """
    }

    @Test func eachLoginWritesOnlyUnderItsUnits() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let l = Logins()
        defer { _ = PostgresTestServer.run(PostgresTestServer.uri!, l.all.map { "DROP ROLE IF EXISTS \($0);" }.joined(separator: " ")) }
        let pg = try PostgresTestServer.database()
        defer { pg.drop() }
        func as_(_ login: String) -> String { PostgresTestServer.uri(pg.uri, login: login) }
        func fulian(_ args: [String], _ login: String, zh: Bool = false) throws -> CLIRunner.Output {
            try CLIRunner.run(args + ["--db", as_(login)], in: dir, environment: zh ? ["FULIAN_LANG": "zh"] : [:])
        }
        let city = "fixtures/city/"
        // The owner of the tables (the cluster's superuser here) loads the city's registers, then sets up the logins.
        let registers = try CLIRunner.run(["import", "orgs", city + "registers/渝州市区县名册.csv", city + "registers/江北区社区名册.csv",
                                           city + "registers/渝北区社区名册.csv", "--db", pg.uri], in: dir)
        #expect(registers.status == 0, "\(registers.stderr)")
        #expect(PostgresTestServer.run(pg.uri, Self.grants(l, database: pg.name)) == nil)

        // Each district's office imports its own file.
        let jb = try fulian(["import", "aid", city + "aid/石马河街道2024年一季度救助发放表.csv"], l.jiangbei)
        #expect(jb.status == 0 && jb.stdout.contains("4 rows: 4 loaded, 0 rejected"), "\(jb.stdout)\(jb.stderr)")
        let yb = try fulian(["import", "aid", city + "aid/渝北区2024年一季度救助发放表.csv"], l.yubei)
        #expect(yb.status == 0 && yb.stdout.contains("4 rows: 3 loaded, 1 rejected"), "\(yb.stdout)\(yb.stderr)")

        // A row of the other district is refused before anything is written; the rest of the file is stored.
        try """
            姓名,身份证号,所属街道,所属社区,救助项目,发放日期,金额（元）
            王秀英,439801198001010214,石马河街道,幸福社区,春蕾计划,2024-03-11,1000.00
            郑秀兰,439803198108090915,双龙湖街道,幸福社区,春蕾计划,2024-03-15,700.00

            """.write(to: dir.appendingPathComponent("混合.csv"), atomically: true, encoding: .utf8)
        let zhMixed = try fulian(["import", "aid", "混合.csv", "--dry-run"], l.jiangbei, zh: true)
        #expect(zhMixed.stdout.contains("""
            混合.csv 第 3 行第 4 列：错误 [outside-scope] 所属社区：渝州市/渝北区/双龙湖街道/幸福社区 不在登录 \(l.jiangbei) 可写入的单位\
            （渝州市/江北区及其下属单位）之内，本行未导入；该单位的数据应由有权写入它的账号导入
            """), "\(zhMixed.stdout)")
        let mixed = try fulian(["import", "aid", "混合.csv"], l.jiangbei)
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stdout.contains("2 rows: 1 loaded, 1 rejected"), "\(mixed.stdout)")
        #expect(mixed.stdout.contains("""
            混合.csv:R3C4: error [outside-scope] 所属社区: 渝州市/渝北区/双龙湖街道/幸福社区 is outside the units login \(l.jiangbei) may \
            write (渝州市/江北区 and the units under them); row not imported (a login given that unit, or a unit above it, imports its rows)
            """), "\(mixed.stdout)")

        // A register: new units under the login's streets are written; units of the other district, and units
        // the file would create there, are not.
        try """
            单位名称,类型,上级单位
            石马河新社区,社区,石马河街道
            双龙湖新社区,社区,双龙湖街道
            回兴街道,街道,渝北区
            新建街道,街道,渝北区
            新村社区,社区,新建街道
            江北区,区,渝州市

            """.write(to: dir.appendingPathComponent("名册.csv"), atomically: true, encoding: .utf8)
        let register = try fulian(["import", "orgs", "名册.csv"], l.jiangbei)
        #expect(register.status == 0, "\(register.stderr)")
        #expect(register.stdout.contains("6 rows: 2 loaded, 4 rejected"), "\(register.stdout)")
        let refusedUnits = register.stdout.split(separator: "\n").filter { $0.contains("[outside-scope]") }.map {
            String($0.split(separator: " ")[3])
        }
        #expect(refusedUnits == ["渝州市/渝北区/双龙湖街道/双龙湖新社区", "渝州市/渝北区/回兴街道", "渝州市/渝北区/新建街道",
                                 "渝州市/渝北区/新建街道/新村社区"], "\(register.stdout)")
        let units = try fulian(["sql", "SELECT name FROM org WHERE name IN ('石马河新社区', '双龙湖新社区', '新建街道', '新村社区') ORDER BY name", "--format", "csv"], l.reader)
        #expect(units.stdout == "name\n石马河新社区\n", "\(units.stdout)\(units.stderr)")

        // Another office's batch cannot be replaced.
        let yubeiBatch = try fulian(["sql", "SELECT id FROM importBatch WHERE owner = '\(l.yubei)'", "--format", "csv"], l.reader)
        let batch = yubeiBatch.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let replace = try fulian(["import", "aid", city + "aid/石马河街道2024年一季度救助发放表.csv", "--replace-batch", batch], l.jiangbei)
        #expect(replace.status == 1 && replace.stdout.isEmpty)
        #expect(replace.stderr.hasPrefix("error: 石马河街道2024年一季度救助发放表.csv: batch \(batch) ("), "\(replace.stderr)")
        #expect(replace.stderr.hasSuffix(") was imported by login \(l.yubei); login \(l.jiangbei) may replace or delete only its own "
                                         + "batches; nothing was replaced\n"), "\(replace.stderr)")
        let zhReplace = try fulian(["import", "aid", city + "aid/石马河街道2024年一季度救助发放表.csv", "--replace-batch", batch], l.jiangbei, zh: true)
        #expect(zhReplace.stderr.hasSuffix("） 是登录 \(l.yubei) 导入的，登录 \(l.jiangbei) 只能替换或删除自己导入的批次；未替换任何批次\n"),
                "\(zhReplace.stderr)")
        // Its own batch can: that batch, and only it, is replaced.
        func batches() throws -> [String] {
            try fulian(["sql", "SELECT id, owner, path, loaded FROM importBatch WHERE fileName = '石马河街道2024年一季度救助发放表.csv' ORDER BY id",
                        "--format", "csv"], l.reader).stdout.split(separator: "\n").dropFirst().map(String.init)
        }
        let before = try batches()
        #expect(before.count == 1 && before[0].split(separator: ",")[1] == Substring(l.jiangbei), "\(before)")
        let old = before.first?.split(separator: ",").map(String.init) ?? ["", "", "", ""]
        let own = try fulian(["import", "aid", city + "aid/石马河街道2024年一季度救助发放表.csv", "--replace"], l.jiangbei)
        #expect(own.status == 0 && own.stdout.hasPrefix("石马河街道2024年一季度救助发放表.csv: aid, UTF-8, header row 2 (replaced the earlier import)\n"),
                "\(own.stdout)\(own.stderr)")
        let replacedLine = own.stdout.split(separator: "\n").first { $0.hasPrefix("  replaced batch") }.map(String.init) ?? ""
        #expect(replacedLine.hasPrefix("  replaced batch \(old[0]) (\(old[2]), \(old[3]) rows, imported "), "\(own.stdout)")
        #expect(replacedLine.hasSuffix("): its rows and issues were removed"), "\(own.stdout)")
        let now = try batches()
        #expect(now.count == 1 && now[0] != before[0] && now[0].hasSuffix(",\(l.jiangbei),\(old[2]),\(old[3])"), "\(now)")

        // A login given no unit, and the reader, write nothing.
        for login in [l.unassigned, l.reader] {
            let none = try fulian(["import", "aid", city + "aid/石马河街道2024年三季度救助发放表.csv"], login)
            #expect(none.status == 1)
            #expect(none.stderr == "error: 石马河街道2024年三季度救助发放表.csv: login \(login) may write under no unit: an administrator "
                    + "lists its units in the fulianAccess table (see notebooks-docs/06-shared-store.md); nothing was stored\n", "\(none.stderr)")
            let zh = try fulian(["import", "aid", city + "aid/石马河街道2024年三季度救助发放表.csv"], login, zh: true)
            #expect(zh.stderr == "错误：石马河街道2024年三季度救助发放表.csv：登录 \(login) 没有可写入的单位：请管理员在 fulianAccess 表中为它登记单位"
                    + "（见 notebooks-docs/06-shared-store.md）；本文件未入库\n", "\(zh.stderr)")
        }
        // A login given the whole store writes anywhere, new top units included.
        let whole = try fulian(["import", "orgs", city + "registers/南岸区社区名册.csv"], l.city)
        #expect(whole.status == 0 && whole.stdout.contains(" loaded, 0 rejected"), "\(whole.stdout)\(whole.stderr)")

        // The database itself refuses, whatever program writes: raw SQL as the 江北区 login.
        let refused: [(String, String?)] = [
            // A disbursement of a 渝北区 unit, into the login's own batch.
            ("""
             INSERT INTO disbursement (personId, programId, orgId, paidOn, amountFen, batchId, sourceRow)
             SELECT (SELECT MIN(id) FROM person), (SELECT MIN(id) FROM program), (SELECT id FROM org WHERE name = '双龙湖街道'),
                    DATE '2024-05-01', 100, (SELECT MAX(id) FROM importBatch WHERE owner = current_user), 1
             """, "new row violates row-level security policy for table \"disbursement\""),
            // One of its own units, into another office's batch.
            ("""
             INSERT INTO disbursement (personId, programId, orgId, paidOn, amountFen, batchId, sourceRow)
             SELECT (SELECT MIN(id) FROM person), (SELECT MIN(id) FROM program), (SELECT id FROM org WHERE name = '石马河街道'),
                    DATE '2024-05-01', 100, \(batch), 1
             """, "new row violates row-level security policy for table \"disbursement\""),
            // Straight into a partition.
            ("""
             INSERT INTO disbursement_2024 (personId, programId, orgId, paidOn, amountFen, batchId, sourceRow)
             SELECT (SELECT MIN(id) FROM person), (SELECT MIN(id) FROM program), (SELECT id FROM org WHERE name = '石马河街道'),
                    DATE '2024-05-01', 100, (SELECT MAX(id) FROM importBatch WHERE owner = current_user), 1
             """, "new row violates row-level security policy for table \"disbursement_2024\""),
            ("INSERT INTO fulianAccess (login, orgId) VALUES (current_user, NULL)",
             "new row violates row-level security policy for table \"fulianaccess\""),
            ("INSERT INTO org (name, kind, parentId) SELECT '冒名社区', 'community', id FROM org WHERE name = '回兴街道'",
             "new row violates row-level security policy for table \"org\""),
            ("INSERT INTO importBatch (fileName, sha256, dataset, format, headerRows, rowsRead, loaded, rejected, duplicates, warnings, "
             + "importedAt, owner) VALUES ('x.csv', 'x', 'aid', 'csv', '1', 0, 0, 0, 0, 0, '2026-12-01', '\(l.yubei)')",
             "new row violates row-level security policy for table \"importbatch\""),
        ]
        for (sql, reason) in refused {
            let e = PostgresTestServer.run(as_(l.jiangbei), sql)
            #expect(e == reason.map { "the PostgreSQL server refused the statement (42501): \($0)" }, "\(sql)")
        }
        // Deleting or changing what is not its own touches no row.
        #expect(PostgresTestServer.run(as_(l.jiangbei), """
            DELETE FROM importBatch WHERE owner <> current_user;
            DELETE FROM disbursement WHERE orgId IN (SELECT id FROM org WHERE name = '双龙湖街道');
            UPDATE org SET women = 1 WHERE name = '回兴街道'
            """) == nil)
        let after = try fulian(["sql", """
            SELECT (SELECT COUNT(*) FROM importBatch WHERE owner = '\(l.yubei)') AS yubei_batches,
                   (SELECT COUNT(*) FROM disbursement d JOIN org o ON o.id = d.orgId WHERE o.name = '双龙湖街道' OR o.parentId IN
                        (SELECT id FROM org WHERE name = '双龙湖街道')) AS yubei_rows,
                   (SELECT women IS NULL FROM org WHERE name = '回兴街道') AS untouched
            """, "--format", "csv"], l.reader)
        #expect(after.stdout == "yubei_batches,yubei_rows,untouched\n1,2,1\n", "\(after.stdout)\(after.stderr)")
        // The reader sees both districts' rows: the city's report.
        let report = try fulian(["report", "aid", "--period", "2024Q1", "--format", "csv"], l.reader)
        #expect(report.status == 0, "\(report.stderr)")
        // (江北区's own row in 名册.csv, which has no code column, keeps its stored code.)
        #expect(report.stdout == """
            org,code,program,disbursements,recipients,amount
            江北区,439801000000,春蕾计划,4,3,3400.00
            江北区,439801000000,贫困母亲救助,1,1,1500.00
            渝北区,439803000000,春蕾计划,2,2,1450.00
            渝北区,439803000000,两癌救助,1,1,3000.00
            Total,,,8,7,9350.00
            """.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n", "\(report.stdout)")
    }
}
