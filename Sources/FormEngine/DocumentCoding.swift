import DocumentTree
import Values

/// A form's template as JSON: the portal parses the Markdown (cmark-gfm) when it builds, and the
/// page's engine reads the tree back. Text inlines are bare strings, the rest objects keyed by kind.
enum DocumentCoding {
    static func json(_ document: Document) -> JSON {
        .object([
            ("blocks", .array(document.blocks.map(json))),
            ("notes", .array(document.footnotes.map { .object([("label", .string($0.label)), ("blocks", .array($0.blocks.map(json)))]) })),
        ])
    }

    static func document(_ tree: DataTree) throws(DefinitionError) -> Document {
        var notes: [Footnote] = []
        for note in try tree.array("notes") {
            notes.append(Footnote(label: try note.string("label"), blocks: try blocks(note.array("blocks"))))
        }
        return Document(blocks: try blocks(tree.array("blocks")), footnotes: notes)
    }

    // MARK: Blocks

    private static func json(_ block: Block) -> JSON {
        switch block {
        case .heading(let h):
            return .object([("h", .number(h.level)), ("c", json(h.content)), ("a", h.anchor.map(JSON.string)), ("l", .number(h.line))])
        case .paragraph(let p):
            return .object([("p", json(p.content)), ("al", p.alignment.map { .string($0.rawValue) }),
                            ("r", p.role == .body ? nil : .string(p.role.rawValue)), ("a", p.anchor.map(JSON.string)),
                            ("l", .number(p.line))])
        case .list(let l):
            return .object([("list", .array(l.items.map { .array($0.map(json)) })), ("o", .bool(l.ordered)), ("s", .number(l.start))])
        case .table(let t):
            return .object([("table", .array(t.rows.map(json))), ("cols", .array(t.columns.map { .string($0?.rawValue ?? "") })),
                            ("widths", t.widths.map { .array($0.map(JSON.number)) })])
        case .quote(let blocks):
            return .object([("quote", .array(blocks.map(json)))])
        case .code(let text):
            return .object([("code", .string(text))])
        case .rule:
            return .object([("rule", .bool(true))])
        case .container(let c):
            return .object([("box", .string(c.kind.rawValue)), ("arg", c.argument.map(JSON.string)),
                            ("b", .array(c.blocks.map(json))), ("a", c.anchor.map(JSON.string)), ("l", .number(c.line))])
        }
    }

    private static func json(_ row: TableRow) -> JSON {
        .object([
            ("k", .string(row.kind.rawValue)),
            ("cells", .array(row.cells.map { cell in
                .object([("c", .array(cell.content.map(json))),
                         ("cs", cell.columnSpan == 1 ? nil : .number(cell.columnSpan)),
                         ("rs", cell.rowSpan == 1 ? nil : .number(cell.rowSpan))])
            })),
            ("a", row.anchor.map(JSON.string)),
        ])
    }

    private static func blocks(_ trees: [DataTree]) throws(DefinitionError) -> [Block] {
        var result: [Block] = []
        for tree in trees { result.append(try block(tree)) }
        return result
    }

    private static func block(_ tree: DataTree) throws(DefinitionError) -> Block {
        let anchor = try tree.optionalString("a")
        if let level = tree.value("h") {
            return .heading(Heading(level: try level.asInt(), content: try inlines(tree.required("c")), anchor: anchor,
                                    line: try tree.int("l")))
        }
        if let content = tree.value("p") {
            guard let role = ParagraphRole(rawValue: try tree.optionalString("r") ?? "body") else { throw bad(tree) }
            return .paragraph(Paragraph(content: try inlines(content), alignment: try alignment(tree.optionalString("al")),
                                        role: role, anchor: anchor, line: try tree.int("l")))
        }
        if let items = tree.value("list") {
            var lists: [[Block]] = []
            for item in try items.asArray() { lists.append(try blocks(item.asArray())) }
            return .list(List(ordered: tree.bool("o"), start: try tree.int("s"), items: lists))
        }
        if let rows = tree.value("table") {
            var columns: [Alignment?] = []
            for column in try tree.array("cols") { columns.append(try alignment(column.asString())) }
            var tableRows: [TableRow] = []
            for row in try rows.asArray() { tableRows.append(try self.row(row)) }
            var widths: [Int]?
            if let shares = tree.value("widths") {
                widths = []
                for share in try shares.asArray() { widths?.append(try share.asInt()) }
            }
            return .table(Table(columns: columns, rows: tableRows, widths: widths))
        }
        if let quoted = tree.value("quote") { return .quote(try blocks(quoted.asArray())) }
        if let code = tree.value("code") { return .code(try code.asString()) }
        if tree.value("rule") != nil { return .rule }
        if let kind = tree.value("box") {
            guard let kind = ContainerKind(rawValue: try kind.asString()) else { throw bad(tree) }
            return .container(Container(kind: kind, argument: try tree.optionalString("arg"), blocks: try blocks(tree.array("b")),
                                        anchor: anchor, line: try tree.int("l")))
        }
        throw bad(tree)
    }

