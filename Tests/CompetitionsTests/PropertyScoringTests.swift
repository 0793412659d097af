import Diagnostics
import RussianText
import Testing
@testable import Competitions

/// The scoring of the property competition (App. 4 of 001, points 46–48 and the table of
/// indicators, lines 2248–2281) on an example worked out by hand from the table's text.
@Suite struct PropertyScoringTests {
    static let here = SourceLocation(file: "test")

    static func application(_ id: String, _ kind: PropertyApplication.Kind, registered: String, relative: [Int64], expert: [Int],
                            people: Int, own: Int, residential: Int) -> PropertyApplication {
        PropertyApplication(id: id, organization: id.lowercased(), kind: kind, registered: CalendarDate(iso: registered)!,
                            relative: relative.map { DecimalNumber($0) }, expert: expert, area: DecimalNumber(180),
                            people: DecimalNumber(people), ownNonResidential: DecimalNumber(own),
                            residential: DecimalNumber(residential), location: here)
    }

    /// The object: 180 m², annual rent in the notice 120 000 rubles. Four applications:
    ///
    /// | indicator (max)                  | A (free use) | B (lease) | C (free use) | D (lease) |
    /// |----------------------------------|--------------|-----------|--------------|-----------|
    /// | 1 years since registration (5)   | 15 → 15/17·5 = 4,41 → 4 | 10 → 2,94 → 3 | 17 → 5 (best) | 6 → 1,76 → 2 |
    /// | 2 average funds (6)              | 2 000 000 → 4 | 1 500 000 → 3 | 3 000 000 → 6 | 500 000 → 1 |
    /// | 3 grants of NGOs (4)             | 0 → 0 (zero value) | 400 000 → 2 | 800 000 → 4 | 200 000 → 1 |
    /// | 4 budget subsidies (4)           | 600 000 → 2 | 960 000 → 3,2 → 3 | 0 → 0 | 1 200 000 → 4 |
    /// | 5 memberships > 5 years (4)      | 2 → 2,67 → 3 | 1 → 1,33 → 1 | 3 → 4 | 0 → 0 |
    /// | 6 memberships 1–5 years (2)      | 1 → 0,5 → 1 (half up) | 4 → 2 | 0 → 0 | 2 → 1 |
    /// | 7 staff (5)                      | 8 → 3,33 → 3 | 6 → 2,5 → 3 (half up) | 12 → 5 | 3 → 1,25 → 1 |
    /// | 8 volunteers (5)                 | 40 → 3,33 → 3 | 60 → 5 | 20 → 1,67 → 2 | 10 → 0,83 → 1 |
    /// | 9, 10 commission (15, 10)        | 12, 8 | 13, 7 | 2, 6 | 15, 5 |
    /// | criterion 1 (60)                 | 40 | 42 | 34 | 31 |
    /// | 11 m² per person (5)             | 15 people: 12 → 5 | 20: 9 → 5 (edge «от 9») | 6: 30 → 0 | 25: 7,2 → 1 |
    /// | 12 area ÷ own premises (5)       | none → 0 | 1 800: 0,1 → 1 (edge «от 0,1») | 150: 1,2 → 0 | 3 600: 0,05 → 5 |
    /// | 13 area ÷ residential (5)        | 90: 2 → 5 (edge «до 2») | none → 0 | 1 800: 0,1 → 0 (gap) | 400: 0,45 → 1 |
    /// | 14 rent ÷ funds (5)              | 0,06 → 3 | 0,08 → 3 | 0,04 → 5 | 0,24 → 2 |
    /// | 15, 16 commission (10, 10)       | 8, 9 | 9, 10 | 6, 5 | 5, 5 |
    /// | criterion 2 (40)                 | 30 | 28 | 16 | 19 |
    /// | rating                           | 70 | 70 + 1 = 71 (lease, tied at the top) | 50 | 50 |
    /// | order number                     | 2 | 1 — the recipient | 3 (acting since 2008) | 4 (since 2019) |
    @Test func theWorkedExample() {
        let applications = [
            Self.application("A", .freeUse, registered: "2010-05-01", relative: [15, 2_000_000, 0, 600_000, 2, 1, 8, 40],
                             expert: [12, 8, 8, 9], people: 15, own: 0, residential: 90),
            Self.application("B", .lease, registered: "2015-03-01", relative: [10, 1_500_000, 400_000, 960_000, 1, 4, 6, 60],
                             expert: [13, 7, 9, 10], people: 20, own: 1800, residential: 0),
            Self.application("C", .freeUse, registered: "2008-02-01", relative: [17, 3_000_000, 800_000, 0, 3, 0, 12, 20],
                             expert: [2, 6, 6, 5], people: 6, own: 150, residential: 1800),
            Self.application("D", .lease, registered: "2019-09-01", relative: [6, 500_000, 200_000, 1_200_000, 0, 2, 3, 10],
                             expert: [15, 5, 5, 5], people: 25, own: 3600, residential: 400),
        ]
        let (scores, problems) = PropertyScoring.score(applications, annualRent: Money(kopecks: 12_000_000))
        #expect(problems.isEmpty)
        let byID = Dictionary(uniqueKeysWithValues: scores.map { ($0.application.id, $0) })
        #expect(byID["A"]?.points == [4, 4, 0, 2, 3, 1, 3, 3, 12, 8, 5, 0, 5, 3, 8, 9])
        #expect(byID["B"]?.points == [3, 3, 2, 3, 1, 2, 3, 5, 13, 7, 5, 1, 0, 3, 9, 10])
        #expect(byID["C"]?.points == [5, 6, 4, 0, 4, 0, 5, 2, 2, 6, 0, 0, 0, 5, 6, 5])
        #expect(byID["D"]?.points == [2, 1, 1, 4, 0, 1, 1, 1, 15, 5, 1, 5, 1, 2, 5, 5])
        #expect(scores.map { $0.content } == [42, 40, 34, 31])
        #expect(scores.map { $0.need } == [28, 30, 16, 19])
        #expect(scores.map { $0.application.id } == ["B", "A", "C", "D"])
        #expect(scores.map { $0.rating } == [71, 70, 50, 50])
        #expect(scores.map { $0.order } == [1, 2, 3, 4])
        #expect(byID["B"]?.leaseBonus == true && byID["A"]?.leaseBonus == false && byID["D"]?.leaseBonus == false)
        #expect(byID["C"]?.olderOrganisationFirst == true && byID["D"]?.olderOrganisationFirst == false)
        #expect(PropertyScoring.maxima.prefix(10).reduce(0, +) == 60 && PropertyScoring.maxima.suffix(6).reduce(0, +) == 40)
    }

