import Diagnostics
import Foundation

/// What a build knows of its source files before reading them, and what the last build parsed
/// from them (`.nko/sources.bin`, `.nko/items.bin`), so that a rebuild after one edit neither
/// reads nor parses the other 10 000 files.
///
/// Each file's hash is taken over from the last build when its stamp (size, modification and
/// change times, inode) is the same and it was last changed before that build took its stamps;
/// otherwise the file is read. The second condition is git's rule for «racy» files: an edit made
/// in the same tick of the file system's clock as the stamping could leave the stamp unchanged.
/// The items of a file are taken over when its hash and its collection's schema are the same.
/// A cache written by another engine, or one that cannot be read, is ignored.
///
/// The stamps and the items are two files: an edit of a document's text changes its stamp and
/// hash but not its items, so that only the stamps (a sixth of the cache) are written again.
public final class SourceCache: @unchecked Sendable {
    static let path = ".nko/sources.bin"
    /// The items parsed from the files, each entry valid for the content `path` gives the hash of.
    static let itemsPath = ".nko/items.bin"
    /// Written to take the file system's time (its ctime) just before the stamps are taken.
    static let clockPath = ".nko/clock"
    static let format = "nko-sources-3", itemsFormat = "nko-items-1"

    /// A file as the build found it before reading it.
    public struct File: Sendable {
        public let stamp: FileStamp
        public let hash: UInt64
    }

    /// The items read from a file, and the problems found in it.
    struct Parsed: Sendable {
        /// That of the content parsed (in the cache file: that of the file, as its stamp has it).
        let hash: UInt64
        let schema: UInt64
        let items: [Item]
        let diagnostics: [Diagnostic]
        /// As the cache had it: written back as it is, which is faster than encoding it again.
        var encoded: ArraySlice<UInt8>? = nil

        /// Its entry in the items file: all but the hash.
        var entry: ArraySlice<UInt8> { encoded ?? Self.entry(schema, items, diagnostics) }

        /// Also tells whether two readings of a file came out the same.
        static func entry(_ schema: UInt64, _ items: [Item], _ diagnostics: [Diagnostic]) -> ArraySlice<UInt8> {
            var writer = BinaryWriter()
            writer.uint(schema)
            writer.array(items) { $0.item($1) }
            writer.array(diagnostics) { $0.diagnostic($1) }
            return writer.bytes[...]
        }
    }

    /// What one build knew of the sources, for the next: the stamp and hash of every file and
    /// the items parsed from them. Kept in memory by a `nko serve` session, and in the cache file.
    /// By position in `paths`: a rebuild finds the same files in the same order, and then goes
    /// through two states side by side instead of looking 10 000 paths up in each.
    public struct State: Sendable {
        /// Paths in the order of the walk (sorted in each folder): the order of the cache file.
        let paths: [String]
        let positions: [String: Int]
        let files: [File]
        /// The file system's time when the stamps were taken (0 when it could not be told).
        let taken: Int64
        /// What was parsed from each file (of its content then: see the entry's hash), if anything.
        let parsed: [Parsed?]
        /// The entries of the sources no build reads (each an error: `SourceFiles`); not saved, as
        /// a state read from the cache file is never trusted without a walk.
        var refused: [SourceFiles.Refused] = []

        init(paths: [String], positions: [String: Int]? = nil, files: [File], taken: Int64, parsed: [Parsed?],
             refused: [SourceFiles.Refused] = []) {
            self.positions = positions ?? Dictionary(paths.enumerated().map { ($1, $0) }) { first, _ in first }
            (self.paths, self.files, self.taken, self.parsed, self.refused) = (paths, files, taken, parsed, refused)
        }

        static let empty = State(paths: [], files: [], taken: 0, parsed: [])

        func file(_ path: String) -> File? { positions[path].map { files[$0] } }

        func parsed(_ path: String) -> Parsed? { positions[path].flatMap { parsed[$0] } }
    }

    /// Every source file, by path relative to the root.
    public var paths: [String] { now.paths }

    /// A source file as this build found it.
    public func file(_ path: String) -> File? { now.file(path) }

