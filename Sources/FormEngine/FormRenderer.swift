import DocumentTree
import ODF
import RussianText
import Values

/// Fills a form's template with a record — or with lines to fill by hand when there is none —
/// and writes the result as HTML or ODT. Values enter the document tree as text after the
/// Markdown is parsed, so nothing in a value can change the document's structure.
public struct FormRenderer: Sendable {
    public let form: FormDefinition

    public init(form: FormDefinition) {
        self.form = form
    }

    /// The filled document; `record == nil` gives the blank form.
    public func document(_ record: FormRecord?) -> Document {
        let filler = Filler(values: record?.values, fields: form.allFields, paths: form.slotPaths)
        var document = form.template
        document.blocks = document.blocks.flatMap { filler.fill($0, bindings: [:]) }
        document.footnotes = document.footnotes.map { note in
            var note = note
            note.blocks = note.blocks.flatMap { filler.fill($0, bindings: [:]) }
            return note
        }
        return document
    }

    /// The XML parts of the ODT (`content.xml`, `styles.xml`, `meta.xml`): `nko` zips them, and
    /// so does the form's page.
    public func odtParts(_ record: FormRecord?, date: CalendarDate) -> [(path: String, xml: [UInt8])] {
        ODFParts.parts(document(record), metadata: metadata(date), landscape: form.landscape)
    }

    public func metadata(_ date: CalendarDate) -> ODFMetadata {
        ODFMetadata(title: form.title, subject: "Форма документа", description: form.description, creationDate: date)
    }

    /// A standalone page, printable on A4, that passes the HTML validator.
    public func html(_ record: FormRecord?) -> String {
        let document = document(record)
        // A page has one h1: forms whose title is a centred header block get it unseen.
        let titled = document.blocks.contains { if case let .heading(h) = $0 { return h.level == 1 } else { return false } }
        let heading = titled ? "" : "<h1 class=\"visually-hidden\">\(HTMLRenderer.escape(form.title))</h1>\n"
        return """
        <!DOCTYPE html>
        <html lang="ru">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLRenderer.escape(form.title))</title>
        <style>\(Self.css)\(form.landscape ? Self.landscapeCSS : "")</style>
        </head>
        <body>
        <main class="form-document">
        \(heading)\(HTMLRenderer.render(document, topLevel: titled ? 1 : 2))</main>
        </body>
        </html>

        """
    }

    static let landscapeCSS = """
    .form-document { max-width: 297mm; }
    @media print { @page { size: A4 landscape; } }

    """

    static let css = """

    body { margin: 0; background: #f3f3f3; color: #000; font: 14pt/1.4 "Liberation Serif", "Times New Roman", serif; }
    .form-document { box-sizing: border-box; max-width: 210mm; margin: 1rem auto; padding: 20mm 10mm 20mm 30mm; background: #fff; }
    h1, h2, h3, h4 { font-size: 1em; text-align: center; margin: 1em 0 .5em; }
    p { margin: 0 0 .5em; text-align: justify; }
    .align-center { text-align: center; } .align-right { text-align: right; }
    .stamp { margin-left: 55%; text-align: left; }
    .stamp p { text-align: left; }
    .header, .header p { text-align: center; }
    .signature { margin-top: 1.5em; display: flex; justify-content: space-between; align-items: flex-end; gap: 1em; }
    .signature__position { flex: 0 1 60%; margin: 0; text-align: left; }
    .signature__name { flex: 0 1 40%; margin: 0; text-align: right; }
    table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 12pt; }
    th, td { border: 1px solid #000; padding: .2em .4em; vertical-align: top; text-align: left; }
    th { font-weight: normal; text-align: center; }
    td:empty::after { content: "\\00a0"; }
    .table-scroll { overflow-x: auto; }
    .blank { display: inline-flex; flex-direction: column; vertical-align: baseline; max-width: 100%; margin: 0 .1em; text-align: center; text-indent: 0; }
    .blank--full { display: flex; width: 100%; margin: 0; }
    .blank__line { border-bottom: 1px solid #000; line-height: 1.15; }
    .blank__line::before { content: "\\00a0"; }
    .blank__line + .blank__line { margin-top: .3cm; }
    .blank__text { white-space: nowrap; font-size: 12pt; }
    .blank__caption { font-size: 9pt; line-height: 1.2; }
    .blank--room { display: block; min-height: 1.4em; margin: 0; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    @media (max-width: 40rem) { .form-document { padding: 1rem; } body { font-size: 12pt; } }
    @media print {
      @page { size: A4; margin: 20mm 10mm 20mm 30mm; }
      body { background: none; }
      .form-document { margin: 0; padding: 0; max-width: none; }
    }

    """
}

