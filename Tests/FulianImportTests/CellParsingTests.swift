import FulianCore
import FulianImport
import FulianSheets
import Testing

@Suite struct CellParsingTests {
    @Test(arguments: [
        ("2024-01-05", "2024-01-05"), ("2024/1/5", "2024-01-05"), ("2024.1.5", "2024-01-05"),
        ("2024年1月5日", "2024-01-05"), ("20240105", "2024-01-05"), ("２０２４年５月１３日", "2024-05-13"),
        (" 2024-1-5 ", "2024-01-05"), ("2024-01-05 08:30", "2024-01-05"), ("45321", "2024-01-30"),
    ])
    func textDates(text: String, iso: String) throws {
        #expect(try CellParsing.date(.text(text), system: .system1900)?.iso == iso)
    }

    @Test func serialDatesInGeneralCells() throws {
        #expect(try CellParsing.date(.number(45321), system: .system1900)?.iso == "2024-01-30")
        #expect(try CellParsing.date(.number(43859), system: .system1904)?.iso == "2024-01-30")
        #expect(try CellParsing.date(.date(CivilDate(year: 2024, month: 3, day: 1)!), system: .system1900)?.iso == "2024-03-01")
        #expect(try CellParsing.date(.empty, system: .system1900) == nil)
    }

    @Test func impossibleDatesAreBadDate() {
        #expect(throws: ValueProblem("bad-date", "2024/2/30 is not a calendar date")) {
            try CellParsing.date(.text("2024/2/30"), system: .system1900)
        }
        #expect(throws: ValueProblem("bad-date", "下周一 is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)")) {
            try CellParsing.date(.text("下周一"), system: .system1900)
        }
    }

    @Test func money() throws {
        #expect(try CellParsing.money(.text("¥8,000.00"), unit: .yuan)?.fen == 800_000)
        #expect(try CellParsing.money(.text("0.12万元"), unit: .yuan)?.fen == 120_000)
        #expect(try CellParsing.money(.number(0.0625), unit: .wanYuan)?.fen == 62_500)
        #expect(try CellParsing.money(.text("１，２００"), unit: .yuan)?.fen == 120_000)
        #expect(throws: ValueProblem("bad-amount", "待定 is not an amount")) { try CellParsing.money(.text("待定"), unit: .yuan) }
    }

    @Test func idNumbers() throws {
        #expect(try CellParsing.idNumber(.text("43992120140212228x"))?.value == "43992120140212228X")
        #expect(throws: ValueProblem("lost-digits", "the ID number is stored as a number, so Excel kept only 15 digits; format the column as text and type the number again")) {
            try CellParsing.idNumber(.number(4.3992119871214e+17))
        }
        #expect(throws: ValueProblem("lost-digits", "the ID number is in scientific notation: Excel lost its last digits; format the column as text and type the number again")) {
            try CellParsing.idNumber(.text("4.39921198712140E+17"))
        }
        #expect(throws: ValueProblem("bad-check-digit", "the ID number 110105********0021 fails its check digit (GB 11643): a digit was mistyped; check it against the ID card")) {
            try CellParsing.idNumber(.text("110105194912310021"))
        }
        // 18 digits ending in 000 that fail the check: Excel's float rounding.
        #expect(throws: ValueProblem("lost-digits", "the ID number 439921********4000 ends in 000 and fails its check digit: Excel stored it as a number and lost its last digits")) {
            try CellParsing.idNumber(.text("439921198712144000"))
        }
    }

    @Test func flagsAndFlagDates() throws {
        #expect(try CellParsing.flagDate(.text("是"), system: .system1900) == .yesUnknownDate)
        #expect(try CellParsing.flagDate(.text("否"), system: .system1900) == FlagDate.none)
        #expect(try CellParsing.flagDate(.empty, system: .system1900) == FlagDate.none)
        #expect(try CellParsing.flagDate(.text("2021-04-07"), system: .system1900) == .date(CivilDate(year: 2021, month: 4, day: 7)!))
        #expect(try CellParsing.flag(.text("是")) == true)
    }

    @Test func counts() throws {
        #expect(try CellParsing.count(.text("1,200人")) == 1200)
        #expect(try CellParsing.count(.number(38)) == 38)
        #expect(throws: ValueProblem("bad-number", "2.5 is not a whole number")) { try CellParsing.count(.number(2.5)) }
    }
}

