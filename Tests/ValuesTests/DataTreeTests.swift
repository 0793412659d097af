import Foundation
import Testing
import TestSupport
import Values
import Yams

// The readers of answer files without Yams and Foundation (the forms engine in the browser), checked
// against what nko uses natively: Yams (libyaml) for YAML, Foundation's JSONSerialization for JSON.

// MARK: - Reference trees

/// The tree nko's native path reads: Yams' nodes as YAMLSource composes them, with their marks.
private func yamsTree(_ text: String) throws -> DataTree? {
    try Yams.compose(yaml: text, Resolver.basic.appending(.merge), .default, .utf8).map(tree)
}

private func tree(_ node: Node) -> DataTree {
    let mark = node.mark.map { (line: $0.line, column: $0.column) } ?? (line: 0, column: 0)
    switch node {
    case let .scalar(scalar):
        let style: DataTree.ScalarStyle = switch scalar.style {
        case .singleQuoted, .doubleQuoted: .quoted
        case .literal, .folded: .block
        case .plain, .any: .plain
        }
        return DataTree(.scalar(scalar.string, style), line: mark.line, column: mark.column)
    case let .mapping(mapping):
        return DataTree(.mapping(mapping.map { DataTree.Pair(key: tree($0.key), value: tree($0.value)) }),
                        line: mark.line, column: mark.column)
    case let .sequence(sequence):
        return DataTree(.sequence(sequence.map(tree)), line: mark.line, column: mark.column)
    case .alias:
        return DataTree(.scalar("<alias>", .plain), line: mark.line, column: mark.column)
    }
}

/// The tree without positions.
private func unplaced(_ tree: DataTree) -> DataTree {
    switch tree.content {
    case .scalar:
        return DataTree(tree.content, line: 0, column: 0)
    case let .sequence(items):
        return DataTree(.sequence(items.map(unplaced)), line: 0, column: 0)
    case let .mapping(pairs):
        return DataTree(.mapping(pairs.map { DataTree.Pair(key: unplaced($0.key), value: unplaced($0.value)) }), line: 0, column: 0)
    }
}

