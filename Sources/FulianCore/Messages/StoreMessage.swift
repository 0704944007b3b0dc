/// Messages of the store (opening, migrating, writing, duplicates, `--replace`), worded in Chinese and English.
public indirect enum StoreMessage: Localized, Hashable {
    /// `--db` names no file, for a command that only reads.
    case noStore(path: String)
    /// The file is not a store, or a newer fulian migrated it further than this one knows.
    case notAStore(path: String)
    /// The store holds migrations this fulian does not know: a newer fulian wrote it.
    case newerStore(path: String)
    /// The SQLite engine refused to open the store; `reason` is its own text.
    case cannotOpen(path: String, reason: String)
    /// A write failed inside an import's transaction; `reason` is the engine's text.
    case cannotWrite(reason: String)
    /// The file to import does not exist (`missing`) or cannot be read.
    case unreadable(missing: Bool)
    /// Members, aid or activities (`dataset`) before any org register.
    case registerFirst(dataset: String)
    /// On a terminal, after a second of waiting for another command's lock.
    case waitingForLock(path: String)
    /// An import batch as `--replace` names it: `batch 3 (东湖/q1.csv, 40 rows, imported 2026-12-01 20:32)`.
    case batch(id: Int64, path: String, rows: Int, importedAt: String)
    /// `--replace-batch N` names a batch of another dataset.
    case batchOfOtherDataset(batch: Int64, holds: String, wanted: String)
    /// `--replace-batch N` names no batch.
    case noSuchBatch(Int64)
    /// `--replace` by file name finds several batches: the ``batch(id:path:rows:importedAt:)`` messages of each.
    case ambiguousReplace(batches: [StoreMessage])
    /// A record already stored: what it is (``sameDisbursement(program:date:yuan:)`` …) and where it came from
    /// (``rowOfThisFile(sheet:row:)`` …), when that is known.
    case duplicate(record: StoreMessage, place: StoreMessage?)
    /// The record of a duplicate disbursement: person, programme, date, amount in yuan (`1000.00`).
    case sameDisbursement(program: String, date: String, yuan: String)
    /// The record of a duplicate membership (`table` membership) or activity (`activity`).
    case sameRecord(table: String)
    /// Where an earlier row is, in the file being imported.
    case rowOfThisFile(sheet: String?, row: Int)
    /// Where an earlier row is, in an earlier file.
    case rowOfFile(file: String, sheet: String?, row: Int)
    /// A register file names a unit twice.
    case unitListedTwice(name: String, sheet: String?, row: Int)
    /// A programme spelling close to a known one, stored as written in `rows` rows.
    case unknownProgram(name: String, suggestion: String, rows: Int)
    /// A register row's parent unit is nowhere, perhaps a misspelling of `suggestion`.
    case unknownParent(name: String, suggestion: String?)
    /// A register row's parent unit matches several units.
    case ambiguousParent(name: String, matches: [String])
    /// Streets and towns created from a parent column without a district to put them under.
    case noDistrict(units: [String])
    /// Where a register's district came from: `--district`, `the title`, `the file name`, `the store` (the codes JSON keeps).
    case districtSource(String)
    /// A store written by an earlier fulian, which a read-only command would have to upgrade first but cannot write.
    case olderStoreReadOnly(path: String)
    /// The PostgreSQL server refused a statement; `reason` is its own text (passwords removed), `code` its SQLSTATE.
    case serverRefused(code: String, reason: String)
    /// A query of `fulian sql` failed; `readOnly` when it tried to write (the store is opened read-only).
    case queryFailed(reason: String, readOnly: Bool)
    /// `fulian sql` on PostgreSQL was given several statements (`COMMIT; DROP …`): it runs exactly one.
    case oneStatementOnly
    /// A new unit of a register with no parent (no 上级单位, no heading row, no street in the title): stored at the top.
    case noParent(name: String)
    /// The login importing into a shared store was given no unit to write under.
    case noWritableUnits(login: String)
    /// `--replace` names a batch another login imported: a login replaces only its own batches.
    case notOwnBatch(batch: StoreMessage, owner: String, login: String)
    /// The database refused to write (its row-level security or privileges): the server's reason.
    case writeRefused(reason: String)

    public func wording() -> Wording {
        switch self {
        case .noStore(let path):
            Wording("找不到数据库 \(path)：请先导入文件（fulian import …），或用 --db 指定数据库",
                    "no store at \(path): import some files first (fulian import …), or name one with --db")
        case .notAStore(let path):
            Wording("\(path) 不是 fulian 数据库，或是由更新版本的 fulian 写入的：请用更新版本的 fulian 打开",
                    "\(path) is not a fulian store, or was written by a newer fulian")
        case .newerStore(let path):
            Wording("\(path) 是由更新版本的 fulian 写入的：请先升级 fulian 再打开", "\(path) was written by a newer fulian: update fulian to open it")
        case .cannotOpen(let path, let reason):
            Wording("无法打开数据库 \(path)：\(reason)", "cannot open the store \(path): \(reason)")
        case .cannotWrite(let reason):
            Wording("数据库写入失败（\(reason)），本文件的内容均未保存",
                    "the store could not be written (\(reason)); nothing from this file was kept")
        case .unreadable(missing: true):
            Wording("找不到该文件", "no such file")
        case .unreadable(missing: false):
            Wording("无法读取该文件（请检查文件权限）", "the file cannot be read (check its permissions)")
        case .registerFirst(let dataset):
            Wording("数据库中还没有组织名册：请先导入组织名册（用 fulian import 导入 orgs 数据集），再导入本文件（\(dataset)）；本文件未入库",
                    "the store has no org register yet: import the org register first (fulian import orgs FILE), then this file; "
                        + "nothing was stored")
        case .waitingForLock(let path):
            Wording("正在等待另一个 fulian 命令（可能是导入）用完 \(path) …",
                    "waiting for another fulian command (an import?) to finish with \(path) …")
        case .batch(let id, let path, let rows, let importedAt):
            Wording("批次 \(id)（\(path)，\(rows) 行，导入于 \(LocalTime.text(iso: importedAt))）",
                    "batch \(id) (\(path), \(rows) rows, imported \(LocalTime.text(iso: importedAt)))")
        case .batchOfOtherDataset(let batch, let holds, let wanted):
            Wording("批次 \(batch) 是 \(holds) 数据，不是 \(wanted)；未替换任何批次",
                    "batch \(batch) holds \(holds), not \(wanted); nothing was replaced")
        case .noSuchBatch(let n):
            Wording("没有批次 \(n)（fulian status 列出全部批次）；未替换任何批次",
                    "there is no batch \(n) (fulian status lists them); nothing was replaced")
        case .ambiguousReplace(let batches):
            Wording("--replace：已有 \(batches.count) 个批次使用这个文件名，无法确定本文件更正的是哪一个："
                        + batches.map { $0.text(.zh) }.joined(separator: "；") + "。请用 --replace-batch N 指定批次；未替换任何批次",
                    "--replace: \(batches.count) earlier batches have this file name, so it is not clear which one this file corrects: "
                        + batches.map { $0.text(.en) }.joined(separator: "; ") + ". Choose one with --replace-batch N; nothing was replaced")
        case .duplicate(let record, let place?):
            Wording("\(record.text(.zh))已由\(place.text(.zh))入库，本行已跳过",
                    "\(record.text(.en)) is already stored from \(place.text(.en)); skipped")
        case .duplicate(let record, nil):
            Wording("\(record.text(.zh))已入库，本行已跳过", "\(record.text(.en)) is already stored; skipped")
        case .sameDisbursement(let program, let date, let yuan):
            Wording("同一笔发放（同一人、\(program)、\(date)、\(yuan) 元）",
                    "the same disbursement (person, \(program), \(date), \(yuan) yuan)")
        case .sameRecord(let table):
            table == "membership"
                ? Wording("同一任职记录（同一人、单位、职务、任期开始日期均相同）", "the same membership (person, unit, role, term start)")
                : Wording("同一活动（各项均相同）", "the same activity (every field equal)")
        case .rowOfThisFile(let sheet, let row):
            Wording("本文件" + Self.zhRow(sheet, row), Self.enRow(sheet, row) + " of this file")
        case .rowOfFile(let file, let sheet, let row):
            Wording("\(file) " + Self.zhRow(sheet, row), "\(file) " + Self.enRow(sheet, row))
        case .unitListedTwice(let name, let sheet, let row):
            Wording("单位 \(name) 已在本文件\(Self.zhRow(sheet, row))列出，本行已跳过",
                    "unit \(name) is already listed in \(Self.enRow(sheet, row)) of this file; skipped")
        case .unknownProgram(let name, let suggestion, let rows):
            Wording("\(name) 不是已有的项目名称，是否为 \(suggestion)？已按原文入库（本文件 \(rows) 行）；"
                        + "请用 --map 确认写法（[program] \"\(name)\" = \"\(suggestion)\"）",
                    "\(name) is not a known programme; did you mean \(suggestion)? Stored as written (\(rows) rows of this file); "
                        + "confirm the spelling with --map ([program] \"\(name)\" = \"\(suggestion)\")")
        case .unknownParent(let name, let suggestion):
            Wording("上级单位 \(name) 既不在组织名册中，也不在本文件中" + (suggestion.map { "，是否为 \($0)？" } ?? ""),
                    "parent unit \(name) is neither in the register nor in this file" + (suggestion.map { "; did you mean \($0)?" } ?? ""))
        case .ambiguousParent(let name, let matches):
            Wording("上级单位 \(name) 既不在组织名册中，也不在本文件中（与 \(matches.joined(separator: "、")) 都相符，请写全称）",
                    "parent unit \(name) is neither in the register nor in this file (it matches \(matches.joined(separator: ", ")); "
                        + "write the full name)")
        case .noDistrict(let units):
            Wording("由上级单位列新建的街道和乡镇（\(units.joined(separator: "、"))）没有上级单位：不知道它们属于哪个区"
                        + "（请用 --district 区名 指定，或先导入该区本身的一行）",
                    "the streets and towns created from the parent column (\(units.joined(separator: ", "))) have no parent unit: no district is known "
                        + "(give it with --district NAME, or import the district's own row first)")
        case .districtSource(let code):
            switch code {
            case "the title": Wording("标题", code)
            case "the file name": Wording("文件名", code)
            case "the store": Wording("数据库", code)
            default: Wording(code == "--district" ? "--district 选项" : code, code)
            }
        case .olderStoreReadOnly(let path):
            Wording("\(path) 由较早版本的 fulian 写成，需要先升级，但这里不能写入该文件：请用有写权限的账户运行一次 fulian import，或复制一份后再打开。",
                    "\(path) was written by an earlier fulian and must be upgraded first, but it cannot be written here: "
                        + "run any fulian import on it with write access, or open a copy.")
        case .serverRefused(let code, let reason):
            Wording("PostgreSQL 服务器拒绝了该语句（\(code)）：\(reason)", "the PostgreSQL server refused the statement (\(code)): \(reason)")
        case .queryFailed(let reason, let readOnly):
            Wording("查询失败：\(reason)" + (readOnly ? "（fulian sql 只能读，不能修改数据库）" : ""),
                    "the query failed: \(reason)" + (readOnly ? " (fulian sql is read-only)" : ""))
        case .oneStatementOnly:
            Wording("fulian sql 每次只运行一条语句，请把用分号隔开的语句分开运行；未运行任何语句",
                    "fulian sql runs one statement at a time: run statements separated by semicolons one by one; nothing was run")
        case .noParent(let name):
            Wording("\(name) 没有上级单位，已作为最上级单位入库，不计入任何区县、街道的数字；请增加“上级单位”一列，或在标题中写明所属街道后用 --replace 重新导入",
                    "\(name) has no parent unit: stored at the top, outside every district's and street's figures; add a 上级单位 column, "
                        + "or name the street in the title, and import again with --replace")
        case .noWritableUnits(let login):
            Wording("登录 \(login) 没有可写入的单位：请管理员在 fulianAccess 表中为它登记单位"
                        + "（见 notebooks-docs/06-shared-store.md）；本文件未入库",
                    "login \(login) may write under no unit: an administrator lists its units in the fulianAccess table "
                        + "(see notebooks-docs/06-shared-store.md); nothing was stored")
        case .notOwnBatch(let batch, let owner, let login):
            Wording("\(batch.text(.zh)) 是登录 \(owner) 导入的，登录 \(login) 只能替换或删除自己导入的批次；未替换任何批次",
                    "\(batch.text(.en)) was imported by login \(owner); login \(login) may replace or delete only its own batches; "
                        + "nothing was replaced")
        case .writeRefused(let reason):
            Wording("数据库拒绝写入（\(reason)）：当前登录无权写入这些数据，写入权限由管理员设置；本文件的内容均未保存",
                    "the database refused the write (\(reason)): this login may not write these rows (an administrator sets "
                        + "who may write what); nothing from this file was kept")
        }
    }

    /// `工作表“东湖街道”第 8 行` or `第 8 行`.
    private static func zhRow(_ sheet: String?, _ row: Int) -> String {
        sheet.map { "工作表“\($0)”第 \(row) 行" } ?? "第 \(row) 行"
    }

    /// `sheet 东湖街道 row 8` or `row 8`.
    private static func enRow(_ sheet: String?, _ row: Int) -> String {
        sheet.map { "sheet \($0) row \(row)" } ?? "row \(row)"
    }
}
