import Diagnostics
import Foundation
import Testing
@testable import Content

/// A throw-away portal tree in a temporary folder.
struct Tree {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("nko-content-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func load() -> (Portal?, [Diagnostic]) {
        let engine = DiagnosticEngine()
        let portal = ContentLoader.load(root: root, diagnostics: engine)
        try? FileManager.default.removeItem(at: root)
        return (portal, engine.diagnostics)
    }
}

let settings = """
    title: Портал
    description: Тест
    base_url: https://nko.example.ru/
    region: {name: Республика Татарстан, genitive: Республики Татарстан, prepositional: Республике Татарстан}
    navigation: [items]
    """

/// Loads one item whose only declared field is `field`, with the value line `value`.
func loadValue(field: String, value: String) throws -> (Item?, [Diagnostic]) {
    let tree = try Tree([
        "portal.yaml": settings,
        "content/items/_schema.yaml": "title: Записи\nfields:\n  - " + field.replacingOccurrences(of: "\n", with: "\n    ") + "\n",
        "content/items/one.md": "---\ntitle: Одна\n\(value)\n---\nТекст.\n",
    ])
    let (portal, diagnostics) = tree.load()
    return (portal?.collection("items")?.items.first, diagnostics)
}

@Suite struct FieldTypeTests {
    /// Each case: a field declaration, a front-matter line, and the diagnostic code expected (nil: valid).
    @Test(arguments: [
        ("{name: n, type: integer}", "n: 42", nil),
        ("{name: n, type: integer}", "n: много", "wrong-type"),
        ("{name: n, type: integer, min: 1, max: 10}", "n: 11", "above-max"),
        ("{name: n, type: decimal}", "n: 13,5", nil),
        ("{name: n, type: percent, max: 100}", "n: 25", nil),
        ("{name: n, type: money}", "n: 1500000.50", nil),
        ("{name: n, type: money}", "n: 1 500 000", "wrong-type"),
        ("{name: n, type: date}", "n: 2026-11-23", nil),
        ("{name: n, type: date}", "n: 2026-02-30", "wrong-type"),
        ("{name: n, type: date}", "n: 23.11.2026", "wrong-type"),
        ("{name: n, type: datetime}", "n: 2026-11-23 14:30", nil),
        ("{name: n, type: boolean}", "n: да", nil),
        ("{name: n, type: boolean}", "n: может быть", "wrong-type"),
        ("{name: n, type: url}", "n: https://nko.tatarstan.ru/", nil),
        ("{name: n, type: url}", "n: nko.tatarstan.ru", "wrong-type"),
        ("{name: n, type: email}", "n: info@nko.ru", nil),
        ("{name: n, type: email}", "n: info@", "wrong-type"),
        ("{name: n, type: phone}", "n: +7 (843) 123-45-67", nil),
        ("{name: n, type: phone}", "n: звонить", "wrong-type"),
        ("{name: n, type: enum, choices: [a, b]}", "n: c", "not-in-choices"),
        ("{name: n, type: string, pattern: '[0-9]{10}'}", "n: 12345", "pattern-mismatch"),
        ("{name: n, type: string, max: 3}", "n: длинно", "above-max"),
        ("{name: n, type: markdown}", "n: \"**жирный**\"", nil),
        ("{name: n, type: list, of: integer, min_items: 2}", "n: [1]", "too-few-items"),
        ("{name: n, type: list, of: integer}", "n: [1, x]", "wrong-type"),
        ("{name: n, type: list, of: string}", "n: просто строка", "wrong-type"),
        ("{name: n, type: object, fields: [{name: a, type: integer, required: true}]}", "n: {a: 1}", nil),
        ("{name: n, type: object, fields: [{name: a, type: integer, required: true}]}", "n: {b: 1}", "missing-required"),
        ("{name: n, type: inn}", "n: '7707083893'", nil),
        ("{name: n, type: inn}", "n: '7707083894'", "wrong-type"),
        ("{name: n, type: ogrn}", "n: '1027739552642'", nil),
        ("{name: n, type: ogrn}", "n: '102773955264'", "wrong-type"),
        ("{name: n, type: kpp}", "n: 773601001", nil),
        ("{name: n, type: bik}", "n: '044525225'", nil),
        ("{name: n, type: bik}", "n: '144525225'", "wrong-type"),
        ("{name: n, type: snils}", "n: 112-233-445 95", nil),
        ("{name: n, type: postcode}", "n: '420111'", nil),
        ("{name: n, type: postcode}", "n: '4201'", "wrong-type"),
        ("{name: n, type: string, required: true}", "", "missing-required"),
        ("{name: n, type: string, required: true}", "n:", "missing-required"),
    ] as [(String, String, String?)])
    func value(_ field: String, _ line: String, _ expected: String?) throws {
        let (item, diagnostics) = try loadValue(field: field, value: line)
        let errors = diagnostics.filter { $0.severity == .error }
        if let expected {
            #expect(errors.map(\.code).contains(expected), "\(errors)")
            #expect(errors.allSatisfy { $0.location?.file == "content/items/one.md" && $0.hint != nil })
        } else {
            #expect(errors.isEmpty, "\(errors)")
            #expect(item?.values["n"] != nil)
        }
    }

