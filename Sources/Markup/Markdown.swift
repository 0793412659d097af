@_exported import DocumentTree
import CCmarkGFM
import RussianText
import Foundation

/// Markdown read into a document tree, with what was removed from it and what looks wrong.
public struct ParsedMarkdown: Sendable {
    public var document: Document
    /// Raw HTML found in the source: it never reaches the page, and the editor is told where it was.
    public var rawHTML: [RawHTML]
    /// First-level headings in the text: the page title already is one.
    public var topHeadings: [SourcePoint]
    /// Broken containers and slots of legal Markdown.
    public var problems: [MarkupProblem]
}

/// Markdown rendered to HTML, with what was removed from it.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var rawHTML: [RawHTML]
    public var topHeadings: [SourcePoint]
}

/// A line and column (1-based) in the Markdown text.
public struct SourcePoint: Sendable, Equatable {
    public var line: Int
    public var column: Int
}

/// A problem of legal Markdown (an unclosed container, an unknown slot key), for the diagnostics.
public struct MarkupProblem: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?
    public var isError: Bool
}

/// A piece of raw HTML in Markdown. Line and column are 1-based within the Markdown text;
/// the column counts characters, not bytes.
public struct RawHTML: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var text: String

    /// Script-like markup is an error; other tags are only dropped with a warning.
    public var isActive: Bool {
        let lower = text.lowercased()
        return ["<script", "<iframe", "<object", "<embed", "<style", "javascript:"].contains { lower.contains($0) }
            || lower.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil
    }
}

/// GitHub-flavoured Markdown through cmark-gfm: tables, footnotes, strikethrough, autolinks.
/// Raw HTML is never passed through: it is left out of the tree.
public enum Markdown {
    /// cmark-gfm registers its extensions in a global list: once per process.
    ///
    /// Before it parses a document's inlines (in `cmark_parser_finish`), cmark-gfm adds the
    /// characters its attached extensions look for to one table for the whole process, and removes
    /// them after: two documents finished at once lose each other's links and strikethrough
    /// (github/cmark-gfm#176). So no parse is left to write that table:
    /// - autolink's characters («:», «w») are added once, here, and the extension forgets them
    ///   (it finds links by its own matching, not through that list);
    /// - strikethrough needs its «~» in the list to close a deletion, so it is attached only to a
    ///   text that has a «~» (few do), and those finish one at a time (`tildeLock`).
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(options), let autolink = cmark_find_syntax_extension("autolink") else {
            fatalError("cmark-gfm: no autolink extension")
        }
        cmark_parser_attach_syntax_extension(parser, autolink)
        cmark_manage_extensions_special_characters(parser, 1)
        cmark_syntax_extension_set_special_inline_chars(autolink, nil)
        cmark_parser_free(parser)
        return true
    }()

    private static let tildeLock = NSLock()
    private static let tilde = ASCIIBytes(UInt8(ascii: "~"))

    /// No CMARK_OPT_SMART: it would turn the published straight quotes and dashes into others.
    /// No CMARK_OPT_VALIDATE_UTF8: the text is a Swift string's UTF-8, valid by construction, and
    /// checking it again was a hundredth of a legal build (cmark replaces NUL bytes either way).
    static let options: Int32 = CMARK_OPT_FOOTNOTES

    public static func render(_ source: String) -> RenderedMarkdown {
        let parsed = parse(source)
        return RenderedMarkdown(html: HTMLRenderer.render(parsed.document), rawHTML: parsed.rawHTML,
                                topHeadings: parsed.topHeadings)
    }

    public static func parse(_ source: String, slots vocabulary: SlotVocabulary = .modelAct) -> ParsedMarkdown {
        precondition(extensionsRegistered)
        // Slots are taken out before cmark sees the text: their underscores are not emphasis.
        var problems: [MarkupProblem] = []
        let (text, slots) = SlotSyntax.extract(from: source, vocabulary: vocabulary)
        guard let parser = cmark_parser_new(options) else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_parser_free(parser) }
        var utf8 = Array(text.utf8)
        let strikethrough = Self.tilde.occurs(in: text)
        for name in ["table"] + (strikethrough ? ["strikethrough"] : []) + ["autolink", "tagfilter"] {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        let finished = strikethrough ? tildeLock.withLock { cmark_parser_finish(parser) } : cmark_parser_finish(parser)
        guard let root = finished else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_node_free(root) }
        if let (line, column) = tooDeep(root) {
            problems.append(MarkupProblem(line: line, column: column,
                                          message: "вложенность разметки глубже \(maxDepth) уровней: текст не выводится",
                                          hint: "так глубоко не вкладывают ни цитаты, ни списки, ни выделение — проверьте, нет ли лишних «>», «-» или «*»",
                                          isError: true))
            return ParsedMarkdown(document: Document(blocks: [], footnotes: []), rawHTML: [], topHeadings: [], problems: problems)
        }

        // Lines as bytes: cmark reports byte columns, and splitting bytes avoids comparing Characters.
        var converter = TreeConverter(lines: utf8.split(separator: 0x0A, omittingEmptySubsequences: false), slots: slots)
        let blocks = converter.blocks(of: root)
        let document = Containers.group(Document(blocks: blocks, footnotes: converter.footnotes()), problems: &problems)
        return ParsedMarkdown(document: document, rawHTML: converter.rawHTML, topHeadings: converter.topHeadings,
                              problems: problems)
    }
}

