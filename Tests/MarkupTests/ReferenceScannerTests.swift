import Foundation
import Testing
@testable import Markup

/// `ReferenceScanner` finds the references the ICU expression it replaced found, with the same
/// parts, on many texts built to be tricky: case, no-break and other spaces, Arabic-Indic digits,
/// keywords inside other words, numbers with stray dots, qualifiers glued to more letters.
@Suite struct ReferenceScannerTests {
    static let expression = try! NSRegularExpression(pattern: #"""
        (?<kw>(?:под)?пункт\p{L}*|п\.|абзац\p{L}*\s+(?<ord>\p{L}+)\s+пункта|част\p{L}*|стать\p{L}*)\s*\
        (?<nums>\d+(?:\.\d+)*\.?(?:\s*(?:,|и)\s*\d+(?:\.\d+)*\.?)*)\
        (?<of>\s+пункта\s+\d+(?:\.\d+)*\.?)?(?<art>\s+статьи\s+\d+(?:\.\d+)?)?\
        \s+(?<qual>настоящ\p{L}+\s+\p{L}+|Положения|Регламента|Плана|Правил|Порядка)
        """#.replacingOccurrences(of: "\\\n", with: ""), options: [.caseInsensitive])
    static let number = try! NSRegularExpression(pattern: #"\d+(?:\.\d+)*"#)

    /// What one found reference is made of, as strings.
    struct Found: Equatable {
        var whole, keyword: String
        var ordinal: String?
        var numbers: [String]
        var ofPoint, ofArticle: String?
        var qualifier: String
    }

    static func byExpression(_ text: String) -> [Found] {
        func string(_ range: NSRange) -> String? { Range(range, in: text).map { String(text[$0]) } }
        func firstNumber(_ range: NSRange) -> String? {
            guard range.location != NSNotFound, let m = number.firstMatch(in: text, range: range) else { return nil }
            return string(m.range)
        }
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            Found(whole: string(m.range)!, keyword: string(m.range(withName: "kw"))!, ordinal: string(m.range(withName: "ord")),
                  numbers: number.matches(in: text, range: m.range(withName: "nums")).map { string($0.range)! },
                  ofPoint: firstNumber(m.range(withName: "of")), ofArticle: firstNumber(m.range(withName: "art")),
                  qualifier: string(m.range(withName: "qual"))!)
        }
    }

    static func byScanner(_ text: String) -> [Found] {
        ReferenceScanner.matches(in: text).map { m in
            Found(whole: String(text[m.whole]), keyword: String(text[m.keyword]), ordinal: m.ordinal.map { String(text[$0]) },
                  numbers: m.numbers.map { String(text[$0]) }, ofPoint: m.ofPoint.map { String(text[$0]) },
                  ofArticle: m.ofArticle.map { String(text[$0]) }, qualifier: String(text[m.qualifier]))
        }
    }

    static let texts: [String] = {
        let starts = ["", "См. ", "под", "Под", "у", "в соответствии с "]
        let keywords = ["пункт", "пунктом", "Пунктами", "подпункт", "ПОДПУНКТАМИ", "п.", "П.", "п", "абзацем вторым пункта",
                        "абзац\u{00A0}третий  пункта", "абзацем 2 пункта", "частью", "Части", "статьей", "участь", "подчасть",
                        // Capitals after the first letter: the scanner tells a keyword's second letter by its bytes.
                        "ПУНКТОМ", "АБЗАЦЕМ вторым пункта", "ЧАСТЬЮ", "СТАТЬЕЙ"]
        let spaces = ["", " ", "\u{00A0}", "\u{000B}"]
        let numbers = ["3", "3.2", "3.2.", "3.2.1", "١٢", "3, 4", "3 и 4", "3,4 и 5.1.", "3 И 4", "3..2", "3.2x", "3 и "]
        let middles = ["", " пункта 2", " пункта 2.1.", " статьи 5", " статьи 5.1.2", " статьи 5.1", " пункта 2 статьи 3", "\u{2028}статьи 4"]
        let qualifiers = [" настоящего Положения", " настоящего \u{00A0}Порядка", " Положения", " положениями", " Регламента",
                          " плана", " Правила", " ПОРЯДКА", " настоящей статьи", " Закона", "Положения", " настоящего",
                          " настоящего 5", "\u{0085}Положения", "\tПоложения"]
        let ends = ["", ".", " и пункт 4 Положения", "а", " (пункт 5.1 Регламента)"]
        var texts: [String] = []
        for k in keywords { for s in spaces { for n in numbers { for m in middles { for q in qualifiers {
            let i = texts.count
            texts.append(starts[i % starts.count] + k + s + n + m + q + ends[i % ends.count])
        } } } } }
        return texts
    }()

    @Test func findsWhatTheExpressionFound() {
        var differing: [String] = []
        for text in Self.texts where Self.byScanner(text) != Self.byExpression(text) { differing.append(text) }
        #expect(differing.isEmpty, "\(differing.count) of \(Self.texts.count), first: \(differing.prefix(5))")
        // The texts do hold references, of every kind.
        let found = Self.texts.flatMap(Self.byScanner)
        #expect(found.count > Self.texts.count / 10)
        #expect(found.contains { $0.ordinal == "вторым" && $0.ofPoint == nil })
        #expect(found.contains { $0.ofPoint == "2.1" } && found.contains { $0.ofArticle == "5.1" })
        #expect(found.contains { $0.numbers == ["3", "4", "5.1"] })
    }
}
