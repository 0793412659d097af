import Content
import Foundation
import Mustache
import RussianText

/// An order of a registry's listing: by a column, ascending or descending.
struct SortOrder: Sendable, Equatable {
    let field: String
    let descending: Bool

    /// The folder of the listing in this order, below the collection's: `sort/area-desc/`.
    var path: String { "sort/\(field)\(descending ? "-desc" : "")/" }

    static func `default`(_ schema: Schema) -> SortOrder { SortOrder(field: schema.sortField, descending: schema.sortDescending) }
}

/// The listing of a registry: a table that works without JavaScript (the whole list, every column
/// sortable through links to pre-built pages, one per column and direction) and that
/// assets/registry.js filters in place. Its open data and feed are outputs of their own.
struct RegistryPage: PageKind {
    func pages(_ model: SiteModel) -> [OutputUnit] {
        model.portal.collections.enumerated().flatMap { c, collection -> [OutputUnit] in
            guard let registry = collection.schema.registry else { return [] }
            let listing = SectionPage.unit(.collection(c), path: collection.id + "/", layout: collection.schema.listLayout, listed: true)
            let orders = registry.columns.flatMap { field in [false, true].map { SortOrder(field: field, descending: $0) } }
                .filter { $0 != .default(collection.schema) }
            return [listing] + orders.map { order in
                SectionPage.unit(.sorted(collection: c, order: order), path: collection.id + "/" + order.path, layout: "registry",
                                 listed: false)
            }
        }
    }

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> Context {
        let (c, order): (Int, SortOrder?) = switch unit.subject {
        case .collection(let c): (c, nil)
        case .sorted(let c, let order): (c, order)
        default: preconditionFailure("a registry page is planned for a collection")
        }
        let collection = reader.collection(at: c)
        var head = SectionPage.head(collection, unit, reader)
        head.page.noIndex = order != nil
        return Context(section: head, registry: registry(collection, order: order ?? .default(collection.schema), reader))
    }

    struct Context: PageContent {
        let section: SectionPage.Head
        let registry: [String: Any]
        var trail: [Link] { section.trail }

        func child(named name: String) -> Any? {
            switch name {
            case "page": SectionPage.PageView(section: section)
            case "registry": registry
            default: section.child(named: name)
            }
        }
    }

    private func listingURL(_ collection: CollectionReader, _ order: SortOrder, _ reader: ModelReader) -> String {
        reader.url(collection.id + "/" + (order == .default(collection.schema) ? "" : order.path))
    }

