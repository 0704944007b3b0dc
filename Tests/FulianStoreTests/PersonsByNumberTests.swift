@testable import FulianStore
import Testing

/// The batch's persons by ID number against the standard dictionary, through growth and long probe runs.
struct PersonsByNumberTests {
    @Test func lookUpsAgreeWithADictionary() {
        var table = PersonsByNumber()
        var reference: [Int64: Int64] = [:]
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var mismatches = 0
        for i in 0..<120_000 {
            // ID-like keys (17 digits), keys that differ in their last digits only, 0, and repeats of earlier keys.
            let key: Int64
            switch i % 4 {
            case 0: key = 43_995_119_800_101_000 + Int64(next() % 1_000_000)
            case 1: key = Int64(next() % 100_000_000_000_000_000)
            case 2: key = Int64(i / 4) << 20
            default: key = Int64(next() % 8)
            }
            if table[key] != reference[key] { mismatches += 1 }
            if reference[key] == nil {
                let id = Int64(i + 1)
                table[key] = id
                reference[key] = id
            }
        }
        #expect(mismatches == 0)
        #expect(table.count == reference.count && table.count > 80_000)
        #expect(reference.allSatisfy { table[$0.key] == $0.value })
        for k: Int64 in [-1, 1 << 62, 99_999_999_999_999_999] where reference[k] == nil { #expect(table[k] == nil) }
    }
}
