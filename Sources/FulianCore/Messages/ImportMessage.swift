/// Messages of layout, mapping, normalisation and validation, worded in Chinese and English.
public indirect enum ImportMessage: Localized, Hashable {
    /// A value problem prefixed by the column's header as the file writes it: `所属社区：…`.
    case inColumn(header: String, Message)
    /// A value an optional field could not read: the problem, and the field left empty.
    case leftEmpty(Message)
    /// A unit the register does not hold, with the closest register name when there is one.
    case unknownOrg(name: String, suggestion: String?)

    public func wording() -> Wording {
        switch self {
        case .inColumn(let header, let m):
            Wording("\(header)：\(m.text(.zh))", "\(header): \(m.text(.en))")
        case .leftEmpty(let m):
            Wording("\(m.text(.zh))，已留空", "\(m.text(.en)); left empty")
        case .unknownOrg(let name, let suggestion?):
            Wording("\(name)不在组织名册中，是否为 \(suggestion)？请更正名称，或先把该单位加入组织名册并导入。",
                    "unit \(name) is not in the org register; did you mean \(suggestion)? "
                        + "Correct the name, or add the unit to the register and import it first.")
        case .unknownOrg(let name, nil):
            Wording("\(name)不在组织名册中。请更正名称，或先把该单位加入组织名册并导入。",
                    "unit \(name) is not in the org register. "
                        + "Correct the name, or add the unit to the register and import it first.")
        }
    }
}
