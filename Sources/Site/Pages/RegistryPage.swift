import Content
import Foundation
import RussianText
import TemplateEngine

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

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> SectionPage.ListingContext<Registry> {
        let (c, order): (Int, SortOrder?) = switch unit.subject {
        case .collection(let c): (c, nil)
        case .sorted(let c, let order): (c, order)
        default: preconditionFailure("a registry page is planned for a collection")
        }
        let collection = reader.collection(at: c)
        let head = SectionPage.head(collection, unit, reader)
        head.page.noIndex = order != nil
        return SectionPage.ListingContext(head, "registry", registry(collection, order: order ?? .default(collection.schema), reader))
    }

    /// `registry.*`: the table, its filters, its data and the order it is in.
    final class Registry: TemplateObject {
        let columns: [Column]
        let groups: [Group]
        let total: String
        let filters: [Filter]
        let csv, json, datapackage: String
        var feed, calendar: String?
        var updated: TemplateDate?
        var order: Order?

        init(columns: [Column], groups: [Group], total: String, filters: [Filter], csv: String, json: String, datapackage: String, feed: String? = nil, calendar: String? = nil, updated: TemplateDate? = nil, order: Order? = nil) {
            self.columns = columns
            self.groups = groups
            self.total = total
            self.filters = filters
            self.csv = csv
            self.json = json
            self.datapackage = datapackage
            self.feed = feed
            self.calendar = calendar
            self.updated = updated
            self.order = order
        }

        func child(named name: String) -> Any? {
            switch name {
            case "columns": columns
            case "groups": groups
            case "total": total
            case "filters": filters
            case "csv": csv
            case "json": json
            case "datapackage": datapackage
            case "feed": feed
            case "calendar": calendar
            case "updated": updated
            case "order": order
            default: nil
            }
        }
    }

    /// A column's header: a link to the listing in the column's order (the other direction when it is the current one).
    final class Column: TemplateObject {
        let label, url, next: String
        let ariaSort, arrow: String?
        let numeric: Bool

        init(label: String, url: String, next: String, ariaSort: String?, arrow: String?, numeric: Bool) {
            self.label = label
            self.url = url
            self.next = next
            self.ariaSort = ariaSort
            self.arrow = arrow
            self.numeric = numeric
        }

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "url": url
            case "next": next
            case "aria_sort": ariaSort
            case "arrow": arrow
            case "numeric": numeric ? true : nil
            default: nil
            }
        }
    }

    /// The rows of one value of the grouping field (all rows, untitled, without one).
    final class Group: TemplateObject {
        var title, id, count: String?
        let rows: [Row]

        init(title: String? = nil, id: String? = nil, count: String? = nil, rows: [Row]) {
            self.title = title
            self.id = id
            self.count = count
            self.rows = rows
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "id": id
            case "count": count
            case "rows": rows
            default: nil
            }
        }
    }

    final class Row: TemplateObject {
        let title: String
        let url: String?
        let example: Bool
        let cells: [Cell]
        /// By filter: `|a|b|`, the values a filter matches, bounded so that one value is never part of another.
        let filters: [(name: String, values: String)]

        init(title: String, url: String?, example: Bool, cells: [Cell], filters: [(name: String, values: String)]) {
            self.title = title
            self.url = url
            self.example = example
            self.cells = cells
            self.filters = filters
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "url": url
            case "example": example ? true : nil
            case "cells": cells
            case "filters": filters.map { ["name": $0.name, "values": $0.values] }
            default: nil
            }
        }
    }

    final class Cell: TemplateObject {
        let label: String
        /// nil in the title's column, which the template fills with the row's linked title.
        let text: String?
        let numeric: Bool

        init(label: String, text: String?, numeric: Bool) {
            self.label = label
            self.text = text
            self.numeric = numeric
        }

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "is_title": text == nil ? true : nil
            case "text": text
            case "numeric": numeric ? true : nil
            default: nil
            }
        }
    }

    /// A filter: its options are the values that occur, in the schema's order for choices.
    final class Filter: TemplateObject {
        let name, label: String
        let options: [(value: String, label: String)]

        init(name: String, label: String, options: [(value: String, label: String)]) {
            self.name = name
            self.label = label
            self.options = options
        }

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "label": label
            case "id": "filter-" + self.name
            case "options": options.map { ["value": $0.value, "label": $0.label] }
            default: nil
            }
        }
    }

    /// A listing in another order than the default: what it is ordered by, and the canonical address.
    final class Order: TemplateObject {
        let label, direction, canonical: String

        init(label: String, direction: String, canonical: String) {
            self.label = label
            self.direction = direction
            self.canonical = canonical
        }

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "direction": direction
            case "canonical": canonical
            default: nil
            }
        }
    }

    private func listingURL(_ collection: CollectionReader, _ order: SortOrder, _ reader: ModelReader) -> String {
        reader.url(collection.id + "/" + (order == .default(collection.schema) ? "" : order.path))
    }

    private func registry(_ collection: CollectionReader, order: SortOrder, _ reader: ModelReader) -> Registry {
        let schema = collection.schema
        let registry = schema.registry!
        let fields = registry.columns.compactMap(schema.field(named:))
        let items = collection.sorted(by: order.field, descending: order.descending, reader)
        let numeric: Set<FieldType> = [.integer, .decimal, .money, .percent]
        func label(_ field: Field) -> String { field.name == "title" ? registry.titleLabel ?? field.label : field.label }
        func direction(_ descending: Bool) -> String { descending ? "по убыванию" : "по возрастанию" }

        let columns = fields.map { field in
            let sorted = order.field == field.name
            let next = SortOrder(field: field.name, descending: sorted && !order.descending)
            return Column(label: label(field), url: listingURL(collection, next, reader), next: direction(next.descending),
                          ariaSort: sorted ? (order.descending ? "descending" : "ascending") : nil,
                          arrow: sorted ? (order.descending ? "↓" : "↑") : nil, numeric: numeric.contains(field.type))
        }
        let filterFields = registry.filters.compactMap(schema.field(named:))
        let rows = items.map { item in
            Row(title: item.title, url: schema.itemPages ? reader.url(collection.id + "/" + item.slug + "/") : nil,
                example: item.isExample,
                cells: fields.map { field in
                    Cell(label: label(field),
                         text: field.name == "title" ? nil : item.values[field.name].map { Self.cellText($0, reader) } ?? "—",
                         numeric: numeric.contains(field.type))
                },
                filters: filterFields.map { field in
                    (field.name, "|" + Self.filterOptions(item.values[field.name], reader).map(\.key).joined(separator: "|") + "|")
                })
        }
        var groups = [Group(rows: rows)]
        if let groupField = registry.groupBy.flatMap(schema.field(named:)) {
            var byTitle: [String: [Row]] = [:]
            for (item, row) in zip(items, rows) {
                let title = item.values[groupField.name].map { Self.cellText($0, reader) } ?? "Без указания"
                byTitle[title, default: []].append(row)
            }
            groups = byTitle.keys.sorted { compareRussian($0, $1) }.enumerated().map { index, title in
                Group(title: title, id: "group-\(index + 1)", count: String(byTitle[title]!.count), rows: byTitle[title]!)
            }
        }
        let context = Registry(columns: columns, groups: groups, total: String(items.count),
                               filters: filterFields.map { Self.filter($0, items: items, reader) },
                               csv: reader.url(collection.id + "/data.csv"), json: reader.url(collection.id + "/data.json"),
                               datapackage: reader.url(collection.id + "/datapackage.json"))
        if registry.feed { context.feed = reader.url(collection.id + "/feed.xml") }
        if !registry.calendar.isEmpty { context.calendar = reader.url(OutputFiles.calendar) }
        context.updated = collection.intro?.updated.map { TemplateDate(date: $0) }
        if order != .default(schema) {
            context.order = Order(label: schema.field(named: order.field)?.label ?? order.field, direction: direction(order.descending),
                                  canonical: reader.settings.baseURL + collection.id + "/")
        }
        return context
    }

    private static func filter(_ field: Field, items: [Item], _ reader: ModelReader) -> Filter {
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
        return Filter(name: field.name, label: field.label, options: keys.map { ($0, seen[$0]!) })
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
