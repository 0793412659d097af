import Diagnostics
import Foundation
import Testing
@testable import Content

/// `warnings_as_errors:` in portal.yaml: the codes it names are read with their places, and the
/// loader tells the engine, which reports those warnings as errors.
@Suite struct WarningsAsErrorsTests {
    /// A portal with one item that has a field the schema does not know (an `unknown-field` warning).
    func load(raising list: String?) throws -> (Portal?, [Diagnostic]) {
        try Tree([
            "portal.yaml": settings + (list.map { "\nwarnings_as_errors: \($0)\n" } ?? "\n"),
            "content/items/_schema.yaml": "title: Записи\n",
            "content/items/one.md": "---\ntitle: Одна\ncolour: синий\n---\nТекст.\n",
        ]).load()
    }

    @Test func withoutTheListAWarningStaysAWarning() throws {
        let (portal, diagnostics) = try load(raising: nil)
        #expect(portal?.settings.warningsAsErrors == [])
        #expect(diagnostics.map(\.code) == ["unknown-field"])
        #expect(diagnostics.map(\.severity) == [.warning])
    }

    @Test func aListedWarningIsAnErrorThatSaysWhy() throws {
        let (portal, diagnostics) = try load(raising: "[raw-html, unknown-field]")
        #expect(portal?.settings.warningsAsErrors == ["raw-html", "unknown-field"])
        let raised = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(raised.code == "unknown-field")
        #expect(raised.severity == .error)
        #expect(raised.location == SourceLocation(file: "content/items/one.md", line: 3, column: 1))
        #expect(raised.hint?.hasSuffix("\nпредупреждение «unknown-field» считается ошибкой: так указано в warnings_as_errors в portal.yaml") == true)
    }

    /// Other warnings are left as they are.
    @Test func anotherWarningIsNotRaised() throws {
        let (_, diagnostics) = try load(raising: "[raw-html]")
        #expect(diagnostics.map(\.severity) == [.warning])
    }

    @Test func anUnknownCodeIsAnErrorAtItsPlaceNamingTheNearest() throws {
        let (portal, diagnostics) = try load(raising: "\n  - unknown-field\n  - raw-htm")
        let unknown = try #require(diagnostics.first { $0.code == "unknown-code" })
        #expect(unknown.severity == .error)
        #expect(unknown.location == SourceLocation(file: "portal.yaml", line: 8, column: 5))
        #expect(unknown.message == "warnings_as_errors: нет кода сообщения «raw-htm»")
        #expect(unknown.hint?.hasPrefix("возможно, имелось в виду «raw-html»; коды предупреждений: calendar-day, ") == true)
        // The known code still counts.
        #expect(portal?.settings.warningsAsErrors == ["unknown-field"])
        #expect(diagnostics.first { $0.code == "unknown-field" }?.severity == .error)
    }

    /// An error's code in the list changes nothing, and is no mistake either.
    @Test func anErrorCodeIsAccepted() throws {
        let (portal, diagnostics) = try load(raising: "[raw-html-script]")
        #expect(portal?.settings.warningsAsErrors == [])
        #expect(diagnostics.map(\.code) == ["unknown-field"])
    }

    @Test func aListOfSomethingElseIsAWrongType() throws {
        let (_, diagnostics) = try load(raising: "raw-html")
        #expect(diagnostics.contains { $0.code == "wrong-type" && $0.location?.file == "portal.yaml" })
    }
}
