/// The `--help` texts of ``CLIMessage``: abstracts, discussions and option help of every command, in both languages.
///
/// Paragraphs are one line each (the CLI wraps them to the terminal); lines that start with spaces are lists
/// and examples. Chinese abstracts stay under 27 characters so the subcommand list fits 80 columns.
extension CLIMessage {
    static func abstract(_ c: CLICommandName) -> Wording {
        switch c {
        case .fulian:
            Wording("导入、统计和导出妇联各级上报的表格。",
                    "Import, analyse and export the spreadsheets of women's federation (妇联) offices.")
        case .demo:
            Wording("用虚构区的演示数据建库，并生成季度工作簿。",
                    "Build a demo store from the synthetic district in fixtures/demo and write its quarterly workbook.")
        case .peek:
            Wording("查看 fulian 读到的内容：格式、编码、工作表、前几行。",
                    "Show what fulian sees in a spreadsheet: format, encoding, sheets, merged ranges, first rows.")
        case .import:
            Wording("把街道、社区报送的表格导入数据库，逐行说明未入库原因。",
                    "Import street submissions into the store, with an exact account of every row not taken.")
        case .status:
            Wording("查看数据库内容：导入批次、行数、日期范围和数据问题。",
                    "Show what the store holds: import batches, row counts, dates covered, open data-quality issues.")
        case .report:
            Wording("按期间统计各项指标，或生成季度工作簿。",
                    "Compute coverage, job-fair, aid, member and activity figures for a period, or write the quarterly workbook.")
        case .sql:
            Wording("对数据库执行只读 SQL 查询。", "Run a read-only SQL query against the store.")
        case .clean:
            Wording("合并多份表格为一张干净的表和问题清单，不写数据库。",
                    "Merge messy files into one clean table with an issue list, without touching the store.")
        }
    }

