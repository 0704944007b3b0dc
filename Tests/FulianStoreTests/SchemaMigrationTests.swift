import Foundation
@testable import FulianStore
import GRDB
import Testing

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
            // v3: one disbursement index, led by the date.
            #expect(try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'disbursement'")
                    == [Schema.disbursementIndex.sql])
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
}
