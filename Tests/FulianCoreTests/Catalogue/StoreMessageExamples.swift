@testable import FulianCore

extension StoreMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [StoreMessage] = [
        .noStore(path: "数据库.sqlite"),
        .notAStore(path: "数据库.sqlite"),
        .newerStore(path: "数据库.sqlite"),
        .cannotOpen(path: "数据库.sqlite", reason: "磁盘已满"),
        .cannotWrite(reason: "磁盘已满"),
        .unreadable(missing: true),
        .registerFirst(dataset: "aid"),
        .waitingForLock(path: "数据库.sqlite"),
        .batch(id: 3, path: "东湖/一季度救助发放表.csv", rows: 40, importedAt: "2026-12-01T08:00:00Z"),
        .batchOfOtherDataset(batch: 3, holds: "members", wanted: "aid"),
        .noSuchBatch(9),
        .ambiguousReplace(batches: [.batch(id: 3, path: "东湖/一季度.csv", rows: 40, importedAt: "2026-12-01T08:00:00Z"),
                                    .batch(id: 5, path: "西湖/一季度.csv", rows: 12, importedAt: "2026-12-02T08:00:00Z")]),
        .duplicate(record: .sameRecord(table: "membership"), place: .rowOfThisFile(sheet: nil, row: 8)),
        .sameDisbursement(program: "春蕾计划", date: "2024-01-05", yuan: "1000.00"),
        .sameRecord(table: "activity"),
        .rowOfThisFile(sheet: "东湖街道", row: 8),
        .rowOfFile(file: "一季度.xlsx", sheet: "东湖街道", row: 8),
        .unitListedTwice(name: "金沙社区", sheet: nil, row: 4),
        .unknownProgram(name: "春蕾计画", suggestion: "春蕾计划", rows: 3),
        .unknownParent(name: "东胡街道", suggestion: "东湖街道"),
        .ambiguousParent(name: "东湖", matches: ["东湖街道", "东湖镇"]),
        .noDistrict(units: ["东湖街道", "西岭镇"]),
        .districtSource("the title"),
        .olderStoreReadOnly(path: "/数据/市妇联.sqlite"),
        .serverRefused(code: "42P01", reason: "关系“aid”不存在"),
        .queryFailed(reason: "语法错误", readOnly: true),
        .oneStatementOnly,
        .noWritableUnits(login: "jiangbei_writer"),
        .notOwnBatch(batch: .batch(id: 3, path: "渝北区/一季度.csv", rows: 40, importedAt: "2026-12-01T08:00:00Z"),
                     owner: "yubei_writer", login: "jiangbei_writer"),
        .writeRefused(reason: "新行违反了表“disbursement”的行级安全策略"),
    ]
}
