import Foundation
import FulianCore
import FulianSheets

/// What the importer was asked to do with a file.
public struct ImportOptions: Sendable {
    /// The dataset the file holds.
    public var dataset: Dataset
    /// The sheets to take (otherwise every visible sheet whose header matches the dataset). Naming a
    /// hidden or summary sheet here takes it too.
    public var sheets: [String]
    /// Extra header → field mappings (`--map`).
    public var headerMap: [String: String]
    /// Reader options (encoding, delimiter, limits).
    public var read: ReadOptions
    /// Confirmed spellings (`--map` sections such as `[org]`): field key → value as typed → value to use,
    /// applied before a value is normalised or resolved (e.g. `org`: `石马和` → `石马河街道`).
    public var valueMap: [String: [String: String]]
    /// The date of every row of a sheet without a date column (`--date`).
    public var date: CivilDate?
    /// The period the file covers (`--period`): the date of rows without a date column is its last
    /// day, and rows dated outside it are warned about.
    public var period: Period?
    /// Counts the data rows read, for a progress display (the CLI's, on a terminal); nil for none.
    public var progress: ProgressCounter?
    /// The register unit the file comes from (`--from`, resolved by the caller): unit names several
    /// places share are looked for under it. Nil: the unit the title, sheet name or file name names,
    /// else the whole register.
    public var scope: Int64?
    /// The programme of every row of an aid sheet without a programme column (`--program`); nil: the
    /// programme the title, sheet name or file name names, if one.
    public var program: String?
    /// The register a sheet without a unit column looks its unit up in: a workbook with one sheet per
    /// community (sheet 红叶社区), or a title or file name that names the unit. Nil (a cleanup run without a
    /// register): only a sheet named as a unit (红叶社区, 西岭镇) gives its rows their unit, as written.
    public var register: OrgRegister?
    /// The units the import may write (a shared store's login, bound by its access rights): a row of
    /// any other unit is rejected (`outside-scope`). Nil: every unit.
    public var writable: WritableUnits?

    /// Creates options.
    public init(dataset: Dataset, sheets: [String] = [], headerMap: [String: String] = [:], read: ReadOptions = ReadOptions(),
                valueMap: [String: [String: String]] = [:], date: CivilDate? = nil, period: Period? = nil) {
        self.dataset = dataset
        self.sheets = sheets
        self.headerMap = headerMap
        self.read = read
        self.valueMap = valueMap
        self.date = date
        self.period = period
    }

    /// Options taking one named sheet (or, with nil, every matching sheet).
    public init(dataset: Dataset, sheet: String?, headerMap: [String: String] = [:], read: ReadOptions = ReadOptions(),
                valueMap: [String: [String: String]] = [:]) {
        self.init(dataset: dataset, sheets: sheet.map { [$0] } ?? [], headerMap: headerMap, read: read, valueMap: valueMap)
    }
}

/// The units a login may write into a shared store: the units an administrator gave it and every unit
/// under them. Rows of other units are rejected before anything is written (the database refuses them too).
public struct WritableUnits: Sendable, Hashable {
    /// The login (a PostgreSQL role).
    public var login: String
    /// The units it was given, by id.
    public var granted: [Int64]
    /// Those units and every unit under them.
    public var units: Set<Int64>

    /// Creates the rights of `login`: the `granted` units and all of `units` (which include them).
    public init(login: String, granted: [Int64], units: Set<Int64>) {
        self.login = login
        self.granted = granted
        self.units = units.union(granted)
    }

    /// Whether the login may write rows of the unit `id`.
    public func allows(_ id: Int64) -> Bool { units.contains(id) }

    /// The message for a row of `unit`, which the login may not write.
    public func refusal(of unit: OrgRegister.Unit, in register: OrgRegister) -> Message {
        .importing(.outsideScope(unit: register.path(of: unit), login: login,
                                 granted: granted.compactMap { register.unit(id: $0).map(register.path(of:)) }))
    }
}

/// How the rows of one data sheet were classified, for summaries: every row of the sheet is a
/// title, header, data, blank, footer or note row, and the counts add up to ``sheetRows``.
public struct SheetTally: Sendable, Hashable {
    /// The sheet name (the file name for CSV).
    public var sheet = ""
    /// Rows of the sheet, from row 1 to its last row (for CSV: its records).
    public var sheetRows = 0
    /// Title rows above the header.
    public var titleRows = 0
    /// Header rows.
    public var headerRows = 0
    /// Data rows (loaded or rejected).
    public var dataRows = 0
    /// Blank rows below the header (missing rows of a workbook included).
    public var blankRows = 0
    /// 合计/小计/总计 rows (1-based numbers).
    public var footerRows: [Int] = []
    /// 填表人/审核人/联系电话 … note rows.
    public var noteRows: [Int] = []
    /// Rows heading a group of rows (一、城南街道): the unit the rows under them belong to (1-based numbers).
    public var sectionRows: [Int] = []
    /// The header repeated below the data (sheets pasted one under another, a printout's header on every
    /// page), 1-based; counted in ``headerRows`` too.
    public var repeatedHeaderRows: [Int] = []
    /// A title among the data (石马河街道2024年第一季度救助发放名单 heading the next pasted block), 1-based;
    /// counted in ``titleRows`` too.
    public var innerTitleRows: [Int] = []
    /// Data rows hidden in the workbook (by hand or by a filter), 1-based: imported as the others, and
    /// named in a `hidden-rows` warning.
    public var hiddenRows: [Int] = []
    /// Cells filled from a merged range.
    public var mergedCellsFilled = 0
    /// The report measures the sheet has no column for (`seekers`), with the rows each stays empty on.
    public var missingMeasures: [MissingMeasure] = []

    /// An empty tally.
    public init() {}

    /// Rows that are not data: title, header, blank, footer and note rows.
    public var skippedRows: Int { titleRows + headerRows + blankRows + footerRows.count + noteRows.count + sectionRows.count }
}

/// A report measure a sheet has no column for, and the stored rows it stays empty on.
public struct MissingMeasure: Sendable, Hashable {
    /// The field (`seekers`).
    public var field: FieldSpec
    /// The rows the measure counts on (for `seekers`: the job fairs), all left empty.
    public var rows: Int
}

/// How every data sheet of a file was classified.
public struct FileTally: Sendable, Hashable {
    /// One tally per data sheet, in tab order.
    public var sheets: [SheetTally] = []

