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

    @Test(arguments: [
        ("1000元整", Money.Unit.yuan, Int64(100_000)),
        ("￥1,000.00元整", .yuan, 100_000),
        ("1000元/人", .yuan, 100_000),
        ("500元/户", .yuan, 50_000),
        ("每人 500 元", .yuan, 50_000),
        ("0.3万元/户", .yuan, 300_000),
        ("壹仟元整", .yuan, 100_000),
        ("人民币壹仟贰佰叁拾肆元伍角陆分", .yuan, 123_456),
        ("贰拾万元", .yuan, 20_000_000),
        ("一亿二千万元", .yuan, 12_000_000_000),
        ("两千元", .yuan, 200_000),
        ("十五元", .yuan, 1_500),
        ("一百零五元", .yuan, 10_500),
        ("一千零十元", .yuan, 101_000),
        ("1万2千元", .yuan, 1_200_000),
        ("3千元", .yuan, 300_000),
        ("叁拾元伍角", .yuan, 3_050),
        ("壹佰元零伍分", .yuan, 10_005),
        ("伍角", .yuan, 50),
        ("伍佰圆正", .yuan, 50_000),
        ("壹仟元/人", .yuan, 100_000),
        ("贰拾", .wanYuan, 20_000_000),
        ("贰拾元", .wanYuan, 2_000),
        ("陆仟", .yuan, 600_000),
    ])
    func readsAmountsInWordsAndWithTheirMarks(text: String, unit: Money.Unit, fen: Int64) throws {
        #expect(try Money.parse(text, unit: unit).get().fen == fen)
    }

    @Test func rejectsNumeralsThatAreNoAmount() {
        for text in ["元", "整", "一二元", "伍仟伍仟元", "万万元", "千百元", "三块五", "1000元/月", "伍角伍角", "二〇二四年", "壹仟元整整"] {
            #expect(Money.parse(text) == .failure(.notANumber), "\(text)")
        }
        #expect(Money.parse("9999999999999999亿元") == .failure(.tooLarge))
        #expect(Money.parseNumerals("1234.5") == nil)
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
