@testable import FulianCore

extension ReportMessage {
    /// One example per case, for `CatalogueTests`.
    static let examples: [ReportMessage] = [
        .breakdownOnlyForAid(breakdown: "month"),
        .compositionOnlyForMembers(report: "aid"),
        .kindsNotApplicable(report: "aid"),
        .unknownKind(kind: "工厂", coverage: true, allowed: ["community", "village"]),
        .columnHeader(base: "amount"),
        .comparisonHeader(base: "amount", comparison: "percentFromYearAgo", name: "amount_pct_year_ago"),
        .totals(report: "aid"),
        .title(report: "coverage"),
        .heading(report: "aid", period: try! Period(parsing: "2024Q1"), previous: try! Period(parsing: "2023Q4"),
                 yearAgo: try! Period(parsing: "2023Q1")),
        .compositionHeader(name: "age_band"),
        .ageBand("unknown"),
        .aidDefinition, .coverageDefinition, .jobfairsDefinition, .membersDefinition, .activitiesDefinition,
        .streetLevelRule, .communityLevelRule, .districtLevelRule, .noLevelRule,
        .measuredUnitKinds(["enterprise", "social_org"]),
        .countedActivityKinds(["lecture", "training"]),
        .compareRule,
        .periodRule(period: try! Period(parsing: "2024Q1"), previous: try! Period(parsing: "2023Q4"),
                    yearAgo: try! Period(parsing: "2023Q1")),
        .workbookTitle(report: "aid", period: try! Period(parsing: "2024Q1")),
        .cityLevelRule,
        .underRule("渝北区"),
        .unknownUnder(typed: "江背区", suggestion: "江北区"),
        .ambiguousUnder(typed: "城关镇", paths: ["渝州市/江北区/城关镇", "渝州市/南岸区/城关镇"]),
    ]
}
