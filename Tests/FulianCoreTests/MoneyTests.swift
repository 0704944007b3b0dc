import FulianCore
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("1,234.50", Money.Unit.yuan, Int64(123_450)),
        ("¥1234.5", .yuan, 123_450),
        ("￥8,000.00", .yuan, 800_000),
        ("1234.5元", .yuan, 123_450),
        ("0.12万元", .yuan, 120_000),
        ("0.12", .wanYuan, 120_000),
        ("0.0625", .wanYuan, 62_500),
        ("3000.5元", .yuan, 300_050),
        ("-5", .yuan, -500),
        ("1e3", .yuan, 100_000),
    ])
    func parsesClerkAmountsExactly(text: String, unit: Money.Unit, fen: Int64) throws {
        #expect(try Money.parse(text, unit: unit).get().fen == fen)
    }

    @Test func rejectsWhatIsNotMoney() {
        #expect(Money.parse("待定") == .failure(.notANumber))
        #expect(Money.parse("1.2.3") == .failure(.notANumber))
        #expect(Money.parse("12.345") == .failure(.fractionOfFen))
        #expect(Money.parse("99999999999999999999") == .failure(.tooLarge))
    }

    @Test func numbersFromCellsAvoidBinaryNoise() throws {
        // 0.1 + 0.2 style noise must not leak into fen.
        #expect(try Money.fromNumber(37601.5).get().fen == 3_760_150)
        #expect(try Money.fromNumber(0.03875, unit: .wanYuan).get().fen == 38_750)
        #expect(try Money.fromNumber(0.1 + 0.2).get().fen == 30)
    }

    @Test func yuanStringHasTwoDecimals() {
        #expect(Money(fen: 11_837_650).yuanString == "118376.50")
        #expect(Money(fen: -5).yuanString == "-0.05")
    }
}