    /// An empty tally.
    public init() {}

    /// Data rows over all sheets.
    public var dataRows: Int { sheets.reduce(0) { $0 + $1.dataRows } }
    /// Blank rows over all sheets.
    public var blankRows: Int { sheets.reduce(0) { $0 + $1.blankRows } }
    /// Footer rows over all sheets.
    public var footerRows: [Int] { sheets.flatMap(\.footerRows) }
    /// Note rows over all sheets.
    public var noteRows: [Int] { sheets.flatMap(\.noteRows) }
    /// Cells filled from merged ranges over all sheets.
    public var mergedCellsFilled: Int { sheets.reduce(0) { $0 + $1.mergedCellsFilled } }
}

/// A sheet of the file that is not imported, and why.
public struct SkippedSheet: Sendable, Hashable {
    /// Why a sheet is not imported (stable codes for scripts).
    public enum Reason: String, Sendable, Hashable {
        /// A summary or pivot sheet (汇总, 统计 …) beside the data sheets.
        case summary
        /// A hidden sheet whose header matches: not imported unless named with `--sheet`.
        case hidden
        /// Its header matches, but a required column is missing.
        case incomplete = "missing-column"
        /// No header row of the dataset.
        case noHeader = "no-header"
        /// Not named with `--sheet`.
        case notSelected = "not-selected"
    }

    /// The sheet name.
    public var name: String
    /// Why.
    public var reason: Reason
    /// Why, worded by the catalogue.
    public var message: Message
    /// Whether the sheet holds rows of the dataset (a hidden or incomplete data sheet): `--strict`
    /// fails a file that skips one.
    public var isData: Bool
}

/// The programme of every row of an aid sheet without a programme column, and where it comes from.
public struct SheetProgram: Sendable, Hashable {
    /// The programme as written (`--program`) or as the national list spells it (春蕾计划).
    public var name: String
    /// Where it comes from (`--program`, the title, the sheet name, the file name).
    public var source: Message

    /// Creates a sheet programme.
    public init(name: String, source: Message) {
        self.name = name
        self.source = source
    }
}

/// The activity type of the rows of a sheet without a type column, and where it comes from.
public struct SheetKind: Sendable, Hashable {
    /// The type every row takes; nil: each row's 活动名称 says it (春风行动专场招聘会 is a 招聘会), 其他 when it names none.
    public var kind: ActivityKind?
    /// Where the type comes from (the title, the sheet name, the file name); nil when each row's name says it.
    public var source: Message?

    /// Creates a sheet kind.
    public init(kind: ActivityKind?, source: Message?) {
        self.kind = kind
        self.source = source
    }
}

/// The unit of every row of a sheet without a unit column, and where it comes from.
public struct SheetUnit: Sendable, Hashable {
    /// The register's unit.
    public var unit: OrgRegister.Unit
    /// Its path in the register (青溪区/枫林街道/红叶社区), as summaries name it.
    public var path: String
    /// Where it comes from (the sheet name, the title, the file name).
    public var source: Message

    /// Creates a sheet unit.
    public init(unit: OrgRegister.Unit, path: String, source: Message) {
        self.unit = unit
        self.path = path
        self.source = source
    }
}

/// Where the rows of a sheet without a date column get their date.
public struct SheetDate: Sendable, Hashable {
    /// The date every row takes.
    public var date: CivilDate
    /// Where it comes from, for the summary (`--date`, `the title (2024年第一季度, the period's last day)`).
    public var source: Message

    /// Creates a sheet date.
    public init(date: CivilDate, source: Message) {
        self.date = date
        self.source = source
    }
}

/// One data sheet of a file: its layout and what its title says.
public struct DataSheet: Sendable {
    /// The detected layout.
    public var layout: SheetLayout
    /// The texts of the title rows above the header, in order.
    public var titles: [String]
    /// The period the file states for this sheet (`--period`, else title, sheet name or file name).
    public var statedPeriod: Period.Stated?
    /// Where the stated period comes from (`--period`, the title, the sheet name, the file name).
    public var statedPeriodSource: Message?
    /// The date of rows when the sheet has no date column for a dataset that needs one.
    public var date: SheetDate?
    /// The date field the dataset needs and the sheet lacks (`paid_on`, `held_on`), if any.
    public var missingDateField: FieldSpec?
    /// The programme of every row, for an aid sheet without a programme column.
    public var program: SheetProgram?
    /// The unit of every row, for a sheet without a unit column whose name, title or file name names one.
    public var unit: SheetUnit?
    /// The activity type of the rows, for an activities sheet without a type column.
    public var kind: SheetKind?
}

/// Reads one file as a dataset: finds its data sheets and their headers, fills merged cells, skips
/// blank, footer and note rows, and turns every data row into a record or a rejection.
///
/// A workbook may hold several data sheets (one per street, month or programme): every visible sheet
/// whose header carries the dataset is read, in tab order. Summary sheets beside them (汇总, 统计 …),
/// hidden sheets and sheets without the dataset's header are skipped and named in ``skippedSheets``.
///
/// ```swift
/// let importer = try SheetImporter(path: "aid-q1.xlsx", options: ImportOptions(dataset: .aid))
/// let tally = try importer.run(register: register) { parsed in … }
/// ```
public final class SheetImporter {
    /// The file name (no directory), as used in every message.
    public let fileName: String
    /// The reader.
    public let reader: any SpreadsheetReader
    /// The data sheets, in tab order (at least one).
    public let dataSheets: [DataSheet]
    /// Options.
    public let options: ImportOptions
    /// Sheets not taken, with the reason.
    public private(set) var skippedSheets: [SkippedSheet] = []
    /// File-level warnings: unknown columns, footer mismatches, reader warnings.
    public private(set) var fileDiagnostics: [Diagnostic] = []
    /// Columns bound by their header's meaning rather than a synonym (`求职人数 → seekers`), once per
    /// file, for the summary: the user confirms or overrides them with `--map`.
    public private(set) var inferredColumns: [String] = []

    /// The first data sheet's layout.
    public var layout: SheetLayout { dataSheets[0].layout }

    /// The date a dataset's figures count its rows by (`paid_on`, `held_on`); nil for orgs and members.
    static func dateField(of dataset: Dataset) -> FieldSpec? {
        DatasetFields.fields(of: dataset).first { $0.required && $0.kind == .date }
    }

