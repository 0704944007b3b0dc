/// Messages of reports, worded in Chinese and English.
public enum ReportMessage: Localized, Hashable {
    public func wording() -> Wording {
        switch self {}
    }
}
