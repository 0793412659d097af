import Content
import Diagnostics
import Foundation
import RussianText

/// A table of records (RFC 4180; «,» or, as spreadsheets in Russian locales save it, «;»),
/// whose header names field paths: `number,recipient.name,estimate[1].direction`.
/// Each row becomes a data tree whose every value is a quoted text at its cell, so that rows are
/// checked by the same code as YAML and JSON data and every message points at the row and
/// column of the table.
///
/// A cell's position is `file:line:cell`: the line of the file where the cell starts and the
/// cell's number in its row, counted from 1 (`data.csv:4:3` — the third cell, the column of the
/// header's third path, of the row on line 4). Every row has as many cells as the header.
enum CSVRecords {
    struct Cell {
        var text: String
        var location: SourceLocation
    }

    /// One row as a record to check, and where the row starts.
    struct Row {
        var record: DataTree
        var location: SourceLocation
    }

    static func rows(_ text: String, file: String, form: FormDefinition,
                     _ diagnostics: inout [Diagnostic]) -> [Row] {
        // A broken quote makes every later cell shift: its one message is the whole report.
        guard let table = parse(text, file: file, &diagnostics) else { return [] }
        guard let header = table.first else {
            diagnostics.append(.error("csv-empty", at: SourceLocation(file: file), "таблица пуста",
                                      hint: "первая строка — пути полей, следующие — записи"))
            return []
        }
        var tree = Node()
        var ok = true
        for (column, cell) in header.enumerated() {
            guard let path = headerPath(cell, form: form, &diagnostics) else { ok = false; continue }
            if !tree.insert(path[...], column: column) {
                diagnostics.append(.error("csv-header", at: cell.location, "столбец «\(cell.text)» повторяется",
                                          hint: "у каждого поля один столбец"))
                ok = false
            }
        }
        guard ok else { return [] }
        return table.dropFirst().filter { !$0.allSatisfy { $0.text.isEmpty } }.compactMap { row in
            guard row.count == header.count else {
                diagnostics.append(cellCount(row, header: header))
                return nil
            }
            let location = row.first?.location ?? SourceLocation(file: file)
            return Row(record: RowTree(row: row, start: (location.line, location.column)).mapping(tree.children), location: location)
        }
    }

    /// A row with more or fewer cells than the header: its cells would land in other columns.
    private static func cellCount(_ row: [Cell], header: [Cell]) -> Diagnostic {
        let cells = "\(row.count) \(RussianFormat.plural(row.count, "ячейка", "ячейки", "ячеек"))"
        let columns = "\(header.count) \(RussianFormat.plural(header.count, "столбец", "столбца", "столбцов"))"
        if row.count > header.count {
            let extra = row[header.count]
            return .error("csv-cells", at: extra.location,
                          "лишняя ячейка «\(FormData.printable(extra.text))»: в строке \(cells), а в заголовке \(columns)",
                          hint: "значение, в котором есть разделитель, заключите в кавычки: \"г. Казань, ул. Баумана\"; "
                              + "или уберите лишний разделитель")
        }
        let missing = header[row.count]
        var location = row.last?.location ?? missing.location
        location.column = row.count + 1
        return .error("csv-cells", at: location,
                      "нет ячейки столбца «\(missing.text)»: в строке \(cells), а в заголовке \(columns)",
                      hint: "у каждой строки столько ячеек, сколько столбцов в заголовке; пустое значение — пустая ячейка между разделителями")
    }

