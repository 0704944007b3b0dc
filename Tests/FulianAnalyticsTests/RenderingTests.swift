import FulianAnalytics
import FulianCore
import FulianStore
import Foundation
import GRDB
import Testing

@Suite("Values, rendering, explanations, provenance")
struct RenderingTests {
    // MARK: values

    @Test func ratiosRoundHalfAwayFromZeroToFourDecimals() {
        #expect(ReportValue.fraction(5, 6).text == "0.8333")
        #expect(ReportValue.fraction(1, 1).text == "1.0")
        #expect(ReportValue.fraction(3, 8).text == "0.375")
        #expect(ReportValue.fraction(47, 500).text == "0.094")
        #expect(ReportValue.fraction(1, 20_000).text == "0.0001")   // tie 0.00005 goes up
        #expect(ReportValue.fraction(-1, 20_000).text == "-0.0001") // and away from zero
        #expect(ReportValue.fraction(1, 30_000).text == "0.0")
        #expect(ReportValue.fraction(-1, 6).text == "-0.1667")
        #expect(ReportValue.fraction(7, 0) == .null)
        #expect(ReportValue.fraction(7, 0).jsonLiteral == "null")
        #expect(ReportValue.fraction(Int64.max, 3).tenThousandths! > 0)  // no overflow trap on huge values
        #expect(ReportValue.fraction(1, 8).percentText() == "+12.5%")
        #expect(ReportValue.fraction(-1, 3).percentText() == "-33.3%")
        #expect(ReportValue.fraction(1, 3).percentText(places: 2, signed: false) == "33.33%")
    }

    @Test func moneyIsExactYuanWithTwoDecimals() {
        #expect(ReportValue.money(fen: 11_837_650).jsonLiteral == "118376.50")
        #expect(ReportValue.money(fen: 350_000).jsonLiteral == "3500.00")
        #expect(ReportValue.money(fen: -40_000).text == "-400.00")
        #expect(ReportValue.money(fen: 5).text == "0.05")
        #expect(ReportValue.text("a\"b").jsonLiteral == "\"a\\\"b\"")
    }

    @Test func inlinedSQLReplacesOnlyPlaceholders() {
        let q = SQLQuery(purpose: "t", sql: "SELECT '?', \"a?\" FROM t WHERE a = ? AND b IN (?, ?)",
                         arguments: [.text("O'Hara"), .int(3), .text("2024-01-01")])
        #expect(q.inlined == "SELECT '?', \"a?\" FROM t WHERE a = 'O''Hara' AND b IN (3, '2024-01-01')")
        let pg = SQLQuery(purpose: "t", sql: "SELECT $2, $1", arguments: [.int(1), .text("x")])
        #expect(pg.inlined == "SELECT 'x', 1")
    }

    @Test func dialectSeam() {
        let d = SQLiteDialect()
        #expect(d.month(of: "d.paidOn") == "substr(d.paidOn, 1, 7)")
        #expect(d.position(of: "'、'", in: "rest") == "instr(rest, '、')")
        #expect(d.placeholder(3) == "?")
    }

    // MARK: renderers