    private static func row(_ tree: DataTree) throws(DefinitionError) -> TableRow {
        guard let kind = TableRow.Kind(rawValue: try tree.string("k")) else { throw bad(tree) }
        var cells: [TableCell] = []
        for cell in try tree.array("cells") {
            var content: [[Inline]] = []
            for paragraph in try cell.array("c") { content.append(try inlines(paragraph)) }
            cells.append(TableCell(content, columnSpan: try cell.value("cs")?.asInt() ?? 1, rowSpan: try cell.value("rs")?.asInt() ?? 1))
        }
        return TableRow(kind: kind, cells: cells, anchor: try tree.optionalString("a"))
    }

    private static func alignment(_ text: String?) throws(DefinitionError) -> Alignment? {
        guard let text, !text.isEmpty else { return nil }
        guard let alignment = Alignment(rawValue: text) else { throw DefinitionError(message: "alignment «\(text)»") }
        return alignment
    }

    // MARK: Inlines

    private static func json(_ inlines: [Inline]) -> JSON { .array(inlines.map(json)) }

    private static func json(_ inline: Inline) -> JSON {
        switch inline {
        case .text(let s): return .string(s)
        case .emphasis(let c): return .object([("em", json(c))])
        case .strong(let c): return .object([("b", json(c))])
        case .strikethrough(let c): return .object([("s", json(c))])
        case .code(let s): return .object([("code", .string(s))])
        case .link(let url, let c): return .object([("link", .string(url)), ("c", json(c))])
        case .footnote(let n): return .object([("fn", .number(n))])
        case .lineBreak: return .object([("br", .bool(true))])
        case .softBreak: return .object([("sb", .bool(true))])
        case .slot(let s):
            return .object([("slot", .string(s.key)), ("case", s.grammaticalCase.map(JSON.string)), ("raw", .string(s.raw)),
                            ("l", .number(s.line)), ("col", .number(s.column))])
        // Templates hold slots, not blanks (the filler makes them); a width keeps a micrometre.
        case .blank(let b):
            return .object([("blank", .bool(true)), ("cap", b.caption.map(JSON.string)),
                            ("w", b.width.map { .number(Int(($0 * 10_000).rounded())) }), ("lines", .number(b.lines)),
                            ("pat", b.pattern.map(JSON.string)), ("name", b.name.map(JSON.string))])
        }
    }

    private static func inlines(_ tree: DataTree) throws(DefinitionError) -> [Inline] {
        var result: [Inline] = []
        for item in try tree.asArray() { result.append(try inline(item)) }
        return result
    }

    private static func inline(_ tree: DataTree) throws(DefinitionError) -> Inline {
        if case .scalar = tree.content { return .text(try tree.asString()) }
        if let c = tree.value("em") { return .emphasis(try inlines(c)) }
        if let c = tree.value("b") { return .strong(try inlines(c)) }
        if let c = tree.value("s") { return .strikethrough(try inlines(c)) }
        if let code = tree.value("code") { return .code(try code.asString()) }
        if let url = tree.value("link") { return .link(url: try url.asString(), content: try inlines(tree.required("c"))) }
        if let n = tree.value("fn") { return .footnote(try n.asInt()) }
        if tree.value("br") != nil { return .lineBreak }
        if tree.value("sb") != nil { return .softBreak }
        if let key = tree.value("slot") {
            return .slot(Slot(key: try key.asString(), grammaticalCase: try tree.optionalString("case"), raw: try tree.string("raw"),
                              line: try tree.int("l"), column: try tree.int("col")))
        }
        if tree.value("blank") != nil {
            var width: Double?
            if let micrometres = tree.value("w") { width = Double(try micrometres.asInt()) / 10_000 }
            return .blank(Blank(caption: try tree.optionalString("cap"), width: width, lines: try tree.int("lines"),
                                pattern: try tree.optionalString("pat"), name: try tree.optionalString("name")))
        }
        throw bad(tree)
    }

    private static func bad(_ tree: DataTree) -> DefinitionError {
        DefinitionError(message: "unknown node at \(tree.line):\(tree.column)")
    }
}
