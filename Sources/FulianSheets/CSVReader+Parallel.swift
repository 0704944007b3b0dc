import Foundation
import FulianCore

/// Cuts a stream of UTF-8 bytes into blocks of whole records, so that blocks can be parsed apart (on two
/// threads) and give the records one ``CSVParser`` fed the whole stream gives.
///
/// It follows the parser's state machine without making fields: where a record ends (a line break outside
/// quotes, as the parser decides it, stray quotes and `"abc"def` included) and how many physical lines came
/// before. A block ends right after a record's line break and its ``Block/firstLine`` is the line the parser
/// would be on there, so a parser restarted at that line (``CSVParser/restart(line:)``) continues exactly.
/// A CR that is the last byte seen is not cut after (a LF may follow and belong to it).
///
/// A record longer than `maxHold` bytes (an unterminated quote, say) is not held whole: from there on every
/// block is *chained*, to be parsed in order by one parser as the sequential reader would (it then refuses
/// a field over the limit at the same place).
struct CSVRecordCutter {
    /// A run of the stream for one parser.
    struct Block {
        var bytes: [UInt8]
        /// The physical line (1-based) the block starts on.
        var firstLine: Int
        /// Parse with the parser that parsed the block before (not a restarted one).
        var continues = false
        /// Must be parsed by the one parser that parses the rest of the stream, in order.
        var chained = false
        /// The end of the stream: the parser's `finish` follows.
        var last = false
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    /// Whole records are cut off once at least this many bytes of them are pending.
    let minBlock: Int
    /// A record still open after this many bytes turns the rest of the stream into chained blocks.
    let maxHold: Int

    private var pending: [UInt8] = []
    /// How much of `pending` the state machine has seen.
    private var scanned = 0
    private var state = State.fieldStart
    /// The physical line at `scanned`.
    private(set) var line = 1
    /// The last byte seen ended a record with a CR (a LF next is part of that line break).
    private var pendingCR = false
    /// The last byte seen was a CR inside a quoted field.
    private var quotedCR = false
    /// After the last record end whose line break is complete, and the line there.
    private var safeCut = 0, safeLine = 1
    /// After the last record end (a CR last included), and the line there.
    private var endCut = 0, endLine = 1
    /// The line `pending` starts on.
    private var blockLine = 1
    /// Chained from here on (see the type's comment); the next chained block is the chain's first.
    private var chained = false, chainStarted = false

    init(delimiter: UInt8, minBlock: Int, maxHold: Int) {
        self.delimiter = delimiter
        self.minBlock = max(1, minBlock)
        self.maxHold = max(self.minBlock, maxHold)
    }

    /// Adds bytes; returns the blocks they complete (none, or one).
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) -> [Block] {
        pending.append(contentsOf: bytes)
        scan()
        if chained { return [takeAll(last: false)] }
        if safeCut >= minBlock {
            return [take(upTo: safeCut, nextLine: safeLine)]
        }
        if pending.count - safeCut > maxHold {
            var blocks: [Block] = []
            if safeCut > 0 { blocks.append(take(upTo: safeCut, nextLine: safeLine)) }
            chained = true
            blocks.append(takeAll(last: false))
            return blocks
        }
        return []
    }

    /// The rest of the stream, as the last block.
    mutating func finish() -> Block { takeAll(last: true) }

    /// The records completed so far that are not in a block yet (a CR-ended last one included), as a block
    /// to parse before reporting what stopped the stream; nil when there are none.
    mutating func flushCompleted() -> Block? {
        guard !chained, endCut > 0 else { return nil }
        return take(upTo: endCut, nextLine: endLine)
    }

    /// The line the parser would be on after the bytes added so far and then `more`.
    func line(after more: [UInt8]) -> Int {
        var probe = self
        probe.pending.append(contentsOf: more)
        probe.scan()
        return probe.line
    }

    private mutating func take(upTo cut: Int, nextLine: Int) -> Block {
        let tail = Array(pending[cut...])
        pending.removeSubrange(cut...)
        let block = Block(bytes: pending, firstLine: blockLine)
        pending = tail
        scanned -= cut
        safeCut = 0
        endCut = max(0, endCut - cut)
        blockLine = nextLine
        return block
    }

    private mutating func takeAll(last: Bool) -> Block {
        let block = Block(bytes: pending, firstLine: blockLine, continues: chainStarted, chained: chained, last: last)
        if chained { chainStarted = true }
        pending = []
        scanned = 0
        safeCut = 0
        endCut = 0
        return block
    }

