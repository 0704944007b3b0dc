/// A field of a dataset as messages name it: its key and the headers that mean it, commonest first.
public struct ColumnNames: Sendable, Hashable {
    /// The field key (`paid_on`).
    public var key: String
    /// Its header spellings (`发放日期`, `发放时间` …), commonest first.
    public var synonyms: [String]

    /// Creates the names of a field.
    public init(key: String, synonyms: [String]) {
        self.key = key
        self.synonyms = synonyms
    }

    /// The commonest header, or the key when there is none.
    public var header: String { synonyms.first ?? key }
}

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
    /// A unit the login importing into a shared store may not write: the unit's path, the login and the
    /// units it was given.
    case outsideScope(unit: String, login: String, granted: [String])
    /// A reader's problem on a row, inside a file error: `第 12 行：…`.
    case atRow(Int, Message)
    /// A file the importer cannot take: the file (and sheet) and what is wrong.
    case fileError(file: String, sheet: String?, Message)

    // MARK: Values (bad-date, bad-flag, bad-amount, bad-number, bad-phone, bad-id, lost-digits, partial-date, date-span, approximate-number)

    /// A value that is no date (`下周一`, a 是/否 cell in a date column).
    case notADate(written: String)
    /// A text that is no date, with the spellings that are.
    case notADateLike(written: String)
    /// Numbers that make no day of the calendar (`2024/2/30`).
    case notACalendarDate(written: String)
    /// `2021.1` typed as a number: January or October.
    case ambiguousMonth(written: String, year: Int)
    /// A flag that is neither yes nor no.
    case notYesNo(written: String)
    /// A value that is no amount.
    case notAnAmount(written: String)
    /// An amount with digits below one fen.
    case belowOneFen(written: String)
    /// An amount too large to keep.
    case amountTooLarge(written: String)
    /// A negative amount (yuan, two decimals).
    case negativeAmount(yuan: String)
    /// An amount of 0: taken, with a warning (a left-out amount, or a formula's placeholder).
    case zeroAmount
    /// Data rows hidden in the workbook: imported, with a warning naming the first of them.
    case hiddenRows(count: Int, rows: [Int])
    /// A value that is no whole number.
    case notAWholeNumber(written: String)
    /// A value that is no phone number (masked).
    case notAPhone(written: String)
    /// A phone number with too few digits (masked).
    case tooFewPhoneDigits(written: String, digits: Int)
    /// An ID number in a number cell: Excel kept 15 digits.
    case idStoredAsNumber
    /// An ID number written out from a number (`…001.0`) past 15 digits.
    case idWrittenFromNumber
    /// An ID number in scientific notation.
    case idInScientificNotation
    /// A cell that cannot hold an ID number (a 是/否 or error cell).
    case notAnIDNumber(written: String)
    /// An ID number ending in 000 that fails its check digit (masked).
    case idEndsIn000(masked: String)
    /// An ID number whose check digit fails (masked).
    case idBadCheckDigit(masked: String)
    /// An ID number with an impossible birth date (masked).
    case idImpossibleBirthDate(masked: String)
    /// A 15-character ID number that is not all digits (masked).
    case idFifteenNotDigits(masked: String)
    /// An ID number of another length than 18 or 15 (masked).
    case idWrongLength(masked: String, length: Int)
    /// An 18-character ID number that is not 17 digits and a check character (masked).
    case idNotDigits(masked: String)
    /// A date written as a month alone, and the day it is taken as.
    case monthOnly(written: String, taken: String)
    /// A date written as a year alone, and the day it is taken as.
    case yearOnly(written: String, taken: String)
    /// A date written as a quarter alone (2024年一季度), and the day it is taken as.
    case quarterOnly(written: String, taken: String)
    /// A date written as a third of a month (2024年3月上旬), and the day it is taken as.
    case tenDaysOnly(written: String, taken: String)
    /// A day and month without a year (3月12日), and the day it is taken as in the year of the period the
    /// file states (its words).
    case noYear(written: String, taken: String, period: String)
    /// No activity type column, and an activity's name that names no type: counted as 其他.
    case noKindInName(name: String)
    /// A span of days in one date cell (2024.4.20—4.21): its first and last day; the first is taken.
    case daySpan(written: String, start: String, end: String)
    /// An approximate count (约200, 50余, 300多), and the number it is taken as.
    case approximateNumber(written: String, taken: Int64)
    /// A term written as a span in one cell (2021.3-2026.3, 2021年3月至今): its start, and its end when the
    /// sheet has no other column for it (nil: ongoing, or the end column is used).
    case termSpan(written: String, start: String, end: String?)

    // MARK: Rows (bad-kind, bad-role, bad-gender, gender-mismatch, birth-mismatch, missing-field …)

    /// A unit type that is none of the kinds, and the kind taken from the name (its label).
    case notAUnitType(written: String, taken: String)
    /// An activity type that is none of the kinds.
    case notAnActivityType(written: String)
    /// A role that is none of the roles.
    case notARole(written: String)
    /// A 职务 cell naming several roles (副主席、执委): the highest is recorded.
    case severalRoles(written: String, taken: String)
    /// A gender that is neither 女 nor 男 (ignored).
    case notAGender(written: String)
    /// A stated gender the ID number contradicts (labels 女/男, the ID masked).
    case genderMismatch(stated: String, id: String, fromID: String)
    /// A stated birth date other than the ID number's.
    case birthMismatch(stated: String)
    /// A term that ends before it starts.
    case termEndsBeforeStart(end: String, start: String)
    /// More placements than job seekers.
    case placementsExceedSeekers(placements: Int64, seekers: Int64)
    /// A required field left empty (its header).
    case emptyField(header: String)
    /// The row names no unit.
    case unitEmpty
    /// A sheet without the date column its dataset needs, and no date given.
    case noDateColumn(header: String)
    /// A date outside the period the file states (the words, first and last day).
    case outsideStatedPeriod(date: String, words: String, start: String, end: String)
    /// A 合计 row whose figure differs from the sum of the data rows.
    case footerMismatch(stated: String, header: String, actual: String)

    // MARK: Sheets and columns (unknown-column, skipped sheets, missing headers)

    /// A column that is no field of the dataset, with the field it may be.
    case unknownColumn(header: String, dataset: String, mayBe: ColumnNames?)
    /// A column meaning a field an earlier column already gives.
    case duplicateColumn(header: String, field: String)
    /// An amount column not stored because a later one says it is what was paid (应发 | 实发).
    case unpaidAmountColumn(header: String, kept: String)
    /// Required columns missing from the best header.
    case requiredColumnsMissing([ColumnNames])
    /// The only matching sheet is hidden.
    case onlySheetHidden(dataset: String, sheet: String)
    /// No sheet has a header for the dataset (the required fields expected).
    case noHeaderRow(dataset: String, expected: [ColumnNames])
    /// Skipped: not named with `--sheet`.
    case sheetNotNamed
    /// Skipped: a summary sheet.
    case summarySheet
    /// Skipped: a header without a required column (its headers).
    case sheetLacksColumns([String])
    /// Skipped: a hidden sheet with a header for the dataset.
    case hiddenSheet(dataset: String, sheet: String)
    /// Skipped: no header row for the dataset.
    case noHeaderFor(dataset: String)

    // MARK: Where dates and periods come from

    /// The date given with `--date`.
    case fromDateOption
    /// The period given with `--period`, as the source of a stated period.
    case periodOption
    /// The programme given with `--program`, as the source of a sheet's programme.
    case programOption
    /// The period given with `--period` (its words), as the source of the rows' date.
    case fromPeriodOption(words: String)
    /// A period stated somewhere in the file: its last day (the source, the period's words).
    case lastDayOfPeriod(source: Message, words: String)
    /// A period found in the sheet's title.
    case inTitle
    /// A period found in the sheet name.
    case inSheetName
    /// A period found in the file name.
    case inFileName

    // MARK: Map files

    /// The map file is no UTF-8 text.
    case mapNotUTF8
    /// The JSON map is no object of pairs.
    case mapNotObject
    /// A JSON map value that is neither a field nor a table of spellings.
    case mapValueNotField(key: String)
    /// A spelling in a JSON map that is not text.
    case mapSpellingNotText(key: String, typed: String)
    /// A header mapped to no field of the dataset (the fields listed).
    case mapUnknownField(header: String, field: String, dataset: String, fields: [String])
    /// A table of spellings named after no field of the dataset.
    case mapUnknownTable(field: String, dataset: String, fields: [String])
    /// A TOML line that is no `"header" = "field"` pair.
    case mapBadColumnLine(line: Int)
    /// A TOML line that is no `"as typed" = "value to use"` pair under a table.
    case mapBadValueLine(line: Int, table: String)

    // MARK: Cleanup runs (duplicate, id-conflict)

    /// A row of a file: `aid.xlsx 工作表“名单”第 12 行` / `aid.xlsx:名单 row 12`.
    case rowPlace(file: String, sheet: String?, row: Int)
    /// One ID number with another name than at an earlier row (the ID masked).
    case idConflict(id: String, firstName: String, firstPlace: Message, name: String)
    /// The same disbursement (aid) or record as an earlier row.
    case sameRecordAs(place: Message, disbursement: Bool)
    /// The fix for a duplicate row.
    case deleteThisRow
    /// A sheet a cleanup run did not take, for the file summary: its name and why.
    case skippedSheet(name: String, Message)
    /// A duplicate group of the same record.
    case sameRecordGroup
    /// A duplicate group of the same person.
    case samePersonGroup
    /// A group of rows with one ID number and different names.
    case idConflictGroup
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
        case .outsideScope(let unit, let login, let granted):
            Wording("\(unit) 不在登录 \(login) 可写入的单位（\(granted.joined(separator: "、"))及其下属单位）之内，本行未导入；"
                        + "该单位的数据应由有权写入它的账号导入",
                    "\(unit) is outside the units login \(login) may write (\(granted.joined(separator: ", ")) and the units under them); "
                        + "row not imported (a login given that unit, or a unit above it, imports its rows)")
        case .ambiguousOrg(let name, let paths):
            Wording("组织名册中有 \(paths.count) 个\(name)（\(paths.joined(separator: "；"))），无法确定是哪一个。"
                        + "请增加所属街道一列，或用 --from 指定报送单位，或写出完整路径。",
                    "unit \(name) matches \(paths.count) units of the register (\(paths.joined(separator: "; "))); "
                        + "add a street column, give the submitting unit with --from, or write the full path.")
        case .atRow(let row, let m):
            Wording("第 \(row) 行：\(m.text(.zh))", "row \(row): \(m.text(.en))")
        case .fileError(let file, let sheet, let m):
            Wording("\(CoreMessage.location(file: file, sheet: sheet, row: nil, column: nil).text(.zh))：\(m.text(.zh))",
                    "\(file)\(sheet.map { " (sheet \($0))" } ?? ""): \(m.text(.en))")

        case .notADate(let s): Wording("\(s) 不是有效日期", "\(s) is not a date")
        case .notADateLike(let s):
            Wording("\(s) 不是有效日期（应写作 2024-01-05、2024/1/5 或 2024年1月5日）",
                    "\(s) is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)")
        case .notACalendarDate(let s): Wording("\(s) 不是日历上的日期", "\(s) is not a calendar date")
        case .ambiguousMonth(let s, let y):
            Wording("\(s) 有歧义：可能是 \(y)年1月，也可能是 \(y)年10月（把 \(y).10 当数字输入时 Excel 会去掉末尾的 0）；"
                        + "请把月份写成文本，如 \(y)年10月",
                    "\(s) is ambiguous: \(y)年1月 or \(y)年10月 (Excel drops the 0 of "
                        + "\(y).10 typed as a number); type the month as text, e.g. \(y)年10月")
        case .notYesNo(let s): Wording("\(s) 既不是“是”也不是“否”", "\(s) is neither 是 nor 否")
        case .notAnAmount(let s): Wording("\(s) 不是金额", "\(s) is not an amount")
        case .belowOneFen(let s): Wording("\(s) 有不足一分的尾数", "\(s) has digits below one fen")
        case .amountTooLarge(let s): Wording("\(s) 数额过大", "\(s) is too large")
        case .negativeAmount(let yuan): Wording("\(yuan) 是负数", "\(yuan) is negative")
        case .zeroAmount: Wording("金额为 0：是漏填了，还是公式没有算出结果？本行照常入库",
                                  "the amount is 0: was it left out, or is it a formula without its result? The row is taken as it is")
        case .hiddenRows(let count, let rows):
            Wording("工作表中有 \(count) 行数据在文件中被隐藏（第 \(rows.map(String.init).joined(separator: "、")) 行\(count > rows.count ? "等" : "")，手动隐藏或被筛选掉），已照常导入；如这些行不该上报，请在文件中删除后再导入",
                    "\(count) data \(count == 1 ? "row is" : "rows are") hidden in the file (\(count == 1 ? "row" : "rows") \(rows.map(String.init).joined(separator: ", "))\(count > rows.count ? " …" : ""), hidden by hand or by a filter): imported as the others; if \(count == 1 ? "it should" : "they should") not be reported, delete \(count == 1 ? "it" : "them") in the file and import it again")
        case .notAWholeNumber(let s): Wording("\(s) 不是整数", "\(s) is not a whole number")
        case .notAPhone(let s): Wording("\(s) 不是电话号码", "\(s) is not a phone number")
        case .tooFewPhoneDigits(let s, let digits):
            Wording("\(s) 不是电话号码（只有 \(digits) 位数字，电话号码至少 7 位）",
                    "\(s) is not a phone number (\(digits) digits; a phone has at least 7)")
        case .idStoredAsNumber:
            Wording("身份证号以数字格式保存，Excel 只保留了 15 位有效数字；请把该列设为文本格式后重新输入号码",
                    "the ID number is stored as a number, so Excel kept only 15 digits; "
                        + "format the column as text and type the number again")
        case .idWrittenFromNumber:
            Wording("身份证号曾以数字格式保存，Excel 只保留了 15 位有效数字；请把该列设为文本格式后重新输入号码",
                    "the ID number was stored as a number, so Excel kept only 15 digits; "
                        + "format the column as text and type the number again")
        case .idInScientificNotation:
            Wording("身份证号显示为科学计数法，Excel 已丢失末几位数字；请把该列设为文本格式后重新输入号码",
                    "the ID number is in scientific notation: Excel lost its "
                        + "last digits; format the column as text and type the number again")
        case .notAnIDNumber(let s): Wording("\(s) 不是身份证号", "\(s) is not an ID number")
        case .idEndsIn000(let id):
            Wording("身份证号 \(id) 以 000 结尾且校验位不符：Excel 曾以数字格式保存，丢失了末几位数字",
                    "the ID number \(id) ends in 000 and fails its check "
                        + "digit: Excel stored it as a number and lost its last digits")
        case .idBadCheckDigit(let id):
            Wording("身份证号 \(id) 校验位不符（GB 11643），可能有数字录错，请对照身份证核对",
                    "the ID number \(id) fails its check digit "
                        + "(GB 11643): a digit was mistyped; check it against the ID card")
        case .idImpossibleBirthDate(let id):
            Wording("身份证号 \(id) 中的出生日期不存在", "the ID number \(id) contains an impossible birth date")
        case .idFifteenNotDigits(let id):
            Wording("身份证号 \(id) 有误：15 位号码应全为数字", "the ID number \(id) a 15-digit number must be all digits")
        case .idWrongLength(let id, let length):
            Wording("身份证号 \(id) 有 \(length) 位，应为 18 位（旧号码为 15 位）",
                    "the ID number \(id) has \(length) characters, expected 18 (or 15 for an old number)")
        case .idNotDigits(let id):
            Wording("身份证号 \(id) 有误：应为 17 位数字加一位校验码（0-9 或 X）",
                    "the ID number \(id) must be 17 digits and a check digit 0-9 or X")
        case .monthOnly(let s, let taken):
            Wording("\(s) 只写了年月，按 \(taken) 计", "\(s) is a month only; taken as \(taken)")
        case .yearOnly(let s, let taken):
            Wording("\(s) 只写了年份，按 \(taken) 计", "\(s) is a year only; taken as \(taken)")
        case .quarterOnly(let s, let taken):
            Wording("\(s) 只写了季度，按 \(taken) 计", "\(s) is a quarter only; taken as \(taken)")
        case .tenDaysOnly(let s, let taken):
            Wording("\(s) 只写了上、中、下旬，按 \(taken) 计", "\(s) is a third of a month (上旬, 中旬 or 下旬) only; taken as \(taken)")
        case .noYear(let s, let taken, let period):
            Wording("\(s) 没有写年份，按文件所属期间（\(period)）计为 \(taken)",
                    "\(s) has no year; taken as \(taken), in the period the file states (\(period))")
        case .noKindInName(let name):
            Wording("没有活动类型列，活动名称 \(name) 也看不出类型，按“其他”计",
                    "no activity type column, and the name \(name) names no type; counted as 其他")
        case .daySpan(let s, let start, let end):
            Wording("\(s) 是起止日期（\(start) 至 \(end)），按开始日 \(start) 计",
                    "\(s) is a span of days (\(start) to \(end)); taken as its first day, \(start)")
        case .approximateNumber(let s, let taken):
            Wording("\(s) 是约数，按 \(taken) 计", "\(s) is approximate; taken as \(taken)")
        case .termSpan(let s, let start, let end?):
            Wording("\(s) 是任职起止时间，按 \(start) 起、\(end) 止计", "\(s) is a term's start and end; taken as \(start) to \(end)")
        case .termSpan(let s, let start, nil):
            Wording("\(s) 是任职起止时间，按 \(start) 起计", "\(s) is a term's span; taken as starting \(start)")

        case .notAUnitType(let s, let taken):
            Wording("\(s) 不是单位类型（区、街道、镇、社区、村、企业、社会组织、机关事业单位、其他）；已按名称定为\(taken)",
                    "\(s) is not a unit type (区, 街道, 镇, 社区, 村, 企业, 社会组织, 机关事业单位, 其他); taken from the name as \(taken)")
        case .notAnActivityType(let s):
            Wording("\(s) 不是活动类型（招聘会、讲座、培训、维权、志愿服务、慰问、其他），按“其他”计",
                    "\(s) is not an activity type (招聘会, 讲座, 培训, 维权, 志愿服务, 慰问, 其他); counted as 其他")
        case .severalRoles(let s, let taken):
            Wording("\(s) 写了几个职务，按其中最高的 \(taken) 记录", "\(s) names several roles; recorded as the highest, \(taken)")
        case .notARole(let s):
            Wording("\(s) 不是职务（主席、副主席、兼职副主席、常委、执委、委员、会员、志愿者）",
                    "\(s) is not a role (主席, 副主席, 兼职副主席, 常委, 执委, 委员, 会员, 志愿者)")
        case .notAGender(let s): Wording("\(s) 既不是“女”也不是“男”，已忽略", "\(s) is neither 女 nor 男; ignored")
        case .genderMismatch(let stated, let id, let fromID):
            Wording("填写的性别“\(stated)”与身份证号 \(id) 不符（号码显示为“\(fromID)”），以身份证号为准",
                    "stated gender \(stated) contradicts the ID number \(id), which says \(fromID); the ID is kept")
        case .birthMismatch(let stated):
            Wording("填写的出生日期 \(stated) 与身份证号中的不同，以身份证号中的日期为准",
                    "stated birth date \(stated) differs from the one in the ID number; the ID's date is kept")
        case .termEndsBeforeStart(let end, let start):
            Wording("任期结束（\(end)）早于开始（\(start)）", "the term ends (\(end)) before it starts (\(start))")
        case .placementsExceedSeekers(let p, let s):
            Wording("达成就业意向 \(p) 人，多于求职 \(s) 人", "\(p) placements exceed \(s) seekers")
        case .emptyField(let header): Wording("\(header)未填写", "\(header) is empty")
        case .unitEmpty: Wording("未填写单位", "the unit is empty")
        case .noDateColumn(let header):
            Wording("该表没有“\(header)”列：请用 --date 2024-03-31 或 --period 2024Q1 给出日期",
                    "the sheet has no \(header) column: give the date with --date 2024-03-31 or --period 2024Q1")
        case .outsideStatedPeriod(let date, let words, let start, let end):
            Wording("\(date) 不在文件所写的期间内（\(words)，\(start) 至 \(end)），按其本身的日期保存",
                    "\(date) is outside the period the file states (\(words), \(start)..\(end)); stored by its own date")
        case .footerMismatch(let stated, let header, let actual):
            Wording("合计行的“\(header)”为 \(stated)，而各数据行相加为 \(actual)",
                    "the 合计 row says \(stated) for \(header), but the data rows add up to \(actual)")

        case .unknownColumn(let header, let dataset, let mayBe?):
            Wording("“\(header)”列不是 \(dataset) 的字段，不保存；它可能是 \(mayBe.key)（\(mayBe.header)），如是请用 --map 指明",
                    "column \(header) is not a field of \(dataset); it is not stored; "
                        + "it may be \(mayBe.key) (\(mayBe.header)): name it with --map if so")
        case .unknownColumn(let header, let dataset, nil):
            Wording("“\(header)”列不是 \(dataset) 的字段，不保存", "column \(header) is not a field of \(dataset); it is not stored")
        case .unpaidAmountColumn(let header, let kept):
            Wording("“\(header)”列和“\(kept)”列都是金额：按实发的“\(kept)”列入库，此列不保存",
                    "columns \(header) and \(kept) both give the amount: the amount paid, \(kept), is stored; this one is not")
        case .duplicateColumn(let header, let field):
            Wording("“\(header)”列也表示 \(field)，前面已有一列给出，不保存",
                    "column \(header) also means \(field), which an earlier column already gives; it is not stored")
        case .requiredColumnsMissing(let columns):
            Wording("缺少必需的列："
                        + columns.map { "\($0.header)（可写作 \($0.synonyms.joined(separator: "、"))，或 \($0.key)）" }.joined(separator: "；")
                        + "。请用 --map 文件指明哪一列是它。"
                        + (columns.contains { $0.key == "program" } ? "整个文件只有一个救助项目时，也可以用 --program 指定。" : ""),
                    "required column missing: "
                        + columns.map { "\($0.header) (one of: \($0.synonyms.joined(separator: ", ")), or \($0.key))" }.joined(separator: "; ")
                        + ". Use --map FILE to name the column that holds it."
                        + (columns.contains { $0.key == "program" } ? " For a file of one programme, --program NAME gives it." : ""))
        case .onlySheetHidden(let dataset, let sheet):
            Wording("唯一有 \(dataset) 表头的工作表是隐藏的；如要导入，请用 --sheet \(sheet) 指明",
                    "the only sheet with a header for \(dataset) is hidden; name it with --sheet \(sheet) to import it")
        case .noHeaderRow(let dataset, let expected):
            Wording("没有工作表带有 \(dataset) 的表头行：应有 "
                        + expected.map { "\($0.key)（\($0.synonyms.prefix(3).joined(separator: "/"))）" }.joined(separator: "、")
                        + " 等列。表头写法不同的列请用 --map 指明，或用 --sheet 选定工作表。",
                    "no sheet has a header row for \(dataset): expected columns such as "
                        + expected.map { "\($0.key) (\($0.synonyms.prefix(3).joined(separator: "/")))" }.joined(separator: ", ")
                        + ". Use --map to name columns with other headers, or --sheet to choose the sheet.")
        case .sheetNotNamed: Wording("未用 --sheet 指明", "not named with --sheet")
        case .summarySheet:
            Wording("数据表旁的汇总表（从表名看出）；不导入（如要导入，请用 --sheet 指明）",
                    "a summary sheet beside the data sheets (its name says so); not imported (name it with --sheet to import it)")
        case .sheetLacksColumns(let columns):
            Wording("表头缺少必需的列 \(columns.joined(separator: "、"))；其中的行不导入（请用 --map 指明该列）",
                    "its header lacks the required column \(columns.joined(separator: ", ")); its rows are not imported (use --map to name the column)")
        case .hiddenSheet(let dataset, let sheet):
            Wording("带有 \(dataset) 表头的隐藏工作表；不导入（如要导入，请用 --sheet \(sheet) 指明）",
                    "a hidden sheet with a header for \(dataset); not imported (name it with --sheet \(sheet) to import it)")
        case .noHeaderFor(let dataset): Wording("没有 \(dataset) 的表头行", "no header row for \(dataset)")

        case .fromDateOption: Wording("--date 选项", "--date")
        case .periodOption: Wording("--period 选项", "--period")
        case .programOption: Wording("--program 选项", "--program")
        case .fromPeriodOption(let words): Wording("--period 选项 \(words)", "--period \(words)")
        case .lastDayOfPeriod(let source, let words):
            Wording("\(source.text(.zh))（\(words)，取期末一天）", "\(source.text(.en)) (\(words), the period's last day)")
        case .inTitle: Wording("表格标题", "the title")
        case .inSheetName: Wording("工作表名", "the sheet name")
        case .inFileName: Wording("文件名", "the file name")

        case .mapNotUTF8: Wording("映射文件不是 UTF-8 文本，无法读取", "the map file cannot be read as UTF-8 text")
        case .mapNotObject:
            Wording("不是由 \"表头\": \"字段\" 组成的 JSON 对象", "not a JSON object of \"header\": \"field\" pairs")
        case .mapValueNotField(let key):
            Wording("\(key) 的值应为字段名（文本）或写法对照表（对象）",
                    "the value for \(key) must be a field name (text) or an object of spellings")
        case .mapSpellingNotText(let key, let typed): Wording("\(key).\(typed) 应为文本", "\(key).\(typed) must be text")
        case .mapUnknownField(let header, let field, let dataset, let fields):
            Wording("\(header) 映射到 \(field)，但它不是 \(dataset) 的字段；可用的字段有：\(fields.joined(separator: "、"))",
                    "\(header) maps to \(field), which is not a field of \(dataset); fields are: \(fields.joined(separator: ", "))")
        case .mapUnknownTable(let field, let dataset, let fields):
            Wording("[\(field)] 不是 \(dataset) 的字段；可用的字段有：\(fields.joined(separator: "、"))",
                    "[\(field)] is not a field of \(dataset); fields are: \(fields.joined(separator: ", "))")
        case .mapBadColumnLine(let line):
            Wording("第 \(line) 行：应写作 \"表头\" = \"字段\"", "line \(line): expected \"header\" = \"field\"")
        case .mapBadValueLine(let line, let table):
            Wording("第 \(line) 行：[\(table)] 下应写作 \"原写法\" = \"改用的值\"",
                    "line \(line): expected \"as typed\" = \"value to use\" under [\(table)]")

        case .rowPlace(let file, let sheet, let row):
            Wording(CoreMessage.location(file: file, sheet: sheet, row: row, column: nil).text(.zh),
                    "\(file)\(sheet.map { ":" + $0 } ?? "") row \(row)")
        case .idConflict(let id, let firstName, let firstPlace, let name):
            Wording("身份证号 \(id) 在 \(firstPlace.text(.zh)) 属于 \(firstName)，此处却属于 \(name)",
                    "ID number \(id) belongs to \(firstName) in \(firstPlace.text(.en)), but here to \(name)")
        case .sameRecordAs(let place, let disbursement):
            Wording("与 \(place.text(.zh)) 是同一\(disbursement ? "笔发放" : "条记录")",
                    "the same \(disbursement ? "disbursement" : "record") as \(place.text(.en))")
        case .deleteThisRow: Wording("删除此行", "delete this row")
        case .skippedSheet(let name, let m): Wording("\(name)：\(m.text(.zh))", "\(name): \(m.text(.en))")
        case .sameRecordGroup: Wording("同一记录", "same record")
        case .samePersonGroup: Wording("同一人", "same person")
        case .idConflictGroup: Wording("身份证号冲突", "ID conflict")
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
