import FulianCore
import FulianImport
import Testing
import TestSupport

/// Issue #12's value and header habits, read through ``SheetImporter`` from the fixtures of
/// `fixtures/import/habits/` (written by its `make_habits.py`).
@Suite struct ValueHabitsTests {
    static let register = OrgRegister([
        .init(id: 1, name: "兰江区", kind: .district, parentId: nil),
        .init(id: 2, name: "东湖街道", kind: .street, parentId: 1),
        .init(id: 3, name: "东湖社区", kind: .community, parentId: 2),
        .init(id: 4, name: "西湖社区", kind: .community, parentId: 2),
        .init(id: 5, name: "南湖村", kind: .village, parentId: 2),
    ])

    struct Read {
        var importer: SheetImporter
        var rows: [ParsedRow]
        /// Every row diagnostic as printed: `file:R2C9: warning [partial-date] …`.
        var lines: [String] { rows.flatMap(\.diagnostics).map { $0.text(.en) } }
        /// The same in Chinese: `file 第 2 行第 9 列：警告 [partial-date] …`.
        var zhLines: [String] { rows.flatMap(\.diagnostics).map { $0.text(.zh) } }
        /// The rows loaded.
        var loaded: [Int] { rows.filter { !$0.isRejected }.map(\.number) }
    }

    func read(_ name: String, _ dataset: Dataset) throws -> Read {
        let importer = try SheetImporter(path: FixturePaths.fixture("import/habits/\(name)").path,
                                         options: ImportOptions(dataset: dataset))
        var rows: [ParsedRow] = []
        _ = try importer.run(register: Self.register) { rows.append($0) }
        return Read(importer: importer, rows: rows)
    }

