import Foundation
import FulianCore
import FulianImport
import FulianStore
import GRDB
import Testing
import TestSupport

/// Issue #14: one store for a whole city (fixtures/city), units identified by code or place, names
/// resolved in their scope.
@Suite struct CityStoreTests {
    static func path(_ rel: String) -> String { FixturePaths.fixtures.appendingPathComponent("city/" + rel).path }

    @discardableResult
    static func load(_ store: Store, _ dataset: Dataset, _ rel: String, from: String? = nil) throws -> FileImportResult {
        var request = FileImportRequest(path: path(rel), options: ImportOptions(dataset: dataset))
        request.from = from
        return try store.importFile(request)
    }

    /// The city, then each district's own register.
    static func cityStore() throws -> Store {
        let store = try Store(inMemory: ())
        try load(store, .orgs, "registers/渝州市区县名册.csv")
        for d in ["江北区", "南岸区", "渝北区"] { try load(store, .orgs, "registers/\(d)社区名册.csv") }
        return store
    }

    static func paths(_ store: Store) throws -> [String] {
        try store.dbQueue.read { db in try String.fetchAll(db, sql: "SELECT p.path || ' ' || COALESCE(o.code, '-') FROM org o JOIN orgPath p ON p.id = o.id ORDER BY p.path") }
    }

    /// The unit path of every stored row of `table` (disbursement, membership, activity), by source row.
    static func units(_ store: Store, _ table: String, batch: Int64?) throws -> [String] {
        try store.dbQueue.read { db in
            try String.fetchAll(db, sql: "SELECT o.path FROM \(table) t JOIN orgPath o ON o.id = t.orgId WHERE t.batchId = ? ORDER BY t.sourceRow",
                                arguments: [batch])
        }
    }

    /// The city's tree by path (as SQLite orders text), with codes.
    static let tree = [
        "渝州市 439800000000",
        "渝州市/南岸区 -",
        "渝州市/南岸区/城关镇 -",
        "渝州市/南岸区/城关镇/城关社区 -",
        "渝州市/南岸区/城关镇/茶园村 -",
        "渝州市/南岸区/花园街道 -",
        "渝州市/南岸区/花园街道/幸福社区 -",
        "渝州市/南岸区/花园街道/新华社区 -",
        "渝州市/江北区 439801000000",
        "渝州市/江北区/石马河街道 439801001000",
        "渝州市/江北区/石马河街道/南桥寺社区 439801001003",
        "渝州市/江北区/石马河街道/幸福社区 439801001001",
        "渝州市/江北区/石马河街道/新华社区 439801001002",
        "渝州市/江北区/观音桥街道 439801002000",
        "渝州市/江北区/观音桥街道/建新社区 439802002002",
        "渝州市/江北区/观音桥街道/花园社区 439801002001",
        "渝州市/渝北区 439803000000",
        "渝州市/渝北区/双龙湖街道 439803001000",
        "渝州市/渝北区/双龙湖街道/幸福社区 -",
        "渝州市/渝北区/双龙湖街道/龙湖社区 -",
        "渝州市/渝北区/回兴街道 439803002000",
        "渝州市/渝北区/回兴街道/建兴社区 -",
        "渝州市/渝北区/回兴街道/新华社区 -",
    ]

