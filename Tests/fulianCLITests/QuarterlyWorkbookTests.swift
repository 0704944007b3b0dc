import Foundation
import FulianSheets
import Testing
import TestSupport

/// Builds the demo store with `fulian demo`, writes the quarterly workbook, reads it back with fulian's own
/// XLSX reader and checks every figure against `fulian report … --format json`; in CI (or wherever
/// openpyxl is installed) an independent reader checks sheet names, formulas, number formats and panes.
@Suite(.serialized) struct QuarterlyWorkbookTests {
    static let demo: URL = {
        let dir = try! CLIRunner.workspace()
        let out = try! CLIRunner.run(["demo", "-o", "demo"], in: dir, environment: ["FULIAN_LANG": "zh"])
        precondition(out.status == 0, out.stdout + out.stderr)
        return dir
    }()

    static func json(_ args: [String]) throws -> [String: Any] {
        let out = try CLIRunner.run(["report"] + args + ["--format", "json", "--db", "demo/fulian.sqlite"], in: demo)
        #expect(out.status == 0, "\(out.stderr)")
        return try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
    }

    /// A sheet's rows as cell lists, keyed by row number.
    static func sheet(_ path: URL, _ name: String) throws -> [Int: [Cell]] {
        let reader = try openSpreadsheet(at: path.path)
        var out: [Int: [Cell]] = [:]
        for row in try reader.rows(in: reader.sheet(named: name)) { out[row.number] = row.cells }
        return out
    }

    static func number(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }

    static func cellNumber(_ c: Cell?) -> Double? {
        if case .number(let d) = c { return d }
        return nil
    }

