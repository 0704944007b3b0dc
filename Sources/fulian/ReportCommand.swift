import ArgumentParser
import Foundation
import FulianAnalytics
import FulianCore
import FulianExcel
import FulianStore

/// `fulian report NAME --period P`
struct ReportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "report", abstract: HelpText.abstract(.report), discussion: HelpText.discussion(.report))
    }

    enum Name: String, ExpressibleByArgument, CaseIterable {
        case aid, coverage, jobfairs, members, activities, quarterly
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, xlsx }

    @Argument(help: ArgumentHelp(HelpText.option(.reportName, reserve: 60)))
    var name: Name

    @Option(help: ArgumentHelp(HelpText.option(.reportPeriod), valueName: "period"))
    var period: String

    @Option(help: ArgumentHelp(HelpText.option(.reportBy, reserve: 20), valueName: "level"))
    var by: String?

    @Option(help: ArgumentHelp(HelpText.option(.reportUnder), valueName: "unit"))
    var under: String?

    @Flag(help: ArgumentHelp(HelpText.option(.reportCompare)))
    var compare = false

    @Option(help: ArgumentHelp(HelpText.option(.reportFormat, reserve: 44)))
    var format: Format = .table

    @Option(name: .shortAndLong, help: ArgumentHelp(HelpText.option(.reportOutput), valueName: "file"))
    var output: String?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp(HelpText.option(.reportBOM, reserve: 18)))
    var bom = true

    @Flag(help: ArgumentHelp(HelpText.option(.reportExplain)))
    var explain = false

    @Option(help: ArgumentHelp(HelpText.option(.reportKinds), valueName: "kinds"))
    var kinds: String?

    @Flag(name: .customLong("by-source"), help: ArgumentHelp(HelpText.option(.reportBySource)))
    var bySource = false

    @Flag(name: .customLong("by-month"), help: ArgumentHelp(HelpText.option(.reportByMonth)))
    var byMonth = false

    @Flag(help: ArgumentHelp(HelpText.option(.reportComposition)))
    var composition = false

    @OptionGroup var language: LanguageOptions

    @Option(help: ArgumentHelp(HelpText.option(.reportTarget, reserve: 16), valueName: "rate"))
    var target: Double = 0.9

    @Flag(name: .customLong("no-mask"), help: ArgumentHelp(HelpText.option(.reportNoMask)))
    var noMask = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let by, OrgLevel(rawValue: by) == nil { throw ValidationError(CLIMessage.unknownLevel(by).text()) }
        if (try? Period(parsing: period)) == nil { throw ValidationError(CLIMessage.badPeriod(option: "--period", given: period).text()) }
        if name == .quarterly && output == nil { throw ValidationError(CLIMessage.workbookNeedsOutput(quarterly: true).text()) }
        if format == .xlsx && output == nil { throw ValidationError(CLIMessage.workbookNeedsOutput(quarterly: false).text()) }
        if !(0...1).contains(target) { throw ValidationError(CLIMessage.badTarget(given: target).text()) }
        if (bySource || byMonth) && name != .aid { throw ValidationError(CLIMessage.breakdownNeedsAid(report: name.rawValue).text()) }
        if composition && name != .members { throw ValidationError(CLIMessage.compositionNeedsMembers(report: name.rawValue).text()) }
    }

    func run() throws {
        let p = try Period(parsing: period)
        if let output { try OutputPath.checkFolder(output) }
        let st: Store
        do { st = try store.open(readOnly: true) } catch { throw fail(error) }
        if name == .quarterly {
            var options = QuarterlyWorkbook.Options(period: p, language: Language.current, target: target, mask: !noMask, explain: explain)
            options.under = under
            do {
                let summary = try QuarterlyWorkbook.write(store: st, to: output!, options: options)
                print(CLIMessage.quarterlyWritten(period: p, path: output!, sheets: summary.sheets).text())
            } catch {
                throw fail(error)
            }
            return
        }
        var breakdowns: Set<ReportBreakdown> = []
        if bySource { breakdowns.insert(.source) }
        if byMonth { breakdowns.insert(.month) }
        if composition { breakdowns.insert(.composition) }
        let result: ReportResult
        do {
            let level = try by.flatMap(OrgLevel.init(rawValue:)) ?? st.read { db in try Reports.defaultLevel(under: under, db: db) }
            let request = ReportRequest(kind: ReportKind(rawValue: name.rawValue)!, period: p, by: level, compare: compare,
                                        kinds: kinds.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [],
                                        breakdowns: breakdowns, under: under)
            result = try Reports.run(request, in: st)
        } catch { throw fail(error) }
        let text: String
        switch format {
        case .xlsx:
            do { try ReportSheet.write(result, to: output!, language: Language.current) } catch { throw fail(error) }
            print(CLIMessage.reportWritten(report: name.rawValue, period: p, path: output!).text())
            if explain { print(result.explanation.text()) }
            return
        case .json: text = ReportRendering.json(result)
        // A BOM for a file Excel opens; never on standard output (a pipe or a script reads it).
        case .csv: text = ReportRendering.csv(result, bom: bom && output != nil)
        case .table: text = ReportRendering.heading(result) + "\n\n" + ReportRendering.text(result)
        }
        var out = text
        // "\r\n" is one Character, so look at the last byte to see whether the text ends a line.
        let endsLine = out.utf8.last == UInt8(ascii: "\n")
        if explain { out += (endsLine ? "\n" : "\n\n") + result.explanation.text() }
        if let output {
            do { try out.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw fail(.cannotWrite(path: output, reason: error.localizedDescription))
            }
        } else {
            print(out, terminator: out.utf8.last == UInt8(ascii: "\n") ? "" : "\n")
        }
    }
}

