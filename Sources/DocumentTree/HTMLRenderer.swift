import RussianText

/// Renders a document tree to accessible HTML: tables scroll in their own region on a phone,
/// footnotes are linked both ways with Russian labels, legal containers are laid out as on paper.
public struct HTMLRenderer {
    /// `topLevel`: the level of the document's outermost headings — 2 on a page whose title is its
    /// h1, 1 where the document's own title is the page's.
    public static func render(_ document: Document, topLevel: Int = 2) -> String {
        var renderer = HTMLRenderer(footnotes: document.footnotes, topLevel: topLevel)
        return renderer.render(document)
    }

    /// Labels shown for the footnotes: the source's own numbers where it has them (⁹–²¹ of a later appendix).
    private let markers: [String]
    /// How often each footnote was referenced so far: later references get their own ids.
    private var referenceCounts: [Int: Int] = [:]
    /// The headings open around the current place: their level in the source and as printed. A
    /// heading is printed one level below the nearest open heading of a higher source level, so
    /// that no level is skipped (WCAG 1.3.1) whatever levels the source uses: a law whose articles
    /// (####) sit right under its title (##) gets h3 for them.
    private var openHeadings: [(source: Int, printed: Int)] = []
    private let topLevel: Int
    /// Tables so far: each scrolling region is named by its number, «Таблица 2».
    private var tableCount = 0