    static func discussion(_ c: CLICommandName) -> Wording {
        switch c {
        case .fulian:
            Wording("""
                fulian 读取街道、社区报来的 CSV、XLSX 和 XLS 文件（表头顺序不限，可有标题行、合并表头、合计行、GB18030 编码和被 Excel 改坏的身份证号），规范化后存入一个 SQLite 数据库，计算任意期间的组织覆盖、招聘会、救助发放、执委会员和活动开展指标，并生成供领导阅看的 Excel 工作簿。

                一个季度的典型用法：
                  fulian import orgs  register.xlsx
                  fulian import aid   aid/*.xlsx aid/*.csv --rejects rejects.xlsx
                  fulian status
                  fulian report aid --period 2024Q1 --compare
                  fulian report quarterly --period 2024Q1 -o 2024Q1.xlsx

                数据库默认是当前目录下的 fulian.sqlite，可用 --db 或环境变量 FULIAN_DB 另行指定。界面语言默认中文，--lang en 或 FULIAN_LANG=en 改为英文。
                退出码：0 成功；1 失败（文件无法读取、--strict 未通过等）；64 用法错误。
                """, """
                fulian reads the CSV, XLSX and XLS files streets and communities send in (any header order, title rows, merged headers, 合计 footers, GB18030, mangled ID numbers), normalises them into one SQLite store, computes the coverage, job-fair, aid, member and activity figures for any period, and writes the Excel workbook leadership reads.

                Typical quarter:
                  fulian import orgs  register.xlsx
                  fulian import aid   aid/*.xlsx aid/*.csv --rejects rejects.xlsx
                  fulian status
                  fulian report aid --period 2024Q1 --compare
                  fulian report quarterly --period 2024Q1 -o 2024Q1.xlsx

                The store is fulian.sqlite in the current directory unless --db or FULIAN_DB names another. Messages are in Chinese unless --lang en or FULIAN_LANG=en.
                Exit codes: 0 success, 1 failure (a file could not be read, --strict tripped), 64 usage error.
                """)
        case .demo:
            Wording("""
                导入虚构的青溪区的组织名册、执委会员名单、救助发放表和活动台账（UTF-8 与 GB18030 的 CSV、openpyxl 生成的 XLSX、旧版 XLS，带标题行、合并单元格、合计行，以及几行故意写错的数据），逐个打印导入摘要，再把季度工作簿和退回工作簿写入 DIR。每次都会重建数据库。

                示例：
                  fulian demo
                  fulian demo -o /tmp/demo --period 2024Q1
                """, """
                Imports the register, member lists, aid lists and activity ledgers of 青溪区 (an invented district: CSV in UTF-8 and GB18030, XLSX from openpyxl, legacy XLS, title rows, merged cells, 合计 footers and a few deliberately bad rows), prints each file's import summary, then writes the quarterly workbook and the rejects workbook into DIR. A fresh store is built every time.

                Examples:
                  fulian demo
                  fulian demo -o /tmp/demo --period 2024Q1
                """)
        case .peek:
            Wording("""
                文件格式按内容判断（zip 为 XLSX，OLE2 为 XLS，其余按分隔文本），不看扩展名。日期按 ISO 格式显示，数字按存储值显示。看起来像身份证号（15 或 18 位）或手机号（11 位）的内容会打码，加 --no-mask 才完整显示。

                --format json 为脚本输出一个 JSON 文档：{"file", "format", "encoding", "sheets": [{"name", "visible", "kind", "merged": ["A1:C1", …], "rows": [{"row": 3, "cells": [...]}]}]}。行号与 Excel 显示的一致，单元格从 A 列开始；单元格可以是 null、字符串、数字、true/false，或 {"date": "2024-01-05"}、{"datetime": "2024-01-05T15:00:00"}、{"time": "15:00:00"}、{"duration": 3600.5}（秒）、{"error": "#REF!"}。

                --format csv 把一个工作表的各行输出为 CSV（UTF-8、CRLF，日期和时间为 ISO 格式，每行都补齐到最宽一行的列数），相当于这些表格专用的 in2csv。工作簿有多个工作表时请用 --sheet 指定。

                示例：
                  fulian peek 春蕾计划.xlsx
                  fulian peek 名册.xls --sheet 花名册 --rows 30
                  fulian peek 两癌救助.csv --encoding gb18030
                  fulian peek 名册.xlsx --format json --rows all
                  fulian peek 名册.xls --format csv --sheet 花名册 > 花名册.csv
                """, """
                The format is told from the content (zip → XLSX, OLE2 → XLS, else delimited text), never from the extension. Dates are shown in ISO form, numbers as stored. What looks like an ID number (15 or 18 characters) or a mobile number (11 digits) is masked unless --no-mask.

                --format json prints one JSON document for scripts: {"file", "format", "encoding", "sheets": [{"name", "visible", "kind", "merged": ["A1:C1", …], "rows": [{"row": 3, "cells": [...]}]}]}. Row numbers are the ones Excel shows, cells start at column A; a cell is null, a string, a number, true/false, or {"date": "2024-01-05"}, {"datetime": "2024-01-05T15:00:00"}, {"time": "15:00:00"}, {"duration": 3600.5} (seconds), {"error": "#REF!"}.

                --format csv writes one sheet's rows as CSV (UTF-8, CRLF; dates and times in ISO form, every row as wide as the widest): an in2csv for these offices' files. Name the sheet with --sheet when the workbook has more than one.

                Examples:
                  fulian peek 春蕾计划.xlsx
                  fulian peek 名册.xls --sheet 花名册 --rows 30
                  fulian peek 两癌救助.csv --encoding gb18030
                  fulian peek 名册.xlsx --format json --rows all
                  fulian peek 名册.xls --format csv --sheet 花名册 > 花名册.csv
                """)
        case .import:
            Wording("""
                DATASET 是 orgs（组织名册，须最先导入）、members（执委会员）、aid（救助发放）或 activities（活动台账）。每个文件不论版式都能读取：按内容找到数据工作表和表头行（标题行、两行合并表头、任意列序、表头同义词），合并单元格向下填充，跳过空行和合计、填表人等行，并对每个值做规范化（日期、以分计的金额、带校验位的身份证号、对照组织名册的单位名称）。

                一个工作簿可以有多个数据工作表（每个街道、每月或每个项目一张）：凡表头符合该数据集的可见工作表都会导入，各有计数；旁边的汇总、统计等工作表、隐藏工作表和没有表头的工作表会跳过并列出名称。--sheet（可重复）只导入指定的工作表，隐藏的也可以。

                社区、村的组织名册若只在上级单位列写出街道和乡镇，会按名称（街道、镇、乡）新建这些单位，归入所属的区：--district 指定的区、标题中写明的区（兰江区…统计表），或数据库中唯一的区。执委会员、救助发放和活动台账须先导入组织名册。

                市级数据库可存放各区县的组织名册：一份名册可以是整个市（带“所属区县”一列，或每个区县一个工作表）；单位按代码识别，没有代码时按上级单位和名称识别，所以每个区都可以有“幸福社区”。多处同名的单位名称依次在本行的街道列、--from 指定的报送单位（名称、代码或路径）、标题或工作表名或文件名中写明的单位之下查找；仍无法确定时，该行按 ambiguous-org 退回，并按路径列出候选单位。

                没有日期列的救助名单或活动台账，日期取 --date，或 --period 的最后一天，或标题、文件名中写明的期间（2024年第一季度… → 2024-03-31）；日期在写明期间之外的行会给出警告。

                每个文件是一个事务：要么整个入库，要么完全不入库。无法入库的行会被退回，并注明文件、工作表、行、列、类别和原因；重复出现的同一笔发放只存一次。同一文件再次导入不会有任何变化。--replace 用本文件替换此前导入的同一文件（内容相同，否则路径相同，否则文件名相同；多个批次文件名相同时拒绝并列出这些批次，请用 --replace-batch N 选择），并列出删除了什么。每个工作表的每一行都有交代：入库、退回、重复，以及跳过的标题、表头、空行、合计行和说明行。

                大型救助文件导入时，如果数据库中已有的发放记录较少，会采用批量加载：先追加各行，最后一次性重建索引（重复记录由重建的唯一索引查出，提示相同）。提交之前它独占数据库，期间启动的报表会等待它完成。

                示例：
                  fulian import orgs 登记表.xlsx
                  fulian import aid 春蕾计划.xlsx 两癌救助.csv --rejects 退回.xlsx
                  fulian import members 名册.csv --encoding gbk --map columns.toml
                  fulian import aid q1.xls --dry-run --format json
                """, """
                DATASET is orgs (the unit register: import it first), members, aid or activities. Each file is read whatever its layout: the data sheet and its header row are found by content (title rows, two-row merged headers, columns in any order, header synonyms), merged cells are filled down, blank rows and 合计/填表人 rows are skipped, and every value is normalised (dates, money in fen, ID numbers with their check digit, unit names against the register).

                A workbook may hold several data sheets (one per street, month or programme): every visible sheet whose header carries the dataset is imported, with its own counts; summary sheets beside them (汇总, 统计 …), hidden sheets and sheets without the header are skipped and named. --sheet (repeatable) narrows the import to the sheets it names, hidden ones included.

                A register of communities and villages that names its streets and towns only in a parent column creates them (街道, 镇, 乡 by their names) under the district: --district, the one its title names (兰江区…统计表), or the one district already stored. Members, aid and activities need the register first.

                A city's store holds every district's register: a register may hold a whole city (a 所属区县 column, or one sheet per district), and units are identified by code, else by parent and name, so 幸福社区 may exist in every district. A name several places share is resolved in the row's street column, else under --from (the submitting street or district, by name, code or path), else under the unit the title, sheet name or file name names; still ambiguous, the row is rejected (ambiguous-org) with the candidates by path.

                An aid list or activity ledger without a date column takes its date from --date, from --period (its last day), or from the period its title or file name states (2024年第一季度… → 2024-03-31); rows dated outside a stated period are warned about.

                Each file is one transaction: it is stored whole or not at all. A row that cannot be taken is rejected with file, sheet, row, column, category and reason; the same disbursement seen again is stored once. Importing the same file again does nothing. --replace swaps the earlier batch of the same file (same content, else same path, else same file name; when several batches share the name, it refuses and lists them: choose with --replace-batch N) and prints what it removed. Every row of every sheet is accounted for: loaded, rejected, duplicates, and the title, header, blank, footer and note rows skipped.

                A large aid file going into a store that holds fewer disbursements is bulk-loaded: rows are appended and the indexes rebuilt once at the end (duplicates are then found by the rebuilt unique index, with the same messages). Until it commits it holds the store for itself: a report started meanwhile waits for it.

                Examples:
                  fulian import orgs 登记表.xlsx
                  fulian import aid 春蕾计划.xlsx 两癌救助.csv --rejects 退回.xlsx
                  fulian import members 名册.csv --encoding gbk --map columns.toml
                  fulian import aid q1.xls --dry-run --format json
                """)
        case .status:
            Wording("""
                示例：
                  fulian status --db 2024.sqlite
                """, """
                Example:
                  fulian status --db 2024.sqlite
                """)
        case .report:
            Wording("""
                NAME 可以是：
                  aid         救助发放：按单位 × 项目统计发放笔数、受助人数和金额（--by-source、--by-month）
                  coverage    社区和村的组织覆盖、工作覆盖、妇女之家覆盖情况，以期末为准（--kinds enterprise,social_org 统计新领域覆盖）
                  jobfairs    招聘会：场次、参会企业、提供岗位、求职人数、达成意向、达成率
                  members     期末在任的执委会员，按单位 × 职务统计（--composition 加年龄段和身份标签构成）
                  activities  活动开展：按单位 × 活动类型统计次数和参与人次
                  quarterly   季度工作簿：以上各报表排版成工作表并配图，另有数据说明页（来源、数据问题和指标定义），须用 -o 指定文件

                期间写法：2024Q1、2024H1、2024、2024-03、2024-01-01..2024-03-31。

                --by street（默认）按区下一级（街道和乡镇）分组；也可以是 community、district 或 none。--compare 增加上期（环比）和去年同期（同比），给出增减量和增减幅度（基数为 0 时为空）。所有数字都在数据库中用 SQL 计算，--explain 打印指标定义和 SQL。

                表格、CSV 和工作簿用中文表头；--lang en 改用英文（CSV 表头为 JSON 字段名）。-o 写入的 CSV 文件默认带 BOM，Excel 打开不会乱码；--no-bom 去掉 BOM。输出到屏幕的 CSV 不带 BOM。

                示例：
                  fulian report aid --period 2024Q1
                  fulian report coverage --period 2024Q2 --compare --format json
                  fulian report aid --period 2024H1 --by-month --format csv -o aid.csv
                  fulian report quarterly --period 2024Q1 -o 2024Q1.xlsx
                """, """
                NAME is one of:
                  aid         disbursements, recipients and amount by org × program (--by-source, --by-month)
                  coverage    组织/工作/妇女之家 coverage of communities and villages on the period's last day (--kinds enterprise,social_org for the new-sector coverage)
                  jobfairs    job fairs held: fairs, employers, positions, seekers, placements, placement rate
                  members     memberships active on the period's last day by org × role (--composition)
                  activities  activities held by org × kind, participants
                  quarterly   the leadership workbook: every report above on formatted sheets with charts, a notes sheet with sources, data-quality issues and definitions (needs -o)

                Periods: 2024Q1, 2024H1, 2024, 2024-03, 2024-01-01..2024-03-31.

                --by street (default) groups by the level under the district (streets and towns); community, district and none are the other levels. --compare adds the previous period (环比) and the same period a year earlier (同比) with absolute and percentage changes (null when the base is 0). Every figure is computed in SQL inside the store; --explain prints the definition and the SQL.

                Tables, CSV and workbooks have Chinese headers unless --lang en (CSV headers are then the JSON names). A CSV file written with -o starts with a byte-order mark so Excel opens it correctly; --no-bom leaves it out. CSV on standard output never has one.

                Examples:
                  fulian report aid --period 2024Q1
                  fulian report coverage --period 2024Q2 --compare --format json
                  fulian report aid --period 2024H1 --by-month --format csv -o aid.csv
                  fulian report quarterly --period 2024Q1 -o 2024Q1.xlsx
                """)
        case .sql:
            Wording("""
                连接以只读方式打开：INSERT、UPDATE、DELETE 和 DDL 都会失败。金额列名以 Fen 结尾（整数，单位为分：除以 100.0 得元）；日期为 ISO 文本。数据库结构见 notebooks-docs/03-your-own-sql.md。

                示例：
                  fulian sql "SELECT p.name, SUM(d.amountFen) / 100.0 AS yuan FROM disbursement d JOIN program p ON p.id = d.programId GROUP BY p.name"
                  fulian sql "SELECT category, COUNT(*) FROM importIssue GROUP BY category" --format csv
                """, """
                The connection is opened read-only: INSERT, UPDATE, DELETE and DDL fail. Money columns end in Fen (integer fen: divide by 100.0 for yuan); dates are ISO text. The schema is described in notebooks-docs/03-your-own-sql.md.

                Examples:
                  fulian sql "SELECT p.name, SUM(d.amountFen) / 100.0 AS yuan FROM disbursement d JOIN program p ON p.id = d.programId GROUP BY p.name"
                  fulian sql "SELECT category, COUNT(*) FROM importIssue GROUP BY category" --format csv
                """)
        case .clean:
            Wording("""
                按导入规则（版式识别、规范化、校验）读取每个文件，写出一个工作簿：清洗结果（每个输入数据行一行，已规范化，注明来源文件、工作表和行号）、问题清单（每个问题一行，含原值和建议改法）、重复记录（重复组和身份证号冲突）、名称归并（看起来是同一单位或项目的不同写法）、摘要（每个文件一行）。

                不丢任何数据：每个输入数据行都在清洗结果中，有错误的行也保留（并标出）。给了 --orgs 时，单位名称像导入时一样对照该名册；不给时只规范化，不对照。清洗结果可以用 fulian import 再导入。

                示例：
                  fulian clean aid 春蕾_*.xlsx -o 春蕾_合并.xlsx --orgs 登记表.xlsx
                  fulian clean members 名册/*.csv -o 名册.csv --format csv
                """, """
                Reads every file with the import rules (layout recognition, normalisation, validation) and writes one workbook: 清洗结果 (one row per input data row, normalised, traced to file/sheet/row), 问题清单 (one row per problem, original value, suggested fix), 重复记录 (duplicate groups and ID conflicts), 名称归并 (spellings that look like one unit or program), 摘要 (per file).

                Nothing is dropped: every input data row is a row of the clean table, rows with errors stay (flagged). With --orgs, unit names are resolved against that register as on import; without it they are normalised but not resolved. The clean table re-imports with fulian import.

                Examples:
                  fulian clean aid 春蕾_*.xlsx -o 春蕾_合并.xlsx --orgs 登记表.xlsx
                  fulian clean members 名册/*.csv -o 名册.csv --format csv
                """)
        }
    }

