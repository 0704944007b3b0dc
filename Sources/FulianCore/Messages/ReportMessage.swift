/// Messages of reports, worded in Chinese and English.
public enum ReportMessage: Localized, Hashable {
    /// `--under` names no unit of the register.
    case unknownUnder(typed: String, suggestion: String?)
    /// `--under` names several units: the candidates by path.
    case ambiguousUnder(typed: String, paths: [String])

    public func wording() -> Wording {
        switch self {
        case .unknownUnder(let typed, let suggestion?):
            Wording("--under \(typed) 不在组织名册中，是否为 \(suggestion)？",
                    "--under \(typed) is not a unit of the register; did you mean \(suggestion)?")
        case .unknownUnder(let typed, nil):
            Wording("--under \(typed) 不在组织名册中，请写单位的名称、代码或完整路径。",
                    "--under \(typed) is not a unit of the register: give a unit's name, code or full path.")
        case .ambiguousUnder(let typed, let paths):
            Wording("--under \(typed) 对应组织名册中的 \(paths.count) 个单位（\(paths.joined(separator: "；"))），请写代码或完整路径。",
                    "--under \(typed) matches \(paths.count) units of the register (\(paths.joined(separator: "; "))); give its code or full path.")
        }
    }
}
