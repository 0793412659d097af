import Content
import Diagnostics
import Foundation
import Markup
import ODFPackage
import TemplateEngine

/// A legal document's page: the text with its structure (units anchored, references linked,
/// structured tables in place), its contents and glossary, and beside it the same text as an
/// OpenDocument file — both from one analysis of the text, the costliest step of a legal build.
struct LegalDocumentPage: PageKind {
    func pages(_ model: SiteModel) -> [OutputUnit] { ItemPage.pages(model, legal: true) }

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> ItemPage.Context {
        let context = ItemPage.context(unit, reader)
        let item = context.item
        guard let body = reader.body(of: item) else { return context }
        let schema = context.schema
        let outline = Self.outline(item, body: body, schema: schema, reader)
        context.page.body = HTMLRenderer.render(outline.document)
        let odt = item.slug + ".odt"
        if let data = odtPackage(outline.document, item: item, schema: schema, path: unit.path, reader) {
            files[unit.path + odt] = data
            context.page.odt = reader.url(unit.path + odt)
        }
        context.page.contents = outline.contents.filter { $0.level <= 4 }.map { entry in
            ContentsEntry(title: entry.title, url: "#" + entry.anchor, level: String(entry.level))
        }
        context.page.glossary = outline.glossary.map { GlossaryEntry(term: $0.term, url: $0.anchor.map { "#" + $0 }) }
        let tables = LegalTableDataOutput.tables(of: item, schema: schema)
        if !tables.isEmpty {
            context.page.tableData = tables.map { field, _ in
                let name = LegalTableDataOutput.fileName(field.role)
                return ["title": field.label, "csv": reader.url(unit.path + name + ".csv"), "json": reader.url(unit.path + name + ".json")]
            }
            context.page.datapackage = reader.url(unit.path + "datapackage.json")
        }
        return context
    }

    final class ContentsEntry: TemplateObject {
        let title: String
        let url: String
        let level: String

        init(title: String, url: String, level: String) {
            self.title = title
            self.url = url
            self.level = level
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "url": url
            case "level": level
            default: nil
            }
        }
    }

    final class GlossaryEntry: TemplateObject {
        let term: String
        let url: String?

        init(term: String, url: String?) {
            self.term = term
            self.url = url
        }

        func child(named name: String) -> Any? {
            switch name {
            case "term": term
            case "url": url
            default: nil
            }
        }
    }

    /// A legal text with its structure: structured tables in place, units anchored, references linked.
    static func outline(_ item: Item, body: String, schema: Schema, _ reader: ModelReader) -> LegalOutline {
        var problems: [Diagnostic] = []
        defer { reader.reads.report(problems) }
        var document = ItemParts.parse(body, file: item.sourceFile, line: item.bodyLine, &problems)
        document.blocks = document.blocks.map { insertTables($0, item: item, schema: schema, &problems) }
        // What «настоящего …» in the main text means: the act's kind, else the first word of its title.
        let kind = (schema.value(.actKind, of: item)?.plainText ?? item.title.split(separator: " ").first.map(String.init) ?? "")
        let outline = LegalStructure.analyze(document, kind: kind.lowercased())
        let known = knownWrongReferences(in: schema.value(.actSource, of: item)?.plainText, reader)
        // One message per reference, naming every part of it that is missing.
        var missing: [(line: Int, text: String, anchors: [String])] = []
        for reference in outline.unresolved where !known.contains(where: { $0.contains(reference.text) }) {
            if let last = missing.last, last.line == reference.line, last.text == reference.text {
                missing[missing.count - 1].anchors.append(reference.anchor)
            } else {
                missing.append((reference.line, reference.text, [reference.anchor]))
            }
        }
        for reference in missing {
            let anchors = reference.anchors.map { "#" + $0 }.joined(separator: ", ")
            problems.append(.warning("unresolved-reference",
                                     at: SourceLocation(file: item.sourceFile, line: item.bodyLine + reference.line - 1),
                                     "ссылка «\(reference.text)» ведёт на часть документа, которой нет (\(anchors))",
                                     hint: "проверьте номер; если так в источнике, внесите ссылку в список неточностей источников"))
        }
        return outline
    }

    /// Passages of a source listed as wrong references in the portal's list of source defects.
    private static func knownWrongReferences(in source: String?, _ reader: ModelReader) -> [String] {
        // The list is read whatever the source: a defect added for this document renders it again.
        guard let id = reader.settings.sourceDefects, let defects = reader.collection(id) else { return [] }
        let items = defects.items
        guard let source else { return [] }
        let schema = defects.schema
        return items.compactMap { defect in
            guard schema.value(.defectSource, of: defect)?.plainText == source,
                  case .choice(let kind)? = schema.value(.defectKind, of: defect), kind.value == "wrong-reference" else { return nil }
            return schema.value(.defectText, of: defect)?.plainText.replacingOccurrences(of: "\u{00A0}", with: " ")
        }
    }

    /// Replaces `::: table NAME` by the structured table NAME of the item's front matter.
    private static func insertTables(_ block: Block, item: Item, schema: Schema, _ diagnostics: inout [Diagnostic]) -> Block {
        guard case var .container(c) = block else { return block }
        if c.kind == .table {
            let name = c.argument ?? ""
            if let table = LegalTables.table(named: name, of: item, schema: schema) { return .table(table) }
            diagnostics.append(.error("missing-table", at: SourceLocation(file: item.sourceFile, line: item.bodyLine + c.line - 1),
                                      "таблица «\(name)» не найдена в метаданных",
                                      hint: "данные таблицы задаются в поле «\(name)» в начале файла; в схеме у этого поля роль таблицы (composition-table или plan-table)"))
            return block
        }
        c.blocks = c.blocks.map { insertTables($0, item: item, schema: schema, &diagnostics) }
        return .container(c)
    }

    /// The document as an OpenDocument text, dated by the build's `--now` so that it is reproducible.
    private func odtPackage(_ document: Document, item: Item, schema: Schema, path: String, _ reader: ModelReader) -> Data? {
        let metadata = ODFMetadata(title: item.title, subject: schema.value(.actKind, of: item)?.plainText,
                                   description: item.description, creationDate: reader.now)
        // A text without its own heading block (a methodological material) opens with the page title.
        var document = document
        let titled = document.blocks.contains {
            if case let .container(c) = $0 { return c.kind == .header }
            if case let .heading(h) = $0 { return h.level <= 2 }
            return false
        }
        if !titled { document.blocks.insert(.heading(Heading(level: 1, content: [.text(item.title)])), at: 0) }
        do {
            return try ODFWriter(baseURL: URL(string: reader.settings.baseURL + path)).write(document, metadata: metadata)
        } catch {
            reader.reads.report(.error("odt-failed", at: item.location, "не удалось составить файл ODT: \(error)"))
            return nil
        }
    }
}
