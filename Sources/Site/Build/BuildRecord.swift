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
///
/// The units and the hashes of their inputs are two files: a unit made again from an edited
/// text reads the same inputs and writes the same files, so that only the hashes (a twentieth of
/// the record) are written again.
struct BuildRecord: Sendable {
    /// The units, with the identity that the hashes name them by.
    static let path = ".nko/build.bin"
    static let hashesPath = ".nko/hashes.bin"
    /// Changed whenever the same inputs could give other files (a new engine version).
    static let format = "nko-build-6"

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
    /// Which units file this record is: a new one whenever a unit is added, removed or made otherwise.
    let units: UInt64
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
        (engine, units, output, now, sources) = (SourceCache.engine, Self.newUnits(), options.recordKey, options.now.iso, before.nextState)
        inputs = Set(made.flatMap(\.inputs)).sorted()
        let index = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        hashes = inputs.map { Self.settled($0, before: before, root: options.root, virtual: virtual) }
        entries = made.sorted { $0.key < $1.key }.map { unit in
            Entry(key: unit.key, files: unit.files, inputs: unit.inputs.map { index[$0]! }, diagnostics: unit.diagnostics)
        }
    }

    private init(engine: String, units: UInt64, output: String, now: String, sources: Int64, inputs: [String], hashes: [UInt64],
                 entries: [Entry]) {
        (self.engine, self.units, self.output, self.now, self.sources) = (engine, units, output, now, sources)
        (self.inputs, self.hashes, self.entries) = (inputs, hashes, entries)
    }

    /// The record of the last build, if it has this format and was written by `engine` (any, when nil).
    static func load(root: URL, engine: String? = SourceCache.engine) -> BuildRecord? {
        let base = root.path + "/"
        guard let bytes = SourceFiles.bytes(base + hashesPath) else { return nil }
        var reader = BinaryReader(bytes)
        do {
            guard try reader.string() == format else { return nil }
            let writer = try reader.string()
            guard engine == nil || writer == engine else { return nil }
            let (units, sources) = (try reader.uint(), Int64(try reader.int()))
            let hashes = try reader.array { try $0.uint() }
            guard reader.isAtEnd, let bytes = SourceFiles.bytes(base + path) else { return nil }
            reader = BinaryReader(bytes)
            guard let header = try Self.header(&reader), header.engine == writer, header.units == units else { return nil }
            let (output, now) = (try reader.string(), try reader.string())
            let inputs = try reader.strings()
            let entries = try reader.array { reader in
                Entry(key: try reader.string(), files: try reader.strings(), inputs: try reader.ints(below: inputs.count),
                      diagnostics: try reader.array { try $0.diagnostic() })
            }
            guard reader.isAtEnd, inputs.count == hashes.count else { return nil }
            return BuildRecord(engine: writer, units: units, output: output, now: now, sources: sources, inputs: inputs, hashes: hashes,
                               entries: entries)
        } catch {
            return nil
        }
    }

    /// The start of the units file: the format, the engine that wrote it, and which units file it is.
    private static func header(_ reader: inout BinaryReader) throws -> (engine: String, units: UInt64)? {
        guard try reader.string() == format else { return nil }
        return (try reader.string(), try reader.uint())
    }

    private static func newUnits() -> UInt64 { UInt64.random(in: 1...UInt64.max) }

    /// Writes the units (unless the file there is these units already), then the hashes that name them.
    func save(root: URL) throws {
        let base = root.path + "/"
        try FileManager.default.createDirectory(atPath: base + ".nko", withIntermediateDirectories: true)
        let saved: (engine: String, units: UInt64)? = {
            guard let file = FileHandle(forReadingAtPath: base + Self.path) else { return nil }
            defer { try? file.close() }
            var reader = BinaryReader([UInt8]((try? file.read(upToCount: 4096)) ?? Data()))
            return (try? Self.header(&reader)) ?? nil
        }()
        if saved?.engine != engine || saved?.units != units {
            var writer = BinaryWriter()
            for text in [Self.format, engine] { writer.string(text) }
            writer.uint(units)
            writer.string(output)
            writer.string(now)
            writer.strings(inputs)
            writer.array(entries) { writer, entry in
                writer.string(entry.key)
                writer.strings(entry.files)
                writer.ints(entry.inputs)
                writer.array(entry.diagnostics) { $0.diagnostic($1) }
            }
            try Data(writer.bytes).write(to: URL(fileURLWithPath: base + Self.path), options: .atomic)
        }
        var writer = BinaryWriter()
        for text in [Self.format, engine] { writer.string(text) }
        writer.uint(units)
        writer.int(Int(sources))
        writer.array(hashes) { $0.uint($1) }
        try Data(writer.bytes).write(to: URL(fileURLWithPath: base + Self.hashesPath), options: .atomic)
    }

    /// The hash an input has in this build: a file's as the build found it before reading it, a
    /// virtual input's as the build gives it (one it does not give hashes as empty).
    static func hash(of input: String, before: SourceCache, virtual: [String: UInt64]) -> UInt64 {
        Input.isVirtual(input) ? virtual[input] ?? empty : before.file(input)?.hash ?? missing
    }

    private static let empty = SourceFiles.hash("")

    /// The hash to record for an input a unit of this build read: the one taken before the
    /// build, except for a file that changed since: its mark matches nothing, so that the unit is
    /// made again next time, even if the file is changed back.
    static func settled(_ input: String, before: SourceCache, root: URL, virtual: [String: UInt64]) -> UInt64 {
        let changed = !Input.isVirtual(input) && before.file(input)?.stamp != FileStamp(root.path + "/" + input)
        return changed ? changedDuringBuild : hash(of: input, before: before, virtual: virtual)
    }

    /// What this build must do to the site: the units to make (changed or new) and the entries of
    /// units the site no longer has; nil when the record cannot be trusted. `fieldsAsRecorded`:
    /// the `@fields` inputs are as this record has them (`virtual` does not give them).
    /// `filesExist`: whether the site still has every file the record lists, when that was told already.
    func changes(units: [OutputUnit], options: BuildOptions, before: SourceCache, virtual: [String: UInt64],
                 fieldsAsRecorded: Bool = false, filesExist: Bool? = nil) -> (make: Set<String>, removed: [Entry])? {
        guard output == options.recordKey, now == options.now.iso else { return nil }
        guard filesExist ?? allFilesExist(in: options.output, jobs: options.jobs) else { return nil }
        let changed = inputs.indices.map {
            !(fieldsAsRecorded && Input.isFields(inputs[$0])) && hashes[$0] != Self.hash(of: inputs[$0], before: before, virtual: virtual)
        }
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
    func updated(made: [Made], removed: Set<String>, before: SourceCache, root: URL, virtual: [String: UInt64],
                 fieldsAsRecorded: Bool = false) -> BuildRecord {
        // With the fields as recorded, those of an item keep their hash (one the record lacks
        // gets a mark that matches nothing: the unit is made again next time).
        func settled(_ input: String, recorded: UInt64?) -> UInt64 {
            if fieldsAsRecorded, Input.isFields(input) { return recorded ?? Self.changedDuringBuild }
            return Self.settled(input, before: before, root: root, virtual: virtual)
        }
        if removed.isEmpty, let read = sameUnits(made) {
            // The units as they were: only the hashes of what they read change.
            var hashes = self.hashes
            for at in read { hashes[at] = settled(inputs[at], recorded: hashes[at]) }
            return BuildRecord(engine: engine, units: units, output: output, now: now, sources: before.nextState, inputs: inputs,
                               hashes: hashes, entries: entries)
        }
        var inputs = self.inputs, hashes = self.hashes
        var index = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        for input in Set(made.flatMap(\.inputs)) {
            let hash = settled(input, recorded: index[input].map { hashes[$0] })
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
        return BuildRecord(engine: engine, units: Self.newUnits(), output: output, now: now, sources: before.nextState, inputs: kept,
                           hashes: keptHashes, entries: entries)
    }

    /// When every unit made is one the record has, made as it was (the same files, inputs and
    /// messages): the positions of the inputs they read; else nil.
    private func sameUnits(_ made: [Made]) -> Set<Int>? {
        var read: Set<Int> = []
        for unit in made {
            // The entries are sorted by key.
            var (low, high) = (0, entries.count)
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].key < unit.key { low = middle + 1 } else { high = middle }
            }
            guard low < entries.count, case let entry = entries[low], entry.key == unit.key, entry.files == unit.files,
                  entry.diagnostics == unit.diagnostics, entry.inputs.map({ inputs[$0] }) == unit.inputs else { return nil }
            read.formUnion(entry.inputs)
        }
        return read
    }
}