    /// The programme an aid sheet without a programme column states: `--program`, else the national
    /// programme its title, sheet name or file name names.
    static func statedProgram(_ options: ImportOptions, titles: [String], sheet: SheetInfo, csv: Bool, fileName: String) -> SheetProgram? {
        guard options.dataset == .aid else { return nil }
        if let p = options.program { return SheetProgram(name: p, source: .importing(.programOption)) }
        return firstNamed(titles: titles, sheet: sheet, csv: csv, fileName: fileName, ProgramNames.named(in:))
            .map { SheetProgram(name: $0.value, source: .importing($0.source)) }
    }

    /// What the first of a sheet's titles, its sheet name (not a CSV's) or its file name names, with where
    /// it was found: the order every sheet-wide statement (programme, activity type, unit) is looked for in.
    static func firstNamed<T>(titles: [String], sheet: SheetInfo, csv: Bool, fileName: String,
                              _ named: (String) -> T?) -> (value: T, source: ImportMessage)? {
        if let v = titles.lazy.compactMap(named).first { return (v, .inTitle) }
        if !csv, let v = named(sheet.name) { return (v, .inSheetName) }
        if let v = named((fileName as NSString).deletingPathExtension) { return (v, .inFileName) }
        return nil
    }

    /// The unit a sheet without a unit column states for all its rows: its sheet name as a unit name (a
    /// workbook with one sheet per community: 红叶社区, or 红叶 alone), else the deepest unit its title, sheet
    /// name or file name names. Nil when none names one, or when an unbound column's header looks like a
    /// unit column (所在网格, 所在居委): that column is then the one to map, not the sheet's name.
    static func statedUnit(_ options: ImportOptions, unboundHeaders: [String], titles: [String], sheet: SheetInfo,
                           csv: Bool, fileName: String) -> SheetUnit? {
        guard options.dataset != .orgs else { return nil }
        // 工作单位及职务 is a member's workplace, not a unit column: 单位 alone does not stop it.
        let unitWords = ["社区", "村", "居委", "街道", "镇", "乡", "网格", "小区", "片区"]
        if unboundHeaders.contains(where: { h in unitWords.contains { h.contains($0) } }) { return nil }
        guard let register = options.register else {
            // A cleanup run without a register: a sheet named as a unit (红叶社区, 西岭镇) is taken as written.
            let name = OrgRegister.fold(TextNormalizer.compact(sheet.name))
            guard !csv, let kind = OrgRegister.kind(ofName: name) else { return nil }
            return SheetUnit(unit: OrgRegister.Unit(id: 0, name: name, kind: kind, parentId: nil), path: name, source: .importing(.inSheetName))
        }
        // A sheet named 白沙 in 东湖街道's workbook is 东湖街道's 白沙社区, not 西岭镇's 白沙村.
        let fileBase = (fileName as NSString).deletingPathExtension
        let scope = options.scope ?? (titles + [fileBase]).lazy.compactMap { register.unit(namedIn: $0)?.id }.first
        func within(_ u: OrgRegister.Unit) -> Bool { scope.map { u.id == $0 || register.isWithin(u.id, $0) } ?? true }
        if !csv, case .success(let u) = register.resolve(TextNormalizer.compact(sheet.name), within: scope), within(u) {
            return SheetUnit(unit: u, path: register.path(of: u), source: .importing(.inSheetName))
        }
        let all = Set(OrgKind.allCases)
        return firstNamed(titles: titles, sheet: sheet, csv: csv, fileName: fileName) { text in
            register.unit(namedIn: text, kinds: all).flatMap { within($0) ? $0 : nil }
        }.map { SheetUnit(unit: $0.value, path: register.path(of: $0.value), source: .importing($0.source)) }
    }

    /// The activity type of an activities sheet without a type column: the one its title, sheet name or file
    /// name names (红叶社区2024年招聘会台账), else each row's own 活动名称 when the sheet has that column; nil
    /// (the column is missing) when it has neither.
    static func statedKind(_ options: ImportOptions, titles: [String], sheet: SheetInfo, csv: Bool, fileName: String,
                           hasTitleColumn: Bool) -> SheetKind? {
        guard options.dataset == .activities else { return nil }
        if let k = firstNamed(titles: titles, sheet: sheet, csv: csv, fileName: fileName, ActivityKind.named(in:)) {
            return SheetKind(kind: k.value, source: .importing(k.source))
        }
        return hasTitleColumn ? SheetKind(kind: nil, source: nil) : nil
    }

    /// Words in a sheet name that mark a summary or pivot sheet beside the data sheets.
    static let summaryWords = ["汇总", "统计", "合计", "总计", "总表", "透视", "小计", "summary", "pivot", "total"]

