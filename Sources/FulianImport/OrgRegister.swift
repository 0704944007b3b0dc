import Foundation
import FulianCore

/// The org register as the importer sees it: names to resolve clerk-typed unit names against.
///
/// Resolution order: the exact name; then the same name with widths and spaces folded; then the
/// administrative suffix family — 石马河 / 石马河街道 / 石马河街道办事处, X社区 / X社区居委会 /
/// X居委会, X村 / X村委会, X镇 / X镇人民政府 — where a bare core (石马河) matches any family but a
/// suffixed name only its own family. Anything else is unresolved, with the closest register name
/// offered as a suggestion (a one-character typo is a suggestion, never a silent match).
public struct OrgRegister: Sendable {
    /// One unit of the register.
    public struct Unit: Hashable, Sendable {
        /// Store id.
        public var id: Int64
        /// Canonical name.
        public var name: String
        /// Kind.
        public var kind: OrgKind
        /// Parent unit id.
        public var parentId: Int64?

        /// Creates a unit.
        public init(id: Int64, name: String, kind: OrgKind, parentId: Int64?) {
            self.id = id
            self.name = name
            self.kind = kind
            self.parentId = parentId
        }
    }

    /// Why a name did not resolve.
    public enum Failure: Error, Hashable, Sendable {
        /// No unit matches; the closest register name, if one is close.
        case unknown(suggestion: String?)
        /// Several units match the bare name.
        case ambiguous([String])
    }

    /// All units.
    public private(set) var units: [Unit] = []
    private var byExact: [String: Int] = [:]
    private var byFolded: [String: Int] = [:]
    private var byCore: [String: [Int]] = [:]

    /// An empty register.
    public init() {}

    /// A register of these units.
    public init(_ units: [Unit]) {
        for u in units { add(u) }
    }

    /// Adds a unit (a later unit with the same name replaces nothing: the first one stays).
    public mutating func add(_ unit: Unit) {
        let i = units.count
        units.append(unit)
        if byExact[unit.name] == nil { byExact[unit.name] = i }
        let f = OrgRegister.fold(unit.name)
        if byFolded[f] == nil { byFolded[f] = i }
        let (core, family) = OrgRegister.split(f)
        byCore[core + "|" + (family ?? ""), default: []].append(i)
        byCore[core + "|*", default: []].append(i)
    }

    /// The unit with this exact canonical name.
    public func unit(named name: String) -> Unit? { byExact[name].map { units[$0] } }

    /// The unit with this id.
    public func unit(id: Int64) -> Unit? { units.first { $0.id == id } }

    /// Resolves a clerk-typed name to a register unit.
    ///
    /// The name of a unit's women's federation or women's home names the unit itself: 东湖街道妇联,
    /// 东湖街道妇女联合会, 东湖社区妇女之家 resolve as 东湖街道 and 东湖社区. With `levels`, only units of
    /// those kinds are candidates (a street column never resolves to a community), and so are the
    /// suggestions.
    public func resolve(_ typed: String, levels: Set<OrgKind>? = nil) -> Result<Unit, Failure> {
        if let i = byExact[typed], levels?.contains(units[i].kind) ?? true { return .success(units[i]) }
        let folded = OrgRegister.fold(typed)
        let first = resolveFolded(folded, levels: levels)
        if case .success = first { return first }
        let bare = OrgRegister.withoutFederationSuffix(folded)
        if bare != folded, case .success(let u) = resolveFolded(bare, levels: levels) { return .success(u) }
        return first
    }

    private func resolveFolded(_ f: String, levels: Set<OrgKind>?) -> Result<Unit, Failure> {
        let allowed = { (u: Unit) in levels?.contains(u.kind) ?? true }
        if let i = byFolded[f], allowed(units[i]) { return .success(units[i]) }
        let (core, family) = OrgRegister.split(f)
        let candidates = (byCore[core + "|" + (family ?? "*")] ?? []).filter { allowed(units[$0]) }
        // A bare core also matches a unit registered without a suffix (exact folded, handled above).
        let distinct = Array(Set(candidates)).sorted()
        if distinct.count == 1 { return .success(units[distinct[0]]) }
        if distinct.count > 1 {
            // 东湖 with both 东湖街道 and 东湖社区 registered: ambiguous unless the levels decide.
            return .failure(.ambiguous(distinct.map { units[$0].name }))
        }
        return .failure(.unknown(suggestion: suggestion(for: f, levels: levels)))
    }

    /// The register name closest to `folded` within an edit distance of 2 (on the suffix-free core),
    /// among units of the same level: a name ending in 街道 is offered streets, never a community.
    func suggestion(for folded: String, levels: Set<OrgKind>? = nil) -> String? {
        let f = OrgRegister.withoutFederationSuffix(folded)
        let (core, family) = OrgRegister.split(f)
        let level = family.map(OrgRegister.kinds(ofFamily:))
        var best: (Int, String)? = nil
        for u in units {
            if let levels, !levels.contains(u.kind) { continue }
            let uf = OrgRegister.fold(u.name)
            let (uc, ufamily) = OrgRegister.split(uf)
            if let level {
                // Same level only: by the unit's suffix when it has one, else by its kind.
                if let ufamily { if OrgRegister.kinds(ofFamily: ufamily) != level { continue } }
                else if !level.contains(u.kind) { continue }
            }
            let d = OrgRegister.editDistance(Array(core), Array(uc), limit: 2)
            let dFull = OrgRegister.editDistance(Array(f), Array(uf), limit: 2)
            let dist = min(d, dFull)
            if dist <= 2, dist <= max(1, min(core.count, uc.count) / 2), best == nil || dist < best!.0 {
                best = (dist, u.name)
            }
        }
        return best?.1
    }

