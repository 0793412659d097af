import Competitions
import Content
import Foundation
import Mustache
import RussianText
import Values

/// The results of a contest as its page shows them (`page.contest`): the ranking computed from
/// the contest's folder, each organisation linked to its page, with the open-data files beside.
final class ContestResultsView: MustacheParent {
    final class Row: MustacheParent {
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

    init(_ record: ContestRecord, path: String, _ reader: ModelReader) {
        let results = record.results
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
        let applications = record.contest.applications.count
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
        let target = reader.target(Reference(collection: ContestFolders.organizations, slug: slug, location: .init(file: "")))
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
final class SupportRow: MustacheParent {
    let contest: Link
    let project: String
    let amount: String
    let date: String?

    init(contest: Link, project: String, amount: String, date: String?) {
        (self.contest, self.project, self.amount, self.date) = (contest, project, amount, date)
    }

    static func rows(of organization: Item, _ reader: ModelReader) -> [SupportRow] {
        guard organization.collectionID == ContestFolders.organizations else { return [] }
        return reader.contests.flatMap { record -> [SupportRow] in
            let slug = String(record.key.dropFirst(ContestFolders.collection.count + 1))
            guard let page = reader.target(Reference(collection: ContestFolders.collection, slug: slug, location: .init(file: ""))) else {
                return []
            }
            return record.results.winners.filter { $0.application.organization == organization.slug }.map { entry in
                SupportRow(contest: Link(title: page.title, url: reader.url(record.key + "/")), project: entry.application.project,
                           amount: RussianFormat.money(entry.amount),
                           date: record.contest.meeting.map { RussianFormat.longDate($0.date) })
            }
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "contest": contest
        case "project": project
        case "amount": amount
        case "date": date
        default: nil
        }
    }
}
