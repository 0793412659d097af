import DocumentTree

/// Writes the body of `content.xml` (the children of `office:text`) from a document tree, with
/// the automatic styles it needed on the way.
struct ContentRenderer {
    let document: Document
    /// Makes a relative link absolute (against the page's address on the portal), so that it
    /// does not point next to the downloaded file; nil leaves links as written.
    let resolveLink: (@Sendable (String) -> String?)?

    var out = XMLOutput()
    var styles = AutomaticStyles()

    /// Lists being written, outermost first, with the element of their current item.
    var openLists: [OpenList] = []
    /// Anchors of blocks that have no paragraph of their own (containers): they go into the
    /// next paragraph as bookmarks.
    var pendingBookmarks: [String] = []
    /// An appendix starts a new page: the next paragraph or table carries the break.
    var pendingPageBreak = false
    var writtenBookmarks: Set<String> = []
    var writtenNotes: Set<Int> = []
    var inNote = false
    var inLink = false
    /// Whether the last character written in the paragraph was white space (see `text(_:)`).
    var afterSpace = true
    var tableCount = 0
    /// The width of the place being written (the text, a cell, a stamp): a blank's frame is never wider.
    var placeWidthCM: Double
    /// What each footnote is cited as: the source's own numbers when they all are numbers and
    /// differ (notes 9–21 of a later appendix), else 1, 2, 3 … — the same rule as the site's.
    let markers: [String]

    struct OpenList {
        var style: String
        /// `text:list-item`, or `text:list-header` for the rest of an item after a table.
        var element: String
    }

    init(document: Document, resolveLink: (@Sendable (String) -> String?)?, textWidthCM: Double = StylesPart.textWidthCM) {
        styles.textWidthCM = textWidthCM
        placeWidthCM = textWidthCM
        self.document = document
        self.resolveLink = resolveLink
        let labels = document.footnotes.map { $0.label }
        let numeric = labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isNumber } } && Set(labels).count == labels.count
        markers = numeric ? labels : document.footnotes.indices.map { String($0 + 1) }
    }

    mutating func render() {
        blocks(document.blocks, style: StyleName.body)
        // Anchors of a trailing empty container still get their bookmark.
        if !pendingBookmarks.isEmpty {
            open("text:p", style: StyleName.standard)
            out += "</text:p>\n"
        }
    }

    // MARK: Blocks

    /// Writes blocks; `style` is the paragraph style of the place (body, a stamp, a list item …).
    mutating func blocks(_ blocks: [Block], style: String) {
        for block in blocks { self.block(block, style: style) }
    }

    mutating func block(_ block: Block, style: String) {
        switch block {
        case .heading(let heading):
            let level = min(max(heading.level, 1), 6)
            if let anchor = heading.anchor { pendingBookmarks.append(anchor) }
            open("text:h", style: StyleName.heading(level), attributes: " text:outline-level=\"\(level)\"")
            inlines(heading.content)
            out += "</text:h>\n"
        case .paragraph(let paragraph):
            if let anchor = paragraph.anchor { pendingBookmarks.append(anchor) }
            // Lines across the text; in a stamp or a header, whose paragraphs have their own
            // margins, the frame (as wide as the place) keeps them.
            if let blank = paragraph.content.loneBlank, blank.width == nil,
               [StyleName.body, StyleName.listItem, StyleName.standard, StyleName.footnote].contains(style) {
                blankBlock(blank)
                out += "\n"
                return
            }
            let own = paragraph.role == .amendment && !inNote ? StyleName.amendment : style
            // LibreOffice stretches a justified line that ends in a line break: lines of blanks
            // («наименование — ____», then the next) end early on purpose and stay flush left.
            let justified = [StyleName.body, StyleName.listItem, StyleName.quotation, StyleName.footnote].contains(own)
            let alignment = paragraph.alignment
                ?? (justified && paragraph.content.contains(.lineBreak) && Self.hasBlank(paragraph.content) ? .left : nil)
            open("text:p", style: own, alignment: alignment)
            inlines(paragraph.content)
            out += "</text:p>\n"
        case .list(let list):
            self.list(list)
        case .table(let table):
            self.table(table)
        case .quote(let blocks):
            within(width: placeWidthCM - 2) { $0.blocks(blocks, style: StyleName.quotation) }
        case .code(let code):
            open("text:p", style: StyleName.code)
            text(code.hasSuffix("\n") ? String(code.dropLast()) : code)
            out += "</text:p>\n"
        case .rule:
            open("text:p", style: StyleName.rule)
            out += "</text:p>\n"
        case .container(let container):
            self.container(container, style: style)
        }
    }

    /// Opens a paragraph or heading. A pending page break goes into its style, pending anchors
    /// into its start as bookmarks (one per name: a second one would be renamed by the reader).
    mutating func open(_ element: String, style: String, alignment: Alignment? = nil, attributes: String = "") {
        let name = styles.paragraph(style, alignment: alignment, pageBreak: takePageBreak())
        out += "<\(element) text:style-name=\"\(name)\"\(attributes)>"
        afterSpace = true
        for anchor in pendingBookmarks where !writtenBookmarks.contains(anchor) {
            writtenBookmarks.insert(anchor)
            out += "<text:bookmark text:name=\"\(XMLEscaping.attribute(anchor))\"/>"
        }
        pendingBookmarks = []
    }

    mutating func takePageBreak() -> Bool {
        defer { pendingPageBreak = false }
        return pendingPageBreak
    }

    /// A Markdown list with its own numbers or bullets; an ordered list may start at any number.
    mutating func list(_ list: List) {
        let style = list.ordered ? StyleName.numberedList : StyleName.bulletList
        out += "<text:list text:style-name=\"\(style)\">\n"
        for (index, item) in list.items.enumerated() {
            let start = list.ordered && index == 0 && list.start != 1 ? " text:start-value=\"\(max(list.start, 0))\"" : ""
            out += "<text:list-item\(start)>\n"
            openLists.append(OpenList(style: style, element: "text:list-item"))
            // The list style indents each level's text by 0.75 cm more, from 1.25 cm.
            within(width: placeWidthCM - (openLists.count == 1 ? 1.25 : 0.75)) { $0.blocks(item, style: StyleName.listItem) }
            out += "</\(openLists.removeLast().element)>\n"
        }
        out += "</text:list>\n"
    }

    /// ODF list items hold only paragraphs, headings and lists. Before a table the open lists
    /// close; after it they go on (numbering continues) with the rest of the item unnumbered.
    mutating func leaveLists() -> [OpenList] {
        let lists = openLists
        for list in lists.reversed() { out += "</\(list.element)>\n</text:list>\n" }
        openLists = []
        return lists
    }

    mutating func reenterLists(_ lists: [OpenList]) {
        for list in lists {
            out += "<text:list text:style-name=\"\(list.style)\" text:continue-numbering=\"true\">\n<text:list-header>\n"
        }
        openLists = lists.map { OpenList(style: $0.style, element: "text:list-header") }
    }
}
