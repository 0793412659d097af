import Content
import Diagnostics
import DocumentTree
import FormEngine
import Foundation
import Markup
import Values

/// The model acts of a portal as forms filled from a profile. `content/_acts/profile.yaml` says
/// what a profile holds — names in their cases, bodies, officials, parameters with their
/// recommended ranges — and which section holds the acts. Each act's text is its template: a
/// blank `{{key:case|raw}}` becomes the slot of the profile's value `key.case`, an alternative
/// `{{level:region=…;municipality=…|raw}}` the text of the profile's choice. An act asks only for
/// what its text uses, and a filled act must leave nothing to fill (`requiresEverySlot`).
public struct ActLibrary: Sendable {
    public static let folder = "content/_acts"
    public static let definitionFile = "\(folder)/profile.yaml"

    /// Every act of the section, by its page's file name (`prilozhenie-8-publichnye-slushaniia`).
    public let acts: [FormDefinition]
    /// All of a profile's fields, computed values and rules: a profile file is checked against it.
    public let profileDefinition: FormDefinition?
    /// Keys of the blanks of forms inside the acts, left as lines (`form_fields` of the definition).
    public let formFields: Set<String>
    public let diagnostics: [Diagnostic]

    public func act(_ id: String) -> FormDefinition? { acts.first { $0.id == id } }

    static let cases = ["nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"]
    /// `{{model|МОДЕЛЬНЫЙ }}`: words of the model that an adopted act leaves out.
    static let modelWords = "model"

