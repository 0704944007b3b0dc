import FulianCore
import FulianImport
import FulianSheets
import Testing
import TestSupport

/// The import layer's messages as a person reads them, in English and Chinese, through ``SheetImporter``.
@Suite struct ImportMessageTests {
    static let register = OrgRegister([
        .init(id: 1, name: "兰江区", kind: .district, parentId: nil),
        .init(id: 2, name: "东湖街道", kind: .street, parentId: 1),
        .init(id: 3, name: "东湖社区", kind: .community, parentId: 2),
        .init(id: 4, name: "西湖社区", kind: .community, parentId: 2),
    ])

    /// Every diagnostic of a CSV read as `dataset`, file-level ones last, in both languages.
    static func read(_ csv: String, _ dataset: Dataset, name: String = "名单.csv", period: Period? = nil) throws -> (en: [String], zh: [String]) {
        let path = try TempFile.write(Array(csv.utf8), name: name)
        let importer = try SheetImporter(path: path, options: ImportOptions(dataset: dataset, period: period))
        var diagnostics: [Diagnostic] = []
        _ = try importer.run(register: register) { diagnostics += $0.diagnostics }
        diagnostics += importer.fileDiagnostics
        return (diagnostics.map { $0.text(.en) }, diagnostics.map { $0.text(.zh) })
    }

    /// The error a file cannot be imported with.
    static func failure(_ csv: String, _ dataset: Dataset, name: String = "名单.csv") throws -> ImportError? {
        let path = try TempFile.write(Array(csv.utf8), name: name)
        do { _ = try SheetImporter(path: path, options: ImportOptions(dataset: dataset)) } catch let e as ImportError { return e }
        return nil
    }

