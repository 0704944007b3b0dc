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
        expectProblem("bad-date", en: "2024/2/30 is not a calendar date", zh: "2024/2/30 不是日历上的日期") {
            try CellParsing.date(.text("2024/2/30"), system: .system1900)
        }
        expectProblem("bad-date", en: "下周一 is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)", zh: "下周一 不是有效日期（应写作 2024-01-05、2024/1/5 或 2024年1月5日）") {
            try CellParsing.date(.text("下周一"), system: .system1900)
        }
    }

    @Test func money() throws {
        #expect(try CellParsing.money(.text("¥8,000.00"), unit: .yuan)?.fen == 800_000)
        #expect(try CellParsing.money(.text("0.12万元"), unit: .yuan)?.fen == 120_000)
        #expect(try CellParsing.money(.number(0.0625), unit: .wanYuan)?.fen == 62_500)
        #expect(try CellParsing.money(.text("１，２００"), unit: .yuan)?.fen == 120_000)
        // As written on 发放表 and receipts: in words, 整 after 元, a payee's own rate, a full-width slash.
        #expect(try CellParsing.money(.text("人民币 壹仟贰佰元整"), unit: .yuan)?.fen == 120_000)
        #expect(try CellParsing.money(.text("１０００元／人"), unit: .yuan)?.fen == 100_000)
        #expect(try CellParsing.money(.text("贰拾"), unit: .wanYuan)?.fen == 20_000_000)
        expectProblem("bad-amount", en: "500元/月 is not an amount", zh: "500元/月 不是金额") { try CellParsing.money(.text("500元/月"), unit: .yuan) }
        expectProblem("bad-amount", en: "待定 is not an amount", zh: "待定 不是金额") { try CellParsing.money(.text("待定"), unit: .yuan) }
    }

    @Test func idNumbers() throws {
        #expect(try CellParsing.idNumber(.text("43992120140212228x"))?.value == "43992120140212228X")
        expectProblem("lost-digits", en: "the ID number is stored as a number, so Excel kept only 15 digits; format the column as text and type the number again", zh: "身份证号以数字格式保存，Excel 只保留了 15 位有效数字；请把该列设为文本格式后重新输入号码") {
            try CellParsing.idNumber(.number(4.3992119871214e+17))
        }
        expectProblem("lost-digits", en: "the ID number is in scientific notation: Excel lost its last digits; format the column as text and type the number again", zh: "身份证号显示为科学计数法，Excel 已丢失末几位数字；请把该列设为文本格式后重新输入号码") {
            try CellParsing.idNumber(.text("4.39921198712140E+17"))
        }
        expectProblem("bad-check-digit", en: "the ID number 110105********0021 fails its check digit (GB 11643): a digit was mistyped; check it against the ID card", zh: "身份证号 110105********0021 校验位不符（GB 11643），可能有数字录错，请对照身份证核对") {
            try CellParsing.idNumber(.text("110105194912310021"))
        }
        // 18 digits ending in 000 that fail the check: Excel's float rounding.
        expectProblem("lost-digits", en: "the ID number 439921********4000 ends in 000 and fails its check digit: Excel stored it as a number and lost its last digits", zh: "身份证号 439921********4000 以 000 结尾且校验位不符：Excel 曾以数字格式保存，丢失了末几位数字") {
            try CellParsing.idNumber(.text("439921198712144000"))
        }
        // A cell left empty in words is empty: no ID number, not a wrong one.
        for empty in ["无", "暂无", "/", "—", "未提供", " 无 "] {
            #expect(try CellParsing.idNumber(.text(empty)) == nil, "\(empty)")
        }
        expectProblem("bad-id", en: "the ID number 无效 has 2 characters, expected 18 (or 15 for an old number)", zh: "身份证号 无效 有 2 位，应为 18 位（旧号码为 15 位）") {
            try CellParsing.idNumber(.text("无效"))
        }
    }

    @Test func flagsAndFlagDates() throws {
        #expect(try CellParsing.flagDate(.text("是"), system: .system1900) == .yesUnknownDate)
        #expect(try CellParsing.flagDate(.text("否"), system: .system1900) == FlagDate.none)
        #expect(try CellParsing.flagDate(.empty, system: .system1900) == FlagDate.none)
        #expect(try CellParsing.flagDate(.text("2021-04-07"), system: .system1900) == .date(CivilDate(year: 2021, month: 4, day: 7)!))
        // A yes with its date.
        for (text, iso, precision) in [("是（2019年）", "2019-01-01", DatePrecision.year), ("已建(2019.6)", "2019-06-01", .month),
                                       ("2020.5建成", "2020-05-01", .month), ("2019年6月建立", "2019-06-01", .month),
                                       ("2018年3月8日挂牌", "2018-03-08", .day), ("2018年成立", "2018-01-01", .year)] {
            let v = try CellParsing.flagDateValue(.text(text), system: .system1900)
            #expect(v.flag == .date(CivilDate(iso: iso)!) && v.date?.precision == precision, "\(text)")
        }
        #expect(throws: ValueProblem.self) { try CellParsing.flagDate(.text("否（2019年）"), system: .system1900) }
        #expect(throws: ValueProblem.self) { try CellParsing.flagDate(.text("待定建立"), system: .system1900) }
        #expect(try CellParsing.flag(.text("是")) == true)
        // The ways registers say it.
        for yes in ["有", "已建", "已建立", "建立", "已成立", "已组建", "建成", "√", "✓", "✔", "Y", "１"] {
            #expect(try CellParsing.flag(.text(yes)) == true, "\(yes)")
        }
        for no in ["无", "未建", "未建立", "未成立", "未组建", "没有", "暂无", "×", "✗", "✘", "N", "/", "-"] {
            #expect(try CellParsing.flag(.text(no)) == false, "\(no)")
        }
        expectProblem("bad-flag", en: "筹建中 is neither 是 nor 否", zh: "筹建中 既不是“是”也不是“否”") { try CellParsing.flag(.text("筹建中")) }
    }

    /// A unit's type from its name when no type column says it: 区 and 县 are districts, 小区 and 园区 are not.
    @Test func unitTypesFromNames() {
        #expect(OrgKind(label: "社区居民委员会") == .community && OrgKind(label: "村民委员会") == .village)
        #expect(OrgKind(label: "小区") == .other && OrgKind(label: "民办非企业单位") == .socialOrg && OrgKind(label: "非公有制企业") == .enterprise)
    }

    @Test func counts() throws {
        #expect(try CellParsing.count(.text("1,200人")) == 1200)
        #expect(try CellParsing.count(.number(38)) == 38)
        expectProblem("bad-number", en: "2.5 is not a whole number", zh: "2.5 不是整数") { try CellParsing.count(.number(2.5)) }
        // Ledger habits: other measure words, numerals, a breakdown after the count.
        #expect(try CellParsing.count(.text("30名")) == 30)
        #expect(try CellParsing.count(.text("12位")) == 12)
        #expect(try CellParsing.count(.text("五十人")) == 50)
        #expect(try CellParsing.count(.text("一百二十人次")) == 120)
        #expect(try CellParsing.count(.text("两千")) == 2000)
        #expect(try CellParsing.count(.text("50人（其中妇女40人）")) == 50)
        #expect(try CellParsing.count(.text("50人，其中妇女40人")) == 50)
        expectProblem("bad-number", en: "五十元 is not a whole number", zh: "五十元 不是整数") { try CellParsing.count(.text("五十元")) }
        expectProblem("bad-number", en: "其中40人 is not a whole number", zh: "其中40人 不是整数") { try CellParsing.count(.text("其中40人")) }
        // Approximate: the number, said so; a range is its lower end.
        for (text, value) in [("30余名", Int64(30)), ("100+", 100), ("约100-120人", 100), ("80~100", 80), ("20多位", 20)] {
            let v = try CellParsing.countValue(.text(text))
            #expect(v.value == value && v.approximate, "\(text)")
        }
        expectProblem("bad-number", en: "120-100 is not a whole number", zh: "120-100 不是整数") { try CellParsing.countValue(.text("120-100")) }
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
        expectProblem(month.warning, "partial-date", en: "2018年6月 is a month only; taken as 2018-06-01", zh: "2018年6月 只写了年月，按 2018-06-01 计")
        let year = try #require(try CellParsing.dateValue(.text("2018年"), system: .system1900))
        expectProblem(year.warning, "partial-date", en: "2018年 is a year only; taken as 2018-01-01", zh: "2018年 只写了年份，按 2018-01-01 计")
        #expect(try CellParsing.dateValue(.text("2024-01-05"), system: .system1900)?.warning == nil)
    }

    /// An event's days in one cell: the first is the date, the last is kept for the `date-span` warning.
    @Test(arguments: [
        ("2024.4.20—4.21", "2024-04-20", "2024-04-21"), ("2024年4月13日-14日", "2024-04-13", "2024-04-14"),
        ("2024年5月10日至12日", "2024-05-10", "2024-05-12"), ("2024-04-20~2024-04-22", "2024-04-20", "2024-04-22"),
        ("2024-04-20-22", "2024-04-20", "2024-04-22"), ("2024年4月30日到5月2日", "2024-04-30", "2024-05-02"),
        ("2024.12.30-1.2", "2024-12-30", "2025-01-02"), ("2024/4/20 – 2024/4/21", "2024-04-20", "2024-04-21"),
        ("2024年4月13号～15号", "2024-04-13", "2024-04-15"),
    ])
    func daySpans(text: String, start: String, end: String) throws {
        let v = try #require(try CellParsing.dateValue(.text(text), system: .system1900))
        #expect(v.date.iso == start)
        #expect(v.spanEnd?.iso == end)
        #expect(v.precision == .day)
    }

    @Test func daySpanWarningAndWhatIsNoSpan() throws {
        let v = try #require(try CellParsing.dateValue(.text("2024.4.20—4.21"), system: .system1900))
        expectProblem(v.warning, "date-span", en: "2024.4.20—4.21 is a span of days (2024-04-20 to 2024-04-21); taken as its first day, 2024-04-20",
                      zh: "2024.4.20—4.21 是起止日期（2024-04-20 至 2024-04-21），按开始日 2024-04-20 计")
        // A time, a part of the day, or an end before the start (or more than a year after it) is no span.
        #expect(try CellParsing.dateValue(.text("2024-03-28 14:30"), system: .system1900)?.spanEnd == nil)
        #expect(try CellParsing.dateValue(.text("2024年3月8日14:30"), system: .system1900)?.date.iso == "2024-03-08")
        #expect(try CellParsing.dateValue(.text("2024年3月8日上午9点"), system: .system1900)?.spanEnd == nil)
        for text in ["2024.4.20—4.19", "2024.4.20-2026.4.20", "2024.4.20—4.31", "2024.4—2024.6"] {
            #expect(throws: ValueProblem.self, "\(text)") { try CellParsing.dateValue(.text(text), system: .system1900) }
        }
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
        let warning = try CellParsing.dateValue(.number(2018), system: .system1900)?.warning
        expectProblem(warning, "partial-date", en: "2018 is a year only; taken as 2018-01-01", zh: "2018 只写了年份，按 2018-01-01 计")
        expectProblem("bad-date", en: "2021.1 is ambiguous: 2021年1月 or 2021年10月 (Excel drops the 0 of 2021.10 typed as a number); type the month as text, e.g. 2021年10月", zh: "2021.1 有歧义：可能是 2021年1月，也可能是 2021年10月（把 2021.10 当数字输入时 Excel 会去掉末尾的 0）；请把月份写成文本，如 2021年10月") {
            try CellParsing.dateValue(.number(2021.1), system: .system1900)
        }
        // A date cell is always a full date.
        #expect(try CellParsing.dateValue(.date(CivilDate(year: 2018, month: 6, day: 1)!), system: .system1900)?.precision == .day)
    }

    @Test func badPartialDates() {
        expectProblem("bad-date", en: "2018年13月 is not a calendar date", zh: "2018年13月 不是日历上的日期") {
            try CellParsing.dateValue(.text("2018年13月"), system: .system1900)
        }
        expectProblem("bad-date", en: "6月5日 is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)", zh: "6月5日 不是有效日期（应写作 2024-01-05、2024/1/5 或 2024年1月5日）") {
            try CellParsing.dateValue(.text("6月5日"), system: .system1900)
        }
        expectProblem("bad-date", en: "1234 is not a date (expected e.g. 2024-01-05, 2024/1/5, 2024年1月5日)", zh: "1234 不是有效日期（应写作 2024-01-05、2024/1/5 或 2024年1月5日）") {
            try CellParsing.dateValue(.text("1234"), system: .system1900)
        }
    }

    /// Dates written in numerals, as on letters and certificates: a full date, no warning.
    @Test(arguments: [("二〇二四年三月八日", "2024-03-08"), ("二零二四年十二月三十一日", "2024-12-31"), ("二○二四年十月一日", "2024-10-01"),
                      ("2024年三月八日", "2024-03-08"), ("二〇二四年3月8号", "2024-03-08"), ("二〇二四年二月二十九日", "2024-02-29")])
    func datesInNumerals(text: String, iso: String) throws {
        let v = try #require(try CellParsing.dateValue(.text(text), system: .system1900))
        #expect(v.date.iso == iso && v.precision == .day && v.warning == nil)
    }

    /// A quarter or a third of a month where a date belongs: its first day, with a `partial-date` warning.
    @Test(arguments: [("2024年一季度", "2024-01-01", DatePrecision.quarter), ("2024年第1季度", "2024-01-01", .quarter),
                      ("2024年第三季度", "2024-07-01", .quarter), ("2024Q4", "2024-10-01", .quarter), ("2024年4季度", "2024-10-01", .quarter),
                      ("2024年3月上旬", "2024-03-01", .tenDays), ("2024年3月中旬", "2024-03-11", .tenDays), ("2024.3下旬", "2024-03-21", .tenDays),
                      ("二〇二四年三月", "2024-03-01", .month)])
    func quartersAndThirdsOfAMonth(text: String, iso: String, precision: DatePrecision) throws {
        let v = try #require(try CellParsing.dateValue(.text(text), system: .system1900))
        #expect(v.date.iso == iso && v.precision == precision)
        #expect(v.warning?.category == "partial-date")
    }

    @Test func quarterAndTenDaysWarningsAndWhatIsNoDate() throws {
        let q = try #require(try CellParsing.dateValue(.text("2024年一季度"), system: .system1900))
        expectProblem(q.warning, "partial-date", en: "2024年一季度 is a quarter only; taken as 2024-01-01", zh: "2024年一季度 只写了季度，按 2024-01-01 计")
        let t = try #require(try CellParsing.dateValue(.text("2024年3月下旬"), system: .system1900))
        expectProblem(t.warning, "partial-date", en: "2024年3月下旬 is a third of a month (上旬, 中旬 or 下旬) only; taken as 2024-03-21",
                      zh: "2024年3月下旬 只写了上、中、下旬，按 2024-03-21 计")
        let numerals = try #require(try CellParsing.dateValue(.text("二〇二四年三月"), system: .system1900))
        expectProblem(numerals.warning, "partial-date", en: "二〇二四年三月 is a month only; taken as 2024-03-01", zh: "二〇二四年三月 只写了年月，按 2024-03-01 计")
        for text in ["2024年第五季度", "2024年13月上旬", "二〇二四年十三月一日", "二〇二四年二月三十日", "上旬", "2024年上半年"] {
            #expect(throws: ValueProblem.self, "\(text)") { try CellParsing.dateValue(.text(text), system: .system1900) }
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
        expectProblem("bad-phone", en: "12345 is not a phone number (5 digits; a phone has at least 7)", zh: "12345 不是电话号码（只有 5 位数字，电话号码至少 7 位）") {
            try CellParsing.phone(.text("12345"))
        }
        expectProblem("bad-phone", en: "无 is not a phone number", zh: "无 不是电话号码") { try CellParsing.phone(.text("无")) }
        expectProblem("bad-phone", en: "139****1234/123 is not a phone number (3 digits; a phone has at least 7)", zh: "139****1234/123 不是电话号码（只有 3 位数字，电话号码至少 7 位）") {
            try CellParsing.phone(.text("13900001234/123"))
        }
    }

    // Habit 4: ID numbers as people type them.
    @Test(arguments: ["439951 19900307 002X", "439951-1990-0307-002X", "439951-19900307-002x", "４３９９５１　１９９００３０７　００２Ｘ",
                      "439951—19900307—002X"])
    func idNumbersWithSeparators(text: String) throws {
        #expect(try CellParsing.idNumber(.text(text))?.value == "43995119900307002X")
    }

    // ID numbers that a program or a person marked as text so Excel would keep the digits: a leading
    // apostrophe (straight, curly or back quote), a tab, or the CSV formula ="…".
    @Test(arguments: ["'43995119900307002X", "\u{2018}43995119900307002X", "`43995119900307002X", "\t43995119900307002X",
                      "=\"43995119900307002X\"", "=\"439951 19900307 002X\""])
    func idNumbersMarkedAsText(text: String) throws {
        #expect(try CellParsing.idNumber(.text(text))?.value == "43995119900307002X")
    }

    // Values copied out of web systems and PDFs carry invisible format characters: direction overrides
    // around an ID (U+202D … U+202C), zero-width spaces, a byte-order mark, soft hyphens. None is content.
    @Test(arguments: ["\u{202D}43995119900307002X\u{202C}", "43995119900307002X\u{200B}", "\u{FEFF}43995119900307002X",
                      "4399511990\u{00AD}0307002X", "\u{2066}43995119900307002X\u{2069}", "'\u{202D}43995119900307002X\u{202C}"])
    func idNumbersWithInvisibleCharacters(text: String) throws {
        #expect(try CellParsing.idNumber(.text(text))?.value == "43995119900307002X")
    }

    @Test func invisibleCharactersAreRemovedFromEveryValue() throws {
        #expect(TextNormalizer.foldWidth("\u{202D}王秀英\u{200B}\u{202C}") == "王秀英")
        #expect(TextNormalizer.clean(" 东湖\u{200D}社区\u{FEFF} ") == "东湖社区")
        #expect(TextNormalizer.mayChange("\u{200B}") && !TextNormalizer.mayChange("东湖社区"))
        #expect(try CellParsing.money(.text("\u{202D}1,200.00\u{202C}"), unit: .yuan)?.fen == 120_000)
        #expect(try CellParsing.phone(.text("\u{202D}13900001234\u{202C}")) == "13900001234")
        // A visible character of the same blocks stays: — (U+2014) and … (U+2026).
        #expect(TextNormalizer.foldWidth("东湖—白沙…") == "东湖—白沙…")
    }

    @Test func phonesAndCodesMarkedAsText() throws {
        #expect(try CellParsing.phone(.text("'13900001234")) == "13900001234")
        #expect(try CellParsing.phone(.text("=\"13900001234\"")) == "13900001234")
        #expect(CellParsing.withoutTextMark("'439951001000") == "439951001000")
        #expect(CellParsing.withoutTextMark("=SUM(A1)") == "=SUM(A1)")
        #expect(CellParsing.withoutTextMark("—东湖") == "—东湖")
    }

    @Test func aFormulaThatIsNotTextIsNotAnIDNumber() {
        expectProblem("bad-id", en: "the ID number =A1&B1 has 6 characters, expected 18 (or 15 for an old number)", zh: "身份证号 =A1&B1 有 6 位，应为 18 位（旧号码为 15 位）") {
            try CellParsing.idNumber(.text("=A1&B1"))
        }
    }

    @Test func fifteenDigitIDInANumberCellIsComplete() throws {
        #expect(try CellParsing.idNumber(.number(439951900307002))?.value == "43995119900307002X")
        #expect(try CellParsing.idNumber(.text("439951900307002.0"))?.value == "43995119900307002X")
        expectProblem("lost-digits", en: "the ID number is stored as a number, so Excel kept only 15 digits; format the column as text and type the number again", zh: "身份证号以数字格式保存，Excel 只保留了 15 位有效数字；请把该列设为文本格式后重新输入号码") {
            try CellParsing.idNumber(.number(4399511990030700))
        }
        expectProblem("lost-digits", en: "the ID number was stored as a number, so Excel kept only 15 digits; format the column as text and type the number again", zh: "身份证号曾以数字格式保存，Excel 只保留了 15 位有效数字；请把该列设为文本格式后重新输入号码") {
            try CellParsing.idNumber(.text("439951199003070000.0"))
        }
        expectProblem("bad-id", en: "the ID number *****19 has 7 characters, expected 18 (or 15 for an old number)", zh: "身份证号 *****19 有 7 位，应为 18 位（旧号码为 15 位）") {
            try CellParsing.idNumber(.number(4399519))
        }
        expectProblem("bad-check-digit", en: "the ID number 439951********0021 fails its check digit (GB 11643): a digit was mistyped; check it against the ID card", zh: "身份证号 439951********0021 校验位不符（GB 11643），可能有数字录错，请对照身份证核对") {
            try CellParsing.idNumber(.text("439951-19900307-0021"))
        }
    }
}
