import Content
import Forms
import Foundation

/// A form's blank (ODT to fill in, HTML to print) and its sample filled in, beside the page that
/// presents the form: made by the same `FormRenderer` as `nko form render`.
struct FormFilesOutput: Output {
    /// The files of a form's page: the key of each in `page.form`, and its name.
    /// A model act has no blank of its own (its page is the model); its sample is the act
    /// filled from the portal's profile.
    static func files(of form: FormDefinition) -> [(key: String, name: String)] {
        (form.requiresEverySlot ? [] : [("blank_odt", "\(form.id)-blank.odt"), ("blank_html", "\(form.id)-blank.html")])
            + (form.sample == nil ? [] : [("sample_odt", "\(form.id)-sample.odt"), ("sample_html", "\(form.id)-sample.html")])
    }

    func plan(_ model: SiteModel) -> [OutputUnit] {
        model.portal.collections.enumerated().flatMap { c, collection -> [OutputUnit] in
            guard collection.schema.itemPages, model.mayPresentForms(collection.schema) else { return [] }
            // Items are read in place: a copy of each would retain all its fields, on every build.
            return collection.items.indices.compactMap { i in
                guard let form = model.form(of: collection.items[i], schema: collection.schema), let first = Self.files(of: form).first
                else { return nil }
                return OutputUnit(subject: .item(collection: c, item: i), key: collection.id + "/" + collection.items[i].slug + "/" + first.name)
            }
        }
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        guard case let .item(c, i) = unit.subject else { return [:] }
        let item = reader.item(c, i)
        guard let form = reader.form(of: item, in: reader.collection(at: c)) else { return [:] }
        let folder = (unit.key as NSString).deletingLastPathComponent + "/"
        let renderer = FormRenderer(form: form)
        let date = reader.now  // the build's `--now`, so that the documents are reproducible
        var files: [String: Data] = [:]
        do {
            for file in Self.files(of: form) {
                let record = file.key.hasPrefix("sample") ? form.sample?.withoutPersonalData(form.fields) : nil
                files[folder + file.name] = file.key.hasSuffix("odt") ? try renderer.odt(record, date: date) : Data(renderer.html(record).utf8)
            }
        } catch {
            reader.reads.report(.error("odt-failed", at: item.location, "не удалось составить бланк формы «\(form.id)»: \(error)"))
        }
        return files
    }
}