    /// The entries of the sources no build reads (`SourceFiles`).
    public var refused: [SourceFiles.Refused] { now.refused }
    /// This build's files (and no items yet: `fresh` has what it parsed).
    private let now: State
    private let previous: State
    /// Whether `now` has the paths of `previous`, in the same order.
    private let aligned: Bool
    /// The folders as the walk found them (none when a watching process told what changed).
    private let listings: SourceFiles.Listings
    private var fresh: [String: Parsed] = [:]
    private var changed: Bool
    private let lock = NSLock()

    /// The sources of `root` now; reads only the files the last build cannot vouch for. The
    /// last build is `previous` when the process kept it, else what the cache file says.
    /// `changed`, with `previous`: the only paths that may differ from it, as the system told a
    /// watching process (`nko serve`), so that 10 000 files need not be looked at for one edit.
    public init(root: URL, jobs: Int, previous kept: State? = nil, changed hint: Set<String>? = nil) {
        let base = root.path + "/"
        let taken = Self.fileSystemNow(base)
        let previous: State, paths: [String], refused: [SourceFiles.Refused]
        // Told what changed, and nothing refused before (a refused name may since have been fixed): only new links can be refused.
        if let kept, let hint, kept.refused.isEmpty {
            previous = kept
            paths = previous.paths + hint.subtracting(previous.positions.keys).sorted()
            refused = hint.filter { SourceFiles.kind(base + $0) == .link }.sorted().map { SourceFiles.Refused(path: $0, isLink: true) }
            listings = [:]
        } else {
            // The cache is read while the folders are walked.
            (previous, (paths, refused, listings)) = ParallelMap.both({
                kept ?? Self.read(base, jobs: jobs) ?? .empty
            }, { SourceFiles.walk(root: root) })
        }
        let samePaths = paths == previous.paths
        // The stamps are taken relative to the portal's folder (the walk found nothing if it cannot be opened).
        let folder = open(root.path, O_RDONLY | O_DIRECTORY)
        defer { if folder >= 0 { close(folder) } }
        let files = ParallelMap.map(Array(paths.indices), jobs: jobs) { at -> File? in
            let path = paths[at]
            let known = samePaths ? previous.files[at] : previous.file(path)
            if kept != nil, let hint, previous.refused.isEmpty, !hint.contains(path) { return known }
            guard let stamp = FileStamp(path, in: folder) else { return nil }
            if let known, known.stamp == stamp, stamp.changed < previous.taken { return known }
            guard let data = SourceFiles.contents(base + path) else { return nil }
            return File(stamp: stamp, hash: SourceFiles.hash(data))
        }
        if samePaths, !files.contains(where: { $0 == nil }) {
            now = State(paths: paths, positions: previous.positions, files: files.map { $0! }, taken: taken,
                        parsed: Array(repeating: nil, count: paths.count), refused: refused)
            aligned = true
            changed = zip(files, previous.files).contains { $0!.stamp != $1.stamp }
        } else {
            let found = paths.indices.filter { files[$0] != nil }
            now = State(paths: found.map { paths[$0] }, files: found.map { files[$0]! }, taken: taken,
                        parsed: Array(repeating: nil, count: found.count), refused: refused)
            aligned = false
            changed = previous.files.count != found.count || zip(now.paths, now.files).contains { previous.file($0)?.stamp != $1.stamp }
        }
        self.previous = previous
        changed = changed || refused != previous.refused
    }

    /// What the last build parsed from the file at a position of `now`.
    private func lastParsed(at position: Int) -> Parsed? {
        aligned ? previous.parsed[position] : previous.parsed(now.paths[position])
    }

    /// The items of a file as the last build parsed them, if it had the same content and schema.
    func parsed(_ path: String, schema: UInt64) -> Parsed? {
        guard let at = now.positions[path], let known = lastParsed(at: at), known.hash == now.files[at].hash, known.schema == schema else {
            return nil
        }
        return known
    }

    /// The entries of a folder of the sources (relative to the root) as this build's walk found
    /// them, so that loading does not list 10 000 files again; nil when it was not walked.
    func entries(of folder: String) -> [(name: String, isFolder: Bool)]? { listings[folder] }

