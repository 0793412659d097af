// libyaml's scanner (scanner.c) for `YAMLReader`: characters to tokens.

/// A position as libyaml keeps it: all 0-based, `index` counts Unicode scalars.
struct YAMLMark {
    var index = 0
    var line = 0
    var column = 0
}

struct YAMLToken {
    enum Kind: Equatable {
        case streamStart, streamEnd, documentStart, documentEnd
        case blockSequenceStart, blockMappingStart, blockEnd
        case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
        case blockEntry, flowEntry, key, value, scalar
    }

    var kind: Kind
    var start: YAMLMark
    var end: YAMLMark
    var text: [Unicode.Scalar] = []
    var style: DataTree.ScalarStyle = .plain
}

/// libyaml's scanner for the supported subset: tokens are fetched until no potential simple key
/// could still turn the first queued one into a key (KEY and BLOCK-MAPPING-START are inserted
/// back into the queue when the `:` is found).
struct YAMLScanner {
    struct SimpleKey {
        var possible = false
        var required = false
        var tokenNumber = 0
        var mark = YAMLMark()
    }

    private let chars: [Unicode.Scalar]
    private var mark = YAMLMark()
    private var tokens: [YAMLToken] = []
    private var head = 0
    private var tokensParsed = 0
    private var streamStartProduced = false
    private var indent = -1
    private var indents: [Int] = []
    private var simpleKeyAllowed = false
    private var simpleKeys: [SimpleKey] = []
    private var flowLevel = 0

    init(_ chars: [Unicode.Scalar]) {
        self.chars = chars
    }

    // MARK: Characters

    /// The scalar `offset` places ahead, NUL past the end (the text has none: see checkCharacters).
    private func at(_ offset: Int) -> Unicode.Scalar {
        let i = mark.index + offset
        return i < chars.count ? chars[i] : "\0"
    }

    private var atEnd: Bool { mark.index >= chars.count }

