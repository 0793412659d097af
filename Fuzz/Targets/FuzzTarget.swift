import Content
import Diagnostics
import Forms
import Foundation
import Markup
import Site
import TemplateEngine

/// The fuzz targets of `make fuzz` (README, «Фаззинг»). Each feeds one input to the same engine
/// entry points `nko build` and `nko form check` run; a target must never crash, whatever the input.
/// The input's first line, where a target reads one, names what the rest is read as; an unknown
/// name picks one by its hash, so that mutated inputs still reach every case.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Front matter split off a content file, its YAML read against a collection's schema
    /// (first line: the collection, e.g. `press/news`); the same text also as a data file.
    case frontMatter = "front-matter"
    /// Markdown → document tree → legal structure (anchors, references) → HTML.
    case markdown
    /// Form data read and checked (first line: `<form>.yaml`, `.json` or `.csv`).
    case formData = "form-data"
    /// An expression of a rule or computed value, parsed and evaluated over a form's sample record.
    case expression
    /// Templates loaded from a folder and one rendered: the input is split into templates at lines
    /// `#### <name>`; the text before the first such line is the template `page`, which is rendered.
    case templates

    public func run(_ data: Data) {
        guard let text = try? decodeText(data) else { return }  // the engine refuses such files too
        switch self {
        case .frontMatter: Self.frontMatter(text)
        case .markdown: Self.markdown(text)
        case .formData: Self.formData(text)
        case .expression: Self.expression(text)
        case .templates: Self.templates(text)
        }
    }

    // MARK: Targets

    static func frontMatter(_ text: String) {
        let (name, rest) = firstLine(text)
        guard let collection = pick(name, from: collections, by: \.id) else { return }
        var diagnostics: [Diagnostic] = []
        _ = try? FrontMatter.split(rest)
        _ = ContentLoader.readMarkdownItem(rest, file: "content/\(collection.id)/fuzz.md", collection: collection.id,
                                           schema: collection.schema, &diagnostics)
        _ = ContentLoader.readDataItems(rest, file: "content/\(collection.id)/fuzz.yaml", collection: collection.id,
                                        schema: collection.schema, &diagnostics)
    }

    static func markdown(_ text: String) {
        // Documents use the blanks of model acts, form templates their fields' slots.
        let parsed = Markdown.parse(text, slots: text.utf8.count % 2 == 0 ? .modelAct : .formFields)
        // The act's kind, as the page renderer takes it: the first word of the title.
        let kind = text.split(whereSeparator: \.isWhitespace).first.map { $0.lowercased() } ?? ""
        let outline = LegalStructure.analyze(parsed.document, kind: kind)
        _ = HTMLRenderer.render(outline.document)
    }

    static func formData(_ text: String) {
        let (name, rest) = firstLine(text)
        let ext = ["yaml", "json", "csv"].first { name.hasSuffix(".\($0)") } ?? ["yaml", "json", "csv"][hash(name) % 3]
        let id = name.hasSuffix(".\(ext)") ? String(name.dropLast(ext.count + 1)) : name
        guard let form = pick(id, from: forms.forms, by: \.id) else { return }
        _ = FormData.read(text: rest, as: "data.\(ext)", for: form, format: DataFormat(of: URL(fileURLWithPath: "data.\(ext)")))
    }

    static func expression(_ text: String) {
        guard let expression = try? ExpressionParser.parse(text) else { return }
        for form in forms.forms {
            _ = try? Evaluator(root: form.sample?.values ?? [:]).evaluate(expression)
        }
    }

    static func templates(_ text: String) {
        var parts: [(name: String, text: String)] = [("page", "")]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#### ") {
                let name = line.dropFirst(5).filter { $0.isASCII && ($0.isLetter || $0.isNumber || "_-".contains($0)) }
                parts.append((name.isEmpty ? "t\(parts.count)" : String(name), ""))
            } else {
                parts[parts.count - 1].text += line + "\n"
            }
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nko-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("templates")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return }
        for part in parts {
            try? Data(part.text.utf8).write(to: folder.appendingPathComponent("\(part.name).mustache"))
        }
        var diagnostics: [Diagnostic] = []
        let templates = Templates.load(root: root, diagnostics: &diagnostics)
        let context: [String: Any] = [
            "site": ["title": "Портал", "base": "/"],
            "page": ["title": "Страница", "body": "<p>текст</p>", "is_item": true,
                     "fields": [["label": "Дата", "text": "23 ноября 2026 г."]]],
            "items": [["title": "Первая", "url": "/a/"], ["title": "Вторая", "url": "/b/"]],
        ]
        _ = templates.library.render(context, withTemplate: "page")
    }

    // MARK: What the targets read against

    /// The portal the targets read against: this repository's, or the one in the current folder.
    static let root: URL = {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if FileManager.default.fileExists(atPath: here.appendingPathComponent("portal.yaml").path) { return here }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }()

    /// The collections with their real schemas.
    static let collections = ContentLoader.load(root: root, diagnostics: DiagnosticEngine())?.collections ?? []

    /// The forms of `content/_forms` with their sample records.
    static let forms = FormLibrary.load(root: root)

    // MARK: Helpers

    static func firstLine(_ text: String) -> (String, String) {
        guard let newline = text.firstIndex(of: "\n") else { return (text, "") }
        return (String(text[..<newline]), String(text[text.index(after: newline)...]))
    }

    /// The element named `name`, else one chosen by the name's hash; nil only when there are none.
    static func pick<T>(_ name: String, from elements: [T], by key: (T) -> String) -> T? {
        guard !elements.isEmpty else { return nil }
        return elements.first { key($0) == name } ?? elements[hash(name) % elements.count]
    }

    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    static func hash(_ text: String) -> Int {
        Int(text.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 } % 1_000_003)
    }
}
