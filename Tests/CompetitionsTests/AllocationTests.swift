import Diagnostics
import RussianText
import Testing
@testable import Competitions


/// The ranking and allocation of § 8 of App. 2 on cases computed by hand.
@Suite struct AllocationTests {
    static let here = SourceLocation(file: "test")

    static func rubles(_ n: Int64) -> Money { Money(kopecks: n * 100) }

    /// A contest whose applications, in registration order, get from each of `members` members
    /// the same six scores `scores[i]` (so each average is that score).
    static func contest(_ parameters: ContestParameters, requests: [Int64], scores: [[Int]], members: Int = 3,
                        received: [String]? = nil, reviews: [EconomicReview] = []) -> SubsidyContest {
        let applications = requests.enumerated().map { index, request in
            ContestApplication(number: "\(index + 1)", received: CalendarDate(iso: received?[index] ?? "2025-03-10")!,
                               organization: "org-\(index + 1)", project: "Проект \(index + 1)", request: rubles(request),
                               location: here)
        }
        let sheets = (1...members).map { member in
            ScoreSheet(member: "m\(member)", rows: scores.enumerated().map { index, six in
                ScoreSheet.Row(application: "\(index + 1)", scores: six, location: here)
            }, location: here)
        }
        let commission = (1...members).map {
            CommissionMember(id: "m\($0)", name: "Член Комиссии Номер", position: "эксперт", role: $0 == 1 ? .chair : .member,
                             official: false, location: here)
        }
        return SubsidyContest(parameters: parameters, members: commission, applications: applications, sheets: sheets,
                              reviews: reviews)
    }

    static func amounts(_ results: SubsidyResults) -> [String: Int64] {
        var byNumber: [String: Int64] = [:]
        for entry in results.ranking { byNumber[entry.application.number] = entry.amount.kopecks / 100 }
        return byNumber
    }

    @Test func averagesAreRoundedHalfUpToTenths() {
        // 13/3 = 4,333… → 4,3; 9/2 = 4,5; 15/4 = 3,75 → 3,8; 5/2 = 2,5; 11/3 = 3,666… → 3,7.
        #expect(SubsidyContest.averageToTenths([4, 4, 5]).description == "4.3")
        #expect(SubsidyContest.averageToTenths([4, 5]).description == "4.5")
        #expect(SubsidyContest.averageToTenths([3, 4, 4, 4]).description == "3.8")
        #expect(SubsidyContest.averageToTenths([2, 3]).description == "2.5")
        #expect(SubsidyContest.averageToTenths([3, 4, 4]).description == "3.7")
        #expect(SubsidyContest.averageToTenths([0, 0, 1]).description == "0.3")
    }

    @Test func theRatingIsTheSumOfTheAveragesAndRanksHighestFirst() {
        // Application 2: members give 5,5,4 on every criterion → averages 4,7 × 6 = 28,2.
        let applications = [ContestApplication(number: "1", received: CalendarDate(iso: "2025-03-10")!, organization: "a",
                                               project: "П1", request: Self.rubles(100), location: Self.here),
                            ContestApplication(number: "2", received: CalendarDate(iso: "2025-03-11")!, organization: "b",
                                               project: "П2", request: Self.rubles(100), location: Self.here)]
        let sheets = [[4, 5], [4, 5], [3, 4]].enumerated().map { member, pair in
            ScoreSheet(member: "m\(member)", rows: [
                ScoreSheet.Row(application: "1", scores: Array(repeating: pair[0], count: 6), location: Self.here),
                ScoreSheet.Row(application: "2", scores: Array(repeating: pair[1], count: 6), location: Self.here),
            ], location: Self.here)
        }
        let contest = SubsidyContest(parameters: ContestParameters(fund: Self.rubles(1000), capAmount: Self.rubles(1000)),
                                     members: [], applications: applications, sheets: sheets)
        let results = contest.results()
        #expect(results.ranking.map(\.application.number) == ["2", "1"])
        #expect(results.ranking[0].rating.description == "28.2")  // 4,7 × 6
        #expect(results.ranking[1].rating.description == "22.2")  // 11/3 = 3,7 × 6
        #expect(results.ranking.map(\.rank) == [1, 2])
    }

