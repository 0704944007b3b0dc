import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

struct CompoundFileTests {
    @Test func findsTheWorkbookStreamOfAnXLS() throws {
        let cf = try CompoundFile(bytes: Fixture.bytes("sheets/xlwt-types.xls"))
        #expect(cf.streams["Workbook"] != nil)
        let stream = try #require(try cf.stream("Workbook"))
        #expect(Array(stream.prefix(2)) == [0x09, 0x08])                // BIFF8 BOF record
        #expect(try cf.stream("NoSuchStream") == nil)
        // Stream names compare case-insensitively (other writers say WORKBOOK).
        #expect(try cf.stream("WORKBOOK") == stream && cf.hasStream("workbook") && !cf.hasStream("Book"))
    }

    @Test func readsTheWorkbookGlobalsFromBIFF() throws {
        let cf = try CompoundFile(bytes: Fixture.bytes("sheets/xlwt-types.xls"))
        let stream = try #require(try cf.stream("Workbook"))
        let wb = try stream.withUnsafeBytes { try BIFFWorkbook(stream: $0) }
        #expect(wb.version == .biff8 && wb.dateSystem == .system1900)
        #expect(wb.sheets.map(\.name) == ["名册", "隐藏", "最后"])
        #expect(wb.sheets.map(\.visibility) == [.visible, .hidden, .visible])
        #expect(wb.sheets.map(\.isWorksheet) == [true, true, true])
    }

    @Test func aFILEPASSRecordMeansEncrypted() throws {
        let cf = try CompoundFile(bytes: Fixture.bytes("hostile/filepass.xls"))
        let stream = try #require(try cf.stream("Workbook"))
        #expect(throws: BIFFFailure.encrypted) { _ = try stream.withUnsafeBytes { try BIFFWorkbook(stream: $0) } }
    }

    @Test func damagedContainersAreNamed() throws {
        func reason(_ bytes: [UInt8]) -> String? {
            do { _ = try CompoundFile(bytes: bytes); return nil } catch let e as CompoundFile.Damaged { return e.reason.text(.en) } catch { return "\(error)" }
        }
        #expect(reason(Array(FormatDetection.ole2Magic)) == "no OLE2 header")
        #expect(reason([UInt8](repeating: 0, count: 512)) == "no OLE2 header")
        #expect(reason(try Fixture.bytes("hostile/ole2-garbage.xls")) == "unusual sector size")
        #expect(reason(try Fixture.bytes("hostile/ole2-cyclic.xls")) == "cyclic sector chain")
        #expect(SheetsMessage.damagedContainer(reason: .cyclicSectorChain).text(.zh) == "不是可读取的 XLS 文件：OLE2 容器已损坏（扇区链循环）")
        #expect(SheetsMessage.damagedContainer(reason: .cyclicSectorChain).text(.en) == "not a readable XLS file: the OLE2 container is damaged (cyclic sector chain)")
        var cut = try Fixture.bytes("sheets/xlwt-types.xls")
        cut.removeLast(cut.count - 1024)
        #expect(reason(cut) != nil)
    }

    @Test func streamsOfTheHandBuiltContainers() throws {
        let cf = try CompoundFile(bytes: Fixture.bytes("hostile/encrypted.xlsx"))
        #expect(Set(cf.streams.keys) == ["EncryptionInfo", "EncryptedPackage"])
        #expect(try cf.stream("EncryptedPackage")?.prefix(8) == [0xD2, 0x04, 0, 0, 0, 0, 0, 0][...])
    }
}
