import Foundation
import Markup
import ODFPackage
import Testing

/// Tables as editors and converters may give them: ragged, over-spanned, without a body. Each one
/// must still be a valid table whose every row has a position for every column.
@Suite struct TableEdgeTests {
    static let cases: [(String, Table)] = [
        ("no rows", Table(columns: [nil, nil], rows: [])),
        ("header only", Table(columns: [nil], rows: [TableRow(kind: .header, cells: [TableCell(text: "Заголовок")])])),
        ("ragged rows", Table(columns: [nil, nil, nil], rows: [
            TableRow(cells: [TableCell(text: "a")]),
            TableRow(cells: [TableCell(text: "a"), TableCell(text: "b"), TableCell(text: "c"), TableCell(text: "лишняя")]),
        ])),
        ("row span past the end", Table(columns: [nil, nil], rows: [
            TableRow(cells: [TableCell(text: "a", rowSpan: 5), TableCell(text: "b")]),
            TableRow(cells: [TableCell(text: "c")]),
        ])),
        ("row span into a section row", Table(columns: [nil, nil], rows: [
            TableRow(cells: [TableCell(text: "a", rowSpan: 3), TableCell(text: "b")]),
            TableRow(kind: .section, cells: [TableCell(text: "Раздел")]),
            TableRow(cells: [TableCell(text: "c"), TableCell(text: "d")]),
        ])),
        ("row span out of the header", Table(columns: [nil, nil], rows: [
            TableRow(kind: .header, cells: [TableCell(text: "№", rowSpan: 2), TableCell(text: "Имя")]),
            TableRow(cells: [TableCell(text: "1"), TableCell(text: "x")]),
        ])),
        ("column span past the width", Table(columns: [nil, nil], rows: [
            TableRow(cells: [TableCell(text: "a", columnSpan: 7)]),
            TableRow(cells: [TableCell(text: "b"), TableCell(text: "c")]),
        ])),
        ("both spans", Table(columns: [nil, nil, nil], rows: [
            TableRow(kind: .header, cells: [TableCell(text: "h1"), TableCell(text: "h2", columnSpan: 2)]),
            TableRow(cells: [TableCell(text: "a", columnSpan: 2, rowSpan: 2), TableCell(text: "b")]),
            TableRow(cells: [TableCell(text: "c")]),
            TableRow(cells: [TableCell(text: ""), TableCell(text: "d"), TableCell(text: "e")]),
        ])),
    ]

    @Test(arguments: cases.indices)
    func everyTableIsValidAndRectangular(_ index: Int) throws {
        let (name, table) = Self.cases[index]
        let package = try ODFWriter().write(Document(blocks: [.table(table)]), metadata: Fixtures.metadata)
        #expect(try makeValidator().validate(package) == [], "\(name)")
        let content = try Fixtures.part("content.xml", of: package)
        let columns = count("<table:table-column ", in: content)
        #expect(table.rows.isEmpty ? columns == 0 : columns >= max(table.columns.count, 1), "\(name)")
        for row in content.matches(of: /<table:table-row>(.*?)<\/table:table-row>/.dotMatchesNewlines()) {
            let cells = count("<table:table-cell", in: String(row.1)) + count("<table:covered-table-cell", in: String(row.1))
            #expect(cells == columns, "\(name): \(row.1)")
        }
    }

    @Test func aRowSpanStopsAtTheEndOfTheTable() throws {
        let package = try ODFWriter().write(Document(blocks: [.table(Self.cases[3].1)]), metadata: Fixtures.metadata)
        #expect(try Fixtures.part("content.xml", of: package).contains("table:number-rows-spanned=\"2\""))
    }

    @Test func aRowSpanDoesNotCrossASectionRow() throws {
        let package = try ODFWriter().write(Document(blocks: [.table(Self.cases[4].1)]), metadata: Fixtures.metadata)
        let content = try Fixtures.part("content.xml", of: package)
        #expect(!content.contains("table:number-rows-spanned"))
        #expect(content.contains("table:number-columns-spanned=\"2\">\n<text:p text:style-name=\"Table_20_Section\">Раздел"))
    }
}
