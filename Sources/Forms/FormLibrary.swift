import Content
import Diagnostics
import Foundation
import Markup
import Yams

/// The forms of a portal: every folder of `content/_forms/` with a `form.yaml` and a `document.md`.
/// A definition is user input too: its mistakes come with positions and hints, and a form with
/// errors is left out of the library.
public struct FormLibrary: Sendable {
    public static let folder = "content/_forms"

    public let forms: [FormDefinition]
    public let diagnostics: [Diagnostic]

    public func form(_ id: String) -> FormDefinition? { forms.first { $0.id == id } }

    /// `only`: the folder of that form alone (a command about one form reads no other).
    public static func load(root: URL, only: String? = nil) -> FormLibrary {
        let base = root.appendingPathComponent(folder, isDirectory: true)
        // Symbolic links are never followed (see SourceFiles): each is an error, and reads skip it.
        var refused: [SourceFiles.Refused] = []
        _ = SourceFiles.files(under: folder, root: root, refused: &refused)
        var diagnostics = SourceFiles.problems(refused, root: root)
        let ids = SourceFiles.entries(of: base.path).filter {
            (only == nil || $0.name == only) && $0.isFolder && SourceFiles.kind(base.path + "/\($0.name)/form.yaml") == .file
        }.map(\.name)
        // Forms are read independently, on all cores (a build or `nko form list` waits for them all).
        let read = ParallelMap.map(ids) { id -> (form: FormDefinition?, problems: [Diagnostic]) in
            var problems: [Diagnostic] = []
            var form = FormReader.read(id: id, folder: base.appendingPathComponent(id), relative: "\(folder)/\(id)",
                                       diagnostics: &problems)
            // The sample must pass the form's own checks: it is what people copy.
            let sample = "\(folder)/\(id)/sample.yaml"
            if let definition = form, SourceFiles.kind(root.path + "/" + sample) == .file {
                let input = FormData.read(root.appendingPathComponent(sample), as: sample, for: definition)
                problems += input.diagnostics
                form?.sample = input.records.first
            }
            return (form, problems)
        }
        var forms: [FormDefinition] = []
        for (form, problems) in read {
            diagnostics += problems
            if let form, !problems.contains(where: { $0.severity == .error }) { forms.append(form) }
        }
        return FormLibrary(forms: forms, diagnostics: diagnostics)
    }
}

enum FormReader {
    static let keys = ["title", "description", "source", "name_by", "landscape", "fields", "computed", "rules"]

    static func read(id: String, folder: URL, relative: String, diagnostics: inout [Diagnostic]) -> FormDefinition? {
        let file = "\(relative)/form.yaml"
        if !ContentLoader.isSlug(id) {
            diagnostics.append(.error("form-id", at: SourceLocation(file: file), "имя папки формы «\(id)» недопустимо",
                                      hint: "латинские строчные буквы, цифры и дефисы, например subsidy-contract"))
        }
        guard let text = read(folder.appendingPathComponent("form.yaml"), file: file, &diagnostics) else { return nil }
        let source = YAMLSource(file: file, refusesForbiddenCharacters: true)
        guard let root = source.parseDocument(text, whenEmpty: "описание формы пусто",
                                              hint: "укажите title: и fields:", &diagnostics) else { return nil }
        let reader = MappingReader(node: root, source: source, context: "описании формы", keys: keys)
        let title = reader.string("title", required: true, &diagnostics)
        var fields: [Field] = []
        if let node = reader.node("fields") {
            fields = SchemaReader.readFields(node, source: source, diagnostics: &diagnostics)
        } else {
            diagnostics.append(.error("missing-key", at: source.location(of: root), "в описании формы нет списка fields",
                                      hint: "перечислите поля формы: «fields:» и под ним «- name: …»"))
        }
        var scope = PathScope(fields: fields)
        let computed = reader.node("computed").map { readComputed($0, source: source, scope: &scope, &diagnostics) } ?? []
        let rules = reader.node("rules").map { readRules($0, source: source, scope: scope, &diagnostics) } ?? []
        var nameBy: FieldPath?
        if let text = reader.string("name_by", &diagnostics), let node = reader.node("name_by") {
            nameBy = scope.check(text, at: source.location(of: node), &diagnostics)
        }
        let description = reader.string("description", &diagnostics)
        let provenance = reader.string("source", &diagnostics)
        let landscape = reader.boolean("landscape", &diagnostics) ?? false
        reader.warnUnknown(&diagnostics)

        let templateFile = "\(relative)/document.md"
        guard let markdown = read(folder.appendingPathComponent("document.md"), file: templateFile, &diagnostics),
              let title else { return nil }
        let parsed = Markdown.parse(markdown, slots: .formFields)
        for problem in parsed.problems {
            let at = SourceLocation(file: templateFile, line: problem.line, column: problem.column)
            diagnostics.append(Diagnostic(problem.isError ? .error : .warning, "form-template", at: at, problem.message,
                                          hint: problem.hint))
        }
        for raw in parsed.rawHTML {
            diagnostics.append(.error("form-template-html", at: SourceLocation(file: templateFile, line: raw.line, column: raw.column),
                                      "HTML в шаблоне формы: «\(raw.text)»",
                                      hint: "шаблон пишется разметкой Markdown; HTML не попадает ни в HTML, ни в ODT"))
        }
        var checker = TemplateChecker(scope: scope, file: templateFile)
        let slots = checker.check(parsed.document, &diagnostics)
        return FormDefinition(id: id, title: title, description: description, source: provenance, landscape: landscape,
                              nameBy: nameBy,
                              fields: fields, computed: computed, rules: rules, template: parsed.document,
                              slotPaths: slots, amountsInWords: checker.amountsInWords, file: file, allFields: scope.fields)
    }

