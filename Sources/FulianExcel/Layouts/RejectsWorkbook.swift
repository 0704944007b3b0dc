import Foundation
import FulianCore
import FulianImport
import FulianStore

/// The workbook `fulian import --rejects FILE.xlsx` writes: every rejected row with its original values
/// and the reason, so a clerk can fix the rows and send them again.
///
/// Sheet 汇总 lists each file with its counts; then one sheet per file with rejected rows: 行号 (the row
/// as Excel shows it), 原因 (category codes), 说明 (the messages, in the workbook's language), then the
/// row's cells under the file's own headers.
/// Values are written as the file had them (this is the data owner's copy); messages are masked as always.
public enum RejectsWorkbook {
    /// Writes the rejects workbook for a set of import results, its words (and each row's 说明) in `language`.
    public static func write(_ results: [FileImportResult], to path: String, language: Language = .current, created: Date? = nil) throws {
        func col(_ c: ExcelMessage.Column) -> String { ExcelMessage.column(c).text(language) }
        let footer = PrintSetup.pageNumberFooter(language)
        let wb = try Workbook(path: path, properties: DocumentProperties(title: ExcelMessage.word(.rejectsDocument).text(language),
                                                                         subject: ExcelMessage.word(.rejectsSubject).text(language),
                                                                         created: created))
        let summaryName = ExcelMessage.sheet(.rejectsSummary).text(language)
        let summary = try wb.addWorksheet(name: summaryName)
        var t = TableSheet(title: ExcelMessage.title(.rejects).text(language),
                           headers: [col(.file), col(.dataset), col(.sheet), col(.rowsRead), col(.loaded), col(.rejected),
                                     col(.duplicates), col(.warnings)],
                           styles: [nil, nil, nil, .integer, .integer, .integer, .integer, .integer])
        t.totals = .sum(label: ExcelMessage.word(.totalRow).text(language))
        for r in results {
            t.rows.append([.text(r.file), .text(r.dataset.rawValue), .text(r.sheet ?? ""), .integer(Int64(r.rows)),
                           .integer(Int64(r.loaded)), .integer(Int64(r.rejected)), .integer(Int64(r.duplicates)), .integer(Int64(r.warnings))])
        }
        try t.write(to: summary, at: 0)
        try summary.autoFitColumns()
        try summary.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer))

        var used = [summaryName]
        for r in results where !r.rejectedRows.isEmpty {
            let name = uniqueSheetName(for: r.file, existing: used)
            used.append(name)
            let sheet = try wb.addWorksheet(name: name)
            let width = max(r.headers.count, r.rejectedRows.map(\.values.count).max() ?? 0)
            let headers = [col(.sourceRow), col(.reason), col(.message)]
                + (0..<width).map { $0 < r.headers.count && !r.headers[$0].isEmpty ? r.headers[$0] : ColumnName.letters($0 + 1) }
            var table = TableSheet(title: ExcelMessage.rejectedRows(file: r.file, sheet: r.sheet).text(language), headers: headers,
                                   styles: [.integer, nil, QuarterlyWorkbook.wrapped])
            table.wrapWidths = [2: 50]
            for row in r.rejectedRows {
                let errors = row.diagnostics.filter { $0.severity == .error }
                table.rows.append([.integer(Int64(row.number)), .text(errors.map(\.category).joined(separator: ", ")),
                                   .text(errors.map { $0.message.text(language) }.joined(separator: language == .zh ? "；" : "; "))]
                                  + (0..<width).map { $0 < row.values.count ? .text(row.values[$0]) : .empty })
            }
            try table.write(to: sheet, at: 0)
            try sheet.setColumnWidth(2, width: 50, style: QuarterlyWorkbook.wrapped)
            try sheet.autoFitColumns(maxWidth: 40)
            try sheet.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer, margins: .narrow))
        }
        try wb.close()
    }

    /// A sheet name from a file name: its stem without the characters Excel forbids, cut to Excel's 31
    /// UTF-16 units, made unique with (2), (3)….
    static func uniqueSheetName(for file: String, existing: [String]) -> String {
        let forbidden = Set("[]:*?/\\")
        var stem = String((file as NSString).deletingPathExtension.filter { !forbidden.contains($0) })
        stem = stem.trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        if stem.isEmpty || stem.lowercased() == "history" { stem = "文件" }
        /// The longest prefix of `s` that fits in `units` UTF-16 units (Excel's count; an emoji is two).
        func fitting(_ s: String, _ units: Int) -> String {
            var out = "", used = 0
            for ch in s {
                used += ch.utf16.count
                if used > units { break }
                out.append(ch)
            }
            return out
        }
        var candidate = fitting(stem, 31)
        var n = 2
        while Workbook.sheetNameProblem(candidate, existing: existing) != nil {
            let suffix = "(\(n))"
            candidate = fitting(stem, 31 - suffix.utf16.count) + suffix
            n += 1
        }
        return candidate
    }
}
