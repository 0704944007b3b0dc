import Foundation
import FulianCore
import FulianImport
@testable @_spi(Testing) import FulianStore
import Testing
import TestSupport

/// The PostgreSQL engine's schema: created on first use, refused when newer, refused read-only when absent.
@Suite(.enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
struct PostgresStoreTests {
    func refusal(_ body: () throws -> Void) -> StoreError? {
        do { try body() } catch let e as StoreError { return e } catch { Issue.record("not a StoreError: \(error)") }
        return nil
    }

    @Test func theSchemaIsCreatedOnceAndANewerOneIsRefused() throws {
        let db = try PostgresTestServer.database()
        defer { db.drop() }
        let shown = PostgresURI.redacted(db.uri)
        // Read-only on an empty database: not a store (nothing is created).
        let empty = refusal { _ = try Store(path: db.uri, readOnly: true) }
        #expect(empty?.text(.en) == "\(shown) is not a fulian store, or was written by a newer fulian")
        let store = try Store(path: db.uri)
        #expect(store.engine == .postgresql)
        #expect(try store.read { c in try c.fetchInt("SELECT COUNT(*) FROM fulianSchema") } == 5)
        // Opening again applies nothing twice; a reader opens it.
        _ = try Store(path: db.uri)
        let reader = try Store(path: db.uri, readOnly: true)
        #expect(try reader.read { c in try c.fetchTexts("SELECT version::text FROM fulianSchema ORDER BY version") } == ["1", "2", "3", "4", "5"])
        // The types are PostgreSQL's own.
        let types = try reader.read { c in
            try c.fetchAll("""
                SELECT table_name || '.' || column_name AS c, data_type AS t FROM information_schema.columns
                WHERE table_name IN ('disbursement', 'org') AND column_name IN ('id', 'paidon', 'amountfen', 'workcovered', 'federationon')
                ORDER BY 1
                """, []).map { "\($0.text("c")!) \($0.text("t")!)" }
        }
        #expect(types == ["disbursement.amountfen bigint", "disbursement.id bigint", "disbursement.paidon date",
                          "org.federationon date", "org.id bigint", "org.workcovered boolean"])
        // Disbursements and activities: one partition a year 2010–2035 and a default one.
        for table in ["disbursement", "activity"] {
            #expect(try reader.read { c in
                try c.fetchInt("SELECT COUNT(*) FROM pg_inherits WHERE inhparent = CAST(? AS regclass)", [.text(table)])
            } == 27)
        }
        let admin = try PostgresConnection(uri: db.uri)
        try admin.execute("INSERT INTO fulianSchema (version) VALUES (99)")
        for readOnly in [true, false] {
            let newer = refusal { _ = try Store(path: db.uri, readOnly: readOnly) }
            #expect(newer?.text(.en) == "\(shown) was written by a newer fulian: update fulian to open it")
            #expect(newer?.text(.zh) == "\(shown) 是由更新版本的 fulian 写入的：请先升级 fulian 再打开")
        }
    }

    /// An import that fails part-way leaves nothing behind on PostgreSQL either (one transaction per file).
    @Test func aFailedImportLeavesNothing() throws {
        let db = try PostgresTestServer.database()
        defer { db.drop() }
        let store = try Store(path: db.uri)
        _ = try store.importFile(FileImportRequest(path: FixturePaths.fixture("import/register.csv").path, options: ImportOptions(dataset: .orgs)))
        let before = try store.read { c in try c.fetchInt("SELECT COUNT(*) FROM importBatch") }
        #expect(throws: InjectedFailure.self) {
            _ = try store.importFile(FileImportRequest(path: FixturePaths.fixture("import/aid-q1.csv").path, options: ImportOptions(dataset: .aid)),
                                     failAfterRows: 2)
        }
        #expect(try store.read { c in try c.fetchInt("SELECT COUNT(*) FROM importBatch") } == before)
        #expect(try store.read { c in try c.fetchInt("SELECT COUNT(*) FROM disbursement") } == 0)
        let ok = try store.importFile(FileImportRequest(path: FixturePaths.fixture("import/aid-q1.csv").path, options: ImportOptions(dataset: .aid)))
        #expect(ok.status == .imported && ok.loaded > 0)
        #expect(try store.read { c in try c.fetchInt("SELECT COUNT(*) FROM disbursement") } == Int64(ok.loaded))
        // A quarter of 2024 lands in the 2024 partition.
        #expect(try store.read { c in try c.fetchInt("SELECT COUNT(*) FROM disbursement_2024") } == Int64(ok.loaded))
    }

    /// Files without a unit or a type column (a sheet per community, a ledger of job fairs) store on
    /// PostgreSQL the rows SQLite stores: the same units, kinds and amounts.
    @Test func sheetUnitsAndLedgerKindsAsOnSQLite() throws {
        let db = try PostgresTestServer.database()
        defer { db.drop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-pg-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ledger = dir.appendingPathComponent("东湖社区2024年招聘会台账.csv")
        try "活动名称,举办日期,求职人次,达成就业意向人数\r\n春风行动专场招聘会,2024-03-01,500,80\r\n".write(to: ledger, atomically: true, encoding: .utf8)
        let sheets = "import/sheets/"
        func load(_ store: Store) throws -> [String] {
            for (path, dataset) in [(FixturePaths.fixture(sheets + "兰江区社区名册.xlsx").path, Dataset.orgs),
                                    (FixturePaths.fixture(sheets + "东湖街道两癌救助发放表（分社区）.xlsx").path, .aid),
                                    (FixturePaths.fixture(sheets + "白沙村2024年春蕾计划资助名单.csv").path, .aid), (ledger.path, .activities)] {
                let r = try store.importFile(FileImportRequest(path: path, options: ImportOptions(dataset: dataset)))
                // The register's one rejected row is its typo of a street (东胡街道), on both engines.
                #expect(r.rejected == (dataset == .orgs ? 1 : 0), "\(path)")
            }
            return try store.read { c in
                try c.fetchAll("""
                    SELECT o.name, d.amountFen FROM disbursement d JOIN org o ON o.id = d.orgId ORDER BY o.name, d.amountFen
                    """, []).map { "\($0.text("name") ?? "") \($0.int("amountFen") ?? 0)" }
                + c.fetchAll("SELECT a.kind, o.name FROM activity a JOIN org o ON o.id = a.orgId", []).map { "\($0.text("kind") ?? "") \($0.text("name") ?? "")" }
            }
        }
        let pg = try load(try Store(path: db.uri))
        let lite = try load(try Store(path: dir.appendingPathComponent("store.sqlite").path))
        #expect(pg == lite)
        #expect(pg == ["东湖社区 300000", "东湖社区 350000", "桥头社区 300000", "白沙村 100000", "白沙村 120000", "白沙社区 300000",
                       "job_fair 东湖社区"])
    }
}
