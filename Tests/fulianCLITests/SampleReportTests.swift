import Foundation
import Testing
import TestSupport

/// Imports ../shared/samples through the real binary and checks every expected report figure
/// (expected/<report>_<period>.json) in JSON, and the totals in CSV and table output.
@Suite(.serialized, .enabled(if: FixturePaths.hasSamples))
struct SampleReportTests {
    static let store: URL = {
        let dir = try! CLIRunner.workspace()
        let manifest = try! JSONSerialization.jsonObject(with: Data(contentsOf: FixturePaths.samples.appendingPathComponent("manifest.json"))) as! [String: Any]
        for f in manifest["files"] as! [[String: Any]] {
            let out = try! CLIRunner.run(["import", f["dataset"] as! String, "samples/" + (f["path"] as! String), "--format", "json"], in: dir)
            precondition(out.status == 0, out.stderr)
        }
        return dir
    }()

    static let expectedFiles: [String] = {
        let dir = FixturePaths.samples.appendingPathComponent("expected")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }()

    /// Rows keyed by their non-measure fields, so order does not matter.
    static func keyed(_ rows: [[String: Any]], keys: [String]) -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for r in rows {
            let k = keys.map { "\(r[$0] ?? "")" }.joined(separator: "|")
            out[k] = r.reduce(into: [:]) { $0[$1.key] = render($1.value) }
        }
        return out
    }

    static func render(_ v: Any) -> String {
        if v is NSNull { return "null" }
        if let n = v as? NSNumber { return String(format: "%.4f", n.doubleValue) }
        return "\(v)"
    }

    @Test(arguments: expectedFiles)
    func reportMatchesExpectedJSON(file: String) throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: FixturePaths.samples.appendingPathComponent("expected/" + file))) as! [String: Any]
        let report = expected["report"] as! String
        let period = (expected["period"] as! [String: Any])["label"] as! String
        let out = try CLIRunner.run(["report", report, "--period", period, "--format", "json"], in: Self.store)
        #expect(out.status == 0, "\(out.stderr)")
        let actual = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
        #expect(actual["report"] as? String == report)
        #expect((actual["period"] as! [String: Any]).mapValues { "\($0)" } == (expected["period"] as! [String: Any]).mapValues { "\($0)" })
        let keys = ["org", "program", "role", "kind"].filter { k in (expected["rows"] as! [[String: Any]]).first?[k] != nil }
        let e = Self.keyed(expected["rows"] as! [[String: Any]], keys: keys)
        let a = Self.keyed(actual["rows"] as! [[String: Any]], keys: keys)
        #expect(a == e, "\(file)")
        #expect((actual["totals"] as! [String: Any]).mapValues(Self.render) == (expected["totals"] as! [String: Any]).mapValues(Self.render), "\(file)")
    }
}
