import Foundation

/// Puts a build's files in place so that a failed build — an error found while rendering, a
/// write that fails, a full disk, a search index that cannot be made — leaves the published site
/// byte for byte as it was.
///
/// A full build writes a new site into a staging folder beside the old one and swaps the two
/// folders. An incremental build (`inPlace`) writes each changed file beside the one it replaces
/// (`name.nko-new-PID`); only when every file is written does `publish` move them in, each old
/// file first set aside (`name.nko-old-PID`). Until `finish`, `discard` puts everything back.
final class Publisher: @unchecked Sendable {
    let output: URL
    let staging: URL
    private let previous: URL
    let inPlace: Bool
    private let newSuffix: String
    private let oldSuffix: String

    /// In place: what this update did, so that it can be undone (paths relative to the site).
    private let lock = NSLock()
    private var written: [String] = []
    private var removals: [String] = []
    private var madeFolders: [String] = []
    private var moves: [Move] = []

    /// A move done by `publish`: `finish` completes it, `discard` undoes it.
    private enum Move {
        /// New content at `path`; the old, when `replaced`, set aside beside it.
        case placed(path: String, replaced: Bool)
        /// A file the site no longer has, set aside beside where it was.
        case removed(path: String)
    }

    init(output: URL, inPlace: Bool = false) {
        self.output = output.standardizedFileURL
        self.inPlace = inPlace
        let parent = self.output.deletingLastPathComponent()
        let name = self.output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        staging = inPlace ? self.output : parent.appendingPathComponent(".\(name).staging-\(pid)")
        previous = parent.appendingPathComponent(".\(name).previous-\(pid)")
        newSuffix = ".nko-new-\(pid)"
        oldSuffix = ".nko-old-\(pid)"
    }

    func prepare() throws {
        guard !inPlace else { return }
        let fm = FileManager.default
        try fm.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Writes one file of the new site; folders are made as needed. Plain POSIX calls: the
    /// staging folder makes the site appear whole or not at all, so no file needs its own fsync
    /// (Foundation's Data.write syncs every file), and a folder is made only when opening a file
    /// finds it missing (FileManager checks every component of the path first). File creation
    /// dominated the build's time in profiles.
    func write(_ data: Data, to relativePath: String) throws {
        let path = staging.path + "/" + relativePath + (inPlace ? newSuffix : "")
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try makeFolder((path as NSString).deletingLastPathComponent)
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw Self.failure(relativePath) }
        if inPlace { lock.withLock { written.append(relativePath) } }
        try data.withUnsafeBytes { buffer in
            defer { close(fd) }
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw Self.failure(relativePath)
                }
                offset += count
            }
        }
    }

    /// A file the site no longer has (an incremental build's leftover): removed by `publish`, with
    /// the folders it leaves empty, as a full build would not have them.
    func remove(_ relativePath: String) {
        lock.withLock { removals.append(relativePath) }
    }

    /// `mkdir -p`: the folder, and its parents only when they are missing too; in place, the
    /// folders made are noted, to be removed again if the update is discarded.
    private func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return noteFolder(path) }
        if errno == EEXIST { return }
        guard errno == ENOENT else { throw Self.failure(path) }
        try makeFolder((path as NSString).deletingLastPathComponent)
        if mkdir(path, 0o755) == 0 { return noteFolder(path) }
        if errno != EEXIST { throw Self.failure(path) }
    }

    private func noteFolder(_ path: String) {
        if inPlace { lock.withLock { madeFolders.append(path) } }
    }

    /// A write that failed, named by the file of the site and what the system said.
    private static func failure(_ path: String) -> Error {
        let code = POSIXErrorCode(rawValue: errno) ?? .EIO
        return WriteFailure(path: path, reason: String(cString: strerror(code.rawValue)))
    }

    struct WriteFailure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): \(reason)" }
    }

    /// Puts the new files in place of the old ones. A full build swaps the folders; an update in
    /// place moves each written file over its old one (set aside first) and sets aside the files
    /// to remove: if any move fails, those done are undone. The old files go with `finish`.
    func publish() throws {
        if inPlace { return try moveIn() }
        let fm = FileManager.default
        if fm.fileExists(atPath: output.path) {
            try fm.moveItem(at: output, to: previous)
            do {
                try fm.moveItem(at: staging, to: output)
            } catch {
                try? fm.moveItem(at: previous, to: output)
                throw error
            }
            try? fm.removeItem(at: previous)
        } else {
            try fm.moveItem(at: staging, to: output)
        }
    }

    private func moveIn() throws {
        let (written, removals) = lock.withLock { (self.written, self.removals) }
        let base = output.path + "/"
        do {
            for path in written { try place(base + path + newSuffix, at: path) }
            let replaced = Set(written)
            for path in removals where !replaced.contains(path) && Self.exists(base + path) {
                if rename(base + path, base + path + oldSuffix) != 0 { throw Self.failure(path) }
                lock.withLock { moves.append(.removed(path: path)) }
            }
        } catch {
            discard()
            throw error
        }
    }

    /// Moves `source` to `path` in the site, the old one set aside first; if the move fails, the
    /// old one is put back.
    private func place(_ source: String, at path: String) throws {
        let target = output.path + "/" + path
        let replaced = Self.exists(target)
        if replaced, rename(target, target + oldSuffix) != 0 { throw Self.failure(path) }
        guard rename(source, target) == 0 else {
            let failure = Self.failure(path)
            if replaced { rename(target + oldSuffix, target) }
            throw failure
        }
        lock.withLock { moves.append(.placed(path: path, replaced: replaced)) }
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// After `publish`, once nothing can fail any more: the old files and the folders emptied by
    /// removals go.
    func finish() {
        guard inPlace else { return }
        let base = output.path + "/"
        let (moves, removals) = lock.withLock { (self.moves, self.removals) }
        for move in moves {
            switch move {
            case .placed(let path, true): unlink(base + path + oldSuffix)
            case .placed: break
            case .removed(let path): unlink(base + path + oldSuffix)
            }
        }
        for path in removals {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, rmdir(base + folder) == 0 { folder = (folder as NSString).deletingLastPathComponent }
        }
        lock.withLock { (written, self.removals, madeFolders, self.moves) = ([], [], [], []) }
    }

    /// Forgets a build that failed: the staging folder goes, or, in place, every move is undone,
    /// the written files and the folders made for them go; the published site is as it was.
    func discard() {
        guard inPlace else {
            try? FileManager.default.removeItem(at: staging)
            return
        }
        let base = output.path + "/"
        let (written, madeFolders, moves) = lock.withLock { (self.written, self.madeFolders, self.moves) }
        for move in moves.reversed() {
            switch move {
            case .placed(let path, let replaced):
                unlink(base + path)
                if replaced { rename(base + path + oldSuffix, base + path) }
            case .removed(let path):
                rename(base + path + oldSuffix, base + path)
            }
        }
        for path in written { unlink(base + path + newSuffix) }
        for folder in madeFolders.reversed() { rmdir(folder) }
        lock.withLock { (self.written, removals, self.madeFolders, self.moves) = ([], [], [], []) }
    }
}
