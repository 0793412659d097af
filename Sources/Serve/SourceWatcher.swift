import Content
import Foundation

/// Tells when the sources (`portal.yaml`, `content/`, `templates/`) may have changed. It asks the
/// kernel (inotify; nko is built for Linux only): no work while nothing changes, and no wait for
/// the next look after an edit. Where inotify cannot be had (a file system without it, too many
/// folders for the limit) it looks at every file's stamp at an interval. It tells which files
/// the system named, or that anything may have changed (a new folder, lost events, polling);
/// the build looks at those files only, or at all of them.
final class SourceWatcher: @unchecked Sendable {
    private let root: URL
    private let interval: Duration
    private var descriptor: Int32 = -1
    /// Watched folders by watch descriptor, relative to the root ("" for the root itself).
    private var folders: [Int32: String] = [:]
    /// The files named by the events read so far; nil once anything may have changed.
    private var named: Set<String>? = []
    /// Without the system: every file's stamp when last looked at (from the watcher's creation on).
    private var stamps: [String: FileStamp] = [:]

    /// `system`: false to look at stamps even where the system could tell (for tests of the fallback).
    init(root: URL, interval: Duration, system: Bool = true) {
        self.root = root
        self.interval = interval
        descriptor = system ? inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) : -1
        if descriptor >= 0, !(watch("") && watch(ContentLoader.contentFolder, tree: true) && watch(SourceFiles.templatesFolder, tree: true)) {
            close(descriptor)
            descriptor = -1
        }
        if descriptor < 0 { stamps = SourceFiles.stamps(root: root, jobs: 1) }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Calls `changed` after each change (several changes close together call it once) with the
    /// files that may have changed (nil: any), until cancelled.
    func run(_ changed: @Sendable (Set<String>?) async -> Void) async {
        while !Task.isCancelled {
            guard descriptor >= 0 else { return await compareStamps(changed) }
            guard await wait() else { continue }
            // An editor saving a file makes several events; a moment later they are all in.
            try? await Task.sleep(for: .milliseconds(10))
            _ = drain()
            let paths = named
            named = []
            await changed(paths)
        }
    }

    /// The fallback: every file's stamp, compared at each interval.
    private func compareStamps(_ changed: @Sendable (Set<String>?) async -> Void) async {
        while !Task.isCancelled {
            let now = SourceFiles.stamps(root: root, jobs: 1)
            if now != stamps {
                stamps = now
                await changed(nil)
            }
            try? await Task.sleep(for: interval)
        }
    }

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
                                     | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Watches a folder (and, with `tree`, every folder below it); false when the kernel refuses.
    private func watch(_ folder: String, tree: Bool = false) -> Bool {
        let path = folder.isEmpty ? root.path : root.path + "/" + folder
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        guard watch >= 0 else { return errno == ENOENT }  // a folder that is not there (yet) is fine
        folders[watch] = folder
        guard tree else { return true }
        return SourceFiles.entries(of: path).filter(\.isFolder).allSatisfy { self.watch(folder + "/" + $0.name, tree: true) }
    }

    /// Leaves the system's events for the stamps (all of them new: the next look reports a change).
    private func stopWatching() {
        close(descriptor)
        descriptor = -1
        folders = [:]
        named = nil
    }

    /// Waits up to the interval for events; true when there are some.
    private func wait() async -> Bool {
        let (descriptor, milliseconds) = (self.descriptor, Int32(interval.milliseconds))
        let ready = await Task.detached {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            return poll(&request, 1, milliseconds)
        }.value
        return ready > 0 && drain()
    }

    /// Reads the pending events; true when one concerns the sources. New folders are watched too.
    private func drain() -> Bool {
        var relevant = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return relevant }
            var offset = 0
            while offset < count {
                let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let name = buffer[nameStart..<nameStart + Int(event.len)].prefix { $0 != 0 }
                offset = nameStart + Int(event.len)
                let entry = String(decoding: name, as: UTF8.self)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    (relevant, named) = (true, nil)  // events were lost
                    continue
                }
                guard let folder = folders[event.wd] else { continue }
                if event.mask & UInt32(IN_IGNORED) != 0 { folders[event.wd] = nil }
                // In the portal's own folder only portal.yaml counts (not site/ or .nko/, which builds write).
                if folder.isEmpty, entry != PortalSettings.fileName,
                   ![ContentLoader.contentFolder, SourceFiles.templatesFolder].contains(entry) { continue }
                relevant = true
                if String(validating: name, as: UTF8.self) == nil {
                    named = nil  // a name that is not UTF-8: the build's walk reports it
                    continue
                }
                if event.mask & UInt32(IN_ISDIR | IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                    // A folder came, went or moved: the files in it are not named one by one.
                    named = nil
                    if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
                       !watch(folder.isEmpty ? entry : folder + "/" + entry, tree: true) {
                        stopWatching()  // past the system's limit: stamps from now on
                        return true
                    }
                } else if !entry.isEmpty {
                    named?.insert(folder.isEmpty ? entry : folder + "/" + entry)
                }
            }
        }
    }
}
