import Foundation
import FulianSheets
import Testing
import TestSupport

/// `fulian report` output formats and errors, and the rejects and clean workbooks, on the demo store.
@Suite(.serialized) struct ReportCLITests {
    static var dir: URL { QuarterlyWorkbookTests.demo }

    static func run(_ args: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(args + ["--db", "demo/fulian.sqlite"], in: dir)
    }

    static func runZH(_ args: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(args + ["--db", "demo/fulian.sqlite"], in: dir, environment: ["FULIAN_LANG": "zh"])
    }

    /// CSV headers are Chinese by default and the JSON names in English; standard output never has a BOM,
    /// a file written with -o has one unless --no-bom.
    @Test func csvHeadersAndTheBOM() throws {
        let zh = try Self.runZH(["report", "jobfairs", "--period", "2024Q1", "--by", "none", "--format", "csv"])
        #expect(zh.status == 0)
        #expect(zh.stdout == ",场次,参会企业,提供岗位,求职人数,达成意向,达成率\r\n合计,6,185,2836,9438,1498,0.1587\r\n")
        let stdoutBOM = try Self.runZH(["report", "jobfairs", "--period", "2024Q1", "--by", "none", "--format", "csv", "--bom"])
        #expect(stdoutBOM.stdout == zh.stdout)
        let plain = try Self.run(["report", "jobfairs", "--period", "2024Q1", "--by", "none", "--format", "csv"])
        #expect(plain.stdout == ",fairs,employers,positions,seekers,placements,placement_rate\r\nTotal,6,185,2836,9438,1498,0.1587\r\n")
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = Self.dir.appendingPathComponent("demo/fulian.sqlite").path
        for (extra, bom) in [([String](), true), (["--no-bom"], false), (["--bom"], true)] {
            let out = try CLIRunner.run(["report", "jobfairs", "--period", "2024Q1", "--by", "none", "--format", "csv", "-o", "j.csv", "--db", db] + extra,
                                        in: dir, environment: ["FULIAN_LANG": "zh"])
            #expect(out.status == 0 && out.stdout == "", "\(out.stderr)")
            let bytes = try Data(contentsOf: dir.appendingPathComponent("j.csv"))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) == bom, "\(extra)")
            #expect(String(decoding: bom ? bytes.dropFirst(3) : bytes[...], as: UTF8.self) == zh.stdout)
        }
    }

    @Test func tablesStartWithTheirPeriodAndShowLabels() throws {
        let zh = try Self.runZH(["report", "activities", "--period", "2024Q1"])
        #expect(zh.status == 0)
        let lines = zh.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "2024年第一季度 活动开展情况")
        #expect(lines[1] == "")
        #expect(lines[2].hasPrefix("单位"))
        #expect(!zh.stdout.contains("job_fair") && zh.stdout.contains("招聘会"))
        let en = try Self.run(["report", "activities", "--period", "2024Q1", "--compare"])
        #expect(en.stdout.hasPrefix("activities 2024Q1 (previous 2023Q4, year ago 2023Q1)\n\norg"))
        #expect(en.stdout.contains("job fair") && !en.stdout.contains("job_fair"))
        let json = try Self.runZH(["report", "activities", "--period", "2024Q1", "--format", "json"])
        #expect(json.stdout.contains("\"kind\": \"job_fair\"") && !json.stdout.contains("招聘会"))
    }

    @Test func xlsxSheetAgreesWithJSON() throws {
        let out = try Self.runZH(["report", "aid", "--period", "2024Q1", "--format", "xlsx", "-o", "aid.xlsx"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "2024年第一季度 救助发放情况：aid.xlsx\n")
        let reader = try openSpreadsheet(at: Self.dir.appendingPathComponent("aid.xlsx").path)
        #expect(reader.sheets.map(\.name) == ["救助发放情况"])
        let rows = try reader.rows(in: reader.sheets[0])
        #expect(rows[0].cells.first == .text("2024年第一季度 救助发放情况"))
        #expect(rows[1].cells == ["单位", "项目", "发放笔数", "受助人数", "金额(元)"].map { Cell.text($0) })
        #expect(rows[2].cells == [.text("枫林街道"), .text("困境儿童关爱"), .number(4), .number(2), .number(2100)])
        #expect(rows.last?.cells == [.text("合计"), .empty, .number(52), .number(44), .number(51900)])
        #expect(rows.count == 18)
        let en = try Self.run(["report", "aid", "--period", "2024Q1", "--format", "xlsx", "-o", "aid-en.xlsx"])
        #expect(en.stdout == "aid 2024Q1: aid-en.xlsx\n")
    }

    @Test func explainPrintsTheDefinitionAndTheSQL() throws {
        let out = try Self.run(["report", "members", "--period", "2024Q1", "--explain"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("members — "))
        #expect(out.stdout.contains("FROM membership"))
    }

    /// `--explain` follows the language: the definition in Chinese by default (the SQL stays SQL), English with
    /// FULIAN_LANG=en.
    @Test func explainInChinese() throws {
        let zh = try Self.runZH(["report", "aid", "--period", "2024Q1", "--explain"])
        #expect(zh.status == 0)
        let definition = """
            救助发放情况（aid）：统计期内发放的救助（start <= paidOn <= end），按单位 × 项目分组。
              disbursements（发放笔数）= 发放记录的条数（重复记录已在导入时跳过）
              recipients（受助人数）= 去重后的人数（person.id：有身份证号的按身份证号计一人，没有的按姓名 + 单位计一人）
              amount（金额）= SUM(amountFen)，以分为单位精确求和，显示为元，保留两位小数（不用浮点数）
              合计（totals）：同一统计期全部发放记录的同样指标；受助人数在全部记录中去重，
              因此 totals.recipients 可能小于各行之和。
              --by-source 增加键 `source`（资金来源，按原文，空白为 null）；
              --by-month 增加键 `month`（paidOn 所在月份，YYYY-MM）。
              org = 该行单位所属的街道（乡镇）（从单位本身起向上找最近的 street 或 town 类单位；直接挂在区本级的记录留在区本级）。
              统计期 2024年第一季度：2024-01-01 至 2024-03-31

            -- rows and totals 2024Q1 (SQLite)
            WITH RECURSIVE orgmap
            """
        #expect(zh.stdout.hasPrefix("2024年第一季度 救助发放情况\n"))
        #expect(zh.stdout.contains("\n合计 ") && zh.stdout.contains("\n\n" + definition))
        #expect(!zh.stdout.contains("aid — "))
        let en = try Self.run(["report", "aid", "--period", "2024Q1", "--explain"])
        #expect(en.stdout.contains("\n\naid — disbursements paid in the period (start <= paidOn <= end), grouped by org × program.\n"))
        #expect(en.stdout.contains("\n  period 2024Q1: 2024-01-01 .. 2024-03-31\n\n-- rows and totals 2024Q1 (SQLite)\n"))
    }

    @Test func badPeriodIsAUsageError() throws {
        let out = try Self.run(["report", "aid", "--period", "2024Q5"])
        #expect(out.status == 64)
        #expect(out.stderr.hasPrefix("Error: --period 2024Q5 is not a period; use 2024Q1, 2024H1, 2024, 2024-03 or 2024-01-01..2024-03-31\n"))
        let zh = try Self.runZH(["report", "aid", "--period", "2024Q5"])
        #expect(zh.status == 64)
        #expect(zh.stderr == "错误：--period 2024Q5 不是期间：请写成 2024Q1、2024H1、2024、2024-03 或 2024-01-01..2024-03-31\n"
                + "用法：fulian report [<options>] <name> --period <period>\n  详见 'fulian report --help'。\n")
    }

    /// The argument parser's own errors read in Chinese too (its English sentences matched and reworded).
    @Test func parserErrorsInChinese() throws {
        let unknown = try Self.runZH(["report", "aid", "--period", "2024Q1", "--formt", "json"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "错误：未知的选项 '--formt'，是否为 '--format'？\n"
                + "用法：fulian report [<options>] <name> --period <period>\n  详见 'fulian report --help'。\n")
        let value = try Self.runZH(["report", "aid", "--period", "2024Q1", "--format", "pdf"])
        #expect(value.stderr.hasPrefix("错误：'--format <format>' 的取值 'pdf' 无效，可选：'table'、'json'、'csv' 或 'xlsx'。\n说明：--format <format>"))
        let missing = try Self.runZH(["report", "aid", "--period"])
        #expect(missing.stderr.hasPrefix("错误：选项 '--period <period>' 缺少取值\n"))
        let extra = try Self.runZH(["report", "aid", "jobfairs", "--period", "2024Q1"])
        #expect(extra.stderr.hasPrefix("错误：多余的参数 'jobfairs'\n"))
        let en = try Self.run(["report", "aid", "--period", "2024Q1", "--formt", "json"])
        #expect(en.stderr.hasPrefix("Error: Unknown option '--formt'. Did you mean '--format'?\n"))
    }

    @Test func missingStoreSaysWhatToDo() throws {
        let out = try CLIRunner.run(["report", "aid", "--period", "2024Q1", "--db", "nope.sqlite"], in: Self.dir)
        #expect(out.status == 1)
        #expect(out.stderr == "error: no store at nope.sqlite: import some files first (fulian import …), or name one with --db\n")
        let zh = try CLIRunner.run(["report", "aid", "--period", "2024Q1", "--db", "nope.sqlite"], in: Self.dir, environment: ["FULIAN_LANG": "zh"])
        #expect(zh.stderr == "错误：找不到数据库 nope.sqlite：请先导入文件（fulian import …），或用 --db 指定数据库\n")
        // --lang wins over FULIAN_LANG, before or after the command.
        let flag = try CLIRunner.run(["--lang", "zh", "report", "aid", "--period", "2024Q1", "--db", "nope.sqlite"], in: Self.dir)
        #expect(flag.stderr == zh.stderr)
        let after = try CLIRunner.run(["report", "aid", "--period", "2024Q1", "--db", "nope.sqlite", "--lang=en"], in: Self.dir,
                                      environment: ["FULIAN_LANG": "zh"])
        #expect(after.stderr == out.stderr)
    }

    /// An output folder that does not exist is one clear error naming it, before any work (no libxlsxwriter line).
    @Test func aMissingOutputFolderIsOneClearError() throws {
        let cases: [([String], String)] = [
            (["report", "quarterly", "--period", "2024Q1", "-o", "nodir/x.xlsx", "--db", "demo/fulian.sqlite"], "nodir/x.xlsx"),
            (["report", "aid", "--period", "2024Q1", "--format", "csv", "-o", "nodir/x.csv", "--db", "demo/fulian.sqlite"], "nodir/x.csv"),
            (["clean", "aid", "fixtures/demo/aid/贫困母亲救助_2024Q2.csv", "-o", "nodir/x.xlsx"], "nodir/x.xlsx"),
            (["import", "aid", "fixtures/demo/aid/贫困母亲救助_2024Q2.csv", "--rejects", "nodir/r.xlsx", "--db", "none.sqlite"], "nodir/r.xlsx"),
        ]
        for (args, file) in cases {
            let zh = try CLIRunner.run(args, in: Self.dir, environment: ["FULIAN_LANG": "zh"])
            #expect(zh.status == 1)
            #expect(zh.stdout == "")
            #expect(zh.stderr == "错误：文件夹 nodir 不存在，无法写入 \(file)：请先创建该文件夹，或换一个输出路径\n")
            let en = try CLIRunner.run(args, in: Self.dir)
            #expect(en.stderr == "error: the folder nodir does not exist, so \(file) cannot be written: create the folder first or choose another path\n")
        }
        #expect(!FileManager.default.fileExists(atPath: Self.dir.appendingPathComponent("none.sqlite").path))
    }

    @Test func rejectsWorkbookHoldsEveryRejectedRowWithItsReason() throws {
        let reader = try openSpreadsheet(at: Self.dir.appendingPathComponent("demo/rejects.xlsx").path)
        #expect(reader.sheets.map(\.name) == ["汇总", "柳湾街道执委名单", "困境儿童关爱_2024上半年", "贫困母亲救助_2024Q2", "妇联活动台账"])
        let summary = try reader.rows(in: reader.sheets[0])
        #expect(summary[1].cells.prefix(4) == [.text("文件"), .text("数据集"), .text("工作表"), .text("数据行")])
        #expect(summary.last?.cells == [.text("合计"), .empty, .empty, .number(374), .number(369), .number(4), .number(1), .number(3)])
        let members = try reader.rows(in: reader.sheet(named: "柳湾街道执委名单"))
        #expect(members.count == 3)
        #expect(members[2].cells.prefix(2) == [.number(15), .text("bad-check-digit")])
        #expect(members[2].cells[2].displayText.contains("439951********9422"))
        let aid = try reader.rows(in: reader.sheet(named: "贫困母亲救助_2024Q2"))
        #expect(aid[2].cells.prefix(2) == [.number(12), .text("unknown-org")])
        #expect(aid[2].cells.contains(.text("金砂社区")))
    }

    @Test func cleanWorkbookKeepsEveryRowAndSuggestsTheRegisterName() throws {
        let out = try CLIRunner.run(["clean", "aid", "fixtures/demo/aid/贫困母亲救助_2024Q1.xls", "fixtures/demo/aid/贫困母亲救助_2024Q2.csv",
                                     "--orgs", "fixtures/demo/orgs/青溪区妇联组织建设情况登记表.xlsx", "-o", "clean.xlsx", "--mask"], in: Self.dir, environment: ["FULIAN_LANG": "zh"])
        #expect(out.status == 0, "\(out.stderr)")
        let reader = try openSpreadsheet(at: Self.dir.appendingPathComponent("clean.xlsx").path)
        #expect(reader.sheets.map(\.name) == ["清洗结果", "问题清单", "重复记录", "名称归并", "摘要"])
        let clean = try reader.rows(in: reader.sheets[0])
        #expect(clean.count == 36)   // title + header + 18 + 16 data rows
        #expect(clean[0].cells.first == .text("救助发放 清洗结果"))
        let header = clean[1].cells.map(\.displayText)
        #expect(header.suffix(4) == ["状态", "来源文件", "工作表", "行号"])
        let idColumn = header.firstIndex(of: "身份证号")!
        #expect(clean.dropFirst(2).allSatisfy { $0[idColumn].displayText.isEmpty || $0[idColumn].displayText.contains("********") })
        // Amounts and dates are typed cells (SUM works), not text.
        let amountColumn = header.firstIndex { $0.hasPrefix("金额") || $0.hasPrefix("发放金额") }!
        #expect(clean.dropFirst(2).allSatisfy { if case .number = $0[amountColumn] { return true } else { return false } })
        let dateColumn = header.firstIndex(of: "发放日期")!
        #expect(clean.dropFirst(2).allSatisfy { if case .date = $0[dateColumn] { return true } else { return false } })
        let issues = try reader.rows(in: reader.sheets[1])
        let unknown = issues.first { $0.cells.contains(.text("unknown-org")) }!
        #expect(unknown.cells[4] == .text("金砂社区"))
        #expect(unknown.cells[6] == .text("错误"))
        #expect(unknown.cells[7] == .text("所属社区：金砂社区不在组织名册中，是否为 金沙社区？请更正名称，或先把该单位加入组织名册并导入。"))
        #expect(unknown.cells[8] == .text("金沙社区"))
        let dups = try reader.rows(in: reader.sheets[2])
        #expect(dups.count == 4)   // title, header, the two rows of group 1
        #expect(dups[2].cells.prefix(2) == [.number(1), .text("同一记录")])
    }

    /// The clean table is written as rows come: a run that fails on its second file leaves no table
    /// (and no partial file) behind, for CSV and for the workbook.
    @Test func aFailedCleanLeavesNoOutput() throws {
        let dir = try CLIRunner.workspace()
        for (format, name) in [("csv", "t.csv"), ("xlsx", "t.xlsx")] {
            let out = try CLIRunner.run(["clean", "aid", "fixtures/demo/aid/贫困母亲救助_2024Q2.csv", "fixtures/demo/aid/no-such-file.csv",
                                         "--format", format, "-o", name], in: dir)
            #expect(out.status == 1)
            #expect(out.stderr == "error: no-such-file.csv: no such file\n", "\(out.stderr)")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("t.") }
            #expect(left.isEmpty, "\(format): \(left)")
        }
    }
}
