import Diagnostics
import Foundation

/// Form data in JSON (RFC 8259), read by a strict JSON parser that keeps the position of every value.
/// The value tree is then written as block YAML whose every line remembers the position of the key
/// or value it holds (as CSV rows are): the form checker reads it exactly like YAML data, and every
/// message points at the line and column of the JSON file.
enum JSONRecords {
    /// The data as YAML text and the position in the JSON file of each of its lines.
    struct Document {
        var yaml: String
        var lineMap: [Int: SourceLocation]
        /// Where each record starts: the «{» of the object, or of each object of the list.
        var records: [SourceLocation]
    }

    /// The YAML text of the data, or the one syntax error (nil and a diagnostic when the file is empty).
    static func document(_ text: String, file: String) -> Result<Document, Diagnostic> {
        var parser = Parser(text, file: file)
        do throws(Diagnostic) {
            let value = try parser.document()
            var writer = YAMLWriter()
            writer.write(value, indent: "", inline: nil)
            let records = if case let .array(items) = value.value { items.map(\.location) } else { [value.location] }
            return .success(Document(yaml: writer.text, lineMap: writer.lineMap, records: records))
        } catch {
            return .failure(error)
        }
    }

    /// A JSON value with where it starts.
    indirect enum Value {
        case object([(key: String, keyAt: SourceLocation, value: Node)])
        case array([Node])
        case string(String)
        /// The number's text as written (exactness is the form checker's business).
        case number(String)
        case boolean(Bool)
        case null
    }

    struct Node {
        var value: Value
        var location: SourceLocation
    }

    /// Nesting deeper than this is refused (forms nest a few levels); it keeps the parser off the stack's end.
    static let maximumDepth = 64

    struct Parser {
        private let scalars: [Unicode.Scalar]
        private let file: String
        private var index = 0
        private var line = 1
        private var column = 1
        private var depth = 0

        init(_ text: String, file: String) {
            scalars = Array(text.unicodeScalars)
            self.file = file
        }

        private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }
        private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        private mutating func advance() {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }

        private mutating func skipSpace() {
            while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
        }

        private func error(_ message: String, at location: SourceLocation, hint: String) -> Diagnostic {
            .error("json-syntax", at: location, "ошибка синтаксиса JSON: " + message, hint: hint)
        }

        /// What is at the current position, for messages: «"x"», «конец файла».
        private var found: String {
            guard let c = current else { return "конец файла" }
            if c.value < 0x20 { return String(format: "символ U+%04X", c.value) }
            return "«\(FormData.printable(String(Character(c))))»"
        }

        mutating func document() throws(Diagnostic) -> Node {
            skipSpace()
            guard current != nil else {
                throw .error("empty-file", at: SourceLocation(file: file), "файл данных пуст",
                             hint: "данные JSON — объект с полями формы: {\"number\": \"1/2026\", …}, или список таких объектов")
            }
            let value = try self.value()
            skipSpace()
            if current != nil {
                throw error("после данных лишний текст (\(found))", at: here,
                            hint: "в файле JSON одно значение; несколько записей объединяются в список: [{…}, {…}]")
            }
            return value
        }

        private mutating func value() throws(Diagnostic) -> Node {
            let start = here
            guard let c = current else {
                throw error("текст закончился, а значение не указано", at: start,
                            hint: "после «:» или «,» должно стоять значение; проверьте, закрыты ли скобки")
            }
            switch c {
            case "{": return Node(value: try object(), location: start)
            case "[": return Node(value: try array(), location: start)
            case "\"": return Node(value: .string(try string()), location: start)
            case "-", "0"..."9": return Node(value: .number(try number()), location: start)
            case "t": try literal("true"); return Node(value: .boolean(true), location: start)
            case "f": try literal("false"); return Node(value: .boolean(false), location: start)
            case "n": try literal("null"); return Node(value: .null, location: start)
            case "'":
                throw error("строка в одинарных кавычках", at: start, hint: "строки в JSON заключаются в двойные кавычки: \"…\"")
            default:
                throw error("ожидалось значение, а указан \(found)", at: start,
                            hint: "значение JSON — объект {…}, список […], строка в двойных кавычках, число, "
                                + "true, false или null (строчными буквами); после последнего элемента запятая не ставится")
            }
        }

        private mutating func literal(_ word: String) throws(Diagnostic) {
            let start = here
            for expected in word.unicodeScalars {
                guard current == expected else {
                    throw error("ожидалось «\(word)»", at: start,
                                hint: "true, false и null пишутся строчными буквами без кавычек; текст — в двойных кавычках")
                }
                advance()
            }
            if let c = current, c.properties.isAlphabetic || ("0"..."9").contains(c) {
                throw error("ожидалось «\(word)»", at: start, hint: "текст заключается в двойные кавычки: \"…\"")
            }
        }