    /// The acts; with `profile` (the portal's `acts_profile`), each filled from it as its sample.
    public static func load(root: URL, profile: String? = nil) -> ActLibrary {
        var diagnostics: [Diagnostic] = []
        guard SourceFiles.kind(root.path + "/" + definitionFile) == .file else { return ActLibrary(acts: [], profileDefinition: nil, formFields: [], diagnostics: []) }
        guard let definition = ProfileDefinition.read(root: root, &diagnostics) else {
            return ActLibrary(acts: [], profileDefinition: nil, formFields: [], diagnostics: diagnostics)
        }
        var acts: [FormDefinition] = []
        let section = "content/\(definition.section)"
        var refused: [SourceFiles.Refused] = []
        let files = SourceFiles.files(under: section, root: root, refused: &refused)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("_") && !$0.contains("/_") }
            .sorted()
        diagnostics += SourceFiles.problems(refused, root: root)
        for file in files {
            var problems: [Diagnostic] = []
            if let act = read(act: file, root: root, definition: definition, &problems) {
                acts.append(act)
            }
            diagnostics += problems
        }
        if let profile {
            // A part of the portal: a symbolic link is not followed.
            switch readProfile(SourceFiles.contents(root.path + "/" + profile), as: profile) {
            case .failure(let problem): diagnostics.append(problem)
            case .success(let tree):
                var problems: [Diagnostic] = []
                acts = acts.map { act in
                    var act = act
                    act.files = [act.file, definitionFile, profile]
                    let input = record(act, profile: tree, file: profile)
                    problems += input.diagnostics
                    act.sample = input.records.first
                    return act
                }
                // A value several acts use is reported once.
                var seen: Set<String> = []
                diagnostics += problems.filter { seen.insert("\(String(describing: $0.location))|\($0.message)").inserted }
            }
        }
        let whole = FormDefinition(id: "profile", title: definition.title, description: nil, source: nil, landscape: false,
                                   nameBy: nil, fields: definition.fields, computed: definition.computed, rules: definition.rules,
                                   template: Document(blocks: []), slotPaths: [:], amountsInWords: [], file: definitionFile,
                                   allFields: definition.scope.fields)
        return ActLibrary(acts: acts, profileDefinition: whole, formFields: definition.formFields, diagnostics: diagnostics)
    }

    /// A profile's bytes (nil: unreadable) read by the forms engine's own YAML reader, the one the
    /// act's page uses. `file` is the name messages give it.
    public static func readProfile(_ data: Data?, as file: String) -> Result<DataTree, Diagnostic> {
        guard let data, let text = try? decodeText(data) else {
            return .failure(.error("data-file", at: SourceLocation(file: file), "профиль для модельных актов не читается",
                                   hint: "нужен файл YAML в кодировке UTF-8; профиль портала — acts_profile в portal.yaml"))
        }
        do {
            guard let tree = try YAMLReader.read(text) else {
                return .failure(.error("data-file", at: SourceLocation(file: file), "профиль пуст",
                                       hint: "образец — профиль региона портала в \(folder)"))
            }
            return .success(tree)
        } catch {
            return .failure(.error("data-file", at: SourceLocation(file: file, line: error.line, column: error.column), error.message))
        }
    }

    /// A profile's values checked for one act (or, with `profile`, all of them against the whole
    /// definition), at their lines in the profile's file — the tree the act's page sends as JSON.
    public static func record(_ form: FormDefinition, profile: DataTree, file: String) -> FormInput {
        var problems: [Diagnostic] = []
        let source = DataTreeSource(file: file)
        guard case .mapping = profile.content else {
            return FormInput(records: [], diagnostics: [.error("data-shape", at: source.location(of: profile),
                                                               "в профиле ожидались значения «имя: значение»",
                                                               hint: "образец — профиль региона портала в \(folder)")],
                             isBatch: false)
        }
        let record = FormData.check(profile, at: source.location(of: profile), source: source, form: form, &problems)
        return FormInput(records: record.map { [$0] } ?? [], diagnostics: problems, isBatch: false)
    }

    // MARK: - One act

    private static func read(act file: String, root: URL, definition: ProfileDefinition,
                             _ diagnostics: inout [Diagnostic]) -> FormDefinition? {
        guard let data = SourceFiles.contents(root.path + "/" + file), let text = try? decodeText(data),
              let split = try? FrontMatter.split(text) else { return nil }  // the portal's build reports these
        let meta = split.yaml.flatMap { try? YAMLReader.read($0) }
        let front = { (key: String) in meta?.pairs?.first { $0.key.scalarText == key }?.value.scalarText }
        let title = adopted(front("title") ?? file)
        let parsed = Markdown.parse(split.body, slots: .modelAct)
        let offset = split.bodyLine - 1
        var converter = SlotConverter(definition: definition, file: file, lineOffset: offset)
        var template = parsed.document
        template.blocks = template.blocks.map { converter.convert($0) }
        template.footnotes = template.footnotes.map { note in
            var note = note
            note.blocks = note.blocks.map { converter.convert($0) }
            return note
        }
        diagnostics += converter.problems
        guard !converter.problems.contains(where: { $0.severity == .error }) else { return nil }
        var checker = TemplateChecker(scope: definition.scope, file: file)
        var problems: [Diagnostic] = []
        let slots = checker.check(template, &problems)
        diagnostics += problems
        guard !problems.contains(where: { $0.severity == .error }) else { return nil }

        // The fields the text uses, and those the computed values it uses read.
        var names = Set(slots.values.map(\.components[0].name))
        var computed: [ComputedValue] = []
        for value in definition.computed.reversed() where names.contains(value.name) {
            computed.insert(value, at: 0)
            names.formUnion(value.expression.paths.map(\.components[0].name))
        }
        let fields = definition.fields.filter { names.contains($0.name) }
        let rules = definition.rules.filter { rule in
            let paths = rule.check.paths + (rule.when?.paths ?? [])
            return names.contains(String(rule.field.prefix { $0 != "." && $0 != "[" }))
                && paths.allSatisfy { names.contains($0.components[0].name) }
        }
        let source = front("source_lines").map { "Методические рекомендации (001), строки \($0)" }
        return FormDefinition(id: String(file.split(separator: "/").last!.dropLast(3)), title: title,
                              description: "Модельный акт, заполненный по профилю региона (муниципалитета)", source: source,
                              landscape: false, nameBy: nil, fields: fields, computed: computed, rules: rules, template: template,
                              slotPaths: slots, amountsInWords: checker.amountsInWords, file: file,
                              allFields: fields + computed.map(\.field), requiresEverySlot: true)
    }
}

