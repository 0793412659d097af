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
    /// Render only the pages whose inputs changed since the last build (`BuildCache`), when it can be trusted.
    public var incremental: Bool
    /// Told of each rendered page: (rendered so far, pages to render). Called from several threads.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(root: URL, output: URL, now: CalendarDate, jobs: Int, strict: Bool, write: Bool, incremental: Bool = true) {
        self.root = root
        self.output = output
        self.now = now
        self.jobs = jobs
        self.strict = strict
        self.write = write
        self.incremental = incremental
    }
}

public struct BuildReport: Sendable {
    public let diagnostics: [Diagnostic]
    public let pageCount: Int
    /// Pages rendered by this run: all of them, or the changed ones in an incremental build.
    public let renderedCount: Int
    public let published: Bool

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// The build pipeline: load → check → render → write → publish. Each step runs only if the
/// previous one found no errors; nothing is published unless the whole build succeeded. A full
/// build writes a new site beside the old one and swaps it in; an incremental one (when the record
/// of the last build can be trusted, `BuildCache`) renders the changed pages and replaces their
/// files only after all of them rendered without errors. A process that kept its last build
/// (`BuildSession`, `nko serve`) skips loading and checking when an edit leaves the model as it was.
public enum SiteBuilder {
    /// `session`: what this process kept from its last build of the portal (`nko serve`).
    public static func run(_ options: BuildOptions, session: BuildSession = BuildSession(background: false)) -> BuildReport {
        session.finishWrites()
        let engine = DiagnosticEngine()
        func finish(pages: Int = 0, rendered: Int? = nil, published: Bool = false) -> BuildReport {
            BuildReport(diagnostics: engine.diagnostics, pageCount: pages, renderedCount: rendered ?? pages, published: published)
        }
        // What the files are before they are read: the record of this build keeps these hashes,
        // and the items of unchanged files come from the last build.
        let edited = options.write ? session.takeChanges() : nil
        let before = options.write
            ? SourceCache(root: options.root, jobs: options.jobs, previous: session.lastSources, changed: edited) : nil
        defer {
            if let next = before?.next {
                session.remember(sources: next.state)
                // Saved when the build is over: its writing is not to slow the build down.
                if next.changed { session.write { SourceCache.save(next.state, root: options.root) } }
            }
        }
        // A symbolic link could publish a file of the machine that builds: refused before anything is read.
        engine.emit(contentsOf: SourceFiles.problems(before?.refused ?? SourceFiles.refused(root: options.root), root: options.root))
        guard !engine.hasErrors else { return finish() }
        // An edit that leaves the model as it was (the text of a document) needs none of it made again.
        let kept = options.write ? session.takeModel() : nil
        if let before, let edited, options.incremental, let kept, let cache = session.lastRecord,
           ContentLoader.itemsUnchanged(edited, root: options.root, portal: kept.renderer.portal, sources: before),
           let changes = cache.changes(plans: kept.plans, options: options, before: before, virtual: kept.renderer.virtualInputs) {
            engine.emit(contentsOf: kept.diagnostics)
            return updateInPlace(plans: kept.plans, changes: changes, cache: cache, before: before,
                                 renderer: kept.renderer.readingBodiesAgain(of: edited),
                                 prepared: kept.diagnostics, options: options, session: session, engine: engine, finish: finish)
        }
        let loaded = ContentLoader.load(root: options.root, diagnostics: engine, sources: before)
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
        let plans = renderer.plans()
        let prepared = engine.diagnostics
        if let before, options.incremental, let cache = session.lastRecord ?? BuildCache.load(root: options.root),
           let changes = cache.changes(plans: plans, options: options, before: before, virtual: renderer.virtualInputs) {
            return updateInPlace(plans: plans, changes: changes, cache: cache, before: before, renderer: renderer,
                                 prepared: prepared, options: options, session: session, engine: engine, finish: finish)
        }
        // Each page is written to the staging folder as soon as it is rendered, so the pages of a
        // large portal are never all in memory; a build that ends with errors discards the folder.
        let publisher = options.write ? Publisher(output: options.output) : nil
        do {
            try publisher?.prepare()
        } catch {
            engine.emit(writeFailed(options, error))
            return finish()
        }
        let counter = PageCounter(total: plans.count, report: options.progress)
        let pages = ParallelMap.map(plans, jobs: options.jobs) { plan -> PageRecord in
            let page = renderer.render(plan)
            counter.increment()
            var failure: PageWriteFailure?
            if let publisher, !page.diagnostics.contains(where: { $0.severity == .error }) {
                failure = write(page, with: publisher)
            }
            return PageRecord(page, failure: failure)
        }
        // A body is rendered on its own page only, so each problem is reported once.
        engine.emit(contentsOf: pages.flatMap(\.diagnostics))
        if options.write { engine.emit(contentsOf: missingSearchTool(renderer.portal)) }
        guard let publisher, let before, !engine.hasErrors, !(options.strict && engine.warningCount > 0) else {
            publisher?.discard()
            return finish(pages: pages.count)
        }

        let copied = copiedFiles(portal, before)
        do {
            if let failure = pages.lazy.compactMap(\.failure).first { throw failure }
            try writeSiteFiles(renderer: renderer, plans: plans, options: options, publisher: publisher, copied: copied)
            if portal.settings.search, let problem = SearchIndex.build(in: publisher.staging) {
                engine.emit(problem)
                throw Failed()
            }
            session.forgetRecord(root: options.root)
            try publisher.publish()
        } catch {
            publisher.discard()
            if !(error is Failed) { engine.emit(writeFailed(options, error, renderer: renderer)) }
            return finish(pages: pages.count)
        }
        // The record is a cache for later builds: failing to write it fails nothing.
        let record = BuildCache(options: options, copied: copied, pages: pages.map(\.made), before: before,
                                virtual: renderer.virtualInputs)
        session.remember(record: record, model: BuildSession.Model(renderer: renderer, plans: plans, diagnostics: prepared))
        session.write { try? record.save(root: options.root) }
        return finish(pages: pages.count, published: true)
    }

