import Diagnostics
import DocumentTree
import RussianText
import Values

/// A form's definition as JSON, for the form's page: the portal reads `form.yaml` and parses
/// `document.md` when it builds; the page's engine (this module as WebAssembly) reads the result
/// back. Expressions travel as their text and are parsed again by the same parser; a default value
/// as data, read by the same `ValueReader` as answers.
extension FormDefinition {
    public var json: String {
        JSON.object([
            ("id", .string(id)), ("title", .string(title)), ("description", description.map(JSON.string)),
            ("source", source.map(JSON.string)), ("landscape", .bool(landscape)),
            ("nameBy", nameBy.map { .string($0.description) }), ("file", .string(file)),
            ("fields", .array(fields.map(Self.json))), ("allFields", .array(allFields.map(Self.json))),
            ("computed", .array(computed.map(Self.json))), ("rules", .array(rules.map(Self.json))),
            ("slots", .array(slotPaths.keys.sorted().map { .array([.string($0), .string(slotPaths[$0]!.description)]) })),
            ("words", .array(amountsInWords.map { .string($0.description) })),
            ("template", DocumentCoding.json(template)), ("everySlot", requiresEverySlot ? .bool(true) : nil),
        ]).text
    }

    public init(json tree: DataTree) throws(DefinitionError) {
        let file = try tree.string("file")
        var computed: [ComputedValue] = []
        for value in try tree.array("computed") { computed.append(try Self.computed(value, file: file)) }
        var rules: [Rule] = []
        for rule in try tree.array("rules") { rules.append(try Self.rule(rule, file: file)) }
        var slots: [String: FieldPath] = [:]
        for pair in try tree.array("slots") {
            let parts = try pair.asArray()
            guard parts.count == 2 else { throw DefinitionError(message: "slot at \(pair.line)") }
            slots[try parts[0].asString()] = try Self.path(parts[1].asString())
        }
        var words: [FieldPath] = []
        for path in try tree.array("words") { words.append(try Self.path(path.asString())) }
        self.init(id: try tree.string("id"), title: try tree.string("title"), description: try tree.optionalString("description"),
                  source: try tree.optionalString("source"), landscape: tree.bool("landscape"),
                  nameBy: try tree.optionalString("nameBy").map(Self.path),
                  fields: try Self.fields(tree.array("fields"), file: file), computed: computed, rules: rules,
                  template: try DocumentCoding.document(tree.required("template")),
                  slotPaths: slots, amountsInWords: words, file: file,
                  allFields: try Self.fields(tree.array("allFields"), file: file), requiresEverySlot: tree.bool("everySlot"))
    }

    // MARK: Fields

    private static func json(_ field: Field) -> JSON {
        JSON.object([
            ("name", .string(field.name)), ("label", .string(field.label)), ("type", .string(field.type.rawValue)),
            ("required", field.required ? .bool(true) : nil), ("default", field.defaultValue.map(data)),
            ("choices", field.choices.isEmpty ? nil : .array(field.choices.map { .array([.string($0.value), .string($0.label)]) })),
            ("pattern", field.pattern.map { .string($0.source) }), ("min", field.min.map { .string($0.description) }),
            ("max", field.max.map { .string($0.description) }), ("minItems", field.minItems.map(JSON.number)),
            ("maxItems", field.maxItems.map(JSON.number)), ("of", field.elementType.map { .string($0.rawValue) }),
            ("fields", field.subfields.isEmpty ? nil : .array(field.subfields.map(json))),
            ("collection", field.collection.map(JSON.string)), ("hint", field.hint.map(JSON.string)),
            ("show", field.show ? nil : .bool(false)), ("bik", field.bik.map(JSON.string)),
            ("blankItems", field.blankItems.map(JSON.number)), ("own", field.own ? .bool(true) : nil),
            ("personal", field.personal ? .bool(true) : nil),
            ("line", .number(field.location.line)), ("column", .number(field.location.column)),
        ])
    }

    private static func fields(_ trees: [DataTree], file: String) throws(DefinitionError) -> [Field] {
        var result: [Field] = []
        for tree in trees { result.append(try field(tree, file: file)) }
        return result
    }