    /// libyaml's line breaks: NEL, LS and PS too.
    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}"
    }

    static func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }

    private static func isBreakZ(_ c: Unicode.Scalar) -> Bool { c == "\0" || isBreak(c) }
    private static func isBlankZ(_ c: Unicode.Scalar) -> Bool { isBlank(c) || isBreakZ(c) }

    /// Characters libyaml's reader accepts («control characters are not allowed» otherwise).
    static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v <= 0x7E) || v == 0x85
            || (v >= 0xA0 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
    }

    /// Refuses what libyaml's reader refuses, before scanning, so that NUL can mark the end.
    static func checkCharacters(_ chars: [Unicode.Scalar]) throws(DataTreeError) {
        var line = 1
        var column = 1
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if !isAllowed(c) {
                throw DataTreeError(line: line, column: column,
                                    message: "недопустимый символ " + codePoint(c) + " (управляющий); уберите его из файла")
            }
            if c == "\r", i + 1 < chars.count, chars[i + 1] == "\n" {
                i += 2
                line += 1
                column = 1
                continue
            }
            if isBreak(c) {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
    }

    /// A character for a message: itself, or its code when it is invisible.
    static func shown(_ c: Unicode.Scalar) -> String {
        guard c.value > 0x20, isAllowed(c), !isBreak(c) else { return codePoint(c) }
        var text = ""
        text.unicodeScalars.append(c)
        return text
    }

    static func codePoint(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private mutating func skip() {
        mark.index += 1
        mark.column += 1
    }

    private mutating func skipLine() {
        if at(0) == "\r" && at(1) == "\n" {
            mark.index += 2
        } else if Self.isBreak(at(0)) {
            mark.index += 1
        } else {
            return
        }
        mark.column = 0
        mark.line += 1
    }

    private mutating func read(into buffer: inout [Unicode.Scalar]) {
        buffer.append(at(0))
        skip()
    }

    /// A line break into a scalar: CR LF, CR and NEL become LF; LS and PS stay.
    private mutating func readLine(into buffer: inout [Unicode.Scalar]) {
        let c = at(0)
        if c == "\r" && at(1) == "\n" {
            buffer.append("\n")
            mark.index += 2
        } else if c == "\r" || c == "\n" || c == "\u{85}" {
            buffer.append("\n")
            mark.index += 1
        } else if c == "\u{2028}" || c == "\u{2029}" {
            buffer.append(c)
            mark.index += 1
        } else {
            return
        }
        mark.column = 0
        mark.line += 1
    }

    private func error(_ message: String, at position: YAMLMark) -> DataTreeError {
        DataTreeError(line: position.line + 1, column: position.column + 1, message: message)
    }

    private func unsupported(_ feature: String, at position: YAMLMark) -> DataTreeError {
        DataTreeError.unsupported(feature, line: position.line + 1, column: position.column + 1)
    }

    // MARK: Token queue

    /// The next token, scanning as far as libyaml would before handing it to the parser.
    mutating func peek() throws(DataTreeError) -> YAMLToken {
        while true {
            var needMore = head == tokens.count
            if !needMore {
                try staleSimpleKeys()
                for key in simpleKeys where key.possible && key.tokenNumber == tokensParsed {
                    needMore = true
                    break
                }
            }
            if !needMore { return tokens[head] }
            try fetchNextToken()
        }
    }

    mutating func skipToken() {
        head += 1
        tokensParsed += 1
        // Token numbers are absolute (tokensParsed + place in the queue), so dropping is safe.
        if head > 1024 && head * 2 > tokens.count {
            tokens.removeFirst(head)
            head = 0
        }
    }

    private mutating func append(_ kind: YAMLToken.Kind, from start: YAMLMark, to end: YAMLMark) {
        tokens.append(YAMLToken(kind: kind, start: start, end: end))
    }

    /// The indicator at `mark` («-», «:», «,», a bracket; `---` and `...` are three characters) as a token.
    private mutating func appendIndicator(_ kind: YAMLToken.Kind, length: Int = 1) {
        let start = mark
        for _ in 0..<length { skip() }
        append(kind, from: start, to: mark)
    }

    private mutating func fetchNextToken() throws(DataTreeError) {
        if !streamStartProduced {
            indent = -1
            simpleKeys.append(SimpleKey())
            simpleKeyAllowed = true
            streamStartProduced = true
            append(.streamStart, from: mark, to: mark)
            return
        }
        try scanToNextToken()
        try staleSimpleKeys()
        unrollIndent(mark.column)

        if atEnd { return try fetchStreamEnd() }
        let c = at(0)
        if mark.column == 0 && c == "%" { throw unsupported("директивы (%)", at: mark) }
        if mark.column == 0 && Self.isBlankZ(at(3)) {
            if c == "-" && at(1) == "-" && at(2) == "-" { return try fetchDocumentIndicator(.documentStart) }
            if c == "." && at(1) == "." && at(2) == "." { return try fetchDocumentIndicator(.documentEnd) }
        }
        switch c {
        case "[": return try fetchFlowCollectionStart(.flowSequenceStart)
        case "{": return try fetchFlowCollectionStart(.flowMappingStart)
        case "]": return try fetchFlowCollectionEnd(.flowSequenceEnd)
        case "}": return try fetchFlowCollectionEnd(.flowMappingEnd)
        case ",": return try fetchFlowEntry()
        default: break
        }
        if c == "-" && Self.isBlankZ(at(1)) { return try fetchBlockEntry() }
        if c == "?" && (flowLevel > 0 || Self.isBlankZ(at(1))) { throw unsupported("сложные ключи (?)", at: mark) }
        if c == ":" && (flowLevel > 0 || Self.isBlankZ(at(1))) { return try fetchValue() }
        if c == "*" { throw unsupported("ссылки (*)", at: mark) }
        if c == "&" { throw unsupported("якоря (&)", at: mark) }
        if c == "!" { throw unsupported("теги (!)", at: mark) }
        if (c == "|" || c == ">") && flowLevel == 0 {
            try removeSimpleKey()
            simpleKeyAllowed = true
            return try scanBlockScalar(literal: c == "|")
        }
        if c == "'" || c == "\"" {
            try saveSimpleKey()
            simpleKeyAllowed = false
            return try scanFlowScalar(single: c == "'")
        }
        let next = at(1)
        if !(Self.isBlankZ(c) || Self.isIndicator(c))
            || (c == "-" && !Self.isBlank(next))
            || (flowLevel == 0 && (c == "?" || c == ":") && !Self.isBlankZ(next)) {
            try saveSimpleKey()
            simpleKeyAllowed = false
            return try scanPlainScalar()
        }
        if c == "\t" { throw error("табуляция в отступе: делайте отступы пробелами", at: mark) }
        throw error("значение не может начинаться с символа «" + Self.shown(c)
                    + "»: заключите значение в кавычки", at: mark)
    }

    /// Characters that cannot start a plain scalar (some can when a non-space follows).
    private static func isIndicator(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
            return true
        default:
            return false
        }
    }

    /// Spaces, comments and line breaks; tabs only where they cannot be indentation.
    private mutating func scanToNextToken() throws(DataTreeError) {
        while true {
            // libyaml skips a byte-order mark at the start of any line.
            if mark.column == 0 && at(0) == "\u{FEFF}" { skip() }
            while at(0) == " " || ((flowLevel > 0 || !simpleKeyAllowed) && at(0) == "\t") { skip() }
            if at(0) == "#" {
                while !Self.isBreakZ(at(0)) { skip() }
            }
            guard Self.isBreak(at(0)) else { return }
            skipLine()
            if flowLevel == 0 { simpleKeyAllowed = true }
        }
    }

    // MARK: Simple keys and indentation

    /// A key must end with `:` on its own line and within 1024 characters.
    private mutating func staleSimpleKeys() throws(DataTreeError) {
        for i in simpleKeys.indices where simpleKeys[i].possible {
            let key = simpleKeys[i]
            if key.mark.line < mark.line || key.mark.index + 1024 < mark.index {
                if key.required { throw missingColon(key.mark) }
                simpleKeys[i].possible = false
            }
        }
    }

    private func missingColon(_ position: YAMLMark) -> DataTreeError {
        error("после имени поля не найдено двоеточие: каждая строка имеет вид «поле: значение»; "
              + "проверьте отступы и закрыты ли кавычки", at: position)
    }

    private mutating func saveSimpleKey() throws(DataTreeError) {
        guard simpleKeyAllowed else { return }
        let key = SimpleKey(possible: true, required: flowLevel == 0 && indent == mark.column,
                            tokenNumber: tokensParsed + (tokens.count - head), mark: mark)
        try removeSimpleKey()
        simpleKeys[simpleKeys.count - 1] = key
    }

    private mutating func removeSimpleKey() throws(DataTreeError) {
        let top = simpleKeys.count - 1
        if simpleKeys[top].possible && simpleKeys[top].required { throw missingColon(simpleKeys[top].mark) }
        simpleKeys[top].possible = false
    }

    private func checkDepth() throws(DataTreeError) {
        if indents.count + flowLevel >= YAMLReader.maximumDepth {
            throw error("слишком глубокая вложенность: больше " + String(YAMLReader.maximumDepth)
                        + " уровней списков и наборов полей", at: mark)
        }
    }

    private mutating func increaseFlowLevel() throws(DataTreeError) {
        try checkDepth()
        simpleKeys.append(SimpleKey())
        flowLevel += 1
    }

    private mutating func decreaseFlowLevel() {
        if flowLevel > 0 {
            flowLevel -= 1
            simpleKeys.removeLast()
        }
    }

    /// Opens a block collection at `column` if it is deeper than the current one; `number` puts
    /// its start token before an earlier queued token (the key found by its `:`).
    private mutating func rollIndent(_ column: Int, number: Int?, _ kind: YAMLToken.Kind,
                                     at position: YAMLMark) throws(DataTreeError) {
        guard flowLevel == 0, indent < column else { return }
        try checkDepth()
        indents.append(indent)
        indent = column
        let token = YAMLToken(kind: kind, start: position, end: position)
        if let number {
            tokens.insert(token, at: head + number - tokensParsed)
        } else {
            tokens.append(token)
        }
    }

    private mutating func unrollIndent(_ column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            append(.blockEnd, from: mark, to: mark)
            indent = indents.removeLast()
        }
    }

    // MARK: Indicators

    private mutating func fetchStreamEnd() throws(DataTreeError) {
        if mark.column != 0 {
            mark.column = 0
            mark.line += 1
        }
        unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        append(.streamEnd, from: mark, to: mark)
    }

    private mutating func fetchDocumentIndicator(_ kind: YAMLToken.Kind) throws(DataTreeError) {
        unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        appendIndicator(kind, length: 3)
    }

    private mutating func fetchFlowCollectionStart(_ kind: YAMLToken.Kind) throws(DataTreeError) {
        try saveSimpleKey()
        try increaseFlowLevel()
        simpleKeyAllowed = true
        appendIndicator(kind)
    }

    private mutating func fetchFlowCollectionEnd(_ kind: YAMLToken.Kind) throws(DataTreeError) {
        try removeSimpleKey()
        decreaseFlowLevel()
        simpleKeyAllowed = false
        appendIndicator(kind)
    }

    private mutating func fetchFlowEntry() throws(DataTreeError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        appendIndicator(.flowEntry)
    }

    private mutating func fetchBlockEntry() throws(DataTreeError) {
        if flowLevel == 0 {
            if !simpleKeyAllowed {
                throw error("элемент списка «- » в неожиданном месте: элементы списка пишутся с новой строки "
                            + "с одинаковым отступом", at: mark)
            }
            try rollIndent(mark.column, number: nil, .blockSequenceStart, at: mark)
        }
        // In a flow collection `- ` is the parser's error («ожидалось значение»), as in libyaml.
        try removeSimpleKey()
        simpleKeyAllowed = true
        appendIndicator(.blockEntry)
    }

    private mutating func fetchValue() throws(DataTreeError) {
        let top = simpleKeys.count - 1
        let key = simpleKeys[top]
        if key.possible {
            tokens.insert(YAMLToken(kind: .key, start: key.mark, end: key.mark), at: head + key.tokenNumber - tokensParsed)
            try rollIndent(key.mark.column, number: key.tokenNumber, .blockMappingStart, at: key.mark)
            simpleKeys[top].possible = false
            simpleKeyAllowed = false
        } else if flowLevel == 0 && simpleKeyAllowed {
            // libyaml reads `: value` at the start of a line as a value with an empty key.
            throw unsupported("двоеточие без имени поля (пустой ключ)", at: mark)
        } else {
            throw error("двоеточие в неожиданном месте: значение, в котором есть «: », заключите в кавычки; "
                        + "проверьте отступ строки", at: mark)
        }
        appendIndicator(.value)
    }

    // MARK: Scalars

    private mutating func scanBlockScalar(literal: Bool) throws(DataTreeError) {
        let start = mark
        skip()
        var chomping = 0
        var increment = 0
        if at(0) == "+" || at(0) == "-" {
            chomping = at(0) == "+" ? 1 : -1
            skip()
            if let digit = Self.digit(at(0)) {
                if digit == 0 { throw error("показатель отступа блока текста не может быть 0", at: start) }
                increment = digit
                skip()
            }
        } else if let digit = Self.digit(at(0)) {
            if digit == 0 { throw error("показатель отступа блока текста не может быть 0", at: start) }
            increment = digit
            skip()
            if at(0) == "+" || at(0) == "-" {
                chomping = at(0) == "+" ? 1 : -1
                skip()
            }
        }
        while Self.isBlank(at(0)) { skip() }
        if at(0) == "#" {
            while !Self.isBreakZ(at(0)) { skip() }
        }
        if !Self.isBreakZ(at(0)) {
            throw error("после «|» или «>» в той же строке может стоять только комментарий; "
                        + "текст блока начинается со следующей строки", at: mark)
        }
        if Self.isBreak(at(0)) { skipLine() }
        var end = mark

        var blockIndent = 0
        if increment > 0 {
            blockIndent = indent >= 0 ? indent + increment : increment
        }
        var string: [Unicode.Scalar] = []
        var leadingBreak: [Unicode.Scalar] = []
        var trailingBreaks: [Unicode.Scalar] = []
        var leadingBlank = false

        try scanBlockScalarBreaks(&blockIndent, &trailingBreaks, start: start, end: &end)
        while mark.column == blockIndent && !atEnd {
            // A non-empty line: a line break between two lines of `>` becomes a space.
            // (Lines that start with a blank are not folded: they keep their breaks.)
            let trailingBlank = Self.isBlank(at(0))
            Self.fold(&string, &leadingBreak, &trailingBreaks, folding: !literal && !leadingBlank && !trailingBlank)
            leadingBlank = Self.isBlank(at(0))
            while !Self.isBreakZ(at(0)) { read(into: &string) }
            readLine(into: &leadingBreak)
            try scanBlockScalarBreaks(&blockIndent, &trailingBreaks, start: start, end: &end)
        }
        if chomping != -1 { string.append(contentsOf: leadingBreak) }
        if chomping == 1 { string.append(contentsOf: trailingBreaks) }
        tokens.append(YAMLToken(kind: .scalar, start: start, end: end, text: string, style: .block))
    }

    private static func digit(_ c: Unicode.Scalar) -> Int? {
        c.value >= 0x30 && c.value <= 0x39 ? Int(c.value - 0x30) : nil
    }

    /// Indentation and empty lines of a block scalar; the first content line sets its indentation.
    private mutating func scanBlockScalarBreaks(_ blockIndent: inout Int, _ breaks: inout [Unicode.Scalar],
                                                start: YAMLMark, end: inout YAMLMark) throws(DataTreeError) {
        var maxIndent = 0
        end = mark
        while true {
            while (blockIndent == 0 || mark.column < blockIndent) && at(0) == " " { skip() }
            if mark.column > maxIndent { maxIndent = mark.column }
            if (blockIndent == 0 || mark.column < blockIndent) && at(0) == "\t" {
                throw error("табуляция в отступе блока текста: делайте отступы пробелами", at: mark)
            }
            if !Self.isBreak(at(0)) { break }
            readLine(into: &breaks)
            end = mark
        }
        if blockIndent == 0 {
            blockIndent = max(maxIndent, indent + 1, 1)
        }
    }

    private mutating func scanFlowScalar(single: Bool) throws(DataTreeError) {
        let start = mark
        let quote: Unicode.Scalar = single ? "'" : "\""
        skip()
        var string: [Unicode.Scalar] = []
        var leadingBreak: [Unicode.Scalar] = []
        var trailingBreaks: [Unicode.Scalar] = []
        var whitespaces: [Unicode.Scalar] = []
        while true {
            if mark.column == 0 && Self.isBlankZ(at(3))
                && ((at(0) == "-" && at(1) == "-" && at(2) == "-") || (at(0) == "." && at(1) == "." && at(2) == ".")) {
                throw error("кавычка, открытая здесь, не закрыта до строки «---» или «...»", at: start)
            }
            if atEnd {
                throw error("кавычка, открытая здесь, не закрыта до конца файла", at: start)
            }
            var leadingBlanks = false
            while !Self.isBlankZ(at(0)) {
                let c = at(0)
                if single && c == "'" && at(1) == "'" {
                    string.append("'")
                    skip()
                    skip()
                } else if c == quote {
                    break
                } else if !single && c == "\\" && Self.isBreak(at(1)) {
                    // An escaped line break: the text goes on without it.
                    skip()
                    skipLine()
                    leadingBlanks = true
                    break
                } else if !single && c == "\\" {
                    try scanEscape(into: &string, quoteStart: start)
                } else {
                    read(into: &string)
                }
            }
            if at(0) == quote { break }
            while Self.isBlank(at(0)) || Self.isBreak(at(0)) {
                if Self.isBlank(at(0)) {
                    if !leadingBlanks { read(into: &whitespaces) } else { skip() }
                } else if !leadingBlanks {
                    whitespaces.removeAll(keepingCapacity: true)
                    readLine(into: &leadingBreak)
                    leadingBlanks = true
                } else {
                    readLine(into: &trailingBreaks)
                }
            }
            if leadingBlanks {
                Self.fold(&string, &leadingBreak, &trailingBreaks)
            } else {
                string.append(contentsOf: whitespaces)
                whitespaces.removeAll(keepingCapacity: true)
            }
        }
        skip()
        tokens.append(YAMLToken(kind: .scalar, start: start, end: mark, text: string, style: .quoted))
    }

    /// Line folding of flow scalars and of `>` block scalars: one line break is a space, more keep
    /// all but the first; without `folding`, the breaks stay as they are.
    private static func fold(_ string: inout [Unicode.Scalar], _ leadingBreak: inout [Unicode.Scalar],
                             _ trailingBreaks: inout [Unicode.Scalar], folding: Bool = true) {
        if folding && leadingBreak.first == "\n" {
            if trailingBreaks.isEmpty {
                string.append(" ")
            } else {
                string.append(contentsOf: trailingBreaks)
                trailingBreaks.removeAll(keepingCapacity: true)
            }
            leadingBreak.removeAll(keepingCapacity: true)
        } else {
            string.append(contentsOf: leadingBreak)
            string.append(contentsOf: trailingBreaks)
            leadingBreak.removeAll(keepingCapacity: true)
            trailingBreaks.removeAll(keepingCapacity: true)
        }
    }

    /// One escape of a double-quoted scalar (YAML 1.1 as libyaml has them).
    private mutating func scanEscape(into string: inout [Unicode.Scalar], quoteStart: YAMLMark) throws(DataTreeError) {
        let escapeStart = mark
        let letter = at(1)
        var length = 0
        switch letter {
        case "0": string.append("\0")
        case "a": string.append("\u{07}")
        case "b": string.append("\u{08}")
        case "t", "\t": string.append("\t")
        case "n": string.append("\n")
        case "v": string.append("\u{0B}")
        case "f": string.append("\u{0C}")
        case "r": string.append("\r")
        case "e": string.append("\u{1B}")
        case " ": string.append(" ")
        case "\"": string.append("\"")
        case "/": string.append("/")
        case "\\": string.append("\\")
        case "N": string.append("\u{85}")
        case "_": string.append("\u{A0}")
        case "L": string.append("\u{2028}")
        case "P": string.append("\u{2029}")
        case "x": length = 2
        case "u": length = 4
        case "U": length = 8
        default:
            throw error("неизвестная последовательность «\\" + Self.shown(letter)
                        + "» в строке в двойных кавычках: заключите значение в одинарные кавычки "
                        + "или удвойте обратную косую черту", at: escapeStart)
        }
        skip()
        skip()
        guard length > 0 else { return }
        var value: UInt32 = 0
        for k in 0..<length {
            guard let digit = Self.hexDigit(at(k)) else {
                throw error("после «\\" + Self.shown(letter) + "» ожидались " + String(length)
                            + " шестнадцатеричные цифры", at: escapeStart)
            }
            value = value << 4 + digit
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("недопустимый код символа в последовательности с «\\»: суррогат или больше U+10FFFF",
                        at: escapeStart)
        }
        string.append(scalar)
        for _ in 0..<length { skip() }
    }

    static func hexDigit(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x41...0x46: return c.value - 0x41 + 10
        case 0x61...0x66: return c.value - 0x61 + 10
        default: return nil
        }
    }

    private mutating func scanPlainScalar() throws(DataTreeError) {
        let start = mark
        var end = mark
        var string: [Unicode.Scalar] = []
        var leadingBreak: [Unicode.Scalar] = []
        var trailingBreaks: [Unicode.Scalar] = []
        var whitespaces: [Unicode.Scalar] = []
        var leadingBlanks = false
        let minimumIndent = indent + 1
        while true {
            if mark.column == 0 && Self.isBlankZ(at(3))
                && ((at(0) == "-" && at(1) == "-" && at(2) == "-") || (at(0) == "." && at(1) == "." && at(2) == ".")) {
                break
            }
            if at(0) == "#" { break }
            while !Self.isBlankZ(at(0)) {
                let c = at(0)
                if flowLevel > 0 && c == ":" {
                    let next = at(1)
                    if next == "," || next == "?" || next == "[" || next == "]" || next == "{" || next == "}" {
                        throw error("двоеточие в значении внутри скобок: заключите значение в кавычки", at: mark)
                    }
                }
                if (c == ":" && Self.isBlankZ(at(1)))
                    || (flowLevel > 0 && (c == "," || c == "[" || c == "]" || c == "{" || c == "}")) {
                    break
                }
                if leadingBlanks {
                    Self.fold(&string, &leadingBreak, &trailingBreaks)
                    leadingBlanks = false
                } else if !whitespaces.isEmpty {
                    string.append(contentsOf: whitespaces)
                    whitespaces.removeAll(keepingCapacity: true)
                }
                read(into: &string)
                end = mark
            }
            if !(Self.isBlank(at(0)) || Self.isBreak(at(0))) { break }
            while Self.isBlank(at(0)) || Self.isBreak(at(0)) {
                if Self.isBlank(at(0)) {
                    if leadingBlanks && mark.column < minimumIndent && at(0) == "\t" {
                        throw error("табуляция в отступе: делайте отступы пробелами", at: mark)
                    }
                    if !leadingBlanks { read(into: &whitespaces) } else { skip() }
                } else if !leadingBlanks {
                    whitespaces.removeAll(keepingCapacity: true)
                    readLine(into: &leadingBreak)
                    leadingBlanks = true
                } else {
                    readLine(into: &trailingBreaks)
                }
            }
            if flowLevel == 0 && mark.column < minimumIndent { break }
        }
        tokens.append(YAMLToken(kind: .scalar, start: start, end: end, text: string, style: .plain))
        if leadingBlanks { simpleKeyAllowed = true }
    }
}
