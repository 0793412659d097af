import Foundation
import Testing
@testable import RussianText

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

    @Test(arguments: [(1, "страница"), (2, "страницы"), (5, "страниц"), (11, "страниц"), (12, "страниц"),
                      (21, "страница"), (104, "страницы"), (111, "страниц")])
    func plural(_ n: Int, _ expected: String) {
        #expect(RussianFormat.plural(n, "страница", "страницы", "страниц") == expected)
    }
}
