@testable import FulianCore

extension ReportMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [ReportMessage] = []
}
