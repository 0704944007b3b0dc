import Foundation
import FulianCore

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
    /// throws at once (the inflating thread then stops at its next chunk, and is waited for, so the
    /// archive's file is free again on return). At most `depth` chunks wait between the two threads.
    func extractAhead(_ entry: Entry, chunkSize: Int = 1 << 18, depth: Int = 4,
                      _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        struct Stopped: Error {}
        let channel = ChunkChannel<UInt8>(depth: depth)
        let thread = Thread {
            do {
                try extract(entry, chunkSize: chunkSize) { chunk in
                    guard channel.put(Array(chunk)) else { throw Stopped() }
                }
                channel.close(nil)
            } catch is Stopped {
                channel.close(nil)
            } catch {
                channel.close(error)
            }
        }
        thread.name = "fulian.inflate"
        thread.start()
        do {
            while let chunk = try channel.take() { try chunk.withUnsafeBufferPointer(body) }
        } catch {
            channel.stop()
            channel.waitClosed()
            throw error
        }
    }
}