        private mutating func enter(_ start: SourceLocation) throws(Diagnostic) {
            depth += 1
            if depth > JSONRecords.maximumDepth {
                throw error("вложенность больше \(JSONRecords.maximumDepth) уровней", at: start,
                            hint: "данные формы вкладываются на несколько уровней; проверьте, закрыты ли скобки")
            }
        }

        private mutating func object() throws(Diagnostic) -> Value {
            let open = here
            try enter(open)
            advance()  // {
            var entries: [(key: String, keyAt: SourceLocation, value: Node)] = []
            var seen: [String: SourceLocation] = [:]
            skipSpace()
            if current == "}" {
                advance()
                depth -= 1
                return .object([])
            }
            while true {
                skipSpace()
                let keyAt = here
                guard current == "\"" else {
                    if current == nil { throw unclosed("{", at: open) }
                    throw error("ожидалось имя поля в двойных кавычках, а указан \(found)", at: keyAt,
                                hint: current == "}" ? "после последнего поля запятая не ставится"
                                                     : "имена полей в JSON заключаются в двойные кавычки: \"number\": …")
                }
                let key = try string()
                if let first = seen[key] {
                    throw .error("json-duplicate-key", at: keyAt, "поле «\(key)» указано дважды (впервые — строка \(first.line))",
                                 hint: "оставьте одно значение каждого поля")
                }
                seen[key] = keyAt
                skipSpace()
                guard current == ":" else {
                    if current == nil { throw unclosed("{", at: open) }
                    throw error("после имени поля «\(key)» ожидалось «:», а указан \(found)", at: here,
                                hint: "поле записывается так: \"\(key)\": значение")
                }
                advance()
                skipSpace()
                if current == nil { throw unclosed("{", at: open) }
                entries.append((key, keyAt, try value()))
                skipSpace()
                switch current {
                case ",": advance()
                case "}":
                    advance()
                    depth -= 1
                    return .object(entries)
                case nil: throw unclosed("{", at: open)
                default:
                    throw error("ожидалась «,» или «}», а указан \(found)", at: here,
                                hint: "поля объекта разделяются запятыми; объект закрывается «}»")
                }
            }
        }

        private mutating func array() throws(Diagnostic) -> Value {
            let open = here
            try enter(open)
            advance()  // [
            var items: [Node] = []
            skipSpace()
            if current == "]" {
                advance()
                depth -= 1
                return .array([])
            }
            while true {
                skipSpace()
                if current == nil { throw unclosed("[", at: open) }
                if current == "]" {
                    throw error("ожидалось значение, а указан «]»", at: here, hint: "после последнего элемента запятая не ставится")
                }
                items.append(try value())
                skipSpace()
                switch current {
                case ",": advance()
                case "]":
                    advance()
                    depth -= 1
                    return .array(items)
                case nil: throw unclosed("[", at: open)
                default:
                    throw error("ожидалась «,» или «]», а указан \(found)", at: here,
                                hint: "элементы списка разделяются запятыми; список закрывается «]»")
                }
            }
        }

        private func unclosed(_ bracket: String, at open: SourceLocation) -> Diagnostic {
            error("скобка «\(bracket)» не закрыта", at: open,
                  hint: "текст закончился раньше, чем закрылась скобка; проверьте парные скобки и кавычки")
        }