    @Test func theCapBinds() {
        // Fund 3 000 000, cap 1 000 000. Ranked 1: asks 1 500 000 → 1 000 000; 2: 800 000; 3: 900 000.
        let results = Self.contest(ContestParameters(fund: Self.rubles(3_000_000), capAmount: Self.rubles(1_000_000)),
                                   requests: [1_500_000, 800_000, 900_000],
                                   scores: [[5, 5, 5, 5, 5, 5], [4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3]]).results()
        #expect(Self.amounts(results) == ["1": 1_000_000, "2": 800_000, "3": 900_000])
        #expect(results.remaining == Self.rubles(300_000))
    }

    @Test func aCapAsAPercentageOfTheFund() {
        // 15 % of 2 000 000 = 300 000; with an amount cap of 250 000 as well, the lower binds.
        let byPercent = ContestParameters(fund: Self.rubles(2_000_000), capPercent: DecimalNumber(15))
        #expect(byPercent.cap == Self.rubles(300_000))
        let both = ContestParameters(fund: Self.rubles(2_000_000), capAmount: Self.rubles(250_000), capPercent: DecimalNumber(15))
        #expect(both.cap == Self.rubles(250_000))
        // 12,5 % of 1 000 000,01 = 125 000,00125 → 125 000,00: a cap is never rounded up.
        let odd = ContestParameters(fund: Money(kopecks: 100_000_001), capPercent: DecimalNumber(significand: 125, scale: 1))
        #expect(odd.cap == Money(kopecks: 12_500_000))
        let results = Self.contest(byPercent, requests: [500_000], scores: [[5, 5, 5, 5, 5, 5]]).results()
        #expect(Self.amounts(results) == ["1": 300_000])
    }

    @Test func theFundRunsOutWithoutARemainder() {
        // Fund 2 000 000: 900 000 + 800 000 = 1 700 000; the third needs 500 000 > 300 000 left:
        // it gets nothing, and the allocation ends there — the fourth (200 000) gets nothing either.
        let results = Self.contest(ContestParameters(fund: Self.rubles(2_000_000), capAmount: Self.rubles(1_000_000)),
                                   requests: [900_000, 800_000, 500_000, 200_000],
                                   scores: [[5, 5, 5, 5, 5, 5], [4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3], [2, 2, 2, 2, 2, 2]]).results()
        #expect(Self.amounts(results) == ["1": 900_000, "2": 800_000, "3": 0, "4": 0])
        #expect(results.remaining == Self.rubles(300_000))
        #expect(results.winners.map(\.application.number) == ["1", "2"])
    }

    @Test func theFundRunsOutWithAPartialRemainder() {
        // Same, with `remainder: true`: the third gets the 300 000 left (partial), the fourth nothing.
        let results = Self.contest(ContestParameters(fund: Self.rubles(2_000_000), capAmount: Self.rubles(1_000_000), remainder: true),
                                   requests: [900_000, 800_000, 500_000, 200_000],
                                   scores: [[5, 5, 5, 5, 5, 5], [4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3], [2, 2, 2, 2, 2, 2]]).results()
        #expect(Self.amounts(results) == ["1": 900_000, "2": 800_000, "3": 300_000, "4": 0])
        #expect(results.ranking[2].partial && !results.ranking[1].partial)
        #expect(results.remaining == Self.rubles(0))
    }

    @Test func lowJustificationWithoutAReviewKeepsTheRequest() {
        // Justification 2 (below 3): flagged for an economic review; with no decision the request stands.
        let contest = Self.contest(ContestParameters(fund: Self.rubles(2_000_000), capAmount: Self.rubles(1_000_000)),
                                   requests: [900_000, 600_000], scores: [[5, 5, 5, 5, 2, 5], [4, 4, 4, 4, 4, 4]])
        let results = contest.results()
        #expect(results.ranking[0].needsReview && !results.ranking[1].needsReview)
        #expect(Self.amounts(results) == ["1": 900_000, "2": 600_000])
        let warnings = contest.problems(in: results).filter { $0.code == "economic-review" }
        #expect(warnings.count == 1 && warnings[0].severity == .warning && warnings[0].message.contains("№ 1"))
    }

