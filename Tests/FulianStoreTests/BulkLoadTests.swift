import Foundation
import FulianCore
import FulianImport
@testable import FulianStore
import GRDB
import Testing
import TestSupport

/// A bulk load (indexes dropped, rebuilt, duplicates found by the rebuilt unique index) must give
/// exactly what the row-by-row load gives: the same counts, issues, rows and schema.
@Suite struct BulkLoadTests {
    static let demo = FixturePaths.fixture("demo")
    static let importDir = FixturePaths.fixture("import")

    /// The demo register and its four aid files (a rejected row, a cross-file duplicate, a footer
    /// mismatch), or the small register and aid-q1.csv (a duplicate inside the file, four rejects).
    static let scenarios: [[(String, Dataset)]] = [
        files(demo, [("orgs/青溪区妇联组织建设情况登记表.xlsx", .orgs), ("aid/困境儿童关爱_2024上半年.xlsx", .aid),
                     ("aid/春蕾计划_2024上半年.xlsx", .aid), ("aid/贫困母亲救助_2024Q1.xls", .aid), ("aid/贫困母亲救助_2024Q2.csv", .aid)]),
        files(importDir, [("register.csv", .orgs), ("aid-q1.csv", .aid)]),
    ]

    static func files(_ dir: URL, _ names: [(String, Dataset)]) -> [(String, Dataset)] {
        names.map { (dir.appendingPathComponent($0.0).path, $0.1) }
    }

    func load(_ files: [(String, Dataset)], _ mode: BulkLoad) throws -> (store: Store, summary: [String]) {
        let store = try Store(inMemory: ())
        var summary: [String] = []
        for (path, dataset) in files {
            var request = FileImportRequest(path: path, options: ImportOptions(dataset: dataset))
            request.bulkLoad = mode
            let r = try store.importFile(request)
            // The mode asked for is the mode taken (aid files only), or the comparison below proves nothing.
            #expect(r.bulkLoaded == (dataset == .aid && mode == .always), "\(r.file)")
            summary.append("\(r.file) \(r.status) rows \(r.rows) loaded \(r.loaded) rejected \(r.rejected) duplicates \(r.duplicates) warnings \(r.warnings)")
            summary += r.issues.map { "  \($0.severity) \($0.row ?? 0):\($0.column ?? 0) \($0.category) \($0.message.text(.en))" }
        }
        return (store, summary)
    }

    func dump(_ store: Store) throws -> [String] {
        try store.dbQueue.read { db in
            try String.fetchAll(db, sql: """
                SELECT p.idNumber || ' ' || p.name || ' ' || pr.name || ' ' || o.name || ' ' || d.paidOn || ' ' || d.amountFen
                       || ' ' || IFNULL(d.source, '') || ' ' || b.fileName || ' ' || d.sourceRow
                FROM disbursement d JOIN person p ON p.id = d.personId JOIN program pr ON pr.id = d.programId
                JOIN org o ON o.id = d.orgId JOIN importBatch b ON b.id = d.batchId ORDER BY b.id, d.sourceRow
                """)
        }
    }

    func indexes(_ store: Store) throws -> [String] {
        try store.dbQueue.read { db in
            try String.fetchAll(db, sql: "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        }
    }

    @Test(arguments: [0, 1])
    func bulkGivesWhatRowByRowGives(scenario: Int) throws {
        let rowByRow = try load(Self.scenarios[scenario], .never)
        let bulk = try load(Self.scenarios[scenario], .always)
        #expect(bulk.summary == rowByRow.summary)
        #expect(try dump(bulk.store) == dump(rowByRow.store))
        #expect(try indexes(bulk.store) == indexes(Store(inMemory: ())))
        let broken = try bulk.store.dbQueue.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
        #expect(broken.isEmpty)
        #expect(bulk.summary.contains { $0.contains("duplicate the same disbursement") })
    }

    @Test func theDuplicateInsideAFileIsNamedInBulkToo() throws {
        let bulk = try load(Self.scenarios[1], .always)
        #expect(bulk.summary.contains(
            "  warning 8:0 duplicate the same disbursement (person, 春蕾计划, 2024-01-05, 1000.00 yuan) is already stored from row 3 of this file; skipped"))
        #expect(bulk.summary[0].hasPrefix("register.csv"))
        #expect(bulk.summary.contains("aid-q1.csv imported rows 7 loaded 3 rejected 3 duplicates 1 warnings 1"))
    }

