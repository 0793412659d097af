import Foundation
import Testing
import TestSupport

/// The repository's own folder, for the real templates.
let repository = repositoryRoot

/// A small portal with every kind of page, built with the project's real templates.
struct Fixture {
    let root: URL
    var site: URL { root.appendingPathComponent("site") }

    static let files: [String: String] = [
        "portal.yaml": """
            title: Портал НКО Республики Татарстан
            short_title: Портал НКО
            description: Поддержка социально ориентированных НКО.
            base_url: https://nko.example.ru/
            region:
              name: Республика Татарстан
              genitive: Республики Татарстан
              prepositional: Республике Татарстан
            moderator: Министерство экономики Республики Татарстан
            contacts:
              address: г. Казань, ул. Московская, д. 55
              phone: +7 (843) 524-90-00
              email: info@example.ru
            navigation: [news, orgs, about]
            """,
        "content/_index.md": "---\ntitle: Портал НКО\n---\nДобро пожаловать на портал.\n",
        "content/news/_schema.yaml": """
            title: Новости
            description: Новости поддержки НКО.
            sort: -date
            fields:
              - {name: date, label: Дата, type: date, required: true}
              - name: kind
                label: Вид
                type: enum
                choices:
                  - {value: announce, label: Анонс}
                  - {value: results, label: Итоги}
              - {name: count, label: Участников, type: integer}
              - {name: fund, label: Фонд, type: money}
              - {name: org, label: Организация, type: reference, collection: orgs}
            """,
        "content/news/_index.md": "---\ndescription: Свежие новости.\n---\nВсе новости портала.\n",
        "content/news/forum.md": """
            ---
            title: Форум НКО
            date: 2026-11-01
            kind: announce
            count: 12500
            fund: 1500000.5
            org: assotsiatsiia-elka
            ---
            Текст **новости** со сноской[^1].

            | Этап | Дата |
            |------|-----:|
            | Приём | 01.12 |

            [^1]: Сноска.
            """,
        "content/news/grants.md": "---\ntitle: Итоги конкурса\ndate: 2026-11-20\nkind: results\n---\nИтоги.\n",
        "content/orgs/_schema.yaml": "title: Организации\nfields:\n  - {name: city, label: Город, type: string}\n",
        "content/orgs/orgs.yaml": "- title: Ассоциация «Ёлка»\n  city: Казань\n- title: Фонд «Доброе дело»\n  slug: fund\n",
        "content/about/_schema.yaml": "title: О портале\n",
        "content/about/help.md": "---\ntitle: Помощь\n---\nКак пользоваться порталом.\n",
        "content/about/faq/_schema.yaml": "title: Вопросы и ответы\nweight: 1\n",
        "content/about/faq/report.pdf": "%PDF-1.4 not really",
    ]

    init(files: [String: String] = Self.files) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("nko-site-\(UUID().uuidString)")
        for (path, text) in files {
            try write(text, to: path)
        }
        try FileManager.default.copyItem(at: repository.appendingPathComponent("templates"),
                                         to: root.appendingPathComponent("templates"))
    }

    /// A fresh copy of the demo portal of the repository.
    static func demo() throws -> Fixture {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nko-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["portal.yaml", "content", "templates"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        return Fixture(root: root)
    }

    private init(root: URL) { self.root = root }

    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Runs an edit of a file only while the file is there (an earlier step may have removed it).
    func ifExists(_ path: String, _ edit: (String) throws -> Void) throws {
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) { try edit(path) }
    }

    /// Replaces the first occurrence of `old` in a file.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        let range = try #require(text.range(of: old), "«\(old)» not in \(path)")
        try write(text.replacingCharacters(in: range, with: new), to: path)
    }

    /// Replaces the first match of a regular expression (multi-line: ^ and $ at line ends).
    func replace(_ path: String, _ pattern: String, _ template: String) throws {
        let text = try read(path)
        let regex = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        let match = try #require(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), "/\(pattern)/ not in \(path)")
        let range = Range(match.range, in: text)!
        try write(text.replacingCharacters(in: range, with: template), to: path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Removes the files of a folder whose names match.
    func removeFiles(in folder: String, where matches: (String) -> Bool) throws {
        let url = root.appendingPathComponent(folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where matches(name) {
            try FileManager.default.removeItem(at: url.appendingPathComponent(name))
        }
    }

    /// Runs the real `nko` binary.
    @discardableResult
    func nko(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func build(_ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
        try nko(["build", "--now", "2026-11-23"] + extra)
    }

    static var binary: URL { Tool.nko }

    /// The same inputs copied to `twin` and built there with --full: what an incremental build must equal.
    func fullBuildSnapshot(into twin: URL, now: String = "2026-11-23") throws -> [String: Data] {
        let fm = FileManager.default
        try? fm.removeItem(at: twin)
        try fm.createDirectory(at: twin, withIntermediateDirectories: true)
        for name in ["portal.yaml", "content", "templates"] {
            try fm.copyItem(at: root.appendingPathComponent(name), to: twin.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["build", "--full", "--now", now, "--root", twin.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try snapshot(twin.appendingPathComponent("site"))
    }
}

/// Every file of a tree with its bytes, and every folder (as `path/`, empty), for before/after
/// comparisons: a folder left behind makes a difference too.
func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let keys: [URLResourceKey] = [.isRegularFileKey, .isDirectoryKey]
    let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys))
    for case let url as URL in enumerator {
        let values = try url.resourceValues(forKeys: Set(keys))
        let path = String(url.path.dropFirst(folder.path.count))
        if values.isDirectory == true { files[path + "/"] = Data() }
        guard values.isRegularFile == true else { continue }
        files[path] = try Data(contentsOf: url)
    }
    return files
}
