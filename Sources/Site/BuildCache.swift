import Content
import Diagnostics
import Foundation

/// What the last build of a site recorded (`.nko/build.bin`) so that the next one renders only
/// the pages whose inputs changed: for every page the files it wrote, the inputs it was made from
/// (recorded while rendering) and its messages; for every input, a hash of its content.
///
/// Inputs are files, and virtual inputs (`@menu`, `@sections`, `@items:<collection>`,
/// `@referrers:<collection>`) for what no single file holds: a page listing a collection depends
/// on the list of its items, so that an item added, removed or renamed renders it again. A page the last build did not have is
/// rendered; one this build does not have loses its files.
///
/// The record is trusted only when nothing it cannot see has changed: the same engine (the
/// executable and this format), the same output folder and `--now`, and every file it says the
/// site has still there. Otherwise, and when it is unreadable, the build is a full one.
struct BuildCache: Sendable {
    static let path = ".nko/build.bin"
    /// Changed whenever the same inputs could give other pages (a new engine version).
    static let format = "nko-build-3"

    struct Page: Sendable {
        let file: String
        let outputs: [String]
        /// Positions in the record's table of inputs.
        var inputs: [Int]
        let diagnostics: [Diagnostic]
    }

    /// A page as this build made it, with its inputs by name.
    struct Made: Sendable {
        let file: String
        let outputs: [String]
        let inputs: [String]
        let diagnostics: [Diagnostic]
    }

    let engine: String
    let output: String
    let now: String
    /// Files copied into the site as they are (template assets, attachments of the content), by
    /// their path in the sources, with their hash: one that is gone leaves the site too, and one
    /// that is the same is not copied again.
    let copied: [String: UInt64]
    /// Every input of a page once, with the hash it had when its pages were made.
    let inputs: [String]
    let hashes: [UInt64]
    /// By file, sorted.
    let pages: [Page]

    /// Marks in place of a hash: a file that is not there, and one that changed while the build read it.
    static let missing: UInt64 = 1, changedDuringBuild: UInt64 = 0

    /// The record of a full build: its pages as rendered, named by output file, with their inputs.
    init(options: BuildOptions, copied: [String: UInt64], pages: [Made], before: SourceCache, virtual: [String: String]) {
        (engine, output, now, self.copied) = (SourceCache.engine, options.output.path, options.now.iso, copied)
        inputs = Set(pages.flatMap(\.inputs)).sorted()
        let index = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        hashes = inputs.map { Self.settled($0, read: true, before: before, root: options.root, virtual: virtual) }
        self.pages = pages.sorted { $0.file < $1.file }.map { page in
            Page(file: page.file, outputs: page.outputs, inputs: page.inputs.map { index[$0]! }, diagnostics: page.diagnostics)
        }
    }

    private init(engine: String, output: String, now: String, copied: [String: UInt64], inputs: [String], hashes: [UInt64],
                 pages: [Page]) {
        (self.engine, self.output, self.now, self.copied) = (engine, output, now, copied)
        (self.inputs, self.hashes, self.pages) = (inputs, hashes, pages)
    }

