/// Reads a template's UTF-8 once, front to back: every tag starts with the two ASCII bytes `{{`,
/// so the text between tags is copied as it is. The whitespace rules are those the portal's
/// templates were written for (swift-mustache's reading of the Mustache specification): a
/// section, comment, partial or block tag alone on its line takes the line with it.
struct TemplateParser {
    private let bytes: [UInt8]
    private var i = 0
    /// The partials and parents met so far, where their tags start.
    private(set) var uses: [TemplateUse] = []

    init(_ text: String) { bytes = Array(text.utf8) }

    /// Where the parse is: inside which section (to match its end tag), at the start of a line or
    /// not, inside a parent's tag (`{{<parent}}`, whose blocks are definitions).
    private struct State {
        var section: (text: String, start: Int)?
        var newLine = true
        var inParent = false
        var parentTopLevel = false
        /// The indentation of the first line of a block overriding a parent's: taken off its
        /// other lines, as the parent's block indents them itself.
        var blockIndent: Int?
        /// How many sections, blocks and parents the parse is inside.
        var depth = 0

        func entering(_ name: String, at start: Int, newLine: Bool) -> State {
            var state = self
            state.section = (name, start)
            state.depth += 1
            state.parentTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }
    }

    mutating func parse() throws(TemplateSyntaxError) -> [Node] {
        try nodes(State())
    }

    /// Sections nested deeper than this are an error: the parse and the rendering recurse.
    static let maximumDepth = 100

