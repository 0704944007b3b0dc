/// How serious a row-level problem is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    /// The row (or file) is still taken; something in it deserves a look.
    case warning
    /// The row is not taken.
    case error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// One problem found in one place of one file: the unit of every import and cleanup report.
///
/// Printed as `aid-q1.xlsx 工作表“发放名单”第 12 行第 4 列：错误 [bad-check-digit] …` (in English
/// `aid-q1.xlsx:发放名单!R12C4: error [bad-check-digit] …`; sheet omitted for CSV). Messages
/// never contain an unmasked ID number or phone number: build them with masked values.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Error or warning.
    public var severity: Severity
    /// The file's name as the user gave it (no directory).
    public var file: String
    /// The sheet name, nil for text files.
    public var sheet: String?
    /// The 1-based row as Excel (or a text editor, for CSV) shows it; nil for file-level problems.
    public var row: Int?
    /// The 1-based column number; nil when the problem concerns the whole row.
    public var column: Int?
    /// The dataset field the column was mapped to (`id_number`), when there is one.
    public var field: String?
    /// A stable, machine-readable category such as `bad-check-digit`.
    public var category: String
    /// A sentence for people, in both languages; says what is wrong and, where possible, what to do.
    public var message: Message
    /// The value the message suggests instead (the register name closest to an unknown unit), when it names one.
    public var suggestion: String?

    /// Creates a diagnostic.
    public init(severity: Severity, file: String, sheet: String? = nil, row: Int? = nil, column: Int? = nil,
                field: String? = nil, category: String, message: Message, suggestion: String? = nil) {
        self.severity = severity
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.field = field
        self.category = category
        self.message = message
        self.suggestion = suggestion
    }

    /// The place in the current language: `aid.xlsx 工作表“发放名单”第 12 行第 4 列` or `aid.xlsx:发放名单!R12C4`.
    public var location: String { location(.current) }

    /// The place in a language.
    public func location(_ language: Language) -> String {
        CoreMessage.location(file: file, sheet: sheet, row: row, column: column).text(language)
    }

    /// The diagnostic as one line in a language.
    public func text(_ language: Language = .current) -> String { CoreMessage.diagnostic(self).text(language) }

    public var description: String { text() }
}

/// Converts between column numbers and the letters Excel shows (1 = A, 27 = AA).
public enum ColumnName {
    /// The letters for a 1-based column number.
    public static func letters(_ column: Int) -> String {
        var n = column
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// The 1-based column number for letters (`AA` → 27), nil if not letters.
    public static func number(_ letters: Substring) -> Int? {
        guard !letters.isEmpty else { return nil }
        var n = 0
        for c in letters.utf8 {
            let u = c & ~0x20
            guard u >= 65 && u <= 90 else { return nil }
            n = n * 26 + Int(u - 64)
            if n > 1_000_000 { return nil }
        }
        return n
    }
}
