import Foundation
import Testing
import TestSupport

/// End-to-end: the real binary, exact stdout/stderr and exit codes.
@Suite struct ImportCLITests {
    /// A web system's “导出 Excel” (a GB2312 web page named .xls) imports like a workbook; JSON says format html.
    @Test func aWebPageExportPrintsItsEncodingAndFormat() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLIRunner.run(["import", "orgs", "fixtures/import/sheets/兰江区社区名册.xlsx"], in: dir).status == 0)
        let aid = try CLIRunner.run(["import", "aid", "fixtures/sheets/html/系统导出-春蕾计划.xls"], in: dir)
        #expect(aid.status == 0)
        #expect(aid.stdout == """
            系统导出-春蕾计划.xls: aid, sheet 系统导出-春蕾计划, GB18030, header row 2
              no programme column: every row's programme is 春蕾计划, from the title
              5 rows: 5 loaded, 0 rejected, 0 duplicates, 0 warnings; skipped 1 title, 1 header, 1 footer (8 rows in the sheet)

            """)
        let json = try CLIRunner.run(["import", "aid", "fixtures/sheets/html/系统导出-春蕾计划.xls", "--replace", "--format", "json"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let file = try #require((doc["files"] as? [[String: Any]])?.first)
        #expect(file["format"] as? String == "html" && file["encoding"] as? String == "GB18030")
    }

    @Test func importPrintsAnExactSummary() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let orgs = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir)
        #expect(orgs.status == 0)
        #expect(orgs.stdout == """
            register.csv: orgs, UTF-8, header row 1
              7 rows: 7 loaded, 0 rejected, 0 duplicates, 0 warnings; skipped 1 header (8 rows in the sheet)

            """)
        let aid = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv"], in: dir)
        #expect(aid.status == 0)
        #expect(aid.stdout == """
            aid-q1.csv: aid, UTF-8, header row 2
              7 rows: 3 loaded, 3 rejected, 1 duplicates, 1 warnings; skipped 1 title, 1 header, 1 footer, 1 note (11 rows in the sheet)
              aid-q1.csv:R6C2: error [bad-check-digit] 身份证号: the ID number 110105********1060 fails its check digit (GB 11643): a digit was mistyped; check it against the ID card
              aid-q1.csv:R7C3: error [unknown-org] 所属社区: unit 望江楼社区 is not in the org register; did you mean 望江社区? Correct the name, or add the unit to the register and import it first.
              aid-q1.csv:R8: warning [duplicate] the same disbursement (person, 春蕾计划, 2024-01-05, 1000.00 yuan) is already stored from row 3 of this file; skipped
              aid-q1.csv:R9C5: error [bad-date] 发放日期: 2024-02-30 is not a calendar date
              aid-q1.csv:R10C6: warning [footer-mismatch] the 合计 row says 19800.00 for 金额(元), but the data rows add up to 20800.00

            """)
        let again = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout == "aid-q1.csv: already imported as batch 2 (same content); nothing to do. Use --replace to import it again.\n")
    }

    /// A register with only names and 女性人口 says which stored units keep the facts it has no column for.
    @Test func aPartialRegisterSaysWhatIsKept() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in ["渝州市区县名册.csv", "江北区社区名册.csv"] {
            #expect(try CLIRunner.run(["import", "orgs", "fixtures/city/registers/" + f], in: dir).status == 0)
        }
        let en = try CLIRunner.run(["import", "orgs", "fixtures/city/registers/江北区女性人口_2024.csv", "--dry-run"], in: dir)
        #expect(en.stdout.contains("""
              no 妇联组建时间 column: federation stays empty for 1 new units; 2 stored units keep their federation
              no 妇女之家 column: womens_home stays empty for 1 new units; 2 stored units keep their womens_home
            """), "\(en.stdout)")
        let zh = try CLIRunner.run(["import", "orgs", "fixtures/city/registers/江北区女性人口_2024.csv"], in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(zh.stdout.contains("""
              没有“妇联组建时间”列：新单位 1 行的 federation 留空，已在库的 2 个单位保留原有的 federation
              没有“妇女之家”列：新单位 1 行的 womens_home 留空，已在库的 2 个单位保留原有的 womens_home
            """), "\(zh.stdout)")
    }

    @Test func jsonSummaryForScripts() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir)
        let out = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv", "--format", "json"], in: dir)
        #expect(out.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
        let file = (json["files"] as! [[String: Any]])[0]
        #expect(file["file"] as? String == "aid-q1.csv")
        #expect(file["dataset"] as? String == "aid")
        #expect(file["rows"] as? Int == 7)
        #expect(file["loaded"] as? Int == 3)
        #expect(file["rejected"] as? Int == 3)
        #expect(file["duplicates"] as? Int == 1)
        #expect(file["warnings"] as? Int == 1)
        let issues = file["issues"] as! [[String: Any]]
        #expect(issues.map { $0["category"] as! String } == ["bad-check-digit", "unknown-org", "duplicate", "bad-date", "footer-mismatch"])
        #expect(issues.map { $0["row"] as! Int } == [6, 7, 8, 9, 10])
        #expect(issues[0]["severity"] as? String == "error")
        #expect(issues[0]["column"] as? Int == 2)
    }

    @Test func exitCodes() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let usage = try CLIRunner.run(["import", "payroll", "x.csv"], in: dir)
        #expect(usage.status == 64)
        let missing = try CLIRunner.run(["import", "aid", "nowhere.csv"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: nowhere.csv: no such file\n")
        _ = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir)
        let strict = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv", "--strict"], in: dir)
        #expect(strict.status == 1)
        let rows = try CLIRunner.run(["sql", "SELECT COUNT(*) AS n FROM disbursement", "--format", "csv"], in: dir)
        #expect(rows.stdout == "n\n0\n")
    }

    @Test func sqlIsReadOnly() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir)
        let out = try CLIRunner.run(["sql", "DELETE FROM org"], in: dir)
        #expect(out.status == 1)
        #expect(out.stderr == "error: the query failed: attempt to write a readonly database (fulian sql is read-only)\n")
        let count = try CLIRunner.run(["sql", "SELECT COUNT(*) AS n FROM org", "--format", "json"], in: dir)
        #expect(count.stdout == "[\n  {\n    \"n\": 7\n  }\n]\n")
    }

    @Test func aProgrammeFromTheTitleOrTheOptionIsShownInBothLanguages() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = "fixtures/import/sheets/"
        _ = try CLIRunner.run(["import", "orgs", s + "兰江区社区名册.xlsx"], in: dir)
        let zh = try CLIRunner.run(["import", "aid", s + "东湖街道两癌救助花名册.xlsx"], in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(zh.status == 0)
        #expect(zh.stdout == """
            东湖街道两癌救助花名册.xlsx：aid，工作表“Sheet”，表头第 2 行
              没有救助项目列：各行项目均为 “两癌”救助（依据 表格标题）
              共 3 行：入库 3 行，退回 0 行，重复 0 行，警告 0 条；跳过标题 1 行、表头 1 行、合计行 1 行（工作表共 6 行）

            """)
        let en = try CLIRunner.run(["import", "aid", s + "春蕾计划_2024Q1.csv", "--program", "母亲 邮包", "--format", "json"], in: dir)
        #expect(en.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(en.stdout.utf8)) as! [String: Any]
        let sheet = (((json["files"] as! [[String: Any]])[0])["sheets"] as! [[String: Any]])[0]
        #expect(sheet["program"] as? String == "母亲邮包")
        #expect(sheet["program_source"] as? String == "--program")
        let members = try CLIRunner.run(["import", "members", s + "春蕾计划_2024Q1.csv", "--program", "春蕾计划"], in: dir)
        #expect(members.status == 64)
        #expect(members.stderr.hasPrefix("Error: --program applies to aid files (the programme of rows without a programme column), not to members."))
    }

    @Test func blocksPastedOneUnderAnotherAreShownInBothLanguages() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = "fixtures/import/sheets/"
        _ = try CLIRunner.run(["import", "orgs", s + "兰江区社区名册.xlsx"], in: dir)
        let file = s + "兰江区春蕾计划发放名单（各街道合并）.xlsx"
        let zh = try CLIRunner.run(["import", "aid", file, "--dry-run"], in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(zh.status == 0)
        #expect(zh.stdout == """
            兰江区春蕾计划发放名单（各街道合并）.xlsx：aid，工作表“发放名单”，表头第 2 行（试运行：未入库）
              没有救助项目列：各行项目均为 春蕾计划（依据 表格标题）
              共 5 行：入库 5 行，退回 0 行，重复 0 行，警告 0 条；跳过标题 2 行、表头 2 行、空行 10 行、合计行 1 行（工作表共 20 行）
              第 6 行重复了表头，第 5 行是其下一段的标题（几张表上下相接），不是数据

            """)
        let text = try CLIRunner.run(["import", "aid", file, "--dry-run"], in: dir, environment: ["FULIAN_LANG": "en"])
        #expect(text.stdout.split(separator: "\n").last == "  row 6 repeats the header, row 5 is the title of the rows below (tables pasted one under another); not data")
        let en = try CLIRunner.run(["import", "aid", file, "--format", "json"], in: dir, environment: ["FULIAN_LANG": "en"])
        #expect(en.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(en.stdout.utf8)) as! [String: Any]
        let sheet = (((json["files"] as! [[String: Any]])[0])["sheets"] as! [[String: Any]])[0]
        #expect(sheet["repeated_header_rows"] as? [Int] == [6])
        #expect(sheet["inner_title_rows"] as? [Int] == [5])
    }

    @Test func aUnitFromTheSheetNameOrTheFileNameIsShownInBothLanguages() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = "fixtures/import/sheets/"
        _ = try CLIRunner.run(["import", "orgs", s + "兰江区社区名册.xlsx"], in: dir)
        let en = try CLIRunner.run(["import", "aid", s + "东湖街道两癌救助发放表（分社区）.xlsx", "--dry-run"], in: dir, environment: ["FULIAN_LANG": "en"])
        #expect(en.status == 0)
        let lines = en.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("no unit column") } == [
            "  sheet 东湖社区: no unit column: every row's unit is 兰江区/东湖街道/东湖社区, from the sheet name",
            "  sheet 白沙: no unit column: every row's unit is 兰江区/东湖街道/白沙社区, from the sheet name",
            "  sheet Sheet3: no unit column: every row's unit is 兰江区/东湖街道/桥头社区, from the title",
        ])
        let zh = try CLIRunner.run(["import", "aid", s + "白沙村2024年春蕾计划资助名单.csv"], in: dir, environment: ["FULIAN_LANG": "zh"])
        #expect(zh.stdout == """
            白沙村2024年春蕾计划资助名单.csv：aid，UTF-8，表头第 1 行
              没有救助项目列：各行项目均为 春蕾计划（依据 文件名）
              没有单位列：各行单位均为 兰江区/西岭镇/白沙村（依据 文件名）
              共 2 行：入库 2 行，退回 0 行，重复 0 行，警告 0 条；跳过表头 1 行（工作表共 3 行）

            """)
        let json = try CLIRunner.run(["import", "aid", s + "东湖街道两癌救助发放表（分社区）.xlsx", "--format", "json"], in: dir)
        let sheets = (((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["files"] as! [[String: Any]])[0])["sheets"] as! [[String: Any]]
        #expect(sheets.map { $0["unit"] as? String } == ["兰江区/东湖街道/东湖社区", "兰江区/东湖街道/白沙社区", "兰江区/东湖街道/桥头社区"])
        #expect(sheets.map { $0["unit_source"] as? String } == ["the sheet name", "the sheet name", "the title"])
    }
}
