import Foundation

extension ZipArchive {
    /// ``extractAhead(_:chunkSize:depth:_:)`` when `ahead`, else ``extract(_:chunkSize:_:)``.
    func extract(_ entry: Entry, chunkSize: Int = 1 << 18, ahead: Bool, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if ahead {
            try extractAhead(entry, chunkSize: chunkSize, body)
        } else {
            try extract(entry, chunkSize: chunkSize, body)
        }
    }

    /// Streams an entry's uncompressed bytes to `body` as ``extract(_:chunkSize:_:)`` does, inflating on a
    /// second thread while `body` runs on this one: inflating a large sheet takes about a fifth of reading
    /// it, and a machine has a core to spare for it.
    ///
    /// `body` sees the same chunks in the same order, and the same errors arrive at the same point: a
    /// damaged entry's error once every chunk inflated before it has been through `body`, an error `body`
    /// throws at once (the inflating thread then stops at its next chunk, and is waited for). At most
    /// `depth` chunks wait between the two threads.
    func extractAhead(_ entry: Entry, chunkSize: Int = 1 << 18, depth: Int = 4,
                      _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let pipe = InflatePipe(archive: self, entry: entry, chunkSize: chunkSize, depth: depth)
        let thread = Thread { pipe.produce() }
        thread.name = "fulian.inflate"
        thread.start()
        defer { pipe.waitFinished() }
        do {
            while let (buffer, count) = try pipe.take() {
                defer { pipe.give(back: buffer) }
                try body(UnsafeBufferPointer(start: buffer, count: count))
            }
        } catch {
            pipe.stop()
            throw error
        }
    }
}

/// The buffers between ``ZipArchive/extractAhead(_:chunkSize:depth:_:)``'s two threads: `depth` of them,
/// each passed from the inflating thread to the reading one full and back empty. Its state is guarded
/// by `condition`; the buffers themselves are touched by one thread at a time, as they are handed over.
private final class InflatePipe: @unchecked Sendable {
    let archive: ZipArchive
    let entry: ZipArchive.Entry
    let chunkSize: Int
    private let condition = NSCondition()
    private var empty: [UnsafeMutablePointer<UInt8>]
    private var full: [(UnsafeMutablePointer<UInt8>, Int)] = []
    private var finished = false
    private var stopped = false
    private var failure: (any Error)?
    private let all: [UnsafeMutablePointer<UInt8>]

    struct Stopped: Error {}

    init(archive: ZipArchive, entry: ZipArchive.Entry, chunkSize: Int, depth: Int) {
        self.archive = archive
        self.entry = entry
        self.chunkSize = chunkSize
        all = (0..<max(1, depth)).map { _ in UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize) }
        empty = all
        full.reserveCapacity(all.count)
    }

    deinit {
        for b in all { b.deallocate() }
    }

    /// The inflating thread: every chunk copied into an empty buffer and queued, then the outcome.
    func produce() {
        var outcome: (any Error)?
        do {
            try archive.extract(entry, chunkSize: chunkSize) { chunk in
                condition.lock()
                while empty.isEmpty && !stopped { condition.wait() }
                if stopped {
                    condition.unlock()
                    throw Stopped()
                }
                let buffer = empty.removeLast()
                condition.unlock()
                if let base = chunk.baseAddress { buffer.update(from: base, count: chunk.count) }
                condition.lock()
                full.append((buffer, chunk.count))
                condition.signal()
                condition.unlock()
            }
        } catch is Stopped {
        } catch {
            outcome = error
        }
        condition.lock()
        failure = outcome
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next full buffer and its byte count, nil at the end; the inflating side's error once the
    /// buffers filled before it are taken.
    func take() throws -> (UnsafeMutablePointer<UInt8>, Int)? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty && !finished { condition.wait() }
        if !full.isEmpty { return full.removeFirst() }
        if let failure { throw failure }
        return nil
    }

    /// Returns a buffer `take` gave, for the inflating side to fill again.
    func give(back buffer: UnsafeMutablePointer<UInt8>) {
        condition.lock()
        empty.append(buffer)
        condition.signal()
        condition.unlock()
    }

    /// The reading side gives up: the inflating side stops at its next chunk.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the inflating thread is done with the archive and the buffers.
    func waitFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
