import ArgumentParser
import Foundation
import FulianCore
import FulianSheets

/// `fulian peek FILE`
struct PeekCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "peek", abstract: HelpText.abstract(.peek), discussion: HelpText.discussion(.peek))
    }

    /// How peek prints.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// An aligned table per sheet, for people.
        case table
        /// One JSON document, for scripts.
        case json
        /// One sheet's rows as CSV.
        case csv
    }

    /// `--rows N` or `--rows all`.
    enum RowCount: ExpressibleByArgument, Equatable {
        /// The first N rows.
        case first(Int)
        /// Every row.
        case all

        init?(argument: String) {
            if argument.lowercased() == "all" { self = .all; return }
            guard let n = Int(argument), n >= 0 else { return nil }
            self = .first(n)
        }

        /// The most rows to show.
        var limit: Int {
            switch self {
            case .first(let n): return n
            case .all: return .max
            }
        }
    }

    @Argument(help: ArgumentHelp(HelpText.option(.peekFile)))
    var file: String

    @Option(help: ArgumentHelp(HelpText.option(.peekSheet)))
    var sheet: String?

    @Option(help: ArgumentHelp(HelpText.option(.peekRows), valueName: "n|all"))
    var rows: RowCount?

    @Option(help: ArgumentHelp(HelpText.option(.peekFormat, reserve: 40)))
    var format: Format = .table

    @Option(help: ArgumentHelp(HelpText.option(CLIMessage.encodingHelp(accepted: TextEncoding.acceptedNames, peek: true).text())))
    var encoding: String?

    @Flag(name: .customLong("no-mask"), help: ArgumentHelp(HelpText.option(.peekNoMask)))
    var noMask = false

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError(CLIMessage.unknownEncoding(given: encoding, accepted: TextEncoding.acceptedNames).text())
        }
    }

    func run() throws {
        do {
            var options = ReadOptions()
            options.encoding = encoding.flatMap(TextEncoding.init(name:))
            let reader = try openSpreadsheet(at: file, options: options)
            switch format {
            case .table: try printTable(reader, limit: (rows ?? .first(10)).limit)
            case .json: try printJSON(reader, limit: (rows ?? .first(10)).limit)
            case .csv: try writeCSV(reader, limit: (rows ?? .all).limit)
            }
        } catch let e as SheetError {
            throw fail(e)
        }
    }

    // MARK: Table

    private func printTable(_ reader: any SpreadsheetReader, limit: Int) throws {
        print(CLIMessage.peekHeading(
            file: (file as NSString).lastPathComponent, format: reader.format.rawValue, encoding: reader.textEncoding?.rawValue,
            delimiter: reader.delimiter.map { $0 == 9 ? "tab" : "'\(Character(UnicodeScalar($0)))'" },
            dateSystem: reader.format == .csv ? nil : (reader.dateSystem == .system1904 ? "1904" : "1900")).text())
        let sheets = try sheet.map { [try reader.sheet(named: $0)] } ?? reader.sheets
        for s in sheets {
            var count = 0, width = 0
            var shown: [Row] = []
            try reader.forEachRow(in: s) { row in
                count += 1
                width = max(width, row.cells.count)
                if shown.count < limit { shown.append(row) }
                return true
            }
            let merges = try reader.mergedRanges(in: s)
            print("\n" + CLIMessage.peekSheet(index: s.index + 1, name: s.name, rows: count, columns: width,
                                              visibility: s.visibility == .visible ? nil : s.visibility.rawValue,
                                              dimension: s.dimension.map { "\($0)" }).text())
            if !merges.isEmpty { print(CLIMessage.peekMerged(merges.map(\.description)).text()) }
            guard !shown.isEmpty else { continue }
            let allCols = shown.map(\.cells.count).max() ?? 0
            // A sheet may be 16,384 columns wide; a terminal is not.
            let cols = min(allCols, PeekCommand.maxColumns)
            var t = TextTable(headers: [CLIMessage.columnHeader("row").text()] + (0..<cols).map { ColumnName.letters($0 + 1) }, rightAligned: [0])
            for r in shown {
                t.rows.append([String(r.number)] + (0..<cols).map { PeekCommand.show(r[$0], mask: !noMask) })
            }
            print(t.render())
            let hidden = shown.filter(\.hidden).map(\.number)
            if !hidden.isEmpty { print(CLIMessage.peekHiddenRows(hidden).text()) }
            if allCols > cols { print(CLIMessage.peekColumnsNotShown(from: ColumnName.letters(cols + 1), to: ColumnName.letters(allCols)).text()) }
        }
        for w in reader.warnings.prefix(20) { print(w.description) }
    }

    /// The widest table peek prints.
    static let maxColumns = 40

    /// A cell as peek shows it: text truncated, what looks like an ID or a mobile number masked.
    static func show(_ c: Cell, mask: Bool) -> String {
        var s = mask ? masked(c) : c.displayText
        s = s.replacingOccurrences(of: "\n", with: "⏎")
        if s.count > 24 { s = String(s.prefix(23)) + "…" }
        return s
    }

    /// A cell's display text with IDs and mobile numbers masked (a number that is one, too).
    static func masked(_ c: Cell) -> String {
        if case .number(let d) = c, let m = SheetJSON.maskedNumber(d) { return m }
        return Masking.scrubPersonalNumbers(c.displayText)
    }

    // MARK: JSON

    private func printJSON(_ reader: any SpreadsheetReader, limit: Int) throws {
        let sheets = try sheet.map { [try reader.sheet(named: $0)] } ?? reader.sheets
        var out: [JSONOutput] = []
        for s in sheets {
            let rows = try reader.rows(in: s, limit: limit)
            out.append(SheetJSON.sheet(s, merged: try reader.mergedRanges(in: s), rows: rows, mask: !noMask))
        }
        let doc = JSONOutput.object([
            ("file", .string(file)),
            ("format", .string(reader.format.rawValue)),
            ("encoding", .optional(reader.textEncoding?.rawValue)),
            ("sheets", .array(out)),
        ])
        print(doc.render())
    }

    // MARK: CSV

    private func writeCSV(_ reader: any SpreadsheetReader, limit: Int) throws {
        let s: SheetInfo
        if let sheet {
            s = try reader.sheet(named: sheet)
        } else if reader.sheets.count == 1 {
            s = reader.sheets[0]
        } else {
            // A usage error (exit 64), known only once the file is open.
            printError(CLIMessage.error(.cli(.csvNeedsSheet(sheets: reader.sheets.map(\.name)))).text())
            throw ExitCode.validationFailure
        }
        guard limit > 0 else { return }
        // Two passes, both streaming: the width first, so every line has as many fields as the widest row.
        var width = 0, seen = 0
        try reader.forEachRow(in: s) { row in
            var w = row.cells.count
            while w > 0, case .empty = row.cells[w - 1] { w -= 1 }
            width = max(width, w)
            seen += 1
            return seen < limit
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        var fields: [String] = []
        var written = 0
        try reader.forEachRow(in: s) { row in
            fields.removeAll(keepingCapacity: true)
            for i in 0..<width { fields.append(noMask ? row[i].displayText : PeekCommand.masked(row[i])) }
            CSVText.append(fields[...], to: &buffer)
            buffer += [13, 10]
            if buffer.count >= 1 << 16 {
                FileHandle.standardOutput.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
            written += 1
            return written < limit
        }
        if !buffer.isEmpty { FileHandle.standardOutput.write(Data(buffer)) }
    }
}
