import Foundation
import Testing
import TestSupport

/// Long work shows rows done, rows per second and the time left on a terminal, and nothing elsewhere.
///
/// A terminal is given by util-linux `script`, which runs the command on a pseudo-terminal.
@Suite struct ProgressCLITests {
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A workspace with the register imported and a 60,000-row activity ledger beside it.
    static func workspace() throws -> URL {
        let dir = try CLIRunner.workspace()
        #expect(try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv"], in: dir).status == 0)
        var csv = "活动名称,类别,主办单位,举办时间,参加人数\n"
        csv.reserveCapacity(3_000_000)
        for i in 0..<60_000 { csv += "讲座\(i),讲座,石马河街道,2024-\(i % 12 + 1)-\(i % 28 + 1),\(i % 90 + 10)\n" }
        try csv.write(to: dir.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test(.enabled(if: script != nil)) func aTerminalSeesProgressInItsLanguage() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zh = try CLIRunner.shell("\(Self.script!) -qec 'fulian import activities big.csv' /dev/null", in: dir,
                                     environment: ["FULIAN_LANG": "zh"])
        #expect(zh.status == 0)
        // Updated in place: carriage return, the line, erase to its end; cleared before the summary.
        #expect(zh.stdout.range(of: "\rbig.csv：已处理 [0-9,]+ / 约 [0-9,]+ 行，每秒 [0-9,]+ 行(，预计还需 [0-9 分]+秒)?\u{1B}\\[K",
                                options: .regularExpression) != nil, "\(zh.stdout.prefix(400))")
        #expect(zh.stdout.contains("\r\u{1B}[Kbig.csv：activities"))
        // The English wording is pinned in CatalogueTests.progressLines.
        let quiet = try CLIRunner.shell("\(Self.script!) -qec 'fulian import activities big.csv --replace --quiet' /dev/null", in: dir)
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("rows/s") && !quiet.stdout.contains("\u{1B}[K"))
        #expect(quiet.stdout.contains("big.csv: activities"))
    }

    @Test func noTerminalNoProgress() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try CLIRunner.run(["import", "activities", "big.csv"], in: dir)
        #expect(out.status == 0)
        #expect(out.stderr == "")
        #expect(!out.stdout.contains("rows/s") && !out.stdout.contains("\u{1B}"))
    }
}