    private func registry(_ collection: CollectionReader, order: SortOrder, _ reader: ModelReader) -> [String: Any] {
        let schema = collection.schema
        let registry = schema.registry!
        let fields = registry.columns.compactMap(schema.field(named:))
        let items = collection.sorted(by: order.field, descending: order.descending, reader)
        let numeric: Set<FieldType> = [.integer, .decimal, .money, .percent]
        func label(_ field: Field) -> String { field.name == "title" ? registry.titleLabel ?? field.label : field.label }

        let columns = fields.map { field -> [String: Any] in
            let sorted = order.field == field.name
            let next = SortOrder(field: field.name, descending: sorted && !order.descending)
            var column: [String: Any] = ["label": label(field), "url": listingURL(collection, next, reader),
                                         "next": next.descending ? "по убыванию" : "по возрастанию"]
            if sorted { column["aria_sort"] = order.descending ? "descending" : "ascending" }
            column["arrow"] = sorted ? (order.descending ? "↓" : "↑") : nil
            column["numeric"] = numeric.contains(field.type) ? true : nil
            return column
        }
        let filterFields = registry.filters.compactMap(schema.field(named:))
        let rows = items.map { item -> [String: Any] in
            var row: [String: Any] = ["title": item.title]
            if schema.itemPages { row["url"] = reader.url(collection.id + "/" + item.slug + "/") }
            row["example"] = item.isExample ? true : nil
            row["cells"] = fields.map { field -> [String: Any] in
                var cell: [String: Any] = ["label": label(field)]
                if field.name == "title" {
                    cell["is_title"] = true
                } else {
                    cell["text"] = item.values[field.name].map { Self.cellText($0, reader) } ?? "—"
                }
                cell["numeric"] = numeric.contains(field.type) ? true : nil
                return cell
            }
            // `|a|b|`: the values a filter matches, bounded so that one value is never part of another.
            row["filters"] = filterFields.map { field -> [String: Any] in
                ["name": field.name, "values": "|" + Self.filterOptions(item.values[field.name], reader).map(\.key).joined(separator: "|") + "|"]
            }
            return row
        }
        var groups: [[String: Any]] = []
        if let groupField = registry.groupBy.flatMap(schema.field(named:)) {
            var byTitle: [String: [[String: Any]]] = [:]
            for (item, row) in zip(items, rows) {
                let title = item.values[groupField.name].map { Self.cellText($0, reader) } ?? "Без указания"
                byTitle[title, default: []].append(row)
            }
            groups = byTitle.keys.sorted { compareRussian($0, $1) }.enumerated().map { index, title in
                ["title": title, "id": "group-\(index + 1)", "rows": byTitle[title]!, "count": String(byTitle[title]!.count)]
            }
        } else {
            groups = [["rows": rows]]
        }

        var context: [String: Any] = [
            "columns": columns, "groups": groups, "total": String(items.count),
            "filters": filterFields.map { Self.filterContext($0, items: items, reader) },
            "csv": reader.url(collection.id + "/data.csv"), "json": reader.url(collection.id + "/data.json"),
            "datapackage": reader.url(collection.id + "/datapackage.json"),
        ]
        if registry.feed { context["feed"] = reader.url(collection.id + "/feed.xml") }
        if !registry.calendar.isEmpty { context["calendar"] = reader.url(OutputFiles.calendar) }
        if let updated = collection.intro?.updated { context["updated"] = TemplateDate(date: updated) }
        context["order"] = order == .default(schema) ? nil : [
            "label": schema.field(named: order.field)?.label ?? order.field,
            "direction": order.descending ? "по убыванию" : "по возрастанию",
            "canonical": reader.settings.baseURL + collection.id + "/",
        ]
        return context
    }

    /// A filter: its options are the values that occur, in the schema's order for choices.
    private static func filterContext(_ field: Field, items: [Item], _ reader: ModelReader) -> [String: Any] {
        var seen: [String: String] = [:]
        for item in items {
            for (key, label) in filterOptions(item.values[field.name], reader) { seen[key] = label }
        }
        let keys: [String]
        if !field.choices.isEmpty {
            keys = field.choices.map(\.value).filter { seen[$0] != nil }
        } else {
            keys = seen.keys.sorted { compareRussian(seen[$0]!, seen[$1]!) }
        }
        return ["name": field.name, "label": field.label, "id": "filter-\(field.name)",
                "options": keys.map { ["value": $0, "label": seen[$0]!] }]
    }

    /// The values a filter matches a field's value by, each with what the filter shows for it.
    private static func filterOptions(_ value: Value?, _ reader: ModelReader) -> [(key: String, label: String)] {
        switch value {
        case .choice(let c)?: return [(c.value, c.label)]
        case .reference(let r)?: return [(r.slug, reader.target(r)?.title ?? r.slug)]
        case .list(let values)?: return values.flatMap { filterOptions($0, reader) }
        case let v?: return [(v.plainText, v.plainText)]
        case nil: return []
        }
    }

    /// A value in a table cell: the cell style, with references by their targets' titles.
    static func cellText(_ value: Value, _ reader: ModelReader) -> String {
        switch value {
        case .reference(let r): return reader.target(r)?.title ?? r.slug
        case .list(let values): return values.map { cellText($0, reader) }.joined(separator: ", ")
        default: return value.text(.cell)
        }
    }
}

/// Russian alphabetical order: «ё» with «е», case ignored.
func compareRussian(_ a: String, _ b: String) -> Bool {
    func key(_ s: String) -> String { s.lowercased().replacingOccurrences(of: "ё", with: "е") }
    return key(a) == key(b) ? a < b : key(a) < key(b)
}

extension Item {
    var isExample: Bool { values["example"] == .boolean(true) }
}
