import Foundation
import Testing
import TestSupport

/// `fulian peek` end to end: the table, `--format json` and `--format csv`, exact stdout, stderr and exit codes,
/// on fixtures/sheets/peek-types.xlsx (every cell type; an ID, a mobile as text and as a number, a decimal
/// with seven digits after the point) and the edge-case fixtures.
@Suite struct PeekCLITests {
    static func peek(_ arguments: [String]) throws -> CLIRunner.Output {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        return try CLIRunner.run(["peek"] + arguments, in: dir)
    }

    @Test func theTableMasksOnlyIDsAndMobileNumbers() throws {
        let out = try PeekCLITests.peek(["fixtures/sheets/peek-types.xlsx"])
        #expect(out.status == 0 && out.stderr == "")
        #expect(out.stdout == """
            peek-types.xlsx: xlsx, 1900 date system

            sheet 1 名单: 3 non-blank rows × 9 columns
            merged: A1:C1
            row  A                   B            C            D           E           F                    G         H             I
            ---  ------------------  -----------  -----------  ----------  ----------  -------------------  --------  ------------  -----
              1  测试表
              3                      文本         12.5         TRUE        2024-01-05  2024-01-05T15:00:00  15:00:00  01:00:00.500  #REF!
              4  439951********1234  139****7275  139****1234  65.2419444  含⏎换行     "引号",逗号

            sheet 2 备用: 1 non-blank rows × 2 columns (hidden)
            row  A  B
            ---  -  ----
              2     隐藏

            """)
    }

    /// Rows hidden in the workbook are shown, and named under the table (in JSON, `"hidden": true`).
    @Test func hiddenRowsAreShownAndNamed() throws {
        let file = "fixtures/sheets/hidden-rows/春蕾计划发放表-隐藏行.xls"
        let zh = try PeekCLITests.peek(["--lang", "zh", file, "--rows", "7"])
        #expect(zh.status == 0 && zh.stderr == "")
        #expect(zh.stdout.hasSuffix("陈淑珍  白沙社区  439951********0173  999.99          2024-01-15\n隐藏的行：5、7\n"), "\(zh.stdout)")
        let en = try PeekCLITests.peek(["--lang", "en", file, "--rows", "6"])
        #expect(en.stdout.hasSuffix("hidden rows: 5\n"), "\(en.stdout)")
        let json = try PeekCLITests.peek([file, "--format", "json", "--rows", "5"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(((doc["sheets"] as? [[String: Any]])?.first?["rows"]) as? [[String: Any]])
        #expect(rows.map { $0["hidden"] as? Bool } == [nil, nil, nil, nil, true])
    }

    @Test func jsonHasEveryCellType() throws {
        let out = try PeekCLITests.peek(["fixtures/sheets/peek-types.xlsx", "--format", "json", "--sheet", "名单"])
        #expect(out.status == 0 && out.stderr == "")
        #expect(out.stdout == """
            {
              "file": "fixtures/sheets/peek-types.xlsx",
              "format": "xlsx",
              "encoding": null,
              "sheets": [
                {
                  "name": "名单",
                  "visible": true,
                  "kind": "worksheet",
                  "merged": [
                    "A1:C1"
                  ],
                  "rows": [
                    {
                      "row": 1,
                      "cells": [
                        "测试表"
                      ]
                    },
                    {
                      "row": 3,
                      "cells": [
                        null,
                        "文本",
                        12.5,
                        true,
                        {
                          "date": "2024-01-05"
                        },
                        {
                          "datetime": "2024-01-05T15:00:00"
                        },
                        {
                          "time": "15:00:00"
                        },
                        {
                          "duration": 3600.5
                        },
                        {
                          "error": "#REF!"
                        }
                      ]
                    },
                    {
                      "row": 4,
                      "cells": [
                        "439951********1234",
                        "139****7275",
                        "139****1234",
                        65.2419444,
                        "含\\n换行",
                        "\\"引号\\",逗号"
                      ]
                    }
                  ]
                }
              ]
            }

            """)
        // It is one JSON document a script can parse.
        #expect(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) is [String: Any])
    }

    @Test func jsonWithoutMaskingAndWithARowLimitOverEverySheet() throws {
        let out = try PeekCLITests.peek(["fixtures/sheets/peek-types.xlsx", "--format", "json", "--rows", "1", "--no-mask"])
        #expect(out.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let sheets = try #require(doc["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["名单", "备用"])
        #expect(sheets.map { $0["visible"] as? Bool } == [true, false])
        #expect(sheets.map { ($0["rows"] as? [Any])?.count } == [1, 1])
        let all = try PeekCLITests.peek(["fixtures/sheets/peek-types.xlsx", "--format", "json", "--rows", "all", "--no-mask",
                                         "--sheet", "名单"])
        #expect(all.stdout.contains("""
                        "439951199001011234",
                        "13970107275",
                        13900001234,
                        65.2419444,
            """))
    }

    @Test func jsonForACSVNamesItsEncodingAndSkipsTheSepLine() throws {
        let out = try PeekCLITests.peek(["fixtures/sheets/sep-semicolon.csv", "--format", "json", "--rows", "2"])
        #expect(out.status == 0)
        #expect(out.stdout == """
            {
              "file": "fixtures/sheets/sep-semicolon.csv",
              "format": "csv",
              "encoding": "UTF-8",
              "sheets": [
                {
                  "name": "sep-semicolon",
                  "visible": true,
                  "kind": "worksheet",
                  "merged": [],
                  "rows": [
                    {
                      "row": 2,
                      "cells": [
                        "姓名",
                        "金额",
                        "备注"
                      ]
                    },
                    {
                      "row": 3,
                      "cells": [
                        "张三",
                        "1,5",
                        "含;分号"
                      ]
                    }
                  ]
                }
              ]
            }

            """)
    }

    @Test func jsonTimesAndDurations() throws {
        let out = try PeekCLITests.peek(["fixtures/sheets/edge-cells.xlsx", "--format", "json", "--sheet", "时间", "--rows", "all"])
        #expect(out.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let rows = try #require((doc["sheets"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])
        let cells = rows.map { ($0["cells"] as? [Any] ?? []).map { "\($0)" } }
        #expect(rows.map { $0["row"] as? Int } == [1, 2, 3, 4, 5])
        #expect(out.stdout.contains("""
                        {
                          "duration": 3600.5
                        },
            """))
        #expect(cells[3] == ["-1", "-0.5", "-0.25", "-0.25", "0", "0.5"])
    }

    @Test func csvWritesOneSheetPaddedWithISODates() throws {
        let out = try PeekCLITests.peek(["fixtures/sheets/peek-types.xlsx", "--format", "csv", "--sheet", "名单"])
        #expect(out.status == 0 && out.stderr == "")
        #expect(out.stdout == "测试表,,,,,,,,\r\n"
                + ",文本,12.5,TRUE,2024-01-05,2024-01-05T15:00:00,15:00:00,01:00:00.500,#REF!\r\n"
                + "439951********1234,139****7275,139****1234,65.2419444,\"含\n换行\",\"\"\"引号\"\",逗号\",,,\r\n")
        let plain = try PeekCLITests.peek(["fixtures/sheets/peek-types.xlsx", "--format", "csv", "--sheet", "名单", "--no-mask",
                                           "--rows", "1"])
        #expect(plain.stdout == "测试表\r\n")
        let full = try PeekCLITests.peek(["fixtures/sheets/peek-types.xlsx", "--format", "csv", "--sheet", "名单", "--no-mask"])
        #expect(full.stdout.hasSuffix("439951199001011234,13970107275,13900001234,65.2419444,\"含\n换行\",\"\"\"引号\"\",逗号\",,,\r\n"))
    }

    @Test func csvOfATextFileIsItsRowsWithoutTheSepLine() throws {
        let out = try PeekCLITests.peek(["fixtures/sheets/sep-semicolon.csv", "--format", "csv"])
        #expect(out.status == 0)
        #expect(out.stdout == "姓名,金额,备注\r\n张三,\"1,5\",含;分号\r\n李四,\"2,25\",\r\n")
    }

    @Test func csvOfAWorkbookWithSeveralSheetsNeedsASheet() throws {
        let out = try PeekCLITests.peek(["fixtures/sheets/peek-types.xlsx", "--format", "csv"])
        #expect(out.status == 64 && out.stdout == "")
        #expect(out.stderr == "error: --format csv writes one sheet: name it with --sheet (the sheets are: 名单, 备用)\n")
    }

    @Test func usageErrorsAndUnreadableFiles() throws {
        let rows = try PeekCLITests.peek(["fixtures/sheets/peek-types.xlsx", "--rows", "x"])
        #expect(rows.status == 64)
        #expect(rows.stderr.hasPrefix("Error: The value 'x' is invalid for '--rows <n|all>'\n"))
        let encoding = try PeekCLITests.peek(["fixtures/sheets/latin1.csv", "--encoding", "latin2"])
        #expect(encoding.status == 64)
        #expect(encoding.stderr.hasPrefix(
            "Error: unknown encoding latin2; use utf-8, utf-8-bom, utf-16le, utf-16be, gb18030 (gbk, gb2312), latin1, cp1252\n"))
        let latin = try PeekCLITests.peek(["fixtures/sheets/latin1.csv", "--format", "json"])
        #expect(latin.status == 1 && latin.stdout == "")
        #expect(latin.stderr == "error: latin1.csv: the file is neither UTF-8 nor Chinese text in GB18030 (read as GB18030 its "
                + "accented letters become rare characters); it looks like Western European text in CP1252: use --encoding cp1252 "
                + "(or --encoding gb18030 if it is Chinese after all)\n")
        let ods = try PeekCLITests.peek(["fixtures/sheets/spreadsheet.ods"])
        #expect(ods.status == 1 && ods.stderr == "error: spreadsheet.ods: OpenDocument spreadsheets are not read; save as .xlsx\n")
    }

    @Test func latin1ReadsWhenNamed() throws {
        let out = try PeekCLITests.peek(["fixtures/sheets/latin1.csv", "--encoding", "latin1", "--format", "csv"])
        #expect(out.status == 0)
        #expect(out.stdout == "Name,Stadt\r\nMüller,Köln\r\nZoë,Besançon\r\nJosé,São Paulo\r\n")
    }
}
