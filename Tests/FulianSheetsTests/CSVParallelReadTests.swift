import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

/// The two-thread CSV read (issue #17) against the one-thread parser: cut into blocks of whole records and
/// parsed on restarted parsers, random text gives the same records, line numbers, errors and early stops;
/// and a whole file read on two threads gives the rows, warnings and errors of the sequential read.
struct CSVParallelReadTests {
    /// The records of `pieces` cut by ``CSVRecordCutter`` and parsed block by block, as the two threads
    /// would: unchained blocks on two parsers in turn (each restarted at its block's line), chained ones on
    /// a third that goes on from block to block.
    static func blocked(_ pieces: [[UInt8]], limit: Int, stopAfter: Int, delimiter: UInt8, minBlock: Int, maxHold: Int) -> [String] {
        var cutter = CSVRecordCutter(delimiter: delimiter, minBlock: minBlock, maxHold: maxHold)
        var blocks: [CSVRecordCutter.Block] = []
        for piece in pieces { blocks += piece.withUnsafeBufferPointer { cutter.add($0) } }
        blocks.append(cutter.finish())
        var parsers = [CSVParser(delimiter: delimiter, maxFieldBytes: limit), CSVParser(delimiter: delimiter, maxFieldBytes: limit)]
        var chain = CSVParser(delimiter: delimiter, maxFieldBytes: limit)
        var out: [String] = []
        let emit: (Int, [Cell]) throws -> Bool = { line, cells in
            out.append("\(line) \(cells)")
            return out.count < stopAfter
        }
        for (k, b) in blocks.enumerated() {
            if b.chained {
                if !b.continues { chain.restart(line: b.firstLine) }
                do {
                    if !(try chain.feed(b.bytes, emit)) { out.append("stopped"); return out }
                    if b.last, !(try chain.finish(emit)) { out.append("stopped"); return out }
                } catch {
                    out.append("error \(error)")
                    return out
                }
            } else {
                let slot = CSVBlockQueue.Slot(block: b, failure: nil)
                CSVBlockQueue.parse(slot, with: &parsers[k % 2])
                for (line, cells) in slot.rows where !((try? emit(line, cells)) ?? false) { out.append("stopped"); return out }
                if let e = slot.parseFailure { out.append("error \(e)"); return out }
            }
        }
        return out
    }

