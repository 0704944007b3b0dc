import Foundation
import FulianCore
import FulianImport

/// The workbook `fulian clean` writes: 清洗结果, 问题清单, 重复记录, 名称归并 and 摘要.
///
/// The clean table is written in constant-memory mode (it can hold a million rows); every value is
/// text as normalised (ISO dates, yuan with two decimals, 18-digit IDs), so it re-imports exactly.
public enum CleanWorkbook {
    /// The clean table's header: the canonical Chinese header of every field, then the trace columns.
    public static func header(_ result: CleanResult) -> [String] {
        result.columns.map { $0.synonyms.first ?? $0.key } + ["状态", "来源文件", "工作表", "行号"]
    }

    /// One clean row's cells as text, IDs and phones masked when `mask` is set.
    public static func values(_ row: CleanRow, _ result: CleanResult, mask: Bool) -> [String] {
        result.columns.map { f in
            let v = row.fields[f.key] ?? ""
            guard mask, !v.isEmpty else { return v }
            switch f.kind {
            case .idNumber: return Masking.idNumber(v)
            case .phone: return Masking.phone(v)
            default: return v
            }
        } + [row.status.label, row.file, row.sheet ?? "", String(row.row)]
    }

    /// Writes the five sheets.
    public static func write(_ result: CleanResult, to path: String, mask: Bool, created: Date? = nil) throws {
        let wb = try Workbook(path: path, constantMemory: true,
                              properties: DocumentProperties(title: "清洗结果", subject: "fulian clean \(result.dataset.rawValue)", created: created))
        // 清洗结果: rows in file order; constant-memory mode writes them straight out.
        let clean = try wb.addWorksheet(name: "清洗结果")
        let header = header(result)
        try clean.writeRow(row: 0, header.map { .text($0) }, style: .header)
        for (i, row) in result.rows.enumerated() {
            let cells = values(row, result, mask: mask)
            for (c, v) in cells.enumerated() where !v.isEmpty {
                try clean.write(row: i + 1, col: c, c == cells.count - 1 ? .integer(Int64(row.row)) : .text(v))
            }
        }
        if !result.rows.isEmpty { try clean.autofilter(firstRow: 0, firstCol: 0, lastRow: result.rows.count, lastCol: header.count - 1) }
        try clean.freezePanes(row: 1, col: 0)
        try clean.autoFitColumns(maxWidth: 40)

        let issues = try wb.addWorksheet(name: "问题清单")
        var t = TableSheet(title: nil, headers: ["来源文件", "工作表", "行号", "列", "原值", "类别", "级别", "说明", "建议"], styles: [nil, nil, .integer])
        for i in result.issues {
            let d = i.diagnostic
            let original = mask ? Masking.scrub(i.original) : i.original
            t.rows.append([.text(d.file), .text(d.sheet ?? ""), d.row.map { .integer(Int64($0)) } ?? .empty,
                           .text(d.column.map { ColumnName.letters($0) } ?? ""), .text(original), .text(d.category),
                           .text(d.severity == .error ? "错误" : "警告"), .text(d.message), .text(i.suggestion ?? "")])
        }
        try t.write(to: issues, at: 0)
        try issues.autoFitColumns(maxWidth: 60)

        let dups = try wb.addWorksheet(name: "重复记录")
        var d = TableSheet(title: nil, headers: ["组", "类型", "关键字", "来源文件", "工作表", "行号", "姓名"], styles: [.integer, nil, nil, nil, nil, .integer])
        for (g, group) in result.duplicates.enumerated() {
            for idx in group.rows where idx < result.rows.count {
                let row = result.rows[idx]
                d.rows.append([.integer(Int64(g + 1)), .text(group.kind.rawValue), .text(group.key), .text(row.file),
                               .text(row.sheet ?? ""), .integer(Int64(row.row)), .text(row.fields["name"] ?? "")])
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
