import FulianCore
import FulianImport
import Testing
import TestSupport

/// The cleanup engine behind `fulian clean`: nothing dropped, duplicates grouped, ID conflicts flagged.
struct CleanerTests {
    static let register = FixturePaths.fixture("import/register.csv").path
    /// A duplicate (rows 2 and 4), an ID with two names (rows 2 and 3) and an unknown unit (row 5).
    static let conflictCSV = """
        姓名,身份证号,所属社区,项目名称,发放日期,发放金额
        张秀英,11010519491231002X,望江社区,春蕾计划,2024-01-05,1000
        张秀兰,11010519491231002X,望江社区,春蕾计划,2024-02-05,1000
        张秀英,11010519491231002X,望江社区居委会,春蕾计划,2024-01-05,1000.00
        李梅,,望江楼社区,春蕾计划,2024-01-06,800
        """

    @Test func sameIDWithAnotherNameIsAConflictNotADuplicate() throws {
        let path = try TempFile.write(Array(Self.conflictCSV.utf8), name: "aid.csv")
        let result = try Cleaner(dataset: .aid, registerPath: Self.register).run(files: [path])
        #expect(result.rows.count == 4)
        #expect(result.rows.map(\.status) == [.clean, .clean, .duplicate, .error])
        #expect(result.rows.map(\.row) == [2, 3, 4, 5])
        #expect(result.rows[2].fields["org"] == "望江社区")
        let kinds = result.duplicates.map(\.kind)
        #expect(kinds.contains(.sameRecord))
        #expect(kinds.contains(.conflict))
        let conflict = result.duplicates.first { $0.kind == .conflict }!
        #expect(conflict.rows == [0, 1])
        #expect(!conflict.key.contains("11010519491231002X"))   // personal data masked in the key
        let unknown = result.issues.first { $0.category == "unknown-org" }!
        #expect(unknown.original == "望江楼社区")
        #expect(unknown.suggestion == "望江社区")
        let conflictIssue = try #require(result.issues.first { $0.category == "id-conflict" })
        #expect(conflictIssue.diagnostic.message.text(.en) == "ID number 110105********002X belongs to 张秀英 in aid.csv row 2, but here to 张秀兰")
        #expect(conflictIssue.diagnostic.message.text(.zh) == "身份证号 110105********002X 在 aid.csv 第 2 行 属于 张秀英，此处却属于 张秀兰")
        #expect(conflict.kind.label.text(.zh) == "身份证号冲突")
        #expect(result.files.first?.rowsRead == 4)
    }

    /// A workbook with one sheet per community and no unit column: with a register the sheets' units are
    /// found (Sheet3 by its title); 白沙 stays ambiguous (白沙社区, 白沙村) in a register file that lists the
    /// streets only as parents, so its sheet is skipped. Without a register, only a sheet named as a unit
    /// gives its rows a unit, and the other sheets are skipped and listed.
    @Test func aSheetPerCommunityGivesItsRowsTheirUnit() throws {
        let path = FixturePaths.fixture("import/sheets/东湖街道两癌救助发放表（分社区）.xlsx").path
        let register = FixturePaths.fixture("import/sheets/兰江区社区名册.xlsx").path
        let with = try Cleaner(dataset: .aid, registerPath: register).run(files: [path])
        #expect(with.rows.map { "\($0.sheet ?? "") \($0.fields["org"] ?? "") \($0.status.rawValue)" } == [
            "东湖社区 东湖社区 clean", "东湖社区 东湖社区 clean", "Sheet3 桥头社区 clean",
        ])
        #expect(with.files.first?.skippedSheetReasons.map(\.name) == ["填表说明", "白沙", "汇总"])
        let without = try Cleaner(dataset: .aid).run(files: [path])
        #expect(without.rows.map { "\($0.sheet ?? "") \($0.fields["org"] ?? "")" } == ["东湖社区 东湖社区", "东湖社区 东湖社区"])
        #expect(without.files.first?.skippedSheetReasons.map { "\($0.name) \($0.reason.rawValue)" } == [
            "填表说明 no-header", "白沙 missing-column", "Sheet3 missing-column", "汇总 summary",
        ])
    }

    /// Rows handed over as they come are the rows a kept run returns, with final statuses; groups
    /// name their members' places either way.
    @Test func streamedRowsEqualKeptRows() throws {
        let csv = Self.conflictCSV + "\n张秀英,11010519491231002X,望江社区,春蕾计划,2024-01-05,1000"
        let path = try TempFile.write(Array(csv.utf8), name: "aid.csv")
        let cleaner = Cleaner(dataset: .aid, registerPath: Self.register)
        let kept = try cleaner.run(files: [path])
        var streamed: [CleanRow] = []
        var rendered: [String] = []
        let result = try cleaner.run(files: [path], render: { "\($0.row):\($0.status.rawValue)" }) { row, line in
            streamed.append(row)
            rendered.append(line)
        }
        #expect(result.rows.isEmpty)
        #expect(result.rowCount == 5)
        #expect(streamed.map(\.status) == kept.rows.map(\.status))
        #expect(streamed.map(\.status) == [.clean, .clean, .duplicate, .error, .duplicate])
        #expect(streamed.map(\.fields) == kept.rows.map(\.fields))
        // Rendered on the reading thread before duplicates are known.
        #expect(rendered == ["2:clean", "3:clean", "4:clean", "5:error", "6:clean"])
        let group = result.duplicates.first { $0.kind == .sameRecord }!
        #expect(group.rows == [0, 2, 4])
        #expect(group.members.map { $0.place.text(.en) } == ["aid.csv row 2", "aid.csv row 4", "aid.csv row 6"])
        #expect(group.members.map { $0.place.text(.zh) } == ["aid.csv 第 2 行", "aid.csv 第 4 行", "aid.csv 第 6 行"])
        #expect(group.members.map(\.name) == ["张秀英", "张秀英", "张秀英"])
        #expect(result.issues.map(\.diagnostic.message) == kept.issues.map(\.diagnostic.message))
        #expect(result.issues.contains { $0.diagnostic.message.text(.en) == "the same disbursement as aid.csv row 2" && $0.diagnostic.row == 6 })
        let duplicate = try #require(result.issues.first { $0.category == "duplicate" && $0.diagnostic.row == 6 })
        #expect(duplicate.diagnostic.message.text(.zh) == "与 aid.csv 第 2 行 是同一笔发放")
        #expect(duplicate.fix?.text(.en) == "delete this row")
        #expect(duplicate.fix?.text(.zh) == "删除此行")
        #expect(group.kind.label.text(.zh) == "同一记录" && group.kind.label.text(.en) == "same record")
    }
}
