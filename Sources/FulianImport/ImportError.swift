import FulianSheets

/// A file the importer cannot take at all (as opposed to single rows, which become diagnostics).
public struct ImportError: Error, CustomStringConvertible, Sendable {
    /// The file name as given.
    public var file: String
    /// The sheet, when the problem is in one.
    public var sheet: String?
    /// A sentence for people that says what to do next.
    public var message: String

    /// Creates an error.
    public init(file: String, sheet: String? = nil, _ message: String) {
        self.file = file
        self.sheet = sheet
        self.message = message
    }

    /// Wraps a reader error.
    public init(_ e: SheetError) {
        self.init(file: e.file, sheet: e.sheet, e.row.map { "row \($0): " + e.message } ?? e.message)
    }

    public var description: String {
        sheet.map { "\(file) (sheet \($0)): \(message)" } ?? "\(file): \(message)"
    }
}
