import Foundation
import FulianCore
@testable import FulianSheets
import Testing
import TestSupport

/// Paths of the reader fixtures (`fixtures/sheets/`, `fixtures/hostile/`).
enum Fixture {
    /// A file under `fixtures/sheets/`.
    static func sheets(_ name: String) -> String { FixturePaths.fixture("sheets/\(name)").path }
    static func xls(_ name: String) -> String { FixturePaths.fixture("xls/\(name)").path }
    /// A file under `fixtures/hostile/`.
    static func hostile(_ name: String) -> String { FixturePaths.fixture("hostile/\(name)").path }
    /// The bytes of a file under `fixtures/`.
    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: FixturePaths.fixture(relative)))
    }
}

/// Runs `body` and checks that it throws a ``SheetError`` of `kind` for the file `file` whose message holds
/// `phrase`; returns the error for further checks.
@discardableResult
func expectSheetError(_ kind: SheetError.Kind, file: String, _ phrase: String,
                      sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> SheetError? {
    do {
        try body()
        Issue.record("expected a SheetError .\(kind) naming \(file), but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let e as SheetError {
        #expect(e.kind == kind, "\(e)", sourceLocation: sourceLocation)
        #expect(e.file == file, "\(e)", sourceLocation: sourceLocation)
        #expect(e.text(.en).hasPrefix(file), "\(e)", sourceLocation: sourceLocation)
        #expect(e.message.text(.en).contains(phrase), "\(e.message.text(.en))", sourceLocation: sourceLocation)
        return e
    } catch {
        Issue.record("expected a SheetError .\(kind), got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Opens a file and reads every row of one sheet (the first when `sheet` is nil).
func readRows(_ path: String, sheet: String? = nil, options: ReadOptions = ReadOptions()) throws -> [Row] {
    let reader = try openSpreadsheet(at: path, options: options)
    let info = try sheet.map { try reader.sheet(named: $0) } ?? reader.sheets[0]
    return try reader.rows(in: info)
}

/// Shorthands for expected cells.
func t(_ s: String) -> Cell { .text(s) }
func n(_ d: Double) -> Cell { .number(d) }
func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }
func date(_ y: Int, _ m: Int, _ d: Int) -> Cell { .date(day(y, m, d)) }
func dateTime(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, _ s: Int = 0) -> Cell {
    .dateTime(CivilDateTime(date: day(y, m, d), secondsOfDay: h * 3600 + min * 60 + s))
}

extension Row {
    /// The cells without trailing empty ones (formats differ in whether they store those).
    var trimmed: [Cell] {
        var c = cells
        while let last = c.last, case .empty = last { c.removeLast() }
        return c
    }
}

extension Array where Element == Row {
    /// The row with physical number `number`, or nil.
    func row(_ number: Int) -> Row? { first { $0.number == number } }
}