/// What a reader of the tree sees (ValueReader's scalarText/isNull): texts, and which are no value.
private indirect enum Meaning: Equatable, CustomStringConvertible {
    case text(String)
    case none
    case list([Meaning])
    case fields([Meaning], [Meaning])

    init(_ tree: DataTree) {
        switch tree.content {
        case let .scalar(text, style):
            self = style == .plain && ["", "~", "null", "Null", "NULL"].contains(text) ? .none : .text(text)
        case let .sequence(items):
            self = .list(items.map(Meaning.init))
        case let .mapping(pairs):
            self = .fields(pairs.map { Meaning($0.key) }, pairs.map { Meaning($0.value) })
        }
    }

    var description: String {
        switch self {
        case let .text(text): return String(reflecting: text)
        case .none: return "∅"
        case let .list(items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case let .fields(keys, values): return "{" + zip(keys, values).map { "\($0): \($1)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Yams decodes each scalar with Foundation's String(bytes:encoding:), which drops a leading
/// byte-order mark; YAMLReader keeps the text whole. The one way the two may differ.
private func withoutLeadingBOM(_ tree: DataTree) -> DataTree {
    switch tree.content {
    case let .scalar(text, style):
        return DataTree(.scalar(text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text, style),
                        line: tree.line, column: tree.column)
    case let .sequence(items):
        return DataTree(.sequence(items.map(withoutLeadingBOM)), line: tree.line, column: tree.column)
    case let .mapping(pairs):
        return DataTree(.mapping(pairs.map { DataTree.Pair(key: withoutLeadingBOM($0.key), value: withoutLeadingBOM($0.value)) }),
                        line: tree.line, column: tree.column)
    }
}

/// A YAML feature YAMLReader refuses while Yams reads it: a key that is not a simple scalar
/// (`[a]: b`, `: b` gives an empty plain key) or a merge key.
private func hasRefusedKey(_ tree: DataTree) -> Bool {
    switch tree.content {
    case .scalar:
        return false
    case let .sequence(items):
        return items.contains(where: hasRefusedKey)
    case let .mapping(pairs):
        return pairs.contains { pair in
            switch pair.key.content {
            case let .scalar(text, style): if style == .plain && (text.isEmpty || text == "<<") { return true }
            default: return true
            }
            return hasRefusedKey(pair.key) || hasRefusedKey(pair.value)
        }
    }
}

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func answerSamples() throws -> [(String, String)] {
    var files: [URL] = []
    let forms = repository.appendingPathComponent("content/_forms")
    for form in try FileManager.default.contentsOfDirectory(atPath: forms.path).sorted() {
        let sample = forms.appendingPathComponent(form).appendingPathComponent("sample.yaml")
        if FileManager.default.fileExists(atPath: sample.path) { files.append(sample) }
    }
    let samples = repository.appendingPathComponent("Tests/FormsTests/Samples")
    for name in try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted() where name.hasSuffix(".yaml") {
        files.append(samples.appendingPathComponent(name))
    }
    return try files.map { ($0.path, try String(contentsOf: $0, encoding: .utf8)) }
}

// MARK: - Random input

/// Lines of YAML from fragments answer files have, and their mistakes.
private func randomYAML(_ rng: inout SplitMix) -> String {
    let keys = ["a", "b", "name", "ключ", "k k", "\"q\"", "'s'", "1", "x-y", "a.b", "поле_2", "c", "d", "e"]
    let plain = ["a", "b c", "текст с «кавычками»", "x:y", "1.50", "0123", "a #b", "a#b", "-x", "~", "null", "a: b",
                 "http://x.ru/a", "+7 (843) 1-2", "да", "a  b", "? x", "?x", ":x", "@x", "`x", "%x", "x,y", "x]", "x}",
                 "ё ∑ 😀", "a\tb", "-", "--", "---", "...", "a'b", "a\"b", "#", "x #"]
    let quoted = ["'a b'", "'it''s'", "' edge '", "''", "'unterminated", "'multi", "line'", "\"a\\nb\"", "\"\\u0416\\x41\"",
                  "\"\\q\"", "\"tab\\tx\"", "\"\\\"\"", "\"open", "\"a \\", "\"\\U0001F600\"", "\"\\uD800\"", "\"\\N\\_\\L\"",
                  "\"x\\ y\"", "\"\"", "\"a # b\"", "\"a: b\""]
    let flow = ["[a, b]", "[]", "{}", "{a: 1, b: [x, y]}", "[a: 1]", "{a, b}", "[a,]", "{a: b: c}", "[", "{a: 1",
                "[a, [b, {c: d}]]", "{\"k\": 'v'}", "[a b, c]", "[a:1]", "{a:1}", "[a: ]", "{ a : b }", "[ - a]",
                "[a, b]x", "{a: [1,\n 2]}", "[\"x\",\n  'y']"]
    let blocks = ["|", "|-", "|+", ">", ">-", ">+", "|2", "|1-", ">2+", "| # c", "|x", "|0", "|-2"]
    func value(_ rng: inout SplitMix) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0...3: return rng.pick(plain)
        case 4...6: return rng.pick(quoted)
        case 7, 8: return rng.pick(flow)
        default: return rng.pick(blocks)
        }
    }
    var lines: [String] = []
    if rng.chance(0.1) { lines.append(rng.pick(["---", "--- ", "--- a", "---\t# c"])) }
    for _ in 0..<Int.random(in: 1...12, using: &rng) {
        let indent = String(repeating: " ", count: rng.pick([0, 0, 0, 1, 2, 2, 2, 3, 4, 4, 6]))
        let line: String
        switch Int.random(in: 0..<20, using: &rng) {
        case 0...6: line = rng.pick(keys) + ":" + (rng.chance(0.8) ? " " + value(&rng) : "")
        case 7...9: line = "- " + value(&rng)
        case 10, 11: line = "- " + rng.pick(keys) + ": " + value(&rng)
        case 12: line = rng.pick(["-", "- ", "- - a", "-\ta", "- # c"])
        case 13: line = rng.pick(plain)
        case 14: line = rng.pick(["# comment", "#", "  # c", ""])
        case 15: line = rng.pick(["", "   ", "\t", "\ta: b"])
        case 16: line = rng.pick(quoted)
        case 17: line = rng.pick(keys) + ": " + rng.pick(blocks) + "\n" + indent + "  text\n" + indent + "   more\n\n" + indent + "  end"
        case 18: line = rng.pick(["...", "---", "a:\tb", "a:  b  # c", "a : b", "a:b"])
        default: line = rng.pick(keys) + ":" + rng.pick(["", " "]) + "\n" + indent + "  " + rng.pick(keys) + ": " + value(&rng)
        }
        lines.append(indent + line)
    }
    let separator = rng.chance(0.15) ? "\r\n" : "\n"
    return lines.joined(separator: separator) + (rng.chance(0.7) ? separator : "")
}

/// A document of consistent indentation (mostly valid), values from the same fragments: block
/// mappings and lists nested in each other, compact `- key: value`, block scalars with their lines.
private func randomStructuredYAML(_ rng: inout SplitMix) -> String {
    let keys = ["a", "b", "name", "ключ", "k k", "\"q\"", "'s'", "x-y", "поле_2", "c", "d", "e", "f", "g", "h"]
    let scalars = ["a", "b c", "текст, с запятой", "x:y", "1.50", "0123", "a #b", "a#b", "-x", "~", "null", "", "ё 😀",
                   "'a b'", "'it''s'", "''", "\"a\\nb\"", "\"\\u0416\\x41\"", "\"\"", "\"a: b\"", "[a, b]", "[]", "{}",
                   "{a: 1, b: [x, y]}", "[a: 1]", "{a, b}", "# only a comment", "b # comment", "'multi\n  line'",
                   "plain\n  continued", "\"fold\n\n  ed\"", "[a,\n  b]", "x  ", "a\tb"]
    let blockHeaders = ["|", "|-", "|+", ">", ">-", ">+", "|2", ">1-", "| # c"]
    var lines: [String] = []
    func pad(_ n: Int) -> String { String(repeating: " ", count: n) }
    func scalar(_ rng: inout SplitMix, indent: Int) -> String {
        if rng.chance(0.15) {
            let body = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                rng.pick(["text", "", "  more", "# not a comment", "x: y", "\tt", " "])
            }
            return rng.pick(blockHeaders) + body.map { "\n" + ($0.isEmpty ? "" : pad(indent + 2) + $0) }.joined()
                + rng.pick(["", "\n", "\n\n"])
        }
        return rng.pick(scalars).replacingOccurrences(of: "\n  ", with: "\n" + pad(indent + 2))
    }
    func mapping(_ rng: inout SplitMix, indent: Int, depth: Int, firstOnLine: Bool) {
        var used: Set<String> = []
        for i in 0..<Int.random(in: 1...4, using: &rng) {
            let key = rng.pick(keys)
            guard used.insert(key).inserted || rng.chance(0.05) else { continue }
            let prefix = i == 0 && firstOnLine ? "" : pad(indent)
            node(&rng, indent: indent, depth: depth, head: prefix + key + ":")
        }
    }
    func sequence(_ rng: inout SplitMix, indent: Int, depth: Int) {
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            if depth < 4 && rng.chance(0.3) {
                lines.append(pad(indent) + "- ")
                let index = lines.count - 1
                mapping(&rng, indent: indent + 2, depth: depth + 1, firstOnLine: true)
                if index + 1 < lines.count { lines[index] += lines.remove(at: index + 1) }
            } else {
                node(&rng, indent: indent, depth: depth, head: pad(indent) + "-")
            }
        }
    }
    func node(_ rng: inout SplitMix, indent: Int, depth: Int, head: String) {
        let choice = depth >= 4 ? 0 : Int.random(in: 0..<6, using: &rng)
        switch choice {
        case 4:
            lines.append(head)
            mapping(&rng, indent: indent + rng.pick([2, 2, 4, 1]), depth: depth + 1, firstOnLine: false)
        case 5:
            lines.append(head)
            // A list under a key may stand in the key's column.
            sequence(&rng, indent: indent + rng.pick([0, 2, 2, 4]), depth: depth + 1)
        default:
            let value = scalar(&rng, indent: indent)
            lines.append(head + (value.isEmpty ? "" : " " + value))
        }
        if rng.chance(0.1) { lines.append(rng.pick(["", "# comment", pad(indent) + "# c", "   "])) }
    }
    if rng.chance(0.1) { lines.append("---") }
    if rng.chance(0.8) {
        mapping(&rng, indent: 0, depth: 0, firstOnLine: false)
    } else {
        sequence(&rng, indent: 0, depth: 0)
    }
    let separator = rng.chance(0.15) ? "\r\n" : "\n"
    return lines.joined(separator: "\n").replacingOccurrences(of: "\n", with: separator) + separator
}

/// Any Unicode text, weighted to what breaks YAML: quotes, colons, hashes, edge spaces, breaks.
private func randomText(_ rng: inout SplitMix) -> String {
    let pieces = ["a", "Б", "текст", " ", "  ", ":", ": ", " #", "#", "'", "\"", "\\", "\n", "\n\n", "\r", "\r\n", "\t",
                  "-", "- ", "---", "...", "?", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "~",
                  "null", "true", "0123", "1.5", "+7", "1e3", "0x1F", "10:30", "yes", "<<", "😀", "\u{0}", "\u{7}",
                  "\u{1B}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "é", "e\u{301}"]
    var text = ""
    for _ in 0..<Int.random(in: 0...8, using: &rng) {
        if rng.chance(0.1) {
            let value = UInt32.random(in: 1...0x10FFFF, using: &rng)
            if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
        } else {
            text += rng.pick(pieces)
        }
    }
    return text
}

private func randomTree(_ rng: inout SplitMix, depth: Int = 0) -> DataTree {
    let kind = depth >= 4 ? 0 : Int.random(in: 0..<5, using: &rng)
    switch kind {
    case 0, 1, 2:
        let style = rng.pick([DataTree.ScalarStyle.plain, .quoted, .block])
        let text = rng.chance(0.1) ? rng.pick(["", "~", "null", "NULL"]) : randomText(&rng)
        return DataTree(.scalar(text, style), line: 0, column: 0)
    case 3:
        return DataTree(.sequence((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomTree(&rng, depth: depth + 1) }),
                        line: 0, column: 0)
    default:
        var pairs: [DataTree.Pair] = []
        var used: Set<String> = []
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let text = randomText(&rng)
            let style = rng.pick([DataTree.ScalarStyle.plain, .quoted])
            // Keys are read by text: two keys of one text would be a repeated field.
            guard used.insert(text).inserted, !(style == .plain && text.isEmpty) else { continue }
            pairs.append(DataTree.Pair(key: DataTree(.scalar(text, style), line: 0, column: 0),
                                       value: randomTree(&rng, depth: depth + 1)))
        }
        return DataTree(.mapping(pairs), line: 0, column: 0)
    }
}

// MARK: - YAML reader against Yams

/// Both readers on one text: the same tree with the same positions, or both refuse it (ours may
/// also refuse, by name, a key Yams takes that answer files never have). Returns whether it was read.
@discardableResult
private func compareWithYams(_ text: String, _ label: @autoclosure () -> String) -> Bool {
    let expected = Result { try yamsTree(text) }
    let actual = Result { () throws(DataTreeError) in try YAMLReader.read(text) }
    switch (expected, actual) {
    case let (.success(yams), .success(ours)):
        #expect(ours.map(withoutLeadingBOM) == yams, "\(label()): \(String(reflecting: text))\nYams: \(String(describing: yams))\nours: \(String(describing: ours))")
        return true
    case let (.success(yams), .failure(error)):
        // The feature named last in parentheses, `(?)`, is in the text; or Yams shows the refused key.
        let feature = error.message.split(separator: "(").last.map { String($0.dropLast()) } ?? ""
        let refused = (feature.count == 1 && text.contains(feature)) || (yams.map(hasRefusedKey) ?? false)
        #expect(refused && error.message.contains("не поддерживается"),
                "\(label()): ours refuses what Yams reads: \(String(reflecting: text))\n\(error)\nYams: \(String(describing: yams))")
        return false
    case let (.failure(yamsError), .success(ours)):
        Issue.record("\(label()): ours reads what Yams refuses: \(String(reflecting: text))\nYams: \(yamsError)\nours: \(String(describing: ours))")
        return false
    case (.failure, .failure):
        return false
    }
}

