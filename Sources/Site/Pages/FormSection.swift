import Content
import Forms
import Mustache

/// What a form's page offers (`page.form`): its blank (ODT to fill in, HTML to print), its sample
/// filled in (both made by `FormFilesOutput`), and the list of its fields for those who prepare the data.
final class FormSection: MustacheParent {
    let id: String
    let source: String?
    let links: [String: String]
    let fields: [FieldRow]

    init(_ form: FormDefinition, path: String, _ reader: ModelReader) {
        (id, source) = (form.id, form.source)
        links = Dictionary(uniqueKeysWithValues: FormFilesOutput.files(of: form).map { ($0.key, reader.url(path + $0.name)) })
        fields = Self.rows(form.fields, prefix: "")
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "source": source
        case "fields": fields
        default: links[name]
        }
    }

    /// A field as those who prepare a form's data need it: its path in the data file and what it expects.
    struct FieldRow: MustacheParent {
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
