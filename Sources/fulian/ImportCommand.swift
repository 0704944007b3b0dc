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

            A workbook may hold several data sheets (one per street, month or programme): every visible \
            sheet whose header carries the dataset is imported, with its own counts; summary sheets beside \
            them (汇总, 统计 …), hidden sheets and sheets without the header are skipped and named. --sheet \
            (repeatable) narrows the import to the sheets it names, hidden ones included.

            A register of communities and villages that names its streets and towns only in a parent \
            column creates them (街道, 镇, 乡 by their names) under the district: --district, the one its \
            title names (兰江区…统计表), or the one district already stored. Members, aid and activities \
            need the register first.

            A city's store holds every district's register: a register may hold a whole city (a 所属区县 \
            column, or one sheet per district), and units are identified by code, else by parent and name, \
            so 幸福社区 may exist in every district. A name several places share is resolved in the row's \
            street column, else under --from (the submitting street or district, by name, code or path), \
            else under the unit the title, sheet name or file name names; still ambiguous, the row is \
            rejected (ambiguous-org) with the candidates by path.

            An aid list or activity ledger without a date column takes its date from --date, from \
            --period (its last day), or from the period its title or file name states \
            (2024年第一季度… → 2024-03-31); rows dated outside a stated period are warned about.

            Each file is one transaction: it is stored whole or not at all. A row that cannot be taken is \
            rejected with file, sheet, row, column, category and reason; the same disbursement seen again \
            is stored once. Importing the same file again does nothing. --replace swaps the earlier \
            batch of the same file (same content, else same path, else same file name; when several \
            batches share the name, it refuses and lists them: choose with --replace-batch N) and prints \
            what it removed. Every row of every sheet is accounted for: loaded, rejected, duplicates, and \
            the title, header, blank, footer and note rows skipped.

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
    @OptionGroup var progress: ProgressOptions

    @Option(help: ArgumentHelp("Take this sheet (repeat for several; hidden sheets too) instead of every sheet whose header matches.", valueName: "name"))
    var sheet: [String] = []

    @Option(help: ArgumentHelp("The date of rows in sheets without a date column (YYYY-MM-DD).", valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp("The period the files cover (2024Q1, 2024H1, 2024, 2024-03): rows without a date column take its last day; rows outside it are warned about.", valueName: "period"))
    var period: String?

    @Option(help: ArgumentHelp("For a register: the district its streets and towns belong to.", valueName: "name"))
    var district: String?

    @Option(help: ArgumentHelp("For members, aid and activities: the submitting unit (street or district; name, code or path) under which unit names are looked for first.", valueName: "unit"))
    var from: String?

    @Option(help: ArgumentHelp("A TOML or JSON file naming headers the synonyms miss (\"header\" = \"field\") and confirmed spellings ([org] \"as typed\" = \"register name\").", valueName: "file"))
    var map: String?

    @Option(help: ArgumentHelp("Text encoding of CSV files: \(TextEncoding.acceptedNames). Default: detected."))
    var encoding: String?

    @Option(help: ArgumentHelp("Write the rejected rows (original values and reasons) to this workbook.", valueName: "file.xlsx"))
    var rejects: String?

    @Flag(help: "Swap an earlier import of the same file (same content, else same path, else same file name) for this one.")
    var replace = false

    @Option(name: .customLong("replace-batch"), help: ArgumentHelp("Swap exactly this earlier batch (see fulian status) for the file.", valueName: "N"))
    var replaceBatch: Int64?

    @Flag(name: .customLong("dry-run"), help: "Read, check and count everything, but store nothing.")
    var dryRun = false

    @Flag(help: "Store nothing from a file that has any rejected row (exit 1).")
    var strict = false

    @Option(help: "Summary format: text or json.")
    var format: SummaryFormat = .text

    enum SummaryFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("unknown encoding \(encoding); use \(TextEncoding.acceptedNames)")
        }
        if let date, CivilDate(iso: date) == nil { throw ValidationError("--date \(date) is not a date; write it as YYYY-MM-DD, e.g. 2024-03-31") }
        if let period { do { _ = try Period(parsing: period) } catch { throw ValidationError("--period: \(error)") } }
        if from != nil && dataset == .orgs { throw ValidationError(Message.cli(.fromNotForRegister(dataset: dataset.rawValue)).text()) }
        if replaceBatch != nil && files.count > 1 { throw ValidationError("--replace-batch replaces one batch: give one file") }
    }

    func run() throws {
        let mapping: HeaderMapFile.Mapping
        do { mapping = try map.map { try HeaderMapFile.loadMapping(path: $0, dataset: dataset) } ?? HeaderMapFile.Mapping() } catch {
            throw fail("\(error)")
        }
        let st: Store
        do { st = try store.open() } catch { throw fail("\(error)") }
        var results: [FileImportResult] = []
        var failures: [String] = []
        for file in files {
            var read = ReadOptions()
            read.encoding = encoding.flatMap(TextEncoding.init(name:))
            var options = ImportOptions(dataset: dataset, sheets: sheet, headerMap: mapping.headers, read: read, valueMap: mapping.values,
                                        date: date.flatMap(CivilDate.init(iso:)), period: period.flatMap { try? Period(parsing: $0) })
            let line = progress.line(task: (file as NSString).lastPathComponent, expected: ProgressLine.estimatedRows(path: file))
            options.progress = line?.counter
            var request = FileImportRequest(path: file, options: options, replace: replace, dryRun: dryRun, strict: strict)
            request.replaceBatch = replaceBatch
            request.district = district
            request.from = from
            do {
                let r: FileImportResult
                do { r = try st.importFile(request); line?.finish() } catch { line?.finish(); throw error }
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
        let verb: String
        switch r.status {
        case .dryRun: verb = " (dry run: nothing stored)"
        case .strictFailed: verb = r.strictSkippedSheet ? " (--strict: a data sheet was skipped, nothing stored)" : " (--strict: rejected rows, nothing stored)"
        case .replaced: verb = " (replaced the earlier import)"
        default: verb = ""
        }
        let multi = r.sheets.count > 1
        var where_ = ""
        if multi {
            where_ = "\(r.sheets.count) data sheets"
            if let e = r.encoding { where_ += ", \(e.rawValue)" }
        } else {
            where_ = r.sheet.map { "sheet \($0), " } ?? ""
            if let e = r.encoding { where_ += "\(e.rawValue), " }
            where_ += "header row \(r.headerRows ?? "?")"
        }
        lines.append("\(r.file): \(r.dataset.rawValue), \(where_)\(verb)")
        for b in r.replacedBatches {
            lines.append("  replaced \(b.description): its rows and issues were removed")
        }
        for s in r.sheets {
            if multi {
                lines.append("  sheet \(s.name): header row \(s.headerRows); \(s.tally.dataRows) rows: \(s.loaded) loaded, \(s.rejected) rejected, "
                             + "\(s.duplicates) duplicates, \(s.warnings) warnings\(skipped(s.tally))")
            }
            if let d = s.date { lines.append("  \(multi ? "sheet \(s.name): " : "")no date column: every row dated \(d.date.iso), from \(d.source)") }
        }
        lines.append("  \(r.rows) rows: \(r.loaded) loaded, \(r.rejected) rejected, \(r.duplicates) duplicates, \(r.warnings) warnings"
                     + (multi ? "" : r.sheets.first.map { skipped($0.tally) } ?? ""))
        for s in r.skippedSheets { lines.append("  sheet \(s.name) skipped: \(s.message)") }
        if !r.inferredColumns.isEmpty {
            lines.append("  columns taken by meaning: \(r.inferredColumns.joined(separator: ", ")) (confirm or override with --map)")
        }
        for s in r.sheets {
            for m in s.tally.missingMeasures {
                let scope = m.field.isMeasure(for: nil) ? "rows" : "job fairs"
                lines.append("  \(multi ? "sheet \(s.name): " : "")no \(m.field.synonyms.first ?? m.field.key) column: "
                             + "\(m.field.key) stays empty for \(m.rows) \(scope)")
            }
        }
        if !r.createdUnits.isEmpty {
            let byParent = Dictionary(grouping: r.createdUnits.filter { $0.kind != .district }, by: { $0.parent ?? "" })
            for d in r.createdUnits where d.kind == .district {
                lines.append("  created the district \(d.name) (from \(d.source ?? "?"))")
            }
            for (parent, units) in byParent.sorted(by: { $0.key < $1.key }) {
                let names = units.map { "\($0.name) (\($0.kind.label))" }.joined(separator: ", ")
                let source = units.first?.source.map { ", the district from \($0)" } ?? ""
                lines.append("  created from the parent column: \(names)" + (parent.isEmpty ? " (no parent unit)" : " under \(parent)\(source)"))
            }
        }
        for d in r.issues { lines.append("  " + d.description) }
        return lines.joined(separator: "\n")
    }

    /// `; skipped 1 title, 1 header, 2 blank, 1 footer (42 rows in the sheet)`: every other row of a sheet.
    static func skipped(_ t: SheetTally) -> String {
        var parts: [String] = []
        if t.titleRows > 0 { parts.append("\(t.titleRows) title") }
        if t.headerRows > 0 { parts.append("\(t.headerRows) header") }
        if t.blankRows > 0 { parts.append("\(t.blankRows) blank") }
        if !t.footerRows.isEmpty { parts.append("\(t.footerRows.count) footer") }
        if !t.noteRows.isEmpty { parts.append("\(t.noteRows.count) note") }
        return parts.isEmpty ? "" : "; skipped \(parts.joined(separator: ", ")) (\(t.sheetRows) rows in the sheet)"
    }

    static func json(_ results: [FileImportResult]) -> String {
        let files: [JSONOutput] = results.map { r in
            .object([
                ("file", .string(r.file)), ("path", .string(r.path)), ("dataset", .string(r.dataset.rawValue)), ("status", .string(r.status.rawValue)),
                ("sheet", .optional(r.sheet)), ("format", .optional(r.format?.rawValue)), ("encoding", .optional(r.encoding?.rawValue)),
                ("header_rows", .optional(r.headerRows)), ("sha256", .string(r.sha256)), ("batch", .optional(r.batchId.map(Int.init))),
                ("rows", .int(r.rows)), ("loaded", .int(r.loaded)), ("rejected", .int(r.rejected)),
                ("duplicates", .int(r.duplicates)), ("warnings", .int(r.warnings)),
                ("sheets", .array(r.sheets.map { s in
                    .object([("name", .string(s.name)), ("header_rows", .string(s.headerRows)), ("sheet_rows", .int(s.tally.sheetRows)),
                             ("rows", .int(s.tally.dataRows)), ("loaded", .int(s.loaded)), ("rejected", .int(s.rejected)),
                             ("duplicates", .int(s.duplicates)), ("warnings", .int(s.warnings)),
                             ("skipped", .object([("title", .int(s.tally.titleRows)), ("header", .int(s.tally.headerRows)),
                                                  ("blank", .int(s.tally.blankRows)), ("footer", .int(s.tally.footerRows.count)),
                                                  ("note", .int(s.tally.noteRows.count))])),
                             ("date", .optional(s.date?.date.iso)), ("date_source", .optional(s.date?.source)),
                             ("stated_period", .optional(s.statedPeriod)),
                             ("missing_measures", .object(s.tally.missingMeasures.map { ($0.field.key, .int($0.rows)) }))])
                })),
                ("inferred_columns", .array(r.inferredColumns.map(JSONOutput.string))),
                ("skipped_sheets", .array(r.skippedSheets.map { s in
                    .object([("name", .string(s.name)), ("reason", .string(s.reason.rawValue)), ("data", .bool(s.isData)),
                             ("message", .string(s.message))])
                })),
                ("replaced", .array(r.replacedBatches.map { b in
                    .object([("batch", .int(Int(b.id))), ("path", .string(b.path)), ("rows", .int(b.loaded)), ("imported_at", .string(b.importedAt))])
                })),
                ("created_units", .array(r.createdUnits.map { u in
                    .object([("name", .string(u.name)), ("kind", .string(u.kind.rawValue)), ("parent", .optional(u.parent)),
                             ("source", .optional(u.source))])
                })),
                ("issues", .array(r.issues.map { d in
                    .object([("severity", .string(d.severity.rawValue)), ("sheet", .optional(d.sheet)), ("row", .optional(d.row)),
                             ("column", .optional(d.column)), ("category", .string(d.category)), ("message", .string(d.message.text()))])
                })),
            ])
        }
        return JSONOutput.object([("files", .array(files))]).render()
    }
}
