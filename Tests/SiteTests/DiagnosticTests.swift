import Foundation
import Testing

/// One test per class of editor mistake: the message, the exact position, the exit status,
/// and the previous site left byte for byte as it was.
@Suite(.serialized) struct DiagnosticTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let file: String
        let old: String
        let new: String
        /// `file:line:col: severity: message` as printed.
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing required field", file: "content/news/grants.md", old: "date: 2026-11-20\n", new: "",
             expected: "content/news/grants.md:2:1: error: не заполнено обязательное поле «date» (Дата)"),
        Case(name: "wrong type", file: "content/news/forum.md", old: "count: 12500", new: "count: много",
             expected: "content/news/forum.md:5:8: error: поле «count» (Участников): «много» — не целое число"),
        Case(name: "bad date", file: "content/news/forum.md", old: "date: 2026-11-01", new: "date: 2026-02-30",
             expected: "content/news/forum.md:3:7: error: поле «date» (Дата): даты «2026-02-30» не существует в календаре"),
        Case(name: "value outside the enum", file: "content/news/forum.md", old: "kind: announce", new: "kind: anounce",
             expected: "content/news/forum.md:4:7: error: поле «kind»: значение «anounce» не входит в список допустимых"),
        Case(name: "broken YAML syntax", file: "content/news/forum.md", old: "title: Форум НКО", new: "title: \"Форум НКО",
             expected: "content/news/forum.md:2:8: error: ошибка синтаксиса YAML: текст закончился раньше, чем закрылись кавычки или скобки"),
        Case(name: "duplicate slug", file: "content/news/grants.md", old: "kind: results", new: "kind: results\nslug: forum",
             expected: "content/news/grants.md:5:7: error: адрес страницы «forum» уже занят"),
        Case(name: "reference to a missing item", file: "content/news/forum.md", old: "org: assotsiatsiia-elka",
             new: "org: assotsiatsiia-olka",
             expected: "content/news/forum.md:7:6: error: ссылка на несуществующую запись «assotsiatsiia-olka»"),
        Case(name: "raw script in Markdown", file: "content/news/forum.md", old: "Текст **новости**",
             new: "<script>alert('x')</script>\n\nТекст **новости**",
             expected: "content/news/forum.md:9:1: error: в тексте есть исполняемая HTML-разметка «<script>alert('x')</script>»"),
        Case(name: "missing partial in a template", file: "templates/item.mustache", old: "{{<base}}",
             new: "{{>fieldz}}\n{{<base}}",
             expected: "templates/item.mustache:4:1: error: шаблон подключает несуществующий шаблон «fieldz»"),
        Case(name: "template syntax", file: "templates/item.mustache", old: "{{/main}}", new: "{{/mian}}",
             expected: "templates/item.mustache:\(lineOfMainEnd):1: error: ошибка в шаблоне: закрывающий тег секции не совпадает с открывающим"),
        Case(name: "unknown field under --strict", file: "content/news/forum.md", old: "count: 12500", new: "cuont: 12500",
             expected: "content/news/forum.md:5:1: warning: поле «cuont» не описано в схеме"),
    ]

    /// The line of `{{/main}}` in the real item template, which grows with the pages it shows.
    static var lineOfMainEnd: Int {
        let text = (try? String(contentsOf: repository.appendingPathComponent("templates/item.mustache"), encoding: .utf8)) ?? ""
        return (text.components(separatedBy: "\n").firstIndex { $0.contains("{{/main}}") } ?? -1) + 1
    }

    @Test(arguments: cases)
    func failedBuildLeavesTheSiteUntouched(_ c: Case) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(try fixture.build().status == 0)
        let before = try snapshot(fixture.site)

        try fixture.edit(c.file, replacing: c.old, with: c.new)
        let run = try fixture.build(["--strict"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains(c.expected), "\(run.stderr)")
        #expect(run.stderr.contains("подсказка: "), "every problem comes with a hint")
        #expect(run.stderr.contains("Сайт в \(fixture.site.path) не изменён"))
        #expect(try snapshot(fixture.site) == before)
        // Nothing is left beside the site either.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter { $0.hasPrefix(".site") }
        #expect(leftovers.isEmpty)
    }

    @Test func yamlSyntaxErrorIsPreciseAndInRussian() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.edit("content/news/forum.md", replacing: "kind: announce", with: "kind: announce\n  count: 3")
        let run = try fixture.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/news/forum.md:5:8: error: ошибка синтаксиса YAML: двоеточие в неожиданном месте"),
                "\(run.stderr)")
    }

    @Test func unknownFieldIsOnlyAWarningByDefault() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.edit("content/news/forum.md", replacing: "count: 12500", with: "cuont: 12500")
        let run = try fixture.build()
        #expect(run.status == 0)
        #expect(run.stderr.contains("content/news/forum.md:5:1: warning: поле «cuont» не описано в схеме"))
        #expect(run.stderr.contains("подсказка: возможно, имелось в виду «count»"))
    }

    @Test func allProblemsOfARunAreReportedTogetherAlsoAsJSON() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.edit("content/news/forum.md", replacing: "kind: announce", with: "kind: other")
        try fixture.edit("content/news/grants.md", replacing: "date: 2026-11-20", with: "date: вчера")
        let run = try fixture.build(["--format", "json"])
        #expect(run.status == 1)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 2)
        #expect(records.map { $0["file"] as? String } == ["content/news/forum.md", "content/news/grants.md"])
        #expect(records[0]["line"] as? Int == 4 && records[0]["column"] as? Int == 7)
        #expect(records[0]["severity"] as? String == "error" && records[0]["code"] as? String == "not-in-choices")
        #expect((records[0]["hint"] as? String)?.contains("announce (Анонс)") == true)
    }

    @Test func unresolvedReferenceInALegalTextIsAWarningWithItsLine() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("title: Акты\nlegal: true\n", to: "content/acts/_schema.yaml")
        try fixture.write("---\ntitle: Положение\n---\n1.1. Первый пункт.\n\n1.2. Как указано в пункте 1.1 настоящего Положения и в пункте 9.9 настоящего Положения.\n",
                          to: "content/acts/polozhenie.md")
        let run = try fixture.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("content/acts/polozhenie.md:6:1: warning: ссылка «пункте 9.9 настоящего Положения» ведёт на часть документа, которой нет (#p-9.9)"),
                "\(run.stderr)")
        let page = try fixture.read("site/acts/polozhenie/index.html")
        #expect(page.contains("пункте <a href=\"#p-1.1\">1.1</a> настоящего Положения"))
        #expect(try fixture.build(["--strict"]).status == 1)
    }
}
