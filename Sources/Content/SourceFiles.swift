import Diagnostics
import Foundation

/// The files a build reads: `portal.yaml` and everything under `content/` and `templates/`.
/// Plain POSIX calls on paths: walking and stamping 10 000 files through `URL` and `FileManager`
/// cost more than a rebuild after one edit is allowed to take.
///
/// Symbolic links are never followed. Content comes from pull requests and CI publishes what the
/// build writes, so a link could publish any file of the machine that builds (`/etc/passwd`, the
/// CI token in `.git/config`) or, pointing at its own folder, make the walk endless. Each link is
/// an error naming it and its target (`problems`), reported before anything is read; walks and
/// reads treat it as absent. A link inside the portal is refused too: git keeps the link, not the
/// file, and where it leads depends on the machine that checks the portal out.
public enum SourceFiles {
    /// Every regular file, by path relative to the root (hidden ones included: the loader reports them).
    public static func paths(root: URL) -> [String] { walk(root: root).paths }

    /// An entry of the sources that no build reads: a symbolic link, or a name that is not UTF-8
    /// (shown with its bytes escaped, `bad\xFF.md`).
    public struct Refused: Sendable, Hashable {
        public let path: String
        let isLink: Bool
    }

    /// The regular files (as `paths`) and the entries refused among the sources.
    /// `listings`: the entries of every folder walked, by path relative to the root.
    static func walk(root: URL) -> (paths: [String], refused: [Refused], listings: Listings) {
        var paths: [String] = [], refused: [Refused] = [], listings: Listings = [:]
        switch kind(root.path + "/" + PortalSettings.file) {
        case .link: refused.append(Refused(path: PortalSettings.file, isLink: true))
        case .file: paths.append(PortalSettings.file)
        default: break
        }
        paths += files(under: ContentLoader.contentFolder, root: root, refused: &refused, listings: &listings)
        paths += files(under: templatesFolder, root: root, refused: &refused, listings: &listings)
        return (paths, refused, listings)
    }

    /// The entries of folders (`entries(of:)`), by path relative to the root.
    typealias Listings = [String: [(name: String, isFolder: Bool)]]

    /// The regular files below a folder of the sources, by path relative to the root, sorted in
    /// each folder; the entries refused (the folder itself, when it is a link) go to `refused`.
    package static func files(under folder: String, root: URL, refused: inout [Refused]) -> [String] {
        var listings: Listings = [:]
        return files(under: folder, root: root, refused: &refused, listings: &listings)
    }

    private static func files(under folder: String, root: URL, refused: inout [Refused], listings: inout Listings) -> [String] {
        if kind(root.path + "/" + folder) == .link {
            refused.append(Refused(path: folder, isLink: true))
            return []
        }
        var paths: [String] = []
        func walk(_ folder: String) {
            let entries = entries(of: root.path + "/" + folder, refused: &refused, relative: folder)
            listings[folder] = entries
            for entry in entries {
                let path = folder + "/" + entry.name
                if entry.isFolder { walk(path) } else { paths.append(path) }
            }
        }
        walk(folder)
        return paths
    }

    /// The entries refused among the sources.
    public static func refused(root: URL) -> [Refused] { walk(root: root).refused }

    /// Each refused entry as an error: a link naming where it leads, a name that is not UTF-8.
    public static func problems(_ refused: [Refused], root: URL) -> [Diagnostic] {
        refused.map { entry in
            entry.isLink ? linkProblem(entry.path, root: root)
                : .error("file-name", at: SourceLocation(file: entry.path), "имя «\(entry.path)» не в кодировке UTF-8",
                         hint: "переименуйте файл или папку: имена в портале — в UTF-8, лучше латиницей (байты не в UTF-8 показаны как \\xFF)")
        }
    }

    /// Stamps of every regular file, by path relative to the root.
    public static func stamps(root: URL, jobs: Int) -> [String: FileStamp] {
        let paths = paths(root: root)
        let stamps = ParallelMap.map(paths, jobs: jobs) { FileStamp(root.path + "/" + $0) }
        return Dictionary(uniqueKeysWithValues: zip(paths, stamps).compactMap { path, stamp in stamp.map { (path, $0) } })
    }

