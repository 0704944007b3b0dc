import Foundation
import FulianCore
import FulianImport
@testable @_spi(Testing) import FulianStore
import Testing
import TestSupport

/// The PostgreSQL bulk path (COPY into staging tables, set-based inserts) stores what SQLite stores; every
/// big-table row carries its district; the statement-level reference checks of v4 refuse orphans as the
/// foreign keys did.
@Suite(.enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
struct PostgresBulkTests {
    /// Two districts (one with a street and a town), a unit straight under the city, and the city itself.
    static let register = """
        单位名称,类型,上级单位,代码
        渝州市,市,,
        市妇女儿童中心,社会组织,渝州市,
        青溪区,区,渝州市,
        东湖街道,街道,青溪区,DH01
        东湖社区,社区,东湖街道,
        北苑社区,社区,东湖街道,
        白鹤县,县,渝州市,
        白鹤镇,镇,白鹤县,
        古坪村,村,白鹤镇,
        """

    /// Aid rows in both districts and under the city, with a repeated payment, a person without an ID
    /// number and a programme spelled two ways.
    static let aid = """
        姓名,身份证号,所属社区,救助项目,发放日期,金额（元）,资金来源
        王芳,110105196001010025,东湖社区,春蕾计划,2024-01-05,500,区财政
        李娟,110105197002020027,古坪村,贫困母亲救助,2024-02-06,300.50,县财政
        王芳,110105196001010025,东湖社区,春蕾计划,2024-01-05,500,区财政
        张丽,,北苑社区,春蕾计划,2024-03-07,200,社会捐赠
        赵敏,110105198003030029,市妇女儿童中心,“春蕾计划”,2024-03-08,100,市财政
        李娟,110105197002020027,古坪村,贫困母亲救助,2023-12-30,300.50,县财政
        """

    /// Members: one person twice (her ethnicity given only the second time), a repeated row, a member without ID.
    static let members = """
        姓名,身份证号,性别,民族,文化程度,联系电话,所属单位,职务,任职时间,离任时间,身份标签
        王芳,110105196001010025,女,,大专,,东湖社区,主席,2023-05-01,,网格员
        王芳,110105196001010025,女,汉族,本科,13800001111,北苑社区,委员,2023-05-01,,
        李娟,110105197002020027,女,土家族,,,古坪村,副主席,2022-01-01,2024-06-30,
        李娟,110105197002020027,女,土家族,,,古坪村,副主席,2022-01-01,2024-06-30,
        陈红,,女,,,,白鹤镇,委员,,,
        """

    /// Activities in both districts, one repeated and one differing only in an empty count.
    static let activities = """
        活动名称,活动类型,举办单位,活动日期,参与人次,参会企业数,提供岗位数,求职人次,达成就业意向人数
        春季招聘会,招聘会,东湖社区,2024-03-01,120,10,80,150,12
        家庭教育讲座,讲座,古坪村,2024-03-02,40,,,,
        春季招聘会,招聘会,东湖社区,2024-03-01,120,10,80,150,12
        家庭教育讲座,讲座,古坪村,2024-03-02,41,,,,
        全市培训,培训,渝州市,2024-03-03,60,,,,
        """

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-pgbulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ files: [String: String], in dir: URL) throws {
        for (name, text) in files { try (text + "\n").write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    }

    /// Runs `body` with a folder holding the district's four files (and `extra` ones) and a fresh database,
    /// both removed afterwards.
    static func withDistrict(_ extra: [String: String] = [:], _ body: (URL, PostgresTestDatabase) throws -> Void) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(["register.csv": register, "aid.csv": aid, "members.csv": members, "activities.csv": activities].merging(extra) { $1 }, in: dir)
        let db = try PostgresTestServer.database()
        defer { db.drop() }
        try body(dir, db)
    }

    static func importAll(_ store: Store, _ dir: URL) throws -> [FileImportResult] {
        try [("register.csv", Dataset.orgs), ("aid.csv", .aid), ("members.csv", .members), ("activities.csv", .activities)].map { name, dataset in
            try store.importFile(FileImportRequest(path: dir.appendingPathComponent(name).path, options: ImportOptions(dataset: dataset)))
        }
    }

    /// The stored rows of the big tables and persons, by names rather than ids, in id order (disbursements in
    /// the detail sheet's order, by date and then id: PostgreSQL stores a file's rows by date).
    static let contents = [
        """
        SELECT p.personKey, p.name, p.gender, CAST(p.birthDate AS TEXT) AS birth, p.ethnicity, p.education, p.phone
        FROM person p ORDER BY p.personKey
        """,
        """
        SELECT p.personKey, pr.name AS program, o.name AS org, CAST(d.paidOn AS TEXT) AS paidOn, d.amountFen, d.source, d.sourceRow
        FROM disbursement d JOIN person p ON p.id = d.personId JOIN program pr ON pr.id = d.programId JOIN org o ON o.id = d.orgId
        ORDER BY d.paidOn, d.id
        """,
        """
        SELECT p.personKey, o.name AS org, m.role, CAST(m.termStart AS TEXT) AS termStart, CAST(m.termEnd AS TEXT) AS termEnd, m.tags, m.sourceRow
        FROM membership m JOIN person p ON p.id = m.personId JOIN org o ON o.id = m.orgId ORDER BY m.id
        """,
        """
        SELECT a.title, a.kind, o.name AS org, CAST(a.heldOn AS TEXT) AS heldOn, a.participants, a.employers, a.positions, a.seekers,
               a.placements, a.sourceRow
        FROM activity a JOIN org o ON o.id = a.orgId ORDER BY a.id
        """,
        "SELECT name FROM program ORDER BY id",
    ]

    static func dump(_ store: Store) throws -> [[String]] {
        try contents.map { q in
            try store.read { c in try c.fetchAll(q, []).map { r in r.values.map { $0.text ?? "∅" }.joined(separator: "|") } }
        }
    }

    @Test func membersActivitiesAndAidStoreWhatSQLiteStores() throws {
        try Self.withDistrict { dir, db in
            let pg = try Store(path: db.uri)
            let lite = try Store(path: dir.appendingPathComponent("store.sqlite").path)
            let a = try Self.importAll(pg, dir), b = try Self.importAll(lite, dir)
            for (x, y) in zip(a, b) {
                #expect(x.loaded == y.loaded && x.duplicates == y.duplicates && x.rejected == y.rejected, "\(x.file)")
                #expect(x.issues.map { $0.message.text(.en) } == y.issues.map { $0.message.text(.en) }, "\(x.file)")
            }
            #expect(a.map(\.loaded) == [9, 5, 4, 4])
            #expect(a.map(\.duplicates) == [0, 1, 1, 1])
            #expect(a[1].issues.filter { $0.category == "duplicate" }.map { "\($0.row ?? 0) \($0.message.text(.en))" } == [
                "4 the same disbursement (person, 春蕾计划, 2024-01-05, 500.00 yuan) is already stored from row 2 of this file; skipped",
            ])
            #expect(a[2].issues.filter { $0.category == "duplicate" }.map { "\($0.row ?? 0)" } == ["5"])
            #expect(a[3].issues.filter { $0.category == "duplicate" }.map { "\($0.row ?? 0)" } == ["4"])
            let stored = try Self.dump(pg)
            #expect(stored == (try Self.dump(lite)))
            // The member's facts: the first given (大专 from row 2, 汉族 and the phone from row 3).
            #expect(stored[0].contains("id:110105196001010025|王芳|F|1960-01-01|汉族|大专|13800001111"))
            // A second file with the same members and one more: every earlier row is found stored.
            try Self.write(["members2.csv": Self.members + "\n周梅,,女,,,,东湖社区,委员,,,"], in: dir)
            let again = try pg.importFile(FileImportRequest(path: dir.appendingPathComponent("members2.csv").path, options: ImportOptions(dataset: .members)))
            let againLite = try lite.importFile(FileImportRequest(path: dir.appendingPathComponent("members2.csv").path, options: ImportOptions(dataset: .members)))
            #expect(again.loaded == 1 && again.duplicates == 5, "\(again.loaded) \(again.duplicates) \(again.status)")
            #expect(again.issues.map { $0.message.text(.en) } == againLite.issues.map { $0.message.text(.en) })
            #expect(try Self.dump(pg) == (try Self.dump(lite)))
        }
    }

    @Test func everyRowCarriesItsDistrict() throws {
        try Self.withDistrict { dir, db in
            let store = try Store(path: db.uri)
            _ = try Self.importAll(store, dir)
            func districts(_ table: String) throws -> [String] {
                try store.read { c in
                    try c.fetchAll("""
                        SELECT o.name AS unit, dd.name AS district FROM \(table) t JOIN org o ON o.id = t.orgId JOIN org dd ON dd.id = t.districtId
                        ORDER BY t.sourceRow
                        """, []).map { "\($0.text("unit")!) \($0.text("district")!)" }
                }
            }
            #expect(try districts("disbursement") == ["东湖社区 青溪区", "古坪村 白鹤县", "北苑社区 青溪区", "市妇女儿童中心 渝州市", "古坪村 白鹤县"])
            #expect(try districts("membership") == ["东湖社区 青溪区", "北苑社区 青溪区", "古坪村 白鹤县", "白鹤镇 白鹤县"])
            #expect(try districts("activity") == ["东湖社区 青溪区", "古坪村 白鹤县", "古坪村 白鹤县", "渝州市 渝州市"])
            // A district's rows are found through the index on (districtId, paidOn).
            let c = try PostgresConnection(uri: db.uri)
            try c.executeScript("SET enable_seqscan = off")
            let plan = try c.query("""
                EXPLAIN (COSTS OFF) SELECT COUNT(*) FROM disbursement
                WHERE districtId = (SELECT id FROM org WHERE name = '青溪区') AND paidOn BETWEEN DATE '2024-01-01' AND DATE '2024-03-31'
                """).compactMap { $0.text("QUERY PLAN") }.joined(separator: "\n")
            #expect(plan.contains("disbursement_2024_districtid_paidon_idx"), "\(plan)")
            // A register that moves 东湖街道 to 白鹤县 moves its rows' district too.
            try Self.write(["move.csv": "单位名称,类型,上级单位,代码\n东湖街道,街道,白鹤县,DH01"], in: dir)
            _ = try store.importFile(FileImportRequest(path: dir.appendingPathComponent("move.csv").path, options: ImportOptions(dataset: .orgs)))
            #expect(try districts("disbursement") == ["东湖社区 白鹤县", "古坪村 白鹤县", "北苑社区 白鹤县", "市妇女儿童中心 渝州市", "古坪村 白鹤县"])
            #expect(try districts("membership") == ["东湖社区 白鹤县", "北苑社区 白鹤县", "古坪村 白鹤县", "白鹤镇 白鹤县"])
        }
    }

    @Test func theDatabaseStillRefusesOrphans() throws {
        try Self.withDistrict { dir, db in
            let store = try Store(path: db.uri)
            let results = try Self.importAll(store, dir)
            let c = try PostgresConnection(uri: db.uri)
            func refused(_ sql: String) -> String? {
                do { try c.executeScript(sql); return nil } catch let e as PostgresError { return e.sqlState } catch { return "\(error)" }
            }
            let row = "(SELECT id FROM org WHERE name = '东湖社区'), (SELECT id FROM org WHERE name = '青溪区'), DATE '2024-05-01', 100, \(results[1].batchId!), 99"
            // A row naming a person, programme, unit or batch that does not exist.
            #expect(refused("INSERT INTO disbursement (personId, programId, orgId, districtId, paidOn, amountFen, batchId, sourceRow) VALUES (987654, 1, \(row))") == "23503")
            #expect(refused("INSERT INTO disbursement (personId, programId, orgId, districtId, paidOn, amountFen, batchId, sourceRow) VALUES (1, 987654, \(row))") == "23503")
            #expect(refused("INSERT INTO disbursement (personId, programId, orgId, districtId, paidOn, amountFen, batchId, sourceRow) VALUES (1, 1, 987654, 1, DATE '2024-05-01', 100, \(results[1].batchId!), 99)") == "23503")
            #expect(refused("INSERT INTO membership (personId, orgId, districtId, role, batchId, sourceRow) VALUES (987654, 1, 1, '委员', \(results[2].batchId!), 9)") == "23503")
            #expect(refused("INSERT INTO activity (kind, orgId, districtId, heldOn, batchId, sourceRow) VALUES ('讲座', 1, 1, DATE '2024-05-01', 987654, 9)") == "23503")
            #expect(refused("UPDATE disbursement SET personId = 987654 WHERE sourceRow = 2") == "23503")
            // A valid row goes in.
            #expect(refused("INSERT INTO disbursement (personId, programId, orgId, districtId, paidOn, amountFen, batchId, sourceRow) VALUES ((SELECT MIN(id) FROM person), 1, \(row))") == nil)
            // Deleting or re-keying a referenced parent, or truncating it, is refused.
            #expect(refused("DELETE FROM person WHERE personKey = 'id:110105196001010025'") == "23503")
            #expect(refused("DELETE FROM org WHERE name = '古坪村'") == "23503")
            #expect(refused("DELETE FROM program WHERE name = '春蕾计划'") == "23503")
            #expect(refused("UPDATE person SET id = id + 1000 WHERE personKey = 'id:110105196001010025'") == "23503")
            #expect(refused("TRUNCATE person CASCADE") == "0A000")
            // A person no row names may go.
            #expect(refused("INSERT INTO person (personKey, name) VALUES ('name:无人@1', '无人'); DELETE FROM person WHERE personKey = 'name:无人@1'") == nil)
            // Deleting a batch deletes its rows, as ON DELETE CASCADE did.
            #expect(refused("DELETE FROM importBatch WHERE dataset IN ('aid', 'members', 'activities')") == nil)
            #expect(try store.read { c in try c.fetchInt("SELECT (SELECT COUNT(*) FROM disbursement) + (SELECT COUNT(*) FROM membership) + (SELECT COUNT(*) FROM activity)") } == 0)
        }
    }

    /// A file with many issues (past ``BatchWriter/postgresIssuesByRow`` they go through COPY) stores the
    /// same issue rows, in the same order, as SQLite.
    @Test func manyIssuesAreStoredAsSQLiteStoresThem() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var aid = "姓名,身份证号,所属社区,救助项目,发放日期,金额（元）,资金来源,联系电话\n"
        for i in 0..<40 {
            aid += i % 2 == 0 ? "王芳,110105196001010025,东湖社区,春蕾计划,2024-01-\(String(format: "%02d", i / 2 + 1)),待定,区财政,13800001111\n"
                              : "李娟,110105197002020027,古坪村,春蕾计划,2024-02-06,300.50,\t县财政,\n"
        }
        try Self.write(["register.csv": Self.register, "aid.csv": aid], in: dir)
        let db = try PostgresTestServer.database()
        defer { db.drop() }
        let pg = try Store(path: db.uri), lite = try Store(path: dir.appendingPathComponent("store.sqlite").path)
        var counts: [Int] = []
        for store in [pg, lite] {
            for (name, dataset) in [("register.csv", Dataset.orgs), ("aid.csv", .aid)] {
                let r = try store.importFile(FileImportRequest(path: dir.appendingPathComponent(name).path, options: ImportOptions(dataset: dataset)))
                if dataset == .aid { counts.append(r.issues.count) }
            }
        }
        let issues = """
            SELECT i.severity, i.sheet, i.row, i."column", i.field, i.category, i.message FROM importIssue i
            JOIN importBatch b ON b.id = i.batchId WHERE b.dataset = 'aid' ORDER BY i.id
            """
        func stored(_ store: Store) throws -> [String] {
            try store.read { c in try c.fetchAll(issues, []).map { r in r.values.map { $0.text ?? "∅" }.joined(separator: "|") } }
        }
        #expect(counts[0] == counts[1] && counts[0] > BatchWriter.postgresIssuesByRow, "\(counts)")
        #expect(try stored(pg) == (try stored(lite)))
        #expect(try stored(pg).count == counts[0])
        let rows = try stored(pg)
        #expect(rows.prefix(2) == ["warning|∅|1|8|∅|unknown-column|“联系电话”列不是 aid 的字段，不保存", "error|∅|2|6|amount|bad-amount|金额(元)：待定 不是金额"])
        #expect(rows.filter { $0.contains("|bad-amount|") }.count == 20 && rows.filter { $0.contains("|duplicate|") }.count == 19)
    }

    /// v5 checks a batch's persons without locking them: a delete of a person an import in progress
    /// names must wait for that import (then be refused), not orphan its rows.
    @Test func aPersonDeleteWaitsForTheImportThatNamesHer() throws {
        try Self.withDistrict { dir, db in
            let results = try Self.importAll(try Store(path: db.uri), dir)
            let importer = try PostgresConnection(uri: db.uri), admin = try PostgresConnection(uri: db.uri)
            func state(_ sql: String) -> String? {
                do { try admin.executeScript(sql); return nil } catch let e as PostgresError { return e.sqlState } catch { return "\(error)" }
            }
            try importer.executeScript("INSERT INTO person (personKey, name) VALUES ('name:新人@1', '新人')")
            try importer.executeScript("""
                BEGIN;
                INSERT INTO disbursement (personId, programId, orgId, districtId, paidOn, amountFen, batchId, sourceRow)
                SELECT (SELECT id FROM person WHERE personKey = 'name:新人@1'), (SELECT MIN(id) FROM program),
                       (SELECT id FROM org WHERE name = '东湖社区'), (SELECT id FROM org WHERE name = '青溪区'), DATE '2024-06-01', 100, \(results[1].batchId!), 50;
                """)
            // While the import is open, the delete waits (here: gives up after 300 ms) instead of going ahead.
            #expect(state("SET lock_timeout = '300ms'; DELETE FROM person WHERE personKey = 'name:新人@1'") == "55P03")
            try importer.executeScript("COMMIT")
            #expect(state("SET lock_timeout = 0; DELETE FROM person WHERE personKey = 'name:新人@1'") == "23503")
            #expect(try importer.query("SELECT COUNT(*) AS n FROM disbursement d JOIN person p ON p.id = d.personId WHERE p.personKey = 'name:新人@1'")
                .first?.int("n") == 1)
        }
    }

    /// A payment another import holds (not committed yet) when this import stores its rows: this import waits
    /// for it, finds it stored, and reports its own row as the duplicate, as a serial import would.
    @Test func aPaymentAConcurrentImportStoresFirstIsTheDuplicate() throws {
        let aid2 = """
            姓名,身份证号,所属社区,救助项目,发放日期,金额（元）,资金来源
            李娟,110105197002020027,古坪村,贫困母亲救助,2024-05-01,300.50,县财政
            王芳,110105196001010025,东湖社区,春蕾计划,2024-05-02,500,区财政
            """
        try Self.withDistrict(["aid2.csv": aid2]) { dir, db in
            let store = try Store(path: db.uri)
            _ = try Self.importAll(store, dir)
            let other = try PostgresConnection(uri: db.uri)
            try other.executeScript("""
                BEGIN;
                INSERT INTO importBatch (fileName, sha256, dataset, format, headerRows, rowsRead, loaded, rejected, duplicates, warnings, importedAt)
                    VALUES ('街道报送.csv', 'other', 'aid', 'csv', '1', 1, 1, 0, 0, 0, '2024-05-03T00:00:00Z');
                INSERT INTO disbursement (personId, programId, orgId, districtId, paidOn, amountFen, batchId, sourceRow)
                SELECT p.id, pr.id, o.id, d.id, DATE '2024-05-01', 30050, (SELECT id FROM importBatch WHERE sha256 = 'other'), 7
                FROM person p, program pr, org o, org d
                WHERE p.personKey = 'id:110105197002020027' AND pr.name = '贫困母亲救助' AND o.name = '古坪村' AND d.name = '白鹤县';
                """)
            // The other import commits once this one is waiting for its row.
            let committed = DispatchSemaphore(value: 0)
            let connections = Connections(other: other, watcher: try PostgresConnection(uri: db.uri))
            DispatchQueue.global().async {
                let (other, watcher) = (connections.other, connections.watcher)
                for _ in 0..<600 {
                    let waiting = (try? watcher.query("""
                        SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                        """).first?.int("n")) ?? 0
                    if waiting ?? 0 > 0 { break }
                    Thread.sleep(forTimeInterval: 0.05)
                }
                try? other.executeScript("COMMIT")
                committed.signal()
            }
            let result = try store.importFile(FileImportRequest(path: dir.appendingPathComponent("aid2.csv").path, options: ImportOptions(dataset: .aid)))
            committed.wait()
            #expect(result.loaded == 1 && result.duplicates == 1, "\(result.loaded) \(result.duplicates)")
            #expect(result.issues.filter { $0.category == "duplicate" }.map { "\($0.row ?? 0) \($0.message.text(.en))" } == [
                "2 the same disbursement (person, 贫困母亲救助, 2024-05-01, 300.50 yuan) is already stored from 街道报送.csv row 7; skipped",
            ])
            #expect(try store.read { c in try c.fetchInt("SELECT COUNT(*) FROM disbursement WHERE paidOn = DATE '2024-05-01'") } == 1)
            #expect(try store.read { c in try c.fetchInt("SELECT COUNT(*) FROM disbursement WHERE paidOn = DATE '2024-05-02'") } == 1)
        }
    }

    /// A v2 store's rows get their district when v4 is applied.
    @Test func upgradingFillsTheDistricts() throws {
        let db = try PostgresTestServer.database()
        defer { db.drop() }
        let c = try PostgresConnection(uri: db.uri)
        try c.executeScript(PostgresSchema.versionTable)
        for m in PostgresSchema.migrations where m.version <= 2 {
            try c.executeScript(m.sql)
            try c.execute("INSERT INTO fulianSchema (version) VALUES (?)", [.int(Int64(m.version))])
        }
        try c.executeScript("""
            INSERT INTO org (id, name, parentId, kind) VALUES (1, '渝州市', NULL, 'city'), (2, '青溪区', 1, 'district'),
                (3, '东湖街道', 2, 'street'), (4, '东湖社区', 3, 'community'), (5, '市妇女儿童中心', 1, 'other'), (6, '孤岛社区', NULL, 'community');
            INSERT INTO importBatch (id, fileName, sha256, dataset, format, headerRows, rowsRead, loaded, rejected, duplicates, warnings, importedAt)
                VALUES (1, 'a.csv', 'x', 'aid', 'csv', '1', 3, 3, 0, 0, 0, '2024-01-01T00:00:00Z');
            INSERT INTO program (id, name) VALUES (1, '春蕾计划');
            INSERT INTO person (id, personKey, name) VALUES (1, 'name:甲@4', '甲');
            INSERT INTO disbursement (personId, programId, orgId, paidOn, amountFen, batchId, sourceRow) VALUES
                (1, 1, 4, DATE '2024-01-01', 100, 1, 2), (1, 1, 5, DATE '2024-01-02', 100, 1, 3), (1, 1, 6, DATE '2024-01-03', 100, 1, 4);
            INSERT INTO activity (kind, orgId, heldOn, batchId, sourceRow) VALUES ('讲座', 3, DATE '2024-01-01', 1, 2);
            INSERT INTO membership (personId, orgId, role, batchId, sourceRow) VALUES (1, 2, '主席', 1, 2);
            """)
        let store = try Store(path: db.uri)
        #expect(try store.read { c in try c.fetchTexts("SELECT version::text FROM fulianSchema ORDER BY version") } == ["1", "2", "3", "4", "5"])
        #expect(try store.read { c in try c.fetchTexts("SELECT orgId || '>' || districtId FROM disbursement ORDER BY id") } == ["4>2", "5>1", "6>6"])
        #expect(try store.read { c in try c.fetchTexts("SELECT orgId || '>' || districtId FROM activity") } == ["3>2"])
        #expect(try store.read { c in try c.fetchTexts("SELECT orgId || '>' || districtId FROM membership") } == ["2>2"])
        // The foreign keys of v1 are gone from the big tables; the statement-level checks replace them.
        #expect(try store.read { c in
            try c.fetchInt("""
                SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('disbursement'::regclass, 'activity'::regclass, 'membership'::regclass)
                """)
        } == 0)
    }
}

/// Two connections handed to the thread that watches and commits (each used by that thread alone).
private final class Connections: @unchecked Sendable {
    let other: PostgresConnection, watcher: PostgresConnection
    init(other: PostgresConnection, watcher: PostgresConnection) { (self.other, self.watcher) = (other, watcher) }
}
