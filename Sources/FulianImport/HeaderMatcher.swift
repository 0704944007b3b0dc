import Foundation
import FulianCore

/// How a header names a field: exactly (a synonym, the key, `--map`) or by its normalised meaning.
public enum HeaderMatch: Sendable, Hashable {
    /// A synonym (units and bracketed qualifiers aside), the English key, or a `--map` entry.
    case exact(FieldSpec)
    /// Inferred from the header's meaning (`求职人数` ≈ `求职人次`): shown to the user to confirm.
    case inferred(FieldSpec)

    /// The field.
    public var field: FieldSpec {
        switch self {
        case .exact(let f), .inferred(let f): f
        }
    }

    /// Whether the match was inferred.
    public var isInferred: Bool {
        if case .inferred = self { return true }
        return false
    }
}

/// A header text taken apart: its unit and the stem that carries its meaning.
///
/// `发放金额（万元）`, `发放金额【万元】`, `发放金额/万元` and `发放金额 万元` all have the base `发放金额` and
/// the unit 万元; `村（居）委会名称` has the base `村委会名称` (a bracketed qualifier that is not a unit
/// is dropped too). The stem goes further: measure words at the end are dropped (`求职人数`, `求职人次`
/// → `求职`) and words of the same meaning are made one (单位 = 企业, 时间 = 年月 = 月份 = 日期, 资金 = 金额,
/// 号码 = 号, 应聘 = 求职, 参训 = 培训), so that headers outside the synonym list still find their field.
struct HeaderText: Hashable {
    /// ``DatasetFields/headerKey(_:)`` of the text.
    var key: String
    /// The key without its unit and bracketed qualifiers.
    var base: String
    /// The unit word the header states (`万元`, `元`, `人` …), if any.
    var unit: String?
    /// The base without measure words, with synonymous words made one.
    var stem: String

    /// Units a header may state after its name.
    static let unitWords: Set<String> = ["元", "万元", "人民币元", "人民币(元)", "人", "人次", "个", "户", "家", "次", "场", "场次",
                                         "名", "岁", "项", "口", "天", "小时", "%"]
    /// Bracket pairs, after width folding: （） ［］ ｛｝ ＜＞ are ASCII by then.
    static let brackets: [(Character, Character)] = [("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕"), ("<", ">"), ("《", "》"),
                                                      ("{", "}"), ("〈", "〉"), ("「", "」")]
    /// Measure words dropped from the end of a stem, longest first.
    static let measureWords = ["人数", "人次", "数量", "个数", "总数", "数"]
    /// Words made one, applied in order (longer words first so a part does not replace them).
    static let sameWords: [(String, String)] = [("用人单位", "用工企业"), ("用工单位", "用工企业"), ("招聘单位", "用工企业"),
                                                ("招聘企业", "用工企业"), ("单位", "企业"), ("时间", "日期"), ("资金", "金额"),
                                                ("号码", "号"), ("应聘", "求职"), ("参训", "培训"), ("参展", "参会"),
                                                ("年月", "日期"), ("月份", "日期")]

    init(_ text: String) {
        var cleaned = TextNormalizer.clean(text)
        var unit: String? = nil
        // 金额 万元: a unit after a space (compact would glue it on). Not in a header spaced out character
        // by character to line up (姓 名, 人 数 — 名 and 次 are units too), nor after a single character.
        if let sp = cleaned.lastIndex(where: { $0 == " " }) {
            let tail = String(cleaned[cleaned.index(after: sp)...])
            let head = cleaned[..<sp]
            let spacedOut = cleaned.split(separator: " ").allSatisfy { $0.count == 1 }
            if !spacedOut, TextNormalizer.compact(String(head)).count >= 2, let u = HeaderText.unitStatement(tail) {
                unit = u
                cleaned = String(head)
            }
        }
        let key = DatasetFields.headerKey(cleaned)
        var base = ""
        var depth: [Character] = []
        var inner = ""
        for ch in key {
            if let pair = HeaderText.brackets.first(where: { $0.0 == ch }) {
                depth.append(pair.1)
                inner = ""
            } else if let close = depth.last, ch == close {
                depth.removeLast()
                if depth.isEmpty, let u = HeaderText.unitStatement(inner) { unit = unit ?? u }
            } else if depth.isEmpty {
                base.append(ch)
            } else {
                inner.append(ch)
            }
        }
        // An unclosed bracket (金额(元): what it holds is still a unit or a qualifier.
        if !depth.isEmpty, let u = HeaderText.unitStatement(inner) { unit = unit ?? u }
        // 金额/万元: a unit after a slash.
        if let slash = base.lastIndex(of: "/") {
            let tail = String(base[base.index(after: slash)...])
            if let u = HeaderText.unitStatement(tail), base.distance(from: base.startIndex, to: slash) >= 2 {
                unit = unit ?? u
                base = String(base[..<slash])
            }
        }
        // 金额万元, 发放金额元: a money unit glued on.
        for u in ["万元", "元"] where base.hasSuffix(u) && base.count >= u.count + 2 {
            let rest = base.dropLast(u.count)
            if u == "万元" || rest.hasSuffix("金额") || rest.hasSuffix("额") || rest.hasSuffix("款") {
                unit = unit ?? u
                base = String(rest)
                break
            }
        }
        self.key = key
        self.base = base.isEmpty ? key : base
        self.unit = unit
        stem = HeaderText.stem(of: self.base)
    }

