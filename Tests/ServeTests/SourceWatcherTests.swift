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

    /// Runs the watcher over a small portal, makes `change`, and returns the reports once
    /// `enough` says they are complete (or after ten seconds: a busy machine may be slow to run it).
    func reports(system: Bool = true, after change: (URL) throws -> Void,
                 until enough: @escaping ([Set<String>?]) -> Bool) async throws -> [Set<String>?] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nko-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["content/news", "templates", "site", ".nko"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data("title: Портал\n".utf8).write(to: root.appendingPathComponent("portal.yaml"))
        try Data("---\ntitle: Новость\n---\n".utf8).write(to: root.appendingPathComponent("content/news/a.md"))
        // The system keeps events from here on, whenever the watcher gets to read them.
        let watcher = SourceWatcher(root: root, interval: .milliseconds(100), system: system)
        try change(root)
        let reports = Reports()
        let task = Task { await watcher.run { await reports.add($0) } }
        defer { task.cancel() }
        for _ in 0..<100 where !enough(await reports.all) {
            try await Task.sleep(for: .milliseconds(100))
        }
        return await reports.all
    }

    static func named(_ reports: [Set<String>?]) -> Set<String> { Set(reports.compactMap { $0 }.flatMap { $0 }) }

    @Test func anEditedFileIsNamed() async throws {
        let expected: Set<String> = ["content/news/a.md", "portal.yaml"]
        let seen = try await reports(after: { root in
            try Data("---\ntitle: Другая\n---\n".utf8).write(to: root.appendingPathComponent("content/news/a.md"))
            try Data("title: Портал НКО\n".utf8).write(to: root.appendingPathComponent("portal.yaml"))
        }, until: { Self.named($0) == expected })
        #expect(Self.named(seen) == expected)
        #expect(!seen.contains { $0 == nil })
    }

    /// Without the system's help the stamps are compared: any change means «anything may have changed».
    @Test func stampsAreComparedWithoutTheSystem() async throws {
        let seen = try await reports(system: false, after: { root in
            try Data("---\ntitle: Другая\n---\n".utf8).write(to: root.appendingPathComponent("content/news/a.md"))
        }, until: { !$0.isEmpty })
        #expect(seen.first == .some(nil))
    }

    @Test func aNewFolderMeansAnything() async throws {
        let seen = try await reports(after: { root in
            try FileManager.default.createDirectory(at: root.appendingPathComponent("content/events"), withIntermediateDirectories: true)
        }, until: { $0.contains { $0 == nil } })
        #expect(seen.contains { $0 == nil })
    }

    /// Files the builds write come before an edit of a source; only the source is named.
    @Test func whatBuildsWriteIsIgnored() async throws {
        let seen = try await reports(after: { root in
            try Data("<p>page</p>".utf8).write(to: root.appendingPathComponent("site/index.html"))
            try Data("record".utf8).write(to: root.appendingPathComponent(".nko/build.bin"))
            try Data("---\ntitle: Другая\n---\n".utf8).write(to: root.appendingPathComponent("content/news/a.md"))
        }, until: { !$0.isEmpty })
        #expect(seen == [["content/news/a.md"]])
    }
}
