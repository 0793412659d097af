import Foundation

/// The files a build reads: `portal.yaml` and everything under `content/` and `templates/`.
/// Plain POSIX calls on paths: walking and stamping 10 000 files through `URL` and `FileManager`
/// cost more than a rebuild after one edit is allowed to take.
public enum SourceFiles {
    /// Every regular file, by path relative to the root (hidden ones included: the loader reports them).
    public static func paths(root: URL) -> [String] {
        var paths = [PortalSettings.file]
        func walk(_ folder: String) {
            for entry in entries(of: root.path + "/" + folder) {
                let path = folder + "/" + entry.name
                if entry.isFolder { walk(path) } else { paths.append(path) }
            }
        }
        walk(ContentLoader.contentFolder)
        walk(templatesFolder)
        return paths
    }

    /// Stamps of every regular file, by path relative to the root.
    public static func stamps(root: URL, jobs: Int) -> [String: FileStamp] {
        let paths = paths(root: root)
        let stamps = ParallelMap.map(paths, jobs: jobs) { FileStamp(root.path + "/" + $0) }
        return Dictionary(uniqueKeysWithValues: zip(paths, stamps).compactMap { path, stamp in stamp.map { (path, $0) } })
    }

    /// The folder of templates (`Templates.folder` in the Site target).
    public static let templatesFolder = "templates"

    /// A folder's entries, sorted by name, with whether each is a folder (symbolic links followed).
    package static func entries(of path: String) -> [(name: String, isFolder: Bool)] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        var result: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name != ".", name != ".." else { continue }
            let type = entry.pointee.d_type
            let isFolder: Bool
            if type == UInt8(DT_DIR) {
                isFolder = true
            } else if type == UInt8(DT_REG) {
                isFolder = false
            } else {  // a link, or a file system that does not tell
                var info = stat()
                isFolder = stat(path + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            result.append((name, isFolder))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The bytes of a file, or nil when it cannot be read.
    static func contents(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    /// FNV-1a (64 bits) of bytes: to tell contents apart, not to guard against anyone.
    public static func hash(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { bytes in
            var value: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return value
        }
    }
}

/// What `stat` tells of a regular file: enough to see that it changed without reading it. The
/// change time (ctime) cannot be set by programs, so a copy with preserved times still differs.
public struct FileStamp: Hashable, Sendable {
    public let size: Int64
    public let modified: Int64
    public let changed: Int64
    public let inode: UInt64

    /// nil for anything but a regular file (folders, missing files).
    public init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        (self.size, self.modified, self.changed, self.inode) = (size, modified, changed, inode)
    }
}
