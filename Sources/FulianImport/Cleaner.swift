import Foundation
import FulianCore
import FulianSheets

/// A one-off cleanup run: reads messy files with the import rules, without touching any store.
///
/// ```swift
/// let run = try Cleaner(dataset: .aid, registerPath: "登记表.xlsx").run(files: paths)
/// run.rows        // one per input data row, normalised, with source file/sheet/row
/// run.issues      // one per problem, with the original value and a suggested fix where one exists
/// run.duplicates  // groups of rows that are the same disbursement / the same person
/// run.variants    // clusters of spellings that look like one unit or program
/// ```
public struct Cleaner {
    /// The dataset every file holds.
    public var dataset: Dataset
    /// The org register to resolve unit names against (any readable file of the orgs dataset).
    public var registerPath: String?
    /// The org register, already read (`fulian clean --orgs` reads its files by the store's rules: units of
    /// one name under different parents stay apart, 所属区县 columns and codes count); used instead of
    /// ``registerPath``, whose reading keys units by name alone (enough for one district's register).
    public var register: OrgRegister?
    /// The unit the files come from (`clean --from`, resolved against the register): unit names several
    /// places share are looked for under it first.
    public var scope: Int64?
    /// Extra header mappings (`--map`).
    public var headerMap: [String: String]
    /// Reader options.
    public var read: ReadOptions
    /// Confirmed spellings (`--map` tables such as `[org]`), applied before values are normalised.
    public var valueMap: [String: [String: String]]
    /// Counts the rows read over all files, for a progress display; nil for none.
    public var progress: ProgressCounter?

    /// Creates a run.
    public init(dataset: Dataset, registerPath: String? = nil, headerMap: [String: String] = [:], read: ReadOptions = ReadOptions(),
                valueMap: [String: [String: String]] = [:]) {
        self.dataset = dataset
        self.registerPath = registerPath
        self.headerMap = headerMap
        self.read = read
        self.valueMap = valueMap
    }

    /// The fields of the clean table, in canonical order (the street column is folded into the unit).
    public var columns: [FieldSpec] { DatasetFields.fields(of: dataset).filter { $0.key != "street" } }

    /// Reads the register file into an ``OrgRegister`` (ids are positions in the file).
    public static func loadRegister(path: String, read: ReadOptions = ReadOptions()) throws -> OrgRegister {
        let importer = try SheetImporter(path: path, options: ImportOptions(dataset: .orgs, read: read))
        var records: [OrgRecord] = []
        _ = try importer.run(register: OrgRegister()) { row in
            if case .org(let o)? = row.record { records.append(o) }
        }
        var reg = OrgRegister()
        var ids: [String: Int64] = [:]
        for (i, o) in records.enumerated() where ids[o.name] == nil { ids[o.name] = Int64(i + 1) }
        var names = OrgRegister()
        for o in records { if let id = ids[o.name] { names.add(.init(id: id, name: o.name, kind: o.kind, parentId: nil)) } }
        for o in records {
            guard let id = ids[o.name] else { continue }
            let parent = o.parentName.flatMap { try? names.resolve($0).get().id }
            reg.add(.init(id: id, name: o.name, kind: o.kind, parentId: parent))
        }
        return reg
    }

    /// Reads every file and returns the clean table, issues, duplicate groups and variant clusters.
    public func run(files: [String]) throws -> CleanResult {
        var rows: [CleanRow] = []
        var result = try run(files: files) { rows.append($0) }
        result.rows = rows
        return result
    }

    /// Reads every file, handing each clean row to `onRow` as soon as it is known (file order, then
    /// row order) instead of keeping it: the result then has no ``CleanResult/rows``, only
    /// ``CleanResult/rowCount``, and memory does not hold the table. A row's status is final when it
    /// is handed over: a duplicate is always the later row.
    public func run(files: [String], onRow: (CleanRow) throws -> Void) throws -> CleanResult {
        try run(files: files, render: { _ in () }, onRow: { row, _ in try onRow(row) })
    }

    /// The first row of a record (by duplicate key) or of an ID number, kept small: a million rows make
    /// a million entries. Its place is rebuilt from the file's ordinal when a group forms.
    private struct FirstRow {
        /// The row's ordinal in the clean table (32 bits: a million-entry table is 8 MB smaller for it).
        var ordinal: Int32
        var file: Int32
        var row: Int32
        var group: Int32 = -1
        var name: String
        var index: Int { Int(ordinal) }

        init(index: Int, file: Int32, row: Int32, name: String) {
            ordinal = Int32(index)
            self.file = file
            self.row = row
            self.name = name
        }
    }