    private static func read(_ url: URL, file: String, _ diagnostics: inout [Diagnostic]) -> String? {
        do {
            // A part of the portal: a symbolic link is not followed.
            guard let data = SourceFiles.contents(url.path) else { throw CocoaError(.fileReadNoSuchFile) }
            return try decodeText(data)
        } catch {
            diagnostics.append(.error("form-file", at: SourceLocation(file: file), "не удалось прочитать файл формы",
                                      hint: "у каждой формы есть form.yaml и document.md в кодировке UTF-8"))
            return nil
        }
    }

    static func readComputed(_ node: Node, source: YAMLSource, scope: inout PathScope,
                             _ diagnostics: inout [Diagnostic]) -> [ComputedValue] {
        guard case let .sequence(entries) = node else {
            diagnostics.append(.error("form-computed", at: source.location(of: node), "computed: ожидался список значений",
                                      hint: "- name: total\n  value: sum(rows[].amount)"))
            return []
        }
        var result: [ComputedValue] = []
        for entry in entries {
            let reader = MappingReader(node: entry, source: source, context: "вычисляемом значении",
                                       keys: ["name", "label", "type", "value", "each"])
            let name = reader.name("name", required: true, &diagnostics)
            let type: FieldType? = reader.choice("type", &diagnostics)
            var rowScope = scope
            var each: String?
            if let text = reader.string("each", &diagnostics), let node = reader.node("each") {
                guard rowScope.enterRows(of: text, at: source.location(of: node), &diagnostics) != nil else { continue }
                guard !text.contains(".") else {
                    diagnostics.append(.error("form-each", at: source.location(of: node),
                                              "each: значения вычисляются в строках списка верхнего уровня",
                                              hint: "укажите список, который описан прямо в fields формы"))
                    continue
                }
                each = text
            }
            let expression = expressionValue(reader, "value", required: true, source: source, scope: rowScope, &diagnostics)
            reader.warnUnknown(&diagnostics)
            guard let name, let expression else { continue }
            let taken = each == nil ? scope.fields : rowScope.rowFields
            if taken.contains(where: { $0.name == name }) {
                diagnostics.append(.error("form-duplicate", at: source.location(of: entry),
                                          "имя «\(name)» уже занято полем или другим значением"))
                continue
            }
            let value = ComputedValue(name: name, label: reader.string("label", &diagnostics) ?? name, type: type,
                                      text: reader.string("value", &diagnostics) ?? "", expression: expression, each: each,
                                      rowFields: Set(rowScope.rowFields.map(\.name)), location: source.location(of: entry))
            result.append(value)
            // Later values, rules and the template may use it.
            if let each, let index = scope.fields.firstIndex(where: { $0.name == each }) {
                scope.fields[index].subfields.append(value.field)
            } else {
                scope.fields.append(value.field)
            }
        }
        return result
    }

