import Foundation
@testable import FulianStore
import GRDB
import Testing
import TestSupport

/// A store written by an earlier fulian opens and migrates with its data intact.
@Suite struct SchemaMigrationTests {
    @Test func aV1StoreMigratesToOneIndexPerIdentity() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("fulian.sqlite").path

        // A store as v1 left it: one unit, one person, one disbursement.
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            var v1 = DatabaseMigrator()
            v1.registerMigration("v1") { db in try db.execute(sql: Schema.v1) }
            try v1.migrate(queue)
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO importBatch (id, fileName, sha256, dataset, format, headerRows, rowsRead, loaded, rejected,
                        duplicates, warnings, importedAt) VALUES (1, 'aid.csv', 'x', 'aid', 'csv', '1', 1, 1, 0, 0, 0, 't');
                    INSERT INTO org (id, name, kind) VALUES (1, '丰台社区', 'community');
                    INSERT INTO program (id, name) VALUES (1, '春蕾计划');
                    INSERT INTO person (id, personKey, idNumber, name, gender) VALUES (7, 'id:110105198001101006', '110105198001101006', '张三', 'F');
                    INSERT INTO disbursement (personId, programId, orgId, paidOn, amountFen, batchId, sourceRow)
                        VALUES (7, 1, 1, '2024-01-05', 100000, 1, 3);
                    """)
            }
        }

        let store = try Store(path: path)
        try store.dbQueue.read { (db: Database) throws in
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person'")
                    == ["person_personKey"])
            #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'person_personKey'") == Schema.personIndex.sql)
            // v3: one identity index, led by the date; v7: the reports' index, led by the unit and programme.
            #expect(try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'disbursement'")
                    == [Schema.disbursementIndex.sql, Schema.disbursementUnitIndex.sql])
            #expect(try String.fetchOne(db, sql: """
                SELECT p.name || ' ' || p.idNumber || ' ' || d.amountFen FROM disbursement d JOIN person p ON p.id = d.personId
                """) == "张三 110105198001101006 100000")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
        try store.dbQueue.write { (db: Database) throws in
            // The same person twice, or an ID number that is not the key's, is refused.
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO person (personKey, idNumber, name) VALUES ('id:110105198001101006', '110105198001101006', 'x')")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO person (personKey, idNumber, name) VALUES ('id:110105198102111027', '110105198001101006', 'x')")
            }
            // A disbursement still needs its person.
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: """
                    INSERT INTO disbursement (personId, programId, orgId, paidOn, amountFen, batchId, sourceRow)
                    VALUES (99, 1, 1, '2024-01-06', 100, 1, 4)
                    """)
            }
        }
    }

    /// Every row of every table, every column the v4 schema has, in id order: what the migration must keep.
    static func snapshot(_ db: Database) throws -> [String: [[String]]] {
        var out: [String: [[String]]] = [:]
        let tables = ["importBatch", "importSheet", "importIssue", "org", "person", "membership", "program", "disbursement", "activity"]
        for t in tables {
            // v6's importSheet.sectionRows is new (0 for every older sheet, checked apart).
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(t))").map { $0["name"] as String }.filter { $0 != "sectionRows" }
            let order = columns.contains("id") ? "id" : "rowid"
            out[t] = try Row.fetchAll(db, sql: "SELECT * FROM \(t) ORDER BY \(order)").map { r in
                columns.map { c in (r[c] as DatabaseValue).description }
            }
        }
        return out
    }

    /// fixtures/store-v4/demo-v4.sqlite was written by fulian 81e37a8 (schema v4, names unique): the v5
    /// migration keeps every row and column, ids included, gives every unit its path, and lets two units
    /// share a name under different parents but not under one.
    @Test func aV4StoreFromTheReleaseMigratesToPlaceIdentity() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-v4-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("fulian.sqlite").path
        try FileManager.default.copyItem(atPath: FixturePaths.fixtures.appendingPathComponent("store-v4/demo-v4.sqlite").path, toPath: path)

        let before = try DatabaseQueue(path: path).read { db -> [String: [[String]]] in
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == ["v1", "v2", "v3", "v4"])
            return try Self.snapshot(db)
        }
        #expect(before["org"]?.count == 45)
        #expect(before["disbursement"]?.count == 15)

        // A read-only command on the older store upgrades it first (the file is writable here).
        let store = try Store(path: path, readOnly: true)
        try store.dbQueue.read { (db: Database) throws in
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
            #expect(try Self.snapshot(db) == before)
            #expect(try Int.fetchAll(db, sql: "SELECT DISTINCT sectionRows FROM importSheet") == [0])
            let paths = try String.fetchAll(db, sql: "SELECT p.path FROM org o JOIN orgPath p ON p.id = o.id ORDER BY o.id")
            #expect(paths.count == 45)
            #expect(paths.first == "青溪区")
            #expect(try String.fetchOne(db, sql: "SELECT path FROM orgPath WHERE id = (SELECT id FROM org WHERE name = '金沙社区')")
                    == "青溪区/柳湾街道/金沙社区")
            #expect(paths.allSatisfy { $0.hasPrefix("青溪区") })
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orgName") == 0)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'org' ORDER BY name")
                    == ["org_code", "org_name", "org_parent", "org_place"])
        }
        let writable = try Store(path: path)
        try writable.dbQueue.write { (db: Database) throws in
            let street = try Int64.fetchOne(db, sql: "SELECT id FROM org WHERE name = '柳湾街道'")!
            let other = try Int64.fetchOne(db, sql: "SELECT id FROM org WHERE name = '枫林街道'")!
            // 金沙社区 under another street is another unit; twice under 柳湾街道 it is refused.
            try db.execute(sql: "INSERT INTO org (name, kind, parentId) VALUES ('金沙社区', 'community', ?)", arguments: [other])
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO org (name, kind, parentId) VALUES ('金沙社区', 'community', ?)", arguments: [street])
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM org WHERE name = '金沙社区'") == 2)
        }
    }

    /// Codes written as 6 or 9 digits are stored in their 12-digit form; credit codes upper-cased.
    @Test func v5NormalisesCodes() throws {
        let queue = try DatabaseQueue()
        var v4 = DatabaseMigrator()
        v4.registerMigration("v1") { db in try db.execute(sql: Schema.v1) }
        v4.registerMigration("v2") { db in try db.execute(sql: Schema.v2) }
        v4.registerMigration("v3") { db in try db.execute(sql: Schema.v3) }
        v4.registerMigration("v4") { db in try db.execute(sql: Schema.v4) }
        try v4.migrate(queue)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO org (id, name, kind, code) VALUES (1, '江北区', 'district', '439801');
                INSERT INTO org (id, name, kind, parentId, code) VALUES (2, '石马河街道', 'street', 1, '439801001');
                INSERT INTO org (id, name, kind, parentId, code) VALUES (3, '幸福社区', 'community', 2, '439801001001');
                INSERT INTO org (id, name, kind, parentId, code) VALUES (4, '渝州巾帼家政公司', 'enterprise', 3, '91439801ma5u1x2y3q');
                INSERT INTO org (id, name, kind, parentId, code) VALUES (5, '某协会', 'social_org', 3, '');
                """)
        }
        try Schema.migrator().migrate(queue)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT o.code, p.path FROM org o JOIN orgPath p ON p.id = o.id ORDER BY o.id").map {
                "\($0["code"] as String? ?? "NULL") \($0["path"] as String)"
            }
        }
        #expect(rows == ["439801000000 江北区", "439801001000 江北区/石马河街道", "439801001001 江北区/石马河街道/幸福社区",
                         "91439801MA5U1X2Y3Q 江北区/石马河街道/幸福社区/渝州巾帼家政公司", "NULL 江北区/石马河街道/幸福社区/某协会"])
    }
}
