import FulianCore

/// Programme names: the national programmes every federation runs, and how a spelling is matched
/// against the known ones.
///
/// A spelling that differs from a known programme only in width, spaces or quotes (两癌救助 /
/// “两癌”救助) is that programme. One that is close (春蕾助学 / 春蕾计划) is stored as written, with an
/// `unknown-program` warning naming the programme it may be; `--map` (`[program]`) confirms it.
public enum ProgramNames {
    /// The national programmes of the women's federations, as they are usually written.
    public static let national = [
        "春蕾计划", "贫困母亲救助", "“两癌”救助", "困境儿童关爱", "困境儿童救助", "单亲困难母亲救助", "母亲邮包", "母亲健康快车",
        "母亲水窖", "母亲创业循环金", "巾帼脱贫行动", "春风行动", "暖冬行动", "贫困妇女救助", "困难妇女救助",
    ]

    /// The national programme a title, sheet name or file name names (青溪区2024年春蕾计划资助名单 →
    /// 春蕾计划, 2024年“两癌”救助发放表 → “两癌”救助), nil when it names none or two different ones.
    /// A programme contained in a longer one it names (困境儿童 in 困境儿童关爱) counts once, as the longer.
    public static func named(in text: String) -> String? {
        let k = key(text)
        let hits = national.filter { k.contains(key($0)) }
        let longest = hits.filter { h in !hits.contains { $0 != h && key($0).contains(key(h)) } }
        return longest.count == 1 ? longest[0] : nil
    }

    /// The matching key of a name: widths and spaces folded, quotes and brackets removed.
    public static func key(_ name: String) -> String {
        String(OrgRegister.fold(name).filter { !$0.isPunctuation && !$0.isSymbol })
    }

    /// The known programme a new spelling is probably meant to be, nil when it is none of them or
    /// when it is one of them exactly (by ``key(_:)``).
    public static func suggestion(for name: String, known: [String]) -> String? {
        let k = key(name)
        let pool = known + national
        if pool.contains(where: { key($0) == k }) { return nil }
        let a = Array(k)
        var best: (Int, String)? = nil
        for candidate in pool {
            let b = Array(key(candidate))
            let d = OrgRegister.editDistance(a, b, limit: 3)
            // Close by edits (half the shorter name at most), or the same two leading characters and
            // one name containing the other's stem (困境儿童 / 困境儿童关爱救助).
            let prefix = zip(a, b).prefix { $0 == $1 }.count
            let close = d <= max(1, min(a.count, b.count) / 2) || (prefix >= 2 && (k.contains(String(b.prefix(4))) || String(b).contains(String(a.prefix(4)))))
            guard close else { continue }
            let score = d - prefix
            if best == nil || score < best!.0 { best = (score, candidate) }
        }
        return best?.1
    }
}
