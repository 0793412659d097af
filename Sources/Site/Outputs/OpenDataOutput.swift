import Content
import Foundation

/// A registry as open data: its items as CSV (UTF-8, RFC 4180) and JSON, and a Frictionless Data
/// Package (`datapackage.json`) describing every field — name, Russian title, type, constraints,
/// the labels of coded values, and whether the field is our addition to the sources. Values are in
/// machine form: ISO dates, amounts with a point, codes of choices, slugs of references; lists and
/// nested objects are JSON in a CSV cell (Frictionless types `array` and `object`).
struct OpenData {
    let collection: CollectionReader
    let baseURL: String

    /// Exported fields: the schema's, with the page address after the slug.
    private var columns: [(name: String, field: Field?)] {
        var result: [(String, Field?)] = []
        for field in collection.schema.fields {
            result.append((field.name, field))
            if field.name == "slug" && collection.schema.itemPages { result.append(("url", nil)) }
        }
        return result
    }

    private var items: [Item] { collection.sorted(by: "slug", descending: false) }

    private func value(_ item: Item, _ name: String) -> Value? {
        switch name {
        case "title": return .string(item.title)
        case "slug": return .string(item.slug)
        case "description": return item.description.map(Value.string)
        case "url": return .string(baseURL + collection.id + "/" + item.slug + "/")
        default: return item.values[name]
        }
    }

    func json() -> String {
        let records = items.map { item in
            "  {" + columns.compactMap { column in
                value(item, column.name).map { JSONText.string(column.name) + ": " + JSONText.value($0) }
            }.joined(separator: ", ") + "}"
        }
        return "[\n" + records.joined(separator: ",\n") + "\n]\n"
    }

