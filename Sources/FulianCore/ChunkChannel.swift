import Foundation

/// A bounded queue of row chunks between one reading and one writing thread: the reader waits while
/// `depth` chunks wait, so memory stays a few chunks whatever the row count (an import's parsed rows, a
/// workbook's detail rows).
public final class ChunkChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[Element]] = []
    private var closed = false
    private var failure: (any Error)?
    private var stopped = false
    private let depth: Int

    /// A channel holding at most `depth` chunks.
    public init(depth: Int) { self.depth = max(1, depth) }

    /// Queues a chunk, waiting while the queue is full; false once the taker has stopped.
    public func put(_ chunk: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= depth && !stopped { condition.wait() }
        if stopped { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// Ends the stream, with the reading side's error if it failed.
    public func close(_ error: (any Error)?) {
        condition.lock()
        closed = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk; nil at the end; throws the reading side's error once the chunks it put before
    /// failing are taken, as one thread doing both sides in turn would meet it.
    public func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !closed { condition.wait() }
        if !chunks.isEmpty {
            condition.broadcast()
            return chunks.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// The taker gives up: the reading side stops at its next chunk.
    public func stop() {
        condition.lock()
        stopped = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the reading side has finished.
    public func waitClosed() {
        condition.lock()
        while !closed { condition.wait() }
        condition.unlock()
    }
}
