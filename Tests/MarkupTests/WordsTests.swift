import Testing
import TestSupport
@testable import Markup

/// The legal passes' own lower-casing and prefix test answer as Swift's full Unicode rules do.
@Suite struct WordsTests {
    @Test func plainScalarsLowerCaseAsSwiftDoes() {
        for value in Array(0x20...0x7E) + Array(0x400...0x45F) {
            let text = String(Unicode.Scalar(value)!)
            #expect(Words.isPlain(text))
            #expect(Words.lowercased(text) == text.lowercased(), "U+\(String(value, radix: 16))")
        }
    }

    @Test func stemsAndPrefixesAreSwiftsOnRandomWords() {
        let pieces = ["П", "п", "у", "Н", "кт", "Ё", "ё", "й", "Ѐ", "a", "Z", ".", " ", "-", "и\u{306}", "е\u{308}", "\u{301}", "ß", "Ǆ", "ǅ", "İ", "ﬁ"]
        var random = SplitMix(seed: 5)
        for _ in 0..<20_000 {
            let a = (0..<Int.random(in: 0...7, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let b = (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(LegalStructure.stem(a) == String(a.lowercased().prefix(5)), "\(Array(a.unicodeScalars))")
            #expect(Words.lowercased(a) == a.lowercased(), "\(Array(a.unicodeScalars))")
            #expect(Words.hasPrefix(a, b) == a.hasPrefix(b), "\(Array(a.unicodeScalars)) \(Array(b.unicodeScalars))")
        }
    }
}
