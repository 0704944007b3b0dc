/// Messages of layout, mapping, normalisation and validation, worded in Chinese and English.
public indirect enum ImportMessage: Localized, Hashable {
    /// A value problem prefixed by the column's header as the file writes it: `所属社区：…`.
    case inColumn(header: String, Message)
    /// A value an optional field could not read: the problem, and the field left empty.
    case leftEmpty(Message)
    /// A unit the register does not hold, with the closest register name when there is one.
    case unknownOrg(name: String, suggestion: String?)
    /// A unit name several places of the register share, none or several of them in the row's scope: the candidates by path.
    case ambiguousOrg(name: String, paths: [String])
    /// A register unit whose 12-digit code does not start with its parent's code.
    case codePrefixMismatch(name: String, code: String, parent: String, parentCode: String)
    /// `--from` names no unit of the register.
    case unknownFrom(typed: String, suggestion: String?)
    /// `--from` names several units: the candidates by path.
    case ambiguousFrom(typed: String, paths: [String])

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
        case .ambiguousOrg(let name, let paths):
            Wording("组织名册中有 \(paths.count) 个\(name)（\(paths.joined(separator: "；"))），无法确定是哪一个。"
                        + "请增加所属街道一列，或用 --from 指定报送单位，或写出完整路径。",
                    "unit \(name) matches \(paths.count) units of the register (\(paths.joined(separator: "; "))); "
                        + "add a street column, give the submitting unit with --from, or write the full path.")
        case .codePrefixMismatch(let name, let code, let parent, let parentCode):
            Wording("\(name)的代码 \(code) 与上级单位\(parent)的代码 \(parentCode) 不符，请核对区划代码。",
                    "the code \(code) of \(name) does not start with the code \(parentCode) of its parent \(parent); check the codes.")
        case .unknownFrom(let typed, let suggestion?):
            Wording("--from \(typed) 不在组织名册中，是否为 \(suggestion)？未导入任何数据。",
                    "--from \(typed) is not a unit of the register; did you mean \(suggestion)? Nothing was stored.")
        case .unknownFrom(let typed, nil):
            Wording("--from \(typed) 不在组织名册中，请写报送单位的名称或代码。未导入任何数据。",
                    "--from \(typed) is not a unit of the register: give the submitting unit's name or code. Nothing was stored.")
        case .ambiguousFrom(let typed, let paths):
            Wording("--from \(typed) 对应组织名册中的 \(paths.count) 个单位（\(paths.joined(separator: "；"))），请写代码或完整路径。未导入任何数据。",
                    "--from \(typed) matches \(paths.count) units of the register (\(paths.joined(separator: "; "))); "
                        + "give its code or full path. Nothing was stored.")
        }
    }
}
