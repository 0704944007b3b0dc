import Foundation
import Testing
import TestSupport
import ZIPFoundation

/// The same files imported into SQLite and into PostgreSQL give the same import accounts and the same
/// reports, byte for byte, in every format; `status` and the quarterly workbook agree too.
@Suite(.serialized, .enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
struct PostgresParityTests {
    /// The files of a corpus in import order (registers first), as paths relative to the workspace.
    static func demoFiles() -> [(dataset: String, path: String)] {
        ["orgs", "members", "aid", "activities"].flatMap { d -> [(dataset: String, path: String)] in
            let dir = FixturePaths.fixture("demo/" + d)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            return names.map { (d, "fixtures/demo/\(d)/\($0)") }
        }
    }

    static func sampleFiles() throws -> [(dataset: String, path: String)] {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: FixturePaths.samples.appendingPathComponent("manifest.json"))) as! [String: Any]
        return (manifest["files"] as! [[String: Any]]).map { ($0["dataset"] as! String, "samples/" + ($0["path"] as! String)) }
    }

    /// Every report kind with the options that change its SQL.
    static let reports: [[String]] = [
        ["aid"], ["aid", "--by-month", "--by-source"], ["aid", "--by", "none"], ["aid", "--by", "community"],
        ["coverage"], ["coverage", "--by", "community"], ["coverage", "--by", "none"],
        ["jobfairs"], ["jobfairs", "--by", "none"],
        ["members"], ["members", "--composition"], ["members", "--by", "district"],
        ["activities"], ["activities", "--by", "none"],
    ]

    /// Import accounts in ISO minutes vary with the clock: `2026-12-02 04:39` → `TIME`.
    static func timeless(_ s: String) -> String {
        s.replacingOccurrences(of: #"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?Z?"#, with: "TIME", options: .regularExpression)
    }

    func compare(_ files: [(dataset: String, path: String)], periods: [String]) throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pg = try PostgresTestServer.database()
        defer { pg.drop() }
        let stores = ["parity.sqlite", pg.uri]
        for f in files {
            let out = try stores.map { try CLIRunner.run(["import", f.dataset, f.path, "--format", "json", "--db", $0], in: dir) }
            #expect(out[0].status == 0 && out[1].status == 0, "\(f.path): \(out[0].stderr) \(out[1].stderr)")
            #expect(Self.timeless(out[1].stdout) == Self.timeless(out[0].stdout), "import \(f.path)")
            #expect(out[1].stderr == out[0].stderr, "import \(f.path)")
        }
        // --replace of the last file: the same account of what was removed and stored.
        if let last = files.last {
            let out = try stores.map { try CLIRunner.run(["import", last.dataset, last.path, "--replace", "--db", $0], in: dir) }
            #expect(out[0].status == 0 && out[1].status == 0, "\(out[0].stderr) \(out[1].stderr)")
            #expect(Self.timeless(out[1].stdout) == Self.timeless(out[0].stdout), "--replace \(last.path)")
            #expect(out[0].stdout.contains("replaced batch"), "\(out[0].stdout)")
        }
        var compared = 0
        for period in periods {
            for report in Self.reports {
                for format in ["table", "json", "csv"] {
                    let args = ["report"] + report + ["--period", period, "--compare", "--format", format]
                    let out = try stores.map { try CLIRunner.run(args + ["--db", $0], in: dir) }
                    #expect(out[0].status == 0, "\(args): \(out[0].stderr)")
                    #expect(out[1].status == out[0].status && out[1].stderr == out[0].stderr, "\(args): \(out[1].stderr)")
                    #expect(out[1].stdout == out[0].stdout, "\(args.joined(separator: " "))")
                    #expect(out[0].stdout.count > 100, "\(args): \(out[0].stdout)")
                    compared += 1
                }
            }
        }
        #expect(compared == periods.count * Self.reports.count * 3)
        // status: the same batches, tables and issues (the first line names the store).
        let status = try stores.map { try CLIRunner.run(["status", "--db", $0], in: dir) }
        #expect(status[0].status == 0 && status[1].status == 0, "\(status[1].stderr)")
        #expect(Self.timeless(status[1].stdout).split(separator: "\n").dropFirst() == Self.timeless(status[0].stdout).split(separator: "\n").dropFirst())
        // The quarterly workbook: every part the same (import times aside).
        for (i, store) in stores.enumerated() {
            let q = try CLIRunner.run(["report", "quarterly", "--period", periods[0], "--db", store, "-o", "q\(i).xlsx"], in: dir)
            #expect(q.status == 0, "\(q.stderr)")
        }
        let parts = try (0..<2).map { i in try Self.parts(of: dir.appendingPathComponent("q\(i).xlsx")) }
        #expect(parts[0].keys.sorted() == parts[1].keys.sorted())
        for (name, text) in parts[0] { #expect(Self.timeless(parts[1][name] ?? "") == Self.timeless(text), "workbook part \(name)") }
    }

    /// Every part of a workbook as text, by its path in the zip.
    static func parts(of url: URL) throws -> [String: String] {
        let archive = try Archive(url: url, accessMode: .read)
        var out: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            out[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return out
    }

    @Test func theDemoDistrictIsTheSameOnBothEngines() throws {
        try compare(Self.demoFiles(), periods: ["2024Q2", "2024"])
    }

    @Test(.enabled(if: FixturePaths.hasSamples)) func theSharedSamplesAreTheSameOnBothEngines() throws {
        try compare(try Self.sampleFiles(), periods: ["2024Q1", "2024Q2", "2024H1", "2024"])
    }
}
