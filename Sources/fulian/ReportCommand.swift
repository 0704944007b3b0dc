import ArgumentParser
import Foundation
import FulianAnalytics
import FulianCore
import FulianExcel
import FulianStore

/// `fulian report NAME --period P`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compute coverage, job-fair, aid, member and activity figures for a period, or write the quarterly workbook.",
        discussion: """
            NAME is one of:
              aid         disbursements, recipients and amount by org × program (--by-source, --by-month)
              coverage    组织/工作/妇女之家 coverage of communities and villages on the period's last day
                          (--kinds enterprise,social_org for the new-sector coverage)
              jobfairs    job fairs held: fairs, employers, positions, seekers, placements, placement rate
              members     memberships active on the period's last day by org × role (--composition)
              activities  activities held by org × kind, participants
              quarterly   the leadership workbook: every report above on formatted sheets with charts,
                          a notes sheet with sources, data-quality issues and definitions (needs -o)

            Periods: 2024Q1, 2024H1, 2024, 2024-03, 2024-01-01..2024-03-31.
            --by street groups by the level under the district (streets and towns); city, district,
            community and none are the other levels. Without --by, rows are the level directly below the
            top unit in scope: streets for a district's store, districts for a city's (or under --under).
            --under NAME|CODE restricts any report, and the quarterly workbook, to a unit and everything
            under it (a district federation's figures out of a city's store). In a store with several
            districts every row also carries its unit's code, so equal names are told apart. --compare adds the previous period (环比) and the same
            period a year earlier (同比) with absolute and percentage changes (null when the base is 0).
            Every figure is computed in SQL inside the store; --explain prints the definition and the SQL.

            Examples:
              fulian report aid --period 2024Q1
              fulian report coverage --period 2024Q2 --compare --format json
              fulian report aid --period 2024H1 --by-month --format csv --bom -o aid.csv
              fulian report quarterly --period 2024Q1 -o 2024Q1.xlsx
              fulian report coverage --period 2024Q1 --under 江北区 --by community
            """)

    enum Name: String, ExpressibleByArgument, CaseIterable {
        case aid, coverage, jobfairs, members, activities, quarterly
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, xlsx }

    @Argument(help: "aid, coverage, jobfairs, members, activities or quarterly.")
    var name: Name

    @Option(help: ArgumentHelp("The period: 2024Q1, 2024H1, 2024, 2024-03 or 2024-01-01..2024-03-31.", valueName: "period"))
    var period: String

    @Option(help: ArgumentHelp("Group by city, district, street, community or none (default: the level below the top unit in scope).", valueName: "level"))
    var by: String?

    @Option(help: ArgumentHelp("Only this unit and everything under it (name, code or path).", valueName: "unit"))
    var under: String?

    @Flag(help: "Add the previous period (环比) and the same period a year earlier (同比).")
    var compare = false

    @Option(help: "table (default), json, csv or xlsx (xlsx needs -o).")
    var format: Format = .table

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Start CSV output with a byte-order mark (for Excel on Chinese Windows).")
    var bom = false

    @Flag(help: "Print the definition and the SQL behind every figure.")
    var explain = false

    @Option(help: ArgumentHelp("coverage: the unit kinds measured (e.g. enterprise,social_org); activities: the kinds counted.", valueName: "kinds"))
    var kinds: String?

    @Flag(name: .customLong("by-source"), help: "aid: break down by funding source.")
    var bySource = false

    @Flag(name: .customLong("by-month"), help: "aid: break down by month of payment.")
    var byMonth = false

    @Flag(help: "members: add age bands and tag shares.")
    var composition = false

    @Option(help: "Header language: zh or en (default: zh for tables and workbooks, the JSON names for CSV).")
    var lang: ReportSheet.Language?

    @Option(help: ArgumentHelp("quarterly: highlight coverage below this rate (default 0.9).", valueName: "rate"))
    var target: Double = 0.9

    @Flag(name: .customLong("no-mask"), help: "quarterly: show ID and phone numbers in full on sheets that list people.")
    var noMask = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let by, OrgLevel(rawValue: by) == nil { throw ValidationError(Message.cli(.unknownLevel(by)).text()) }
        if (try? Period(parsing: period)) == nil {
            throw ValidationError("--period \(period) is not a period; use 2024Q1, 2024H1, 2024, 2024-03 or 2024-01-01..2024-03-31")
        }
        if name == .quarterly && output == nil { throw ValidationError("report quarterly writes a workbook: name it with -o FILE.xlsx") }
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx writes a workbook: name it with -o FILE.xlsx") }
        if !(0...1).contains(target) { throw ValidationError("--target must lie between 0 and 1, e.g. 0.9") }
        if (bySource || byMonth) && name != .aid { throw ValidationError("--by-source and --by-month apply to the aid report") }
        if composition && name != .members { throw ValidationError("--composition applies to the members report") }
    }

    func run() throws {
        let p = try Period(parsing: period)
        let st: Store
        do { st = try store.open(readOnly: true) } catch { throw fail("\(error)") }
        if name == .quarterly {
            var options = QuarterlyWorkbook.Options(period: p, language: lang ?? .zh, target: target, mask: !noMask)
            options.under = under
            do {
                let summary = try QuarterlyWorkbook.write(store: st, to: output!, options: options)
                print("quarterly workbook for \(p.label): \(output!) (\(summary.sheets.joined(separator: ", ")))")
            } catch {
                throw fail("\(error)")
            }
            return
        }
        var breakdowns: Set<ReportBreakdown> = []
        if bySource { breakdowns.insert(.source) }
        if byMonth { breakdowns.insert(.month) }
        if composition { breakdowns.insert(.composition) }
        let result: ReportResult
        do {
            let level = try by.flatMap(OrgLevel.init(rawValue:)) ?? st.dbQueue.read { db in try Reports.defaultLevel(under: under, db: db) }
            let request = ReportRequest(kind: ReportKind(rawValue: name.rawValue)!, period: p, by: level, compare: compare,
                                        kinds: kinds.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [],
                                        breakdowns: breakdowns, under: under)
            result = try Reports.run(request, in: st)
        } catch { throw fail("\(error)") }
        let text: String
        switch format {
        case .xlsx:
            do { try ReportSheet.write(result, to: output!, language: lang ?? .zh) } catch { throw fail("\(error)") }
            print("\(name.rawValue) \(p.label): \(output!)")
            if explain { print(result.explanation.text) }
            return
        case .json: text = ReportRendering.json(result)
        case .csv: text = ReportRendering.csv(result, bom: bom, chineseHeaders: lang == .zh)
        case .table: text = ReportRendering.text(result, chineseHeaders: (lang ?? .zh) == .zh)
        }
        var out = text
        // "\r\n" is one Character, so look at the last byte to see whether the text ends a line.
        let endsLine = out.utf8.last == UInt8(ascii: "\n")
        if explain { out += (endsLine ? "\n" : "\n\n") + result.explanation.text }
        if let output {
            do { try out.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw fail("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            print(out, terminator: out.utf8.last == UInt8(ascii: "\n") ? "" : "\n")
        }
    }
}

extension ReportSheet.Language: ExpressibleByArgument {}
