import CCmarkGFM
import Foundation

/// Markdown rendered to HTML, with what was removed from it.
public struct RenderedMarkdown: Sendable {
    public var html: String
    /// Raw HTML found in the source: it never reaches the page, and the editor is told where it was.
    public var rawHTML: [RawHTML]
    /// First-level headings in the text: the page title already is one.
    public var topHeadings: [SourcePoint]
}

/// A line and column (1-based) in the Markdown text.
public struct SourcePoint: Sendable, Equatable {
    public var line: Int
    public var column: Int
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
        return ["<script", "<iframe", "<object", "<embed", "<style", "javascript:", " on"].contains { tag in
            tag == " on" ? lower.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil : lower.contains(tag)
        }
    }
}

/// GitHub-flavoured Markdown through cmark-gfm: tables, footnotes, strikethrough, autolinks.
/// Raw HTML is never passed through: it is cut out of the document tree before rendering.
public enum Markdown {
    /// cmark-gfm registers its extensions in a global list: once per process.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static let options: Int32 = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART
        | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_VALIDATE_UTF8

    public static func render(_ source: String) -> RenderedMarkdown {
        precondition(extensionsRegistered)
        guard let parser = cmark_parser_new(options) else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter"] {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var utf8 = Array(source.utf8)
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_node_free(document) }

        let raw = removeRawHTML(from: document, source: source)
        let topHeadings = headings(of: 1, in: document, source: source)
        let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser))!
        defer { free(html) }
        return RenderedMarkdown(html: accessible(String(cString: html)), rawHTML: raw, topHeadings: topHeadings)
    }

    /// cmark-gfm's HTML, made usable for everyone: tables scroll on their own on a phone instead of
    /// the page, and the footnotes get a heading and Russian labels.
    static func accessible(_ html: String) -> String {
        guard html.contains("<table>") || html.contains("class=\"footnotes\"") else { return html }
        return html
            .replacingOccurrences(of: "<table>",
                                  with: "<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица\" tabindex=\"0\"><table>")
            .replacingOccurrences(of: "</table>", with: "</table></div>")
            .replacingOccurrences(of: "<section class=\"footnotes\" data-footnotes>\n",
                                  with: "<section class=\"footnotes\" data-footnotes>\n<h2 class=\"visually-hidden\">Примечания</h2>\n")
            .replacingOccurrences(of: "aria-label=\"Back to content\"", with: "aria-label=\"Вернуться к тексту\"")
            .replacingOccurrences(of: "aria-label=\"Back to reference ", with: "aria-label=\"Вернуться к ссылке ")
    }

    /// Positions of the headings of one level (the page's own title is the only first-level one).
    private static func headings(of level: Int32, in document: OpaquePointer, source: String) -> [SourcePoint] {
        var found: [SourcePoint] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_HEADING, cmark_node_get_heading_level(node) == level else { continue }
            found.append(SourcePoint(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))))
        }
        return found
    }

    /// Unlinks every raw HTML node and reports where it stood.
    private static func removeRawHTML(from document: OpaquePointer, source: String) -> [RawHTML] {
        var nodes: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE { nodes.append(node) }
        }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [RawHTML] = []
        for node in nodes {
            let line = Int(cmark_node_get_start_line(node))
            let byteColumn = Int(cmark_node_get_start_column(node))
            let text = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            found.append(RawHTML(line: line, column: characterColumn(byteColumn, in: lines, line: line),
                                 text: text.trimmingCharacters(in: .whitespacesAndNewlines)))
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        return found
    }

    /// cmark counts columns in bytes; editors count characters.
    private static func characterColumn(_ byteColumn: Int, in lines: [Substring], line: Int) -> Int {
        guard line >= 1, line <= lines.count, byteColumn >= 1 else { return max(byteColumn, 1) }
        let bytes = Array(lines[line - 1].utf8.prefix(byteColumn - 1))
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.count + 1
    }
}
