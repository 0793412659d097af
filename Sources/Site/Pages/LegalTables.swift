import Content
import Markup

/// Structured tables of regulations (front-matter data) as document tables, shown where the
/// text says `::: table NAME`.
enum LegalTables {
    /// The table a `::: table NAME` container stands for, or nil when the item has no such data.
    static func table(named name: String, of item: Item, schema: Schema) -> Table? {
        guard case let .list(rows)? = item.values[name], let field = schema.field(named: name) else { return nil }
        switch field.role {
        case .compositionTable?: return composition(rows, field: field)
        case .planTable?:
            guard case let .list(header)? = schema.value(.planHeader, of: item) else { return nil }
            return plan(rows, header: header.map(\.plainText))
        default: return nil
        }
    }

    // MARK: Composition (состав)

    static func composition(_ people: [Value], field: Field) -> Table {
        let labels = ["name", "position"].map { name in field.subfields.first { $0.name == name }?.label ?? name }
        var rows = [TableRow(kind: .header, cells: labels.map { TableCell(text: $0) })]
        var group: String?
        for person in people {
            let v = values(person)
            if let g = v["group"]?.plainText, g != group {
                rows.append(TableRow(kind: .section, cells: [TableCell(text: g, columnSpan: 2)]))
            }
            group = v["group"]?.plainText
            var position = v["position"]?.plainText ?? ""
            if flag(v["by_agreement"]) { position += " (по согласованию)" }
            rows.append(TableRow(cells: [TableCell(text: v["name"]?.plainText ?? ""), TableCell(text: position)]))
        }
        return Table(columns: [nil, nil], rows: rows)
    }

    // MARK: Plans and roadmaps

    /// What each printed column of a plan shows, recognised by its heading.
    enum Column {
        case number, title, deadline, result, responsible, note

        init(heading: String) {
            let h = heading.lowercased()
            if h.contains("№") || h.contains("п/п") { self = .number }
            else if h.contains("срок") { self = .deadline }
            else if h.contains("результат") { self = .result }
            else if h.contains("ответствен") || h.contains("исполнител") { self = .responsible }
            else if h.contains("примечан") { self = .note }
            else { self = .title }
        }
    }

    static func plan(_ sections: [Value], header: [String]) -> Table {
        let columns = header.map(Column.init)
        var rows = [TableRow(kind: .header, cells: header.map { TableCell(text: $0) })]
        for section in sections {
            let s = values(section)
            let heading = [s["number"]?.plainText, s["title"]?.plainText].compactMap { $0 }.joined(separator: " ")
            rows.append(TableRow(kind: .section, cells: [TableCell(text: heading, columnSpan: columns.count)]))
            guard case let .list(items)? = s["items"] else { continue }
            for item in items { rows += itemRows(values(item), columns: columns) }
        }
        return Table(columns: columns.map { _ in nil }, rows: rows)
    }

    /// An item's row, then its sub-items' rows. Cells a sub-item does not have are the parent's:
    /// they span the sub-items' rows, as in the printed plan.
    private static func itemRows(_ item: [String: Value], columns: [Column]) -> [TableRow] {
        var subitems: [[String: Value]] = []
        if case let .list(list)? = item["items"] { subitems = list.map(values) }
        // «4.1/1 … 4.1/4» pair the parent's activities with their bodies: their bodies fill the parent's cell.
        let pairs = subitems.filter { ($0["number"]?.plainText ?? "").contains("/") }
        subitems.removeAll { ($0["number"]?.plainText ?? "").contains("/") }
        var cells: [TableCell] = []
        for column in columns {
            var cell = TableCell(content(of: item, column))
            if column == .responsible, cell.content.isEmpty {
                cell.content = pairs.flatMap { content(of: $0, .responsible) }
            }
            let inherited = subitems.filter { content(of: $0, column).isEmpty }.count
            if column != .number, column != .title, !subitems.isEmpty, inherited == subitems.count {
                cell.rowSpan = 1 + subitems.count
            }
            cells.append(cell)
        }
        var rows = [TableRow(cells: cells, anchor: anchor(item["number"]?.plainText))]
        for sub in subitems {
            let subCells = columns.enumerated().compactMap { index, column -> TableCell? in
                cells[index].rowSpan > 1 ? nil : TableCell(content(of: sub, column))
            }
            rows.append(TableRow(cells: subCells, anchor: anchor(sub["number"]?.plainText)))
        }
        return rows
    }

    /// `p-1.5` for «1.5.»: the anchor references to the item use.
    private static func anchor(_ number: String?) -> String? {
        guard var n = number?.trimmingCharacters(in: .whitespaces), !n.isEmpty else { return nil }
        while n.hasSuffix(".") { n.removeLast() }
        return "p-" + n
    }

    private static func content(of item: [String: Value], _ column: Column) -> [[Inline]] {
        switch column {
        case .number: return lines(item["number"]?.plainText)
        case .title:
            var result = lines(item["title"]?.plainText)
            if let remark = item["remark"]?.plainText { result.append(remarkLine(remark)) }
            return result
        case .result: return lines(item["result"]?.plainText)
        case .note: return (item["note"]?.plainText).map(markdownLines) ?? []
        case .deadline:
            guard case let .object(entries)? = item["deadline"] else { return [] }
            let d = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.value) })
            var result = lines(d["raw"]?.plainText)
            if let anomaly = d["anomaly"]?.plainText { result.append(remarkLine(anomaly)) }
            return result
        case .responsible:
            guard case let .list(bodies)? = item["responsible"] else { return [] }
            return bodies.map { body in
                let v = values(body)
                return [.text((v["name"]?.plainText ?? "") + (flag(v["by_agreement"]) ? " (по согласованию)" : ""))]
            }
        }
    }

    /// Our own remark beside published text, marked as such.
    private static func remarkLine(_ text: String) -> [Inline] {
        [.emphasis([.text("Замечание портала: " + text)])]
    }

    /// A text with its printed line breaks kept, one paragraph per line.
    private static func lines(_ text: String?) -> [[Inline]] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: "\n").map { [.text(String($0))] }
    }

    /// Notes may hold a Markdown link, as the source's one real link in a roadmap cell.
    private static func markdownLines(_ text: String) -> [[Inline]] {
        Markdown.parse(text).document.blocks.compactMap { block in
            if case let .paragraph(p) = block { return p.content }
            return nil
        }
    }

    private static func values(_ value: Value) -> [String: Value] {
        guard case let .object(entries) = value else { return [:] }
        return Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.value) })
    }

    private static func flag(_ value: Value?) -> Bool {
        if case .boolean(true)? = value { return true }
        return false
    }
}
