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
        #expect(try EncodingSniffer.detect(utf8, head: try utf8.next()) == (.utf8, 0))
        let gb = try ChunkedFile(path: TempFile.write(Array("aaaa".utf8) + [0xD6, 0xD0]), chunkSize: 2)
        #expect(try EncodingSniffer.detect(gb, head: try gb.next()) == (.gb18030, 0))
        let bom = try ChunkedFile(path: TempFile.write([0xFF, 0xFE, 0x41, 0x00]))
        #expect(try EncodingSniffer.detect(bom, head: try bom.next()) == (.utf16LE, 2))
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
