/// Messages of workbooks, worded in Chinese and English.
public enum ExcelMessage: Localized, Hashable {
    public func wording() -> Wording {
        switch self {}
    }
}
