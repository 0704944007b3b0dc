import Foundation
import FulianCore
import FulianSheets

/// What the importer was asked to do with a file.
public struct ImportOptions: Sendable {
    /// The dataset the file holds.
    public var dataset: Dataset
    /// The sheet to take (otherwise the one whose header matches the dataset).
    public var sheet: String?
    /// Extra header → field mappings (`--map`).
    public var headerMap: [String: String]
    /// Reader options (encoding, delimiter, limits).
    public var read: ReadOptions
    /// Confirmed spellings (`--map` sections such as `[org]`): field key → value as typed → value to use,
    /// applied before a value is normalised or resolved (e.g. `org`: `石马和` → `石马河街道`).
    public var valueMap: [String: [String: String]]

    /// Creates options.
    public init(dataset: Dataset, sheet: String? = nil, headerMap: [String: String] = [:], read: ReadOptions = ReadOptions(),
                valueMap: [String: [String: String]] = [:]) {
        self.dataset = dataset
        self.sheet = sheet
        self.headerMap = headerMap
        self.read = read
        self.valueMap = valueMap
    }
}

/// How the rows of a sheet were classified, for summaries.
public struct SheetTally: Sendable, Hashable {
    /// Data rows (loaded or rejected).
    public var dataRows = 0
    /// Blank rows skipped.
    public var blankRows = 0
    /// 合计/小计/总计 rows (1-based numbers).
    public var footerRows: [Int] = []
    /// 填表人/审核人/联系电话 … note rows.
    public var noteRows: [Int] = []
    /// Cells filled from a merged range.
    public var mergedCellsFilled = 0

    /// An empty tally.
    public init() {}
}

