import Diagnostics
import RussianText
import Foundation
import Yams

/// YAML text of one file (a whole `.yaml` file or the front matter of a `.md` file),
/// parsed into a node tree whose marks are turned into positions in the file.
package struct YAMLSource {
    package let file: String
    /// Lines of the file that come before the YAML text (1 for front matter after `---`).
    package let lineOffset: Int

    /// For YAML generated from another file (a CSV row): where each generated line came from.
    package var lineMap: [Int: SourceLocation]?

    /// Content files refuse forbidden characters written as escapes (`"\u0001"`, `"\r"`): the raw
    /// ones are refused when the file is read. Form data names its own fields instead.
    package let refusesForbiddenCharacters: Bool

    package init(file: String, lineOffset: Int = 0, lineMap: [Int: SourceLocation]? = nil, refusesForbiddenCharacters: Bool = false) {
        self.file = file
        self.lineOffset = lineOffset
        self.lineMap = lineMap
        self.refusesForbiddenCharacters = refusesForbiddenCharacters
    }

    package func location(_ mark: Mark?) -> SourceLocation {
        if let lineMap { return mark.flatMap { lineMap[$0.line] } ?? lineMap[1] ?? SourceLocation(file: file) }
        guard let mark else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    public func location(of node: Node) -> SourceLocation { location(node.mark) }

    /// The root node, nil for an empty document, or the syntax error in Russian.
    /// Values are typed by the schema, not by YAML's guesses, so no rule runs: the default rules
    /// run a regular expression on every scalar (a tenth of a build). Merge keys (`<<`) are not
    /// taken apart either: the reader of fields refuses one (`yaml-merge`).
    static let resolver = Resolver.basic

    package func parse(_ text: String) -> Result<Node?, Diagnostic> {
        do {
            // The encoding given: its default reads the whole process environment on every call.
            let node = try Yams.compose(yaml: text, Self.resolver, .default, .utf8)
            if refusesForbiddenCharacters, let node, let problem = forbiddenCharacter(in: node) { return .failure(problem) }
            return .success(node)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error))
        } catch {
            return .failure(.error("yaml-syntax", at: location(nil), "не удалось прочитать YAML: \(error)"))
        }
    }

    /// The first scalar (key or value) holding a forbidden character, as an error at that scalar.
    private func forbiddenCharacter(in node: Node) -> Diagnostic? {
        switch node {
        case .scalar(let scalar):
            guard let bad = scalar.string.unicodeScalars.first(where: ForbiddenCharacters.isForbidden) else { return nil }
            return ForbiddenCharacters.diagnostic(bad, at: location(of: node), in: "в значении")
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let problem = forbiddenCharacter(in: key) ?? forbiddenCharacter(in: value) { return problem }
            }
            return nil
        case .sequence(let sequence):
            return sequence.lazy.compactMap(forbiddenCharacter(in:)).first
        case .alias:
            return nil
        }
    }

    /// The root node of a file that must not be empty (settings, schemas); nil after a reported problem.
    package func parseDocument(_ text: String, whenEmpty problem: String, hint: String,
                       _ diagnostics: inout [Diagnostic]) -> Node? {
        switch parse(text) {
        case .failure(let d):
            diagnostics.append(d)
            return nil
        case .success(nil):
            diagnostics.append(.error("empty-file", at: location(nil), problem, hint: hint))
            return nil
        case .success(let node?):
            return node
        }
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let (message, hint) = Self.explain(problem: problem, context: context?.text)
            // An unclosed quote or bracket is found only at the end of the text: point at where it opened.
            let at = problem.contains("end of stream") ? (context?.mark ?? mark) : mark
            return .error("yaml-syntax", at: location(at), "ошибка синтаксиса YAML: \(message)", hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "«\($0)»" }.joined(separator: ", ")
            return .error("yaml-duplicate-key", at: location(context.mark),
                          "поле \(names) указано дважды", hint: "оставьте одно значение каждого поля")
        case let .reader(problem, _, _, _):
            return .error("yaml-encoding", at: location(nil), "файл не читается как текст UTF-8: \(problem)",
                          hint: "сохраните файл в кодировке UTF-8")
        default:
            return .error("yaml-syntax", at: location(nil), "ошибка YAML: \(error)")
        }
    }

    /// libyaml's English problems, said in Russian with what usually causes them.
    static func explain(problem: String, context: String?) -> (String, String) {
        let known: [(String, String, String)] = [
            ("mapping values are not allowed", "двоеточие в неожиданном месте",
             "значение, в котором есть «: », заключите в кавычки; проверьте отступ строки"),
            ("could not find expected ':'", "после имени поля не найдено двоеточие",
             "каждая строка метаданных имеет вид «поле: значение»; проверьте, закрыты ли кавычки"),
            ("did not find expected key", "ожидалось имя поля",
             "проверьте отступы: поля одного уровня начинаются с одной и той же позиции"),
            ("did not find expected node content", "ожидалось значение", "после «- » или «поле:» должно стоять значение"),
            ("found character that cannot start any token", "значение начинается с недопустимого символа",
             "значение, которое начинается с символов @, `, %, | или >, заключите в кавычки; отступы делайте пробелами, не табуляцией"),
            ("tab", "табуляция в отступе", "делайте отступы пробелами"),
            ("found unexpected end of stream", "текст закончился раньше, чем закрылись кавычки или скобки",
             "проверьте парные кавычки и скобки"),
            ("block sequence entries are not allowed", "элемент списка «- » в неожиданном месте",
             "элементы списка пишутся с новой строки с одинаковым отступом"),
            ("did not find expected ',' or ']'", "список в квадратных скобках не закрыт", "закройте список символом «]»"),
            ("did not find expected ',' or '}'", "словарь в фигурных скобках не закрыт", "закройте его символом «}»"),
            ("found unknown escape character", "неизвестная последовательность с «\\» в строке в двойных кавычках",
             "заключите значение в одинарные кавычки или удвойте обратную косую черту"),
            ("did not find expected alphabetic or numeric character", "после «&» или «*» ожидалось имя",
             "значение, которое начинается с «&» или «*», заключите в кавычки"),
            ("found undefined tag handle", "неизвестный тег после «!»", "значение, которое начинается с «!», заключите в кавычки"),
            ("maximum nesting level", "слишком глубокая вложенность списков и наборов полей",
             "вложенность больше тысячи уровней — почти наверняка лишние скобки «[» или «{»"),
        ]
        let lower = problem.lowercased()
        for (english, russian, hint) in known where lower.contains(english) {
            return (russian, hint)
        }
        let original = [context, problem].compactMap { $0 }.joined(separator: " ")
        return ("нарушена разметка", "сообщение разборщика YAML: \(original)")
    }
}

