import Diagnostics
import Foundation
import Mustache
@testable import Site
import TestSupport
import Testing

/// Each output format escapes text by its own rules, whatever the value holds (issue 12).
struct OutputEscapingTests {
    /// RFC 5545 §3.3.11: a CRLF is one Swift Character, so escaping by Character let it through whole.
    @Test func iCalendarTextHasNoLineBreakOfItsOwn() {
        #expect(ICalendar.escape("a\r\nb\rc\nd\u{2028}e\u{85}f;g,h\\i\u{1}j\tk") == #"a\nb\nc\nd\ne\nf\;g\,h\\ij"# + "\tk")
        #expect(ICalendar.escape("Kazan\r\nX-INJ:1\r\nEND:VEVENT") == #"Kazan\nX-INJ:1\nEND:VEVENT"#)
    }

    @Test func iCalendarLinesFoldAt75OctetsBetweenCharacters() {
        let line = "LOCATION:" + String(repeating: "Ёлка 🌲 e\u{301} ", count: 20)
        let folded = ICalendar.fold(line)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    }

    /// The portal's templates escape `{{value}}` as swift-mustache does (the same five characters,
    /// the same entities), and also a quote that a combining mark follows: one Character that is
    /// not `"`, which swift-mustache lets through to close the attribute.
    @Test func templateValuesAreEscapedByteByByte() throws {
        let text = "<a title=\"{{value}}\">{{value}}</a>\n{{#list}}\n  <li>{{.}}</li>\n{{/list}}\n"
        let root = try Tool.temporaryFolder("nko-escaping")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try text.write(to: root.appendingPathComponent("templates/t.mustache"), atomically: true, encoding: .utf8)
        var problems: [Diagnostic] = []
        let templates = Templates.load(root: root, diagnostics: &problems)
        #expect(problems.isEmpty)
        let ours = { (object: Any) in templates.library.render(object, withTemplate: "t") ?? "" }
        let theirs = try MustacheTemplate(string: text)
        let values = ["", "Казань", "a & b < c > d \"e\" 'f'", "&amp;", "ёлка 🌲 e\u{301}", "a\r\nb\tc", "<script>x</script>",
                      "«Ёлочка» — 1 500,00 ₽", String((0x20...0x7E).map { Character(Unicode.Scalar($0)!) })]
        for value in values {
            let object: [String: Any] = ["value": value, "list": [value, value + "&"]]
            #expect(ours(object) == theirs.render(object), "\(value)")
        }
        let attack = "\"\u{301} onmouseover=\"alert(1)"
        let rendered = ours(["value": attack])
        #expect(!rendered.contains("\"\u{301}") && rendered.contains("&quot;\u{301} onmouseover=&quot;alert(1)"))
    }

    @Test func csvTextThatLooksLikeAFormulaGetsAnApostrophe() {
        for formula in ["=1+1", "+7 843", "-2", "@SUM(A1)", "\tx", "\rx"] {
            #expect(CSVText.inert(formula) == "'" + formula)
        }
        for plain in ["Казань", "1 500", "'quoted", " =1", ""] {
            #expect(CSVText.inert(plain) == plain)
        }
    }
}
