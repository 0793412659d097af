import Foundation
import Testing
@testable import Values

/// `TextPattern` replaces ICU's regular expressions (absent in WebAssembly) for field patterns:
/// the same answers as NSRegularExpression on the portal's patterns and on random ones, in linear
/// time on patterns that make a backtracking matcher hang.
@Suite struct TextPatternTests {
    /// Every pattern of the demo portal's schemas and forms, and the built-in shapes.
    static let portalPatterns = [
        "[0-9]{8}", #"[0-9]{2}(\.[0-9]{1,2}){0,3}(, ?[0-9]{2}(\.[0-9]{1,2}){0,3})*"#, #"\d{2}:\d{2}:\d{6,7}:\d{1,}"#,
        "0[14][0-9]{7}", #"[0-9]{3}_[0-9a-f]{16}\.txt"#, "[a-z0-9]+(-[a-z0-9]+)*", "https?://.+/",
        #"[^@\s]+@[^@\s]+\.[^@\s.]+"#, #"\+?[0-9 ()‑–-]+( ?(доб\.|доп\.) ?[0-9]+)?"#,
        #"\p{L}[\p{L}'’-]*( \p{L}[\p{L}'’.-]*){1,3}"#, #"\d{4}-\d{2}-\d{2}"#, #"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}"#,
        "[A-Za-z][A-Za-z0-9_-]*",
    ]

    static let texts = [
        "", "31941729", "3194172", "88.99, 94.99", "88.99,94.99", "88", "16:50:110101:123", "16:50:1101011:1",
        "049205603", "029205603", "001_298874238980ace6.txt", "grant-2026", "grant--2026", "https://nko.example.ru/",
        "http://a/", "info@example.ru", "info@@example.ru", "+7 (843) 238-41-27", "+7 (843) 238-41-27 доб. 12",
        "Хабибуллина Альфия Ринатовна", "Иванов И.", "О’Нил Мэри", "2026-11-23", "2026-11-23 14:30", "2026-11-23T14:30",
        "subsidy_contract", "a b", "Ёжик", "١٢٣",
    ]

    @Test func agreesWithICUOnThePortalsPatterns() throws {
        for pattern in Self.portalPatterns {
            let ours = try TextPattern(pattern)
            let icu = try NSRegularExpression(pattern: "^(?:\(pattern))$")
            for text in Self.texts {
                #expect(ours.matches(text) == Self.matches(icu, text), "«\(pattern)» on «\(text)»")
            }
        }
    }

    @Test func agreesWithICUOnRandomPatterns() throws {
        var random = SystemRandomNumberGenerator()
        let alphabet = ["a", "b", "я", "1", " ", "-"]
        for _ in 0..<400 {
            let pattern = Self.randomPattern(depth: 3, &random)
            let ours = try TextPattern(pattern)
            let icu = try NSRegularExpression(pattern: "^(?:\(pattern))$")
            for _ in 0..<30 {
                let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
                #expect(ours.matches(text) == Self.matches(icu, text), "«\(pattern)» on «\(text)»")
            }
        }
    }

    @Test func hostilePatternsRunInLinearTime() throws {
        let long = String(repeating: "a", count: 10_000)
        for pattern in ["(a+)+b", "(a|a)*b", "(a*)*b", "(a|aa)+c", "((a+)+)+x"] {
            #expect(try TextPattern(pattern).matches(long) == false, "«\(pattern)»")
        }
        #expect(try TextPattern("(a+)+").matches(long))
    }

    @Test(arguments: [
        ("(ab", 0, "незакрытая скобка"),
        (#"(a)\1"#, 3, "обратные ссылки"),
        ("(?=a)", 0, "просмотр вперёд"),
        ("a**", 2, "два повтора подряд"),
        ("a{3,1}", 1, "меньше наименьшего"),
        ("[b-a]", 0, "наоборот"),
        (#"\p{Xx}"#, 0, "неизвестный класс"),
        ("a{2", 1, "не закрыта «{»"),
        ("*a", 0, "не после того, что повторяется"),
        ("a{1000}{1000}", 7, "два повтора подряд"),
    ] as [(String, Int, String)])
    func refusesWhatItDoesNotSupport(_ pattern: String, _ offset: Int, _ message: String) {
        #expect(throws: TextPatternError.self) { try TextPattern(pattern) }
        do {
            _ = try TextPattern(pattern)
        } catch {
            #expect(error.offset == offset, "«\(pattern)»: \(error.message)")
            #expect(error.message.contains(message), "«\(pattern)»: \(error.message)")
        }
    }

    @Test func aHugeRepeatIsRefusedNotCompiled() {
        #expect(throws: TextPatternError.self) { try TextPattern("(a{1000}){1000}") }
    }

    @Test func digitsAreASCII() throws {
        #expect(try TextPattern(#"\d+"#).matches("123"))
        #expect(try !TextPattern(#"\d+"#).matches("١٢٣"))
    }

    private static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// A pattern of the supported grammar over a small alphabet.
    private static func randomPattern(depth: Int, _ random: inout SystemRandomNumberGenerator) -> String {
        let atoms = ["a", "b", "я", "1", " ", "[ab]", "[^a]", "[а-я]", #"\d"#, #"\s"#, #"\w"#, #"\p{L}"#, ".", #"\-"#]
        var result = ""
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            var atom = atoms.randomElement(using: &random)!
            if depth > 0, Int.random(in: 0..<4, using: &random) == 0 {
                atom = "(" + randomPattern(depth: depth - 1, &random) + "|" + randomPattern(depth: depth - 1, &random) + ")"
            }
            let quantifiers = ["", "", "?", "*", "+", "{2}", "{1,2}", "{0,}"]
            result += atom + quantifiers.randomElement(using: &random)!
        }
        return result
    }
}
