import Content
import Diagnostics
import Foundation

/// What a process keeps between its builds of one portal: the sources as the last build found
/// them (stamps, hashes, parsed items), its record and its model. With it a rebuild reads nothing
/// from `.nko/`, and an edit that leaves the model as it was does not make it again; `nko serve`
/// also writes `.nko/` in the background, after the site is updated, so that the writing is off
/// the path from an edit to the reloaded page.
public final class BuildSession: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: SourceCache.State?
    private var record: BuildRecord?
    /// The last build's model, kept for a next build whose edits leave it as it was, and so that
    /// it is freed off the build's path: by the next build in the background, or never when the
    /// process ends (freeing it is work an exit does for nothing).
    private var model: Model?
    /// Whether `model` is what the last build made of the sources as `sources` has them: not after
    /// a build that failed, which may have found the problem in another file.
    private var modelIsCurrent = false
    /// The queue of a long-running process's writes; nil: they run at once, side by side.
    private let writes: DispatchQueue?
    private let writing = DispatchGroup()
    /// The source files that may have changed since the last build, as a watcher was told;
    /// nil when that is not known (no watcher, or one that lost count).
    private var changes: Set<String>?
    private let watched: Bool

    /// `background`: the files of `.nko/` are written on a queue of their own (a long-running
    /// process), one after another; otherwise at once, each on its own thread, and the build
    /// waits for them before it returns. `watched`: a watcher tells of every change (`noteChanges`)
    /// from before the first build on.
    public init(background: Bool, watched: Bool = false) {
        writes = background ? DispatchQueue(label: "nko.session.writes") : nil
        self.watched = watched
    }

    /// Waits for the files of `.nko/` the last build is writing: the next one removes its record first.
    public func finishWrites() { writing.wait() }

    /// Whether the build leaves its writes running when it returns.
    var writesInBackground: Bool { writes != nil }

    func write(_ work: @escaping @Sendable () -> Void) {
        (writes ?? DispatchQueue.global()).async(group: writing, execute: work)
    }

    /// A watcher's news: these files (relative to the root) may have changed; nil: anything may have.
    public func noteChanges(_ paths: Set<String>?) {
        lock.withLock { changes = paths.flatMap { paths in changes.map { $0.union(paths) } } }
    }

    /// What may have changed since the last build; from now on, with a watcher, nothing is known to have.
    func takeChanges() -> Set<String>? {
        lock.withLock {
            defer { changes = watched ? [] : nil }
            return changes
        }
    }

    /// What a build made before making its units: the model, its plan, and the messages found on the way.
    struct Model: Sendable {
        let model: SiteModel
        let plan: SiteBuilder.BuildPlan
        let diagnostics: [Diagnostic]
    }

    /// The last build's model if it was the last build's outcome; a build that asks for it is the
    /// last build from then on, and makes it current again only if it succeeds.
    func takeModel() -> Model? {
        lock.withLock {
            defer { modelIsCurrent = false }
            return modelIsCurrent ? model : nil
        }
    }

    var lastSources: SourceCache.State? { lock.withLock { sources } }
    var lastRecord: BuildRecord? { lock.withLock { record } }

    func remember(sources: SourceCache.State) { lock.withLock { self.sources = sources } }

    /// Keeps the record of a build that updated the site, and its model.
    func remember(record: BuildRecord, model: Model) {
        let old = lock.withLock {
            defer { (self.record, self.model, modelIsCurrent) = (record, model, true) }
            return self.model
        }
        if writes != nil { DispatchQueue.global().async { withExtendedLifetime(old) {} } }
    }

    /// Before the site changes: the record on disk and in memory would no longer describe it,
    /// should the update stop half-way.
    func forgetRecord(root: URL) {
        lock.withLock { record = nil }
        // Without its hashes the record is not read; its units stay, for the next save to keep if they are the same.
        unlink(root.appendingPathComponent(BuildRecord.hashesPath).path)
    }
}
