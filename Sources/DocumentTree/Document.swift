import RussianText

/// A document as a tree: what Markdown says, independent of HTML or ODF.
/// The site renders it to HTML, the ODF writer to an OpenDocument text; the legal-structure pass
/// adds anchors and cross-reference links to it in between.
public struct Document: Sendable, Equatable {
    public var blocks: [Block]
    /// In order of first reference: `Inline.footnote(n)` refers to `footnotes[n - 1]`.
    public var footnotes: [Footnote]

    public init(blocks: [Block], footnotes: [Footnote] = []) {
        self.blocks = blocks
        self.footnotes = footnotes
    }
}

public struct Footnote: Sendable, Equatable {
    /// The label written in the source (`[^9]` → "9").
    public var label: String
    public var blocks: [Block]

    public init(label: String, blocks: [Block]) {
        (self.label, self.blocks) = (label, blocks)
    }
}

public enum Alignment: String, Sendable, Equatable {
    case left, center, right, justify
}

public indirect enum Block: Sendable, Equatable {
    case heading(Heading)
    case paragraph(Paragraph)
    case list(List)
    case table(Table)
    case quote([Block])
    case code(String)
    case rule
    /// `::: kind argument` … `:::` in legal Markdown: a header, stamp, signature, appendix, variant.
    case container(Container)
}

public struct Heading: Sendable, Equatable {
    public var level: Int
    public var content: [Inline]
    public var anchor: String?
    /// Line of the Markdown text where it starts, for messages.
    public var line: Int

    public init(level: Int, content: [Inline], anchor: String? = nil, line: Int = 0) {
        self.level = level
        self.content = content
        self.anchor = anchor
        self.line = line
    }
}

/// What a paragraph is in a legal text, beyond its words.
public enum ParagraphRole: String, Sendable, Equatable {
    case body
    /// «(в ред. Постановления … от … N …)»: a note on the amendment of the unit before it.
    case amendment
}

public struct Paragraph: Sendable, Equatable {
    public var content: [Inline]
    public var alignment: Alignment?
    public var role: ParagraphRole
    public var anchor: String?
    public var line: Int

    public init(content: [Inline], alignment: Alignment? = nil, role: ParagraphRole = .body,
                anchor: String? = nil, line: Int = 0) {
        self.content = content
        self.alignment = alignment
        self.role = role
        self.anchor = anchor
        self.line = line
    }
}

public struct List: Sendable, Equatable {
    public var ordered: Bool
    public var start: Int
    public var items: [[Block]]

    public init(ordered: Bool, start: Int = 1, items: [[Block]]) {
        self.ordered = ordered
        self.start = start
        self.items = items
    }
}

public struct Table: Sendable, Equatable {
    /// Alignment of each column; nil where not set.
    public var columns: [Alignment?]
    public var rows: [TableRow]
    /// Each column's share of the width in per cent, when whoever made the tree knows better than
    /// the text's lengths (a form's label/answer tables, whose answers are empty in a blank).
    public var widths: [Int]?

    public init(columns: [Alignment?], rows: [TableRow], widths: [Int]? = nil) {
        self.columns = columns
        self.rows = rows
        self.widths = widths
    }

    /// The shares to lay the columns out by: `widths` when they fit this many columns.
    public func widths(columns count: Int) -> [Int]? {
        guard let widths, widths.count == count, widths.allSatisfy({ $0 > 0 }) else { return nil }
        return widths
    }
}

public struct TableRow: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case header
        case body
        /// A heading row inside the body: one cell across all columns («1. Организационные мероприятия»).
        case section
    }

    public var kind: Kind
    public var cells: [TableCell]
    /// A numbered row of a plan is a unit that references can point at («пункта 1.4 Плана»).
    public var anchor: String?

    public init(kind: Kind = .body, cells: [TableCell], anchor: String? = nil) {
        self.kind = kind
        self.cells = cells
        self.anchor = anchor
    }
}

/// A cell; cells covered by an earlier cell's row or column span are left out of the row, as in HTML.
public struct TableCell: Sendable, Equatable {
    /// Paragraphs of the cell (most cells have one).
    public var content: [[Inline]]
    public var columnSpan: Int
    public var rowSpan: Int

    public init(_ content: [[Inline]], columnSpan: Int = 1, rowSpan: Int = 1) {
        self.content = content
        self.columnSpan = columnSpan
        self.rowSpan = rowSpan
    }

    /// Nothing in it but spaces.
    public var isEmpty: Bool {
        content.allSatisfy { paragraph in
            paragraph.allSatisfy { inline in
                if case let .text(text) = inline { return text.allSatisfy { $0 == " " } }
                return false
            }
        }
    }

    public init(text: String, columnSpan: Int = 1, rowSpan: Int = 1) {
        self.init(text.isEmpty ? [] : [[.text(text)]], columnSpan: columnSpan, rowSpan: rowSpan)
    }
}

/// The kinds of `::: kind` blocks of legal Markdown.
public enum ContainerKind: String, Sendable, CaseIterable {
    /// The heading block of an act: who adopts it, its kind, date and number, its title.
    case header
    /// «УТВЕРЖДЕН …» in the corner, and a row of them.
    case stamp, stamps
    /// Position on the left, the name on the right.
    case signature
    case appendix
    /// «Вариант 1 / Вариант 2» of a model act: `::: variant commission=1 Вариант 1` — printed on
    /// the model, and in a filled act only when the profile chose it.
    case variant
    /// A note to whoever adopts a model act («Далее общие для Варианта 1 и Варианта 2 положения»,
    /// the stamp «Приложение 8 к Методическим рекомендациям»): printed on the model, never in a filled act.
    case guidance
    /// A structured table of the front matter, placed where the text says (`::: table NAME`).
    case table
}