    /// Opens a file and detects its data sheets; throws ``ImportError`` when no sheet carries the dataset.
    public init(path: String, options: ImportOptions) throws {
        self.options = options
        fileName = (path as NSString).lastPathComponent
        do {
            reader = try openSpreadsheet(at: path, options: options.read)
        } catch let e as SheetError {
            throw ImportError(e)
        }
        let detector = LayoutDetector(dataset: options.dataset, headerMap: options.headerMap)
        let csv = reader.format == .csv
        var named: [SheetInfo] = []
        for wanted in options.sheets {
            do {
                let s = try reader.sheet(named: wanted)
                if !named.contains(s) { named.append(s) }
            } catch let e as SheetError { throw ImportError(e) }
        }
        let dateKeys = Set(SheetImporter.dateField(of: options.dataset).map { [$0.key] } ?? [])
        struct Found {
            var sheet: SheetInfo
            var candidate: LayoutDetector.Candidate
            var missing: [FieldSpec]
            var titles: [String]
            var program: SheetProgram?
            var unit: SheetUnit?
            var kind: SheetKind?
        }
        var found: [Found] = []
        var noHeader: [SheetInfo] = []
        for sheet in reader.sheets where named.isEmpty || named.contains(sheet) {
            do {
                var rows = try reader.rows(in: sheet, limit: detector.searchRows + 2)
                let merges = try reader.mergedRanges(in: sheet).filter { $0.firstRow <= detector.searchRows + 2 }
                var filler = MergeFiller(merges)
                for i in rows.indices { filler.fill(&rows[i]) }
                guard let c = detector.detect(rows: rows) else { noHeader.append(sheet); continue }
                // A sheet without a date column still imports: its rows take a date from --date,
                // --period, the title or the file name (or are rejected with that hint).
                var missing = c.requiredMissing.filter { !dateKeys.contains($0.key) }
                var titles: [String] = []
                var seenTitles = Set<String>()
                for r in rows where r.number < c.rows.lowerBound {
                    let t = r.cells.compactMap { CellParsing.text($0) }
                    for text in t where seenTitles.insert(text).inserted { titles.append(text) }
                }
                // An aid list of one programme often names it only in its title (春蕾计划资助名单).
                var program: SheetProgram? = nil
                if missing.contains(where: { $0.key == "program" }), let p = SheetImporter.statedProgram(options, titles: titles, sheet: sheet, csv: csv, fileName: fileName) {
                    program = p
                    missing.removeAll { $0.key == "program" }
                }
                // One sheet per community, or a list whose title names its unit: no unit column.
                var unit: SheetUnit? = nil
                if missing.contains(where: { $0.key == "org" }),
                   let u = SheetImporter.statedUnit(options, unboundHeaders: detector.layout(sheet: sheet, candidate: c).unknownColumns.map(\.header),
                                                    titles: titles, sheet: sheet, csv: csv, fileName: fileName) {
                    unit = u
                    missing.removeAll { $0.key == "org" }
                }
                // A ledger of one kind of activity (招聘会台账), or names that say each row's kind.
                var kind: SheetKind? = nil
                if missing.contains(where: { $0.key == "kind" }),
                   let k = SheetImporter.statedKind(options, titles: titles, sheet: sheet, csv: csv, fileName: fileName,
                                                    hasTitleColumn: c.labels.contains { detector.field(forHeader: $0)?.key == "title" }) {
                    kind = k
                    missing.removeAll { $0.key == "kind" }
                }
                found.append(Found(sheet: sheet, candidate: c, missing: missing, titles: titles, program: program, unit: unit, kind: kind))
            } catch let e as SheetError {
                throw ImportError(e)
            }
        }
        let what = options.dataset.rawValue
        func isSummary(_ s: SheetInfo) -> Bool {
            let n = s.name.lowercased()
            return SheetImporter.summaryWords.contains { n.contains($0) }
        }
        // The sheets to read: complete headers; hidden and summary sheets only when named (or, for a
        // summary-named sheet, when it is the only complete one: a whole district's list is often called 汇总).
        let complete = found.filter { $0.missing.isEmpty }
        let visibleComplete = complete.filter { !named.isEmpty || $0.sheet.visibility == .visible }
        let plainComplete = visibleComplete.filter { !named.isEmpty || !isSummary($0.sheet) }
        let chosen = plainComplete.isEmpty ? visibleComplete : plainComplete
        guard !chosen.isEmpty else {
            if let best = found.max(by: { ($0.candidate.score, -$0.sheet.index) < ($1.candidate.score, -$1.sheet.index) }),
               !best.missing.isEmpty {
                throw ImportError(file: fileName, sheet: csv ? nil : best.sheet.name,
                                  .requiredColumnsMissing(best.missing.map(\.names)))
            }
            if let hidden = complete.first {
                throw ImportError(file: fileName, sheet: hidden.sheet.name, .onlySheetHidden(dataset: what, sheet: hidden.sheet.name))
            }
            let expected = DatasetFields.fields(of: options.dataset).filter(\.required).map(\.names)
            let searched = named.isEmpty ? reader.sheets : named
            throw ImportError(file: fileName, sheet: searched.count == 1 && !csv ? searched[0].name : nil,
                              .noHeaderRow(dataset: what, expected: expected))
        }
        let chosenSheets = Set(chosen.map(\.sheet))
        var sheets: [DataSheet] = []
        let fileStated = Period.stated(in: (fileName as NSString).deletingPathExtension)
        for f in found where chosenSheets.contains(f.sheet) {
            let layout = detector.layout(sheet: f.sheet, candidate: f.candidate)
            var data = DataSheet(layout: layout, titles: f.titles)
            if layout.binding("program") == nil { data.program = f.program }
            if layout.binding("org") == nil && layout.binding("street") == nil { data.unit = f.unit }
            if layout.binding("kind") == nil { data.kind = f.kind }
            var periodSource: ImportMessage?
            if let p = options.period {
                data.statedPeriod = Period.Stated(period: p, words: p.label)
                data.statedPeriodSource = .importing(.periodOption)
            } else if let t = f.titles.lazy.compactMap(Period.stated(in:)).first {
                data.statedPeriod = t
                periodSource = .inTitle
            } else if !csv, let t = Period.stated(in: f.sheet.name) {
                data.statedPeriod = t
                periodSource = .inSheetName
            } else if let t = fileStated {
                data.statedPeriod = t
                periodSource = .inFileName
            }
            // A sheet per month or quarter (1月, 2月 …; 一季度) under a title or file name that states the year:
            // the sheet's own period, when it lies within that one.
            if options.period == nil, !csv, periodSource != .inSheetName, let broad = data.statedPeriod,
               broad.period.start.year == broad.period.end.year,
               let own = Period.stated(in: f.sheet.name) ?? Period.stated(withoutYearIn: f.sheet.name, year: broad.period.start.year),
               own.period != broad.period, broad.period.contains(own.period.start), broad.period.contains(own.period.end) {
                data.statedPeriod = own
                periodSource = .inSheetName
            }
            if let periodSource { data.statedPeriodSource = .importing(periodSource) }
            if let spec = SheetImporter.dateField(of: options.dataset), layout.binding(spec.key) == nil {
                data.missingDateField = spec
                if let d = options.date {
                    data.date = SheetDate(date: d, source: .importing(.fromDateOption))
                } else if let p = data.statedPeriod, data.statedPeriodSource != nil {
                    data.date = SheetDate(date: p.period.end, source: .importing(periodSource.map {
                        .lastDayOfPeriod(source: .importing($0), words: p.words) } ?? .fromPeriodOption(words: p.words)))
                }
            }
            sheets.append(data)
        }
        dataSheets = sheets
        for s in reader.sheets where !chosenSheets.contains(s) {
            if !named.isEmpty && !named.contains(s) {
                skippedSheets.append(SkippedSheet(name: s.name, reason: .notSelected, message: .importing(.sheetNotNamed), isData: false))
            } else if isSummary(s) && s.visibility == .visible {
                skippedSheets.append(SkippedSheet(name: s.name, reason: .summary, message: .importing(.summarySheet), isData: false))
            } else if let f = found.first(where: { $0.sheet == s }) {
                if !f.missing.isEmpty {
                    let cols = f.missing.map(\.names.header)
                    // A header that binds most of the dataset is a data sheet with a column missing.
                    let isData = f.candidate.score >= 3 && f.missing.count <= 1
                    skippedSheets.append(SkippedSheet(name: s.name, reason: .incomplete,
                        message: .importing(.sheetLacksColumns(cols)),
                        isData: isData))
                } else if s.visibility != .visible {
                    skippedSheets.append(SkippedSheet(name: s.name, reason: .hidden,
                        message: .importing(.hiddenSheet(dataset: what, sheet: s.name)),
                        isData: true))
                } else {
                    skippedSheets.append(SkippedSheet(name: s.name, reason: .summary, message: .importing(.summarySheet), isData: false))
                }
            } else {
                skippedSheets.append(SkippedSheet(name: s.name, reason: .noHeader,
                    message: .importing(.noHeaderFor(dataset: what)), isData: false))
            }
        }
        var reportedColumns = Set<String>()
        for data in dataSheets {
            let layout = data.layout
            let sheetName = csv ? nil : layout.sheet.name
            // Listed once per file: sheets of one workbook usually share their header.
            for u in layout.unknownColumns where reportedColumns.insert(u.header).inserted {
                fileDiagnostics.append(Diagnostic(severity: .warning, file: fileName, sheet: sheetName,
                    row: layout.headerRows.upperBound, column: u.column + 1, category: "unknown-column",
                    message: .importing(.unknownColumn(header: u.header, dataset: what, mayBe: u.mayBe?.names))))
            }
            for m in layout.inferred where !inferredColumns.contains(m.description) { inferredColumns.append(m.description) }
            for d in layout.duplicateColumns {
                let message: ImportMessage = d.keptInstead.map { .unpaidAmountColumn(header: d.header, kept: $0) }
                    ?? .duplicateColumn(header: d.header, field: d.field)
                fileDiagnostics.append(Diagnostic(severity: .warning, file: fileName, sheet: sheetName,
                    row: layout.headerRows.upperBound, column: d.column + 1, category: "unknown-column",
                    message: .importing(message)))
            }
        }
    }

