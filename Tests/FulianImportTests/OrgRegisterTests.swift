import FulianCore
import FulianImport
import Testing

@Suite struct OrgRegisterTests {
    let register = OrgRegister([
        .init(id: 1, name: "沅阳区", kind: .district, parentId: nil),
        .init(id: 2, name: "石马河街道", kind: .street, parentId: 1),
        .init(id: 3, name: "华渡镇", kind: .town, parentId: 1),
        .init(id: 4, name: "丰台社区", kind: .community, parentId: 2),
        .init(id: 5, name: "古坪村", kind: .village, parentId: 3),
        .init(id: 6, name: "望江社区", kind: .community, parentId: 2),
    ])

    @Test(arguments: [
        ("石马河", "石马河街道"), ("石马河街道", "石马河街道"), ("石马河街道办事处", "石马河街道"), ("石马河 街道", "石马河街道"),
        ("丰台社区居委会", "丰台社区"), ("丰台居委会", "丰台社区"), ("丰台", "丰台社区"),
        ("古坪村委会", "古坪村"), ("华渡", "华渡镇"), ("华渡镇人民政府", "华渡镇"),
    ])
    func resolvesSuffixVariants(typed: String, canonical: String) throws {
        #expect(try register.resolve(typed).get().name == canonical)
    }

    @Test func aTypoIsASuggestionNotAMatch() {
        #expect(register.resolve("望江楼社区") == .failure(.unknown(suggestion: "望江社区")))
        #expect(register.resolve("火星社区") == .failure(.unknown(suggestion: nil)))
    }

    @Test func aSuffixedNameMatchesOnlyItsOwnFamily() {
        // 华渡社区 is not 华渡镇.
        if case .success = register.resolve("华渡社区") { Issue.record("华渡社区 must not resolve to 华渡镇") }
    }

    @Test func streetOfACommunity() throws {
        let u = try register.resolve("丰台社区").get()
        #expect(register.street(of: u)?.name == "石马河街道")
    }
}

extension OrgRegister.Failure: @retroactive Equatable {}
