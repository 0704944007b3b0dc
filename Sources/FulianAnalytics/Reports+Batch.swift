import Foundation
import FulianStore

extension Reports {
    /// Computes several reports, two at a time on separate read connections when the store is a file
    /// (each report is one SQL pass over its period; a workbook needs eight of them).
    ///
    /// Every connection reads a snapshot. If an import committed between the snapshots (the import batches
    /// differ), the reports are computed again one after the other in a single read transaction, so the
    /// figures of a workbook always come from one state of the store.
    /// On PostgreSQL they run one after the other in one `REPEATABLE READ` transaction (the server runs
    /// each statement in parallel itself when it pays).
    public static func runAll(_ requests: [ReportRequest], in store: Store) throws -> [ReportResult] {
        for r in requests { try validate(r) }
        let sequential = {
            try store.read { db in try requests.map { try run($0, db: db) } }
        }
        guard store.engine == .sqlite, store.path != ":memory:", requests.count > 1 else { return try sequential() }
        let second = try Store(path: store.path, readOnly: true)
        let stores = [store, second]
        let lanes = [Array(stride(from: 0, to: requests.count, by: 2)), Array(stride(from: 1, to: requests.count, by: 2))]
        let box = ResultBox(count: requests.count)
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            do {
                let state = try stores[lane].read { db -> String in
                    for i in lanes[lane] { box.set(i, .success(try run(requests[i], db: db))) }
                    return try db.fetchTexts("SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM importBatch").first ?? ""
                }
                box.setState(lane, state)
            } catch {
                for i in lanes[lane] { box.set(i, .failure(error)) }
            }
        }
        guard box.statesAgree else { return try sequential() }
        return try box.results()
    }
}

/// The results of ``Reports/runAll(_:in:)``'s two lanes, guarded by a lock.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<ReportResult, Error>?]
    private var states: [Int: String] = [:]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<ReportResult, Error>) { lock.withLock { slots[i] = r } }
    func setState(_ lane: Int, _ s: String) { lock.withLock { states[lane] = s } }
    var statesAgree: Bool { lock.withLock { Set(states.values).count <= 1 } }
    func results() throws -> [ReportResult] { try lock.withLock { slots }.map { try $0!.get() } }
}
