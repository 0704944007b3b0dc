import FulianCore

/// A set of spellings that probably name one thing.
public struct VariantCluster: Sendable, Hashable {
    /// `org` or `program`.
    public var field: String
    /// The shared fingerprint.
    public var fingerprint: String
    /// Spellings with how often each occurs, most frequent first.
    public var spellings: [Spelling]

    /// One spelling and its count.
    public struct Spelling: Sendable, Hashable {
        /// As written.
        public var text: String
        /// Occurrences.
        public var count: Int
    }
}

/// OpenRefine-style clustering adapted to Chinese unit and program names.
///
/// Key collision first: the fingerprint folds widths, removes spaces and punctuation and strips the
/// administrative suffix (街道办事处, 社区居委会, 村委会, 镇人民政府 …), so 石马河 / 石马河街道 /
/// 石马河街道办事处 share one key. Then nearest neighbours: fingerprints whose character-bigram
/// Dice similarity is at least 0.6 join the same cluster (望江社区 / 望江楼社区).
public enum VariantClustering {
    /// The fingerprint of a spelling.
    public static func fingerprint(_ s: String) -> String {
        let f = OrgRegister.fold(s).filter { !$0.isPunctuation && !$0.isSymbol }
        return OrgRegister.split(f).core
    }

    static func bigrams(_ s: String) -> Set<String> {
        let c = Array(s)
        guard c.count > 1 else { return [s] }
        return Set((0..<(c.count - 1)).map { String(c[$0...$0 + 1]) })
    }

    static func similarity(_ a: String, _ b: String) -> Double {
        let x = bigrams(a), y = bigrams(b)
        guard !x.isEmpty || !y.isEmpty else { return 1 }
        return 2 * Double(x.intersection(y).count) / Double(x.count + y.count)
    }

    /// Clusters of two or more spellings. With a register, spellings that name two different units of
    /// it are never put together (白沙村 and 白沙社区 are two units, not two spellings of one): a
    /// cluster is split by the unit each spelling resolves to, and a spelling that resolves to none
    /// joins the unit it is most like.
    public static func clusters(_ counts: [String: Int], field: String, threshold: Double = 0.6,
                                register: OrgRegister? = nil) -> [VariantCluster] {
        var byKey: [String: [String]] = [:]
        for s in counts.keys { byKey[fingerprint(s), default: []].append(s) }
        // Union keys that are near neighbours.
        let keys = byKey.keys.sorted()
        var parent = Dictionary(uniqueKeysWithValues: keys.map { ($0, $0) })
        func find(_ k: String) -> String { var k = k; while parent[k]! != k { k = parent[k]! }; return k }
        for i in keys.indices {
            for j in keys.indices where j > i && similarity(keys[i], keys[j]) >= threshold {
                let a = find(keys[i]), b = find(keys[j])
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groups: [String: [String]] = [:]
        for k in keys { groups[find(k), default: []] += byKey[k]! }
        if let register {
            var split: [String: [String]] = [:]
            for (key, spellings) in groups {
                var byUnit: [Int64: [String]] = [:]
                var loose: [String] = []
                for sp in spellings {
                    if case .success(let u) = register.resolve(sp) { byUnit[u.id, default: []].append(sp) } else { loose.append(sp) }
                }
                guard byUnit.count > 1 else { split[key] = spellings; continue }
                for sp in loose {
                    let best = byUnit.max { a, b in
                        (similarity(fingerprint(sp), fingerprint(register.unit(id: a.key)?.name ?? "")), -a.key)
                            < (similarity(fingerprint(sp), fingerprint(register.unit(id: b.key)?.name ?? "")), -b.key)
                    }!.key
                    byUnit[best]!.append(sp)
                }
                for (id, members) in byUnit { split["\(key)#\(register.unit(id: id)?.name ?? String(id))"] = members }
            }
            groups = split
        }
        return groups.compactMap { key, spellings in
            guard spellings.count > 1 else { return nil }
            let sorted = spellings.map { VariantCluster.Spelling(text: $0, count: counts[$0]!) }
                .sorted { ($0.count, $1.text) > ($1.count, $0.text) }
            return VariantCluster(field: field, fingerprint: key.components(separatedBy: "#")[0], spellings: sorted)
        }.sorted { $0.fingerprint < $1.fingerprint }
    }
}
