import FulianCore
import Testing

@Suite struct IDNumberTests {
    @Test func validEighteenDigitNumberWithLowercaseX() throws {
        let id = try IDNumber.parse("43992120140212228x").get()
        #expect(id.value == "43992120140212228X")
        #expect(id.birthDate == CivilDate(year: 2014, month: 2, day: 12)!)
        #expect(id.gender == .female)
        #expect(id.masked == "439921********228X")
    }

    @Test func fullWidthDigitsAreFolded() throws {
        #expect(try IDNumber.parse("４３９９２１２０１４０８０１９１３６").get().value == "439921201408019136")
    }

    @Test func fifteenDigitLegacyNumberIsUpgraded() throws {
        // 15-digit form of 11010519491231002X.
        #expect(try IDNumber.parse("110105491231002").get().value == "11010519491231002X")
    }

    @Test func problems() {
        #expect(IDNumber.parse("110105194912310021") == .failure(.badCheckDigit))
        #expect(IDNumber.parse("110105194902300026").isFailure)
        if case .failure(.malformed) = IDNumber.parse("12345") {} else { Issue.record("expected malformed") }
    }
}

extension Result {
    var isFailure: Bool { if case .failure = self { true } else { false } }
}