/// Snippets where YAML is easy to get wrong; each is read by both and must agree.
private let trickyYAML: [String] = [
    "", "# only a comment\n", "\n\n", "---\n", "---", "--- \n# c\n", "a: 1\n...\n", "--- a\n", "--- |\n  x\n", "---\na: 1\n",
    "a: b\nc: d", "a:\n  b: c\n  d:\n    - e\n    - f: g\n      h: i\n", "a:\n- b\n- c\nd: e\n", "- a\n- - b\n  - c\n-\n- \n",
    "a:\nb:\n", "a: \n", "a: # comment\nb: 1 # c\n", "a: x#y\nb: x #y\n", "a: 'x #y'\n",
    "a: b c\n  d e\n\n  f\n", "a: multi\n  line\n\n\n  plain\n", "- one\n  two\n- three\n", "top\nlevel\nplain\n",
    "a: 'single ''quoted'' text'\n", "a: 'folded\n  single\n\n  quoted'\n", "a: \"esc \\n \\t \\\\ \\\" \\/ \\x41 \\u0416 \\U0001F600\"\n",
    "a: \"line \\\n  continued\"\n", "a: \"fold\n  this\n\n  and this\"\n", "a: \" spaces \"\n", "a: \"\\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P\"\n",
    "a: |\n  literal\n  text\n", "a: |-\n  strip\n\n", "a: |+\n  keep\n\n\n", "a: >\n  folded\n  text\n\n  para\n",
    "a: >-\n  folded\n   more indented\n  back\n", "a: >+\n  keep\n\n", "a: |2\n   two more\n  base\n", "a: |-1\n  x\n",
    "a: |\n\n  leading blank\n", "a: |\n  x\n b: 1\n", "- |\n  item\n- >-\n  folded\n  item\n", "a: | # comment\n  x\n",
    "a: |\n  # not a comment\n", "a: >\n\n  x\n  y\n\n\n", "a: |\n  trailing spaces   \n  x\n", "|\n top block\n",
    "a: [x, y, z]\n", "a: [x, [y, z], {k: v}]\n", "a: {k: v, l: [1, 2]}\n", "a: [x,\n  y]\n", "a: {k: v,\n  l: w}\n",
    "a: []\nb: {}\n", "a: [x, ]\n", "a: [k: v, x]\n", "a: {k, l: m}\n", "a: {k: }\n", "a: [\"q\", 'r', s t]\n",
    "- {direction: Оплата труда (с начислениями), subsidy: 812000.00, own: 0}\n", "a: {k:v}\n", "[a, b]\n", "{a: b}\n",
    "ключ: значение\nдругой: «кавычки» и „ещё“\n", "emoji: 😀 ∑ é\nkey😀: v\n", "a: é\u{301}\n",
    "a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: |\r\n  one\r\n  two\r\n", "a: 'x\r\n  y'\r\n", "a: \"x\\\r\n  y\"\r\n", "a: b\rc: d\r",
    "a: 1\n\n\n\nb: 2\n", "   a: 1\n   b: 2\n", "a:\n    deep: 1\n", "a:   spaced   \n", "a:\tb\n", "a: b\t\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\n", "1: one\n'1': again\n", "\"k\": v\n'k2': v\n",
    "a: -x\nb: -1\nc: :x\nd: ?x\n", "a: x:y\nb: http://example.org/a?b=c#d\n", "- a\n-\n- c\n",
    "a:\n- b\n-\nc: d\n", "- a: 1\n  b: 2\n- c: 3\n", "- - - deep\n", "a:\n  - b:\n    - c\n",
    // Mistakes: Yams refuses them, so must we.
    "a: b: c\n", "a: 1\n b: 2\n", "a: 1\nfoo\nb: 2\n", "a:\n\tb: 1\n", "\ta: 1\n", "a: 'open\n", "a: \"open\n",
    "a: \"\\q\"\n", "a: \"\\x4\"\n", "a: \"\\uD800\"\n", "a: [x, y\n", "a: {x: y\n", "a: [x}\n", "a: @x\n", "a: `x\n",
    "a: |x\n  y\n", "a: |0\n  y\n", "- a\nb: 1\n", "a: 1\n- b\n", "a: 1\na: 2\n", "a: {x: 1, x: 2}\n", "[a]\nb\n",
    "a: 'x\n---\ny'\n", "a: \"x\n...\n\"\n", "a:\n  b\n  c: d\n", "a: [x:]\n", "a: {x: y: z}\n", "- a\n - b\n",
    "a: b\n---\nc: d\n", "a: b\n...\nc: d\n", "...\na: b\n", "a: |\n  x\n\t y\n", "a:\n  - b\n   - c\n",
    "a: [- x]\n", "a: \"x\" y\n", "a: 'x' y\n", "\"a\" \"b\"\n", "a: x\n  - y\n", "- a:\n  - b\n -c\n",
    "a: \u{1}\n", "a: \u{7F}\n", "a: \u{FFFE}\n",
]