/// «Модельный закон «О …»» → «Закон «О …»»: the title of the act a region adopts.
func adopted(_ title: String) -> String {
    guard title.hasPrefix("Модельн"), let space = title.firstIndex(of: " ") else { return title }
    let rest = title[title.index(after: space)...]
    return rest.prefix(1).uppercased() + rest.dropFirst()
}

/// `content/_acts/profile.yaml`: the profile's fields, computed values and rules, like a form's.
struct ProfileDefinition {
    static let keys = ["title", "acts", "form_fields", "fields", "computed", "rules"]

    let title: String
    /// The section of the model acts, under `content/`.
    let section: String
    let fields: [Field]
    let computed: [ComputedValue]
    let rules: [Rule]
    /// Fields and computed values, as the acts' slots see them.
    let scope: PathScope
    /// Keys of the blanks of forms inside the acts (`form_fields`): lines to fill by hand.
    let formFields: Set<String>

    static func read(root: URL, _ diagnostics: inout [Diagnostic]) -> ProfileDefinition? {
        let file = ActLibrary.definitionFile
        guard let data = SourceFiles.contents(root.path + "/" + file), let text = try? decodeText(data) else {
            diagnostics.append(.error("act-profile", at: SourceLocation(file: file), "описание профиля не читается",
                                      hint: "файл YAML в кодировке UTF-8"))
            return nil
        }
        let source = YAMLSource(file: file, refusesForbiddenCharacters: true)
        guard let root = source.parseDocument(text, whenEmpty: "описание профиля пусто", hint: "укажите acts: и fields:",
                                              &diagnostics) else { return nil }
        let reader = MappingReader(node: root, source: source, context: "описании профиля", keys: keys)
        let title = reader.string("title", &diagnostics) ?? "Профиль региона (муниципалитета)"
        let section = reader.string("acts", required: true, &diagnostics)
        var formFields: Set<String> = []
        if case let .sequence(keys)? = reader.node("form_fields") { formFields = Set(keys.compactMap(\.scalarText)) }
        let fields = reader.node("fields").map { SchemaReader.readFields($0, source: source, diagnostics: &diagnostics) } ?? []
        var scope = PathScope(fields: fields)
        let computed = reader.node("computed").map { FormReader.readComputed($0, source: source, scope: &scope, &diagnostics) } ?? []
        let rules = reader.node("rules").map { FormReader.readRules($0, source: source, scope: scope, &diagnostics) } ?? []
        reader.warnUnknown(&diagnostics)
        guard let section, !diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        return ProfileDefinition(title: title, section: section, fields: fields, computed: computed, rules: rules, scope: scope,
                                 formFields: formFields)
    }
}

/// Turns an act's blanks into the slots of a form: `{{region:genitive|…}}` → `region.genitive`;
/// a key's hyphens become the underscores of the profile's names (`authorised-body` →
/// `authorised_body`), so that the rules' expressions can name them.
struct SlotConverter {
    let definition: ProfileDefinition
    let file: String
    let lineOffset: Int
    var problems: [Diagnostic] = []

    init(definition: ProfileDefinition, file: String, lineOffset: Int) {
        (self.definition, self.file, self.lineOffset) = (definition, file, lineOffset)
    }

    static func name(_ key: String) -> String { key.replacingOccurrences(of: "-", with: "_") }

    mutating func convert(_ block: Block) -> Block {
        switch block {
        case .heading(var h): h.content = convert(h.content); return .heading(h)
        case .paragraph(var p): p.content = convert(p.content); return .paragraph(p)
        case .list(var l): l.items = l.items.map { $0.map { convert($0) } }; return .list(l)
        case .quote(let blocks): return .quote(blocks.map { convert($0) })
        case .container(var c):
            if let choice = c.choice {
                c.argument = "\(Self.name(choice.key))=\(choice.value)" + (c.title.map { " " + $0 } ?? "")
            }
            c.line += lineOffset
            c.blocks = c.blocks.map { convert($0) }
            return .container(c)
        case .table(var t):
            for r in t.rows.indices {
                for c in t.rows[r].cells.indices { t.rows[r].cells[c].content = t.rows[r].cells[c].content.map { convert($0) } }
            }
            return .table(t)
        case .code, .rule: return block
        }
    }