/// Replaces slots by values. `bindings` says which row of each repeated list is being filled.
package struct Filler {
    /// `{{blank|подпись}}`: a line always left to be filled by hand (signatures, seals).
    package static let handwritten = "blank"

    let values: [String: Value]?
    let fields: [Field]
    let paths: [String: FieldPath]

    /// `inContainer`: in a stamp, header or signature, whose lines are laid out as printed, a
    /// signature's line is never as wide as its place.
    func fill(_ block: Block, bindings: [String: Int], inContainer: Bool = false) -> [Block] {
        switch block {
        case .heading(var h):
            h.content = fill(h.content, bindings: bindings)
            return [.heading(h)]
        case .paragraph(var p):
            p.content = fill(p.content, bindings: bindings, alone: Self.isSlotOnly(p.content), inContainer: inContainer)
            return [.paragraph(p)]
        case .list(var l):
            l.items = l.items.map { $0.flatMap { fill($0, bindings: bindings, inContainer: inContainer) } }
            return [.list(l)]
        case .quote(let blocks):
            return [.quote(blocks.flatMap { fill($0, bindings: bindings, inContainer: inContainer) })]
        case .container(var c):
            // A filled model act keeps the chosen variant's text, without its name, and no guidance.
            if values != nil, c.kind == .guidance { return [] }
            if values != nil, c.choice != nil {
                guard isChosen(c) else { return [] }
                return c.blocks.dropFirst(c.startsWithTitle ? 1 : 0).flatMap { fill($0, bindings: bindings, inContainer: inContainer) }
            }
            c.blocks = c.blocks.flatMap { fill($0, bindings: bindings, inContainer: true) }
            return [.container(c)]
        case .table(let t):
            return [.table(fill(t))]
        case .code, .rule:
            return [block]
        }
    }

    /// `alone`: the slot is all there is in its paragraph or cell.
    func fill(_ inlines: [Inline], bindings: [String: Int], alone: Bool = false, inContainer: Bool = false) -> [Inline] {
        var filled: [Inline] = []
        for (index, inline) in inlines.enumerated() {
            var parts = fill(inline, bindings: bindings, alone: alone, inContainer: inContainer)
            // «… 1 января 2027 г.» ends a sentence once: a value's own full stop takes the text's.
            if case .slot = inline, case let .text(last)? = parts.last, last.hasSuffix("."),
               index + 1 < inlines.count, case let .text(next) = inlines[index + 1], next.hasPrefix(".") {
                parts.removeLast()
                parts.append(.text(String(last.dropLast())))
            }
            filled += parts
        }
        return filled
    }

    private func fill(_ inline: Inline, bindings: [String: Int], alone: Bool, inContainer: Bool) -> [Inline] {
        switch inline {
        case .slot(let slot): value(of: slot, bindings: bindings, alone: alone, inContainer: inContainer)
        case .emphasis(let c): [.emphasis(fill(c, bindings: bindings, alone: alone, inContainer: inContainer))]
        case .strong(let c): [.strong(fill(c, bindings: bindings, alone: alone, inContainer: inContainer))]
        case .strikethrough(let c): [.strikethrough(fill(c, bindings: bindings))]
        case .link(let url, let c): [.link(url: url, content: fill(c, bindings: bindings))]
        default: [inline]
        }
    }

    /// Whether the data chose this variant (`::: variant commission=1`).
    package func isChosen(_ container: Container) -> Bool {
        guard let choice = container.choice, let path = paths[choice.key] else { return false }
        if case let .choice(chosen)? = lookup(path, bindings: [:]) { return chosen.value == choice.value }
        return false
    }

    /// The slot's value as text (line breaks kept as breaks), or a blank line with its caption.
    func value(of slot: Slot, bindings: [String: Int], alone: Bool = false, inContainer: Bool = false) -> [Inline] {
        let place = (alone: alone, inContainer: inContainer)
        guard slot.key != Self.handwritten, let path = paths[slot.key] else { return blank(slot, path: nil, bindings: bindings, place) }
        if path.components.last?.name == "#", let list = path.repeatedList, let index = bindings[list.description] {
            return [.text(String(index + 1))]
        }
        guard let value = lookup(path, bindings: bindings) else {
            // An alternative not yet chosen reads as the model prints it: «государственной (муниципальной)».
            if slot.choices != nil { return [.text(slot.raw)] }
            return blank(slot, path: path, bindings: bindings, place)
        }
        if let choices = slot.choices {
            guard case let .choice(chosen) = value else { return [] }
            return choices.first { $0.value == chosen.value }.map { $0.text.isEmpty ? [] : [.text($0.text)] } ?? []
        }
        let text = value.text(.document(format: slot.grammaticalCase))
        guard text.utf8Contains("\n") else { return text.isEmpty ? [] : [.text(text)] }  // most values are one line
        var result: [Inline] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if n > 0 { result.append(.lineBreak) }
            if !line.isEmpty { result.append(.text(String(line))) }
        }
        return result
    }

    /// A line to fill by hand, as long as the field's type needs, with the slot's caption under
    /// it; a caption with underscores is the printed blank itself: «__» ________ 20__ г.
    private func blank(_ slot: Slot, path: FieldPath?, bindings: [String: Int], _ place: (alone: Bool, inContainer: Bool)) -> [Inline] {
        let caption = String(slot.raw.trimmingSpaces)
        if caption.contains("_") { return [.text(caption)] }
        let field = path.flatMap { (try? PathScope.resolve($0, in: fields).get()) ?? nil }
        // The name as the data has it, with the row: `estimate[2].direction`.
        let name = path.map { path in
            path.components.indices.map { n -> String in
                let component = path.components[n]
                guard component.each else { return component.name }
                let list = FieldPath(components: Array(path.components[...n])).description
                return component.name + (bindings[list].map { "[\($0 + 1)]" } ?? "[]")
            }.joined(separator: ".")
        }
        return [.blank(BlankLines.blank(for: field, format: slot.grammaticalCase, caption: caption.isEmpty ? nil : caption,
                                        name: name, alone: place.alone, inContainer: place.inContainer))]
    }

    package func lookup(_ path: FieldPath, bindings: [String: Int]) -> Value? {
        guard let values else { return nil }
        // The entries of the last object reached (the record itself until one is): the first of
        // a name counts, as in `FormData.dictionary`, found without building a dictionary per slot.
        var object: [Value.Entry]?
        var value: Value?
        for (n, component) in path.components.enumerated() {
            value = object.map { $0.first { $0.name == component.name }?.value } ?? values[component.name]
            if component.each {
                let prefix = FieldPath(components: Array(path.components[...n])).description
                guard case let .list(items)? = value, let index = bindings[prefix], index < items.count else { return nil }
                value = items[index]
            }
            if case let .object(inner)? = value { object = inner }
        }
        if case .string(let s)? = value, s.trimmingWhitespace.isEmpty { return nil }
        return value
    }

    /// How many rows (or columns) a repeated list gets: its rows, or for a blank the field's `blank_items`.
    private func count(_ list: FieldPath) -> Int {
        if case let .list(items)? = lookup(list.withoutLastEach, bindings: [:]), !items.isEmpty { return items.count }
        let field = (try? PathScope.resolve(list.withoutLastEach, in: fields).get()) ?? nil
        return field?.blankItems ?? max(field?.minItems ?? 0, 3)
    }

    private func fill(_ table: Table) -> Table {
        var table = table
        if Self.isLabelAnswer(table) { table.widths = Self.labelAnswerWidths }
        // Columns first: a header cell naming a list repeats its column for each element.
        if let h = table.rows.firstIndex(where: { $0.kind == .header }),
           table.rows.allSatisfy({ $0.cells.count == table.rows[h].cells.count }),
           let column = table.rows[h].cells.firstIndex(where: { !TableExpansion.slots(in: $0).isEmpty }),
           let list = TableExpansion.slots(in: table.rows[h].cells[column]).compactMap({ paths[$0.key]?.repeatedList }).first {
            let n = count(list)
            let heading = table.rows[h].cells[column]
            table.columns.replaceSubrange(column...column, with: Array(repeating: table.columns[column], count: n))
            for r in table.rows.indices {
                let original = r == h ? TableExpansion.slotsOnly(heading) : table.rows[r].cells[column]
                let copies = (0..<n).map { fill(original, bindings: [list.description: $0]) }
                table.rows[r].cells.replaceSubrange(column...column, with: copies)
            }
            // The heading's words head all the repeated columns at once, as printed forms have it:
            // «Оценки членов Комиссии в баллах» over the members' columns, their numbers below.
            let label = TableExpansion.withoutSlots(heading)
            if !label.content.allSatisfy({ $0.plainText.isBlank }) {
                var top = table.rows[h]
                top.cells = table.rows[h].cells.enumerated().compactMap { index, cell in
                    if index == column { return TableCell(label.content, columnSpan: n) }
                    if index > column && index < column + n { return nil }
                    var cell = cell
                    cell.rowSpan = 2
                    return cell
                }
                var bottom = table.rows[h]
                bottom.cells = Array(table.rows[h].cells[column..<(column + n)])
                table.rows.replaceSubrange(h...h, with: [top, bottom])
            }
        }
        // Then rows: a row whose cells name a list repeats for each of its rows.
        table.rows = table.rows.flatMap { row -> [TableRow] in
            guard row.kind != .header,
                  let list = TableExpansion.slots(in: row).compactMap({ paths[$0.key]?.repeatedList }).first else {
                return [fillCells(row, bindings: [:])]
            }
            return (0..<count(list)).map { fillCells(row, bindings: [list.description: $0]) }
        }
        return table
    }

    private func fillCells(_ row: TableRow, bindings: [String: Int]) -> TableRow {
        var row = row
        row.cells = row.cells.map { fill($0, bindings: bindings) }
        return row
    }

    /// A cell's slots filled; a cell that is only a blank is the place to write in, as wide and
    /// as tall as its field needs.
    private func fill(_ cell: TableCell, bindings: [String: Int]) -> TableCell {
        var cell = cell
        cell.content = cell.content.map { fill($0, bindings: bindings, alone: Self.isSlotOnly($0)) }
        return cell
    }
}

