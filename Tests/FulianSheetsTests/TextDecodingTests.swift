import Foundation
import CTextSIMD
@testable import FulianSheets
import Testing
import TestSupport

struct TextDecodingTests {
    // MARK: Byte-order marks

    @Test func byteOrderMarksAreRecognised() {
        #expect(EncodingSniffer.bom([0xEF, 0xBB, 0xBF, 0x41])! == (.utf8BOM, 3))
        #expect(EncodingSniffer.bom([0xFF, 0xFE, 0x41, 0x00])! == (.utf16LE, 2))
        #expect(EncodingSniffer.bom([0xFE, 0xFF, 0x00, 0x41])! == (.utf16BE, 2))
        #expect(EncodingSniffer.bom([0xEF, 0xBB]) == nil)
        #expect(EncodingSniffer.bom(Array("a,b".utf8)) == nil)
    }

    // MARK: UTF-8 validation

    @Test(arguments: [
        ([UInt8]("plain ASCII, 中文, 𠀀".utf8), true),
        ([0xC0, 0x80], false),                    // overlong NUL
        ([0xE0, 0x80, 0x80], false),              // overlong three-byte form
        ([0xED, 0xA0, 0x80], false),              // a UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], false),        // above U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], false),        // no such lead byte
        ([0x80], false),                          // a lone continuation byte
        ([0xD6, 0xD0, 0xCE, 0xC4], false),        // 中文 in GB18030
    ])
    func utf8ValidationFollowsTheStandard(bytes: [UInt8], valid: Bool) {
        var v = EncodingSniffer.UTF8Validator()
        v.feed(bytes)
        #expect(v.complete == valid)
    }

    @Test func utf8ValidationCarriesSequencesAcrossChunks() {
        let bytes = [UInt8]("a中b𠀀c".utf8)
        var v = EncodingSniffer.UTF8Validator()
        for b in bytes { v.feed([b]) }
        #expect(v.valid && v.complete)
        var cut = EncodingSniffer.UTF8Validator()
        cut.feed(Array(bytes.prefix(2)))          // "a" and the first byte of 中
        #expect(cut.valid && !cut.complete)
    }

    @Test func detectionReadsTheWholeFile() throws {
        let utf8 = try ChunkedFile(path: TempFile.write(Array("x,中\n".utf8)), chunkSize: 2)
        #expect(try EncodingSniffer.detect(utf8, head: try utf8.next()) == .encoding(.utf8, bomLength: 0))
        let gb = try ChunkedFile(path: TempFile.write(Array("aaaa".utf8) + [0xD6, 0xD0]), chunkSize: 2)
        #expect(try EncodingSniffer.detect(gb, head: try gb.next()) == .encoding(.gb18030, bomLength: 0))
        let bom = try ChunkedFile(path: TempFile.write([0xFF, 0xFE, 0x41, 0x00]))
        #expect(try EncodingSniffer.detect(bom, head: try bom.next()) == .encoding(.utf16LE, bomLength: 2))
        let latin = try ChunkedFile(path: TempFile.write(Array("Name\nJos".utf8) + [0xE9, 0x2C] + Array("M".utf8) + [0xFC] + Array("ller".utf8)),
                                    chunkSize: 3)
        #expect(try EncodingSniffer.detect(latin, head: try latin.next()) == .implausible(suggest: .cp1252))
    }

    // MARK: GB18030 plausibility

    static func gb(_ s: String) -> [UInt8] { [UInt8](s.data(using: String.Encoding(rawValue: 0x8000_0632))!) }
    static func latin1(_ s: String) -> [UInt8] { [UInt8](s.data(using: .isoLatin1)!) }
    static func cp1252(_ s: String) -> [UInt8] { [UInt8](s.data(using: .windowsCP1252)!) }

    @Test(arguments: [
        ("姓名,金额\n张三,100\n李四,200", true),
        ("朱镕基,总理", true),                  // 镕 is a GBK extension (E9 46): one rare among common characters
        ("𠀀", false),                           // a lone four-byte sequence is not evidence of Chinese
    ])
    func chineseTextInGB18030IsPlausible(text: String, plausible: Bool) {
        var p = GB18030Plausibility()
        p.feed(TextDecodingTests.gb(text))
        #expect(p.isPlausible == plausible)
    }

