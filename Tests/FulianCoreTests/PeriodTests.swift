import FulianCore
import Testing

@Suite struct PeriodTests {
    @Test(arguments: [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024H1", "2024-01-01", "2024-06-30"),
        ("2024Q1", "2024-01-01", "2024-03-31"),
        ("2024Q4", "2024-10-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024-01-15..2024-03-31", "2024-01-15", "2024-03-31"),
    ])
    func parses(text: String, start: String, end: String) throws {
        let p = try Period(parsing: text)
        #expect(p.start.iso == start)
        #expect(p.end.iso == end)
    }

    @Test func previousAndYearAgo() throws {
        let q1 = try Period(parsing: "2024Q1")
        #expect(q1.previous.label == "2023Q4")
        #expect(q1.yearAgo.label == "2023Q1")
        #expect(try Period(parsing: "2024-03").previous.label == "2024-02")
        #expect(try Period(parsing: "2024H1").previous.label == "2023H2")
    }

    @Test func rejectsNonsense() {
        #expect(throws: Period.ParseError.self) { try Period(parsing: "2024Q5") }
        #expect(throws: Period.ParseError.self) { try Period(parsing: "Q1") }
    }
}
