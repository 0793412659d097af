import Diagnostics
import Foundation

/// What a build knows of its source files before reading them, and what the last build parsed
/// from them (`.nko/sources.bin`), so that a rebuild after one edit neither reads nor parses the
/// other 10 000 files.
///
/// Each file's hash is taken over from the last build when its stamp (size, modification and
/// change times, inode) is the same and it was last changed before that build took its stamps;
/// otherwise the file is read. The second condition is git's rule for «racy» files: an edit made
/// in the same tick of the file system's clock as the stamping could leave the stamp unchanged.
/// The items of a file are taken over when its hash and its collection's schema are the same.
/// A cache written by another engine, or one that cannot be read, is ignored.
public final class SourceCache: @unchecked Sendable {
    static let path = ".nko/sources.bin"
    /// Written to take the file system's time (its ctime) just before the stamps are taken.
    static let clockPath = ".nko/clock"
    static let format = "nko-sources-1"

    /// A file as the build found it before reading it.
    public struct File: Sendable {
        public let stamp: FileStamp
        public let hash: UInt64
    }

    /// The items read from a file, and the problems found in it.
    struct Parsed: Sendable {
        let hash: UInt64
        let schema: UInt64
        let items: [Item]
        let diagnostics: [Diagnostic]
        /// As the cache had it: written back as it is, which is faster than encoding it again.
        var encoded: ArraySlice<UInt8>? = nil
    }

    /// Every source file, by path relative to the root.
    public let files: [String: File]
    /// The file system's time when the stamps were taken (0 when it could not be told).
    let taken: Int64
    private let previous: [String: Parsed]
    private var parsed: [String: Parsed] = [:]
    private var changed = false
    private let lock = NSLock()

    /// The sources of `root` now; reads only the files the last build's record cannot vouch for.
    public init(root: URL, jobs: Int) {
        let base = root.path + "/"
        let (before, lastTaken, previous) = Self.read(base + Self.path) ?? ([:], 0, [:])
        taken = Self.fileSystemNow(base)
        let paths = SourceFiles.paths(root: root)
        let files = ParallelMap.map(paths, jobs: jobs) { path -> File? in
            guard let stamp = FileStamp(base + path) else { return nil }
            if let known = before[path], known.stamp == stamp, stamp.changed < lastTaken { return known }
            guard let data = SourceFiles.contents(base + path) else { return nil }
            return File(stamp: stamp, hash: SourceFiles.hash(data))
        }
        self.files = Dictionary(uniqueKeysWithValues: zip(paths, files).compactMap { path, file in file.map { (path, $0) } })
        self.previous = previous
        changed = before.count != self.files.count || self.files.contains { before[$0.key]?.stamp != $0.value.stamp }
    }

    /// The items of a file as the last build parsed them, if it had the same content and schema.
    func parsed(_ path: String, schema: UInt64) -> Parsed? {
        guard let hash = files[path]?.hash, let known = previous[path], known.hash == hash, known.schema == schema else {
            return nil
        }
        return known
    }

    /// Keeps what was parsed from a file read by this build: `hash` is that of the bytes parsed.
    /// (Entries taken from the last build are kept by `save` without being stored again.)
    func store(_ path: String, _ entry: Parsed) {
        lock.withLock {
            parsed[path] = entry
            changed = true
        }
    }

    /// Writes the cache for the next build, when anything in it changed. A cache is only ever
    /// a shortcut: failing to write it fails nothing.
    public func save(root: URL) {
        guard lock.withLock({ changed }) else { return }
        var writer = BinaryWriter()
        writer.string(Self.format)
        writer.string(Self.engine)
        writer.int(Int(taken))
        writer.array(files.keys.sorted()) { writer, path in
            let file = files[path]!
            writer.string(path)
            writer.int(Int(file.stamp.size))
            writer.int(Int(file.stamp.modified))
            writer.int(Int(file.stamp.changed))
            writer.uint(file.stamp.inode)
            writer.uint(file.hash)
        }
        // What this build parsed, and what the last one did for files that are still the same.
        let kept = previous.merging(lock.withLock { parsed }) { $1 }.filter { files[$0.key]?.hash == $0.value.hash }
        writer.array(kept.keys.sorted()) { writer, path in
            let entry = kept[path]!
            writer.string(path)
            if let encoded = entry.encoded { return writer.raw(encoded) }
            writer.uint(entry.hash)
            writer.uint(entry.schema)
            writer.array(entry.items) { $0.item($1) }
            writer.array(entry.diagnostics) { $0.diagnostic($1) }
        }
        let url = root.appendingPathComponent(Self.path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(writer.bytes).write(to: url, options: .atomic)
    }

    private static func read(_ path: String) -> (files: [String: File], taken: Int64, parsed: [String: Parsed])? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var reader = BinaryReader([UInt8](data))
        do {
            guard try reader.string() == format, try reader.string() == engine else { return nil }
            let taken = Int64(try reader.int())
            let files = try reader.array { reader in
                (try reader.string(),
                 File(stamp: FileStamp(size: Int64(try reader.int()), modified: Int64(try reader.int()),
                                       changed: Int64(try reader.int()), inode: try reader.uint()),
                      hash: try reader.uint()))
            }
            let parsed = try reader.array { reader in
                let path = try reader.string(), start = reader.position
                var entry = Parsed(hash: try reader.uint(), schema: try reader.uint(), items: try reader.array { try $0.item() },
                                   diagnostics: try reader.array { try $0.diagnostic() })
                entry.encoded = reader.bytes(from: start)
                return (path, entry)
            }
            guard reader.isAtEnd else { return nil }
            return (Dictionary(files, uniquingKeysWith: { a, _ in a }), taken, Dictionary(parsed, uniquingKeysWith: { a, _ in a }))
        } catch {
            return nil
        }
    }

    /// The file system's current time, as it stamps files: the change time of a file written now.
    private static func fileSystemNow(_ base: String) -> Int64 {
        mkdir(base + ".nko", 0o755)
        let descriptor = open(base + clockPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var info = stat()
        guard futimens(descriptor, nil) == 0, fstat(descriptor, &info) == 0 else { return 0 }
        return Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }

    /// The running executable, by size and modification time: a rebuilt nko reads and renders anew.
    public static var engine: String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        var info = stat()
        guard stat(path, &info) == 0 else { return path }
        return "\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
