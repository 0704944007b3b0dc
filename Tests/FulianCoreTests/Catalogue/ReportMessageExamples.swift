@testable import FulianCore

extension ReportMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [ReportMessage] = [
        .unknownUnder(typed: "江背区", suggestion: "江北区"),
        .ambiguousUnder(typed: "城关镇", paths: ["渝州市/江北区/城关镇", "渝州市/南岸区/城关镇"]),
    ]
}