    /// Runs the parser's state machine over `pending[scanned...]`, noting record ends.
    private mutating func scan() {
        let n = pending.count
        guard scanned < n else { return }
        let quote = UInt8(ascii: "\""), lf: UInt8 = 10, cr: UInt8 = 13
        let d = delimiter
        pending.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            var i = scanned
            if pendingCR {
                pendingCR = false
                if base[i] == lf { i += 1 }
                safeCut = i
                safeLine = line
                endCut = i
            }
            while i < n {
                switch state {
                case .fieldStart, .unquoted:
                    if state == .fieldStart && base[i] == quote {
                        state = .quoted
                        i += 1
                        continue
                    }
                    let start = i
                    i = WordScan.first(of: d, lf, cr, in: base, from: i, to: n)
                    if i > start { state = .unquoted }
                    guard i < n else { continue }
                    let b = base[i]
                    i += 1
                    if b == d {
                        state = .fieldStart
                    } else {
                        recordEnd(cr: b == cr, base, &i, n)
                    }
                case .quoted:
                    var afterCR = quotedCR
                    while i < n {
                        let j = WordScan.first(of: quote, cr, lf, in: base, from: i, to: n)
                        if j > i {
                            afterCR = false
                            i = j
                            if i == n { break }
                        }
                        let b = base[i]
                        if b == quote { break }
                        if b == cr {
                            line += 1
                            afterCR = true
                        } else {
                            if !afterCR { line += 1 }
                            afterCR = false
                        }
                        i += 1
                    }
                    quotedCR = i == n && afterCR
                    if i < n {
                        state = .quoteInQuoted
                        i += 1
                    }
                case .quoteInQuoted:
                    let b = base[i]
                    if b == quote {
                        state = .quoted
                        i += 1
                    } else if b == d {
                        state = .fieldStart
                        i += 1
                    } else if b == lf || b == cr {
                        i += 1
                        recordEnd(cr: b == cr, base, &i, n)
                    } else {
                        state = .unquoted
                    }
                }
            }
            scanned = n
        }
    }

    /// A line break ended a record; `i` is past its first byte.
    @inline(__always)
    private mutating func recordEnd(cr: Bool, _ base: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int) {
        var complete = true
        if cr {
            if i < n { if base[i] == 10 { i += 1 } } else { pendingCR = true; complete = false }
        }
        line += 1
        state = .fieldStart
        endCut = i
        endLine = line
        if complete {
            safeCut = i
            safeLine = line
        }
    }
}

/// The blocks of one CSV file between the thread that reads, decodes and cuts them (and parses some) and
/// the thread that takes the rows in order (and parses the rest): whichever thread is free parses the
/// oldest block nobody has started, so the reading thread never waits on a block it could parse itself.
/// At most `depth` blocks are held, so memory stays flat in the file's length.
final class CSVBlockQueue: @unchecked Sendable {
    /// A block, its parse, and who has it.
    final class Slot {
        let block: CSVRecordCutter.Block?
        /// What stopped the stream here (an I/O or decoding error), after the blocks before it.
        let failure: (any Error)?
        enum Phase { case open, parsing, parsed }
        var phase = Phase.open
        var rows: [(Int, [Cell])] = []
        /// The parser's failure partway through the block (after `rows`).
        var parseFailure: (any Error)?

        init(block: CSVRecordCutter.Block?, failure: (any Error)?) {
            self.block = block
            self.failure = failure
        }
    }

    private let condition = NSCondition()
    private var slots: [Slot] = []
    private var ended = false
    private var stopped = false
    private var producerRunning = true
    private let depth: Int

    init(depth: Int) { self.depth = max(2, depth) }

    /// Parses a block on its own parser (restarted at the block's line), rows kept for the taker.
    static func parse(_ slot: Slot, with parser: inout CSVParser) {
        guard let block = slot.block else { return }
        parser.restart(line: block.firstLine)
        var rows: [(Int, [Cell])] = []
        rows.reserveCapacity(block.bytes.count / 64)
        do {
            _ = try parser.feed(block.bytes) { line, cells in
                rows.append((line, cells))
                return true
            }
            if block.last { _ = try parser.finish { line, cells in rows.append((line, cells)); return true } }
        } catch {
            slot.parseFailure = error
        }
        slot.rows = rows
    }

    /// The reading side: queues a block (or the error that ends the stream), waiting while `depth` blocks
    /// are held and helping parse them meanwhile; false once the taker has stopped.
    func put(_ slot: Slot, helping parser: inout CSVParser) -> Bool {
        condition.lock()
        while slots.count >= depth && !stopped {
            if let open = oldestOpen() {
                open.phase = .parsing
                condition.unlock()
                CSVBlockQueue.parse(open, with: &parser)
                condition.lock()
                open.phase = .parsed
                condition.broadcast()
            } else {
                condition.wait()
            }
        }
        if stopped { condition.unlock(); return false }
        slots.append(slot)
        condition.broadcast()
        condition.unlock()
        return true
    }

    /// The reading side: after the last block, parses what nobody has started, then leaves.
    func finishProducing(helping parser: inout CSVParser) {
        condition.lock()
        ended = true
        condition.broadcast()
        while !stopped, let open = oldestOpen() {
            open.phase = .parsing
            condition.unlock()
            CSVBlockQueue.parse(open, with: &parser)
            condition.lock()
            open.phase = .parsed
            condition.broadcast()
        }
        producerRunning = false
        condition.broadcast()
        condition.unlock()
    }

