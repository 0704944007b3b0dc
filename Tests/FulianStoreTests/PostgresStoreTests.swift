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
}
