import Diagnostics
import Foundation
import Testing
@testable import Content

/// The cache of parsed items (`.nko/sources.bin`): what it gives back is what parsing gives, and
/// it is used only for files whose content and schema are the ones it was made from.
@Suite struct SourceCacheTests {
    /// A copy of the repository's portal, so that the cache is written beside a copy.
    func demoCopy() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("nko-sources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["portal.yaml", "content"] {
            try FileManager.default.copyItem(at: Fidelity.repository.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        return copy
    }

    func load(_ root: URL, cached: Bool = true) -> (Portal?, [Diagnostic]) {
        let engine = DiagnosticEngine()
        let sources = cached ? SourceCache(root: root, jobs: 2) : nil
        let portal = ContentLoader.load(root: root, diagnostics: engine, sources: sources)
        if let next = sources?.next, next.changed { SourceCache.save(next.state, root: root) }
        return (portal, engine.diagnostics)
    }

    func expectSameItems(_ a: Portal, _ b: Portal) {
        #expect(a.collections.map(\.id) == b.collections.map(\.id))
        for (x, y) in zip(a.collections, b.collections) {
            #expect(x.items.count == y.items.count, "\(x.id)")
            for (i, j) in zip(x.items, y.items) {
                #expect(i.collectionID == j.collectionID && i.slug == j.slug && i.title == j.title, "\(i.sourceFile)")
                #expect(i.description == j.description && i.values == j.values, "\(i.sourceFile)")
                #expect(i.bodyLine == j.bodyLine && i.location == j.location && i.slugLocation == j.slugLocation, "\(i.sourceFile)")
                var problems: [Diagnostic] = []
                #expect(i.markdownBody(root: a.root, &problems) == j.markdownBody(root: b.root, &problems), "\(i.sourceFile)")
                #expect(problems.isEmpty)
            }
        }
    }

    /// Every kind of value of the demo portal (money, breakdowns, deadlines, references, lists…)
    /// comes back from the cache as parsed, with the same messages.
    @Test func theDemoPortalReadsBackFromTheCache() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let (parsed, parsedProblems) = load(root)
        let (cached, cachedProblems) = load(root)
        let first = try #require(parsed), second = try #require(cached)
        expectSameItems(first, second)
        #expect(parsedProblems == cachedProblems)
        // Taken from the cache: the bodies are left in their files.
        let documents = second.collections.flatMap(\.items).filter { $0.sourceFile.hasSuffix(".md") }
        #expect(documents.count > 50)
        #expect(documents.allSatisfy { if case .inFile? = $0.body { true } else { false } })
    }