    /// The sheet name as diagnostics show it for the first data sheet (nil for CSV).
    public var diagnosticSheet: String? { reader.format == .csv ? nil : layout.sheet.name }

    /// The sheet name as diagnostics show it (nil for CSV).
    public func diagnosticSheet(_ index: Int) -> String? { reader.format == .csv ? nil : dataSheets[index].layout.sheet.name }

    /// Streams every data row of every data sheet through `body`, returning how rows were classified.
    ///
    /// Rejected rows come with error diagnostics; warnings ride along with loaded rows. Footer
    /// mismatches are appended to ``fileDiagnostics``. Each row carries its sheet's index in
    /// ``dataSheets`` (``ParsedRow/sheetIndex``).
    /// With `resolveOrgs` false (cleanup runs without a register) unit names are normalised, not resolved.
    /// With `keepDetails` false, accepted rows come without ``ParsedRow/fields`` and ``ParsedRow/values``
    /// (an import stores the record and needs neither).
    public func run(register: OrgRegister, resolveOrgs: Bool = true, keepDetails: Bool = true,
                    _ body: (ParsedRow) throws -> Void) throws -> FileTally {
        var file = FileTally()
        for index in dataSheets.indices {
            file.sheets.append(try run(sheet: index, register: register, resolveOrgs: resolveOrgs, keepDetails: keepDetails, body))
        }
        // A short title, footer or note row of a CSV (东湖街道…发放表,,,) is counted as such: its field count is
        // no news. Only a data row's is warned about.
        var notData = Set<Int>()
        if reader.format == .csv, let t = file.sheets.first, let layout = dataSheets.first?.layout {
            notData.formUnion(1...layout.headerRows.upperBound)
            notData.formUnion(t.footerRows)
            notData.formUnion(t.noteRows)
            notData.formUnion(t.sectionRows)
            notData.formUnion(t.repeatedHeaderRows)
            notData.formUnion(t.innerTitleRows)
        }
        // A sheet that is not imported (a summary adding up the others) is no concern of its formulas'.
        let imported = Set(dataSheets.map(\.layout.sheet.name))
        fileDiagnostics.append(contentsOf: reader.warnings.filter { d in
            !(d.category == "ragged-row" && d.row.map(notData.contains) == true) && (d.sheet.map(imported.contains) ?? true)
        })
        return file
    }

