import Foundation
import FulianCore
import Testing

struct ChunkChannelTests {
    struct Broken: Error, Equatable {}

    @Test func theChunksPutBeforeAFailureAreTakenFirst() throws {
        let channel = ChunkChannel<Int>(depth: 4)
        #expect(channel.put([1, 2]) && channel.put([3]))
        channel.close(Broken())
        #expect(try channel.take() == [1, 2])
        #expect(try channel.take() == [3])
        #expect(throws: Broken()) { _ = try channel.take() }
    }

    @Test func aCleanEndIsNil() throws {
        let channel = ChunkChannel<Int>(depth: 1)
        let producer = Thread {
            for i in 0..<100 { _ = channel.put([i]) }
            channel.close(nil)
        }
        producer.start()
        var got: [Int] = []
        while let chunk = try channel.take() { got += chunk }
        #expect(got == Array(0..<100))
        #expect(try channel.take() == nil)
    }

    @Test func aStoppedTakerStopsThePutter() throws {
        let channel = ChunkChannel<Int>(depth: 1)
        nonisolated(unsafe) var refused = -1
        let producer = Thread {
            for i in 0..<1_000 where !channel.put([i]) {
                refused = i
                break
            }
            channel.close(nil)
        }
        producer.start()
        #expect(try channel.take() == [0])
        channel.stop()
        channel.waitClosed()
        // Refused at the first put after stop: at most the one chunk already queued got through.
        #expect(refused >= 1 && refused <= 2)
    }
}