    @Test func memberChecks() throws {
        let r = try Self.read("""
            姓名,身份证号,性别,出生日期,所属社区,职务
            张秀英,11010519491231002X,男,1950-01-01,东湖社区,委员
            李梅,,不详,,东胡社区,委员
            ,,女,,,主任
            """, .members)
        #expect(r.en == [
            "名单.csv:R2C3: warning [gender-mismatch] 性别: stated gender 男 contradicts the ID number 110105********002X, which says 女; the ID is kept",
            "名单.csv:R2C4: warning [birth-mismatch] 出生日期: stated birth date 1950-01-01 differs from the one in the ID number; the ID's date is kept",
            "名单.csv:R3C3: warning [bad-gender] 性别: 不详 is neither 女 nor 男; ignored",
            "名单.csv:R3C5: error [unknown-org] 所属社区: unit 东胡社区 is not in the org register; did you mean 东湖社区? Correct the name, or add the unit to the register and import it first.",
            "名单.csv:R4C1: error [missing-field] 姓名: 姓名 is empty",
            "名单.csv:R4C5: error [missing-field] 所属社区: the unit is empty",
            "名单.csv:R4C6: error [bad-role] 职务: 主任 is not a role (主席, 副主席, 兼职副主席, 常委, 执委, 委员, 会员, 志愿者)",
        ])
        #expect(r.zh == [
            "名单.csv 第 2 行第 3 列：警告 [gender-mismatch] 性别：填写的性别“男”与身份证号 110105********002X 不符（号码显示为“女”），以身份证号为准",
            "名单.csv 第 2 行第 4 列：警告 [birth-mismatch] 出生日期：填写的出生日期 1950-01-01 与身份证号中的不同，以身份证号中的日期为准",
            "名单.csv 第 3 行第 3 列：警告 [bad-gender] 性别：不详 既不是“女”也不是“男”，已忽略",
            "名单.csv 第 3 行第 5 列：错误 [unknown-org] 所属社区：东胡社区不在组织名册中，是否为 东湖社区？请更正名称，或先把该单位加入组织名册并导入。",
            "名单.csv 第 4 行第 1 列：错误 [missing-field] 姓名：姓名未填写",
            "名单.csv 第 4 行第 5 列：错误 [missing-field] 所属社区：未填写单位",
            "名单.csv 第 4 行第 6 列：错误 [bad-role] 职务：主任 不是职务（主席、副主席、兼职副主席、常委、执委、委员、会员、志愿者）",
        ])
    }

    @Test func aidChecks() throws {
        let r = try Self.read("""
            姓名,身份证号,所属社区,项目名称,发放日期,发放金额,备用
            张秀英,11010519491231002X,东湖社区,春蕾计划,2024-01-05,1000,x
            李梅,,东湖社区,春蕾计划,2024-05-06,800,
            赵丽,,东湖社区,春蕾计划,2024-01-07,-800,
            王芳,110105194912310,西湖社区,春蕾计划,2024-02-30,100,
            合计,,,,,500,
            """, .aid, period: try Period(parsing: "2024Q1"))
        #expect(r.en == [
            "名单.csv:R3C5: warning [outside-stated-period] 发放日期: 2024-05-06 is outside the period the file states (2024Q1, 2024-01-01..2024-03-31); stored by its own date",
            "名单.csv:R4C6: error [bad-amount] 发放金额: -800.00 is negative",
            "名单.csv:R5C2: error [bad-id] 身份证号: the ID number 110105*****2310 contains an impossible birth date",
            "名单.csv:R5C5: error [bad-date] 发放日期: 2024-02-30 is not a calendar date",
            "名单.csv:R1C7: warning [unknown-column] column 备用 is not a field of aid; it is not stored",
            "名单.csv:R6C6: warning [footer-mismatch] the 合计 row says 500.00 for 发放金额, but the data rows add up to 1100.00",
        ])
        #expect(r.zh == [
            "名单.csv 第 3 行第 5 列：警告 [outside-stated-period] 发放日期：2024-05-06 不在文件所写的期间内（2024Q1，2024-01-01 至 2024-03-31），按其本身的日期保存",
            "名单.csv 第 4 行第 6 列：错误 [bad-amount] 发放金额：-800.00 是负数",
            "名单.csv 第 5 行第 2 列：错误 [bad-id] 身份证号：身份证号 110105*****2310 中的出生日期不存在",
            "名单.csv 第 5 行第 5 列：错误 [bad-date] 发放日期：2024-02-30 不是日历上的日期",
            "名单.csv 第 1 行第 7 列：警告 [unknown-column] “备用”列不是 aid 的字段，不保存",
            "名单.csv 第 6 行第 6 列：警告 [footer-mismatch] 合计行的“发放金额”为 500.00，而各数据行相加为 1100.00",
        ])
    }

    @Test func orgAndActivityChecks() throws {
        let orgs = try Self.read("""
            名称,类型,工作覆盖
            东湖社区,社区,不详
            """, .orgs)
        #expect(orgs.en == ["名单.csv:R2C3: warning [bad-flag] 工作覆盖: 不详 is neither 是 nor 否; left empty"])
        #expect(orgs.zh == ["名单.csv 第 2 行第 3 列：警告 [bad-flag] 工作覆盖：不详 既不是“是”也不是“否”，已留空"])
        let activities = try Self.read("""
            活动类型,社区,活动日期,求职人次,达成就业意向人数
            座谈会,东湖社区,2024-03-01,,
            招聘会,东湖社区,2024-03-02,20,30
            """, .activities)
        #expect(activities.en == [
            "名单.csv:R2C1: warning [bad-kind] 活动类型: 座谈会 is not an activity type (招聘会, 讲座, 培训, 维权, 志愿服务, 慰问, 其他); counted as 其他",
            "名单.csv:R3C5: warning [placements-exceed-seekers] 达成就业意向人数: 30 placements exceed 20 seekers",
        ])
        #expect(activities.zh == [
            "名单.csv 第 2 行第 1 列：警告 [bad-kind] 活动类型：座谈会 不是活动类型（招聘会、讲座、培训、维权、志愿服务、慰问、其他），按“其他”计",
            "名单.csv 第 3 行第 5 列：警告 [placements-exceed-seekers] 达成就业意向人数：达成就业意向 30 人，多于求职 20 人",
        ])
    }

    @Test func filesThatCannotBeImported() throws {
        let noHeader = try #require(try Self.failure("a,b\n1,2\n", .aid, name: "杂项.csv"))
        #expect(noHeader.text(.en) == "杂项.csv: no sheet has a header row for aid: expected columns such as name (姓名/受助人/受助人姓名), "
                + "org (所属社区/所在社区/社区), program (救助项目/项目名称/帮扶项目), paid_on (发放日期/发放时间/救助日期), "
                + "amount (金额(元)/发放金额/救助金额(万元)). Use --map to name columns with other headers, or --sheet to choose the sheet.")
        #expect(noHeader.text(.zh) == "杂项.csv：没有工作表带有 aid 的表头行：应有 name（姓名/受助人/受助人姓名）、org（所属社区/所在社区/社区）、"
                + "program（救助项目/项目名称/帮扶项目）、paid_on（发放日期/发放时间/救助日期）、amount（金额(元)/发放金额/救助金额(万元)） 等列。"
                + "表头写法不同的列请用 --map 指明，或用 --sheet 选定工作表。")
        let missing = try #require(try Self.failure("姓名,所属社区,项目名称,发放日期\n张秀英,东湖社区,春蕾计划,2024-01-05\n", .aid))
        #expect(missing.text(.en) == "名单.csv: required column missing: 金额(元) (one of: 金额(元), 发放金额, 救助金额(万元), 金额, 救助金额, "
                + "发放金额(元), 金额(万元), or amount). Use --map FILE to name the column that holds it.")
        #expect(missing.text(.zh) == "名单.csv：缺少必需的列：金额(元)（可写作 金额(元)、发放金额、救助金额(万元)、金额、救助金额、发放金额(元)、金额(万元)，"
                + "或 amount）。请用 --map 文件指明哪一列是它。")
        let noDate = try Self.read("姓名,所属社区,项目名称,发放金额\n张秀英,东湖社区,春蕾计划,100\n", .aid, name: "名册.csv")
        #expect(noDate.en == ["名册.csv:R2: error [missing-field] the sheet has no 发放日期 column: give the date with --date 2024-03-31 or --period 2024Q1"])
        #expect(noDate.zh == ["名册.csv 第 2 行：错误 [missing-field] 该表没有“发放日期”列：请用 --date 2024-03-31 或 --period 2024Q1 给出日期"])
    }

    @Test func skippedSheetsAndTheirReasons() throws {
        let importer = try SheetImporter(path: FixturePaths.fixture("import/sheets/一季度救助发放表.xlsx").path,
                                         options: ImportOptions(dataset: .aid))
        #expect(importer.skippedSheets.map { "\($0.name) \($0.reason.rawValue): \($0.message.text(.en))" } == [
            "汇总 summary: a summary sheet beside the data sheets (its name says so); not imported (name it with --sheet to import it)",
            "草稿 hidden: a hidden sheet with a header for aid; not imported (name it with --sheet 草稿 to import it)",
            "填表说明 no-header: no header row for aid",
        ])
        #expect(importer.skippedSheets.map { "\($0.name) \($0.reason.rawValue)：\($0.message.text(.zh))" } == [
            "汇总 summary：数据表旁的汇总表（从表名看出）；不导入（如要导入，请用 --sheet 指明）",
            "草稿 hidden：带有 aid 表头的隐藏工作表；不导入（如要导入，请用 --sheet 草稿 指明）",
            "填表说明 no-header：没有 aid 的表头行",
        ])
        #expect(importer.dataSheets.map { $0.statedPeriodSource?.text(.zh) } == ["表格标题", "表格标题"])
        #expect(importer.dataSheets.map { $0.statedPeriodSource?.text(.en) } == ["the title", "the title"])
    }

    /// Messages the files above do not reach, pinned by their two wordings.
    @Test func wordingsOfTheRest() {
        let cases: [(ImportMessage, String, String)] = [
            (.unknownColumn(header: "备用", dataset: "aid", mayBe: ColumnNames(key: "note", synonyms: ["备注"])),
             "column 备用 is not a field of aid; it is not stored; it may be note (备注): name it with --map if so",
             "“备用”列不是 aid 的字段，不保存；它可能是 note（备注），如是请用 --map 指明"),
            (.duplicateColumn(header: "金额（元）", field: "amount"),
             "column 金额（元） also means amount, which an earlier column already gives; it is not stored",
             "“金额（元）”列也表示 amount，前面已有一列给出，不保存"),
            (.ambiguousOrg(name: "望江社区", paths: ["沅阳区/石马河街道/望江社区", "沅阳区/华渡镇/望江社区"]),
             "unit 望江社区 matches 2 units of the register (沅阳区/石马河街道/望江社区; 沅阳区/华渡镇/望江社区); "
                + "add a street column, give the submitting unit with --from, or write the full path.",
             "组织名册中有 2 个望江社区（沅阳区/石马河街道/望江社区；沅阳区/华渡镇/望江社区），无法确定是哪一个。"
                + "请增加所属街道一列，或用 --from 指定报送单位，或写出完整路径。"),
            (.onlySheetHidden(dataset: "aid", sheet: "草稿"),
             "the only sheet with a header for aid is hidden; name it with --sheet 草稿 to import it",
             "唯一有 aid 表头的工作表是隐藏的；如要导入，请用 --sheet 草稿 指明"),
            (.sheetNotNamed, "not named with --sheet", "未用 --sheet 指明"),
            (.sheetLacksColumns(["发放金额"]),
             "its header lacks the required column 发放金额; its rows are not imported (use --map to name the column)",
             "表头缺少必需的列 发放金额；其中的行不导入（请用 --map 指明该列）"),
            (.fromPeriodOption(words: "2024Q1"), "--period 2024Q1", "--period 选项 2024Q1"),
            (.lastDayOfPeriod(source: .importing(.inFileName), words: "2024年第一季度"),
             "the file name (2024年第一季度, the period's last day)", "文件名（2024年第一季度，取期末一天）"),
            (.mapNotUTF8, "the map file cannot be read as UTF-8 text", "映射文件不是 UTF-8 文本，无法读取"),
            (.mapNotObject, "not a JSON object of \"header\": \"field\" pairs", "不是由 \"表头\": \"字段\" 组成的 JSON 对象"),
            (.mapValueNotField(key: "受助对象"), "the value for 受助对象 must be a field name (text) or an object of spellings",
             "受助对象 的值应为字段名（文本）或写法对照表（对象）"),
            (.mapSpellingNotText(key: "org", typed: "石马和"), "org.石马和 must be text", "org.石马和 应为文本"),
            (.mapUnknownField(header: "受助对象", field: "person", dataset: "aid", fields: ["name", "amount"]),
             "受助对象 maps to person, which is not a field of aid; fields are: name, amount",
             "受助对象 映射到 person，但它不是 aid 的字段；可用的字段有：name、amount"),
            (.mapBadColumnLine(line: 3), "line 3: expected \"header\" = \"field\"", "第 3 行：应写作 \"表头\" = \"字段\""),
            (.notADate(written: "是"), "是 is not a date", "是 不是有效日期"),
            (.belowOneFen(written: "12.345"), "12.345 has digits below one fen", "12.345 有不足一分的尾数"),
            (.amountTooLarge(written: "1e20"), "1e20 is too large", "1e20 数额过大"),
            (.notAnIDNumber(written: "是"), "是 is not an ID number", "是 不是身份证号"),
            (.idFifteenNotDigits(masked: "*********12345"), "the ID number *********12345 a 15-digit number must be all digits",
             "身份证号 *********12345 有误：15 位号码应全为数字"),
            (.idNotDigits(masked: "*************1234"), "the ID number *************1234 must be 17 digits and a check digit 0-9 or X",
             "身份证号 *************1234 有误：应为 17 位数字加一位校验码（0-9 或 X）"),
            (.leftEmpty(.importing(.notAGender(written: "不详"))), "不详 is neither 女 nor 男; ignored; left empty",
             "不详 既不是“女”也不是“男”，已忽略，已留空"),
            (.atRow(3, .sheets(.unterminatedQuote(line: 3))),
             "row 3: a quoted field that starts on line 3 is never closed (a missing \" character)",
             "第 3 行：从第 3 行开始的带引号字段没有结束（缺少一个 \" 号）"),
            (.skippedSheet(name: "汇总", .importing(.summarySheet)),
             "汇总: a summary sheet beside the data sheets (its name says so); not imported (name it with --sheet to import it)",
             "汇总：数据表旁的汇总表（从表名看出）；不导入（如要导入，请用 --sheet 指明）"),
            (.samePersonGroup, "same person", "同一人"),
        ]
        for (m, en, zh) in cases {
            #expect(m.text(.en) == en)
            #expect(m.text(.zh) == zh)
        }
    }

    /// A file error names the file and sheet; a reader error on a row keeps its row.
    @Test func importErrorsComposeTheReadersMessage() {
        let e = ImportError(SheetError(.corrupt, file: "备注.csv", row: 3, .unterminatedQuote(line: 3)))
        #expect(e.text(.en) == "备注.csv: row 3: a quoted field that starts on line 3 is never closed (a missing \" character)")
        #expect(e.text(.zh) == "备注.csv：第 3 行：从第 3 行开始的带引号字段没有结束（缺少一个 \" 号）")
        let s = ImportError(file: "发放表.xlsx", sheet: "草稿", .onlySheetHidden(dataset: "aid", sheet: "草稿"))
        #expect(s.text(.en) == "发放表.xlsx (sheet 草稿): the only sheet with a header for aid is hidden; name it with --sheet 草稿 to import it")
        #expect(s.text(.zh) == "发放表.xlsx 工作表“草稿”：唯一有 aid 表头的工作表是隐藏的；如要导入，请用 --sheet 草稿 指明")
    }
}