extension Markdown {
    /// Deeper than any document nests (legal texts take a few levels). Our tree is converted and
    /// rendered recursively, and ten thousand nested quotes overflowed a thread's stack.
    static let maxDepth = 100

    /// Where the tree first nests deeper than `maxDepth` (the line and column of the nearest block),
    /// walked without recursion; nil when it does not.
    private static func tooDeep(_ root: OpaquePointer) -> (line: Int, column: Int)? {
        var node = root, depth = 0
        while true {
            if let child = cmark_node_first_child(node) {
                (node, depth) = (child, depth + 1)
                guard depth > maxDepth else { continue }
                var block: OpaquePointer? = node
                while let current = block, cmark_node_get_start_line(current) == 0 { block = cmark_node_parent(current) }
                return block.map { (Int(cmark_node_get_start_line($0)), Int(cmark_node_get_start_column($0))) } ?? (1, 1)
            }
            while true {
                if node == root { return nil }
                if let next = cmark_node_next(node) {
                    node = next
                    break
                }
                guard let parent = cmark_node_parent(node) else { return nil }
                (node, depth) = (parent, depth - 1)
            }
        }
    }
}

/// Walks cmark's tree and builds ours.
private struct TreeConverter {
    let lines: [ArraySlice<UInt8>]
    let slots: [Slot]
    var rawHTML: [RawHTML] = []
    var topHeadings: [SourcePoint] = []
    /// Footnote labels in order of first reference.
    private var footnoteOrder: [String] = []
    private var definitions: [String: [Block]] = [:]

    init(lines: [ArraySlice<UInt8>], slots: [Slot]) {
        self.lines = lines
        self.slots = slots
    }

    mutating func footnotes() -> [Footnote] {
        footnoteOrder.map { Footnote(label: $0, blocks: definitions[$0] ?? []) }
    }

    private func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func position(_ node: OpaquePointer) -> SourcePoint {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        guard line >= 1, line <= lines.count, byteColumn >= 1 else { return SourcePoint(line: line, column: max(byteColumn, 1)) }
        // cmark counts columns in bytes; editors count characters.
        let bytes = lines[line - 1].prefix(byteColumn - 1)
        return SourcePoint(line: line, column: String(decoding: bytes, as: UTF8.self).unicodeScalars.count + 1)
    }

    mutating func blocks(of node: OpaquePointer) -> [Block] {
        children(of: node).flatMap { block($0) }
    }

