import Foundation
import Hyphenation
import TestSupport
import Testing

/// Russian hyphenation over Debian's hyphen-ru patterns (make test installs the package), and the
/// soft hyphens the build puts into table cells.
@Suite struct HyphenationTests {
    static let russian = try! HyphenationPatterns.russian()

    // As libhyphen (through Pyphen) breaks them with the same file: the patterns' choices, not ours
    // («ме-жму» is the patterns' reading of «меж-му»).
    @Test(arguments: [
        ("межмуниципальный", "ме-жму-ни-ци-паль-ный"),
        ("консультационную", "кон-суль-та-ци-он-ную"),
        ("ориентированных", "ори-ен-ти-ро-ван-ных"),
        ("организации", "ор-га-ни-за-ции"),
        ("некоммерческой", "не-ком-мер-че-ской"),
        ("подъезд", "подъ-езд"),
        ("Объём", "Объ-ём"),
    ])
    func wordsBreakAtTheirSyllables(word: String, expected: String) {
        #expect(Self.russian.hyphenate(word).replacingOccurrences(of: "\u{AD}", with: "-") == expected)
    }

    @Test func noBreakLeavesFewerThanTwoLettersOnALine() {
        for word in ["организация", "ресурсный", "центра", "ария", "объявление"] {
            let breaks = Self.russian.breaks(Array(word))
            #expect(breaks.allSatisfy { $0 >= 2 && $0 <= word.count - 2 }, "\(word): \(breaks)")
        }
        #expect(Self.russian.breaks(Array("тип")).isEmpty)
    }

    @Test func theListsWordsAreBrokenAsWritten() {
        // «ас-бест» comes from the list of words in the file, not from the patterns.
        #expect(Self.russian.breaks(Array("асбест")) == [2])
    }

    @Test func datesNumbersIdentifiersAndAbbreviationsStayWhole() {
        let text = "18.01.2027 ИНН 1655012345 СОНКО nko@example.org www.tatarstan.ru 1\u{A0}500\u{A0}000,00 «Формирование»"
        let hyphenated = Self.russian.hyphenatedText(text)
        #expect(hyphenated.replacingOccurrences(of: "\u{AD}", with: "") == text)
        #expect(hyphenated.hasPrefix("18.01.2027 ИНН 1655012345 СОНКО nko@example.org www.tatarstan.ru 1\u{A0}500\u{A0}000,00 «"))
        #expect(hyphenated.hasSuffix("»") && hyphenated.contains("\u{AD}"))
    }

    @Test func shortWordsStayWhole() {
        #expect(Self.russian.hyphenatedText("пример центра ресурсный") == "пример центра ре\u{AD}сурс\u{AD}ный")
    }

    @Test func compoundWordsBreakAtTheirHyphenAndWithinTheirParts() {
        let hyphenated = Self.russian.hyphenatedText("социально-ориентированных")
        #expect(hyphenated.replacingOccurrences(of: "\u{AD}", with: "") == "социально-ориентированных")
        #expect(hyphenated.split(separator: "-").allSatisfy { $0.contains("\u{AD}") })
    }

    @Test func onlyCellsOfFreeTextAreHyphenated() throws {
        let html = """
        <p>межмуниципальный ресурсный центр поддержки</p><table><tr><th scope="col">Тип центра</th>\
        <td>межмуниципальный</td><td class="x"><a href="/resource-centres/межмуниципальный/">Оказывает консультационную \
        поддержку организациям</a> &amp; гражданам</td></tr></table>
        """
        let out = String(decoding: try #require(Self.russian.hyphenatingTableCells(Array(html.utf8))), as: UTF8.self)
        #expect(out.hasPrefix("<p>межмуниципальный ресурсный центр поддержки</p>"), "text outside cells is left")
        #expect(out.contains("<th scope=\"col\">Тип центра</th><td>межмуниципальный</td>"), "short cells are left")
        #expect(out.contains("<a href=\"/resource-centres/межмуниципальный/\">Ока\u{AD}зы\u{AD}ва\u{AD}ет"))
        #expect(out.contains("&amp; граж\u{AD}да\u{AD}нам</td>"))
        #expect(out.replacingOccurrences(of: "\u{AD}", with: "") == html)
        #expect(Self.russian.hyphenatingTableCells(Array("<p>межмуниципальный ресурсный центр поддержки</p>".utf8)) == nil, "a page without cells is not copied")
    }

    @Test func aPatternFileInKOI8RIsRead() throws {
        // «KOI8-R», then «.аб1р» and «ас-бест» in KOI8-R bytes.
        var data = Data("KOI8-R\n.".utf8)
        data += [0xC1, 0xC2, 0x31, 0xD2, 0x0A, 0xC1, 0xD3, 0x2D, 0xC2, 0xC5, 0xD3, 0xD4, 0x0A]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hyph-\(UUID().uuidString).dic")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let hyphenator = try HyphenationPatterns.russian(path: url.path)
        #expect(hyphenator.breaks(Array("абрикос")) == [2])
        #expect(hyphenator.breaks(Array("асбест")) == [2])
    }

    @Test func aMissingDictionaryNamesThePackage() {
        #expect {
            _ = try HyphenationPatterns.russian(path: "/nonexistent/hyph_ru_RU.dic")
        } throws: { error in
            "\(error)".contains("hyphen-ru") && "\(error)".contains("/nonexistent/hyph_ru_RU.dic")
        }
    }
}

