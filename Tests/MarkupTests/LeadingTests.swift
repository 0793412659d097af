import Foundation
import Testing
@testable import Markup

/// `Leading` reads the numbers units start with as the regular expressions it replaced did (they
/// were compiled once per paragraph): the same answer on each of many tricky texts, with ICU's
/// `\s`, `\d` and `\b` (a no-break space, Arabic-Indic digits, a letter right after a number).
@Suite struct LeadingTests {
    static func regex(_ pattern: String, _ text: String) -> String? {
        let regex = try! NSRegularExpression(pattern: pattern)
        guard let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return Range(m.range(at: 1), in: text).map { String(text[$0]) } ?? ""
    }

    static let texts: [String] = {
        let starts = ["1", "12", "1.2", "1.2.3", "1.", "1.2.", "1..2", "1.2x", "١٢", "IV", "XIV", "IVa", "VI.", "п", "п.", "п. ", "п.1", "п 1",
                      "а", "ё", "я", "ж", "Статья", "Статья 5", "Статья 31¹", "Статья 7.1", "Статья 7.", "Статья\u{00A0}3", "Глава",
                      "Глава 2", "Глава 2а", "Глава XIV", "Глава IVб", "Глава 12_", "- ", "– ", "—\u{00A0}", "-", ""]
        let middles = ["", ".", ")", ". ", ") ", ".\u{00A0}", "\u{00A0}", " ", "\t", "x", "\u{2028}", "\u{0085}", "\u{000B}", "1", ".1", ".1 ", "¹ ", ")\u{0301}"]
        let ends = ["", " текст", "текст", ". ", ")"]
        return starts.flatMap { s in middles.flatMap { m in ends.map { s + m + $0 } } }
    }()

    @Test func readsWhatTheRegularExpressionsRead() {
        for text in Self.texts {
            #expect(Leading.article(text) == Self.regex(#"^Статья\s+(\d+[⁰¹²³⁴⁵⁶⁷⁸⁹]*(?:\.\d+)?)"#, text), "\(text)")
            #expect(Leading.chapter(text) == Self.regex(#"^Глава\s+([0-9]+|[IVXLC]+)\b"#, text), "\(text)")
            #expect(Leading.romanSection(text) == Self.regex(#"^([IVXLC]+)\.\s"#, text), "\(text)")
            #expect(Leading.point(text) == Self.regex(#"^(\d+(?:\.\d+)*)\.?\s"#, text), "\(text)")
            #expect(Leading.point(text, singleNeedsDot: true)
                    == (Self.regex(#"^(\d+(?:\.\d+)+)\.?\s"#, text) ?? Self.regex(#"^(\d+)\.\s"#, text)), "\(text)")
            #expect(Leading.part(text) == Self.regex(#"^(\d+)\.\s"#, text), "\(text)")
            #expect(Leading.item(text) == Self.regex(#"^(\d+)\)\s"#, text), "\(text)")
            #expect(Leading.pItem(text) == Self.regex(#"^п\.?\s?(\d+)\.\s"#, text), "\(text)")
            #expect(Leading.letter(text) == Self.regex(#"^([а-яё])\)\s"#, text), "\(text)")
            #expect(Leading.withoutDash(text) == text.replacingOccurrences(of: #"^[-–—]\s+"#, with: "", options: .regularExpression),
                    "\(text)")
        }
    }
}
