import Foundation

/// Writes a new site beside the old one and swaps it in only when everything was written,
/// so a failed build leaves the previous site exactly as it was. An incremental build writes
/// `inPlace`: only after every changed page rendered without errors, each file replaced whole
/// (written beside it, then renamed over it).
struct Publisher {
    let output: URL
    let staging: URL
    private let previous: URL
    let inPlace: Bool

    init(output: URL, inPlace: Bool = false) {
        self.output = output.standardizedFileURL
        self.inPlace = inPlace
        let parent = self.output.deletingLastPathComponent()
        let name = self.output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        staging = inPlace ? self.output : parent.appendingPathComponent(".\(name).staging-\(pid)")
        previous = parent.appendingPathComponent(".\(name).previous-\(pid)")
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
        let target = staging.path + "/" + relativePath
        let path = inPlace ? target + ".nko-\(ProcessInfo.processInfo.processIdentifier)" : target
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 && errno == ENOENT {
            try Self.makeFolder((path as NSString).deletingLastPathComponent)
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        guard fd >= 0 else { throw Self.failure(path) }
        do {
            try data.withUnsafeBytes { buffer in
                defer { close(fd) }
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw Self.failure(path)
                    }
                    offset += written
                }
            }
            if inPlace && rename(path, target) != 0 { throw Self.failure(target) }
        } catch {
            if inPlace { unlink(path) }  // no half-written file left beside the site
            throw error
        }
    }

    /// Removes a file the site no longer has (an incremental build's leftover), and the folders
    /// it leaves empty, as a full build would not have them.
    func remove(_ relativePath: String) {
        try? FileManager.default.removeItem(at: staging.appendingPathComponent(relativePath))
        var folder = (relativePath as NSString).deletingLastPathComponent
        while !folder.isEmpty, rmdir(staging.path + "/" + folder) == 0 {
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// `mkdir -p`: the folder, and its parents only when they are missing too.
    private static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw failure(path) }
        try makeFolder((path as NSString).deletingLastPathComponent)
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure(path) }
    }

    private static func failure(_ path: String) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                                                 NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
    }

    /// Puts the new site in place of the old one.
    func publish() throws {
        guard !inPlace else { return }
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

    /// Forgets a failed build: the staging folder goes, the published site stays.
    func discard() {
        guard !inPlace else { return }
        try? FileManager.default.removeItem(at: staging)
    }
}