    /// The taking side: the next slot in order, parsed (by this thread if nobody had started it; while
    /// the reading thread parses it, this one parses a later one). Nil at the end of the stream.
    func take(with parser: inout CSVParser) -> Slot? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let first = slots.first {
                if first.failure != nil || first.phase == .parsed || first.block?.chained == true {
                    slots.removeFirst()
                    condition.broadcast()
                    return first
                }
            } else if ended {
                return nil
            }
            if let open = oldestOpen() {
                open.phase = .parsing
                condition.unlock()
                CSVBlockQueue.parse(open, with: &parser)
                condition.lock()
                open.phase = .parsed
                condition.broadcast()
            } else {
                condition.wait()
            }
        }
    }

    /// The oldest block nobody parses yet that either thread may parse (chained blocks are the taker's).
    private func oldestOpen() -> Slot? {
        slots.first { $0.phase == .open && $0.block != nil && !$0.block!.chained }
    }

    /// The taking side is done (finished, failed or told to stop): the reading side stops, and this
    /// returns once it has left.
    func stopAndWait() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while producerRunning { condition.wait() }
        condition.unlock()
    }

    /// Whether the taker has stopped (checked by the reading side between reads).
    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }
}

extension CSVReader {
    /// ``forEachRow(in:_:)``'s records through two threads: a second one reads, decodes and cuts the file
    /// into blocks of whole records (``CSVRecordCutter``) and parses those this one has not started; this one
    /// takes the rows in file order (parsing blocks the other has not started) and hands them to `emit`.
    /// The rows, line numbers, warnings, errors and early stop are the sequential reader's. Returns false
    /// when `emit` asked to stop.
    func forEachRecordInParallel(_ emit: (Int, [Cell]) throws -> Bool) throws -> Bool {
        let queue = CSVBlockQueue(depth: 4)
        let job = CSVBlockJob(reader: self, queue: queue)
        let thread = Thread { job.produce() }
        thread.name = "fulian.csv"
        thread.start()
        defer { queue.stopAndWait() }
        var parser = CSVParser(delimiter: separator, maxFieldBytes: limits.maxCellBytes)
        while let slot = queue.take(with: &parser) {
            if let block = slot.block, block.chained {
                // The rest of the stream, in order, on this thread's parser only.
                if !block.continues { parser.restart(line: block.firstLine) }
                if try !parser.feed(block.bytes, emit) { return false }
                if block.last, try !parser.finish(emit) { return false }
                continue
            }
            for (line, cells) in slot.rows where try !emit(line, cells) { return false }
            if let e = slot.parseFailure { throw e }
            if let e = slot.failure { throw e }
        }
        return true
    }

    /// Whether a file this long is read on two threads (``forEachRecordInParallel(_:)``).
    var readsInParallel: Bool {
        parallelMinBytes >= 0 && fileBytes >= parallelMinBytes && ProcessInfo.processInfo.activeProcessorCount > 1
    }
}

/// The reading side of ``CSVReader/forEachRecordInParallel(_:)``.
private final class CSVBlockJob: @unchecked Sendable {
    let reader: CSVReader
    let queue: CSVBlockQueue

    init(reader: CSVReader, queue: CSVBlockQueue) {
        self.reader = reader
        self.queue = queue
    }

    func produce() {
        var parser = CSVParser(delimiter: reader.separator, maxFieldBytes: reader.limits.maxCellBytes)
        var cutter = CSVRecordCutter(delimiter: reader.separator, minBlock: reader.parallelBlockBytes,
                                     maxHold: max(8 << 20, 4 * reader.limits.maxCellBytes))
        func put(_ block: CSVRecordCutter.Block?, failure: (any Error)? = nil) -> Bool {
            queue.put(.init(block: block, failure: failure), helping: &parser)
        }
        do {
            let file = try ChunkedFile(path: reader.path, chunkSize: reader.readChunkBytes)
            let transcoder = UTF8Transcoder(from: reader.encoding)
            let passThrough = reader.encoding == .utf8 || reader.encoding == .utf8BOM
            var chunk: [UInt8] = []
            var first = true
            reading: while !queue.isStopped {
                try file.next(into: &chunk)
                let final = chunk.isEmpty
                let skip = first ? min(reader.bomLength, chunk.count) : 0
                first = false
                var blocks: [CSVRecordCutter.Block]
                if passThrough {
                    blocks = chunk.withUnsafeBufferPointer { cutter.add(UnsafeBufferPointer(rebasing: $0[skip...])) }
                } else {
                    guard let utf8 = transcoder.convert(skip > 0 ? Array(chunk[skip...]) : chunk, final: final) else {
                        let line = cutter.line(after: transcoder.partial)
                        if let done = cutter.flushCompleted(), !put(done) { break reading }
                        _ = put(nil, failure: SheetError(.encoding, file: reader.fileName, row: line,
                                                         .invalidBytes(line: line, encoding: reader.encoding.rawValue)))
                        break reading
                    }
                    blocks = utf8.withUnsafeBufferPointer { cutter.add($0) }
                }
                if final { blocks.append(cutter.finish()) }
                for b in blocks where !put(b) { break reading }
                if final { break }
            }
        } catch {
            if let done = cutter.flushCompleted(), !put(done) {
                queue.finishProducing(helping: &parser)
                return
            }
            _ = put(nil, failure: error)
        }
        queue.finishProducing(helping: &parser)
    }
}
