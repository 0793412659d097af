import Competitions
import Content
import Diagnostics
import Foundation
import RussianText

/// A contest whose procedure the authority keeps in `content/_contests/<contest>/` (not
/// published), with its results computed from it.
struct ContestRecord: Sendable {
    /// The contest's page: `contests/<slug>`.
    let key: String
    let contest: SubsidyContest
    let results: SubsidyResults
    /// The folder's files, paths from the portal's root: the inputs of everything shown of it.
    let files: [String]
}

/// Reads every contest folder, checks it against its page and the organisation registry, and
/// computes the results. The same reading serves `nko build`, `nko check` and `nko contest`.
enum ContestFolders {
    static let folder = ContentLoader.contentFolder + "/_contests"
    static let collection = "contests"
    static let organizations = "organizations"
    static let projects = "projects"

    static func load(_ portal: Portal) -> (records: [String: ContestRecord], problems: [Diagnostic]) {
        let root = portal.root
        guard SourceFiles.kind(root.path + "/" + folder) != .other else { return ([:], []) }
        var refused: [SourceFiles.Refused] = []
        let paths = SourceFiles.files(under: folder, root: root, refused: &refused)
        var problems = SourceFiles.problems(refused, root: root)
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
                guard let data = SourceFiles.contents(root.path + "/" + path), let text = String(data: data, encoding: .utf8) else {
                    problems.append(.error("yaml-encoding", at: SourceLocation(file: path), "файл не читается как текст в UTF-8",
                                           hint: "сохраните файл в кодировке UTF-8"))
                    continue
                }
                sources.append(SubsidyContestFiles.Source(path: path, name: String(path.dropFirst(at.file.count + 1)), text: text))
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
            problems += unknownOrganizations(contest, portal)
            problems += publishedDifferences(page, results, portal)
            records[collection + "/" + slug] = ContestRecord(key: collection + "/" + slug, contest: contest, results: results,
                                                            files: files)
        }
        return (records, problems)
    }

    private static func unknownOrganizations(_ contest: SubsidyContest, _ portal: Portal) -> [Diagnostic] {
        let known = Set(portal.collection(organizations)?.items.map(\.slug) ?? [])
        let projects = Set(portal.collection(ContestFolders.projects)?.items.map(\.slug) ?? [])
        var problems: [Diagnostic] = contest.applications.filter { !known.contains($0.organization) }.map { application in
            .error("missing-reference", at: application.organizationLocation,
                   "заявка № \(application.number): организации «\(application.organization)» нет в реестре организаций",
                   hint: "organization — адрес страницы организации в content/\(organizations)/ (имя файла без .md)")
        }
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
        let (records, problems) = ContestFolders.load(portal)
        let own = problems.filter { problem in
            guard let file = problem.location?.file else { return false }
            return file.hasPrefix(folder + "/") || file == folder || file == page?.sourceFile
        }
        let record = records[ContestFolders.collection + "/" + slug]
        var organizations: [String: Item] = [:]
        for item in portal.collection(ContestFolders.organizations)?.items ?? [] { organizations[item.slug] = item }
        return ContestReport(problems: own, contest: record?.contest, results: record?.results, page: page,
                             organizations: organizations)
    }
}
