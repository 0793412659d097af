import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import FormEngine
@testable import Forms

/// The form library of the repository and the checks a form's author gets.
@Suite struct LibraryTests {
    static let library = FormLibrary.load(root: repositoryRoot)

    @Test func everyFormOfTheIssueIsDefinedWithoutAProblem() {
        #expect(Self.library.diagnostics.isEmpty, "\(DiagnosticFormatter.text(Self.library.diagnostics))")
        let ids = Set(Self.library.forms.map(\.id))
        for id in ["subsidy-application", "subsidy-contract", "evaluation-sheet", "summary-sheet", "consolidated-sheet",
                   "info-project-application", "property-notice", "property-application", "tax-benefit-letter"] {
            #expect(ids.contains(id), "\(id)")
        }
    }

    /// A small form in a temporary portal, with one mistake at a time.
    static func problems(form: String, document: String = "# Форма\n\n{{name}}\n") throws -> [Diagnostic] {
        let root = try Tool.temporaryFolder("nko-form-def")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("content/_forms/sample")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try form.write(to: folder.appendingPathComponent("form.yaml"), atomically: true, encoding: .utf8)
        try document.write(to: folder.appendingPathComponent("document.md"), atomically: true, encoding: .utf8)
        let library = FormLibrary.load(root: root)
        #expect(library.forms.isEmpty == library.diagnostics.contains { $0.severity == .error })
        return library.diagnostics
    }

    static let fields = """
        title: Пример
        fields:
          - {name: name, type: string, required: true}
          - {name: amount, type: money}
          - name: rows
            type: list
            of: object
            fields:
              - {name: sum, type: money}

        """

    @Test func aCorrectFormHasNoProblems() throws {
        #expect(try Self.problems(form: Self.fields + "rules:\n  - {check: 'sum(rows[].sum) <= amount', field: amount, message: м}\n").isEmpty)
    }

    @Test(arguments: [
        // (form.yaml addition, document, expected line:column, words of the message)
        ("computed:\n  - {name: t, value: 'sum(rows[].summ)'}\n", nil, "form.yaml:11:", "нет поля «summ»"),
        ("computed:\n  - {name: t, value: 'sum(rows.sum)'}\n", nil, "form.yaml:11:", "«rows» — список"),
        ("computed:\n  - {name: t, value: 'amount +* 2'}\n", nil, "form.yaml:11:", "ошибка в выражении"),
        ("rules:\n  - {check: amount > 0, field: amout, message: м}\n", nil, "form.yaml:11:", "нет поля «amout»"),
        ("rules:\n  - {check: amount > 0, field: amount, message: 'итог {amont}'}\n", nil, "form.yaml:11:", "нет поля «amont»"),
        ("rules:\n  - {check: sum > 0, each: name, field: sum, message: м}\n", nil, "form.yaml:11:", "не список"),
        ("", "# Форма\n\nСумма {{amount:word}}\n", "document.md:3:7", "неизвестная форма значения «word»"),
        ("", "# Форма\n\nИмя {{name:words}}\n", "document.md:3:5", "не подходит полю"),
        ("", "# Форма\n\nСтрока {{rows[].sum}}\n", "document.md:3:8", "вне таблицы"),
        ("", "# Форма\n\n<b>{{name}}</b>\n", "document.md:3:1", "HTML"),
    ] as [(String, String?, String, String)])
    func definitionMistakesArePointedAt(addition: String, document: String?, position: String, message: String) throws {
        let problems = try Self.problems(form: Self.fields + addition, document: document ?? "# Форма\n\n{{name}}\n")
        let match = problems.first { ($0.location?.description ?? "").contains(position) && $0.message.contains(message) }
        #expect(match != nil, "expected \(position) «\(message)», got:\n\(DiagnosticFormatter.text(problems))")
    }
}
