import ArgumentParser
import Foundation
import FulianCore
import FulianSheets

/// `fulian peek FILE`
struct PeekCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peek",
        abstract: "Show what fulian sees in a spreadsheet: format, encoding, sheets, merged ranges, first rows.",
        discussion: """
            The format is told from the content (zip → XLSX, OLE2 → XLS, else delimited text), never \
            from the extension. Dates are shown in ISO form, numbers as stored. What looks like an ID \
            number (15 or 18 characters) or a mobile number (11 digits) is masked unless --no-mask.

            --format json prints one JSON document for scripts: {"file", "format", "encoding", "sheets": \
            [{"name", "visible", "kind", "merged": ["A1:C1", …], "rows": [{"row": 3, "cells": [...]}]}]}. \
            Row numbers are the ones Excel shows, cells start at column A; a cell is null, a string, a \
            number, true/false, or {"date": "2024-01-05"}, {"datetime": "2024-01-05T15:00:00"}, \
            {"time": "15:00:00"}, {"duration": 3600.5} (seconds), {"error": "#REF!"}.

            --format csv writes one sheet's rows as CSV (UTF-8, CRLF; dates and times in ISO form, every \
            row as wide as the widest): an in2csv for these offices' files. Name the sheet with --sheet \
            when the workbook has more than one.

            Examples:
              fulian peek 春蕾计划.xlsx
              fulian peek 名册.xls --sheet 花名册 --rows 30
              fulian peek 两癌救助.csv --encoding gb18030
              fulian peek 名册.xlsx --format json --rows all
              fulian peek 名册.xls --format csv --sheet 花名册 > 花名册.csv
            """)

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

    @Argument(help: "The file.")
    var file: String

    @Option(help: "Show only this sheet.")
    var sheet: String?

    @Option(help: ArgumentHelp("How many rows to show per sheet: a number, or all (default: 10; all for --format csv).",
                               valueName: "n|all"))
    var rows: RowCount?

    @Option(help: "Output: table, json or csv.")
    var format: Format = .table

    @Option(help: "Text encoding for CSV (default: detected): \(TextEncoding.acceptedNames).")
    var encoding: String?

    @Flag(name: .customLong("no-mask"), help: "Show ID and phone numbers in full (they are masked by default).")
    var noMask = false

    func validate() throws {
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("unknown encoding \(encoding); use \(TextEncoding.acceptedNames)")
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
            throw fail(e.description)
        }
    }

    // MARK: Table

    private func printTable(_ reader: any SpreadsheetReader, limit: Int) throws {
        var head = "\((file as NSString).lastPathComponent): \(reader.format.rawValue)"
        if let e = reader.textEncoding { head += ", encoding \(e.rawValue)" }
        if let d = reader.delimiter { head += ", delimiter " + (d == 9 ? "tab" : "'\(Character(UnicodeScalar(d)))'") }
        if reader.format != .csv { head += ", \(reader.dateSystem == .system1904 ? "1904" : "1900") date system" }
        print(head)
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
            var line = "\nsheet \(s.index + 1) \(s.name): \(count) non-blank rows × \(width) columns"
            if s.visibility != .visible { line += " (\(s.visibility.rawValue))" }
            if let d = s.dimension { line += ", declared \(d)" }
            print(line)
            if !merges.isEmpty { print("merged: " + merges.map(\.description).joined(separator: " ")) }
            guard !shown.isEmpty else { continue }
            let allCols = shown.map(\.cells.count).max() ?? 0
            // A sheet may be 16,384 columns wide; a terminal is not.
            let cols = min(allCols, PeekCommand.maxColumns)
            var t = TextTable(headers: ["row"] + (0..<cols).map { ColumnName.letters($0 + 1) }, rightAligned: [0])
            for r in shown {
                t.rows.append([String(r.number)] + (0..<cols).map { PeekCommand.show(r[$0], mask: !noMask) })
            }
            print(t.render())
            if allCols > cols { print("(columns \(ColumnName.letters(cols + 1))…\(ColumnName.letters(allCols)) not shown)") }
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
            printError("error: --format csv writes one sheet: name it with --sheet (the sheets are: "
                       + reader.sheets.map(\.name).joined(separator: ", ") + ")")
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
