import Foundation
import FulianSheets

/// Temporary files for tests that need bytes on disk.
public enum TempFile {
    /// Writes `bytes` to a fresh file in a new temporary directory and returns its path.
    public static func write(_ bytes: [UInt8], name: String = "test.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes `bytes` as a file named `name` and opens it with ``openSpreadsheet(at:options:)``.
    public static func open(_ bytes: [UInt8], name: String = "test.csv", options: ReadOptions = ReadOptions()) throws -> any SpreadsheetReader {
        try openSpreadsheet(at: write(bytes, name: name), options: options)
    }

    /// Writes `bytes` as a file named `name` and reads every row of its first sheet back.
    public static func rows(_ bytes: [UInt8], name: String = "test.csv", options: ReadOptions = ReadOptions()) throws -> [Row] {
        let reader = try open(bytes, name: name, options: options)
        return try reader.rows(in: reader.sheets[0])
    }

    /// Writes UTF-8 text as a CSV file and reads every row of it back.
    public static func rows(csv text: String, options: ReadOptions = ReadOptions()) throws -> [Row] {
        try rows(Array(text.utf8), options: options)
    }
}