/// Reads one file as a dataset: finds the data sheet and its header, fills merged cells, skips
/// blank, footer and note rows, and turns every data row into a record or a rejection.
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
    /// The detected layout.
    public let layout: SheetLayout
    /// Options.
    public let options: ImportOptions
    /// Sheets not taken, with the reason.
    public private(set) var skippedSheets: [(name: String, reason: String)] = []
    /// File-level warnings: unknown columns, footer mismatches, reader warnings.
    public private(set) var fileDiagnostics: [Diagnostic] = []

    /// Opens a file and detects its layout; throws ``ImportError`` when no sheet carries the dataset.
    public init(path: String, options: ImportOptions) throws {
        self.options = options
        fileName = (path as NSString).lastPathComponent
        do {
            reader = try openSpreadsheet(at: path, options: options.read)
        } catch let e as SheetError {
            throw ImportError(e)
        }
        let detector = LayoutDetector(dataset: options.dataset, headerMap: options.headerMap)
        let sheetName: (SheetInfo) -> String? = { [reader] s in reader.format == .csv ? nil : s.name }
        var candidates: [(SheetInfo, LayoutDetector.Candidate)] = []
        var sheets = reader.sheets
        if let wanted = options.sheet {
            do { sheets = [try reader.sheet(named: wanted)] } catch let e as SheetError { throw ImportError(e) }
        }
        var failures: [String: String] = [:]
        for sheet in sheets {
            do {
                var rows = try reader.rows(in: sheet, limit: detector.searchRows + 2)
                let merges = try reader.mergedRanges(in: sheet).filter { $0.firstRow <= detector.searchRows + 2 }
                var filler = MergeFiller(merges)
                for i in rows.indices { filler.fill(&rows[i]) }
                if let c = detector.detect(rows: rows) { candidates.append((sheet, c)) }
                else { failures[sheet.name] = "no header row for \(options.dataset.rawValue) found" }
            } catch let e as SheetError {
                throw ImportError(e)
            }
        }
        let complete = candidates.filter { $0.1.requiredMissing.isEmpty }
        let pool = complete.isEmpty ? candidates : complete
        guard let chosen = pool.max(by: { a, b in
            (a.0.visibility == .visible ? 1 : 0, a.1.score, -a.0.index) < (b.0.visibility == .visible ? 1 : 0, b.1.score, -b.0.index)
        }) else {
            let what = options.dataset.rawValue
            let expected = DatasetFields.fields(of: options.dataset).filter(\.required)
                .map { "\($0.key) (\($0.synonyms.prefix(3).joined(separator: "/")))" }.joined(separator: ", ")
            throw ImportError(file: fileName, sheet: sheets.count == 1 ? sheetName(sheets[0]) : nil,
                              "no sheet has a header row for \(what): expected columns such as \(expected). "
                              + "Use --map to name columns with other headers, or --sheet to choose the sheet.")
        }
        guard chosen.1.requiredMissing.isEmpty else {
            let missing = chosen.1.requiredMissing.map { f in
                "\(f.synonyms.first ?? f.key) (one of: \(f.synonyms.joined(separator: ", ")), or \(f.key))"
            }.joined(separator: "; ")
            throw ImportError(file: fileName, sheet: sheetName(chosen.0),
                              "required column missing: \(missing). Use --map FILE to name the column that holds it.")
        }
        layout = detector.layout(sheet: chosen.0, candidate: chosen.1)
        for s in reader.sheets where s != chosen.0 {
            skippedSheets.append((s.name, failures[s.name] ?? "not the data sheet (the header of \(chosen.0.name) matches better)"))
        }
        for u in layout.unknownColumns {
            fileDiagnostics.append(Diagnostic(severity: .warning, file: fileName, sheet: sheetName(layout.sheet),
                row: layout.headerRows.upperBound, column: u.column + 1, category: "unknown-column",
                message: "column \(u.header) is not a field of \(options.dataset.rawValue); it is not stored"))
        }
        for d in layout.duplicateColumns {
            fileDiagnostics.append(Diagnostic(severity: .warning, file: fileName, sheet: sheetName(layout.sheet),
                row: layout.headerRows.upperBound, column: d.column + 1, category: "unknown-column",
                message: "column \(d.header) also means \(d.field), which an earlier column already gives; it is not stored"))
        }
    }

    /// The sheet name as diagnostics show it (nil for CSV).
    public var diagnosticSheet: String? { reader.format == .csv ? nil : layout.sheet.name }

    /// Streams every data row through `body`, returning how rows were classified.
    ///
    /// Rejected rows come with error diagnostics; warnings ride along with loaded rows. Footer
    /// mismatches are appended to ``fileDiagnostics``.
    /// With `resolveOrgs` false (cleanup runs without a register) unit names are normalised, not resolved.
    /// With `keepDetails` false, accepted rows come without ``ParsedRow/fields`` and ``ParsedRow/values``
    /// (an import stores the record and needs neither).
    public func run(register: OrgRegister, resolveOrgs: Bool = true, keepDetails: Bool = true,
                    _ body: (ParsedRow) throws -> Void) throws -> SheetTally {
        var tally = SheetTally()
        let normalizer = RowNormalizer(dataset: options.dataset, layout: layout, register: register,
                                       file: fileName, sheet: diagnosticSheet, dateSystem: reader.dateSystem)
        normalizer.resolveOrgs = resolveOrgs
        normalizer.keepDetails = keepDetails
        normalizer.valueMap = options.valueMap
        var filler = MergeFiller(try wrap { try reader.mergedRanges(in: layout.sheet) }.filter { $0.lastRow > layout.headerRows.upperBound })
        let summed = layout.bindings.filter(\.field.summed)
        var footerChecks: [(row: Int, values: [(ColumnBinding, Int64)])] = []
        let headerEnd = layout.headerRows.upperBound
        try wrap {
            try reader.forEachRow(in: layout.sheet) { raw in
                guard raw.number > headerEnd else { return true }
                var row = raw
                if !filler.isEmpty {
                    let before = row.cells.filter { !$0.isBlank }.count
                    filler.fill(&row)
                    tally.mergedCellsFilled += row.cells.filter { !$0.isBlank }.count - before
                }
                if row.isBlank { tally.blankRows += 1; return true }
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
                tally.dataRows += 1
                try body(normalizer.normalize(row))
                return true
            }
        }
        for check in footerChecks {
            for (b, stated) in check.values {
                let actual = normalizer.sum(of: b.field.key)
                if stated != actual {
                    let show = { (v: Int64) in b.field.kind == .money ? Money(fen: v).yuanString : String(v) }
                    fileDiagnostics.append(Diagnostic(severity: .warning, file: fileName, sheet: diagnosticSheet,
                        row: check.row, column: b.column + 1, field: b.field.key, category: "footer-mismatch",
                        message: "the 合计 row says \(show(stated)) for \(b.header), but the data rows add up to \(show(actual))"))
                }
            }
        }
        fileDiagnostics.append(contentsOf: reader.warnings)
        return tally
    }

    /// ``run(register:resolveOrgs:keepDetails:_:)`` on a second thread: rows are read and normalized
    /// there, `chunkSize` at a time, while `body` takes each chunk on the calling thread (an import
    /// writes the store while the next rows are parsed). At most `depth` chunks wait between the two,
    /// so memory does not grow with the file; an error on either side stops both and is rethrown here.
    public func runPipelined(register: OrgRegister, resolveOrgs: Bool = true, keepDetails: Bool = true,
                             chunkSize: Int = 4096, depth: Int = 8, _ body: ([ParsedRow]) throws -> Void) throws -> SheetTally {
        try runPipelined(register: register, resolveOrgs: resolveOrgs, keepDetails: keepDetails, chunkSize: chunkSize, depth: depth,
                         prepare: { $0 }, body)
    }

    /// The same, with `prepare` turning each row into what `body` needs on the reading thread too
    /// (work taken off the calling thread when that is the busier one).
    public func runPipelined<Prepared>(register: OrgRegister, resolveOrgs: Bool = true, keepDetails: Bool = true,
                                       chunkSize: Int = 4096, depth: Int = 8, prepare: @escaping (ParsedRow) -> Prepared,
                                       _ body: ([Prepared]) throws -> Void) throws -> SheetTally {
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
    static let noteWords = ["填表人", "审核人", "联系电话", "联系人", "制表", "填报", "填表", "负责人", "统计人", "审核", "注：", "注:", "说明：", "说明:", "备注：", "备注:", "单位负责人", "报送"]

    /// The words' UTF-8, for byte-wise prefix tests (these run on every row).
    static let totalBytes = totalWords.map { Array($0.utf8) }
    static let subtotalBytes = subtotalWords.map { Array($0.utf8) }
    static let noteBytes = noteWords.map { Array($0.utf8) }

    /// The first character (its three UTF-8 bytes) of every word above: a text starting otherwise
    /// (a name, a number, nearly every data cell) is no footer and no note, known at once.
    static let leadCharacters = Array(Set((totalWords + subtotalWords + noteWords).map { lead(Array($0.utf8)) }))

    static func lead(_ b: some Collection<UInt8>) -> UInt32 { b.prefix(3).reduce(0) { $0 << 8 | UInt32($1) } }

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
            if nonBlank >= 3 && texts == 0 { break }
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
    var tally = SheetTally()

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

/// A bounded queue of row chunks between one reading and one writing thread.
final class ChunkChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[Element]] = []
    private var closed = false
    private var failure: (any Error)?
    private var stopped = false
    private let depth: Int

    init(depth: Int) { self.depth = max(1, depth) }

    /// Queues a chunk, waiting while the queue is full; false once the taker has stopped.
    func put(_ chunk: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= depth && !stopped { condition.wait() }
        if stopped { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// Ends the stream, with the reading side's error if it failed.
    func close(_ error: (any Error)?) {
        condition.lock()
        closed = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk; nil at the end; throws the reading side's error.
    func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !closed { condition.wait() }
        if closed, let failure { throw failure }
        guard !chunks.isEmpty else { return nil }
        condition.broadcast()
        return chunks.removeFirst()
    }

    /// The taker gives up: the reading side stops at its next chunk.
    func stop() {
        condition.lock()
        stopped = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the reading side has finished.
    func waitClosed() {
        condition.lock()
        while !closed { condition.wait() }
        condition.unlock()
    }
}
