import Content
import Foundation
import TemplateEngine

/// An item's page: its text, its fields, what refers to it, its dates and the form it presents.
/// (Items of legal collections have a page kind of their own, `LegalDocumentPage`.)
struct ItemPage: PageKind {
    func pages(_ model: SiteModel) -> [OutputUnit] { Self.pages(model, legal: false) }

    static func pages(_ model: SiteModel, legal: Bool) -> [OutputUnit] {
        model.portal.collections.enumerated().flatMap { c, collection -> [OutputUnit] in
            guard collection.schema.itemPages, collection.schema.legal == legal else { return [] }
            return collection.items.indices.map { i in
                let path = collection.id + "/" + collection.items[i].slug + "/"
                return OutputUnit(subject: .item(collection: c, item: i), key: path + "index.html", path: path,
                            layout: collection.schema.layout, isListedPage: true)
            }
        }
    }

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> Context {
        let context = Self.context(unit, reader)
        if let body = reader.body(of: context.item) {
            context.page.body = ItemParts.markdown(body, file: context.item.sourceFile, line: context.item.bodyLine, reader)
        }
        return context
    }

    /// The context of an item's page without its body, which plain items and legal documents make differently.
    static func context(_ unit: OutputUnit, _ reader: ModelReader) -> Context {
        guard case let .item(c, i) = unit.subject else { preconditionFailure("an item page is planned for an item") }
        let collection = reader.collection(at: c)
        let item = reader.item(c, i)
        let (fields, data) = ItemParts.display(item, schema: collection.schema, reader)
        let page = View(head: PageHead(url: reader.url(unit.path), title: item.title, description: item.description),
                        example: item.isExample, fields: fields, data: data)
        page.form = reader.form(of: item, in: collection).map { FormSection($0, path: unit.path, reader) }
        let record = reader.contest(of: item)
        page.contest = record?.subsidy.map { ContestResultsView($0.contest, $0.results, path: unit.path, reader) }
        page.propertyResults = record?.property.map { PropertyResultsView($0.contest, $0.scores, object: $0.object, reader) }
        page.support = SupportRow.rows(of: item, reader)
        page.grant = GrantView(of: item, reader)
        page.backlinks = reader.backlinks(of: item).map { group in
            Backlinks(title: group.collection.title, url: reader.url(group.collection.id + "/"), items: group.items.map { other in
                Link(title: other.title, url: group.collection.schema.itemPages ? reader.url(group.collection.id + "/" + other.slug + "/") : nil)
            })
        }
        let entries = reader.schedule(of: item)
        if !entries.isEmpty {
            page.hasSchedule = true
            // One date (an event's) is already among the fields; several make a timeline.
            page.schedule = entries.count == 1 ? [] : entries.map { entry in
                ScheduleRow(title: entry.title, iso: entry.iso, text: entry.text, note: entry.note, past: entry.date < reader.now)
            }
            page.ics = reader.url(unit.path + ItemCalendarOutput.fileName(item))
        }
        return Context(item: item, schema: collection.schema, page: page, collection: Link(collection, reader),
                       trail: Link.ancestors(of: collection, including: true, reader))
    }

    final class Context: PageContent {
        let item: Item
        /// The schema of the item's collection.
        let schema: Schema
        var page: View
        let collection: Link
        let trail: [Link]

        init(item: Item, schema: Schema, page: View, collection: Link, trail: [Link]) {
            self.item = item
            self.schema = schema
            self.page = page
            self.collection = collection
            self.trail = trail
        }

        func child(named name: String) -> Any? {
            switch name {
            case "page": page
            case "collection": collection
            default: nil
            }
        }
    }

    /// `page.*` of an item's page.
    final class View: TemplateObject {
        let head: PageHead
        var body: String?
        let example: Bool
        let fields: [ItemParts.Shown]
        let data: [String: Any]
        var form: FormSection?
        /// A contest's computed results; the support an organisation received in them.
        var contest: ContestResultsView?
        var propertyResults: PropertyResultsView?
        var support: [SupportRow] = []
        /// A property object's recipient, from the competition that granted it.
        var grant: GrantView?
        var backlinks: [Backlinks] = []
        var hasSchedule = false
        var schedule: [ScheduleRow]?
        var ics: String?
        /// A legal document's download and outline.
        var odt: String?
        var contents: [LegalDocumentPage.ContentsEntry]?
        var glossary: [LegalDocumentPage.GlossaryEntry]?
        /// Its structured tables as open data (`LegalTableDataOutput`): each table's name and files.
        var tableData: [[String: String]]?
        var datapackage: String?

        init(head: PageHead, example: Bool, fields: [ItemParts.Shown], data: [String: Any]) {
            (self.head, self.example, self.fields, self.data) = (head, example, fields, data)
        }

        func child(named name: String) -> Any? {
            switch name {
            case "is_item": true
            case "body": body
            case "example": example ? true : nil
            case "fields": fields
            // The short fields beside the text on a wide screen; the tables in the text's column.
            case "facts": fields.filter { !$0.wide }
            case "wide_fields": fields.filter(\.wide)
            case "data": data
            case "date": data["date"]
            case "form": form
            case "contest": contest
            case "property_results": propertyResults
            case "grant": grant
            case "support": support
            case "backlinks": backlinks
            case "has_schedule": hasSchedule ? true : nil
            case "schedule": schedule
            case "ics": ics
            case "odt": odt
            case "contents": contents
            case "glossary": glossary
            case "table_data": tableData
            case "datapackage": datapackage
            default: head.child(named: name)
            }
        }
    }

    /// The items of one collection that refer to this one: an organisation's projects.
    final class Backlinks: TemplateObject {
        let title: String
        let url: String
        let items: [Link]

        init(title: String, url: String, items: [Link]) {
            self.title = title
            self.url = url
            self.items = items
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "url": url
            case "items": items
            default: nil
            }
        }
    }

    /// A date of the item's timeline.
    final class ScheduleRow: TemplateObject {
        let title: String
        let iso: String
        let text: String
        let note: String?
        let past: Bool

        init(title: String, iso: String, text: String, note: String?, past: Bool) {
            self.title = title
            self.iso = iso
            self.text = text
            self.note = note
            self.past = past
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "iso": iso
            case "text": text
            case "note": note
            case "past": past ? true : nil
            default: nil
            }
        }
    }
}
