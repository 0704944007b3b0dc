import ArgumentParser
import Foundation
import FulianStore
import GRDB

/// `fulian status`
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the store holds: import batches, row counts, dates covered, open data-quality issues.",
        discussion: """
            Example:
              fulian status --db 2024.sqlite
            """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        let st: Store
        do { st = try store.open(readOnly: true) } catch { throw fail("\(error)") }
        try st.dbQueue.read { db in
            print("store: \(store.path)")
            print("")
            var batches = TextTable(headers: ["batch", "file", "dataset", "sheet", "rows", "loaded", "rejected", "duplicates", "warnings", "imported at"],
                                    rightAligned: [0, 4, 5, 6, 7, 8])
            for r in try Row.fetchAll(db, sql: "SELECT * FROM importBatch ORDER BY id") {
                batches.rows.append([String(r["id"] as Int64), r["fileName"], r["dataset"], (r["sheet"] as String?) ?? "",
                                     String(r["rowsRead"] as Int), String(r["loaded"] as Int), String(r["rejected"] as Int),
                                     String(r["duplicates"] as Int), String(r["warnings"] as Int), r["importedAt"]])
            }
            print(batches.rows.isEmpty ? "no files imported yet" : batches.render())
            print("")
            var counts = TextTable(headers: ["table", "rows", "from", "to"], rightAligned: [1])
            let tables: [(String, String?)] = [("org", nil), ("person", nil), ("membership", "termStart"), ("program", nil),
                                                ("disbursement", "paidOn"), ("activity", "heldOn")]
            for (t, dateColumn) in tables {
                let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t)") ?? 0
                var from = "", to = ""
                if let c = dateColumn, let r = try Row.fetchOne(db, sql: "SELECT MIN(\(c)) AS a, MAX(\(c)) AS b FROM \(t)") {
                    from = (r["a"] as String?) ?? ""
                    to = (r["b"] as String?) ?? ""
                }
                counts.rows.append([t, String(n), from, to])
            }
            print(counts.render())
            print("")
            var issues = TextTable(headers: ["severity", "category", "count"], rightAligned: [2])
            for r in try Row.fetchAll(db, sql: """
                SELECT severity, category, COUNT(*) AS n FROM importIssue GROUP BY severity, category ORDER BY severity, category
                """) {
                issues.rows.append([r["severity"], r["category"], String(r["n"] as Int)])
            }
            print(issues.rows.isEmpty ? "no data-quality issues" : "data-quality issues (fulian sql \"SELECT * FROM importIssue\" lists them):\n" + issues.render())
        }
    }
}