    /// An incremental build: the changed and new pages are rendered (all their messages known
    /// before anything is written), then written over the published site file by file, with the
    /// files of the whole site; pages the site no longer has lose their files; unchanged pages
    /// keep theirs and repeat their recorded messages. `prepared`: the messages of the model.
    private static func updateInPlace(plans: [PagePlan], changes: (render: Set<String>, removed: [BuildCache.Page]),
                                      cache: BuildCache, before: SourceCache, renderer: PageRenderer, prepared: [Diagnostic],
                                      options: BuildOptions, session: BuildSession, engine: DiagnosticEngine,
                                      finish: (Int, Int?, Bool) -> BuildReport) -> BuildReport {
        let changed = plans.filter { changes.render.contains($0.outputFile) }
        let counter = PageCounter(total: changed.count, report: options.progress)
        let rendered = ParallelMap.map(changed, jobs: options.jobs) { plan in
            defer { counter.increment() }
            return renderer.render(plan)
        }
        let fresh = Dictionary(uniqueKeysWithValues: rendered.map { ($0.plan.outputFile, $0) })
        let recorded = Dictionary(uniqueKeysWithValues: cache.pages.map { ($0.file, $0) })
        engine.emit(contentsOf: plans.flatMap { fresh[$0.outputFile]?.diagnostics ?? recorded[$0.outputFile]?.diagnostics ?? [] })
        engine.emit(contentsOf: missingSearchTool(renderer.portal))
        guard !engine.hasErrors, !(options.strict && engine.warningCount > 0) else { return finish(plans.count, rendered.count, false) }

        let publisher = Publisher(output: options.output, inPlace: true)
        let portal = renderer.portal
        session.forgetRecord(root: options.root)
        let copied = copiedFiles(portal, before)
        var made: [BuildCache.Made] = []
        do {
            for page in rendered {
                if let failure = write(page, with: publisher) { throw failure }
                let record = PageRecord(page, failure: nil).made
                for old in recorded[page.plan.outputFile]?.outputs ?? [] where !record.outputs.contains(old) {
                    publisher.remove(old)
                }
                made.append(record)
            }
            for page in changes.removed { page.outputs.forEach(publisher.remove) }
            for gone in cache.copied.keys where copied[gone] == nil { publisher.remove(BuildCache.sitePath(ofCopied: gone)) }
            // The sitemap, robots.txt and the calendar read what the home page reads (the settings and
            // every dated item) and the list of pages.
            let listsChanged = changes.render.contains("index.html") || !changes.removed.isEmpty
                || changes.render.contains { recorded[$0] == nil }
            try writeSiteFiles(renderer: renderer, plans: plans, options: options, publisher: publisher, copied: copied,
                               unchanged: { cache.copied[$0] == copied[$0] }, lists: listsChanged)
            // Pagefind reads the pages as published: the new index is made beside the site and
            // swapped in; should it fail, `discard` puts the old pages back.
            let staged = options.output.deletingLastPathComponent()
                .appendingPathComponent(".\(options.output.lastPathComponent).\(SearchIndex.folder)-\(ProcessInfo.processInfo.processIdentifier)")
            try publisher.publish()
            defer { try? FileManager.default.removeItem(at: staged) }
            let reindex = !rendered.isEmpty || !changes.removed.isEmpty
            if portal.settings.search, reindex, let problem = SearchIndex.build(in: options.output, into: staged) {
                engine.emit(problem)
                throw Failed()
            }
            if FileManager.default.fileExists(atPath: staged.path) { try publisher.replaceFolder(SearchIndex.folder, with: staged) }
            publisher.finish()
        } catch {
            publisher.discard()
            if !(error is Failed) { engine.emit(writeFailed(options, error, renderer: renderer)) }
            return finish(plans.count, rendered.count, false)
        }
        let record = cache.updated(rendered: made, removed: Set(changes.removed.map(\.file)), copied: copied,
                                   before: before, root: options.root, virtual: renderer.virtualInputs)
        session.remember(record: record, model: BuildSession.Model(renderer: renderer, plans: plans, diagnostics: prepared))
        session.write { try? record.save(root: options.root) }
        return finish(plans.count, rendered.count, true)
    }