    @Test func westernTextIsNotPlausibleGB18030() {
        for bytes in [TextDecodingTests.latin1("Müller,Köln\nZoë,Besançon\nJosé,São Paulo"),
                      TextDecodingTests.cp1252("Preis,“5 €”\nNaïve,Œuvre"), [0x80]] {
            var p = GB18030Plausibility()
            p.feed(bytes)
            #expect(!p.isPlausible, "\(bytes)")
            #expect(p.singleByteGuess == .cp1252)
        }
        var undefined = GB18030Plausibility()
        undefined.feed([0x41, 0x81, 0x20, 0xE9])         // 0x81 has no CP1252 character: only Latin-1 reads it
        #expect(!undefined.isPlausible && undefined.singleByteGuess == .latin1)
    }

    @Test func plausibilityCarriesSequencesAcrossChunks() {
        let bytes = TextDecodingTests.gb("张三李四𠀀")
        var p = GB18030Plausibility()
        for b in bytes { p.feed([b]) }
        #expect(p.common == 4 && p.fourByte == 1 && p.rare == 0 && p.invalid == 0 && p.isPlausible)
    }

    @Test func utf16WithoutAByteOrderMarkIsRecognised() {
        let le = Array("name,city\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(EncodingSniffer.utf16WithoutBOM(le[...]) == .utf16LE)
        #expect(EncodingSniffer.utf16WithoutBOM(Array(le.dropFirst())[...] + [0]) == .utf16BE)
        #expect(EncodingSniffer.utf16WithoutBOM(Array("plain text".utf8)[...]) == nil)
    }

    @Test func singleByteEncodingsDecode() throws {
        let latin = UTF8Transcoder(from: .latin1), cp = UTF8Transcoder(from: .cp1252)
        #expect(latin.isAvailable && cp.isAvailable)
        #expect(try String(decoding: #require(latin.convert([0x4D, 0xFC, 0x81], final: true)), as: UTF8.self) == "Mü\u{81}")
        #expect(try String(decoding: #require(cp.convert([0x80, 0x93, 0x94, 0xE9], final: true)), as: UTF8.self) == "€“”é")
        #expect(cp.convert([0x81], final: true) == nil)      // undefined in CP1252
    }

    @Test(arguments: [
        ("latin1", TextEncoding.latin1), ("Latin-1", .latin1), ("ISO-8859-1", .latin1), ("iso8859_1", .latin1),
        ("cp1252", .cp1252), ("windows-1252", .cp1252), ("WINDOWS_1252", .cp1252),
        ("utf-16le", .utf16LE), ("utf-16be", .utf16BE), ("gbk", .gb18030),
    ])
    func encodingNamesParse(name: String, encoding: TextEncoding) {
        #expect(TextEncoding(name: name) == encoding)
        #expect(TextEncoding(name: encoding.optionName) == encoding)
    }

    // MARK: Transcoding

    @Test func gb18030SequencesSplitAcrossChunksAreCarried() throws {
        let bytes = [UInt8]("杨𠀀思".data(using: String.Encoding(rawValue: 0x8000_0632))!)
        #expect(bytes == [0xD1, 0xEE, 0x95, 0x32, 0x82, 0x36, 0xCB, 0xBC])
        let tc = UTF8Transcoder(from: .gb18030)
        #expect(tc.isAvailable)
        var out: [UInt8] = []
        for b in bytes { out += try #require(tc.convert([b], final: false)) }
        out += try #require(tc.convert([], final: true))
        #expect(String(decoding: out, as: UTF8.self) == "杨𠀀思")
    }

    @Test func aDanglingSequenceAtTheEndIsAnError() throws {
        let tc = UTF8Transcoder(from: .gb18030)
        #expect(tc.convert([0x41, 0xD1], final: false) == [0x41])
        #expect(tc.convert([], final: true) == nil)
    }

    @Test func anInvalidSequenceKeepsWhatDecodedBeforeIt() {
        let tc = UTF8Transcoder(from: .gb18030)
        #expect(tc.convert(Array("ab\nc".utf8) + [0x81, 0x20] + Array("d".utf8), final: false) == nil)
        #expect(tc.partial == Array("ab\nc".utf8))
        #expect(tc.convert(Array("ok".utf8), final: true) == Array("ok".utf8))
        #expect(tc.partial.isEmpty)
    }

    @Test func utf16InBothByteOrders() throws {
        let le = UTF8Transcoder(from: .utf16LE), be = UTF8Transcoder(from: .utf16BE)
        // 中 = U+4E2D; 𠀀 = D840 DC00.
        #expect(le.convert([0x2D, 0x4E, 0x40], final: false) == Array("中".utf8))
        #expect(le.convert([0xD8, 0x00, 0xDC], final: true) == Array("𠀀".utf8))
        #expect(be.convert([0x4E, 0x2D, 0xD8, 0x40, 0xDC, 0x00], final: true) == Array("中𠀀".utf8))
    }

    @Test func utf8PassesThroughUntouched() {
        let tc = UTF8Transcoder(from: .utf8)
        #expect(tc.convert([0xE4, 0xB8], final: false) == [0xE4, 0xB8])
        #expect(UTF8Transcoder(from: .utf8BOM).isAvailable)
    }

    // MARK: Chunked reading

    @Test func chunkedFileReadsInPiecesAndRewinds() throws {
        let f = try ChunkedFile(path: TempFile.write(Array("abcdefg".utf8)), chunkSize: 3)
        #expect(try f.next() == Array("abc".utf8))
        #expect(try f.next() == Array("def".utf8))
        #expect(try f.next() == Array("g".utf8))
        #expect(try f.next() == [])
        try f.rewind()
        #expect(try f.next() == Array("abc".utf8))
    }

    @Test func chunkedFileNamesAMissingFile() {
        expectSheetError(.unreadable, file: "missing.csv", "cannot be opened") {
            _ = try ChunkedFile(path: "/nonexistent/missing.csv")
        }
    }
}

/// The GB18030 table decoder against iconv alone (issue #17): the same UTF-8, the same errors, the same
/// bytes carried to the next chunk, on every two- and four-byte sequence and on random bytes.
struct GB18030TableTests {
    /// What a transcoder makes of the chunks: per chunk the UTF-8 or nil with the partial output.
    static func run(_ chunks: [[UInt8]], fast: Bool) -> [String] {
        let t = UTF8Transcoder(from: .gb18030, fastGB18030: fast)
        var out: [String] = []
        for (k, c) in chunks.enumerated() {
            if let u = t.convert(c, final: k == chunks.count - 1) {
                out.append("ok \(u)")
            } else {
                out.append("bad \(t.partial)")
                break
            }
        }
        return out
    }

    @Test func theTableIsBuilt() {
        #expect(GB18030Table.shared != nil)
    }

    @Test func everyTwoByteSequenceDecodesAsIconvDoes() {
        let fast = UTF8Transcoder(from: .gb18030), slow = UTF8Transcoder(from: .gb18030, fastGB18030: false)
        var mismatches = 0
        for lead in 0x80...0xFF {
            for trail in 0...0xFF {
                let bytes: [UInt8] = [0x41, UInt8(lead), UInt8(trail), 0x42]
                let a = fast.convert(bytes, final: true), b = slow.convert(bytes, final: true)
                if a != b || fast.partial != slow.partial { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func everyFourByteSequenceDecodesAsIconvDoes() {
        let fast = UTF8Transcoder(from: .gb18030), slow = UTF8Transcoder(from: .gb18030, fastGB18030: false)
        var mismatches = 0
        for b1 in 0x81...0xFE {
            for b2 in 0x30...0x39 {
                var group: [UInt8] = []
                for b3 in 0x81...0xFE { for b4 in 0x30...0x39 { group += [UInt8(b1), UInt8(b2), UInt8(b3), UInt8(b4)] } }
                let b = slow.convert(group, final: true)
                if b != nil {
                    if fast.convert(group, final: true) != b { mismatches += 1 }
                    continue
                }
                // Some sequence of the group is invalid: each one alone, with ASCII around it.
                for k in stride(from: 0, to: group.count, by: 4) {
                    let one = [0x41] + group[k..<k + 4] + [0x42]
                    let x = fast.convert(one, final: true), y = slow.convert(one, final: true)
                    if x != y || fast.partial != slow.partial { mismatches += 1 }
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func fourByteSequencesCutAtEveryChunkEndCarryOver() {
        // 𠀀 (four bytes), 中 (two), ASCII, and a valid BMP four-byte sequence, cut at every place, in two and three pieces.
        let bytes: [UInt8] = [0x95, 0x32, 0x82, 0x36, 0xD6, 0xD0, 0x41, 0x81, 0x30, 0x81, 0x30, 0x42]
        let whole = GB18030TableTests.run([bytes], fast: false)
        #expect(whole.first?.hasPrefix("ok") == true)
        for i in 0...bytes.count {
            for j in i...bytes.count {
                let pieces = [Array(bytes[..<i]), Array(bytes[i..<j]), Array(bytes[j...])]
                #expect(GB18030TableTests.run(pieces, fast: true) == GB18030TableTests.run(pieces, fast: false), "cut at \(i), \(j)")
            }
        }
    }

    @Test func randomBytesDecodeAsIconvDoes() {
        var rng = SplitMix(seed: 18030)
        let pool: [UInt8] = [0x00, 0x0A, 0x0D, 0x2C, 0x30, 0x35, 0x39, 0x41, 0x7F, 0x80, 0x81, 0x84, 0x90, 0xA1, 0xB0,
                             0xD6, 0xD0, 0xE3, 0xFE, 0xFF, 0x40, 0x7E, 0xA0]
        for round in 0..<3000 {
            let n = Int(rng.next() % 40)
            let bytes = (0..<n).map { _ in rng.next() % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : pool[Int(rng.next() % UInt64(pool.count))] }
            var cuts = (0..<Int(rng.next() % 4)).map { _ in Int(rng.next() % UInt64(n + 1)) }.sorted()
            cuts = [0] + cuts + [n]
            let pieces = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
            #expect(GB18030TableTests.run(pieces, fast: true) == GB18030TableTests.run(pieces, fast: false), "round \(round): \(bytes)")
        }
    }
}

/// A small deterministic generator for the random tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The UTF-8 validator (eight bytes at a time over ASCII, whole sequences at once) against the standard
/// library's validation, on random bytes cut into random chunks.
struct UTF8ValidatorRandomTests {
    @Test func randomBytesValidateAsTheStandardLibraryDoes() {
        var rng = SplitMix(seed: 8)
        let pool: [UInt8] = [0x41, 0x2C, 0x0A, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE4,
                             0xB8, 0xAD, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for round in 0..<5000 {
            let n = Int(rng.next() % 48)
            var bytes = (0..<n).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
            if round % 3 == 0 { bytes = Array("中文,abcdefgh,𠀀é".utf8) + bytes }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            var cuts = (0..<Int(rng.next() % 4)).map { _ in Int(rng.next() % UInt64(bytes.count + 1)) }.sorted()
            cuts = [0] + cuts + [bytes.count]
            var v = EncodingSniffer.UTF8Validator()
            for (a, b) in zip(cuts, cuts.dropFirst()) { v.feed(Array(bytes[a..<b])) }
            #expect(v.complete == expected, "round \(round): \(bytes) cut at \(cuts)")
        }
    }

    @Test func validTextWithOneByteChangedValidatesAsTheStandardLibraryDoes() {
        // Runs of sequences of every length (the validator checks those four bytes at a time), one byte
        // replaced by a byte that may break a sequence, start one, or make an overlong or surrogate form.
        var rng = SplitMix(seed: 9)
        let atoms = ["a", "中文", "é", "𠀀", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}", ",1"]
            .map { Array($0.utf8) }
        let bad: [UInt8] = [0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x41]
        for round in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 24) { bytes += atoms[Int(rng.next() % UInt64(atoms.count))] }
            if !bytes.isEmpty && round % 4 != 0 { bytes[Int(rng.next() % UInt64(bytes.count))] = bad[Int(rng.next() % UInt64(bad.count))] }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let cut = Int(rng.next() % UInt64(bytes.count + 1))
            var v = EncodingSniffer.UTF8Validator()
            v.feed(Array(bytes[..<cut]))
            v.feed(Array(bytes[cut...]))
            #expect(v.complete == expected, "round \(round): \(bytes) cut at \(cut)")
            // The check of a whole text (a CSV field) says the same, and tells ASCII apart.
            let verdict = bytes.withUnsafeBufferPointer { EncodingSniffer.UTF8Validator.check($0) }
            #expect(verdict == (!expected ? .invalid : bytes.allSatisfy { $0 < 0x80 } ? .ascii : .valid), "round \(round): \(bytes)")
            for end in [bytes.count - 1, bytes.count - 2, bytes.count - 3] where end >= 0 {
                let part = Array(bytes[..<end])
                let partExpected = String(validating: part, as: UTF8.self) != nil
                #expect((part.withUnsafeBufferPointer { EncodingSniffer.UTF8Validator.check($0) } != .invalid) == partExpected,
                        "round \(round): \(part)")
            }
        }
    }
}

/// The AVX2 validator (`fulian_utf8_validate`, C) against the standard library's validation: texts longer
/// than its 32-byte blocks, with errors placed on every side of a block's edge, and the chunked validator
/// that hands it the middle of each chunk.
struct SIMDUTF8ValidatorTests {
    /// Whether this processor has AVX2 (then the C validator must answer, not decline).
    static let hasAVX2: Bool = {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
        return info.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains("avx2") }
    }()

    static func simd(_ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBufferPointer { fulian_utf8_validate($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
    }

    @Test(arguments: [
        ([UInt8](), true),
        ([UInt8]("plain ASCII, 中文, 𠀀, é, \u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}".utf8), true),
        ([0xC0, 0x80], false), ([0xC1, 0xBF], false),                     // overlong two-byte forms
        ([0xE0, 0x80, 0x80], false), ([0xE0, 0x9F, 0xBF], false),         // overlong three-byte forms
        ([0xED, 0xA0, 0x80], false), ([0xED, 0xBF, 0xBF], false),         // UTF-16 surrogates
        ([0xF0, 0x80, 0x80, 0x80], false), ([0xF0, 0x8F, 0xBF, 0xBF], false),   // overlong four-byte forms
        ([0xF4, 0x90, 0x80, 0x80], false),                                // above U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], false), ([0xFF], false), ([0xF8, 0x88, 0x80, 0x80, 0x80], false),
        ([0x80], false), ([0x41, 0xBF], false),                           // lone continuation bytes
        ([0xE4, 0xB8], false), ([0xF0, 0xA0, 0x80], false), ([0xC3], false),   // cut at the end
        ([0xE4, 0xB8, 0xAD, 0x80], false),                                // one continuation too many
        ([0xD6, 0xD0, 0xCE, 0xC4], false),                                // 中文 in GB18030
    ])
    func knownCasesValidateAsTheStandardSays(bytes: [UInt8], valid: Bool) {
        #expect((String(validating: bytes, as: UTF8.self) != nil) == valid)   // the cases say what the standard says
        // The same bytes at every offset into a block of ASCII, so each error falls on every side of an edge.
        for lead in 0..<70 {
            let text = Array(repeating: UInt8(ascii: "a"), count: lead) + bytes
            let r = SIMDUTF8ValidatorTests.simd(text)
            if SIMDUTF8ValidatorTests.hasAVX2 { #expect(r != -1) }
            if r != -1 { #expect((r == 1) == valid, "\(bytes) after \(lead) ASCII bytes") }
            let chinese = Array(String(repeating: "中", count: lead).utf8) + bytes
            let c = SIMDUTF8ValidatorTests.simd(chinese)
            if c != -1 { #expect((c == 1) == valid, "\(bytes) after \(lead) Chinese characters") }
        }
    }

    @Test func randomTextsValidateAsTheStandardLibraryDoes() {
        var rng = SplitMix(seed: 17)
        let atoms = ["a", "中文", "é", "𠀀", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}",
                     ",1", "东湖街道第一社区", "439951198001010012"].map { Array($0.utf8) }
        let bad: [UInt8] = [0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4,
                            0xF5, 0xFF, 0x41, 0x00]
        var invalid = 0
        for round in 0..<6000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 80) { bytes += atoms[Int(rng.next() % UInt64(atoms.count))] }
            // Most rounds break the text: a byte replaced, or one or two inserted.
            for _ in 0..<Int(rng.next() % 3) where !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count)), b = bad[Int(rng.next() % UInt64(bad.count))]
                if rng.next() % 2 == 0 { bytes[at] = b } else { bytes.insert(b, at: at) }
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if !expected { invalid += 1 }
            let r = SIMDUTF8ValidatorTests.simd(bytes)
            if SIMDUTF8ValidatorTests.hasAVX2 { #expect(r != -1) }
            if r != -1 { #expect((r == 1) == expected, "round \(round): \(bytes)") }
            // The chunked validator, which gives the C one each chunk's middle, cut anywhere.
            let cut = Int(rng.next() % UInt64(bytes.count + 1))
            var v = EncodingSniffer.UTF8Validator()
            v.feed(Array(bytes[..<cut]))
            v.feed(Array(bytes[cut...]))
            #expect(v.complete == expected, "round \(round): \(bytes) cut at \(cut)")
        }
        #expect(invalid > 2000 && invalid < 5000)   // both verdicts well tried
    }
}
