import Foundation
@testable import Serve
import Testing

/// The watcher names the source files the system told of, says «anything» when a folder comes or
/// goes, and ignores what builds write (site/, .nko/).
@Suite(.serialized) struct SourceWatcherTests {
    /// What the watcher reported, in order.
    actor Reports {
        var all: [Set<String>?] = []
        func add(_ report: Set<String>?) { all.append(report) }
    }

    /// Runs the watcher over a small portal, makes `change`, and returns the reports that came
    /// within a second.
    func reports(after change: (URL) throws -> Void) async throws -> [Set<String>?] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nko-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["content/news", "templates", "site", ".nko"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data("title: Портал\n".utf8).write(to: root.appendingPathComponent("portal.yaml"))
        try Data("---\ntitle: Новость\n---\n".utf8).write(to: root.appendingPathComponent("content/news/a.md"))
        let watcher = SourceWatcher(root: root, interval: .milliseconds(100))
        let reports = Reports()
        let task = Task { await watcher.run { await reports.add($0) } }
        try await Task.sleep(for: .milliseconds(200))
        try change(root)
        try await Task.sleep(for: .seconds(1))
        task.cancel()
        return await reports.all
    }

    @Test func anEditedFileIsNamed() async throws {
        let seen = try await reports { root in
            try Data("---\ntitle: Другая\n---\n".utf8).write(to: root.appendingPathComponent("content/news/a.md"))
            try Data("title: Портал НКО\n".utf8).write(to: root.appendingPathComponent("portal.yaml"))
        }
        #if os(Linux)
        #expect(Set(seen.compactMap { $0 }.flatMap { $0 }) == ["content/news/a.md", "portal.yaml"])
        #else
        #expect(!seen.isEmpty)
        #endif
    }

    @Test func aNewFolderMeansAnything() async throws {
        let seen = try await reports { root in
            try FileManager.default.createDirectory(at: root.appendingPathComponent("content/events"), withIntermediateDirectories: true)
        }
        #expect(seen.contains { $0 == nil })
    }

    @Test func whatBuildsWriteIsIgnored() async throws {
        let seen = try await reports { root in
            try Data("<p>page</p>".utf8).write(to: root.appendingPathComponent("site/index.html"))
            try Data("record".utf8).write(to: root.appendingPathComponent(".nko/build.bin"))
        }
        #expect(seen.isEmpty)
    }
}
