@testable import FulianCore

extension ImportMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [ImportMessage] = [
        .inColumn(header: "所属社区", .importing(.unknownOrg(name: "金砂社区", suggestion: nil))),
        .leftEmpty(.importing(.unknownOrg(name: "金砂社区", suggestion: nil))),
        .unknownOrg(name: "金砂社区", suggestion: "金沙社区"),
    ]
}
