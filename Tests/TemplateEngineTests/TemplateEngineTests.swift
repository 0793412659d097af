import Mustache
@testable import TemplateEngine
import Testing

/// The portal's templates were written for swift-mustache: the engine renders them as it did,
/// whitespace included.
struct TemplateEngineTests {
    static let partials: [String: String] = [
        "row": "<li>{{title}}</li>\n",
        "rows": "{{#items}}\n  {{>row}}\n{{/items}}\n",
        "base": "<title>{{$title}}Портал{{/title}}</title>\n<main>\n  {{$main}}\n  пусто\n  {{/main}}\n</main>\n{{$foot}}{{/foot}}",
        "layout": "{{<base}}{{$title}}{{page.title}} — Портал{{/title}}{{/base}}",
        "nested": "{{<layout}}\n{{$main}}\n  <p>{{page.title}}</p>\n  {{>rows}}\n{{/main}}\n{{/layout}}\n",
        "page": "{{<base}}\n  {{$main}}\n    <h1>{{page.title}}</h1>\n    {{#page.description}}<p>{{.}}</p>{{/page.description}}\n  {{/main}}\n{{/base}}\n",
    ]

    static let cases: [String] = [
        "Hello, {{name}}!",
        "{{name}} {{{html}}} {{&html}}",
        "{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}",
        "{{#off}}yes{{/off}}{{^off}}no{{/off}}",
        "{{#missing}}x{{/missing}}{{^missing}}nothing{{/missing}}",
        "<ul>\n{{#items}}\n  <li>{{title}} {{name}}</li>\n{{/items}}\n</ul>\n",
        "{{#items}}{{#first()}}[{{/first()}}{{title}}{{^last()}}, {{/last()}}{{#last()}}]{{/last()}}{{/items}}",
        "{{#items}}{{index()}}:{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}} {{/items}}",
        "{{^empty(items)}}есть{{/empty(items)}}{{#empty(none)}}пусто{{/empty(none)}}",
        "{{count(items)}} {{#first(items)}}{{title}}{{/first(items)}} {{#last(items)}}{{title}}{{/last(items)}}",
        "{{#reversed(items)}}{{title}}{{/reversed(items)}}",
        "{{uppercased(name)}} {{lowercased(name)}} {{reversed(name)}} {{plusone(number)}} {{minusone(number)}}",
        "{{page.title}} / {{page.missing}} / {{page.description}}",
        "{{#page}}{{title}} {{name}} {{.title}} {{.name}}{{/page}}",
        "{{#page}}\n  {{#description}}\n    {{.}}\n  {{/description}}\n{{/page}}\n",
        "  {{! a comment alone }}\n{{! inline }}text {{! and }} more\n",
        "   {{#flag}}   \n  indented\n   {{/flag}}   \nend",
        "a\n  {{>row}}\nb\n",
        "{{#items}}\n  {{>row}}\n{{/items}}",
        "  {{>rows}}\n",
        "{{>layout}}",
        "{{>page}}",
        "{{>nested}}",
        "{{<base}}{{/base}}",
        "{{<base}}\n{{$foot}}\n  <footer>{{name}}</footer>\n{{/foot}}\n{{/base}}\n",
        "{{$main}}default{{/main}} and {{$other}}\n  x\n{{/other}}",
        "{{escape}}|{{{escape}}}",
        "{{number}} {{flag}} {{decimal}}",
        "{{#numbers}}{{.}},{{/numbers}}",
        "{{#nested}}{{#inner}}{{title}}-{{name}}{{/inner}}{{/nested}}",
        "no tags at all\n\n  \n",
        "{{name}}\n  ",
        "{ single { brace }} and }} {{name}}",
        "{{#items}}{{title}}{{/items}}  \n  {{^items}}none{{/items}}\n",
        "\t{{#flag}}\n\ttab\n\t{{/flag}}\n",
        "{{ name }} {{# flag }}y{{/ flag }}",
    ]

    static var data: [String: Any] { [
        "name": "Кузьма O'Brien",
        "html": "<b>жирный</b>",
        "flag": true,
        "off": false,
        "number": 41,
        "decimal": 2.5,
        "numbers": [1, 2, 3],
        "escape": "a & b < c > d \"e\" 'f' «ё» e\u{301}",
        "none": [Any](),
        "items": [["title": "Первый"], ["title": "Второй", "name": "своё"], ["title": "Третий"]] as [Any],
        "page": ["title": "Положение", "description": "О порядке <предоставления>"] as [String: Any],
        "nested": [["inner": [["title": "a"], ["title": "b"]]]] as [Any],
    ] }

    @Test(arguments: cases)
    func rendersAsSwiftMustacheDid(_ text: String) throws {
        var ours = TemplateLibrary()
        var theirs = MustacheLibrary()
        for (name, partial) in Self.partials {
            ours.register(try Template(partial), named: name)
            try theirs.register(partial, named: name)
        }
        ours.register(try Template(text), named: "t")
        try theirs.register(text, named: "t")
        #expect(ours.render(Self.data, withTemplate: "t") == theirs.render(Self.data, withTemplate: "t"))
    }

