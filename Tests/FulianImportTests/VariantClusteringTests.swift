import FulianImport
import Testing

/// The 名称归并 clusters of `fulian clean` on spellings as clerks type them.
struct VariantClusteringTests {
    @Test func suffixFamiliesWidthAndSpacesShareAFingerprint() {
        #expect(VariantClustering.fingerprint("石马河街道办事处") == VariantClustering.fingerprint("石马河"))
        #expect(VariantClustering.fingerprint("望江社区居委会") == VariantClustering.fingerprint("望江社区"))
        #expect(VariantClustering.fingerprint("古坪村委会") == VariantClustering.fingerprint("古坪村"))
        #expect(VariantClustering.fingerprint("华渡镇人民政府") == VariantClustering.fingerprint("华渡镇"))
        #expect(VariantClustering.fingerprint(" 春蕾计划（２０２４）") == VariantClustering.fingerprint("春蕾计划(2024)"))
    }

    @Test func realisticVariantsClusterAndDistinctUnitsDoNot() {
        let counts = ["石马河街道": 40, "石马河": 7, "石马河街道办事处": 3, "望江社区": 12, "望江社区居委会": 2, "望江楼社区": 1,
                      "华渡镇": 30, "古坪村": 9]
        let clusters = VariantClustering.clusters(counts, field: "org")
        let sets = clusters.map { Set($0.spellings.map(\.text)) }
        #expect(sets.contains(["石马河街道", "石马河", "石马河街道办事处"]))
        #expect(sets.contains(["望江社区", "望江社区居委会", "望江楼社区"]))
        #expect(!sets.contains { $0.contains("华渡镇") || $0.contains("古坪村") })
        // Most frequent spelling first: the one a clerk will usually confirm.
        let shima = clusters.first { $0.spellings.contains { $0.text == "石马河" } }!
        #expect(shima.spellings.map(\.text) == ["石马河街道", "石马河", "石马河街道办事处"])
        #expect(shima.spellings.map(\.count) == [40, 7, 3])
        #expect(shima.field == "org")
    }
}
