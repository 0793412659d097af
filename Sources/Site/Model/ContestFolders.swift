import Competitions
import Content
import Diagnostics
import Foundation
import RussianText

/// A contest whose procedure the authority keeps in `content/_contests/<contest>/` (not
/// published), with its results computed from it.
struct ContestRecord: Sendable {
    enum Outcome: Sendable {
        case subsidy(SubsidyContest, SubsidyResults)
        /// The competition, its scores in order (the first is the recipient) and the object's entry key.
        case property(PropertyContest, [PropertyScore], object: String)
    }

    /// The contest's page: `contests/<slug>`.
    let key: String
    let outcome: Outcome
    /// The folder's files, paths from the portal's root: the inputs of everything shown of it.
    let files: [String]

    var subsidy: (contest: SubsidyContest, results: SubsidyResults)? {
        if case let .subsidy(contest, results) = outcome { return (contest, results) }
        return nil
    }

    var property: (contest: PropertyContest, scores: [PropertyScore], object: String)? {
        if case let .property(contest, scores, object) = outcome { return (contest, scores, object) }
        return nil
    }
}

/// Reads every contest folder, checks it against its page and the organisation registry, and
/// computes the results. The same reading serves `nko build`, `nko check` and `nko contest`.
enum ContestFolders {
    static let folder = ContentLoader.contentFolder + "/_contests"
    static let collection = "contests"
    static let organizations = "organizations"
    static let projects = "projects"
    static let property = "property"
    /// The contest page's `kind` of a property competition.
    static let propertyKind = "property"

    /// A reference to an item by its key (`organizations/impuls`), to look it up through a reader.
    static func reference(_ key: String) -> Reference {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        return Reference(collection: parts.first ?? "", slug: parts.count > 1 ? parts[1] : "", location: SourceLocation(file: ""))
    }

    /// A property competition: scored from its folder against the object of the property list;
    /// the object's entry must say it was granted once the competition has a recipient.
    private static func property(_ page: Item, _ sources: [SubsidyContestFiles.Source], files: [String], folder: String,
                                 _ portal: Portal) -> (ContestRecord?, [Diagnostic]) {
        let (read, problems) = PropertyContestFiles.read(sources, folder: folder)
        var found = problems
        guard var contest = read else { return (nil, found) }
        guard let object = portal.collection(property)?.items.first(where: { $0.slug == contest.object }) else {
            found.append(.error("missing-reference", at: contest.objectLocation, "объекта «\(contest.object)» нет в перечне имущества",
                                hint: "object — адрес записи объекта в content/\(property)/"))
            return (nil, found)
        }
        guard case let .money(rent)? = object.values["annual_rent"] else {
            found.append(.error("contest-files", at: object.location, "у объекта «\(object.title)» не указана годовая арендная плата (annual_rent)",
                                hint: "показатель 14 — отношение годовой арендной платы из извещения к среднегодовому объёму средств организации"))
            return (nil, found)
        }
        if case let .decimal(area)? = object.values["area"] { contest.object(area: area) }
        found += unknownOrganizations(contest.entries.map { ($0.number, $0.organization, $0.organizationLocation) }, portal)
        let (scores, scoring) = contest.results(annualRent: rent)
        found += scoring
        if scores.first != nil, case let .choice(status)? = object.values["status"], status.value != "granted" {
            found.append(.error("contest-results", at: object.location,
                                "в перечне имущества у объекта «\(object.title)» состояние «\(status.label)», а по итогам конкурса «\(page.title)» он предоставлен",
                                hint: "укажите status: granted и обременение объекта в пользу получателя имущественной поддержки"))
        }
        let key = collection + "/" + page.slug
        return (ContestRecord(key: key, outcome: .property(contest, scores, object: property + "/" + object.slug), files: files), found)
    }

