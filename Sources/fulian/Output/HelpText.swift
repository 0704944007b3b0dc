import Foundation
import FulianCore

/// `--help` texts from the catalogue, wrapped to the terminal by display width before swift-argument-parser sees them.
///
/// swift-argument-parser wraps help by counting characters and breaks lines only at spaces: a Chinese sentence
/// (two columns a character, no spaces) ran past the terminal, and hand-wrapped lines longer than the terminal
/// were broken again, leaving a word or two alone at column 0 mid-sentence (`report --help`). Here every line
/// is already shorter than the terminal when the parser gets it, so the parser keeps the line breaks as they are.
enum HelpText {
    /// The terminal width as swift-argument-parser reads it: `COLUMNS`, else the terminal of standard output, else 80.
    /// Read once: swift-argument-parser asks for every command's help texts a hundred times or so while it
    /// parses any command line, and the environment is copied into a dictionary on each read.
    static let screenWidth: Int = {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        var w = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 { return Int(w.ws_col) }
        return 80
    }()

    /// The column where swift-argument-parser starts an option's help.
    static let optionColumn = 26

    /// The widest help line: one column less than the terminal (the parser needs a line and its line break to fit
    /// in its width to keep the break), and no wider than 100 columns (long lines are hard to read).
    static var width: Int { max(40, min(screenWidth - 1, 100)) }

    /// A command's discussion, wrapped to the terminal.
    static func discussion(_ c: CLICommandName) -> String {
        wrap(CLIMessage.discussion(c).text(), width: width)
    }

    /// A command's abstract (kept on one line: it is short).
    static func abstract(_ c: CLICommandName) -> String { CLIMessage.abstract(c).text() }

    /// An option's help, wrapped to the space right of the option column. `reserve` columns are left free on the
    /// last line for the ` (default: …)` swift-argument-parser appends.
    static func option(_ o: CLIOption, reserve: Int = 0) -> String { option(CLIMessage.optionHelp(o).text(), reserve: reserve) }

    /// Any option help text, wrapped like ``option(_:reserve:)``.
    static func option(_ text: String, reserve: Int = 0) -> String {
        wrap(text, width: max(20, min(screenWidth - 1, 100) - optionColumn), lastLineReserve: reserve)
    }

    /// Wraps text by display width: each line is a paragraph, except lines that start with spaces, which
    /// stay lines of their own and continue under their text (`  aid         救助发放…` continues under `救助`).
    /// English breaks at spaces; Chinese between any two characters, never before closing punctuation
    /// (，。；：）” …) or after opening punctuation (（“ …).
    static func wrap(_ text: String, width: Int, lastLineReserve: Int = 0) -> String {
        let key = WrapKey(text: text, width: width, reserve: lastLineReserve)
        if let done = wrapped[key] { return done }
        let result = wrapUncached(text, width: width, lastLineReserve: lastLineReserve)
        wrapped[key] = result
        return result
    }

    /// What ``wrap(_:width:lastLineReserve:)`` has made so far. Every command's configuration and options are
    /// built again each time swift-argument-parser looks at a command (over a hundred times for one command
    /// line), and wrapping them all each time took ~0.1 s of every run (callgrind: 260 M of 2,313 M
    /// instructions of a `report aid`). Parsing runs on the main thread only.
    nonisolated(unsafe) private static var wrapped: [WrapKey: String] = [:]

    private struct WrapKey: Hashable {
        var text: String
        var width: Int
        var reserve: Int
    }

    private static func wrapUncached(_ text: String, width: Int, lastLineReserve: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            let reserve = i == lines.count - 1 ? lastLineReserve : 0
            out += wrapLine(String(line), width: width, lastLineReserve: reserve)
        }
        return out.joined(separator: "\n")
    }

    /// The hanging indent of a line: its leading spaces, or for `  term    text` the column of `text`.
    static func hangingIndent(_ line: String) -> Int {
        let lead = line.prefix { $0 == " " }.count
        guard lead > 0 else { return 0 }
        let rest = line.dropFirst(lead)
        guard let gap = rest.range(of: "  ") else { return lead }
        let term = rest[rest.startIndex..<gap.lowerBound]
        guard !term.contains(" ") else { return lead }
        let after = rest[gap.lowerBound...].prefix { $0 == " " }.count
        return lead + TextNormalizer.displayWidth(String(term)) + after
    }

    private static let closing: Set<Character> = Set("，。、；：？！）》」』】”’…,.;:?!)]}%")
    private static let opening: Set<Character> = Set("（《「『【“‘([{")

    /// Whether a character is wide (CJK and full-width punctuation): a line may break on either side of it.
    static func isWide(_ c: Character) -> Bool { TextNormalizer.displayWidth(String(c)) >= 2 }

    /// The units a line breaks between: runs of narrow characters (words), single wide characters, and spaces;
    /// closing punctuation sticks to what precedes it, opening punctuation to what follows.
    static func units(_ s: String) -> [String] {
        var units: [String] = []
        var word = ""
        func flush() { if !word.isEmpty { units.append(word); word = "" } }
        for c in s {
            if c == " " {
                flush()
                units.append(" ")
            } else if isWide(c) {
                flush()
                units.append(String(c))
            } else {
                word.append(c)
            }
        }
        flush()
        // Glue punctuation: closing to the unit before, opening to the unit after.
        var glued: [String] = []
        var pendingOpen = ""
        for u in units {
            if let f = u.first, u.count == 1, opening.contains(f) { pendingOpen += u; continue }
            let unit = pendingOpen + u
            pendingOpen = ""
            if let f = unit.first, closing.contains(f), let last = glued.last, last != " " {
                glued[glued.count - 1] = last + unit
            } else {
                glued.append(unit)
            }
        }
        if !pendingOpen.isEmpty { glued.append(pendingOpen) }
        return glued
    }

    private static func wrapLine(_ line: String, width: Int, lastLineReserve: Int) -> [String] {
        var lines = TextNormalizer.displayWidth(line) <= width ? [line] : greedy(line, width: width)
        // What the parser appends (` (default: …)`) goes on a line of its own when the last line has no room for it.
        if lastLineReserve > 0, let last = lines.last, TextNormalizer.displayWidth(last) + lastLineReserve > width {
            lines.append("")
        }
        return lines
    }

    /// Fills lines greedily: a unit goes on the current line when it fits, else starts the next one.
    private static func greedy(_ line: String, width: Int) -> [String] {
        let indent = hangingIndent(line)
        // The lead of the first line is kept as written: its spaces, and a list item's term and the gap after it.
        var lead = 0, width_ = 0
        for c in line {
            if width_ >= indent { break }
            width_ += TextNormalizer.displayWidth(String(c))
            lead += 1
        }
        if width_ != indent || line.prefix(lead).last != " " { lead = line.prefix { $0 == " " }.count; width_ = lead }
        var lines: [String] = []
        var current = String(line.prefix(lead))
        var currentWidth = width_
        var hasText = false, space = false
        for u in units(String(line.dropFirst(lead))) {
            if u == " " { space = hasText; continue }
            let w = TextNormalizer.displayWidth(u)
            let needed = (space ? 1 : 0) + w
            if hasText && currentWidth + needed > width {
                lines.append(current)
                current = String(repeating: " ", count: indent)
                currentWidth = indent
                space = false
            }
            if space { current += " "; currentWidth += 1 }
            current += u
            currentWidth += w
            hasText = true
            space = false
        }
        if hasText { lines.append(current) }
        return lines
    }
}
