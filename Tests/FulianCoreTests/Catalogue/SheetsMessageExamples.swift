@testable import FulianCore

extension SheetsMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [SheetsMessage] = []
}