@Suite("DataTree: YAML reader against Yams")
struct DataTreeYAMLTests {
    @Test func samplesAsYams() throws {
        let samples = try answerSamples()
        #expect(samples.count >= 18)
        for (path, text) in samples {
            let ours = try YAMLReader.read(text)
            let yams = try yamsTree(text)
            #expect(ours != nil)
            #expect(ours == yams, "\(path)")
        }
        print("DataTree: \(samples.count) sample files read as Yams reads them")
    }

    @Test func trickySnippetsAsYams() {
        var read = 0
        for (i, text) in trickyYAML.enumerated() where compareWithYams(text, "snippet \(i)") {
            read += 1
        }
        print("DataTree: \(trickyYAML.count) tricky YAML snippets agree with Yams (\(read) read, \(trickyYAML.count - read) refused)")
    }

    @Test func randomDocumentsAsYams() {
        var rng = SplitMix(seed: 2026)
        var read = 0
        let count = 20_000
        for i in 0..<count where compareWithYams(randomYAML(&rng), "random \(i)") {
            read += 1
        }
        #expect(read > count / 20)
        print("DataTree: \(count) random YAML line mixes agree with Yams (\(read) read, \(count - read) refused)")
    }

    @Test func randomStructuredDocumentsAsYams() {
        var rng = SplitMix(seed: 1789)
        var read = 0
        let count = 20_000
        for i in 0..<count where compareWithYams(randomStructuredYAML(&rng), "structured \(i)") {
            read += 1
        }
        #expect(read > count / 2)
        print("DataTree: \(count) random structured YAML documents agree with Yams (\(read) read, \(count - read) refused)")
    }