    /// The kinds of unit a suffix family names: 街道 → street, 镇/乡 → town, 社区 → community, 村 → village.
    public static func kinds(ofFamily family: String) -> Set<OrgKind> {
        switch family {
        case "街道": [.street]
        case "镇", "乡": [.town]
        case "社区": [.community]
        case "村": [.village]
        default: []
        }
    }

    /// The kind a unit's name says by its suffix (街道 → street, 镇/乡 → town, 社区 → community,
    /// 村 → village), nil for a name without one.
    public static func kind(ofName name: String) -> OrgKind? {
        guard let family = split(withoutFederationSuffix(fold(name))).family else { return nil }
        return kinds(ofFamily: family).first
    }

    /// Organisations that stand for their unit: a street's 妇联 is the street for every figure.
    static let federationSuffixes = ["妇女工作委员会", "妇女联合会", "妇女儿童之家", "妇女委员会", "妇女之家", "妇联会", "妇委会", "妇联"]

    /// The name without a trailing 妇联 / 妇女联合会 / 妇女之家 … (unchanged when it has none, or is only that).
    public static func withoutFederationSuffix(_ folded: String) -> String {
        for s in federationSuffixes where folded.hasSuffix(s) && folded.count > s.count {
            return String(folded.dropLast(s.count))
        }
        return folded
    }

    /// The district a register's title names: 兰江区 in "兰江区2024年社区基本情况统计表" or
    /// "金华市兰江区妇联…" (the last 区/县/旗/市 of the place words the title starts with); nil when the
    /// title does not start with one.
    public static func district(inTitle title: String) -> String? {
        let t = Array(TextNormalizer.compact(title))
        var run: [Character] = []
        for c in t {
            guard let v = c.unicodeScalars.first?.value, (0x4E00...0x9FFF).contains(v) else { break }
            run.append(c)
        }
        // The place words end where the title's other words begin.
        let stops: [String] = ["妇联", "妇女", "年", "社区", "村", "街道", "关于", "统计", "基本", "组织", "名册", "情况", "第"]
        var cut = run.count
        let text = String(run)
        for w in stops { if let r = text.range(of: w) { cut = min(cut, text.distance(from: text.startIndex, to: r.lowerBound)) } }
        let place = Array(run.prefix(cut))
        // The last 区/县/旗 (or a county-level 市 after a prefecture 市) ends the district name.
        var end: Int? = nil
        for (i, c) in place.enumerated() where c == "区" || c == "县" || c == "旗" { end = i }
        if end == nil, let last = place.lastIndex(of: "市"), place[..<last].contains("市") { end = last }
        guard let end else { return nil }
        var start = 0
        for (i, c) in place[..<end].enumerated() where c == "省" || c == "市" || c == "州" || c == "盟" { start = i + 1 }
        guard end - start >= 1 else { return nil }
        return String(place[start...end])
    }

    /// Widths and spaces folded, full-width brackets made ASCII (（ U+FF08 is one of the full-width forms
    /// ``TextNormalizer/compact(_:)`` folds).
    public static func fold(_ s: String) -> String {
        TextNormalizer.compact(s)
    }

    /// Administrative suffixes, longest first, with the family each belongs to.
    static let suffixes: [(String, String)] = [
        ("街道办事处", "街道"), ("街道办", "街道"), ("街道", "街道"),
        ("社区居民委员会", "社区"), ("社区居委会", "社区"), ("居民委员会", "社区"), ("居委会", "社区"), ("社区", "社区"),
        ("村民委员会", "村"), ("村委会", "村"), ("村", "村"),
        ("镇人民政府", "镇"), ("镇政府", "镇"), ("镇", "镇"),
        ("乡人民政府", "乡"), ("乡政府", "乡"), ("乡", "乡"),
    ]

    /// Splits a folded name into its core and its suffix family (nil when it has none).
    public static func split(_ f: String) -> (core: String, family: String?) {
        for (suffix, family) in suffixes where f.hasSuffix(suffix) && f.count > suffix.count {
            return (String(f.dropLast(suffix.count)), family)
        }
        return (f, nil)
    }

    /// Levenshtein distance, giving up (returning limit+1) once it exceeds `limit`.
    public static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The unit's ancestor (or itself) at street/town level, for roll-ups.
    public func street(of unit: Unit) -> Unit? {
        var u: Unit? = unit
        var guardCount = 0
        while let cur = u, guardCount < 64 {
            if cur.kind == .street || cur.kind == .town { return cur }
            u = cur.parentId.flatMap { self.unit(id: $0) }
            guardCount += 1
        }
        return nil
    }
}