    /// Every contest folder read and checked. A contest whose page has no results yet is still
    /// being run: the build only reads its files (their syntax and types) and publishes nothing of
    /// it; its rules — sheets missing, scores to come — are for `nko contest` (`running: true`).
    static func load(_ portal: Portal, running: Bool = false) -> (records: [String: ContestRecord], problems: [Diagnostic]) {
        let root = portal.root
        let typed = typedWinnerProblems(portal)
        guard SourceFiles.kind(root.path + "/" + folder) != .other else { return ([:], typed) }
        var refused: [SourceFiles.Refused] = []
        let paths = SourceFiles.files(under: folder, root: root, refused: &refused)
        var problems = typed + SourceFiles.problems(refused, root: root)
        var byContest: [String: [String]] = [:]
        for path in paths {
            let parts = path.dropFirst(folder.count + 1).split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                problems.append(.warning("ignored-file", at: SourceLocation(file: path), "файл «\(path)» вне папки конкурса не читается",
                                         hint: "данные конкурса — в папке \(folder)/<адрес страницы конкурса>/"))
                continue
            }
            if !parts[1].hasPrefix(".") { byContest[parts[0], default: []].append(path) }
        }
        var records: [String: ContestRecord] = [:]
        for (slug, files) in byContest.sorted(by: { $0.key < $1.key }) {
            let at = SourceLocation(file: folder + "/" + slug)
            guard let page = portal.collection(collection)?.items.first(where: { $0.slug == slug }) else {
                problems.append(.error("contest-files", at: at, "нет страницы конкурса с адресом «\(slug)» для папки \(folder)/\(slug)",
                                       hint: "папка данных конкурса называется так же, как его страница в content/\(collection)/ (адрес страницы)"))
                continue
            }
            var sources: [SubsidyContestFiles.Source] = []
            for path in files {
                guard let data = SourceFiles.contents(root.path + "/" + path), let text = try? decodeText(data) else {
                    problems.append(.error("yaml-encoding", at: SourceLocation(file: path), "файл не читается как текст в UTF-8",
                                           hint: "сохраните файл в кодировке UTF-8"))
                    continue
                }
                sources.append(SubsidyContestFiles.Source(path: path, name: String(path.dropFirst(at.file.count + 1)), text: text))
            }
            let declared = portal.collection(collection)?.schema.value(.results, of: page) != nil
            guard declared || running else {
                problems += readingProblems(page, sources, folder: at.file, portal)
                continue
            }
            if case let .choice(kind)? = page.values["kind"], kind.value == propertyKind {
                let (record, found) = property(page, sources, files: files, folder: at.file, portal)
                problems += found
                if let record { records[record.key] = record }
                continue
            }
            var fund: Money?, cap: Money?
            if case let .money(m)? = page.values["fund"] { fund = m }
            if case let .money(m)? = page.values["cap"] { cap = m }
            let (read, readProblems) = SubsidyContestFiles.read(sources, fund: fund, fundAt: page.location, cap: cap,
                                                                capAt: page.location, folder: at.file)
            problems += readProblems
            guard let contest = read else { continue }
            let results = contest.results()
            problems += contest.problems(in: results)
            problems += unknownOrganizations(contest.applications.map { ($0.number, $0.organization, $0.organizationLocation) }, portal)
            problems += unknownProjects(contest, portal)
            problems += publishedDifferences(page, results, portal)
            records[collection + "/" + slug] = ContestRecord(key: collection + "/" + slug, outcome: .subsidy(contest, results),
                                                            files: files)
        }
        return (records, problems)
    }

    /// The problems of reading a running contest's files: what is wrong in them as written.
    private static func readingProblems(_ page: Item, _ sources: [SubsidyContestFiles.Source], folder: String,
                                        _ portal: Portal) -> [Diagnostic] {
        if case let .choice(kind)? = page.values["kind"], kind.value == propertyKind {
            return PropertyContestFiles.read(sources, folder: folder).problems
        }
        return SubsidyContestFiles.read(sources, fund: nil, fundAt: nil, cap: nil, capAt: nil, folder: folder).problems
    }

    /// Winners typed on a contest's page (a contest without a folder) still keep § 1.3 and the
    /// fund: no one above the cap, all together within the fund.
    private static func typedWinnerProblems(_ portal: Portal) -> [Diagnostic] {
        guard let contests = portal.collection(collection) else { return [] }
        var problems: [Diagnostic] = []
        for page in contests.items {
            guard case let .list(winners)? = page.values["results"]?[entry: "winners"] else { continue }
            let amounts = winners.compactMap { winner -> (String, Money)? in
                guard case let .money(m)? = winner[entry: "amount"] else { return nil }
                if case let .string(name)? = winner[entry: "organization"] { return (name, m) }
                return ("", m)
            }
            if case let .money(cap)? = page.values["cap"] {
                for (name, amount) in amounts where amount > cap {
                    problems.append(.error("contest-results", at: page.location,
                                           "победителю «\(name)» указано \(RussianFormat.money(amount)) — больше предельного размера \(RussianFormat.money(cap))",
                                           hint: "размер средств одной организации не может превышать предельный (пункт 1.3 Положения, поле cap)"))
                }
            }
            let total = Money(kopecks: amounts.reduce(0) { $0 + $1.1.kopecks })
            if case let .money(fund)? = page.values["fund"], total > fund {
                problems.append(.error("contest-results", at: page.location,
                                       "победителям указано всего \(RussianFormat.money(total)) — больше объёма средств \(RussianFormat.money(fund))",
                                       hint: "средства распределяются в пределах общего объёма (поле fund)"))
            }
        }
        return problems
    }

    private static func unknownOrganizations(_ applications: [(number: String, organization: String, at: SourceLocation)],
                                             _ portal: Portal) -> [Diagnostic] {
        let known = Set(portal.collection(organizations)?.items.map(\.slug) ?? [])
        return applications.filter { !known.contains($0.organization) }.map { application in
            .error("missing-reference", at: application.at,
                   "заявка № \(application.number): организации «\(application.organization)» нет в реестре организаций",
                   hint: "organization — адрес страницы организации в content/\(organizations)/ (имя файла без .md)")
        }
    }

    private static func unknownProjects(_ contest: SubsidyContest, _ portal: Portal) -> [Diagnostic] {
        let projects = Set(portal.collection(ContestFolders.projects)?.items.map(\.slug) ?? [])
        var problems: [Diagnostic] = []
        for application in contest.applications {
            guard let page = application.projectPage, !projects.contains(page) else { continue }
            problems.append(.error("missing-reference", at: application.location,
                                   "заявка № \(application.number): проекта «\(page)» нет в разделе проектов",
                                   hint: "page — адрес страницы проекта в content/\(ContestFolders.projects)/ (имя файла без .md)"))
        }
        return problems
    }

    /// Winners typed on the contest's page must be the computed ones: same organisations, same amounts.
    private static func publishedDifferences(_ page: Item, _ results: SubsidyResults, _ portal: Portal) -> [Diagnostic] {
        guard case let .list(typed)? = page.values["results"]?[entry: "winners"], !typed.isEmpty else { return [] }
        let names = Dictionary(portal.collection(organizations)?.items.map { ($0.slug, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let computed = results.winners.map { entry -> (names: [String], amount: Money) in
            let organization = names[entry.application.organization]
            var known = [entry.application.organization]
            if let organization {
                known.append(organization.title)
                if case let .string(full)? = organization.values["full_name"] { known.append(full) }
            }
            return (known, entry.amount)
        }
        let hint = "итоги вычисляются по данным конкурса в \(folder)/\(page.slug)/: уберите список winners со страницы — таблица итогов строится сама"
        var problems: [Diagnostic] = []
        for case let winner in typed {
            guard case let .string(name)? = winner[entry: "organization"] else { continue }
            let amount: Money? = if case let .money(m)? = winner[entry: "amount"] { m } else { nil }
            guard let match = computed.first(where: { $0.names.contains(name) }) else {
                problems.append(.error("contest-results", at: page.location,
                                       "на странице конкурса победителем указана «\(name)», а по оценкам комиссии она не получает средств",
                                       hint: hint))
                continue
            }
            if let amount, amount != match.amount {
                problems.append(.error("contest-results", at: page.location,
                                       "на странице конкурса организации «\(name)» указано \(RussianFormat.money(amount)), а по расчёту — \(RussianFormat.money(match.amount))",
                                       hint: hint))
            }
        }
        if typed.count != computed.count {
            problems.append(.error("contest-results", at: page.location,
                                   "на странице конкурса \(typed.count) победителей, а по расчёту — \(computed.count)", hint: hint))
        }
        return problems
    }
}

/// One contest read and checked exactly as the build reads it: what `nko contest` works from.
public struct ContestReport: Sendable {
    /// The contest's problems (or the portal's, when it could not be loaded).
    public let problems: [Diagnostic]
    public let contest: SubsidyContest?
    public let results: SubsidyResults?
    /// A property competition and its scores in order (the first is the recipient).
    public var property: PropertyContest?
    public var propertyScores: [PropertyScore] = []
    /// The property competition's object in the property list.
    public var object: Item?
    /// The contest's page, and the organisations and projects of the portal by slug.
    public let page: Item?
    public let organizations: [String: Item]

    public var failed: Bool { problems.contains { $0.severity == .error } }

    public static func load(root: URL, contest slug: String) -> ContestReport {
        let engine = DiagnosticEngine()
        guard let portal = ContentLoader.load(root: root, diagnostics: engine), !engine.hasErrors else {
            return ContestReport(problems: engine.diagnostics, contest: nil, results: nil, page: nil, organizations: [:])
        }
        let folder = ContestFolders.folder + "/" + slug
        let page = portal.collection(ContestFolders.collection)?.items.first { $0.slug == slug }
        guard SourceFiles.kind(root.path + "/" + folder) == .folder else {
            let problem = Diagnostic.error("contest-files", at: page?.location, "нет папки данных конкурса \(folder)",
                                           hint: "данные конкурса — в папке \(ContestFolders.folder)/<адрес страницы конкурса>/: contest.yaml, applications.yaml, scores/")
            return ContestReport(problems: [problem], contest: nil, results: nil, page: page, organizations: [:])
        }
        let (records, problems) = ContestFolders.load(portal, running: true)
        let own = problems.filter { problem in
            guard let file = problem.location?.file else { return false }
            return file.hasPrefix(folder + "/") || file == folder || file == page?.sourceFile
        }
        let record = records[ContestFolders.collection + "/" + slug]
        var organizations: [String: Item] = [:]
        for item in portal.collection(ContestFolders.organizations)?.items ?? [] { organizations[item.slug] = item }
        var report = ContestReport(problems: own, contest: record?.subsidy?.contest, results: record?.subsidy?.results, page: page,
                                   organizations: organizations)
        (report.property, report.propertyScores) = (record?.property?.contest, record?.property?.scores ?? [])
        if let key = record?.property?.object {
            report.object = portal.collection(ContestFolders.property)?.items.first { ContestFolders.property + "/" + $0.slug == key }
        }
        return report
    }
}