/// `hyphenatedText` reads UTF-8 since it was found to spend more on Swift's Characters than on
/// hyphenating: it gives what the Character-based reading below gave, on many tricky texts.
@Suite struct HyphenatedTextTests {
    static let russian = HyphenationTests.russian

    /// The reading it replaced, kept as the reference.
    static func byCharacters(_ text: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let isAbbreviation = word.count > 1 && word.allSatisfy(\.isUppercase)
            out += isAbbreviation || word.count < Hyphenator.shortestHyphenatedWord ? word : russian.hyphenate(word)
            word = ""
        }
        func isRussianLetter(_ c: Character) -> Bool {
            guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
            return (0x410...0x44F).contains(scalar.value) || scalar.value == 0x401 || scalar.value == 0x451
        }
        func isEdgePunctuation(_ c: Character) -> Bool { "«»„“”\"'()[],.;:!?…".contains(c) }
        var pending: [Character] = []
        func endToken() {
            var start = pending.startIndex, end = pending.endIndex
            while start < end, isEdgePunctuation(pending[start]) { start += 1 }
            while end > start, isEdgePunctuation(pending[end - 1]) { end -= 1 }
            let core = pending[start..<end]
            out += String(pending[..<start])
            if core.allSatisfy({ isRussianLetter($0) || $0 == "-" }) {
                for character in core {
                    if character == "-" { flush(); out.append("-") } else { word.append(character) }
                }
                flush()
            } else {
                out += String(core)
            }
            out += String(pending[end...])
            pending = []
        }
        for character in text {
            if character.isWhitespace { endToken(); out.append(character) } else { pending.append(character) }
        }
        endToken()
        return out
    }

    @Test func readsAsCharactersDid() {
        let words = ["межмуниципальный", "(межмуниципальный),", "«Консультационную»", "СОНКО", "ОБЪЁМНЫЙ", "Объёмный", "ёлочками",
                     "асбестовый", "асбест", "социально-ориентированных", "-", "--", "—", "«»", "ИНН1655012345", "nko@example.org",
                     "&amp;", "&quot;некоммерческой&quot;", "организации…", "(«организации»)", "ор\u{AD}ганизации", "МеЖмУнИцИпАльНыЙ",
                     "организаци\u{0306}", "r", "1\u{A0}500,00", "тип", "пример"]
        let spaces = [" ", "  ", "\u{A0}", "\n", "\r\n", "\t", "\u{2028}", "\u{202F}", "\u{3000}"]
        var texts: [String] = []
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        for _ in 0..<3000 {
            texts.append((0..<(1 + next(7))).map { _ in words[next(words.count)] + spaces[next(spaces.count)] }.joined())
        }
        texts += words + words.map { " " + $0 + "-" + $0 }
        let differing = texts.filter { Self.russian.hyphenatedText($0) != Self.byCharacters($0) }
        #expect(differing.isEmpty, "\(differing.count) differ, first: \(differing.prefix(3).map(\.debugDescription))")
        #expect(texts.filter { Self.russian.hyphenatedText($0).contains("\u{AD}") }.count > 1000)
        // The one difference: a combining mark after a space, which a Character joins to the space,
        // now starts the next token, and a token with it is left whole like any other odd one.
        #expect(Self.russian.hyphenatedText(" \u{0301}организации") == " \u{0301}организации")
    }
}

