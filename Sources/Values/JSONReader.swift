/// Reads answers saved as JSON (RFC 8259) into a `DataTree`, without Foundation: the forms engine
/// in the browser loads such files too. Values keep their text, as YAML's do: strings become
/// quoted scalars, numbers plain scalars written as in the file (`1450000.00` stays so, no
/// Double in between), `true`/`false`/`null` plain scalars of those words.
public enum JSONReader {
    /// Nested arrays and objects allowed; deeper is an error, not a stack overflow.
    public static let maximumDepth = 100

    /// The root value, nil for a text of nothing but whitespace (an empty file).
    public static func read(_ text: String) throws(DataTreeError) -> DataTree? {
        var scalars = Array(text.unicodeScalars)
        // RFC 8259 lets a reader ignore a byte-order mark; editors on Windows write one.
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var parser = JSONParser(chars: scalars)
        parser.skipWhitespace()
        if parser.atEnd { return nil }
        let root = try parser.value(depth: 0)
        parser.skipWhitespace()
        if !parser.atEnd {
            throw parser.error("после конца данных JSON продолжается текст")
        }
        return root
    }
}

struct JSONParser {
    let chars: [Unicode.Scalar]
    private var index = 0
    /// 1-based, as in DataTree; CR LF and a lone CR end a line as LF does.
    private var line = 1
    private var column = 1

    init(chars: [Unicode.Scalar]) {
        self.chars = chars
    }

    var atEnd: Bool { index >= chars.count }

    private var current: Unicode.Scalar { index < chars.count ? chars[index] : "\0" }

    func error(_ message: String) -> DataTreeError {
        DataTreeError(line: line, column: column, message: message)
    }

    private func error(_ message: String, line: Int, column: Int) -> DataTreeError {
        DataTreeError(line: line, column: column, message: message)
    }

    private mutating func advance() {
        let c = current
        index += 1
        if c == "\n" || (c == "\r" && current != "\n") {
            line += 1
            column = 1
        } else if c != "\r" {
            column += 1
        }
    }

    mutating func skipWhitespace() {
        while true {
            switch current {
            case " ", "\t", "\n", "\r": advance()
            default: return
            }
        }
    }

    /// What stands at the current place, for messages.
    private var found: String {
        if atEnd { return "конец файла" }
        return "«" + YAMLScanner.shown(current) + "»"
    }

    mutating func value(depth: Int) throws(DataTreeError) -> DataTree {
        let (startLine, startColumn) = (line, column)
        switch current {
        case "{":
            return try object(depth: depth + 1)
        case "[":
            return try array(depth: depth + 1)
        case "\"":
            return DataTree(.scalar(try string(), .quoted), line: startLine, column: startColumn)
        case "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9":
            return DataTree(.scalar(try number(), .plain), line: startLine, column: startColumn)
        case "t", "f", "n":
            for word in ["true", "false", "null"] where matches(word) {
                for _ in word.unicodeScalars { advance() }
                return DataTree(.scalar(word, .plain), line: startLine, column: startColumn)
            }
            throw error("ожидалось значение JSON, а указано " + found + ": текст пишется в двойных кавычках")
        default:
            throw error("ожидалось значение JSON, а указано " + found)
        }
    }

