import Diagnostics
import Foundation
import Testing
import Yams
@testable import Content

/// The converted law against its published source (content/_sources), as the fidelity rule of
/// content/_sources/CONVENTIONS.md states it.
///
/// Normalisation, the same on both sides: the text is read as a sequence of words and numbers
/// (letters and digits; punctuation, quotes, dashes, underscores and white space do not count);
/// superscript digits count as digits, so a footnote marker «¹» matches `[^1]`. Removed from the
/// source first: Word bookmarks, HTML tags of the export, link targets. Removed from the converted
/// text: Markdown markup (headings, emphasis, escapes, `:::` lines, table rules), slot syntax
/// (its raw text stays), footnote labels that are not numbers.
///
/// Checks: every source line not listed as omitted is found, word for word and in order, in its
/// document (a table row cell by cell: rows split by page breaks are joined in the content); and no
/// document holds a word more often than its source does.
struct Fidelity {
    struct Problem: CustomStringConvertible {
        let document: String
        let message: String
        var description: String { "\(document): \(message)" }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sources = repository.appendingPathComponent("content/_sources")

    // MARK: Words

    static let superscripts: [Character: Character] = ["⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5",
                                                      "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"]

    /// Words and numbers. A footnote marker is a number of its own: superscript («час¹⁹»), glued to
    /// a word («человек10») or `[^10]` all read as «… 19», «… 10».
    static func words(_ text: String) -> [Substring] {
        var plain = ""
        for ch in text {
            if let digit = superscripts[ch] {
                if !(plain.last?.isNumber ?? false) || plain.last.map({ superscripts.values.contains($0) }) == false { plain += " " }
                plain.append(digit)
            } else {
                if plain.last?.isNumber == true, ch.isLetter { plain += " " }
                plain.append(ch)
            }
        }
        plain = plain.replacingOccurrences(of: #"(\p{L})(\d)"#, with: "$1 $2", options: .regularExpression)
        return plain.split { !($0.isLetter || $0.isNumber) }
    }

    static func sourceWords(_ line: String) -> [Substring] {
        var text = line.replacingOccurrences(of: #"\[bookmark: [^\]]*\]"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"</?[a-zA-Z][^>]*>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"\]\([^)]*\)"#, with: " ", options: .regularExpression)
        return words(text)
    }

    static func convertedWords(_ markdown: String) -> [Substring] {
        var text = markdown.replacingOccurrences(of: #"(?m)^:::.*$"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"\{\{[^{}|]*\|([^{}]*)\}\}"#, with: "$1", options: .regularExpression)
        text = text.replacingOccurrences(of: #"\[\^([0-9]+)\]"#, with: " $1 ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"\[\^[^\]]*\]"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"\]\([^)]*\)"#, with: " ", options: .regularExpression)
        return words(text)
    }

    // MARK: Documents

    struct Document {
        let name: String
        let source: String
        let lines: ClosedRange<Int>?
        /// The published text of the document as the portal has it, in reading order.
        let text: String
        /// The title as printed: where the body does not repeat it, source lines are found here.
        var title = ""
    }

    /// Every converted document: its Markdown body and the front-matter values that hold published text.
    static func documents(of portal: Portal) -> [Document] {
        portal.collections.flatMap { collection in
            collection.items.compactMap { item -> Document? in
                guard collection.schema.legal, let source = item.values["source"]?.plainText else { return nil }
                var range: ClosedRange<Int>?
                if let lines = item.values["source_lines"]?.plainText {
                    let bounds = lines.split(separator: "-").compactMap { Int($0) }
                    if bounds.count == 2 { range = bounds[0]...bounds[1] }
                }
                var parts: [String] = []
                for name in ["plan_header", "composition", "plan"] {
                    if let value = item.values[name] { parts.append(published(value)) }
                }
                var problems: [Diagnostic] = []
                parts.append(item.markdownBody(root: portal.root, &problems) ?? "")
                return Document(name: item.sourceFile, source: source, lines: range, text: parts.joined(separator: "\n"),
                                title: item.values["title_raw"]?.plainText ?? "")
            }
        }
    }

    /// The published text of structured data: everything but our own typing of it.
    static func published(_ value: Value) -> String {
        let ours: Set<String> = ["kind", "date", "until", "after", "duration", "anomaly", "remark", "role", "by_agreement"]
        switch value {
        case .list(let values):
            // A group heading («Члены проектного офиса:») is printed once, before its first member.
            var previousGroup: Value?
            return values.map { value -> String in
                guard case let .object(entries) = value else { return published(value) }
                let group = entries.first { $0.name == "group" }?.value
                defer { previousGroup = group }
                return published(.object(group != nil && group == previousGroup ? entries.filter { $0.name != "group" } : entries))
            }.joined(separator: "\n")
        case .object(let entries):
            // «4.1/1 …» pair one of the parent's activities (already in its title) with a body: only the body is new.
            let pair = entries.contains { $0.name == "number" && $0.value.plainText.contains("/") }
            let agreed = entries.contains { $0.name == "by_agreement" && $0.value == .boolean(true) }
            // «(по согласованию)» closes the position (composition) or the body's name (responsible).
            let flagged = entries.last { ["position", "name"].contains($0.name) }?.name
            return entries.filter { !ours.contains($0.name) && !(pair && ["number", "title"].contains($0.name)) }
                .map { published($0.value) + (agreed && $0.name == flagged ? " (по согласованию)" : "") }
                .joined(separator: "\n")
        default: return value.plainText
        }
    }

    static func omitted() throws -> [String: Set<Int>] {
        var result: [String: Set<Int>] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasPrefix("omitted-") }
        for file in files.sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            guard let entries = try Yams.load(yaml: text) as? [[String: Any]] else { continue }
            for entry in entries {
                guard let source = entry["source"] as? String else { continue }
                let lines = "\(entry["lines"] ?? "")".split(separator: "-").compactMap { Int($0) }
                guard let first = lines.first else { continue }
                result[source, default: []].formUnion(first...(lines.last ?? first))
            }
        }
        return result
    }

    // MARK: Checks

    static func check(_ documents: [Document], omitted: [String: Set<Int>]) throws -> [Problem] {
        var problems: [Problem] = []
        var coverage: [String: Set<Int>] = [:]
        for doc in documents {
            let source = try String(contentsOf: sources.appendingPathComponent(doc.source), encoding: .utf8)
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let range = doc.lines ?? 1...lines.count
            coverage[doc.source, default: []].formUnion(range)
            let converted = convertedWords(doc.text)
            let haystack = " " + (converted + convertedWords(doc.title)).joined(separator: " ") + " "
            var sourceCounts: [Substring: Int] = [:]
            for number in range where number <= lines.count {
                let line = lines[number - 1]
                sourceWords(line).forEach { sourceCounts[$0, default: 0] += 1 }
                if omitted[doc.source]?.contains(number) == true { continue }
                // A table row (tabs or pipes) is checked cell by cell: the content joins rows split by pages.
                let units = line.contains("\t") || line.hasPrefix("|")
                    ? line.split(whereSeparator: { $0 == "\t" || $0 == "|" }).map(String.init) : [line]
                for unit in units {
                    let words = sourceWords(unit)
                    guard !words.isEmpty else { continue }
                    if !haystack.contains(" " + words.joined(separator: " ") + " ") {
                        problems.append(Problem(document: doc.name, message: "строка \(number) источника не найдена: «\(unit.prefix(120))»"))
                    }
                }
            }
            var convertedCounts: [Substring: Int] = [:]
            converted.forEach { convertedCounts[$0, default: 0] += 1 }
            for (word, count) in convertedCounts.sorted(by: { $0.key < $1.key }) where count > sourceCounts[word, default: 0] {
                problems.append(Problem(document: doc.name,
                                        message: "слово «\(word)» встречается \(count) раз, в источнике — \(sourceCounts[word, default: 0])"))
            }
        }
        return problems
    }
}

@Suite struct FidelityTests {
    static func portal() throws -> Portal {
        let engine = DiagnosticEngine()
        let portal = try #require(ContentLoader.load(root: Fidelity.repository, diagnostics: engine))
        #expect(!engine.hasErrors, "\(engine.diagnostics.filter { $0.severity == .error })")
        return portal
    }

    @Test func everySourceIsOnThePortalWordForWord() throws {
        let documents = Fidelity.documents(of: try Self.portal())
        // All five sources, and 001 from its first line to its last.
        #expect(Set(documents.map(\.source)) == ["000_a039d0c9a7d02be1.txt", "001_298874238980ace6.txt",
                                                 "002_b68f4d24cf344257.txt", "003_60d9e6ed61221b53.txt",
                                                 "004_10bd2b88565d380d.txt"])
        let problems = try Fidelity.check(documents, omitted: try Fidelity.omitted())
        #expect(problems.isEmpty, "\(problems.prefix(30).map(\.description).joined(separator: "\n"))")
    }