    private func run(sheet index: Int, register: OrgRegister, resolveOrgs: Bool, keepDetails: Bool,
                     _ body: (ParsedRow) throws -> Void) throws -> SheetTally {
        let data = dataSheets[index]
        let layout = data.layout
        let sheetName = diagnosticSheet(index)
        var tally = SheetTally()
        tally.sheet = layout.sheet.name
        tally.titleRows = layout.headerRows.lowerBound - 1
        tally.headerRows = layout.headerRows.count
        let normalizer = RowNormalizer(dataset: options.dataset, layout: layout, register: register,
                                       file: fileName, sheet: sheetName, dateSystem: reader.dateSystem)
        normalizer.resolveOrgs = resolveOrgs
        normalizer.keepDetails = keepDetails
        normalizer.valueMap = options.valueMap
        normalizer.writable = options.writable
        if resolveOrgs {
            // A name several units answer to (白沙 for 白沙社区 and 白沙村, or a city's two 城关镇) is looked
            // for in the street the title, sheet or file name names. A login given one unit writes under
            // it: names are looked for there first.
            normalizer.scope = options.scope
                ?? (data.titles + [layout.sheet.name, (fileName as NSString).deletingPathExtension]).lazy
                    .compactMap { register.unit(namedIn: $0)?.id }.first
                ?? options.writable.flatMap { $0.granted.count == 1 ? $0.granted[0] : nil }
        }
        normalizer.sheetProgram = data.program?.name
        normalizer.sheetUnit = data.unit?.unit
        normalizer.sheetKind = data.kind
        normalizer.statedPeriod = data.statedPeriod
        if let field = data.missingDateField {
            normalizer.sheetDate = (field.key, data.date?.date, data.date == nil ? .noDateColumn(header: field.names.header) : nil)
        }
        let stated = data.statedPeriod
        let dateKey = SheetImporter.dateField(of: options.dataset)?.key
        let checkPeriod = stated != nil && dateKey.map { layout.binding($0) != nil } == true
        var filler = MergeFiller(try wrap { try reader.mergedRanges(in: layout.sheet) }.filter { $0.lastRow > layout.headerRows.upperBound })
        let summed = layout.bindings.filter(\.field.summed)
        let ignoredColumns = Set(layout.ignoredColumns)
        let repeatedHeader = RepeatedHeader(layout)
        let unitColumns = Set(layout.bindings.filter { ["name", "org", "street", "parent"].contains($0.field.key) }.map(\.column))
        var footerChecks: [(row: Int, values: [(ColumnBinding, Int64)])] = []
        let headerEnd = layout.headerRows.upperBound
        var lastRow = headerEnd
        var recordsAfterHeader = 0
        var missing = layout.missingMeasures.map { MissingMeasure(field: $0, rows: 0) }
        let progress = options.progress
        if let progress, let d = layout.sheet.dimension { progress.expect(max(0, d.lastRow - headerEnd)) }
        var unreported = 0
        defer { progress?.add(unreported) }
        try wrap {
            try reader.forEachRow(in: layout.sheet) { raw in
                guard raw.number > headerEnd else { return true }
                lastRow = raw.number
                recordsAfterHeader += 1
                if progress != nil {
                    unreported += 1
                    if unreported == 4096 { progress!.add(unreported); unreported = 0 }
                }
                var row = raw
                if !filler.isEmpty {
                    let before = row.cells.filter { !$0.isBlank }.count
                    filler.fill(&row)
                    tally.mergedCellsFilled += row.cells.filter { !$0.isBlank }.count - before
                }
                if row.isBlank { return true }
                // A printed form numbered in advance: 序号 filled in, nothing else, is a blank row.
                if !ignoredColumns.isEmpty, row.cells.indices.allSatisfy({
                    row.cells[$0].isBlank || (ignoredColumns.contains($0) && RowClassifier.isSerialNumber(row.cells[$0]))
                }) { return true }
                switch RowClassifier.classify(row) {
                case .footer(let isTotal):
                    tally.footerRows.append(row.number)
                    if isTotal {
                        var vals: [(ColumnBinding, Int64)] = []
                        for b in summed { if let v = normalizer.summable(row[b.column], binding: b) { vals.append((b, v)) } }
                        footerChecks.append((row.number, vals))
                    }
                    return true
                case .note:
                    tally.noteRows.append(row.number)
                    return true
                case .data:
                    break
                }
                // 一、城南街道 above its communities: the rows under it belong to it.
                if let unit = RowClassifier.section(row, unitColumns: unitColumns) {
                    tally.sectionRows.append(row.number)
                    normalizer.section = unit
                    return true
                }
                // Blocks pasted one under another: each block's header again, often under its own title.
                if repeatedHeader.matches(row) {
                    tally.repeatedHeaderRows.append(row.number)
                    return true
                }
                if let title = RowClassifier.innerTitle(row) {
                    tally.innerTitleRows.append(row.number)
                    // 石马河街道…名单: the rows of the block under it are that street's.
                    if let street = register.unit(namedIn: title, kinds: [.street, .town]) {
                        normalizer.section = OrgRegister.fold(street.name)
                    }
                    return true
                }
                tally.dataRows += 1
                if row.hidden { tally.hiddenRows.append(row.number) }
                var parsed = normalizer.normalize(row)
                parsed.sheetIndex = index
                if !missing.isEmpty, let record = parsed.record {
                    let kind: ActivityKind? = if case .activity(let a) = record { a.kind } else { nil }
                    for i in missing.indices where missing[i].field.isMeasure(for: kind) { missing[i].rows += 1 }
                }
                if checkPeriod, let stated, let key = dateKey, let d = parsed.record?.date, !stated.period.contains(d) {
                    let b = layout.binding(key)
                    parsed.diagnostics.append(Diagnostic(severity: .warning, file: fileName, sheet: sheetName, row: row.number,
                        column: b.map { $0.column + 1 }, field: key, category: "outside-stated-period",
                        message: .importing(.inColumn(header: b?.header ?? key, .importing(.outsideStatedPeriod(
                            date: d.iso, words: stated.words, start: stated.period.start.iso, end: stated.period.end.iso))))))
                }
                try body(parsed)
                return true
            }
        }
        // Every row of the sheet is accounted for: rows a workbook leaves out below the header are blank.
        tally.sheetRows = reader.format == .csv ? headerEnd + recordsAfterHeader : lastRow
        tally.blankRows = tally.sheetRows - headerEnd - tally.dataRows - tally.footerRows.count - tally.noteRows.count
            - tally.sectionRows.count - tally.repeatedHeaderRows.count - tally.innerTitleRows.count
        tally.headerRows += tally.repeatedHeaderRows.count
        tally.titleRows += tally.innerTitleRows.count
        tally.missingMeasures = missing.filter { $0.rows > 0 }
        if let first = tally.hiddenRows.first {
            // Rows someone hid are still someone's data: taken, and said where they are.
            fileDiagnostics.append(Diagnostic(severity: .warning, file: fileName, sheet: sheetName, row: first,
                category: "hidden-rows", message: .importing(.hiddenRows(count: tally.hiddenRows.count, rows: Array(tally.hiddenRows.prefix(10))))))
        }
        for check in footerChecks {
            for (b, stated) in check.values {
                let actual = normalizer.sum(of: b.field.key)
                if stated != actual {
                    let show = { (v: Int64) in b.field.kind == .money ? Money(fen: v).yuanString : String(v) }
                    fileDiagnostics.append(Diagnostic(severity: .warning, file: fileName, sheet: sheetName,
                        row: check.row, column: b.column + 1, field: b.field.key, category: "footer-mismatch",
                        message: .importing(.footerMismatch(stated: show(stated), header: b.header, actual: show(actual)))))
                }
            }
        }
        return tally
    }

