import Content
import Diagnostics
import Foundation

/// What the last build of a site recorded (`.nko/build.bin`) so that the next one makes only the
/// units whose inputs changed: for every unit the files it wrote, the inputs it read (recorded by
/// `ModelReader`) and its messages; for every input, a hash of its content. Inputs are files, and
/// the inputs that are not files (`Input`) by the hashes `SiteModel` gives for them. A unit
/// the last build did not have is made; one this build does not have loses its files.
///
/// The record is trusted only when nothing it cannot see has changed: the same engine (the
/// executable and this format), the same output folder and `--now`, and every file it says the
/// site has still there. Otherwise, and when it is unreadable, the build is a full one.
struct BuildRecord: Sendable {
    static let path = ".nko/build.bin"
    /// Changed whenever the same inputs could give other files (a new engine version).
    static let format = "nko-build-5"

    struct Entry: Sendable {
        let key: String
        let files: [String]
        /// Positions in the record's table of inputs.
        var inputs: [Int]
        let diagnostics: [Diagnostic]
    }

    /// A unit as this build made it, with its inputs by name.
    struct Made: Sendable {
        let key: String
        let files: [String]
        let inputs: [String]
        let diagnostics: [Diagnostic]
    }

    let engine: String
    let output: String
    let now: String
    /// The state of the sources the build left (`SourceCache.nextState`): a next build that
    /// starts from it knows that the record's inputs were hashed from those sources.
    let sources: Int64
    /// Every input of a unit once, with the hash it had when its units were made.
    let inputs: [String]
    let hashes: [UInt64]
    /// By key, sorted.
    let entries: [Entry]

    /// Marks in place of a hash: a file that is not there, and one that changed while the build read it.
    static let missing: UInt64 = 1, changedDuringBuild: UInt64 = 0

    /// The record of a full build.
    init(options: BuildOptions, made: [Made], before: SourceCache, virtual: [String: UInt64]) {
        (engine, output, now, sources) = (SourceCache.engine, options.recordKey, options.now.iso, before.nextState)
        inputs = Set(made.flatMap(\.inputs)).sorted()
        let index = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        hashes = inputs.map { Self.settled($0, before: before, root: options.root, virtual: virtual) }
        entries = made.sorted { $0.key < $1.key }.map { unit in
            Entry(key: unit.key, files: unit.files, inputs: unit.inputs.map { index[$0]! }, diagnostics: unit.diagnostics)
        }
    }

    private init(engine: String, output: String, now: String, sources: Int64, inputs: [String], hashes: [UInt64], entries: [Entry]) {
        (self.engine, self.output, self.now, self.sources) = (engine, output, now, sources)
        (self.inputs, self.hashes, self.entries) = (inputs, hashes, entries)
    }

    /// The `@fields` inputs as they were hashed (`SiteModel.fieldsInputs`).
    var fieldsInputs: [String: UInt64] {
        Dictionary(inputs.indices.lazy.filter { Input.isFields(self.inputs[$0]) }.map { (self.inputs[$0], self.hashes[$0]) }) { $1 }
    }

