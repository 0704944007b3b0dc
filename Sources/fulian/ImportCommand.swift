import ArgumentParser
import Foundation
import FulianCore
import FulianExcel
import FulianImport
import FulianSheets
import FulianStore

extension Dataset: ExpressibleByArgument {}

/// `fulian import DATASET FILE...`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import street submissions into the store, with an exact account of every row not taken.",
        discussion: """
            DATASET is orgs (the unit register: import it first), members, aid or activities. Each file is \
            read whatever its layout: the data sheet and its header row are found by content (title rows, \
            two-row merged headers, columns in any order, header synonyms), merged cells are filled down, \
            blank rows and 合计/填表人 rows are skipped, and every value is normalised (dates, money in fen, \
            ID numbers with their check digit, unit names against the register).

            Each file is one transaction: it is stored whole or not at all. A row that cannot be taken is \
            rejected with file, sheet, row, column, category and reason; the same disbursement seen again \
            is stored once. Importing the same file again does nothing (use --replace to swap it).

            A large aid file going into a store that holds fewer disbursements is bulk-loaded: rows are \
            appended and the indexes rebuilt once at the end (duplicates are then found by the rebuilt \
            unique index, with the same messages). Until it commits it holds the store for itself: a \
            report started meanwhile waits for it.

            Examples:
              fulian import orgs 登记表.xlsx
              fulian import aid 春蕾计划.xlsx 两癌救助.csv --rejects 退回.xlsx
              fulian import members 名册.csv --encoding gbk --map columns.toml
              fulian import aid q1.xls --dry-run --format json
            """)

    @Argument(help: "orgs, members, aid or activities.")
    var dataset: Dataset

    @Argument(help: ArgumentHelp("The files to import (CSV, XLSX or XLS, told apart by content).", valueName: "file"))
    var files: [String]

    @OptionGroup var store: StoreOptions

    @Option(help: "Take this sheet instead of the one whose header matches the dataset.")
    var sheet: String?

    @Option(help: ArgumentHelp("A TOML or JSON file naming headers the synonyms miss (\"header\" = \"field\") and confirmed spellings ([org] \"as typed\" = \"register name\").", valueName: "file"))
    var map: String?

    @Option(help: "Text encoding of CSV files: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030 (gbk, gb2312). Default: detected.")
    var encoding: String?

    @Option(help: ArgumentHelp("Write the rejected rows (original values and reasons) to this workbook.", valueName: "file.xlsx"))
    var rejects: String?

    @Flag(help: "Swap an earlier import of the same file (same content, or same file name) for this one.")
    var replace = false

    @Flag(name: .customLong("dry-run"), help: "Read, check and count everything, but store nothing.")
    var dryRun = false

    @Flag(help: "Store nothing from a file that has any rejected row (exit 1).")
    var strict = false

    @Option(help: "Summary format: text or json.")
    var format: SummaryFormat = .text

    enum SummaryFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("unknown encoding \(encoding); use utf-8, utf-8-bom, utf-16le, utf-16be or gb18030")
        }
    }

    func run() throws {
        let mapping: HeaderMapFile.Mapping
        do { mapping = try map.map { try HeaderMapFile.loadMapping(path: $0, dataset: dataset) } ?? HeaderMapFile.Mapping() } catch {
            throw fail("\(error)")
        }
        let st: Store
        do { st = try Store(path: store.path) } catch { throw fail("\(error)") }
        var results: [FileImportResult] = []
        var failures: [String] = []
        for file in files {
            var read = ReadOptions()
            read.encoding = encoding.flatMap(TextEncoding.init(name:))
            let request = FileImportRequest(path: file, options: ImportOptions(dataset: dataset, sheet: sheet, headerMap: mapping.headers, read: read, valueMap: mapping.values),
                                            replace: replace, dryRun: dryRun, strict: strict)
            do {
                let r = try st.importFile(request)
                results.append(r)
                if format == .text { print(ImportSummary.text(r)) }
                if r.status == .strictFailed { failures.append(r.file) }
            } catch {
                failures.append((file as NSString).lastPathComponent)
                printError("error: \(error)")
            }
        }
        if let rejects {
            do { try RejectsWorkbook.write(results, to: rejects) } catch { throw fail("\(error)") }
            if format == .text { print("rejected rows written to \(rejects)") }
        }
        if format == .json { print(ImportSummary.json(results)) }
        if !failures.isEmpty { throw ExitCode.failure }
    }
}

/// Renders import results for people and scripts.
enum ImportSummary {
    static func text(_ r: FileImportResult) -> String {
        var lines: [String] = []
        switch r.status {
        case .alreadyImported:
            return "\(r.file): already imported as batch \(r.batchId ?? 0) (same content); nothing to do. Use --replace to import it again."
        default: break
        }
        var where_ = r.sheet.map { "sheet \($0), " } ?? ""
        if let e = r.encoding { where_ += "\(e.rawValue), " }
        where_ += "header row \(r.headerRows ?? "?")"
        let verb: String
        switch r.status {
        case .dryRun: verb = " (dry run: nothing stored)"
        case .strictFailed: verb = " (--strict: rejected rows, nothing stored)"
        case .replaced: verb = " (replaced the earlier import)"
        default: verb = ""
        }
        lines.append("\(r.file): \(r.dataset.rawValue), \(where_)\(verb)")
        lines.append("  \(r.rows) rows: \(r.loaded) loaded, \(r.rejected) rejected, \(r.duplicates) duplicates, \(r.warnings) warnings")
        for s in r.skippedSheets { lines.append("  sheet \(s.name) skipped: \(s.reason)") }
        for d in r.issues { lines.append("  " + d.description) }
        return lines.joined(separator: "\n")
    }

    static func json(_ results: [FileImportResult]) -> String {
        let files: [JSONOutput] = results.map { r in
            .object([
                ("file", .string(r.file)), ("dataset", .string(r.dataset.rawValue)), ("status", .string(r.status.rawValue)),
                ("sheet", .optional(r.sheet)), ("format", .optional(r.format?.rawValue)), ("encoding", .optional(r.encoding?.rawValue)),
                ("header_rows", .optional(r.headerRows)), ("sha256", .string(r.sha256)), ("batch", .optional(r.batchId.map(Int.init))),
                ("rows", .int(r.rows)), ("loaded", .int(r.loaded)), ("rejected", .int(r.rejected)),
                ("duplicates", .int(r.duplicates)), ("warnings", .int(r.warnings)),
                ("issues", .array(r.issues.map { d in
                    .object([("severity", .string(d.severity.rawValue)), ("sheet", .optional(d.sheet)), ("row", .optional(d.row)),
                             ("column", .optional(d.column)), ("category", .string(d.category)), ("message", .string(d.message))])
                })),
            ])
        }
        return JSONOutput.object([("files", .array(files))]).render()
    }
}
