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
    /// Make only the units whose inputs changed since the last build (`BuildRecord`), when it can be trusted.
    public var incremental: Bool
    /// Told of each rendered page: (rendered so far, pages to render). Called from several threads.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// The forms engine compiled to WebAssembly (`make engine`): with it, form pages can be filled
    /// in the browser; without it they offer the files only.
    public var formsEngine: URL?
    /// Who the site is for: the public (the default), or the authorities, with the fields
    /// marked `access: internal` (`nko build --audience internal`).
    public var audience: Audience = .public
    /// An update in place publishes its pages without waiting for the search index and says so
    /// (`BuildReport.searchIndexOutdated`); the caller runs `SearchIndex.refresh` when it likes
    /// (`nko serve`, after the open pages have reloaded).
    public var searchIndexLater = false

    public enum Audience: String, Sendable, CaseIterable {
        case `public`, `internal`
    }

    /// What the build record is kept for: a site of another audience is never updated from it.
    var recordKey: String { audience == .public ? output.path : output.path + " (\(audience.rawValue))" }

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
    /// Whether the build failed: an error, or a warning under `--strict`.
    public let failed: Bool
    /// The pages were published and the search index was left for later (`searchIndexLater`).
    public var searchIndexOutdated = false

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// The build: load → check → make → write → publish. Each step runs only if the previous one
/// found no errors; nothing is published unless the whole build succeeded. One loop makes the
/// units of every output (`Outputs`): all of them in a full build, which writes a new site beside
/// the old one and swaps it in; in an incremental one (when the record of the last build can be
/// trusted, `BuildRecord`) only those whose inputs changed, whose files replace the old ones only
/// after all of them were made without errors. A process that kept its last build
/// (`BuildSession`, `nko serve`) skips loading and checking when an edit leaves the model as it was.
public enum SiteBuilder {
    /// `session`: what this process kept from its last build of the portal (`nko serve`).
    public static func run(_ options: BuildOptions, session: BuildSession = BuildSession(background: false)) -> BuildReport {
        run(options, session: session, outputs: Outputs.standard)
    }