extension Filler {
    /// Only a slot, perhaps in bold, between spaces: `**{{total}}**`.
    static func isSlotOnly(_ inlines: [Inline]) -> Bool {
        var slots = 0
        for inline in inlines {
            switch inline {
            case .slot: slots += 1
            case .strong(let c), .emphasis(let c):
                guard isSlotOnly(c) else { return false }
                slots += 1
            case .text(let s) where s.allSatisfy({ $0.isWhitespace }): continue
            case .softBreak: continue
            default: return false
            }
        }
        return slots == 1
    }

    /// A label/answer table of a form: two columns, in every body row a label and a slot for the
    /// answer. Its answers get half the width (at least 45 % is asked for), whether a blank
    /// leaves them empty or not.
    static func isLabelAnswer(_ table: Table) -> Bool {
        let body = table.rows.filter { $0.kind == .body }
        return table.columns.count == 2 && !body.isEmpty && body.allSatisfy { row in
            row.cells.count == 2 && row.cells.allSatisfy { $0.columnSpan == 1 && $0.rowSpan == 1 }
                && TableExpansion.slots(in: row.cells[0]).isEmpty && !row.cells[0].content.allSatisfy({ $0.plainText.isBlank })
                && row.cells[1].content.count == 1 && isSlotOnly(row.cells[1].content[0])
        }
    }

