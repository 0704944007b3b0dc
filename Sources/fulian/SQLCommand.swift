import ArgumentParser
import Foundation
import FulianCore
import FulianStore
import GRDB

/// `fulian sql "SELECT …"`
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run a read-only SQL query against the store.",
        discussion: """
            The connection is opened read-only: INSERT, UPDATE, DELETE and DDL fail. Money columns end in \
            Fen (integer fen: divide by 100.0 for yuan); dates are ISO text. The schema is described in \
            notebooks-docs/03-your-own-sql.md.

            Examples:
              fulian sql "SELECT p.name, SUM(d.amountFen) / 100.0 AS yuan FROM disbursement d JOIN program p ON p.id = d.programId GROUP BY p.name"
              fulian sql "SELECT category, COUNT(*) FROM importIssue GROUP BY category" --format csv
            """)

    @Argument(help: "The query.")
    var query: String

    @OptionGroup var store: StoreOptions

    @Option(help: "table, json or csv.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument { case table, json, csv }

    func run() throws {
        let st: Store
        do { st = try store.open(readOnly: true) } catch { throw fail("\(error)") }
        do {
            try st.dbQueue.read { db in
                let stmt = try db.makeStatement(sql: query)
                let names = stmt.columnNames
                let rows = try Row.fetchAll(stmt)
                func text(_ v: DatabaseValue) -> String {
                    switch v.storage {
                    case .null: return ""
                    case .int64(let i): return String(i)
                    case .double(let d): return String(d)
                    case .string(let s): return s
                    case .blob(let b): return "<\(b.count) bytes>"
                    }
                }
                switch format {
                case .table:
                    var t = TextTable(headers: names)
                    for r in rows {
                        t.rows.append(r.databaseValues.map(text))
                    }
                    if let first = rows.first {
                        t.rightAligned = Set(first.databaseValues.enumerated().compactMap { i, v in
                            if case .int64 = v.storage { return i }
                            if case .double = v.storage { return i }
                            return nil
                        })
                    }
                    print(t.render())
                    print("(\(rows.count) row\(rows.count == 1 ? "" : "s"))")
                case .csv:
                    print(CSVText.line(names))
                    for r in rows { print(CSVText.line(r.databaseValues.map(text))) }
                case .json:
                    let out: [JSONOutput] = rows.map { r in
                        .object(zip(names, r.databaseValues).map { name, v in
                            switch v.storage {
                            case .null: return (name, .null)
                            case .int64(let i): return (name, .int(Int(i)))
                            case .double(let d): return (name, .number(d.isFinite ? String(d) : "null"))
                            case .string(let s): return (name, .string(s))
                            case .blob(let b): return (name, .string(b.base64EncodedString()))
                            }
                        })
                    }
                    print(JSONOutput.array(out).render())
                }
            }
        } catch let e as DatabaseError {
            throw fail("the query failed: \(e.message ?? e.description)"
                       + (e.resultCode == .SQLITE_READONLY ? " (fulian sql is read-only)" : ""))
        }
    }
}

