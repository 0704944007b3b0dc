import Foundation

/// Opens any spreadsheet file, choosing the reader by content: zip → ``XLSXReader``, OLE2 → ``XLSReader``,
/// a web page (an HTML table, or an MHT archive to refuse) → ``HTMLTableReader``, anything else → ``CSVReader``.
///
/// ```swift
/// let reader = try openSpreadsheet(at: "春蕾计划.xlsx")
/// print(reader.format, reader.sheets.map(\.name))
/// ```
public func openSpreadsheet(at path: String, options: ReadOptions = ReadOptions()) throws -> any SpreadsheetReader {
    switch try FormatDetection.format(ofFileAt: path) {
    case .xlsx: return try XLSXReader(path: path, options: options)
    case .xls: return try XLSReader(path: path, options: options)
    case .html: return try HTMLTableReader(path: path, options: options)
    case .csv: return try CSVReader(path: path, options: options)
    }
}
