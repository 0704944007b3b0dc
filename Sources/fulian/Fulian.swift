import ArgumentParser
import Foundation
import FulianStore

/// The `fulian` command: spreadsheets from women's federation offices, imported, analysed and exported.
@main
struct Fulian: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fulian",
        abstract: "Import, analyse and export the spreadsheets of women's federation (妇联) offices.",
        discussion: """
            fulian reads the CSV, XLSX and XLS files streets and communities send in (any header order, \
            title rows, merged headers, 合计 footers, GB18030, mangled ID numbers), normalises them into one \
            SQLite store, computes the coverage, job-fair, aid, member and activity figures for any period, \
            and writes the Excel workbook leadership reads.

            Typical quarter:
              fulian import orgs  register.xlsx
              fulian import aid   aid/*.xlsx aid/*.csv --rejects rejects.xlsx
              fulian status
              fulian report aid --period 2024Q1 --compare
              fulian report quarterly --period 2024Q1 -o 2024Q1.xlsx

            The store is fulian.sqlite in the current directory unless --db or FULIAN_DB names another.
            Exit codes: 0 success, 1 failure (a file could not be read, --strict tripped), 64 usage error.
            """,
        subcommands: [DemoCommand.self, PeekCommand.self, ImportCommand.self, StatusCommand.self, ReportCommand.self, SQLCommand.self, CleanCommand.self])
}

/// Where the store lives: `--db`, else `FULIAN_DB`, else `fulian.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite store (default: $FULIAN_DB or fulian.sqlite).", valueName: "path"))
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["FULIAN_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "fulian.sqlite" }

    /// Opens the store; on a terminal, a command that waits for another one's import says so (once, after a second).
    func open(readOnly: Bool = false) throws -> Store {
        if isatty(2) == 1 {
            Store.onWait = { path in printError("waiting for another fulian command (an import?) to finish with \(path) …") }
        }
        return try Store(path: path, readOnly: readOnly)
    }
}

/// Prints to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Reports a failure on stderr and exits 1.
func fail(_ message: String) -> ExitCode {
    printError("error: " + message)
    return ExitCode.failure
}
