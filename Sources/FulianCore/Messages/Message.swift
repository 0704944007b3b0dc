/// Every sentence fulian shows a person: one enum, a sub-enum per layer, each case worded in Chinese and English.
///
/// Library code never builds a sentence inline; it creates a `Message` (`.importing(.notADate(written: "2024/13/45"))`)
/// and the CLI, a workbook or a JSON document renders it in the language asked for. The catalogue is this folder:
/// one file per layer, each case's two wordings side by side.
public indirect enum Message: Localized, Hashable {
    /// Places, severities and other words shared by every layer.
    case core(CoreMessage)
    /// The readers: damaged or unsupported files.
    case sheets(SheetsMessage)
    /// Layout, mapping, normalisation and validation of rows.
    case importing(ImportMessage)
    /// The store: opening, migrating, writing, duplicates, batches.
    case store(StoreMessage)
    /// Reports and their requests.
    case report(ReportMessage)
    /// Workbooks.
    case excel(ExcelMessage)
    /// The command line.
    case cli(CLIMessage)
    /// Text that comes from outside fulian as it is (a database engine's own error text, a file name).
    case external(String)
    /// Two messages one after the other, joined as each language joins sentences.
    case joined(Message, Message)

    public func wording() -> Wording {
        switch self {
        case .core(let m): m.wording()
        case .sheets(let m): m.wording()
        case .importing(let m): m.wording()
        case .store(let m): m.wording()
        case .report(let m): m.wording()
        case .excel(let m): m.wording()
        case .cli(let m): m.wording()
        case .external(let s): Wording(s, s)
        case .joined(let a, let b):
            Wording(a.wording().zh + "；" + b.wording().zh, a.wording().en + "; " + b.wording().en)
        }
    }
}