    private init(footnotes: [Footnote], topLevel: Int) {
        self.topLevel = topLevel
        let labels = footnotes.map { $0.label }
        let numeric = labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isNumber } } && Set(labels).count == labels.count
        markers = numeric ? labels : footnotes.indices.map { String($0 + 1) }
    }

    private mutating func render(_ document: Document) -> String {
        var out = ""
        for block in document.blocks { render(block, into: &out) }
        if !document.footnotes.isEmpty {
            out += "<section class=\"footnotes\" data-footnotes>\n<h2 class=\"visually-hidden\">Примечания</h2>\n<ol>\n"
            for (index, note) in document.footnotes.enumerated() {
                let n = index + 1
                out += "<li id=\"fn-\(n)\">\n<span class=\"footnote-number\">\(markers[index]).</span>\n"
                var body = ""
                for block in note.blocks { render(block, into: &body) }
                let back = " <a href=\"#fnref-\(n)\" class=\"footnote-backref\" aria-label=\"Вернуться к тексту\">↩</a>"
                // The way back goes at the end of the note's last paragraph.
                if body.hasSuffix("</p>\n") {
                    body.removeLast("</p>\n".count)
                    body += back + "</p>\n"
                } else {
                    body += "<p>" + back + "</p>\n"
                }
                out += body + "</li>\n"
            }
            out += "</ol>\n</section>\n"
        }
        return out
    }

    mutating func render(_ block: Block, into out: inout String) {
        switch block {
        case .heading(let h):
            while let last = openHeadings.last, last.source >= h.level { openHeadings.removeLast() }
            let level = min((openHeadings.last?.printed ?? topLevel - 1) + 1, 6)
            openHeadings.append((h.level, level))
            out += "<h\(level)\(Self.id(h.anchor))>" + inlines(h.content) + "</h\(level)>\n"
        case .paragraph(let p):
            var classes: [String] = []
            if p.role == .amendment { classes.append("amendment") }
            if let alignment = p.alignment, alignment != .left { classes.append("align-\(alignment.rawValue)") }
            let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
            out += "<p\(Self.id(p.anchor))\(cls)>" + inlines(p.content) + "</p>\n"
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            let start = list.ordered && list.start != 1 ? " start=\"\(list.start)\"" : ""
            out += "<\(tag)\(start)>\n"
            for item in list.items {
                out += "<li>"
                // A tight item of one paragraph reads better without the <p>.
                if item.count == 1, case let .paragraph(p) = item[0], p.anchor == nil {
                    out += inlines(p.content)
                } else {
                    out += "\n"
                    for block in item { render(block, into: &out) }
                }
                out += "</li>\n"
            }
            out += "</\(tag)>\n"
        case .table(let table):
            render(table, into: &out)
        case .quote(let blocks):
            out += "<blockquote>\n"
            for block in blocks { render(block, into: &out) }
            out += "</blockquote>\n"
        case .code(let code):
            out += "<pre><code>" + Self.escape(code) + "</code></pre>\n"
        case .rule:
            out += "<hr>\n"
        case .container(let c):
            render(c, into: &out)
        }
    }

    mutating func render(_ table: Table, into out: inout String) {
        tableCount += 1
        out += "<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица \(tableCount)\" tabindex=\"0\"><table>\n"
        if let widths = table.widths(columns: table.columns.count) {
            out += "<colgroup>" + widths.map { "<col style=\"width: \($0)%\">" }.joined() + "</colgroup>\n"
        }
        let header = table.rows.filter { $0.kind == .header }
        let body = table.rows.filter { $0.kind != .header }
        if !header.isEmpty {
            out += "<thead>\n"
            for row in header { render(row, columns: table.columns, cellTag: "th", into: &out) }
            out += "</thead>\n"
        }
        if !body.isEmpty {
            out += "<tbody>\n"
            for row in body { render(row, columns: table.columns, cellTag: row.kind == .section ? "th" : "td", into: &out) }
            out += "</tbody>\n"
        }
        out += "</table></div>\n"
    }

    private mutating func render(_ row: TableRow, columns: [Alignment?], cellTag: String, into out: inout String) {
        let id = row.anchor.map { " id=\"\(Self.escape($0))\"" } ?? ""
        out += row.kind == .section ? "<tr\(id) class=\"table-section\">\n" : "<tr\(id)>\n"
        var column = 0
        for cell in row.cells {
            // An empty cell of a header row heads nothing: a data cell, not an empty header.
            let tag = cellTag == "th" && row.kind == .header && cell.isEmpty ? "td" : cellTag
            var attributes = ""
            if cell.columnSpan > 1 { attributes += " colspan=\"\(cell.columnSpan)\"" }
            if cell.rowSpan > 1 { attributes += " rowspan=\"\(cell.rowSpan)\"" }
            if row.kind == .section { attributes += " scope=\"colgroup\"" } else if tag == "th" { attributes += " scope=\"col\"" }
            if column < columns.count, let alignment = columns[column], alignment != .left {
                attributes += " style=\"text-align: \(alignment.rawValue)\""
            }
            var paragraphs: [String] = []
            for p in cell.content {
                // A cell that is only a blank is the place to write in: no line across it.
                if let blank = p.loneBlank, blank.caption == nil, blank.pattern == nil {
                    paragraphs.append(Self.room(blank))
                } else {
                    paragraphs.append(inlines(p))
                }
            }
            out += "<\(tag)\(attributes)>" + paragraphs.joined(separator: "<br>") + "</\(tag)>\n"
            column += cell.columnSpan
        }
        out += "</tr>\n"
    }

    private mutating func render(_ c: Container, into out: inout String) {
        switch c.kind {
        case .signature:
            // Position on the left, the name on the right, as signed on paper.
            out += "<div class=\"signature\">\n"
            var lines: [[Inline]] = []
            for block in c.blocks {
                if case let .paragraph(p) = block { lines += Self.split(p.content) }
            }
            if let name = lines.popLast() {
                var position: [String] = []
                for line in lines { position.append(inlines(line)) }
                out += "<p class=\"signature__position\">" + position.joined(separator: "<br>") + "</p>\n"
                out += "<p class=\"signature__name\">" + inlines(name) + "</p>\n"
            }
            out += "</div>\n"
        case .appendix:
            out += "<section class=\"appendix\"\(Self.id(c.anchor))>\n"
            for block in c.blocks { render(block, into: &out) }
            out += "</section>\n"
        case .variant:
            out += "<div class=\"variant\"\(Self.id(c.anchor))>\n"
            if c.printsTitle, let title = c.title {
                out += "<p class=\"variant__title\">" + Self.escape(title) + "</p>\n"
            }
            for block in c.blocks { render(block, into: &out) }
            out += "</div>\n"
        default:
            // header, stamp, stamps: the lines as printed, in a block styled by its kind.
            out += "<div class=\"\(c.kind.rawValue)\"\(Self.id(c.anchor))>\n"
            for block in c.blocks { render(block, into: &out) }
            out += "</div>\n"
        }
    }

    /// Splits a paragraph at hard line breaks.
    static func split(_ content: [Inline]) -> [[Inline]] {
        var lines: [[Inline]] = [[]]
        for inline in content {
            if inline == .lineBreak { lines.append([]) } else { lines[lines.count - 1].append(inline) }
        }
        return lines.filter { !$0.isEmpty }
    }

    mutating func inlines(_ content: [Inline]) -> String {
        var out = ""
        for item in content { out += inline(item) }
        return out
    }

    private mutating func inline(_ inline: Inline) -> String {
        switch inline {
        case .text(let s): return Self.escape(s)
        case .emphasis(let c): return "<em>" + inlines(c) + "</em>"
        case .strong(let c): return "<strong>" + inlines(c) + "</strong>"
        case .strikethrough(let c): return "<del>" + inlines(c) + "</del>"
        case .code(let s): return "<code>" + Self.escape(s) + "</code>"
        case .link(let url, let c):
            guard Self.isSafe(url) else { return inlines(c) }
            return "<a href=\"" + Self.escape(url) + "\">" + inlines(c) + "</a>"
        case .footnote(let n):
            let count = referenceCounts[n, default: 0] + 1
            referenceCounts[n] = count
            let id = count == 1 ? "fnref-\(n)" : "fnref-\(n)-\(count)"
            let marker = n <= markers.count ? markers[n - 1] : String(n)
            return "<sup class=\"footnote-ref\"><a href=\"#fn-\(n)\" id=\"\(id)\" aria-label=\"Примечание \(marker)\">\(marker)</a></sup>"
        case .lineBreak: return "<br>\n"
        case .softBreak: return "\n"
        case .slot(let slot):
            var attributes = " data-slot=\"\(Self.escape(slot.key))\""
            if let c = slot.grammaticalCase { attributes += " data-case=\"\(Self.escape(c))\"" }
            if let caption = slot.caption { attributes += " title=\"\(Self.escape(caption))\"" }
            return "<span class=\"slot\"\(attributes)>" + Self.escape(slot.raw) + "</span>"
        case .blank(let blank):
            return Self.blank(blank)
        }
    }

    /// A line to fill in, as long as the blank says (never wider than its place), its caption
    /// centred under it in small type. The line is drawn for print; a screen reader hears what
    /// goes there.
    static func blank(_ blank: Blank) -> String {
        var out = "<span class=\"blank\(blank.width == nil ? " blank--full" : "")\"" + name(blank)
        // min(): a table cell lays its columns out as if the line had no length of its own.
        if let width = blank.width { out += " style=\"width: min(\(centimetres(width)), 100%)\"" }
        out += ">"
        if let pattern = blank.pattern {
            out += "<span class=\"blank__text\" aria-hidden=\"true\">" + escape(pattern) + "</span>"
        } else {
            out += String(repeating: "<span class=\"blank__line\" aria-hidden=\"true\"></span>", count: blank.lines)
        }
        if let caption = blank.caption {
            out += "<span class=\"blank__caption\">(" + escape(caption) + ")</span>"
        } else {
            out += "<span class=\"visually-hidden\">(не заполнено)</span>"
        }
        return out + "</span>"
    }

    /// A cell to write in: empty, as tall as the blank's lines.
    static func room(_ blank: Blank) -> String {
        let height = blank.lines > 1 ? " style=\"min-height: \(FixedPoint.text(1.4 * Double(blank.lines), places: 1))em\"" : ""
        return "<span class=\"blank blank--room\"" + name(blank) + height + "></span>"
    }

    private static func name(_ blank: Blank) -> String {
        blank.name.map { " data-field=\"" + escape($0) + "\"" } ?? ""
    }

    private static func centimetres(_ value: Double) -> String {
        FixedPoint.text(value, places: 2) + "cm"
    }

    /// Links that can run code or reach the local machine never become links.
    static func isSafe(_ url: String) -> Bool {
        let lower = String(url.lowercased().trimmingSpaces)
        guard let colon = lower.firstIndex(of: ":"),
              !lower[..<colon].contains("/"), !lower[..<colon].contains("?"), !lower[..<colon].contains("#") else {
            return true  // relative: a path or a fragment
        }
        return ["http", "https", "mailto", "tel"].contains(String(lower[..<colon]))
    }

    private static func id(_ anchor: String?) -> String {
        anchor.map { " id=\"\(Self.escape($0))\"" } ?? ""
    }

    private static let htmlSpecial = ASCIIBytes(0x26, 0x3C, 0x3E, 0x22)  // & < > "
    private static let apostrophe = ASCIIBytes(0x27)

    /// Text as HTML: `&`, `<`, `>` and `"` escaped (attributes are always double-quoted), and `'`
    /// as `&#39;` when asked (templates escape it, as Mustache does).
    public static func escape(_ text: String, apostrophe escapesApostrophe: Bool = false) -> String {
        // Most texts have none of the characters: those are returned as they are, not copied.
        guard htmlSpecial.occurs(in: text) || escapesApostrophe && apostrophe.occurs(in: text) else { return text }
        // Byte by byte: the four characters are ASCII, and UTF-8 never uses ASCII bytes inside
        // another character, so everything else is copied as it is.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case UInt8(ascii: "<"): out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case UInt8(ascii: ">"): out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case UInt8(ascii: "\""): out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            case UInt8(ascii: "'") where escapesApostrophe: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
