import FulianAnalytics
import FulianCore
import FulianStore
import Foundation
import Testing

/// Reference outputs in `fixtures/golden/reports/`. To change one deliberately:
/// `FULIAN_RECORD_GOLDEN=1 swift test --scratch-path .build-analytics --filter FulianAnalyticsTests` rewrites
/// the files and FAILS on purpose; review the diff, then run again without the variable.
enum Golden {
    /// The repository root: three levels above this file (Tests/FulianAnalyticsTests/GoldenReportTests.swift).
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var directory: URL { root.appendingPathComponent("fixtures/golden/reports") }

    static var recording: Bool { ProcessInfo.processInfo.environment["FULIAN_RECORD_GOLDEN"] == "1" }

    /// Compares `text` with the stored file `name`, or records it (and fails) when recording.
    static func check(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
                Issue.record("recorded \(name): review it, then run the tests without FULIAN_RECORD_GOLDEN", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("no golden file \(name): record it with FULIAN_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        let stored = String(decoding: data, as: UTF8.self)
        if stored != text {
            let a = stored.components(separatedBy: "\n"), b = text.components(separatedBy: "\n")
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("""
                \(name) differs from the golden file at line \(i + 1):
                  stored: \(i < a.count ? a[i] : "<end>")
                  now:    \(i < b.count ? b[i] : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }
}

@Suite("Golden report outputs")
struct GoldenReportTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var kind: ReportKind
        var period: String
        var by: OrgLevel = .street
        var compare = false
        var kinds: [String] = []
        var breakdowns: Set<ReportBreakdown> = []
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "aid_2024Q1_street.json", kind: .aid, period: "2024Q1"),
        Case(file: "aid_2024Q1_community.json", kind: .aid, period: "2024Q1", by: .community),
        Case(file: "aid_2024Q1_none_source_month.json", kind: .aid, period: "2024Q1", by: .none, breakdowns: [.source, .month]),
        Case(file: "aid_2024Q1_compare.json", kind: .aid, period: "2024Q1", compare: true),
        Case(file: "coverage_2024Q1_street.json", kind: .coverage, period: "2024Q1"),
        Case(file: "coverage_2024Q2_compare.json", kind: .coverage, period: "2024Q2", compare: true),
        Case(file: "coverage_2024Q1_newsector_community.json", kind: .coverage, period: "2024Q1", by: .community,
             kinds: ["enterprise", "social_org"]),
        Case(file: "coverage_2024Q1_none.json", kind: .coverage, period: "2024Q1", by: .none),
        Case(file: "jobfairs_2024Q1_compare.json", kind: .jobfairs, period: "2024Q1", compare: true),
        Case(file: "jobfairs_2024-03_district.json", kind: .jobfairs, period: "2024-03", by: .district),
        Case(file: "members_2024Q1_composition.json", kind: .members, period: "2024Q1", breakdowns: [.composition]),
        Case(file: "members_2024_community.json", kind: .members, period: "2024", by: .community),
        Case(file: "activities_2024H1_street.json", kind: .activities, period: "2024H1"),
        Case(file: "activities_2030Q1_empty.json", kind: .activities, period: "2030Q1"),
    ]

    static func result(_ c: Case) throws -> ReportResult {
        try Reports.run(
            ReportRequest(kind: c.kind, period: R.period(c.period), by: c.by, compare: c.compare, kinds: c.kinds,
                          breakdowns: c.breakdowns),
            in: SyntheticStore.make())
    }

    @Test(arguments: cases)
    func json(_ c: Case) throws {
        let text = ReportRendering.json(try Self.result(c))
        // Always valid JSON, whatever the golden file says.
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
        Golden.check(c.file, text)
    }

    @Test func tablesCSVAndExplanation() throws {
        let store = try SyntheticStore.make()
        let aid = try Reports.run(ReportRequest(kind: .aid, period: R.period("2024Q1"), compare: true), in: store)
        Golden.check("aid_2024Q1_compare.txt", ReportRendering.text(aid, language: .en))
        Golden.check("aid_2024Q1_compare.csv", ReportRendering.csv(aid, language: .en))
        let coverage = try Reports.run(ReportRequest(kind: .coverage, period: R.period("2024Q1")), in: store)
        Golden.check("coverage_2024Q1_street.txt", ReportRendering.text(coverage, language: .zh))
        Golden.check("coverage_2024Q1_street.csv", ReportRendering.csv(coverage, bom: true, language: .zh))
        let members = try Reports.run(
            ReportRequest(kind: .members, period: R.period("2024Q1"), breakdowns: [.composition]), in: store)
        Golden.check("members_2024Q1_composition.txt", ReportRendering.text(members, language: .en))
        Golden.check("members_2024Q1_composition.zh.txt", ReportRendering.text(members, language: .zh))
        let plain = try Reports.run(ReportRequest(kind: .aid, period: R.period("2024Q1")), in: store)
        Golden.check("aid_2024Q1_street.explain.txt", plain.explanation.text(.en))
    }
}
