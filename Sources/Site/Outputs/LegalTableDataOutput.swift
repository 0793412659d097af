import Content
import Foundation

/// The structured tables of a regulation — an action plan, a roadmap, a commission's composition
/// (fields with the roles `plan-table` and `composition-table`) — as open data beside its page: a
/// row per measure (sub-measures after their measure) or per member, as CSV and JSON, described by
/// one data package (`plan.csv`, `plan.json`, `composition.csv`, `composition.json`,
/// `datapackage.json` in the page's folder; a schema has one field of each role).
struct LegalTableDataOutput: Output {
    func plan(_ model: SiteModel) -> [OutputUnit] {
        var units: [OutputUnit] = []
        for (c, collection) in model.portal.collections.enumerated() where collection.schema.itemPages {
            guard !Self.tableFields(collection.schema).isEmpty else { continue }
            for (i, item) in collection.items.enumerated() where !Self.tables(of: item, schema: collection.schema).isEmpty {
                units.append(OutputUnit(subject: .item(collection: c, item: i), key: collection.id + "/" + item.slug + "/datapackage.json"))
            }
        }
        return units
    }

    /// Every file the unit may write: those of the tables the item has are among them.
    func files(of unit: OutputUnit) -> [String] {
        let folder = String(unit.key.dropLast("datapackage.json".count))
        return [unit.key] + ["plan", "composition"].flatMap { [folder + $0 + ".csv", folder + $0 + ".json"] }
    }

    static func fileName(_ role: FieldRole?) -> String { role == .compositionTable ? "composition" : "plan" }

    static func tableFields(_ schema: Schema) -> [Field] {
        schema.fields.filter { $0.role == .planTable || $0.role == .compositionTable }
    }

    /// The item's structured tables: the field and its rows.
    static func tables(of item: Item, schema: Schema) -> [(field: Field, rows: [Value])] {
        tableFields(schema).compactMap { field in
            guard case let .list(rows)? = item.values[field.name], !rows.isEmpty else { return nil }
            return (field, rows)
        }
    }

    /// A column of the flat table: its name, Russian title and type, and how a row gives it.
    struct Column {
        let name: String
        let title: String
        let type: String

        /// A cell's text as its JSON value: a boolean or a number as itself, anything else a string.
        func json(_ text: String) -> String {
            ["boolean", "integer", "number"].contains(type) ? text : JSONText.string(text)
        }
    }

    static let planColumns = [
        Column(name: "section_number", title: "Номер раздела", type: "string"),
        Column(name: "section", title: "Раздел", type: "string"),
        Column(name: "number", title: "№ п/п", type: "string"),
        Column(name: "parent_number", title: "Подпункт мероприятия №", type: "string"),
        Column(name: "title", title: "Мероприятие", type: "string"),
        Column(name: "deadline", title: "Срок (как в источнике)", type: "string"),
        Column(name: "deadline_kind", title: "Вид срока", type: "string"),
        Column(name: "deadline_date", title: "Дата срока", type: "date"),
        Column(name: "deadline_until", title: "Конец периода", type: "date"),
        Column(name: "result", title: "Результат", type: "string"),
        Column(name: "responsible", title: "Ответственные", type: "string"),
        Column(name: "note", title: "Примечание", type: "string"),
    ]

    /// A composition is flat already: a column per field of a member, as the schema describes it.
    static func columns(of field: Field) -> [Column] {
        guard field.role == .compositionTable else { return planColumns }
        return field.subfields.map { Column(name: $0.name, title: $0.label, type: OpenData.frictionless($0.type).0) }
    }

    /// The rows of a table as text by column (nil: no value).
    static func flat(_ rows: [Value], of field: Field) -> [[String: String]] {
        func text(_ value: Value?) -> String? {
            guard let value else { return nil }
            return JSONText.scalar(value) ?? value.plainText
        }
        if field.role == .compositionTable {
            let names = field.subfields.map(\.name)
            return rows.map { person in
                var row: [String: String] = [:]
                for name in names { row[name] = text(person[entry: name]) }
                return row
            }
        }
        var out: [[String: String]] = []
        func measure(_ m: Value, section: Value, parent: String?) {
            var row: [String: String] = ["section_number": text(section[entry: "number"]) ?? "", "section": text(section[entry: "title"]) ?? ""]
            row["number"] = text(m[entry: "number"])
            row["parent_number"] = parent
            row["title"] = text(m[entry: "title"])
            let deadline = m[entry: "deadline"]
            row["deadline"] = text(deadline?[entry: "raw"])
            row["deadline_kind"] = text(deadline?[entry: "kind"])
            row["deadline_date"] = text(deadline?[entry: "date"])
            row["deadline_until"] = text(deadline?[entry: "until"])
            row["result"] = text(m[entry: "result"])
            if case let .list(responsible)? = m[entry: "responsible"] {
                row["responsible"] = responsible.map { r in
                    (r[entry: "name"]?.plainText ?? "") + (r[entry: "by_agreement"] == .boolean(true) ? " (по согласованию)" : "")
                }.joined(separator: "; ")
            }
            row["note"] = text(m[entry: "note"])
            out.append(row)
            if case let .list(subitems)? = m[entry: "items"] {
                for sub in subitems { measure(sub, section: section, parent: row["number"]) }
            }
        }
        for section in rows {
            guard case let .list(measures)? = section[entry: "items"] else { continue }
            for m in measures { measure(m, section: section, parent: nil) }
        }
        return out
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        guard case let .item(c, i) = unit.subject else { return [:] }
        let collection = reader.collection(at: c)
        let item = collection.items[i]
        let folder = collection.id + "/" + item.slug + "/"
        var files: [String: Data] = [:]
        var resources: [String] = []
        for (field, rows) in Self.tables(of: item, schema: collection.schema) {
            let columns = Self.columns(of: field)
            let flat = Self.flat(rows, of: field)
            let csv = ([columns.map { CSVText.cell($0.name) }.joined(separator: ",")]
                + flat.map { row in columns.map { CSVText.cell(CSVText.inert(row[$0.name] ?? "")) }.joined(separator: ",") })
                .joined(separator: "\r\n") + "\r\n"
            let json = "[\n" + flat.map { row in
                "  {" + columns.compactMap { column in row[column.name].map { JSONText.string(column.name) + ": " + column.json($0) } }
                    .joined(separator: ", ") + "}"
            }.joined(separator: ",\n") + "\n]\n"
            let name = Self.fileName(field.role)
            files[folder + name + ".csv"] = Data(csv.utf8)
            files[folder + name + ".json"] = Data(json.utf8)
            let schema = JSONText.object([("fields", "[\n      " + columns.map { column in
                JSONText.object([("name", JSONText.string(column.name)), ("title", JSONText.string(column.title)),
                                 ("type", JSONText.string(column.type))])
            }.joined(separator: ",\n      ") + "\n    ]")])
            let list = DataPackage.resources(name: name, csv: name + ".csv", json: name + ".json", schema: schema)
            resources.append(String(list.dropFirst(2).dropLast(2)))
        }
        let package = JSONText.object([
            ("profile", JSONText.string("tabular-data-package")),
            ("name", JSONText.string(collection.id.replacingOccurrences(of: "/", with: "-") + "-" + item.slug)),
            ("title", JSONText.string(item.title)),
            ("homepage", JSONText.string(reader.settings.baseURL + folder)),
            ("resources", "[\n" + resources.joined(separator: ",\n") + "\n]"),
        ])
        files[unit.key] = Data((package + "\n").utf8)
        return files
    }
}