    /// The folder of templates (`Templates.folder` in the Site target).
    public static let templatesFolder = "templates"

    /// A folder's files and folders, sorted by name. Symbolic links, devices, sockets and pipes
    /// are left out: what is not a file or a folder is never read.
    package static func entries(of path: String) -> [(name: String, isFolder: Bool)] {
        var refused: [Refused] = []
        return entries(of: path, refused: &refused, relative: "")
    }

    /// `entries(of:)`, and the entries refused, by path relative to the root (`relative`: the folder's).
    private static func entries(of path: String, refused: inout [Refused], relative: String) -> [(name: String, isFolder: Bool)] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        var result: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(folder) {
            // Validated where it lies (a C string): no array of its bytes unless it is refused.
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(validatingCString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            guard let name else {
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                let shown = bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
                refused.append(Refused(path: relative + "/" + shown, isLink: false))
                continue
            }
            guard name != ".", name != ".." else { continue }
            let type = entry.pointee.d_type
            let found: Kind
            switch Int32(type) {
            case Int32(DT_DIR): found = .folder
            case Int32(DT_REG): found = .file
            case Int32(DT_LNK): found = .link
            case Int32(DT_UNKNOWN): found = kind(path + "/" + name)  // a file system that does not tell
            default: found = .other
            }
            switch found {
            case .folder, .file: result.append((name, found == .folder))
            case .link: refused.append(Refused(path: relative + "/" + name, isLink: true))
            case .other: break
            }
        }
        return result.sorted { $0.name < $1.name }
    }

    package enum Kind { case file, folder, link, other }

    /// What is at a path, the link itself rather than what it points to.
    package static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The error for a link: where it leads, and whether that is outside the portal, nowhere, or round in a circle.
    static func linkProblem(_ path: String, root: URL) -> Diagnostic {
        let full = root.path + "/" + path
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(full, &buffer, buffer.count - 1)
        let target = length >= 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        let at = SourceLocation(file: path)
        guard let real = realPath(full) else {
            let loop = errno == ELOOP
            return .error(loop ? "symlink-loop" : "symlink-broken", at: at,
                          loop ? "символическая ссылка образует цикл: \(path) → \(target)"
                               : "символическая ссылка ведёт к несуществующему файлу: \(path) → \(target)",
                          hint: "удалите ссылку; символические ссылки в портале не поддерживаются")
        }
        let realRoot = realPath(root.path) ?? root.path
        let folder = realPath((full as NSString).deletingLastPathComponent) ?? ""
        if real == folder || (folder + "/").hasPrefix(real + "/") {
            return .error("symlink-loop", at: at, "символическая ссылка образует цикл: \(path) → \(target)",
                          hint: "ссылка ведёт в собственную папку или выше: удалите её")
        }
        guard real == realRoot || real.hasPrefix(realRoot + "/") else {
            return .error("symlink-outside", at: at, "символическая ссылка ведёт за пределы портала: \(path) → \(target)",
                          hint: "файлы портала должны лежать в его папке: удалите ссылку; сборка не читает файлы по ссылкам")
        }
        return .error("symlink", at: at, "символические ссылки не поддерживаются: \(path) → \(target)",
                      hint: "положите сюда копию файла (или перенесите его): git хранит ссылку, а не файл, и на другой машине она может вести в другое место")
    }

    /// The path with every link resolved (`realpath`), nil when that fails (errno tells why).
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The bytes of a regular file, or nil when it cannot be read. A symbolic link is not followed.
    package static func contents(_ path: String) -> Data? {
        regularFile(path) { fd, size in
            var data = Data(count: size)
            return data.withUnsafeMutableBytes { fill($0, from: fd) == size } ? data : nil
        }
    }

