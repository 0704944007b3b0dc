import Foundation

/// Rows done so far by a long piece of work, shared between the thread doing it and one that shows it.
///
/// The worker adds rows in batches (`add(_:)` every few thousand rows, so the lock costs nothing next to a
/// row); whoever knows how many rows to expect says so with `expect(_:)` (a sheet's declared dimension, an
/// estimate from a file's size). A display thread reads `snapshot`.
public final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var expected: Int?

    /// Creates a counter at zero, with `expected` rows when known.
    public init(expected: Int? = nil) { self.expected = expected }

    /// Adds rows done.
    public func add(_ rows: Int) {
        lock.lock()
        done += rows
        lock.unlock()
    }

    /// Adds rows to expect (a sheet about to be read), or replaces an estimate with `replacing: true`.
    public func expect(_ rows: Int, replacing: Bool = false) {
        lock.lock()
        expected = replacing ? rows : (expected ?? 0) + rows
        lock.unlock()
    }

    /// Rows done and rows expected (nil when unknown), read together.
    public var snapshot: (done: Int, expected: Int?) {
        lock.lock()
        defer { lock.unlock() }
        return (done, expected)
    }
}
