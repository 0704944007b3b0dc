import FulianCore
import FulianImport
import FulianSheets
import Testing

@Suite struct LayoutDetectorTests {
    func row(_ n: Int, _ texts: [String?]) -> Row {
        Row(number: n, cells: texts.map { $0.map(Cell.text) ?? .empty })
    }

    @Test func headerFieldsBySynonymInAnyOrderAndEnglish() {
        let d = LayoutDetector(dataset: .aid)
        #expect(d.field(forHeader: "受助人")?.key == "name")
        #expect(d.field(forHeader: "金额（元）")?.key == "amount")
        #expect(d.field(forHeader: "救助金额（万元）")?.key == "amount")
        #expect(d.field(forHeader: "发放金额(元)")?.key == "amount")
        #expect(d.field(forHeader: "id_number")?.key == "id_number")
        #expect(d.field(forHeader: "所属社区")?.key == "org")
        #expect(d.field(forHeader: "街道")?.key == "street")
        #expect(d.field(forHeader: "就读学校") == nil)
    }

    @Test func mapFileNamesExtraHeaders() {
        let d = LayoutDetector(dataset: .aid, headerMap: ["补助对象": "name"])
        #expect(d.field(forHeader: "补助对象")?.key == "name")
    }

    /// Habit 6: headers outside the synonym list, matched by meaning (and reported as inferred).
    @Test(arguments: [
        (Dataset.activities, "求职人数", "seekers"), (.activities, "参会单位数", "employers"), (.activities, "用人单位数", "employers"),
        (.activities, "应聘人次", "seekers"), (.activities, "参训人数", "trainees"), (.activities, "提供岗位数量", "positions"),
        (.activities, "招聘企业(家)", "employers"), (.aid, "困难妇女姓名", "name"), (.aid, "受助人身份证号", "id_number"),
        (.aid, "救助资金", "amount"), (.members, "手机号", "phone"), (.members, "本人联系电话", "phone"), (.aid, "发放月份", "paid_on"),
        (.activities, "参与人次数", "participants"), (.aid, "补助金额", "amount"), (.aid, "补助资金来源", "source"),
        (.orgs, "基层组织名称", "name"), (.orgs, "居委会/村委会名称", "name"),
    ])
    func headersInferredByMeaning(dataset: Dataset, header: String, key: String) {
        let match = LayoutDetector(dataset: dataset).match(forHeader: header)
        #expect(match?.field.key == key)
        #expect(match?.isInferred == true)
    }

    /// Units in any bracket style, after a slash or a space, and qualifiers in brackets: still exact.
    @Test(arguments: [
        (Dataset.aid, "发放金额(万元)", "amount"), (.aid, "发放金额【万元】", "amount"), (.aid, "发放金额〔万元〕", "amount"),
        (.aid, "发放金额[元]", "amount"), (.aid, "发放金额<元>", "amount"), (.aid, "金额/万元", "amount"), (.aid, "金额 万元", "amount"),
        (.aid, "金额（单位：元）", "amount"), (.orgs, "社区（村）名称", "name"), (.orgs, "村（居）委会名称", "name"),
        (.orgs, "社区(村)名称", "name"), (.orgs, "村居名称", "name"), (.orgs, "所属街道（镇）", "parent"), (.orgs, "所属街道(镇)", "parent"),
        (.orgs, "街镇", "parent"), (.orgs, "所属街镇", "parent"), (.orgs, "所属乡镇（街道）", "parent"), (.members, "所属街道", "street"),
        (.members, "所在社区", "org"), (.activities, "所属社区", "org"), (.activities, "社区", "org"), (.activities, "街道", "street"),
        (.activities, "参与人数（人）", "participants"),
        // Spaced out to line up, with half- or full-width spaces: 名 and 次 are not units here.
        (.aid, "姓 名", "name"), (.aid, "姓　名", "name"), (.members, "姓  名", "name"), (.aid, "项 目", "program"),
        (.aid, "金 额", "amount"), (.aid, "发放金额 元", "amount"), (.members, "职 务", "role"),
    ])
    func headersMatchedExactly(dataset: Dataset, header: String, key: String) {
        let match = LayoutDetector(dataset: dataset).match(forHeader: header)
        #expect(match?.field.key == key)
        #expect(match?.isInferred == false)
    }