    /// ``run(register:resolveOrgs:keepDetails:_:)`` on a second thread: rows are read and normalized
    /// there, `chunkSize` at a time, while `body` takes each chunk on the calling thread (an import
    /// writes the store while the next rows are parsed). At most `depth` chunks wait between the two,
    /// so memory does not grow with the file; an error on either side stops both and is rethrown here.
    public func runPipelined(register: OrgRegister, resolveOrgs: Bool = true, keepDetails: Bool = true,
                             chunkSize: Int = 4096, depth: Int = 8, _ body: ([ParsedRow]) throws -> Void) throws -> FileTally {
        try runPipelined(register: register, resolveOrgs: resolveOrgs, keepDetails: keepDetails, chunkSize: chunkSize, depth: depth,
                         prepare: { $0 }, body)
    }

    /// The same, with `prepare` turning each row into what `body` needs on the reading thread too
    /// (work taken off the calling thread when that is the busier one).
    public func runPipelined<Prepared>(register: OrgRegister, resolveOrgs: Bool = true, keepDetails: Bool = true,
                                       chunkSize: Int = 4096, depth: Int = 8, prepare: @escaping (ParsedRow) -> Prepared,
                                       _ body: ([Prepared]) throws -> Void) throws -> FileTally {
        let channel = ChunkChannel<Prepared>(depth: depth)
        let job = PipelineJob(importer: self, register: register, resolveOrgs: resolveOrgs, keepDetails: keepDetails,
                              chunkSize: chunkSize, channel: channel, prepare: prepare)
        let thread = Thread { job.produce() }
        thread.stackSize = 8 << 20
        thread.name = "fulian.read"
        thread.start()
        do {
            while let chunk = try channel.take() { try body(chunk) }
        } catch {
            channel.stop()
            channel.waitClosed()
            throw error
        }
        return job.tally
    }

    private func wrap<T>(_ f: () throws -> T) throws -> T {
        do { return try f() } catch let e as SheetError { throw ImportError(e) }
    }
}

/// Tells data rows from footer and note rows.
enum RowClassifier {
    enum Kind { case data, footer(isTotal: Bool), note }

    static let totalWords = ["合计", "总计", "共计", "总合计"]
    static let subtotalWords = ["小计"]
    static let noteWords = ["填表人", "审核人", "联系电话", "联系人", "制表", "填报", "填表", "负责人", "统计人", "审核", "注：", "注:", "说明：", "说明:", "备注：", "备注:", "单位负责人", "报送",
                            // A printed form's end marker, alone in its row.
                            "以下空白", "以下无", "以下为空", "(以下空白)", "此处空白"]

    /// The words' UTF-8, for byte-wise prefix tests (these run on every row).
    static let totalBytes = totalWords.map { Array($0.utf8) }
    static let subtotalBytes = subtotalWords.map { Array($0.utf8) }
    static let noteBytes = noteWords.map { Array($0.utf8) }

    /// The first character (its three UTF-8 bytes) of every word above: a text starting otherwise
    /// (a name, a number, nearly every data cell) is no footer and no note, known at once.
    static let leadCharacters = Array(Set((totalWords + subtotalWords + noteWords).map { lead(Array($0.utf8)) }))

    /// The first three bytes (fewer when there are fewer) as one number. Asked of nearly every cell's UTF-8:
    /// read through the iterator in place, not through a generic `prefix(3).reduce`.
    @inline(__always)
    static func lead(_ b: some Sequence<UInt8>) -> UInt32 {
        var it = b.makeIterator()
        var v: UInt32 = 0
        for _ in 0..<3 {
            guard let b = it.next() else { break }
            v = v << 8 | UInt32(b)
        }
        return v
    }

    /// Whether a raw cell text may start with one of the words (after spaces): false for nearly all.
    static func mayStartWithAWord(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        // Spaces or full-width forms first: compact decides.
        if first <= 0x20 || first == 0xC2 || first == 0xE2 || first == 0xE3 || first == 0xEF { return true }
        let l = lead(s.utf8)
        for c in leadCharacters where c == l { return true }
        return false
    }

    static func hasPrefix(_ s: String, _ words: [[UInt8]]) -> Bool {
        let l = lead(s.utf8)
        guard leadCharacters.contains(l) else { return false }
        return words.contains { s.utf8.starts(with: $0) }
    }

    /// The unit a row heading a group names (一、城南街道, （二）白鹤镇, 城南街道：, merged across the row or
    /// alone in a column of its own): one text, repeated by the merge or alone, that names a street, town,
    /// district, community or village. A unit name alone in the unit column is a unit's own row.
    static func section(_ row: Row, unitColumns: Set<Int>) -> String? {
        var text: String? = nil
        var count = 0
        var column = 0
        for (c, cell) in row.cells.enumerated() where !cell.isBlank {
            // Nearly every data row has a number or two different texts: out at the first of them.
            guard case .text(let t) = cell else { return nil }
            if let text {
                if t.utf8.count != text.utf8.count || !t.utf8.elementsEqual(text.utf8) { return nil }
            } else {
                text = t
                column = c
            }
            count += 1
        }
        guard let text else { return nil }
        var s = Substring(TextNormalizer.compact(text))
        let ordinals = "一二三四五六七八九十百零0123456789"
        var numbered = false
        // 一、 （一） 1. 第一(、) — after 第 the separator may be left out (第一 东湖街道, 第一片 …).
        let ordinal = s.first == "第"
        if s.first == "(" || ordinal { s = s.dropFirst() }
        if let first = s.first, ordinals.contains(first) {
            let digits = s.prefix { ordinals.contains($0) }
            let rest = s.dropFirst(digits.count)
            if let sep = rest.first, "、.)．,，".contains(sep) {
                s = rest.dropFirst()
                numbered = true
            } else if ordinal {
                s = rest
                numbered = true
            }
        }
        while let last = s.last, "：:".contains(last) { s = s.dropLast() }
        // 白鹤镇（3个村）, 城南街道(共5个): a count in brackets after the name.
        if s.last == ")", let open = s.lastIndex(of: "("), open != s.startIndex { s = s[..<open] }
        // 城南街道妇联: the federation of the unit heads its rows as well.
        let name = OrgRegister.withoutFederationSuffix(String(s))
        guard name.count >= 3, !name.contains(where: { $0.isNumber }) else { return nil }
        if count == 1 && !numbered && unitColumns.contains(column) { return nil }
        return RowNormalizer.kind(fromName: OrgRegister.fold(name)) == .other ? nil : OrgRegister.fold(name)
    }

