import Diagnostics
import RussianText
import Values

/// A subsidy contest as the authority keeps it (App. 2 of 001: Положение §§ 1.3, 5, 8 and the
/// commission's regulation): its parameters, the commission, the applications, each member's
/// scores and the economic reviews. Everything the results say is computed from this.
public struct SubsidyContest: Sendable {
    public var parameters: ContestParameters
    public var meeting: Meeting?
    public var members: [CommissionMember]
    public var applications: [ContestApplication]
    public var sheets: [ScoreSheet]
    public var reviews: [EconomicReview]
    /// Where the parts are written, for messages about them as a whole: `contest` (the settings
    /// file), `fund`, `cap`, `cap_percent`, `commission`, `tie_order`, `scores` (the folder).
    public var locations: [String: SourceLocation]
    /// `contracts.yaml` as read: the settings every winner's contract shares (the contract form's).
    public var contracts: (file: String, tree: DataTree)?

    public init(parameters: ContestParameters, meeting: Meeting? = nil, members: [CommissionMember],
                applications: [ContestApplication], sheets: [ScoreSheet], reviews: [EconomicReview] = [],
                locations: [String: SourceLocation] = [:]) {
        (self.parameters, self.meeting, self.members) = (parameters, meeting, members)
        (self.applications, self.sheets, self.reviews, self.locations) = (applications, sheets, reviews, locations)
    }

    /// Where a part is written; the settings file when the part has no position of its own.
    func location(_ key: String) -> SourceLocation? { locations[key] ?? locations["contest"] }

    public func member(_ id: String) -> CommissionMember? { members.first { $0.id == id } }
    public func application(_ number: String) -> ContestApplication? { applications.first { $0.number == number } }
}

/// What decides the amounts (§ 1.3, § 8; 001 lines 168–172).
public struct ContestParameters: Sendable {
    /// The money to be distributed (the contest page's `fund`).
    public var fund: Money
    /// The cap per organisation as an amount, as a percentage of the fund, or both (the lower binds).
    public var capAmount: Money?
    public var capPercent: DecimalNumber?
    /// The largest request an application may make.
    public var maxRequest: Money?
    /// Whether the next project in the ranking, when the rest of the fund is less than it needs,
    /// gets that rest (true) or nothing, the rest staying undistributed (false).
    public var remainder: Bool
    /// How equal ratings are ordered: by the commission's open vote (recorded as `voteOrder`),
    /// or — when the contest's settings say so — the earlier registered application first.
    public var tieBreak: TieBreak
    /// Application numbers in the order the commission's open vote decided, for tied ratings.
    public var voteOrder: [String]

    public init(fund: Money, capAmount: Money? = nil, capPercent: DecimalNumber? = nil, maxRequest: Money? = nil,
                remainder: Bool = false, tieBreak: TieBreak = .vote, voteOrder: [String] = []) {
        (self.fund, self.capAmount, self.capPercent, self.maxRequest) = (fund, capAmount, capPercent, maxRequest)
        (self.remainder, self.tieBreak, self.voteOrder) = (remainder, tieBreak, voteOrder)
    }

    /// The most one organisation may get: the lower of the amount and the percentage of the fund
    /// (rounded down to the kopeck: a cap is never exceeded by rounding); nil when neither is set.
    public var cap: Money? {
        let fromPercent = capPercent.map { percent -> Money in
            var divisor: Int128 = 100
            for _ in 0..<percent.scale { divisor *= 10 }
            return Money(kopecks: Int64(clamping: Int128(fund.kopecks) * percent.significand / divisor))
        }
        switch (capAmount, fromPercent) {
        case let (a?, p?): return min(a, p)
        case let (a, p): return a ?? p
        }
    }
}

public enum TieBreak: String, Sendable {
    case vote, registration
}

/// The final meeting of the commission: what its protocol records.
public struct Meeting: Sendable {
    public var date: CalendarDate
    public var number: String
    public var place: String
    public var time: String?
    /// The open vote on the winners: for, against, abstained (point 4.4); nil until recorded.
    public var votes: (for: Int, against: Int, abstained: Int)?
    /// Dissenting opinions attached to the protocol (point 3.6): member id and the opinion.
    public var dissent: [(member: String, opinion: String)]

    public init(date: CalendarDate, number: String, place: String, time: String? = nil,
                votes: (for: Int, against: Int, abstained: Int)? = nil, dissent: [(member: String, opinion: String)] = []) {
        (self.date, self.number, self.place, self.time, self.votes, self.dissent) = (date, number, place, time, votes, dissent)
    }
}

