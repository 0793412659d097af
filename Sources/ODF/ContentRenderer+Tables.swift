import DocumentTree

extension ContentRenderer {
    /// A table of the text: ruled cells, header rows repeated on every page, section rows across
    /// the table, spans written with covered cells.
    mutating func table(_ table: Table) {
        // ODF has no table without rows.
        guard !table.rows.isEmpty else { return }
        let grid = TableGrid(table)
        let weights = grid.columnWeights()
        let total = Double(max(weights.reduce(0, +), 1))
        let widths = weights.map { styles.textWidthCM * Double($0) / total }
        let lists = beginTable(columnWeights: weights)
        for (index, row) in grid.rows.enumerated() {
            if index == 0, grid.headerCount > 0 { out += "<table:table-header-rows>\n" }
            out += "<table:table-row>\n"
            // A numbered row of a plan is a unit references point at: a bookmark in its first cell.
            if let anchor = row.anchor { pendingBookmarks.append(anchor) }
            for slot in row.slots {
                // The cell's width less its padding (0.1 cm a side): the place a blank's frame fits in.
                var width = 0.0
                if case let .cell(_, columns, _, column) = slot { width = widths[column..<min(column + columns, widths.count)].reduce(0, +) - 0.2 }
                within(width: width) { $0.cell(slot, row: row.kind, alignments: table.columns, wide: grid.width >= Self.wideTable) }
            }
            out += "</table:table-row>\n"
            if index == grid.headerCount - 1 { out += "</table:table-header-rows>\n" }
        }
        endTable(lists)
    }

    /// From this many columns on, a table is set in smaller type.
    static let wideTable = 7

    private mutating func cell(_ slot: TableGrid.Slot, row: TableRow.Kind, alignments: [Alignment?], wide: Bool) {
        let style: String
        switch row {
        case .header: style = wide ? StyleName.wideTableHeading : StyleName.tableHeading
        case .section: style = wide ? StyleName.wideTableSection : StyleName.tableSection
        case .body: style = wide ? StyleName.wideTableContents : StyleName.tableContents
        }
        let cellStyle = styles.cell(.ruled)
        switch slot {
        case .covered:
            out += "<table:covered-table-cell/>\n"
        case .empty:
            out += "<table:table-cell table:style-name=\"\(cellStyle)\">"
            open("text:p", style: style)
            out += "</text:p></table:table-cell>\n"
        case .cell(let cell, let columns, let rows, let column):
            out += "<table:table-cell table:style-name=\"\(cellStyle)\""
            if columns > 1 { out += " table:number-columns-spanned=\"\(columns)\"" }
            if rows > 1 { out += " table:number-rows-spanned=\"\(rows)\"" }
            out += ">\n"
            // Body cells follow their column's alignment; header and section rows are centred.
            let alignment = row == .body && column < alignments.count ? alignments[column] : nil
            for paragraph in cell.content.isEmpty ? [[]] : cell.content {
                if let blank = paragraph.loneBlank {
                    // A cell that is only a blank is the place to write in: no line across it.
                    if blank.caption == nil, blank.pattern == nil {
                        blankRoom(blank, style: style)
                        continue
                    }
                    if blank.width == nil {
                        blankBlock(blank)
                        out += "\n"
                        continue
                    }
                }
                open("text:p", style: style, alignment: alignment)
                inlines(paragraph)
                out += "</text:p>\n"
            }
            out += "</table:table-cell>\n"
        }
    }

    /// Opens a table across the text width with the given column shares. Tables cannot stand in
    /// a list item: the open lists are left and must be re-entered with `endTable`.
    mutating func beginTable(columnWeights: [Int], spaceBefore: Double = 0.21) -> [OpenList] {
        let lists = leaveLists()
        tableCount += 1
        let name = "Table\(tableCount)"
        let columns = styles.table(name, columnWeights: columnWeights, pageBreak: takePageBreak(), spaceBefore: spaceBefore)
        out += "<table:table table:name=\"\(name)\" table:style-name=\"\(name)\">\n"
        for column in columns { out += "<table:table-column table:style-name=\"\(column)\"/>\n" }
        return lists
    }

    mutating func endTable(_ lists: [OpenList]) {
        out += "</table:table>\n"
        reenterLists(lists)
    }

    /// A cell of a layout table (no rules) holding blocks; never left without a paragraph.
    mutating func layoutCell(_ kind: AutomaticStyles.CellKind, style: String, width: Double,
                             _ body: (inout ContentRenderer) -> Void) {
        out += "<table:table-cell table:style-name=\"\(styles.cell(kind))\">\n"
        let start = out.count
        within(width: width, body)
        if out.count == start {
            open("text:p", style: style)
            out += "</text:p>\n"
        }
        out += "</table:table-cell>\n"
    }
}
