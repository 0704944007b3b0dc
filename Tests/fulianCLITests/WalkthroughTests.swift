import Foundation
import Testing
import TestSupport

/// Executes every walkthrough in notebooks-docs/: each ```console block is a sequence of `$ command`
/// lines, each followed by the output the page promises. Output drifting from the page fails.
///
/// Conventions: commands run with `/bin/sh` in a fresh directory where `fixtures/` is the repository's
/// fixtures folder; one directory per page, so later blocks see earlier blocks' files. A command
/// expected to fail ends its output with `[exit N]`. Timestamps are shown as `<time>`. Pages show what a user
/// sees by default: Chinese (a command may still say `--lang en`).
/// Set FULIAN_RECORD_DOCS=1 to rewrite the pages with the actual output (the test then fails, so a
/// recording is never accepted silently).
@Suite(.serialized) struct WalkthroughTests {
    static let pages: [String] = {
        let dir = FixturePaths.root.appendingPathComponent("notebooks-docs")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }()

    struct Step { var command: String; var expected: [String]; var lineRange: Range<Int> }

    static func steps(in text: String) -> [Step] {
        var steps: [Step] = []
        var inBlock = false
        let lines = text.components(separatedBy: "\n")
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("```console") { inBlock = true; continue }
            if inBlock && line.hasPrefix("```") { inBlock = false; continue }
            guard inBlock else { continue }
            if line.hasPrefix("$ ") {
                steps.append(Step(command: String(line.dropFirst(2)), expected: [], lineRange: (i + 1)..<(i + 1)))
            } else if !steps.isEmpty {
                steps[steps.count - 1].expected.append(line)
                steps[steps.count - 1].lineRange = steps[steps.count - 1].lineRange.lowerBound..<(i + 1)
            }
        }
        return steps
    }

    static func normalize(_ s: String, workspace: URL) -> [String] {
        var t = s.replacingOccurrences(of: workspace.path + "/", with: "")
        t = t.replacingOccurrences(of: workspace.path, with: ".")
        t = t.replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/, with: "<time>")
        t = t.replacing(/\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?/, with: "<time>")
        var lines = t.components(separatedBy: "\n").map { $0.replacing(/\s+$/, with: "") }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test(arguments: pages)
    func walkthroughOutputMatchesThePage(page: String) throws {
        let url = FixturePaths.root.appendingPathComponent("notebooks-docs").appendingPathComponent(page)
        let text = try String(contentsOf: url, encoding: .utf8)
        let steps = Self.steps(in: text)
        let workspace = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        var recorded = text.components(separatedBy: "\n")
        var offset = 0
        for step in steps {
            let out = try CLIRunner.shell(step.command + " 2>&1", in: workspace, environment: ["FULIAN_LANG": "zh"])
            var actual = Self.normalize(out.stdout, workspace: workspace)
            if out.status != 0 { actual.append("[exit \(out.status)]") }
            var expected = step.expected
            while expected.last == "" { expected.removeLast() }
            if ProcessInfo.processInfo.environment["FULIAN_RECORD_DOCS"] == "1" {
                let r = (step.lineRange.lowerBound + offset)..<(step.lineRange.lowerBound + offset + step.expected.count)
                recorded.replaceSubrange(r, with: actual)
                offset += actual.count - step.expected.count
            } else {
                #expect(actual == expected, "\(page): $ \(step.command)\n--- page\n\(expected.joined(separator: "\n"))\n--- actual\n\(actual.joined(separator: "\n"))")
            }
        }
        if ProcessInfo.processInfo.environment["FULIAN_RECORD_DOCS"] == "1" {
            try recorded.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(page); re-run without FULIAN_RECORD_DOCS to check it")
        }
        #expect(!steps.isEmpty, "\(page) has no console blocks")
    }
}
