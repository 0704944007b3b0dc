import Foundation
import Testing
import TestSupport

/// Several `fulian import` processes on overlapping files at once against one PostgreSQL database end with
/// the store a serial import gives: the same persons, disbursements, duplicates and reports.
@Suite(.serialized, .enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
struct PostgresConcurrencyTests {
    /// A valid 18-digit ID number (GB 11643 check character) for person `n`.
    static func idNumber(_ n: Int) -> String {
        let body = "110105" + String(format: "%04d", 1960 + n % 40) + String(format: "%02d", 1 + n % 12) + String(format: "%02d", 1 + n % 28)
            + String(format: "%03d", n % 1000)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    /// Payment `k`: a person of 3,000, one of three units and two programmes, a date in 2024Q1, an amount.
    static func payment(_ k: Int) -> String {
        let person = k % 3000
        let unit = ["丰台社区", "望江社区", "古坪村"][person % 3]
        let program = ["春蕾计划", "贫困母亲救助"][k % 2]
        let day = String(format: "2024-%02d-%02d", 1 + k % 3, 1 + k % 28)
        return "姓名\(person),\(idNumber(person)),\(unit),\(program),\(day),\(100 + k % 7 * 50),区财政"
    }

    /// Six files of 4,000 payments; neighbours share 2,000 (a payment sent to two offices, the same people in both).
    static func files(in dir: URL) throws -> [String] {
        try (0..<6).map { i in
            let rows = (i * 2000..<(i * 2000 + 4000)).map { payment($0 % 11_000) }
            let name = "aid-\(i).csv"
            try ("姓名,身份证号,所属社区,救助项目,发放日期,金额（元）,资金来源\n" + rows.joined(separator: "\n") + "\n")
                .write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return name
        }
    }

    /// What a store holds, independent of ids and import order.
    static func contents(_ uri: String, in dir: URL) throws -> [String] {
        let queries = [
            "SELECT p.personKey, pr.name, d.paidOn, d.amountFen FROM disbursement d JOIN person p ON p.id = d.personId JOIN program pr ON pr.id = d.programId ORDER BY 1, 2, 3, 4",
            "SELECT personKey, name, gender, birthDate FROM person ORDER BY personKey",
            "SELECT name FROM program ORDER BY name",
            "SELECT COUNT(*) AS batches, SUM(loaded) AS loaded, SUM(duplicates) AS duplicates, SUM(rowsRead) AS rows FROM importBatch WHERE dataset = 'aid'",
            "SELECT COUNT(*) AS issues FROM importIssue WHERE category = 'duplicate'",
        ]
        var out = try queries.map { q -> String in
            let r = try CLIRunner.run(["sql", q, "--format", "csv", "--db", uri], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }
        let report = try CLIRunner.run(["report", "aid", "--period", "2024Q1", "--format", "json", "--db", uri], in: dir)
        out.append(report.stdout)
        return out
    }

    @Test func parallelImportsEndWithTheSerialStore() throws {
        let dir = try CLIRunner.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try Self.files(in: dir)
        // The first file twice: one import stores it, the other finds it already imported.
        let runs = files + [files[0]]
        let serial = try PostgresTestServer.database(), parallel = try PostgresTestServer.database()
        defer { serial.drop(); parallel.drop() }
        for db in [serial, parallel] {
            let r = try CLIRunner.run(["import", "orgs", "fixtures/import/register.csv", "--db", db.uri], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        for f in runs {
            let r = try CLIRunner.run(["import", "aid", f, "--db", serial.uri], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let outputs = UnsafeMutableBufferPointer<CLIRunner.Output?>.allocate(capacity: runs.count)
        defer { outputs.deallocate() }
        outputs.initialize(repeating: nil)
        nonisolated(unsafe) let slots = outputs
        DispatchQueue.concurrentPerform(iterations: runs.count) { i in
            slots[i] = try? CLIRunner.run(["import", "aid", runs[i], "--format", "json", "--db", parallel.uri], in: dir)
        }
        for (i, o) in outputs.enumerated() {
            #expect(o?.status == 0, "\(runs[i]): \(o?.stderr ?? "did not run")")
        }
        let statuses = outputs.compactMap { o in o.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] } }
            .compactMap { ($0["files"] as? [[String: Any]])?.first?["status"] as? String ?? $0["status"] as? String }
        #expect(statuses.filter { $0 == "already-imported" }.count == 1, "\(statuses)")
        let a = try Self.contents(serial.uri, in: dir), b = try Self.contents(parallel.uri, in: dir)
        #expect(a[0].split(separator: "\n").count > 500, "\(a[0].prefix(200))")
        // 11,000 different payments in 24,000 rows: every other row is a payment another file also sent.
        #expect(a[3] == "batches,loaded,duplicates,rows\n6,11000,13000,24000\n", "\(a[3])")
        for (x, y) in zip(a, b) { #expect(x == y) }
    }
}
