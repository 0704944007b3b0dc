import ArgumentParser
import Foundation
import FulianCore
import FulianExcel
import FulianImport
import FulianSheets

/// `fulian clean DATASET FILE... -o OUT`
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Merge messy files into one clean table with an issue list, without touching the store.",
        discussion: """
            Reads every file with the import rules (layout recognition, normalisation, validation) and \
            writes one workbook: 清洗结果 (one row per input data row, normalised, traced to file/sheet/row), \
            问题清单 (one row per problem, original value, suggested fix), 重复记录 (duplicate groups and \
            ID conflicts), 名称归并 (spellings that look like one unit or program), 摘要 (per file).

            Nothing is dropped: every input data row is a row of the clean table, rows with errors stay \
            (flagged). With --orgs, unit names are resolved against that register as on import; without \
            it they are normalised but not resolved. The clean table re-imports with fulian import.

            Examples:
              fulian clean aid 春蕾_*.xlsx -o 春蕾_合并.xlsx --orgs 登记表.xlsx
              fulian clean members 名册/*.csv -o 名册.csv --format csv
            """)

    @Argument(help: "orgs, members, aid or activities.")
    var dataset: Dataset

    @Argument(help: ArgumentHelp("The files to clean.", valueName: "file"))
    var files: [String]

    @OptionGroup var progress: ProgressOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The output workbook (or CSV file with --format csv).", valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("An org register file to resolve unit names against.", valueName: "register"))
    var orgs: String?

    @Option(help: ArgumentHelp("A TOML or JSON file naming headers the synonyms miss and confirmed spellings ([org] \"as typed\" = \"register name\").", valueName: "file"))
    var map: String?

    @Option(help: "xlsx (one workbook) or csv (clean table, plus OUT-issues.csv).")
    var format: OutputFormat = .xlsx

    @Flag(help: "Mask ID numbers and phone numbers in the clean table too.")
    var mask = false

    @Option(help: "Text encoding of CSV inputs (default: detected).")
    var encoding: String?

    enum OutputFormat: String, ExpressibleByArgument { case xlsx, csv }

    func validate() throws {
        if let encoding, TextEncoding(name: encoding) == nil { throw ValidationError("unknown encoding \(encoding); use \(TextEncoding.acceptedNames)") }
    }

    func run() throws {
        var read = ReadOptions()
        let estimate = files.map { ProgressLine.estimatedRows(path: $0) ?? 0 }.reduce(0, +)
        let line = progress.line(task: (output as NSString).lastPathComponent, expected: estimate > 0 ? estimate : nil)
        defer { line?.finish() }
        read.encoding = encoding.flatMap(TextEncoding.init(name:))
        let cleaner: Cleaner
        do {
            let mapping = try map.map { try HeaderMapFile.loadMapping(path: $0, dataset: dataset) } ?? HeaderMapFile.Mapping()
            var c = Cleaner(dataset: dataset, registerPath: orgs, headerMap: mapping.headers, read: read, valueMap: mapping.values)
            c.progress = line?.counter
            cleaner = c
        } catch {
            throw fail("\(error)")
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
                print("clean table: \(output)\nissues: \(issuesPath)")
            case .xlsx:
                let writer = try CleanWorkbookWriter(path: output, dataset: dataset, columns: cleaner.columns, mask: mask)
                let columns = cleaner.columns
                let mask = self.mask
                result = try cleaner.run(files: files, render: { CleanWorkbook.values($0, columns: columns, mask: mask) },
                                         onRow: { row, values in try writer.add(row, values: values) })
                try writer.finish(result)
                line?.finish()
                print("clean workbook: \(output)")
            }
        } catch {
            throw fail("\(error)")
        }
        for f in result.files {
            print("\(f.file): \(f.rowsRead) rows, \(f.clean) clean, \(f.withIssues) with issues, \(f.duplicates) duplicates")
        }
        let counts = result.issueCounts.map { "\($0.category) \($0.count)" }.joined(separator: ", ")
        print("\(result.rowCount) rows, \(result.issues.count) issues\(counts.isEmpty ? "" : " (\(counts))"), "
              + "\(result.duplicates.count) duplicate groups, \(result.variants.count) spelling clusters")
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
                                i.original, d.category, d.severity == .error ? "错误" : "警告", d.message.text(), i.suggestion ?? ""])
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
            throw CleanOutputError(path: path, message: "the file cannot be created (check the folder and its permissions)")
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
            throw CleanOutputError(path: path, message: error.localizedDescription)
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
            throw CleanOutputError(path: path, message: error.localizedDescription)
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
    var path: String
    var message: String
    var description: String { "cannot write \(path): \(message)" }
}