    /// Writes a page and its downloads; the failure, if any.
    private static func write(_ page: RenderedPage, with publisher: Publisher) -> PageWriteFailure? {
        do {
            try publisher.write(Data(page.html.utf8), to: page.plan.outputFile)
            for (path, data) in page.downloads { try publisher.write(data, to: path) }
            return nil
        } catch {
            return PageWriteFailure(plan: page.plan, error: error)
        }
    }

    /// The files of the whole site beside its pages: the lists (sitemap, robots.txt, the calendar;
    /// unless `lists` says they are as they were) and the files copied as they are (`copied`, those
    /// that `unchanged` says the site has already are not).
    private static func writeSiteFiles(renderer: PageRenderer, plans: [PagePlan], options: BuildOptions, publisher: Publisher,
                                       copied: [String: UInt64], unchanged: (String) -> Bool = { _ in false },
                                       lists: Bool = true) throws {
        let portal = renderer.portal
        if lists {
            try publisher.write(Data(sitemap(portal, plans).utf8), to: OutputFiles.sitemap)
            try publisher.write(Data(robots(portal).utf8), to: OutputFiles.robots)
            try publisher.write(Data(renderer.portalCalendar().utf8), to: OutputFiles.calendar)
        }
        for source in copied.keys.sorted() where !unchanged(source) {
            guard let data = SourceFiles.contents(options.root.path + "/" + source) else {
                throw CopyFailure(source: source)
            }
            try publisher.write(data, to: BuildCache.sitePath(ofCopied: source))
        }
    }

