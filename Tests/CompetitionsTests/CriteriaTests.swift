import Testing
@testable import Competitions

@Suite struct CriteriaTests {
    @Test func criteriaKeysAreTheEvaluationSheetsFields() {
        #expect(Criterion.allCases.map(\.key) == ["priority", "relevance", "social_efficiency", "feasibility",
                                                  "justification", "economic_efficiency"])
    }
}