    @Test func refusedFeaturesAreNamed() {
        let cases: [(String, String, Int, Int)] = [
            ("a: &x 1\n", "якоря (&)", 1, 4),
            ("a: 1\nb: *x\n", "ссылки (*)", 2, 4),
            ("a: !!str 1\n", "теги (!)", 1, 4),
            ("%YAML 1.1\n---\na: 1\n", "директивы (%)", 1, 1),
            ("? a\n: b\n", "сложные ключи (?)", 1, 1),
            ("a:\n  << : {b: 1}\n", "слияние наборов полей (<<)", 2, 3),
            ("a: 1\n---\nb: 2\n", "несколько документов в одном файле (---)", 2, 1),
            ("[a, b]: c\n", "составные ключи (список или набор полей на месте имени поля)", 1, 1),
            ("a: 1\n: 2\n", "двоеточие без имени поля (пустой ключ)", 2, 1),
        ]
        for (text, feature, line, column) in cases {
            #expect(throws: DataTreeError(line: line, column: column,
                                          message: "эта возможность YAML в файле ответов не поддерживается: " + feature)) {
                try YAMLReader.read(text)
            }
        }
    }

    @Test func errorsPointAtTheMistake() {
        func error(_ text: String) -> DataTreeError? {
            do { _ = try YAMLReader.read(text); return nil } catch { return error }
        }
        let tab = error("a:\n\tb: 1\n")
        #expect(tab?.line == 2 && tab?.column == 1 && tab?.message.contains("табуляция") == true)
        let quote = error("a: 1\nb: 'open\nc: 2\n")
        #expect(quote?.line == 2 && quote?.column == 4 && quote?.message.contains("кавычка") == true)
        let double = error("a: \"x\\qy\"\n")
        #expect(double?.line == 1 && double?.column == 6 && double?.message.contains("\\q") == true)
        let duplicate = error("a: 1\nb: 2\na: 3\n")
        #expect(duplicate?.line == 3 && duplicate?.column == 1 && duplicate?.message.contains("впервые в строке 1") == true)
        let indent = error("a: 1\n b: 2\n")
        #expect(indent?.line == 2 && indent?.message.contains("двоеточие") == true)
        let control = error("a: x\u{1}\n")
        #expect(control?.line == 1 && control?.column == 5 && control?.message.contains("U+0001") == true)
        #expect(error("a: b\n") == nil)
    }

    @Test func byteOrderMarkIsNoText() throws {
        // nko drops it before Yams sees the text (decodeText); so does the reader.
        #expect(try YAMLReader.read("\u{FEFF}a: 1\nb: 2\n") == yamsTree("a: 1\nb: 2\n"))
        #expect(try JSONReader.read("\u{FEFF}{\"a\": 1}") != nil)
    }

    @Test func hostileInputsAreErrors() {
        let deep = 10_000
        let hostile: [String] = [
            String(repeating: "[", count: deep),
            String(repeating: "[", count: deep) + String(repeating: "]", count: deep),
            String(repeating: "{a: ", count: deep) + "b" + String(repeating: "}", count: deep),
            String(repeating: "- ", count: deep) + "x\n",
            (0..<150).map { String(repeating: " ", count: $0) + "a:" }.joined(separator: "\n") + " x\n",
            (0..<150).map { String(repeating: " ", count: $0) + "-" }.joined(separator: "\n") + " x\n",
        ]
        for text in hostile {
            #expect(throws: DataTreeError.self) { try YAMLReader.read(text) }
        }
        // Exactly the allowed depth is read.
        let allowed = String(repeating: "[", count: YAMLReader.maximumDepth) + String(repeating: "]", count: YAMLReader.maximumDepth)
        #expect((try? YAMLReader.read(allowed)) != nil)

        let huge = String(repeating: "ж", count: 2_000_000)
        #expect((try? YAMLReader.read("a: " + huge + "\n")) == DataTree(.mapping([
            DataTree.Pair(key: DataTree(.scalar("a", .plain), line: 1, column: 1), value: DataTree(.scalar(huge, .plain), line: 1, column: 4)),
        ]), line: 1, column: 1))
        // A key must end within 1024 characters, as in libyaml.
        #expect(throws: DataTreeError.self) { try YAMLReader.read(huge + ": x\n") }
        #expect(throws: DataTreeError.self) { try YAMLReader.read("a: '" + huge) }
        #expect(throws: DataTreeError.self) { try YAMLReader.read("a: \"" + huge) }
        #expect((try? YAMLReader.read("a: |\n" + String(repeating: "  строка\n", count: 100_000))) != nil)
        #expect((try? YAMLReader.read(String(repeating: "\n", count: 1_000_000) + "a: 1")).map { $0.line } == 1_000_001)
    }
}

