import Foundation
import FulianCore
import FulianImport
import FulianStore
import Testing
import TestSupport

/// Imports ../shared/samples in the manifest's order and checks every per-file expectation.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: FixturePaths.samples.path)))
struct SampleCorpusTests {
    struct Expected: Decodable {
        struct Reject: Decodable { var row: Int; var reason: String }
        struct Duplicate: Decodable { var row: Int }
        var path: String
        var dataset: String
        var expected_loaded: Int
        var expected_rejected: Int
        var rejects: [Reject]
        var duplicates_skipped: Int
        var duplicate_rows: [Duplicate]
        var footer_mismatch_warning: Bool
        var gender_warning_rows: [Int]
    }
    struct Manifest: Decodable { var files: [Expected] }

    /// The manifest's reason names where they differ from fulian's stable categories.
    static func category(_ reason: String) -> String { reason == "unparseable-date" ? "bad-date" : reason }

    @Test func everyFileImportsWithTheManifestCounts() throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: FixturePaths.samples.appendingPathComponent("manifest.json")))
        let store = try Store(inMemory: ())
        var totals = (loaded: 0, rejected: 0, duplicates: 0)
        for f in manifest.files {
            let path = FixturePaths.samples.appendingPathComponent(f.path).path
            let r = try store.importFile(FileImportRequest(path: path, options: ImportOptions(dataset: Dataset(rawValue: f.dataset)!)))
            let errors = r.issues.filter { $0.severity == .error }
            #expect(r.loaded == f.expected_loaded, "\(f.path) loaded \(r.loaded): \(errors)")
            #expect(r.rejected == f.expected_rejected, "\(f.path): \(errors)")
            #expect(Set(errors.map { "\($0.row!) \($0.category)" }) == Set(f.rejects.map { "\($0.row) \(Self.category($0.reason))" }), "\(f.path)")
            #expect(r.duplicates == f.duplicates_skipped, "\(f.path)")
            #expect(r.issues.filter { $0.category == "duplicate" }.map { $0.row! } == f.duplicate_rows.map(\.row), "\(f.path)")
            #expect(r.issues.contains { $0.category == "footer-mismatch" } == f.footer_mismatch_warning, "\(f.path)")
            #expect(r.issues.filter { $0.category == "gender-mismatch" }.map { $0.row! } == f.gender_warning_rows, "\(f.path)")
            totals.loaded += r.loaded
            totals.rejected += r.rejected
            totals.duplicates += r.duplicates
        }
        #expect(totals.loaded == 447)
        #expect(totals.rejected == 6)
        #expect(totals.duplicates == 5)
    }

    @Test func reimportingTheSameFileIsANoOp() throws {
        let store = try Store(inMemory: ())
        let orgs = FixturePaths.samples.appendingPathComponent("orgs/沅阳区妇联组织建设情况登记表.xlsx").path
        let aid = FixturePaths.samples.appendingPathComponent("aid/贫困母亲救助_2024Q2.csv").path
        _ = try store.importFile(FileImportRequest(path: orgs, options: ImportOptions(dataset: .orgs)))
        let first = try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid)))
        let again = try store.importFile(FileImportRequest(path: aid, options: ImportOptions(dataset: .aid)))
        #expect(first.status == .imported)
        #expect(again.status == .alreadyImported)
        #expect(again.batchId == first.batchId)
        let count = try store.dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM disbursement") }
        #expect(count == 16)
    }
}
