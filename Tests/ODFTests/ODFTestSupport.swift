import Foundation
import ODFPackage
import ODFValidation
import Testing
import ZIPFoundation
import FoundationXML  // XMLParser, which Foundation on Linux keeps apart

/// The package root, for the schemas beside it (`../shared/schemas/odf-1.3`) or in `.cache/`.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The validator of the tests. Without the schemas this throws, and the test fails: it never skips.
func makeValidator() throws -> ODFValidator {
    try ODFValidator(root: packageRoot)
}

/// The text of every paragraph and heading of an XML part, as a reader sees it: `text:s`,
/// `text:tab` and `text:line-break` turned back into spaces, tabs and line breaks. A note's
/// paragraphs are entries of their own.
func paragraphTexts(_ xml: String) -> [String] {
    final class Collector: NSObject, XMLParserDelegate {
        var open: [String] = []
        var done: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "text:p", "text:h": open.append("")
            case "text:s": append(String(repeating: " ", count: Int(attributes["text:c"] ?? "1") ?? 1))
            case "text:tab": append("\t")
            case "text:line-break": append("\n")
            default: break
            }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text:p" || name == "text:h", let text = open.popLast() { done.append(text) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { append(string) }
        func append(_ text: String) {
            if !open.isEmpty { open[open.count - 1] += text }
        }
    }
    let collector = Collector()
    let parser = XMLParser(data: Data(xml.utf8))
    parser.delegate = collector
    _ = parser.parse()
    return collector.done
}

/// Occurrences of a substring.
func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

/// Writes a package again with one thing changed, to break one rule at a time.
enum ZIPRewriter {
    static func rewrite(_ package: Data, order: [String]? = nil, replacing part: String? = nil, with text: String = "",
                        compressMimetype: Bool = false) throws -> Data {
        let entries = try Fixtures.entries(package)
        let archive = try Archive(accessMode: .create)
        for path in order ?? entries.map(\.entry.path) {
            guard let original = entries.first(where: { $0.entry.path == path })?.data else { continue }
            let content = path == part ? Data(text.utf8) : original
            let method: CompressionMethod = path == "mimetype" && !compressMimetype ? .none : .deflate
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(content.count), compressionMethod: method) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }
}
