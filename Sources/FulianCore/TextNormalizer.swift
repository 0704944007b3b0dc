import Foundation

/// Space trimming and width folding shared by every reader of clerk-typed text.
///
/// Chinese office files mix ASCII spaces, ideographic spaces (U+3000), no-break spaces (U+00A0) and
/// full-width digits and letters (`４３９９２１`). These functions turn them into one canonical form.
public enum TextNormalizer {
    /// Whether a scalar is a space of any of the kinds found in office files.
    @inlinable
    public static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0x3000, 0xFEFF, 0x2000...0x200B, 0x202F, 0x205F:
            return true
        default:
            return false
        }
    }

    /// Whether a scalar is an invisible format character that text copied out of web pages and other
    /// systems carries (zero-width space and joiners, direction marks and overrides such as the
    /// U+202D…U+202C pair around pasted ID numbers, word joiners, a byte-order mark inside the text,
    /// soft hyphens): never content, so folding removes it wherever it stands.
    @inlinable
    public static func isInvisible(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// What a byte scan of a string's UTF-8 found: lead bytes of anything that may fold (U+0080…U+00BF,
    /// U+2000…U+3FFF, U+F000…U+FFFF: the non-ASCII spaces and the full-width forms) and ASCII spaces.
    /// Most cells have neither, and are then returned as they are without decoding a scalar.
    @inline(__always)
    static func scan(_ s: String) -> (mayFold: Bool, asciiSpace: Bool) {
        var fold = false, space = false
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { b in
            for c in b {
                if c >= 0xC2 {
                    if c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF { fold = true }
                } else if c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                    space = true
                }
            }
        }
        return done == nil ? (true, true) : (fold, space)
    }

    /// Whether ``clean(_:)`` or ``compact(_:)`` may change the text (it has spaces, non-ASCII spaces,
    /// full-width forms or invisible characters): a byte scan, no scalar decoded.
    public static func mayChange(_ s: String) -> Bool {
        let found = scan(s)
        return found.mayFold || found.asciiSpace
    }

    /// Folds full-width ASCII variants (U+FF01…U+FF5E) to ASCII and every kind of space to U+0020, and
    /// removes invisible format characters (``isInvisible(_:)``).
    public static func foldWidth(_ s: String) -> String {
        guard scan(s).mayFold else { return s }
        var needs = false
        for u in s.unicodeScalars where (u.value >= 0xFF01 && u.value <= 0xFF5E) || (u.value > 0x7F && (isSpace(u) || isInvisible(u))) {
            needs = true
            break
        }
        guard needs else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value >= 0xFF01 && u.value <= 0xFF5E {
                out.append(Unicode.Scalar(u.value - 0xFEE0)!)
            } else if isInvisible(u) {
                continue
            } else if isSpace(u) {
                out.append(" ")
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// Folds widths and trims spaces of every kind at both ends.
    public static func clean(_ s: String) -> String {
        let found = scan(s)
        if !found.mayFold && !found.asciiSpace { return s }
        return foldWidth(s).trimmingWhitespace()
    }

    /// Folds widths, trims, and removes all spaces: for names, codes and ID numbers, where an inner space
    /// is padding (`赵  梦` typed to line up with three-character names) and never content.
    public static func compact(_ s: String) -> String {
        let found = scan(s)
        if !found.mayFold && !found.asciiSpace { return s }
        let f = found.mayFold ? foldWidth(s) : s
        guard f.unicodeScalars.contains(where: isSpace) else { return f }
        var out = String.UnicodeScalarView()
        for u in f.unicodeScalars where !isSpace(u) { out.append(u) }
        return String(out)
    }

    /// Whether a scalar is a CJK ideograph or another character a terminal or Excel draws two columns wide.
    public static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The width of a string in terminal columns, CJK characters counting two.
    public static func displayWidth(_ s: String) -> Int {
        var w = 0
        for u in s.unicodeScalars {
            if u.value < 0x20 || (u.value >= 0x300 && u.value <= 0x36F) || u.value == 0x200D || u.value == 0xFE0F {
                continue
            }
            w += isWide(u) ? 2 : 1
        }
        return w
    }
}

extension String {
    /// The string without leading and trailing spaces of any kind (ASCII, U+3000, U+00A0, BOM …).
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !TextNormalizer.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !TextNormalizer.isSpace($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}

/// A string hashed and compared by its UTF-8 bytes: the key of a cache of texts exactly as typed
/// (unit and program names, thousands of lookups per file). `String`'s own hashing normalizes
/// non-ASCII text to NFC first, which costs more than the lookup it serves; two canonically equal
/// spellings in different bytes are merely two cache entries.
public struct ExactText: Hashable, Sendable {
    /// The text.
    public let text: String

    /// Wraps a text.
    public init(_ text: String) { self.text = text }

    public static func == (a: ExactText, b: ExactText) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        let equal = a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y in
                x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0
            }
        }
        return (equal ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            for b in text.utf8 { hasher.combine(b) }
        }
    }
}
