import FulianCore
import FulianSheets

/// A file the importer cannot take at all (as opposed to single rows, which become diagnostics).
public struct ImportError: Error, Localized {
    /// The file name as given.
    public var file: String
    /// The sheet, when the problem is in one.
    public var sheet: String?
    /// What is wrong and what to do next, worded by the catalogue.
    public var message: Message

    /// Creates an error.
    public init(file: String, sheet: String? = nil, _ message: Message) {
        self.file = file
        self.sheet = sheet
        self.message = message
    }

    /// Creates an error worded by the import layer's catalogue.
    public init(file: String, sheet: String? = nil, _ message: ImportMessage) {
        self.init(file: file, sheet: sheet, Message.importing(message))
    }

    /// Wraps a reader error (its row, if any, leads the message).
    public init(_ e: SheetError) {
        self.init(file: e.file, sheet: e.sheet, e.row.map { Message.importing(.atRow($0, e.message)) } ?? e.message)
    }

    /// The file (and sheet), then the message: `aid.xlsx 工作表“名单”：…` / `aid.xlsx (sheet 名单): …`.
    public func wording() -> Wording {
        ImportMessage.fileError(file: file, sheet: sheet, message).wording()
    }
}
