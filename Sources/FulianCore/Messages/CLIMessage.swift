/// Messages of the command line, worded in Chinese and English.
public enum CLIMessage: Localized, Hashable {
    /// `--from` given for a register import (the dataset named).
    case fromNotForRegister(dataset: String)
    /// `--by` names no level.
    case unknownLevel(String)

    public func wording() -> Wording {
        switch self {
        case .fromNotForRegister(let dataset):
            Wording("--from 只用于执委会员、救助和活动文件（指定报送单位），不用于 \(dataset)；组织名册的区县请用 --district 或所属区县一列。",
                    "--from applies to members, aid and activities files (the submitting unit), not to \(dataset); "
                        + "a register's district is given with --district or a 所属区县 column.")
        case .unknownLevel(let level):
            Wording("--by 只能是 city、district、street、community 或 none，不能是 \(level)。",
                    "--by must be city, district, street, community or none, not \(level)")
        }
    }
}
