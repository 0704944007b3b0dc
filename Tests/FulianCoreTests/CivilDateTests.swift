import FulianCore
import Testing

@Suite struct CivilDateTests {
    @Test func excelSerials() {
        #expect(ExcelDateSystem.system1900.dateTime(fromSerial: 45321)?.date.iso == "2024-01-30")
        #expect(ExcelDateSystem.system1900.dateTime(fromSerial: 61)?.date.iso == "1900-03-01")
        #expect(ExcelDateSystem.system1900.dateTime(fromSerial: 60) == nil)  // 1900-02-29 never existed
        #expect(ExcelDateSystem.system1904.dateTime(fromSerial: 0)?.date.iso == "1904-01-01")
        #expect(ExcelDateSystem.system1900.serial(of: CivilDate(year: 2024, month: 1, day: 30)!) == 45321)
    }

    @Test func calendar() {
        #expect(CivilDate(year: 2024, month: 2, day: 30) == nil)
        #expect(CivilDate(year: 2024, month: 1, day: 31)!.adding(months: 1).iso == "2024-02-29")
        #expect(CivilDate(iso: "2024-03-31")?.lastOfMonth.iso == "2024-03-31")
    }

    @Test func theISOFormIsFourTwoAndTwoDigitsForEveryDayOfTheYears1To9999() {
        func padded(_ v: Int, _ width: Int) -> String { String(repeating: "0", count: width - String(v).count) + String(v) }
        var day = CivilDate(year: 1, month: 1, day: 1)!.daysSince1970
        let end = CivilDate(year: 9999, month: 12, day: 31)!.daysSince1970
        var checked = 0
        while day <= end {
            let d = CivilDate(daysSince1970: day)
            #expect(d.iso == "\(padded(d.year, 4))-\(padded(d.month, 2))-\(padded(d.day, 2))")
            #expect(d.withISOBytes { Array($0) } == Array(d.iso.utf8))
            day += 37
            checked += 1
        }
        #expect(checked == 98_705)
        #expect(CivilDate(year: 7, month: 3, day: 9)!.iso == "0007-03-09")
    }
}
