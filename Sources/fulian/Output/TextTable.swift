import FulianCore

/// An aligned plain-text table whose column widths count CJK characters as two columns.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []

    func render() -> String {
        let all = [headers] + rows
        let n = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: n)
        for r in all { for (i, c) in r.enumerated() { widths[i] = max(widths[i], TextNormalizer.displayWidth(c)) } }
        func line(_ r: [String]) -> String {
            var parts: [String] = []
            for i in 0..<n {
                let c = i < r.count ? r[i] : ""
                let pad = String(repeating: " ", count: widths[i] - TextNormalizer.displayWidth(c))
                parts.append(rightAligned.contains(i) ? pad + c : c + pad)
            }
            return parts.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        var out = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