    /// The warning for a portal that asks for search where Pagefind is missing: every build that
    /// writes gives it, full or incremental, with the pages' messages, so that `--strict` does not
    /// depend on `.nko/`.
    private static func missingSearchTool(_ portal: Portal) -> [Diagnostic] {
        guard portal.settings.search, let missing = SearchIndex.missingTool(asked: portal.settings.searchLocation) else { return [] }
        return [missing]
    }

    /// The files published as they are, with their hashes: the template assets and the files of
    /// `content/` that are neither items nor schemas (documents, pictures).
    private static func copiedFiles(_ portal: Portal, _ sources: SourceCache) -> [String: UInt64] {
        let assets = Templates.folder + "/" + Templates.assetsFolder + "/"
        var copied: [String: UInt64] = [:]
        for (path, file) in sources.files where path.hasPrefix(assets) { copied[path] = file.hash }
        for path in portal.attachments { copied[path] = sources.files[path]?.hash ?? BuildCache.missing }
        return copied
    }

    /// Counts rendered pages for the progress report.
    final class PageCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var done = 0
        private let total: Int
        private let report: (@Sendable (Int, Int) -> Void)?

        init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
            self.total = total
            self.report = report
        }

        func increment() {
            guard let report else { return }
            let count = lock.withLock { done += 1; return done }
            report(count, total)
        }
    }

    /// What is kept of a page once it is written: where it went and what it was made from.
    struct PageRecord: Sendable {
        let plan: PagePlan
        let outputs: [String]
        let inputs: [String]
        let diagnostics: [Diagnostic]
        let failure: PageWriteFailure?

        init(_ page: RenderedPage, failure: PageWriteFailure?) {
            plan = page.plan
            outputs = [page.plan.outputFile] + page.downloads.keys.sorted()
            inputs = page.inputs
            diagnostics = page.diagnostics
            self.failure = failure
        }

        var made: BuildCache.Made { BuildCache.Made(file: plan.outputFile, outputs: outputs, inputs: inputs, diagnostics: diagnostics) }
    }

    /// A build that could not write: what was written is gone, the site as it was. Named by the
    /// source of the page whose file failed, when it was a page's.
    private static func writeFailed(_ options: BuildOptions, _ error: Error, renderer: PageRenderer? = nil) -> Diagnostic {
        var at: SourceLocation?
        var what = "\(error)"
        if let failure = error as? PageWriteFailure {
            at = renderer.flatMap { source(of: failure.plan, in: $0.portal) }
            what = "\(failure.error)"
        } else if let failure = error as? CopyFailure {
            at = SourceLocation(file: failure.source)
            what = "файл не читается"
        }
        return .error("write-failed", at: at, "не удалось записать сайт в \(options.output.path): \(what)",
                      hint: "сайт оставлен без изменений; проверьте место на диске, права на папку сайта и нет ли в ней посторонних файлов или папок на месте страниц")
    }

    /// The file a page is made from, for messages about it.
    private static func source(of plan: PagePlan, in portal: Portal) -> SourceLocation? {
        switch plan.source {
        case .item(let c, let i): return portal.collections[c].items[i].slugLocation
        case .section(let c), .sorted(let c, _): return SourceLocation(file: portal.collections[c].schema.file)
        case .home: return portal.home.map { SourceLocation(file: $0.file) }
        case .search, .notFound: return nil
        }
    }

    /// A page whose files could not be written.
    struct PageWriteFailure: Error {
        let plan: PagePlan
        let error: Error
    }

    /// A file to publish as it is that could not be read.
    private struct CopyFailure: Error {
        let source: String
    }

    /// A failure already reported.
    private struct Failed: Error {}

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
            guard let due = updated.adding(months: months), due < now else { return nil }
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
}
