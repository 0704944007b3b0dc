import Foundation
@testable import FulianSheets
import Testing

struct XMLScannerTests {
    /// A token as plain strings: kind, local name, body.
    struct Tok: Equatable, CustomStringConvertible {
        var kind: XMLScanner.Kind
        var name: String
        var body: String
        var description: String { "\(kind) \(name) [\(body)]" }
    }

    /// Feeds `pieces` one after another and collects every token.
    static func tokens(_ pieces: [[UInt8]], maxTokenBytes: Int = .max) throws -> [Tok] {
        var sc = XMLScanner(maxTokenBytes: maxTokenBytes)
        var out: [Tok] = []
        func drain(_ atEnd: Bool) throws {
            while let t = try sc.next(atEnd: atEnd) {
                out.append(Tok(kind: t.kind, name: String(decoding: sc.buffer[t.name], as: UTF8.self),
                               body: String(decoding: sc.buffer[t.body], as: UTF8.self)))
            }
        }
        for p in pieces {
            sc.append(p)
            try drain(false)
        }
        try drain(true)
        return out
    }

    static func tokens(_ xml: String) throws -> [Tok] { try tokens([Array(xml.utf8)]) }

    static let sample = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment with <tags> inside -->
        <x:worksheet xmlns:x="urn:main"><x:row r="1" spans='1:2'><x:c r="A1" t="s"><x:v>0</x:v></x:c>\
        <c r="B1" t="inlineStr"><is><t xml:space="preserve"> a &amp; b </t></is></c><c r="C1" a=">"/></x:row>\
        <![CDATA[<raw & text>]]></x:worksheet>
        """

    @Test func tokenizesTagsTextAndCDATAByLocalName() throws {
        let toks = try XMLScannerTests.tokens(XMLScannerTests.sample).filter { !($0.kind == .text && $0.body.allSatisfy(\.isWhitespace)) }
        #expect(toks == [
            Tok(kind: .open, name: "worksheet", body: " xmlns:x=\"urn:main\""),
            Tok(kind: .open, name: "row", body: " r=\"1\" spans='1:2'"),
            Tok(kind: .open, name: "c", body: " r=\"A1\" t=\"s\""),
            Tok(kind: .open, name: "v", body: ""),
            Tok(kind: .text, name: "", body: "0"),
            Tok(kind: .close, name: "v", body: ""),
            Tok(kind: .close, name: "c", body: ""),
            Tok(kind: .open, name: "c", body: " r=\"B1\" t=\"inlineStr\""),
            Tok(kind: .open, name: "is", body: ""),
            Tok(kind: .open, name: "t", body: " xml:space=\"preserve\""),
            Tok(kind: .text, name: "", body: " a &amp; b "),
            Tok(kind: .close, name: "t", body: ""),
            Tok(kind: .close, name: "is", body: ""),
            Tok(kind: .close, name: "c", body: ""),
            Tok(kind: .empty, name: "c", body: " r=\"C1\" a=\">\""),
            Tok(kind: .close, name: "row", body: ""),
            Tok(kind: .cdata, name: "", body: "<raw & text>"),
            Tok(kind: .close, name: "worksheet", body: ""),
        ])
    }

    @Test func everySplitPointGivesTheSameTokens() throws {
        let bytes = Array(XMLScannerTests.sample.utf8)
        let whole = try XMLScannerTests.tokens([bytes])
        for cut in 1..<bytes.count {
            #expect(try XMLScannerTests.tokens([Array(bytes[..<cut]), Array(bytes[cut...])]) == whole, "cut at \(cut)")
        }
        #expect(try XMLScannerTests.tokens(bytes.map { [$0] }) == whole)
    }

    @Test func attributesAreFoundByLocalNameAndDecoded() throws {
        var sc = XMLScanner()
        sc.append(Array(#"<sheet name="A&amp;B &#x4E2D;" sheetId='7' r:id="rId3" state = "hidden" big="99999999999999"/>"#.utf8))
        let t = try #require(try sc.next(atEnd: true))
        #expect(t.kind == .empty && sc.isName(t, "sheet"))
        #expect(sc.attributeString(t, "name") == "A&B 中")
        #expect(sc.attributeInt(t, "sheetId") == 7)
        #expect(sc.attributeString(t, "id") == "rId3")
        #expect(sc.attributeString(t, "state") == "hidden")
        #expect(sc.attributeString(t, "missing") == nil)
        #expect(sc.attributeInt(t, "name") == nil)
        #expect(sc.attributeInt(t, "big") == nil)            // past 2^40: refused, never overflowing
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("&lt;&gt;&amp;&quot;&apos;", "<>&\"'"),
        ("&#20013;&#x6587;&#X20000;", "中文𠀀"),
        ("a &unknown; b", "a &unknown; b"),
        ("AT&T", "AT&T"),
        ("&#xD800;", "&#xD800;"),
        ("&#;", "&#;"),
    ])
    func decodesPredefinedEntitiesAndCharacterReferencesOnly(raw: String, decoded: String) {
        #expect(XMLScanner.decode(Array(raw.utf8)) == decoded)
    }

    @Test func decodeRefusesInvalidUTF8() {
        #expect(XMLScanner.decode([0x61, 0xC3, 0x28]) == nil)
        #expect(XMLScanner.decode([0x26, 0x61, 0x6D, 0x70, 0x3B, 0xFF]) == nil)
    }

    @Test func aDoctypeIsRefused() throws {
        #expect(throws: XMLScanner.Failure.doctype) {
            _ = try XMLScannerTests.tokens(#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><a>&lol;</a>"#)
        }
        #expect(throws: XMLScanner.Failure.doctype) { _ = try XMLScannerTests.tokens("<a><!ENTITY x \"y\"></a>") }
        #expect(throws: XMLScanner.Failure.malformed(.notCDATA)) {
            _ = try XMLScannerTests.tokens("<a><![INCLUDE[ x ]]></a>")
        }
    }

    @Test func incompleteTokensWaitForMoreInput() throws {
        var sc = XMLScanner()
        sc.append(Array("<row r=\"1".utf8))
        #expect(try sc.next() == nil)
        #expect(sc.pendingCount == 9)
        sc.append(Array("\"><v>12".utf8))
        #expect(try sc.next().map { sc.isName($0, "row") } == true)
        #expect(try sc.next().map { sc.isName($0, "v") } == true)
        #expect(try sc.next() == nil)                                 // "12" may go on
        let text = try #require(try sc.next(atEnd: true))
        #expect(text.kind == .text && sc.buffer[text.body].elementsEqual(Array("12".utf8)))
    }

    @Test func anIncompleteTokenLongerThanTheLimitIsRefused() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 5000)
        // Complete tokens are not limited; one that keeps growing without its end is.
        #expect(try XMLScannerTests.tokens([Array("<t>".utf8) + long + Array("</t>".utf8)], maxTokenBytes: 100).count == 3)
        #expect(throws: XMLScanner.Failure.tokenTooLong(100)) {
            _ = try XMLScannerTests.tokens([Array("<t>".utf8)] + (0..<50).map { _ in Array(long[..<100]) }, maxTokenBytes: 100)
        }
        #expect(throws: XMLScanner.Failure.tokenTooLong(100)) {
            _ = try XMLScannerTests.tokens([Array("<c r=\"".utf8)] + (0..<50).map { _ in Array(long[..<100]) }, maxTokenBytes: 100)
        }
        #expect(throws: XMLScanner.Failure.tokenTooLong(100)) {
            _ = try XMLScannerTests.tokens([Array("<!--".utf8)] + (0..<50).map { _ in Array(long[..<100]) }, maxTokenBytes: 100)
        }
    }

    @Test func aLongTokenFedInSmallPiecesIsScannedOnce() throws {
        // 4 MiB of text in 1 KiB pieces: resuming where the last scan stopped keeps this linear
        // (rescanning from the token start after each piece would take minutes).
        let piece = [UInt8](repeating: UInt8(ascii: " "), count: 1024)
        var sc = XMLScanner()
        sc.append(Array("<a>".utf8))
        #expect(try sc.next() != nil)
        let start = Date()
        for _ in 0..<4096 {
            sc.append(piece)
            #expect(try sc.next() == nil)
        }
        sc.append(Array("<b/>".utf8))
        let text = try #require(try sc.next())
        #expect(text.kind == .text && text.body.count == 4 << 20)
        #expect(Date().timeIntervalSince(start) < 20)
        // A quoted '>' inside a tag split across pieces is remembered too.
        var tag = XMLScanner()
        for p in ["<c a=\"", "x>y", "\" b='>'", "/>"] {
            tag.append(Array(p.utf8))
            if p != "/>" { #expect(try tag.next() == nil) }
        }
        let c = try #require(try tag.next())
        #expect(c.kind == .empty && tag.attributeString(c, "a") == "x>y" && tag.attributeString(c, "b") == ">")
    }

    /// Feeds `pieces` as the worksheet reader does inside a row, ``XMLScanner/nextSimpleCell(_:)`` first, and
    /// spells each cell it takes whole as the tokens `next` gives for it, so both ways can be compared.
    /// The `r`, `s` and `t` attributes of every `<c>` tag are added to its token's body, as `attributes`
    /// reads them from the generic token and as the whole-cell shortcut reads them from its tag.
    /// With `simpleCells` false the shortcut is not taken: the reference to compare with.
    static func tokensTakingSimpleCells(_ pieces: [[UInt8]], simpleCells: Bool = true) throws -> (tokens: [Tok], simple: Int) {
        var sc = XMLScanner()
        var out: [Tok] = []
        var simple = 0
        var cell = XMLScanner.SimpleCell()
        func s(_ r: Range<Int>) -> String { String(decoding: sc.buffer[r], as: UTF8.self) }
        func drain(_ atEnd: Bool) throws {
            while true {
                if simpleCells, sc.nextSimpleCell(&cell) {
                    simple += 1
                    let tag = cell.tag
                    out.append(Tok(kind: tag.kind, name: s(tag.name), body: s(tag.body) + rst(cell.r, cell.s, cell.t)))
                    if let v = cell.value {
                        out.append(Tok(kind: .open, name: "v", body: ""))
                        if !v.isEmpty { out.append(Tok(kind: .text, name: "", body: s(v))) }
                        out.append(Tok(kind: .close, name: "v", body: ""))
                        out.append(Tok(kind: .close, name: "c", body: ""))
                    }
                    continue
                }
                guard let t = try sc.next(atEnd: atEnd) else { break }
                var body = s(t.body)
                if t.kind != .close, sc.isName(t, "c") {
                    let (r, st, ty) = sc.attributes(t, "r", "s", "t")
                    body += rst(r, st, ty)
                }
                out.append(Tok(kind: t.kind, name: s(t.name), body: body))
            }
        }
        func rst(_ r: Range<Int>?, _ st: Range<Int>?, _ ty: Range<Int>?) -> String {
            " | r=\(r.map(s) ?? "-") s=\(st.map(s) ?? "-") t=\(ty.map(s) ?? "-")"
        }
        for p in pieces {
            sc.append(p)
            try drain(false)
        }
        try drain(true)
        return (out, simple)
    }

    static let cells = """
        <row r="1"><c r="A1" t="s"><v>12</v></c><c r="B1" s="3"><v>-1.5E-3</v></c><c r="C1"/><c/>\
        <c r="D1" t="str"><v>a &amp; b</v></c><c r="E1"><v></v></c><c r="F1" a=">"><v>7</v></c>\
        <c r="G1"><f>SUM(A1:B1)</f><v>3</v></c><c r="H1" t="inlineStr"><v>x</v><is><t>y</t></is></c>\
        <x:c r="I1"><x:v>4</x:v></x:c><c r="J1"> <v>5</v> </c><c r="K1"><v><![CDATA[<6>]]></v></c>\
        <c\tr="L1"\ns='2'><v>8</v></c><col/><cx/><c r="M1"><v>9</v></c ><c foo r="N1"><v>1</v></c>\
        <c r = "O1"><v>2</v></c><c x:r="P1" s='4' r="Q1" t="n"><v>3</v></c><c r="R1"s="5"><v>4</v></c>\
        <c r="S1" t="s" /><c r="T1" a='"' b="'>'"><v>5</v></c><c r="U1"/ ><c r="V1" :s="1"><v>6</v></c></row>
        """

    @Test func simpleCellsTakenWholeGiveTheSameTokensAtEverySplitPoint() throws {
        let bytes = Array(XMLScannerTests.cells.utf8)
        let whole = try XMLScannerTests.tokensTakingSimpleCells([bytes], simpleCells: false).tokens
        let (fast, simple) = try XMLScannerTests.tokensTakingSimpleCells([bytes])
        #expect(fast.count == whole.count)
        for (k, (a, b)) in zip(fast, whole).enumerated() where a != b {
            Issue.record("token \(k): \(a) taken whole, \(b) token by token")
            break
        }
        // A1, B1, C1, the bare <c/>, D1, E1, F1, L1, P1, S1, T1 and V1; the other shapes are left to `next`.
        #expect(simple == 12)
        for cut in 1..<bytes.count {
            #expect(try XMLScannerTests.tokensTakingSimpleCells([Array(bytes[..<cut]), Array(bytes[cut...])]).tokens == whole, "cut at \(cut)")
        }
        #expect(try XMLScannerTests.tokensTakingSimpleCells(bytes.map { [$0] }).tokens == whole)
    }

    static let sharedStrings = """
        <sst count="9"><si><t>纯文本</t></si><si><t xml:space="preserve"> a &amp; b </t></si><si><t></t></si>\
        <si><r><t>富</t></r><r><t>文本</t></r></si><si><t>漢字</t><rPh><t>かんじ</t></rPh></si><si> <t>x</t></si>\
        <si><t xml:space='preserve'>y</t></si><si><t><![CDATA[<z>]]></t></si><x:si><x:t>w</x:t></x:si><si/>\
        <si><t>last</t></si></sst>
        """

    /// Feeds `pieces`, ``XMLScanner/nextPlainSharedString(_:)`` first when `plain`, and spells each string
    /// it takes whole as the tokens `next` gives for it.
    static func sharedStringTokens(_ pieces: [[UInt8]], plain: Bool) throws -> (tokens: [Tok], plain: Int) {
        var sc = XMLScanner()
        var out: [Tok] = []
        var count = 0
        var text = 0..<0
        func drain(_ atEnd: Bool) throws {
            while true {
                if plain, sc.nextPlainSharedString(&text) {
                    count += 1
                    out += [Tok(kind: .open, name: "si", body: ""), Tok(kind: .open, name: "t", body: "")]
                    if !text.isEmpty { out.append(Tok(kind: .text, name: "", body: String(decoding: sc.buffer[text], as: UTF8.self))) }
                    out += [Tok(kind: .close, name: "t", body: ""), Tok(kind: .close, name: "si", body: "")]
                    continue
                }
                guard let t = try sc.next(atEnd: atEnd) else { break }
                // The attribute of `<t>` plays no part in the string.
                let body = sc.isName(t, "t") ? "" : String(decoding: sc.buffer[t.body], as: UTF8.self)
                out.append(Tok(kind: t.kind, name: String(decoding: sc.buffer[t.name], as: UTF8.self), body: body))
            }
        }
        for p in pieces {
            sc.append(p)
            try drain(false)
        }
        try drain(true)
        return (out, count)
    }

    @Test func plainSharedStringsTakenWholeGiveTheSameTokensAtEverySplitPoint() throws {
        let bytes = Array(XMLScannerTests.sharedStrings.utf8)
        let whole = try XMLScannerTests.sharedStringTokens([bytes], plain: false).tokens
        let (fast, plain) = try XMLScannerTests.sharedStringTokens([bytes], plain: true)
        #expect(fast == whole)
        // 纯文本, " a &amp; b ", the empty one and "last"; rich runs, phonetics, whitespace, single quotes,
        // CDATA and prefixes are left to `next`.
        #expect(plain == 4)
        for cut in 1..<bytes.count {
            #expect(try XMLScannerTests.sharedStringTokens([Array(bytes[..<cut]), Array(bytes[cut...])], plain: true).tokens == whole, "cut at \(cut)")
        }
        #expect(try XMLScannerTests.sharedStringTokens(bytes.map { [$0] }, plain: true).tokens == whole)
    }

    @Test func aLongCellTagFedInSmallPiecesIsScannedOnce() throws {
        // A 4 MiB `<c` tag in 1 KiB pieces: the whole-cell shortcut leaves a token `next` is resuming alone.
        let piece = Array(" a=\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 1019) + [UInt8(ascii: "\"")]
        var pieces = [Array("<row><c".utf8)]
        pieces += Array(repeating: piece, count: 4096)
        pieces.append(Array("><v>1</v></c></row>".utf8))
        let (toks, simple) = try XMLScannerTests.tokensTakingSimpleCells(pieces)
        #expect(toks.map(\.name) == ["row", "c", "v", "", "v", "c", "row"])
        // The tag's 4 MiB of attributes, none of them r, s or t.
        #expect(toks[1].body.utf8.count == 4096 * 1024 + " | r=- s=- t=-".utf8.count && toks[1].body.hasSuffix(" | r=- s=- t=-"))
        // Left to `next` while it resumes, then `next` takes it (the shortcut never rescans it).
        #expect(simple == 0)
    }
}

// MARK: End-of-line handling (XML 1.0 §2.11)

extension XMLScannerTests {
    @Test func lineEndsBecomeLineFeedsAtEverySplitPoint() throws {
        let xml = Array("<t a=\"x\r\ny\">1\r\n2\r3\n4\r</t>\r\n<u/>\r".utf8)
        let expected = try XMLScannerTests.tokens([Array("<t a=\"x\ny\">1\n2\n3\n4\n</t>\n<u/>\n".utf8)])
        #expect(expected[0].body == " a=\"x\ny\"" && expected[1].body == "1\n2\n3\n4\n")
        #expect(try XMLScannerTests.tokens([xml]) == expected)
        for cut in 1..<xml.count {
            #expect(try XMLScannerTests.tokens([Array(xml[..<cut]), Array(xml[cut...])]) == expected, "cut at \(cut)")
        }
        #expect(try XMLScannerTests.tokens(xml.map { [$0] }) == expected)
        // Two CRs in a row are two line ends; a CR split from its LF by a chunk boundary is one.
        #expect(try XMLScannerTests.tokens([Array("<t>a\r".utf8), Array("\rb</t>".utf8)])[1].body == "a\n\nb")
        #expect(try XMLScannerTests.tokens([Array("<t>a\r".utf8), Array("\nb</t>".utf8)])[1].body == "a\nb")
    }

    @Test func characterReferencesStillGiveACarriageReturn() throws {
        #expect(XMLScanner.decode(Array("a&#13;&#xD;b".utf8)) == "a\r\rb")
    }
}