    static func optionHelp(_ o: CLIOption) -> Wording {
        switch o {
        case .db: Wording("SQLite 数据库文件，或 PostgreSQL 连接串 postgresql://用户@主机/库名（默认：$FULIAN_DB 或 fulian.sqlite）。",
                          "The SQLite store, or a PostgreSQL URI postgresql://user@host/db (default: $FULIAN_DB or fulian.sqlite).")
        case .lang: Wording("界面语言：zh（默认）或 en；也可用环境变量 FULIAN_LANG。", "The language of messages and headers: zh (default) or en; also FULIAN_LANG.")
        case .importDataset, .cleanDataset: Wording("orgs、members、aid 或 activities。", "orgs, members, aid or activities.")
        case .importFiles: Wording("要导入的文件（CSV、XLSX 或 XLS，按内容识别）。", "The files to import (CSV, XLSX or XLS, told apart by content).")
        case .importSheet: Wording("只导入这个工作表（可重复指定多个，隐藏工作表也可以），不再按表头匹配所有工作表。",
                                   "Take this sheet (repeat for several; hidden sheets too) instead of every sheet whose header matches.")
        case .importDate: Wording("没有日期列的工作表中各行的日期（YYYY-MM-DD）。", "The date of rows in sheets without a date column (YYYY-MM-DD).")
        case .importPeriod: Wording("文件所属期间（2024Q1、2024H1、2024、2024-03）：没有日期列的行取其最后一天；期间外的行给出警告。",
                                    "The period the files cover (2024Q1, 2024H1, 2024, 2024-03): rows without a date column take its last day; rows outside it are warned about.")
        case .cleanFrom: Wording("报送单位（街道或区县；名称、代码或路径），先在其下查找单位名称；须同时给出 --orgs。",
                                 "The submitting unit (street or district; name, code or path) under which unit names are looked for first; needs --orgs.")
        case .importProgram: Wording("救助文件专用：没有“救助项目”列的工作表中各行的项目（不加时取标题、工作表名或文件名写明的全国性项目，如春蕾计划）。",
                                     "For aid: the programme of rows in sheets without a programme column (without it: the national programme the title, sheet name or file name names, such as 春蕾计划).")
        case .importDistrict: Wording("组织名册专用：其中街道和乡镇所属的区。", "For a register: the district its streets and towns belong to.")
        case .importFrom: Wording("执委会员、救助和活动文件：报送单位（街道或区县；名称、代码或路径），先在其下查找单位名称。",
                                  "For members, aid and activities: the submitting unit (street or district; name, code or path) under which unit names are looked for first.")
        case .map: Wording("TOML 或 JSON 文件：补充同义词没有覆盖的表头（\"表头\" = \"字段\"）和已确认的写法（[org] \"原写法\" = \"名册名称\"）。",
                           "A TOML or JSON file naming headers the synonyms miss (\"header\" = \"field\") and confirmed spellings ([org] \"as typed\" = \"register name\").")
        case .importRejects: Wording("把退回的行（原值和原因）写入这个工作簿。", "Write the rejected rows (original values and reasons) to this workbook.")
        case .importReplace: Wording("用本文件替换此前导入的同一文件（内容相同，否则路径相同，否则文件名相同）。",
                                     "Swap an earlier import of the same file (same content, else same path, else same file name) for this one.")
        case .importReplaceBatch: Wording("用本文件替换指定的批次（见 fulian status）。", "Swap exactly this earlier batch (see fulian status) for the file.")
        case .importDryRun: Wording("读取、检查并计数，但不入库。", "Read, check and count everything, but store nothing.")
        case .importStrict: Wording("文件中只要有一行被退回，整个文件都不入库（退出码 1）。", "Store nothing from a file that has any rejected row (exit 1).")
        case .importFormat: Wording("摘要格式：text 或 json。", "Summary format: text or json.")
        case .reportName: Wording("aid、coverage、jobfairs、members、activities 或 quarterly。", "aid, coverage, jobfairs, members, activities or quarterly.")
        case .reportPeriod: Wording("期间：2024Q1、2024H1、2024、2024-03 或 2024-01-01..2024-03-31。",
                                    "The period: 2024Q1, 2024H1, 2024, 2024-03 or 2024-01-01..2024-03-31.")
        case .reportBy: Wording("分组层级：city、district、street、community 或 none（默认：范围内最上层单位的下一级）。",
                                "Group by city, district, street, community or none (default: the level below the top unit in scope).")
        case .reportUnder: Wording("只统计这个单位及其下属各单位（名称、代码或路径）。", "Only this unit and everything under it (name, code or path).")
        case .reportCompare: Wording("增加上期（环比）和去年同期（同比）。", "Add the previous period (环比) and the same period a year earlier (同比).")
        case .reportFormat: Wording("table（默认）、json、csv 或 xlsx（xlsx 须用 -o）。", "table (default), json, csv or xlsx (xlsx needs -o).")
        case .reportOutput: Wording("写入这个文件，不输出到屏幕。", "Write to this file instead of standard output.")
        case .reportBOM: Wording("-o 写入的 CSV 文件是否以 BOM 开头（默认带 BOM，供中文 Windows 上的 Excel 打开）。",
                                 "Start a CSV file written with -o with a byte-order mark (default: on, for Excel on Chinese Windows).")
        case .reportExplain: Wording("打印每个数字背后的定义和 SQL。", "Print the definition and the SQL behind every figure.")
        case .reportKinds: Wording("coverage：统计的单位类型（如 enterprise,social_org）；activities：统计的活动类型。",
                                   "coverage: the unit kinds measured (e.g. enterprise,social_org); activities: the kinds counted.")
        case .reportBySource: Wording("aid：按资金来源细分。", "aid: break down by funding source.")
        case .reportByMonth: Wording("aid：按发放月份细分。", "aid: break down by month of payment.")
        case .reportComposition: Wording("members：增加年龄段和身份标签构成。", "members: add age bands and tag shares.")
        case .reportTarget: Wording("quarterly：覆盖率低于此值时突出显示（默认 0.9）。", "quarterly: highlight coverage below this rate (default 0.9).")
        case .reportNoMask: Wording("quarterly：在列出人员的工作表中完整显示身份证号和电话。",
                                    "quarterly: show ID and phone numbers in full on sheets that list people.")
        case .sqlQuery: Wording("查询语句。", "The query.")
        case .sqlFormat: Wording("table、json 或 csv。", "table, json or csv.")
        case .peekFile: Wording("要查看的文件。", "The file.")
        case .peekSheet: Wording("只显示这个工作表。", "Show only this sheet.")
        case .peekRows: Wording("每个工作表显示多少行：一个数字，或 all（默认 10；--format csv 时默认 all）。",
                                "How many rows to show per sheet: a number, or all (default: 10; all for --format csv).")
        case .peekFormat: Wording("输出格式：table、json 或 csv。", "Output: table, json or csv.")
        case .peekNoMask: Wording("完整显示身份证号和电话（默认打码）。", "Show ID and phone numbers in full (they are masked by default).")
        case .cleanFiles: Wording("要清洗的文件。", "The files to clean.")
        case .cleanOutput: Wording("输出的工作簿（--format csv 时为 CSV 文件）。", "The output workbook (or CSV file with --format csv).")
        case .quiet: Wording("不在终端显示进度。", "Show no progress on the terminal.")
        case .cleanOrgs: Wording("用来对照单位名称的组织名册文件（可重复指定，如市的区县名册加各区的社区名册）；按 fulian import orgs 的规则读取。",
                                 "An org register file to resolve unit names against (repeat for several, e.g. a city's districts and each district's communities); read by the rules of fulian import orgs.")
        case .cleanFormat: Wording("xlsx（一个工作簿）或 csv（清洗结果表，另加 OUT-issues.csv）。", "xlsx (one workbook) or csv (clean table, plus OUT-issues.csv).")
        case .cleanMask: Wording("清洗结果表中的身份证号和电话也打码。", "Mask ID numbers and phone numbers in the clean table too.")
        case .demoOutput: Wording("数据库和工作簿的存放目录。", "Where to put the store and the workbooks.")
        case .demoPeriod: Wording("季度工作簿的季度。", "The quarter of the workbook.")
        case .demoFixtures: Wording("演示数据目录（默认：当前目录下的 fixtures/demo，或 fulian 源码目录中的）。",
                                    "The demo corpus (default: fixtures/demo here, or beside the fulian checkout).")
        }
    }
}