/// `HyphenationPatterns.read` reads a pattern file as scalars since reading it as Characters was
/// a tenth of a one-page rebuild: it gives the hyphenator the Character-based reading gave, on
/// the system's file and on files of odd lines.
@Suite struct PatternFileTests {
    /// The reading it replaced, kept as the reference (after the first line, which names the encoding).
    static func byCharacters(_ text: String) -> Hyphenator {
        var patterns: [String] = [], exceptions: [String] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let entry = line.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty || entry.hasPrefix("%") || entry.hasPrefix("\\") || entry == "}" { continue }
            if entry.contains("-") { exceptions.append(entry) } else { patterns.append(entry) }
        }
        return Hyphenator(patterns: patterns, exceptions: exceptions)
    }

    static let letters = Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")

    /// Words that cross many patterns: random ones, and the pattern letters themselves with a letter on either side.
    static func words(patterns text: String, count: Int, random: inout SplitMix) -> [[Character]] {
        var words = (0..<count).map { _ in (0..<Int.random(in: 4...14, using: &random)).map { _ in random.pick(letters) } }
        for line in text.split(whereSeparator: \.isNewline) {
            let core = line.filter { letters.contains($0) }
            if core.count >= 2 { words.append([random.pick(letters)] + core + [random.pick(letters), random.pick(letters)]) }
        }
        return words
    }

    static func read(_ text: String) throws -> Hyphenator {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hyph-\(UUID().uuidString).dic")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try HyphenationPatterns.russian(path: url.path)
    }

    @Test func theSystemFileReadsAsItDidByCharacters() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: HyphenationPatterns.russianFile))
        // KOI8-R by hand: 0xC0–0xFF are the letters in this order, 0xA3/0xB3 ё/Ё; the rest is ASCII.
        let koi8 = Array("юабцдефгхийклмнопярстужвьызшэщчъЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ")
        let text = String(bytes.map { $0 >= 0xC0 ? koi8[Int($0 - 0xC0)] : $0 == 0xA3 ? "ё" : $0 == 0xB3 ? "Ё" : Character(Unicode.Scalar($0)) })
        let reference = Self.byCharacters(text)
        var random = SplitMix(seed: 18)
        let words = Self.words(patterns: text, count: 20_000, random: &random)
        let differing = words.filter { HyphenationTests.russian.breaks($0) != reference.breaks($0) }
        #expect(differing.isEmpty, "\(differing.count) differ, first: \(differing.prefix(3).map { String($0) })")
        #expect(words.filter { !reference.breaks($0).isEmpty }.count > 10_000, "the words cross patterns")
    }

    @Test func oddLinesReadAsTheyDidByCharacters() throws {
        let lines = [".аб1р", "н2и", "4а3а", "аа2п", "ас-бест", "про-бе-жать", "%", "% .за1в", "\\hyphenation{", "}", "}}", "",
                     "  .ра1з  ", "\t1ст2в", "\u{A0}о1т\u{A0}", "о\u{301}1в", "1\u{301}кл", ".ё1ж", "ЗА1ПР", "x1y", "а1b", "1.", "%\u{301}ра1с",
                     "\u{3000}по2д", "не1до-", "-", "ко1\u{200B}р"]
        let breaks = ["\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\n\n"]
        var random = SplitMix(seed: 7)
        for _ in 0..<300 {
            var text = random.pick(["UTF-8", " utf-8 "]) + "\n"
            for _ in 0..<Int.random(in: 1...30, using: &random) { text += random.pick(lines) + random.pick(breaks) }
            let reference = Self.byCharacters(text)
            guard let read = try? Self.read(text) else {
                #expect(reference.breaks(Array("разбор")).isEmpty && reference.breaks(Array("асбест")).isEmpty, "\(text.debugDescription)")
                continue
            }
            let words = Self.words(patterns: text, count: 200, random: &random) + [Array("асбест"), Array("пробежать")]
            let differing = words.filter { read.breaks($0) != reference.breaks($0) }
            #expect(differing.isEmpty, "\(text.debugDescription): \(differing.prefix(3).map { String($0) })")
        }
    }
}
