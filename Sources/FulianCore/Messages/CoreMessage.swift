/// Words every layer shares: where a problem is, how serious it is.
public enum CoreMessage: Localized, Hashable {
    /// 错误 / error, 警告 / warning.
    case severity(Severity)
    /// `aid.xlsx 工作表“2024Q1”第 12 行第 4 列` / `aid.xlsx:2024Q1!R12C4`; parts that are nil are left out.
    case location(file: String, sheet: String?, row: Int?, column: Int?)
    /// One diagnostic as a line: place, severity, category code and the message.
    case diagnostic(Diagnostic)

    public func wording() -> Wording {
        switch self {
        case .severity(.error): Wording("错误", "error")
        case .severity(.warning): Wording("警告", "warning")
        case .location(let file, let sheet, let row, let column):
            Wording(Self.chinesePlace(file, sheet, row, column), Self.englishPlace(file, sheet, row, column))
        case .diagnostic(let d):
            Wording(
                "\(CoreMessage.location(file: d.file, sheet: d.sheet, row: d.row, column: d.column).text(.zh))："
                    + "\(CoreMessage.severity(d.severity).text(.zh)) [\(d.category)] \(d.message.text(.zh))",
                "\(CoreMessage.location(file: d.file, sheet: d.sheet, row: d.row, column: d.column).text(.en)): "
                    + "\(d.severity.rawValue) [\(d.category)] \(d.message.text(.en))")
        }
    }

    private static func chinesePlace(_ file: String, _ sheet: String?, _ row: Int?, _ column: Int?) -> String {
        var s = file
        if let sheet { s += " 工作表“\(sheet)”" }
        if let row {
            s += " 第 \(row) 行"
            if let column { s += "第 \(column) 列" }
        }
        return s
    }

    private static func englishPlace(_ file: String, _ sheet: String?, _ row: Int?, _ column: Int?) -> String {
        var s = file
        if let sheet { s += ":\(sheet)" }
        if let row {
            s += sheet == nil ? ":" : "!"
            s += "R\(row)"
            if let column { s += "C\(column)" }
        }
        return s
    }
}
