import Content
import Diagnostics
import Forms
import Foundation
import Markup
import RussianText

public struct BuildOptions: Sendable {
    public var root: URL
    public var output: URL
    public var now: CalendarDate
    public var jobs: Int
    /// Warnings fail the build too.
    public var strict: Bool
    /// false for `nko check`: everything is loaded and rendered, nothing is written.
    public var write: Bool

    public init(root: URL, output: URL, now: CalendarDate, jobs: Int, strict: Bool, write: Bool) {
        self.root = root
        self.output = output
        self.now = now
        self.jobs = jobs
        self.strict = strict
        self.write = write
    }
}

public struct BuildReport: Sendable {
    public let diagnostics: [Diagnostic]
    public let pageCount: Int
    public let published: Bool

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// The build pipeline: load → check → render → write → publish. Each step runs only if the
/// previous one found no errors; nothing is published unless the whole build succeeded.
public enum SiteBuilder {
    /// Where each page's inputs are recorded, relative to the root.
    public static let manifestPath = ".nko/pages.json"

    public static func run(_ options: BuildOptions) -> BuildReport {
        let engine = DiagnosticEngine()
        func finish(pages: Int = 0, published: Bool = false) -> BuildReport {
            BuildReport(diagnostics: engine.diagnostics, pageCount: pages, published: published)
        }
        let loaded = ContentLoader.load(root: options.root, diagnostics: engine)
        var problems: [Diagnostic] = []
        let templates = Templates.load(root: options.root, diagnostics: &problems)
        if let loaded { problems += missingLayouts(loaded, templates) }
        // The forms are part of the portal's sources: a broken definition fails the build too.
        let forms = FormLibrary.load(root: options.root)
        problems += forms.diagnostics
        if let loaded { problems += unknownForms(loaded, forms) }
        engine.emit(contentsOf: problems)
        guard let loaded, !engine.hasErrors else { return finish() }
        var checks: [Diagnostic] = []
        let (portal, schedules) = Schedules.resolve(loaded, now: options.now, diagnostics: &checks)
        checks += staleRegistries(portal, now: options.now)
        engine.emit(contentsOf: checks)
        guard !engine.hasErrors else { return finish() }

        let renderer = PageRenderer(portal: portal, templates: templates, now: options.now, forms: forms, schedules: schedules)
        // Each page is written to the staging folder as soon as it is rendered, so the pages of a
        // large portal are never all in memory; a build that ends with errors discards the folder.
        let publisher = options.write ? Publisher(output: options.output) : nil
        do {
            try publisher?.prepare()
        } catch {
            engine.emit(.error("write-failed", at: nil, "не удалось записать сайт в \(options.output.path): \(error)",
                               hint: "предыдущая версия сайта оставлена без изменений"))
            return finish()
        }
        let pages = ParallelMap.map(renderer.plans(), jobs: options.jobs) { plan -> PageRecord in
            let page = renderer.render(plan)
            var failure: String?
            if let publisher, !page.diagnostics.contains(where: { $0.severity == .error }) {
                do {
                    try publisher.write(Data(page.html.utf8), to: plan.outputFile)
                    for (path, data) in page.downloads { try publisher.write(data, to: path) }
                } catch {
                    failure = "\(plan.outputFile): \(error.localizedDescription)"
                }
            }
            return PageRecord(plan: plan, inputs: page.inputs, diagnostics: page.diagnostics, failure: failure)
        }
        // A body is rendered on its own page only, so each problem is reported once.
        engine.emit(contentsOf: pages.flatMap(\.diagnostics))
        guard let publisher, !engine.hasErrors, !(options.strict && engine.warningCount > 0) else {
            publisher?.discard()
            return finish(pages: pages.count)
        }

        do {
            if let failure = pages.lazy.compactMap(\.failure).first { throw WriteError(description: failure) }
            try publisher.write(Data(sitemap(portal, pages.map(\.plan)).utf8), to: "sitemap.xml")
            try publisher.write(Data(robots(portal).utf8), to: "robots.txt")
            try publisher.write(Data(renderer.portalCalendar().utf8), to: OutputFiles.calendar)
            let assets = options.root.appendingPathComponent(Templates.folder).appendingPathComponent(Templates.assetsFolder)
            if FileManager.default.fileExists(atPath: assets.path) {
                try publisher.copy(assets, to: Templates.assetsFolder)
            }
            for collection in portal.collections {
                for attachment in collection.attachments {
                    try publisher.copy(options.root.appendingPathComponent(attachment),
                                       to: String(attachment.dropFirst(ContentLoader.contentFolder.count + 1)))
                }
            }
            if portal.settings.search, let problem = SearchIndex.build(in: publisher.staging) {
                engine.emit(problem)
                if problem.severity == .error || options.strict { throw WriteError(description: problem.message) }
            }
            try publisher.publish()
        } catch {
            publisher.discard()
            engine.emit(.error("write-failed", at: nil, "не удалось записать сайт в \(options.output.path): \(error)",
                               hint: "предыдущая версия сайта оставлена без изменений"))
            return finish(pages: pages.count)
        }
        // The record of inputs is a cache for later builds: failing to write it fails nothing.
        try? writeManifest(pages, root: options.root)
        return finish(pages: pages.count, published: true)
    }

