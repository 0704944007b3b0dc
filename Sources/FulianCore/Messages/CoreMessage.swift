/// Words every layer shares: where a problem is, how serious it is.
public enum CoreMessage: Localized, Hashable {
    /// 错误 / error, 警告 / warning.
    case severity(Severity)
    /// `aid.xlsx 工作表“2024Q1”第 12 行第 4 列` / `aid.xlsx:2024Q1!R12C4`; parts that are nil are left out.
    case location(file: String, sheet: String?, row: Int?, column: Int?)
    /// One diagnostic as a line: place, severity, category code and the message.
    case diagnostic(Diagnostic)
    /// A problem of one file: `aid.csv：找不到该文件` / `aid.csv: no such file`.
    case inFile(file: String, Message)
    /// A progress line: `aid.csv：已处理 120,000 / 约 1,000,000 行，每秒 85,000 行，预计还需 10 秒`.
    case progress(task: String, done: Int, expected: Int?, perSecond: Int, secondsLeft: Int?)

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
        case .inFile(let file, let m):
            Wording("\(file)：\(m.text(.zh))", "\(file): \(m.text(.en))")
        case .progress(let task, let done, let expected, let perSecond, let left):
            Wording(
                "\(task)：已处理 \(Self.grouped(done))" + (expected.map { " / 约 \(Self.grouped($0))" } ?? "")
                    + " 行，每秒 \(Self.grouped(perSecond)) 行" + (left.map { "，预计还需 \(Self.duration($0, .zh))" } ?? ""),
                "\(task): \(Self.grouped(done))" + (expected.map { " of about \(Self.grouped($0))" } ?? "")
                    + " rows, \(Self.grouped(perSecond)) rows/s" + (left.map { ", about \(Self.duration($0, .en)) left" } ?? ""))
        }
    }

    /// 1,234,567: thousands grouped as both languages write them in tables.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// 45 秒, 3 分 20 秒 / 45 s, 3 min 20 s.
    static func duration(_ seconds: Int, _ language: Language) -> String {
        let m = seconds / 60, s = seconds % 60
        switch language {
        case .zh: return m > 0 ? "\(m) 分 \(s) 秒" : "\(s) 秒"
        case .en: return m > 0 ? "\(m) min \(s) s" : "\(s) s"
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