    @Test func aDamagedCacheIsIgnored() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let (fresh, _) = load(root, cached: false)
        _ = load(root)
        for path in [SourceCache.path, SourceCache.itemsPath] {
            let file = root.appendingPathComponent(path)
            let bytes = try Data(contentsOf: file)
            for damaged in [bytes.prefix(bytes.count / 2), Data(bytes.reversed()), Data()] {
                try damaged.write(to: file)
                let (portal, _) = load(root)
                expectSameItems(try #require(fresh), try #require(portal))
                #expect(portal?.collections.flatMap(\.items).contains { if case .text? = $0.body { true } else { false } } == true,
                        "\(path) damaged: parsed anew")
            }
        }
    }

    /// An edit of a document's text leaves its items as they were: the items file is not written
    /// again (only the stamps are), and the next build takes the items from it all the same.
    /// An edit of a field writes it again.
    @Test func anEditOfTheTextKeepsTheItemsFile() throws {
        let tree = try oneItem(fields: " []")
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let items = tree.root.appendingPathComponent(SourceCache.itemsPath).path
        let document = tree.root.appendingPathComponent("content/items/one.md")
        func inode() -> ino_t {
            var info = stat()
            return stat(items, &info) == 0 ? info.st_ino : 0
        }
        _ = load(tree.root)
        let written = inode()
        try Data("---\ntitle: Один\n---\nДругой текст.\n".utf8).write(to: document)
        _ = load(tree.root)
        #expect(inode() == written, "the items file is the same file")
        let sources = SourceCache(root: tree.root, jobs: 1)
        #expect(sources.parsed("content/items/one.md", schema: SourceFiles.hash("title: Записи\nfields: []\n"))?.items.first?.title == "Один",
                "taken from the cache for the edited text")
        try Data("---\ntitle: Два\n---\nДругой текст.\n".utf8).write(to: document)
        #expect(load(tree.root).0?.collection("items")?.items.first?.title == "Два")
        #expect(inode() != written)
        #expect(load(tree.root).0?.collection("items")?.items.first?.title == "Два")
    }

    /// A portal with one item «Один» in the section `items`, whose schema has these fields.
    func oneItem(fields: String) throws -> Tree {
        try Tree([
            "portal.yaml": settings,
            "content/items/_schema.yaml": "title: Записи\nfields:" + fields + "\n",
            "content/items/one.md": "---\ntitle: Один\n---\nТекст.\n",
        ])
    }

    /// The stamp includes the change time, which programs cannot set: an edit that keeps the
    /// size and puts the modification time back is still seen.
    @Test func anEditKeepingSizeAndModificationTimeIsSeen() throws {
        let tree = try oneItem(fields: " []")
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let path = tree.root.appendingPathComponent("content/items/one.md").path
        #expect(load(tree.root).0?.collection("items")?.items.first?.title == "Один")
        #expect(load(tree.root).0?.collection("items")?.items.first?.title == "Один")
        var info = stat()
        #expect(stat(path, &info) == 0)
        try Data("---\ntitle: Два!!\n---\nТекст.\n".utf8).write(to: URL(fileURLWithPath: path))
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        #expect(load(tree.root).0?.collection("items")?.items.first?.title == "Два!!")
    }

    /// Items are read by their schema: a changed schema parses them again.
    @Test func aChangedSchemaParsesTheItemsAgain() throws {
        let tree = try oneItem(fields: "\n  - {name: n, type: integer}")
        defer { try? FileManager.default.removeItem(at: tree.root) }
        #expect(load(tree.root).1.isEmpty)
        try Data("title: Записи\nfields:\n  - {name: n, type: integer, required: true}\n".utf8)
            .write(to: tree.root.appendingPathComponent("content/items/_schema.yaml"))
        #expect(load(tree.root).1.map(\.code) == ["missing-required"])
    }
}

/// The hash that tells a source's contents apart.
@Suite struct SourceHashTests {
    @Test func piecesHashAsTheirJoinedText() {
        let text = "---\ntitle: Положение о порядке\n---\n1.1. Текст пункта; 1.2. другой.\n"
        for cut in 0...text.utf8.count {
            let bytes = Array(text.utf8)
            for second in cut...bytes.count {
                var hasher = SourceFiles.RunningHash()
                for piece in [bytes[..<cut], bytes[cut..<second], bytes[second...]] {
                    piece.withUnsafeBytes { hasher.add($0) }
                }
                #expect(hasher.value == SourceFiles.hash(text), "\(cut), \(second)")
            }
        }
        #expect(SourceFiles.hash(lines: ["acts/a", "", "acts/b"]) { $0.add($1) } == SourceFiles.hash("acts/a\n\nacts/b"))
    }

    @Test func anyChangedOrAddedByteChangesIt() {
        let bytes = Array("Пункт 3.2 настоящего Положения — 8 байт и хвост".utf8)
        let original = bytes.withUnsafeBytes(SourceFiles.hash)
        var seen: Set<UInt64> = [original]
        for at in bytes.indices {
            for delta: UInt8 in [1, 0x80] {
                var changed = bytes
                changed[at] &+= delta
                seen.insert(changed.withUnsafeBytes(SourceFiles.hash))
            }
        }
        // Zero bytes added at the end, one to sixteen: a word of zeros and its count both tell.
        for extra in 1...16 { seen.insert((bytes + Array(repeating: 0, count: extra)).withUnsafeBytes(SourceFiles.hash)) }
        #expect(seen.count == 1 + 2 * bytes.count + 16)
        #expect(SourceFiles.hash("") != SourceFiles.hash("\0"))
        // Two changes do not cancel out: the top bits of two bytes anywhere (a word's top bit is
        // where a multiply alone would carry a change nowhere).
        var pairs: Set<UInt64> = []
        for first in bytes.indices {
            for second in (first + 1)..<bytes.count {
                var changed = bytes
                changed[first] ^= 0x80
                changed[second] ^= 0x80
                pairs.insert(changed.withUnsafeBytes(SourceFiles.hash))
            }
        }
        #expect(!pairs.contains(original) && pairs.count == bytes.count * (bytes.count - 1) / 2)
    }
}
