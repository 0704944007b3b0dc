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
}