    /// An ID number as a dictionary key: a well-formed one (17 digits and a check character) packed into
    /// 64 bits, anything else as its exact text. Two keys are equal exactly when the texts are.
    private enum IDKey: Hashable {
        case packed(UInt64)
        case text(ExactText)

        init(_ id: String) {
            var v: UInt64 = 0
            var k = 0
            for b in id.utf8 {
                if k < 17, b >= 0x30, b <= 0x39 { v = v * 10 + UInt64(b - 0x30) }
                else if k == 17, b >= 0x30, b <= 0x39 { v = v * 11 + UInt64(b - 0x30) }
                else if k == 17, b == 0x58 { v = v * 11 + 10 }   // X
                else { self = .text(ExactText(id)); return }
                k += 1
            }
            self = k == 18 ? .packed(v) : .text(ExactText(id))
        }
    }

    /// A row made ready on the reading thread: everything but its duplicate status.
    private struct Prepared<Line> {
        var row: CleanRow
        var issues: [CleanIssue]
        var typed: (org: String?, program: String?)
        var id: String?
        var dupKey: DuplicateDigest?
        var line: Line
    }

    /// ``run(files:onRow:)`` with `render` turning each row into its output form on the reading thread,
    /// before its duplicate status is known (its status then is clean, warning or error); `onRow` gets
    /// the final row and what `render` made of it. An output of a million rows is then formatted on the
    /// thread that has time for it.
    public func run<Line>(files: [String], render: @escaping (CleanRow) -> Line, onRow: (CleanRow, Line) throws -> Void) throws -> CleanResult {
        let register = try self.register ?? registerPath.map { try Cleaner.loadRegister(path: $0, read: read) }
        var result = CleanResult(dataset: dataset, columns: columns)
        var places: [(file: String, sheet: String?)] = []
        func member(_ f: FirstRow) -> DuplicateGroup.Member {
            DuplicateGroup.Member(file: places[Int(f.file)].file, sheet: places[Int(f.file)].sheet, row: Int(f.row), name: f.name)
        }
        var firstRows: [DuplicateDigest: FirstRow] = [:]
        var namesByID: [IDKey: FirstRow] = [:]
        var conflictGroups: [IDKey: Int] = [:]
        var spellings: [String: [String: Int]] = ["org": [:], "program": [:]]
        for path in files {
            var options = ImportOptions(dataset: self.dataset, headerMap: headerMap, read: read, valueMap: valueMap)
            options.progress = progress
            options.scope = scope
            options.register = register
            let importer = try SheetImporter(path: path, options: options)
            // One place per data sheet: a row's place is its file and sheet.
            let fileOrdinal = Int32(places.count)
            let sheetNames = importer.dataSheets.indices.map { importer.diagnosticSheet($0) }
            for name in sheetNames { places.append((importer.fileName, name)) }
            // About a hundred bytes a row in text, fewer in a workbook: room made once, not by doubling.
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??.intValue ?? 0
            firstRows.reserveCapacity(firstRows.count + min(bytes / 80, 20_000_000))
            var summary = CleanFileSummary(file: importer.fileName, format: importer.reader.format,
                                           encoding: importer.reader.textEncoding,
                                           sheet: sheetNames.compactMap { $0 }.isEmpty ? nil : sheetNames.compactMap { $0 }.joined(separator: ", "),
                                           headerRows: importer.dataSheets.map(\.layout.headerRowsLabel).joined(separator: ", "))
            summary.skipped = importer.skippedSheets.map { .importing(.skippedSheet(name: $0.name, $0.message)) }
            summary.skippedSheetReasons = importer.skippedSheets
            // Where a row's unit and program are typed, for the spelling clusters.
            let orgColumns = ["org", "street"].compactMap { importer.layout.binding($0)?.column }
            let programColumns = ["program"].compactMap { importer.layout.binding($0)?.column }
            let fileName = importer.fileName, dataset = self.dataset
            let prepare = { (parsed: ParsedRow) -> Prepared<Line> in
                var row = CleanRow(file: fileName, sheet: sheetNames[parsed.sheetIndex], sheetIndex: parsed.sheetIndex, row: parsed.number, fields: parsed.fields,
                                   status: parsed.isRejected ? .error : .clean)
                var issues: [CleanIssue] = []
                for d in parsed.diagnostics {
                    issues.append(CleanIssue(d, original: d.column.map { parsed.values.indices.contains($0 - 1) ? parsed.values[$0 - 1] : "" } ?? "",
                                             suggestion: Cleaner.suggestion(for: d).map(Message.external)))
                    if d.severity == .warning && row.status == .clean { row.status = .warning }
                }
                return Prepared(row: row, issues: issues,
                                typed: (Cleaner.typed(parsed, columns: orgColumns), Cleaner.typed(parsed, columns: programColumns)),
                                id: parsed.fields["id_number"],
                                dupKey: parsed.isRejected ? nil : Cleaner.duplicateDigest(dataset, parsed.fields), line: render(row))
            }
            // Two chunks in waiting, not eight: the reading thread outruns this one, so the queue stays full,
            // and each waiting row holds its fields and its rendered line (1M-row aid CSV, peak RSS: 206 MB with
            // eight, 198 MB with four, 195 MB with two; the time the same within noise).
            let tally = try importer.runPipelined(register: register ?? OrgRegister(), resolveOrgs: register != nil, depth: 2,
                                                  prepare: prepare) { chunk in
              for prepared in chunk {
                var row = prepared.row
                result.issues += prepared.issues
                if let typed = prepared.typed.org { spellings["org"]![typed, default: 0] += 1 }
                if let typed = prepared.typed.program { spellings["program"]![typed, default: 0] += 1 }
                let index = result.rowCount
                let name = row.fields["name"]
                let this = FirstRow(index: index, file: fileOrdinal + Int32(row.sheetIndex), row: Int32(clamping: row.row), name: name ?? "")
                // Same ID number, different names: a conflict, never merged.
                if let id = prepared.id, id.utf8.count == 18 || (id.utf8.count > 18 && id.count == 18), let name {
                    let idKey = IDKey(id)
                    if let first = namesByID[idKey] {
                        if first.name != name {
                            if let g = conflictGroups[idKey] {
                                result.duplicates[g].rows.append(index)
                                result.duplicates[g].members.append(member(this))
                            } else {
                                conflictGroups[idKey] = result.duplicates.count
                                result.duplicates.append(DuplicateGroup(kind: .conflict, key: "\(Masking.idNumber(id)): \(first.name) / \(name)",
                                                                        rows: [first.index, index], members: [member(first), member(this)]))
                            }
                            result.issues.append(CleanIssue(Diagnostic(severity: .warning, file: importer.fileName, sheet: row.sheet,
                                row: row.row, category: "id-conflict",
                                message: .importing(.idConflict(id: Masking.idNumber(id), firstName: first.name, firstPlace: member(first).place, name: name))),
                                original: name, suggestion: nil))
                        }
                    } else {
                        namesByID[idKey] = this
                    }
                }
                if let dupKey = prepared.dupKey {
                    if let first = firstRows[dupKey] {
                        row.status = .duplicate
                        if first.group >= 0 {
                            result.duplicates[Int(first.group)].rows.append(index)
                            result.duplicates[Int(first.group)].members.append(member(this))
                        } else {
                            firstRows[dupKey]!.group = Int32(result.duplicates.count)
                            result.duplicates.append(DuplicateGroup(kind: dataset == .members ? .samePerson : .sameRecord,
                                                                    key: Masking.scrub(Cleaner.duplicateKey(dataset, row.fields) ?? ""),
                                                                    rows: [first.index, index],
                                                                    members: [member(first), member(this)]))
                        }
                        result.issues.append(CleanIssue(Diagnostic(severity: .warning, file: importer.fileName, sheet: row.sheet,
                            row: row.row, category: "duplicate",
                            message: .importing(.sameRecordAs(place: member(first).place, disbursement: dataset == .aid))),
                            original: "", suggestion: .importing(.deleteThisRow)))
                        summary.duplicates += 1
                    } else {
                        firstRows[dupKey] = this
                    }
                }
                summary.rowsRead += 1
                switch row.status {
                case .clean: summary.clean += 1
                case .error, .warning: summary.withIssues += 1
                case .duplicate: break
                }
                result.rowCount += 1
                try onRow(row, prepared.line)
              }
            }
            summary.footerRows = tally.footerRows
            summary.noteRows = tally.noteRows
            summary.blankRows = tally.blankRows
            summary.mergedCellsFilled = tally.mergedCellsFilled
            for d in importer.fileDiagnostics {
                result.issues.append(CleanIssue(d, original: "", suggestion: nil))
            }
            result.files.append(summary)
        }
        result.variants = VariantClustering.clusters(spellings["org"]!, field: "org", register: register)
            + VariantClustering.clusters(spellings["program"]!, field: "program")
        return result
    }

