import Content
import Markup
import RussianText

/// An order of a registry's listing: by a column, ascending or descending.
struct SortOrder: Sendable, Equatable {
    let field: String
    let descending: Bool

    /// The folder of the listing in this order, below the collection's: `sort/area-desc/`.
    var path: String { "sort/\(field)\(descending ? "-desc" : "")/" }
}

/// The listing of a registry: a table that works without JavaScript (the whole list, every column
/// sortable through links to pre-built pages) and that assets/registry.js filters in place.
extension PageRenderer {
    static func defaultOrder(_ schema: Schema) -> SortOrder {
        SortOrder(field: schema.sortField, descending: schema.sortDescending)
    }

    /// One page per column and direction, apart from the default order (the listing itself).
    func sortPlans(collection index: Int) -> [PagePlan] {
        let collection = portal.collections[index]
        guard let registry = collection.schema.registry else { return [] }
        return registry.columns.flatMap { field in [false, true].map { SortOrder(field: field, descending: $0) } }
            .filter { $0 != Self.defaultOrder(collection.schema) }
            .map { order in
                let path = collection.id + "/" + order.path
                return PagePlan(source: .sorted(collection: index, order: order), path: path,
                                outputFile: path + "index.html", layout: "registry")
            }
    }

    func listingURL(_ collection: Collection, _ order: SortOrder) -> String {
        url(collection.id + "/" + (order == Self.defaultOrder(collection.schema) ? "" : order.path))
    }

    func referenceTitle(_ ref: Reference) -> String? {
        target(ref)?.title
    }

    func registryContext(_ collection: Collection, order: SortOrder, inputs: inout Set<String>) -> [String: Any] {
        let schema = collection.schema
        let registry = schema.registry!
        let fields = registry.columns.compactMap(schema.field(named:))
        let items = collection.sorted(by: order.field, descending: order.descending, referenceTitle: referenceTitle)
        dependOnItems(of: collection, &inputs)
        for case let .reference(ref) in items.flatMap({ $0.values.values.flatMap(\.references) }) {
            if let target = target(ref) {
                inputs.insert(target.sourceFile)
            }
        }

        let columns = fields.map { field -> [String: Any] in
            let sorted = order.field == field.name
            let next = SortOrder(field: field.name, descending: sorted && !order.descending)
            let label = field.name == "title" ? registry.titleLabel ?? field.label : field.label
            var column: [String: Any] = ["label": label, "url": listingURL(collection, next),
                                         "next": next.descending ? "по убыванию" : "по возрастанию"]
            if sorted { column["aria_sort"] = order.descending ? "descending" : "ascending" }
            column["arrow"] = sorted ? (order.descending ? "↓" : "↑") : nil
            column["numeric"] = [.integer, .decimal, .money, .percent].contains(field.type) ? true : nil
            return column
        }
        let filterFields = registry.filters.compactMap(schema.field(named:))
        let rows = items.map { item -> [String: Any] in
            var row: [String: Any] = ["title": item.title]
            if schema.itemPages { row["url"] = url(collection.id + "/" + item.slug + "/") }
            row["example"] = item.isExample ? true : nil
            row["cells"] = fields.map { field -> [String: Any] in
                var cell: [String: Any] = ["label": field.name == "title" ? registry.titleLabel ?? field.label : field.label]
                if field.name == "title" {
                    cell["is_title"] = true
                } else {
                    cell["text"] = item.values[field.name].map { cellText($0, field: field) } ?? "—"
                }
                cell["numeric"] = [.integer, .decimal, .money, .percent].contains(field.type) ? true : nil
                return cell
            }
            // `|a|b|`: the values a filter matches, bounded so that one value is never part of another.
            row["filters"] = filterFields.map { field -> [String: Any] in
                ["name": field.name, "values": "|" + filterOptions(item.values[field.name]).map(\.key).joined(separator: "|") + "|"]
            }
            return row
        }
        var groups: [[String: Any]] = []
        if let groupField = registry.groupBy.flatMap(schema.field(named:)) {
            var byTitle: [String: [[String: Any]]] = [:]
            for (item, row) in zip(items, rows) {
                let title = item.values[groupField.name].map { cellText($0, field: groupField) } ?? "Без указания"
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
            "filters": filterFields.map { filterContext($0, items: items) },
            "csv": url(collection.id + "/data.csv"), "json": url(collection.id + "/data.json"),
            "datapackage": url(collection.id + "/datapackage.json"),
        ]
        if registry.feed { context["feed"] = url(collection.id + "/feed.xml") }
        if !registry.calendar.isEmpty { context["calendar"] = url(OutputFiles.calendar) }
        if let updated = collection.intro?.updated { context["updated"] = TemplateDate(date: updated) }
        context["order"] = order == Self.defaultOrder(schema) ? nil : [
            "label": schema.field(named: order.field)?.label ?? order.field,
            "direction": order.descending ? "по убыванию" : "по возрастанию",
            "canonical": portal.settings.baseURL + collection.id + "/",
        ]
        return context
    }

    /// A filter: its options are the values that occur, in the schema's order for choices.
    private func filterContext(_ field: Field, items: [Item]) -> [String: Any] {
        var seen: [String: String] = [:]
        for item in items {
            for (key, label) in filterOptions(item.values[field.name]) {
                seen[key] = label
            }
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
    private func filterOptions(_ value: Value?) -> [(key: String, label: String)] {
        switch value {
        case .choice(let c)?: return [(c.value, c.label)]
        case .reference(let r)?: return [(r.slug, referenceTitle(r) ?? r.slug)]
        case .list(let values)?: return values.flatMap { filterOptions($0) }
        case let v?: return [(v.plainText, v.plainText)]
        case nil: return []
        }
    }

    /// A value as the text of a table cell: short dates, labels of choices, titles of references.
    func cellText(_ value: Value, field: Field) -> String {
        switch value {
        case .string(let s), .markdown(let s, _): return s
        case .integer(let n): return RussianFormat.integer(n)
        case .decimal(let d): return RussianFormat.decimal(d)
        case .percent(let d): return RussianFormat.percent(d)
        case .money(let m): return RussianFormat.money(m)
        case .date(let d): return RussianFormat.shortDate(d)
        case .datetime(let t): return RussianFormat.shortDate(t.date) + " " + t.time
        case .boolean(let b): return b ? "да" : "нет"
        case .choice(let c): return c.label
        case .reference(let r): return referenceTitle(r) ?? r.slug
        case .list(let values): return values.map { cellText($0, field: field.element) }.joined(separator: ", ")
        case .object: return value.plainText
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