    /// Whether the last build had this file.
    func existedBefore(_ path: String) -> Bool { previous.positions[path] != nil }

    /// Which state of the sources the last build left (when it took its stamps; 0: unknown).
    public var lastState: Int64 { previous.taken }

    /// Which state this build leaves for the next one (`next`): this one's, or the last one's
    /// again when nothing changed.
    public var nextState: Int64 { lock.withLock { changed } ? now.taken : previous.taken }

    /// After loading: whether every file that differs from the last build's is an item file that
    /// this build parsed into the same items and problems as the last one did (the text of
    /// documents was edited, nothing else), so that all that is made of the items' fields is as
    /// the last build made it. No file may have been added or removed.
    public var onlyBodiesChanged: Bool {
        let fresh = lock.withLock { self.fresh }
        guard now.files.count == previous.files.count else { return false }
        for at in now.paths.indices {
            guard let known = aligned ? previous.files[at] : previous.file(now.paths[at]) else { return false }
            guard known.hash != now.files[at].hash else { continue }
            guard let new = fresh[now.paths[at]], let old = lastParsed(at: at), old.hash == known.hash, new.entry == old.entry else {
                return false
            }
        }
        return true
    }

    /// What the last build parsed from a file, whatever it has become.
    func lastParsed(_ path: String) -> Parsed? { previous.parsed(path) }

    /// Keeps what was parsed from a file read by this build: `hash` is that of the bytes parsed.
    func store(_ path: String, _ entry: Parsed) {
        lock.withLock {
            fresh[path] = entry
            changed = true
        }
    }

    /// What the next build is to start from: the files as this one found them, with what this
    /// build parsed and what the last one did for files that are still the same; and whether it
    /// differs from what the last build left (else there is nothing to save).
    public var next: (state: State, changed: Bool) {
        let (fresh, changed) = lock.withLock { (self.fresh, self.changed) }
        guard changed else { return (previous, false) }
        // Entries of files that changed were parsed anew; those of files that changed and were
        // not (in no section) stay until the state is saved (their hash is another).
        var parsed = aligned ? previous.parsed : now.paths.map { previous.parsed($0) }
        for (path, entry) in fresh { if let at = now.positions[path] { parsed[at] = entry } }
        return (State(paths: now.paths, positions: now.positions, files: now.files, taken: now.taken, parsed: parsed,
                      refused: now.refused), true)
    }

    /// Writes a state for later builds: the items first, and only when they changed, then the
    /// stamps that name them. A cache is only ever a shortcut: failing to write it fails nothing.
    public static func save(_ state: State, root: URL) {
        // The stamps, and what was parsed from the files as they are.
        var stamps = BinaryWriter()
        var current: [(path: String, entry: ArraySlice<UInt8>)] = []
        for (at, path) in state.paths.enumerated() {
            let file = state.files[at]
            stamps.string(path)
            stamps.int(Int(file.stamp.size))
            stamps.int(Int(file.stamp.modified))
            stamps.int(Int(file.stamp.changed))
            stamps.uint(file.stamp.inode)
            stamps.uint(file.hash)
            if let parsed = state.parsed[at], parsed.hash == file.hash { current.append((path, parsed.entry)) }
        }
        try? FileManager.default.createDirectory(at: root.appendingPathComponent(".nko"), withIntermediateDirectories: true)
        let id: UInt64
        if let saved = readItems(root.path + "/" + itemsPath), holds(saved.entries, count: saved.count, current) {
            id = saved.id
        } else {
            id = UInt64.random(in: 1...UInt64.max)
            var writer = BinaryWriter()
            writer.string(itemsFormat)
            writer.string(engine)
            writer.uint(id)
            // Each entry with its length, so that a reader can find them all before decoding any.
            writer.array(current) { writer, current in
                writer.string(current.path)
                writer.uint(UInt64(current.entry.count))
                writer.raw(current.entry)
            }
            guard (try? Data(writer.bytes).write(to: root.appendingPathComponent(itemsPath), options: .atomic)) != nil else { return }
        }
        var writer = BinaryWriter()
        writer.string(format)
        writer.string(engine)
        writer.int(Int(state.taken))
        writer.uint(id)
        writer.uint(UInt64(state.paths.count))
        writer.raw(stamps.bytes[...])
        try? Data(writer.bytes).write(to: root.appendingPathComponent(path), options: .atomic)
    }

