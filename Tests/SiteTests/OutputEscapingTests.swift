import Foundation
@testable import Site
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

    @Test func csvTextThatLooksLikeAFormulaGetsAnApostrophe() {
        for formula in ["=1+1", "+7 843", "-2", "@SUM(A1)", "\tx", "\rx"] {
            #expect(CSVText.inert(formula) == "'" + formula)
        }
        for plain in ["Казань", "1 500", "'quoted", " =1", ""] {
            #expect(CSVText.inert(plain) == plain)
        }
    }
}
