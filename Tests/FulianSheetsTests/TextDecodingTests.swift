import Foundation
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
