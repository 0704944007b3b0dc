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

    /// A unit written after the places it lies in, as lists write 所属社区 in full.
    @Test(arguments: [
        ("石马河街道丰台社区", "丰台社区"), ("沅阳区石马河街道丰台社区", "丰台社区"), ("石马河街道 丰台社区", "丰台社区"),
        ("石马河街道-丰台社区居委会", "丰台社区"), ("石马河街道办事处、望江社区", "望江社区"), ("华渡镇古坪村民委员会", "古坪村"),
        ("沅阳区华渡镇古坪村委会", "古坪村"), ("沅阳区石马河街道", "石马河街道"), ("石马河街道丰台社区妇联", "丰台社区"),
    ])
    func aUnitAfterItsPlaceResolves(typed: String, canonical: String) throws {
        #expect(try register.resolve(typed).get().name == canonical)
    }

    /// The unit must lie under the place written before it, and the place must be written out: a bare core
    /// (石马河丰台社区) could be a different name altogether.
    @Test(arguments: ["华渡镇丰台社区", "石马河街道古坪村", "石马河丰台社区", "石马河街道火星社区"])
    func aUnitUnderAnotherPlaceOrAfterABareCoreDoesNot(typed: String) {
        if case .success(let u) = register.resolve(typed) { Issue.record("\(typed) resolved to \(u.name)") }
    }

    @Test func streetOfACommunity() throws {
        let u = try register.resolve("丰台社区").get()
        #expect(register.street(of: u)?.name == "石马河街道")
    }
}

extension OrgRegister.Failure: @retroactive Equatable {}

/// The district a register's title names, for the streets it creates.
@Suite struct DistrictInTitleTests {
    @Test(arguments: [
        ("兰江区2024年社区（村）基本情况统计表", "兰江区"),
        ("兰江区妇联组织建设情况登记表", "兰江区"),
        ("浙江省金华市兰江区社区名册", "兰江区"),
        ("青溪县2024年村（社区）妇联统计", "青溪县"),
        ("金华市义乌市妇联基层组织统计表", "义乌市"),
        ("达拉特旗基层妇联名册", "达拉特旗"),
    ])
    func districtNamed(title: String, district: String) {
        #expect(OrgRegister.district(inTitle: title) == district)
    }

    @Test(arguments: ["2024年社区统计表", "社区名册", "东湖街道2024年社区名册", "金华市妇联统计表"])
    func noDistrict(title: String) {
        #expect(OrgRegister.district(inTitle: title) == nil)
    }
}
