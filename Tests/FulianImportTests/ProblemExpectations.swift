import FulianCore
import FulianImport
import Testing

/// Runs `body` and checks that it throws a ``ValueProblem`` of `category` worded exactly `en` and `zh`.
@discardableResult
func expectProblem<T>(_ category: String, en: String, zh: String, sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: () throws -> T) -> ValueProblem? {
    do {
        _ = try body()
        Issue.record("expected \(category), nothing was thrown", sourceLocation: sourceLocation)
    } catch let p as ValueProblem {
        #expect(p.category == category, sourceLocation: sourceLocation)
        #expect(p.message.text(.en) == en, sourceLocation: sourceLocation)
        #expect(p.message.text(.zh) == zh, sourceLocation: sourceLocation)
        return p
    } catch {
        Issue.record("expected \(category), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Checks a problem (a warning that is not thrown) against its category and both wordings.
func expectProblem(_ p: ValueProblem?, _ category: String, en: String, zh: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(p?.category == category, sourceLocation: sourceLocation)
    #expect(p?.message.text(.en) == en, sourceLocation: sourceLocation)
    #expect(p?.message.text(.zh) == zh, sourceLocation: sourceLocation)
}
