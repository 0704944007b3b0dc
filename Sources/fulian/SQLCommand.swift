import ArgumentParser
import Foundation
import FulianCore
import FulianStore
import GRDB

/// `fulian sql "SELECT …"`
struct SQLCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "sql", abstract: HelpText.abstract(.sql), discussion: HelpText.discussion(.sql))
    }

    @Argument(help: ArgumentHelp(HelpText.option(.sqlQuery)))
    var query: String

    @OptionGroup var store: StoreOptions

    @OptionGroup var language: LanguageOptions

    @Option(help: ArgumentHelp(HelpText.option(.sqlFormat, reserve: 40)))
    var format: Format = .table

    enum Format: String, ExpressibleByArgument { case table, json, csv }

    func run() throws {
        let st: Store
        do { st = try store.open(readOnly: true) } catch { throw fail(error) }
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
                    print(CLIMessage.rowCount(rows.count).text())
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
            throw fail(Message.store(.queryFailed(reason: e.message ?? e.description, readOnly: e.resultCode == .SQLITE_READONLY)))
        }
    }
}

