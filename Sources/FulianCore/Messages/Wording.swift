/// A sentence or label in both languages: the two wordings of one catalogue entry.
public struct Wording: Sendable, Hashable {
    /// 简体中文.
    public var zh: String
    /// English.
    public var en: String

    /// Both wordings, Chinese first.
    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    /// The wording in a language.
    public subscript(_ language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

/// Something a person reads, worded in both languages by the message catalogue (`Sources/FulianCore/Messages`).
///
/// Each layer's messages are one enum with a case per message and typed arguments; its `wording` switch is
/// the catalogue entry. `CatalogueTests` walks every case and fails when a wording is missing or untranslated.
public protocol Localized: Sendable, CustomStringConvertible {
    /// The Chinese and English wordings of this message with its arguments filled in.
    func wording() -> Wording
}

extension Localized {
    /// The message in a language (the process's ``Language/current`` by default).
    public func text(_ language: Language = .current) -> String { wording()[language] }

    /// The message in the current language.
    public var description: String { text() }
}