    @Test func randomTextCutIntoBlocksParsesAsOneParserDoes() {
        var rng = SplitMix(seed: 1717)
        let atoms: [[UInt8]] = [[0x61], [0x62], Array("中".utf8), Array("张三丰".utf8), [0x2C], [0x2C], [0x3B], [0x22],
                                [0x22], [0x22, 0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0x20], Array("abcdefghijklm".utf8), [0x09],
                                Array("东湖第1社区东湖第1社区".utf8), [0x0A], [0x0A], [0xE4, 0xB8], [0xFF]]
        for round in 0..<6000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 60) { bytes += atoms[Int(rng.next() % UInt64(atoms.count))] }
            var cuts = (0..<Int(rng.next() % 6)).map { _ in Int(rng.next() % UInt64(bytes.count + 1)) }.sorted()
            cuts = [0] + cuts + [bytes.count]
            let pieces = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
            let limit = round % 4 == 0 ? 6 : 1 << 20
            let stop = round % 5 == 0 ? Int(rng.next() % 4) + 1 : .max
            let d: UInt8 = round % 7 == 0 ? 0x3B : 0x2C
            let minBlock = 1 + Int(rng.next() % 24)
            let maxHold = minBlock + Int(rng.next() % 40)
            let a = CSVParallelReadTests.blocked(pieces, limit: limit, stopAfter: stop, delimiter: d, minBlock: minBlock, maxHold: maxHold)
            let b = CSVParserDifferentialTests.fast(pieces, limit: limit, stopAfter: stop, delimiter: d)
            #expect(a == b, "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription) cut at \(cuts), blocks \(minBlock)/\(maxHold)")
        }
    }

    @Test func aCarriageReturnLastInAPieceIsNotCutBeforeItsLineFeed() {
        // Blocks of one byte: every record end is a cut, and CR LF split over two pieces stays one line break.
        let pieces: [[UInt8]] = [Array("a,b\r".utf8), Array("\nc,d\r".utf8), Array("e,f\r\n\r\ng\r".utf8), Array("\n".utf8)]
        var cutter = CSVRecordCutter(delimiter: 0x2C, minBlock: 1, maxHold: 1 << 20)
        var blocks: [CSVRecordCutter.Block] = []
        for p in pieces { blocks += p.withUnsafeBufferPointer { cutter.add($0) } }
        blocks.append(cutter.finish())
        // One block an add at most: the second ends after the CR LF its own piece completes.
        #expect(blocks.map { String(decoding: $0.bytes, as: UTF8.self) } == ["a,b\r\n", "c,d\re,f\r\n\r\n", "g\r\n", ""])
        #expect(blocks.map(\.firstLine) == [1, 2, 5, 6])
        #expect(blocks.map(\.last) == [false, false, false, true])
        let out = CSVParallelReadTests.blocked(pieces, limit: 1 << 20, stopAfter: .max, delimiter: 0x2C, minBlock: 1, maxHold: 1 << 20)
        #expect(out == CSVParserDifferentialTests.fast(pieces, limit: 1 << 20, stopAfter: .max, delimiter: 0x2C))
        #expect(out.map { String($0.prefix { $0 != " " }) } == ["1", "2", "3", "5"])
    }

    @Test func aRecordLongerThanTheHoldChainsTheRestOfTheStream() {
        let text = "a,b\n1,\"" + String(repeating: "x", count: 50) + "\n" + String(repeating: "y", count: 50) + "\"\n2,z\n"
        let bytes = Array(text.utf8)
        let pieces = stride(from: 0, to: bytes.count, by: 10).map { Array(bytes[$0..<min($0 + 10, bytes.count)]) }
        var cutter = CSVRecordCutter(delimiter: 0x2C, minBlock: 4, maxHold: 30)
        var blocks: [CSVRecordCutter.Block] = []
        for p in pieces { blocks += p.withUnsafeBufferPointer { cutter.add($0) } }
        blocks.append(cutter.finish())
        let chained = blocks.filter(\.chained)
        #expect(!chained.isEmpty)
        #expect(chained.first?.continues == false && chained.dropFirst().allSatisfy(\.continues))
        #expect(blocks.last?.chained == true && blocks.last?.last == true)
        #expect(blocks.flatMap(\.bytes) == bytes)
        let out = CSVParallelReadTests.blocked(pieces, limit: 1 << 20, stopAfter: .max, delimiter: 0x2C, minBlock: 4, maxHold: 30)
        #expect(out == CSVParserDifferentialTests.fast(pieces, limit: 1 << 20, stopAfter: .max, delimiter: 0x2C))
        #expect(out.map { String($0.prefix { $0 != " " }) } == ["1", "2", "4"])
    }

    /// A file read by ``CSVReader`` on two threads (`parallel`) or one: its rows, warnings and error.
    static func read(_ path: String, parallel: Bool, block: Int, chunk: Int, stopAfter: Int = .max,
                     options: ReadOptions = ReadOptions()) -> (rows: [Row], warnings: [String], error: String?) {
        var rows: [Row] = []
        do {
            let reader = try CSVReader(path: path, options: options)
            reader.parallelMinBytes = parallel ? 0 : -1
            reader.parallelBlockBytes = block
            reader.readChunkBytes = chunk
            #expect(reader.readsInParallel == (parallel && ProcessInfo.processInfo.activeProcessorCount > 1))
            do {
                try reader.forEachRow(in: reader.sheets[0]) { row in
                    rows.append(row)
                    return rows.count < stopAfter
                }
            } catch {
                return (rows, reader.warnings.map { $0.text(.en) }, (error as? SheetError)?.text(.en) ?? "\(error)")
            }
            return (rows, reader.warnings.map { $0.text(.en) }, nil)
        } catch {
            return (rows, [], "open: \(error)")
        }
    }

    /// Random rows of Chinese and ASCII text, some quoted over line breaks, some ragged, in mixed line breaks.
    static func randomCSV(_ rng: inout SplitMix, rows: Int) -> String {
        let words = ["张三", "李秀英", "东湖第1社区", "贫困母亲救助", "“两癌”救助", "439951198001010012", "2024-03-05", "2024/3/5",
                     "1200.50", "", "abc", "x", "社会捐赠", "第12笔"]
        var s = "姓名,身份证号,社区,项目,日期,金额\n"
        for r in 0..<rows {
            let width = r % 17 == 5 ? 4 : 6
            var fields: [String] = []
            for _ in 0..<width {
                let w = words[Int(rng.next() % UInt64(words.count))]
                switch rng.next() % 12 {
                case 0: fields.append("\"" + w + "\n" + w + "\"")
                case 1: fields.append("\"" + w + "\"\"," + w + "\"")
                case 2: fields.append("\"" + w + "\r\n\"")
                default: fields.append(w)
                }
            }
            s += fields.joined(separator: ",")
            switch rng.next() % 9 {
            case 0: s += "\r\n"
            case 1: s += "\r"
            case 2: s += "\n\n"
            default: s += "\n"
            }
        }
        return s
    }

    @Test func aFileReadOnTwoThreadsGivesTheRowsWarningsAndErrorsOfOne() throws {
        var rng = SplitMix(seed: 317)
        for round in 0..<120 {
            let text = CSVParallelReadTests.randomCSV(&rng, rows: 40 + Int(rng.next() % 400))
            var bytes: [UInt8]
            switch round % 5 {
            case 0: bytes = CSVReaderTests.gb18030(text)
            case 1: bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
            case 2: bytes = Array(("sep=,\n" + text).utf8)
            default: bytes = Array(text.utf8)
            }
            // Some files end in a record without a line break, in an unterminated quote, or (GB18030) in bytes
            // that are no GB18030.
            switch round % 6 {
            case 1: bytes += Array("末行,无换行".utf8)
            case 3: bytes += round % 5 == 0 ? CSVReaderTests.gb18030("\"没有结束\n后面") : Array("\"没有结束\n后面".utf8)
            case 4 where round % 5 == 0: bytes += [0x81, 0x20, 0x0A] + CSVReaderTests.gb18030("之后,还有\n")
            default: break
            }
            let path = try TempFile.write(bytes, name: "并行\(round).csv")
            // Blocks of a few records to many, reads of a few bytes to all of them.
            let block = round % 6 == 5 ? 1 + Int(rng.next() % 64) : 64 + Int(rng.next() % 3000)
            let chunk = round % 6 == 4 ? 1 + Int(rng.next() % 64) : 64 + Int(rng.next() % 5000)
            let stop = round % 4 == 2 ? 1 + Int(rng.next() % 200) : .max
            var options = ReadOptions()
            if round % 8 == 7 { options.limits.maxCellBytes = 20 }
            let one = CSVParallelReadTests.read(path, parallel: false, block: block, chunk: chunk, stopAfter: stop, options: options)
            let two = CSVParallelReadTests.read(path, parallel: true, block: block, chunk: chunk, stopAfter: stop, options: options)
            #expect(one.rows == two.rows, "round \(round), blocks \(block), chunks \(chunk)")
            #expect(one.warnings == two.warnings, "round \(round)")
            #expect(one.error == two.error, "round \(round)")
        }
    }

    @Test func theTwoThreadReadNamesTheLineOfBadGB18030Bytes() throws {
        var text = "姓名,金额\n"
        for i in 0..<3000 { text += "张三\(i),\"\(i)\n元\"\n" }
        let bytes = CSVReaderTests.gb18030(text) + [0x81, 0x20, 0x0A]
        let path = try TempFile.write(bytes, name: "坏并行.csv")
        let two = CSVParallelReadTests.read(path, parallel: true, block: 4096, chunk: 1000)
        let one = CSVParallelReadTests.read(path, parallel: false, block: 4096, chunk: 1000)
        // The rows of the reads before the one that failed to decode, then the error, as on one thread.
        #expect(two.rows.count == 2959 && two.rows.last?.number == 5916)
        #expect(two.rows == one.rows)
        #expect(two.error == "坏并行.csv, row 6002: the bytes on line 6002 are not valid GB18030; use --encoding to name the file's encoding")
        #expect(one.error == two.error)
    }

    @Test func longFilesAreReadOnTwoThreadsAndShortOnesOnOne() throws {
        let short = try TempFile.write(Array("a,b\n1,2\n".utf8), name: "短.csv")
        #expect(try CSVReader(path: short).readsInParallel == false)
        let long = try TempFile.write(Array(String(repeating: "张三,1200.50\n", count: 300_000).utf8), name: "长.csv")
        let reader = try CSVReader(path: long)
        #expect(reader.fileBytes == 300_000 * 15)
        #expect(reader.readsInParallel == (ProcessInfo.processInfo.activeProcessorCount > 1))
        var count = 0, lastLine = 0
        try reader.forEachRow(in: reader.sheets[0]) { row in
            count += 1
            lastLine = row.number
            return true
        }
        #expect(count == 300_000 && lastLine == 300_000)
    }
}
