import Foundation
import FulianCore
import Testing
import TestSupport

/// The CLI in Chinese (the default) and English: summaries, status, peek, sql, clean, `--help`, `--version`.
@Suite struct LanguageCLITests {
    static let zh = ["FULIAN_LANG": "zh"]

    static func workspace() throws -> URL { try CLIRunner.workspace() }

    /// Display width: CJK characters count two columns.
    static func width(_ s: Substring) -> Int { TextNormalizer.displayWidth(String(s)) }

    @Test func importSummaryInChinese() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let orgs = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir, environment: Self.zh)
        #expect(orgs.stdout == """
            register.csv：orgs，UTF-8，表头第 1 行
              共 7 行：入库 7 行，退回 0 行，重复 0 行，警告 0 条；跳过表头 1 行（工作表共 8 行）

            """)
        let aid = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv", "--dry-run"], in: dir, environment: Self.zh)
        let lines = aid.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "aid-q1.csv：aid，UTF-8，表头第 2 行（试运行：未入库）")
        #expect(lines[1] == "  共 7 行：入库 3 行，退回 3 行，重复 1 行，警告 1 条；跳过标题 1 行、表头 1 行、合计行 1 行、说明行 1 行（工作表共 11 行）")
        #expect(lines.contains("  aid-q1.csv 第 8 行：警告 [duplicate] 同一笔发放（同一人、春蕾计划、2024-01-05、1000.00 元）已由本文件第 3 行入库，本行已跳过"))
        _ = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv"], in: dir)
        let again = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv"], in: dir, environment: Self.zh)
        #expect(again.stdout == "aid-q1.csv：内容相同的文件已作为批次 2 导入，无需再导入。如需重新导入，请加 --replace。\n")
        let replaced = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv", "--replace"], in: dir, environment: Self.zh)
        let r = replaced.stdout.split(separator: "\n").map(String.init)
        #expect(r[0] == "aid-q1.csv：aid，UTF-8，表头第 2 行（已替换此前的导入）")
        #expect(r[1].hasPrefix("  已替换批次 2（fixtures/import/aid-q1.csv，3 行，导入于 20"))
        #expect(r[1].hasSuffix("）：其数据行和问题记录已删除"))
        let missing = try CLIRunner.run(["import", "aid", "nowhere.csv"], in: dir, environment: Self.zh)
        #expect(missing.stderr == "错误：nowhere.csv：找不到该文件\n")
    }

    @Test func registerFirstAndJSONMessages() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv"], in: dir, environment: Self.zh)
        #expect(first.status == 1)
        #expect(first.stderr == "错误：aid-q1.csv：数据库中还没有组织名册：请先导入组织名册（用 fulian import 导入 orgs 数据集），再导入本文件（aid）；本文件未入库\n")
        let en = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv"], in: dir)
        #expect(en.stderr == "error: aid-q1.csv: the store has no org register yet: import the org register first (fulian import orgs FILE), "
                + "then this file; nothing was stored\n")
        _ = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir)
        for (env, message) in [(Self.zh, "aid-q1.csv：aid，UTF-8，表头第 2 行（试运行：未入库）\n共 7 行：入库 3 行"),
                             ([:], "aid-q1.csv: aid, UTF-8, header row 2 (dry run: nothing stored)\n7 rows: 3 loaded")] {
            let out = try CLIRunner.run(["import", "aid", "fixtures/import/aid-q1.csv", "--format", "json", "--dry-run"], in: dir, environment: env)
            let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
            let file = (json["files"] as! [[String: Any]])[0]
            #expect((file["message"] as? String)?.hasPrefix(message) == true, "\(file["message"] ?? "")")
            #expect(file["status"] as? String == "dry-run")
            let issues = file["issues"] as! [[String: Any]]
            #expect(issues.map { $0["category"] as! String } == ["bad-check-digit", "unknown-org", "duplicate", "bad-date", "footer-mismatch"])
        }
    }

    @Test func statusInChineseWithLocalTimes() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir)
        let zh = try CLIRunner.run(["status"], in: dir, environment: Self.zh)
        let lines = zh.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "数据库：fulian.sqlite")
        #expect(lines[2].hasPrefix("批次  文件          数据集  工作表    行数  入库  退回  重复  警告  导入时间"))
        // Local time to the minute, as the machine's zone shows it: no T, no Z.
        let today = LocalTime.text(Date()).prefix(10)
        #expect(lines[4].contains("  \(today) "), "\(lines[4])")
        #expect(lines[4].range(of: #"\d{4}-\d\d-\d\d \d\d:\d\d$"#, options: .regularExpression) != nil, "\(lines[4])")
        #expect(!zh.stdout.contains("Z\n"))
        #expect(zh.stdout.hasSuffix("没有数据质量问题\n"))
        let en = try CLIRunner.run(["status"], in: dir)
        #expect(en.stdout.hasPrefix("store: fulian.sqlite\n\nbatch  file          dataset  sheet     rows  loaded  rejected  duplicates  warnings  imported at\n"))
        #expect(en.stdout.hasSuffix("no data-quality issues\n"))
        // The zone is the machine's: TZ moves the time shown.
        let tokyo = try CLIRunner.run(["status"], in: dir, environment: ["TZ": "Asia/Tokyo"])
        let utc = try CLIRunner.run(["status"], in: dir, environment: ["TZ": "UTC"])
        let stamp = { (o: CLIRunner.Output) in String(o.stdout.split(separator: "\n")[3].suffix(16)) }
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = TimeZone(identifier: "UTC")
        let a = f.date(from: stamp(utc))!
        f.timeZone = TimeZone(identifier: "Asia/Tokyo")
        let b = f.date(from: stamp(tokyo))!
        #expect(a == b, "\(stamp(utc)) vs \(stamp(tokyo))")
        #expect(stamp(utc) != stamp(tokyo))
    }

    @Test func peekSQLAndCleanInChinese() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let peek = try CLIRunner.run(["peek", "fixtures/sheets/peek-types.xlsx", "--rows", "1"], in: dir, environment: Self.zh)
        #expect(peek.stdout.hasPrefix("peek-types.xlsx：xlsx，1900 日期系统\n\n工作表 1 名单：非空行 3 行 × 9 列\n合并单元格：A1:C1\n行  A"))
        #expect(peek.stdout.contains("\n工作表 2 备用：非空行 1 行 × 2 列（隐藏）\n"))
        let csv = try CLIRunner.run(["peek", "fixtures/sheets/peek-types.xlsx", "--format", "csv"], in: dir, environment: Self.zh)
        #expect(csv.status == 64)
        #expect(csv.stderr == "错误：--format csv 只输出一个工作表：请用 --sheet 指定（工作表有：名单、备用）\n")
        _ = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir)
        let sql = try CLIRunner.run(["sql", "SELECT COUNT(*) AS n FROM org"], in: dir, environment: Self.zh)
        #expect(sql.stdout == "n\n-\n7\n（共 1 行）\n")
        let ro = try CLIRunner.run(["sql", "DELETE FROM org"], in: dir, environment: Self.zh)
        #expect(ro.stderr == "错误：查询失败：attempt to write a readonly database（fulian sql 只能读，不能修改数据库）\n")
        let clean = try CLIRunner.run(["clean", "aid", "fixtures/demo/aid/贫困母亲救助_2024Q2.csv", "-o", "c.xlsx"], in: dir, environment: Self.zh)
        #expect(clean.status == 0, "\(clean.stderr)")
        let c = clean.stdout.split(separator: "\n").map(String.init)
        #expect(c[0] == "清洗结果工作簿：c.xlsx")
        #expect(c[1].hasPrefix("贫困母亲救助_2024Q2.csv：共 16 行，无问题 "))
        #expect(c[2].hasPrefix("共 16 行，问题 "))
        #expect(c[2].hasSuffix(" 组"))
        let csvClean = try CLIRunner.run(["clean", "aid", "fixtures/demo/aid/贫困母亲救助_2024Q2.csv", "-o", "c.csv", "--format", "csv"],
                                         in: dir, environment: Self.zh)
        #expect(csvClean.stdout.hasPrefix("清洗结果表：c.csv\n问题清单：c-issues.csv\n"))
    }

    @Test func versionInBothLanguages() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zh = try CLIRunner.run(["--version"], in: dir, environment: Self.zh)
        #expect(zh.status == 0)
        #expect(zh.stdout == "fulian \(FulianVersion.current)（妇联报表工具）\n")
        let en = try CLIRunner.run(["--version"], in: dir)
        #expect(en.stdout == "fulian \(FulianVersion.current)\n")
    }

    /// Every command's `--help` in both languages: the catalogue's texts, and lines that fit the terminal.
    @Test(arguments: ["", "demo", "peek", "import", "status", "report", "sql", "clean"])
    func helpInBothLanguages(command: String) throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = command.isEmpty ? ["--help"] : [command, "--help"]
        let name = command.isEmpty ? CLICommandName.fulian : CLICommandName(rawValue: command)!
        let zh = try CLIRunner.run(args, in: dir, environment: Self.zh)
        #expect(zh.status == 0)
        #expect(zh.stdout.hasPrefix("概述：" + CLIMessage.abstract(name).text(.zh) + "\n"))
        #expect(zh.stdout.contains("\n选项：\n"))
        #expect(zh.stdout.contains("显示帮助信息。"))
        #expect(zh.stdout.contains("--lang <zh|en>"))
        #expect(!zh.stdout.contains("OVERVIEW"))
        let en = try CLIRunner.run(args, in: dir)
        #expect(en.stdout.hasPrefix("OVERVIEW: " + CLIMessage.abstract(name).text(.en).prefix(40)))
        #expect(en.stdout.contains("\nOPTIONS:\n"))
        let flag = try CLIRunner.run(args + ["--lang", "en"], in: dir, environment: Self.zh)
        #expect(flag.stdout == en.stdout)
        for (out, lang) in [(zh, "zh"), (en, "en")] {
            for columns in [80, 100] {
                let o = columns == 80 ? out : try CLIRunner.run(args, in: dir, environment: ["FULIAN_LANG": lang, "COLUMNS": "\(columns)"])
                let lines = o.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                // Lines fit the terminal (the usage line and the long SQL example excepted: the parser writes them whole).
                let wide = lines.filter { Self.width($0) > columns && !$0.hasPrefix("USAGE") && !$0.hasPrefix("用法") && !$0.hasPrefix("  fulian sql") }
                #expect(wide.isEmpty, "\(command) \(lang) \(columns): \(wide)")
            }
        }
    }

    /// `report --help` used to break its hand-wrapped lines again at the terminal width, leaving a word or two
    /// at column 0 in mid-sentence. Greedy wrapping means no line at column 0 could have taken the first word
    /// of the line after it.
    @Test func reportHelpBreaksNoLineMidSentence() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        for env in [["FULIAN_LANG": "en"], ["FULIAN_LANG": "zh"], ["FULIAN_LANG": "en", "COLUMNS": "60"], ["FULIAN_LANG": "zh", "COLUMNS": "70"]] {
            let columns = Int(env["COLUMNS"] ?? "80")!
            let out = try CLIRunner.run(["report", "--help"], in: dir, environment: env)
            let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let discussion = lines.prefix { !$0.hasPrefix("USAGE") && !$0.hasPrefix("用法") }
            for (a, b) in zip(discussion, discussion.dropFirst()) where !a.isEmpty && !b.isEmpty && b.first != " " {
                // The first unit: an ASCII word (and the space before it), or a Chinese character with its punctuation.
                let word = b.first!.isASCII ? b.prefix { $0 != " " } : b.prefix(b.dropFirst().first.map { "，。；：）、".contains($0) } == true ? 2 : 1)
                let firstWidth = Self.width(word) + 1  // a space may stand between them
                #expect(Self.width(a) + firstWidth > columns - 1, "\(env): '\(a)' could have taken '\(word)'")
            }
            // The old symptom: a line at column 0 that is the tail of the sentence above it.
            #expect(!out.stdout.contains("\ncommunity,"))
            #expect(!out.stdout.contains("\ndistrict and none"))
        }
    }
}
