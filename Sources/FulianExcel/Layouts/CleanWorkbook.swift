import Foundation
import FulianCore
import FulianImport

/// The workbook `fulian clean` writes: 清洗结果, 问题清单, 重复记录, 名称归并 and 摘要.
///
/// The clean table is written in constant-memory mode (it can hold a million rows). Values are as
/// normalised: amounts as numbers in yuan (`#,##0.00`), dates as dates, counts as integers, IDs and the
/// rest as text, so SUM works in Excel and the table re-imports exactly. Words are Chinese by default
/// (`language: .en` for English); the field headers stay the canonical ones either way.
public enum CleanWorkbook {
    /// The clean table's header: the canonical Chinese header of every field, then the trace columns.
    public static func header(_ result: CleanResult) -> [String] { header(columns: result.columns) }

    /// The clean table's header for these fields.
    public static func header(columns: [FieldSpec]) -> [String] {
        columns.map { $0.synonyms.first ?? $0.key } + ["状态", "来源文件", "工作表", "行号"]
    }

    /// One clean row's cells as text, IDs and phones masked when `mask` is set.
    public static func values(_ row: CleanRow, _ result: CleanResult, mask: Bool) -> [String] {
        values(row, columns: result.columns, mask: mask)
    }

    /// One clean row's cells as text for these fields, IDs and phones masked when `mask` is set.
    public static func values(_ row: CleanRow, columns: [FieldSpec], mask: Bool) -> [String] {
        columns.map { f in
            let v = row.fields[f.key] ?? ""
            guard mask, !v.isEmpty else { return v }
            switch f.kind {
            case .idNumber: return Masking.idNumber(v)
            case .phone: return Masking.phone(v)
            default: return v
            }
        } + [row.status.label, row.file, row.sheet ?? "", String(row.row)]
    }

    /// Writes the five sheets of a finished run that kept its rows.
    public static func write(_ result: CleanResult, to path: String, mask: Bool, language: Language = .current, created: Date? = nil) throws {
        let writer = try CleanWorkbookWriter(path: path, dataset: result.dataset, columns: result.columns, mask: mask,
                                             language: language, created: created)
        for row in result.rows { try writer.add(row) }
        try writer.finish(result)
    }

    /// A clean value as a typed cell: amounts as numbers (`#,##0.00`), dates as dates, counts as integers,
    /// so SUM and date filters work in Excel; anything else (and a value that does not read) as text.
    static func cell(_ text: String, kind: FieldKind) -> ExcelValue {
        switch kind {
        case .money:
            if case .success(let m) = Money.parse(text) { return .money(m) }
        case .date, .dateOrFlag:
            if let d = CivilDate(iso: text), d >= CivilDate(year: 1900, month: 3, day: 1)! { return .date(d) }
        case .count:
            if let n = Int64(text), n.magnitude <= UInt64(Worksheet.maxExactInteger) { return .integer(n) }
        default:
            break
        }
        return .text(text)
    }
}

/// Writes the clean workbook while a cleanup run goes: the 清洗结果 sheet row by row as rows come
/// (constant-memory mode: a million rows take no memory), the other four sheets at the end.
///
/// ```swift
/// let writer = try CleanWorkbookWriter(path: "clean.xlsx", dataset: .aid, columns: cleaner.columns, mask: true)
/// let result = try cleaner.run(files: paths) { try writer.add($0) }
/// try writer.finish(result)
/// ```
///
/// Every sheet prints on A4 landscape, fit to the page width, with a title row, the header repeated on
/// every page and page numbers in the footer. The clean table's header row is row 2, under the title.
public final class CleanWorkbookWriter {
    private let wb: Workbook
    private let clean: Worksheet
    private let columns: [FieldSpec]
    private let mask: Bool
    private let language: Language
    private let width: Int
    private var next = 2

