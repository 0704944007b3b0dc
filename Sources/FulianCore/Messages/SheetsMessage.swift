/// Messages of readers, worded in Chinese and English.
public enum SheetsMessage: Localized, Hashable {
    public func wording() -> Wording {
        switch self {}
    }
}