    /// The text a row typed for a unit or program, as written (for variant clustering): the first
    /// non-blank of the given columns.
    static func typed(_ parsed: ParsedRow, columns: [Int]) -> String? {
        for c in columns where parsed.values.indices.contains(c) {
            let t = parsed.values[c].trimmingWhitespace()
            if !t.isEmpty { return t }
        }
        return nil
    }

    /// What makes two rows the same record, as text (shown, masked, for a group of duplicates).
    static func duplicateKey(_ dataset: Dataset, _ f: FieldValues) -> String? {
        var bytes: [UInt8] = []
        guard writeDuplicateKey(dataset, f, into: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The digest of ``duplicateKey(_:_:)``'s text, made without the text (see ``DuplicateDigest``).
    static func duplicateDigest(_ dataset: Dataset, _ f: FieldValues) -> DuplicateDigest? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(96)
        guard writeDuplicateKey(dataset, f, into: &bytes) else { return nil }
        return DuplicateDigest(bytes)
    }

    /// Writes the UTF-8 of what makes two rows the same record (`id:… | program | date | amount` for aid);
    /// false when the row has none (a unit without a name).
    static func writeDuplicateKey(_ dataset: Dataset, _ f: FieldValues, into out: inout [UInt8]) -> Bool {
        func put(_ s: String?) { if let s { out.append(contentsOf: s.utf8) } }
        func separator() { out.append(contentsOf: [0x20, 0x7C, 0x20]) }   // " | "
        func person() {
            if let id = f["id_number"] { put("id:"); put(id) } else { put("name:"); put(f["name"]); put("@"); put(f["org"]) }
        }
        func fields(_ keys: [String]) {
            for key in keys {
                separator()
                put(f[key])
            }
        }
        switch dataset {
        case .aid: person(); fields(["program", "paid_on", "amount"])
        case .members: person(); fields(["org", "role", "term_start"])
        case .activities:
            put(f["title"])
            fields(["kind", "org", "held_on", "participants", "employers", "positions", "seekers", "placements", "trainees"])
        case .orgs:
            guard let name = f["name"] else { return false }
            put(name)
        }
        return true
    }

    /// A suggested fix: the closest register name for an unknown unit. A wrong check digit gets none:
    /// it means a typo somewhere, and the "corrected" number would be somebody else's.
    static func suggestion(for d: Diagnostic) -> String? {
        d.category == "unknown-org" ? d.suggestion : nil
    }
}

/// What makes a row a duplicate, as 128 bits: two keyed hashes (SipHash, seeded per process) of the
/// duplicate key's UTF-8, made on the reading thread. Keeping these instead of the ~60-byte texts keeps a
/// million-row run's memory small and its look-ups cheap; two different keys agree in all 128 bits with a
/// chance of about 10⁻²⁷ over a million rows.
struct DuplicateDigest: Hashable, Sendable {
    private let a: UInt64
    private let b: UInt64

