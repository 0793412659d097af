import Diagnostics
import DocumentTree
import ODF
import RussianText
import Values

/// What a form's page asks of the engine, text in and JSON text out — the calls the WebAssembly
/// module exports (FormEngineWasm only moves the bytes). Answers are the page's JSON: an object
/// of the form's fields, texts as typed, lists as arrays of row objects; a question left
/// unanswered is absent. They are checked, computed and filled by the code `nko form` runs.
public struct PageEngine {
    public let form: FormDefinition

    public init(definition: String) throws(DefinitionError) {
        let tree: DataTree?
        do {
            tree = try JSONReader.read(definition)
        } catch {
            throw DefinitionError(message: "definition: \(error.message) at \(error.line):\(error.column)")
        }
        guard let tree else { throw DefinitionError(message: "definition: empty") }
        form = try FormDefinition(json: tree)
    }

    /// A file of answers (`sample.yaml`, a file saved from the page, YAML or JSON) as the page's
    /// answers: `{"answers": …}`, or `{"error": …}` with the line and column of what is wrong.
    public static func read(_ text: String, json: Bool) -> String {
        do {
            let tree = try json ? JSONReader.read(text) : YAMLReader.read(text)
            guard let tree, case .mapping = tree.content else {
                return error(line: tree?.line ?? 1, column: tree?.column ?? 1, "в файле нет ответов формы («имя: значение»)")
            }
            return JSON.object([("answers", answers(tree))]).text
        } catch {
            return Self.error(line: error.line, column: error.column, error.message)
        }
    }

    /// The answers checked: every problem with the path of its field, and the computed values as
    /// the document prints them (`{"problems": [...], "computed": {"total": "…", "rows[1].sum": "…"}}`).
    public func check(_ answers: String) -> String {
        let (record, problems) = self.record(answers)
        var computed: [(String, JSON)] = []
        if let record {
            for value in form.computed {
                if let each = value.each, case let .list(rows)? = record.values[each] {
                    for (index, row) in rows.enumerated() {
                        if let cell = row[entry: value.name] { computed.append(("\(each)[\(index + 1)].\(value.name)", .string(text(cell)))) }
                    }
                } else if let result = record.values[value.name] {
                    computed.append((value.name, .string(text(result))))
                }
            }
        }
        return JSON.object([
            ("problems", .array(problems.map { problem in
                JSON.object([("severity", .string(problem.severity.rawValue)), ("path", problem.path.map(JSON.string)),
                             ("message", .string(problem.message)), ("hint", problem.hint.map(JSON.string))])
            })),
            ("computed", .object(computed)),
        ]).text
    }

    /// The filled document, or nothing when the answers have errors: `{"name": "…odt", "parts":
    /// [[path, xml] …]}` (the page zips them after `mimetype`) or `{"name": "…html", "html": "…"}`.
    /// `date` (ГГГГ-ММ-ДД) is the creation date written into the ODT.
    public func render(_ answers: String, date: String, odt: Bool) -> String {
        let (record, problems) = self.record(answers)
        guard let record, !problems.contains(where: { $0.severity == .error }), let date = CalendarDate(iso: date) else {
            return JSON.object([("error", .string("в ответах есть ошибки: документ не составлен"))]).text
        }
        let renderer = FormRenderer(form: form)
        let name = fileName(record) + (odt ? ".odt" : ".html")
        guard odt else { return JSON.object([("name", .string(name)), ("html", .string(renderer.html(record)))]).text }
        let parts = renderer.odtParts(record, date: date)
        let all = [("META-INF/manifest.xml", ODFParts.manifest(paths: parts.map { $0.path }))]
            + parts.map { ($0.path, String(decoding: $0.xml, as: UTF8.self)) }
        return JSON.object([("name", .string(name)), ("parts", .array(all.map { .array([.string($0.0), .string($0.1)]) }))]).text
    }

    /// The answers as a YAML file that `nko form render --data` reads as they are: `{"yaml": "…"}`.
    public static func yaml(_ answers: String) -> String {
        let tree = (try? JSONReader.read(answers)) ?? nil
        return JSON.object([("yaml", .string(tree.map(YAMLWriter.text) ?? ""))]).text
    }

    // MARK: -

    private func record(_ answers: String) -> (FormRecord?, [Diagnostic]) {
        let source = DataTreeSource(file: "ответы")
        let tree: DataTree?
        do {
            tree = try JSONReader.read(answers)
        } catch {
            return (nil, [.error("data-file", at: nil, "ответы не читаются: \(error.message)")])
        }
        let root = tree ?? DataTree(.mapping([]), line: 1, column: 1)
        var problems: [Diagnostic] = []
        let record = FormData.check(root, at: source.location(of: root), source: source, form: form, &problems)
        return (record, FormInput(records: [], diagnostics: problems, isBatch: false).diagnostics)
    }

    /// `<form>-<name_by value>`: the name a batch gives the record's file, after the form.
    private func fileName(_ record: FormRecord) -> String {
        guard let field = form.nameBy, let value = record.text(at: field),
              case let .success(name) = FormInput.fileName(value), !name.isEmpty else { return form.id }
        return form.id + "-" + name
    }

    private func text(_ value: Value) -> String { value.text(.document(format: nil)) }

    /// A tree of answers with every scalar as its text, as the page's inputs hold them.
    private static func answers(_ tree: DataTree) -> JSON {
        switch tree.content {
        case .scalar(let text, _): return .string(tree.isNull ? "" : text)
        case .sequence(let items): return .array(items.map(answers))
        case .mapping(let pairs): return .object(pairs.map { ($0.key.scalarText ?? "", answers($0.value)) })
        }
    }

    private static func error(line: Int, column: Int, _ message: String) -> String {
        JSON.object([("error", .object([("line", .number(line)), ("column", .number(column)), ("message", .string(message))]))]).text
    }
}