    private mutating func nodes(_ entered: State) throws(TemplateSyntaxError) -> [Node] {
        if entered.depth > Self.maximumDepth, let open = entered.section { throw error(at: open.start, .tooDeep) }
        var state = entered
        var nodes: [Node] = []
        var blanks = ""  // the whitespace at the start of the line, until it is known where it goes
        while i < bytes.count {
            if state.newLine {
                let line = readBlanks()
                if state.inParent && !state.parentTopLevel {
                    if let indent = state.blockIndent {
                        blanks = String(line.dropFirst(indent))
                    } else {
                        state.blockIndent = line.count
                    }
                } else {
                    blanks = line
                }
            }
            let (text, atTag) = readText()
            if !atTag && i < bytes.count {  // at a line break
                nodes.append(.text(blanks + text + "\n"))
                state.newLine = true
                i += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(blanks + text))
                blanks = ""
                state.newLine = false
            }
            guard atTag else { break }
            let tag = i - 2
            guard i < bytes.count else { throw error(at: tag, .unclosedTag) }
            var standalone = false
            switch bytes[i] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[i] == UInt8(ascii: "^")
                i += 1
                let path = try readPath(tag)
                if isStandalone(state) {
                    standalone = true
                } else if !blanks.isEmpty {
                    nodes.append(.text(blanks))
                    blanks = ""
                }
                let inner = try self.nodes(state.entering(path.text, at: tag, newLine: standalone))
                nodes.append(.section(path, inner, inverted: inverted))
            case UInt8(ascii: "/"):
                i += 1
                let name = try readName(tag)
                guard let open = state.section, open.text == name else { throw error(at: tag, .closeMismatch(name, state.section?.text)) }
                if !isStandalone(state) && !blanks.isEmpty { nodes.append(.text(blanks)) }
                return nodes
            case UInt8(ascii: "!"):
                guard let end = find("}}", from: i + 1) else { throw error(at: tag, .unclosedComment) }
                i = end + 2
                standalone = isStandalone(state)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[i] == UInt8(ascii: "{")
                if !blanks.isEmpty {
                    nodes.append(.text(blanks))
                    blanks = ""
                }
                i += 1
                let path = try readPath(tag)
                if triple {
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "}") else { throw error(at: tag, .unclosedTag) }
                    i += 1
                }
                nodes.append(.value(path, escaped: false))
            case UInt8(ascii: ">"), UInt8(ascii: "<"):
                let isParent = bytes[i] == UInt8(ascii: "<")
                i += 1
                let name = try readPartialName(tag)
                uses.append(use(name, at: tag))
                if !blanks.isEmpty { nodes.append(.text(blanks)) }
                standalone = isStandalone(state)
                guard isParent else {
                    nodes.append(.partial(name, indentation: standalone ? blanks : nil, blocks: nil))
                    blanks = ""
                    break
                }
                var inner = state.entering(name, at: tag, newLine: true)
                (inner.newLine, inner.inParent, inner.parentTopLevel) = (true, true, true)
                var blocks: [String: [Node]] = [:]
                for node in try self.nodes(inner) {
                    switch node {
                    case .definition(let block, let content): blocks[block] = content
                    case .text: break
                    default: throw error(at: tag, .notABlockInParent(name))
                    }
                }
                nodes.append(.partial(name, indentation: blanks, blocks: blocks))
                blanks = ""
            case UInt8(ascii: "$"):
                i += 1
                let name = try readName(tag)
                guard name.allSatisfy({ $0 != "(" && $0 != ")" }) else { throw error(at: tag, .transformOfBlock(name)) }
                if state.parentTopLevel {
                    standalone = isStandalone(state)
                    nodes.append(.definition(name, try self.nodes(state.entering(name, at: tag, newLine: standalone))))
                } else {
                    if !blanks.isEmpty { nodes.append(.text(blanks)) }
                    standalone = isStandalone(state)
                    let content = try self.nodes(state.entering(name, at: tag, newLine: standalone))
                    nodes.append(.block(name, default: content, indentation: blanks))
                    blanks = ""
                }
            case UInt8(ascii: "="):
                throw error(at: tag, .delimiters)
            case UInt8(ascii: "%"):
                throw error(at: tag, .pragma)
            case _ where bytes[i...].first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "="):  // {{ =<% %>=}}
                throw error(at: tag, .delimiters)
            default:
                if !blanks.isEmpty {
                    nodes.append(.text(blanks))
                    blanks = ""
                }
                nodes.append(.value(try readPath(tag), escaped: true))
            }
            state.newLine = standalone
        }
        if let open = state.section { throw error(at: open.start, .unclosedSection(open.text)) }
        return nodes
    }

    // MARK: Reading

    /// Spaces and tabs at the start of a line.
    private mutating func readBlanks() -> String {
        let start = i
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return text(start..<i)
    }

    /// Text up to a line break (not taken) or past the next `{{`.
    private mutating func readText() -> (String, atTag: Bool) {
        let start = i
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A:
                return (text(start..<i), false)
            case UInt8(ascii: "{") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "{"):
                defer { i += 2 }
                return (text(start..<i), true)
            default:
                i += 1
            }
        }
        return (text(start..<i), false)
    }

    /// Whether a tag just read is alone on its line: then the rest of the line (blanks and the
    /// line break) goes with it.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        var j = i
        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
        if j == bytes.count {
            return i == bytes.count
        }
        guard bytes[j] == 0x0A else { return false }
        i = j + 1
        return true
    }

    private func find(_ end: StaticString, from start: Int) -> Int? {
        let (a, b) = (end.utf8Start[0], end.utf8Start[1])
        var j = start
        while j + 1 < bytes.count {
            if bytes[j] == a && bytes[j + 1] == b { return j }
            j += 1
        }
        return nil
    }

    private mutating func skipWhitespace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    private mutating func expectEnd(_ tag: Int) throws(TemplateSyntaxError) {
        skipWhitespace()
        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "}"), bytes[i + 1] == UInt8(ascii: "}") else {
            throw error(at: tag, .unclosedTag)
        }
        i += 2
    }

    /// A tag's name with its transforms, as written, up to and including `}}`.
    private mutating func readName(_ tag: Int, partial: Bool = false) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let start = i
        while i < bytes.count, Self.isNameByte(bytes[i]) || partial && bytes[i] == UInt8(ascii: "/") { i += 1 }
        let name = text(start..<i)
        try expectEnd(tag)
        return name
    }

    private mutating func readPartialName(_ tag: Int) throws(TemplateSyntaxError) -> String {
        let name = try readName(tag, partial: true)
        if name.isEmpty { throw error(at: tag, .noPartialName) }
        if name.hasPrefix("*") { throw error(at: tag, .dynamicPartial(name)) }
        return name
    }

    private func use(_ name: String, at offset: Int) -> TemplateUse {
        let (line, column) = position(of: offset)
        return TemplateUse(name: name, line: line, column: column)
    }

    /// Line and column (from 1, columns in characters) of a byte of the text.
    private func position(of offset: Int) -> (line: Int, column: Int) {
        let before = bytes[..<offset]
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return (before.count { $0 == 0x0A } + 1, String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1)
    }

    /// `a.b`, `.`, `.a`, `empty(items)`, `first()`.
    private mutating func readPath(_ tag: Int) throws(TemplateSyntaxError) -> Path {
        let written = try readName(tag)
        var name = Substring(written)
        var transforms: [Transform] = []
        if written.contains(where: { $0 == "(" || $0 == ")" }) {
            guard let open = name.firstIndex(of: "(") else { throw error(at: tag, .badTransform(written)) }
            // f(g(x)): the names before each bracket, then as many closing brackets.
            var parts = name.split(separator: "(", omittingEmptySubsequences: false)
            let last = parts.removeLast()
            let closing = last.drop { $0 != ")" }
            name = last.prefix { $0 != ")" }
            guard open != name.startIndex, closing.count == parts.count, closing.allSatisfy({ $0 == ")" }),
                  parts.allSatisfy({ !$0.contains(")") }) else {
                throw error(at: tag, .badTransform(written))
            }
            for part in parts.reversed() {
                guard let transform = Transform(rawValue: String(part)) else { throw error(at: tag, .unknownTransform(String(part))) }
                transforms.append(transform)
            }
        }
        let isCurrent = name == "."
        return Path(names: isCurrent ? [] : name.split(separator: ".").map(String.init), isCurrent: isCurrent,
                    inCurrentOnly: name.first == ".", transforms: transforms, text: written)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return ".-_?()*".utf8.contains(byte)
        }
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    // MARK: Errors

    private enum Problem {
        case unclosedTag, unclosedComment, unclosedSection(String), closeMismatch(String, String?)
        case delimiters, pragma, dynamicPartial(String), noPartialName, notABlockInParent(String)
        case transformOfBlock(String), badTransform(String), unknownTransform(String), tooDeep
    }

    private func error(at offset: Int, _ problem: Problem) -> TemplateSyntaxError {
        let (line, column) = position(of: offset)
        let (message, hint): (String, String?) = switch problem {
        case .unclosedTag: ("тег не закрыт «}}»", nil)
        case .unclosedComment: ("комментарий не закрыт «}}»", nil)
        case .unclosedSection(let name): ("секция не закрыта тегом {{/…}}", "закройте секцию тегом {{/\(name)}}")
        case .closeMismatch(let name, let open):
            ("закрывающий тег секции не совпадает с открывающим",
             open.map { "открыта секция «\($0)», закрывается «\(name)»" } ?? "тег {{/\(name)}} закрывает секцию, которая не открыта")
        case .delimiters: ("смена разделителей ({{=<% %>=}}) в шаблонах не поддерживается", "пишите теги в двойных фигурных скобках {{ }}")
        case .pragma: ("настройки шаблона ({{%…}}) не поддерживаются", "значения {{…}} всегда экранируются как HTML; {{{…}}} — без экранирования")
        case .noPartialName: ("не указано имя подключаемого шаблона", "пишите так: {{>header}}")
        case .dynamicPartial(let name): ("имя подключаемого шаблона «\(name)» не может вычисляться", "укажите имя шаблона: {{>имя}}")
        case .notABlockInParent(let name): ("внутри {{<\(name)}} могут быть только блоки {{$…}}", "перенесите остальное в блоки")
        case .transformOfBlock(let name): ("к блоку «\(name)» нельзя применить преобразование", nil)
        case .badTransform(let name): ("неверная запись преобразования «\(name)»", "пишите так: {{#empty(items)}}")
        case .tooDeep:
            ("секции вложены глубже \(Self.maximumDepth) уровней", "так глубоко шаблоны не вкладывают: проверьте, закрыта ли каждая секция")
        case .unknownTransform(let name):
            ("неизвестное преобразование «\(name)»", "есть: " + Transform.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let changesDelimiters = if case .delimiters = problem { true } else { false }
        return TemplateSyntaxError(changesDelimiters: changesDelimiters, line: line, column: column, message: message, hint: hint)
    }
}