    /// The digest of a key's bytes.
    init(_ bytes: [UInt8]) {
        var first = Hasher(), second = Hasher()
        second.combine(UInt8(0x9E))   // a different message: an independent hash
        bytes.withUnsafeBytes { raw in
            first.combine(bytes: raw)
            second.combine(bytes: raw)
        }
        a = UInt64(UInt(bitPattern: first.finalize()))
        b = UInt64(UInt(bitPattern: second.finalize()))
    }

    func hash(into hasher: inout Hasher) { hasher.combine(a) }
}

/// Everything a cleanup run found.
public struct CleanResult: Sendable {
    /// The dataset.
    public var dataset: Dataset
    /// The clean table's fields, in order.
    public var columns: [FieldSpec]
    /// One row per input data row, in file order then row order (empty when the rows were handed
    /// to a callback as they came: see ``Cleaner/run(files:onRow:)``).
    public var rows: [CleanRow] = []
    /// The number of rows of the clean table.
    public var rowCount = 0
    /// One entry per problem.
    public var issues: [CleanIssue] = []
    /// Groups of rows that are the same record, or the same ID with different names.
    public var duplicates: [DuplicateGroup] = []
    /// Clusters of spellings that look like one unit or program.
    public var variants: [VariantCluster] = []
    /// One summary per input file.
    public var files: [CleanFileSummary] = []

    /// Issues counted by category, sorted by category.
    public var issueCounts: [(category: String, count: Int)] {
        Dictionary(grouping: issues, by: \.category).map { ($0.key, $0.value.count) }.sorted { $0.category < $1.category }
    }
}

/// One row of the clean table.
public struct CleanRow: Sendable {
    /// How the row came out.
    public enum Status: String, Sendable {
        /// Every value read; nothing to fix.
        case clean
        /// Taken, with a warning.
        case warning
        /// A value could not be read: the row would be rejected on import.
        case error
        /// The same record as an earlier row.
        case duplicate

