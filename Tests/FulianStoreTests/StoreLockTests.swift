import Foundation
import FulianStore
import GRDB
import Testing

/// A command started while another process bulk-loads the store (which leaves WAL for a rollback
/// journal and holds the write lock) waits for it instead of failing "database is locked".
@Suite(.serialized) struct StoreLockTests {
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        func add(_ p: String) { lock.lock(); paths.append(p); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return paths }
    }

    @Test func aReadOnlyOpenWaitsForALoadInProgressAndSaysSoAfterASecond() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("fulian.sqlite").path
        _ = try Store(path: path)
        // Another process's bulk load: a rollback journal, the write lock held, pages written.
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let writer = try DatabaseQueue(path: path, configuration: config)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO program (name) VALUES ('春蕾计划')")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-journal"))
        let calls = Calls()
        Store.onWait = { calls.add($0) }
        defer { Store.onWait = nil }
        let committed = DispatchSemaphore(value: 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) {
            try? writer.writeWithoutTransaction { db in
                try db.execute(sql: "COMMIT")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            committed.signal()
        }
        let start = Date()
        let reader = try Store(path: path, readOnly: true)
        let waited = Date().timeIntervalSince(start)
        committed.wait()
        #expect(waited >= 1.3)
        #expect(calls.all == [path])
        #expect(try reader.dbQueue.read { try String.fetchAll($0, sql: "SELECT name FROM program") } == ["春蕾计划"])
    }
}
