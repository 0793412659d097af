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
    /// Moves done by `publish`, in order: the file moved in, and whether an old one was set aside.
    private var moved: [(path: String, setAside: Bool)] = []

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
        func exists(_ path: String) -> Bool { var info = stat(); return lstat(base + path, &info) == 0 }
        do {
            for path in written {
                let setAside = exists(path)
                if setAside, rename(base + path, base + path + oldSuffix) != 0 { throw Self.failure(path) }
                if rename(base + path + newSuffix, base + path) != 0 {
                    let failure = Self.failure(path)
                    if setAside { rename(base + path + oldSuffix, base + path) }
                    throw failure
                }
                moved.append((path, setAside))
            }
            for path in removals where exists(path) && !written.contains(path) {
                if rename(base + path, base + path + oldSuffix) != 0 { throw Self.failure(path) }
                moved.append((path + oldSuffix, true))
            }
        } catch {
            discard()
            throw error
        }
    }

    /// In place, after `publish`: a folder made elsewhere (`made`, on the same file system) takes
    /// the place of one of the site's (the search index); undone by `discard` like the files.
    func replaceFolder(_ relativePath: String, with made: URL) throws {
        let target = output.path + "/" + relativePath
        var info = stat()
        let setAside = lstat(target, &info) == 0
        if setAside, rename(target, target + oldSuffix) != 0 { throw Self.failure(relativePath) }
        guard rename(made.path, target) == 0 else {
            let failure = Self.failure(relativePath)
            if setAside { rename(target + oldSuffix, target) }
            throw failure
        }
        lock.withLock { moved.append((relativePath, setAside)) }
    }

    /// After `publish`, once nothing can fail any more: the old files and the folders emptied by
    /// removals go.
    func finish() {
        guard inPlace else { return }
        let base = output.path + "/"
        for (path, setAside) in moved where setAside {
            if path == SearchIndex.folder {
                try? FileManager.default.removeItem(atPath: base + path + oldSuffix)
                continue
            }
            unlink(base + (path.hasSuffix(oldSuffix) ? path : path + oldSuffix))
        }
        for path in lock.withLock({ removals }) {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, rmdir(base + folder) == 0 { folder = (folder as NSString).deletingLastPathComponent }
        }
        lock.withLock { (written, removals, madeFolders, moved) = ([], [], [], []) }
    }

    /// Forgets a build that failed: the staging folder goes, or, in place, every move is undone,
    /// the written files and the folders made for them go; the published site is as it was.
    func discard() {
        guard inPlace else {
            try? FileManager.default.removeItem(at: staging)
            return
        }
        let base = output.path + "/"
        let (written, madeFolders, moved) = lock.withLock { (self.written, self.madeFolders, self.moved) }
        for (path, setAside) in moved.reversed() {
            if path.hasSuffix(oldSuffix) {
                rename(base + path, base + String(path.dropLast(oldSuffix.count)))
            } else if setAside {
                rename(base + path + oldSuffix, base + path)
            } else if path == SearchIndex.folder {
                try? FileManager.default.removeItem(atPath: base + path)
            } else {
                unlink(base + path)
            }
        }
        for path in written { unlink(base + path + newSuffix) }
        for folder in madeFolders.reversed() { rmdir(folder) }
        lock.withLock { (self.written, removals, self.madeFolders, self.moved) = ([], [], [], []) }
    }
}