/// Yams' nodes are what `ValueReader` reads natively (Yams will not declare this conformance).
extension Node: DataNode {
    /// The scalar text of a node, nil for mappings, sequences and nulls.
    public var scalarText: String? {
        guard case let .scalar(scalar) = self else { return nil }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
        return scalar.string
    }

    public var isNull: Bool {
        if case let .scalar(scalar) = self {
            return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    public var isBlockScalar: Bool {
        guard case let .scalar(scalar) = self else { return false }
        return scalar.style == .literal || scalar.style == .folded
    }

    public var items: Node.Sequence? { sequence }
    public var pairs: Node.Mapping? { mapping }

    /// A Russian name of what the node is, for «ожидалось …, а указан …» messages.
    public var kindName: String {
        switch self {
        case .scalar: return "значение"
        case .mapping: return "набор полей"
        case .sequence: return "список"
        case .alias: return "ссылка YAML"
        }
    }
}

extension YAMLSource: DataSource {}

/// Splits a Markdown file into its front matter and body.
package struct FrontMatter {
    /// YAML text between the `---` lines, nil when the file has none.
    package var yaml: String?
    package var body: String
    /// Line of the file where the body starts.
    package var bodyLine: Int

    package enum Problem: Error { case unclosed }

    package static func split(_ text: String) throws(Problem) -> FrontMatter {
        // Walks the lines only as far as the closing `---`; the body is taken as it is.
        var lineStart = text.startIndex
        var line = 1
        var yamlStart: String.Index?
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let next = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
            let isFence = text[lineStart..<lineEnd].trimmingSpaces == "---"
            if line == 1 {
                guard isFence else { return FrontMatter(yaml: nil, body: text, bodyLine: 1) }
                yamlStart = next
            } else if isFence, let yamlStart {
                // The YAML without the newline before the fence, as the lines joined would give.
                let yamlEnd = lineStart > yamlStart ? text.index(before: lineStart) : yamlStart
                return FrontMatter(yaml: String(text[yamlStart..<yamlEnd]), body: String(text[next...]), bodyLine: line + 1)
            }
            lineStart = next
            line += 1
        }
        if line == 1 { return FrontMatter(yaml: nil, body: text, bodyLine: 1) }
        throw .unclosed
    }
}

/// Reads a text file as UTF-8 with Unix line ends and no byte-order mark.
package func readText(_ url: URL) throws -> String {
    try decodeText(try Data(contentsOf: url))
}

private let carriageReturn = ASCIIBytes(0x0D)

/// Bytes of a text file as UTF-8 with Unix line ends and no byte-order mark.
package func decodeText(_ data: Data) throws -> String {
    guard var text = String(data: data, encoding: .utf8) else { throw CocoaError(.fileReadInapplicableStringEncoding) }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    if carriageReturn.occurs(in: text) { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
    return text
}
