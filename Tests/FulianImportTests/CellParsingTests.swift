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

    // Habit 3: months and years alone are their first day, with the precision for the warning.
    @Test(arguments: [
        ("2018年6月", "2018-06-01", DatePrecision.month), ("2018年06月", "2018-06-01", .month), ("2021.11", "2021-11-01", .month),
        ("2021-11", "2021-11-01", .month), ("2021/11", "2021-11-01", .month), ("202111", "2021-11-01", .month),
        ("２０２１年１１月", "2021-11-01", .month), ("2018年6月份", "2018-06-01", .month), ("2018.06.", "2018-06-01", .month),
        ("2018年", "2018-01-01", .year), ("2018", "2018-01-01", .year), ("2018年度", "2018-01-01", .year),
        ("2024-01-05", "2024-01-05", .day), ("20240105", "2024-01-05", .day), ("45321", "2024-01-30", .day),
    ])
    func partialTextDates(text: String, iso: String, precision: DatePrecision) throws {
        let v = try #require(try CellParsing.dateValue(.text(text), system: .system1900))
        #expect(v.date.iso == iso)
        #expect(v.precision == precision)
        #expect(try CellParsing.date(.text(text), system: .system1900)?.iso == iso)
    }

    @Test func partialDateWarnings() throws {
        let month = try #require(try CellParsing.dateValue(.text("2018年6月"), system: .system1900))
        #expect(month.partialWarning == ValueProblem("partial-date", "2018年6月 is a month only; taken as 2018-06-01"))
        let year = try #require(try CellParsing.dateValue(.text("2018年"), system: .system1900))
        #expect(year.partialWarning == ValueProblem("partial-date", "2018年 is a year only; taken as 2018-01-01"))
        #expect(try CellParsing.dateValue(.text("2024-01-05"), system: .system1900)?.partialWarning == nil)
    }

    /// Number cells: a serial, except a year (1900–2100), yyyymm and yyyymmdd numbers, and yyyy.mm.
    @Test func partialNumberDates() throws {
        func value(_ n: Double) throws -> (String, DatePrecision)? {
            try CellParsing.dateValue(.number(n), system: .system1900).map { ($0.date.iso, $0.precision) }
        }
        #expect(try value(2018)! == ("2018-01-01", .year))
        #expect(try value(2021.11)! == ("2021-11-01", .month))
        #expect(try value(2018.6)! == ("2018-06-01", .month))
        #expect(try value(201806)! == ("2018-06-01", .month))
        #expect(try value(20240105)! == ("2024-01-05", .day))
        #expect(try value(45321)! == ("2024-01-30", .day))
        #expect(try value(1899)! == ("1905-03-13", .day))
        let warning = try CellParsing.dateValue(.number(2018), system: .system1900)?.partialWarning
        #expect(warning == ValueProblem("partial-date", "2018 is a year only; taken as 2018-01-01"))
        #expect(throws: ValueProblem("bad-date", "2021.1 is ambiguous: 2021年1月 or 2021年10月 (Excel drops the 0 of 2021.10 typed as a number); type the month as text, e.g. 2021年10月")) {
            try CellParsing.dateValue(.number(2021.1), system: .system1900)
        }
        // A date cell is always a full date.
        #expect(try CellParsing.dateValue(.date(CivilDate(year: 2018, month: 6, day: 1)!), system: .system1900)?.precision == .day)
    }

    @Test func badPartialDates() {
        #expect(throws: ValueProblem("bad-date", "2018年13月 is not a calendar date")) {
            try CellParsing.dateValue(.text("2018年13月"), system: .system1900)
        }
        #expect(throws: ValueProblem("bad-date", "6月5日 is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)")) {
            try CellParsing.dateValue(.text("6月5日"), system: .system1900)
        }
        #expect(throws: ValueProblem("bad-date", "1234 is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)")) {
            try CellParsing.dateValue(.text("1234"), system: .system1900)
        }
    }

    @Test func flagDatesKeepThePrecision() throws {
        let v = try CellParsing.flagDateValue(.text("2015年"), system: .system1900)
        #expect(v.flag == .date(CivilDate(year: 2015, month: 1, day: 1)!))
        #expect(v.date?.precision == .year)
        #expect(try CellParsing.flagDateValue(.text("是"), system: .system1900).date == nil)
    }

    @Test func phones() throws {
        #expect(try CellParsing.phone(.text("139 0000 1234")) == "13900001234")
        #expect(try CellParsing.phone(.number(13900001234)) == "13900001234")
        #expect(try CellParsing.phone(.text("0571-88881234")) == "0571-88881234")
        #expect(try CellParsing.phone(.text("(0571)88881234转802")) == "(0571)88881234转802")
        #expect(try CellParsing.phone(.text("+8613900001234")) == "+8613900001234")
        #expect(try CellParsing.phone(.text("13900001234/88881234")) == "13900001234/88881234")
        #expect(try CellParsing.phone(.empty) == nil)
        #expect(throws: ValueProblem("bad-phone", "12345 is not a phone number (5 digits; a phone has at least 7)")) {
            try CellParsing.phone(.text("12345"))
        }
        #expect(throws: ValueProblem("bad-phone", "无 is not a phone number")) { try CellParsing.phone(.text("无")) }
        #expect(throws: ValueProblem("bad-phone", "139****1234/123 is not a phone number (3 digits; a phone has at least 7)")) {
            try CellParsing.phone(.text("13900001234/123"))
        }
    }

    // Habit 4: ID numbers as people type them.
    @Test(arguments: ["439951 19900307 002X", "439951-1990-0307-002X", "439951-19900307-002x", "４３９９５１　１９９００３０７　００２Ｘ",
                      "439951—19900307—002X"])
    func idNumbersWithSeparators(text: String) throws {
        #expect(try CellParsing.idNumber(.text(text))?.value == "43995119900307002X")
    }

    @Test func fifteenDigitIDInANumberCellIsComplete() throws {
        #expect(try CellParsing.idNumber(.number(439951900307002))?.value == "43995119900307002X")
        #expect(try CellParsing.idNumber(.text("439951900307002.0"))?.value == "43995119900307002X")
        #expect(throws: ValueProblem("lost-digits", "the ID number is stored as a number, so Excel kept only 15 digits; format the column as text and type the number again")) {
            try CellParsing.idNumber(.number(4399511990030700))
        }
        #expect(throws: ValueProblem("lost-digits", "the ID number was stored as a number, so Excel kept only 15 digits; format the column as text and type the number again")) {
            try CellParsing.idNumber(.text("439951199003070000.0"))
        }
        #expect(throws: ValueProblem("bad-id", "the ID number *****19 has 7 characters, expected 18 (or 15 for an old number)")) {
            try CellParsing.idNumber(.number(4399519))
        }
        #expect(throws: ValueProblem("bad-check-digit", "the ID number 439951********0021 fails its check digit (GB 11643): a digit was mistyped; check it against the ID card")) {
            try CellParsing.idNumber(.text("439951-19900307-0021"))
        }
    }
}