        /// A string with all RFC 8259 escapes; a lone surrogate is an error.
        private mutating func string() throws(Diagnostic) -> String {
            let open = here
            advance()  // "
            var result = String.UnicodeScalarView()
            while true {
                guard let c = current else {
                    throw error("строка не закрыта кавычкой", at: open,
                                hint: "строка заканчивается двойной кавычкой; кавычка внутри строки пишется как \\\"")
                }
                switch c {
                case "\"":
                    advance()
                    return String(result)
                case "\\":
                    let escape = here
                    advance()
                    guard let e = current else { continue }
                    advance()
                    switch e {
                    case "\"": result.append("\"")
                    case "\\": result.append("\\")
                    case "/": result.append("/")
                    case "b": result.append("\u{08}")
                    case "f": result.append("\u{0C}")
                    case "n": result.append("\n")
                    case "r": result.append("\r")
                    case "t": result.append("\t")
                    case "u":
                        let unit = try hex4(escape)
                        if (0xDC00...0xDFFF).contains(unit) {
                            throw loneSurrogate(unit, at: escape)
                        }
                        if (0xD800...0xDBFF).contains(unit) {
                            let low = here
                            guard current == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" else {
                                throw loneSurrogate(unit, at: escape)
                            }
                            advance()
                            advance()
                            let second = try hex4(low)
                            guard (0xDC00...0xDFFF).contains(second) else { throw loneSurrogate(unit, at: escape) }
                            let value = 0x10000 + ((unit - 0xD800) << 10) + (second - 0xDC00)
                            guard let scalar = Unicode.Scalar(value) else { throw loneSurrogate(unit, at: escape) }
                            result.append(scalar)
                        } else {
                            guard let scalar = Unicode.Scalar(unit) else { throw loneSurrogate(unit, at: escape) }
                            result.append(scalar)
                        }
                    default:
                        throw error("неизвестная последовательность «\\\(Character(e))» в строке", at: escape,
                                    hint: "в строке JSON после «\\» допустимы \" \\ / b f n r t и uXXXX; "
                                        + "обратная косая черта в тексте удваивается: \\\\")
                    }
                default:
                    if c.value < 0x20 {
                        throw error(c == "\n" ? "строка не закрыта до конца строки файла"
                                              : String(format: "управляющий символ U+%04X в строке", c.value),
                                    at: c == "\n" ? open : here,
                                    hint: c == "\n" ? "перевод строки внутри значения пишется как \\n; проверьте закрывающую кавычку"
                                                    : "управляющие символы в строке JSON записываются как \\uXXXX")
                    }
                    result.append(c)
                    advance()
                }
            }
        }

        private mutating func hex4(_ escape: SourceLocation) throws(Diagnostic) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let c = current, c.isASCII, let digit = Character(c).hexDigitValue else {
                    throw error("после «\\u» ожидались четыре шестнадцатеричные цифры", at: escape,
                                hint: "например \\u00AB для «; символ вне основной плоскости — парой \\uD83D\\uDE00")
                }
                value = value * 16 + UInt32(digit)
                advance()
            }
            return value
        }

        private func loneSurrogate(_ unit: UInt32, at location: SourceLocation) -> Diagnostic {
            error(String(format: "одиночный суррогат \\u%04X", unit), at: location,
                  hint: "символ вне основной плоскости записывается парой: \\uD800–\\uDBFF, затем \\uDC00–\\uDFFF "
                      + "(например \\uD83D\\uDE00), или самим символом")
        }

        /// -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
        private mutating func number() throws(Diagnostic) -> String {
            let start = here, first = index
            func digits(_ parser: inout Parser) -> Int {
                var n = 0
                while let c = parser.current, ("0"..."9").contains(c) { parser.advance(); n += 1 }
                return n
            }
            let bad = { (parser: Parser) -> Diagnostic in
                var end = parser.index
                while end < parser.scalars.count, !" \t\r\n,]}".unicodeScalars.contains(parser.scalars[end]) { end += 1 }
                let text = String(String.UnicodeScalarView(parser.scalars[first..<end]))
                return parser.error("«\(text)» — не число JSON", at: start,
                                    hint: "число пишется без ведущих нулей, плюса и пробелов, дробная часть — через точку: 1234.56; "
                                        + "текст — в двойных кавычках")
            }
            if current == "-" { advance() }
            if current == "0" {
                advance()
            } else if digits(&self) == 0 {
                throw bad(self)
            }
            if current == "." {
                advance()
                if digits(&self) == 0 { throw bad(self) }
            }
            if current == "e" || current == "E" {
                advance()
                if current == "+" || current == "-" { advance() }
                if digits(&self) == 0 { throw bad(self) }
            }
            if let c = current, !" \t\r\n,]}".unicodeScalars.contains(c) { throw bad(self) }
            return String(String.UnicodeScalarView(scalars[first..<index]))
        }
    }

    /// Block YAML, one key or scalar a line: every line is mapped to the JSON position it came from.
    struct YAMLWriter {
        var text = ""
        var lineMap: [Int: SourceLocation] = [:]
        private var line = 0

        private mutating func emit(_ content: String, at location: SourceLocation) {
            line += 1
            text += content + "\n"
            lineMap[line] = location
        }

        /// `inline`: a `- ` that the value's first line continues (an item of a list).
        mutating func write(_ node: Node, indent: String, inline: String?) {
            // Where a one-line value starts: after the indent, or after the item's «-» and a space.
            let lead = inline.map { $0 + " " } ?? indent
            switch node.value {
            case .object(let entries) where entries.isEmpty: emit(lead + "{}", at: node.location)
            case .array(let items) where items.isEmpty: emit(lead + "[]", at: node.location)
            case .object(let entries):
                if let inline { emit(inline, at: node.location) }
                for entry in entries {
                    let key = YAMLText.quoted(entry.key)
                    if key.unicodeScalars.count > 1000 {
                        // YAML's implicit keys end at 1024 characters: a longer one is written as an explicit key.
                        emit(indent + "? " + key, at: entry.keyAt)
                        emit(indent + ":", at: entry.keyAt)
                    } else {
                        emit(indent + key + ":", at: entry.keyAt)
                    }
                    write(entry.value, indent: indent + "  ", inline: nil)
                }
            case .array(let items):
                if let inline { emit(inline, at: node.location) }
                for item in items {
                    // The item's value starts on the next line, indented: `-` alone is a complete entry start.
                    write(item, indent: indent + "  ", inline: indent + "-")
                }
            case .string(let s): emit(lead + YAMLText.quoted(s), at: node.location)
            case .number(let n): emit(lead + n, at: node.location)
            case .boolean(let b): emit(lead + (b ? "true" : "false"), at: node.location)
            case .null: emit(lead + "null", at: node.location)
            }
        }
    }
}