    private mutating func block(_ node: OpaquePointer) -> [Block] {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_PARAGRAPH:
            return [.paragraph(Paragraph(content: inlines(of: node), line: position(node).line))]
        case CMARK_NODE_HEADING:
            let level = Int(cmark_node_get_heading_level(node))
            if level == 1 { topHeadings.append(position(node)) }
            return [.heading(Heading(level: level, content: inlines(of: node), line: position(node).line))]
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let items = children(of: node).map { blocks(of: $0) }
            return [.list(List(ordered: ordered, start: Int(cmark_node_get_list_start(node)), items: items))]
        case CMARK_NODE_BLOCK_QUOTE:
            return [.quote(blocks(of: node))]
        case CMARK_NODE_CODE_BLOCK:
            return [.code(literal(node))]
        case CMARK_NODE_THEMATIC_BREAK:
            return [.rule]
        case CMARK_NODE_HTML_BLOCK:
            recordRawHTML(node)
            return []
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            definitions[footnoteLabel(at: node, fromLineStart: true)] = blocks(of: node)
            return []
        default:
            if typeName(node) == "table" { return [.table(table(node))] }
            return blocks(of: node)
        }
    }

    private mutating func table(_ node: OpaquePointer) -> Table {
        let count = Int(cmark_gfm_extensions_get_table_columns(node))
        var columns: [Alignment?] = Array(repeating: nil, count: count)
        if let alignments = cmark_gfm_extensions_get_table_alignments(node) {
            for i in 0..<count {
                switch UInt8(alignments[i]) {
                case UInt8(ascii: "l"): columns[i] = .left
                case UInt8(ascii: "c"): columns[i] = .center
                case UInt8(ascii: "r"): columns[i] = .right
                default: break
                }
            }
        }
        var rows = children(of: node).map { row in
            TableRow(kind: cmark_gfm_extensions_get_table_row_is_header(row) != 0 ? .header : .body,
                     cells: children(of: row).map { cell in
                         let content = inlines(of: cell)
                         return TableCell(content.isEmpty ? [] : [content])
                     })
        }
        // GFM requires a header row; a table that has none leaves it empty, and it is no row of the table.
        if rows.contains(where: { $0.kind != .header }) {
            rows.removeAll { $0.kind == .header && $0.cells.allSatisfy(\.content.isEmpty) }
        }
        return Table(columns: columns, rows: rows)
    }

    private mutating func inlines(of node: OpaquePointer) -> [Inline] {
        children(of: node).flatMap { inline($0) }
    }

    private mutating func inline(_ node: OpaquePointer) -> [Inline] {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return SlotSyntax.restore(literal(node), slots: slots)
        case CMARK_NODE_SOFTBREAK: return [.softBreak]
        case CMARK_NODE_LINEBREAK: return [.lineBreak]
        case CMARK_NODE_CODE: return [.code(literal(node))]
        case CMARK_NODE_EMPH: return [.emphasis(inlines(of: node))]
        case CMARK_NODE_STRONG: return [.strong(inlines(of: node))]
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            return [.link(url: url, content: inlines(of: node))]
        case CMARK_NODE_HTML_INLINE:
            recordRawHTML(node)
            return []
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            let label = footnoteLabel(at: node)
            if !footnoteOrder.contains(label) { footnoteOrder.append(label) }
            return [.footnote(footnoteOrder.firstIndex(of: label)! + 1)]
        default:
            if typeName(node) == "strikethrough" { return [.strikethrough(inlines(of: node))] }
            return inlines(of: node)
        }
    }

    /// The label of `[^label]` where a footnote reference starts, or on the line of a definition
    /// (whose node starts after the `[^label]:`). cmark-gfm does not give footnote labels through
    /// its API, so they are read from the text.
    private func footnoteLabel(at node: OpaquePointer, fromLineStart: Bool = false) -> String {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = fromLineStart ? 1 : Int(cmark_node_get_start_column(node))
        guard line >= 1, line <= lines.count else { return "" }
        let bytes = lines[line - 1].dropFirst(max(byteColumn - 1, 0))
        guard let open = bytes.indices.first(where: { bytes[$0] == UInt8(ascii: "[") && bytes[($0 + 1)...].first == UInt8(ascii: "^") }),
              let close = bytes[(open + 2)...].firstIndex(of: UInt8(ascii: "]")) else { return "" }
        return String(decoding: bytes[(open + 2)..<close], as: UTF8.self)
    }

    private mutating func recordRawHTML(_ node: OpaquePointer) {
        let at = position(node)
        rawHTML.append(RawHTML(line: at.line, column: at.column,
                               text: literal(node).trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
