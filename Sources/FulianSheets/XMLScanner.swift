import Foundation
import FulianCore

/// A hand-written pull tokenizer for the XML inside XLSX parts, fed in chunks.
///
/// It knows just enough XML for spreadsheet parts: start, end and empty-element tags with attributes,
/// text, comments, processing instructions and CDATA. It never resolves entities beyond the five
/// predefined ones and numeric character references, and it refuses any `<!DOCTYPE` (the door to
/// entity-expansion and external-entity attacks). Element and attribute names are compared by local
/// name, so `<x:row>` and `<row>` are the same.
///
/// Tokens refer to byte ranges in ``buffer``; they stay valid until the next ``append(_:)``.
struct XMLScanner {
    /// What a token is.
    enum Kind { case open, close, empty, text, cdata }

    /// One token: its kind and byte ranges into the buffer.
    struct Token {
        var kind: Kind
        /// Local name (after any `prefix:`), for tags.
        var name: Range<Int>
        /// The attribute bytes of a start or empty tag; the content of text and CDATA tokens.
        var body: Range<Int>
    }

    /// A malformed or forbidden construct.
    enum Failure: Error, Equatable {
        case doctype
        case malformed(SheetsMessage)
        /// One token (a text run, a tag, a comment) is longer than ``XMLScanner/maxTokenBytes``.
        case tokenTooLong(Int)
    }

    private(set) var buffer: [UInt8] = []
    private var pos = 0
    /// Where the search for the end of the incomplete token at `pos` stopped (0 = not started), so that
    /// the next call goes on from there: rescanning a long token after every chunk would be quadratic.
    private var resumeAt = 0
    /// The quote character open at `resumeAt` inside a tag, 0 if none.
    private var resumeQuote: UInt8 = 0
    /// The longest token accepted; an incomplete token growing past it is ``Failure/tokenTooLong(_:)``,
    /// so a hostile part cannot make the buffer hold gigabytes waiting for a `<`.
    var maxTokenBytes = Int.max

    /// Creates a scanner accepting tokens of at most `maxTokenBytes` bytes.
    init(maxTokenBytes: Int = .max) {
        self.maxTokenBytes = maxTokenBytes
    }

    /// Drops the consumed bytes before more are appended.
    private mutating func compact() {
        if pos > 0 {
            buffer.removeSubrange(0..<pos)
            resumeAt = max(0, resumeAt - pos)
            pos = 0
        }
    }

    /// Adds bytes at the end, dropping what has been consumed.
    mutating func append(_ data: Data) {
        data.withUnsafeBytes { append($0.bindMemory(to: UInt8.self)) }
    }

