import Content
import Diagnostics
import Foundation

/// What the last build of a site recorded (`.nko/build.bin`) so that the next one renders only
/// the pages whose inputs changed: for every page the files it wrote, the files it was made from
/// (recorded while rendering) and its messages; for every input, a hash of its content.
///
/// The record is trusted only when nothing it cannot see has changed: the same engine (the
/// executable and this format), the same output folder and `--now`, the same set of content
/// files and of pages, and every file it says the site has still there. Otherwise, and when it
/// is unreadable, the build is a full one. Adding, removing or renaming a file is therefore a
/// full build; an edit renders the pages that read the edited file.
struct BuildCache: Sendable {
    static let path = ".nko/build.bin"
    /// Changed whenever the same inputs could give other pages (a new engine version).
    static let format = "nko-build-2"

    struct Page: Sendable {
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
    var hashes: [String: UInt64]
    var pages: [Page]

    init(format: String, engine: String, output: String, now: String, sources: [String], hashes: [String: UInt64],
         pages: [Page]) {
        (self.format, self.engine, self.output, self.now) = (format, engine, output, now)
        (self.sources, self.hashes, self.pages) = (sources, hashes, pages)
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
            let sources = try reader.array { try $0.string() }
            // Every input once in a table, pages naming inputs by their index in it.
            let files = try reader.array { try $0.string() }
            let hashes = try reader.array { try $0.uint() }
            let pages = try reader.array { reader in
                Page(file: try reader.string(), outputs: try reader.array { try $0.string() },
                     inputs: try reader.array { reader in
                         let index = try reader.int()
                         guard files.indices.contains(index) else { throw BinaryReader.Malformed() }
                         return files[index]
                     },
                     diagnostics: try reader.array { try $0.diagnostic() })
            }
            guard reader.isAtEnd, files.count == hashes.count else { return nil }
            return BuildCache(format: format, engine: writer, output: output, now: now, sources: sources,
                              hashes: Dictionary(zip(files, hashes), uniquingKeysWith: { a, _ in a }), pages: pages)
        } catch {
            return nil
        }
    }

    func save(root: URL) throws {
        var writer = BinaryWriter()
        for text in [format, engine, output, now] { writer.string(text) }
        writer.array(sources) { $0.string($1) }
        let files = hashes.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        writer.array(files) { $0.string($1) }
        writer.array(files) { $0.uint(hashes[$1]!) }
        writer.array(pages) { writer, page in
            writer.string(page.file)
            writer.array(page.outputs) { $0.string($1) }
            writer.array(page.inputs.compactMap { index[$0] }) { $0.int($1) }
            writer.array(page.diagnostics) { $0.diagnostic($1) }
        }
        let url = root.appendingPathComponent(Self.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(writer.bytes).write(to: url, options: .atomic)
    }

    /// The hash an input has in this build: a file's as the build found it before reading it, a
    /// virtual input's (`@name`, such as the menu) from the text the build gives for it.
    static func hash(of input: String, before: SourceCache, virtual: [String: String]) -> UInt64 {
        input.hasPrefix("@") ? SourceFiles.hash(Data((virtual[input] ?? "").utf8)) : before.files[input]?.hash ?? missing
    }

    /// Marks in place of a hash: a file that is not there, and one that changed while the build read it.
    static let missing: UInt64 = 1, changedDuringBuild: UInt64 = 0

    /// The hashes to record for the inputs of a finished build: the one taken before the build,
    /// except for a file that pages rendered by this build read (`read`) and that changed since:
    /// its mark matches nothing, so that those pages render again next time, even if the file
    /// is changed back. Other inputs were not read; their pages are as the hashes say.
    static func settled(_ inputs: Set<String>, read: Set<String>, before: SourceCache, root: URL,
                        virtual: [String: String]) -> [String: UInt64] {
        Dictionary(uniqueKeysWithValues: inputs.map { input in
            let changed = read.contains(input) && !input.hasPrefix("@")
                && before.files[input]?.stamp != FileStamp(root.path + "/" + input)
            return (input, changed ? changedDuringBuild : hash(of: input, before: before, virtual: virtual))
        })
    }

    /// The pages to render again, or nil when the record cannot be trusted for these plans.
    /// `before` holds the hashes taken before the build read its files.
    func dirtyPages(plans: [PagePlan], sources: [String], options: BuildOptions, before: SourceCache,
                    virtual: [String: String]) -> Set<String>? {
        guard output == options.output.path, now == options.now.iso, sources == self.sources,
              Set(plans.map(\.outputFile)) == Set(pages.map(\.file)) else { return nil }
        let site = options.output.path + "/"
        guard pages.allSatisfy({ $0.outputs.allSatisfy { access(site + $0, F_OK) == 0 } }) else { return nil }
        let changed = Set(hashes.filter { $0.value != Self.hash(of: $0.key, before: before, virtual: virtual) }.keys)
        return Set(pages.filter { !changed.isDisjoint(with: $0.inputs) }.map(\.file))
    }
}