    /// A register with only some facts (names and 女性人口): the stored units it updates keep their codes,
    /// federation and 妇女之家 dates and types; a new unit leaves them empty. Before, every fact without a
    /// column was cleared, and the district's coverage figures with them.
    @Test func aPartialRegisterKeepsWhatItDoesNotSay() throws {
        let store = try Self.cityStore()
        let facts = """
            SELECT p.path || ' ' || o.kind || ' ' || COALESCE(o.code, '-') || ' ' || COALESCE(o.federationOn, '-') || ' '
                || COALESCE(o.womensHomeOn, '-') || ' ' || COALESCE(o.women, '-')
            FROM org o JOIN orgPath p ON p.id = o.id WHERE p.path LIKE '渝州市/江北区/%社区' ORDER BY p.path
            """
        let before = try store.dbQueue.read { db in try String.fetchAll(db, sql: facts) }
        let r = try Self.load(store, .orgs, "registers/江北区女性人口_2024.csv")
        #expect((r.rows, r.loaded, r.rejected) == (3, 3, 0))
        #expect(r.sheets.map(\.updatedUnits) == [2])
        let after = try store.dbQueue.read { db in try String.fetchAll(db, sql: facts) }
        #expect(before == [
            "渝州市/江北区/石马河街道/南桥寺社区 community 439801001003 - 0001-01-01 -",
            "渝州市/江北区/石马河街道/幸福社区 community 439801001001 2015-03-01 0001-01-01 -",
            "渝州市/江北区/石马河街道/新华社区 community 439801001002 2015-03-02 - -",
            "渝州市/江北区/观音桥街道/建新社区 community 439802002002 2016-01-02 - -",
            "渝州市/江北区/观音桥街道/花园社区 community 439801002001 2016-01-01 0001-01-01 -",
        ])
        #expect(after == [
            "渝州市/江北区/石马河街道/南桥寺社区 community 439801001003 - 0001-01-01 -",
            "渝州市/江北区/石马河街道/幸福社区 community 439801001001 2015-03-01 0001-01-01 3200",
            "渝州市/江北区/石马河街道/新华社区 community 439801001002 2015-03-02 - 2800",
            "渝州市/江北区/观音桥街道/五里店社区 community - - - 1500",
            "渝州市/江北区/观音桥街道/建新社区 community 439802002002 2016-01-02 - -",
            "渝州市/江北区/观音桥街道/花园社区 community 439801002001 2016-01-01 0001-01-01 -",
        ])
    }

    @Test func eachDistrictsRegisterAddsItsUnits() throws {
        let store = try Store(inMemory: ())
        let city = try Self.load(store, .orgs, "registers/渝州市区县名册.csv")
        #expect((city.loaded, city.rejected) == (4, 0))
        let jiangbei = try Self.load(store, .orgs, "registers/江北区社区名册.csv")
        #expect((jiangbei.loaded, jiangbei.rejected, jiangbei.warnings) == (7, 0, 1))
        // A code whose prefix contradicts its parent's: a warning naming both.
        #expect(jiangbei.issues.map { $0.text(.en) } == [
            "江北区社区名册.csv:R9: warning [code-prefix] the code 439802002002 of 渝州市/江北区/观音桥街道/建新社区 does not start "
                + "with the code 439801002000 of its parent 渝州市/江北区/观音桥街道; check the codes.",
        ])
        #expect(jiangbei.issues.map { $0.text(.zh) } == [
            "江北区社区名册.csv 第 9 行：警告 [code-prefix] 渝州市/江北区/观音桥街道/建新社区的代码 439802002002 与上级单位"
                + "渝州市/江北区/观音桥街道的代码 439801002000 不符，请核对区划代码。",
        ])
        // The second district's 幸福社区 and 新华社区 are new units, its streets created under it from the title.
        let nanan = try Self.load(store, .orgs, "registers/南岸区社区名册.csv")
        #expect((nanan.loaded, nanan.rejected, nanan.warnings) == (4, 0, 0))
        #expect(nanan.createdUnits == [CreatedUnit(name: "城关镇", kind: .town, parent: "南岸区", source: "the title"),
                                       CreatedUnit(name: "花园街道", kind: .street, parent: "南岸区", source: "the title")])
        let yubei = try Self.load(store, .orgs, "registers/渝北区社区名册.csv")
        #expect((yubei.loaded, yubei.rejected, yubei.warnings) == (6, 0, 0))
        #expect(try Self.paths(store) == Self.tree)
        #expect(try store.dbQueue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM org WHERE name = '幸福社区'") } == 3)
    }

    /// A whole city in one register, by 所属区县 column or by one sheet per district, gives the same tree.
    @Test(arguments: ["registers/渝州市社区名册_全市.csv", "registers/渝州市社区名册_分区县.xlsx"])
    func aWholeCitysRegisterGivesTheSameTree(_ file: String) throws {
        let store = try Store(inMemory: ())
        try Self.load(store, .orgs, "registers/渝州市区县名册.csv")
        let r = try Self.load(store, .orgs, file)
        #expect((r.loaded, r.rejected) == (17, 0))
        #expect(r.createdUnits.map(\.name) == ["城关镇", "花园街道"])
        #expect(try Self.paths(store) == Self.tree)
        // Importing the districts' own registers afterwards updates the same units.
        for d in ["江北区", "南岸区", "渝北区"] { try Self.load(store, .orgs, "registers/\(d)社区名册.csv") }
        #expect(try Self.paths(store) == Self.tree)
    }

    /// Re-importing a register updates its units; a rename keeps the old name for rows dated before it.
    @Test func aRenameKeepsTheOldNameForEarlierRows() throws {
        let store = try Self.cityStore()
        let july = try Self.load(store, .orgs, "registers/江北区社区名册_2024年7月.csv")
        #expect((july.loaded, july.rejected) == (7, 0))
        try store.dbQueue.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM org") == 23)
            #expect(try String.fetchAll(db, sql: "SELECT o.path || ' ' || n.name || ' ' || n.until FROM orgName n JOIN orgPath o ON o.id = n.orgId")
                    == ["渝州市/江北区/石马河街道/南桥社区 南桥寺社区 2024-07-01"])
        }
        let q3 = try Self.load(store, .aid, "aid/石马河街道2024年三季度救助发放表.csv")
        #expect((q3.loaded, q3.rejected) == (2, 1))
        #expect(try Self.units(store, "disbursement", batch: q3.batchId) == ["渝州市/江北区/石马河街道/南桥社区", "渝州市/江北区/石马河街道/南桥社区"])
        #expect(q3.issues.map { "\($0.row!) \($0.category)" } == ["3 outside-stated-period", "4 unknown-org"])
    }

    @Test func theTitleScopesAFile() throws {
        let store = try Self.cityStore()
        let r = try Self.load(store, .aid, "aid/石马河街道2024年一季度救助发放表.csv")
        #expect((r.loaded, r.rejected) == (4, 0))
        #expect(try Self.units(store, "disbursement", batch: r.batchId) == [
            "渝州市/江北区/石马河街道/幸福社区", "渝州市/江北区/石马河街道/新华社区", "渝州市/江北区/石马河街道/南桥寺社区",
            "渝州市/江北区/观音桥街道/花园社区",   // outside the scope, but the only one of its name
        ])
    }

    @Test func aNameInSeveralPlacesIsRejectedWithItsCandidates() throws {
        let store = try Self.cityStore()
        let r = try Self.load(store, .aid, "aid/南岸区/一季度救助发放表.csv")
        #expect((r.loaded, r.rejected) == (1, 2))
        #expect(r.issues.map { $0.text(.en) } == [
            "一季度救助发放表.csv:R2C3: error [ambiguous-org] 所属社区: unit 幸福社区 matches 3 units of the register "
                + "(渝州市/江北区/石马河街道/幸福社区; 渝州市/南岸区/花园街道/幸福社区; 渝州市/渝北区/双龙湖街道/幸福社区); "
                + "add a street column, give the submitting unit with --from, or write the full path.",
            "一季度救助发放表.csv:R3C3: error [ambiguous-org] 所属社区: unit 新华社区 matches 3 units of the register "
                + "(渝州市/江北区/石马河街道/新华社区; 渝州市/南岸区/花园街道/新华社区; 渝州市/渝北区/回兴街道/新华社区); "
                + "add a street column, give the submitting unit with --from, or write the full path.",
        ])
        #expect(r.issues.first?.text(.zh) == "一季度救助发放表.csv 第 2 行第 3 列：错误 [ambiguous-org] 所属社区：组织名册中有 3 个幸福社区"
            + "（渝州市/江北区/石马河街道/幸福社区；渝州市/南岸区/花园街道/幸福社区；渝州市/渝北区/双龙湖街道/幸福社区），无法确定是哪一个。"
            + "请增加所属街道一列，或用 --from 指定报送单位，或写出完整路径。")
        #expect(try Self.units(store, "disbursement", batch: r.batchId) == ["渝州市/南岸区/城关镇/城关社区"])
    }

    @Test(arguments: ["花园街道", "南岸区", "渝州市/南岸区"])
    func fromScopesAFile(_ from: String) throws {
        let store = try Self.cityStore()
        let r = try Self.load(store, .aid, "aid/南岸区/一季度救助发放表.csv", from: from)
        #expect((r.loaded, r.rejected) == (3, 0))
        #expect(try Self.units(store, "disbursement", batch: r.batchId) == [
            "渝州市/南岸区/花园街道/幸福社区", "渝州市/南岸区/花园街道/新华社区", "渝州市/南岸区/城关镇/城关社区",
        ])
    }

    @Test func fromTakesACodeAndRefusesWhatItCannotName() throws {
        let store = try Self.cityStore()
        // 9-digit form of 双龙湖街道's code: 幸福社区 is found there; 新华社区 is not under it, and is in three places.
        let r = try Self.load(store, .aid, "aid/南岸区/一季度救助发放表.csv", from: "439803001")
        #expect((r.loaded, r.rejected) == (2, 1))
        #expect(try Self.units(store, "disbursement", batch: r.batchId) == ["渝州市/渝北区/双龙湖街道/幸福社区", "渝州市/南岸区/城关镇/城关社区"])
        let fresh = try Self.cityStore()
        #expect(throws: ImportError.self) { try Self.load(fresh, .aid, "aid/南岸区/一季度救助发放表.csv", from: "花园街") }
        do {
            try Self.load(fresh, .aid, "aid/南岸区/一季度救助发放表.csv", from: "花园接道")
        } catch let e as ImportError {
            #expect(e.message == Message.importing(.unknownFrom(typed: "花园接道", suggestion: "花园街道")))
            #expect(Message.importing(.unknownFrom(typed: "花园接道", suggestion: "花园街道")).text(.en)
                    == "--from 花园接道 is not a unit of the register; did you mean 花园街道? Nothing was stored.")
        }
        do {
            try Self.load(fresh, .aid, "aid/南岸区/一季度救助发放表.csv", from: "幸福社区")
        } catch let e as ImportError {
            #expect(e.message == Message.importing(.ambiguousFrom(typed: "幸福社区", paths: [
                "渝州市/江北区/石马河街道/幸福社区", "渝州市/南岸区/花园街道/幸福社区", "渝州市/渝北区/双龙湖街道/幸福社区"])))
        }
        #expect(try fresh.dbQueue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM disbursement") } == 0)
    }

    @Test func aStreetColumnScopesItsRowAndSuggestsFromIt() throws {
        let store = try Self.cityStore()
        let r = try Self.load(store, .aid, "aid/渝北区2024年一季度救助发放表.csv")
        #expect((r.loaded, r.rejected) == (3, 1))
        #expect(try Self.units(store, "disbursement", batch: r.batchId) == [
            "渝州市/渝北区/双龙湖街道/幸福社区", "渝州市/渝北区/回兴街道/新华社区", "渝州市/渝北区/双龙湖街道/龙湖社区",
        ])
        // 江北区's 建新社区 is as close to 建信社区, but the row is from 回兴街道.
        #expect(r.issues.map { "\($0.row!) \($0.category) \($0.suggestion ?? "-")" } == ["6 unknown-org 建兴社区"])
    }

    @Test func activitiesAndMembersResolveInTheirScopeAndPersonsStayGlobal() throws {
        let store = try Self.cityStore()
        let a = try Self.load(store, .activities, "activities/南岸区活动台账.csv")
        #expect((a.loaded, a.rejected) == (3, 0))
        #expect(try Self.units(store, "activity", batch: a.batchId) == [
            "渝州市/南岸区/花园街道/幸福社区", "渝州市/南岸区/花园街道/新华社区", "渝州市/南岸区/城关镇/城关社区",
        ])
        let b = try Self.load(store, .activities, "activities/双龙湖街道活动台账.csv")
        #expect(try Self.units(store, "activity", batch: b.batchId) == ["渝州市/渝北区/双龙湖街道/幸福社区", "渝州市/渝北区/双龙湖街道/龙湖社区"])
        let aid = try Self.load(store, .aid, "aid/石马河街道2024年一季度救助发放表.csv")
        let m = try Self.load(store, .members, "members/双龙湖街道执委名单.csv")
        #expect((m.loaded, m.rejected) == (3, 0))
        #expect(try Self.units(store, "membership", batch: m.batchId) == [
            "渝州市/渝北区/双龙湖街道/幸福社区", "渝州市/渝北区/双龙湖街道/龙湖社区", "渝州市/渝北区/双龙湖街道/幸福社区",
        ])
        // 王秀英: paid in 江北区, chair in 渝北区 — one person.
        let wang = try store.dbQueue.read { db in
            try String.fetchAll(db, sql: """
                SELECT o.path FROM person p JOIN disbursement d ON d.personId = p.id JOIN orgPath o ON o.id = d.orgId WHERE p.name = '王秀英'
                UNION ALL
                SELECT o.path FROM person p JOIN membership s ON s.personId = p.id JOIN orgPath o ON o.id = s.orgId WHERE p.name = '王秀英'
                """)
        }
        #expect(wang == ["渝州市/江北区/石马河街道/幸福社区", "渝州市/渝北区/双龙湖街道/幸福社区"])
        #expect(try store.dbQueue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person WHERE name = '王秀英'") } == 1)
        #expect(aid.loaded == 4)
    }
}
