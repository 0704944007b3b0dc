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
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "import", abstract: HelpText.abstract(.import), discussion: HelpText.discussion(.import))
    }

    @Argument(help: ArgumentHelp(HelpText.option(.importDataset, reserve: 45)))
    var dataset: Dataset

    @Argument(help: ArgumentHelp(HelpText.option(.importFiles), valueName: "file"))
    var files: [String]

    @OptionGroup var store: StoreOptions
    @OptionGroup var progress: ProgressOptions

    @OptionGroup var language: LanguageOptions

    @Option(help: ArgumentHelp(HelpText.option(.importSheet), valueName: "name"))
    var sheet: [String] = []

    @Option(help: ArgumentHelp(HelpText.option(.importDate), valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp(HelpText.option(.importPeriod), valueName: "period"))
    var period: String?

    @Option(help: ArgumentHelp(HelpText.option(.importProgram), valueName: "name"))
    var program: String?

    @Option(help: ArgumentHelp(HelpText.option(.importDistrict), valueName: "name"))
    var district: String?

    @Option(help: ArgumentHelp(HelpText.option(.importFrom), valueName: "unit"))
    var from: String?

    @Option(help: ArgumentHelp(HelpText.option(.map), valueName: "file"))
    var map: String?

    @Option(help: ArgumentHelp(HelpText.option(CLIMessage.encodingHelp(accepted: TextEncoding.acceptedNames, peek: false).text())))
    var encoding: String?

    @Option(help: ArgumentHelp(HelpText.option(.importRejects), valueName: "file.xlsx"))
    var rejects: String?

    @Flag(help: ArgumentHelp(HelpText.option(.importReplace)))
    var replace = false

    @Option(name: .customLong("replace-batch"), help: ArgumentHelp(HelpText.option(.importReplaceBatch), valueName: "N"))
    var replaceBatch: Int64?

    @Flag(name: .customLong("dry-run"), help: ArgumentHelp(HelpText.option(.importDryRun)))
    var dryRun = false

    @Flag(help: ArgumentHelp(HelpText.option(.importStrict)))
    var strict = false

    @Option(help: ArgumentHelp(HelpText.option(.importFormat, reserve: 16)))
    var format: SummaryFormat = .text

    enum SummaryFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError(CLIMessage.unknownEncoding(given: encoding, accepted: TextEncoding.acceptedNames).text())
        }
        if let date, CivilDate(iso: date) == nil { throw ValidationError(CLIMessage.badDate(option: "--date", given: date).text()) }
        if let period, (try? Period(parsing: period)) == nil { throw ValidationError(CLIMessage.badPeriod(option: "--period", given: period).text()) }
        if replaceBatch != nil && files.count > 1 { throw ValidationError(CLIMessage.replaceBatchOneFile(files: files.count).text()) }
        if program != nil && dataset != .aid { throw ValidationError(Message.cli(.programOnlyForAid(dataset: dataset.rawValue)).text()) }
        if from != nil && dataset == .orgs { throw ValidationError(Message.cli(.fromNotForRegister(dataset: dataset.rawValue)).text()) }
    }

    func run() throws {
        if let rejects { try OutputPath.checkFolder(rejects) }
        let mapping: HeaderMapFile.Mapping
        do { mapping = try map.map { try HeaderMapFile.loadMapping(path: $0, dataset: dataset) } ?? HeaderMapFile.Mapping() } catch {
            throw fail(error)
        }
        let st: Store
        do { st = try store.open() } catch { throw fail(error) }
        var results: [FileImportResult] = []
        var failures: [String] = []
        for file in files {
            var read = ReadOptions()
            read.encoding = encoding.flatMap(TextEncoding.init(name:))
            var options = ImportOptions(dataset: dataset, sheets: sheet, headerMap: mapping.headers, read: read, valueMap: mapping.values,
                                        date: date.flatMap(CivilDate.init(iso:)), period: period.flatMap { try? Period(parsing: $0) })
            let line = progress.line(task: (file as NSString).lastPathComponent, expected: ProgressLine.estimatedRows(path: file))
            options.progress = line?.counter
            options.program = program.map(TextNormalizer.compact)
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
                printError(CLIMessage.error(.external("\(error)")).text())
            }
        }
        if let rejects {
            do { try RejectsWorkbook.write(results, to: rejects) } catch { throw fail(error) }
            if format == .text { print(CLIMessage.rejectsWritten(path: rejects).text()) }
        }
        if format == .json { print(ImportSummary.json(results)) }
        if !failures.isEmpty { throw ExitCode.failure }
    }
}

