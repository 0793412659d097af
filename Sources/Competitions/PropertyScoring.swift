import Diagnostics
import RussianText

/// An application admitted to the property competition (App. 4 of 001, the rules of granting
/// property to SONKO: points 45–48 and the table of indicators, lines 2186–2281), with the
/// values its 16 indicators are scored from.
public struct PropertyApplication: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case freeUse = "free-use", lease

        public var label: String {
            switch self {
            case .freeUse: "в безвозмездное пользование"
            case .lease: "в аренду"
            }
        }
    }

    public var id: String
    /// The organisation's slug in the registry.
    public var organization: String
    public var kind: Kind
    /// The organisation's state registration: of equal ratings, the one acting longest comes first (point 47).
    public var registered: CalendarDate
    /// Indicators 1–8, scored relative to the best application: full years since registration,
    /// average annual funds spent on activities over five years, grants from NGOs out of federal
    /// subsidies, budget subsidies (both over five years), the number of NGOs it has been a member
    /// of for more than five years and for one to five years, average staff, average volunteers.
    public var relative: [DecimalNumber]
    /// Indicators 9, 10, 15 and 16: points the commission gives (expert assessment).
    public var expert: [Int]
    /// Indicators 11–13: the area asked for (m²), the average number of staff and volunteers of
    /// the last year, the organisation's own non-residential premises and the average area of
    /// residential premises it held over five years (m², 0 — none).
    public var area: DecimalNumber
    public var people: DecimalNumber
    public var ownNonResidential: DecimalNumber
    public var residential: DecimalNumber
    public var location: SourceLocation
    /// Where each indicator's value is written, by indicator number (1–16).
    public var locations: [Int: SourceLocation]

    public init(id: String, organization: String, kind: Kind, registered: CalendarDate, relative: [DecimalNumber], expert: [Int],
                area: DecimalNumber, people: DecimalNumber, ownNonResidential: DecimalNumber, residential: DecimalNumber,
                location: SourceLocation, locations: [Int: SourceLocation] = [:]) {
        (self.id, self.organization, self.kind, self.registered) = (id, organization, kind, registered)
        (self.relative, self.expert, self.area, self.people) = (relative, expert, area, people)
        (self.ownNonResidential, self.residential, self.location, self.locations) = (ownNonResidential, residential, location, locations)
    }

    /// Average annual funds over five years: indicator 2, and the denominator of indicator 14.
    public var annualFunds: DecimalNumber { relative[1] }
}

/// The points of one application.
public struct PropertyScore: Sendable {
    public let application: PropertyApplication
    /// Points by indicator, 1–16 at indices 0–15.
    public let points: [Int]
    /// The first criterion (indicators 1–10) and the second (11–16), point 46.1–2.
    public var content: Int { points[0..<10].reduce(0, +) }
    public var need: Int { points[10..<16].reduce(0, +) }
    /// The rating (point 46.3) with the lease point of 46.4 when it applies.
    public let rating: Int
    public let leaseBonus: Bool
    /// The order number (point 47): the first is the recipient (point 48).
    public let order: Int
    /// Ordered before an equal rating because the organisation has acted longer (point 47).
    public let olderOrganisationFirst: Bool
}

public enum PropertyScoring {
    /// The maximum points of indicators 1–16 (the table's third column): 60 for the first
    /// criterion and 40 for the second, 100 in all.
    public static let maxima = [5, 6, 4, 4, 4, 2, 5, 5, 15, 10, 5, 5, 5, 5, 10, 10]
    /// The indicators the commission scores by its own assessment.
    public static let expertIndicators = [9, 10, 15, 16]

