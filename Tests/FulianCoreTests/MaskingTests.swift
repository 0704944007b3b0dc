import FulianCore
import Testing

@Suite struct MaskingTests {
    @Test func masksIDAndPhone() {
        #expect(Masking.idNumber("11010519491231002X") == "110105********002X")
        #expect(Masking.phone("13970107275") == "139****7275")
        #expect(Masking.scrub("ID 11010519491231002X, tel 13970107275.") == "ID 110105********002X, tel 139****7275.")
    }
}