/// Renders import results for people and scripts.
enum ImportSummary {
    /// The summary of one file in a language: heading, counts, sheets, created units and every issue.
    static func text(_ r: FileImportResult, _ language: Language = .current) -> String {
        func t(_ m: CLIMessage) -> String { m.text(language) }
        if r.status == .alreadyImported { return t(.alreadyImported(file: r.file, batch: r.batchId ?? 0)) }
        let multi = r.sheets.count > 1
        var lines = [heading(r, language)]
        // A dry run, or a strict run that failed, stored nothing and removed nothing.
        let storedNothing = r.status == .dryRun || r.status == .strictFailed
        for b in r.replacedBatches { lines.append("  " + t(storedNothing ? .wouldReplaceBatch(b.message) : .replacedBatch(b.message))) }
        for s in r.sheets {
            if multi {
                lines.append("  " + t(.sheetCounts(sheet: s.name, headerRows: s.headerRows, counts: .rowCounts(
                    rows: s.tally.dataRows, loaded: s.loaded, rejected: s.rejected, duplicates: s.duplicates, warnings: s.warnings,
                    skipped: skipped(s.tally)))))
            }
            if let d = s.date { lines.append("  " + t(.noDateColumn(sheet: multi ? s.name : nil, date: d.date.iso, source: "\(d.source)"))) }
            if let p = s.program { lines.append("  " + t(.noProgramColumn(sheet: multi ? s.name : nil, program: p.name, source: "\(p.source)"))) }
            if let u = s.unit { lines.append("  " + t(.noUnitColumn(sheet: multi ? s.name : nil, unit: u.path, source: "\(u.source)"))) }
            if let k = s.kind {
                if let kind = k.kind, let source = k.source {
                    lines.append("  " + t(.noKindColumn(sheet: multi ? s.name : nil, kind: kind.label, source: "\(source)")))
                } else {
                    lines.append("  " + t(.kindFromNames(sheet: multi ? s.name : nil)))
                }
            }
        }
        lines.append("  " + counts(r, language))
        for s in r.skippedSheets { lines.append("  " + t(.sheetSkipped(sheet: s.name, reason: "\(s.message)"))) }
        if !r.inferredColumns.isEmpty { lines.append("  " + t(.inferredColumns(r.inferredColumns))) }
        for s in r.sheets {
            for m in s.tally.missingMeasures {
                let header = m.field.synonyms.first ?? m.field.key
                if s.updatedUnits > 0 {
                    lines.append("  " + t(.missingRegisterColumn(sheet: multi ? s.name : nil, header: header, field: m.field.key, rows: m.rows,
                                                                 kept: min(s.updatedUnits, m.rows))))
                } else {
                    lines.append("  " + t(.missingMeasure(sheet: multi ? s.name : nil, header: header, field: m.field.key,
                                                         rows: m.rows, jobFairs: !m.field.isMeasure(for: nil))))
                }
            }
        }
        for s in r.sheets where !s.tally.repeatedHeaderRows.isEmpty || !s.tally.innerTitleRows.isEmpty {
            lines.append("  " + t(.repeatedHeader(sheet: multi ? s.name : nil, headerRows: s.tally.repeatedHeaderRows,
                                                  titleRows: s.tally.innerTitleRows)))
        }
        if !r.createdUnits.isEmpty {
            let byParent = Dictionary(grouping: r.createdUnits.filter { $0.kind != .district }, by: { $0.parent ?? "" })
            for d in r.createdUnits where d.kind == .district {
                lines.append("  " + t(.createdDistrict(name: d.name, source: d.source.map(StoreMessage.districtSource))))
            }
            for (parent, units) in byParent.sorted(by: { $0.key < $1.key }) {
                let names = units.map { t(.unitWithKind(name: $0.name, kind: .orgKind($0.kind))) }
                lines.append("  " + t(.createdUnits(units: names, parent: parent.isEmpty ? nil : parent,
                                                   source: units.first?.source.map(StoreMessage.districtSource))))
            }
        }
        for d in r.issues { lines.append("  " + d.text(language)) }
        return lines.joined(separator: "\n")
    }

