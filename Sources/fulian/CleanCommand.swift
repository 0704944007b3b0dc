import ArgumentParser
import Foundation
import FulianCore
import FulianExcel
import FulianImport
import FulianSheets
import FulianStore

/// `fulian clean DATASET FILE... -o OUT`
struct CleanCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "clean", abstract: HelpText.abstract(.clean), discussion: HelpText.discussion(.clean))
    }

    @Argument(help: ArgumentHelp(HelpText.option(.cleanDataset, reserve: 45)))
    var dataset: Dataset

    @Argument(help: ArgumentHelp(HelpText.option(.cleanFiles), valueName: "file"))
    var files: [String]

    @OptionGroup var progress: ProgressOptions

    @Option(name: .shortAndLong, help: ArgumentHelp(HelpText.option(.cleanOutput), valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp(HelpText.option(.cleanOrgs), valueName: "register"))
    var orgs: [String] = []

    @Option(help: ArgumentHelp(HelpText.option(.cleanFrom), valueName: "unit"))
    var from: String?

    @Option(help: ArgumentHelp(HelpText.option(.map), valueName: "file"))
    var map: String?

    @Option(help: ArgumentHelp(HelpText.option(.cleanFormat, reserve: 17)))
    var format: OutputFormat = .xlsx

    @Flag(help: ArgumentHelp(HelpText.option(.cleanMask)))
    var mask = false

    @Option(help: ArgumentHelp(HelpText.option(CLIMessage.encodingHelp(accepted: TextEncoding.acceptedNames, peek: true).text())))
    var encoding: String?

    @OptionGroup var language: LanguageOptions

    enum OutputFormat: String, ExpressibleByArgument { case xlsx, csv }

    func validate() throws {
        if from != nil && orgs.isEmpty { throw ValidationError(Message.cli(.fromNeedsOrgs).text()) }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError(CLIMessage.unknownEncoding(given: encoding, accepted: TextEncoding.acceptedNames).text())
        }
    }

    /// The register the `--orgs` files make, read as `fulian import orgs` reads them into a store of its own
    /// (kept in memory): a city's register keeps its districts' 幸福社区 apart. A register row it cannot
    /// take is shown, as the import would show it.
    func register(read: ReadOptions) throws -> OrgRegister? {
        guard !orgs.isEmpty else { return nil }
        let store = try Store(inMemory: ())
        for path in orgs {
            let r = try store.importFile(FileImportRequest(path: path, options: ImportOptions(dataset: .orgs, read: read)))
            if r.rejected > 0 { printError(ImportSummary.text(r)) }
        }
        return try store.read { db in try Store.register(db) }
    }

    func run() throws {
        try OutputPath.checkFolder(output)
        var read = ReadOptions()
        let estimate = files.map { ProgressLine.estimatedRows(path: $0) ?? 0 }.reduce(0, +)
        let line = progress.line(task: (output as NSString).lastPathComponent, expected: estimate > 0 ? estimate : nil)
        defer { line?.finish() }
        read.encoding = encoding.flatMap(TextEncoding.init(name:))
        let cleaner: Cleaner
        do {
            let mapping = try map.map { try HeaderMapFile.loadMapping(path: $0, dataset: dataset) } ?? HeaderMapFile.Mapping()
            var c = Cleaner(dataset: dataset, headerMap: mapping.headers, read: read, valueMap: mapping.values)
            c.register = try register(read: read)
            if let from, let register = c.register {
                c.scope = try register.fromUnit(from, file: (files.first as NSString?)?.lastPathComponent ?? from).id
            }
            c.progress = line?.counter
            cleaner = c
        } catch {
            throw fail(error)
        }
        // The clean table is written as the rows come (nothing holds it whole); a run that fails
        // leaves no output file.
        let result: CleanResult
        do {
            switch format {
            case .csv:
                let table = try CSVFileWriter(path: output)
                let columns = cleaner.columns
                let mask = self.mask
                do {
                    try table.write(CleanWorkbook.header(columns: columns))
                    result = try cleaner.run(files: files) { try table.write(CleanWorkbook.values($0, columns: columns, mask: mask)) }
                    try table.commit()
                    line?.finish()
                } catch {
                    table.discard()
                    throw error
                }
                let issuesPath = CleanCSV.issuesPath(for: output)
                try CleanCSV.writeIssues(result, to: issuesPath)
                print(CLIMessage.cleanCSVWritten(table: output, issues: issuesPath).text())
            case .xlsx:
                let writer = try CleanWorkbookWriter(path: output, dataset: dataset, columns: cleaner.columns, mask: mask)
                let columns = cleaner.columns
                let mask = self.mask
                result = try cleaner.run(files: files, render: { CleanWorkbook.values($0, columns: columns, mask: mask) },
                                         onRow: { row, values in try writer.add(row, values: values) })
                try writer.finish(result)
                line?.finish()
                print(CLIMessage.cleanWorkbookWritten(output).text())
            }
        } catch {
            throw fail(error)
        }
        for f in result.files {
            print(CLIMessage.cleanFile(file: f.file, rows: f.rowsRead, clean: f.clean, withIssues: f.withIssues, duplicates: f.duplicates).text())
            for s in f.skippedSheetReasons { print("  " + CLIMessage.sheetSkipped(sheet: s.name, reason: "\(s.message)").text()) }
        }
        print(CLIMessage.cleanTotals(rows: result.rowCount, issues: result.issues.count,
                                     byCategory: result.issueCounts.map { "\($0.category) \($0.count)" },
                                     duplicateGroups: result.duplicates.count, spellingClusters: result.variants.count).text())
    }
}

