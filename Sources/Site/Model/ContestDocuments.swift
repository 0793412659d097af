import Competitions
import Content
import Diagnostics
import FormEngine
import Forms
import Foundation
import RussianText
import Values

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
    public static let propertyForms = ["property-opening-protocol", "property-admission-protocol", "property-evaluation-protocol"]

    public static func make(_ report: ContestReport, library: FormLibrary) -> (documents: [Document], problems: [Diagnostic]) {
        if report.property != nil { return property(report, library: library) }
        guard let contest = report.contest, let results = report.results, let page = report.page else { return ([], []) }
        let folder = ContestFolders.folder + "/" + page.slug
        guard let meeting = contest.meeting else { return ([], []) }
        guard var filler = Filler(forms: forms, library: library, folder: folder) else { return ([], missing(forms, library)) }
        func add(_ form: String, _ name: String, _ data: JSON) { filler.add(form, name, data) }
        let sitting = JSON.object([("date", .string(meeting.date.iso)), ("number", .string(meeting.number))])
        func scores(_ row: ScoreSheet.Row) -> [(String, JSON)] {
            Criterion.allCases.map { ($0.key, JSON.number(row.scores[$0.rawValue])) }
        }
        func organization(_ slug: String) -> Item? { report.organizations[slug] }
        func fullName(_ slug: String) -> String { ContestDocuments.fullName(slug, report) }

        // Each member's sheet for each application they scored.
        for sheet in contest.sheets.sorted(by: { $0.member < $1.member }) {
            guard let member = contest.member(sheet.member) else { continue }
            for row in sheet.rows {
                guard let application = contest.application(row.application) else { continue }
                add("evaluation-sheet", sheetName(member, application), .object(
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
            return ([], filler.problems + [.error("contest-files", at: SourceLocation(file: folder + "/contest.yaml"),
                                                  "для протокола нужны итоги голосования (meeting.votes), председатель и секретарь комиссии",
                                                  hint: "запишите в contest.yaml: meeting: votes: {for: 8, against: 0, abstained: 0}")])
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
        return filler.result
    }

    /// Fills forms of the library with data made here, checked as any data file is.
    struct Filler {
        let library: FormLibrary
        let folder: String
        private(set) var documents: [Document] = []
        private(set) var problems: [Diagnostic] = []

        /// Nil when the library lacks one of the forms.
        init?(forms: [String], library: FormLibrary, folder: String) {
            guard missing(forms, library).isEmpty else { return nil }
            (self.library, self.folder) = (library, folder)
        }

        mutating func add(_ form: String, _ name: String, _ data: JSON) {
            let definition = library.form(form)!
            let input = FormData.read(text: data.text, as: folder + " → " + name, for: definition, format: .json)
            // The contest's own rules have said what its forms' warnings would (the commission, the
            // reviews), at the positions in its files; an error here is one the document cannot hold.
            problems += input.diagnostics.filter { $0.severity == .error }
            if let record = input.records.first, !input.hasErrors {
                documents.append(Document(name: name, form: definition, record: record))
            }
        }

        /// Any error leaves nothing to write: the papers of a contest go out together or not at all.
        var result: (documents: [Document], problems: [Diagnostic]) { (problems.isEmpty ? documents : [], problems) }
    }

    static func missing(_ forms: [String], _ library: FormLibrary) -> [Diagnostic] {
        forms.filter { library.form($0) == nil }.map { id in
            .error("unknown-form", at: SourceLocation(file: FormLibrary.folder), "в библиотеке форм нет формы «\(id)»",
                   hint: "документы конкурса заполняются формами \(forms.joined(separator: ", "))")
        }
    }

    /// An organisation of the registry by its full name (with its legal form), else its title.
    static func fullName(_ slug: String, _ report: ContestReport) -> String {
        if case let .string(name)? = report.organizations[slug]?.values["full_name"] { return name }
        return report.organizations[slug]?.title ?? slug
    }

    static func sheetName(_ member: CommissionMember, _ application: ContestApplication) -> String {
        "evaluation-sheet-\(member.id)-\(application.number)"
    }

    /// The evaluation sheets of the members who have not scored yet: each prefilled with the
    /// programme, the meeting and the member, its scores left as lines to write in — for every
    /// admitted application but those the member declared an interest in (point 4.2).
    public static func blankSheets(_ report: ContestReport, library: FormLibrary) -> (documents: [Document], problems: [Diagnostic]) {
        let form = "evaluation-sheet"
        guard let contest = report.contest, let meeting = contest.meeting, let page = report.page else { return ([], []) }
        guard let definition = library.form(form) else { return ([], missing([form], library)) }
        let at = SourceLocation(file: ContestFolders.folder + "/" + page.slug + "/contest.yaml")
        var documents: [Document] = []
        for member in contest.members {
            let scored = Set(contest.sheets.first { $0.member == member.id }?.rows.map(\.application) ?? [])
            for application in contest.applications where application.admitted && !scored.contains(application.number)
                && !member.conflicts.contains(application.number) {
                let values: [String: Value] = [
                    "programme": .string(application.project), "member": .string(member.name),
                    "meeting": .object([Value.Entry(name: "date", value: .date(meeting.date)),
                                        Value.Entry(name: "number", value: .string(meeting.number))]),
                ]
                documents.append(Document(name: sheetName(member, application), form: definition,
                                          record: FormRecord(values: values, location: at)))
            }
        }
        return (documents, [])
    }

    /// The three protocols of a property competition: the opening of the envelopes, the admission
    /// (with the grounds of point 39) and the evaluation (the points of every indicator).
    static func property(_ report: ContestReport, library: FormLibrary) -> (documents: [Document], problems: [Diagnostic]) {
        guard let contest = report.property, let page = report.page, let object = report.object else { return ([], []) }
        let folder = ContestFolders.folder + "/" + page.slug
        guard var filler = Filler(forms: propertyForms, library: library, folder: folder) else {
            return ([], missing(propertyForms, library))
        }
        func add(_ form: String, _ data: JSON) { filler.add(form, form, data) }
        func name(_ slug: String) -> String { fullName(slug, report) }
        let authority: String = if case let .string(n)? = page.values["organiser"]?[entry: "name"] { n } else { "" }
        var what = object.title
        if case let .decimal(area)? = object.values["area"] { what += ", " + RussianFormat.decimal(area) + " кв. м" }
        let present = JSON.array(contest.members.filter { $0.present }.map { member in
            .object([("name", .string(member.name)), ("position", .string(member.position))])
        })
        func head(_ sitting: PropertyContest.Sitting) -> [(String, JSON)] {
            [("authority", .string(authority)), ("object", .string(what)), ("number", .string(sitting.number)),
             ("date", .string(sitting.date.iso)), ("place", .string(sitting.place))]
                + (sitting.time.map { [("time", JSON.string($0))] } ?? [])
        }
        add("property-opening-protocol", .object(head(contest.opening) + [
            ("present", present),
            ("applications", .array(contest.entries.map { entry in
                .object([("number", .string(entry.number)), ("organization", .string(name(entry.organization))),
                         ("received", .string(entry.received)), ("kind", .string(entry.kind.label))])
            })),
        ]))
        add("property-admission-protocol", .object(head(contest.admission).filter { $0.0 != "time" } + [
            ("present", present),
            ("admitted", .array(contest.entries.filter { $0.refusal == nil }.map { entry in
                .object([("number", .string(entry.number)), ("organization", .string(name(entry.organization)))])
            })),
            ("refused", .array(contest.entries.compactMap { entry in
                entry.refusalText.map { ground in
                    .object([("number", .string(entry.number)), ("organization", .string(name(entry.organization))),
                             ("ground", .string(ground))])
                }
            })),
        ]))
        if let recipient = report.propertyScores.first {
            add("property-evaluation-protocol", .object(head(contest.evaluation) + [
                ("present", present),
                ("applications", .array(report.propertyScores.map { score in
                    .object([("order", .number(score.order)), ("number", .string(score.application.id)),
                             ("organization", .string(name(score.application.organization))), ("kind", .string(score.application.kind.label))]
                            + score.points.enumerated().map { ("p\($0.offset + 1)", JSON.number($0.element)) }
                            + [("rating", .number(score.rating))])
                })),
                ("recipient", .string(name(recipient.application.organization))),
            ]))
        }
        return filler.result
    }

    // MARK: - Contracts

    /// The contract of each winner (form `subsidy-contract`): the settings common to all of them
    /// from `contracts.yaml`, the recipient's requisites from the organisation registry, the amount
    /// from the allocation and the estimate from the application (revised, when the amount is
    /// less than the request). Each comes with its data as YAML: `nko form render` of it alone
    /// gives the same document.
    public static func contracts(_ report: ContestReport, library: FormLibrary)
        -> (documents: [Document], data: [String: String], problems: [Diagnostic]) {
        guard let contest = report.contest, let results = report.results, let page = report.page else { return ([], [:], []) }
        let folder = ContestFolders.folder + "/" + page.slug
        guard let form = library.form(contractForm) else { return ([], [:], missing([contractForm], library)) }
        // Read (and refused when broken) with the contest's other files.
        guard let settings = contest.contracts else {
            return ([], [:], [.error("contest-files", at: SourceLocation(file: folder), "нет файла \(folder)/contracts.yaml с общими сведениями договоров",
                                     hint: "в contracts.yaml — number (шаблон номера, {n} — номер заявки), city, date и authority, как в форме \(contractForm)")])
        }
        guard let pairs = settings.tree.pairs else {
            return ([], [:], [.error("data-shape", at: SourceLocation(file: settings.file), "в файле ожидался набор полей «имя: значение»")])
        }
        // The shared part is checked as the contract form's own fields, at its positions.
        let sharedFields = form.fields.filter { ["city", "date", "authority"].contains($0.name) }
            + [Field(name: "number", label: "Шаблон номера договора ({n} — номер заявки)", type: .string, required: true,
                     location: SourceLocation(file: settings.file))]
        var reader = ValueReader(source: DataTreeSource(file: settings.file))
        _ = reader.readFields(pairs, fields: sharedFields, at: SourceLocation(file: settings.file), context: "файла contracts.yaml")
        var problems = reader.diagnostics
        guard !problems.contains(where: { $0.severity == .error }) else { return ([], [:], problems) }
        var shared: [(String, JSON)] = []
        var numberTemplate = ""
        for pair in pairs {
            guard let key = pair.key.scalarText else { continue }
            if key == "number" { numberTemplate = pair.value.scalarText ?? "" } else { shared.append((key, json(pair.value))) }
        }

        var documents: [Document] = []
        var texts: [String: String] = [:]
        for entry in results.winners {
            let application = entry.application
            let estimate = application.revisedEstimate ?? application.estimate
            guard EstimateLine.subsidyTotal(estimate) == entry.amount else {
                problems.append(.error("contest-application", at: application.location,
                                       estimate.isEmpty ? "у заявки № \(application.number) нет сметы: договор без сметы не составляется"
                                           : "смета заявки № \(application.number) за счёт субсидии — \(RussianFormat.money(EstimateLine.subsidyTotal(estimate))), а по итогам конкурса предоставляется \(RussianFormat.money(entry.amount))",
                                       hint: "смета — приложение 1 к договору; если субсидия меньше запрошенной, запишите уточнённую смету в revised_estimate"))
                continue
            }
            guard let organization = report.organizations[application.organization] else { continue }
            var recipient: [(String, JSON)] = []
            func put(_ key: String, _ value: Value?) {
                switch value {
                case let .string(s)?: recipient.append((key, .string(s)))
                case let .object(entries)?:
                    recipient.append((key, .object(entries.compactMap { e in
                        if case let .string(s) = e.value { return (e.name, JSON.string(s)) }
                        return nil
                    })))
                default: break
                }
            }
            put("full_name", organization.values["full_name"])
            recipient.append(("short_name", .string(organization.title)))
            put("head_genitive", organization.values["head"]?[entry: "genitive"])
            put("head", organization.values["head"]?[entry: "name"])
            put("head_position", organization.values["head"]?[entry: "position"])
            for key in ["ogrn", "inn", "kpp", "address", "bank"] { put(key, organization.values[key]) }
            let number = numberTemplate.replacingOccurrences(of: "{n}", with: application.number)
            let record = JSON.object([("number", .string(number))] + shared + [
                ("recipient", .object(recipient)),
                ("programme", .string(application.project)),
                ("amount", .string(entry.amount.description)),
                ("estimate", .array(estimate.map { line in
                    .object([("direction", .string(line.direction)), ("subsidy", .string(line.subsidy.description))]
                            + (line.own.map { [("own", JSON.string($0.description))] } ?? []))
                })),
            ])
            let name = contractForm + "-" + application.organization
            let input = FormData.read(text: record.text, as: folder + " → " + name, for: form, format: .json)
            problems += input.diagnostics.map { problem in
                // The recipient's requisites come from the registry: say where to mend them.
                var problem = problem
                if problem.path?.hasPrefix("recipient.") == true {
                    problem.location = organization.location
                    problem.hint = (problem.hint.map { $0 + "\n" } ?? "") + "реквизиты получателя берутся из реестра организаций: \(organization.sourceFile)"
                }
                return problem
            }
            if let filled = input.records.first, !input.hasErrors {
                documents.append(Document(name: name, form: form, record: filled))
                if let tree = try? JSONReader.read(record.text) { texts[name] = YAMLWriter.text(tree) }
            }
        }
        let failed = problems.contains { $0.severity == .error }
        return (failed ? [] : documents, failed ? [:] : texts, problems)
    }

    public static let contractForm = "subsidy-contract"

    /// A data tree as JSON: scalars as texts (the form's reader parses them by type).
    static func json(_ tree: DataTree) -> JSON {
        switch tree.content {
        case .scalar(let text, _): .string(text)
        case .sequence(let items): .array(items.map(json))
        case .mapping(let pairs): .object(pairs.map { ($0.key.scalarText ?? "", json($0.value)) })
        }
    }
}
