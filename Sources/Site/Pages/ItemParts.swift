import Content
import Diagnostics
import Foundation
import Markup
import RussianText
import TemplateEngine

/// What the pages of items show of them — fields for display, typed data for templates, Markdown
/// — shared by plain items, legal documents and the listings of sections.
enum ItemParts {
    /// Renders Markdown; raw HTML is dropped, and the editor is told where it was (`quiet`: not
    /// here, the item's own page tells).
    static func markdown(_ text: String, file: String, line: Int, _ reader: ModelReader, quiet: Bool = false) -> String {
        var problems: [Diagnostic] = []
        let html = HTMLRenderer.render(parse(text, file: file, line: line, &problems))
        if !quiet { reader.reads.report(problems) }
        return html
    }

    /// Reads Markdown into a document tree and reports what an editor must fix or know.
    static func parse(_ text: String, file: String, line: Int, _ diagnostics: inout [Diagnostic]) -> Document {
        let rendered = Markdown.parse(text)
        for problem in rendered.problems {
            let at = SourceLocation(file: file, line: line + problem.line - 1, column: problem.column)
            diagnostics.append(problem.isError ? .error("legal-markup", at: at, problem.message, hint: problem.hint)
                                               : .warning("legal-markup", at: at, problem.message, hint: problem.hint))
        }
        for raw in rendered.rawHTML {
            let at = SourceLocation(file: file, line: line + raw.line - 1, column: raw.column)
            let snippet = raw.text.count > 40 ? String(raw.text.prefix(40)) + "…" : raw.text
            if raw.isActive {
                diagnostics.append(.error("raw-html-script", at: at,
                                          "в тексте есть исполняемая HTML-разметка «\(snippet)»: на сайт она не попадёт",
                                          hint: "удалите её; сценарии, стили и встроенные объекты в материалах портала запрещены"))
            } else {
                diagnostics.append(.warning("raw-html", at: at,
                                            "HTML-разметка «\(snippet)» в тексте не выводится",
                                            hint: "используйте разметку Markdown: **жирный**, *курсив*, [ссылка](https://…)"))
            }
        }
        for heading in rendered.topHeadings {
            diagnostics.append(.warning("top-heading", at: SourceLocation(file: file, line: line + heading.line - 1,
                                                                          column: heading.column),
                                        "заголовок первого уровня в тексте: у страницы он уже есть — её название",
                                        hint: "начинайте заголовки в тексте с «## »"))
        }
        return rendered.document
    }

    /// A field shown on the item's page (`page.fields`): markup made here, or text the template escapes.
    final class Shown: TemplateObject {
        let name: String
        let label: String
        let markup: String
        let isHTML: Bool
        /// A table of records: it takes the text column's width, under its label, rather than a row
        /// of the facts beside the text (`page.wide_fields`, not `page.facts`).
        let wide: Bool

        init(name: String, label: String, markup: String, isHTML: Bool, wide: Bool) {
            self.name = name
            self.label = label
            self.markup = markup
            self.isHTML = isHTML
            self.wide = wide
        }

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "label": label
            case "html": isHTML ? markup : nil
            case "text": isHTML ? nil : markup
            case "wide": wide ? true : nil
            default: nil
            }
        }
    }

    /// The item's fields for display (in schema order) and typed, by name (`page.data`).
    static func display(_ item: Item, schema: Schema, withFields: Bool = true, _ reader: ModelReader,
                        quiet: Bool = false) -> (fields: [Shown], data: [String: Any]) {
        let values = Values(reader: reader, file: item.sourceFile, quiet: quiet)
        var fields: [Shown] = []
        var data: [String: Any] = [:]
        for field in schema.fields where item.values[field.name] != nil {
            let value = item.values[field.name]!
            if field.show && withFields {
                let shown = values.show(value, field: field)
                fields.append(Shown(name: field.name, label: field.label, markup: shown.markup, isHTML: shown.isHTML,
                                    wide: holdsTable(field)))
            }
            data[field.name] = values.typed(value, field: field)
        }
        return (fields, data)
    }

    /// An item in a section's listing (`items`).
    final class Listed: TemplateObject {
        let title: String
        let url: String?
        let description: String?
        let data: [String: Any]

        init(title: String, url: String?, description: String?, data: [String: Any]) {
            self.title = title
            self.url = url
            self.description = description
            self.data = data
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "url": url
            case "description": description
            case "data": data
            case "date": data["date"]
            default: nil
            }
        }
    }

    /// A list of records of plain fields, shown as a table.
    static func isRecords(_ field: Field) -> Bool {
        field.type == .list && field.element.type == .object && field.element.subfields.allSatisfy(\.isScalar)
    }

    /// A field shown as a table, or holding one.
    private static func holdsTable(_ field: Field) -> Bool {
        isRecords(field) || (field.type == .object && field.subfields.contains(where: holdsTable))
    }

    static func listed(_ item: Item, in collection: CollectionReader, _ reader: ModelReader) -> Listed {
        let url = collection.schema.itemPages ? reader.url(collection.id + "/" + item.slug + "/") : nil
        // Problems of the values are reported once, on the item's own page.
        let data = display(item, schema: collection.schema, withFields: false, reader, quiet: true).data
        return Listed(title: item.title, url: url, description: item.description, data: data)
    }
}

/// Values as pages show them: markup for display, typed values for templates.
private struct Values {
    let reader: ModelReader
    let file: String
    let quiet: Bool

