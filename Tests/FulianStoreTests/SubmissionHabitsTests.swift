import Foundation
import FulianCore
import FulianImport
import FulianStore
import GRDB
import Testing
import TestSupport

/// The structural habits of real submissions (issue "Real submissions"), on the files of
/// `fixtures/import/sheets/` (written by `make_sheets.py`: openpyxl, and LibreOffice's .xlsx/.xls copies).
@Suite struct SubmissionHabitsTests {
    static func path(_ name: String) -> String { FixturePaths.fixture("import/sheets/" + name).path }
    static let register = path("兰江区社区名册.xlsx")
    static let workbook = path("一季度救助发放表.xlsx")

    static func tempDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-habits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func storeWithRegister() throws -> (Store, FileImportResult) {
        let store = try Store(inMemory: ())
        let r = try store.importFile(FileImportRequest(path: Self.register, options: ImportOptions(dataset: .orgs)))
        return (store, r)
    }

    func rows(_ store: Store, _ sql: String) throws -> [String] {
        try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: sql).map { r in r.databaseValues.map { $0.isNull ? "-" : "\($0.storage.value!)" }.joined(separator: " ") }
        }
    }

    @Test func aRegisterOfCommunitiesCreatesItsStreetsUnderTheDistrictOfItsTitle() throws {
        let (store, r) = try storeWithRegister()
        #expect((r.rows, r.loaded, r.rejected, r.duplicates) == (6, 5, 1, 0))
        #expect(r.createdUnits == [
            CreatedUnit(name: "兰江区", kind: .district, parent: nil, source: "the title"),
            CreatedUnit(name: "东湖街道", kind: .street, parent: "兰江区", source: "the title"),
            CreatedUnit(name: "西岭镇", kind: .town, parent: "兰江区", source: "the title"),
        ])
        // The parent column is merged down: every community has its street.
        #expect(try rows(store, "SELECT o.name, o.kind, p.name FROM org o LEFT JOIN org p ON p.id = o.parentId ORDER BY o.id") == [
            "东湖社区 community 东湖街道", "白沙社区 community 东湖街道", "桥头社区 community 东湖街道",
            "白沙村 village 西岭镇", "上塘村 village 西岭镇",
            "兰江区 district -", "东湖街道 street 兰江区", "西岭镇 town 兰江区",
        ])
        // A typo of a street is never created as a street of its own.
        #expect(r.issues.map { $0.text(.en) } == [
            "兰江区社区名册.xlsx:社区名册!R8: error [unknown-org] parent unit 东胡街道 is neither in the register nor in this file; did you mean 东湖街道?",
        ])
        #expect(r.issues.map { $0.text(.zh) } == [
            "兰江区社区名册.xlsx 工作表“社区名册” 第 8 行：错误 [unknown-org] 上级单位 东胡街道 既不在组织名册中，也不在本文件中，是否为 东湖街道？",
        ])
        #expect(r.issues.first?.suggestion == "东湖街道")
        let t = try #require(r.sheets.first?.tally)
        let counts: [Int] = [t.sheetRows, t.titleRows, t.headerRows, t.dataRows, t.blankRows, t.footerRows.count, t.noteRows.count]
        #expect(counts == [10, 1, 1, 6, 1, 0, 1])
    }

    /// A register that states each fact in two columns (是否建立妇联组织 and 妇联建立时间), with 已建/√/建立/×
    /// flags, its streets as rows of their own (named in their own parent column), and a 小区.
    /// A street's register of its communities: no parent column (the title names the street) and a two-row
    /// header, 妇联组织 and 妇女之家 merged over 是否建立 | 建立时间. Before, the sub-header row was read as a
    /// rejected data row, and the communities were stored at the top, outside the district.
    @Test func aStreetsRegisterWithGroupedHeadersAndNoParentColumn() throws {
        let (store, _) = try storeWithRegister()
        let r = try store.importFile(FileImportRequest(path: Self.path("东湖街道社区妇联组织建设情况统计表.xlsx"), options: ImportOptions(dataset: .orgs)))
        #expect(r.headerRows == "3-4")
        #expect((r.rows, r.loaded, r.rejected) == (3, 3, 0))
        #expect(r.sheets.map(\.updatedUnits) == [2])
        #expect(r.issues.map { $0.text(.en) } == [
            "东湖街道社区妇联组织建设情况统计表.xlsx:Sheet1!R7C5: warning [partial-date] 妇联组织建立时间: 2018年 is a year only; taken as 2018-01-01",
        ])
        #expect(try rows(store, """
            SELECT p.path, o.federationOn, o.womensHomeOn FROM org o JOIN orgPath p ON p.id = o.id WHERE p.path LIKE '%东湖街道/%' ORDER BY 1
            """) == ["兰江区/东湖街道/东湖社区 2015-03-01 2019-05-01", "兰江区/东湖街道/新村社区 2018-01-01 0001-01-01",
                     "兰江区/东湖街道/桥头社区 - -", "兰江区/东湖街道/白沙社区 - -"])
        #expect(try rows(store, "SELECT COUNT(*) FROM org WHERE parentId IS NULL") == ["1"])
    }

    /// A new unit that no column, heading or title places is stored at the top with a `no-parent` warning;
    /// a stored one keeps its place.
    @Test func aUnitWithoutAnyParentIsWarnedAbout() throws {
        let (store, _) = try storeWithRegister()
        let dir = try Self.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("女性人口.csv")
        try "单位名称,女性人口\n东湖社区,3000\n孤岛社区,100\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try store.importFile(FileImportRequest(path: file.path, options: ImportOptions(dataset: .orgs)))
        #expect(r.issues.map { $0.text(.en) } == [
            "女性人口.csv:R3: warning [no-parent] 孤岛社区 has no parent unit: stored at the top, outside every district's and street's figures; "
                + "add a 上级单位 column, or name the street in the title, and import again with --replace",
        ])
        #expect(r.issues.map { $0.text(.zh) } == [
            "女性人口.csv 第 3 行：警告 [no-parent] 孤岛社区 没有上级单位，已作为最上级单位入库，不计入任何区县、街道的数字；请增加“上级单位”一列，或在标题中写明所属街道后用 --replace 重新导入",
        ])
        #expect(try rows(store, "SELECT p.path, o.women FROM org o JOIN orgPath p ON p.id = o.id WHERE o.name IN ('东湖社区', '孤岛社区') ORDER BY 1")
                == ["兰江区/东湖街道/东湖社区 3000", "孤岛社区 100"])
    }

    @Test func aRegisterWithFlagAndDateColumnsAndItsStreetsAsRows() throws {
        let store = try Store(inMemory: ())
        let r = try store.importFile(FileImportRequest(path: FixturePaths.fixture("import/habits/register-two-columns.xlsx").path,
                                                       options: ImportOptions(dataset: .orgs)))
        #expect((r.rows, r.loaded, r.rejected) == (8, 8, 0))
        #expect(r.createdUnits == [CreatedUnit(name: "梅岭区", kind: .district, parent: nil, source: "the title")])
        // Every warning once (a rejected row's warnings were listed twice), none for the second columns.
        #expect(r.issues.map { $0.text(.en) } == [
            "register-two-columns.xlsx:基本情况!R3C9: warning [unknown-column] column 备注 is not a field of orgs; it is not stored",
            "register-two-columns.xlsx:基本情况!R4C6: warning [partial-date] 妇联建立时间: 2016年5月 is a month only; taken as 2016-05-01",
            "register-two-columns.xlsx:基本情况!R5C6: warning [partial-date] 妇联建立时间: 2016.06 is a month only; taken as 2016-06-01",
            "register-two-columns.xlsx:基本情况!R9C6: warning [partial-date] 妇联建立时间: 2015年 is a year only; taken as 2015-01-01",
        ])
        // A date in either column says yes and when; a flag alone says yes before any period (0001-01-01).
        #expect(try rows(store, """
            SELECT o.name, o.kind, p.name, o.federationOn, o.womensHomeOn FROM org o LEFT JOIN org p ON p.id = o.parentId ORDER BY o.id
            """) == [
            "南门社区 community 城南街道 2016-05-01 2019-03-01", "西关社区 community 城南街道 2016-06-01 0001-01-01",
            "东坡村 village 城南街道 0001-01-01 -", "城南街道 street 梅岭区 2015-03-08 0001-01-01", "白鹤村 village 白鹤镇 - -",
            "白鹤镇 town 梅岭区 2015-01-01 0001-01-01", "翠竹村 village 白鹤镇 - -", "和美家园小区 other 白鹤镇 - -", "梅岭区 district - - -",
        ])
    }

    /// Units grouped under heading rows (一、东湖街道 merged across the row; （二）西岭镇： and a bare 东湖街道 alone
    /// in the first column): the heading is no data row, is counted as a section row, and gives the rows
    /// under it their street — the register's parent (created under the district of the title), an aid
    /// row's street.
    @Test func rowsGroupedUnderHeadingRows() throws {
        let store = try Store(inMemory: ())
        let register = try store.importFile(FileImportRequest(path: Self.path("兰江区分组名册.xlsx"), options: ImportOptions(dataset: .orgs)))
        #expect((register.rows, register.loaded, register.rejected) == (4, 4, 0))
        let t = try #require(register.sheets.first?.tally)
        #expect(t.sectionRows == [3, 7])
        #expect([Int]([t.sheetRows, t.titleRows, t.headerRows, t.dataRows, t.blankRows, t.footerRows.count, t.noteRows.count]) == [8, 1, 1, 4, 0, 0, 0])
        #expect(register.issues.isEmpty)
        #expect(try rows(store, "SELECT o.name, p.name FROM org o LEFT JOIN org p ON p.id = o.parentId ORDER BY o.id") == [
            "东湖社区 东湖街道", "白沙社区 东湖街道", "桥头社区 东湖街道", "白沙村 西岭镇", "兰江区 -", "东湖街道 兰江区", "西岭镇 兰江区",
        ])
        let aid = try store.importFile(FileImportRequest(path: Self.path("兰江区分组发放表.xlsx"), options: ImportOptions(dataset: .aid)))
        #expect((aid.rows, aid.loaded, aid.rejected, aid.warnings) == (3, 3, 0, 0))
        #expect(aid.sheets.first?.tally.sectionRows ?? [] == [3, 7])
        #expect(aid.sheets.first?.tally.footerRows ?? [] == [6, 9, 10])
        #expect(try rows(store, "SELECT o.name, d.amountFen FROM disbursement d JOIN org o ON o.id = d.orgId ORDER BY d.id") == [
            "东湖社区 80000", "白沙社区 80000", "白沙村 90000",
        ])
        #expect(try rows(store, "SELECT name, sectionRows FROM importSheet ORDER BY batchId") == ["名册 2", "发放 2"])
    }

    /// Two streets' lists pasted one under another in one sheet, each under its own title and header (the
    /// second header typed with padding spaces), the printed form's numbered empty rows below, and ID
    /// numbers copied with invisible direction marks: every record is stored, under the street its block's
    /// title names (白沙 is 东湖街道's 白沙社区 above and 西岭镇's 白沙村 below).
    @Test func blocksPastedOneUnderAnotherTakeTheStreetOfTheirTitle() throws {
        let (store, _) = try storeWithRegister()
        let r = try store.importFile(FileImportRequest(path: Self.path("兰江区春蕾计划发放名单（各街道合并）.xlsx"),
                                                       options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected, r.warnings) == (5, 5, 0, 0))
        #expect(r.issues.isEmpty)
        let t = try #require(r.sheets.first?.tally)
        #expect(t.repeatedHeaderRows == [6] && t.innerTitleRows == [5])
        #expect([Int]([t.sheetRows, t.titleRows, t.headerRows, t.dataRows, t.blankRows, t.footerRows.count]) == [20, 2, 2, 5, 10, 1])
        #expect(try rows(store, """
            SELECT o.name, p.name, d.amountFen, d.paidOn, d.sourceRow, ps.idNumber FROM disbursement d
            JOIN org o ON o.id = d.orgId JOIN org p ON p.id = o.parentId JOIN person ps ON ps.id = d.personId ORDER BY d.id
            """) == [
            "东湖社区 东湖街道 60000 2024-03-01 3 43995119800302001X",
            "白沙社区 东湖街道 60000 2024-03-02 4 439951197506110020",
            "白沙村 西岭镇 60000 2024-03-03 7 439951196801050054",
            "上塘村 西岭镇 60000 2024-03-04 8 439951198807230063",
            "白沙村 西岭镇 60000 2024-03-05 9 439951199508170077",
        ])
    }

    /// A header seen again needs two of its columns, and a row of data that happens to hold a header word
    /// (a person named 姓名 does not occur; a note column reading 身份证号 does) stays data.
    @Test func aRowWithOneHeaderWordIsStillData() throws {
        let (store, _) = try storeWithRegister()
        let csv = """
            姓名,身份证号,所属社区,项目名称,发放日期,金额,备注
            王秀英,439951800302001,东湖社区,春蕾计划,2024-03-01,1000,身份证号
            姓名,身份证号,所属社区,项目名称,发放日期,金额,备注
            李桂兰,439951750611002,白沙社区,春蕾计划,2024-03-02,1000,
            """
        let path = try TempFile.write(Array(csv.utf8), name: "东湖街道春蕾计划.csv")
        let r = try store.importFile(FileImportRequest(path: path, options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected) == (2, 2, 0))
        #expect(r.sheets.first?.tally.repeatedHeaderRows == [3])
        #expect(r.sheets.first?.tally.headerRows == 2)
    }

    /// 所属社区 written with the places above it, run together or with a separator, resolves to the unit under
    /// them; a unit written under a place it does not lie in is still unknown, with the usual message.
    @Test func aUnitWrittenAfterItsStreetIsThatStreetsUnit() throws {
        let (store, _) = try storeWithRegister()
        let csv = """
            姓名,身份证号,所属社区,项目名称,发放日期,金额
            王秀英,439951198003120002,东湖街道白沙社区,春蕾计划,2024-03-01,1000
            李桂兰,439951198003120010,兰江区东湖街道桥头社区居委会,春蕾计划,2024-03-01,1000
            张玉梅,439951198003120029,西岭镇白沙村民委员会,春蕾计划,2024-03-01,1000
            刘凤英,439951198003120037,西岭镇-上塘村,春蕾计划,2024-03-01,1000
            陈淑珍,439951198003120045,东湖街道上塘村,春蕾计划,2024-03-01,1000
            """
        let path = try TempFile.write(Array(csv.utf8), name: "兰江区春蕾计划.csv")
        let r = try store.importFile(FileImportRequest(path: path, options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected) == (5, 4, 1))
        #expect(try rows(store, """
            SELECT o.name, p.name FROM disbursement d JOIN org o ON o.id = d.orgId JOIN org p ON p.id = o.parentId ORDER BY d.id
            """) == ["白沙社区 东湖街道", "桥头社区 东湖街道", "白沙村 西岭镇", "上塘村 西岭镇"])
        let e = try #require(r.issues.first { $0.severity == .error })
        #expect(e.text(.zh) == "兰江区春蕾计划.csv 第 6 行第 3 列：错误 [unknown-org] 所属社区：东湖街道上塘村不在组织名册中。请更正名称，或先把该单位加入组织名册并导入。")
    }

    @Test func theDistrictComesFromTheOptionBeforeTheTitle() throws {
        let store = try Store(inMemory: ())
        var request = FileImportRequest(path: Self.register, options: ImportOptions(dataset: .orgs))
        request.district = "兰溪区"
        let r = try store.importFile(request)
        #expect(r.createdUnits.map { "\($0.name) \($0.parent ?? "-") \($0.source ?? "-")" } == [
            "兰溪区 - --district", "东湖街道 兰溪区 --district", "西岭镇 兰溪区 --district",
        ])
    }

    @Test(arguments: ["一季度救助发放表.xlsx", "一季度救助发放表-libreoffice.xlsx", "一季度救助发放表-libreoffice.xls"])
    func everyStreetSheetIsImportedAndTheOthersAreNamed(file: String) throws {
        let (store, _) = try storeWithRegister()
        let r = try store.importFile(FileImportRequest(path: Self.path(file), options: ImportOptions(dataset: .aid)))
        #expect(r.sheets.map { "\($0.name) \($0.tally.dataRows) \($0.loaded) \($0.rejected) \($0.duplicates)" } == ["东湖街道 4 4 0 0", "西岭镇 3 3 0 0"])
        for s in r.sheets {
            let t = s.tally
            #expect(t.titleRows + t.headerRows + t.dataRows + t.blankRows + t.footerRows.count + t.noteRows.count == t.sheetRows)
            #expect((t.titleRows, t.headerRows, t.blankRows, t.footerRows.count, t.noteRows.count) == (1, 1, 1, 1, 1))
        }
        #expect(r.skippedSheets.map { "\($0.name) \($0.reason.rawValue) \($0.isData)" } == [
            "汇总 summary false", "草稿 hidden true", "填表说明 no-header false",
        ])
        #expect(r.warnings == 0)
        // The 合计 rows agree with their sheet's rows (no footer-mismatch), and the figures are the sheets' sum.
        #expect(try rows(store, "SELECT COUNT(*), SUM(amountFen) FROM disbursement") == ["7 940000"])
        #expect(try rows(store, "SELECT sourceSheet, COUNT(*) FROM disbursement GROUP BY sourceSheet ORDER BY 1") == ["东湖街道 4", "西岭镇 3"])
        #expect(try rows(store, "SELECT position, name, sheetRows, dataRows, loaded FROM importSheet WHERE batchId = \(r.batchId!) ORDER BY position") == [
            "0 东湖街道 9 4 4", "1 西岭镇 8 3 3",
        ])
    }

    @Test func sheetNamesNarrowTheImportAndTakeAHiddenSheet() throws {
        let (store, _) = try storeWithRegister()
        let r = try store.importFile(FileImportRequest(path: Self.workbook, options: ImportOptions(dataset: .aid, sheets: ["西岭镇", "草稿"])))
        #expect(r.sheets.map(\.name) == ["西岭镇", "草稿"])
        #expect((r.loaded, r.rejected) == (4, 0))
        #expect(r.skippedSheets.map { "\($0.name) \($0.reason.rawValue)" } == ["东湖街道 not-selected", "汇总 not-selected", "填表说明 not-selected"])
    }

    @Test func strictFailsAFileThatSkipsADataSheet() throws {
        let (store, _) = try storeWithRegister()
        var request = FileImportRequest(path: Self.workbook, options: ImportOptions(dataset: .aid))
        request.strict = true
        let r = try store.importFile(request)
        #expect(r.status == .strictFailed)
        #expect(r.strictSkippedSheet)
        #expect(try rows(store, "SELECT COUNT(*) FROM disbursement") == ["0"])
        #expect(try rows(store, "SELECT COUNT(*) FROM importBatch WHERE dataset = 'aid'") == ["0"])
    }

    @Test func aListWithoutADateColumnTakesThePeriodItsTitleStates() throws {
        let (store, _) = try storeWithRegister()
        let file = Self.path("2024年第一季度春蕾计划发放名单.csv")
        let r = try store.importFile(FileImportRequest(path: file, options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected) == (4, 4, 0))
        #expect(r.sheets[0].date?.date.iso == "2024-03-31" && r.sheets[0].date?.source.text(.en) == "the title (2024年第一季度, the period's last day)" && r.sheets[0].date?.source.text(.zh) == "表格标题（2024年第一季度，取期末一天）")
        #expect(try rows(store, "SELECT DISTINCT paidOn FROM disbursement") == ["2024-03-31"])
        #expect(r.encoding == .gb18030)
    }

    /// A sheet per month named without its year (1月 …) under a file name that states the quarter: each
    /// sheet's rows take the last day of its own month, not of the quarter.
    @Test func aSheetPerMonthTakesItsOwnMonthWithinTheYearTheFileNameStates() throws {
        let (store, _) = try storeWithRegister()
        let r = try store.importFile(FileImportRequest(path: Self.path("西岭镇2024年一季度春蕾计划发放表（分月）.xlsx"), options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded) == (3, 3))
        #expect(r.sheets.map { $0.date?.date.iso } == ["2024-01-31", "2024-02-29", "2024-03-31"])
        #expect(r.sheets.map { $0.date?.source.text(.zh) } == ["工作表名（1月，取期末一天）", "工作表名（2月，取期末一天）", "工作表名（3月，取期末一天）"])
        #expect(r.sheets.map { $0.date?.source.text(.en) } == ["the sheet name (1月, the period's last day)", "the sheet name (2月, the period's last day)", "the sheet name (3月, the period's last day)"])
        #expect(try rows(store, "SELECT d.paidOn, d.amountFen FROM disbursement d ORDER BY d.id") == ["2024-01-31 50000", "2024-02-29 100000", "2024-03-31 150000"])
    }

    @Test func theDateOptionWinsAndWithoutAnySourceRowsAreRejectedWithTheHint() throws {
        let (store, _) = try storeWithRegister()
        let file = Self.path("2024年第一季度春蕾计划发放名单.csv")
        var request = FileImportRequest(path: file, options: ImportOptions(dataset: .aid, date: CivilDate(iso: "2024-02-29")))
        request.dryRun = true
        let r = try store.importFile(request)
        #expect(r.sheets[0].date?.date.iso == "2024-02-29" && r.sheets[0].date?.source.text(.en) == "--date" && r.sheets[0].date?.source.text(.zh) == "--date 选项")
        // Copied under a name that states no period, with the title row gone: nothing says the date.
        let bare = try Self.tempDirectory().appendingPathComponent("春蕾名单.csv")
        let text = try String(contentsOfFile: file, encoding: .init(rawValue: 0x8000_0632))
        try text.components(separatedBy: "\r\n").dropFirst().joined(separator: "\r\n").write(to: bare, atomically: true, encoding: .utf8)
        let none = try store.importFile(FileImportRequest(path: bare.path, options: ImportOptions(dataset: .aid)))
        #expect((none.loaded, none.rejected) == (0, 4))
        #expect(none.issues.first?.text(.en)
                == "春蕾名单.csv:R2: error [missing-field] the sheet has no 发放日期 column: give the date with --date 2024-03-31 or --period 2024Q1")
    }

    @Test func anAidListOfOneProgrammeNamesItInItsTitleSheetNamesOrFileName() throws {
        let (store, _) = try storeWithRegister()
        func load(_ name: String, program: String? = nil) throws -> FileImportResult {
            var options = ImportOptions(dataset: .aid)
            options.program = program
            return try store.importFile(FileImportRequest(path: Self.path(name), options: options))
        }
        // “两癌”救助 in the title (and 姓 名 spaced out in the header).
        let title = try load("东湖街道两癌救助花名册.xlsx")
        #expect((title.rows, title.loaded, title.rejected) == (3, 3, 0))
        #expect(title.sheets.map(\.program) == [SheetProgram(name: "“两癌”救助", source: .importing(.inTitle))])
        // One sheet per programme, named after it.
        let sheets = try load("西岭镇一季度救助发放表.xlsx")
        #expect((sheets.rows, sheets.loaded) == (4, 4))
        #expect(sheets.sheets.map { $0.program?.name } == ["春蕾计划", "贫困母亲救助"])
        #expect(sheets.sheets.map { $0.program?.source.text(.zh) } == ["工作表名", "工作表名"])
        #expect(sheets.sheets.map { $0.program?.source.text(.en) } == ["the sheet name", "the sheet name"])
        // Nothing but the file name names it.
        let file = try load("春蕾计划_2024Q1.csv")
        #expect(file.loaded == 2 && file.sheets[0].program == SheetProgram(name: "春蕾计划", source: .importing(.inFileName)))
        #expect(try rows(store, """
            SELECT p.name, COUNT(*), SUM(d.amountFen) FROM disbursement d JOIN program p ON p.id = d.programId
            GROUP BY p.name ORDER BY MIN(d.id)
            """) == ["“两癌”救助 3 600000", "春蕾计划 4 286000", "贫困母亲救助 2 301000"])
    }

    @Test func theProgramOptionWinsAndAListThatNamesNoProgrammeStillNeedsTheColumn() throws {
        let (store, _) = try storeWithRegister()
        var options = ImportOptions(dataset: .aid)
        options.program = "母亲邮包"
        var request = FileImportRequest(path: Self.path("春蕾计划_2024Q1.csv"), options: options)
        request.dryRun = true
        let given = try store.importFile(request)
        #expect(given.sheets[0].program == SheetProgram(name: "母亲邮包", source: .importing(.programOption)))
        #expect(given.sheets[0].program?.source.text(.zh) == "--program 选项")
        // A programme column, when there is one, is read as it is: the title's programme is not used.
        let stated = try store.importFile(FileImportRequest(path: Self.path("2024年第一季度春蕾计划发放名单.csv"), options: ImportOptions(dataset: .aid)))
        #expect(stated.sheets[0].program == nil)
        // Copied under a name that names no programme: the column is missing, as before.
        let bare = try Self.tempDirectory().appendingPathComponent("一季度名单.csv")
        try FileManager.default.copyItem(atPath: Self.path("春蕾计划_2024Q1.csv"), toPath: bare.path)
        #expect {
            try store.importFile(FileImportRequest(path: bare.path, options: ImportOptions(dataset: .aid)))
        } throws: { error in
            (error as? ImportError)?.message.text(.en) == "required column missing: 救助项目 (one of: 救助项目, 项目名称, 帮扶项目, 项目, or program). "
                + "Use --map FILE to name the column that holds it. For a file of one programme, --program NAME gives it."
                && (error as? ImportError)?.message.text(.zh) == "缺少必需的列：救助项目（可写作 救助项目、项目名称、帮扶项目、项目，或 program）。"
                + "请用 --map 文件指明哪一列是它。整个文件只有一个救助项目时，也可以用 --program 指定。"
        }
    }

    /// No unit column: a sheet per community names it (in full, or by its core, decided under the street the
    /// file name names), else the sheet's title does, else the file name; summary and instruction sheets skipped.
    @Test func aListWithoutAUnitColumnTakesTheUnitItsSheetTitleOrFileNameNames() throws {
        let (store, _) = try storeWithRegister()
        let r = try store.importFile(FileImportRequest(path: Self.path("东湖街道两癌救助发放表（分社区）.xlsx"), options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected, r.duplicates, r.warnings) == (4, 4, 0, 0, 0))
        #expect(r.sheets.map(\.name) == ["东湖社区", "白沙", "Sheet3"])
        #expect(r.sheets.map { $0.unit?.path } == ["兰江区/东湖街道/东湖社区", "兰江区/东湖街道/白沙社区", "兰江区/东湖街道/桥头社区"])
        #expect(r.sheets.map { $0.unit?.source.text(.zh) } == ["工作表名", "工作表名", "表格标题"])
        #expect(r.sheets.map { $0.unit?.source.text(.en) } == ["the sheet name", "the sheet name", "the title"])
        #expect(r.skippedSheets.map(\.name) == ["填表说明", "汇总"])
        let csv = try store.importFile(FileImportRequest(path: Self.path("白沙村2024年春蕾计划资助名单.csv"), options: ImportOptions(dataset: .aid)))
        #expect((csv.rows, csv.loaded) == (2, 2))
        #expect(csv.sheets[0].unit?.path == "兰江区/西岭镇/白沙村" && csv.sheets[0].unit?.source == .importing(.inFileName))
        #expect(try rows(store, """
            SELECT o.name, p.name, COUNT(*), SUM(d.amountFen) FROM disbursement d JOIN org o ON o.id = d.orgId
            JOIN program p ON p.id = d.programId GROUP BY d.orgId, d.programId ORDER BY MIN(d.id)
            """) == ["东湖社区 “两癌”救助 2 650000", "白沙社区 “两癌”救助 1 300000", "桥头社区 “两癌”救助 1 300000", "白沙村 春蕾计划 2 220000"])
    }

    /// A column that looks like a unit column but binds no field (所在网格) is the one to map: the file name's
    /// unit is not taken for its rows, and the column stays missing; so it does for a name no unit bears.
    @Test func aUnitLikeColumnOrANameOfNoUnitStillNeedsTheUnitColumn() throws {
        let (store, _) = try storeWithRegister()
        let dir = try Self.tempDirectory()
        let lines = try String(contentsOfFile: Self.path("白沙村2024年春蕾计划资助名单.csv"), encoding: .utf8).split(separator: "\r\n")
        let grid = dir.appendingPathComponent("白沙村2024年春蕾计划资助名单.csv")
        try (["姓名,身份证号,所在网格,发放日期,金额(元)"] + lines.dropFirst().map { l -> String in
            var f = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f.insert("一网格", at: 2)
            return f.joined(separator: ",")
        }).joined(separator: "\r\n").write(to: grid, atomically: true, encoding: .utf8)
        let unknown = dir.appendingPathComponent("白石村2024年春蕾计划资助名单.csv")
        try FileManager.default.copyItem(atPath: Self.path("白沙村2024年春蕾计划资助名单.csv"), toPath: unknown.path)
        for url in [grid, unknown] {
            #expect {
                try store.importFile(FileImportRequest(path: url.path, options: ImportOptions(dataset: .aid)))
            } throws: { error in
                (error as? ImportError)?.message.text(.en).hasPrefix("required column missing: 所属社区 (one of: 所属社区, 所在社区") == true
            }
        }
        #expect(try rows(store, "SELECT COUNT(*) FROM disbursement") == ["0"])
    }

    /// A printed form: required columns marked *, labels on two lines, 以下空白 after the rows, 总计 and the
    /// signatures below: every row accounted for, the marker and signatures as notes, nothing rejected.
    @Test func aPrintedFormWithMarkedTwoLineHeadersAndItsEndMarker() throws {
        let (store, _) = try storeWithRegister()
        let csv = """
            东湖街道2024年第一季度春蕾计划发放表,,,,,
            序号,*姓名,"身份证
            号码","*所属
            社区","发放日期
            （年月日）","发放金额（元）
            （保留两位小数）"
            1,王秀英,439951800302001,东湖社区,2024-03-01,1000.00
            2,李桂兰,439951750611002,白沙社区,2024-03-02,1000.00
            以下空白,,,,,
            总计,,,,,2000.00
            填表人：李华,,,审核人：张明,,
            """
        let path = try TempFile.write(Array(csv.utf8), name: "东湖街道春蕾计划发放表.csv")
        let r = try store.importFile(FileImportRequest(path: path, options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded, r.rejected, r.warnings) == (2, 2, 0, 0))
        #expect(r.inferredColumns.isEmpty)
        let t = try #require(r.sheets.first?.tally)
        let counts: [Int] = [t.sheetRows, t.titleRows, t.headerRows, t.dataRows, t.footerRows.count, t.noteRows.count]
        #expect(counts == [7, 1, 1, 2, 1, 2])
        #expect(try rows(store, "SELECT o.name, d.amountFen FROM disbursement d JOIN org o ON o.id = d.orgId ORDER BY d.id") == [
            "东湖社区 100000", "白沙社区 100000",
        ])
    }

    /// An activities ledger without a type column: a ledger of one kind (its file name says 招聘会) gives every
    /// row that type; else each row's name says its type, 其他 (warned) when it names none, and a row with
    /// neither is rejected for its missing name. With no name column either, the type column is missing.
    @Test func aLedgerWithoutATypeColumnTakesTheTypeItsNameOrEachRowsNameSays() throws {
        let (store, _) = try storeWithRegister()
        let dir = try Self.tempDirectory()
        let fairs = dir.appendingPathComponent("东湖社区2024年招聘会台账.csv")
        try "活动名称,举办日期,参会企业数,提供岗位数,求职人次,达成就业意向人数\r\n春风行动专场招聘会,2024-03-01,30,200,500,80\r\n女性就业专场,2024-03-15,12,90,210,35\r\n"
            .write(to: fairs, atomically: true, encoding: .utf8)
        let f = try store.importFile(FileImportRequest(path: fairs.path, options: ImportOptions(dataset: .activities)))
        #expect((f.rows, f.loaded, f.warnings) == (2, 2, 0))
        #expect(f.sheets[0].kind == SheetKind(kind: .jobFair, source: .importing(.inFileName)))
        #expect(f.sheets[0].unit?.path == "兰江区/东湖街道/东湖社区")
        let named = dir.appendingPathComponent("一季度活动.csv")
        try "活动名称,举办单位,举办日期,参加人数\r\n家庭教育讲座,白沙社区,2024-03-05,50\r\n三八节座谈会,桥头社区,2024-03-08,30\r\n,桥头社区,2024-03-09,30\r\n"
            .write(to: named, atomically: true, encoding: .utf8)
        let n = try store.importFile(FileImportRequest(path: named.path, options: ImportOptions(dataset: .activities)))
        #expect((n.rows, n.loaded, n.rejected, n.warnings) == (3, 2, 1, 1))
        #expect(n.sheets[0].kind == SheetKind(kind: nil, source: nil))
        #expect(n.issues.map { $0.text(.en) } == [
            "一季度活动.csv:R3C1: warning [bad-kind] 活动名称: no activity type column, and the name 三八节座谈会 names no type; counted as 其他",
            "一季度活动.csv:R4C1: error [missing-field] 活动名称: 活动名称 is empty",
        ])
        #expect(n.issues.map { $0.text(.zh) } == [
            "一季度活动.csv 第 3 行第 1 列：警告 [bad-kind] 活动名称：没有活动类型列，活动名称 三八节座谈会 也看不出类型，按“其他”计",
            "一季度活动.csv 第 4 行第 1 列：错误 [missing-field] 活动名称：活动名称未填写",
        ])
        #expect(try rows(store, "SELECT a.title, a.kind, o.name, a.placements FROM activity a JOIN org o ON o.id = a.orgId ORDER BY a.id") == [
            "春风行动专场招聘会 job_fair 东湖社区 80", "女性就业专场 job_fair 东湖社区 35", "家庭教育讲座 lecture 白沙社区 -", "三八节座谈会 other 桥头社区 -",
        ])
        let bare = dir.appendingPathComponent("活动.csv")
        try "举办单位,举办日期,参加人数\r\n白沙社区,2024-03-05,50\r\n".write(to: bare, atomically: true, encoding: .utf8)
        #expect {
            try store.importFile(FileImportRequest(path: bare.path, options: ImportOptions(dataset: .activities)))
        } throws: { error in
            (error as? ImportError)?.message.text(.en).hasPrefix("required column missing: 活动类型") == true
        }
    }

    /// A CSV whose title, 合计 and signature rows have fewer fields than its header: only a data row's field
    /// count is warned about (the others are counted as title, footer and note rows).
    @Test func shortTitleAndFooterRowsOfACSVAreNoRaggedRows() throws {
        let (store, _) = try storeWithRegister()
        let csv = """
            东湖街道2024年第一季度春蕾计划发放表
            姓名,身份证号,所属社区,项目名称,发放日期,金额
            王秀英,439951800302001,东湖社区,春蕾计划,2024-03-01,1000
            李桂兰,439951750611002,白沙社区,春蕾计划,2024-03-02,1000,补发
            合计,2000
            填表人：李华
            """
        let path = try TempFile.write(Array(csv.utf8), name: "东湖街道春蕾计划.csv")
        let r = try store.importFile(FileImportRequest(path: path, options: ImportOptions(dataset: .aid)))
        #expect((r.rows, r.loaded) == (2, 2))
        #expect(r.issues.filter { $0.category == "ragged-row" }.map { $0.text(.en) } == [
            "东湖街道春蕾计划.csv:R4: warning [ragged-row] line 4 has 7 fields where the file's rows have 6",
        ])
    }

    /// A title names one national programme, the longer of two it contains, or none when it names two.
    @Test func theProgrammeATitleNames() {
        #expect(ProgramNames.named(in: "青溪区2024年第二季度贫困母亲救助资金发放花名册") == "贫困母亲救助")
        #expect(ProgramNames.named(in: "2024年“两癌”救助名单") == "“两癌”救助")
        #expect(ProgramNames.named(in: "2024年两癌救助名单") == "“两癌”救助")
        #expect(ProgramNames.named(in: "困境儿童关爱项目发放表") == "困境儿童关爱")
        #expect(ProgramNames.named(in: "春蕾计划、贫困母亲救助发放汇总表") == nil)
        #expect(ProgramNames.named(in: "2024年第一季度救助资金发放表") == nil)
    }

    @Test func rowsOutsideTheStatedPeriodAreWarnedAndStored() throws {
        let (store, _) = try storeWithRegister()
        let r = try store.importFile(FileImportRequest(path: Self.workbook,
                                                       options: ImportOptions(dataset: .aid, period: try Period(parsing: "2024-02"))))
        let outside = r.issues.filter { $0.category == "outside-stated-period" }
        #expect(outside.count == 5)
        #expect(outside.first?.text(.en) == "一季度救助发放表.xlsx:东湖街道!R3C6: warning [outside-stated-period] 发放日期: 2024-01-05 is outside "
                + "the period the file states (2024-02, 2024-02-01..2024-02-29); stored by its own date")
        #expect(r.loaded == 7)
    }

    @Test func membersBeforeTheRegisterAreRefusedAndNothingIsRecorded() throws {
        let store = try Store(inMemory: ())
        #expect(throws: StoreError.self) {
            try store.importFile(FileImportRequest(path: Self.workbook, options: ImportOptions(dataset: .aid)))
        }
        do {
            _ = try store.importFile(FileImportRequest(path: Self.workbook, options: ImportOptions(dataset: .aid)))
        } catch let e as StoreError {
            #expect(e.text(.en) == "一季度救助发放表.xlsx: the store has no org register yet: import the org register first "
                    + "(fulian import orgs FILE), then this file; nothing was stored")
            #expect(e.text(.zh) == "一季度救助发放表.xlsx：数据库中还没有组织名册：请先导入组织名册（用 fulian import 导入 orgs 数据集），"
                    + "再导入本文件（aid）；本文件未入库")
        }
        #expect(try rows(store, "SELECT COUNT(*) FROM importBatch") == ["0"])
        _ = try store.importFile(FileImportRequest(path: Self.register, options: ImportOptions(dataset: .orgs)))
        let r = try store.importFile(FileImportRequest(path: Self.workbook, options: ImportOptions(dataset: .aid)))
        #expect(r.status == .imported && r.loaded == 7)
    }

    @Test func replaceTakesOnlyTheBatchItNames() throws {
        let (store, _) = try storeWithRegister()
        let dir = try Self.tempDirectory()
        for folder in ["东湖", "西岭"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.path("\(folder)/一季度救助发放表.csv"),
                                             toPath: dir.appendingPathComponent("\(folder)/一季度救助发放表.csv").path)
        }
        let east = dir.appendingPathComponent("东湖/一季度救助发放表.csv").path
        let west = dir.appendingPathComponent("西岭/一季度救助发放表.csv").path
        let a = try store.importFile(FileImportRequest(path: east, options: ImportOptions(dataset: .aid)))
        let b = try store.importFile(FileImportRequest(path: west, options: ImportOptions(dataset: .aid)))
        #expect((a.loaded, b.loaded) == (4, 3))
        // A corrected copy at the same path replaces that street's batch only.
        var text = try String(contentsOfFile: east, encoding: .utf8)
        text = text.replacingOccurrences(of: ",2030\r\n", with: ",2035\r\n")
        try text.write(toFile: east, atomically: true, encoding: .utf8)
        var request = FileImportRequest(path: east, options: ImportOptions(dataset: .aid))
        request.replace = true
        let c = try store.importFile(request)
        #expect(c.status == .replaced)
        #expect(c.replacedBatches.map { "\($0.id) \($0.path) \($0.loaded)" } == ["\(a.batchId!) \(east) 4"])
        #expect(try rows(store, "SELECT b.path, COUNT(*), SUM(amountFen) FROM disbursement d JOIN importBatch b ON b.id = d.batchId GROUP BY b.id ORDER BY b.id")
                == ["\(west) 3 603000", "\(east) 4 806500"])
        // The same name from a third folder names two batches: refused, with both listed.
        let other = dir.appendingPathComponent("更正/一季度救助发放表.csv")
        try FileManager.default.createDirectory(at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.replacingOccurrences(of: ",2035\r\n", with: ",2036\r\n").write(to: other, atomically: true, encoding: .utf8)
        var ambiguous = FileImportRequest(path: other.path, options: ImportOptions(dataset: .aid))
        ambiguous.replace = true
        do {
            _ = try store.importFile(ambiguous)
            Issue.record("an ambiguous --replace must be refused")
        } catch let e as StoreError {
            let en = e.message.text(.en), zh = e.message.text(.zh)
            #expect(en.hasPrefix("--replace: 2 earlier batches have this file name, so it is not clear which one this file corrects: batch \(b.batchId!) (\(west), 3 rows, imported "))
            #expect(en.hasSuffix(". Choose one with --replace-batch N; nothing was replaced"))
            #expect(zh.hasPrefix("--replace：已有 2 个批次使用这个文件名，无法确定本文件更正的是哪一个：批次 \(b.batchId!)（\(west)，3 行，导入于 "))
            #expect(zh.hasSuffix("。请用 --replace-batch N 指定批次；未替换任何批次"))
            // Imported just now, shown in local time to the minute, without a Z.
            #expect(en.contains("imported \(LocalTime.text(Date()).prefix(10))"))
            #expect(!en.contains("Z)"))
        }
        var chosen = FileImportRequest(path: other.path, options: ImportOptions(dataset: .aid))
        chosen.replaceBatch = c.batchId
        let d = try store.importFile(chosen)
        #expect(d.replacedBatches.map(\.id) == [c.batchId!])
        #expect(try rows(store, "SELECT COUNT(*), SUM(amountFen) FROM disbursement") == ["7 1409600"])
    }
}

/// Programme spellings and unit clusters (issue "Real submissions", habit 8).
@Suite struct ProgramSpellingTests {
    @Test func aSpellingCloseToANationalProgrammeIsStoredAndWarnedOnce() throws {
        let store = try Store(inMemory: ())
        _ = try store.importFile(FileImportRequest(path: SubmissionHabitsTests.register, options: ImportOptions(dataset: .orgs)))
        let dir = try SubmissionHabitsTests.tempDirectory()
        let file = dir.appendingPathComponent("助学.csv")
        try """
            姓名,所属社区,救助项目,发放日期,金额(元)
            王秀英,东湖社区,春蕾助学,2024-01-05,500
            李桂兰,白沙社区,春蕾助学,2024-01-06,500
            张红梅,桥头社区,两癌救助,2024-01-07,800
            刘芳,东湖社区,暖心驿站,2024-01-08,300

            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try store.importFile(FileImportRequest(path: file.path, options: ImportOptions(dataset: .aid)))
        #expect(r.loaded == 4)
        #expect(r.issues.map { $0.text(.en) } == [
            "助学.csv:R2: warning [unknown-program] 春蕾助学 is not a known programme; did you mean 春蕾计划? Stored as written "
                + "(2 rows of this file); confirm the spelling with --map ([program] \"春蕾助学\" = \"春蕾计划\")",
        ])
        #expect(r.issues.map { $0.text(.zh) } == [
            "助学.csv 第 2 行：警告 [unknown-program] 春蕾助学 不是已有的项目名称，是否为 春蕾计划？已按原文入库（本文件 2 行）；"
                + "请用 --map 确认写法（[program] \"春蕾助学\" = \"春蕾计划\"）",
        ])
        let names = try store.dbQueue.read { try String.fetchAll($0, sql: "SELECT name FROM program ORDER BY id") }
        #expect(names == ["春蕾助学", "两癌救助", "暖心驿站"])
        #expect(ProgramNames.suggestion(for: "“两癌”救助", known: names) == nil)
        #expect(ProgramNames.suggestion(for: "困境儿童", known: []) == "困境儿童关爱")
    }

    @Test func twoRegisterUnitsAreNeverOneCluster() {
        var register = OrgRegister()
        register.add(.init(id: 1, name: "白沙村", kind: .village, parentId: nil))
        register.add(.init(id: 2, name: "白沙社区", kind: .community, parentId: nil))
        let counts = ["白沙村": 5, "白沙社区": 4, "白沙村委会": 1, "白沙社区居委会": 2]
        let merged = VariantClustering.clusters(counts, field: "org")
        #expect(merged.count == 1)
        let split = VariantClustering.clusters(counts, field: "org", register: register)
        #expect(split.map { $0.spellings.map(\.text) }.sorted { $0[0] < $1[0] } == [["白沙村", "白沙村委会"], ["白沙社区", "白沙社区居委会"]])
    }
}
