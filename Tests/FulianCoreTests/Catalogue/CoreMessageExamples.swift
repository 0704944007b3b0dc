@testable import FulianCore

extension CoreMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [CoreMessage] = [
        .severity(.error),
        .location(file: "aid.xlsx", sheet: "发放名单", row: 12, column: 4),
        .diagnostic(Diagnostic(severity: .warning, file: "aid.csv", row: 3, category: "partial-date", message: .core(.severity(.warning)))),
        .inFile(file: "救助.csv", .core(.severity(.error))),
        .progress(task: "救助名单.csv", done: 120_000, expected: 1_000_000, perSecond: 85_000, secondsLeft: 200),
    ]
}