/// The clean table and issue list as UTF-8 CSV with a BOM (they go to Excel users).
enum CleanCSV {
    static func issuesPath(for output: String) -> String {
        let ns = output as NSString
        let base = ns.deletingPathExtension
        return base + "-issues." + (ns.pathExtension.isEmpty ? "csv" : ns.pathExtension)
    }

    static func writeIssues(_ result: CleanResult, to path: String) throws {
        let file = try CSVFileWriter(path: path)
        do {
            try file.write(["来源文件", "工作表", "行号", "列", "原值", "类别", "级别", "说明", "建议"])
            for i in result.issues {
                let d = i.diagnostic
                try file.write([d.file, d.sheet ?? "", d.row.map(String.init) ?? "", d.column.map { ColumnName.letters($0) } ?? "",
                                i.original, d.category, CoreMessage.severity(d.severity).text(), d.message.text(), i.suggestion ?? ""])
            }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}

/// A CSV file written line by line through a 1 MiB buffer into a temporary file beside it, renamed
/// into place by ``commit()`` (a failed run leaves the old file, or none). UTF-8 with a BOM, CRLF.
final class CSVFileWriter {
    private let path: String
    private let temporary: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        self.path = path
        let ns = path as NSString
        temporary = ns.deletingLastPathComponent.isEmpty
            ? ".\(ns.lastPathComponent).partial"
            : (ns.deletingLastPathComponent as NSString).appendingPathComponent(".\(ns.lastPathComponent).partial")
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let h = FileHandle(forWritingAtPath: temporary) else {
            throw CleanOutputError(.cannotCreateFile(path: path))
        }
        handle = h
        buffer.reserveCapacity(1 << 20)
        buffer += [0xEF, 0xBB, 0xBF]
    }

    /// Appends one line.
    func write(_ fields: [String]) throws {
        CSVText.append(fields[...], to: &buffer)
        buffer += [0x0D, 0x0A]
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends bytes already encoded (see ``encode(_:into:)``).
    func append(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch {
            throw CleanOutputError(.cannotWrite(path: path, reason: error.localizedDescription))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and moves the file into place.
    func commit() throws {
        try flush()
        try? handle.close()
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw CleanOutputError(.cannotWrite(path: path, reason: error.localizedDescription))
        }
    }

    /// Removes the temporary file.
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}

/// An output file that could not be written.
struct CleanOutputError: Error, CustomStringConvertible {
    /// What went wrong, naming the file.
    var message: CLIMessage
    init(_ message: CLIMessage) { self.message = message }
    var description: String { message.text() }
}
