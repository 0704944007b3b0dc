import ArgumentParser
import Foundation
import FulianCore
import FulianStore

/// The `fulian` command: spreadsheets from women's federation offices, imported, analysed and exported.
///
/// Every text a person reads comes from the catalogue in `Language.current`, which ``main()`` sets from
/// `--lang` or `FULIAN_LANG` before anything is parsed, so `--help` and usage errors are in that language too.
@main
struct Fulian: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "fulian",
            abstract: HelpText.abstract(.fulian),
            discussion: HelpText.discussion(.fulian),
            version: CLIMessage.version(FulianVersion.current).text(),
            subcommands: [DemoCommand.self, PeekCommand.self, ImportCommand.self, StatusCommand.self, ReportCommand.self,
                          SQLCommand.self, CleanCommand.self])
    }

    @OptionGroup var language: LanguageOptions

    /// Sets the language from the command line (or `FULIAN_LANG`), then parses and runs the command; errors and
    /// help from swift-argument-parser are printed with its own words translated.
    static func main() {
        if let language = LanguageOptions.scan(Array(CommandLine.arguments.dropFirst())) { Language.current = language }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let text = ParserText.localized(fullMessage(for: error))
            if code == .success {
                if !text.isEmpty { print(text) }
            } else if !text.isEmpty {
                printError(text)
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// `--lang zh|en`, accepted by every command.
struct LanguageOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(HelpText.option(.lang, reserve: 18), valueName: "zh|en"))
    var lang: Language?

    /// The language the arguments name (`--lang en`, `--lang=en`), the last one winning; arguments after `--` are not options.
    static func scan(_ arguments: [String]) -> Language? {
        var found: Language? = nil
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "--lang", i + 1 < arguments.count {
                found = Language(argument: arguments[i + 1]) ?? found
                i += 2
                continue
            }
            if a.hasPrefix("--lang=") { found = Language(argument: String(a.dropFirst(7))) ?? found }
            i += 1
        }
        return found
    }
}

extension Language: ExpressibleByArgument {
    public static var allValueStrings: [String] { ["zh", "en"] }
}

/// swift-argument-parser's own words (headings, `Error:`, `Usage:`, the help flag) in the current language.
enum ParserText {
    /// The parser's output with its English headings and phrases in the current language.
    static func localized(_ text: String, _ language: Language = .current) -> String {
        guard language != .en, !text.isEmpty else { return text }
        var lines = text.components(separatedBy: "\n")
        for i in lines.indices {
            var line = lines[i]
            for heading in ["OVERVIEW:", "USAGE:", "ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:", "Error:", "Usage:", "Help:"] where line.hasPrefix(heading) {
                var rest = String(line.dropFirst(heading.count).drop { $0 == " " })
                if heading == "Error:" { rest = errorSentence(rest) ?? rest }
                line = CLIMessage.parserText(heading).text(language) + rest
                break
            }
            for phrase in ["Show help information.", "Show the version."] where line.hasSuffix(phrase) {
                line = String(line.dropLast(phrase.count)) + CLIMessage.parserText(phrase).text(language)
            }
            for pattern in ["See '%@' for more information.", "See '%@' for detailed help."] {
                let parts = pattern.components(separatedBy: "%@")
                let trimmed = line.drop { $0 == " " }
                if trimmed.hasPrefix(parts[0]) && trimmed.hasSuffix(parts[1]) && trimmed.count > parts[0].count + parts[1].count {
                    let inner = trimmed.dropFirst(parts[0].count).dropLast(parts[1].count)
                    let indent = String(line.prefix { $0 == " " })
                    line = indent + CLIMessage.parserText(pattern).text(language).replacingOccurrences(of: "%@", with: String(inner))
                }
            }
            line = line.replacingOccurrences(of: "(default: ", with: "(" + CLIMessage.parserText("default:").text(language))
            line = line.replacingOccurrences(of: "(values: ", with: "(" + CLIMessage.parserText("values:").text(language))
            line = line.replacingOccurrences(of: "; default: ", with: "；" + CLIMessage.parserText("default:").text(language))
            lines[i] = line
        }
        return lines.joined(separator: "\n")
    }

    /// One of the parser's error sentences in Chinese (``CLIMessage/parserErrors``), nil for any other text.
    static func errorSentence(_ english: String) -> String? {
        for (template, chinese) in CLIMessage.parserErrors {
            if let values = fill(template, english) {
                var out = chinese
                for (i, v) in values.enumerated() {
                    // A list of values ('table', 'json' or 'csv') joined the Chinese way.
                    let joined = CLIMessage.parserListJoins.reduce(v) { $0.replacingOccurrences(of: $1.english, with: $1.chinese) }
                    out = out.replacingOccurrences(of: "%\(i + 1)", with: joined)
                }
                return out
            }
        }
        return nil
    }

    /// The values a text puts in a template's `%1` … `%3` (each the shortest run that lets the rest match),
    /// nil when the text is not of that form.
    static func fill(_ template: String, _ text: String) -> [String]? {
        var literals: [Substring] = []
        var rest = template[...]
        while let r = rest.range(of: "%", options: []), rest[r.upperBound...].first?.isNumber == true {
            literals.append(rest[..<r.lowerBound])
            rest = rest[rest.index(after: r.upperBound)...]
        }
        literals.append(rest)
        var values: [String] = []
        var t = text[...]
        guard t.hasPrefix(literals[0]) else { return nil }
        t = t.dropFirst(literals[0].count)
        for (i, literal) in literals.enumerated().dropFirst() {
            let last = i == literals.count - 1
            if last {
                guard t.hasSuffix(literal), t.count > literal.count else { return nil }
                values.append(String(t.dropLast(literal.count)))
                return values
            }
            guard let r = t.range(of: literal), r.lowerBound > t.startIndex else { return nil }
            values.append(String(t[..<r.lowerBound]))
            t = t[r.upperBound...]
        }
        return t.isEmpty ? values : nil
    }
}

/// Where the store lives: `--db`, else `FULIAN_DB`, else `fulian.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(HelpText.option(.db), valueName: "path"))
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["FULIAN_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "fulian.sqlite" }

    /// Opens the store; on a terminal, a command that waits for another one's import says so (once, after a second).
    func open(readOnly: Bool = false) throws -> Store {
        if isatty(2) == 1 {
            Store.onWait = { path in printError(StoreMessage.waitingForLock(path: path).text()) }
        }
        return try Store(path: path, readOnly: readOnly)
    }
}

/// Prints to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Reports a failure on stderr (`错误：…` / `error: …`) and exits 1.
func fail(_ message: Message) -> ExitCode {
    printError(CLIMessage.error(message).text())
    return ExitCode.failure
}

/// Reports a failure from another layer (its description is in the current language) and exits 1.
func fail(_ error: any Error) -> ExitCode {
    fail(.external("\(error)"))
}

/// Reports a CLI failure and exits 1.
func fail(_ message: CLIMessage) -> ExitCode {
    fail(.cli(message))
}

/// Output files: their folder must exist before any work starts.
enum OutputPath {
    /// Fails with one clear error naming the folder when the folder of `path` does not exist.
    static func checkFolder(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw fail(.noSuchFolder(folder: folder, file: path))
        }
    }
}
