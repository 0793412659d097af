import DocumentTree

/// A table laid out on its grid. ODF writes every grid position of every row: a cell that
/// another one spans over is a `table:covered-table-cell`, a missing one an empty cell.
struct TableGrid {
    enum Slot: Equatable {
        case cell(TableCell, columns: Int, rows: Int, column: Int)
        case covered
        case empty
    }

    struct Row {
        var kind: TableRow.Kind
        var anchor: String?
        var slots: [Slot]
    }

    let width: Int
    let rows: [Row]
    /// The shares the tree sets for the columns, if any.
    let shares: [Int]?
    /// How many leading rows are header rows (repeated on every page).
    let headerCount: Int

    init(_ table: Table) {
        let source = table.rows
        headerCount = source.prefix { $0.kind == .header }.count
        // A row span never leaves its group: the header rows, a run of body rows, a section row.
        var groupEnd = Array(repeating: source.count, count: source.count)
        var end = source.count
        for index in source.indices.reversed() {
            if source[index].kind == .section || index == headerCount - 1 { end = index + 1 }
            groupEnd[index] = end
            if source[index].kind == .section { end = index }
        }
        let needed = Self.place(source, groupEnd: groupEnd, width: nil).width
        width = max(table.columns.count, needed, 1)
        rows = Self.place(source, groupEnd: groupEnd, width: width).rows
        shares = table.widths(columns: width)
    }

    /// Places the cells row by row, skipping positions taken by row spans from above. Without a
    /// width it only measures how wide the table needs to be.
    private static func place(_ source: [TableRow], groupEnd: [Int], width: Int?) -> (width: Int, rows: [Row]) {
        var coveredThrough: [Int: Int] = [:]  // column → last row index a span from above covers
        var needed = 0
        var rows: [Row] = []
        for (index, row) in source.enumerated() {
            var slots: [Slot] = []
            var column = 0
            var cells = row.cells[...]
            func isCovered(_ c: Int) -> Bool { (coveredThrough[c] ?? -1) >= index }
            // Fill the row to the width; when measuring, up to the last cell.
            func more() -> Bool { width.map { column < $0 } ?? !cells.isEmpty }
            while more() {
                if isCovered(column) {
                    slots.append(.covered)
                    column += 1
                    continue
                }
                guard let cell = cells.popFirst() else {
                    slots.append(.empty)
                    column += 1
                    continue
                }
                var span = 1  // how many columns the cell takes: its span, unless a covered one or the edge stops it
                while width.map({ column + span < $0 }) ?? true, !isCovered(column + span), span < max(cell.columnSpan, 1) {
                    span += 1
                }
                // The last cell of a section row spans what is left of the row.
                if let width, row.kind == .section, cells.isEmpty {
                    while column + span < width, !isCovered(column + span) { span += 1 }
                }
                let rowSpan = min(max(cell.rowSpan, 1), groupEnd[index] - index)
                if rowSpan > 1 {
                    for c in column..<(column + span) { coveredThrough[c] = index + rowSpan - 1 }
                }
                slots.append(.cell(cell, columns: span, rows: rowSpan, column: column))
                slots += Array(repeating: .covered, count: span - 1)
                column += span
            }
            needed = max(needed, column, (coveredThrough.filter { $0.value >= index }.keys.max() ?? -1) + 1)
            rows.append(Row(kind: row.kind, anchor: row.anchor, slots: slots))
        }
        return (needed, rows)
    }

    /// A share of the width for each column: the tree's shares when it sets them; else enough
    /// for the longest word (a blank's line counts as a word of its length), otherwise after the
    /// average length of the text, within bounds so that no column starves or swallows the rest.
    func columnWeights() -> [Int] {
        if let shares { return shares }
        var longestWord = Array(repeating: 0, count: width)
        var total = Array(repeating: 0, count: width)
        var count = Array(repeating: 0, count: width)
        for row in rows where row.kind != .section {
            for case let .cell(cell, columns, _, column) in row.slots where columns == 1 {
                // A line without a length (a name, an address) asks for a long line's worth.
                if let characters = cell.content.compactMap({ $0.loneBlank.map { $0.characters ?? Self.longLine } }).max() {
                    longestWord[column] = max(longestWord[column], characters)
                }
                // One walk over the characters: the longest run without a space, and the length.
                var (length, word, longest) = (0, 0, 0)
                Self.characters(of: cell.content.map({ $0.plainText }).joined(separator: " ")) { isSpace in
                    length += 1
                    word = isSpace ? 0 : word + 1
                    longest = max(longest, word)
                }
                longestWord[column] = max(longestWord[column], longest)
                total[column] += length
                count[column] += 1
            }
        }
        return (0..<width).map { c in
            let average = count[c] == 0 ? 10 : total[c] / count[c]
            return min(max(longestWord[c], average, 3), Self.widest)
        }
    }

    /// Calls `each` for every character of `text`, saying whether it is a space. Where every
    /// scalar is a character of its own (Latin, Greek, Cyrillic, punctuation, currency signs: no
    /// marks, joiners or line ends that combine), the scalars are read; Swift's walk by grapheme
    /// clusters was most of weighing the columns.
    static func characters(of text: String, _ each: (_ isSpace: Bool) -> Void) {
        if text.unicodeScalars.allSatisfy(standsAlone) {
            for scalar in text.unicodeScalars { each(scalar == " ") }
        } else {
            for character in text { each(character == " ") }
        }
    }

    private static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x2FF, 0x370...0x482, 0x48A...0x52F, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0, 0x2100...0x214F: true
        default: false
        }
    }

    /// The most a column's weight can be.
    static let widest = 40
    /// What a blank without a length weighs: about 7 cm of handwriting.
    static let longLine = 24
}
