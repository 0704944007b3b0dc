@testable import FulianCore

extension ImportMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [ImportMessage] = [
        .inColumn(header: "所属社区", .importing(.unknownOrg(name: "金砂社区", suggestion: nil))),
        .leftEmpty(.importing(.unknownOrg(name: "金砂社区", suggestion: nil))),
        .unknownOrg(name: "金砂社区", suggestion: "金沙社区"),
        .ambiguousOrg(name: "幸福社区", paths: ["渝州市/江北区/石马河街道/幸福社区", "渝州市/南岸区/花园街道/幸福社区"]),
        .codePrefixMismatch(name: "幸福社区", code: "500106001001", parent: "石马河街道", parentCode: "500105001000"),
        .unknownFrom(typed: "石马和街道", suggestion: "石马河街道"),
        .ambiguousFrom(typed: "城关镇", paths: ["渝州市/江北区/城关镇", "渝州市/南岸区/城关镇"]),
    ]
}
