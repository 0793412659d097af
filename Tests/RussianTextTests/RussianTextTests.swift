import Foundation
import Testing
@testable import RussianText
import TestSupport

@Suite struct TransliterationTests {
    @Test(arguments: [
        ("Конкурсы для СОНКО", "konkursy-dlia-sonko"),
        ("Ёлка и щука", "elka-i-shchuka"),
        ("Подъезд, объём — 2026!", "podezd-obem-2026"),
        ("Ғалиев Марат", "galiev-marat"),
        ("Әлмәт районы", "almat-raiony"),
        ("Café «Жук»", "cafe-zhuk"),
        ("  --  ", ""),
    ])
    func slug(_ input: String, _ expected: String) {
        #expect(Transliteration.slug(input) == expected)
    }
}

@Suite struct DateTests {
    @Test func parsesISOAndRejectsImpossibleDays() {
        #expect(CalendarDate(iso: "2026-11-23") == CalendarDate(year: 2026, month: 11, day: 23))
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2026-04-31") == nil)
        #expect(CalendarDate(iso: "23.11.2026") == nil)
        #expect(CalendarDate(iso: "2026-1-5") == nil)
        #expect(CalendarDateTime(iso: "2026-11-23 14:30")?.time == "14:30")
        #expect(CalendarDateTime(iso: "2026-11-23T24:00") == nil)
    }

    @Test func russianForms() {
        let d = CalendarDate(year: 2026, month: 11, day: 3)!
        #expect(RussianFormat.longDate(d) == "3 ноября 2026\u{00A0}г.")
        #expect(RussianFormat.shortDate(d) == "03.11.2026")
        #expect(RussianFormat.documentDate(d) == "«03» ноября 2026\u{00A0}г.")
        let t = CalendarDateTime(date: CalendarDate(year: 2026, month: 5, day: 1)!, hour: 9, minute: 5)!
        #expect(RussianFormat.longDateTime(t) == "1 мая 2026\u{00A0}г., 09:05")
    }
}

@Suite struct NumberTests {
    let nb = RussianFormat.digitGroupSeparator

    @Test func groupsDigitsFromFiveOn() {
        #expect(RussianFormat.integer(2026) == "2026")
        #expect(RussianFormat.integer(12345) == "12\(nb)345")
        #expect(RussianFormat.integer(-1234567) == "−1\(nb)234\(nb)567")
        #expect(RussianFormat.decimal(DecimalNumber(parsing: "1234567.25")!) == "1\(nb)234\(nb)567,25")
        #expect(RussianFormat.percent(DecimalNumber(parsing: "13.5")!) == "13,5\u{00A0}%")
    }

    @Test func moneyIsExact() {
        #expect(Money(parsing: "1500000.5")?.kopecks == 150_000_050)
        #expect(Money(parsing: "0,07")?.kopecks == 7)
        #expect(Money(parsing: "12.345") == nil)
        #expect(Money(parsing: "1 500") == nil)
        #expect(Money(parsing: "abc") == nil)
        #expect(RussianFormat.money(Money(kopecks: 150_000_050)) == "1\(nb)500\(nb)000,50\u{00A0}руб.")
        #expect(Money(kopecks: 7).description == "0.07")
    }

    /// Amounts are read byte by byte: the same amounts as reading them by Characters (the way
    /// they were read before), among edge cases and random texts of digits, separators, signs,
    /// spaces and combining marks.
    @Test func moneyReadsAsItDidByCharacters() {
        func byCharacters(_ text: String) -> Int64? {
            var text = Substring(text).trimmingSpaces
            let negative = text.hasPrefix("-")
            if negative { text.removeFirst() }
            let parts = text.split(separator: text.contains(",") ? "," : ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let whole = parts.first, !whole.isEmpty, whole.count <= 15,
                  whole.allSatisfy({ $0.isASCII && $0.isNumber }), let rubles = Int64(whole) else { return nil }
            var kopecks: Int64 = 0
            if parts.count == 2 {
                let fraction = parts[1]
                guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
                      let f = Int64(fraction) else { return nil }
                kopecks = fraction.count == 1 ? f * 10 : f
            }
            return (rubles * 100 + kopecks) * (negative ? -1 : 1)
        }
        var cases = ["", "-", "--5", "-5", "- 5", "5,", ",5", ".5", "5.", "12.345", "0,001", "1,2,3", "1.2,3", "1,2.3", "1.2.3",
                     "\u{A0}12,50\u{202F}", "\t7\t", "999999999999999.99", "1000000000000000", "-0,1",
                     "5\u{301}", "-\u{301}5", "5,\u{301}5", "5\r\n", "١٢", "5e3", "+5"]
        let alphabet: [String] = ["0", "1", "2", "5", "7", "9", ",", ".", "-", " ", "\u{A0}", "\t", "\u{301}", "a", "\r\n"]
        var generator = SplitMix(seed: 20261206)
        for _ in 0..<20_000 {
            cases.append((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for text in cases {
            #expect(Money(parsing: text)?.kopecks == byCharacters(text), "«\(text.debugDescription)»")
        }
    }

    @Test(arguments: [(1, "страница"), (2, "страницы"), (5, "страниц"), (11, "страниц"), (12, "страниц"),
                      (21, "страница"), (104, "страницы"), (111, "страниц")])
    func plural(_ n: Int, _ expected: String) {
        #expect(RussianFormat.plural(n, "страница", "страницы", "страниц") == expected)
    }
}

/// The classes of characters read without Unicode's tables for ASCII and Cyrillic are Unicode's
/// own, for every scalar there is, and Foundation's but for the zero-width space (U+200B, not a
/// space in Unicode: Foundation's sets hold it).
@Suite struct ScalarClassTests {
    @Test func everyScalarIsClassedAsUnicodeClassesIt() {
        var wrong: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let c = Unicode.Scalar(value) else { continue }
            let category = c.properties.generalCategory
            let separator = category == .spaceSeparator || category == .lineSeparator || category == .paragraphSeparator
            if Scalars.isWhiteSpace(c) != c.properties.isWhitespace
                || Scalars.isSpaceOrTab(c) != (c == "\t" || category == .spaceSeparator)
                || Scalars.isSpaceOrNewline(c) != (separator || (9...13).contains(value) || value == 0x85)
                || value != 0x200B && (Scalars.isSpaceOrTab(c) != CharacterSet.whitespaces.contains(c)
                                       || Scalars.isSpaceOrNewline(c) != CharacterSet.whitespacesAndNewlines.contains(c)) {
                wrong.append(value)
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { String($0, radix: 16) })")
        #expect(" \u{00A0}Пункт\u{2003}\t".trimmingSpaces == "Пункт" && "\n\u{2028}Пункт \u{85}".trimmingWhitespace == "Пункт")
    }
}
