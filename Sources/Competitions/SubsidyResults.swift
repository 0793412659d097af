import Diagnostics
import RussianText

/// The results of a subsidy contest, computed — never typed: the averages and the rating of each
/// admitted application, the ranking, and the money allocated in rank order (§ 8 of App. 2).
public struct SubsidyResults: Sendable {
    public struct Entry: Sendable {
        public let application: ContestApplication
        /// The average of each criterion's scores to tenths, rounded half up (commission
        /// regulation 4.1.1, the summary sheet), in `Criterion` order.
        public let averages: [DecimalNumber]
        /// The rating coefficient: the sum of the averages (001, line 160).
        public let rating: DecimalNumber
        /// The place in the ranking, from 1.
        public let rank: Int
        /// How many members' scores the averages are of.
        public let sheets: Int
        /// The average for «обоснованность» is below 3: the commission may order an economic review (§ 8.3).
        public let needsReview: Bool
        public let review: EconomicReview?
        /// What the allocation gives: the request (or the review's amount) within the cap and
        /// what remains of the fund.
        public let amount: Money
        /// The project got the rest of the fund, less than it needs (`remainder: true`).
        public let partial: Bool
        /// Other applications with the same rating, ordered as the settings say.
        public let tiedWith: [String]

        /// What the allocation started from: the review's amount, else the request, within the cap.
        public let needed: Money
    }

    public let ranking: [Entry]
    public let refused: [ContestApplication]
    public let fund: Money
    public let cap: Money?
    /// Groups of applications with equal ratings (application numbers in ranking order).
    public let ties: [[String]]

    public var winners: [Entry] { ranking.filter { $0.amount.kopecks > 0 } }
    public var allocated: Money { Money(kopecks: ranking.reduce(0) { $0 + $1.amount.kopecks }) }
    public var remaining: Money { Money(kopecks: fund.kopecks - allocated.kopecks) }
}

extension SubsidyContest {
    /// Scores counted for an application: every sheet row for it by a member who declared no
    /// interest in it. (The rules report rows that should not be there.)
    func rows(for number: String) -> [ScoreSheet.Row] {
        sheets.flatMap { sheet -> [ScoreSheet.Row] in
            if member(sheet.member)?.conflicts.contains(number) == true { return [] }
            return sheet.rows.filter { $0.application == number && $0.scores.count == Criterion.allCases.count }
        }
    }

    public func results() -> SubsidyResults {
        let admitted = applications.filter { $0.admitted }
        var scored: [(application: ContestApplication, averages: [DecimalNumber], rating: DecimalNumber, sheets: Int)] = []
        for application in admitted {
            let rows = rows(for: application.number)
            let averages = Criterion.allCases.map { criterion in
                Self.averageToTenths(rows.map { $0.scores[criterion.rawValue] })
            }
            scored.append((application, averages, averages.reduce(DecimalNumber.zero, +), rows.count))
        }

        // Highest rating first; equal ratings by the vote's order or by registration.
        var registration: [String: Int] = [:], voted: [String: Int] = [:]
        for (index, application) in applications.enumerated() where registration[application.number] == nil {
            registration[application.number] = index
        }
        for (index, number) in parameters.voteOrder.enumerated() where voted[number] == nil { voted[number] = index }
        // One key per application, so that the order is a strict one even for a vote that left some out.
        func tieKey(_ application: ContestApplication) -> (Int, CalendarDate, Int) {
            let vote = parameters.tieBreak == .vote ? voted[application.number] ?? Int.max : 0
            return (vote, application.received, registration[application.number] ?? 0)
        }
        scored.sort { a, b in
            if a.rating != b.rating { return a.rating > b.rating }
            return tieKey(a.application) < tieKey(b.application)
        }
        var ties: [[String]] = []
        for (index, entry) in scored.enumerated() {
            if index > 0 && scored[index - 1].rating == entry.rating {
                ties[ties.count - 1].append(entry.application.number)
            } else {
                ties.append([entry.application.number])
            }
        }
        ties = ties.filter { $0.count > 1 }

        let cap = parameters.cap
        var reviewOf: [String: EconomicReview] = [:]
        for review in reviews where reviewOf[review.application] == nil { reviewOf[review.application] = review }
        var rest = parameters.fund.kopecks
        var stopped = false
        var ranking: [SubsidyResults.Entry] = []
        for (index, entry) in scored.enumerated() {
            let number = entry.application.number
            let review = reviewOf[number]
            var needed = review?.amount.kopecks ?? entry.application.request.kopecks
            if let cap { needed = min(needed, cap.kopecks) }
            var amount: Int64 = 0, partial = false
            if !stopped && rest > 0 {
                if needed <= rest {
                    amount = needed
                } else if parameters.remainder {
                    (amount, partial) = (rest, true)
                }
                // Money goes in rank order: once a project cannot be given what it needs, the
                // allocation ends there (§ 8.2, 8.4), whether or not it took the rest.
                if needed > rest { stopped = true }
            }
            rest -= amount
            ranking.append(SubsidyResults.Entry(
                application: entry.application, averages: entry.averages, rating: entry.rating, rank: index + 1,
                sheets: entry.sheets, needsReview: entry.averages[Criterion.justification.rawValue] < DecimalNumber(3),
                review: review, amount: Money(kopecks: amount), partial: partial,
                tiedWith: ties.first { $0.contains(number) }?.filter { $0 != number } ?? [],
                needed: Money(kopecks: needed)))
        }
        return SubsidyResults(ranking: ranking, refused: applications.filter { !$0.admitted }, fund: parameters.fund,
                              cap: cap, ties: ties)
    }

    /// The mean of whole-number scores to tenths, half up: (20·sum + n) div 2n tenths.
    static func averageToTenths(_ scores: [Int]) -> DecimalNumber {
        guard !scores.isEmpty else { return .zero }
        let sum = Int128(scores.reduce(0, +)), n = Int128(scores.count)
        return DecimalNumber(significand: (20 * sum + n) / (2 * n), scale: 1)
    }
}