    static func run(_ options: BuildOptions, session: BuildSession, outputs: [any Output]) -> BuildReport {
        session.finishWrites()
        defer { if !session.writesInBackground { session.finishWrites() } }
        // The last build's record is read while the sources are looked at, and whether the site
        // still has every file it lists is told meanwhile (20 000 lookups); it matters only then.
        let lastRecord = options.incremental && options.write && session.lastRecord == nil
            ? Pending { BuildRecord.load(root: options.root).map { (record: $0, filesExist: $0.allFilesExist(in: options.output, jobs: options.jobs)) } }
            : nil
        let engine = DiagnosticEngine()
        func failed() -> Bool { engine.hasErrors || (options.strict && engine.warningCount > 0) }
        func finish(pages: Int = 0, made: Int? = nil, published: Bool = false) -> BuildReport {
            BuildReport(diagnostics: engine.diagnostics, pageCount: pages, renderedCount: made ?? pages, published: published,
                        failed: failed())
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
        // An edit that leaves the model as it was (the text of a document) needs none of it made
        // again, nor its plan: the same units, reading the same lists.
        let prepared: BuildSession.Model
        if let before, let edited, options.incremental, let kept = options.write ? session.takeModel() : nil,
           kept.plan.outputs == outputs.count,
           ContentLoader.itemsUnchanged(edited, root: options.root, portal: kept.model.portal, sources: before) {
            prepared = BuildSession.Model(model: kept.model.readingBodiesAgain(of: edited), plan: kept.plan, diagnostics: kept.diagnostics)
            engine.raise(kept.model.portal.settings.warningsAsErrors)  // as loading would have
            engine.emit(contentsOf: kept.diagnostics)
        } else {
            guard let model = Checks.model(options, before: before, engine: engine) else { return finish() }
            // After an edit of the text of documents only, the fields of 10 000 items are not hashed
            // again: the record of the last build has them (see below).
            let plan = BuildPlan(model, outputs: outputs, withFields: !(before?.onlyBodiesChanged ?? false))
            // A file of the content named as a file the build makes (`content/news/index.html`) would overwrite it.
            engine.emit(contentsOf: Checks.sameFiles(plan.units, outputs: outputs, portal: model.portal))
            guard !engine.hasErrors else { return finish() }
            prepared = BuildSession.Model(model: model, plan: plan, diagnostics: engine.diagnostics)
        }
        let (model, units, listed) = (prepared.model, prepared.plan.units, prepared.plan.listed)
        let pageCount = prepared.plan.pageCount
        let loaded = options.incremental && before != nil ? lastRecord?.value : nil
        let record = options.incremental && before != nil ? session.lastRecord ?? loaded?.record : nil
        var virtual = prepared.plan.virtual
        // The fields are as the last build left them: as its record has them if it is the record
        // of that build (a failed build leaves sources but no record), and then 10 000 of them
        // are neither hashed nor looked up; else they are hashed now.
        let fieldsAsRecorded = !prepared.plan.hasFields && record.map { $0.sources != 0 && $0.sources == before?.lastState } == true
        if !prepared.plan.hasFields, !fieldsAsRecorded { virtual.merge(model.fieldsInputs) { current, _ in current } }
        let changes = before.flatMap {
            record?.changes(units: units, options: options, before: $0, virtual: virtual, fieldsAsRecorded: fieldsAsRecorded,
                            filesExist: loaded?.filesExist)
        }
        // A full build records the hashes of all it read.
        if fieldsAsRecorded, changes == nil { virtual.merge(model.fieldsInputs) { current, _ in current } }
        let due = changes.map { changes in units.filter { changes.make.contains($0.key) } } ?? units

        // Each unit's files are written as soon as it is made (into the staging folder, or beside
        // the files they replace), so that the pages of a large portal are never all in memory;
        // a build that ends with errors discards them.
        let publisher = options.write ? Publisher(output: options.output, inPlace: changes != nil) : nil
        do {
            try publisher?.prepare()
        } catch {
            engine.emit(writeFailed(options, error))
            return finish()
        }
        let counter = PageCounter(total: due.count { $0.isPage }, report: options.progress)
        let made = ParallelMap.map(due, jobs: options.jobs) { unit -> MadeUnit in
            let reads = Reads()
            let files = outputs[unit.output].make(unit, ModelReader(model, listed: listed, reads: reads))
            if unit.isPage { counter.increment() }
            var failure: UnitWriteFailure?
            if let publisher, !reads.diagnostics.contains(where: { $0.severity == .error }) {
                failure = write(files, of: unit, with: publisher)
            }
            return MadeUnit(unit: unit, record: BuildRecord.Made(key: unit.key, files: files.keys.sorted(), inputs: reads.inputs.sorted(),
                                                                  diagnostics: reads.diagnostics), failure: failure)
        }
        let madeCount = made.count { $0.unit.isPage }
        // A unit not made again repeats the messages it gave when it was.
        engine.emit(contentsOf: made.flatMap(\.record.diagnostics))
        if let record, let changes {
            let gone = Set(changes.removed.map(\.key))
            engine.emit(contentsOf: record.entries.filter { !changes.make.contains($0.key) && !gone.contains($0.key) }.flatMap(\.diagnostics))
        }
        if options.write { engine.emit(contentsOf: missingSearchTool(model.portal)) }
        guard let publisher, let before, !failed() else {
            publisher?.discard()
            return finish(pages: pageCount, made: madeCount)
        }

        var indexLater = false
        do {
            if let failure = made.lazy.compactMap(\.failure).first { throw failure }
            if let record, let changes {
                // The files a unit made again no longer writes, and those of the units the site no longer has.
                let recorded = Dictionary(uniqueKeysWithValues: record.entries.map { ($0.key, $0.files) })
                for unit in made {
                    for old in recorded[unit.unit.key] ?? [] where !unit.record.files.contains(old) { publisher.remove(old) }
                }
                for entry in changes.removed { entry.files.forEach(publisher.remove) }
            }
            session.forgetRecord(root: options.root)
            let reindex = changes == nil || made.contains { $0.unit.isPage } || changes?.removed.isEmpty == false
            let search = model.portal.settings.search && reindex
            indexLater = search && publisher.inPlace && options.searchIndexLater
            try publish(publisher, search: search && !indexLater, engine: engine)
        } catch {
            publisher.discard()
            if !(error is Failed) { engine.emit(writeFailed(options, error, portal: model.portal)) }
            return finish(pages: pageCount, made: madeCount)
        }
        let next = if let record, let changes {
            record.updated(made: made.map(\.record), removed: Set(changes.removed.map(\.key)), before: before, root: options.root,
                           virtual: virtual, fieldsAsRecorded: fieldsAsRecorded)
        } else {
            BuildRecord(options: options, made: made.map(\.record), before: before, virtual: virtual)
        }
        session.remember(record: next, model: prepared)
        session.write { try? next.save(root: options.root) }
        var report = finish(pages: pageCount, made: madeCount, published: true)
        report.searchIndexOutdated = indexLater
        return report
    }

    /// What a build makes of a model: the units of every output, and what they read that no file holds.
    struct BuildPlan: Sendable {
        let units: [OutputUnit]
        /// The addresses of the pages given to people and search engines (the sitemap's).
        let listed: [String]
        /// The inputs that are not files, by hash (`SiteModel.virtualInputs`, and the list of pages).
        let virtual: [String: UInt64]
        /// Whether `virtual` has the `@fields` inputs (`SiteModel.fieldsInputs`).
        let hasFields: Bool
        let pageCount: Int
        /// How many outputs planned it.
        let outputs: Int

        init(_ model: SiteModel, outputs: [any Output], withFields: Bool = true) {
            var units: [OutputUnit] = []
            for (index, output) in outputs.enumerated() {
                units += output.plan(model).map { unit in
                    var unit = unit
                    unit.output = index
                    return unit
                }
            }
            self.units = units
            listed = units.filter(\.isListedPage).map(\.path)
            var virtual = model.virtualInputs(withFields: withFields)
            virtual[Input.pages] = SourceFiles.hash(lines: listed) { $0.add($1) }  // in the plan's order, which is stable
            (self.virtual, hasFields) = (virtual, withFields)
            pageCount = units.count { $0.isPage }
            self.outputs = outputs.count
        }
    }

    /// Puts the written files in place with the search index. Pagefind reads the pages as
    /// published: a full build indexes the staging folder before swapping it in; an update in
    /// place indexes the updated site, and should that fail, `discard` puts the old pages back.
    private static func publish(_ publisher: Publisher, search: Bool, engine: DiagnosticEngine) throws {
        guard publisher.inPlace else {
            if search, let problem = SearchIndex.build(in: publisher.staging) {
                engine.emit(problem)
                throw Failed()
            }
            return try publisher.publish()
        }
        try publisher.publish()
        if search, let problem = SearchIndex.refresh(in: publisher.output) {
            engine.emit(problem)
            throw Failed()
        }
        publisher.finish()
    }

    /// A unit as this build made it: its record, and the failure to write its files, if any.
    private struct MadeUnit: Sendable {
        let unit: OutputUnit
        let record: BuildRecord.Made
        let failure: UnitWriteFailure?
    }

    /// Writes a unit's files; the failure, if any.
    private static func write(_ files: [String: Data], of unit: OutputUnit, with publisher: Publisher) -> UnitWriteFailure? {
        do {
            for (path, data) in files.sorted(by: { $0.key < $1.key }) { try publisher.write(data, to: path) }
            return nil
        } catch {
            return UnitWriteFailure(subject: unit.subject, error: error)
        }
    }

    /// The warning for a portal that asks for search where Pagefind is missing: every build that
    /// writes gives it, full or incremental, with the units' messages, so that `--strict` does not
    /// depend on `.nko/`.
    private static func missingSearchTool(_ portal: Portal) -> [Diagnostic] {
        guard portal.settings.search, let missing = SearchIndex.missingTool(asked: portal.settings.searchLocation) else { return [] }
        return [missing]
    }

    /// Counts made pages for the progress report.
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

    /// A build that could not write: what was written is gone, the site as it was. Named by the
    /// source of the unit whose file failed, when it was a unit's.
    private static func writeFailed(_ options: BuildOptions, _ error: Error, portal: Portal? = nil) -> Diagnostic {
        var at: SourceLocation?
        var what = "\(error)"
        if let failure = error as? UnitWriteFailure {
            at = portal.flatMap { Checks.source(of: failure.subject, in: $0) }
            what = "\(failure.error)"
        }
        return .error("write-failed", at: at, "не удалось записать сайт в \(options.output.path): \(what)",
                      hint: "сайт оставлен без изменений; проверьте место на диске, права на папку сайта и нет ли в ней посторонних файлов или папок на месте страниц")
    }

    /// A unit whose files could not be written.
    struct UnitWriteFailure: Error {
        let subject: Subject
        let error: Error
    }

    /// A failure already reported.
    private struct Failed: Error {}
}