// MARK: - JSON reader against JSONSerialization

/// A value JSONSerialization gives, in a form both sides can be compared in.
private indirect enum JSONValue: Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(foundation value: Any) {
        switch value {
        case let string as String: self = .string(string)
        case is NSNull: self = .null
        case let number as NSNumber:
            // JSONSerialization gives true and false as NSNumber's boolean subclass.
            if String(describing: type(of: number)).contains("Boolean") { self = .bool(number.boolValue) } else { self = .number(number.doubleValue) }
        case let array as [Any]: self = .array(array.map(JSONValue.init(foundation:)))
        case let object as [String: Any]: self = .object(object.mapValues(JSONValue.init(foundation:)))
        default: self = .string("<\(type(of: value))>")
        }
    }

    init(_ tree: DataTree) {
        switch tree.content {
        case let .scalar(text, .quoted): self = .string(text)
        case let .scalar(text, _):
            switch text {
            case "true": self = .bool(true)
            case "false": self = .bool(false)
            case "null": self = .null
            default: self = .number(Double(text) ?? .nan)
            }
        case let .sequence(items): self = .array(items.map(JSONValue.init))
        case let .mapping(pairs):
            var object: [String: JSONValue] = [:]
            for pair in pairs {
                if case let .scalar(key, _) = pair.key.content { object[key] = JSONValue(pair.value) }
            }
            self = .object(object)
        }
    }
}