    @Test func noLeasePointWhenTheTiedLeadersAskForTheSameUse() {
        // Two lease applications share the top rating: 46.4 adds nothing; the older organisation first.
        let twin = { (id: String, registered: String) in
            Self.application(id, .lease, registered: registered, relative: [10, 1_000_000, 0, 0, 1, 1, 5, 5], expert: [10, 5, 5, 5],
                             people: 10, own: 0, residential: 0)
        }
        let (scores, _) = PropertyScoring.score([twin("new", "2020-01-01"), twin("old", "2001-01-01")], annualRent: Money(kopecks: 0))
        #expect(scores.map { $0.application.id } == ["old", "new"])
        #expect(scores[0].rating == scores[1].rating && !scores[0].leaseBonus)
    }

    @Test func bandEdges() {
        // 11: 25 m² per person is still «от 9 до 25» (5), just above it is 0; 9 is 5, below 1.
        #expect(PropertyScoring.peoplePerArea(DecimalNumber(250), people: DecimalNumber(10)) == 5)
        #expect(PropertyScoring.peoplePerArea(DecimalNumber(251), people: DecimalNumber(10)) == 0)
        #expect(PropertyScoring.peoplePerArea(DecimalNumber(89), people: DecimalNumber(10)) == 1)
        #expect(PropertyScoring.peoplePerArea(DecimalNumber(100), people: .zero) == 0)
        // 12: exactly 1 is «от 0,1 до 1» (1); more than 1 — 0.
        #expect(PropertyScoring.ownPremises(DecimalNumber(100), own: DecimalNumber(100)) == 1)
        #expect(PropertyScoring.ownPremises(DecimalNumber(101), own: DecimalNumber(100)) == 0)
        #expect(PropertyScoring.ownPremises(DecimalNumber(9), own: DecimalNumber(100)) == 5)
        // 13: exactly 0,5 is «от 0,5 до 2» (5); 0,2 is «менее 0,5, но более 0,1» (1).
        #expect(PropertyScoring.residentialPremises(DecimalNumber(50), residential: DecimalNumber(100)) == 5)
        #expect(PropertyScoring.residentialPremises(DecimalNumber(20), residential: DecimalNumber(100)) == 1)
        #expect(PropertyScoring.residentialPremises(DecimalNumber(5), residential: DecimalNumber(100)) == 0)
        // 14: 0,2 is «от 0,05 до 0,2» (3); 0,5 — «от 0,5 до 1» (1); 0,01 — 5; 0,005 — in no band (0); 0,001 — 0.
        let funds = DecimalNumber(1000)
        #expect(PropertyScoring.rentToFunds(DecimalNumber(200), funds: funds) == 3)
        #expect(PropertyScoring.rentToFunds(DecimalNumber(500), funds: funds) == 1)
        #expect(PropertyScoring.rentToFunds(DecimalNumber(300), funds: funds) == 2)
        #expect(PropertyScoring.rentToFunds(DecimalNumber(10), funds: funds) == 5)
        #expect(PropertyScoring.rentToFunds(DecimalNumber(5), funds: funds) == 0)
        #expect(PropertyScoring.rentToFunds(DecimalNumber(1), funds: funds) == 0)
        #expect(PropertyScoring.rentToFunds(DecimalNumber(1001), funds: funds) == 0)
    }

    @Test func commissionPointsOutOfRangeAreErrors() {
        let wrong = Self.application("X", .freeUse, registered: "2010-01-01", relative: [1, 1, 1, 1, 1, 1, 1, 1], expert: [16, 10, -1, 10],
                                     people: 10, own: 0, residential: 0)
        let (scores, problems) = PropertyScoring.score([wrong], annualRent: Money(kopecks: 100))
        #expect(scores.isEmpty)
        #expect(problems.map(\.message) == [
            "оценка комиссии по показателю 9 заявления «X» — 16 баллов, а максимум — 15",
            "оценка комиссии по показателю 15 заявления «X» — -1 баллов, а максимум — 10",
        ])
    }
}
