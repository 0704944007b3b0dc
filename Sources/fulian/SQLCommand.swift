import ArgumentParser
import Foundation
import FulianCore
import FulianStore

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
        let result: (columns: [String], rows: [StoreRow])
        do { result = try st.readOnlyQuery(query) } catch { throw fail(error) }
        let names = result.columns
        let rows = result.rows
        switch format {
        case .table:
            var t = TextTable(headers: names)
            for r in rows { t.rows.append(r.values.map { $0.text ?? "" }) }
            if let first = rows.first {
                t.rightAligned = Set(first.values.enumerated().compactMap { i, v in
                    switch v {
                    case .int, .double: return i
                    default: return nil
                    }
                })
            }
            print(t.render())
            print(CLIMessage.rowCount(rows.count).text())
        case .csv:
            print(CSVText.line(names))
            for r in rows { print(CSVText.line(r.values.map { $0.text ?? "" })) }
        case .json:
            let out: [JSONOutput] = rows.map { r in
                .object(zip(names, r.values).map { name, v in
                    switch v {
                    case .null: return (name, .null)
                    case .int(let i): return (name, .int(Int(i)))
                    case .bool(let b): return (name, .int(b ? 1 : 0))
                    case .double(let d): return (name, .number(d.isFinite ? String(d) : "null"))
                    case .text(let s): return (name, .string(s))
                    case .blob(let b): return (name, .string(Data(b).base64EncodedString()))
                    }
                })
            }
            print(JSONOutput.array(out).render())
        }
    }
}

