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
            from the extension. Dates are shown in ISO form, numbers as stored.

            Examples:
              fulian peek 春蕾计划.xlsx
              fulian peek 名册.xls --sheet 花名册 --rows 30
              fulian peek 两癌救助.csv --encoding gb18030
            """)

    @Argument(help: "The file.")
    var file: String

    @Option(help: "Show only this sheet.")
    var sheet: String?

    @Option(help: "How many rows to show per sheet.")
    var rows = 10

    @Option(help: "Text encoding for CSV (default: detected).")
    var encoding: String?

    @Flag(name: .customLong("no-mask"), help: "Show ID and phone numbers in full (they are masked by default).")
    var noMask = false

    func validate() throws {
        if let encoding, TextEncoding(name: encoding) == nil { throw ValidationError("unknown encoding \(encoding)") }
        if rows < 0 { throw ValidationError("--rows must be 0 or more") }
    }

    func run() throws {
        do {
            var options = ReadOptions()
            options.encoding = encoding.flatMap(TextEncoding.init(name:))
            let reader = try openSpreadsheet(at: file, options: options)
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
                    if shown.count < rows { shown.append(row) }
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
        } catch let e as SheetError {
            throw fail(e.description)
        }
    }

    /// The widest table peek prints.
    static let maxColumns = 40

    /// A cell as peek shows it: text truncated, ID-like digit runs masked.
    static func show(_ c: Cell, mask: Bool) -> String {
        var s = c.displayText.replacingOccurrences(of: "\n", with: "⏎")
        if mask { s = Masking.scrub(s) }
        if s.count > 24 { s = String(s.prefix(23)) + "…" }
        return s
    }
}
