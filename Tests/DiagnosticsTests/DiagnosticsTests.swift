import Foundation
import Testing
@testable import Diagnostics

@Suite struct DiagnosticsTests {
    let missing = Diagnostic.error("missing-required", at: SourceLocation(file: "content/a.md", line: 2, column: 1),
                                   "не заполнено обязательное поле «date»", hint: "добавьте строку «date: …»\nнапример 2026-11-23")
    let unknown = Diagnostic.warning("unknown-field", at: SourceLocation(file: "content/a.md", line: 1, column: 3),
                                     "поле «plaec» не описано в схеме")

    @Test func engineSortsByPositionAndCounts() {
        let engine = DiagnosticEngine()
        engine.emit(missing)
        engine.emit(Diagnostic.error("write-failed", at: nil, "не удалось записать сайт"))
        engine.emit(unknown)
        #expect(engine.diagnostics.map(\.code) == ["write-failed", "unknown-field", "missing-required"])
        #expect(engine.errorCount == 2 && engine.warningCount == 1 && engine.hasErrors)
    }

    /// Raised warnings are errors whenever they were emitted, with a hint line saying why;
    /// other warnings and errors are as they were.
    @Test func raisedWarningsCountAsErrors() {
        let engine = DiagnosticEngine()
        let other = Diagnostic.warning("top-heading", at: nil, "заголовок первого уровня в тексте")
        engine.emit(contentsOf: [unknown, other])
        engine.raise(["unknown-field", "missing-required"])
        engine.emit(missing)
        #expect(engine.errorCount == 2 && engine.warningCount == 1)
        let raised = engine.diagnostics.first { $0.code == "unknown-field" }
        #expect(raised?.severity == .error)
        #expect(raised?.message == unknown.message)
        #expect(raised?.hint == "предупреждение «unknown-field» считается ошибкой: так указано в warnings_as_errors в portal.yaml")
        #expect(engine.diagnostics.first { $0.code == "missing-required" } == missing)
        #expect(engine.diagnostics.first { $0.code == "top-heading" } == other)
        // A hint of its own comes first.
        #expect(missing.raised(by: ["missing-required"]) == missing)
        var hinted = unknown
        hinted.hint = "возможно, имелось в виду «place»"
        #expect(hinted.raised(by: ["unknown-field"]).hint
            == "возможно, имелось в виду «place»\nпредупреждение «unknown-field» считается ошибкой: так указано в warnings_as_errors в portal.yaml")
    }

    @Test func textIsCompilerStyleWithHintLines() {
        #expect(DiagnosticFormatter.text([missing]) == """
            content/a.md:2:1: error: не заполнено обязательное поле «date»
                подсказка: добавьте строку «date: …»
                подсказка: например 2026-11-23

            """)
    }

    @Test func jsonIsAFlatArray() throws {
        let json = DiagnosticFormatter.json([missing, unknown])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(records.count == 2)
        #expect(records[0]["file"] as? String == "content/a.md")
        #expect(records[0]["line"] as? Int == 2 && records[0]["column"] as? Int == 1)
        #expect(records[1]["severity"] as? String == "warning" && records[1]["hint"] == nil)
        #expect(DiagnosticFormatter.json([]) == "[\n\n]\n" || DiagnosticFormatter.json([]) == "[]\n")
    }

    @Test(arguments: [
        ("plaec", ["place", "date", "title"], "place"),
        ("Titel", ["place", "date", "title"], "title"),
        ("completely-different", ["place", "date"], nil),
        ("", ["a"], "a"),
    ] as [(String, [String], String?)])
    func nearestName(_ name: String, _ candidates: [String], _ expected: String?) {
        #expect(NearestName.find(name, among: candidates) == expected)
    }
}
