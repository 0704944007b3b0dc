import Foundation
import Testing
@testable import FulianCore

/// Every case of every message enum has an example here, and every example is worded in both languages.
///
/// The declared cases are read from the catalogue's source files, so a case added without an example
/// fails `everyCaseHasAnExample`; an English sentence left in a Chinese wording fails `chineseIsChinese`.
@Suite struct CatalogueTests {
    /// One enum of the catalogue: its source file and its examples.
    struct Entry: Sendable, CustomStringConvertible {
        var file: String
        var examples: [any Localized]
        var description: String { file }
    }

    static let entries: [Entry] = [
        Entry(file: "CoreMessage.swift", examples: CoreMessage.examples),
        Entry(file: "SheetsMessage.swift", examples: SheetsMessage.examples),
        Entry(file: "ImportMessage.swift", examples: ImportMessage.examples),
        Entry(file: "StoreMessage.swift", examples: StoreMessage.examples),
        Entry(file: "ReportMessage.swift", examples: ReportMessage.examples),
        Entry(file: "ExcelMessage.swift", examples: ExcelMessage.examples),
        Entry(file: "CLIMessage.swift", examples: CLIMessage.examples),
        Entry(file: "Label.swift", examples: Label.examples),
    ]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/FulianCore/Messages")

    /// The case names an enum's source declares (`case name(` or `case name`), not the `case .name` of switches.
    static func declaredCases(_ file: String) throws -> Set<String> {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        var names = Set<String>()
        for line in text.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("case ") || t.hasPrefix("indirect case ") else { continue }
            let rest = t.drop(while: { $0 != " " }).dropFirst()
            let after = t.hasPrefix("indirect ") ? rest.drop(while: { $0 != " " }).dropFirst() : rest
            guard let first = after.first, first.isLetter else { continue }  // `case .name` / `case (` are switch arms
            // `case a, b(x: Int, y: Int), c`: the names at parenthesis depth 0.
            var depth = 0, expectingName = true, name = ""
            for ch in after {
                if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
                if depth == 0 && ch == "," { expectingName = true; continue }
                if expectingName {
                    if ch.isLetter || ch.isNumber || ch == "_" { name.append(ch); continue }
                    if !name.isEmpty { names.insert(name); name = "" }
                    if ch != " " { expectingName = false }
                }
            }
            if !name.isEmpty { names.insert(name) }
        }
        return names
    }

    /// The case name of a value (`unknownOrg` for `.unknownOrg(name:suggestion:)`); a case without a payload
    /// has no child to name it, and its `description` is its wording, so the runtime names it.
    static func caseName(_ v: Any) -> String {
        if let label = Mirror(reflecting: v).children.first?.label { return label }
        if let name = enumCaseName(v) { return String(cString: name) }
        return String(String(describing: v).prefix { $0.isLetter || $0.isNumber || $0 == "_" })
    }

    @Test(arguments: entries) func everyCaseHasAnExample(_ e: Entry) throws {
        let declared = try Self.declaredCases(e.file)
        #expect(!declared.isEmpty, "no case found in \(e.file)")
        let covered = Set(e.examples.map(Self.caseName))
        #expect(declared.subtracting(covered).sorted() == [], "cases of \(e.file) without an example")
        #expect(covered.subtracting(declared).sorted() == [], "examples naming no case of \(e.file)")
    }

    static func hasHan(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    /// Two English words in a row (`is not`), the mark of a sentence left untranslated.
    static func englishPhrase(_ s: String) -> String? {
        s.range(of: "[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}", options: .regularExpression).map { String(s[$0]) }
    }

    @Test(arguments: entries) func chineseIsChinese(_ e: Entry) {
        for m in e.examples {
            let zh = m.text(.zh)
            #expect(Self.hasHan(zh), "\(Self.caseName(m)) in \(e.file): no Chinese in \(zh)")
            #expect(Self.englishPhrase(zh) == nil, "\(Self.caseName(m)) in \(e.file): English left in \(zh)")
        }
    }

    @Test(arguments: entries) func englishIsEnglish(_ e: Entry) {
        for m in e.examples {
            let en = m.text(.en), zh = m.text(.zh)
            #expect(!en.isEmpty && en != zh, "\(Self.caseName(m)) in \(e.file): no English wording (\(en))")
            #expect(en.contains { $0.isASCII && $0.isLetter }, "\(Self.caseName(m)) in \(e.file): \(en)")
        }
    }

    @Test func aDiagnosticReadsInBothLanguages() {
        let d = Diagnostic(severity: .error, file: "aid.csv", row: 12, column: 3, field: "org", category: "unknown-org",
                           message: .importing(.inColumn(header: "所属社区", .importing(.unknownOrg(name: "金砂社区", suggestion: "金沙社区")))))
        #expect(d.text(.zh) == "aid.csv 第 12 行第 3 列：错误 [unknown-org] 所属社区：金砂社区不在组织名册中，是否为 金沙社区？请更正名称，或先把该单位加入组织名册并导入。")
        #expect(d.text(.en) == "aid.csv:R12C3: error [unknown-org] 所属社区: unit 金砂社区 is not in the org register; did you mean 金沙社区? "
            + "Correct the name, or add the unit to the register and import it first.")
        let s = Diagnostic(severity: .warning, file: "aid.xlsx", sheet: "发放名单", row: 8, category: "duplicate", message: .external("x"))
        #expect(s.location(.zh) == "aid.xlsx 工作表“发放名单” 第 8 行")
        #expect(s.location(.en) == "aid.xlsx:发放名单!R8")
    }

    @Test func progressLines() {
        let p = CoreMessage.progress(task: "aid.csv", done: 120_000, expected: 1_000_000, perSecond: 85_000, secondsLeft: 200)
        #expect(p.text(.zh) == "aid.csv：已处理 120,000 / 约 1,000,000 行，每秒 85,000 行，预计还需 3 分 20 秒")
        #expect(p.text(.en) == "aid.csv: 120,000 of about 1,000,000 rows, 85,000 rows/s, about 3 min 20 s left")
        let q = CoreMessage.progress(task: "aid.csv", done: 60_000, expected: nil, perSecond: 1_000_000, secondsLeft: nil)
        #expect(q.text(.zh) == "aid.csv：已处理 60,000 行，每秒 1,000,000 行")
        #expect(q.text(.en) == "aid.csv: 60,000 rows, 1,000,000 rows/s")
    }

    @Test func languageArguments() {
        #expect(Language(argument: "en") == .en)
        #expect(Language(argument: "en_US.UTF-8") == .en)
        #expect(Language(argument: "zh-CN") == .zh)
        #expect(Language(argument: "中文") == .zh)
        #expect(Language(argument: "fr") == nil)
    }
}

/// The Swift runtime's name for an enum value's case (what `print` shows for an enum without a description).
@_silgen_name("swift_EnumCaseName")
private func enumCaseName<T>(_ value: T) -> UnsafePointer<CChar>?
