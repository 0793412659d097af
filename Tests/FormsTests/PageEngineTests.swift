import Foundation
import Testing
@testable import FormEngine
@testable import Forms
import TestSupport

/// The page's engine — the calls forms.js makes to the WebAssembly module — run natively: for
/// every form, its sample read as the page reads a loaded file gives the same ODT parts as
/// `nko form render`, and every invalid sample the same problems (path and message) as
/// `nko form check`. The browser tests run the same calls in the compiled module.
@Suite struct PageEngineTests {
    static let library = FormLibrary.load(root: repositoryRoot)
    static let date = "2026-11-23"

    @Test(arguments: library.forms.map(\.id))
    func theSampleGivesTheDocumentOfNko(_ id: String) throws {
        let form = try #require(Self.library.form(id))
        let engine = try PageEngine(definition: form.json)
        let sample = try String(contentsOf: repositoryRoot.appendingPathComponent("content/_forms/\(id)/sample.yaml"), encoding: .utf8)
        let answers = try Self.answers(PageEngine.read(sample, json: false))
        let checked = try Self.object(engine.check(answers))
        #expect((checked["problems"] as? [Any])?.isEmpty == true, "\(id): \(checked["problems"] ?? "")")

        let rendered = try Self.object(engine.render(answers, date: Self.date, odt: true))
        let parts = try #require(rendered["parts"] as? [[String]])
        let record = try #require(form.sample)
        let nko = FormRenderer(form: form).odtParts(record, date: try #require(.init(iso: Self.date)))
        for (path, xml) in nko {
            #expect(parts.first { $0[0] == path }.map { Array($0[1].utf8) } == xml, "\(id): \(path)")
        }
        #expect(parts.first?[0] == "META-INF/manifest.xml")
        let html = try Self.object(engine.render(answers, date: Self.date, odt: false))
        #expect(html["html"] as? String == FormRenderer(form: form).html(record), "\(id): the printable view")
    }

    @Test(arguments: library.forms.map(\.id))
    func anInvalidSampleGivesTheProblemsOfNko(_ id: String) throws {
        let form = try #require(Self.library.form(id))
        let engine = try PageEngine(definition: form.json)
        let file = repositoryRoot.appendingPathComponent("Tests/FormsTests/Samples/\(id)-invalid.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let nko = FormData.read(file, as: "invalid.yaml", for: form).diagnostics
        let page = try Self.object(engine.check(Self.answers(PageEngine.read(text, json: false))))
        let shown = Set(((page["problems"] as? [[String: Any]]) ?? []).map { "\($0["path"] ?? "") \($0["message"] ?? "")" })
        #expect(!nko.isEmpty)
        #expect(shown == Set(nko.map { "\($0.path ?? "") \($0.message)" }), "\(id)")
    }

    @Test func theDefinitionReadsBack() throws {
        for form in Self.library.forms {
            let back = try PageEngine(definition: form.json).form
            #expect(back.json == form.json, "\(form.id)")
            #expect(back.template == form.template, "\(form.id)")
        }
    }

    @Test func answersSavedAsYAMLReadBackTheSame() throws {
        for form in Self.library.forms {
            let sample = try String(contentsOf: repositoryRoot.appendingPathComponent("content/_forms/\(form.id)/sample.yaml"),
                                    encoding: .utf8)
            let answers = try Self.answers(PageEngine.read(sample, json: false))
            let yaml = try #require(try Self.object(PageEngine.yaml(answers))["yaml"] as? String)
            let input = FormData.read(text: yaml, as: "ответы.yaml", for: form, format: .yaml)
            #expect(!input.hasErrors, "\(form.id): \(input.diagnostics.map(\.message))")
            #expect(try Self.answers(PageEngine.read(yaml, json: false)) == answers, "\(form.id)")
        }
    }

    @Test func aBrokenFileIsAMessageWithItsPosition() throws {
        let result = try Self.object(PageEngine.read("title: ok\nname: 'unclosed\n", json: false))
        let error = try #require(result["error"] as? [String: Any])
        #expect(error["line"] as? Int == 2 && error["column"] as? Int == 7, "at the opening quote: \(error)")
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    static func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// The `answers` of a read file, as the page passes them back.
    static func answers(_ json: String) throws -> String {
        let answers = try #require(try object(json)["answers"])
        return String(decoding: try JSONSerialization.data(withJSONObject: answers, options: [.sortedKeys]), as: UTF8.self)
    }
}