    private mutating func convert(_ inlines: [Inline]) -> [Inline] {
        inlines.compactMap { inline -> Inline? in
            switch inline {
            case .slot(let slot): return slot.key == ActLibrary.modelWords ? nil : .slot(convert(slot))
            case .emphasis(let c): return .emphasis(convert(c))
            case .strong(let c): return .strong(convert(c))
            case .strikethrough(let c): return .strikethrough(convert(c))
            case .link(let url, let c): return .link(url: url, content: convert(c))
            default: return inline
            }
        }
    }

    private mutating func convert(_ slot: Slot) -> Slot {
        var result = slot
        result.line += lineOffset
        // A form's blank inside the act stays a line with its caption: the form's user fills it.
        if definition.formFields.contains(slot.key) {
            result.key = Filler.handwritten
            result.raw = slot.caption.flatMap { $0.contains("_") ? nil : $0 } ?? ""
            result.grammaticalCase = nil
            return result
        }
        let name = Self.name(slot.key)
        let fields = definition.scope.fields
        let field = fields.first { $0.name == name }
        guard let format = slot.grammaticalCase, ActLibrary.cases.contains(format) else {
            if field == nil { problems.append(unknown(slot, at: result)) }
            result.key = name
            return result
        }
        // A name's case is its subfield (`region.genitive`) or a computed value (`subject_genitive`).
        if field?.subfields.contains(where: { $0.name == format }) == true {
            result.key = "\(name).\(format)"
        } else if fields.contains(where: { $0.name == "\(name)_\(format)" }) {
            result.key = "\(name)_\(format)"
        } else if let field {
            problems.append(.error("act-slot", at: location(result), "пропуск «\(slot.key):\(format)»: у значения «\(name)» нет такого падежа",
                                   hint: "падежи значения: " + field.subfields.map(\.name).joined(separator: ", ")))
        } else {
            problems.append(unknown(slot, at: result))
        }
        result.grammaticalCase = nil
        return result
    }

    private func unknown(_ slot: Slot, at converted: Slot) -> Diagnostic {
        let keys = definition.fields.map { $0.name.replacingOccurrences(of: "_", with: "-") } + ["subject"]
        return .error("act-slot", at: location(converted), "пропуск «\(slot.key)»: в профиле нет такого значения",
                      hint: (NearestName.find(slot.key, among: keys).map { "возможно, «\($0)»; " } ?? "")
                          + "значения профиля описаны в \(ActLibrary.definitionFile)")
    }

    private func location(_ slot: Slot) -> SourceLocation {
        SourceLocation(file: file, line: slot.line, column: slot.column)
    }
}

extension FormDefinition {
    /// The profile's values an act uses, each with the lines of the act where it stands.
    public func slotUses() -> [(path: String, lines: [Int])] {
        var lines: [String: [Int]] = [:]
        func visit(_ inlines: [Inline]) {
            for inline in inlines {
                switch inline {
                case .slot(let slot): lines[slot.key, default: []].append(slot.line)
                case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c): visit(c)
                default: break
                }
            }
        }
        func visit(_ block: Block) {
            switch block {
            case .heading(let h): visit(h.content)
            case .paragraph(let p): visit(p.content)
            case .list(let l): l.items.joined().forEach(visit)
            case .quote(let blocks): blocks.forEach(visit)
            case .container(let c):
                if let choice = c.choice { lines[choice.key, default: []].append(c.line) }
                c.blocks.forEach(visit)
            case .table(let t): t.rows.forEach { $0.cells.forEach { $0.content.forEach(visit) } }
            case .code, .rule: break
            }
        }
        template.blocks.forEach(visit)
        template.footnotes.forEach { $0.blocks.forEach(visit) }
        return lines.keys.sorted().map { ($0, Array(Set(lines[$0]!)).sorted()) }
    }
}
