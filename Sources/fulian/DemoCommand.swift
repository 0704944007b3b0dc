import ArgumentParser
import Foundation
import FulianAnalytics
import FulianCore
import FulianExcel
import FulianImport
import FulianStore

/// `fulian demo [-o DIR]`
struct DemoCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "demo", abstract: HelpText.abstract(.demo), discussion: HelpText.discussion(.demo))
    }

    @Option(name: .shortAndLong, help: ArgumentHelp(HelpText.option(.demoOutput, reserve: 22), valueName: "dir"))
    var output = "demo-out"

    @Option(help: ArgumentHelp(HelpText.option(.demoPeriod, reserve: 18), valueName: "period"))
    var period = "2024Q2"

    @Option(help: ArgumentHelp(HelpText.option(.demoFixtures), valueName: "dir"))
    var fixtures: String?

    @OptionGroup var language: LanguageOptions

    /// The datasets in import order: the register first, since every other file refers to its units.
    static let order: [Dataset] = [.orgs, .members, .aid, .activities]

    func validate() throws {
        if (try? Period(parsing: period)) == nil { throw ValidationError(CLIMessage.badPeriod(option: "--period", given: period).text()) }
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
            throw fail(.noDemoCorpus(folder: "fixtures/demo"))
        }
        let fm = FileManager.default
        let p = try Period(parsing: period)
        do { try fm.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
            throw fail(.cannotCreateFolder(path: output, reason: error.localizedDescription))
        }
        let dbPath = (output as NSString).appendingPathComponent("fulian.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: dbPath + suffix) }
        let store: Store
        do { store = try Store(path: dbPath) } catch { throw fail(error) }

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
                    throw fail(error)
                }
            }
        }
        let rejectsPath = (output as NSString).appendingPathComponent("rejects.xlsx")
        let workbookPath = (output as NSString).appendingPathComponent("quarterly-\(p.label).xlsx")
        do {
            try RejectsWorkbook.write(results, to: rejectsPath)
            _ = try QuarterlyWorkbook.write(store: store, to: workbookPath, options: QuarterlyWorkbook.Options(period: p))
        } catch {
            throw fail(error)
        }
        let aid = try Reports.run(ReportRequest(kind: .aid, period: p), in: store)
        let loaded = results.reduce(0) { $0 + $1.loaded }, rejected = results.reduce(0) { $0 + $1.rejected }
        let dups = results.reduce(0) { $0 + $1.duplicates }
        print("")
        print(CLIMessage.demoTotals(files: results.count, loaded: loaded, rejected: rejected, duplicates: dups).text())
        print(CLIMessage.demoAid(period: p, disbursements: aid.totals.measures["disbursements"]?.text ?? "0",
                                 recipients: aid.totals.measures["recipients"]?.text ?? "0",
                                 yuan: aid.totals.measures["amount"]?.text ?? "0.00").text())
        print("")
        let outputs = [("store", dbPath), ("quarterly", workbookPath), ("rejects", rejectsPath)]
        let labels = outputs.map { CLIMessage.demoOutput(what: $0.0).text() }
        let width = labels.map(TextNormalizer.displayWidth).max() ?? 0
        for (label, (_, path)) in zip(labels, outputs) {
            print(label + String(repeating: " ", count: width - TextNormalizer.displayWidth(label) + 1) + path)
        }
        print("")
        print(CLIMessage.next(command: "fulian report aid --period \(p.label) --compare --db \(dbPath)").text())
    }
}