    /// The first line of a file's summary: `aid-q1.csv: aid, UTF-8, header row 2` (`aid-q1.csv：aid，UTF-8，表头第 2 行`).
    static func heading(_ r: FileImportResult, _ language: Language = .current) -> String {
        let status: String
        switch r.status {
        case .strictFailed: status = r.strictSkippedSheet ? "strict-skipped-sheet" : "strict-failed"
        default: status = r.status.rawValue
        }
        return CLIMessage.fileHeading(file: r.file, dataset: r.dataset.rawValue, sheetCount: r.sheets.count, sheet: r.sheet,
                                      encoding: r.encoding?.rawValue, headerRows: r.headerRows, status: status).text(language)
    }

    /// The file's counts: `7 rows: 3 loaded, 3 rejected, 1 duplicates, 1 warnings; skipped …`.
    static func counts(_ r: FileImportResult, _ language: Language = .current) -> String {
        CLIMessage.rowCounts(rows: r.rows, loaded: r.loaded, rejected: r.rejected, duplicates: r.duplicates, warnings: r.warnings,
                             skipped: r.sheets.count > 1 ? nil : r.sheets.first.flatMap { skipped($0.tally) }).text(language)
    }

    /// `; skipped 1 title, 1 header, 2 blank, 1 footer (42 rows in the sheet)`: every other row of a sheet (nil when none).
    static func skipped(_ t: SheetTally) -> CLIMessage? {
        let m = CLIMessage.skippedRows(title: t.titleRows, header: t.headerRows, blank: t.blankRows, footer: t.footerRows.count,
                                       note: t.noteRows.count, section: t.sectionRows.count, sheetRows: t.sheetRows)
        return m.text(.en).isEmpty ? nil : m
    }

    static func json(_ results: [FileImportResult]) -> String {
        let files: [JSONOutput] = results.map { r in
            .object([
                ("file", .string(r.file)), ("path", .string(r.path)), ("dataset", .string(r.dataset.rawValue)), ("status", .string(r.status.rawValue)),
                ("sheet", .optional(r.sheet)), ("format", .optional(r.format?.rawValue)), ("encoding", .optional(r.encoding?.rawValue)),
                ("header_rows", .optional(r.headerRows)), ("sha256", .string(r.sha256)), ("batch", .optional(r.batchId.map(Int.init))),
                ("message", .string(r.status == .alreadyImported ? text(r) : heading(r) + "\n" + counts(r))),
                ("rows", .int(r.rows)), ("loaded", .int(r.loaded)), ("rejected", .int(r.rejected)),
                ("duplicates", .int(r.duplicates)), ("warnings", .int(r.warnings)),
                ("sheets", .array(r.sheets.map { s in
                    .object([("name", .string(s.name)), ("header_rows", .string(s.headerRows)), ("sheet_rows", .int(s.tally.sheetRows)),
                             ("rows", .int(s.tally.dataRows)), ("loaded", .int(s.loaded)), ("rejected", .int(s.rejected)),
                             ("duplicates", .int(s.duplicates)), ("warnings", .int(s.warnings)),
                             ("skipped", .object([("title", .int(s.tally.titleRows)), ("header", .int(s.tally.headerRows)),
                                                  ("blank", .int(s.tally.blankRows)), ("footer", .int(s.tally.footerRows.count)),
                                                  ("note", .int(s.tally.noteRows.count)), ("section", .int(s.tally.sectionRows.count))])),
                             ("date", .optional(s.date?.date.iso)), ("date_source", .optional(s.date?.source.text())),
                             ("stated_period", .optional(s.statedPeriod)),
                             ("program", .optional(s.program?.name)), ("program_source", .optional(s.program?.source.text())),
                             ("unit", .optional(s.unit?.path)), ("unit_source", .optional(s.unit?.source.text())),
                             ("kind", .optional(s.kind.map { $0.kind?.rawValue ?? "by-name" })), ("kind_source", .optional(s.kind?.source?.text())),
                             ("repeated_header_rows", .array(s.tally.repeatedHeaderRows.map(JSONOutput.int))),
                             ("inner_title_rows", .array(s.tally.innerTitleRows.map(JSONOutput.int))),
                             ("hidden_rows", .array(s.tally.hiddenRows.map(JSONOutput.int))),
                             ("missing_measures", .object(s.tally.missingMeasures.map { ($0.field.key, .int($0.rows)) }))])
                })),
                ("inferred_columns", .array(r.inferredColumns.map(JSONOutput.string))),
                ("skipped_sheets", .array(r.skippedSheets.map { s in
                    .object([("name", .string(s.name)), ("reason", .string(s.reason.rawValue)), ("data", .bool(s.isData)),
                             ("message", .string(s.message.text()))])
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
