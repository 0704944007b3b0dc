import ArgumentParser
import Foundation
import FulianCore
import FulianStore
import GRDB

/// `fulian status`
struct StatusCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "status", abstract: HelpText.abstract(.status), discussion: HelpText.discussion(.status))
    }

    @OptionGroup var store: StoreOptions

    @OptionGroup var language: LanguageOptions

    /// Column headers in the current language.
    static func headers(_ names: [String]) -> [String] { names.map { CLIMessage.columnHeader($0).text() } }

    func run() throws {
        let st: Store
        do { st = try store.open(readOnly: true) } catch { throw fail(error) }
        try st.dbQueue.read { db in
            print(CLIMessage.storePath(store.path).text())
            print("")
            var batches = TextTable(headers: Self.headers(["batch", "file", "dataset", "sheet", "rows", "loaded", "rejected", "duplicates", "warnings", "imported at"]),
                                    rightAligned: [0, 4, 5, 6, 7, 8])
            for r in try Row.fetchAll(db, sql: "SELECT * FROM importBatch ORDER BY id") {
                batches.rows.append([String(r["id"] as Int64), r["fileName"], r["dataset"], (r["sheet"] as String?) ?? "",
                                     String(r["rowsRead"] as Int), String(r["loaded"] as Int), String(r["rejected"] as Int),
                                     String(r["duplicates"] as Int), String(r["warnings"] as Int), LocalTime.text(iso: r["importedAt"])])
            }
            print(batches.rows.isEmpty ? CLIMessage.noBatches(store: store.path).text() : batches.render())
            print("")
            var counts = TextTable(headers: Self.headers(["table", "rows", "from", "to"]), rightAligned: [1])
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
            var issues = TextTable(headers: Self.headers(["severity", "category", "count"]), rightAligned: [2])
            for r in try Row.fetchAll(db, sql: """
                SELECT severity, category, COUNT(*) AS n FROM importIssue GROUP BY severity, category ORDER BY severity, category
                """) {
                let code: String = r["severity"]
                let severity = Severity(rawValue: code).map { CoreMessage.severity($0).text() } ?? code
                issues.rows.append([severity, r["category"], String(r["n"] as Int)])
            }
            let heading = CLIMessage.issuesHeading(count: issues.rows.count).text()
            print(issues.rows.isEmpty ? heading : heading + "\n" + issues.render())
        }
    }
}