    /// Habits 2 and 3 in a GB18030 register: 社区（村）名称 and 所属街道（镇） are the name and parent;
    /// a year or month alone is its first day, warned; an unreadable founding date, women count or
    /// unit type loses only that value, never the unit.
    @Test func registerKeepsEveryUnit() throws {
        let r = try read("register-gb18030.csv", .orgs)
        #expect(r.importer.layout.bindings.map(\.field.key) == ["name", "kind", "parent", "federation", "womens_home", "established", "women"])
        #expect(r.importer.layout.inferred.isEmpty)
        #expect(r.loaded == [2, 3, 4, 5, 6])
        #expect(r.lines == [
            "register-gb18030.csv:R3C4: warning [partial-date] 妇联组建时间: 2015年 is a year only; taken as 2015-01-01",
            "register-gb18030.csv:R4C5: warning [partial-date] 妇女之家: 2019年6月 is a month only; taken as 2019-06-01",
            "register-gb18030.csv:R4C6: warning [partial-date] 成立时间: 2018年06月 is a month only; taken as 2018-06-01",
            "register-gb18030.csv:R5C2: warning [bad-kind] 类型: 居民区 is not a unit type (区, 街道, 镇, 社区, 村, 企业, 社会组织, 机关事业单位, 其他); taken from the name as 社区",
            "register-gb18030.csv:R5C6: warning [bad-date] 成立时间: 待定 is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日); left empty",
            "register-gb18030.csv:R5C7: warning [approximate-number] 女性人口: 约3000 is approximate; taken as 3000",
            "register-gb18030.csv:R6C6: warning [partial-date] 成立时间: 2010.5 is a month only; taken as 2010-05-01",
        ])
        #expect(r.zhLines == [
            "register-gb18030.csv 第 3 行第 4 列：警告 [partial-date] 妇联组建时间：2015年 只写了年份，按 2015-01-01 计",
            "register-gb18030.csv 第 4 行第 5 列：警告 [partial-date] 妇女之家：2019年6月 只写了年月，按 2019-06-01 计",
            "register-gb18030.csv 第 4 行第 6 列：警告 [partial-date] 成立时间：2018年06月 只写了年月，按 2018-06-01 计",
            "register-gb18030.csv 第 5 行第 2 列：警告 [bad-kind] 类型：居民区 不是单位类型（区、街道、镇、社区、村、企业、社会组织、机关事业单位、其他）；已按名称定为社区",
            "register-gb18030.csv 第 5 行第 6 列：警告 [bad-date] 成立时间：待定 不是有效日期（应写作 2024-01-05、2024/1/5 或 2024年1月5日），已留空",
            "register-gb18030.csv 第 5 行第 7 列：警告 [approximate-number] 女性人口：约3000 是约数，按 3000 计",
            "register-gb18030.csv 第 6 行第 6 列：警告 [partial-date] 成立时间：2010.5 只写了年月，按 2010-05-01 计",
        ])
        let orgs = r.rows.compactMap { row -> OrgRecord? in if case .org(let o)? = row.record { o } else { nil } }
        #expect(orgs.map(\.parentName) == [nil, "兰江区", "东湖街道", "东湖街道", "东湖街道"])
        #expect(orgs.map { $0.established?.iso } == [nil, nil, "2018-06-01", nil, "2010-05-01"])
        #expect(orgs.map(\.women) == [nil, 12000, 3200, 3000, 1500])
        #expect(orgs.map(\.kind) == [.district, .street, .community, .community, .village])
        #expect(orgs.map(\.federation) == [.none, .date(CivilDate(year: 2015, month: 1, day: 1)!), .date(CivilDate(year: 2016, month: 5, day: 1)!),
                                           .yesUnknownDate, .none])
    }

    /// Habits 3 and 4 in a member list: IDs typed with spaces, hyphens or in 15 digits are read; only
    /// a wrong ID or role rejects a row, every other unreadable value is left empty with a warning.
    @Test func membersLoseOnlyTheUnreadableValue() throws {
        let r = try read("members-utf8.csv", .members)
        #expect(r.importer.layout.binding("org")?.header == "所在社区")
        #expect(r.importer.layout.binding("street")?.header == "所属街道")
        #expect(r.loaded == [2, 3, 4, 5])
        #expect(r.lines == [
            "members-utf8.csv:R2C9: warning [partial-date] 任职时间: 2018年6月 is a month only; taken as 2018-06-01",
            "members-utf8.csv:R3C9: warning [partial-date] 任职时间: 2021.11 is a month only; taken as 2021-11-01",
            "members-utf8.csv:R3C10: warning [bad-date] 离任时间: the term ends (2019-01-01) before it starts (2021-11-01); left empty",
            "members-utf8.csv:R3C11: warning [bad-phone] 联系电话: 12345 is not a phone number (5 digits; a phone has at least 7); left empty",
            "members-utf8.csv:R4C5: warning [bad-date] 出生年月: 1985-13-01 is not a calendar date; left empty",
            "members-utf8.csv:R4C9: warning [partial-date] 任职时间: 2020年 is a year only; taken as 2020-01-01",
            "members-utf8.csv:R5C9: warning [bad-date] 任职时间: 下个月 is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日); left empty",
            "members-utf8.csv:R6C3: error [bad-check-digit] 身份证号: the ID number 439951********0048 fails its check digit (GB 11643): a digit was mistyped; check it against the ID card",
            "members-utf8.csv:R7C8: error [bad-role] 职务: 会长 is not a role (主席, 副主席, 兼职副主席, 常委, 执委, 委员, 会员, 志愿者)",
        ])
        #expect(r.zhLines == [
            "members-utf8.csv 第 2 行第 9 列：警告 [partial-date] 任职时间：2018年6月 只写了年月，按 2018-06-01 计",
            "members-utf8.csv 第 3 行第 9 列：警告 [partial-date] 任职时间：2021.11 只写了年月，按 2021-11-01 计",
            "members-utf8.csv 第 3 行第 10 列：警告 [bad-date] 离任时间：任期结束（2019-01-01）早于开始（2021-11-01），已留空",
            "members-utf8.csv 第 3 行第 11 列：警告 [bad-phone] 联系电话：12345 不是电话号码（只有 5 位数字，电话号码至少 7 位），已留空",
            "members-utf8.csv 第 4 行第 5 列：警告 [bad-date] 出生年月：1985-13-01 不是日历上的日期，已留空",
            "members-utf8.csv 第 4 行第 9 列：警告 [partial-date] 任职时间：2020年 只写了年份，按 2020-01-01 计",
            "members-utf8.csv 第 5 行第 9 列：警告 [bad-date] 任职时间：下个月 不是有效日期（应写作 2024-01-05、2024/1/5 或 2024年1月5日），已留空",
            "members-utf8.csv 第 6 行第 3 列：错误 [bad-check-digit] 身份证号：身份证号 439951********0048 校验位不符（GB 11643），可能有数字录错，请对照身份证核对",
            "members-utf8.csv 第 7 行第 8 列：错误 [bad-role] 职务：会长 不是职务（主席、副主席、兼职副主席、常委、执委、委员、会员、志愿者）",
        ])
        let members = r.rows.compactMap { row -> MemberRecord? in if case .member(let m)? = row.record { m } else { nil } }
        #expect(members.map { $0.idNumber?.value } == ["43995119900307002X", "439951198506120047", nil, "439951197801010049"])
        // 出生年月 1990.03 and 1978年 agree with the IDs: no warning, the ID's full date kept.
        #expect(members.map { $0.birthDate?.iso } == ["1990-03-07", "1985-06-12", nil, "1978-01-01"])
        #expect(members.map { $0.termStart?.iso } == ["2018-06-01", "2021-11-01", "2020-01-01", nil])
        #expect(members.map { $0.termEnd?.iso } == [nil, nil, nil, nil])
        #expect(members.map(\.phone) == ["13900001234", nil, "0571-88881234", nil])
    }

    /// Habits 3, 4 and 6 in an XLSX aid list: the units row （单位：万元） under the header makes the
    /// amounts 万元 and is no data; a 15-digit ID in a number cell is complete, an 18-digit one is not.
    @Test func aidUnitsRowAndNumericIDs() throws {
        let r = try read("aid-units-row.xlsx", .aid)
        #expect(r.importer.layout.headerRowsLabel == "2-3")
        #expect(r.importer.layout.unitsRow == 3)
        #expect(r.importer.layout.binding("amount")?.unit == .wanYuan)
        #expect(r.rows.map(\.number) == [4, 5, 6, 7, 8])
        #expect(r.loaded == [4, 5, 6])
        #expect(r.lines == [
            "aid-units-row.xlsx:发放名单!R5C6: warning [partial-date] 发放日期: 2024年3月 is a month only; taken as 2024-03-01",
            "aid-units-row.xlsx:发放名单!R5C8: warning [bad-number] 户数: 三口 is not a whole number; left empty",
            "aid-units-row.xlsx:发放名单!R7C3: error [lost-digits] 身份证号: the ID number is stored as a number, so Excel kept only 15 digits; format the column as text and type the number again",
            "aid-units-row.xlsx:发放名单!R8C6: error [bad-date] 发放日期: 下周 is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)",
        ])
        let aid = r.rows.compactMap { row -> AidRecord? in if case .aid(let a)? = row.record { a } else { nil } }
        #expect(aid.map(\.amount.fen) == [100_000, 150_000, 200_000])
        #expect(aid.map(\.paidOn.iso) == ["2024-01-05", "2024-03-01", "2024-02-10"])
        #expect(aid.map(\.household) == [3, nil, 2])
        #expect(aid.map { $0.idNumber?.value } == ["43995119900307002X", "439951198506120047", "439951197801010049"])
    }

    /// Several roles in one 职务 cell are recorded as the highest; a term written as a span gives its start,
    /// and its end unless the 离任时间 column gives one.
    @Test func rolesAndTermsAsOfficesWriteThem() throws {
        let r = try read("members-roles-terms.csv", .members)
        #expect(r.loaded == [2, 3, 4, 5])
        #expect(r.lines == [
            "members-roles-terms.csv:R2C4: warning [several-roles] 职务: 副主席、执委 names several roles; recorded as the highest, 副主席",
            "members-roles-terms.csv:R2C5: warning [term-span] 任职时间: 2021.3-2026.3 is a term's start and end; taken as 2021-03-01 to 2026-03-01",
            "members-roles-terms.csv:R3C4: warning [several-roles] 职务: 主席/执委 names several roles; recorded as the highest, 主席",
            "members-roles-terms.csv:R3C5: warning [term-span] 任职时间: 2021年3月至今 is a term's span; taken as starting 2021-03-01",
            "members-roles-terms.csv:R4C4: warning [several-roles] 职务: 副主席兼执委 names several roles; recorded as the highest, 副主席",
            "members-roles-terms.csv:R4C5: warning [term-span] 任职时间: 2021-03-01至2026-02-28 is a term's span; taken as starting 2021-03-01",
            "members-roles-terms.csv:R5C5: warning [partial-date] 任职时间: 2021.03 is a month only; taken as 2021-03-01",
        ])
        #expect(r.zhLines[0] == "members-roles-terms.csv 第 2 行第 4 列：警告 [several-roles] 职务：副主席、执委 写了几个职务，按其中最高的 副主席 记录")
        #expect(r.zhLines[1] == "members-roles-terms.csv 第 2 行第 5 列：警告 [term-span] 任职时间：2021.3-2026.3 是任职起止时间，按 2021-03-01 起、2026-03-01 止计")
        #expect(r.zhLines[3] == "members-roles-terms.csv 第 3 行第 5 列：警告 [term-span] 任职时间：2021年3月至今 是任职起止时间，按 2021-03-01 起计")
        let members = r.rows.compactMap { row -> MemberRecord? in if case .member(let m)? = row.record { m } else { nil } }
        #expect(members.map(\.role) == [.viceChair, .chair, .viceChair, .executiveMember])
        #expect(members.map { $0.termStart?.iso } == ["2021-03-01", "2021-03-01", "2021-03-01", "2021-03-01"])
        #expect(members.map { $0.termEnd?.iso } == ["2026-03-01", nil, "2024-06-30", nil])
    }

    /// A job-fair ledger's 达成意向（人） is the placements column and 活动主题 the title: the job-fair report's
    /// figures are all read.
    @Test func aJobFairLedgerAsAStreetHeadsIt() throws {
        let r = try read("activities-jobfairs.csv", .activities)
        #expect(r.importer.layout.binding("placements")?.header == "达成意向(人)")
        #expect(r.importer.layout.binding("title")?.header == "活动主题")
        #expect(r.loaded == [2, 3, 4])
        #expect(r.lines == [])
        let acts = r.rows.compactMap { row -> ActivityRecord? in if case .activity(let a)? = row.record { a } else { nil } }
        #expect(acts.map(\.title) == ["三八节专场招聘会", "春风行动", "家庭教育讲座"])
        #expect(acts.map(\.kind) == [.jobFair, .jobFair, .lecture])
        #expect(acts.map(\.placements) == [45, 20, nil])
        #expect(acts.map(\.seekers) == [300, 150, nil])
    }

    /// ID numbers an export marked as text (="…", a leading apostrophe, a tab) are read as the numbers.
    @Test func idNumbersAnExportMarkedAsText() throws {
        let r = try read("aid-ids-as-text.csv", .aid)
        #expect(r.loaded == [2, 3, 4])
        #expect(r.lines == [])
        let aid = r.rows.compactMap { row -> AidRecord? in if case .aid(let a)? = row.record { a } else { nil } }
        #expect(aid.map { $0.idNumber?.value } == ["43995119900307002X", "439951198506120047", "439951198808080060"])
    }

    /// Habit 6 in an activities ledger: 参会单位数 and 求职人数 are inferred and listed, 活动地点 is
    /// unknown with no plausible field, the absent placements column is a missing measure; a bad
    /// count leaves that count empty and keeps the activity.
    @Test func activitiesHeadersByMeaning() throws {
        let r = try read("activities-inferred.xlsx", .activities)
        let layout = r.importer.layout
        #expect(layout.inferred.map(\.description) == ["参会单位数 → employers", "求职人数 → seekers"])
        #expect(layout.unknownColumns.map(\.header) == ["活动地点"])
        #expect(layout.unknownColumns.map { $0.mayBe } == [nil])
        #expect(layout.missingMeasures.map(\.key) == ["placements"])
        #expect(layout.binding("org")?.header == "社区")
        #expect(layout.binding("street")?.header == "所属街道")
        #expect(r.loaded == [2, 3, 4, 5])
        #expect(r.lines == [
            "activities-inferred.xlsx:活动台账!R3C5: warning [partial-date] 活动日期: 2024.3 is a month only; taken as 2024-03-01",
            "activities-inferred.xlsx:活动台账!R4C6: warning [bad-number] 参与人次: 若干 is not a whole number; left empty",
            "activities-inferred.xlsx:活动台账!R5C5: warning [partial-date] 活动日期: 2024.03 is a month only; taken as 2024-03-01",
        ])
        let activities = r.rows.compactMap { row -> ActivityRecord? in if case .activity(let a)? = row.record { a } else { nil } }
        #expect(activities.map(\.seekers) == [180, nil, nil, 70])
        #expect(activities.map(\.employers) == [12, nil, nil, 5])
        #expect(activities.map(\.participants) == [200, 45, nil, 80])
        #expect(activities.map(\.heldOn.iso) == ["2024-03-15", "2024-03-01", "2024-03-20", "2024-03-01"])
        // Rows the missing placements figure matters for: the two job fairs.
        #expect(activities.filter { a in layout.missingMeasures.contains { $0.isMeasure(for: a.kind) } }.count == 2)
    }

    /// An activities ledger as a street keeps it: 活动形式 is the type column; 文艺演出, 义诊 and 座谈会 are
    /// activities all the same (其他, warned); the part of the day, a weekday or a time after the date is
    /// dropped; 3月12日 takes the year of the quarter the title states; 约200人 and 50余人 count as 200 and 50,
    /// warned; so the 合计 row adds up.
    @Test func anActivitiesLedgerAsAStreetKeepsIt() throws {
        let r = try read("activities-ledger.xlsx", .activities)
        #expect(r.importer.layout.binding("kind")?.header == "活动形式")
        #expect(r.loaded == [3, 4, 5, 6, 7, 8])
        #expect(r.lines == [
            "activities-ledger.xlsx:2024年一季度!R3C4: warning [bad-kind] 活动形式: 文艺演出 is not an activity type (招聘会, 讲座, 培训, 维权, 志愿服务, 慰问, 其他); counted as 其他",
            "activities-ledger.xlsx:2024年一季度!R3C7: warning [approximate-number] 参加人数: 约200人 is approximate; taken as 200",
            "activities-ledger.xlsx:2024年一季度!R4C2: warning [partial-date] 活动时间: 3月12日 has no year; taken as 2024-03-12, in the period the file states (2024年第一季度)",
            "activities-ledger.xlsx:2024年一季度!R4C7: warning [approximate-number] 参加人数: 50余人 is approximate; taken as 50",
            "activities-ledger.xlsx:2024年一季度!R7C4: warning [bad-kind] 活动形式: 义诊 is not an activity type (招聘会, 讲座, 培训, 维权, 志愿服务, 慰问, 其他); counted as 其他",
            "activities-ledger.xlsx:2024年一季度!R8C4: warning [bad-kind] 活动形式: 座谈会 is not an activity type (招聘会, 讲座, 培训, 维权, 志愿服务, 慰问, 其他); counted as 其他",
        ])
        #expect(r.zhLines[2] == "activities-ledger.xlsx 工作表“2024年一季度” 第 4 行第 2 列：警告 [partial-date] 活动时间：3月12日 没有写年份，按文件所属期间（2024年第一季度）计为 2024-03-12")
        #expect(r.zhLines[1] == "activities-ledger.xlsx 工作表“2024年一季度” 第 3 行第 7 列：警告 [approximate-number] 参加人数：约200人 是约数，按 200 计")
        let activities = r.rows.compactMap { row -> ActivityRecord? in if case .activity(let a)? = row.record { a } else { nil } }
        #expect(activities.map(\.kind) == [.other, .lecture, .visit, .jobFair, .other, .other])
        #expect(activities.map(\.heldOn.iso) == ["2024-03-08", "2024-03-12", "2024-01-20", "2024-02-28", "2024-03-15", "2024-03-28"])
        #expect(activities.map(\.participants) == [200, 50, 30, 300, 60, 15])
    }

    /// Dates with what ledgers write after them, and days without a year (only in text).
    @Test func datesWithTheirTimeOfDayAndDaysWithoutAYear() throws {
        for text in ["2024年3月8日上午", "2024年3月8日（周五）", "2024-03-08(星期五)", "2024年3月8日14:30", "2024年3月8日 下午", "2024/3/8晚上"] {
            #expect(try CellParsing.dateValue(.text(text), system: .system1900)?.date.iso == "2024-03-08", "\(text)")
        }
        #expect(CellParsing.monthDay(.text("3月12日"))?.month == 3 && CellParsing.monthDay(.text("3月12日"))?.day == 12)
        #expect(CellParsing.monthDay(.text("03-12"))?.day == 12 && CellParsing.monthDay(.text("3.12上午"))?.month == 3)
        #expect(CellParsing.monthDay(.number(3.12)) == nil && CellParsing.monthDay(.text("13月2日")) == nil)
        #expect(CellParsing.monthDay(.text("2024年3月")) == nil && CellParsing.monthDay(.text("3-12-1")) == nil)
    }

    /// Heading rows in the forms offices write them, in a CSV (one text in the first column): each is a
    /// section row and gives the rows under it their parent; a number in the name, or a name that is no
    /// unit, is data.
    @Test(arguments: ["一、东湖街道", "（一）东湖街道：", "1.东湖街道", "东湖街道（3个社区）", "东湖街道妇联", "第一 东湖街道"])
    func headingRowsAsOfficesWriteThem(heading: String) throws {
        let csv = "序号,单位名称,是否建立妇联\n\(heading),,\n1,东湖社区,是\n2,西湖社区,否\n"
        let path = try TempFile.write(Array(csv.utf8), name: "名册.csv")
        let importer = try SheetImporter(path: path, options: ImportOptions(dataset: .orgs))
        var records: [OrgRecord] = []
        let tally = try importer.run(register: OrgRegister()) { row in if case .org(let o)? = row.record { records.append(o) } }
        #expect(tally.sheets.first?.sectionRows ?? [] == [2], "\(heading)")
        #expect(records.map { $0.name + "<" + ($0.parentName ?? "-") } == ["东湖社区<东湖街道", "西湖社区<东湖街道"], "\(heading)")
    }

    @Test func rowsThatOnlyLookLikeHeadings() throws {
        // A unit's own row with its flags blank, a name with a count in it, a person's name: data rows.
        let csv = "序号,单位名称,是否建立妇联\n1,东湖社区,\n第2网格,,\n张三,,\n"
        let path = try TempFile.write(Array(csv.utf8), name: "名册.csv")
        let importer = try SheetImporter(path: path, options: ImportOptions(dataset: .orgs))
        let tally = try importer.run(register: OrgRegister()) { _ in }
        #expect(tally.sheets.first?.sectionRows ?? [] == [])
        #expect(tally.dataRows == 3)
    }

    /// A form printed with its rows numbered in advance: the rows nobody filled in hold only their 序号
    /// (8, 08, 8., （8）) and are blank rows; a heading, a note or a name typed into that column is not.
    @Test func rowsWithNothingButTheirNumberAreBlank() throws {
        let csv = "序号,单位名称,是否建立妇联\n一、东湖街道,,\n1,东湖社区,是\n2,西湖社区,否\n3,,\n04,,\n5.,,\n（6）,,\n7,北湖社区,\n填表人：李华,,\n"
        let path = try TempFile.write(Array(csv.utf8), name: "名册.csv")
        let importer = try SheetImporter(path: path, options: ImportOptions(dataset: .orgs))
        var records: [OrgRecord] = []
        let tally = try importer.run(register: OrgRegister()) { row in if case .org(let o)? = row.record { records.append(o) } }
        let t = try #require(tally.sheets.first)
        #expect(records.map(\.name) == ["东湖社区", "西湖社区", "北湖社区"])
        #expect([t.dataRows, t.blankRows, t.sectionRows.count, t.noteRows.count] == [3, 4, 1, 1])
        #expect(t.sectionRows == [2] && t.noteRows == [10])
    }

    /// An amount of 0 is taken but said: a left-out amount, or a formula some program saved as 0.
    @Test func aZeroAmountIsTakenWithAWarning() throws {
        let csv = "姓名,身份证号,所属社区,项目名称,发放日期,金额\n王秀英,439951198003120002,东湖社区,春蕾计划,2024-03-01,0\n李桂兰,439951198003120010,西湖社区,春蕾计划,2024-03-01,0.00元\n张玉梅,439951198003120029,东湖社区,春蕾计划,2024-03-01,0.01\n"
        let path = try TempFile.write(Array(csv.utf8), name: "发放表.csv")
        let importer = try SheetImporter(path: path, options: ImportOptions(dataset: .aid))
        var rows: [ParsedRow] = []
        _ = try importer.run(register: Self.register) { rows.append($0) }
        #expect(rows.filter { !$0.isRejected }.count == 3)
        #expect(rows.flatMap(\.diagnostics).map { $0.text(.zh) } == [
            "发放表.csv 第 2 行第 6 列：警告 [zero-amount] 金额：金额为 0：是漏填了，还是公式没有算出结果？本行照常入库",
            "发放表.csv 第 3 行第 6 列：警告 [zero-amount] 金额：金额为 0：是漏填了，还是公式没有算出结果？本行照常入库",
        ])
        #expect(rows.first?.diagnostics.first?.text(.en)
                == "发放表.csv:R2C6: warning [zero-amount] 金额: the amount is 0: was it left out, or is it a formula without its result? The row is taken as it is")
    }

    @Test func daysWrittenWith号() throws {
        #expect(try CellParsing.dateValue(.text("2024年3月12号"), system: .system1900)?.date.iso == "2024-03-12")
        #expect(try CellParsing.dateValue(.text("2024年3月12号下午"), system: .system1900)?.date.iso == "2024-03-12")
        #expect(CellParsing.monthDay(.text("3月12号"))?.day == 12)
    }
}
