/// Writes a `DataTree` as YAML that reads back, by `YAMLReader` and by Yams alike, to the same
/// texts: the «Сохранить ответы в файл» of the browser, a file `nko form render --data` takes.
///
/// Styles are kept where that is safe: quoted stays quoted, a block stays a `|` block, plain stays
/// plain unless plain would read back otherwise (`a: b`, ` x`, `#x`) or other YAML tools would turn
/// it into a number that loses characters (`0123`, `1_000`, `10:30`): those are quoted. A plain
/// empty text, `~` and `null` stay plain, as they mean «no value». A key longer than 1024
/// characters does not read back, quoted or not: libyaml (and so YAMLReader) allows no longer one.
public enum YAMLWriter {
    public static func text(_ tree: DataTree) -> String {
        var out = ""
        switch tree.content {
        case let .scalar(text, style):
            if style == .plain && text.isEmpty {
                // An empty file would be no document; `---` alone is one holding the empty value.
                return "---\n"
            }
            if style == .block, let block = block(text, indent: 2) {
                out += block
            } else {
                out += inline(text, style)
                out += "\n"
            }
        case let .sequence(items) where items.isEmpty:
            out += "[]\n"
        case let .mapping(pairs) where pairs.isEmpty:
            out += "{}\n"
        case let .sequence(items):
            writeSequence(items, indent: 0, into: &out)
        case let .mapping(pairs):
            writeMapping(pairs, indent: 0, firstLineWritten: false, into: &out)
        }
        return out
    }

    private static func spaces(_ count: Int) -> String {
        String(repeating: " ", count: count)
    }

    /// Pairs at `indent`; the first key goes on the current line when it is already begun (`- `).
    private static func writeMapping(_ pairs: [DataTree.Pair], indent: Int, firstLineWritten: Bool, into out: inout String) {
        for (i, pair) in pairs.enumerated() {
            if i > 0 || !firstLineWritten { out += spaces(indent) }
            out += key(pair.key)
            out += ":"
            writeValue(pair.value, indent: indent, into: &out)
        }
    }

    private static func writeSequence(_ items: [DataTree], indent: Int, into out: inout String) {
        for item in items {
            out += spaces(indent)
            out += "-"
            switch item.content {
            case let .mapping(pairs) where !pairs.isEmpty:
                out += " "
                writeMapping(pairs, indent: indent + 2, firstLineWritten: true, into: &out)
            case let .sequence(items) where !items.isEmpty:
                // `- - a`: the inner list begins on the line of its `-`.
                out += " "
                var inner = ""
                writeSequence(items, indent: indent + 2, into: &inner)
                out.append(contentsOf: inner.dropFirst(indent + 2))
            default:
                writeValue(item, indent: indent, into: &out)
            }
        }
    }

    /// What follows `key:` or `-` (the line is begun): a scalar, or the nested lines.
    private static func writeValue(_ value: DataTree, indent: Int, into out: inout String) {
        switch value.content {
        case let .scalar(text, style):
            if style == .plain && text.isEmpty {
                out += "\n"
            } else if style == .block, let block = block(text, indent: indent + 2) {
                out += " "
                out += block
            } else {
                out += " "
                out += inline(text, style)
                out += "\n"
            }
        case let .sequence(items):
            if items.isEmpty {
                out += " []\n"
            } else {
                out += "\n"
                writeSequence(items, indent: indent + 2, into: &out)
            }
        case let .mapping(pairs):
            if pairs.isEmpty {
                out += " {}\n"
            } else {
                out += "\n"
                writeMapping(pairs, indent: indent + 2, firstLineWritten: false, into: &out)
            }
        }
    }

    // MARK: Scalars

