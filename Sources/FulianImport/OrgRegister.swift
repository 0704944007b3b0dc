import Foundation
import FulianCore

/// The org register as the importer sees it: names to resolve clerk-typed unit names against.
///
/// Resolution order: the exact name; then the same name with widths and spaces folded; then the
/// administrative suffix family — 石马河 / 石马河街道 / 石马河街道办事处, X社区 / X社区居委会 /
/// X居委会, X村 / X村委会, X镇 / X镇人民政府 — where a bare core (石马河) matches any family but a
/// suffixed name only its own family. Anything else is unresolved, with the closest register name
/// offered as a suggestion (a one-character typo is a suggestion, never a silent match).
///
/// A city's register holds the same name in several places (幸福社区 in three districts). A name is
/// resolved in a scope (a unit whose subtree the row comes from): one match in the scope is taken; a
/// name that matches one unit in the whole register is taken wherever it is; several matches are
/// ``Failure/ambiguousPlaces(_:)``, listed by path, never a silent pick. A 12-digit 统计用区划代码 (or its
/// 9/6-digit form), a 统一社会信用代码 or a path (石马河街道/南桥寺社区) names one unit wherever it is.
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

        /// Creates a unit. (Its code is kept by the register, ``OrgRegister/code(of:)``: a unit is copied
        /// for every row that names it, and stays small.)
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
        /// Several units of different names match the bare name.
        case ambiguous([String])
        /// Units of the same name in several places match (none, or several, in the row's scope): their paths.
        case ambiguousPlaces([String])
    }

    /// All units.
    public private(set) var units: [Unit] = []
    private var byExact: [String: [Int]] = [:]
    private var byFolded: [String: [Int]] = [:]
    private var byCore: [String: [Int]] = [:]
    private var byId: [Int64: Int] = [:]
    private var byCode: [String: Int] = [:]
    private var codes: [Int64: String] = [:]
    /// Former names (folded) → the units that bore them and the day each changed.
    private var formerNames: [String: [(index: Int, until: CivilDate)]] = [:]
    /// Whether two units share a name (a city's register): paths are then worth computing.
    public private(set) var hasRepeatedNames = false

    /// An empty register.
    public init() {}

    /// A register of these units.
    public init(_ units: [Unit]) {
        for u in units { add(u) }
    }

    /// Adds a unit with its code in normalised form (``normalizedCode(_:)``), if it has one (the first
    /// unit of a name answers ``unit(named:)``; every one is a candidate when resolving).
    public mutating func add(_ unit: Unit, code: String? = nil) {
        let i = units.count
        units.append(unit)
        byId[unit.id] = i
        if let code {
            codes[unit.id] = code
            if byCode[code] == nil { byCode[code] = i }
        }
        if byExact[unit.name] != nil { hasRepeatedNames = true }
        byExact[unit.name, default: []].append(i)
        let f = OrgRegister.fold(unit.name)
        byFolded[f, default: []].append(i)
        let (core, family) = OrgRegister.split(f)
        byCore[core + "|" + (family ?? ""), default: []].append(i)
        byCore[core + "|*", default: []].append(i)
    }

    /// Replaces the unit that has `unit`'s id (renamed, moved, re-typed or re-coded), or adds it when there is none.
    public mutating func replace(_ unit: Unit, code: String?) {
        guard let i = byId[unit.id] else { add(unit, code: code); return }
        var all = units
        all[i] = unit
        var allCodes = codes
        allCodes[unit.id] = code
        let former = formerNames
        self = OrgRegister()
        for u in all { add(u, code: allCodes[u.id]) }
        formerNames = former
    }

    /// The code of the unit with this id, if the register gives one.
    public func code(of id: Int64) -> String? { codes[id] }

    /// Whether any unit has a former name.
    public var hasFormerNames: Bool { !formerNames.isEmpty }

    /// Records a former name of the unit with id `id`, used until `until` (exclusive).
    public mutating func addFormerName(_ name: String, of id: Int64, until: CivilDate) {
        guard let i = byId[id] else { return }
        formerNames[OrgRegister.fold(name), default: []].append((i, until))
    }

    /// The first unit with this exact canonical name.
    public func unit(named name: String) -> Unit? { byExact[name]?.first.map { units[$0] } }

    /// The units with this exact canonical name, in register order.
    public func units(named name: String) -> [Unit] { (byExact[name] ?? []).map { units[$0] } }

    /// The unit with this id.
    public func unit(id: Int64) -> Unit? { byId[id].map { units[$0] } }

    /// The unit with this code (any of its written forms, see ``normalizedCode(_:)``).
    public func unit(code: String) -> Unit? { OrgRegister.normalizedCode(code).flatMap { byCode[$0] }.map { units[$0] } }

    /// The names from the top of the tree down to the unit: 江北区/石马河街道/南桥寺社区.
    public func path(of unit: Unit) -> String {
        var names = [unit.name]
        var parent = unit.parentId
        var n = 0
        while let p = parent, let i = byId[p], n < 64 {
            names.append(units[i].name)
            parent = units[i].parentId
            n += 1
        }
        return names.reversed().joined(separator: "/")
    }

    /// Whether the unit with id `id` is `ancestor` or lies under it.
    public func isWithin(_ id: Int64, _ ancestor: Int64) -> Bool {
        var cur: Int64? = id
        var n = 0
        while let c = cur, n < 64 {
            if c == ancestor { return true }
            cur = byId[c].flatMap { units[$0].parentId }
            n += 1
        }
        return false
    }

    /// The 12-digit form of a 统计用区划代码 (a 6-digit county or 9-digit town code padded with zeros),
    /// the upper-cased 18-character 统一社会信用代码, or nil for anything that is neither.
    public static func normalizedCode(_ written: String) -> String? {
        let c = TextNormalizer.compact(written).uppercased()
        let digits = c.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if digits {
            switch c.utf8.count {
            case 12: return c
            case 9: return c + "000"
            case 6: return c + "000000"
            default: return nil
            }
        }
        if c.utf8.count == 18, c.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) { return c }
        return nil
    }

    /// The significant prefix of a 12-digit administrative code: province 2, city 4, county 6, town 9
    /// digits (trailing zero groups dropped); nil for a credit code.
    public static func codePrefix(_ code: String) -> String? {
        guard code.utf8.count == 12, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var s = Substring(code)
        for group in [3, 3, 2, 2] {
            guard s.hasSuffix(String(repeating: "0", count: group)) else { break }
            s = s.dropLast(group)
        }
        return String(s)
    }

    /// Resolves a clerk-typed name to a register unit.
    ///
    /// The name of a unit's women's federation or women's home names the unit itself: 东湖街道妇联,
    /// 东湖街道妇女联合会, 东湖社区妇女之家 resolve as 东湖街道 and 东湖社区. With `levels`, only units of
    /// those kinds are candidates (a street column never resolves to a community), and so are the
    /// suggestions. With `scope`, a name several units share resolves to the one under `scope`, and
    /// suggestions come from under it first.
    public func resolve(_ typed: String, levels: Set<OrgKind>? = nil, within scope: Int64? = nil) -> Result<Unit, Failure> {
        if let ids = byExact[typed], let r = decide(ids, levels: levels, scope: scope) { return r }
        let folded = OrgRegister.fold(typed)
        let first = resolveFolded(folded, levels: levels, scope: scope)
        if case .success = first { return first }
        let bare = OrgRegister.withoutFederationSuffix(folded)
        if bare != folded, case .success(let u) = resolveFolded(bare, levels: levels, scope: scope) { return .success(u) }
        if case .failure(.unknown) = first {
            if let u = unit(code: folded), levels?.contains(u.kind) ?? true { return .success(u) }
            if folded.contains("/"), let r = resolvePath(folded, levels: levels) { return r }
            if let u = resolvePrefixed(folded, levels: levels, scope: scope, depth: 0) { return .success(u) }
            return .failure(.unknown(suggestion: suggestion(for: folded, levels: levels, within: scope)))
        }
        return first
    }

    /// One unit of `candidates` (register positions), or why not; nil when none is of `levels`.
    private func decide(_ candidates: [Int], levels: Set<OrgKind>?, scope: Int64?) -> Result<Unit, Failure>? {
        if candidates.count == 1 {
            // The common case: a name the register holds once.
            let u = units[candidates[0]]
            return levels?.contains(u.kind) ?? true ? .success(u) : nil
        }
        var c = candidates
        if let levels { c = c.filter { levels.contains(units[$0].kind) } }
        if c.isEmpty { return nil }
        if c.count == 1 { return .success(units[c[0]]) }
        if let scope {
            let inside = c.filter { isWithin(units[$0].id, scope) }
            if inside.count == 1 { return .success(units[inside[0]]) }
            if inside.count > 1 { c = inside }
        }
        let names = Set(c.map { units[$0].name })
        if names.count > 1 {
            // 东湖 with both 东湖街道 and 东湖社区 registered: ambiguous unless the levels decide.
            return .failure(.ambiguous(c.map { units[$0].name }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }))
        }
        return .failure(.ambiguousPlaces(c.map { path(of: units[$0]) }))
    }

    private func resolveFolded(_ f: String, levels: Set<OrgKind>?, scope: Int64?) -> Result<Unit, Failure> {
        if let ids = byFolded[f], let r = decide(ids, levels: levels, scope: scope) { return r }
        let (core, family) = OrgRegister.split(f)
        // A bare core also matches a unit registered without a suffix (exact folded, handled above).
        let candidates = Array(Set(byCore[core + "|" + (family ?? "*")] ?? [])).sorted()
        if let r = decide(candidates, levels: levels, scope: scope) { return r }
        return .failure(.unknown(suggestion: nil))
    }

    /// What may stand between a place and the unit under it when both are written in one cell.
    static let placeSeparators: Set<Character> = ["-", "—", "－", "–", "·", "・", "、", "\\", "_", ">", "＞", "|", ",", "，"]

    /// A unit written after the place it lies in, with or without a separator (东湖街道白沙社区,
    /// 兰江区东湖街道白沙社区, 西岭镇白沙村民委员会, 东湖街道-白沙社区): the first words that name a city,
    /// district, street or town of the register in full, then a unit under that place. The unit must lie under it (东湖街道上塘村,
    /// 上塘村 being 西岭镇's, is not resolved); a place shared by several units must be decided as a name is.
    private func resolvePrefixed(_ f: String, levels: Set<OrgKind>?, scope: Int64?, depth: Int) -> Unit? {
        let chars = Array(f)
        guard depth < 4, chars.count >= 4 else { return nil }
        let places: Set<OrgKind> = [.city, .district, .street, .town]
        for k in 2...(chars.count - 2) {
            let head = String(chars[..<k])
            // The place written out (东湖街道, 东湖街道办事处, 兰江区), never a bare core: 东湖新村 is not 东湖街道's 新村.
            guard byFolded[head] != nil || OrgRegister.split(head).family != nil,
                  case .success(let place) = resolveFolded(head, levels: places, scope: scope) else { continue }
            var rest = chars[k...]
            while let c = rest.first, OrgRegister.placeSeparators.contains(c) { rest = rest.dropFirst() }
            guard rest.count >= 2 else { continue }
            let tail = String(rest)
            var found: Unit?
            switch resolveFolded(tail, levels: levels, scope: place.id) {
            case .success(let u): found = u
            case .failure:
                let bare = OrgRegister.withoutFederationSuffix(tail)
                if bare != tail, case .success(let u) = resolveFolded(bare, levels: levels, scope: place.id) { found = u }
                else { found = resolvePrefixed(tail, levels: levels, scope: place.id, depth: depth + 1) }
            }
            if let u = found, u.id != place.id, isWithin(u.id, place.id) { return u }
        }
        return nil
    }

    /// A path typed in full or from any level down (石马河街道/南桥寺社区).
    private func resolvePath(_ f: String, levels: Set<OrgKind>?) -> Result<Unit, Failure>? {
        let parts = f.split(separator: "/").map(String.init)
        guard let last = parts.last, let ids = byFolded[last] ?? byExact[last] else { return nil }
        let tail = "/" + parts.joined(separator: "/")
        let matches = ids.filter { ("/" + OrgRegister.fold(path(of: units[$0]))).hasSuffix(tail) && (levels?.contains(units[$0].kind) ?? true) }
        if matches.count == 1 { return .success(units[matches[0]]) }
        if matches.count > 1 { return .failure(.ambiguousPlaces(matches.map { path(of: units[$0]) })) }
        return nil
    }

    /// The unit that bore `typed` as a former name on `date` (before its change; any date when nil),
    /// decided in `scope` as ``resolve(_:levels:within:)`` decides.
    public func formerUnit(_ typed: String, on date: CivilDate?, within scope: Int64? = nil) -> Result<Unit, Failure>? {
        guard !formerNames.isEmpty else { return nil }
        let f = OrgRegister.withoutFederationSuffix(OrgRegister.fold(typed))
        let hits = (formerNames[f] ?? formerNames[OrgRegister.fold(typed)] ?? []).filter { hit in date.map { $0 < hit.until } ?? true }
        return decide(hits.map(\.index), levels: nil, scope: scope)
    }

    /// The unit a text (a title, a file name) names as its submitter: the deepest district, street or
    /// town whose name it contains, a name shared by several places decided by the other names it
    /// contains (江北区城关镇…); nil when it names none, or none unambiguously.
    public func unit(namedIn text: String) -> Unit? {
        unit(namedIn: text, kinds: [.city, .district, .street, .town])
    }

    /// The deepest unit of one of `kinds` a text names (see ``unit(namedIn:)``): with every kind, a
    /// community or village a sheet title names (红叶社区2024年二季度两癌救助发放明细 → 红叶社区).
    public func unit(namedIn text: String, kinds: Set<OrgKind>) -> Unit? {
        let t = OrgRegister.fold(text)
        var found: [Int] = []
        for (i, u) in units.enumerated() where kinds.contains(u.kind) {
            let core = OrgRegister.split(OrgRegister.fold(u.name)).core
            if t.contains(OrgRegister.fold(u.name)) || (core.count >= 2 && (u.kind == .street || u.kind == .town) && t.contains(core + "街道")) {
                found.append(i)
            }
        }
        guard !found.isEmpty else { return nil }
        // Keep the deepest: drop a unit another found unit lies under.
        let deepest = found.filter { a in !found.contains { b in b != a && isWithin(units[b].id, units[a].id) } }
        if deepest.count == 1 { return units[deepest[0]] }
        // Several places of one name: the one under another unit the text names.
        let named = deepest.filter { a in found.contains { b in b != a && isWithin(units[a].id, units[b].id) } }
        return named.count == 1 ? units[named[0]] : nil
    }

    /// The register name closest to `folded` within an edit distance of 2 (on the suffix-free core),
    /// among units of the same level: a name ending in 街道 is offered streets, never a community.
    func suggestion(for folded: String, levels: Set<OrgKind>? = nil, within scope: Int64? = nil) -> String? {
        if let scope, let s = suggestion(for: folded, levels: levels, among: units.filter { isWithin($0.id, scope) }) { return s }
        return suggestion(for: folded, levels: levels, among: units)
    }

    private func suggestion(for folded: String, levels: Set<OrgKind>?, among units: [Unit]) -> String? {
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

    /// The unit `--from` names (a name, code or path), which must be one unit: else an ``ImportError`` for
    /// `file` with the suggestion or the candidates by path.
    public func fromUnit(_ typed: String, file: String) throws(ImportError) -> Unit {
        switch resolve(typed) {
        case .success(let u): return u
        case .failure(.unknown(let s)):
            throw ImportError(file: file, Message.importing(.unknownFrom(typed: typed, suggestion: s)))
        case .failure(.ambiguousPlaces(let paths)):
            throw ImportError(file: file, Message.importing(.ambiguousFrom(typed: typed, paths: paths)))
        case .failure(.ambiguous(let names)):
            throw ImportError(file: file, Message.importing(.ambiguousFrom(typed: typed, paths: names.flatMap { units(named: $0).map(path(of:)) })))
        }
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