    @Test func identifierMessagesSayWhichDigitIsWrong() throws {
        let (_, diagnostics) = try loadValue(field: "{name: inn, label: ИНН, type: inn}", value: "inn: '7707083894'")
        let d = try #require(diagnostics.first)
        #expect(d.message.contains("ИНН") && d.message.contains("должна быть 3"), "\(d.message)")
        #expect(d.location == SourceLocation(file: "content/items/one.md", line: 3, column: 6))
    }

    @Test func typedValues() throws {
        let (item, _) = try loadValue(field: "{name: n, type: money}", value: "n: 12.5")
        #expect(item?.values["n"] == .money(.init(kopecks: 1250)))
        let (withDefault, _) = try loadValue(field: "{name: n, type: integer, default: 7}", value: "")
        #expect(withDefault?.values["n"] == .integer(7))
    }

    @Test func positionsPointAtTheValue() throws {
        let (_, diagnostics) = try loadValue(field: "{name: kind, type: enum, choices: [{value: grant, label: Гранты}, {value: subsidy, label: Субсидии}]}",
                                             value: "kind: grnat")
        let d = try #require(diagnostics.first { $0.code == "not-in-choices" })
        #expect(d.location == SourceLocation(file: "content/items/one.md", line: 3, column: 7))
        #expect(d.hint?.contains("возможно, имелось в виду «grant»") == true)
        #expect(d.hint?.contains("subsidy (Субсидии)") == true)
    }

    @Test func unknownFieldIsAWarningWithTheNearestName() throws {
        let (item, diagnostics) = try loadValue(field: "{name: place, type: string}", value: "plaec: Казань")
        #expect(item != nil)
        let d = try #require(diagnostics.first)
        #expect(d.severity == .warning && d.code == "unknown-field")
        #expect(d.location == SourceLocation(file: "content/items/one.md", line: 3, column: 1))
        #expect(d.hint == "возможно, имелось в виду «place»")
    }
}

@Suite struct SchemaTests {
    @Test func unknownTypeSuggestsTheNearest() throws {
        let (_, diagnostics) = try loadValue(field: "{name: n, type: intger}", value: "")
        let d = try #require(diagnostics.first { $0.code == "bad-choice" })
        #expect(d.location == SourceLocation(file: "content/items/_schema.yaml", line: 3, column: 21))
        #expect(d.hint == "возможно, имелось в виду «integer»")
    }

    @Test func enumWithoutChoicesAndBrokenPatternAreErrors() throws {
        let (_, a) = try loadValue(field: "{name: n, type: enum}", value: "")
        #expect(a.contains { $0.code == "schema-choices" })
        let (_, b) = try loadValue(field: "{name: n, type: string, pattern: '[a-'}", value: "")
        #expect(b.contains { $0.code == "schema-pattern" })
    }

    @Test func folderWithoutSchemaAndBadNavigation() throws {
        let tree = try Tree([
            "portal.yaml": settings.replacingOccurrences(of: "[items]", with: "[items, itmes]"),
            "content/items/_schema.yaml": "title: Записи\n",
            "content/loose/one.md": "---\ntitle: x\n---\n",
        ])
        let (_, diagnostics) = tree.load()
        #expect(diagnostics.contains { $0.code == "no-schema" && $0.location?.file == "content/loose/" })
        let nav = try #require(diagnostics.first { $0.code == "unknown-section" })
        #expect(nav.location == SourceLocation(file: "portal.yaml", line: 5, column: 21))
        #expect(nav.hint == "возможно, имелось в виду «items»")
    }
}