    /// A key: plain or quoted on one line (a key cannot be a block); a list or a set of fields as a
    /// key (no reader gives one) in flow style, which Yams reads and YAMLReader refuses.
    private static func key(_ key: DataTree) -> String {
        switch key.content {
        case let .scalar(text, style):
            // An empty plain key would be `: value`, a YAML form answer files do not use.
            let quoted = style == .block || (style == .plain && text.isEmpty)
            return inline(text, quoted ? .quoted : style)
        case .sequence, .mapping:
            return flow(key)
        }
    }

    private static func flow(_ tree: DataTree) -> String {
        switch tree.content {
        case let .scalar(text, _):
            return doubleQuoted(text)
        case let .sequence(items):
            var out = "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                out += flow(item)
            }
            return out + "]"
        case let .mapping(pairs):
            var out = "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += ", " }
                out += flow(pair.key) + ": " + flow(pair.value)
            }
            return out + "}"
        }
    }

    /// A scalar on one line.
    private static func inline(_ text: String, _ style: DataTree.ScalarStyle) -> String {
        let scalars = Array(text.unicodeScalars)
        if style == .plain && (isNullWord(text) || isSafePlain(scalars)) { return text }
        if !scalars.contains(where: needsEscape) && (scalars.contains("\"") || scalars.contains("\\")) {
            // Single quotes need no backslashes: only `'` is doubled.
            var out = "'"
            for c in scalars {
                if c == "'" { out += "''" } else { out.unicodeScalars.append(c) }
            }
            return out + "'"
        }
        return doubleQuoted(text)
    }

    private static func isNullWord(_ text: String) -> Bool {
        text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// Characters a quoted or block scalar must not hold as they are: controls, the line breaks of
    /// YAML 1.1 (NEL, LS, PS), the byte-order mark (skipped at a line start), non-characters.
    private static func needsEscape(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v < 0x20 || v == 0x7F || (v >= 0x80 && v <= 0x9F) || v == 0x2028 || v == 0x2029
            || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF
    }

    private static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\0": out += "\\0"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{1B}": out += "\\e"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if needsEscape(c) {
                    let hex = String(c.value, radix: 16, uppercase: true)
                    out += c.value <= 0xFF
                        ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                        : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// Whether the text, written plain in block context, reads back as itself and as a string:
    /// no indicator first, no `: ` or ` #` inside, no edge spaces, nothing that looks like a
    /// number another tool would change.
    private static func isSafePlain(_ s: [Unicode.Scalar]) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        if first == " " || last == " " || last == ":" { return false }
        switch first {
        case "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
            return false
        case "-":
            // `-x` is plain text; `- x` an item; `---` a document start.
            if s.count == 1 || s[1] == " " || s[1] == "-" { return false }
        case ".":
            if s.count >= 3 && s[1] == "." && s[2] == "." { return false }
        default:
            break
        }
        for (i, c) in s.enumerated() {
            if c == "\t" || needsEscape(c) { return false }
            if c == ":" && i + 1 < s.count && s[i + 1] == " " { return false }
            if c == "#" && s[i - 1] == " " { return false }
        }
        if s.count == 2 && first == "<" && last == "<" { return false }
        // A simple key ends within 1024 characters; a longer plain value is fine, but keep one rule.
        if s.count > 1000 { return false }
        return !looksLikeChangedNumber(s)
    }

    /// Texts other YAML tools read as numbers or booleans that would not come back as written:
    /// leading zeros, `+`, `_`, exponents, `0x`/`0o`/`0b`, `.5`, `1.`, sexagesimal `10:30`,
    /// `.inf`, YAML 1.1's `yes`/`no`/`on`/`off`. Plain decimals (`12`, `-3.50`) and `true`/`false`
    /// stay plain: they are what they look like. Quoting more than needed is only less pretty.
    private static func looksLikeChangedNumber(_ s: [Unicode.Scalar]) -> Bool {
        let word = string(s[...])
        switch word {
        case "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF":
            return true
        default:
            break
        }
        let body = s.first == "+" || s.first == "-" ? s.dropFirst() : s[...]
        switch string(body) {
        case ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN":
            return true
        default:
            break
        }
        guard let first = body.first else { return false }
        let second = body.dropFirst().first ?? " "
        guard isDigit(first) || (first == "." && isDigit(second)) else { return false }
        if isPlainDecimal(body) { return s.first == "+" }
        if body.contains(":") { return isSexagesimal(body) }
        var dots = 0
        for c in body {
            switch c {
            case "0"..."9", "_", ":", "+", "-", "x", "X", "o", "O", "a"..."f", "A"..."F":
                break
            case ".":
                dots += 1
            default:
                // Other letters, spaces, slashes: a word, a phone, an address — text to everyone.
                return false
            }
        }
        // `2026-11-23`, `1-2` and `14.05.2026` are dates and ranges, not numbers.
        if body.contains("-") && !body.contains("e") && !body.contains("E") { return false }
        return dots <= 1
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    /// YAML 1.1's base 60: `[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?` (`10:30` is 630); a
    /// cadastral number `16:50:011105:2345` is not one.
    private static func isSexagesimal(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        let groups = s.split(separator: ":", omittingEmptySubsequences: false)
        guard let head = groups.first, let first = head.first, isDigit(first),
              head.allSatisfy({ isDigit($0) || $0 == "_" }) else { return false }
        for (i, group) in groups.dropFirst().enumerated() {
            var digits = group.prefix { $0 != "." }
            let fraction = group.dropFirst(digits.count)
            if !fraction.isEmpty && (i < groups.count - 2 || !fraction.dropFirst().allSatisfy({ isDigit($0) || $0 == "_" })) {
                return false
            }
            guard digits.count == 1 || digits.count == 2, digits.allSatisfy(isDigit) else { return false }
            if digits.count == 2 {
                guard let tens = digits.popFirst(), tens <= "5" else { return false }
            }
        }
        return true
    }

    /// (0|[1-9][0-9]*)(.[0-9]+)?
    private static func isPlainDecimal(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        let integer = s.prefix { $0 != "." }
        guard let first = integer.first, integer.allSatisfy(isDigit), first != "0" || integer.count == 1 else { return false }
        let fraction = s.dropFirst(integer.count)
        return fraction.isEmpty || (fraction.count > 1 && fraction.dropFirst().allSatisfy(isDigit))
    }

    private static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: s)
        return text
    }

    /// A literal block (`|`, `|-`, `|+`) whose lines stand at `indent`, or nil when the text
    /// cannot be one: escapes needed, a first line that begins with a space, spaces-only lines
    /// before it, no line with text at all.
    private static func block(_ text: String, indent: Int) -> String? {
        let scalars = Array(text.unicodeScalars)
        if scalars.contains(where: { $0 != "\n" && needsEscape($0) }) { return nil }
        var lines: [[Unicode.Scalar]] = [[]]
        for c in scalars {
            if c == "\n" { lines.append([]) } else { lines[lines.count - 1].append(c) }
        }
        // The text's final line breaks, and whether a last line without one follows.
        var trailing = 0
        while lines.count > 1 && lines[lines.count - 1].isEmpty {
            lines.removeLast()
            trailing += 1
        }
        // libyaml takes the indentation from the first line with text (and from spaces before it).
        guard let firstText = lines.firstIndex(where: { !$0.isEmpty }) else { return nil }
        if lines[firstText].first == " " || lines[firstText].first == "\t" { return nil }
        var out = trailing == 0 ? "|-\n" : trailing == 1 ? "|\n" : "|+\n"
        let pad = spaces(indent)
        for line in lines {
            if !line.isEmpty {
                out += pad
                out.unicodeScalars.append(contentsOf: line)
            }
            out += "\n"
        }
        // With `|+` the empty lines after the last one are text too.
        if trailing > 1 { out += String(repeating: "\n", count: trailing - 1) }
        return out
    }
}
