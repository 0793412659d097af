import Content
import Forms
import Foundation

/// A form's blank (ODT to fill in, HTML to print) and its sample filled in, beside the page that
/// presents the form: made by the same `FormRenderer` as `nko form render`.
struct FormFilesOutput: Output {
    /// The files of a form's page: the key of each in `page.form`, and its name.
    static func files(of form: FormDefinition) -> [(key: String, name: String)] {
        [("blank_odt", "\(form.id)-blank.odt"), ("blank_html", "\(form.id)-blank.html")]
            + (form.sample == nil ? [] : [("sample_odt", "\(form.id)-sample.odt"), ("sample_html", "\(form.id)-sample.html")])
    }

    func plan(_ model: SiteModel) -> [OutputUnit] {
        model.portal.collections.enumerated().flatMap { c, collection -> [OutputUnit] in
            let formFields = collection.schema.fields.filter { $0.type == .form }
            guard collection.schema.itemPages, !formFields.isEmpty else { return [] }
            return collection.items.indices.compactMap { i in
                let item = collection.items[i]
                guard let form = Self.form(of: item, fields: formFields, model.forms) else { return nil }
                return OutputUnit(subject: .item(collection: c, item: i), key: collection.id + "/" + item.slug + "/" + Self.files(of: form)[0].name)
            }
        }
    }

    private static func form(of item: Item, fields: [Field], _ forms: FormLibrary) -> FormDefinition? {
        for field in fields {
            if case let .string(id)? = item.values[field.name], let form = forms.form(id) { return form }
        }
        return nil
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        guard case let .item(c, i) = unit.subject else { return [:] }
        let item = reader.item(c, i)
        guard let form = reader.form(of: item, in: reader.collection(at: c)) else { return [:] }
        let folder = (unit.key as NSString).deletingLastPathComponent + "/"
        let renderer = FormRenderer(form: form)
        let date = reader.now.startOfDayUTC  // the build's `--now`, so that the documents are reproducible
        var files: [String: Data] = [:]
        do {
            files[folder + "\(form.id)-blank.odt"] = try renderer.odt(nil, date: date)
            files[folder + "\(form.id)-blank.html"] = Data(renderer.html(nil).utf8)
            if let sample = form.sample {
                files[folder + "\(form.id)-sample.odt"] = try renderer.odt(sample, date: date)
                files[folder + "\(form.id)-sample.html"] = Data(renderer.html(sample).utf8)
            }
        } catch {
            reader.reads.report(.error("odt-failed", at: item.location, "не удалось составить бланк формы «\(form.id)»: \(error)"))
        }
        return files
    }
}