    /// A file that repeats a stored row twice, and one of its own rows: in bulk its own repeats are found
    /// as rows come, the stored one when the index is built; every warning names the row the
    /// row-by-row load names (the stored row for both repeats of it).
    @Test func repeatsOfStoredRowsAndOfTheFileGiveTheSameWarnings() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-repeats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let again = dir.appendingPathComponent("aid-again.csv")
        try """
            姓名,身份证号,所属社区,救助项目,发放日期,金额（元）,资金来源
            李四,110105198102111027,望江社区,春蕾计划,2024-04-01,800,省妇联
            张三,110105198001101006,丰台社区,春蕾计划,2024-01-05,1000,区财政
            李四,110105198102111027,望江社区,春蕾计划,2024-04-01,800,省妇联
            张三,110105198001101006,丰台社区,春蕾计划,2024-01-05,1000,区财政
            王五,110105198203121048,古坪村委会,贫困母亲救助,2024-03-10,1500,区财政

            """.write(to: again, atomically: true, encoding: .utf8)
        let files = Self.scenarios[1] + [(again.path, Dataset.aid)]
        let rowByRow = try load(files, .never)
        let bulk = try load(files, .always)
        #expect(bulk.summary == rowByRow.summary)
        #expect(try dump(bulk.store) == dump(rowByRow.store))
        #expect(try indexes(bulk.store) == indexes(Store(inMemory: ())))
        #expect(bulk.summary.suffix(5) == [
            "aid-again.csv imported rows 5 loaded 1 rejected 0 duplicates 4 warnings 0",
            "  warning 3:0 duplicate the same disbursement (person, 春蕾计划, 2024-01-05, 1000.00 yuan) is already stored from aid-q1.csv row 3; skipped",
            "  warning 4:0 duplicate the same disbursement (person, 春蕾计划, 2024-04-01, 800.00 yuan) is already stored from row 2 of this file; skipped",
            "  warning 5:0 duplicate the same disbursement (person, 春蕾计划, 2024-01-05, 1000.00 yuan) is already stored from aid-q1.csv row 3; skipped",
            "  warning 6:0 duplicate the same disbursement (person, 贫困母亲救助, 2024-03-10, 1500.00 yuan) is already stored from aid-q1.csv row 5; skipped",
        ])
    }

    @Test func aFailureMidBulkLoadLeavesTablesAndIndexesAsTheyWere() throws {
        let (store, _) = try load([Self.scenarios[1][0]], .never)
        let before = try indexes(store)
        var request = FileImportRequest(path: Self.scenarios[1][1].0, options: ImportOptions(dataset: .aid))
        request.bulkLoad = .always
        #expect(throws: InjectedFailure.self) { try store.importFile(request, failAfterRows: 2) }
        #expect(try indexes(store) == before)
        #expect(try store.dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM disbursement") } == 0)
        #expect(try store.dbQueue.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)
        let r = try store.importFile(request)
        #expect(r.loaded == 3)
        #expect(r.duplicates == 1)
    }

    @Test func replaceInBulkLeavesNoOrphanRows() throws {
        let (store, _) = try load(Self.scenarios[1], .always)
        var again = FileImportRequest(path: Self.scenarios[1][1].0, options: ImportOptions(dataset: .aid), replace: true)
        again.bulkLoad = .always
        let r = try store.importFile(again)
        #expect(r.status == .replaced)
        #expect(r.loaded == 3)
        let orphans = try store.dbQueue.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM disbursement WHERE batchId NOT IN (SELECT id FROM importBatch))
                     + (SELECT COUNT(*) FROM importIssue WHERE batchId NOT IN (SELECT id FROM importBatch))
                """)
        }
        #expect(orphans == 0)
        #expect(try store.dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM disbursement") } == 3)
    }

    /// On a store file, a bulk load leaves WAL for a rollback journal and comes back to WAL, after a
    /// commit and after a failure; with another connection open it stays in WAL.
    @Test func aBulkLoadOnAFileComesBackToWAL() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-bulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("fulian.sqlite").path
        let store = try Store(path: path)
        _ = try store.importFile(FileImportRequest(path: Self.scenarios[1][0].0, options: ImportOptions(dataset: .orgs)))
        var request = FileImportRequest(path: Self.scenarios[1][1].0, options: ImportOptions(dataset: .aid))
        request.bulkLoad = .always
        let mode = { try store.dbQueue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } }
        #expect(throws: InjectedFailure.self) { try store.importFile(request, failAfterRows: 1) }
        #expect(try mode() == "wal")
        #expect(try store.dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM disbursement") } == 0)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        let r = try store.importFile(request)
        #expect(r.loaded == 3)
        #expect(try mode() == "wal")

        // A reader holding the store open: the import stays in WAL and still loads.
        let reader = try DatabaseQueue(path: path)
        try reader.read { db in
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM disbursement")
            var again = request
            again.replace = true
            let replaced = try store.importFile(again)
            #expect(replaced.status == .replaced)
            #expect(replaced.loaded == 3)
        }
        #expect(try mode() == "wal")
        #expect(try reader.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM disbursement") } == 3)
    }

    /// A bulk load killed mid-way leaves a rollback journal; the next open — read-only ones too
    /// (`fulian report`, `status`) — rolls it back and returns the store to WAL.
    @Test func aStoreLeftByAnInterruptedLoadOpensReadOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-hot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let live = dir.appendingPathComponent("live.sqlite").path
        let crashed = dir.appendingPathComponent("crashed.sqlite").path
        _ = try Store(path: live).importFile(FileImportRequest(path: Self.scenarios[1][0].0, options: ImportOptions(dataset: .orgs)))
        // Half-way through a transaction in rollback-journal mode, with pages already spilled to the
        // file: a copy of the file and its journal is what a crash leaves.
        let queue = try DatabaseQueue(path: live)
        try queue.writeWithoutTransaction { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete")
            try db.execute(sql: "PRAGMA cache_size = 2")
            try db.execute(sql: "BEGIN")
            for i in 0..<2000 { try db.execute(sql: "INSERT INTO program (name) VALUES (?)", arguments: ["项目\(i)" + String(repeating: "x", count: 200)]) }
            try FileManager.default.copyItem(atPath: live, toPath: crashed)
            try FileManager.default.copyItem(atPath: live + "-journal", toPath: crashed + "-journal")
            try db.execute(sql: "ROLLBACK")
        }
        // A read-only connection alone cannot roll the journal back.
        var readOnly = Configuration()
        readOnly.readonly = true
        #expect(throws: DatabaseError.self) {
            try DatabaseQueue(path: crashed, configuration: readOnly).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM program") }
        }
        let store = try Store(path: crashed, readOnly: true)
        #expect(try store.dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM program") } == 0)
        #expect(try store.dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM org") } == 7)
        #expect(try store.dbQueue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(!FileManager.default.fileExists(atPath: crashed + "-journal"))
    }

    @Test func automaticBulkIsForLargeFilesNextToTheStore() {
        #expect(BulkLoad.automatic.applies(fileBytes: 10_000_000, storedRows: 0))
        #expect(BulkLoad.automatic.applies(fileBytes: 10_000_000, storedRows: 150_000))
        #expect(!BulkLoad.automatic.applies(fileBytes: 10_000_000, storedRows: 1_000_000))
        #expect(!BulkLoad.automatic.applies(fileBytes: 1_000_000, storedRows: 0))
        #expect(BulkLoad.always.applies(fileBytes: 10, storedRows: 1_000_000))
        #expect(!BulkLoad.never.applies(fileBytes: 1_000_000_000, storedRows: 0))
    }
}
