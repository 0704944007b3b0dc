@testable import FulianCore

extension CLIMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [CLIMessage] = [
        .fromNotForRegister(dataset: "orgs"),
        .unknownLevel("街道"),
    ]
}