        /// The label shown in the workbook.
        public var label: String {
            switch self {
            case .clean: "正常"
            case .warning: "警告"
            case .error: "错误"
            case .duplicate: "重复"
            }
        }
    }

    /// Source file name.
    public var file: String
    /// Source sheet (nil for CSV).
    public var sheet: String?
    /// The source sheet's index among its file's data sheets.
    public var sheetIndex = 0
    /// Source row, as Excel shows it.
    public var row: Int
    /// Normalised values by field key.
    public var fields: FieldValues
    /// Status.
    public var status: Status

    /// Creates a row.
    public init(file: String, sheet: String?, sheetIndex: Int = 0, row: Int, fields: FieldValues, status: Status) {
        self.file = file
        self.sheet = sheet
        self.sheetIndex = sheetIndex
        self.row = row
        self.fields = fields
        self.status = status
    }

    /// `file 工作表“sheet”第 12 行` / `file:sheet row 12`.
    public var place: Message { .importing(.rowPlace(file: file, sheet: sheet, row: row)) }
}

/// One problem of a cleanup run.
public struct CleanIssue: Sendable {
    /// The diagnostic (file, sheet, row, column, category, message).
    public var diagnostic: Diagnostic
    /// The cell's original text (ID numbers and phones masked).
    public var original: String
    /// A suggested fix, where one exists: a register name as it is, or an instruction (`删除此行`).
    public var fix: Message?

    /// Creates an issue; the original value is masked.
    public init(_ diagnostic: Diagnostic, original: String, suggestion: Message?) {
        self.diagnostic = diagnostic
        self.original = Masking.scrub(original)
        self.fix = suggestion
    }

    /// The suggested fix in the current language.
    public var suggestion: String? { fix?.text() }

    /// The category.
    public var category: String { diagnostic.category }
}

/// Rows that are one record.
public struct DuplicateGroup: Sendable {
    /// What makes them one.
    public enum Kind: String, Sendable {
        /// The same disbursement / activity (every identifying field equal).
        case sameRecord = "same record"
        /// The same person in the same unit, role and term.
        case samePerson = "same person"
        /// The same ID number with different names: flagged, not merged.
        case conflict = "ID conflict"

        /// What a person reads for the kind (同一记录, 同一人, 身份证号冲突).
        public var label: Message {
            switch self {
            case .sameRecord: .importing(.sameRecordGroup)
            case .samePerson: .importing(.samePersonGroup)
            case .conflict: .importing(.idConflictGroup)
            }
        }
    }

    /// Kind.
    public var kind: Kind
    /// The shared key (personal data masked).
    public var key: String
    /// Indexes into ``CleanResult/rows`` (row ordinals of the clean table), first occurrence first.
    public var rows: [Int]
    /// Where each of those rows came from, in the same order.
    public var members: [Member]

    /// One row of a group, by its source.
    public struct Member: Sendable {
        /// Source file name.
        public var file: String
        /// Source sheet (nil for CSV).
        public var sheet: String?
        /// Source row, as Excel shows it.
        public var row: Int
        /// The name on the row.
        public var name: String

        /// `file 工作表“sheet”第 12 行` / `file:sheet row 12`.
        public var place: Message { .importing(.rowPlace(file: file, sheet: sheet, row: row)) }
    }
}

/// Per-file account of a cleanup run.
public struct CleanFileSummary: Sendable {
    /// File name.
    public var file: String
    /// Format.
    public var format: SheetFormat
    /// Encoding, for text.
    public var encoding: TextEncoding?
    /// Data sheet.
    public var sheet: String?
    /// Header rows.
    public var headerRows: String
    /// Data rows read.
    public var rowsRead = 0
    /// Rows with nothing to fix.
    public var clean = 0
    /// Rows with an error or warning.
    public var withIssues = 0
    /// Rows that repeat an earlier one.
    public var duplicates = 0
    /// 合计/小计 rows.
    public var footerRows: [Int] = []
    /// Note rows.
    public var noteRows: [Int] = []
    /// Blank rows.
    public var blankRows = 0
    /// Cells filled from merged ranges.
    public var mergedCellsFilled = 0
    /// Sheets not taken: each its name and why.
    public var skipped: [Message] = []
    /// Sheets not taken, with the reason (for the terminal's summary).
    public var skippedSheetReasons: [SkippedSheet] = []
    /// Sheets not taken, in the current language.
    public var skippedSheets: [String] { skipped.map { $0.text() } }
}