    private func matches(_ word: String) -> Bool {
        var i = index
        for c in word.unicodeScalars {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
        }
        // `nullx` is not null followed by garbage but one unknown word.
        return i >= chars.count || !Self.isWordCharacter(chars[i])
    }

    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
    }

    private func checkDepth(_ depth: Int) throws(DataTreeError) {
        if depth > JSONReader.maximumDepth {
            throw error("слишком глубокая вложенность: больше " + String(JSONReader.maximumDepth)
                        + " уровней массивов и объектов")
        }
    }

    private mutating func object(depth: Int) throws(DataTreeError) -> DataTree {
        try checkDepth(depth)
        let (startLine, startColumn) = (line, column)
        advance()
        var pairs: [DataTree.Pair] = []
        var seen: [String: Int] = [:]
        skipWhitespace()
        if current == "}" {
            advance()
            return DataTree(.mapping(pairs), line: startLine, column: startColumn)
        }
        while true {
            skipWhitespace()
            guard current == "\"" else {
                throw error("ожидалось имя поля в двойных кавычках, а указано " + found)
            }
            let (keyLine, keyColumn) = (line, column)
            let name = try string()
            if let first = seen[name] {
                throw error("поле «" + name + "» указано дважды (впервые в строке " + String(first)
                            + "): оставьте одно значение каждого поля", line: keyLine, column: keyColumn)
            }
            seen[name] = keyLine
            skipWhitespace()
            guard current == ":" else { throw error("после имени поля ожидалось «:», а указано " + found) }
            advance()
            skipWhitespace()
            let value = try value(depth: depth)
            pairs.append(DataTree.Pair(key: DataTree(.scalar(name, .quoted), line: keyLine, column: keyColumn), value: value))
            skipWhitespace()
            if current == "," {
                advance()
                continue
            }
            if current == "}" {
                advance()
                return DataTree(.mapping(pairs), line: startLine, column: startColumn)
            }
            throw error("объект не закрыт: ожидалась «,» или «}», а указано " + found
                        + " (объект открыт в строке " + String(startLine) + ")")
        }
    }

    private mutating func array(depth: Int) throws(DataTreeError) -> DataTree {
        try checkDepth(depth)
        let (startLine, startColumn) = (line, column)
        advance()
        var items: [DataTree] = []
        skipWhitespace()
        if current == "]" {
            advance()
            return DataTree(.sequence(items), line: startLine, column: startColumn)
        }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth))
            skipWhitespace()
            if current == "," {
                advance()
                continue
            }
            if current == "]" {
                advance()
                return DataTree(.sequence(items), line: startLine, column: startColumn)
            }
            throw error("массив не закрыт: ожидалась «,» или «]», а указано " + found
                        + " (массив открыт в строке " + String(startLine) + ")")
        }
    }

    /// A number as written: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func number() throws(DataTreeError) -> String {
        var text = ""
        func digits(_ parser: inout JSONParser, _ text: inout String) -> Int {
            var count = 0
            while parser.current >= "0" && parser.current <= "9" {
                text.unicodeScalars.append(parser.current)
                parser.advance()
                count += 1
            }
            return count
        }
        if current == "-" {
            text += "-"
            advance()
        }
        let (intLine, intColumn) = (line, column)
        let leadingZero = current == "0"
        let integerDigits = digits(&self, &text)
        if integerDigits == 0 { throw error("после «-» ожидались цифры числа") }
        if leadingZero && integerDigits > 1 {
            throw error("число не может начинаться с нуля: текст из цифр (код, номер) пишется в кавычках",
                        line: intLine, column: intColumn)
        }
        if current == "." {
            text += "."
            advance()
            if digits(&self, &text) == 0 { throw error("после десятичной точки ожидались цифры") }
        }
        if current == "e" || current == "E" {
            text.unicodeScalars.append(current)
            advance()
            if current == "+" || current == "-" {
                text.unicodeScalars.append(current)
                advance()
            }
            if digits(&self, &text) == 0 { throw error("в показателе степени числа ожидались цифры") }
        }
        if !atEnd && Self.isWordCharacter(current) {
            throw error("неверное число: после «" + text + "» стоит " + found)
        }
        return text
    }

    private mutating func string() throws(DataTreeError) -> String {
        let (startLine, startColumn) = (line, column)
        advance()
        var text = ""
        while true {
            if atEnd {
                throw error("строка, открытая здесь, не закрыта кавычкой до конца файла", line: startLine, column: startColumn)
            }
            let c = current
            if c == "\"" {
                advance()
                return text
            }
            if c.value < 0x20 {
                throw error("в строке недопустим управляющий символ " + YAMLScanner.codePoint(c)
                            + (c == "\n" ? ": перевод строки пишется как \\n" : ": пишите его последовательностью с «\\»"))
            }
            if c != "\\" {
                text.unicodeScalars.append(c)
                advance()
                continue
            }
            let (escapeLine, escapeColumn) = (line, column)
            advance()
            let letter = current
            if atEnd { continue }
            advance()
            switch letter {
            case "\"": text += "\""
            case "\\": text += "\\"
            case "/": text += "/"
            case "b": text += "\u{08}"
            case "f": text += "\u{0C}"
            case "n": text += "\n"
            case "r": text += "\r"
            case "t": text += "\t"
            case "u":
                let high = try hex4(escapeLine, escapeColumn)
                if high >= 0xDC00 && high <= 0xDFFF {
                    throw error("одиночная вторая половина суррогатной пары \\u" + Self.hex(high),
                                line: escapeLine, column: escapeColumn)
                }
                var value = high
                if high >= 0xD800 && high <= 0xDBFF {
                    // A character beyond U+FFFF is written as two \u escapes, a surrogate pair.
                    guard current == "\\" && index + 1 < chars.count && chars[index + 1] == "u" else {
                        throw error("одиночная первая половина суррогатной пары \\u" + Self.hex(high)
                                    + ": за ней должна идти вторая, \\uDC00–\\uDFFF", line: escapeLine, column: escapeColumn)
                    }
                    advance()
                    advance()
                    let low = try hex4(escapeLine, escapeColumn)
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw error("одиночная первая половина суррогатной пары \\u" + Self.hex(high)
                                    + ": за ней должна идти вторая, \\uDC00–\\uDFFF", line: escapeLine, column: escapeColumn)
                    }
                    value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                }
                // Neither half of a pair remains here, so the value is a scalar.
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            default:
                throw error("неизвестная последовательность «\\" + YAMLScanner.shown(letter) + "» в строке",
                            line: escapeLine, column: escapeColumn)
            }
        }
    }

    private mutating func hex4(_ escapeLine: Int, _ escapeColumn: Int) throws(DataTreeError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard !atEnd, let digit = YAMLScanner.hexDigit(current) else {
                throw error("после «\\u» ожидались четыре шестнадцатеричные цифры", line: escapeLine, column: escapeColumn)
            }
            value = value << 4 + digit
            advance()
        }
        return value
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