    func markdown(_ text: String, line: Int) -> String {
        ItemParts.markdown(text, file: file, line: line, reader, quiet: quiet)
    }

    /// A value for display: plain text (escaped by the template) or markup made here.
    func show(_ value: Value, field: Field) -> (markup: String, isHTML: Bool) {
        switch value {
        case .string(let s):
            switch field.type {
            case .url: return ("<a href=\"\(HTMLRenderer.escape(s))\">\(HTMLRenderer.escape(s))</a>", true)
            case .email: return ("<a href=\"mailto:\(HTMLRenderer.escape(s))\">\(HTMLRenderer.escape(s))</a>", true)
            case .phone: return ("<a href=\"tel:\(SiteContext.phoneURI(s))\">\(HTMLRenderer.escape(s))</a>", true)
            case .text where s.contains("\n"):
                return (s.split(separator: "\n", omittingEmptySubsequences: false).map { HTMLRenderer.escape(String($0)) }
                    .joined(separator: "<br>"), true)
            default: return (s, false)
            }
        case .markdown(let text, let line):
            return (markdown(text, line: line), true)
        case .list(let values) where ItemParts.isRecords(field):
            return (table(values, of: field), true)
        case .list(let values):
            let items = values.map { v -> String in
                let shown = show(v, field: field.element)
                return "<li>" + (shown.isHTML ? shown.markup : HTMLRenderer.escape(shown.markup)) + "</li>"
            }
            return ("<ul>" + items.joined() + "</ul>", true)
        case .object where field.type == .breakdown:
            return (Self.breakdownHTML(value), true)
        case .object(let entries):
            let rows = entries.compactMap { entry -> String? in
                guard let sub = field.subfields.first(where: { $0.name == entry.name }) else { return nil }
                let shown = show(entry.value, field: sub)
                return "<dt>\(HTMLRenderer.escape(sub.label))</dt><dd>" + (shown.isHTML ? shown.markup : HTMLRenderer.escape(shown.markup)) + "</dd>"
            }
            return ("<dl>" + rows.joined() + "</dl>", true)
        case .reference(let ref):
            guard let target = reader.target(ref) else { return (ref.slug, false) }
            let url = reader.url(ref.collection + "/" + ref.slug + "/")
            return ("<a href=\"\(HTMLRenderer.escape(url))\">\(HTMLRenderer.escape(target.title))</a>", true)
        default:
            return (value.text(.page), false)
        }
    }

    /// Records of a few plain fields (the winners of a contest, the amendments of an act) as a
    /// table, a column per field: a list of them would repeat every label for every record.
    private func table(_ records: [Value], of field: Field) -> String {
        let columns = field.element.subfields.filter { sub in records.contains { $0[entry: sub.name] != nil } }
        func numeric(_ f: Field) -> Bool { [.money, .integer, .decimal, .percent].contains(f.type) }
        let header = columns.map { "<th scope=\"col\"\(numeric($0) ? " class=\"number\"" : "")>\(HTMLRenderer.escape($0.label))</th>" }.joined()
        let rows = records.map { record in
            "<tr>" + columns.map { column -> String in
                let shown = record[entry: column.name].map { show($0, field: column) } ?? (markup: "—", isHTML: false)
                let text = shown.isHTML ? shown.markup : HTMLRenderer.escape(shown.markup)
                return "<td\(numeric(column) ? " class=\"number\"" : "")>\(text)</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<div class=\"table-scroll\" role=\"region\" aria-label=\"\(HTMLRenderer.escape(field.label))\" tabindex=\"0\">"
            + "<table class=\"fields__table\"><thead><tr>\(header)</tr></thead><tbody>\n\(rows)\n</tbody></table></div>"
    }

    /// «Всего …, в том числе:» with the parts as a nested list, each with its own parts.
    private static func breakdownHTML(_ value: Value) -> String {
        func amount(_ v: Value) -> String {
            if case let .money(m)? = v[entry: "amount"] { return RussianFormat.money(m) }
            return ""
        }
        func parts(_ v: Value) -> String {
            guard case let .list(list)? = v[entry: "parts"], !list.isEmpty else { return "" }
            return "<ul>" + list.map { part in
                "<li>" + HTMLRenderer.escape(part[entry: "label"]?.plainText ?? "") + " — " + amount(part)
                    + (part[entry: "parts"] == nil ? "" : ", в том числе:") + parts(part) + "</li>"
            }.joined() + "</ul>"
        }
        let total = "Всего — " + amount(value) + (value[entry: "parts"] == nil ? "" : ", в том числе:")
        return "<div class=\"breakdown\"><p>" + total + "</p>" + parts(value) + "</div>"
    }

    /// A value as templates use it in `page.data`.
    func typed(_ value: Value, field: Field) -> Any {
        switch value {
        case .markdown(let text, let line): return markdown(text, line: line)
        case .list(let values): return values.map { typed($0, field: field.element) }
        case .object(let entries):
            var object: [String: Any] = [:]
            for entry in entries {
                guard let sub = field.subfields.first(where: { $0.name == entry.name }) else { continue }
                object[entry.name] = typed(entry.value, field: sub)
            }
            return object
        case .reference(let ref):
            var object: [String: Any] = ["slug": ref.slug, "url": reader.url(ref.collection + "/" + ref.slug + "/")]
            object["title"] = reader.target(ref)?.title
            return object
        default: return templateValue(value)
        }
    }
}