    public static func score(_ applications: [PropertyApplication], annualRent: Money) -> (scores: [PropertyScore], problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        for application in applications {
            if application.relative.count != 8 || application.expert.count != 4 {
                problems.append(.error("property-scores", at: application.location,
                                       "у заявления «\(application.id)» не все показатели: нужно 8 значений показателей 1–8 и 4 оценки комиссии",
                                       hint: "показатели 1–8 — значения из заявления, 9, 10, 15, 16 — баллы комиссии"))
                continue
            }
            for (value, indicator) in zip(application.relative, 1...8) where value < .zero {
                problems.append(.error("property-scores", at: application.locations[indicator] ?? application.location,
                                       "значение показателя \(indicator) заявления «\(application.id)» отрицательное",
                                       hint: "значения показателей 1–8 — количества, годы и суммы не меньше нуля"))
            }
            for (points, indicator) in zip(application.expert, expertIndicators) where !(0...maxima[indicator - 1]).contains(points) {
                problems.append(.error("property-scores", at: application.locations[indicator] ?? application.location,
                                       "оценка комиссии по показателю \(indicator) заявления «\(application.id)» — \(points) баллов, а максимум — \(maxima[indicator - 1])",
                                       hint: "комиссия присваивает по показателю \(indicator) от 0 до \(maxima[indicator - 1]) баллов (приложение к Правилам)"))
            }
        }
        guard !problems.contains(where: { $0.severity == .error }) else { return ([], problems) }

        let best = (0..<8).map { index in applications.map { $0.relative[index] }.max() ?? .zero }
        let scored = applications.map { application -> (PropertyApplication, [Int]) in
            var points = (0..<8).map { relativePoints(application.relative[$0], best: best[$0], maximum: maxima[$0]) }
            points += [application.expert[0], application.expert[1]]
            points += [peoplePerArea(application.area, people: application.people),
                       ownPremises(application.area, own: application.ownNonResidential),
                       residentialPremises(application.area, residential: application.residential),
                       rentToFunds(annualRent.rubles, funds: application.annualFunds)]
            points += [application.expert[2], application.expert[3]]
            return (application, points)
        }
        // Point 46.4: when two or more applications share the highest rating and they ask for both
        // kinds of use, the lease applications among them get one more point.
        let top = scored.map { $0.1.reduce(0, +) }.max() ?? 0
        let leaders = scored.filter { $0.1.reduce(0, +) == top }
        let bonus = leaders.count > 1 && Set(leaders.map { $0.0.kind }).count > 1
        let rated = scored.map { application, points -> (PropertyApplication, [Int], Int, Bool) in
            let lease = bonus && application.kind == .lease && points.reduce(0, +) == top
            return (application, points, points.reduce(0, +) + (lease ? 1 : 0), lease)
        }
        // Point 47: by the final rating; equal ratings — the organisation acting longest first.
        let ordered = rated.enumerated().sorted { a, b in
            if a.element.2 != b.element.2 { return a.element.2 > b.element.2 }
            if a.element.0.registered != b.element.0.registered { return a.element.0.registered < b.element.0.registered }
            return a.offset < b.offset
        }.map { $0.element }
        let scores = ordered.enumerated().map { index, entry in
            PropertyScore(application: entry.0, points: entry.1, rating: entry.2, leaseBonus: entry.3, order: index + 1,
                          olderOrganisationFirst: ordered.contains { $0.2 == entry.2 && $0.0.registered > entry.0.registered })
        }
        return (scores, problems)
    }

    /// Indicators 1–8: the highest value gets the maximum; the others value ÷ highest × maximum,
    /// «с округлением до целого числа» — half up, as ordinary rounding; a zero value always 0.
    static func relativePoints(_ value: DecimalNumber, best: DecimalNumber, maximum: Int) -> Int {
        guard value > .zero, best > .zero, let share = value * DecimalNumber(maximum) / best else { return 0 }
        return Int(share.rounded(0).integerPart ?? 0)
    }

    /// Indicator 11, m² of the premises per person of staff and volunteers: more than 25 — 0;
    /// from 9 to 25 (both included) — 5; less than 9 — 1. No people: more than any area per person — 0.
    static func peoplePerArea(_ area: DecimalNumber, people: DecimalNumber) -> Int {
        guard people > .zero, let perPerson = area / people else { return 0 }
        if perPerson > DecimalNumber(25) { return 0 }
        return perPerson >= DecimalNumber(9) ? 5 : 1
    }

    /// Indicator 12, the area asked for to the organisation's own non-residential premises: more
    /// than 1, or no such premises — 0; from 0,1 to 1 (both included) — 1; less than 0,1 — 5.
    static func ownPremises(_ area: DecimalNumber, own: DecimalNumber) -> Int {
        guard own > .zero, let ratio = area / own else { return 0 }
        if ratio > DecimalNumber(1) { return 0 }
        return ratio >= tenth ? 1 : 5
    }

    /// Indicator 13, the area asked for to the average residential premises held over five years:
    /// more than 2, or none held — 0; from 0,5 to 2 — 5; less than 0,5 but more than 0,1 — 1;
    /// less than 0,1 — 0. Exactly 0,1 is in no band of the table (a gap of the source): it is
    /// neither «более 0,1» nor the higher band, and gets 0 like the band below it.
    static func residentialPremises(_ area: DecimalNumber, residential: DecimalNumber) -> Int {
        guard residential > .zero, let ratio = area / residential else { return 0 }
        if ratio > DecimalNumber(2) { return 0 }
        if ratio >= half { return 5 }
        return ratio > tenth ? 1 : 0
    }

    /// Indicator 14, the annual rent of the notice to the average annual funds over five years:
    /// more than 1, or no funds — 0; from 0,5 to 1 — 1; less than 0,5 but more than 0,2 — 2;
    /// from 0,05 to 0,2 — 3; less than 0,05 but more than 0,005 — 5; less than 0,005 — 0.
    /// Exactly 0,005 is in no band (a gap of the source) and gets 0 like the band below it.
    static func rentToFunds(_ rent: DecimalNumber, funds: DecimalNumber) -> Int {
        guard funds > .zero, let ratio = rent / funds else { return 0 }
        if ratio > DecimalNumber(1) { return 0 }
        if ratio >= half { return 1 }
        if ratio > DecimalNumber(significand: 2, scale: 1) { return 2 }
        if ratio >= DecimalNumber(significand: 5, scale: 2) { return 3 }
        return ratio > DecimalNumber(significand: 5, scale: 3) ? 5 : 0
    }

    static let tenth = DecimalNumber(significand: 1, scale: 1)
    static let half = DecimalNumber(significand: 5, scale: 1)
}