    /// The unit a text states (`元`, `万元`, `单位：元`, `单位:万元`), nil for anything else.
    static func unitStatement(_ text: String) -> String? {
        var s = DatasetFields.headerKey(text)
        while let first = s.first, let pair = brackets.first(where: { $0.0 == first }), s.last == pair.1, s.count >= 2 {
            s = String(s.dropFirst().dropLast())
        }
        for prefix in ["金额单位", "计量单位", "单位"] where s.hasPrefix(prefix) {
            let rest = s.dropFirst(prefix.count)
            if rest.first == ":" || rest.first == "：" { s = String(rest.dropFirst()); break }
        }
        return unitWords.contains(s) ? s : nil
    }

    /// The money unit a unit word names, nil for other units.
    static func money(_ unit: String?) -> Money.Unit? {
        switch unit {
        case "万元": .wanYuan
        case "元", "人民币元", "人民币(元)": .yuan
        default: nil
        }
    }

    static func stem(of base: String) -> String {
        var s = base
        for (word, same) in sameWords where s.contains(word) {
            s = s.replacingOccurrences(of: word, with: same)
        }
        // 参与人次数: measure words may stack.
        var stripped = true
        while stripped {
            stripped = false
            for m in measureWords where s.hasSuffix(m) && s.count > m.count {
                s.removeLast(m.count)
                stripped = true
                break
            }
        }
        return s
    }
}

/// Matches header texts to the fields of a dataset: exact synonyms first, then by meaning.
///
/// Deterministic and conservative: an inferred match needs one field to be the only best candidate
/// (two fields equally close is no match, only a hint), and ``LayoutDetector`` binds exact matches
/// before inferred ones, so a field is never claimed twice.
struct HeaderMatcher: Sendable {
    struct Entry: Sendable {
        var field: Int
        var text: HeaderText
    }

    let fields: [FieldSpec]
    /// Synonym keys, English keys and synonym bases → field index.
    let exact: [String: Int]
    /// Every synonym's parts.
    let entries: [Entry]

    /// Place words: a header ending in one (东湖社区, 石桥街道) is far more often a value than a column.
    static let placeWords: Set<String> = ["社区", "街道", "村", "镇", "乡", "街镇", "镇街", "乡镇", "村居", "企业"]

    init(dataset: Dataset) {
        fields = DatasetFields.fields(of: dataset)
        var exact: [String: Int] = [:]
        var entries: [Entry] = []
        for (i, f) in fields.enumerated() {
            if exact[f.key] == nil { exact[f.key] = i }
            for syn in f.synonyms {
                let t = HeaderText(syn)
                if exact[t.key] == nil { exact[t.key] = i }
                entries.append(Entry(field: i, text: t))
            }
        }
        // Bases second, so that a synonym as written wins over another synonym's base.
        for e in entries where exact[e.text.base] == nil { exact[e.text.base] = e.field }
        self.exact = exact
        self.entries = entries
    }

    static let byDataset: [Dataset: HeaderMatcher] = Dictionary(uniqueKeysWithValues: Dataset.allCases.map { ($0, HeaderMatcher(dataset: $0)) })

