import Foundation
import RussianText

/// What the `{{…}}` slots of a text may name.
public enum SlotVocabulary: Sendable {
    /// Blanks of model acts: `{{key:case|raw}}`; the keys and cases are those of the acts'
    /// profile (`content/_acts/profile.yaml`), which checks them.
    case modelAct
    /// Fields of a form: `{{path:format|caption}}`; the form checks the paths and formats itself.
    case formFields
}

/// `{{key:case|raw}}` blanks of model acts and `{{path:format|caption}}` slots of form templates.
/// They are cut out of the text before cmark reads it (replaced by private-use characters), so
/// that their underscores never turn into emphasis.
enum SlotSyntax {
    private static let open: Character = "\u{E000}"
    private static let close: Character = "\u{E001}"
    private static let pattern = try! NSRegularExpression(pattern: #"\{\{([^{}|:\n]*)(?::([^{}|\n]*))?\|([^{}]*)\}\}"#)
    /// In forms the caption is optional: `{{recipient.name}}`.
    private static let formPattern = try! NSRegularExpression(pattern: #"\{\{([^{}|:\n]*)(?::([^{}|\n]*))?(?:\|([^{}]*))?\}\}"#)

    static func extract(from source: String, vocabulary: SlotVocabulary) -> (String, [Slot]) {
        // A byte scan: Foundation's String.contains goes through NSString and showed in profiles.
        guard source.utf8Contains("{{") else { return (source, []) }
        var slots: [Slot] = []
        var result = ""
        var last = source.startIndex
        // Where the slots stand, counted on from the previous one (a form has hundreds of them).
        var line = 1, lineStart = source.startIndex, counted = source.startIndex
        let regex = vocabulary == .modelAct ? pattern : formPattern
        for match in regex.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
            let range = Range(match.range, in: source)!
            let group = { (i: Int) in Range(match.range(at: i), in: source).map { String(source[$0]) } }
            let key = group(1) ?? ""
            let grammaticalCase = group(2)
            let since = source[counted..<range.lowerBound]
            for i in since.indices where since[i] == "\n" {
                line += 1
                lineStart = since.index(after: i)
            }
            counted = range.lowerBound
            let column = source[lineStart..<range.lowerBound].count + 1
            result += source[last..<range.lowerBound]
            result += "\(open)\(slots.count)\(close)"
            // Keep the line count: a raw text that spans lines would shift every line after it.
            result += String(repeating: "\n", count: group(3)?.count(where: { $0 == "\n" }) ?? 0)
            slots.append(Slot(key: key.trimmingCharacters(in: .whitespaces), grammaticalCase: grammaticalCase,
                              raw: (group(3) ?? "").replacingOccurrences(of: "\n", with: " "),
                              line: line, column: column))
            last = range.upperBound
        }
        result += source[last...]
        return (result, slots)
    }

    /// Splits a text node at the placeholders back into text and slots.
    static func restore(_ text: String, slots: [Slot]) -> [Inline] {
        guard !slots.isEmpty, text.contains(open) else { return [.text(text)] }
        var result: [Inline] = []
        var current = ""
        var index: String?
        for ch in text {
            if ch == open {
                index = ""
            } else if ch == close, let digits = index, let n = Int(digits), n < slots.count {
                if !current.isEmpty { result.append(.text(current)) }
                current = ""
                result.append(.slot(slots[n]))
                index = nil
            } else if index != nil {
                index! += String(ch)
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { result.append(.text(current)) }
        return result
    }
}

/// `::: kind argument` … `:::` blocks of legal Markdown, nested as written.
enum Containers {
    /// Deeper blocks are refused (fuzzing found thousands): every pass over the tree recurses once per level.
    static let maxNesting = 32

    static func group(_ document: Document, problems: inout [MarkupProblem]) -> Document {
        var result = document
        result.blocks = group(document.blocks, problems: &problems)
        return result
    }

    private static func marker(_ block: Block) -> (kind: String?, argument: String?, line: Int)? {
        // Most paragraphs are not markers: look at their first text before building the whole.
        guard case let .paragraph(p) = block, case let .text(first)? = p.content.first,
              first.drop(while: { $0 == " " }).hasPrefix(":::") else { return nil }
        let text = p.content.plainText.trimmingSpaces
        guard text.hasPrefix(":::") else { return nil }
        let rest = text.dropFirst(3).trimmingSpaces
        if rest.isEmpty { return (nil, nil, p.line) }
        let parts = rest.split(separator: " ", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : nil, p.line)
    }

    private static func group(_ blocks: [Block], problems: inout [MarkupProblem]) -> [Block] {
        // A stack of open blocks; the bottom one is the document itself. A block of an unknown
        // kind (an error) has no container: its content joins the enclosing one when it closes.
        var stack: [(name: String, line: Int, container: Container?, blocks: [Block])] = [("", 0, nil, [])]
        func close() {
            let (_, _, container, inner) = stack.removeLast()
            if var container {
                container.blocks = inner
                stack[stack.count - 1].blocks.append(.container(container))
            } else {
                stack[stack.count - 1].blocks += inner
            }
        }
        var refused = 0  // openers past maxNesting, whose closing lines are skipped too
        for block in blocks {
            guard let marker = marker(block) else {
                stack[stack.count - 1].blocks.append(block)
                continue
            }
            if marker.kind != nil, stack.count > maxNesting {
                if refused == 0 {
                    problems.append(MarkupProblem(line: marker.line, column: 1,
                                                  message: "блоки «:::» вложены глубже \(maxNesting) уровней",
                                                  hint: "закройте внешние блоки строкой «:::»", isError: true))
                }
                refused += 1
            } else if marker.kind == nil, refused > 0 {
                refused -= 1
            } else if let name = marker.kind {
                let kind = ContainerKind(rawValue: name)
                if kind == nil {
                    problems.append(MarkupProblem(line: marker.line, column: 1, message: "неизвестный блок «::: \(name)»",
                                                  hint: "допустимые: " + ContainerKind.allCases.map(\.rawValue).sorted().joined(separator: ", "),
                                                  isError: true))
                }
                stack.append((name, marker.line, kind.map { Container(kind: $0, argument: marker.argument, blocks: [], line: marker.line) }, []))
            } else if stack.count > 1 {
                close()
            } else {
                problems.append(MarkupProblem(line: marker.line, column: 1, message: "лишняя строка «:::» — блок не открыт",
                                              hint: "блок открывается строкой «::: вид», например «::: stamp»", isError: true))
            }
        }
        while stack.count > 1 {
            let open = stack[stack.count - 1]
            problems.append(MarkupProblem(line: open.line, column: 1, message: "блок «::: \(open.name)» не закрыт",
                                          hint: "закройте его строкой «:::» (с пустыми строками до и после)", isError: true))
            close()
        }
        return stack[0].blocks
    }
}
