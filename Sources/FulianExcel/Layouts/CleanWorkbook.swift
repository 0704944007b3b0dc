import Foundation
import FulianCore
import FulianImport

/// The workbook `fulian clean` writes: 清洗结果, 问题清单, 重复记录, 名称归并 and 摘要.
///
/// The clean table is written in constant-memory mode (it can hold a million rows); every value is
/// text as normalised (ISO dates, yuan with two decimals, 18-digit IDs), so it re-imports exactly.
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
    public static func write(_ result: CleanResult, to path: String, mask: Bool, created: Date? = nil) throws {
        let writer = try CleanWorkbookWriter(path: path, dataset: result.dataset, columns: result.columns, mask: mask, created: created)
        for row in result.rows { try writer.add(row) }
        try writer.finish(result)
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
public final class CleanWorkbookWriter {
    private let wb: Workbook
    private let clean: Worksheet
    private let columns: [FieldSpec]
    private let mask: Bool
    private let width: Int
    private var next = 1

    /// Creates the workbook and writes the table's header.
    public init(path: String, dataset: Dataset, columns: [FieldSpec], mask: Bool, created: Date? = nil) throws {
        wb = try Workbook(path: path, constantMemory: true,
                          properties: DocumentProperties(title: "清洗结果", subject: "fulian clean \(dataset.rawValue)", created: created))
        clean = try wb.addWorksheet(name: "清洗结果")
        self.columns = columns
        self.mask = mask
        let header = CleanWorkbook.header(columns: columns)
        width = header.count
        try clean.writeRow(row: 0, header.map { .text($0) }, style: .header)
    }

    /// Writes the next row of the table.
    public func add(_ row: CleanRow) throws {
        try add(row, values: CleanWorkbook.values(row, columns: columns, mask: mask))
    }

    /// Writes the next row from its ``CleanWorkbook/values(_:columns:mask:)`` made earlier (on another
    /// thread); the status cell is taken from `row`, which may have become a duplicate since.
    public func add(_ row: CleanRow, values: [String]) throws {
        var cells = values
        if columns.count < cells.count { cells[columns.count] = row.status.label }
        for (c, v) in cells.enumerated() where !v.isEmpty {
            try clean.write(row: next, col: c, c == cells.count - 1 ? .integer(Int64(row.row)) : .text(v))
        }
        next += 1
    }

    /// Finishes the table and writes the issue list, duplicate groups, spelling clusters and summary.
    public func finish(_ result: CleanResult) throws {
        let mask = self.mask
        let wb = self.wb
        if next > 1 { try clean.autofilter(firstRow: 0, firstCol: 0, lastRow: next - 1, lastCol: width - 1) }
        try clean.freezePanes(row: 1, col: 0)
        try clean.autoFitColumns(maxWidth: 40)

        let issues = try wb.addWorksheet(name: "问题清单")
        var t = TableSheet(title: nil, headers: ["来源文件", "工作表", "行号", "列", "原值", "类别", "级别", "说明", "建议"], styles: [nil, nil, .integer])
        for i in result.issues {
            let d = i.diagnostic
            let original = mask ? Masking.scrub(i.original) : i.original
            t.rows.append([.text(d.file), .text(d.sheet ?? ""), d.row.map { .integer(Int64($0)) } ?? .empty,
                           .text(d.column.map { ColumnName.letters($0) } ?? ""), .text(original), .text(d.category),
                           .text(d.severity == .error ? "错误" : "警告"), .text(d.message.text()), .text(i.suggestion ?? "")])
        }
        try t.write(to: issues, at: 0)
        try issues.autoFitColumns(maxWidth: 60)

        let dups = try wb.addWorksheet(name: "重复记录")
        var d = TableSheet(title: nil, headers: ["组", "类型", "关键字", "来源文件", "工作表", "行号", "姓名"], styles: [.integer, nil, nil, nil, nil, .integer])
        for (g, group) in result.duplicates.enumerated() {
            for member in group.members {
                d.rows.append([.integer(Int64(g + 1)), .text(group.kind.rawValue), .text(group.key), .text(member.file),
                               .text(member.sheet ?? ""), .integer(Int64(member.row)), .text(member.name)])
            }
        }
        try d.write(to: dups, at: 0)
        try dups.autoFitColumns(maxWidth: 50)

        let variants = try wb.addWorksheet(name: "名称归并")
        var v = TableSheet(title: nil, headers: ["字段", "归并键", "写法", "出现次数"], styles: [nil, nil, nil, .integer])
        for cluster in result.variants {
            for s in cluster.spellings {
                v.rows.append([.text(cluster.field), .text(cluster.fingerprint), .text(s.text), .integer(Int64(s.count))])
            }
        }
        try v.write(to: variants, at: 0)
        try variants.autoFitColumns(maxWidth: 50)

        let summary = try wb.addWorksheet(name: "摘要")
        var s = TableSheet(title: nil, headers: ["文件", "格式", "编码", "工作表", "表头行", "数据行", "正常", "有问题", "重复",
                                                 "合计行", "备注行", "空行", "合并单元格填充", "跳过的工作表"],
                           styles: [nil, nil, nil, nil, nil, .integer, .integer, .integer, .integer, nil, nil, .integer, .integer])
        for f in result.files {
            s.rows.append([.text(f.file), .text(f.format.rawValue), .text(f.encoding?.rawValue ?? ""), .text(f.sheet ?? ""),
                           .text(f.headerRows), .integer(Int64(f.rowsRead)), .integer(Int64(f.clean)), .integer(Int64(f.withIssues)),
                           .integer(Int64(f.duplicates)), .text(f.footerRows.map(String.init).joined(separator: ", ")),
                           .text(f.noteRows.map(String.init).joined(separator: ", ")), .integer(Int64(f.blankRows)),
                           .integer(Int64(f.mergedCellsFilled)), .text(f.skippedSheets.joined(separator: "；"))])
        }
        try s.write(to: summary, at: 0)
        try summary.autoFitColumns(maxWidth: 50)
        try wb.close()
    }
}
