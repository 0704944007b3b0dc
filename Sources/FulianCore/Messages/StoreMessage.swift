/// Messages of store, worded in Chinese and English.
public enum StoreMessage: Localized, Hashable {
    public func wording() -> Wording {
        switch self {}
    }
}
