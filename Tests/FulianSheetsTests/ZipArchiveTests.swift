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
}
