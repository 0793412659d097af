import Diagnostics
import Foundation
import RussianText
import Yams

/// How a collection's pages are made: its title, layouts, order and fields.
public struct Schema: Sendable {
    public var title: String
    public var description: String?
    public var weight: Int
    public var layout: String
    public var listLayout: String
    /// false for registries shown only as a list (no page per item).
    public var itemPages: Bool
    /// Items are legal texts: their structure is anchored and their references linked.
    public var legal: Bool
    /// The field the listing is sorted by, and whether in descending order (`sort: -date`).
    public var sortField: String
    public var sortDescending: Bool
    /// Declared fields, plus the implicit `title`, `slug`, `description` and `example` first.
    public var fields: [Field]
    /// Set for registries: a sortable, filterable listing with open data, feeds and calendars.
    public var registry: Registry?
    public var file: String

    /// Fields every item has, whatever its schema says.
    static func implicitFields(file: String) -> [Field] {
        let at = SourceLocation(file: file)
        var example = Field(name: "example", label: "Пример (сведения вымышлены)", type: .boolean,
                            hint: "true для демонстрационных сведений: на странице появится пометка «Пример»", location: at)
        example.show = false  // shown as a notice, not as a row of the fields
        return [
            Field(name: "title", label: "Заголовок", type: .string, required: true, location: at),
            Field(name: "slug", label: "Адрес страницы (slug)", type: .string,
                  pattern: try! TextPattern("[a-z0-9]+(-[a-z0-9]+)*"),
                  hint: "латинские строчные буквы, цифры и дефисы, например grant-2026", location: at),
            Field(name: "description", label: "Краткое описание", type: .text, location: at),
            example,
        ]
    }

    /// Implicit fields kept apart from `Item.values` (they are its properties).
    static let propertyNames: Set<String> = ["title", "slug", "description"]
    static let implicitNames = propertyNames.union(["example"])

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }
}

