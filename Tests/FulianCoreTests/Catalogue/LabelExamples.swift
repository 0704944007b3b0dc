@testable import FulianCore

extension Label {
    /// Every label, for `CatalogueTests`.
    static let examples: [Label] = ActivityKind.allCases.map(Label.activityKind) + Role.allCases.map(Label.role)
        + OrgKind.allCases.map(Label.orgKind) + [Label.gender(.female), Label.gender(.male)]
        + AgeBand.allCases.map(Label.ageBand) + Dataset.allCases.map(Label.dataset)
}