    static func load(root: URL) -> BuildRecord? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).flatMap { read($0, engine: SourceCache.engine) }
    }

    /// A record from its bytes, if it has this format and was written by `engine` (any, when nil).
    static func read(_ data: Data, engine: String?) -> BuildRecord? {
        var reader = BinaryReader([UInt8](data))
        do {
            guard try reader.string() == format else { return nil }
            let writer = try reader.string()
            guard engine == nil || writer == engine else { return nil }
            let (output, now, sources) = (try reader.string(), try reader.string(), Int64(try reader.int()))
            let inputs = try reader.strings()
            let hashes = try reader.array { try $0.uint() }
            let entries = try reader.array { reader in
                Entry(key: try reader.string(), files: try reader.strings(), inputs: try reader.ints(below: inputs.count),
                      diagnostics: try reader.array { try $0.diagnostic() })
            }
            guard reader.isAtEnd, inputs.count == hashes.count else { return nil }
            return BuildRecord(engine: writer, output: output, now: now, sources: sources, inputs: inputs, hashes: hashes, entries: entries)
        } catch {
            return nil
        }
    }

    func save(root: URL) throws {
        var writer = BinaryWriter()
        for text in [Self.format, engine, output, now] { writer.string(text) }
        writer.int(Int(sources))
        writer.strings(inputs)
        writer.array(hashes) { $0.uint($1) }
        writer.array(entries) { writer, entry in
            writer.string(entry.key)
            writer.strings(entry.files)
            writer.ints(entry.inputs)
            writer.array(entry.diagnostics) { $0.diagnostic($1) }
        }
        let url = root.appendingPathComponent(Self.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(writer.bytes).write(to: url, options: .atomic)
    }

    /// The hash an input has in this build: a file's as the build found it before reading it, a
    /// virtual input's as the build gives it (one it does not give hashes as empty).
    static func hash(of input: String, before: SourceCache, virtual: [String: UInt64]) -> UInt64 {
        Input.isVirtual(input) ? virtual[input] ?? empty : before.files[input]?.hash ?? missing
    }

    private static let empty = SourceFiles.hash("")

    /// The hash to record for an input a unit of this build read: the one taken before the
    /// build, except for a file that changed since: its mark matches nothing, so that the unit is
    /// made again next time, even if the file is changed back.
    static func settled(_ input: String, before: SourceCache, root: URL, virtual: [String: UInt64]) -> UInt64 {
        let changed = !Input.isVirtual(input) && before.files[input]?.stamp != FileStamp(root.path + "/" + input)
        return changed ? changedDuringBuild : hash(of: input, before: before, virtual: virtual)
    }

    /// What this build must do to the site: the units to make (changed or new) and the entries of
    /// units the site no longer has; nil when the record cannot be trusted. `filesExist`: whether
    /// the site still has every file the record lists, when that was told already.
    func changes(units: [OutputUnit], options: BuildOptions, before: SourceCache,
                 virtual: [String: UInt64], filesExist: Bool? = nil) -> (make: Set<String>, removed: [Entry])? {
        guard output == options.recordKey, now == options.now.iso else { return nil }
        guard filesExist ?? allFilesExist(in: options.output, jobs: options.jobs) else { return nil }
        let changed = inputs.indices.map { hashes[$0] != Self.hash(of: inputs[$0], before: before, virtual: virtual) }
        let recorded = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
        var planned = [Bool](repeating: false, count: entries.count)
        var make: Set<String> = []
        for unit in units {
            guard let at = recorded[unit.key] else {
                make.insert(unit.key)  // a new unit
                continue
            }
            planned[at] = true
            if entries[at].inputs.contains(where: { changed[$0] }) { make.insert(unit.key) }
        }
        return (make, entries.indices.filter { !planned[$0] }.map { entries[$0] })
    }

    /// Whether every file the record lists is still in the site (checked relative to the site's
    /// folder, in parallel: 10 000 full-path lookups took a tenth of a rebuild).
    func allFilesExist(in site: URL, jobs: Int) -> Bool {
        let folder = open(site.path, O_RDONLY | O_DIRECTORY)
        guard folder >= 0 else { return false }
        defer { close(folder) }
        let files = entries.flatMap(\.files)
        let chunk = max(1, (files.count + jobs - 1) / jobs)
        let ranges = stride(from: 0, to: files.count, by: chunk).map { $0..<min($0 + chunk, files.count) }
        return ParallelMap.map(ranges, jobs: jobs) { range in
            files[range].allSatisfy { faccessat(folder, $0, F_OK, 0) == 0 }
        }.allSatisfy { $0 }
    }

    /// The record after an incremental build: `made` units replace or join the recorded ones,
    /// `removed` ones leave; inputs the made units read get this build's hashes, and inputs no
    /// unit has any more leave the table.
    func updated(made: [Made], removed: Set<String>, before: SourceCache, root: URL, virtual: [String: UInt64]) -> BuildRecord {
        var inputs = self.inputs, hashes = self.hashes
        var index = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        for input in Set(made.flatMap(\.inputs)) {
            let hash = Self.settled(input, before: before, root: root, virtual: virtual)
            if let at = index[input] {
                hashes[at] = hash
            } else {
                index[input] = inputs.count
                inputs.append(input)
                hashes.append(hash)
            }
        }
        var fresh = Dictionary(uniqueKeysWithValues: made.map { unit in
            (unit.key, Entry(key: unit.key, files: unit.files, inputs: unit.inputs.map { index[$0]! }, diagnostics: unit.diagnostics))
        })
        var entries = self.entries.filter { !removed.contains($0.key) }.map { fresh.removeValue(forKey: $0.key) ?? $0 }
        if !fresh.isEmpty { entries = (entries + fresh.values).sorted { $0.key < $1.key } }  // new units
        // Only the inputs of the units there are, renumbered in their order.
        var used = [Bool](repeating: false, count: inputs.count)
        for entry in entries { for input in entry.inputs { used[input] = true } }
        var position = [Int](repeating: -1, count: inputs.count)
        var kept: [String] = [], keptHashes: [UInt64] = []
        for at in inputs.indices where used[at] {
            position[at] = kept.count
            kept.append(inputs[at])
            keptHashes.append(hashes[at])
        }
        for at in entries.indices { entries[at].inputs = entries[at].inputs.map { position[$0] } }
        return BuildRecord(engine: engine, output: output, now: now, sources: before.nextState, inputs: kept, hashes: keptHashes,
                           entries: entries)
    }
}