private func foundationJSON(_ text: String) throws -> JSONValue {
    JSONValue(foundation: try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
}

private func randomJSON(_ tree: DataTree, _ rng: inout SplitMix) -> String {
    func space(_ rng: inout SplitMix) -> String { rng.chance(0.3) ? rng.pick([" ", "\n", "\r\n", "\t", "  \n  "]) : "" }
    func string(_ text: String, _ rng: inout SplitMix) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Foundation drops a raw U+FEFF at the start of a run of plain characters; escaped, it keeps it.
                if c.value < 0x20 || c == "\u{FEFF}" || rng.chance(0.1) {
                    for unit in String(c).utf16 { out += String(format: rng.chance(0.5) ? "\\u%04x" : "\\u%04X", unit) }
                } else if c == "/" && rng.chance(0.5) {
                    out += "\\/"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
    switch tree.content {
    case let .scalar(text, _):
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return rng.pick(["0", "-0", "12", "-3.50", "1e3", "1E+2", "2.5e-3", "1450000.00", "123456789012345678"])
        case 1: return rng.pick(["true", "false", "null"])
        default: return string(text, &rng)
        }
    case let .sequence(items):
        return "[" + space(&rng) + items.map { randomJSON($0, &rng) }.joined(separator: space(&rng) + "," + space(&rng)) + space(&rng) + "]"
    case let .mapping(pairs):
        return "{" + space(&rng) + pairs.map { pair -> String in
            guard case let .scalar(key, _) = pair.key.content else { return "" }
            return string(key, &rng) + space(&rng) + ":" + space(&rng) + randomJSON(pair.value, &rng)
        }.joined(separator: space(&rng) + "," + space(&rng)) + space(&rng) + "}"
    }
}

@Suite("DataTree: JSON reader")
struct DataTreeJSONTests {
    static let valid: [String] = [
        "{}", "[]", "0", "-0", "\"\"", "true", "false", "null", " \n\t\r 1 \n", "[1, -2, 3.25, 1e10, 1E-2, -0.0e+1]",
        "{\"a\": {\"b\": [1, {\"c\": null}]}, \"d\": \"e\"}", "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
        "\"\\u0416\\u0436 \\ud83d\\ude00 \\u00e9\\u0301 \\u0000\"", "[\"ключ\", \"😀\", \"\\u2028\"]", "{\"\": \"empty key\"}",
        "[[[[[]]]]]", "{\"a\":1,\"b\":2}", "123456789012345678901234567890", "[1.5e308]",
    ]

    static let invalid: [(String, Int, Int)] = [
        ("{", 1, 2), ("[1, 2", 1, 6), ("[1,]", 1, 4), ("{\"a\": 1,}", 1, 9), ("{\"a\" 1}", 1, 6), ("{a: 1}", 1, 2),
        ("[01]", 1, 2), ("[1.]", 1, 4), ("[.5]", 1, 2), ("[-]", 1, 3), ("[1e]", 1, 4), ("[+1]", 1, 2), ("[0x1F]", 1, 3),
        ("\"open", 1, 1), ("\"a\nb\"", 1, 3), ("\"\\x41\"", 1, 2), ("\"\\ud800\"", 1, 2), ("\"\\udc00\"", 1, 2),
        ("\"\\ud800\\u0041\"", 1, 2), ("\"\\u12\"", 1, 2), ("[true false]", 1, 7), ("tru", 1, 1), ("nul", 1, 1),
        ("[NaN]", 1, 2), ("[Infinity]", 1, 2), ("{\"a\": 1, \"a\": 2}", 1, 10), ("1 2", 1, 3), ("{}\n\n x", 3, 2),
        ("'single'", 1, 1), ("[1]\r\n]", 2, 1), ("[\n\n  @]", 3, 3),
    ]

    @Test func validDocumentsAsJSONSerialization() throws {
        var documents = Self.valid
        documents.append(try String(contentsOf: repository.appendingPathComponent("Tests/FormsTests/Samples/subsidy-contract.json"), encoding: .utf8))
        var rng = SplitMix(seed: 8259)
        for _ in 0..<2_000 {
            documents.append(randomJSON(randomTree(&rng), &rng))
        }
        for text in documents {
            let ours = try JSONReader.read(text)
            #expect(ours.map(JSONValue.init) == (try foundationJSON(text)), "\(String(reflecting: text))")
        }
        print("DataTree: \(documents.count) valid JSON documents read as JSONSerialization reads them")
    }

    @Test func numbersKeepTheirText() throws {
        let tree = try #require(try JSONReader.read("{\"amount\": 1450000.00, \"n\": -1e3, \"inn\": \"0123\", \"ok\": true, \"x\": null}"))
        guard case let .mapping(pairs) = tree.content else { Issue.record("not a mapping"); return }
        #expect(pairs.map(\.value.content) == [.scalar("1450000.00", .plain), .scalar("-1e3", .plain), .scalar("0123", .quoted),
                                               .scalar("true", .plain), .scalar("null", .plain)])
        #expect(pairs.map(\.key.column) == [2, 24, 35, 50, 62])
    }

    @Test func positionsCountLinesAndScalars() throws {
        let tree = try #require(try JSONReader.read("{\r\n  \"ж😀\": [\n    \"x\", 2\n  ]\n}"))
        guard case let .mapping(pairs) = tree.content, case let .sequence(items) = pairs[0].value.content else {
            Issue.record("unexpected shape"); return
        }
        #expect((tree.line, tree.column) == (1, 1))
        #expect((pairs[0].key.line, pairs[0].key.column) == (2, 3))
        #expect((pairs[0].value.line, pairs[0].value.column) == (2, 9))
        #expect(items.map { [$0.line, $0.column] } == [[3, 5], [3, 10]])
    }

    @Test func invalidDocumentsAreErrorsAtTheirPlace() throws {
        for (text, line, column) in Self.invalid {
            do {
                let tree = try JSONReader.read(text)
                Issue.record("read \(String(reflecting: text)) as \(String(describing: tree))")
            } catch {
                #expect(error.line == line && error.column == column, "\(String(reflecting: text)): \(error.message)")
                #expect(!error.message.isEmpty)
            }
            // Foundation refuses them too, except a repeated key (it keeps the last) and a trailing comma.
            if !text.contains("\"a\": 1, \"a\"") && !text.contains(",]") && !text.contains(",}") { #expect(throws: (any Error).self) { try foundationJSON(text) } }
        }
        #expect(try JSONReader.read("  \n ") == nil)
    }

    @Test func hostileInputsAreErrors() {
        let deep = 10_000
        #expect(throws: DataTreeError.self) { try JSONReader.read(String(repeating: "[", count: deep) + String(repeating: "]", count: deep)) }
        #expect(throws: DataTreeError.self) { try JSONReader.read(String(repeating: "{\"a\":", count: deep) + "1" + String(repeating: "}", count: deep)) }
        let allowed = String(repeating: "[", count: JSONReader.maximumDepth) + String(repeating: "]", count: JSONReader.maximumDepth)
        #expect((try? JSONReader.read(allowed)) != nil)
        let huge = String(repeating: "ж", count: 2_000_000)
        #expect((try? JSONReader.read("\"" + huge + "\"")) == DataTree(.scalar(huge, .quoted), line: 1, column: 1))
        #expect(throws: DataTreeError.self) { try JSONReader.read("\"" + huge) }
        #expect(throws: DataTreeError.self) { try JSONReader.read(String(repeating: "1", count: 100_000) + "x") }
    }
}

