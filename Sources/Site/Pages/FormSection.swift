import Content
import Forms
import TemplateEngine

/// What a form's page offers (`page.form`): the form to fill on the page (the forms engine in the
/// browser, when the build has it), its blank (ODT to fill in, HTML to print), its sample filled in
/// (both made by `FormFilesOutput`), and the list of its fields for those who prepare the data.
final class FormSection: TemplateObject {
    let id: String
    let source: String?
    let links: [String: String]
    let fields: [FieldRow]
    /// The engine's address; nil without it (the page then offers the files only).
    let engine: String?
    let form: FormDefinition

    init(_ form: FormDefinition, path: String, _ reader: ModelReader) {
        (id, source, self.form) = (form.id, form.source, form)
        links = Dictionary(uniqueKeysWithValues: FormFilesOutput.files(of: form).map { ($0.key, reader.url(path + $0.name)) })
        fields = Self.rows(form.fields, prefix: "")
        engine = reader.formsEngine.map { _ in reader.url(FormsEngineOutput.path) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "source": source
        case "fields": fields
        case "engine": engine
        // A model act filled from a profile: its page words the section for a region's lawyer.
        case "act": form.requiresEverySlot ? true : nil
        case "answers": AnswerForm.html(form)
        // In a script element: «<» escaped, so that no «</script>» in a text can end it.
        case "definition": form.json.replacingOccurrences(of: "<", with: "\\u003c")
        default: links[name]
        }
    }

    /// A field as those who prepare a form's data need it: its path in the data file and what it expects.
    struct FieldRow: TemplateObject {
        let path: String
        let label: String
        let required: Bool
        let expected: String?

        func child(named name: String) -> Any? {
            switch name {
            case "path": path
            case "label": label
            case "required": required ? ValueFormat.yesNo(true) : nil
            case "expected": expected
            default: nil
            }
        }
    }

    private static func rows(_ fields: [Field], prefix: String) -> [FieldRow] {
        fields.flatMap { field -> [FieldRow] in
            let path = prefix + field.name + (field.type == .list ? "[]" : "")
            var expected = field.type != .object && field.type != .list ? field.type.expectation : nil
            if !field.choices.isEmpty { expected = "одно из: " + field.choices.map(\.label).joined(separator: "; ") }
            return [FieldRow(path: path, label: field.label, required: field.required, expected: expected)]
                + rows(field.subfields, prefix: path + ".")
        }
    }
}
