import Content
import Diagnostics
import Foundation

/// What the last build of a site recorded (`.nko/build.json`) so that the next one renders only
/// the pages whose inputs changed: for every page the files it wrote, the files it was made from
/// (recorded while rendering) and its messages; for every input, a hash of its content.
///
/// The record is trusted only when nothing it cannot see has changed: the same engine (the
/// executable and this format), the same output folder and `--now`, the same set of content
/// files and of pages, and every file it says the site has still there. Otherwise, and when it
/// is unreadable, the build is a full one. Adding, removing or renaming a file is therefore a
/// full build; an edit renders the pages that read the edited file.
struct BuildCache: Codable, Sendable {
    static let path = ".nko/build.json"
    /// Changed whenever the same inputs could give other pages (a new engine version).
    static let format = "nko-build-1"

    struct Page: Codable, Sendable {
        let file: String
        let outputs: [String]
        let inputs: [String]
        let diagnostics: [Diagnostic]
    }

    var format: String
    var engine: String
    var output: String
    var now: String
    var sources: [String]
    var hashes: [String: String]
    var pages: [Page]

    init(format: String, engine: String, output: String, now: String, sources: [String], hashes: [String: String],
         pages: [Page]) {
        (self.format, self.engine, self.output, self.now) = (format, engine, output, now)
        (self.sources, self.hashes, self.pages) = (sources, hashes, pages)
    }

    // Stored compactly: every input once in a table, pages naming inputs by their index in it.
    private enum Key: String, CodingKey { case format, engine, output, now, sources, files, hashes, pages }
    private struct StoredPage: Codable {
        let file: String
        let outputs: [String]
        let inputs: [Int]
        let diagnostics: [Diagnostic]
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        format = try c.decode(String.self, forKey: .format)
        engine = try c.decode(String.self, forKey: .engine)
        output = try c.decode(String.self, forKey: .output)
        now = try c.decode(String.self, forKey: .now)
        sources = try c.decode([String].self, forKey: .sources)
        let files = try c.decode([String].self, forKey: .files)
        let hashes = try c.decode([String].self, forKey: .hashes)
        guard files.count == hashes.count else {
            throw DecodingError.dataCorruptedError(forKey: .hashes, in: c, debugDescription: "files and hashes differ in length")
        }
        self.hashes = Dictionary(zip(files, hashes), uniquingKeysWith: { a, _ in a })
        pages = try c.decode([StoredPage].self, forKey: .pages).map { page in
            guard page.inputs.allSatisfy(files.indices.contains) else {
                throw DecodingError.dataCorruptedError(forKey: .pages, in: c, debugDescription: "an input outside the table")
            }
            return Page(file: page.file, outputs: page.outputs, inputs: page.inputs.map { files[$0] }, diagnostics: page.diagnostics)
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(format, forKey: .format)
        try c.encode(engine, forKey: .engine)
        try c.encode(output, forKey: .output)
        try c.encode(now, forKey: .now)
        try c.encode(sources, forKey: .sources)
        let files = hashes.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        try c.encode(files, forKey: .files)
        try c.encode(files.map { hashes[$0]! }, forKey: .hashes)
        try c.encode(pages.map { page in
            StoredPage(file: page.file, outputs: page.outputs, inputs: page.inputs.compactMap { index[$0] }, diagnostics: page.diagnostics)
        }, forKey: .pages)
    }

    /// The running executable, by size and modification time: a rebuilt nko renders anew.
    static var engine: String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }

    static func load(root: URL) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
              let cache = try? JSONDecoder().decode(BuildCache.self, from: data),
              cache.format == format, cache.engine == engine else { return nil }
        return cache
    }

    func save(root: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let url = root.appendingPathComponent(Self.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    /// FNV-1a (64 bits) of bytes, as hex.
    static func hash(_ data: Data) -> String {
        let value = data.withUnsafeBytes { bytes in
            bytes.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        }
        return String(value, radix: 16)
    }

    /// Every file a build may read (`portal.yaml`, `content/`, `templates/`) as it was before the
    /// build read it: its hash, and its size and modification time to see later whether it changed.
    struct Snapshot: Sendable {
        var hashes: [String: String] = [:]
        var stamps: [String: String] = [:]
    }

    static func snapshot(root: URL, jobs: Int) -> Snapshot {
        let stamps = SourceFiles.stamps(root: root, jobs: jobs)
        let files = stamps.keys.sorted()
        let hashes = ParallelMap.map(files, jobs: jobs) { file in
            FileManager.default.contents(atPath: root.appendingPathComponent(file).path).map(hash) ?? "missing"
        }
        return Snapshot(hashes: Dictionary(uniqueKeysWithValues: zip(files, hashes)), stamps: stamps)
    }

    /// The hash an input has in this build: a file's as the snapshot took it, a virtual input's
    /// (`@name`, such as the menu) from the text the build gives for it.
    static func hash(of input: String, before: Snapshot, virtual: [String: String]) -> String? {
        input.hasPrefix("@") ? hash(Data((virtual[input] ?? "").utf8)) : before.hashes[input]
    }

    /// The hashes to record for the inputs of a finished build: the one taken before the build
    /// when the file has not changed since, else a mark that matches nothing, so that a file edited
    /// while the build read it makes its pages render again next time.
    static func settled(_ inputs: Set<String>, before: Snapshot, root: URL, virtual: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: inputs.map { input in
            let unchanged = input.hasPrefix("@") || before.stamps[input] == SourceFiles.stamp(root.appendingPathComponent(input).path)
            return (input, unchanged ? hash(of: input, before: before, virtual: virtual) ?? "missing" : "changed-during-build")
        })
    }

    /// The pages to render again, or nil when the record cannot be trusted for these plans.
    /// `before` holds the hashes taken before the build read its files.
    func dirtyPages(plans: [PagePlan], sources: [String], options: BuildOptions, before: Snapshot,
                    virtual: [String: String]) -> Set<String>? {
        guard output == options.output.path, now == options.now.iso, sources == self.sources,
              Set(plans.map(\.outputFile)) == Set(pages.map(\.file)) else { return nil }
        let site = options.output.path + "/"
        guard pages.allSatisfy({ $0.outputs.allSatisfy { FileManager.default.fileExists(atPath: site + $0) } }) else {
            return nil
        }
        let changed = Set(hashes.keys.filter { hashes[$0] != Self.hash(of: $0, before: before, virtual: virtual) })
        return Set(pages.filter { !changed.isDisjoint(with: $0.inputs) }.map(\.file))
    }
}

/// The files a build reads: `portal.yaml` and everything under `content/` and `templates/`.
/// Their stamps (size and modification time) tell the build record and `nko serve` what changed.
public enum SourceFiles {
    /// Stamps of every regular file, by path relative to the root.
    public static func stamps(root: URL, jobs: Int) -> [String: String] {
        var paths = [PortalSettings.fileName]
        for folder in [ContentLoader.contentFolder, Templates.folder] {
            let walker = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let path = walker?.nextObject() as? String { paths.append(folder + "/" + path) }
        }
        let stamps = ParallelMap.map(paths, jobs: jobs) { stamp(root.appendingPathComponent($0).path) }
        return Dictionary(uniqueKeysWithValues: zip(paths, stamps).compactMap { path, stamp in stamp.map { (path, $0) } })
    }

    /// Size and modification time (to the nanosecond) of a regular file; nil for anything else (folders).
    static func stamp(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
