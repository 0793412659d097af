import Foundation
import Testing
@testable import Markup

@Suite struct MarkdownTests {
    @Test func gfmExtensions() {
        let html = Markdown.render("""
            | Вид | Сумма |
            |:----|------:|
            | Грант | 100 |

            ~~старое~~ и https://nko.tatarstan.ru

            Текст со сноской[^1].

            [^1]: Сноска.
            """).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<td style=\"text-align: right\">100</td>"), "alignment as style, not the invalid align=")
        #expect(!html.contains("align=\""))
        #expect(html.contains("<del>старое</del>"))
        #expect(html.contains("<a href=\"https://nko.tatarstan.ru\">"))
        #expect(html.contains("class=\"footnotes\""))
        #expect(html.contains("href=\"#fn-1\""))
    }

    /// cmark is not asked to check the UTF-8 of a Swift string again: a NUL byte (a valid
    /// character of the string) still becomes U+FFFD, as CommonMark says, and never reaches the page.
    @Test func aNulByteBecomesTheReplacementCharacter() {
        let html = Markdown.render("Абзац\u{0} с нулём.\n\n| a\u{0} |\n|---|\n| b |\n").html
        #expect(!html.utf8.contains(0))
        #expect(html.contains("Абзац\u{FFFD} с нулём.") && html.contains("a\u{FFFD}"))
    }

    @Test func rawHTMLNeverReachesThePage() {
        let source = "Абзац.\n\n<script>alert(1)</script>\n\nТекст с <b>жирным</b> и [ссылкой](javascript:alert(1)).\n"
        let rendered = Markdown.render(source)
        #expect(!rendered.html.contains("<script"))
        #expect(!rendered.html.contains("<b>"))
        #expect(!rendered.html.contains("javascript:"))
        #expect(!rendered.html.contains("raw HTML omitted"))
        #expect(rendered.rawHTML.count == 3)
        #expect(rendered.rawHTML[0] == RawHTML(line: 3, column: 1, text: "<script>alert(1)</script>"))
        #expect(rendered.rawHTML[0].isActive)
        // Columns count characters: «Текст с » is 8 characters but 14 bytes.
        #expect(rendered.rawHTML[1].line == 5 && rendered.rawHTML[1].column == 9)
        #expect(!rendered.rawHTML[1].isActive)
    }

    @Test func eventHandlersCountAsActive() {
        #expect(RawHTML(line: 1, column: 1, text: "<img src=x onerror=alert(1)>").isActive)
        #expect(!RawHTML(line: 1, column: 1, text: "<br>").isActive)
    }

    @Test func tablesScrollAndFootnotesSpeakRussian() {
        let html = Markdown.render("Текст[^a].\n\n| a |\n|---|\n| 1 |\n\n[^a]: Сноска.\n").html
        #expect(html.contains("<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица 1\" tabindex=\"0\"><table>"))
        #expect(html.contains("</table></div>"))
        #expect(html.contains("<h2 class=\"visually-hidden\">Примечания</h2>"))
        #expect(html.contains("aria-label=\"Вернуться к тексту\""))
        #expect(!html.contains("Back to"))
    }

    /// No heading level is skipped (WCAG 1.3.1): each heading is one level below the nearest
    /// heading before it of a higher source level, from h2 (the page's title is its h1).
    @Test(arguments: [
        ("## Закон\n\n#### Статья 1\n\nТекст.\n\n#### Статья 2\n", [2, 3, 3]),
        ("### I. Общие положения\n\n### II. Условия\n\n## Приложение\n", [2, 2, 2]),
        ("# Заголовок\n\n### Раздел\n\n##### Пункт\n\n### Раздел 2\n", [2, 3, 4, 3]),
    ])
    func headingLevelsAreNeverSkipped(markdown: String, levels: [Int]) {
        let html = Markdown.render(markdown).html
        let found = html.matches(of: /<h([1-6])/).map { Int($0.output.1)! }
        #expect(found == levels, "\(html)")
    }

    @Test func firstLevelHeadingsAreReported() {
        let rendered = Markdown.render("Вступление.\n\n# Второй заголовок\n\n## Раздел\n")
        #expect(rendered.topHeadings == [SourcePoint(line: 3, column: 1)])
    }
}

/// cmark-gfm keeps the characters its extensions look for in one table for the whole process,
/// adding them before each document's inlines are parsed and removing them after: documents
/// parsed on several threads at once could lose their links, strikethrough and table cells.
@Suite struct ConcurrentParsingTests {
    @Test func documentsParsedAtOnceOnManyThreadsComeOutAsAlone() {
        // Documents with «~» (strikethrough) and without (links found by autolink).
        let struck = (1...40).map { "| ~~Вид~~ \\| знак | Сумма |\n|:--|--:|\n| ~~Грант~~ \($0) | 100 |\n\n~~старое~~ и ~~новое~~\n" }
            .joined(separator: "\n")
        let linked = (1...40).map { "| Сайт | Почта |\n|--|--|\n| www.nko\($0).ru | https://nko.ru/\($0) |\n\nСм. www.mfc.ru, *https://x.ru* и w.\n" }
            .joined(separator: "\n")
        let alone = [struck, linked].map { Markdown.render($0).html }
        #expect(alone[0].contains("<del>Грант</del> 40"))
        #expect(alone[1].contains(#"<a href="http://www.nko40.ru">www.nko40.ru</a>"#) && alone[1].contains(#"<a href="https://nko.ru/40">"#))
        // Each kind alone, then both (two cores take neighbouring indices: alternating kinds would rarely meet their own).
        for kinds in [[0], [1], [0, 1]] {
            let results = UnsafeMutableBufferPointer<String>.allocate(capacity: 400)
            defer { results.deallocate() }
            let slots = Slots(results)
            DispatchQueue.concurrentPerform(iterations: 400) { slots.buffer[$0] = Markdown.render([struck, linked][kinds[$0 % kinds.count]]).html }
            #expect(results.indices.filter { results[$0] != alone[kinds[$0 % kinds.count]] }.count == 0, "\(kinds)")
        }
    }

    private struct Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<String>
        init(_ buffer: UnsafeMutableBufferPointer<String>) {
            self.buffer = buffer
            _ = buffer.initialize(from: repeatElement("", count: buffer.count))
        }
    }
}