// MARK: - Writer

@Suite("DataTree: YAML writer")
struct DataTreeWriterTests {
    /// The written text read back by both readers: the same tree but for positions, and for
    /// YAMLReader exactly the styles the writer promises.
    private func roundTrip(_ tree: DataTree, exact: Bool, _ label: String) {
        let text = YAMLWriter.text(tree)
        do {
            let ours = try #require(try YAMLReader.read(text), "\(label): nothing read from \(String(reflecting: text))")
            let yams = try #require(try yamsTree(text), "\(label): Yams read nothing from \(String(reflecting: text))")
            #expect(withoutLeadingBOM(ours) == yams, "\(label): the readers differ on \(String(reflecting: text))")
            if exact {
                #expect(unplaced(ours) == unplaced(tree), "\(label): \(String(reflecting: text))")
            }
            #expect(Meaning(ours) == Meaning(tree), "\(label): \(String(reflecting: text))\nwritten: \(Meaning(tree))\nread: \(Meaning(ours))")
        } catch {
            Issue.record("\(label): \(error) in \(String(reflecting: text))")
        }
    }

    @Test func samplesComeBackWithTheirStyles() throws {
        let samples = try answerSamples()
        for (path, text) in samples {
            let tree = try #require(try YAMLReader.read(text))
            roundTrip(tree, exact: true, path)
        }
        print("DataTree: \(samples.count) samples written and read back unchanged (styles too)")
    }

    @Test func randomTreesComeBack() {
        var rng = SplitMix(seed: 42)
        let count = 5_000
        for i in 0..<count {
            roundTrip(randomTree(&rng), exact: false, "random tree \(i)")
        }
        print("DataTree: \(count) random trees written and read back to the same values by YAMLReader and Yams")
    }

    @Test func keysThatAreNoTextAreWrittenInFlowStyle() throws {
        let key = DataTree(.sequence([DataTree(.scalar("a", .plain), line: 0, column: 0)]), line: 0, column: 0)
        let text = YAMLWriter.text(DataTree(.mapping([DataTree.Pair(key: key, value: DataTree(.scalar("v", .plain), line: 0, column: 0))]),
                                            line: 0, column: 0))
        #expect(text == "[\"a\"]: v\n")
        #expect(try yamsTree(text) != nil)
        #expect(throws: DataTreeError.self) { try YAMLReader.read(text) }
    }

    @Test func quotesWhatWouldChange() {
        func written(_ text: String, _ style: DataTree.ScalarStyle = .plain) -> String {
            YAMLWriter.text(DataTree(.mapping([DataTree.Pair(key: DataTree(.scalar("k", .plain), line: 0, column: 0),
                                                             value: DataTree(.scalar(text, style), line: 0, column: 0))]),
                                     line: 0, column: 0))
        }
        #expect(written("Иванов Иван") == "k: Иванов Иван\n")
        #expect(written("1450000.00") == "k: 1450000.00\n")
        #expect(written("2026-11-23") == "k: 2026-11-23\n")
        #expect(written("0123") == "k: \"0123\"\n")
        #expect(written("10:30") == "k: \"10:30\"\n")
        #expect(written("yes") == "k: \"yes\"\n")
        #expect(written("a: b") == "k: \"a: b\"\n")
        #expect(written(" edge") == "k: \" edge\"\n")
        #expect(written("a \"q\"") == "k: a \"q\"\n")
        #expect(written("a \"q\"", .quoted) == "k: 'a \"q\"'\n")
        #expect(written("") == "k:\n")
        #expect(written("", .quoted) == "k: \"\"\n")
        #expect(written("null") == "k: null\n")
        #expect(written("null", .quoted) == "k: \"null\"\n")
        #expect(written("x\u{1}\u{85}\u{2028}") == "k: \"x\\x01\\N\\L\"\n")
        #expect(written("one\ntwo\n", .block) == "k: |\n  one\n  two\n")
        #expect(written("one\ntwo", .block) == "k: |-\n  one\n  two\n")
        #expect(written("one\n\n", .block) == "k: |+\n  one\n\n")
        #expect(written(" indented\nx", .block) == "k: \" indented\\nx\"\n")
        #expect(written("one\ntwo", .quoted) == "k: \"one\\ntwo\"\n")
    }
}
