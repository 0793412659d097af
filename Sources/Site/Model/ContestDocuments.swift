import Competitions
import Content
import Diagnostics
import FormEngine
import Forms
import Foundation
import RussianText

/// The papers of a contest, filled from its data by the forms of the library: each member's
/// evaluation sheets, the summary sheet of each application, the consolidated sheet, the protocol
/// of the final meeting and the notice of results. Each is data for its form, checked by the
/// form's own rules as any data file is: nothing here prints a document by itself.
public enum ContestDocuments {
    public struct Document: Sendable {
        /// The file name without extension: `evaluation-sheet-galiev-3`.
        public let name: String
        public let form: FormDefinition
        public let record: FormRecord
    }

    public static let forms = ["evaluation-sheet", "summary-sheet", "consolidated-sheet", "contest-protocol", "contest-results-notice"]

    public static func make(_ report: ContestReport, library: FormLibrary) -> (documents: [Document], problems: [Diagnostic]) {
        guard let contest = report.contest, let results = report.results, let page = report.page else { return ([], []) }
        let folder = ContestFolders.folder + "/" + page.slug
        guard let meeting = contest.meeting else { return ([], []) }
        var problems: [Diagnostic] = []
        var documents: [Document] = []
        for id in forms where library.form(id) == nil {
            problems.append(.error("unknown-form", at: SourceLocation(file: FormLibrary.folder), "в библиотеке форм нет формы «\(id)»",
                                   hint: "документы конкурса заполняются формами \(forms.joined(separator: ", "))"))
        }
        guard problems.isEmpty else { return ([], problems) }

        func add(_ form: String, _ name: String, _ data: JSON) {
            let definition = library.form(form)!
            let input = FormData.read(text: data.text, as: folder + " → " + name, for: definition, format: .json)
            // The contest's own rules have said what its forms' warnings would (the commission, the
            // reviews), at the positions in its files; an error here is one the document cannot hold.
            problems += input.diagnostics.filter { $0.severity == .error }
            if let record = input.records.first, !input.hasErrors {
                documents.append(Document(name: name, form: definition, record: record))
            }
        }
        let sitting = JSON.object([("date", .string(meeting.date.iso)), ("number", .string(meeting.number))])
        func scores(_ row: ScoreSheet.Row) -> [(String, JSON)] {
            Criterion.allCases.map { ($0.key, JSON.number(row.scores[$0.rawValue])) }
        }
        func organization(_ slug: String) -> Item? { report.organizations[slug] }
        func fullName(_ slug: String) -> String {
            if case let .string(name)? = organization(slug)?.values["full_name"] { return name }
            return organization(slug)?.title ?? slug
        }

        // Each member's sheet for each application they scored.
        for sheet in contest.sheets.sorted(by: { $0.member < $1.member }) {
            guard let member = contest.member(sheet.member) else { continue }
            for row in sheet.rows {
                guard let application = contest.application(row.application) else { continue }
                add("evaluation-sheet", "evaluation-sheet-\(member.id)-\(application.number)", .object(
                    [("programme", .string(application.project)), ("meeting", sitting)] + scores(row)
                        + [("member", .string(member.name))]))
            }
        }
        // The summary sheet of each admitted application: every member's scores, in the commission's order.
        for entry in results.ranking {
            let number = entry.application.number
            let rows = contest.members.compactMap { member -> JSON? in
                guard let sheet = contest.sheets.first(where: { $0.member == member.id }),
                      let row = sheet.rows.first(where: { $0.application == number }),
                      !member.conflicts.contains(number) else { return nil }
                return .object([("name", .string(member.name))] + scores(row))
            }
            add("summary-sheet", "summary-sheet-\(number)", .object([
                ("programme", .string(entry.application.project)), ("meeting", sitting), ("members", .array(rows)),
            ]))
        }
        add("consolidated-sheet", "consolidated-sheet", .object([
            ("meeting", sitting),
            ("programmes", .array(results.ranking.map { entry in
                .object([("name", .string(entry.application.project)), ("score", .string(entry.rating.description)),
                         ("justification", .string(entry.averages[Criterion.justification.rawValue].description)),
                         ("amount", .string(entry.amount.description))])
            })),
            ("funds", .string(results.fund.description)),
        ]))

        let authority: String = if case let .string(name)? = page.values["organiser"]?[entry: "name"] { name } else { "" }
        let present = contest.members.filter { $0.present }
        guard let votes = meeting.votes,
              let chair = contest.members.first(where: { $0.role == .chair }),
              let secretary = contest.members.first(where: { $0.role == .secretary }) else {
            problems.append(.error("contest-files", at: SourceLocation(file: folder + "/contest.yaml"),
                                   "для протокола нужны итоги голосования (meeting.votes), председатель и секретарь комиссии",
                                   hint: "запишите в contest.yaml: meeting: votes: {for: 8, against: 0, abstained: 0}"))
            return (problems.contains { $0.severity == .error } ? [] : documents, problems)
        }
        var meetingFields: [(String, JSON)] = [("authority", .string(authority)), ("contest", .string(page.title)),
                                               ("number", .string(meeting.number)), ("date", .string(meeting.date.iso))]
        if let time = meeting.time { meetingFields.append(("time", .string(time))) }
        add("contest-protocol", "contest-protocol", .object(meetingFields + [
            ("place", .string(meeting.place)), ("members_total", .number(contest.members.count)),
            ("chair", .string(chair.name)), ("secretary", .string(secretary.name)),
            ("present", .array(present.map { member in
                .object([("name", .string(member.name)), ("position", .string(member.position)), ("role", .string(member.role.label))])
            })),
            ("refused", .array(results.refused.map { application in
                .object([("number", .string(application.number)), ("organization", .string(fullName(application.organization))),
                         ("ground", .string(application.refusal ?? ""))])
            })),
            ("fund", .string(results.fund.description)),
            ("ranking", .array(results.ranking.map { entry in
                .object([("rank", .number(entry.rank)), ("number", .string(entry.application.number)),
                         ("organization", .string(organization(entry.application.organization)?.title ?? entry.application.organization)),
                         ("project", .string(entry.application.project)), ("rating", .string(entry.rating.description)),
                         ("requested", .string(entry.application.request.description)), ("amount", .string(entry.amount.description))])
            })),
            ("reviews", .array(results.ranking.compactMap { entry in
                entry.review.map { review in
                    .object([("number", .string(review.application)), ("amount", .string(review.amount.description)),
                             ("reason", .string(review.reason))])
                }
            })),
            ("votes", .object([("for", .number(votes.for)), ("against", .number(votes.against)), ("abstained", .number(votes.abstained))])),
            ("dissent", .array(meeting.dissent.map { opinion in
                .object([("member", .string(contest.member(opinion.member)?.name ?? opinion.member)), ("opinion", .string(opinion.opinion))])
            })),
        ]))
        add("contest-results-notice", "contest-results-notice", .object([
            ("authority", .string(authority)), ("contest", .string(page.title)), ("protocol", sitting),
            ("winners", .array(results.winners.map { entry in
                var inn = ""
                if case let .string(s)? = organization(entry.application.organization)?.values["inn"] { inn = s }
                return .object([("organization", .string(fullName(entry.application.organization))), ("inn", .string(inn)),
                                ("project", .string(entry.application.project)), ("amount", .string(entry.amount.description))])
            })),
            ("fund", .string(results.fund.description)),
        ]))
        // Any error leaves nothing to write: the papers of a contest go out together or not at all.
        return (problems.contains { $0.severity == .error } ? [] : documents, problems)
    }
}