@Suite struct ItemTests {
    @Test func dataFilesMakeOnePagePerEntryWithTransliteratedSlugs() throws {
        let tree = try Tree([
            "portal.yaml": settings,
            "content/items/_schema.yaml": "title: Записи\nsort: -n\nfields:\n  - {name: n, type: integer}\n",
            "content/items/list.yaml": "- title: Ассоциация «Ёлка»\n  n: 1\n- title: Фонд\n  slug: fund\n  n: 2\n",
            "content/items/Новость.md": "---\ntitle: Новость\n---\n",
        ])
        let (portal, diagnostics) = tree.load()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let items = try #require(portal?.collection("items")).sortedItems
        #expect(items.map(\.slug) == ["fund", "assotsiatsiia-elka", "novost"])
        #expect(items[1].location == SourceLocation(file: "content/items/list.yaml", line: 1, column: 3))
    }

    @Test func aFileNameIsTheAddressOnlyWhenItIsOneAsItStands() {
        for name in ["a", "act-12", "2026-o-poryadke", "x1-y2-z3"] { #expect(ContentLoader.isSlug(name), "\(name)") }
        for name in ["", "-", "a-", "-a", "a--b", "Act", "акт", "a_b", "a b", "a.b", "act\n", "a\u{0}"] {
            #expect(!ContentLoader.isSlug(name), "\(name)")
        }
    }

    @Test func aNameStartsWithALatinLetterAndHoldsNoOtherSigns() {
        for name in ["a", "Title", "date_from", "x-1", "Z9"] { #expect(MappingReader.isName(name), "\(name)") }
        for name in ["", "1a", "_a", "-a", "имя", "a b", "a.b", "a@", "a[", "a`", "name\n"] { #expect(!MappingReader.isName(name), "\(name)") }
    }

    /// YAML's merge keys are not taken apart: the fields they would bring are named as missing,
    /// not dropped without a word.
    @Test func aMergeKeyIsRefusedWhereItIsWritten() throws {
        let tree = try Tree([
            "portal.yaml": settings,
            "content/items/_schema.yaml": "title: Записи\nfields:\n  - {name: n, type: integer}\n",
            "content/items/list.yaml": "- &base\n  title: Первая\n  n: 1\n- <<: *base\n  title: Вторая\n",
        ])
        let (_, diagnostics) = tree.load()
        let merge = try #require(diagnostics.first { $0.code == "yaml-merge" })
        #expect(merge.severity == .error)
        #expect(merge.location == SourceLocation(file: "content/items/list.yaml", line: 4, column: 3))
        #expect(!diagnostics.contains { $0.code == "unknown-field" })
    }

    @Test func duplicateSlugsAndMissingReferences() throws {
        let tree = try Tree([
            "portal.yaml": settings,
            "content/items/_schema.yaml": "title: Записи\nfields:\n  - {name: see, type: reference, collection: items}\n",
            "content/items/a.md": "---\ntitle: А\nsee: bb\n---\n",
            "content/items/b.md": "---\ntitle: Б\nslug: a\n---\n",
        ])
        let (_, diagnostics) = tree.load()
        let dup = try #require(diagnostics.first { $0.code == "duplicate-slug" })
        #expect(dup.location == SourceLocation(file: "content/items/b.md", line: 3, column: 7))
        let ref = try #require(diagnostics.first { $0.code == "missing-reference" })
        #expect(ref.location == SourceLocation(file: "content/items/a.md", line: 3, column: 6))
    }

    @Test func yamlSyntaxErrorsCarryFilePositions() throws {
        let tree = try Tree([
            "portal.yaml": settings,
            "content/items/_schema.yaml": "title: Записи\n",
            "content/items/a.md": "---\ntitle: \"Незакрытая\ndescription: x\n---\n",
            "content/items/b.md": "---\ntitle: Б\n  description: x\n---\n",
            "content/items/c.md": "---\ntitle: В\n",
        ])
        let (_, diagnostics) = tree.load()
        let files = diagnostics.filter { $0.severity == .error }.map { $0.location?.file ?? "" }
        #expect(files == ["content/items/a.md", "content/items/b.md", "content/items/c.md"])
        #expect(diagnostics.allSatisfy { $0.message.range(of: "[а-я]", options: .regularExpression) != nil })
        let b = try #require(diagnostics.first { $0.location?.file == "content/items/b.md" })
        #expect(b.code == "yaml-syntax" && b.location?.line == 3)
        #expect(diagnostics.first { $0.location?.file == "content/items/c.md" }?.code == "front-matter-unclosed")
        let a = try #require(diagnostics.first { $0.location?.file == "content/items/a.md" })
        #expect(a.location?.line == 2 && a.location?.column == 8, "the unclosed quote, not the end of the text")
    }
}