    @Test func demoImportsEveryFileWithTheExpectedCounts() throws {
        let out = try CLIRunner.run(["demo", "-o", "again"], in: Self.demo)
        #expect(out.status == 0)
        #expect(out.stdout.contains("10 files: 369 rows loaded, 4 rejected, 1 duplicates skipped\n"))
        #expect(out.stdout.contains("quarterly workbook: again/quarterly-2024Q2.xlsx\n"))
        #expect(out.stdout.contains("rejected rows:      again/rejects.xlsx\n"))
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: FixturePaths.fixture("demo/expected.json"))) as! [String: Any]
        for f in expected["files"] as! [[String: Any]] {
            let name = ((f["path"] as! String) as NSString).lastPathComponent
            let line = "  \(f["data_rows"]!) rows: \(f["expected_loaded"]!) loaded, \(f["expected_rejected"]!) rejected, \(f["duplicates_skipped"]!) duplicates"
            let block = out.stdout.components(separatedBy: "\n").drop { !$0.hasPrefix(name + ":") }.dropFirst().first ?? ""
            #expect(block.hasPrefix(line), "\(name): \(block)")
        }
    }

    @Test(arguments: ["aid", "coverage", "jobfairs", "members", "activities"], ["2024Q1", "2024Q2"])
    func demoFiguresEqualTheGeneratorsExpectations(report: String, period: String) throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: FixturePaths.fixture("demo/expected.json"))) as! [String: Any]
        let e = expected["\(report)_\(period)"] as! [String: Any]
        let a = try Self.json([report, "--period", period])
        func totals(_ d: [String: Any]) -> [String: String] { (d["totals"] as! [String: Any]).mapValues { "\($0)" } }
        func rows(_ d: [String: Any]) -> Set<[String: String]> { Set((d["rows"] as! [[String: Any]]).map { $0.mapValues { "\($0)" } }) }
        #expect(totals(a) == totals(e))
        #expect(rows(a) == rows(e))
    }

    @Test func everyFigureOfTheWorkbookEqualsTheJSONReports() throws {
        let path = Self.demo.appendingPathComponent("q.xlsx")
        let out = try CLIRunner.run(["report", "quarterly", "--period", "2024Q2", "-o", "q.xlsx", "--db", "demo/fulian.sqlite"], in: Self.demo, environment: ["FULIAN_LANG": "zh"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "2024年第二季度工作簿：q.xlsx（概览、组织覆盖、就业招聘、救助发放、救助明细、执委队伍、活动开展、数据说明）\n")
        let reader = try openSpreadsheet(at: path.path)
        #expect(reader.sheets.map(\.name) == ["概览", "组织覆盖", "就业招聘", "救助发放", "救助明细", "执委队伍", "活动开展", "数据说明"])

        // 组织覆盖: one row per street in JSON order, then 合计.
        let coverage = try Self.json(["coverage", "--period", "2024Q2"])
        let covSheet = try Self.sheet(path, "组织覆盖")
        #expect(covSheet[1]?.first == .text("青溪区 2024年第二季度 妇联组织覆盖情况"))
        #expect(covSheet[2] == ["单位", "单位数", "已建妇联", "组织覆盖率", "工作覆盖", "工作覆盖率", "已建妇女之家", "妇女之家覆盖率"].map { Cell.text($0) })
        let measures = ["units", "with_federation", "org_coverage", "work_covered", "work_coverage", "with_womens_home", "womens_home_coverage"]
        let rows = coverage["rows"] as! [[String: Any]]
        for (i, r) in rows.enumerated() {
            let cells = covSheet[3 + i] ?? []
            #expect(cells.first == .text(r["org"] as! String))
            #expect(measures.enumerated().allSatisfy { k, m in Self.cellNumber(cells[k + 1]) == Self.number(r[m]) }, "\(r)")
        }
        let covTotals = covSheet[3 + rows.count] ?? []
        #expect(covTotals.first == .text("合计"))
        let t = coverage["totals"] as! [String: Any]
        #expect(measures.enumerated().allSatisfy { k, m in Self.cellNumber(covTotals[k + 1]) == Self.number(t[m]) })

        // 概览: 本期 column equals the JSON totals (amount in 万元).
        let summary = try Self.sheet(path, "概览")
        func headline(_ label: String) -> Double? { summary.values.first { $0.first == .text(label) }.flatMap { Self.cellNumber($0[1]) } }
        let aid = try Self.json(["aid", "--period", "2024Q2"])["totals"] as! [String: Any]
        let jobs = try Self.json(["jobfairs", "--period", "2024Q2"])["totals"] as! [String: Any]
        let members = try Self.json(["members", "--period", "2024Q2"])["totals"] as! [String: Any]
        let acts = try Self.json(["activities", "--period", "2024Q2"])["totals"] as! [String: Any]
        #expect(headline("组织覆盖率") == Self.number(t["org_coverage"]))
        #expect(headline("妇女之家覆盖率") == Self.number(t["womens_home_coverage"]))
        #expect(headline("招聘会场次") == Self.number(jobs["fairs"]))
        #expect(headline("达成率") == Self.number(jobs["placement_rate"]))
        #expect(headline("受助人数（人）") == Self.number(aid["recipients"]))
        #expect(headline("发放金额（万元）").map { ($0 * 1_000_000).rounded() } == Self.number(aid["amount"]).map { ($0 * 100).rounded() })
        #expect(headline("执委会员（人，去重）") == Self.number(members["persons"]))
        #expect(headline("参与人次") == Self.number(acts["participants"]))

        // 救助发放: the amount pivot equals the aid rows, the grand total equals the JSON total.
        let aidRows = try Self.json(["aid", "--period", "2024Q2"])["rows"] as! [[String: Any]]
        let pivot = try Self.sheet(path, "救助发放")
        let header = pivot[2] ?? []
        for r in aidRows {
            let col = header.firstIndex(of: .text(r["program"] as! String))!
            let row = pivot.filter { $0.value.first == .text(r["org"] as! String) }.min { $0.key < $1.key }!.value  // the amount pivot comes first
            #expect(Self.cellNumber(row[col]) == Self.number(r["amount"]), "\(r)")
        }
        let grand = pivot.filter { $0.value.first == .text("合计") }.min { $0.key < $1.key }!.value
        #expect(Self.cellNumber(grand.last) == Self.number(aid["amount"]))

        // 救助明细 lists people: ID numbers are masked.
        let detail = try Self.sheet(path, "救助明细")
        #expect(detail.values.contains { row in row.count > 2 && row[2].displayText.contains("********") })
        #expect(!detail.values.contains { row in row.count > 2 && row[2].displayText.count == 18 && !row[2].displayText.contains("*") })
    }

    @Test func englishSheetNamesAndUnmaskedDetail() throws {
        let out = try CLIRunner.run(["report", "quarterly", "--period", "2024Q1", "-o", "en.xlsx", "--lang", "en", "--no-mask", "--db", "demo/fulian.sqlite"], in: Self.demo)
        #expect(out.status == 0, "\(out.stderr)")
        let reader = try openSpreadsheet(at: Self.demo.appendingPathComponent("en.xlsx").path)
        #expect(reader.sheets.map(\.name) == ["Summary", "Coverage", "Job fairs", "Aid", "Aid detail", "Members", "Activities", "Notes"])
        let detail = try Self.sheet(Self.demo.appendingPathComponent("en.xlsx"), "Aid detail")
        #expect(detail[2]?.prefix(3) == [.text("paid on"), .text("name"), .text("ID number")])
        #expect(detail.values.contains { row in row.count > 2 && row[2].displayText.count == 18 && !row[2].displayText.contains("*") })
    }

    @Test func quarterlyNeedsAnOutputFile() throws {
        let out = try CLIRunner.run(["report", "quarterly", "--period", "2024Q1", "--db", "demo/fulian.sqlite"], in: Self.demo)
        #expect(out.status == 64)
        #expect(out.stderr.contains("Error: report quarterly writes a workbook: name it with -o FILE.xlsx"))
    }

    static var hasOpenpyxl: Bool {
        ProcessInfo.processInfo.environment["CI"] != nil
            || ((try? CLIRunner.shell("python3 -c 'import openpyxl'", in: FileManager.default.temporaryDirectory))?.status == 0)
    }

    @Test(.enabled(if: hasOpenpyxl)) func openpyxlReadsTheWorkbook() throws {
        _ = try CLIRunner.run(["report", "quarterly", "--period", "2024Q2", "-o", "check.xlsx", "--db", "demo/fulian.sqlite"], in: Self.demo, environment: ["FULIAN_LANG": "zh"])
        let script = """
            import openpyxl
            wb = openpyxl.load_workbook('check.xlsx')
            print(wb.sheetnames)
            ws = wb['组织覆盖']
            print(ws.freeze_panes, ws.page_setup.orientation, ws.page_setup.paperSize, ws.sheet_properties.pageSetUpPr.fitToPage)
            print(ws['D3'].number_format, ws['B3'].number_format)
            last = max(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == '合计')
            print(ws.cell(last, 2).value)
            print(str(ws.print_title_rows).replace('$', ''), ws.auto_filter.ref)
            print(len(wb['概览']._charts))
            """
        let out = try CLIRunner.shell("python3 - <<'PY'\n\(script)\nPY", in: Self.demo)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == """
            ['概览', '组织覆盖', '就业招聘', '救助发放', '救助明细', '执委队伍', '活动开展', '数据说明']
            A3 landscape 9 True
            0.0% #,##0
            =SUM(B3:B7)
            1:2 A2:H7
            2

            """)
    }
}