    /// `contents` as an array, read into it (the caches: megabytes not copied again).
    package static func bytes(_ path: String) -> [UInt8]? {
        regularFile(path) { fd, size in
            var complete = false
            let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                initialized = fill(UnsafeMutableRawBufferPointer(buffer), from: fd)
                complete = initialized == size
            }
            return complete ? bytes : nil
        }
    }

    /// What `read` makes of a regular file opened without following a link, and its size.
    private static func regularFile<T>(_ path: String, _ read: (Int32, Int) -> T?) -> T? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return read(fd, Int(info.st_size))
    }

    /// Reads into the buffer until it is full or the file ends; how many bytes were read.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer, from fd: Int32) -> Int {
        var offset = 0
        while offset < buffer.count {
            let count = read(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            offset += count
        }
        return offset
    }

    /// A 64-bit hash of bytes: to tell contents apart, not to guard against anyone.
    public static func hash(_ data: Data) -> UInt64 {
        data.withUnsafeBytes(hash)
    }

    /// The hash of a text's UTF-8 (as of a file holding it), with no copy of it made.
    public static func hash(_ text: String) -> UInt64 {
        var hasher = RunningHash()
        hasher.add(text)
        return hasher.value
    }

    /// The hash of lines joined by line breaks, without joining them (10 000 addresses): `add`
    /// gives the hasher the text of each line.
    public static func hash<Lines: Sequence>(lines: Lines, _ add: (inout RunningHash, Lines.Element) -> Void) -> UInt64 {
        var hasher = RunningHash()
        for (index, line) in lines.enumerated() {
            if index > 0 { hasher.add("\n") }
            add(&hasher, line)
        }
        return hasher.value
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = RunningHash()
        hasher.add(bytes)
        return hasher.value
    }

    /// `hash` of texts one after another, as if joined, without joining them. Eight bytes a step
    /// (a build hashes every source, 190 MB for 10 000 acts; FNV-1a, a byte a step, was 3 % of
    /// it): each step is one-to-one in the state and in the word, so any one changed word changes
    /// the value. The bytes short of a word wait for the next ones.
    public struct RunningHash {
        private var state: UInt64 = 0x27d4_eb2f_1656_67c5
        private var tail: UInt64 = 0  // little-endian
        private var tailCount = 0

        public init() {}

        /// xxHash64's round: the word spread by one multiply, added, rotated, spread by another.
        /// One-to-one in the state and in the word; dense multipliers carry a change everywhere.
        private static func step(_ state: UInt64, _ word: UInt64) -> UInt64 {
            let sum = state &+ word &* 0xc2b2_ae3d_27d4_eb4f
            return (sum << 31 | sum >> 33) &* 0x9e37_79b1_85eb_ca87
        }

        public mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var i = 0
            // The bytes that complete a word begun before, then whole words, then the rest.
            while tailCount > 0, i < bytes.count {
                push(bytes[i])
                i += 1
            }
            if let base = bytes.baseAddress {
                while i + 8 <= bytes.count {
                    state = Self.step(state, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                    i += 8
                }
            }
            while i < bytes.count {
                push(bytes[i])
                i += 1
            }
        }

        /// One byte onto the word being gathered; a full word is taken in.
        private mutating func push(_ byte: UInt8) {
            tail |= UInt64(byte) << (8 * tailCount)
            tailCount += 1
            if tailCount == 8 {
                state = Self.step(state, tail)
                (tail, tailCount) = (0, 0)
            }
        }

        public mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
        }

        /// The bytes short of a word and their count go in last; then the bits are mixed, so that a
        /// change anywhere reaches the low ones too (MurmurHash3's finaliser).
        public var value: UInt64 {
            var h = Self.step(Self.step(state, tail), UInt64(tailCount))
            h = (h ^ h >> 33) &* 0xff51_afd7_ed55_8ccd
            h = (h ^ h >> 33) &* 0xc4ce_b9fe_1a85_ec53
            return h ^ h >> 33
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

    /// nil for anything but a regular file (folders, missing files, symbolic links). `folder`: an
    /// open folder that a relative `path` is in (fewer names for the system to look up).
    public init?(_ path: String, in folder: Int32 = AT_FDCWD) {
        var info = stat()
        guard fstatat(folder, path, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        (self.size, self.modified, self.changed, self.inode) = (size, modified, changed, inode)
    }
}