    /// What is kept of a page once it is written: where it went and what it was made from.
    struct PageRecord: Sendable {
        let plan: PagePlan
        let inputs: [String]
        let diagnostics: [Diagnostic]
        let failure: String?
    }

    private struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// Registries that must be updated regularly (the property list: at least monthly) and were not.
    static func staleRegistries(_ portal: Portal, now: CalendarDate) -> [Diagnostic] {
        portal.collections.compactMap { collection -> Diagnostic? in
            guard let months = collection.schema.registry?.updatedWithinMonths else { return nil }
            let period = months == 1 ? "месяц" : "\(months) \(RussianFormat.plural(months, "месяц", "месяца", "месяцев"))"
            guard let updated = collection.intro?.updated else {
                return .warning("registry-updated", at: SourceLocation(file: collection.intro?.file ?? collection.schema.file),
                                "«\(collection.title)»: не указана дата обновления",
                                hint: "добавьте в начало \(ContentLoader.contentFolder)/\(collection.id)/_index.md строку «updated: \(now.iso)»; перечень обновляется не реже чем раз в \(period)")
            }
            guard updated.adding(months: months) < now else { return nil }
            return .warning("registry-stale", at: collection.intro?.updatedLocation,
                            "«\(collection.title)» обновлялся \(RussianFormat.shortDate(updated)) — больше чем \(period) назад (сегодня \(RussianFormat.shortDate(now)))",
                            hint: "правила требуют обновлять его не реже чем раз в \(period): внесите изменения и укажите новую дату в «updated:»")
        }
    }

    /// Every layout the pages ask for must exist.
    static func missingLayouts(_ portal: Portal, _ templates: Templates) -> [Diagnostic] {
        var wanted: [(String, SourceLocation)] = [
            ("home", SourceLocation(file: portal.home?.file ?? "\(Templates.folder)/")),
            ("404", SourceLocation(file: "\(Templates.folder)/")),
            ("search", SourceLocation(file: "\(Templates.folder)/")),
            ("header", SourceLocation(file: "\(Templates.folder)/")),
            ("footer", SourceLocation(file: "\(Templates.folder)/")),
        ]
        for collection in portal.collections {
            let at = SourceLocation(file: collection.schema.file)
            wanted.append((collection.schema.listLayout, at))
            if !collection.items.isEmpty && collection.schema.itemPages { wanted.append((collection.schema.layout, at)) }
        }
        var seen: Set<String> = []
        return wanted.compactMap { name, at in
            guard !templates.has(name), seen.insert(name + at.file).inserted else { return nil }
            return .error("missing-template", at: at, "нет шаблона «\(name)» (\(Templates.folder)/\(name).mustache)",
                          hint: "имеющиеся шаблоны: " + templates.files.keys.sorted().joined(separator: ", "))
        }
    }

    /// Items naming a form (a field of type `form`) that the library does not have.
    static func unknownForms(_ portal: Portal, _ forms: FormLibrary) -> [Diagnostic] {
        portal.collections.flatMap { collection in
            collection.schema.fields.filter { $0.type == .form }.flatMap { field in
                collection.items.compactMap { item -> Diagnostic? in
                    guard case let .string(id)? = item.values[field.name], forms.form(id) == nil else { return nil }
                    return .error("unknown-form", at: item.location, "поле «\(field.name)»: формы «\(id)» нет в \(FormLibrary.folder)",
                                  hint: (NearestName.find(id, among: forms.forms.map(\.id)).map { "возможно, имелась в виду «\($0)»; " } ?? "")
                                      + "формы: " + forms.forms.map(\.id).joined(separator: ", "))
                }
            }
        }
    }

    static func sitemap(_ portal: Portal, _ plans: [PagePlan]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let base = portal.settings.baseURL
        for path in plans.filter(\.isListed).map(\.path).sorted() {
            xml += "  <url><loc>\(HTMLRenderer.escape(base + path))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(_ portal: Portal) -> String {
        "User-agent: *\nDisallow:\n\nSitemap: \(portal.settings.baseURL)sitemap.xml\n"
    }

    /// Records, for every page, the inputs it was made from.
    static func writeManifest(_ pages: [PageRecord], root: URL) throws {
        struct Entry: Encodable { let page: String; let inputs: [String] }
        let entries = pages.map { Entry(page: $0.plan.outputFile, inputs: $0.inputs) }.sorted { $0.page < $1.page }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = root.appendingPathComponent(manifestPath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(entries).write(to: url)
    }
}