public struct Container: Sendable, Equatable {
    public var kind: ContainerKind
    public var argument: String?
    public var blocks: [Block]
    public var anchor: String?
    public var line: Int

    /// A variant's choice, `commission=1` in `::: variant commission=1 Вариант 1`.
    public var choice: (key: String, value: String)? {
        guard kind == .variant, let first = argument?.split(separator: " ", maxSplits: 1).first,
              let equals = first.firstIndex(of: "=") else { return nil }
        return (String(first[..<equals]), String(first[first.index(after: equals)...]))
    }

    /// A variant's name as printed: the argument without its choice.
    public var title: String? {
        guard let argument else { return nil }
        guard choice != nil else { return argument }
        let rest = argument.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init)
        return rest?.isEmpty == false ? rest : nil
    }

    /// The source prints most variants' names as their first line («Вариант 1:»).
    public var startsWithTitle: Bool {
        guard let title, case let .paragraph(p)? = blocks.first else { return false }
        return p.content.plainText.hasPrefix(title)
    }

    /// A title the text does not print itself: the renderers print it.
    public var printsTitle: Bool { title != nil && !startsWithTitle }

    public init(kind: ContainerKind, argument: String? = nil, blocks: [Block], anchor: String? = nil, line: Int = 0) {
        self.kind = kind
        self.argument = argument
        self.blocks = blocks
        self.anchor = anchor
        self.line = line
    }
}

public indirect enum Inline: Sendable, Equatable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case code(String)
    case link(url: String, content: [Inline])
    /// A reference to `Document.footnotes[n - 1]`.
    case footnote(Int)
    case lineBreak
    case softBreak
    /// A fill-in blank of a model act.
    case slot(Slot)
    /// A line to fill in by hand in a printed form, with what goes there, «(подпись)».
    case blank(Blank)
}

/// A line of a printed form to fill in by hand, long enough for what goes there; its caption is
/// set in small type centred under it. HTML and ODT draw it from the same numbers.
public struct Blank: Sendable, Equatable {
    /// What goes there, «подпись»: printed under the line.
    public var caption: String?
    /// The line's length in centimetres; nil: the whole width of its place (a paragraph, a cell).
    public var width: Double?
    /// Lines to write on: several for a text.
    public var lines: Int
    /// Printed on the line instead of leaving it empty: «__» ____________ 20__ г.
    public var pattern: String?
    /// What is written there, as the data names it (`bank.account`): a bookmark in the ODT, so
    /// that the line can be found and filled on a computer.
    public var name: String?

    public init(caption: String? = nil, width: Double? = nil, lines: Int = 1, pattern: String? = nil, name: String? = nil) {
        self.caption = caption
        self.width = width
        self.lines = max(lines, 1)
        self.pattern = pattern
        self.name = name
    }

    /// A line as long as a short handwritten entry, a signature or a seal.
    public static let handwrittenWidth = 4.5
    /// A handwritten character, the unit lines are measured in (a 12 pt digit is 0.21 cm).
    public static let character = 0.3

    /// How many characters the line is meant for.
    public var characters: Int? { width.map { Int(($0 / Self.character).rounded()) } }
}

/// A blank of a model act: what it asks for, in which grammatical case, and its text as published.
public struct Slot: Sendable, Equatable {
    public var key: String
    /// The grammatical case of a model act's blank; the format of a form's slot (`words`, `long` …).
    public var grammaticalCase: String?
    public var raw: String
    /// Where the slot starts in the Markdown text, for messages.
    public var line: Int
    public var column: Int

    public init(key: String, grammaticalCase: String? = nil, raw: String, line: Int = 0, column: Int = 0) {
        self.key = key
        self.grammaticalCase = grammaticalCase
        self.raw = raw
        self.line = line
        self.column = column
    }

    /// The texts of an alternative by the chosen value,
    /// `{{level:region=государственной;municipality=муниципальной|государственной (муниципальной)}}`.
    public var choices: [(value: String, text: String)]? {
        guard let format = grammaticalCase, format.contains("=") else { return nil }
        return format.split(separator: ";", omittingEmptySubsequences: false).map { part in
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(pair[0].trimmingSpaces), pair.count > 1 ? String(pair[1]) : "")
        }
    }

    /// The caption in brackets, «(наименование субъекта Российской Федерации)», without them.
    public var caption: String? {
        guard let open = raw.firstIndex(of: "("), let close = raw.lastIndex(of: ")"), open < close else { return nil }
        return String(raw[raw.index(after: open)..<close].trimmingSpaces)
    }
}

extension Array where Element == Inline {
    /// The blank these inlines are, if they are nothing else (perhaps in bold, between spaces):
    /// a paragraph or a cell that is only a place to write in.
    public var loneBlank: Blank? {
        var found: Blank?
        for inline in self {
            switch inline {
            case .blank(let blank) where found == nil: found = blank
            case .strong(let c) where found == nil, .emphasis(let c) where found == nil:
                guard let inner = c.loneBlank else { return nil }
                found = inner
            // A text of a letter is told by its first scalar, without reading its first character whole.
            case .text(let s) where s.unicodeScalars.first.map(Scalars.isWhiteSpace) != false && s.allSatisfy({ $0.isWhitespace }): continue
            case .softBreak: continue
            default: return nil
            }
        }
        return found
    }

    /// The words without markup, as a reader sees them.
    public var plainText: String {
        map { inline -> String in
            switch inline {
            case .text(let s), .code(let s): return s
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c): return c.plainText
            case .footnote: return ""
            case .lineBreak, .softBreak: return " "
            case .slot(let slot): return slot.raw
            case .blank(let blank): return blank.caption.map { "(\($0))" } ?? ""
            }
        }.joined()
    }
}
