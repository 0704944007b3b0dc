@testable import FulianCore

extension ExcelMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [ExcelMessage] = []
}