    static func load(root: URL) -> BuildCache? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).flatMap { read($0, engine: SourceCache.engine) }
    }

    /// A record from its bytes, if it has this format and was written by `engine` (any, when nil).
    static func read(_ data: Data, engine: String?) -> BuildCache? {
        var reader = BinaryReader([UInt8](data))
        do {
            guard try reader.string() == format else { return nil }
            let writer = try reader.string()
            guard engine == nil || writer == engine else { return nil }
            let (output, now) = (try reader.string(), try reader.string())
            let copied = try reader.array { reader in (try reader.string(), try reader.uint()) }
            let inputs = try reader.array { try $0.string() }
            let hashes = try reader.array { try $0.uint() }
            let pages = try reader.array { reader in
                Page(file: try reader.string(), outputs: try reader.array { try $0.string() },
                     inputs: try reader.array { reader in
                         let index = try reader.int()
                         guard inputs.indices.contains(index) else { throw BinaryReader.Malformed() }
                         return index
                     },
                     diagnostics: try reader.array { try $0.diagnostic() })
            }
            guard reader.isAtEnd, inputs.count == hashes.count else { return nil }
            return BuildCache(engine: writer, output: output, now: now, copied: Dictionary(copied, uniquingKeysWith: { a, _ in a }),
                              inputs: inputs,
                              hashes: hashes, pages: pages)
        } catch {
            return nil
        }
    }

    func save(root: URL) throws {
        var writer = BinaryWriter()
        for text in [Self.format, engine, output, now] { writer.string(text) }
        writer.array(copied.keys.sorted()) { writer, path in
            writer.string(path)
            writer.uint(copied[path]!)
        }
        writer.array(inputs) { $0.string($1) }
        writer.array(hashes) { $0.uint($1) }
        writer.array(pages) { writer, page in
            writer.string(page.file)
            writer.array(page.outputs) { $0.string($1) }
            writer.array(page.inputs) { $0.int($1) }
            writer.array(page.diagnostics) { $0.diagnostic($1) }
        }
        let url = root.appendingPathComponent(Self.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(writer.bytes).write(to: url, options: .atomic)
    }

    /// The hash an input has in this build: a file's as the build found it before reading it, a
    /// virtual input's from the text the build gives for it.
    static func hash(of input: String, before: SourceCache, virtual: [String: String]) -> UInt64 {
        input.hasPrefix("@") ? SourceFiles.hash(Data((virtual[input] ?? "").utf8)) : before.files[input]?.hash ?? missing
    }

    /// The hash to record for an input of a finished build: the one taken before the build,
    /// except for a file that a page rendered by this build read (`read`) and that changed since:
    /// its mark matches nothing, so that the page renders again next time, even if the file is
    /// changed back.
    static func settled(_ input: String, read: Bool, before: SourceCache, root: URL, virtual: [String: String]) -> UInt64 {
        let changed = read && !input.hasPrefix("@") && before.files[input]?.stamp != FileStamp(root.path + "/" + input)
        return changed ? changedDuringBuild : hash(of: input, before: before, virtual: virtual)
    }

    /// What this build must do to the site: the pages to render (changed or new) and the pages
    /// the site no longer has; nil when the record cannot be trusted.
    func changes(plans: [PagePlan], options: BuildOptions, before: SourceCache,
                 virtual: [String: String]) -> (render: Set<String>, removed: [Page])? {
        guard output == options.output.path, now == options.now.iso else { return nil }
        guard allOutputsExist(in: options.output, jobs: options.jobs) else { return nil }
        let changed = inputs.indices.map { hashes[$0] != Self.hash(of: inputs[$0], before: before, virtual: virtual) }
        let recorded = Dictionary(uniqueKeysWithValues: pages.enumerated().map { ($1.file, $0) })
        var planned = [Bool](repeating: false, count: pages.count)
        var render: Set<String> = []
        for plan in plans {
            guard let at = recorded[plan.outputFile] else {
                render.insert(plan.outputFile)  // a new page
                continue
            }
            planned[at] = true
            if pages[at].inputs.contains(where: { changed[$0] }) { render.insert(plan.outputFile) }
        }
        return (render, pages.indices.filter { !planned[$0] }.map { pages[$0] })
    }

    /// Where a file copied as it is goes in the site: assets to `assets/`, a file of `content/`
    /// to the same path below `content/`.
    static func sitePath(ofCopied path: String) -> String {
        let templates = Templates.folder + "/"
        return String(path.dropFirst((path.hasPrefix(templates) ? templates : ContentLoader.contentFolder + "/").count))
    }

    /// Whether every file the record lists is still in the site (checked relative to the site's
    /// folder, in parallel: 10 000 full-path lookups took a tenth of a rebuild).
    private func allOutputsExist(in site: URL, jobs: Int) -> Bool {
        let folder = open(site.path, O_RDONLY | O_DIRECTORY)
        guard folder >= 0 else { return false }
        defer { close(folder) }
        let outputs = pages.flatMap(\.outputs) + copied.keys.map(Self.sitePath(ofCopied:))
            + [OutputFiles.sitemap, OutputFiles.robots, OutputFiles.calendar]
        let chunk = max(1, (outputs.count + jobs - 1) / jobs)
        let ranges = stride(from: 0, to: outputs.count, by: chunk).map { $0..<min($0 + chunk, outputs.count) }
        return ParallelMap.map(ranges, jobs: jobs) { range in
            outputs[range].allSatisfy { faccessat(folder, $0, F_OK, 0) == 0 }
        }.allSatisfy { $0 }
    }

    /// The record after an incremental build: `rendered` pages replace or join the recorded ones,
    /// `removed` ones leave; inputs the rendered pages read get this build's hashes, and inputs no
    /// page has any more leave the table.
    func updated(rendered: [Made], removed: Set<String>, copied: [String: UInt64], before: SourceCache, root: URL,
                 virtual: [String: String]) -> BuildCache {
        var inputs = self.inputs, hashes = self.hashes
        var index = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        for input in Set(rendered.flatMap(\.inputs)) {
            let hash = Self.settled(input, read: true, before: before, root: root, virtual: virtual)
            if let at = index[input] {
                hashes[at] = hash
            } else {
                index[input] = inputs.count
                inputs.append(input)
                hashes.append(hash)
            }
        }
        var fresh = Dictionary(uniqueKeysWithValues: rendered.map { page in
            (page.file, Page(file: page.file, outputs: page.outputs, inputs: page.inputs.map { index[$0]! },
                             diagnostics: page.diagnostics))
        })
        var pages = self.pages.filter { !removed.contains($0.file) }.map { fresh.removeValue(forKey: $0.file) ?? $0 }
        if !fresh.isEmpty { pages = (pages + fresh.values).sorted { $0.file < $1.file } }  // new pages
        // Only the inputs of the pages there are, renumbered in their order.
        var used = [Bool](repeating: false, count: inputs.count)
        for page in pages { for input in page.inputs { used[input] = true } }
        var position = [Int](repeating: -1, count: inputs.count)
        var kept: [String] = [], keptHashes: [UInt64] = []
        for at in inputs.indices where used[at] {
            position[at] = kept.count
            kept.append(inputs[at])
            keptHashes.append(hashes[at])
        }
        for at in pages.indices { pages[at].inputs = pages[at].inputs.map { position[$0] } }
        return BuildCache(engine: engine, output: output, now: now, copied: copied, inputs: kept,
                          hashes: keptHashes, pages: pages)
    }
}