/// LibreOffice prints the quarterly and the clean workbook as a leader would: every page A4 landscape, the
/// expected number of pages, no cell too narrow for its number (`###`), page 1 saying who made it and for
/// which period. Runs where `soffice`, `pdfinfo` and `pdftotext` exist (`.ci/install-deps` installs
/// libreoffice-calc-nogui, poppler-utils and fonts-noto-cjk); skipped, with that reason, elsewhere.
@Suite(.serialized) struct WorkbookPrintTests {
    static var hasLibreOffice: Bool {
        (try? CLIRunner.shell("command -v soffice && command -v pdfinfo && command -v pdftotext", in: FileManager.default.temporaryDirectory))?
            .status == 0
    }

    /// The PDF LibreOffice makes of a workbook: its page sizes in points and its text.
    struct Printed {
        var pages: [(width: Double, height: Double)]
        var text: String
    }

    static func print(_ workbook: String, in dir: URL) throws -> Printed {
        let stem = (workbook as NSString).deletingPathExtension
        // A profile of its own (HOME) per conversion: two soffice processes must not share one.
        let convert = try CLIRunner.shell("mkdir -p lo-\(stem) && HOME=$PWD/lo-\(stem) soffice --headless --convert-to pdf --outdir pdf \(workbook)", in: dir)
        #expect(convert.status == 0, "\(convert.stderr)")
        let info = try CLIRunner.shell("pdfinfo -f 1 -l 1000 pdf/\(stem).pdf", in: dir)
        #expect(info.status == 0, "\(info.stderr)")
        var pages: [(Double, Double)] = []
        for line in info.stdout.split(separator: "\n") where line.hasPrefix("Page ") && line.contains(" size: ") {
            let parts = line.components(separatedBy: " size: ")[1].split(separator: " ")
            if parts.count >= 3, let w = Double(parts[0]), let h = Double(parts[2]) { pages.append((w, h)) }
        }
        let text = try CLIRunner.shell("pdftotext -layout pdf/\(stem).pdf -", in: dir)
        return Printed(pages: pages, text: text.stdout)
    }

