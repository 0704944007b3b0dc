@testable import FulianCore

extension StoreMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [StoreMessage] = [
        .olderStoreReadOnly(path: "/数据/市妇联.sqlite"),
    ]
}
