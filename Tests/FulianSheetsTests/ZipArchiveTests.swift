import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

struct ZipArchiveTests {
    static func text(_ zip: ZipArchive, _ path: String) throws -> String {
        let entry = try #require(zip.entries.first { $0.path == path })
        var out: [UInt8] = []
        try zip.extract(entry, chunkSize: 7) { out.append(contentsOf: $0) }
        return String(decoding: out, as: UTF8.self)
    }

    static func reason(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let e as ZipArchive.Damaged { return e.reason.text(.en) } catch { return "\(type(of: error))" }
    }

    @Test func listsAndInflatesEntries() throws {
        let zip = try ZipArchive(path: Fixture.hostile("huge-dimension.xlsx"))
        #expect(zip.entries.map(\.path) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                            "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"])
        #expect(zip.entries.allSatisfy { $0.method == 8 && !$0.isDirectory })
        #expect(try ZipArchiveTests.text(zip, "xl/workbook.xml").hasPrefix("<workbook xmlns="))
        let sheet = try ZipArchiveTests.text(zip, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<dimension ref=\"A1:XFD1048576\"/>") && sheet.hasSuffix("</worksheet>"))
    }

    @Test func readsZIP64Fields() throws {
        let zip = try ZipArchive(path: Fixture.sheets("zip64.xlsx"))
        #expect(zip.entries.count == 7)
        #expect(try ZipArchiveTests.text(zip, "xl/workbook.xml").contains("<x:sheet name=\"前缀\""))
    }

    @Test func stoppingEarlySkipsTheCRCCheck() throws {
        struct Enough: Error {}
        let zip = try ZipArchive(path: Fixture.hostile("bad-crc.xlsx"))
        let entry = try #require(zip.entries.last)
        #expect(entry.method == 0)
        var first: [UInt8] = []
        #expect(throws: Enough.self) {
            try zip.extract(entry, chunkSize: 16) { first.append(contentsOf: $0); throw Enough() }
        }
        #expect(first.count == 16)
        #expect(ZipArchiveTests.reason { try zip.extract(entry) { _ in } } == "its CRC check fails")
        #expect(SheetsMessage.partUnreadable(part: "xl/sharedStrings.xml", reason: .crcFails).text(.zh)
                == "无法读取 xl/sharedStrings.xml：CRC 校验不通过；zip 不完整或已损坏")
    }

    @Test func damageIsNamed() throws {
        #expect(ZipArchiveTests.reason { _ = try ZipArchive(path: Fixture.hostile("not-a-zip.xlsx")) } == "it has no end-of-central-directory record")
        #expect(ZipArchiveTests.reason { _ = try ZipArchive(path: Fixture.hostile("truncated.xlsx")) } == "it has no end-of-central-directory record")
        #expect(ZipArchiveTests.reason { _ = try ZipArchive(path: TempFile.write(Array("PK".utf8), name: "tiny.zip")) } == "the file is too short to be a zip")
        let runaway = try ZipArchive(path: Fixture.hostile("runaway-deflate.xlsx"))
        #expect(ZipArchiveTests.reason { try runaway.extract(runaway.entries.last!) { _ in } } == "its compressed data ends before the deflate stream does")
        let encrypted = try ZipArchive(path: Fixture.hostile("zip-encrypted.xlsx"))
        #expect(ZipArchiveTests.reason { try encrypted.extract(encrypted.entries[2]) { _ in } } == "Encrypted")
    }

    /// Every chunk `extract` or `extractAhead` gives for an entry, and the error that ended it (nil if none).
    static func chunks(_ zip: ZipArchive, _ entry: ZipArchive.Entry, ahead: Bool, chunkSize: Int,
                       stopAfter: Int? = nil) -> (chunks: [[UInt8]], reason: String?) {
        struct Enough: Error {}
        var out: [[UInt8]] = []
        let reason = ZipArchiveTests.reason {
            let body = { (p: UnsafeBufferPointer<UInt8>) throws in
                out.append(Array(p))
                if let stopAfter, out.count == stopAfter { throw Enough() }
            }
            if ahead { try zip.extractAhead(entry, chunkSize: chunkSize, depth: 2, body) } else { try zip.extract(entry, chunkSize: chunkSize, body) }
        }
        return (out, reason)
    }

    @Test(arguments: ["hostile/huge-dimension.xlsx", "sheets/zip64.xlsx", "sheets/large-sheet.xlsx", "hostile/bad-crc.xlsx",
                      "hostile/runaway-deflate.xlsx", "hostile/zip-encrypted.xlsx"])
    func inflatingAheadGivesTheSameChunksAndErrors(file: String) throws {
        let zip = try ZipArchive(path: FixturePaths.fixture(file).path)
        for entry in zip.entries {
            for size in [7, 4096] {
                let one = ZipArchiveTests.chunks(zip, entry, ahead: false, chunkSize: size)
                let two = ZipArchiveTests.chunks(zip, entry, ahead: true, chunkSize: size)
                #expect(two.chunks == one.chunks, "\(file) \(entry.path) in chunks of \(size)")
                #expect(two.reason == one.reason, "\(file) \(entry.path)")
                // Stopped by the body after its third chunk: the body's error, and nothing after it.
                let stopped = ZipArchiveTests.chunks(zip, entry, ahead: true, chunkSize: size, stopAfter: 3)
                #expect(stopped.chunks == Array(one.chunks.prefix(3)))
                #expect(stopped.reason == (one.chunks.count >= 3 ? "Enough" : one.reason))
            }
        }
    }

    @Test func theDamageIsNamedAfterTheChunksBeforeIt() throws {
        let zip = try ZipArchive(path: Fixture.hostile("bad-crc.xlsx"))
        let entry = try #require(zip.entries.last)
        let (chunks, reason) = ZipArchiveTests.chunks(zip, entry, ahead: true, chunkSize: 16)
        #expect(reason == "its CRC check fails")
        // Every byte of the entry went through the body, in chunks of 16, before the CRC was found wrong.
        #expect(Int64(chunks.reduce(0) { $0 + $1.count }) == entry.uncompressedSize)
        #expect(chunks.count == Int((entry.uncompressedSize + 15) / 16) && chunks.dropLast().allSatisfy { $0.count == 16 })
        // The archive is whole again for the next entry once the inflating thread is done.
        #expect(try ZipArchiveTests.text(zip, "xl/workbook.xml").hasPrefix("<"))
    }
}