    static func isA4Landscape(_ p: (width: Double, height: Double)) -> Bool {
        abs(p.width - 841.89) < 1 && abs(p.height - 595.28) < 1
    }

    @Test(.enabled(if: hasLibreOffice, "LibreOffice (soffice), pdfinfo and pdftotext are not installed: apt-get install libreoffice-calc-nogui poppler-utils fonts-noto-cjk"),
          .timeLimit(.minutes(3)))
    func theQuarterlyWorkbookPrintsOnA4LandscapePages() throws {
        let dir = QuarterlyWorkbookTests.demo
        let out = try CLIRunner.run(["report", "quarterly", "--period", "2024Q2", "-o", "print.xlsx", "--db", "demo/fulian.sqlite"], in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(out.status == 0, "\(out.stderr)")
        let printed = try Self.print("print.xlsx", in: dir)
        // 概览 2 (table, charts), 组织覆盖 1, 就业招聘 1, 救助发放 2, 救助明细 1, 执委队伍 1, 活动开展 1, 数据说明 2.
        #expect(printed.pages.count == 11, "\(printed.pages.count) pages")
        #expect(printed.pages.allSatisfy(Self.isA4Landscape), "\(printed.pages)")
        #expect(!printed.text.contains("###"))
        let first = printed.text.components(separatedBy: "\u{0C}").first ?? ""
        #expect(first.contains("青溪区 2024年第二季度 妇联工作统计概览"))
        #expect(first.contains("制表单位：青溪区妇联"))
        #expect(first.contains("统计期：2024年第二季度（2024-04-01 至 2024-06-30）"))
        #expect(first.contains("制表日期："))
        #expect(first.contains("+1.3个百分点"))
        #expect(first.contains("比较期：上期 2024年第一季度，去年同期 2023年第二季度"))
        #expect(printed.text.contains("组织覆盖率 = 已建妇联组织的社区（村）数 ÷ 社区（村）总数，按期末在册单位计算。"))
        #expect(!printed.text.contains("SELECT"), "the SQL is only printed with --explain")
    }

    @Test(.enabled(if: hasLibreOffice, "LibreOffice (soffice), pdfinfo and pdftotext are not installed: apt-get install libreoffice-calc-nogui poppler-utils fonts-noto-cjk"),
          .timeLimit(.minutes(3)))
    func theCleanWorkbookPrintsOnA4LandscapePages() throws {
        let dir = QuarterlyWorkbookTests.demo
        let out = try CLIRunner.run(["clean", "aid", "fixtures/demo/aid/贫困母亲救助_2024Q1.xls", "fixtures/demo/aid/贫困母亲救助_2024Q2.csv",
                                     "--orgs", "fixtures/demo/orgs/青溪区妇联组织建设情况登记表.xlsx", "-o", "clean-print.xlsx", "--mask"], in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(out.status == 0, "\(out.stderr)")
        let printed = try Self.print("clean-print.xlsx", in: dir)
        // One page per sheet: 清洗结果, 问题清单, 重复记录, 名称归并, 摘要.
        #expect(printed.pages.count == 5, "\(printed.pages.count) pages")
        #expect(printed.pages.allSatisfy(Self.isA4Landscape), "\(printed.pages)")
        #expect(!printed.text.contains("###"))
        let first = printed.text.components(separatedBy: "\u{0C}").first ?? ""
        #expect(first.contains("救助发放 清洗结果"))
        #expect(first.replacingOccurrences(of: " ", with: "").contains("第1页/共5页"), "the footer numbers the pages")
        #expect(first.contains("1,200.00"), "amounts print as numbers with two decimals")
    }
}