/// Reads `_schema.yaml` files. A schema is user input too: its mistakes get positions and hints.
package enum SchemaReader {
    static let keys = ["title", "description", "weight", "layout", "list_layout", "sort", "item_pages", "legal", "fields",
                       "registry"]
    static let fieldKeys = ["name", "label", "type", "required", "default", "choices", "pattern", "min", "max",
                            "min_items", "max_items", "of", "fields", "collection", "hint", "show", "bik", "blank_items", "personal", "access",
                            "own", "role"]

    static func read(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> Schema? {
        let source = YAMLSource(file: file, lineOffset: 0, refusesForbiddenCharacters: true)
        guard let root = source.parseDocument(text, whenEmpty: "файл схемы пуст",
                                              hint: "укажите хотя бы title: и fields:", &diagnostics) else { return nil }
        let reader = MappingReader(node: root, source: source, context: "схеме раздела", keys: keys)
        let title = reader.string("title", required: true, &diagnostics)
        let description = reader.string("description", &diagnostics)
        let weight = reader.integer("weight", &diagnostics) ?? 0
        let layout = reader.name("layout", &diagnostics) ?? "item"
        let itemPages = reader.boolean("item_pages", &diagnostics) ?? true
        let legal = reader.boolean("legal", &diagnostics) ?? false
        var sort = reader.string("sort", &diagnostics) ?? "title"
        let descending = sort.hasPrefix("-")
        if descending { sort.removeFirst() }
        var fields = Schema.implicitFields(file: file)
        if let list = reader.node("fields") {
            fields += readFields(list, source: source, diagnostics: &diagnostics, implicit: Schema.implicitNames, roles: true)
        }
        // A section is published whole: personal data has no place in it.
        func refusePersonal(_ fields: [Field]) {
            for field in fields {
                if field.personal {
                    diagnostics.append(.error("schema-field", at: field.location, "поле «\(field.name)»: personal — только в формах",
                                              hint: "раздел портала публикуется целиком; персональные данные собирают формы"))
                }
                refusePersonal(field.subfields)
            }
        }
        refusePersonal(fields)
        let registry = reader.node("registry").flatMap {
            RegistryReader.read($0, fields: fields, source: source, &diagnostics)
        }
        let listLayout = reader.name("list_layout", &diagnostics) ?? (registry == nil ? "section" : "registry")
        reader.warnUnknown(&diagnostics)
        if !fields.contains(where: { $0.name == sort }), let node = reader.node("sort") {
            diagnostics.append(.error("schema-sort", at: source.location(of: node),
                                      "сортировка по полю «\(sort)», которого нет в схеме",
                                      hint: nearestHint(sort, fields.map(\.name))))
        }
        guard let title else { return nil }
        return Schema(title: title, description: description, weight: weight, layout: layout, listLayout: listLayout,
                      itemPages: itemPages, legal: legal, sortField: sort, sortDescending: descending, fields: fields,
                      registry: registry, file: file)
    }

    /// `roles`: whether its fields may have a `role:` (the top-level fields of a content schema).
    package static func readFields(_ node: Node, source: YAMLSource, diagnostics: inout [Diagnostic],
                           implicit: Set<String> = [], roles allowsRoles: Bool = false) -> [Field] {
        guard case let .sequence(sequence) = node else {
            diagnostics.append(.error("schema-fields", at: source.location(of: node),
                                      "fields: ожидался список полей, а указан \(node.kindName)",
                                      hint: "каждое поле — элемент списка: «- name: date»"))
            return []
        }
        var fields: [Field] = []
        var seen = implicit
        var roles: Set<FieldRole> = []
        for entry in sequence {
            guard let field = readField(entry, source: source, roles: &roles, allowsRoles: allowsRoles, diagnostics: &diagnostics) else { continue }
            if seen.contains(field.name), !implicit.contains(field.name) || fields.contains(where: { $0.name == field.name }) {
                diagnostics.append(.error("schema-duplicate-field", at: field.location,
                                          "поле «\(field.name)» описано в схеме дважды"))
                continue
            }
            seen.insert(field.name)
            fields.append(field)
        }
        return fields
    }

    static func readField(_ node: Node, source: YAMLSource, roles: inout Set<FieldRole>, allowsRoles: Bool,
                          diagnostics: inout [Diagnostic]) -> Field? {
        let reader = MappingReader(node: node, source: source, context: "описании поля", keys: fieldKeys)
        guard reader.isMapping else {
            diagnostics.append(.error("schema-field", at: source.location(of: node),
                                      "описание поля должно быть набором ключей name, label, type …"))
            return nil
        }
        let location = source.location(of: node)
        guard let name = reader.name("name", required: true, &diagnostics) else { return nil }
        let label = reader.string("label", &diagnostics) ?? name
        guard let type: FieldType = reader.choice("type", required: true, &diagnostics) else { return nil }
        let required = reader.boolean("required", &diagnostics) ?? false
        let elementType: FieldType? = type == .list ? (reader.choice("of", &diagnostics) ?? .string) : nil
        let effective = elementType ?? type
        var subfields: [Field] = []
        if effective == .object {
            if let list = reader.node("fields") {
                subfields = readFields(list, source: source, diagnostics: &diagnostics)
            } else {
                diagnostics.append(.error("schema-subfields", at: location,
                                          "у поля «\(name)» типа object нет списка fields",
                                          hint: "перечислите вложенные поля в fields:"))
            }
        }
        var choices: [Choice] = []
        if effective == .enum {
            choices = readChoices(reader.node("choices"), at: location, field: name, source: source, &diagnostics)
        }
        var collection: String?
        if effective == .reference {
            collection = reader.string("collection", required: true, &diagnostics)
        }
        var pattern: TextPattern?
        if let text = reader.string("pattern", &diagnostics), let node = reader.node("pattern") {
            do {
                pattern = try TextPattern(text)
            } catch {
                // The character at fault: after the opening quote of a quoted scalar.
                var at = source.location(of: node)
                if case let .scalar(scalar) = node, scalar.style != .plain { at.column += 1 }
                at.column += error.offset
                diagnostics.append(.error("schema-pattern", at: at, "шаблон «\(text)»: \(error.message)",
                                          hint: "шаблоны: символы, [классы], (группы), |, ? * + {m,n}, \\d \\s \\w \\p{L}; значение должно совпасть с шаблоном целиком"))
            }
        }
        var field = Field(name: name, label: label, type: type, required: required, choices: choices, pattern: pattern,
                          min: reader.decimal("min", &diagnostics), max: reader.decimal("max", &diagnostics),
                          minItems: reader.integer("min_items", &diagnostics),
                          maxItems: reader.integer("max_items", &diagnostics),
                          elementType: elementType, subfields: subfields, collection: collection,
                          hint: reader.string("hint", &diagnostics), location: location)
        field.show = reader.boolean("show", &diagnostics) ?? true
        field.personal = reader.boolean("personal", &diagnostics) ?? false
        if let access = reader.string("access", &diagnostics), let node = reader.node("access") {
            switch access {
            case "public": break
            case "internal" where allowsRoles: field.restricted = true
            case "internal":
                diagnostics.append(.error("schema-field", at: source.location(of: node), "поле «\(name)»: access — только у полей раздела верхнего уровня",
                                          hint: "закройте всё поле верхнего уровня, в которое входит это"))
            default:
                diagnostics.append(.error("schema-field", at: source.location(of: node), "поле «\(name)»: access: \(access) — неизвестный доступ",
                                          hint: "access: internal — только для органов власти (в публичную сборку не попадает); без ключа — для всех"))
            }
        }
        field.bik = reader.string("bik", &diagnostics)
        field.blankItems = reader.integer("blank_items", &diagnostics)
        field.own = reader.boolean("own", &diagnostics) ?? false
        field.role = role(reader, type: type, allowed: allowsRoles, taken: &roles, source: source, &diagnostics)
        reader.warnUnknown(&diagnostics)
        if let defaultNode = reader.node("default") {
            // A default is checked like any value of the field.
            var checker = ValueReader(source: source)
            field.defaultValue = checker.read(defaultNode, as: field)
            diagnostics += checker.diagnostics
        }
        return field
    }

    static func readChoices(_ node: Node?, at location: SourceLocation, field: String, source: YAMLSource,
                            _ diagnostics: inout [Diagnostic]) -> [Choice] {
        guard let node, case let .sequence(sequence) = node, !sequence.isEmpty else {
            diagnostics.append(.error("schema-choices", at: node.map(source.location(of:)) ?? location,
                                      "у поля «\(field)» типа enum нет списка choices",
                                      hint: "choices:\n  - {value: grant, label: Гранты}"))
            return []
        }
        return sequence.compactMap { entry in
            if let text = entry.scalarText { return Choice(value: text, label: text) }
            let reader = MappingReader(node: entry, source: source, context: "варианте значения", keys: ["value", "label"])
            guard let value = reader.string("value", required: true, &diagnostics) else { return nil }
            let label = reader.string("label", &diagnostics) ?? value
            reader.warnUnknown(&diagnostics)
            return Choice(value: value, label: label)
        }
    }
}

/// «возможно, имелось в виду …» when a candidate is close, else the full list.

extension Value {
    /// Every reference inside the value.
    public var references: [Value] {
        switch self {
        case .reference: return [self]
        case .list(let values): return values.flatMap(\.references)
        case .object(let entries): return entries.flatMap(\.value.references)
        default: return []
        }
    }
}

extension Field {
    /// The field holds references to items, directly or inside lists and objects.
    public var refersToItems: Bool { !referencedCollections.isEmpty }

    /// The collections whose items this field (or a field inside it) refers to.
    public var referencedCollections: [String] {
        (type == .reference || elementType == .reference ? [collection].compactMap { $0 } : [])
            + subfields.flatMap(\.referencedCollections)
    }
}