    private static func field(_ tree: DataTree, file: String) throws(DefinitionError) -> Field {
        guard let type = FieldType(rawValue: try tree.string("type")) else { throw DefinitionError(message: "type at \(tree.line)") }
        var choices: [Choice] = []
        for pair in try tree.array("choices") {
            let parts = try pair.asArray()
            guard parts.count == 2 else { throw DefinitionError(message: "choice at \(pair.line)") }
            choices.append(Choice(value: try parts[0].asString(), label: try parts[1].asString()))
        }
        let location = SourceLocation(file: file, line: try tree.int("line"), column: try tree.int("column"))
        var field = Field(
            name: try tree.string("name"), label: try tree.string("label"), type: type, required: tree.bool("required"),
            choices: choices, pattern: try tree.optionalString("pattern").map(Self.pattern),
            min: try tree.optionalString("min").flatMap(DecimalNumber.init(parsing:)),
            max: try tree.optionalString("max").flatMap(DecimalNumber.init(parsing:)),
            minItems: try tree.value("minItems")?.asInt(), maxItems: try tree.value("maxItems")?.asInt(),
            elementType: try tree.optionalString("of").flatMap(FieldType.init(rawValue:)),
            subfields: try fields(tree.array("fields"), file: file), collection: try tree.optionalString("collection"),
            hint: try tree.optionalString("hint"), location: location)
        field.show = tree.value("show")?.scalarText != "false"
        field.bik = try tree.optionalString("bik")
        field.blankItems = try tree.value("blankItems")?.asInt()
        field.own = tree.bool("own")
        field.personal = tree.bool("personal")
        if let value = tree.value("default") {
            var reader = ValueReader(source: DataTreeSource(file: file))
            field.defaultValue = reader.read(value, as: field)
            guard reader.diagnostics.isEmpty else { throw DefinitionError(message: "default of \(field.name)") }
        }
        return field
    }

    /// A value as the data it was read from: scalars as text, which the field's type reads back.
    private static func data(_ value: Value) -> JSON {
        switch value {
        case .list(let items): return .array(items.map(data))
        case .object(let entries): return .object(entries.map { ($0.name, data($0.value)) })
        case .choice(let choice): return .string(choice.value)
        case .boolean(let b): return .string(b ? "true" : "false")
        default: return .string(value.plainText)
        }
    }

    // MARK: Computed values and rules

    private static func json(_ value: ComputedValue) -> JSON {
        JSON.object([
            ("name", .string(value.name)), ("label", .string(value.label)), ("type", value.type.map { .string($0.rawValue) }),
            ("value", .string(value.text)), ("each", value.each.map(JSON.string)),
            ("rowFields", .array(value.rowFields.sorted().map(JSON.string))),
            ("line", .number(value.location.line)), ("column", .number(value.location.column)),
        ])
    }

    private static func computed(_ tree: DataTree, file: String) throws(DefinitionError) -> ComputedValue {
        let text = try tree.string("value")
        return ComputedValue(name: try tree.string("name"), label: try tree.string("label"),
                             type: try tree.optionalString("type").flatMap(FieldType.init(rawValue:)), text: text,
                             expression: try expression(text), each: try tree.optionalString("each"),
                             rowFields: Set(try strings(tree.array("rowFields"))),
                             location: SourceLocation(file: file, line: try tree.int("line"), column: try tree.int("column")))
    }

    private static func json(_ rule: Rule) -> JSON {
        JSON.object([
            ("check", .string(rule.text)), ("when", rule.whenText.map(JSON.string)), ("each", rule.each.map { .string($0.description) }),
            ("rowFields", .array(rule.rowFields.sorted().map(JSON.string))), ("field", .string(rule.field)),
            ("message", .array(rule.message.map { part in
                switch part {
                case .text(let text): return .string(text)
                case .value(_, let text): return .array([.string(text)])
                }
            })),
            ("hint", rule.hint.map(JSON.string)), ("severity", .string(rule.severity.rawValue)),
            ("line", .number(rule.location.line)), ("column", .number(rule.location.column)),
        ])
    }

    private static func rule(_ tree: DataTree, file: String) throws(DefinitionError) -> Rule {
        var message: [Rule.MessagePart] = []
        for part in try tree.array("message") {
            if case .sequence(let inner) = part.content, let text = inner.first {
                let source = try text.asString()
                message.append(.value(try expression(source), source))
            } else {
                message.append(.text(try part.asString()))
            }
        }
        let text = try tree.string("check")
        let whenText = try tree.optionalString("when")
        guard let severity = Severity(rawValue: try tree.string("severity")) else { throw DefinitionError(message: "severity") }
        return Rule(text: text, check: try expression(text), when: try whenText.map(expression), whenText: whenText,
                    each: try tree.optionalString("each").map(path), rowFields: Set(try strings(tree.array("rowFields"))),
                    field: try tree.string("field"), message: message, hint: try tree.optionalString("hint"), severity: severity,
                    location: SourceLocation(file: file, line: try tree.int("line"), column: try tree.int("column")))
    }

    private static func expression(_ text: String) throws(DefinitionError) -> Expression {
        do {
            return try ExpressionParser.parse(text)
        } catch {
            throw DefinitionError(message: "expression «\(text)»: \(error.message)")
        }
    }

    private static func pattern(_ text: String) throws(DefinitionError) -> TextPattern {
        do {
            return try TextPattern(text)
        } catch {
            throw DefinitionError(message: "pattern «\(text)»: \(error.message)")
        }
    }

    private static func path(_ text: String) throws(DefinitionError) -> FieldPath {
        guard let path = FieldPath(text) else { throw DefinitionError(message: "path «\(text)»") }
        return path
    }

    private static func strings(_ trees: [DataTree]) throws(DefinitionError) -> [String] {
        var result: [String] = []
        for tree in trees { result.append(try tree.asString()) }
        return result
    }
}