    /// Whether the entries of an items file are these, in this order.
    private static func holds(_ saved: ArraySlice<UInt8>, count: Int, _ entries: [(path: String, entry: ArraySlice<UInt8>)]) -> Bool {
        guard count == entries.count else { return false }
        var reader = BinaryReader(saved)
        for (path, entry) in entries {
            var path = path
            guard let name = try? reader.skip(reader.count()), path.withUTF8({ same(name, UnsafeRawBufferPointer($0)) }),
                  let bytes = try? reader.skip(reader.count()), entry.withUnsafeBytes({ same(bytes, $0) }) else { return false }
        }
        return reader.isAtEnd
    }

    private static func same(_ bytes: ArraySlice<UInt8>, _ other: UnsafeRawBufferPointer) -> Bool {
        bytes.withUnsafeBytes { $0.count == other.count && ($0.isEmpty || memcmp($0.baseAddress!, other.baseAddress!, $0.count) == 0) }
    }

    /// The items file: its identity, how many entries it has, and their bytes (not decoded).
    private static func readItems(_ path: String) -> (id: UInt64, count: Int, entries: ArraySlice<UInt8>)? {
        guard let bytes = SourceFiles.bytes(path) else { return nil }
        var reader = BinaryReader(bytes)
        guard (try? reader.string()) == itemsFormat, (try? reader.string()) == engine,
              let id = try? reader.uint(), let count = try? reader.elementCount() else { return nil }
        return (id, count, reader.rest)
    }

    private static func read(_ base: String, jobs: Int) -> State? {
        guard let bytes = SourceFiles.bytes(base + path) else { return nil }
        var reader = BinaryReader(bytes)
        do {
            guard try reader.string() == format, try reader.string() == engine else { return nil }
            let taken = Int64(try reader.int())
            let id = try reader.uint()
            let files: [(path: String, file: File)] = try reader.array { reader in
                (try reader.string(),
                 File(stamp: FileStamp(size: Int64(try reader.int()), modified: Int64(try reader.int()),
                                       changed: Int64(try reader.int()), inode: try reader.uint()),
                      hash: try reader.uint()))
            }
            guard reader.isAtEnd, let items = readItems(base + itemsPath), items.id == id else { return nil }
            // The entries are of some of the files, in their order.
            var entries = BinaryReader(items.entries)
            var stored: [(at: Int, entry: ArraySlice<UInt8>)] = []
            var at = 0
            for _ in 0..<items.count {
                let path = try entries.string()
                while at < files.count, files[at].path != path { at += 1 }
                guard at < files.count else { return nil }
                stored.append((at, try entries.skip(try entries.count())))
                at += 1
            }
            guard entries.isAtEnd else { return nil }
            // Decoding the items of 10 000 files is most of reading the cache: on every core.
            let decoded = ParallelMap.map(stored, jobs: jobs) { stored -> Parsed? in
                var reader = BinaryReader(stored.entry)
                guard let parsed = try? Parsed(hash: files[stored.at].file.hash, schema: reader.uint(), items: reader.array { try $0.item() },
                                               diagnostics: reader.array { try $0.diagnostic() }, encoded: stored.entry),
                      reader.isAtEnd else { return nil }
                return parsed
            }
            var parsed = [Parsed?](repeating: nil, count: files.count)
            for (stored, decoded) in zip(stored, decoded) {
                guard let decoded else { return nil }
                parsed[stored.at] = decoded
            }
            return State(paths: files.map(\.path), files: files.map(\.file), taken: taken, parsed: parsed)
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
    /// Its path from the kernel (Foundation's `Bundle.main` costs as much as reading 1 000 cached
    /// items), told once.
    public static let engine: String = {
        var link = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &link, Int(PATH_MAX))
        let path = length > 0 ? String(decoding: link[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        var info = stat()
        guard stat(path, &info) == 0 else { return path }
        return "\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