    /// Whether a cell of a 序号 column holds only a row number (8, "08", "8.", "（8）"): what a form printed
    /// with its rows numbered in advance has on the rows nobody filled in. Text such as 一、东湖街道 or a
    /// note typed into that column is no row number.
    static func isSerialNumber(_ cell: Cell) -> Bool {
        switch cell {
        case .number(let v): return v >= 0 && v < 1_000_000 && v == v.rounded()
        case .text(let t):
            var digits = 0
            for u in TextNormalizer.compact(t).unicodeScalars {
                if u.value >= 0x30 && u.value <= 0x39 { digits += 1; continue }
                guard "().、（）".unicodeScalars.contains(u) else { return false }
            }
            return digits > 0 && digits <= 6
        default: return false
        }
    }

    /// Words a sheet's title ends on or contains: the name of the form.
    static let titleWords = ["名单", "花名册", "名册", "统计表", "登记表", "发放表", "明细表", "明细", "一览表", "台账", "汇总表",
                             "情况表", "信息表", "申报表", "审批表", "清册", "清单", "报表"]

    /// The title of a block of rows among the data (石马河街道2024年第一季度救助发放名单): one text, alone or
    /// repeated by a merge across the row, that names a form (``titleWords``). No record is one text.
    static func innerTitle(_ row: Row) -> String? {
        var text: String? = nil
        for cell in row.cells where !cell.isBlank {
            guard case .text(let t) = cell else { return nil }
            if let text {
                if t.utf8.count != text.utf8.count || !t.utf8.elementsEqual(text.utf8) { return nil }
            } else {
                text = t
            }
        }
        guard let text else { return nil }
        let s = TextNormalizer.compact(text)
        guard s.count >= 4, titleWords.contains(where: { s.contains($0) }) else { return nil }
        return s
    }

    static func classify(_ row: Row) -> Kind {
        var first: String? = nil, second: String? = nil
        var texts = 0
        var nonBlank = 0
        for c in row.cells where !c.isBlank {
            nonBlank += 1
            if case .text(let t) = c, texts < 2 {
                if mayStartWithAWord(t) {
                    if texts == 0 { first = TextNormalizer.compact(t) } else { second = TextNormalizer.compact(t) }
                }
                texts += 1
            }
            // Two texts seen: the rest of the row decides nothing (nonBlank only matters when it is 1).
            if texts >= 2 || (nonBlank >= 3 && texts == 0) { break }
        }
        func footer(_ t: String?) -> Kind? {
            guard let t else { return nil }
            if hasPrefix(t, totalBytes) { return .footer(isTotal: true) }
            if hasPrefix(t, subtotalBytes) { return .footer(isTotal: false) }
            return nil
        }
        if let k = footer(first) ?? footer(second) { return k }
        if let f = row.cells.first(where: { !$0.isBlank }), case .text(let t) = f, mayStartWithAWord(t) {
            let s = TextNormalizer.compact(t)
            if hasPrefix(s, noteBytes) && (s.contains("：") || s.contains(":") || nonBlank == 1) {
                return .note
            }
        }
        return .data
    }
}

/// The header of a sheet seen again among its data rows: at least two bound columns, and at least half of
/// the row's filled cells, hold their column's header or another name of its field.
struct RepeatedHeader {
    /// Per bound column, the texts that name its field: as typed in the header, and every synonym.
    let names: [(column: Int, exact: Set<ExactText>, keys: Set<String>)]

    init(_ layout: SheetLayout) {
        names = layout.bindings.map { b in
            var keys = Set(b.field.synonyms.map(DatasetFields.headerKey))
            keys.insert(DatasetFields.headerKey(b.header))
            keys.insert(b.field.key)
            return (b.column, Set([ExactText(b.header)] + b.field.synonyms.map(ExactText.init)), keys)
        }
    }

    /// Whether the header at `n`'s column: exactly as typed (one hash of a few bytes, what nearly every
    /// data row is decided by), else in its canonical form when the text has spaces or full-width forms.
    func names(_ t: String, _ n: (column: Int, exact: Set<ExactText>, keys: Set<String>)) -> Bool {
        if n.exact.contains(ExactText(t)) { return true }
        guard TextNormalizer.mayChange(t) || t.utf8.contains(where: { $0 == 0x2A || ($0 >= 0x41 && $0 <= 0x5A) }) else { return false }
        return n.keys.contains(DatasetFields.headerKey(t))
    }

    func matches(_ row: Row) -> Bool {
        guard names.count >= 2, let first = names.first, case .text(let t) = row[first.column], names(t, first) else { return false }
        var matched = 1
        for n in names.dropFirst() { if case .text(let t) = row[n.column], names(t, n) { matched += 1 } }
        let filled = row.cells.reduce(0) { $0 + ($1.isBlank ? 0 : 1) }
        return matched >= 2 && matched * 2 >= filled
    }
}

/// The reading side of ``SheetImporter/runPipelined(register:resolveOrgs:keepDetails:chunkSize:depth:prepare:_:)``.
/// Touched by the reading thread until it closes the channel, and by the calling thread only after.
private final class PipelineJob<Prepared>: @unchecked Sendable {
    let importer: SheetImporter
    let register: OrgRegister
    let resolveOrgs: Bool
    let keepDetails: Bool
    let chunkSize: Int
    let channel: ChunkChannel<Prepared>
    let prepare: (ParsedRow) -> Prepared
    var tally = FileTally()

    init(importer: SheetImporter, register: OrgRegister, resolveOrgs: Bool, keepDetails: Bool, chunkSize: Int,
         channel: ChunkChannel<Prepared>, prepare: @escaping (ParsedRow) -> Prepared) {
        self.importer = importer
        self.register = register
        self.resolveOrgs = resolveOrgs
        self.keepDetails = keepDetails
        self.chunkSize = chunkSize
        self.channel = channel
        self.prepare = prepare
    }

    struct Stopped: Error {}

    func produce() {
        var chunk: [Prepared] = []
        chunk.reserveCapacity(chunkSize)
        do {
            tally = try importer.run(register: register, resolveOrgs: resolveOrgs, keepDetails: keepDetails) { parsed in
                chunk.append(prepare(parsed))
                if chunk.count >= chunkSize {
                    guard channel.put(chunk) else { throw Stopped() }
                    chunk = []
                    chunk.reserveCapacity(chunkSize)
                }
            }
            if !chunk.isEmpty { _ = channel.put(chunk) }
            channel.close(nil)
        } catch {
            channel.close(error)
        }
    }
}
