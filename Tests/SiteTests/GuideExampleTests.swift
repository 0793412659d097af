import Foundation
import Testing
import TestSupport

/// Every YAML and Markdown example of the guides (`docs/*.md`) is checked, as its marker says:
/// `<!-- example: PATH -->` — a whole file, written into a copy of the demo portal;
/// `<!-- example appended to: PATH -->` — lines added to a file of the demo portal;
/// `<!-- excerpt: PATH … -->` — lines of the demo portal's files, verbatim but for comments and
/// «…», which stands for what is left out. The copy with the examples in place must pass
/// `nko check --strict`: an example that no longer builds, or no longer matches its file, fails.
@Suite struct GuideExampleTests {
    struct Example: CustomStringConvertible {
        let guide: String
        let line: Int
        let marker: String?
        let body: String
        var description: String { "\(guide):\(line)" }

        /// The marker's kind and paths: ("example", [path]) …
        var target: (kind: String, paths: [String])? {
            guard let marker else { return nil }
            for kind in ["example appended to", "example", "excerpt"] where marker.hasPrefix(kind + ":") {
                return (kind, marker.dropFirst(kind.count + 1).split(separator: " ").map(String.init))
            }
            return nil
        }
    }

    static let guides = repositoryRoot.appendingPathComponent("docs")

    static let examples: [Example] = {
        var found: [Example] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: guides.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".md") {
            let lines = (try? String(contentsOf: guides.appendingPathComponent(name), encoding: .utf8))?
                .components(separatedBy: "\n") ?? []
            var index = 0
            while index < lines.count {
                defer { index += 1 }
                guard ["```yaml", "```markdown"].contains(lines[index]) else { continue }
                let previous = lines[..<index].last { !$0.isEmpty }
                let marker = previous.flatMap { line -> String? in
                    guard line.hasPrefix("<!-- "), line.hasSuffix(" -->") else { return nil }
                    return String(line.dropFirst(5).dropLast(4))
                }
                let end = lines[(index + 1)...].firstIndex(of: "```") ?? lines.count
                found.append(Example(guide: "docs/" + name, line: index + 1, marker: marker,
                                     body: lines[(index + 1)..<end].joined(separator: "\n") + "\n"))
                index = end
            }
        }
        return found
    }()

    @Test func everyExampleSaysHowItIsChecked() {
        #expect(Self.examples.count >= 9)
        for example in Self.examples {
            #expect(example.target != nil, "\(example): no <!-- example: PATH --> or <!-- excerpt: PATH --> before the block")
        }
    }

    @Test func theExamplesBuildInTheDemoPortal() throws {
        let copy = try Tool.temporaryFolder("nko-guides")
        defer { try? FileManager.default.removeItem(at: copy) }
        for name in ["portal.yaml", "content", "templates"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        var written = 0
        for example in Self.examples {
            guard let (kind, paths) = example.target, kind.hasPrefix("example"), let path = paths.first else { continue }
            let url = copy.appendingPathComponent(path)
            if kind == "example" {
                #expect(!FileManager.default.fileExists(atPath: url.path), "\(example): \(path) is a file of the demo portal already")
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try example.body.write(to: url, atomically: true, encoding: .utf8)
            } else {
                let text = try String(contentsOf: url, encoding: .utf8)
                try (text + (text.hasSuffix("\n") ? "" : "\n") + example.body).write(to: url, atomically: true, encoding: .utf8)
            }
            written += 1
        }
        #expect(written >= 4)
        let run = try Tool.run(Tool.nko, ["check", "--strict", "--now", "2026-11-23", "--root", copy.path])
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// A line of YAML without its comment and the spaces around it.
    static func code(_ line: String) -> String {
        if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { return "" }
        let text = line.range(of: " #").map { String(line[..<$0.lowerBound]) } ?? line
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// What a line of an excerpt asks of a line of the file: its pieces between the «…».
    static func pattern(_ line: String) -> [Substring]? {
        let code = Self.code(line)
        guard !code.isEmpty, code != "…" else { return nil }
        return code.split(separator: "…", omittingEmptySubsequences: false)
    }

    static func matches(_ pieces: [Substring], _ line: String) -> Bool {
        var rest = Substring(code(line))
        for (n, piece) in pieces.enumerated() {
            if n == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if n == pieces.count - 1 {
                return rest.hasSuffix(piece)
            } else {
                guard let found = rest.range(of: piece) else { return false }
                rest = rest[found.upperBound...]
            }
        }
        return pieces.count > 1 || rest.isEmpty
    }

    @Test func theExcerptsAreInTheirFiles() throws {
        for example in Self.examples {
            guard let (kind, paths) = example.target, kind == "excerpt" else { continue }
            let lines = try paths.flatMap { path in
                try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8).components(separatedBy: "\n")
            }
            for line in example.body.components(separatedBy: "\n") {
                guard let pieces = Self.pattern(line) else { continue }
                #expect(lines.contains { Self.matches(pieces, $0) }, "\(example): «\(line)» is not in \(paths.joined(separator: ", "))")
            }
        }
    }
}
