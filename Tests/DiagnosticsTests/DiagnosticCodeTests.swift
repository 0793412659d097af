import Diagnostics
import Foundation
import Testing

/// The codes of the diagnostics are listed three times: where the sources make them, in the
/// table of docs/cli.md («Коды сообщений») and in `Diagnostic.warningCodes` / `errorCodes` (what
/// `warnings_as_errors:` may name). The three must agree, severities included.
@Suite struct DiagnosticCodeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every code the sources give, with the severities each can have: the string literals
    /// between `.error(` / `.warning(` / `Diagnostic(` and the next `at:` label (a call such as
    /// `.error(missing ? "file-missing" : "file-unreadable", at: …)` gives both).
    static func sourceCodes() throws -> [String: Set<Severity>] {
        let call = /\.(error|warning)\(|Diagnostic\(/
        let at = /,\s*at:/
        let literal = /"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)"/
        var codes: [String: Set<Severity>] = [:]
        let sources = root.appendingPathComponent("Sources")
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: call) {
                guard let end = text[match.range.upperBound...].firstMatch(of: at),
                      text.distance(from: match.range.upperBound, to: end.range.lowerBound) < 200 else { continue }
                let severities: Set<Severity> = switch match.output.1.map(String.init) {
                case "error"?: [.error]
                case "warning"?: [.warning]
                default: [.error, .warning]  // Diagnostic(severity, …): as the case may be
                }
                for code in text[match.range.upperBound..<end.range.lowerBound].matches(of: literal) {
                    codes[String(code.output.1), default: []].formUnion(severities)
                }
            }
        }
        return codes
    }

    /// The table of docs/cli.md: code → severities («ошибка», «предупреждение», «ошибка или предупреждение»).
    static func readmeCodes() throws -> [String: Set<Severity>] {
        let readme = try String(contentsOf: root.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "\n### Коды сообщений\n"), "docs/cli.md: no section «Коды сообщений»")
        let section = readme[start.upperBound...]
        let end = section.range(of: "\n#")?.lowerBound ?? section.endIndex
        var codes: [String: Set<Severity>] = [:]
        for row in section[..<end].matches(of: /\n\| `([a-z0-9-]+)` \| ([^|]+?) \|/) {
            let kind: Set<Severity>? = switch row.output.2 {
            case "ошибка": [.error]
            case "предупреждение": [.warning]
            case "ошибка или предупреждение": [.error, .warning]
            default: nil
            }
            if kind == nil { Issue.record("docs/cli.md: `\(row.output.1)`: unknown kind «\(row.output.2)»") }
            codes[String(row.output.1)] = kind ?? []
        }
        return codes
    }

    /// The differences of two listings, for a message that names them.
    static func differences(_ a: [String: Set<Severity>], _ aName: String, _ b: [String: Set<Severity>], _ bName: String) -> [String] {
        func kind(_ s: Set<Severity>) -> String { s.map(\.rawValue).sorted().joined(separator: "+") }
        return Set(a.keys).union(b.keys).sorted().compactMap { code in
            switch (a[code], b[code]) {
            case (nil, _): "«\(code)» is in \(bName), not in \(aName)"
            case (_, nil): "«\(code)» is in \(aName), not in \(bName)"
            case let (x?, y?) where x != y: "«\(code)»: \(kind(x)) in \(aName), \(kind(y)) in \(bName)"
            default: nil
            }
        }
    }

    @Test func theReadmeListsEveryCodeTheSourcesUseAndNoOther() throws {
        let sources = try Self.sourceCodes()
        #expect(sources.count > 90, "the scan of Sources/ found too few codes: \(sources.count)")
        let differences = Self.differences(sources, "Sources/", try Self.readmeCodes(), "the table of docs/cli.md")
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test func theListsOfTheProgramAgreeWithTheSources() throws {
        var listed: [String: Set<Severity>] = [:]
        for code in Diagnostic.warningCodes { listed[code, default: []].insert(.warning) }
        for code in Diagnostic.errorCodes { listed[code, default: []].insert(.error) }
        let differences = Self.differences(try Self.sourceCodes(), "Sources/", listed, "Diagnostic.warningCodes/errorCodes")
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }
}