    /// `{{value}}` is escaped as swift-mustache did (the same five characters, the same entities),
    /// and also a quote that a combining mark follows: one Character that is not `"`, which
    /// swift-mustache let through to close the attribute.
    @Test func valuesAreEscapedByteByByte() throws {
        let text = "<a title=\"{{value}}\">{{value}}</a>\n{{#list}}\n  <li>{{.}}</li>\n{{/list}}\n"
        var ours = TemplateLibrary()
        ours.register(try Template(text), named: "t")
        let theirs = try MustacheTemplate(string: text)
        let values = ["", "Казань", "a & b < c > d \"e\" 'f'", "&amp;", "ёлка 🌲 e\u{301}", "a\r\nb\tc", "<script>x</script>",
                      "«Ёлочка» — 1 500,00 ₽", String((0x20...0x7E).map { Character(Unicode.Scalar($0)!) })]
        for value in values {
            let object: [String: Any] = ["value": value, "list": [value, value + "&"]]
            #expect(ours.render(object, withTemplate: "t") == theirs.render(object), "\(value)")
        }
        let attack = "\"\u{301} onmouseover=\"alert(1)"
        let rendered = ours.render(["value": attack], withTemplate: "t") ?? ""
        #expect(!rendered.contains("\"\u{301}") && rendered.contains("&quot;\u{301} onmouseover=&quot;alert(1)"))
    }

    @Test func errorsSayWhereTheTagStarts() {
        func error(_ text: String) -> TemplateSyntaxError? {
            do { _ = try Template(text); return nil } catch { return error }
        }
        #expect(error("a\n  {{#s}}x{{/t}}")?.line == 2)
        #expect(error("a\n  {{#s}}x{{/t}}")?.column == 10)
        #expect(error("a\n  {{#s}}x{{/t}}")?.message == "закрывающий тег секции не совпадает с открывающим")
        #expect(error("ё {{#s}}\nx\n")?.column == 3)  // the section left open, where it opens
        #expect(error("ё {{#s}}\nx\n")?.message == "секция не закрыта тегом {{/…}}")
        #expect(error("{{name")?.message == "тег не закрыт «}}»")
        #expect(error("{{! never closed")?.message == "комментарий не закрыт «}}»")
        #expect(error("x {{#sortd(items)}}{{/sortd(items)}}")?.message == "неизвестное преобразование «sortd»")
        #expect(error("{{empty(items}}")?.message == "неверная запись преобразования «empty(items»")
        #expect(error("{{<base}}{{name}}{{/base}}")?.message == "внутри {{<base}} могут быть только блоки {{$…}}")
        #expect(error("{{>*dynamic}}")?.line == 1)
        #expect(error("{{=<% %>=}}") != nil)
        #expect(error("{{%CONTENT_TYPE:TEXT}}") != nil)
        #expect(error("{{/closed}}")?.message == "закрывающий тег секции не совпадает с открывающим")
    }

    /// A block named again inside its own override is its default there (the fuzzer's find: it
    /// recursed until the stack overflowed, in swift-mustache too).
    @Test func aBlockInsideItsOwnOverrideIsItsDefault() throws {
        var library = TemplateLibrary()
        library.register(try Template("<{{$a}}default{{/a}}>"), named: "base")
        library.register(try Template("{{<base}}{{$a}}[{{$a}}inner{{/a}}]{{/a}}{{/base}}"), named: "child")
        #expect(library.render([String: Any](), withTemplate: "child") == "<[inner]>")
    }

    /// The partials and parents a template pulls in come from its tags (those inside a comment
    /// pull in nothing), with where each tag starts: the build checks them for missing templates and cycles.
    @Test func usesAreTheTagsOfPartialsAndParents() throws {
        let template = try Template("{{! {{>commented}} }}\n{{<base}}{{$main}}\n  ё {{>row}}\n{{/main}}{{/base}}")
        #expect(template.uses == [TemplateUse(name: "base", line: 2, column: 1), TemplateUse(name: "row", line: 3, column: 5)])
        #expect((try? Template("{{ =<% %>=}}")) == nil)
        do { _ = try Template("a {{ =<% %>=}}"); Issue.record("parsed") } catch { #expect(error.changesDelimiters && error.column == 3) }
        do { _ = try Template("{{> }}"); Issue.record("parsed") } catch { #expect(error.message == "не указано имя подключаемого шаблона") }
    }

    @Test func partialsThatIncludeThemselvesStop() throws {
        var library = TemplateLibrary()
        library.register(try Template("x{{>loop}}"), named: "loop")
        #expect(library.render([String: Any](), withTemplate: "loop") == String(repeating: "x", count: 200))
    }

    /// Hostile nesting is an error where it goes too deep, not a stack overflow of the build.
    @Test func sectionsNestedTooDeeplyAreAnError() throws {
        let deep = String(repeating: "{{#a}}", count: 5_000) + String(repeating: "{{/a}}", count: 5_000)
        var error: TemplateSyntaxError?
        do { _ = try Template(deep) } catch let thrown { error = thrown }
        #expect(error?.column == 6 * TemplateParser.maximumDepth + 1)
        #expect(error?.message == "секции вложены глубже 100 уровней")
        #expect((try? Template(String(repeating: "{{#a}}", count: 100) + String(repeating: "{{/a}}", count: 100))) != nil)
    }
}