    func csv() -> String {
        var lines = [columns.map { CSVText.cell($0.name) }.joined(separator: ",")]
        for item in items {
            lines.append(columns.map { column in
                guard let v = value(item, column.name) else { return "" }
                switch v {
                case .integer, .decimal, .percent, .money: return CSVText.cell(JSONText.scalar(v) ?? "")  // «-5» is a number
                default: return CSVText.cell(CSVText.inert(JSONText.scalar(v) ?? JSONText.value(v)))
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func datapackage() -> String {
        let name = collection.id.replacingOccurrences(of: "/", with: "-")
        let fields = columns.map { column in
            column.field.map(describe) ?? JSONText.object([("name", JSONText.string("url")),
                                                            ("title", JSONText.string("Адрес страницы на портале")),
                                                            ("type", JSONText.string("string")), ("format", JSONText.string("uri"))])
        }
        let schema = JSONText.object([("fields", "[\n      " + fields.joined(separator: ",\n      ") + "\n    ]"),
                                      ("primaryKey", JSONText.string("slug"))])
        var package: [(String, String)] = [("profile", JSONText.string("tabular-data-package")), ("name", JSONText.string(name)),
                                           ("title", JSONText.string(collection.title))]
        if let description = collection.description { package.append(("description", JSONText.string(description))) }
        package.append(("homepage", JSONText.string(baseURL + collection.id + "/")))
        package.append(("resources", DataPackage.resources(name: name, csv: "data.csv", json: "data.json", schema: schema)))
        return JSONText.object(package) + "\n"
    }

    /// A Frictionless field descriptor; `nko:*` keys say what the standard has no word for.
    private func describe(_ field: Field) -> String {
        var entries: [(String, String)] = [("name", JSONText.string(field.name)), ("title", JSONText.string(field.label))]
        let (type, format) = Self.frictionless(field.type)
        entries.append(("type", JSONText.string(type)))
        if let format { entries.append(("format", JSONText.string(format))) }
        if let hint = field.hint { entries.append(("description", JSONText.string(hint))) }
        var constraints: [(String, String)] = []
        if field.required || ["title", "slug"].contains(field.name) { constraints.append(("required", "true")) }
        if !field.choices.isEmpty && field.type == .enum {
            constraints.append(("enum", "[" + field.choices.map { JSONText.string($0.value) }.joined(separator: ", ") + "]"))
        }
        if let min = field.min { constraints.append(("minimum", "\(min)")) }
        if let max = field.max { constraints.append(("maximum", "\(max)")) }
        if let pattern = field.pattern { constraints.append(("pattern", JSONText.string(pattern.source))) }
        if !constraints.isEmpty { entries.append(("constraints", JSONText.object(constraints))) }
        if !field.choices.isEmpty {
            entries.append(("categories", "[" + field.choices.map {
                JSONText.object([("value", JSONText.string($0.value)), ("label", JSONText.string($0.label))])
            }.joined(separator: ", ") + "]"))
        }
        if field.type == .list {
            let element = field.element
            var items: [(String, String)] = [("type", JSONText.string(Self.frictionless(element.type).0))]
            if !element.subfields.isEmpty {
                items.append(("fields", "[" + element.subfields.map(describe).joined(separator: ", ") + "]"))
            }
            if let target = element.collection { items.append(("nko:reference", JSONText.string(target))) }
            entries.append(("nko:items", JSONText.object(items)))
        } else if !field.subfields.isEmpty {
            entries.append(("nko:fields", "[" + field.subfields.map(describe).joined(separator: ", ") + "]"))
        }
        if let target = field.collection, field.type == .reference {
            entries.append(("nko:reference", JSONText.string(target)))
        }
        if field.type == .breakdown {
            entries.append(("nko:structure", JSONText.string("{label, amount, parts: [{label, amount, parts}]}: всего, в том числе; части не больше итога")))
        }
        entries.append(("nko:own", field.own ? "true" : "false"))
        return JSONText.object(entries)
    }

    static func frictionless(_ type: FieldType) -> (String, String?) {
        switch type {
        case .integer: return ("integer", nil)
        case .decimal, .percent, .money: return ("number", nil)
        case .date: return ("date", nil)
        case .datetime: return ("datetime", "%Y-%m-%dT%H:%M")
        case .deadline: return ("any", nil)
        case .boolean: return ("boolean", nil)
        case .list: return ("array", nil)
        case .object, .breakdown: return ("object", nil)
        case .url: return ("string", "uri")
        case .email: return ("string", "email")
        default: return ("string", nil)
        }
    }
}

/// The two resources of a data package: the CSV (with its dialect and the note on neutralised
/// cells) and the JSON, both described by one table schema.
enum DataPackage {
    static func resources(name: String, csv: String, json: String, schema: String) -> String {
        func resource(_ suffix: String, _ path: String, _ format: String, _ mediatype: String, dialect: Bool) -> String {
            var entries = [("name", JSONText.string(name + suffix)), ("path", JSONText.string(path)),
                           ("profile", JSONText.string("tabular-data-resource")), ("format", JSONText.string(format)),
                           ("mediatype", JSONText.string(mediatype)), ("encoding", JSONText.string("utf-8"))]
            if dialect {
                entries.append(("description", JSONText.string(CSVText.inertDescription)))
                entries.append(("dialect", JSONText.object([("delimiter", JSONText.string(",")),
                                                            ("lineTerminator", JSONText.string("\r\n")),
                                                            ("quoteChar", JSONText.string("\"")), ("header", "true")])))
            }
            entries.append(("schema", schema))
            return JSONText.object(entries)
        }
        return "[\n" + resource("", csv, "csv", "text/csv", dialect: true) + ",\n"
            + resource("-json", json, "json", "application/json", dialect: false) + "\n]"
    }
}

/// RFC 4180 cells: quoted when they hold a comma, a quote or a line break; quotes doubled.
enum CSVText {
    /// A text a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage
    /// return) gets an apostrophe in front, as OWASP advises against CSV injection: the cell then
    /// shows as text. Numbers are left as they are; the JSON export keeps every value exact.
    static func inert(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// What the data package says of it.
    static let inertDescription = "Текстовые ячейки, которые начинаются с «=», «+», «-», «@», табуляции или возврата каретки, "
        + "начинаются с апострофа: так табличный редактор не примет их за формулу (защита от CSV-инъекций по OWASP). "
        + "Числа записаны как есть; точные значения — в data.json."

    static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// What a registry's listing publishes beside it: its items as open data.
struct OpenDataOutput: Output {
    static let files = ["data.csv", "data.json", "datapackage.json"]

    func plan(_ model: SiteModel) -> [OutputUnit] {
        model.portal.collections.enumerated().filter { $0.element.schema.registry != nil }.map { c, collection in
            OutputUnit(subject: .collection(c), key: collection.id + "/" + Self.files[0])
        }
    }

    func files(of unit: OutputUnit) -> [String] {
        let folder = unit.key.dropLast(Self.files[0].count)
        return Self.files.map { folder + $0 }
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        guard case let .collection(c) = unit.subject else { return [:] }
        let data = OpenData(collection: reader.collection(at: c), baseURL: reader.settings.baseURL)
        let texts = [data.csv(), data.json(), data.datapackage()]  // in the order of `files`
        return Dictionary(uniqueKeysWithValues: zip(files(of: unit), texts.map { Data($0.utf8) }))
    }
}