/// A member of the contest commission (commission regulation, points 1–4).
public struct CommissionMember: Sendable {
    public enum Role: String, Sendable, CaseIterable {
        case chair, deputy, secretary, member

        public var label: String {
            switch self {
            case .chair: "председатель комиссии"
            case .deputy: "заместитель председателя комиссии"
            case .secretary: "секретарь комиссии"
            case .member: "член комиссии"
            }
        }
    }

    /// The name of the member's score file (`scores/<id>.yaml`).
    public var id: String
    public var name: String
    public var position: String
    public var role: Role
    /// Holds a state (municipal) office or a civil-service post: fewer than half may (point 1).
    public var official: Bool
    /// Present at the final meeting.
    public var present: Bool
    /// Applications the member declared a personal interest in (point 4.2): no scores for them.
    public var conflicts: [String]
    public var location: SourceLocation

    public init(id: String, name: String, position: String, role: Role, official: Bool, present: Bool = true,
                conflicts: [String] = [], location: SourceLocation) {
        (self.id, self.name, self.position, self.role) = (id, name, position, role)
        (self.official, self.present, self.conflicts, self.location) = (official, present, conflicts, location)
    }
}

/// An application as registered (§ 5.3–5.9): the organisation's entry in the registry, the
/// project, the amount requested; refused applications keep the ground of the refusal.
public struct ContestApplication: Sendable {
    public var number: String
    public var received: CalendarDate
    /// The organisation's slug in the registry (`content/organizations`).
    public var organization: String
    public var project: String
    /// The project's page on the portal (`content/projects/<slug>`), if it has one.
    public var projectPage: String?
    public var request: Money
    /// The ground of a refusal to admit (§ 5.8); nil for an admitted application.
    public var refusal: String?
    /// The estimate of the application (appendix 1 to the contract), and the one revised for the
    /// contract when the amount given differs from the request (economic review, rest of the fund).
    public var estimate: [EstimateLine] = []
    public var revisedEstimate: [EstimateLine]?
    public var location: SourceLocation
    /// Where `request` and `organization` are written.
    public var requestLocation: SourceLocation
    public var organizationLocation: SourceLocation

    public init(number: String, received: CalendarDate, organization: String, project: String, projectPage: String? = nil,
                request: Money, refusal: String? = nil, location: SourceLocation, requestLocation: SourceLocation? = nil,
                organizationLocation: SourceLocation? = nil) {
        (self.number, self.received, self.organization, self.project) = (number, received, organization, project)
        self.projectPage = projectPage
        (self.request, self.refusal, self.location) = (request, refusal, location)
        self.requestLocation = requestLocation ?? location
        self.organizationLocation = organizationLocation ?? location
    }

    public var admitted: Bool { refusal == nil }
}

/// One member's evaluation sheets (appendix 1 to the commission regulation): six scores per application.
public struct ScoreSheet: Sendable {
    public struct Row: Sendable {
        public var application: String
        /// The scores in `Criterion` order; each 0…5 once the sheet is checked.
        public var scores: [Int]
        public var location: SourceLocation
        /// Where each score is written (the row's position when not known).
        public var scoreLocations: [SourceLocation]

        public init(application: String, scores: [Int], location: SourceLocation, scoreLocations: [SourceLocation] = []) {
            (self.application, self.scores, self.location) = (application, scores, location)
            self.scoreLocations = scoreLocations.count == scores.count ? scoreLocations : scores.map { _ in location }
        }
    }

    public var member: String
    public var rows: [Row]
    public var location: SourceLocation

    public init(member: String, rows: [Row], location: SourceLocation) {
        (self.member, self.rows, self.location) = (member, rows, location)
    }
}

/// The decision of an economic review (§ 8.3): the amount the project can really be done with.
public struct EconomicReview: Sendable {
    public var application: String
    public var amount: Money
    public var reason: String
    public var location: SourceLocation

    public init(application: String, amount: Money, reason: String, location: SourceLocation) {
        (self.application, self.amount, self.reason, self.location) = (application, amount, reason, location)
    }
}

/// A line of an estimate: a direction of spending, from the subsidy and from own funds.
public struct EstimateLine: Sendable {
    public var direction: String
    public var subsidy: Money
    public var own: Money?

    public init(direction: String, subsidy: Money, own: Money? = nil) {
        (self.direction, self.subsidy, self.own) = (direction, subsidy, own)
    }

    public static func subsidyTotal(_ lines: [EstimateLine]) -> Money {
        Money(kopecks: lines.reduce(0) { $0 + $1.subsidy.kopecks })
    }
}