    /// Creates the workbook and writes the table's title and header.
    public init(path: String, dataset: Dataset, columns: [FieldSpec], mask: Bool, language: Language = .current, created: Date? = nil) throws {
        wb = try Workbook(path: path, constantMemory: true,
                          properties: DocumentProperties(title: ExcelMessage.cleanTitle(dataset).text(language),
                                                         subject: ExcelMessage.cleanSubject(dataset).text(language),
                                                         comments: ExcelMessage.word(.generatedByFulian).text(language), created: created))
        clean = try wb.addWorksheet(name: ExcelMessage.sheet(.cleanTable).text(language))
        self.columns = columns
        self.mask = mask
        self.language = language
        var header = CleanWorkbook.header(columns: columns)
        // The field headers stay the canonical ones (the table re-imports); the trace columns are worded.
        for (i, c) in [ExcelMessage.Column.status, .sourceFile, .sheet, .sourceRow].enumerated() {
            header[columns.count + i] = ExcelMessage.column(c).text(language)
        }
        width = header.count
        try clean.setRowHeight(0, height: 24)
        try clean.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: max(width - 1, 1),
                             value: .text(ExcelMessage.cleanTitle(dataset).text(language)), style: .title)
        try clean.writeRow(row: 1, header.map { .text($0) }, style: .header)
    }

    /// Writes the next row of the table.
    public func add(_ row: CleanRow) throws {
        try add(row, values: CleanWorkbook.values(row, columns: columns, mask: mask))
    }

    /// Writes the next row from its ``CleanWorkbook/values(_:columns:mask:)`` made earlier (on another
    /// thread); the status cell is taken from `row`, which may have become a duplicate since.
    public func add(_ row: CleanRow, values: [String]) throws {
        var cells = values
        if columns.count < cells.count { cells[columns.count] = CleanWorkbook.status(row.status, language) }
        for (c, v) in cells.enumerated() where !v.isEmpty {
            let value: ExcelValue = c == cells.count - 1 ? .integer(Int64(row.row))
                : c < columns.count ? CleanWorkbook.cell(v, kind: columns[c].kind) : .text(v)
            try clean.write(row: next, col: c, value)
        }
        next += 1
    }

    /// Finishes the table and writes the issue list, duplicate groups, spelling clusters and summary.
    public func finish(_ result: CleanResult) throws {
        let mask = self.mask
        let wb = self.wb
        let lang = language
        func col(_ c: ExcelMessage.Column) -> String { ExcelMessage.column(c).text(lang) }
        func title(_ sheet: ExcelMessage.Sheet) -> String {
            ExcelMessage.cleanTitle(result.dataset).text(lang) + " · " + ExcelMessage.sheet(sheet).text(lang)
        }
        let footer = PrintSetup.pageNumberFooter(lang)
        if next > 2 { try clean.autofilter(firstRow: 1, firstCol: 0, lastRow: next - 1, lastCol: width - 1) }
        try clean.freezePanes(row: 2, col: 0)
        try clean.autoFitColumns(maxWidth: 40)
        try clean.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer, margins: .narrow))

        let issues = try wb.addWorksheet(name: ExcelMessage.sheet(.issues).text(lang))
        var t = TableSheet(title: title(.issues),
                           headers: [col(.sourceFile), col(.sheet), col(.sourceRow), col(.column), col(.original), col(.category),
                                     col(.severity), col(.message), col(.suggestion)],
                           styles: [nil, nil, .integer, nil, nil, nil, nil, QuarterlyWorkbook.wrapped])
        t.placeholder = ExcelMessage.word(.none).text(lang)
        t.wrapWidths = [7: 60]
        for i in result.issues {
            let d = i.diagnostic
            let original = mask ? Masking.scrub(i.original) : i.original
            t.rows.append([.text(d.file), .text(d.sheet ?? ""), d.row.map { .integer(Int64($0)) } ?? .empty,
                           .text(d.column.map { ColumnName.letters($0) } ?? ""), .text(original), .text(d.category),
                           .text(CoreMessage.severity(d.severity).text(lang)), .text(d.message.text(lang)), .text(i.suggestion ?? "")])
        }
        try t.write(to: issues, at: 0)
        try issues.setColumnWidth(7, width: 60, style: QuarterlyWorkbook.wrapped)
        try issues.autoFitColumns(maxWidth: 40)
        try issues.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer, margins: .narrow))

        let dups = try wb.addWorksheet(name: ExcelMessage.sheet(.duplicates).text(lang))
        var d = TableSheet(title: title(.duplicates),
                           headers: [col(.duplicateGroup), col(.duplicateKind), col(.key), col(.sourceFile), col(.sheet), col(.sourceRow), col(.name)],
                           styles: [.integer, nil, nil, nil, nil, .integer])
        d.placeholder = ExcelMessage.word(.none).text(lang)
        for (g, group) in result.duplicates.enumerated() {
            let kind: ExcelMessage = switch group.kind {
            case .sameRecord: .word(.sameRecord)
            case .samePerson: .word(.samePerson)
            case .conflict: .word(.idConflict)
            }
            for member in group.members {
                d.rows.append([.integer(Int64(g + 1)), .text(kind.text(lang)), .text(group.key), .text(member.file),
                               .text(member.sheet ?? ""), .integer(Int64(member.row)), .text(member.name)])
            }
        }
        try d.write(to: dups, at: 0)
        try dups.autoFitColumns(maxWidth: 50)
        try dups.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer))

        let variants = try wb.addWorksheet(name: ExcelMessage.sheet(.variants).text(lang))
        var v = TableSheet(title: title(.variants), headers: [col(.field), col(.fingerprint), col(.spelling), col(.occurrences)],
                           styles: [nil, nil, nil, .integer])
        v.placeholder = ExcelMessage.word(.none).text(lang)
        for cluster in result.variants {
            for s in cluster.spellings {
                v.rows.append([.text(cluster.field), .text(cluster.fingerprint), .text(s.text), .integer(Int64(s.count))])
            }
        }
        try v.write(to: variants, at: 0)
        try variants.autoFitColumns(maxWidth: 50)
        try variants.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer))

        let summary = try wb.addWorksheet(name: ExcelMessage.sheet(.files).text(lang))
        var s = TableSheet(title: title(.files),
                           headers: [col(.file), col(.format), col(.encoding), col(.sheet), col(.headerRows), col(.rowsRead), col(.clean),
                                     col(.withIssues), col(.duplicates), col(.footerRows), col(.noteRows), col(.blankRows),
                                     col(.mergedCellsFilled), col(.skippedSheets)],
                           styles: [nil, nil, nil, nil, nil, .integer, .integer, .integer, .integer, nil, nil, .integer, .integer])
        for f in result.files {
            s.rows.append([.text(f.file), .text(f.format.rawValue), .text(f.encoding?.rawValue ?? ""), .text(f.sheet ?? ""),
                           .text(f.headerRows), .integer(Int64(f.rowsRead)), .integer(Int64(f.clean)), .integer(Int64(f.withIssues)),
                           .integer(Int64(f.duplicates)), .text(f.footerRows.map(String.init).joined(separator: ", ")),
                           .text(f.noteRows.map(String.init).joined(separator: ", ")), .integer(Int64(f.blankRows)),
                           .integer(Int64(f.mergedCellsFilled)), .text(f.skippedSheets.joined(separator: "；"))])
        }
        s.totals = .sum(label: ExcelMessage.word(.totalRow).text(lang))
        try s.write(to: summary, at: 0)
        try summary.autoFitColumns(maxWidth: 50)
        try summary.setPrintSetup(PrintSetup(repeatRows: 0...1, footer: footer))
        try wb.close()
    }
}

extension CleanWorkbook {
    /// A row's status as the workbook shows it: 正常, 警告, 错误, 重复 (clean, warning, error, duplicate).
    static func status(_ status: CleanRow.Status, _ language: Language) -> String {
        switch status {
        case .clean: ExcelMessage.word(.statusClean).text(language)
        case .warning: CoreMessage.severity(.warning).text(language)
        case .error: CoreMessage.severity(.error).text(language)
        case .duplicate: ExcelMessage.word(.statusDuplicate).text(language)
        }
    }
}
