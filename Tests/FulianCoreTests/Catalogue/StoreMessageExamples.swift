@testable import FulianCore

extension StoreMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [StoreMessage] = []
}
