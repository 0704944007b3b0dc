import ArgumentParser
import Foundation
import FulianAnalytics
import FulianCore
import FulianExcel
import FulianImport
import FulianStore

/// `fulian demo [-o DIR]`
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo store from the synthetic district in fixtures/demo and write its quarterly workbook.",
        discussion: """
            Imports the register, member lists, aid lists and activity ledgers of 青溪区 (an invented \
            district: CSV in UTF-8 and GB18030, XLSX from openpyxl, legacy XLS, title rows, merged cells, \
            合计 footers and a few deliberately bad rows), prints each file's import summary, then writes \
            the quarterly workbook and the rejects workbook into DIR. A fresh store is built every time.

            Examples:
              fulian demo
              fulian demo -o /tmp/demo --period 2024Q1
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to put the store and the workbooks.", valueName: "dir"))
    var output = "demo-out"

    @Option(help: ArgumentHelp("The quarter of the workbook.", valueName: "period"))
    var period = "2024Q2"

    @Option(help: ArgumentHelp("The demo corpus (default: fixtures/demo here, or beside the fulian checkout).", valueName: "dir"))
    var fixtures: String?

    /// The datasets in import order: the register first, since every other file refers to its units.
    static let order: [Dataset] = [.orgs, .members, .aid, .activities]

    func validate() throws {
        if (try? Period(parsing: period)) == nil { throw ValidationError("--period \(period) is not a period, e.g. 2024Q2") }
    }

    /// The demo corpus folder: `--fixtures`, else `fixtures/demo` under the current directory, else the one
    /// of the checkout the binary was built in (`.build/debug/fulian` → `../../fixtures/demo`).
    func corpus() -> String? {
        if let fixtures { return fixtures }
        let fm = FileManager.default
        let here = fm.currentDirectoryPath + "/fixtures/demo"
        if fm.fileExists(atPath: here) { return here }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("fixtures/demo").path
            if fm.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    func run() throws {
        guard let corpus = corpus() else {
            throw fail("the demo corpus fixtures/demo was not found; run fulian demo from the fulian checkout or give --fixtures DIR")
        }
        let fm = FileManager.default
        let p = try Period(parsing: period)
        do { try fm.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
            throw fail("cannot create \(output): \(error.localizedDescription)")
        }
        let dbPath = (output as NSString).appendingPathComponent("fulian.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: dbPath + suffix) }
        let store: Store
        do { store = try Store(path: dbPath) } catch { throw fail("\(error)") }

        var results: [FileImportResult] = []
        for dataset in DemoCommand.order {
            let dir = (corpus as NSString).appendingPathComponent(dataset.rawValue)
            let files = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            for f in files {
                let path = (dir as NSString).appendingPathComponent(f)
                do {
                    let r = try store.importFile(FileImportRequest(path: path, options: ImportOptions(dataset: dataset)))
                    results.append(r)
                    print(ImportSummary.text(r))
                } catch {
                    throw fail("\(error)")
                }
            }
        }
        let rejectsPath = (output as NSString).appendingPathComponent("rejects.xlsx")
        let workbookPath = (output as NSString).appendingPathComponent("quarterly-\(p.label).xlsx")
        do {
            try RejectsWorkbook.write(results, to: rejectsPath)
            _ = try QuarterlyWorkbook.write(store: store, to: workbookPath, options: QuarterlyWorkbook.Options(period: p))
        } catch {
            throw fail("\(error)")
        }
        let aid = try Reports.run(ReportRequest(kind: .aid, period: p), in: store)
        let loaded = results.reduce(0) { $0 + $1.loaded }, rejected = results.reduce(0) { $0 + $1.rejected }
        let dups = results.reduce(0) { $0 + $1.duplicates }
        print("")
        print("\(results.count) files: \(loaded) rows loaded, \(rejected) rejected, \(dups) duplicates skipped")
        print("\(p.label) aid: \(aid.totals.measures["disbursements"]?.text ?? "0") disbursements, "
              + "\(aid.totals.measures["recipients"]?.text ?? "0") recipients, \(aid.totals.measures["amount"]?.text ?? "0.00") yuan")
        print("")
        print("store:              \(dbPath)")
        print("quarterly workbook: \(workbookPath)")
        print("rejected rows:      \(rejectsPath)")
        print("")
        print("next: fulian report aid --period \(p.label) --compare --db \(dbPath)")
    }
}
