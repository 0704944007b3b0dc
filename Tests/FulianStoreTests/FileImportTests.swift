import Foundation
import FulianCore
import FulianImport
import FulianStore
import GRDB
import Testing
import TestSupport

@Suite struct FileImportTests {
    let register = FixturePaths.root.appendingPathComponent("fixtures/import/register.csv").path
    let aid = FixturePaths.root.appendingPathComponent("fixtures/import/aid-q1.csv").path

    func storeWithRegister() throws -> Store {
        let store = try Store(inMemory: ())
        let r = try store.importFile(FileImportRequest(path: register, options: ImportOptions(dataset: .orgs)))
        #expect(r.loaded == 7)
        return store
    }

    func count(_ store: Store, _ table: String) throws -> Int {
        try store.dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    @Test func registerBuildsTheTree() throws {
        let store = try storeWithRegister()
        let rows = try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.name, o.kind, p.name AS parent, o.federationOn, o.womensHomeOn, o.workCovered, o.establishedOn
                FROM org o LEFT JOIN org p ON p.id = o.parentId ORDER BY o.id
                """).map { (r: Row) -> String in
                let parts: [String?] = [r["name"], r["kind"], r["parent"], r["federationOn"], r["womensHomeOn"],
                                        String(r["workCovered"] as Int), r["establishedOn"]]
                return parts.map { $0 ?? "-" }.joined(separator: " ")
            }
        }
        #expect(rows == [
            "沅阳区 district - - - 0 -",
            "石马河街道 street 沅阳区 2015-03-01 0001-01-01 1 -",
            "丰台社区 community 石马河街道 0001-01-01 2020-05-01 0 -",
            "望江社区 community 石马河街道 - - 1 -",
            "华渡镇 town 沅阳区 2010-01-01 0001-01-01 1 -",
            "古坪村 village 华渡镇 2024-02-10 - 0 -",
            "新建社区 community 石马河街道 - - 0 2024-05-01",
        ])
    }

    @Test func everyRowIsLoadedRejectedOrSkippedWithAReason() throws {
        let store = try storeWithRegister()
        let r = try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected, r.duplicates, r.warnings) == (7, 3, 3, 1, 1))
        #expect(r.headerRows == "2")
        #expect(r.tally.footerRows == [10])
        #expect(r.tally.noteRows == [11])
        #expect(r.issues.map { $0.text(.en) } == [
            "aid-q1.csv:R6C2: error [bad-check-digit] 身份证号: the ID number 110105********1060 fails its check digit (GB 11643): a digit was mistyped; check it against the ID card",
            "aid-q1.csv:R7C3: error [unknown-org] 所属社区: unit 望江楼社区 is not in the org register; did you mean 望江社区? Correct the name, or add the unit to the register and import it first.",
            "aid-q1.csv:R8: warning [duplicate] the same disbursement (person, 春蕾计划, 2024-01-05, 1000.00 yuan) is already stored from row 3 of this file; skipped",
            "aid-q1.csv:R9C5: error [bad-date] 发放日期: 2024-02-30 is not a calendar date",
            "aid-q1.csv:R10C6: warning [footer-mismatch] the 合计 row says 19800.00 for 金额(元), but the data rows add up to 20800.00",
        ])
        #expect(r.issues[2].text(.zh) == "aid-q1.csv 第 8 行：警告 [duplicate] 同一笔发放（同一人、春蕾计划、2024-01-05、1000.00 元）已由本文件第 3 行入库，本行已跳过")
        let stored = try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.name, p.idNumber, o.name AS org, g.name AS program, d.paidOn, d.amountFen, d.source
                FROM disbursement d JOIN person p ON p.id = d.personId JOIN org o ON o.id = d.orgId
                JOIN program g ON g.id = d.programId ORDER BY d.sourceRow
                """).map { r in
                "\(r["name"] as String) \(r["org"] as String) \(r["program"] as String) \(r["paidOn"] as String) \(r["amountFen"] as Int64) \(r["source"] as String)"
            }
        }
        #expect(stored == [
            "张三 丰台社区 春蕾计划 2024-01-05 100000 区财政",
            "李四 望江社区 春蕾计划 2024-02-01 80000 省妇联",
            "王五 古坪村 贫困母亲救助 2024-03-10 150000 区财政",
        ])
        let issues = try count(store, "importIssue")
        #expect(issues == 5)
    }

    @Test func aFailureMidFileLeavesTheStoreAsItWas() throws {
        let store = try storeWithRegister()
        #expect(throws: InjectedFailure.self) {
            try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid)), failAfterRows: 2)
        }
        #expect(try count(store, "disbursement") == 0)
        #expect(try count(store, "importBatch") == 1)  // the register only
        #expect(try count(store, "person") == 0)
        // And the file imports cleanly afterwards.
        let r = try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid)))
        #expect(r.loaded == 3)
    }

    @Test func replaceSwapsTheEarlierBatch() throws {
        let store = try storeWithRegister()
        let first = try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid)))
        let second = try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid), replace: true))
        #expect(second.status == .replaced)
        #expect(second.batchId != first.batchId)
        #expect(second.loaded == 3)
        #expect(try count(store, "disbursement") == 3)
        #expect(try count(store, "importBatch") == 2)
    }

    @Test func dryRunAndStrictStoreNothing() throws {
        let store = try storeWithRegister()
        let dry = try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid), dryRun: true))
        #expect(dry.status == .dryRun)
        #expect(dry.loaded == 3)
        let strict = try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid), strict: true))
        #expect(strict.status == .strictFailed)
        #expect(try count(store, "disbursement") == 0)
        #expect(try count(store, "importBatch") == 1)
    }

    @Test func noMessageShowsAFullIDNumberOrPhone() throws {
        let store = try storeWithRegister()
        let r = try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid)))
        let text = r.issues.map { $0.text(.zh) + "\n" + $0.text(.en) }.joined(separator: "\n")
        #expect(!text.contains("110105198304131060"))
        #expect(!text.contains("13900001111"))
        #expect(text.contains("110105********1060"))
    }
}