    @Test func theWholeOf001IsCovered() throws {
        let ranges = Fidelity.documents(of: try Self.portal()).filter { $0.source == "001_298874238980ace6.txt" }
            .compactMap(\.lines).sorted { $0.lowerBound < $1.lowerBound }
        let source = try String(contentsOf: Fidelity.sources.appendingPathComponent("001_298874238980ace6.txt"), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var covered = Set<Int>()
        ranges.forEach { covered.formUnion($0) }
        let missing = (1...lines.count).filter { !covered.contains($0) && !Fidelity.sourceWords(String(lines[$0 - 1])).isEmpty }
        #expect(missing.isEmpty, "lines of 001 in no document: \(missing.prefix(20))")
    }

    /// The check must notice a deleted paragraph, a changed word and an invented one in any document.
    @Test func aDeletedOrAlteredParagraphFails() throws {
        let documents = Fidelity.documents(of: try Self.portal())
        let omitted = try Fidelity.omitted()
        for doc in documents {
            let paragraphs = doc.text.components(separatedBy: "\n\n")
            // The longest paragraph of plain text: deleting it must be noticed.
            guard let victim = paragraphs.filter({ !$0.hasPrefix(":::") && !$0.hasPrefix("[^") })
                .max(by: { $0.count < $1.count }) else { continue }
            let deleted = Fidelity.Document(name: doc.name, source: doc.source, lines: doc.lines,
                                            text: doc.text.replacingOccurrences(of: victim, with: ""), title: doc.title)
            #expect(!(try Fidelity.check([deleted], omitted: omitted)).isEmpty, "deleting a paragraph of \(doc.name) went unnoticed")
            let altered = Fidelity.Document(name: doc.name, source: doc.source, lines: doc.lines,
                                            text: doc.text.replacingOccurrences(of: victim, with: victim + " дополнительно"),
                                            title: doc.title)
            #expect(!(try Fidelity.check([altered], omitted: omitted)).isEmpty, "an added word in \(doc.name) went unnoticed")
        }
    }
}
