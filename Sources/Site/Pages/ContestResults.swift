import Competitions
import Content
import Foundation
import RussianText
import TemplateEngine
import Values

/// The results of a contest as its page shows them (`page.contest`): the ranking computed from
/// the contest's folder, each organisation linked to its page, with the open-data files beside.
final class ContestResultsView: TemplateObject {
    final class Row: TemplateObject {
        let rank: Int
        let organization: Link
        let project: Link
        let rating: String
        let amount: String
        let note: String?

        init(rank: Int, organization: Link, project: Link, rating: String, amount: String, note: String?) {
            (self.rank, self.organization, self.project, self.rating, self.amount, self.note) = (rank, organization, project, rating, amount, note)
        }

        func child(named name: String) -> Any? {
            switch name {
            case "rank": rank
            case "organization": organization
            case "project": project
            case "rating": rating
            case "amount": amount
            case "note": note
            default: nil
            }
        }
    }

    let rows: [Row]
    let summary: String
    let csv: String
    let json: String
    let datapackage: String

    init(_ contest: SubsidyContest, _ results: SubsidyResults, path: String, _ reader: ModelReader) {
        rows = results.ranking.map { entry in
            var notes: [String] = []
            if entry.review != nil { notes.append("по итогам экономической экспертизы") }
            if entry.partial { notes.append("остаток средств") }
            if entry.amount.kopecks == 0 { notes.append("средств не хватило") }
            return Row(rank: entry.rank, organization: ContestResultsView.organization(entry.application.organization, reader),
                       project: Link(title: entry.application.project,
                                     url: entry.application.projectPage.map { reader.url(ContestFolders.projects + "/" + $0 + "/") }),
                       rating: ValueFormat.tenths(entry.rating),
                       amount: entry.amount.kopecks == 0 ? "—" : RussianFormat.money(entry.amount),
                       note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        }
        let applications = contest.applications.count
        summary = "Заявок — \(applications), допущено к участию — \(results.ranking.count), победителей — \(results.winners.count). "
            + "Распределено \(RussianFormat.money(results.allocated)) из \(RussianFormat.money(results.fund))"
            + (results.remaining.kopecks > 0 ? "; нераспределённый остаток — \(RussianFormat.money(results.remaining))" : "")
        csv = reader.url(path + ContestResultsOutput.files[0])
        json = reader.url(path + ContestResultsOutput.files[1])
        datapackage = reader.url(path + ContestResultsOutput.files[2])
    }

    /// An organisation of the registry linked to its page; its slug when it is not there (the
    /// check has reported that already).
    static func organization(_ slug: String, _ reader: ModelReader) -> Link {
        let target = reader.target(ContestFolders.reference(ContestFolders.organizations + "/" + slug))
        return Link(title: target?.title ?? slug, url: target.map { _ in reader.url(ContestFolders.organizations + "/" + slug + "/") })
    }

    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "summary": summary
        case "csv": csv
        case "json": json
        case "datapackage": datapackage
        default: nil
        }
    }
}

/// The support an organisation received in the contests kept on the portal (`page.support`).
final class SupportRow: TemplateObject {
    let contest: Link
    /// What it received: «„Project“ — 900 000,00 руб.», «объект „…“ в аренду».
    let text: String
    let date: String?

    init(contest: Link, text: String, date: String?) {
        (self.contest, self.text, self.date) = (contest, text, date)
    }

    static func rows(of organization: Item, _ reader: ModelReader) -> [SupportRow] {
        guard organization.collectionID == ContestFolders.organizations else { return [] }
        return reader.contests.flatMap { record -> [SupportRow] in
            guard let page = reader.target(ContestFolders.reference(record.key)) else { return [] }
            let link = Link(title: page.title, url: reader.url(record.key + "/"))
            if let subsidy = record.subsidy {
                return subsidy.results.winners.filter { $0.application.organization == organization.slug }.map { entry in
                    SupportRow(contest: link, text: "«\(entry.application.project)» — \(RussianFormat.money(entry.amount))",
                               date: subsidy.contest.meeting.map { RussianFormat.longDate($0.date) })
                }
            }
            guard let property = record.property, let recipient = property.scores.first,
                  recipient.application.organization == organization.slug else { return [] }
            let object = reader.target(ContestFolders.reference(property.object))
            return [SupportRow(contest: link, text: "объект «\(object?.title ?? property.object)» \(recipient.application.kind.label)",
                               date: RussianFormat.longDate(property.contest.evaluation.date))]
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "contest": contest
        case "text": text
        case "date": date
        default: nil
        }
    }
}