    @Test func lowJustificationWithAReviewGetsTheReviewedAmount() {
        // The review cuts application 1 to 400 000; application 2 then fits with the money freed.
        let review = EconomicReview(application: "1", amount: Self.rubles(400_000), reason: "завышены расходы на аренду",
                                    location: Self.here)
        let contest = Self.contest(ContestParameters(fund: Self.rubles(1_000_000), capAmount: Self.rubles(1_000_000)),
                                   requests: [900_000, 600_000], scores: [[5, 5, 5, 5, 2, 5], [4, 4, 4, 4, 4, 4]],
                                   reviews: [review])
        let results = contest.results()
        #expect(Self.amounts(results) == ["1": 400_000, "2": 600_000])
        #expect(contest.problems(in: results).filter { $0.code == "economic-review" || $0.code == "contest-review" }.isEmpty)
    }

    @Test func aReviewOfAWellJustifiedProjectOrAboveTheRequestIsAnError() {
        let reviews = [EconomicReview(application: "2", amount: Self.rubles(100_000), reason: "—", location: Self.here),
                       EconomicReview(application: "1", amount: Self.rubles(950_000), reason: "—", location: Self.here)]
        let contest = Self.contest(ContestParameters(fund: Self.rubles(2_000_000), capAmount: Self.rubles(1_000_000)),
                                   requests: [900_000, 600_000], scores: [[5, 5, 5, 5, 2, 5], [4, 4, 4, 4, 4, 4]],
                                   reviews: reviews)
        let messages = contest.problems(in: contest.results()).filter { $0.code == "contest-review" }.map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("заявки № 2") && $0.contains("не предусмотрена") })
        #expect(messages.contains { $0.contains("заявке № 1") && $0.contains("больше запрошенных") })
    }

    @Test func aTieIsReportedUntilTheCommissionDecides() {
        // Applications 1 and 2 both average 4 on everything: rating 24,0 each.
        let scores = [[4, 4, 4, 4, 4, 4], [4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3]]
        let received = ["2025-03-12", "2025-03-10", "2025-03-11"]
        let undecided = Self.contest(ContestParameters(fund: Self.rubles(1_000_000), capAmount: Self.rubles(1_000_000)),
                                     requests: [600_000, 600_000, 100_000], scores: scores, received: received)
        let results = undecided.results()
        #expect(results.ties == [["2", "1"]])
        let ties = undecided.problems(in: results).filter { $0.code == "contest-tie" }
        #expect(ties.count == 1 && ties[0].severity == .error && ties[0].message.contains("№ 2, № 1"))

        // The commission's open vote put application 1 first: it gets 600 000, application 2 the rest is too small.
        let voted = Self.contest(ContestParameters(fund: Self.rubles(1_000_000), capAmount: Self.rubles(1_000_000), voteOrder: ["1", "2"]),
                                 requests: [600_000, 600_000, 100_000], scores: scores, received: received)
        #expect(voted.results().ranking.map(\.application.number) == ["1", "2", "3"])
        #expect(Self.amounts(voted.results()) == ["1": 600_000, "2": 0, "3": 0])
        #expect(voted.problems(in: voted.results()).filter { $0.code == "contest-tie" }.isEmpty)

        // A tie-break in the settings: the earlier registered (application 2, 10 March) first.
        let byRegistration = Self.contest(ContestParameters(fund: Self.rubles(1_000_000), capAmount: Self.rubles(1_000_000),
                                                            tieBreak: .registration),
                                          requests: [600_000, 600_000, 100_000], scores: scores, received: received)
        #expect(byRegistration.results().ranking.map(\.application.number) == ["2", "1", "3"])
        #expect(byRegistration.problems(in: byRegistration.results()).filter { $0.code == "contest-tie" }.isEmpty)
    }

    @Test func nothingExceedsTheCapOrTheFund() {
        // The example: a winner of 95 000 000 with a cap of 1 000 000 and a fund of 30 000 000.
        let results = Self.contest(ContestParameters(fund: Self.rubles(30_000_000), capAmount: Self.rubles(1_000_000)),
                                   requests: [95_000_000, 700_000], scores: [[5, 5, 5, 5, 5, 5], [3, 3, 3, 3, 3, 3]]).results()
        #expect(Self.amounts(results) == ["1": 1_000_000, "2": 700_000])
        #expect(results.allocated <= results.fund)
    }
}