    /// The field a header names, exactly or inferred. Layout detection asks this of every cell of the
    /// first rows, several times each (one row alone, then joined with the next): answers are kept per
    /// text, and texts that cannot be headers (long, or holding an ID- or date-like run of digits) are
    /// answered at once.
    func match(_ text: String) -> HeaderMatch? {
        if HeaderMatcher.cannotBeAHeader(text) { return nil }
        return memo.value(for: text) { computeMatch(text) }
    }

    /// More than 40 characters, or 8 digits in a row (an ID number, a phone, 20240105).
    static func cannotBeAHeader(_ text: String) -> Bool {
        let b = text.utf8
        if b.count > 160 { return true }
        var run = 0
        for c in b {
            if c >= 48 && c <= 57 { run += 1; if run >= 8 { return true } } else { run = 0 }
        }
        return text.count > 40
    }

    /// Answers of ``match(_:)`` already computed for this dataset.
    let memo = MatchMemo()

    private func computeMatch(_ text: String) -> HeaderMatch? {
        let t = HeaderText(text)
        if t.key.isEmpty { return nil }
        if let i = exact[t.key] ?? exact[t.base] { return .exact(fields[i]) }
        if DatasetFields.ignoredHeaders.contains(t.key) || DatasetFields.ignoredHeaders.contains(t.base) { return nil }
        guard let i = inferred(t) else { return nil }
        return .inferred(fields[i])
    }

    /// By meaning: the same stem; else the longest synonym stem that ends the header's stem
    /// (困难妇女姓名 → 姓名) or that the header's stem ends (企业数 → 参会企业数), one field only.
    func inferred(_ t: HeaderText) -> Int? {
        guard !t.stem.isEmpty else { return nil }
        var same = Set<Int>()
        for e in entries where e.text.stem == t.stem { same.insert(e.field) }
        if same.count == 1 { return same.first }
        if same.count > 1 { return nil }
        var best = 0
        var found = Set<Int>()
        for e in entries {
            let s = e.text.stem
            guard s.count >= 2 else { continue }
            let n: Int
            if t.stem.hasSuffix(s) && !HeaderMatcher.placeWords.contains(s) { n = s.count }
            else if t.stem.count >= 2 && s.hasSuffix(t.stem) && !HeaderMatcher.placeWords.contains(t.stem) { n = t.stem.count }
            else { continue }
            if n > best { best = n; found = [e.field] } else if n == best { found.insert(e.field) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// A field a header that matched nothing may mean: the closest synonym stem by shared character
    /// pairs (Dice coefficient at least 0.5), when one field is the closest.
    func hint(_ text: String) -> FieldSpec? {
        let t = HeaderText(text)
        guard !t.stem.isEmpty, !DatasetFields.ignoredHeaders.contains(t.key) else { return nil }
        let pairs = HeaderMatcher.bigrams(t.stem)
        guard !pairs.isEmpty else { return nil }
        var best = 0.0
        var found = Set<Int>()
        for e in entries {
            let other = HeaderMatcher.bigrams(e.text.stem)
            guard !other.isEmpty else { continue }
            let score = 2.0 * Double(pairs.intersection(other).count) / Double(pairs.count + other.count)
            if score > best + 1e-9 { best = score; found = [e.field] } else if abs(score - best) < 1e-9 { found.insert(e.field) }
        }
        guard best >= 0.5, found.count == 1, let i = found.first else { return nil }
        return fields[i]
    }

    /// The answers of one matcher by header text, bounded (cleared past 20,000 texts), shared by threads.
    final class MatchMemo: @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [String: HeaderMatch?] = [:]

        func value(for text: String, _ compute: () -> HeaderMatch?) -> HeaderMatch? {
            lock.lock()
            if let known = answers[text] { lock.unlock(); return known }
            lock.unlock()
            let v = compute()
            lock.lock()
            if answers.count >= 20_000 { answers.removeAll(keepingCapacity: true) }
            answers[text] = v
            lock.unlock()
            return v
        }
    }

    static func bigrams(_ s: String) -> Set<String> {
        let c = Array(s)
        guard c.count >= 2 else { return c.isEmpty ? [] : [s] }
        return Set((0..<(c.count - 1)).map { String(c[$0...$0 + 1]) })
    }
}