    /// `estimate[2].subsidy` → [("estimate", 2), ("subsidy", nil)], checked against the fields.
    private static func headerPath(_ cell: Cell, form: FormDefinition,
                                   _ diagnostics: inout [Diagnostic]) -> [(name: String, index: Int?)]? {
        let name = cell.text.trimmingCharacters(in: .whitespaces)
        var parts: [(name: String, index: Int?)] = []
        var generic: [String] = []
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            if let open = part.firstIndex(of: "["), part.hasSuffix("]"),
               let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]), index >= 1 {
                parts.append((String(part[..<open]), index))
                generic.append(part[..<open] + "[]")
            } else {
                parts.append((String(part), nil))
                generic.append(String(part))
            }
        }
        var problems: [Diagnostic] = []
        guard let path = PathScope(fields: form.fields).check(generic.joined(separator: "."), at: cell.location, &problems) else {
            diagnostics += problems.map { d in
                var d = d
                d.message = "заголовок столбца: " + d.message
                d.hint = (d.hint.map { $0 + "\n" } ?? "") + "строки списков нумеруются с 1: estimate[1].subsidy"
                return d
            }
            return nil
        }
        // `attachments[]` as written: a column holds one row's value, so it needs the row's number.
        if path.components.last?.each == true, parts.last?.index == nil {
            diagnostics.append(.error("csv-header", at: cell.location, "столбец «\(name)»: у строки списка нужен номер",
                                      hint: "например \(name.replacingOccurrences(of: "[]", with: "[1]"))"))
            return nil
        }
        return parts
    }

    /// The columns of the header as a tree of fields, list rows and cells.
    struct Node {
        enum Kind { case mapping, list, cell(Int) }
        var kind: Kind = .mapping
        var children: [(key: String, node: Node)] = []
        var items: [Int: Node] = [:]

        mutating func insert(_ path: ArraySlice<(name: String, index: Int?)>, column: Int) -> Bool {
            guard let first = path.first else { return false }
            let rest = path.dropFirst()
            var child = children.first { $0.key == first.name }?.node ?? Node(kind: first.index == nil ? .mapping : .list)
            let ok: Bool
            if let index = first.index {
                var item = child.items[index] ?? Node()
                if rest.isEmpty {
                    // A list of single values: `attachments[2]`.
                    ok = child.items[index] == nil
                    item.kind = .cell(column)
                } else {
                    ok = item.insert(rest, column: column)
                }
                child.items[index] = item
            } else if rest.isEmpty {
                ok = !children.contains { $0.key == first.name }
                child.kind = .cell(column)
            } else {
                ok = child.insert(rest, column: column)
            }
            if let at = children.firstIndex(where: { $0.key == first.name }) {
                children[at].node = child
            } else {
                children.append((first.name, child))
            }
            return ok
        }

        func isEmpty(in row: [Cell]) -> Bool {
            switch kind {
            case .cell(let column): return column >= row.count || row[column].text.isEmpty
            case .mapping: return children.allSatisfy { $0.node.isEmpty(in: row) }
            case .list: return items.values.allSatisfy { $0.isEmpty(in: row) }
            }
        }
    }

    /// One row as a tree of the header's fields. Its nodes stand where the YAML of the row would put
    /// them, one key per line: a value and its key at the value's cell, a set of fields at its first
    /// key, a list of values at its first value, and what has no cell of its own (the key of a list
    /// or of a set of fields, a list of sets, a missing row of a list) at the row's start.
    struct RowTree {
        typealias Position = (line: Int, column: Int)
        let row: [Cell]
        let start: Position

        func mapping(_ children: [(key: String, node: Node)]) -> DataTree {
            let pairs = children.filter { !$0.node.isEmpty(in: row) }.map { key, node in
                let value = tree(node)
                let keyAt: Position = if case .scalar = value.content { (value.line, value.column) } else { start }
                return DataTree.Pair(key: DataTree(.scalar(key, .plain), line: keyAt.line, column: keyAt.column), value: value)
            }
            let at: Position = pairs.first.map { ($0.key.line, $0.key.column) } ?? start
            return DataTree(.mapping(pairs), line: at.line, column: at.column)
        }

        private func tree(_ node: Node) -> DataTree {
            switch node.kind {
            case .cell(let column):
                let cell = row[column]
                return DataTree(.scalar(cell.text, .quoted), line: cell.location.line, column: cell.location.column)
            case .mapping: return mapping(node.children)
            case .list:
                let last = node.items.filter { !$0.value.isEmpty(in: row) }.keys.max() ?? 0
                let items = (1...max(last, 1)).map { index in
                    guard let item = node.items[index], !item.isEmpty(in: row) else {
                        // A gap: its required fields are reported as missing.
                        return DataTree(.mapping([]), line: start.line, column: start.column)
                    }
                    return if case .cell = item.kind { tree(item) } else { mapping(item.children) }
                }
                let at: Position = if case .scalar = items[0].content { (items[0].line, items[0].column) } else { start }
                return DataTree(.sequence(items), line: at.line, column: at.column)
            }
        }
    }

    /// RFC 4180 fields with their positions (`line:cell`); the delimiter is «;» when the header has
    /// one outside quotes and no «,». A quoted cell must end with its quote (a quote inside it is
    /// doubled); otherwise there is one message, at the opening quote, and no table (nil).
    static func parse(_ text: String, file: String, _ diagnostics: inout [Diagnostic]) -> [[Cell]]? {
        // Unicode scalars, not characters: a combining mark after «,» must not hide the delimiter.
        let chars = Array(text.unicodeScalars)
        let headerEnd = chars.firstIndex(of: "\n") ?? chars.count
        let header = chars[..<headerEnd]
        let delimiter: Unicode.Scalar = header.contains(";") && !header.contains(",") ? ";" : ","
        var rows: [[Cell]] = []
        var row: [Cell] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var start = SourceLocation(file: file, line: 1, column: 1)
        var quote: SourceLocation?  // where the open quoted cell started
        var closed = false  // the cell's closing quote is behind: only a delimiter or a line end may follow
        func endField() {
            row.append(Cell(text: String(field), location: start))
            field = String.UnicodeScalarView()
            closed = false
        }
        func broken(_ message: String, at location: SourceLocation) -> [[Cell]]? {
            diagnostics.append(.error("csv-quote", at: location, message,
                                      hint: "ячейка в кавычках заканчивается кавычкой перед разделителем «\(delimiter)» или концом строки; "
                                          + "кавычка внутри значения удваивается: \"ООО \"\"Ромашка\"\"\""))
            return nil
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quote != nil {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    quote = nil
                    closed = true
                } else {
                    field.append(c)
                    if c == "\n" { line += 1 }
                }
            } else if c == delimiter {
                endField()
                start = SourceLocation(file: file, line: line, column: row.count + 1)
            } else if c == "\n" {
                endField()
                rows.append(row)
                row = []
                line += 1
                start = SourceLocation(file: file, line: line, column: 1)
            } else if c == "\r" {
                // A line end's «\r» (the text comes with «\n» line ends; a lone «\r» is dropped as before).
            } else if closed {
                return broken("кавычка, открывающая ячейку, не закрыта в её конце: следующая кавычка — "
                                  + (line == start.line ? "" : "на строке \(line), ") + "перед «\(FormData.printable(String(Character(c))))»",
                              at: start)
            } else if c == "\"" && field.isEmpty {
                quote = start
            } else {
                field.append(c)
            }
            i += 1
        }
        if let open = quote {
            return broken("кавычка, открытая здесь, не закрыта до конца файла", at: open)
        }
        if !field.isEmpty || !row.isEmpty || closed { endField(); rows.append(row) }
        return rows
    }
}
