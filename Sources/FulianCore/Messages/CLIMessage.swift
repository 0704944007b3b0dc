/// Messages of the command line, worded in Chinese and English.
public enum CLIMessage: Localized, Hashable {
    public func wording() -> Wording {
        switch self {}
    }
}
