import FulianCore
import Testing

@Suite struct MaskingTests {
    @Test func masksIDAndPhone() {
        #expect(Masking.idNumber("11010519491231002X") == "110105********002X")
        // ASCII IDs go by bytes; others by characters, with the same result.
        #expect(Masking.idNumber("110105491231002") == "110105*****1002")
        #expect(Masking.idNumber("１１０１０５１９４９１２３１００２Ｘ") == "１１０１０５********００２Ｘ")
        #expect(Masking.idNumber("11010519491231002X号") == "110105*********02X号")
        #expect(Masking.idNumber("1101051949") == "110*******")
        #expect(Masking.phone("13970107275") == "139****7275")
        #expect(Masking.scrub("ID 11010519491231002X, tel 13970107275.") == "ID 110105********002X, tel 139****7275.")
    }

    @Test(arguments: [
        ("ID 11010519491231002X, tel 13970107275.", "ID 110105********002X, tel 139****7275."),
        ("439951199001011234", "439951********1234"),
        ("旧证110105491231002", "旧证110105*****1002"),                 // 15-digit ID
        ("１３９７０１０７２７５", "１３９****７２７５"),                   // full-width digits
        ("65.2419444", "65.2419444"), ("3.14159265358979", "3.14159265358979"),
        ("13970107275.5", "13970107275.5"), ("0.13970107275", "0.13970107275"),
        ("1234567", "1234567"), ("23970107275", "23970107275"),         // 11 digits not starting with 1
        ("1234567890123456", "1234567890123456"),                       // 16 digits: not an ID
        ("电话：13970107275；", "电话：139****7275；"), ("", ""),
    ])
    func scrubPersonalNumbersMasksOnlyIDsAndMobiles(text: String, shown: String) {
        #expect(Masking.scrubPersonalNumbers(text) == shown)
    }
}