    static let labelAnswerWidths = [50, 50]
}

package enum TableExpansion {
    package static func slots(in row: TableRow) -> [Slot] { row.cells.flatMap(slots(in:)) }

    /// The cell with only its slots / only its words.
    package static func slotsOnly(_ cell: TableCell) -> TableCell {
        var cell = cell
        cell.content = cell.content.map { $0.filter { if case .slot = $0 { return true } else { return false } } }
        return cell
    }

    package static func withoutSlots(_ cell: TableCell) -> TableCell {
        var cell = cell
        cell.content = cell.content.map { $0.filter { if case .slot = $0 { return false } else { return true } } }
        return cell
    }

    package static func slots(in cell: TableCell) -> [Slot] {
        cell.content.flatMap { $0.flatMap(slots(in:)) }
    }

    private static func slots(in inline: Inline) -> [Slot] {
        switch inline {
        case .slot(let s): return [s]
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c): return c.flatMap(slots(in:))
        default: return []
        }
    }
}

private extension String {
    var isBlank: Bool { trimmingSpaces.isEmpty }
}

extension FieldPath {
    /// `estimate[]` → `estimate`: the list field itself.
    package var withoutLastEach: FieldPath {
        var copy = self
        copy.components[copy.components.count - 1].each = false
        return copy
    }
}
