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
        if let encoding, TextEncoding(name: encoding) == nil { throw ValidationError("unknown encoding \(encoding)") }
    }

    func run() throws {
        var read = ReadOptions()
        read.encoding = encoding.flatMap(TextEncoding.init(name:))
        let result: CleanResult
        do {
            let mapping = try map.map { try HeaderMapFile.loadMapping(path: $0, dataset: dataset) } ?? HeaderMapFile.Mapping()
            result = try Cleaner(dataset: dataset, registerPath: orgs, headerMap: mapping.headers, read: read, valueMap: mapping.values)
                .run(files: files)
        } catch {
            throw fail("\(error)")
        }
        do {
            switch format {
            case .csv:
                let issuesPath = CleanCSV.issuesPath(for: output)
                try CleanCSV.writeTable(result, to: output, mask: mask)
                try CleanCSV.writeIssues(result, to: issuesPath)
                print("clean table: \(output)\nissues: \(issuesPath)")
            case .xlsx:
                try CleanWorkbook.write(result, to: output, mask: mask)
                print("clean workbook: \(output)")
            }
        } catch {
            throw fail("\(error)")
        }
        for f in result.files {
            print("\(f.file): \(f.rowsRead) rows, \(f.clean) clean, \(f.withIssues) with issues, \(f.duplicates) duplicates")
        }
        let counts = result.issueCounts.map { "\($0.category) \($0.count)" }.joined(separator: ", ")
        print("\(result.rows.count) rows, \(result.issues.count) issues\(counts.isEmpty ? "" : " (\(counts))"), "
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

    static func write(_ lines: [[String]], to path: String) throws {
        var text = "\u{FEFF}"
        for l in lines { text += l.map(CSVField.quote).joined(separator: ",") + "\r\n" }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CleanOutputError(path: path, message: error.localizedDescription)
        }
    }

    static func writeTable(_ result: CleanResult, to path: String, mask: Bool) throws {
        try write([CleanWorkbook.header(result)] + result.rows.map { CleanWorkbook.values($0, result, mask: mask) }, to: path)
    }

    static func writeIssues(_ result: CleanResult, to path: String) throws {
        var lines = [["来源文件", "工作表", "行号", "列", "原值", "类别", "级别", "说明", "建议"]]
        for i in result.issues {
            let d = i.diagnostic
            lines.append([d.file, d.sheet ?? "", d.row.map(String.init) ?? "", d.column.map { ColumnName.letters($0) } ?? "",
                          i.original, d.category, d.severity == .error ? "错误" : "警告", d.message, i.suggestion ?? ""])
        }
        try write(lines, to: path)
    }
}

/// An output file that could not be written.
struct CleanOutputError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "cannot write \(path): \(message)" }
}