    static func readRules(_ node: Node, source: YAMLSource, scope: PathScope, _ diagnostics: inout [Diagnostic]) -> [Rule] {
        guard case let .sequence(entries) = node else {
            diagnostics.append(.error("form-rules", at: source.location(of: node), "rules: ожидался список правил",
                                      hint: "- check: total == amount\n  field: amount\n  message: …"))
            return []
        }
        var result: [Rule] = []
        for entry in entries {
            let reader = MappingReader(node: entry, source: source, context: "правиле",
                                       keys: ["check", "when", "each", "field", "message", "hint", "severity"])
            var rowScope = scope
            var each: FieldPath?
            if let text = reader.string("each", &diagnostics), let node = reader.node("each") {
                each = rowScope.enterRows(of: text, at: source.location(of: node), &diagnostics)
            }
            let check = expressionValue(reader, "check", required: true, source: source, scope: rowScope, &diagnostics)
            let when = expressionValue(reader, "when", required: false, source: source, scope: rowScope, &diagnostics)
            let field = reader.string("field", required: true, &diagnostics)
            if let field, let node = reader.node("field") {
                _ = rowScope.check(field, at: source.location(of: node), &diagnostics)
            }
            let messageText = reader.string("message", required: true, &diagnostics)
            let message = messageText.flatMap { text in
                reader.node("message").flatMap { parseMessage(text, at: source.location(of: $0), scope: rowScope, &diagnostics) }
            }
            let severityText = reader.string("severity", &diagnostics) ?? "error"
            let severity = Severity(rawValue: severityText)
            if severity == nil, let node = reader.node("severity") {
                diagnostics.append(.error("form-severity", at: source.location(of: node), "severity: «\(severityText)» — не error и не warning"))
            }
            reader.warnUnknown(&diagnostics)
            guard let check, let field, let message, let severity else { continue }
            result.append(Rule(text: reader.string("check", &diagnostics) ?? "", check: check, when: when,
                               whenText: reader.string("when", &diagnostics), each: each,
                               rowFields: Set(rowScope.rowFields.map(\.name)), field: field, message: message, hint: reader.string("hint", &diagnostics),
                               severity: severity, location: source.location(of: entry)))
        }
        return result
    }

    /// An expression written as a YAML value, its paths checked against the form's fields.
    private static func expressionValue(_ reader: MappingReader, _ key: String, required: Bool, source: YAMLSource,
                                        scope: PathScope, _ diagnostics: inout [Diagnostic]) -> FormEngine.Expression? {
        guard let text = reader.string(key, required: required, &diagnostics), let node = reader.node(key) else { return nil }
        return parseExpression(text, at: source.location(of: node), scope: scope, &diagnostics)
    }

    static func parseExpression(_ text: String, at location: SourceLocation, scope: PathScope,
                                _ diagnostics: inout [Diagnostic]) -> FormEngine.Expression? {
        do {
            let expression = try ExpressionParser.parse(text)
            var ok = true
            for path in expression.paths where scope.check(path.description, at: location, &diagnostics) == nil { ok = false }
            return ok ? expression : nil
        } catch {
            var at = location
            at.column += error.offset
            diagnostics.append(.error("form-expression", at: at, "ошибка в выражении «\(text)»: \(error.message)",
                                      hint: "выражения: числа, 'строки', пути к полям, + - * /, == != < <= > >=, and, or, not, "
                                          + "sum(), avg(), count(), min(), max(), round(x, n), present()"))
            return nil
        }
    }

    /// «итог {total} не равен {amount}»: the text with its `{expression}` parts.
    static func parseMessage(_ text: String, at location: SourceLocation, scope: PathScope,
                             _ diagnostics: inout [Diagnostic]) -> [Rule.MessagePart]? {
        var parts: [Rule.MessagePart] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                diagnostics.append(.error("form-message", at: location, "в сообщении не закрыта фигурная скобка",
                                          hint: "значения вставляются так: {amount}"))
                return nil
            }
            let inner = String(rest[rest.index(after: open)..<close])
            guard let expression = parseExpression(inner, at: location, scope: scope, &diagnostics) else { return nil }
            parts.append(.value(expression, inner))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }
}