/// A property competition's results on its page (`page.property_results`): the applications in
/// order with the points of both criteria, the recipient first; the refused ones with their grounds.
final class PropertyResultsView: TemplateObject {
    final class Row: TemplateObject {
        let order: Int
        let organization: Link
        let kind: String
        let content: Int
        let need: Int
        let rating: Int
        let note: String?

        init(_ score: PropertyScore, _ reader: ModelReader) {
            (order, organization, kind) = (score.order, ContestResultsView.organization(score.application.organization, reader),
                                           score.application.kind.label)
            (content, need, rating) = (score.content, score.need, score.rating)
            var notes: [String] = []
            if score.order == 1 { notes.append("получатель имущественной поддержки") }
            if score.leaseBonus { notes.append("+1 балл заявлению об аренде при равном наибольшем рейтинге (пункт 46)") }
            if score.olderOrganisationFirst { notes.append("при равном рейтинге выше организация, действующая дольше (пункт 47)") }
            note = notes.isEmpty ? nil : notes.joined(separator: "; ")
        }

        func child(named name: String) -> Any? {
            switch name {
            case "order": order
            case "organization": organization
            case "kind": kind
            case "content": content
            case "need": need
            case "rating": rating
            case "note": note
            default: nil
            }
        }
    }

    final class Refusal: TemplateObject {
        let number: String
        let organization: Link
        let ground: String

        init(number: String, organization: Link, ground: String) {
            (self.number, self.organization, self.ground) = (number, organization, ground)
        }

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "organization": organization
            case "ground": ground
            default: nil
            }
        }
    }

    let rows: [Row]
    let refused: [Refusal]
    let object: Link
    let evaluation: String

    init(_ contest: PropertyContest, _ scores: [PropertyScore], object key: String, _ reader: ModelReader) {
        rows = scores.map { Row($0, reader) }
        refused = contest.entries.compactMap { entry in
            entry.refusalText.map { Refusal(number: entry.number, organization: ContestResultsView.organization(entry.organization, reader), ground: $0) }
        }
        let target = reader.target(ContestFolders.reference(key))
        object = Link(title: target?.title ?? key, url: target.map { _ in reader.url(key + "/") })
        evaluation = "Оценка и сопоставление заявлений — \(RussianFormat.longDate(contest.evaluation.date)), протокол № \(contest.evaluation.number)."
    }

    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "refused": refused
        case "has_refused": refused.isEmpty ? nil : true
        case "object": object
        case "evaluation": evaluation
        default: nil
        }
    }
}

/// On a property object's page: to whom a competition granted it (`page.grant`).
final class GrantView: TemplateObject {
    let contest: Link
    let organization: Link
    let kind: String
    let date: String

    init?(of object: Item, _ reader: ModelReader) {
        guard object.collectionID == ContestFolders.property else { return nil }
        let key = ContestFolders.property + "/" + object.slug
        guard let record = reader.contests.first(where: { $0.property?.object == key }), let property = record.property,
              let recipient = property.scores.first, let page = reader.target(ContestFolders.reference(record.key)) else { return nil }
        contest = Link(title: page.title, url: reader.url(record.key + "/"))
        organization = ContestResultsView.organization(recipient.application.organization, reader)
        kind = recipient.application.kind.label
        date = RussianFormat.longDate(property.contest.evaluation.date)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "contest": contest
        case "organization": organization
        case "kind": kind
        case "date": date
        default: nil
        }
    }
}