    @Test func jsonHasTheShapeOfTheExpectedFiles() throws {
        let r = try R.run(try SyntheticStore.make(), .aid, "2024Q1")
        let json = ReportRendering.json(r)
        #expect(json.hasPrefix("""
            {
              "report": "aid",
              "period": {
                "label": "2024Q1",
                "start": "2024-01-01",
                "end": "2024-03-31"
              },
              "rows": [
                {"org": "东街道", "program": "春蕾计划", "disbursements": 3, "recipients": 3, "amount": 2700.50},
            """))
        #expect(json.hasSuffix("""
              "totals": {
                "disbursements": 7,
                "recipients": 5,
                "amount": 5500.50
              }
            }

            """))
        let compare = ReportRendering.json(try R.run(try SyntheticStore.make(), .jobfairs, "2024Q1", compare: true))
        #expect(compare.contains("""
            "previous": {"fairs": 0, "employers": 0, "positions": 0, "seekers": 0, "placements": 0, "placement_rate": null}
            """))
        #expect(compare.contains("""
            "year_ago_pct": {"fairs": 1.0, "employers": 5.25, "positions": 6.5, "seekers": 5.0, "placements": 11.0, "placement_rate": 1.0}
            """))
        #expect(compare.contains("\"compare\": {\n    \"previous\": {\n      \"label\": \"2023Q4\""))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(compare.utf8)) as? [String: Any])
        #expect(parsed["rows"] as? [Any] != nil && parsed["totals"] as? [String: Any] != nil)
    }

    @Test func tableAlignsByDisplayWidth() throws {
        let r = try R.run(try SyntheticStore.make(), .aid, "2024Q1")
        let lines = ReportRendering.text(r, language: .en).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("org     program"))
        #expect(lines.last!.hasPrefix("Total"))
        #expect(lines.last!.hasSuffix("7           5  5500.50"))
        // The last column is right-aligned: every line ends at the same display column.
        let widths = Set(lines.map(TextNormalizer.displayWidth))
        #expect(widths.count == 1, "\(lines)")
        let chinese = ReportRendering.text(r, language: .zh)
        #expect(chinese.hasPrefix("单位    项目          发放笔数  受助人数  金额(元)"))
        #expect(chinese.split(separator: "\n").last!.hasPrefix("合计"))
        // The process's language by default.
        #expect(ReportRendering.text(r) == ReportRendering.text(r, language: Language.current))
    }

    @Test func tableShowsNullsAndPercentages() throws {
        let r = try R.run(try SyntheticStore.make(), .jobfairs, "2024Q1", compare: true)
        let t = ReportRendering.table(r)
        #expect(t.columns.count == 1 + 6 * 7)
        #expect(ReportRendering.table(r, absoluteChanges: false).columns.count == 1 + 6 * 5)
        #expect(t.columns[1...7].map(\.name) == ["fairs", "fairs_previous", "fairs_change_previous", "fairs_pct_previous",
                                                  "fairs_year_ago", "fairs_change_year_ago", "fairs_pct_year_ago"])
        let text = ReportRendering.text(r, language: .en)
        #expect(text.contains("+100.0%"))  // fairs against a year ago
        #expect(text.contains(" -"))       // null placement rate
    }

    @Test func csvQuotesAndBOM() throws {
        let store = try SyntheticStore.make()
        try store.dbQueue.write { db in
            try db.execute(sql: """
                INSERT INTO program (id, name) VALUES (3, '春蕾"计划",二期');
                INSERT INTO disbursement (personId, programId, orgId, paidOn, amountFen, batchId, sourceRow)
                VALUES (1, 3, 10, '2024-02-02', 12345, 2, 99);
                """)
        }
        let r = try R.run(store, .aid, "2024Q1")
        let csv = ReportRendering.csv(r, bom: true, language: .en)
        #expect(csv.hasPrefix("\u{FEFF}org,program,disbursements,recipients,amount\r\n"))
        #expect(csv.contains("东街道,\"春蕾\"\"计划\"\",二期\",1,1,123.45\r\n"))
        #expect(csv.hasSuffix("Total,,8,5,5623.95\r\n"))
        #expect(!ReportRendering.csv(r).hasPrefix("\u{FEFF}"))
        let zh = ReportRendering.csv(r, language: .zh)
        #expect(zh.hasPrefix("单位,项目,发放笔数,受助人数,金额(元)\r\n"))
        #expect(zh.hasSuffix("合计,,8,5,5623.95\r\n"))
        // A report without keys gets a label column so the totals line is still marked.
        let none = try R.run(store, .coverage, "2024Q1", by: .none)
        #expect(ReportRendering.csv(none, language: .en) == """
            ,units,with_federation,org_coverage,work_covered,work_coverage,with_womens_home,womens_home_coverage\r
            Total,5,2,0.4,4,0.8,2,0.4\r

            """)
        #expect(ReportRendering.csv(none, language: .zh) == """
            ,单位数,已建妇联,组织覆盖率,工作覆盖,工作覆盖率,已建妇女之家,妇女之家覆盖率\r
            合计,5,2,0.4,4,0.8,2,0.4\r

            """)
    }

    @Test func activityKindsAndRolesReadAsLabelsInTablesAndCSVButCodesInJSON() throws {
        let store = try SyntheticStore.make()
        let acts = try R.run(store, .activities, "2024Q1")
        let zh = ReportRendering.text(acts, language: .zh)
        #expect(zh.hasPrefix("单位    活动类型  活动次数  参与人次\n"))
        #expect(zh.contains("东街道  招聘会           2       800\n"))
        #expect(zh.contains("东街道  讲座"))
        #expect(zh.contains("南镇    维权"))
        #expect(ReportRendering.csv(acts, language: .zh).contains("西街道,培训,1,25\r\n"))
        #expect(ReportRendering.csv(acts, language: .en).contains("西街道,training,1,25\r\n"))
        #expect(ReportRendering.text(acts, language: .en).contains("东街道  job fair"))
        let json = ReportRendering.json(acts)
        #expect(json.contains("\"kind\": \"job_fair\"") && !json.contains("招聘会"))
        let members = try R.run(store, .members, "2024Q1")
        let roles = ReportRendering.table(members, language: .zh).rows.map { $0[1].text }
        #expect(roles == ["主席", "副主席", "执委", "主席", "委员", "志愿者"])
        #expect(ReportRendering.table(members, language: .en).rows.map { $0[1].text }
                == ["chair", "vice-chair", "executive committee member", "chair", "committee member", "volunteer"])
    }

    @Test func headingsNameThePeriodInChinese() throws {
        let store = try SyntheticStore.make()
        let r = try R.run(store, .aid, "2024Q1", compare: true)
        #expect(ReportRendering.heading(r, language: .zh) == "2024年第一季度 救助发放情况（上期 2023年第四季度，去年同期 2023年第一季度）")
        #expect(ReportRendering.heading(r, language: .en) == "aid 2024Q1 (previous 2023Q4, year ago 2023Q1)")
        let plain = try R.run(store, .coverage, "2024H1")
        #expect(ReportRendering.heading(plain, language: .zh) == "2024年上半年 妇联组织覆盖情况")
        #expect(ReportRendering.heading(plain, language: .en) == "coverage 2024H1")
        let t = ReportRendering.table(r, language: .zh)
        #expect(t.columns[3...5].map { $0.header(.zh) } == ["发放笔数 上期", "发放笔数 环比", "发放笔数 环比%"])
        #expect(t.columns[3...5].map { $0.header(.en) } == ["disbursements_previous", "disbursements_change_previous", "disbursements_pct_previous"])
    }

    @Test func requestErrorsInBothLanguages() throws {
        let store = try SyntheticStore.make()
        func error(_ body: () throws -> Void) -> ReportError? {
            do { try body() } catch let e as ReportError { return e } catch {}
            return nil
        }
        let cases: [(ReportError?, String, String)] = [
            (error { _ = try R.run(store, .members, "2024Q1", breakdowns: [.source]) },
             "--by-source 只适用于救助发放（aid）报表", "--by-source applies to the aid report only"),
            (error { _ = try R.run(store, .aid, "2024Q1", breakdowns: [.composition]) },
             "人员构成只适用于执委会员（members）报表", "the composition applies to the members report only"),
            (error { _ = try R.run(store, .aid, "2024Q1", kinds: ["enterprise"]) },
             "--kinds 只适用于组织覆盖（coverage）和活动（activities）报表", "--kinds applies to the coverage and activities reports only"),
            (error { _ = try R.run(store, .coverage, "2024Q1", kinds: ["factory"]) },
             "未知的单位类型“factory”：可用 district、street、town、community、village、enterprise、social_org、agency、other、city",
             "unknown unit kind 'factory' for coverage: use district, street, town, community, village, enterprise, social_org, agency, other, city"),
            (error { _ = try R.run(store, .activities, "2024Q1", kinds: ["party"]) },
             "未知的活动类型“party”：可用 job_fair、lecture、training、rights、volunteer、visit、other",
             "unknown activity kind 'party': use job_fair, lecture, training, rights, volunteer, visit, other"),
        ]
        for (e, zh, en) in cases {
            #expect(e?.text(.zh) == zh)
            #expect(e?.text(.en) == en)
        }
    }

    @Test func compositionTablesInChinese() throws {
        let members = try R.run(try SyntheticStore.make(), .members, "2024Q1", breakdowns: [.composition])
        let zh = ReportRendering.text(members, language: .zh)
        #expect(zh.contains("年龄段      人数   占比\n"))
        #expect(zh.contains("30岁以下       1  16.7%\n"))
        #expect(zh.contains("60岁及以上     1  16.7%\n"))
        #expect(zh.contains("未知           1  16.7%\n"))
        #expect(zh.contains("身份标签    人数   占比\n"))
    }

    // MARK: explanation and SQL

    @Test func explanationReproducesTheNumbers() throws {
        let store = try SyntheticStore.make()
        for kind in ReportKind.allCases {
            let r = try R.run(store, kind, "2024Q1", breakdowns: kind == .members ? [.composition] : [])
            let e = r.explanation
            #expect(e.definitionText(.en).hasPrefix(kind.rawValue + " — "))
            #expect(e.definitionText(.zh).hasPrefix(kind.title(.zh) + "（\(kind.rawValue)）："))
            #expect(e.text(.en).contains("period 2024Q1: 2024-01-01 .. 2024-03-31"))
            #expect(e.text(.zh).contains("统计期 2024年第一季度：2024-01-01 至 2024-03-31"))
            // aid: one statement returns rows and the totals row; the others: rows, totals (+ composition).
            #expect(e.queries.count == [.aid: 1, .members: 4][kind, default: 2])
            let grouped = e.queries[0]
            #expect(grouped.sql.contains("WITH RECURSIVE orgmap"))
            #expect(grouped.inlined.contains("'2024-03-31'"))
            // The inlined SQL, pasted into a SQL shell, gives the report's rows.
            let rows = try store.dbQueue.read { db in try Row.fetchAll(db, sql: grouped.inlined) }
            #expect(rows.count == r.rows.count + (kind == .aid ? 1 : 0), "\(kind)")
        }
        let cmp = try R.run(store, .aid, "2024Q1", compare: true)
        #expect(cmp.explanation.queries.map(\.purpose) == [
            "rows and totals 2024Q1", "rows and totals 2023Q4", "rows and totals 2023Q1",
        ])
        #expect(try R.run(store, .jobfairs, "2024Q1", compare: true).explanation.queries.map(\.purpose) == [
            "rows 2024Q1", "totals 2024Q1", "rows 2023Q4", "totals 2023Q4", "rows 2023Q1", "totals 2023Q1",
        ])
        #expect(cmp.explanation.text(.en).contains("--compare"))
    }

    /// Each flow report reads its period as ranges of an index with the date in it. The aid report reads
    /// each unit's and programme's rows of the period from disbursement_unitProgram, already grouped:
    /// without a breakdown it sorts nothing (only the recipients are counted apart), in scope or not.
    @Test func flowQueriesUseTheDateIndexesAndNoCorrelatedSubqueries() throws {
        let store = try SyntheticStore.make()
        let unitRange = "disbursement_unitProgram (orgId=? AND programId=? AND paidOn>? AND paidOn<?)"
        let cases: [(ReportKind, String, Set<ReportBreakdown>)] = [
            (.aid, unitRange, []), (.aid, unitRange, [.source, .month]),
            (.jobfairs, "activity_heldOn", []), (.activities, "activity_heldOn", []),
        ]
        for (kind, index, breakdowns) in cases {
            for by in OrgLevel.allCases {
                for under in kind == .aid ? [nil, "东街道"] : [nil] {
                    let r = try Reports.run(ReportRequest(kind: kind, period: R.period("2024Q1"), by: by, breakdowns: breakdowns,
                                                          under: under), in: store)
                    for q in r.explanation.queries {
                        let plan = try store.dbQueue.read { db in
                            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + q.inlined).map { $0["detail"] as String? ?? "" }
                        }.joined(separator: "\n")
                        #expect(plan.contains(index), "\(kind) \(by) \(q.purpose):\n\(plan)")
                        #expect(!plan.contains("CORRELATED"), "\(kind) \(by) \(q.purpose):\n\(plan)")
                        if kind == .aid && breakdowns.isEmpty {
                            #expect(!plan.contains("FOR GROUP BY"), "\(by) \(under ?? "-") \(q.purpose):\n\(plan)")
                            #expect(!plan.contains("SCAN d"), "\(by) \(under ?? "-") \(q.purpose):\n\(plan)")
                        }
                    }
                }
            }
        }
    }

    // MARK: provenance

    @Test func jobFairList() throws {
        let store = try SyntheticStore.make()
        let fairs = try Provenance.jobFairs(in: R.period("2024Q1"), store: store)
        #expect(fairs.map { "\($0.heldOn.iso) \($0.title ?? "-") \($0.unit) \($0.org ?? "-") \($0.placementRate)" } == [
            "2024-01-10 春季招聘会 东一社区 东街道 0.2",
            "2024-02-01 镇招聘会 南一村 南镇 null",
            "2024-03-15 女性就业招聘 东街道 东街道 0.2",
        ])
        #expect(fairs[0].fileName == "活动.xlsx" && fairs[0].sourceRow == 2)
        #expect(fairs[0].employers == 20 && fairs[0].positions == 200 && fairs[0].seekers == 250 && fairs[0].placements == 50)
        // The list adds up to the jobfairs report.
        #expect(fairs.reduce(0) { $0 + ($1.positions ?? 0) } == 640)
        #expect(try Provenance.jobFairs(in: R.period("2024Q1"), by: .none, store: store).allSatisfy { $0.org == nil })
        #expect(try Provenance.jobFairs(in: R.period("2030Q1"), store: store).isEmpty)
    }

    @Test func batchesAndIssueCounts() throws {
        let store = try SyntheticStore.make()
        let batches = try Provenance.batches(in: store)
        #expect(batches.map(\.fileName) == ["登记表.xlsx", "救助.csv", "名册.xlsx", "活动.xlsx"])
        #expect(batches[1].dataset == "aid" && batches[1].loaded == 13 && batches[1].rejected == 1 && batches[1].sheet == nil)
        let issues = try Provenance.issueCounts(in: store)
        #expect(issues.map { "\($0.dataset) \($0.severity) \($0.category) \($0.count)" } == [
            "aid error bad-check-digit 1",
            "activities warning gender-mismatch 2",
            "aid warning footer-mismatch 1",
        ])
        #expect(try Provenance.issueCounts(in: Store(inMemory: ())).isEmpty)
    }
}
