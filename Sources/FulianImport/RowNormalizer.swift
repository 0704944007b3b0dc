import Foundation
import FulianCore
import FulianSheets

/// Turns one data row into a normalized record, or into the reasons it cannot be taken.
final class RowNormalizer {
    let dataset: Dataset
    let layout: SheetLayout
    let register: OrgRegister
    let file: String
    let sheet: String?
    let dateSystem: ExcelDateSystem
    /// False for cleanup runs without a register: unit names are normalised, not resolved.
    var resolveOrgs = true
    /// Confirmed spellings by field key (``ImportOptions/valueMap``), keys in cleaned form.
    var valueMap: [String: [String: String]] = [:] {
        didSet { valueMap = valueMap.mapValues { m in Dictionary(m.map { (TextNormalizer.clean($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }) } }
    }
    /// Whether every row carries its normalized ``ParsedRow/fields`` and shown ``ParsedRow/values``
    /// (cleanup runs); when false only rejected rows carry their values (for `--rejects`).
    var keepDetails = true
    /// For a sheet without the date column its dataset needs: the field, the date every row takes
    /// (from `--date`, `--period`, the title or the file name), or the hint given when none is known.
    var sheetDate: (key: String, date: CivilDate?, hint: ImportMessage?)?
    /// The programme of every row of an aid sheet without a programme column (`--program`, the title …).
    var sheetProgram: String?
    /// The unit of every row of a sheet without a unit column (its sheet name, title or file name names it).
    var sheetUnit: OrgRegister.Unit?
    /// The activity type of the rows of a sheet without a type column (``SheetKind``).
    var sheetKind: SheetKind?
    /// The unit the last group heading row named (一、城南街道): the street of the rows under it, or their
    /// parent in a register.
    var section: String?
    /// The period the file states (`--period`, its title, sheet or file name): a day written without a year
    /// takes the year of a period within one year.
    var statedPeriod: Period.Stated?
    /// The bound field keys (the first column of a key wins), with their bindings, columns and sum
    /// slots (-1: not summed) at the same index; a linear scan over a dozen short keys is quicker than
    /// hashing one, and the parallel arrays keep it from copying bindings.
    private let keys: [String]
    /// Each key's two words (see ``index(_:)``).
    private let keyWords: [(UInt64, UInt64)]
    /// Keys asked for that no column binds (kept alive, so their words stay theirs).
    @exclusivity(unchecked) private var absentKeys: [String] = []
    private let bindings: [ColumnBinding]
    private let columns: [Int]
    private let slots: [Int]
    /// The dataset's field keys in order: the keys of every row's ``ParsedRow/fields``.
    private let fieldKeys: [String]
    /// The width of a row's ``ParsedRow/values``.
    private let width: Int
    /// Running totals of the summed columns over the data rows, by slot.
    @exclusivity(unchecked) private var sums: [Int64]
    /// Resolutions already made in this file: a file names a handful of units over thousands of rows.
    let orgs = OrgResolutionCache()
    /// The street column's resolutions (a row's scope in a city's store).
    let streets = OrgResolutionCache()
    /// The unit the file comes from (``ImportOptions/scope``, else the one its title, sheet name or file
    /// name names): where a name that several places share is looked for. Nil for the whole register.
    var scope: Int64?
    /// The units the import may write (``ImportOptions/writable``); nil: every unit.
    var writable: WritableUnits?
    /// The kinds a street column names.
    static let streetLevels: Set<OrgKind> = [.street, .town]
    /// Whether the register holds a name in several places (a city's): only then do scopes matter.
    let repeatedNames: Bool

    init(dataset: Dataset, layout: SheetLayout, register: OrgRegister, file: String, sheet: String?, dateSystem: ExcelDateSystem) {
        self.dataset = dataset
        self.layout = layout
        self.register = register
        repeatedNames = register.hasRepeatedNames
        self.file = file
        self.sheet = sheet
        self.dateSystem = dateSystem
        var keys: [String] = [], bindings: [ColumnBinding] = [], slots: [Int] = []
        var summed = 0
        for b in layout.bindings where !keys.contains(b.field.key) {
            keys.append(b.field.key)
            bindings.append(b)
            slots.append(b.field.summed ? summed : -1)
            if b.field.summed { summed += 1 }
        }
        self.keys = keys
        keyWords = keys.map(RowNormalizer.words)
        fieldKeys = DatasetFields.fields(of: dataset).map(\.key)
        self.bindings = bindings
        self.slots = slots
        columns = bindings.map(\.column)
        sums = [Int64](repeating: 0, count: summed)
        width = (layout.bindings.map(\.column).max() ?? -1) + 1
    }

    /// A string's two words as stored. Two strings with the same words are the same text: the same small
    /// string, or the same storage (which a string still alive keeps from being reused).
    @inline(__always)
    private static func words(_ s: String) -> (UInt64, UInt64) { unsafeBitCast(s, to: (UInt64, UInt64).self) }

    /// The index of a field key in ``keys``.
    ///
    /// Speed (issue #17): asked for about 16 times a row, nearly always with a literal, whose words are
    /// those of the key as stored: two integer compares a key instead of string comparisons.
    @inline(__always)
    private func index(_ key: String) -> Int? {
        let w = RowNormalizer.words(key)
        for i in keyWords.indices where keyWords[i] == w { return i }
        for a in absentKeys where RowNormalizer.words(a) == w { return nil }
        let n = key.utf8.count
        for i in keys.indices where keys[i].utf8.count == n && keys[i] == key { return i }
        if absentKeys.count < 32 { absentKeys.append(key) }
        return nil
    }

    /// The binding of a field key.
    func binding(_ key: String) -> ColumnBinding? { index(key).map { bindings[$0] } }

    /// The 0-based column of a field key.
    func column(_ key: String) -> Int? { index(key).map { columns[$0] } }

    /// The total of a summed field over the data rows normalized so far (readable values only).
    func sum(of key: String) -> Int64 {
        guard let i = index(key), slots[i] >= 0 else { return 0 }
        return sums[slots[i]]
    }

    fileprivate func add<T>(_ value: T, toSumOf key: String) {
        guard !sums.isEmpty, let i = index(key), slots[i] >= 0 else { return }
        if let m = value as? Money { sums[slots[i]] &+= m.fen } else if let v = value as? Int64 { sums[slots[i]] &+= v }
    }

    /// The value of a summed column in fen (money) or units (counts), nil if blank or unreadable.
    func summable(_ cell: Cell, binding: ColumnBinding) -> Int64? {
        switch binding.field.kind {
        case .money: return (try? CellParsing.money(cell, unit: binding.unit))??.fen
        case .count: return (try? CellParsing.countValue(cell))?.value
        default: return nil
        }
    }

    /// Collects errors and warnings for one row.
    struct Context {
        let row: Row
        let normalizer: RowNormalizer
        var diagnostics: [Diagnostic] = []
        /// Each field's value in normalized form (as written when it could not be read).
        var fields: FieldValues
        var failed = false

        func cell(_ key: String) -> Cell { normalizer.column(key).map { row[$0] } ?? .empty }
        func has(_ key: String) -> Bool { normalizer.column(key) != nil }

        mutating func report(_ severity: Severity, _ key: String?, _ category: String, _ message: Message,
                             suggestion: String? = nil) {
            let b = key.flatMap { normalizer.binding($0) }
            let m = b.map { Message.importing(.inColumn(header: $0.header, message)) } ?? message
            diagnostics.append(Diagnostic(severity: severity, file: normalizer.file, sheet: normalizer.sheet, row: row.number,
                                          column: b.map { $0.column + 1 }, field: key, category: category, message: m,
                                          suggestion: suggestion))
            if severity == .error { failed = true }
        }

        mutating func report(_ severity: Severity, _ key: String?, _ category: String, _ message: ImportMessage,
                             suggestion: String? = nil) {
            report(severity, key, category, Message.importing(message), suggestion: suggestion)
        }

        /// Runs a parser, turning its problem into an error on this row.
        mutating func parse<T>(_ key: String, _ f: (Cell) throws(ValueProblem) -> T?) -> T? {
            do {
                let v = try f(cell(key))
                if let v {
                    // Only amounts and counts are ever summed (known when this is specialized).
                    if T.self == Money.self || T.self == Int64.self { normalizer.add(v, toSumOf: key) }
                    set(key, RowNormalizer.render(v))
                }
                return v
            } catch {
                reject(key, error)
                return nil
            }
        }

        /// Reports an unreadable value: an error rejecting the row for a field that
        /// ``FieldSpec/rejectsRow``, else a warning of the same category and the field left empty.
        mutating func reject(_ key: String, _ problem: ValueProblem) {
            if normalizer.binding(key)?.field.rejectsRow ?? true {
                report(.error, key, problem.category, problem.message)
                let shown = CellParsing.text(cell(key)) ?? ""
                set(key, shown)
            } else {
                report(.warning, key, problem.category, .importing(.leftEmpty(problem.message)))
                set(key, "")
            }
        }

        mutating func required<T>(_ key: String, _ value: T?) -> T? {
            if value == nil && !diagnostics.contains(where: { $0.field == key && $0.severity == .error }) {
                if let sd = normalizer.sheetDate, sd.key == key, let hint = sd.hint {
                    report(.error, key, "missing-field", hint)
                    return nil
                }
                let header = normalizer.binding(key)?.header ?? key
                report(.error, key, "missing-field", .emptyField(header: header))
            }
            return value
        }

        mutating func text(_ key: String) -> String? {
            var t = CellParsing.text(cell(key))
            if !normalizer.valueMap.isEmpty, let typed = t, let mapped = normalizer.valueMap[key]?[typed] { t = mapped }
            if let t, normalizer.keepDetails, fields[key] == nil { fields[key] = t }
            return t
        }

        /// Records a field's normalized form (only when the normalizer keeps details).
        mutating func set(_ key: String, _ value: @autoclosure () -> String) {
            if normalizer.keepDetails { fields[key] = value() }
        }

        /// Resolves the row's unit: the org column, else the street column. A name several places of
        /// the register share is resolved in the row's scope: the street/town of the row's street column
        /// (when it also has an org column), else the file's (``RowNormalizer/scope``).
        mutating func org() -> Int64? {
            var key = "org"
            var typed = text("org")
            var rowScope: Int64? = nil
            if typed == nil, let s = text("street") ?? normalizer.section { typed = s; key = has("street") ? "street" : "org" }
            else if typed != nil, normalizer.repeatedNames || normalizer.section != nil, normalizer.resolveOrgs,
                    let s = (has("street") ? CellParsing.text(cell("street")) : nil) ?? normalizer.section,
                    case .success(let street) = normalizer.streets.resolve(s, levels: RowNormalizer.streetLevels, scope: normalizer.scope,
                                                                          for: normalizer) {
                rowScope = street.id
            }
            /// A unit found: stored by name, refused when the login may not write it.
            func accept(_ u: OrgRegister.Unit) -> Int64? {
                set("org", u.name)
                if let w = normalizer.writable, !w.allows(u.id) {
                    report(.error, key, "outside-scope", w.refusal(of: u, in: normalizer.register))
                    return nil
                }
                return u.id
            }
            if typed == nil, let u = normalizer.sheetUnit { return accept(u) }
            guard let typed else {
                report(.error, has("org") ? "org" : "street", "missing-field", .unitEmpty)
                return nil
            }
            guard normalizer.resolveOrgs else {
                set("org", OrgRegister.fold(typed))
                return 0
            }
            var result = rowScope.map { normalizer.orgs.resolve(typed, levels: nil, scope: $0, for: normalizer) }
                ?? normalizer.orgs.resolve(typed, for: normalizer)
            if case .failure(.unknown) = result,
               let former = normalizer.register.formerUnit(typed, on: rowDate(), within: rowScope ?? normalizer.scope) {
                result = former
            }
            switch result {
            case .success(let u):
                return accept(u)
            case .failure(.unknown(let suggestion)):
                report(.error, key, "unknown-org", .unknownOrg(name: Masking.scrub(typed), suggestion: suggestion), suggestion: suggestion)
            case .failure(.ambiguous(let names)):
                report(.error, key, "unknown-org", .importing(.ambiguousOrg(name: Masking.scrub(typed), paths: names)))
            case .failure(.ambiguousPlaces(let paths)):
                report(.error, key, "ambiguous-org", .importing(.ambiguousOrg(name: Masking.scrub(typed), paths: paths)))
            }
            return nil
        }

        /// The row's date, for a former unit name (payment, activity or term start; the sheet's date
        /// without such a column), read without reporting anything; nil when there is none.
        func rowDate() -> CivilDate? {
            let key: String
            switch normalizer.dataset {
            case .aid: key = "paid_on"
            case .activities: key = "held_on"
            case .members: key = "term_start"
            case .orgs: return nil
            }
            if let sd = normalizer.sheetDate, sd.key == key { return sd.date }
            let system = normalizer.dateSystem
            return ((try? CellParsing.dateValue(cell(key), system: system)) ?? nil)?.date
        }

        /// Reads the ID number; with a stated gender and birth date checked against it.
        /// With `derive` false (aid rows, which keep no gender or birth date) the ID's gender and birth
        /// date are only checked against stated ones, not returned.
        mutating func person(derive: Bool = true) -> (IDNumber?, Gender?, CivilDate?) {
            let id = parse("id_number", CellParsing.idNumber)
            var gender: Gender? = nil
            if let g = text("gender") {
                if let parsed = Gender(label: g) { gender = parsed }
                else { report(.warning, "gender", "bad-gender", .notAGender(written: g)) }
            }
            let stated = dateValue("birth")
            var birth = stated?.date
            if !derive && gender == nil && birth == nil { return (id, nil, nil) }
            if let id {
                if let g = gender, g != id.gender {
                    report(.warning, "gender", "gender-mismatch", .genderMismatch(stated: g.label, id: id.masked, fromID: id.gender.label))
                }
                // 出生年月 1990.03 agrees with an ID born 1990-03-07: compared at the precision written.
                if let s = stated, !RowNormalizer.agrees(s, with: id.birthDate) {
                    report(.warning, "birth", "birth-mismatch", .birthMismatch(stated: s.precision == .day ? s.date.iso : s.written))
                }
                gender = id.gender
                birth = id.birthDate
            } else if let w = stated?.warning {
                report(.warning, "birth", w.category, w.message)
            }
            if let gender, has("gender") { set("gender", gender.label) }
            if let birth, has("birth") { set("birth", birth.iso) }
            return (id, gender, birth)
        }

        mutating func date(_ key: String) -> CivilDate? {
            if let sd = normalizer.sheetDate, sd.key == key {
                if let d = sd.date { set(key, d.iso) }
                return sd.date
            }
            guard let value = dateValue(key) else { return nil }
            if let w = value.warning { report(.warning, key, w.category, w.message) }
            return value.date
        }

        /// A date field with the precision it was written in (no `partial-date` warning yet). A day without
        /// its year (3月12日) takes the year of the period the file states, when that is one year, and says so.
        mutating func dateValue(_ key: String) -> DateValue? {
            let system = normalizer.dateSystem
            if let stated = normalizer.statedPeriod, stated.period.start.year == stated.period.end.year,
               let md = CellParsing.monthDay(cell(key)), let d = CivilDate(year: stated.period.start.year, month: md.month, day: md.day) {
                report(.warning, key, "partial-date", .noYear(written: md.written, taken: d.iso, period: stated.words))
                set(key, d.iso)
                return DateValue(d)
            }
            return parse(key) { (c) throws(ValueProblem) in try CellParsing.dateValue(c, system: system) }
        }

        /// A count; an approximate one (约200) taken as its number with an `approximate-number` warning.
        mutating func count(_ key: String) -> Int64? {
            var approximate = false
            let v = parse(key) { (c) throws(ValueProblem) -> Int64? in
                let r = try CellParsing.countValue(c)
                approximate = r.approximate
                return r.value
            }
            if approximate, let v {
                report(.warning, key, "approximate-number", .approximateNumber(written: CellParsing.text(cell(key)) ?? "", taken: v))
            }
            return v
        }

        /// A date, or 是/否 (``CellParsing/flagDate(_:system:)``), a month or year alone warned. With a
        /// second column for the field (是否建立妇联 beside 妇联建立时间), a date in either says yes and when;
        /// else a 是 in either says yes.
        mutating func flagDate(_ key: String) -> FlagDate {
            var flags: [FlagDate] = []
            for k in [key, key + FieldSpec.companionSuffix] where k == key || has(k) {
                let system = normalizer.dateSystem
                guard let v = parse(k, { (c) throws(ValueProblem) in try CellParsing.flagDateValue(c, system: system) }) else { continue }
                if let d = v.date, let w = d.warning { report(.warning, k, w.category, w.message) }
                flags.append(v.flag)
            }
            let flag = flags.first { if case .date = $0 { true } else { false } }
                ?? (flags.contains(.yesUnknownDate) ? .yesUnknownDate : .none)
            set(key, RowNormalizer.render(flag))
            return flag
        }
    }

    func normalize(_ row: Row) -> ParsedRow {
        var ctx = Context(row: row, normalizer: self, fields: keepDetails ? FieldValues(keys: fieldKeys) : FieldValues(keys: []))
        let record: ImportRecord?
        switch dataset {
        case .orgs: record = org(&ctx).map(ImportRecord.org)
        case .members: record = member(&ctx).map(ImportRecord.member)
        case .aid: record = aid(&ctx).map(ImportRecord.aid)
        case .activities: record = activity(&ctx).map(ImportRecord.activity)
        }
        var values: [String] = []
        if keepDetails || ctx.failed {
            values = (0..<max(row.cells.count, width)).map { row[$0].displayText }
        }
        return ParsedRow(number: row.number, values: values, record: ctx.failed ? nil : record, diagnostics: ctx.diagnostics,
                         fields: ctx.fields)
    }

    private func org(_ ctx: inout Context) -> OrgRecord? {
        let name = ctx.required("name", ctx.text("name").map(OrgRegister.fold))
        var kind: OrgKind? = nil
        if let k = ctx.text("kind") {
            kind = OrgKind(label: k)
            // The type column is optional (the name's suffix gives the type): an unreadable one is not
            // a reason to lose the unit.
            if kind == nil, let name {
                kind = RowNormalizer.kind(fromName: name)
                ctx.report(.warning, "kind", "bad-kind", .notAUnitType(written: k, taken: kind!.label))
            }
        } else if let name {
            kind = RowNormalizer.kind(fromName: name)
        }
        let fed = ctx.flagDate("federation")
        let home = ctx.flagDate("womens_home")
        let covered = ctx.parse("work_covered", CellParsing.flag) ?? false
        let established = ctx.date("established")
        let dissolved = ctx.date("dissolved")
        let women = ctx.count("women")
        let renamed = ctx.has("renamed") ? ctx.date("renamed") : nil
        guard let name, let kind else { return nil }
        // A street's own row often names the street in the parent column too (城南街道 under 城南街道).
        let parent = (ctx.text("parent").map(OrgRegister.fold) ?? section).flatMap { $0 == name ? nil : $0 }
        return OrgRecord(name: name, parentName: parent, kind: kind,
                         code: ctx.text("code").map { OrgRegister.normalizedCode(CellParsing.withoutTextMark($0)) ?? TextNormalizer.compact($0) },
                         federation: fed, womensHome: home, workCovered: covered, established: established, dissolved: dissolved,
                         women: women, district: ctx.text("district").map(OrgRegister.fold),
                         formerName: ctx.text("former_name").map(OrgRegister.fold), renamedOn: renamed, columns: orgColumns)
    }

    /// The facts this sheet has columns for (a flag's date companion counts as its column), worked out once.
    private lazy var orgColumns: OrgColumns = {
        var c: OrgColumns = []
        for f in OrgColumns.facts where column(f.field) != nil || column(f.field + FieldSpec.companionSuffix) != nil { c.insert(f.bit) }
        return c
    }()

    /// A parsed value in the form the clean table shows. Generic rather than over `Any`, so a caller that
    /// knows its type gets the one case it needs without a dynamic cast (issue #17: a cast per field was
    /// a tenth of a cleanup run).
    @inline(__always)
    static func render<T>(_ v: T) -> String {
        switch v {
        case let d as CivilDate: return d.iso
        case let d as DateValue: return d.date.iso
        case let m as Money: return m.yuanString
        case let id as IDNumber: return id.value
        case let i as Int64: return String(i)
        case let b as Bool: return b ? "是" : "否"
        case let f as FlagDate:
            switch f {
            case .none: return "否"
            case .yesUnknownDate: return "是"
            case .date(let d): return d.iso
            }
        case let s as String: return s
        default: return "\(v)"
        }
    }

    /// Whether a date written to some precision agrees with a full date (same year, and month when written).
    static func agrees(_ v: DateValue, with d: CivilDate) -> Bool {
        switch v.precision {
        case .day: v.date == d
        case .month: v.date.year == d.year && v.date.month == d.month
        case .year: v.date.year == d.year
        case .quarter: v.date.year == d.year && (v.date.month - 1) / 3 == (d.month - 1) / 3
        case .tenDays: v.date.year == d.year && v.date.month == d.month && min((d.day - 1) / 10, 2) == (v.date.day - 1) / 10
        }
    }

    /// The kind a unit's name suggests when the register has no 类型 column.
    /// Names ending in 区 that are no district: a housing estate, a park, a scenic or campus area.
    static let nonDistrictAreas = ["小区", "园区", "景区", "校区", "厂区", "片区", "街区", "辖区", "住宅区"]

    static func kind(fromName name: String) -> OrgKind {
        switch OrgRegister.split(name).family {
        case "街道": .street
        case "镇", "乡": .town
        case "社区": .community
        case "村": .village
        // 和美家园小区, 工业园区, 景区 end in 区 and are no district.
        default: (name.hasSuffix("区") && !RowNormalizer.nonDistrictAreas.contains { name.hasSuffix($0) }) || name.hasSuffix("县")
            ? .district : .other
        }
    }

    private func member(_ ctx: inout Context) -> MemberRecord? {
        let name = ctx.required("name", ctx.text("name").map(TextNormalizer.compact))
        if let name { ctx.set("name", name) }
        let (id, gender, birth) = ctx.person()
        let orgId = ctx.org()
        var role: Role? = nil
        if let r = ctx.text("role") {
            role = Role(label: r)
            if role == nil, let highest = Role.highest(in: r) {
                role = highest
                ctx.report(.warning, "role", "several-roles", .severalRoles(written: r, taken: highest.rawValue))
            }
            if let role { ctx.set("role", role.rawValue) }
            if role == nil {
                ctx.report(.error, "role", "bad-role", .notARole(written: r))
            }
        } else {
            _ = ctx.required("role", role)
        }
        // A term written as a span in the 任职时间 cell (2021.3-2026.3, 2021年3月至今).
        var start: CivilDate? = nil
        var spanEnd: CivilDate? = nil
        if case .text(let t) = ctx.cell("term_start"), ((try? CellParsing.dateValue(text: TextNormalizer.compact(t))) ?? nil) == nil,
           let span = CellParsing.termSpan(t) {
            start = span.start.date
            ctx.set("term_start", span.start.date.iso)
            let endColumn = ctx.has("term_end") && ctx.cell("term_end") != .empty
            if !endColumn { spanEnd = span.end?.date }
            ctx.report(.warning, "term_start", "term-span", .termSpan(written: TextNormalizer.compact(t), start: span.start.date.iso,
                                                                         end: spanEnd?.iso))
        } else {
            start = ctx.date("term_start")
        }
        var end = ctx.date("term_end") ?? spanEnd
        if let e = spanEnd, end == e { ctx.set("term_end", e.iso) }
        if let s = start, let e = end, e < s {
            ctx.reject("term_end", ValueProblem("bad-date", .termEndsBeforeStart(end: e.iso, start: s.iso)))
            end = nil
        }
        let phone = ctx.parse("phone", CellParsing.phone)
        guard let name, let orgId, let role else { return nil }
        return MemberRecord(name: name, idNumber: id, gender: gender, birthDate: birth, ethnicity: ctx.text("ethnicity"),
                            education: ctx.text("education"), phone: phone, orgId: orgId, role: role,
                            termStart: start, termEnd: end, tags: ctx.text("tags"))
    }

    private func aid(_ ctx: inout Context) -> AidRecord? {
        let name = ctx.required("name", ctx.text("name").map(TextNormalizer.compact))
        if let name { ctx.set("name", name) }
        let (id, _, _) = ctx.person(derive: false)
        let orgId = ctx.org()
        let program = ctx.required("program", ctx.text("program").map(TextNormalizer.compact)
            ?? (binding("program") == nil ? sheetProgram : nil))
        if let program { ctx.set("program", program) }
        let paidOn = ctx.required("paid_on", ctx.date("paid_on"))
        let unit = binding("amount")?.unit ?? .yuan
        let amount = ctx.required("amount", ctx.parse("amount") { (c) throws(ValueProblem) in try CellParsing.money(c, unit: unit) })
        if let a = amount, a.fen < 0 { ctx.report(.error, "amount", "bad-amount", .negativeAmount(yuan: a.yuanString)) }
        if let a = amount, a.fen == 0 { ctx.report(.warning, "amount", "zero-amount", .zeroAmount) }
        let household = ctx.count("household")
        guard let name, let orgId, let program, let paidOn, let amount else { return nil }
        return AidRecord(name: name, idNumber: id, orgId: orgId, program: program, source: ctx.text("source"),
                         paidOn: paidOn, amount: amount, household: household, note: ctx.text("note").map(Masking.scrub))
    }

    private func activity(_ ctx: inout Context) -> ActivityRecord? {
        var kind: ActivityKind? = nil
        if let k = ctx.text("kind") {
            kind = ActivityKind(label: k)
            if let kind { ctx.set("kind", kind.label) }
            // 座谈会, 文艺演出, 义诊 …: an activity all the same, counted under 其他 (and said so).
            if kind == nil {
                ctx.report(.warning, "kind", "bad-kind", .notAnActivityType(written: k))
                kind = .other
                ctx.set("kind", ActivityKind.other.label)
            }
        } else if binding("kind") == nil, let stated = sheetKind {
            // No type column: the sheet's one kind, else the row's own name (春风行动专场招聘会), else 其他.
            if let k = stated.kind {
                kind = k
            } else if let t = ctx.text("title") {
                kind = ActivityKind(label: t)
                if kind == nil {
                    ctx.report(.warning, "title", "bad-kind", .noKindInName(name: t))
                    kind = .other
                }
            } else {
                // Neither a type column nor a name: the name is what is missing.
                _ = ctx.required("title", nil as String?)
            }
            if let kind { ctx.set("kind", kind.label) }
        } else {
            _ = ctx.required("kind", kind)
        }
        let orgId = ctx.org()
        let heldOn = ctx.required("held_on", ctx.date("held_on"))
        var counts: [String: Int64] = [:]
        for k in ["participants", "employers", "positions", "seekers", "placements", "trainees"] {
            if let v = ctx.count(k) { counts[k] = v }
        }
        let participants = counts["participants"], employers = counts["employers"], positions = counts["positions"]
        let seekers = counts["seekers"], placements = counts["placements"], trainees = counts["trainees"]
        if let p = placements, let s = seekers, p > s {
            ctx.report(.warning, "placements", "placements-exceed-seekers", .placementsExceedSeekers(placements: p, seekers: s))
        }
        guard let kind, let orgId, let heldOn else { return nil }
        return ActivityRecord(title: ctx.text("title"), kind: kind, orgId: orgId, heldOn: heldOn, participants: participants,
                              employers: employers, positions: positions, seekers: seekers, placements: placements,
                              trainees: trainees)
    }
}

/// Remembers how each unit name, exactly as typed, resolved against the register (folding and suffix
/// matching cost more than the rest of a row). One per file: the register does not change within it.
/// Names resolved in the file's own scope (nearly every row) are kept apart from those resolved in
/// another (a row's street), so the common lookup hashes the text alone.
final class OrgResolutionCache {
    @exclusivity(unchecked) private var resolved: [ExactText: Result<OrgRegister.Unit, OrgRegister.Failure>] = [:]
    private var elsewhere: [ScopedText: Result<OrgRegister.Unit, OrgRegister.Failure>] = [:]

    private struct ScopedText: Hashable {
        var text: ExactText
        var scope: Int64?
        var levels: Set<OrgKind>?
    }

    /// A name in the normalizer's own scope (``RowNormalizer/scope``). The register is read only on a
    /// miss: it is a large value, and passing it for every row would copy and retain it.
    func resolve(_ typed: String, for normalizer: RowNormalizer) -> Result<OrgRegister.Unit, OrgRegister.Failure> {
        let key = ExactText(typed)
        if let r = resolved[key] { return r }
        let r = normalizer.register.resolve(typed, within: normalizer.scope)
        if resolved.count < 100_000 { resolved[key] = r }
        return r
    }

    /// A name of `levels` in another scope.
    func resolve(_ typed: String, levels: Set<OrgKind>?, scope: Int64?,
                 for normalizer: RowNormalizer) -> Result<OrgRegister.Unit, OrgRegister.Failure> {
        let k = ScopedText(text: ExactText(typed), scope: scope, levels: levels)
        if let r = elsewhere[k] { return r }
        let r = normalizer.register.resolve(typed, levels: levels, within: scope)
        if elsewhere.count < 100_000 { elsewhere[k] = r }
        return r
    }
}
