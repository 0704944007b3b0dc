import ArgumentParser
import Foundation
import FulianCore
import FulianStore

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
        try st.read { db in
            print(CLIMessage.storePath(st.path).text())
            print("")
            var batches = TextTable(headers: Self.headers(["batch", "file", "dataset", "sheet", "rows", "loaded", "rejected", "duplicates", "warnings", "imported at"]),
                                    rightAligned: [0, 4, 5, 6, 7, 8])
            for r in try db.fetchAll("SELECT * FROM importBatch ORDER BY id", []) {
                func n(_ c: String) -> String { String(r.int(c) ?? 0) }
                batches.rows.append([n("id"), r.text("fileName") ?? "", r.text("dataset") ?? "", r.text("sheet") ?? "",
                                     n("rowsRead"), n("loaded"), n("rejected"), n("duplicates"), n("warnings"),
                                     LocalTime.text(iso: r.text("importedAt") ?? "")])
            }
            print(batches.rows.isEmpty ? CLIMessage.noBatches(store: st.path).text() : batches.render())
            print("")
            var counts = TextTable(headers: Self.headers(["table", "rows", "from", "to"]), rightAligned: [1])
            let tables: [(String, String?)] = [("org", nil), ("person", nil), ("membership", "termStart"), ("program", nil),
                                                ("disbursement", "paidOn"), ("activity", "heldOn")]
            for (t, dateColumn) in tables {
                let n = try db.fetchInt("SELECT COUNT(*) FROM \(t)") ?? 0
                var from = "", to = ""
                if let c = dateColumn, let r = try db.fetchOne("SELECT MIN(\(c)) AS a, MAX(\(c)) AS b FROM \(t)") {
                    from = r.text("a") ?? ""
                    to = r.text("b") ?? ""
                }
                counts.rows.append([t, String(n), from, to])
            }
            print(counts.render())
            print("")
            var issues = TextTable(headers: Self.headers(["severity", "category", "count"]), rightAligned: [2])
            for r in try db.fetchAll("""
                SELECT severity, category, COUNT(*) AS n FROM importIssue GROUP BY severity, category ORDER BY severity, category
                """, []) {
                let code = r.text("severity") ?? ""
                let severity = Severity(rawValue: code).map { CoreMessage.severity($0).text() } ?? code
                issues.rows.append([severity, r.text("category") ?? "", String(r.int("n") ?? 0)])
            }
            let heading = CLIMessage.issuesHeading(count: issues.rows.count).text()
            print(issues.rows.isEmpty ? heading : heading + "\n" + issues.render())
        }
    }
}