    /// Conservative: a header two fields could mean, or one that only resembles a field, binds nothing.
    @Test func unclearHeadersBindNothing() {
        let activities = LayoutDetector(dataset: .activities)
        #expect(activities.match(forHeader: "单位") == nil)             // 举办单位 or 用工单位?
        #expect(activities.match(forHeader: "东湖社区") == nil)          // a value, not a column
        #expect(LayoutDetector(dataset: .members).match(forHeader: "日期") == nil)  // birth, term start or end?
        #expect(LayoutDetector(dataset: .aid).match(forHeader: "就读学校") == nil)
        #expect(activities.hint(forHeader: "达成意向人数")?.key == "placements")
        #expect(activities.hint(forHeader: "活动地点") == nil)
    }

    func layout(_ dataset: Dataset, _ rows: [[String?]]) throws -> SheetLayout {
        try #require(LayoutDetector(dataset: dataset).layout(sheet: SheetInfo(name: "Sheet1", index: 0),
                                                             firstRows: rows.enumerated().map { row($0.offset + 1, $0.element) }))
    }

    /// A form's header: required columns marked with *, ※ or ★, labels typed on two lines (Alt+Enter).
    @Test func markedAndMultiLineHeadersBindExactly() throws {
        let d = LayoutDetector(dataset: .aid)
        for header in ["*姓名", "姓名*", "※身份证号", "★ 发放金额", "＊所属社区"] {
            #expect(d.match(forHeader: header)?.isInferred == false, "\(header)")
        }
        let l = try layout(.aid, [
            ["序号", "*姓名", "身份证\n号码", "所属\r\n社区", "项目名称", "发放日期\n（年月日）", "发放金额（元）\n（保留两位小数）", "Remark\nline"],
        ])
        #expect(l.bindings.map(\.field.key) == ["name", "id_number", "org", "program", "paid_on", "amount"])
        #expect(l.bindings.map(\.header) == ["*姓名", "身份证号码", "所属社区", "项目名称", "发放日期(年月日)", "发放金额(元)(保留两位小数)"])
        #expect(l.inferred.isEmpty)
        #expect(l.unknownColumns.map(\.header) == ["Remark line"])
    }

    /// Two amount columns, one due and one paid (应发 | 实发, under one 发放金额 or side by side): the paid one is
    /// stored, whichever comes first, and the other is named as not stored.
    @Test func ofTwoAmountColumnsThePaidOneIsStored() throws {
        func amount(_ rows: [[String?]]) throws -> (bound: String?, dropped: [String], kept: [String]) {
            let l = try layout(.aid, rows)
            return (l.binding("amount")?.header, l.duplicateColumns.map(\.header), l.duplicateColumns.compactMap(\.keptInstead))
        }
        let grouped = try amount([["姓名", "身份证号", "所属社区", "救助项目", "发放日期", "发放金额（元）", "发放金额（元）"],
                                  [nil, nil, nil, nil, nil, "应发", "实发"]])
        #expect(grouped.bound == "发放金额(元)（实发）")
        #expect(grouped.dropped == ["发放金额(元)（应发）"])
        #expect(grouped.kept == [grouped.bound!])
        let flat = try amount([["姓名", "身份证号", "所属社区", "救助项目", "发放日期", "应发金额", "实发金额"]])
        #expect(flat.bound == "实发金额" && flat.dropped == ["应发金额"] && flat.kept == ["实发金额"])
        let paidFirst = try amount([["姓名", "身份证号", "所属社区", "救助项目", "发放日期", "实发金额", "应发金额"]])
        #expect(paidFirst.bound == "实发金额" && paidFirst.kept.isEmpty)
        let standard = try amount([["姓名", "身份证号", "所属社区", "救助项目", "发放日期", "救助标准（元）", "发放金额（元）"]])
        #expect(standard.bound == "发放金额(元)" && standard.kept.isEmpty)
        #expect(LayoutDetector.paidRank("实际发放金额") == 2 && LayoutDetector.paidRank("金额") == 1 && LayoutDetector.paidRank("应发金额") == 0)
    }

    @Test func inferredBindingsAreListedAndNeverClaimAFieldTwice() throws {
        let l = try layout(.activities, [
            ["活动名称", "活动类型", "举办单位", "活动日期", "求职人数", "进场人数", "参会单位数", "达成意向人数", "活动地点"],
        ])
        // 达成意向人数 is a spelling of placements (a job-fair ledger's outcome column).
        #expect(l.bindings.map(\.field.key) == ["title", "kind", "org", "held_on", "seekers", "employers", "placements"])
        #expect(l.bindings.map(\.column) == [0, 1, 2, 3, 5, 6, 7])
        #expect(l.inferred.map(\.description) == ["参会单位数 → employers"])
        // 求职人数 also means seekers, which the exact 进场人数 gives: unknown, with the hint.
        #expect(l.unknownColumns.map { "\($0.header)?\($0.mayBe?.key ?? "-")" } == ["求职人数?seekers", "活动地点?-"])
        #expect(l.missingMeasures.map(\.key) == ["participants", "positions"])
        #expect(l.missingMeasures.map { $0.isMeasure(for: .lecture) } == [true, false])
        #expect(l.missingMeasures.map { $0.isMeasure(for: .jobFair) } == [true, true])
    }

    @Test func aUnitsRowUnderTheHeaderSetsTheMoneyUnitAndIsNoData() throws {
        let l = try layout(.aid, [
            ["2024年一季度救助发放表", nil, nil, nil, nil],
            ["姓名", "所属社区", "救助项目", "发放日期", "金额"],
            ["（单位：万元）", nil, nil, nil, nil],
            ["张三", "东湖社区", "春蕾计划", "2024-01-05", "0.1"],
        ])
        #expect(l.headerRows == 2...3)
        #expect(l.unitsRow == 3)
        #expect(l.statedMoneyUnit == .wanYuan)
        #expect(l.binding("amount")?.unit == .wanYuan)
        #expect(l.missingMeasures.isEmpty)
    }

    @Test func serialNumberColumnsAreIgnoredAndNamed() throws {
        let l = try layout(.aid, [
            ["序号", "姓名", "编号", "所属社区", "救助项目", "发放日期", "金额"],
            ["1", "张三", "A-01", "东湖社区", "春蕾计划", "2024-01-05", "100"],
        ])
        #expect(l.ignoredColumns == [0, 2])
        #expect(l.unknownColumns.isEmpty)
    }

    @Test func unitsPerColumnAndInTheTitle() throws {
        let perColumn = try layout(.aid, [
            ["姓名", "所属社区", "救助项目", "发放日期", "金额", "户数"],
            [nil, nil, nil, nil, "万元", "户"],
        ])
        #expect(perColumn.unitsRow == 2)
        #expect(perColumn.binding("amount")?.unit == .wanYuan)
        let title = try layout(.aid, [
            ["东湖街道救助发放表", nil, nil, "单位：万元"],
            ["姓名", "所属社区", "救助项目", "发放日期", "金额(元)", "发放金额"],
        ])
        #expect(title.unitsRow == nil)
        #expect(title.headerRows == 2...2)
        // The header's own unit wins over the sheet's.
        #expect(title.binding("amount")?.unit == .yuan)
        let sheet = try layout(.aid, [
            ["东湖街道救助发放表 单位：万元"],
            ["姓名", "所属社区", "救助项目", "发放日期", "发放金额"],
        ])
        #expect(sheet.binding("amount")?.unit == .wanYuan)
    }

    @Test func streetAndCommunityColumnsAreBothBound() throws {
        let members = try layout(.members, [["姓名", "所属街道", "所在社区", "职务"]])
        #expect(members.binding("org")?.header == "所在社区")
        #expect(members.binding("street")?.header == "所属街道")
        let activities = try layout(.activities, [["活动类型", "街道", "社区", "活动日期"]])
        #expect(activities.binding("org")?.header == "社区")
        #expect(activities.binding("street")?.header == "街道")
    }
}
