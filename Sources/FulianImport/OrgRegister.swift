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
    public func resolve(_ typed: String) -> Result<Unit, Failure> {
        if let i = byExact[typed] { return .success(units[i]) }
        let f = OrgRegister.fold(typed)
        if let i = byFolded[f] { return .success(units[i]) }
        let (core, family) = OrgRegister.split(f)
        let candidates = byCore[core + "|" + (family ?? "*")] ?? []
        // A bare core also matches a unit registered without a suffix (exact folded, handled above).
        let distinct = Array(Set(candidates)).sorted()
        if distinct.count == 1 { return .success(units[distinct[0]]) }
        if distinct.count > 1 { return .failure(.ambiguous(distinct.map { units[$0].name })) }
        return .failure(.unknown(suggestion: suggestion(for: f)))
    }

    /// The register name closest to `folded` within an edit distance of 2 (on the suffix-free core).
    func suggestion(for folded: String) -> String? {
        let (core, _) = OrgRegister.split(folded)
        var best: (Int, String)? = nil
        for u in units {
            let (uc, _) = OrgRegister.split(OrgRegister.fold(u.name))
            let d = OrgRegister.editDistance(Array(core), Array(uc), limit: 2)
            let dFull = OrgRegister.editDistance(Array(folded), Array(OrgRegister.fold(u.name)), limit: 2)
            let dist = min(d, dFull)
            if dist <= 2, dist <= max(1, min(core.count, uc.count) / 2), best == nil || dist < best!.0 {
                best = (dist, u.name)
            }
        }
        return best?.1
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
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
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
