/// Messages of the command line (summaries, status, peek, errors, `--help`), worded in Chinese and English.
///
/// `--help` texts are written as paragraphs, one per line: the CLI wraps them to the terminal by display
/// width (a Chinese character is two columns). A line that starts with spaces is kept as a line of its own
/// (examples, lists); its continuation lines are indented under its text.
public indirect enum CLIMessage: Localized, Hashable {
    // MARK: --help

    /// A command's one-line abstract (short: the subcommand list shows it beside the name).
    case abstract(CLICommandName)
    /// A command's discussion: paragraphs, lists and examples.
    case discussion(CLICommandName)
    /// The help of an argument, option or flag.
    case optionHelp(CLIOption)
    /// `--encoding`'s help, naming the encodings accepted (`peek`: detected by default, for CSV).
    case encodingHelp(accepted: String, peek: Bool)
    /// A heading or phrase of swift-argument-parser's own help and usage text (`OVERVIEW`, `Show help information.` …),
    /// by its English text.
    case parserText(String)

    // MARK: errors

    /// A failure as the CLI prints it on stderr: `错误：…` / `error: …`.
    case error(Message)
    /// An option's value that is not one of those allowed.
    case unknownEncoding(given: String, accepted: String)
    /// `--date` that is not a date.
    case badDate(option: String, given: String)
    /// `--period` that is not a period.
    case badPeriod(option: String, given: String)
    /// `--replace-batch` with several files.
    case replaceBatchOneFile(files: Int)
    /// A report that writes a workbook given no `-o`; `quarterly` for the quarterly workbook, else `--format xlsx`.
    case workbookNeedsOutput(quarterly: Bool)
    /// `--target` outside 0…1.
    case badTarget(given: Double)
    /// `--by-source` / `--by-month` with another report than aid.
    case breakdownNeedsAid(report: String)
    /// `--composition` with another report than members.
    case compositionNeedsMembers(report: String)
    /// The folder of an output file does not exist.
    case noSuchFolder(folder: String, file: String)
    /// An output file that cannot be written, with the system's reason.
    case cannotWrite(path: String, reason: String)
    /// An output file that cannot be created.
    case cannotCreateFile(path: String)
    /// A folder that cannot be created, with the system's reason.
    case cannotCreateFolder(path: String, reason: String)
    /// `peek --format csv` on a workbook of several sheets without `--sheet`.
    case csvNeedsSheet(sheets: [String])
    /// `demo` cannot find its corpus.
    case noDemoCorpus(folder: String)

    // MARK: import summaries

    /// The same bytes are already stored as this dataset.
    case alreadyImported(file: String, batch: Int64)
    /// A file's first line: dataset, sheet(s), encoding, header rows and what happened (`status`: imported,
    /// replaced, dry-run, strict-failed, strict-skipped-sheet).
    case fileHeading(file: String, dataset: String, sheetCount: Int, sheet: String?, encoding: String?, headerRows: String?,
                     status: String)
    /// An earlier batch `--replace` removed (its ``StoreMessage/batch(id:path:rows:importedAt:)``).
    case replacedBatch(StoreMessage)
    /// A batch `--replace` would have replaced, in a run that stored nothing (`--dry-run`, `--strict` failed).
    case wouldReplaceBatch(StoreMessage)
    /// Rows of a file or sheet: read, loaded, rejected, duplicates, warnings, and the other rows skipped.
    case rowCounts(rows: Int, loaded: Int, rejected: Int, duplicates: Int, warnings: Int, skipped: CLIMessage?)
    /// The rows of a sheet that are not data: title, header, blank, footer and note rows, of `sheetRows` in the sheet.
    case skippedRows(title: Int, header: Int, blank: Int, footer: Int, note: Int, section: Int = 0, sheetRows: Int)
    /// One data sheet of a workbook of several: its header rows and ``rowCounts(rows:loaded:rejected:duplicates:warnings:skipped:)``.
    case sheetCounts(sheet: String, headerRows: String, counts: CLIMessage)
    /// A sheet without a date column whose rows all took one date, and where it came from.
    case noDateColumn(sheet: String?, date: String, source: String)
    /// An aid sheet without a programme column whose rows all took one programme, and where it came from.
    case noProgramColumn(sheet: String?, program: String, source: String)
    /// An activities sheet without a type column: the type every row took, and where it comes from.
    case noKindColumn(sheet: String?, kind: String, source: String)
    /// An activities sheet without a type column whose rows took the type their 活动名称 names.
    case kindFromNames(sheet: String?)
    /// A sheet without a unit column: the unit every row took (its register path), and where it comes from.
    case noUnitColumn(sheet: String?, unit: String, source: String)
    /// A sheet not imported, and why.
    case sheetSkipped(sheet: String, reason: String)
    /// Columns bound by their header's meaning.
    case inferredColumns([String])
    /// A measure with no column: it stays empty for `rows` rows (job fairs when `jobFairs`).
    case missingMeasure(sheet: String?, header: String, field: String, rows: Int, jobFairs: Bool)
    /// Tables pasted one under another: the rows below the header that repeat it, and the titles of the
    /// blocks, neither of them data (row numbers 1-based, at most ten shown).
    case repeatedHeader(sheet: String?, headerRows: [Int], titleRows: [Int])
    /// A register fact with no column, in a register that updated stored units: new units leave it empty,
    /// the `kept` stored units keep theirs.
    case missingRegisterColumn(sheet: String?, header: String, field: String, rows: Int, kept: Int)
    /// A district created by a register import, and where its name came from (a ``StoreMessage/districtSource(_:)``).
    case createdDistrict(name: String, source: StoreMessage?)
    /// Units created from a register's parent column (`name (kind)`), under `parent`, the district from `source`.
    case createdUnits(units: [String], parent: String?, source: StoreMessage?)
    /// A unit and its level: `东湖街道（街道）` / `东湖街道 (street)`.
    case unitWithKind(name: String, kind: Label)
    /// `--rejects` was written.
    case rejectsWritten(path: String)

    // MARK: status, sql, peek

    /// A column header of a table the CLI prints (`batch`, `imported at`, `severity` …), by its English name.
    case columnHeader(String)
    /// `store: fulian.sqlite`.
    case storePath(String)
    /// The store has no batch yet.
    case noBatches(store: String)
    /// The store has no data-quality issues; else the heading of their table.
    case issuesHeading(count: Int)
    /// `(3 rows)` under a query's table.
    case rowCount(Int)
    /// Peek's first line: file, format, encoding, delimiter (`tab` or the character), date system.
    case peekHeading(file: String, format: String, encoding: String?, delimiter: String?, dateSystem: String?)
    /// Peek's line for a sheet: its number, name, non-blank rows, columns, visibility, declared dimension.
    case peekSheet(index: Int, name: String, rows: Int, columns: Int, visibility: String?, dimension: String?)
    /// Peek's merged ranges of a sheet.
    case peekMerged([String])
    /// The rows of the sheet hidden in the workbook, among those shown.
    case peekHiddenRows([Int])
    /// Columns peek leaves out of a wide sheet.
    case peekColumnsNotShown(from: String, to: String)

    // MARK: clean, demo, report

    /// Where `clean` wrote its CSV table and issue list.
    case cleanCSVWritten(table: String, issues: String)
    /// Where `clean` wrote its workbook.
    case cleanWorkbookWritten(String)
    /// One input file of `clean`.
    case cleanFile(file: String, rows: Int, clean: Int, withIssues: Int, duplicates: Int)
    /// `clean`'s totals, with the issue counts by category (`category count`).
    case cleanTotals(rows: Int, issues: Int, byCategory: [String], duplicateGroups: Int, spellingClusters: Int)
    /// `demo`'s totals.
    case demoTotals(files: Int, loaded: Int, rejected: Int, duplicates: Int)
    /// `demo`'s aid figures of the period.
    case demoAid(period: Period, disbursements: String, recipients: String, yuan: String)
    /// A label and where a file is (`store`, `quarterly`, `rejects`), for demo's closing list.
    case demoOutput(what: String)
    /// What to run next.
    case next(command: String)
    /// `report quarterly` wrote its workbook, with its sheets.
    case quarterlyWritten(period: Period, path: String, sheets: [String])
    /// `report --format xlsx` wrote a report's sheet.
    case reportWritten(report: String, period: Period, path: String)
    /// The line `fulian --version` prints.
    case version(String)
    /// `--from` given for a register import (the dataset named).
    case fromNotForRegister(dataset: String)
    /// `--program` given for a dataset other than aid.
    case programOnlyForAid(dataset: String)
    /// `clean --from` without a register to resolve it in.
    case fromNeedsOrgs
    /// `--by` names no level.
    case unknownLevel(String)

    /// The wording of ``repeatedHeader(sheet:headerRows:titleRows:)``.
    static func repeatedHeader(sheet: String?, headerRows: [Int], titleRows: [Int]) -> Wording {
        func list(_ rows: [Int], _ zh: Bool) -> String {
            let shown = rows.prefix(10).map(String.init).joined(separator: zh ? "、" : ", ")
            return rows.count > 10 ? shown + (zh ? " 等 \(rows.count) 行" : " and \(rows.count - 10) more") : shown
        }
        let zhHeader = headerRows.isEmpty ? nil : "第 \(list(headerRows, true)) 行重复了表头"
        let zhTitle = titleRows.isEmpty ? nil : "第 \(list(titleRows, true)) 行是其下一段的标题"
        let enHeader = headerRows.isEmpty ? nil : headerRows.count == 1 ? "row \(headerRows[0]) repeats the header" : "rows \(list(headerRows, false)) repeat the header"
        let enTitle = titleRows.isEmpty ? nil : "\(titleRows.count == 1 ? "row" : "rows") \(list(titleRows, false)) "
            + (titleRows.count == 1 ? "is the title" : "are the titles") + " of the rows below"
        return Wording((sheet.map { "工作表“\($0)”：" } ?? "") + [zhHeader, zhTitle].compactMap { $0 }.joined(separator: "，")
                           + "（几张表上下相接），不是数据",
                       (sheet.map { "sheet \($0): " } ?? "") + [enHeader, enTitle].compactMap { $0 }.joined(separator: ", ")
                           + " (tables pasted one under another); not data")
    }

    public func wording() -> Wording {
        switch self {
        case .abstract(let c): Self.abstract(c)
        case .discussion(let c): Self.discussion(c)
        case .optionHelp(let o): Self.optionHelp(o)
        case .encodingHelp(let accepted, let peek):
            peek
                ? Wording("CSV 的文本编码（默认自动识别）：\(accepted)。", "Text encoding for CSV (default: detected): \(accepted).")
                : Wording("CSV 文件的文本编码：\(accepted)。默认自动识别。", "Text encoding of CSV files: \(accepted). Default: detected.")
        case .parserText(let english):
            Wording(Self.parserChinese[english] ?? english, english)

        case .error(let m):
            Wording("错误：" + m.text(.zh), "error: " + m.text(.en))
        case .unknownEncoding(let given, let accepted):
            Wording("未知的编码 \(given)：可用 \(accepted)", "unknown encoding \(given); use \(accepted)")
        case .badDate(let option, let given):
            Wording("\(option) \(given) 不是日期：请写成 YYYY-MM-DD，例如 2024-03-31",
                    "\(option) \(given) is not a date; write it as YYYY-MM-DD, e.g. 2024-03-31")
        case .badPeriod(let option, let given):
            Wording("\(option) \(given) 不是期间：请写成 2024Q1、2024H1、2024、2024-03 或 2024-01-01..2024-03-31",
                    "\(option) \(given) is not a period; use 2024Q1, 2024H1, 2024, 2024-03 or 2024-01-01..2024-03-31")
        case .replaceBatchOneFile(let files):
            Wording("--replace-batch 只替换一个批次：请只给一个文件（现在给了 \(files) 个）", "--replace-batch replaces one batch: give one file")
        case .workbookNeedsOutput(let quarterly):
            quarterly
                ? Wording("report quarterly 生成工作簿：请用 -o 文件.xlsx 指定文件名", "report quarterly writes a workbook: name it with -o FILE.xlsx")
                : Wording("--format xlsx 生成工作簿：请用 -o 文件.xlsx 指定文件名", "--format xlsx writes a workbook: name it with -o FILE.xlsx")
        case .badTarget(let given):
            Wording("--target 须在 0 到 1 之间（不能是 \(given)），例如 0.9", "--target must lie between 0 and 1, e.g. 0.9")
        case .breakdownNeedsAid(let report):
            Wording("--by-source 和 --by-month 只适用于 aid 报表，不适用于 \(report)", "--by-source and --by-month apply to the aid report")
        case .compositionNeedsMembers(let report):
            Wording("--composition 只适用于 members 报表，不适用于 \(report)", "--composition applies to the members report")
        case .noSuchFolder(let folder, let file):
            Wording("文件夹 \(folder) 不存在，无法写入 \(file)：请先创建该文件夹，或换一个输出路径",
                    "the folder \(folder) does not exist, so \(file) cannot be written: create the folder first or choose another path")
        case .cannotWrite(let path, let reason):
            Wording("无法写入 \(path)：\(reason)", "cannot write \(path): \(reason)")
        case .cannotCreateFile(let path):
            Wording("无法写入 \(path)：无法创建该文件（请检查文件夹及其权限）",
                    "cannot write \(path): the file cannot be created (check the folder and its permissions)")
        case .cannotCreateFolder(let path, let reason):
            Wording("无法创建 \(path)：\(reason)", "cannot create \(path): \(reason)")
        case .csvNeedsSheet(let sheets):
            Wording("--format csv 只输出一个工作表：请用 --sheet 指定（工作表有：\(sheets.joined(separator: "、"))）",
                    "--format csv writes one sheet: name it with --sheet (the sheets are: \(sheets.joined(separator: ", ")))")
        case .noDemoCorpus(let folder):
            Wording("找不到演示数据 \(folder)：请在 fulian 源码目录中运行 fulian demo，或用 --fixtures 目录 指定",
                    "the demo corpus \(folder) was not found; run fulian demo from the fulian checkout or give --fixtures DIR")

        case .alreadyImported(let file, let batch):
            Wording("\(file)：内容相同的文件已作为批次 \(batch) 导入，无需再导入。如需重新导入，请加 --replace。",
                    "\(file): already imported as batch \(batch) (same content); nothing to do. Use --replace to import it again.")
        case .fileHeading(let file, let dataset, let sheetCount, let sheet, let encoding, let headerRows, let status):
            Self.fileHeading(file, dataset, sheetCount, sheet, encoding, headerRows, status)
        case .replacedBatch(let b):
            Wording("已替换\(b.text(.zh))：其数据行和问题记录已删除", "replaced \(b.text(.en)): its rows and issues were removed")
        case .wouldReplaceBatch(let b):
            Wording("将替换\(b.text(.zh))：本次未入库，它的数据行和问题记录也未删除",
                    "would replace \(b.text(.en)): nothing was stored, and its rows and issues were not removed")
        case .rowCounts(let rows, let loaded, let rejected, let duplicates, let warnings, let skipped):
            Wording("共 \(rows) 行：入库 \(loaded) 行，退回 \(rejected) 行，重复 \(duplicates) 行，警告 \(warnings) 条" + (skipped?.text(.zh) ?? ""),
                    "\(rows) rows: \(loaded) loaded, \(rejected) rejected, \(duplicates) duplicates, \(warnings) warnings" + (skipped?.text(.en) ?? ""))
        case .skippedRows(let title, let header, let blank, let footer, let note, let section, let sheetRows):
            Self.skippedRows([title, header, blank, footer, note, section], sheetRows)
        case .sheetCounts(let sheet, let headerRows, let counts):
            Wording("工作表“\(sheet)”：表头第 \(headerRows) 行；\(counts.text(.zh))", "sheet \(sheet): header row \(headerRows); \(counts.text(.en))")
        case .noDateColumn(let sheet, let date, let source):
            Wording((sheet.map { "工作表“\($0)”：" } ?? "") + "没有日期列：各行日期均取 \(date)（依据 \(source)）",
                    (sheet.map { "sheet \($0): " } ?? "") + "no date column: every row dated \(date), from \(source)")
        case .noKindColumn(let sheet, let kind, let source):
            Wording((sheet.map { "工作表“\($0)”：" } ?? "") + "没有活动类型列：各行类型均为 \(kind)（依据 \(source)）",
                    (sheet.map { "sheet \($0): " } ?? "") + "no activity type column: every row's type is \(kind), from \(source)")
        case .kindFromNames(let sheet):
            Wording((sheet.map { "工作表“\($0)”：" } ?? "") + "没有活动类型列：各行类型按活动名称认定（看不出类型的按“其他”计）",
                    (sheet.map { "sheet \($0): " } ?? "") + "no activity type column: each row's type is the one its name names (其他 when it names none)")
        case .noUnitColumn(let sheet, let unit, let source):
            Wording((sheet.map { "工作表“\($0)”：" } ?? "") + "没有单位列：各行单位均为 \(unit)（依据 \(source)）",
                    (sheet.map { "sheet \($0): " } ?? "") + "no unit column: every row's unit is \(unit), from \(source)")
        case .noProgramColumn(let sheet, let program, let source):
            Wording((sheet.map { "工作表“\($0)”：" } ?? "") + "没有救助项目列：各行项目均为 \(program)（依据 \(source)）",
                    (sheet.map { "sheet \($0): " } ?? "") + "no programme column: every row's programme is \(program), from \(source)")
        case .sheetSkipped(let sheet, let reason):
            Wording("已跳过工作表“\(sheet)”：\(reason)", "sheet \(sheet) skipped: \(reason)")
        case .inferredColumns(let columns):
            Wording("按表头含义识别的列：\(columns.joined(separator: "、"))（请确认，或用 --map 另行指定）",
                    "columns taken by meaning: \(columns.joined(separator: ", ")) (confirm or override with --map)")
        case .missingMeasure(let sheet, let header, let field, let rows, let jobFairs):
            Wording((sheet.map { "工作表“\($0)”：" } ?? "") + "没有“\(header)”列：\(rows) \(jobFairs ? "场招聘会" : "行")的 \(field) 留空",
                    (sheet.map { "sheet \($0): " } ?? "") + "no \(header) column: \(field) stays empty for \(rows) \(jobFairs ? "job fairs" : "rows")")
        case .repeatedHeader(let sheet, let headerRows, let titleRows):
            Self.repeatedHeader(sheet: sheet, headerRows: headerRows, titleRows: titleRows)
        case .missingRegisterColumn(let sheet, let header, let field, let rows, let kept):
            Wording((sheet.map { "工作表“\($0)”：" } ?? "") + "没有“\(header)”列：" + (rows > kept ? "新单位 \(rows - kept) 行的 \(field) 留空，" : "")
                        + "已在库的 \(kept) 个单位保留原有的 \(field)",
                    (sheet.map { "sheet \($0): " } ?? "") + "no \(header) column: "
                        + (rows > kept ? "\(field) stays empty for \(rows - kept) new units; " : "") + "\(kept) stored units keep their \(field)")
        case .createdDistrict(let name, let source):
            Wording("新建区 \(name)（依据\(source?.text(.zh) ?? "未知")）", "created the district \(name) (from \(source?.text(.en) ?? "?"))")
        case .createdUnits(let units, let parent, let source):
            Wording("由上级单位列新建：\(units.joined(separator: "、"))"
                        + (parent.map { "，归属 \($0)" + (source.map { "（区名依据\($0.text(.zh))）" } ?? "") } ?? "（无上级单位）"),
                    "created from the parent column: \(units.joined(separator: ", "))"
                        + (parent.map { " under \($0)" + (source.map { ", the district from \($0.text(.en))" } ?? "") } ?? " (no parent unit)"))
        case .unitWithKind(let name, let kind):
            Wording("\(name)（\(kind.text(.zh))）", "\(name) (\(kind.text(.en)))")
        case .rejectsWritten(let path):
            Wording("退回的行已写入 \(path)", "rejected rows written to \(path)")

        case .columnHeader(let english):
            Wording(Self.chineseHeaders[english] ?? english, english)
        case .storePath(let path):
            Wording("数据库：\(path)", "store: \(path)")
        case .noBatches:
            Wording("尚未导入任何文件", "no files imported yet")
        case .issuesHeading(let count):
            count == 0
                ? Wording("没有数据质量问题", "no data-quality issues")
                : Wording("数据质量问题（明细可用 fulian sql \"SELECT * FROM importIssue\" 查看）：",
                          "data-quality issues (fulian sql \"SELECT * FROM importIssue\" lists them):")
        case .rowCount(let n):
            Wording("（共 \(n) 行）", "(\(n) row\(n == 1 ? "" : "s"))")
        case .peekHeading(let file, let format, let encoding, let delimiter, let dateSystem):
            Wording("\(file)：\(format)" + (encoding.map { "，编码 \($0)" } ?? "")
                        + (delimiter.map { "，分隔符 " + ($0 == "tab" ? "制表符" : $0) } ?? "") + (dateSystem.map { "，\($0) 日期系统" } ?? ""),
                    "\(file): \(format)" + (encoding.map { ", encoding \($0)" } ?? "") + (delimiter.map { ", delimiter \($0)" } ?? "")
                        + (dateSystem.map { ", \($0) date system" } ?? ""))
        case .peekSheet(let index, let name, let rows, let columns, let visibility, let dimension):
            Wording("工作表 \(index) \(name)：非空行 \(rows) 行 × \(columns) 列"
                        + (visibility.map { "（\($0 == "veryHidden" ? "深度隐藏" : "隐藏")）" } ?? "") + (dimension.map { "，声明范围 \($0)" } ?? ""),
                    "sheet \(index) \(name): \(rows) non-blank rows × \(columns) columns" + (visibility.map { " (\($0))" } ?? "")
                        + (dimension.map { ", declared \($0)" } ?? ""))
        case .peekMerged(let ranges):
            Wording("合并单元格：" + ranges.joined(separator: " "), "merged: " + ranges.joined(separator: " "))
        case .peekHiddenRows(let rows):
            Wording("隐藏的行：" + rows.map(String.init).joined(separator: "、"), "hidden rows: " + rows.map(String.init).joined(separator: ", "))
        case .peekColumnsNotShown(let from, let to):
            Wording("（\(from)…\(to) 列未显示）", "(columns \(from)…\(to) not shown)")

        case .cleanCSVWritten(let table, let issues):
            Wording("清洗结果表：\(table)\n问题清单：\(issues)", "clean table: \(table)\nissues: \(issues)")
        case .cleanWorkbookWritten(let path):
            Wording("清洗结果工作簿：\(path)", "clean workbook: \(path)")
        case .cleanFile(let file, let rows, let clean, let withIssues, let duplicates):
            Wording("\(file)：共 \(rows) 行，无问题 \(clean) 行，有问题 \(withIssues) 行，重复 \(duplicates) 行",
                    "\(file): \(rows) rows, \(clean) clean, \(withIssues) with issues, \(duplicates) duplicates")
        case .cleanTotals(let rows, let issues, let byCategory, let groups, let clusters):
            Wording("共 \(rows) 行，问题 \(issues) 条" + (byCategory.isEmpty ? "" : "（\(byCategory.joined(separator: "，"))）")
                        + "，重复组 \(groups) 个，名称归并 \(clusters) 组",
                    "\(rows) rows, \(issues) issues" + (byCategory.isEmpty ? "" : " (\(byCategory.joined(separator: ", ")))")
                        + ", \(groups) duplicate groups, \(clusters) spelling clusters")
        case .demoTotals(let files, let loaded, let rejected, let duplicates):
            Wording("共 \(files) 个文件：入库 \(loaded) 行，退回 \(rejected) 行，跳过重复 \(duplicates) 行",
                    "\(files) files: \(loaded) rows loaded, \(rejected) rejected, \(duplicates) duplicates skipped")
        case .demoAid(let period, let disbursements, let recipients, let yuan):
            Wording("\(period.chineseLabel)救助发放：\(disbursements) 笔，受助 \(recipients) 人，金额 \(yuan) 元",
                    "\(period.label) aid: \(disbursements) disbursements, \(recipients) recipients, \(yuan) yuan")
        case .demoOutput(let what):
            switch what {
            case "store": Wording("数据库：", "store:")
            case "quarterly": Wording("季度工作簿：", "quarterly workbook:")
            default: Wording("退回的行：", "rejected rows:")
            }
        case .next(let command):
            Wording("下一步：\(command)", "next: \(command)")
        case .quarterlyWritten(let period, let path, let sheets):
            Wording("\(period.chineseLabel)工作簿：\(path)（\(sheets.joined(separator: "、"))）",
                    "quarterly workbook for \(period.label): \(path) (\(sheets.joined(separator: ", ")))")
        case .reportWritten(let report, let period, let path):
            Wording("\(period.chineseLabel) \(ReportMessage.title(report: report).text(.zh))：\(path)", "\(report) \(period.label): \(path)")
        case .version(let v):
            Wording("fulian \(v)（妇联报表工具）", "fulian \(v)")
        case .fromNeedsOrgs:
            Wording("--from 要在组织名册中查找报送单位：请同时用 --orgs 给出组织名册", "--from is looked up in the org register: give it with --orgs")
        case .programOnlyForAid(let dataset):
            Wording("--program 只用于救助文件（没有“救助项目”列时各行的项目），不用于 \(dataset)。",
                    "--program applies to aid files (the programme of rows without a programme column), not to \(dataset).")
        case .fromNotForRegister(let dataset):
            Wording("--from 只用于执委会员、救助和活动文件（指定报送单位），不用于 \(dataset)；组织名册的区县请用 --district 或所属区县一列。",
                    "--from applies to members, aid and activities files (the submitting unit), not to \(dataset); "
                        + "a register's district is given with --district or a 所属区县 column.")
        case .unknownLevel(let level):
            Wording("--by 只能是 city、district、street、community 或 none，不能是 \(level)。",
                    "--by must be city, district, street, community or none, not \(level)")
        }
    }

    // MARK: wordings of the longer entries

    private static func fileHeading(_ file: String, _ dataset: String, _ sheetCount: Int, _ sheet: String?, _ encoding: String?,
                                    _ headerRows: String?, _ status: String) -> Wording {
        var zh = "\(file)：\(dataset)，", en = "\(file): \(dataset), "
        if sheetCount > 1 {
            zh += "\(sheetCount) 个数据工作表" + (encoding.map { "，\($0)" } ?? "")
            en += "\(sheetCount) data sheets" + (encoding.map { ", \($0)" } ?? "")
        } else {
            zh += (sheet.map { "工作表“\($0)”，" } ?? "") + (encoding.map { "\($0)，" } ?? "") + "表头第 \(headerRows ?? "?") 行"
            en += (sheet.map { "sheet \($0), " } ?? "") + (encoding.map { "\($0), " } ?? "") + "header row \(headerRows ?? "?")"
        }
        switch status {
        case "dry-run": zh += "（试运行：未入库）"; en += " (dry run: nothing stored)"
        case "strict-skipped-sheet": zh += "（--strict：有数据工作表被跳过，未入库）"; en += " (--strict: a data sheet was skipped, nothing stored)"
        case "strict-failed": zh += "（--strict：有被退回的行，未入库）"; en += " (--strict: rejected rows, nothing stored)"
        case "replaced": zh += "（已替换此前的导入）"; en += " (replaced the earlier import)"
        default: break
        }
        return Wording(zh, en)
    }

    private static func skippedRows(_ counts: [Int], _ sheetRows: Int) -> Wording {
        let zhNames = ["标题", "表头", "空行", "合计行", "说明行", "分组行"], enNames = ["title", "header", "blank", "footer", "note", "section"]
        let shown = counts.indices.filter { counts[$0] > 0 }
        if shown.isEmpty { return Wording("", "") }
        return Wording("；跳过" + shown.map { "\(zhNames[$0]) \(counts[$0]) 行" }.joined(separator: "、") + "（工作表共 \(sheetRows) 行）",
                       "; skipped " + shown.map { "\(counts[$0]) \(enNames[$0])" }.joined(separator: ", ") + " (\(sheetRows) rows in the sheet)")
    }

    /// Chinese headers of the CLI's own tables (status), by English name.
    static let chineseHeaders: [String: String] = [
        "batch": "批次", "file": "文件", "dataset": "数据集", "sheet": "工作表", "rows": "行数", "loaded": "入库", "rejected": "退回",
        "duplicates": "重复", "warnings": "警告", "imported at": "导入时间", "table": "表", "from": "起", "to": "止",
        "severity": "级别", "category": "类别", "count": "条数", "row": "行",
    ]

    /// Chinese for the words swift-argument-parser prints itself.
    static let parserChinese: [String: String] = [
        "OVERVIEW:": "概述：", "USAGE:": "用法：", "ARGUMENTS:": "参数：", "OPTIONS:": "选项：", "SUBCOMMANDS:": "子命令：",
        "Show help information.": "显示帮助信息。", "Show the version.": "显示版本号。", "Error:": "错误：", "Usage:": "用法：",
        "See '%@' for more information.": "详见 '%@'。", "See '%@' for detailed help.": "各子命令的详细帮助见 '%@'。",
        "default:": "默认：", "values:": "可选值：", "Help:": "说明：",
    ]

    /// The parser's error sentences (after `Error:`) as templates: `%1`, `%2`, `%3` are what it fills in, in
    /// the order the English has them; the Chinese may use them in another order. Longer forms first.
    public static let parserErrors: [(english: String, chinese: String)] = [
        ("Unknown option '%1'. Did you mean '%2'?", "未知的选项 '%1'，是否为 '%2'？"),
        ("Unknown option '%1'", "未知的选项 '%1'"),
        ("Missing value for '%1'", "选项 '%1' 缺少取值"),
        ("%1 unexpected arguments: '%2'", "多余的 %1 个参数：'%2'"),
        ("Unexpected argument '%1'", "多余的参数 '%1'"),
        ("Missing expected argument '%1'", "缺少参数 '%1'"),
        ("Missing one of: '%1'", "缺少以下之一：'%1'"),
        ("The value '%1' is invalid for '%2'. Please provide one of %3.", "'%2' 的取值 '%1' 无效，可选：%3。"),
        ("The value '%1' is invalid for '%2'", "'%2' 的取值 '%1' 无效"),
        ("Invalid option: %1", "无效的选项：%1"),
        ("Missing required subcommand.", "缺少子命令。"),
    ]

    /// How the parser joins a list of accepted values (`'table', 'json' or 'csv'`), and the Chinese joins.
    public static let parserListJoins: [(english: String, chinese: String)] = [("', '", "'、'"), ("' or '", "' 或 '")]
}