    /// Adds bytes at the end, dropping what has been consumed.
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Adds bytes at the end, dropping what has been consumed, with XML's end-of-line handling (XML 1.0
    /// §2.11): CR LF and a lone CR become LF before anything is tokenized, so text and attribute values
    /// never hold a CR unless the file writes it as `&#13;` or `_x000D_`. A chunk ending in CR is handled
    /// with the next chunk's first byte.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        compact()
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let n = bytes.count
        var i = 0
        if afterCR {
            afterCR = false
            if bytes[0] == 10 { i = 1 }
        }
        while i < n {
            guard let hit = memchr(base + i, 13, n - i) else {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<n]))
                return
            }
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<k]))
            buffer.append(10)
            if k + 1 < n {
                i = bytes[k + 1] == 10 ? k + 2 : k + 1
            } else {
                afterCR = true
                i = n
            }
        }
    }

    /// The last byte appended was a CR (already turned into LF): a LF first in the next chunk is its pair.
    private var afterCR = false


    /// Bytes not yet consumed (an incomplete token waiting for more input).
    var pendingCount: Int { buffer.count - pos }

    /// The next complete token, or nil when the buffer holds only part of one (feed more, or at the end
    /// of input check ``pendingCount``). With `atEnd`, trailing text is returned even without a `<` after it.
    mutating func next(atEnd: Bool = false) throws -> Token? {
        try buffer.withUnsafeBufferPointer { p -> Token? in
            let n = p.count
            let limit = maxTokenBytes
            while pos < n {
                let start = pos
                // A scan resumed on the same incomplete token starts where the last one stopped.
                let resume = resumeAt > start ? resumeAt : 0
                resumeAt = 0
                if p[start] != UInt8(ascii: "<") {
                    // Text up to the next '<'.
                    var i = resume > 0 ? resume : start
                    while i < n && p[i] != UInt8(ascii: "<") { i += 1 }
                    if i == n && !atEnd {
                        if i - start > limit { throw Failure.tokenTooLong(limit) }
                        resumeAt = i
                        return nil
                    }
                    pos = i
                    return Token(kind: .text, name: start..<start, body: start..<i)
                }
                guard start + 1 < n else { return nil }
                let c = p[start + 1]
                if c == UInt8(ascii: "?") || c == UInt8(ascii: "!") {
                    // Processing instruction, comment or CDATA: skipped or returned whole.
                    var skip: StaticString = "?>"
                    var from = start + 2
                    var cdata = false
                    if c == UInt8(ascii: "!") {
                        guard start + 3 < n else { return nil }
                        if p[start + 2] == UInt8(ascii: "-") && p[start + 3] == UInt8(ascii: "-") {
                            skip = "-->"
                            from = start + 4
                        } else if p[start + 2] == UInt8(ascii: "[") {
                            guard start + 9 <= n else { return nil }
                            guard isCDATAStart(p, start) else { throw Failure.malformed(.notCDATA) }
                            skip = "]]>"
                            from = start + 9
                            cdata = true
                        } else {
                            throw Failure.doctype
                        }
                    }
                    guard let e = find(p, from: max(from, resume - skip.utf8CodeUnitCount + 1), skip) else {
                        if n - start > limit { throw Failure.tokenTooLong(limit) }
                        resumeAt = n
                        return nil
                    }
                    pos = e + skip.utf8CodeUnitCount
                    if cdata { return Token(kind: .cdata, name: start..<start, body: (start + 9)..<e) }
                    continue
                }
                // A tag: find its end, honouring quotes in attribute values.
                var i = resume > 0 ? resume : start + 1
                var quote: UInt8 = resume > 0 ? resumeQuote : 0
                while i < n {
                    let b = p[i]
                    if quote != 0 {
                        if b == quote { quote = 0 }
                    } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                        quote = b
                    } else if b == UInt8(ascii: ">") {
                        break
                    }
                    i += 1
                }
                if i == n {
                    if i - start > limit { throw Failure.tokenTooLong(limit) }
                    resumeAt = i
                    resumeQuote = quote
                    return nil
                }
                pos = i + 1
                let closing = c == UInt8(ascii: "/")
                var nameStart = start + (closing ? 2 : 1)
                var nameEnd = nameStart
                while nameEnd < i {
                    let b = p[nameEnd]
                    if b == 32 || b == 9 || b == 10 || b == 13 || b == UInt8(ascii: "/") { break }
                    if b == UInt8(ascii: ":") { nameStart = nameEnd + 1 }
                    nameEnd += 1
                }
                if closing { return Token(kind: .close, name: nameStart..<nameEnd, body: nameEnd..<nameEnd) }
                let selfClosing = p[i - 1] == UInt8(ascii: "/")
                let bodyEnd = selfClosing ? i - 1 : i
                return Token(kind: selfClosing ? .empty : .open, name: nameStart..<nameEnd, body: nameEnd..<max(nameEnd, bodyEnd))
            }
            return nil
        }
    }

    /// A worksheet cell taken whole by ``nextSimpleCell(_:)``.
    struct SimpleCell {
        /// The `<c>` tag, as ``next(atEnd:)`` gives it: `.empty` for `<c …/>`, else `.open`.
        var tag = Token(kind: .empty, name: 0..<0, body: 0..<0)
        /// The text of its `<v>`; nil for `<c …/>`.
        var value: Range<Int>?
        /// The raw values of its `r`, `s` and `t` attributes, as ``attributes(_:_:_:_:)`` finds them.
        var r: Range<Int>?, s: Range<Int>?, t: Range<Int>?
    }

    /// The commonest worksheet cell taken whole, in one step instead of five tokens and an attribute pass:
    /// `<c …/>`, or `<c …>` `<v>text</v></c>` with nothing else inside (no prefix, no whitespace, no formula,
    /// no inline string), its tag written plainly (each attribute `␠name="value"` or `␠name='value'`).
    ///
    /// Consumes the cell, fills `cell` with it and returns true; returns false and consumes nothing when
    /// the bytes at the current position are anything else or are not all in the buffer yet, so that
    /// ``next(atEnd:)`` takes them token by token. Either way the cell reads the same: this only skips what
    /// the common shape is made of. (`cell` is the caller's, reused: returning a new one per cell cost a
    /// copy of it each time; after false it holds nothing of use.)
    mutating func nextSimpleCell(_ cell: inout SimpleCell) -> Bool {
        buffer.withUnsafeBufferPointer { p -> Bool in
            let n = p.count
            let s = pos
            // A token already being resumed across chunks is left to `next`, which goes on where it stopped
            // (rescanning it here after every chunk would be quadratic in its length).
            guard resumeAt == 0, s + 3 < n, p[s] == UInt8(ascii: "<"), p[s + 1] == UInt8(ascii: "c") else { return false }
            func space(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
            cell.tag = Token(kind: .open, name: (s + 1)..<(s + 2), body: (s + 2)..<(s + 2))
            cell.value = nil
            cell.r = nil
            cell.s = nil
            cell.t = nil
            // Attributes in the one spelling where this grammar and `next` + `attributes` agree on every
            // byte; anything else (spaces around `=`, a name without a value, no space between attributes)
            // is left to them.
            var i = s + 2
            while true {
                guard i < n else { return false }
                let b = p[i]
                if b == UInt8(ascii: ">") { break }
                if b == UInt8(ascii: "/") {
                    guard i + 1 < n else { return false }
                    guard p[i + 1] == UInt8(ascii: ">") else { return false }
                    cell.tag = Token(kind: .empty, name: cell.tag.name, body: (s + 2)..<i)
                    pos = i + 2
                    resumeAt = 0
                    return true
                }
                guard space(b) else { return false }
                while i < n, space(p[i]) { i += 1 }
                guard i < n else { return false }
                if p[i] == UInt8(ascii: ">") || p[i] == UInt8(ascii: "/") { continue }
                var nameStart = i
                while i < n {
                    let c = p[i]
                    if c == UInt8(ascii: "=") || space(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/")
                        || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "<") { break }
                    if c == UInt8(ascii: ":") { nameStart = i + 1 }
                    i += 1
                }
                let nameEnd = i
                guard i + 1 < n, p[i] == UInt8(ascii: "="), nameEnd > nameStart else { return false }
                let q = p[i + 1]
                guard q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else { return false }
                let valueStart = i + 2
                guard valueStart < n, let hit = memchr(p.baseAddress! + valueStart, Int32(q), n - valueStart) else { return false }
                let valueEnd = p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if nameEnd - nameStart == 1 {
                    let v = valueStart..<valueEnd
                    switch p[nameStart] {
                    case UInt8(ascii: "r"): if cell.r == nil { cell.r = v }
                    case UInt8(ascii: "s"): if cell.s == nil { cell.s = v }
                    case UInt8(ascii: "t"): if cell.t == nil { cell.t = v }
                    default: break
                    }
                }
                i = valueEnd + 1
            }
            cell.tag.body = (s + 2)..<i
            // `<v>` right after the tag, its text up to the next `<`, then `</v></c>`.
            let v = i + 1
            guard v + 3 <= n, p[v] == UInt8(ascii: "<"), p[v + 1] == UInt8(ascii: "v"), p[v + 2] == UInt8(ascii: ">") else { return false }
            let textStart = v + 3
            guard textStart < n, let hit = memchr(p.baseAddress! + textStart, Int32(UInt8(ascii: "<")), n - textStart) else { return false }
            let textEnd = p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let close: StaticString = "</v></c>"
            let k = close.utf8CodeUnitCount
            guard textEnd + k <= n, memcmp(p.baseAddress! + textEnd, close.utf8Start, k) == 0 else { return false }
            cell.value = textStart..<textEnd
            pos = textEnd + k
            resumeAt = 0
            return true
        }
    }

    /// The commonest shared string taken whole: `<si><t>text</t></si>`, or with `<t xml:space="preserve">`,
    /// nothing else inside and no prefix. Sets `text` to the range of its text, consumes it and returns true;
    /// returns false and consumes nothing when the bytes at the current position are anything else or are
    /// not all in the buffer yet, so that ``next(atEnd:)`` takes them token by token.
    mutating func nextPlainSharedString(_ text: inout Range<Int>) -> Bool {
        buffer.withUnsafeBufferPointer { p -> Bool in
            let n = p.count
            let s = pos
            guard resumeAt == 0, let base = p.baseAddress else { return false }
            func at(_ i: Int, _ lit: StaticString) -> Bool {
                let k = lit.utf8CodeUnitCount
                return i + k <= n && memcmp(base + i, lit.utf8Start, k) == 0
            }
            let open: StaticString = "<si><t", plain: StaticString = ">", preserve: StaticString = " xml:space=\"preserve\">"
            guard at(s, open) else { return false }
            var i = s + open.utf8CodeUnitCount
            if at(i, plain) {
                i += plain.utf8CodeUnitCount
            } else if at(i, preserve) {
                i += preserve.utf8CodeUnitCount
            } else {
                return false
            }
            guard i < n, let hit = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { return false }
            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let close: StaticString = "</t></si>"
            guard at(end, close) else { return false }
            text = i..<end
            pos = end + close.utf8CodeUnitCount
            return true
        }
    }

    /// Whether the bytes at `start` read `<![CDATA[` (the caller checked that nine bytes are there).
    private func isCDATAStart(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        let marker: StaticString = "<![CDATA["
        for j in 0..<9 where p[start + j] != marker.utf8Start[j] { return false }
        return true
    }

    private func find(_ p: UnsafeBufferPointer<UInt8>, from: Int, _ s: StaticString) -> Int? {
        let k = s.utf8CodeUnitCount
        let first = s.utf8Start[0]
        var i = from
        while i + k <= p.count {
            if p[i] == first {
                var j = 1
                while j < k && p[i + j] == s.utf8Start[j] { j += 1 }
                if j == k { return i }
            }
            i += 1
        }
        return nil
    }

    /// Whether the token's local name is `s`.
    func isName(_ t: Token, _ s: StaticString) -> Bool {
        let k = s.utf8CodeUnitCount
        guard t.name.count == k else { return false }
        var j = 0
        var i = t.name.lowerBound
        while j < k {
            if buffer[i] != s.utf8Start[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    /// The raw (still entity-encoded) value range of attribute `name` (compared by local name).
    func attribute(_ t: Token, _ name: StaticString) -> Range<Int>? {
        var found: Range<Int>?
        buffer.withUnsafeBufferPointer { p in
            Self.forEachAttribute(p, t.body) { nameStart, nameEnd, value in
                guard Self.same(p, nameStart, nameEnd, name) else { return true }
                found = value
                return false
            }
        }
        return found
    }

    /// The raw value ranges of three attributes in one pass over the tag (a cell's `r`, `s` and `t`), each
    /// as ``attribute(_:_:)`` gives it.
    func attributes(_ t: Token, _ a: StaticString, _ b: StaticString, _ c: StaticString) -> (Range<Int>?, Range<Int>?, Range<Int>?) {
        var found: (Range<Int>?, Range<Int>?, Range<Int>?) = (nil, nil, nil)
        buffer.withUnsafeBufferPointer { p in
            Self.forEachAttribute(p, t.body) { nameStart, nameEnd, value in
                if found.0 == nil, Self.same(p, nameStart, nameEnd, a) { found.0 = value }
                else if found.1 == nil, Self.same(p, nameStart, nameEnd, b) { found.1 = value }
                else if found.2 == nil, Self.same(p, nameStart, nameEnd, c) { found.2 = value }
                return found.0 == nil || found.1 == nil || found.2 == nil
            }
        }
        return found
    }

    /// Whether bytes `start..<end` are `name`.
    @inline(__always)
    private static func same(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ name: StaticString) -> Bool {
        let k = name.utf8CodeUnitCount
        guard end - start == k else { return false }
        // Names are a few bytes: compared in place (a call to memcmp per attribute cost more than the compare).
        let q = name.utf8Start
        for j in 0..<k where p[start + j] != q[j] { return false }
        return true
    }

    /// Calls `body` with each attribute's local name (start, end) and raw value range, in order, until it
    /// returns false.
    @inline(__always)
    private static func forEachAttribute(_ p: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, _ visit: (Int, Int, Range<Int>) -> Bool) {
        var i = body.lowerBound
        let end = body.upperBound
        func space(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        while i < end {
            while i < end, space(p[i]) { i += 1 }
            var nameStart = i
            while i < end, p[i] != UInt8(ascii: "="), !space(p[i]) {
                if p[i] == UInt8(ascii: ":") { nameStart = i + 1 }
                i += 1
            }
            let nameEnd = i
            while i < end, p[i] != UInt8(ascii: "=") { i += 1 }
            i += 1
            while i < end, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "'") { i += 1 }
            guard i < end else { return }
            let q = p[i]
            i += 1
            let valueStart = i
            while i < end, p[i] != q { i += 1 }
            let valueEnd = i
            i += 1
            if !visit(nameStart, nameEnd, valueStart..<valueEnd) { return }
        }
    }

    /// A raw attribute value parsed as a non-negative integer.
    func int(_ r: Range<Int>?) -> Int? {
        guard let r, !r.isEmpty else { return nil }
        var v = 0
        for i in r {
            let b = buffer[i]
            guard b >= 48 && b <= 57, v < 1 << 40 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }

    /// The decoded string value of an attribute, nil when absent or not valid UTF-8.
    func attributeString(_ t: Token, _ name: StaticString) -> String? {
        guard let r = attribute(t, name) else { return nil }
        return XMLScanner.decode(buffer[r])
    }

    /// An attribute parsed as a non-negative integer.
    func attributeInt(_ t: Token, _ name: StaticString) -> Int? {
        int(attribute(t, name))
    }

    /// Decodes XML text: the five predefined entities and numeric references; anything else stays as
    /// written. Returns nil when the bytes are not valid UTF-8.
    static func decode(_ bytes: some Collection<UInt8>) -> String? {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(validating: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var it = Array(bytes)[...]
        while let i = it.firstIndex(of: UInt8(ascii: "&")) {
            out.append(contentsOf: it[it.startIndex..<i])
            guard let semi = it[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                out.append(UInt8(ascii: "&"))
                it = it[(i + 1)...]
                continue
            }
            let ent = it[(i + 1)..<semi]
            var replaced: [UInt8]?
            switch String(decoding: ent, as: UTF8.self) {
            case "lt": replaced = [UInt8(ascii: "<")]
            case "gt": replaced = [UInt8(ascii: ">")]
            case "amp": replaced = [UInt8(ascii: "&")]
            case "quot": replaced = [UInt8(ascii: "\"")]
            case "apos": replaced = [UInt8(ascii: "'")]
            case let s where s.hasPrefix("#x") || s.hasPrefix("#X"):
                if let v = UInt32(s.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { replaced = Array(String(Character(u)).utf8) }
            case let s where s.hasPrefix("#"):
                if let v = UInt32(s.dropFirst(1)), let u = Unicode.Scalar(v) { replaced = Array(String(Character(u)).utf8) }
            default: break
            }
            if let replaced {
                out.append(contentsOf: replaced)
                it = it[(semi + 1)...]
            } else {
                out.append(UInt8(ascii: "&"))
                it = it[(i + 1)...]
            }
        }
        out.append(contentsOf: it)
        return String(validating: out, as: UTF8.self)
    }
}
