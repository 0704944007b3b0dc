import Foundation
import FulianCore
import FulianImport
import FulianStore
import GRDB
import Testing
import TestSupport

/// The store's refusals and warnings, as the store raises them, pinned in Chinese and English.
@Suite struct StoreMessageTests {
    static func temp() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func refusal(_ body: () throws -> Void) -> StoreError? {
        do { try body() } catch let e as StoreError { return e } catch { Issue.record("not a StoreError: \(error)") }
        return nil
    }

    @Test func openingRefusals() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("nope.sqlite").path
        let none = refusal { _ = try Store(path: missing, readOnly: true) }
        #expect(none?.text(.en) == "no store at \(missing): import some files first (fulian import …), or name one with --db")
        #expect(none?.text(.zh) == "找不到数据库 \(missing)：请先导入文件（fulian import …），或用 --db 指定数据库")
        // A store a newer fulian migrated further (a migration this one does not know).
        let newer = dir.appendingPathComponent("newer.sqlite").path
        _ = try Store(path: newer)
        try DatabaseQueue(path: newer).write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        for readOnly in [true, false] {
            let future = refusal { _ = try Store(path: newer, readOnly: readOnly) }
            #expect(future?.text(.en) == "\(newer) was written by a newer fulian: update fulian to open it")
            #expect(future?.text(.zh) == "\(newer) 是由更新版本的 fulian 写入的：请先升级 fulian 再打开")
        }
        let blank = dir.appendingPathComponent("blank.sqlite").path
        try DatabaseQueue(path: blank).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        let notStore = refusal { _ = try Store(path: blank, readOnly: true) }
        #expect(notStore?.text(.en) == "\(blank) is not a fulian store, or was written by a newer fulian")
        #expect(notStore?.text(.zh) == "\(blank) 不是 fulian 数据库，或是由更新版本的 fulian 写入的：请用更新版本的 fulian 打开")
        let text = dir.appendingPathComponent("text.sqlite").path
        try "not a database at all, just some text that is long enough to be read as a header".write(toFile: text, atomically: true, encoding: .utf8)
        let garbage = refusal { _ = try Store(path: text) }
        #expect(garbage?.text(.en) == "cannot open the store \(text): file is not a database")
        #expect(garbage?.text(.zh) == "无法打开数据库 \(text)：file is not a database")
    }

    @Test func importRefusalsNameTheFile() throws {
        let store = try Store(inMemory: ())
        let missing = refusal { _ = try store.importFile(FileImportRequest(path: "/nowhere/aid.csv", options: ImportOptions(dataset: .aid))) }
        #expect(missing?.text(.en) == "aid.csv: no such file")
        #expect(missing?.text(.zh) == "aid.csv：找不到该文件")
        _ = try store.importFile(FileImportRequest(path: FixturePaths.fixture("import/register.csv").path, options: ImportOptions(dataset: .orgs)))
        var noBatch = FileImportRequest(path: FixturePaths.fixture("import/aid-q1.csv").path, options: ImportOptions(dataset: .aid))
        noBatch.replaceBatch = 42
        let none = refusal { _ = try store.importFile(noBatch) }
        #expect(none?.text(.en) == "aid-q1.csv: there is no batch 42 (fulian status lists them); nothing was replaced")
        #expect(none?.text(.zh) == "aid-q1.csv：没有批次 42（fulian status 列出全部批次）；未替换任何批次")
        noBatch.replaceBatch = 1
        let other = refusal { _ = try store.importFile(noBatch) }
        #expect(other?.text(.en) == "aid-q1.csv: batch 1 holds orgs, not aid; nothing was replaced")
        #expect(other?.text(.zh) == "aid-q1.csv：批次 1 是 orgs 数据，不是 aid；未替换任何批次")
    }

    @Test func messagesOfTheStoreInBothLanguages() {
        let cases: [(StoreMessage, String, String)] = [
            (.cannotWrite(reason: "disk I/O error"), "数据库写入失败（disk I/O error），本文件的内容均未保存",
             "the store could not be written (disk I/O error); nothing from this file was kept"),
            (.unreadable(missing: false), "无法读取该文件（请检查文件权限）", "the file cannot be read (check its permissions)"),
            (.waitingForLock(path: "fulian.sqlite"), "正在等待另一个 fulian 命令（可能是导入）用完 fulian.sqlite …",
             "waiting for another fulian command (an import?) to finish with fulian.sqlite …"),
            (.duplicate(record: .sameRecord(table: "membership"), place: .rowOfFile(file: "q1.xlsx", sheet: "东湖街道", row: 8)),
             "同一任职记录（同一人、单位、职务、任期开始日期均相同）已由q1.xlsx 工作表“东湖街道”第 8 行入库，本行已跳过",
             "the same membership (person, unit, role, term start) is already stored from q1.xlsx sheet 东湖街道 row 8; skipped"),
            (.duplicate(record: .sameRecord(table: "activity"), place: nil), "同一活动（各项均相同）已入库，本行已跳过",
             "the same activity (every field equal) is already stored; skipped"),
            (.duplicate(record: .sameRecord(table: "activity"), place: .rowOfThisFile(sheet: "三月", row: 4)),
             "同一活动（各项均相同）已由本文件工作表“三月”第 4 行入库，本行已跳过",
             "the same activity (every field equal) is already stored from sheet 三月 row 4 of this file; skipped"),
            (.unitListedTwice(name: "金沙社区", sheet: nil, row: 4), "单位 金沙社区 已在本文件第 4 行列出，本行已跳过",
             "unit 金沙社区 is already listed in row 4 of this file; skipped"),
            (.ambiguousParent(name: "东湖", matches: ["东湖街道", "东湖镇"]),
             "上级单位 东湖 既不在组织名册中，也不在本文件中（与 东湖街道、东湖镇 都相符，请写全称）",
             "parent unit 东湖 is neither in the register nor in this file (it matches 东湖街道, 东湖镇; write the full name)"),
            (.unknownParent(name: "北山街道", suggestion: nil), "上级单位 北山街道 既不在组织名册中，也不在本文件中",
             "parent unit 北山街道 is neither in the register nor in this file"),
            (.noDistrict(units: ["东湖街道", "西岭镇"]),
             "由上级单位列新建的街道和乡镇（东湖街道、西岭镇）没有上级单位：不知道它们属于哪个区（请用 --district 区名 指定，或先导入该区本身的一行）",
             "the streets and towns created from the parent column (东湖街道, 西岭镇) have no parent unit: no district is known "
                + "(give it with --district NAME, or import the district's own row first)"),
            (.districtSource("the title"), "标题", "the title"),
            (.districtSource("--district"), "--district 选项", "--district"),
        ]
        for (m, zh, en) in cases {
            #expect(m.text(.zh) == zh)
            #expect(m.text(.en) == en)
        }
    }

    @Test func batchesShowLocalTime() {
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        #expect(LocalTime.text(iso: "2026-12-01T12:32:00Z", zone: shanghai) == "2026-12-01 20:32")
        #expect(LocalTime.text(iso: "not a time") == "not a time")
        let m = StoreMessage.batch(id: 3, path: "东湖/q1.csv", rows: 40, importedAt: "2026-12-01T12:32:00Z")
        let local = LocalTime.text(iso: "2026-12-01T12:32:00Z")
        #expect(m.text(.en) == "batch 3 (东湖/q1.csv, 40 rows, imported \(local))")
        #expect(m.text(.zh) == "批次 3（东湖/q1.csv，40 行，导入于 \(local)）")
    }
}
