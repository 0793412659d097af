import Foundation
import Markup
import ODFPackage
import Testing
import TestSupport

/// What the parts say: text exactly as given, the legal layout, footnotes, bookmarks, tables.
@Suite struct ContentTests {
    let content: String
    let styles: String
    let meta: String

    init() throws {
        let package = try ODFWriter(baseURL: URL(string: "https://nko.tatarstan.ru/regulations/polozhenie/"))
            .write(Fixtures.regulation, metadata: Fixtures.metadata)
        content = try Fixtures.part("content.xml", of: package)
        styles = try Fixtures.part("styles.xml", of: package)
        meta = try Fixtures.part("meta.xml", of: package)
    }

    // MARK: Text comes out literally

    @Test func hostileTextIsEscapedAndReadsAsTyped() {
        #expect(content.contains("&lt;b&gt;&amp;amp; * | _ # [x](javascript:alert(1))<text:line-break/>"))
        #expect(!content.contains("<b>"))
        let texts = paragraphTexts(content)
        #expect(texts.contains { $0.hasPrefix(Fixtures.hostile + "\nвторая  строка\tс табуляцией\nи переводом   code  зачёркнуто") },
                "\(texts)")
    }

    @Test func aLinkThatCouldRunCodeIsNoLink() {
        #expect(!content.contains("javascript:alert(1)\""))
        #expect(content.contains("; не ссылка."))
    }

    @Test func metadataIsEscaped() {
        #expect(meta.contains("<dc:title>Положение о ресурсном центре &lt;&amp;&gt;</dc:title>"))
        #expect(meta.contains("<dc:description>Описание \"в кавычках\" &amp; &lt;теги&gt;</dc:description>"))
        #expect(meta.contains("<dc:subject>Нормативный акт</dc:subject>"))
        #expect(meta.contains("<meta:keyword>НКО</meta:keyword>\n<meta:keyword>ресурсный центр</meta:keyword>"))
        #expect(meta.contains("<dc:language>ru-RU</dc:language>"))
        #expect(meta.contains("<meta:creation-date>2026-11-23T00:00:00Z</meta:creation-date>"))
    }

    @Test func characterXMLCannotCarryIsReplaced() throws {
        let document = Document(blocks: [Fixtures.paragraph("a\u{1}b\u{FFFF}c")])
        let package = try ODFWriter().write(document, metadata: Fixtures.metadata)
        #expect(try Fixtures.part("content.xml", of: package).contains("a\u{FFFD}b\u{FFFD}c"))
    }

    /// Any text reads back as typed: runs of spaces, tabs, line breaks (CR LF and CR as LF),
    /// markup characters, a combining mark after one of them, and what XML cannot carry (as U+FFFD).
    @Test func randomTextReadsBackAsTyped() throws {
        var random = SplitMix(seed: 70_971_6)
        let pieces = [" ", "  ", "\t", "\n", "\r\n", "\r", "&", "<", ">", "\"", "а", "Я", "x", "«", "\u{301}", "\u{1}", "\u{1F600}",
                      String(Unicode.Scalar(0xFFFE)!), String(Unicode.Scalar(0xFFFF)!), "\u{FFFD}", "\u{EFFF}", "слово", "abcdefg"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 1...30, using: &random)).map { _ in random.pick(pieces) }.joined()
            let package = try ODFWriter().write(Document(blocks: [Fixtures.paragraph(text)]), metadata: Fixtures.metadata)
            var expected = String.UnicodeScalarView()
            var afterCR = false
            for scalar in text.unicodeScalars {
                if scalar == "\n" && afterCR { afterCR = false; continue }
                afterCR = scalar == "\r"
                expected.append(afterCR ? "\n" : [0x1, 0xFFFE, 0xFFFF].contains(scalar.value) ? "\u{FFFD}" : scalar)
            }
            let xml = try Fixtures.part("content.xml", of: package)
            let got = paragraphTexts(xml).last ?? ""
            // ODF collapses white space that is written as it is: only single spaces may be.
            // Nor may a paragraph start with one: readers drop it.
            #expect(!xml.contains("  ") && !xml.contains("\t") && !xml.contains(#/<text:p[^>]*> /#), "\(Array(text.unicodeScalars))")
            #expect(got == String(expected), "\(Array(text.unicodeScalars))")
        }
    }

    // MARK: Links, bookmarks, footnotes, slots

    @Test func anchorsAreBookmarksThatInternalLinksReach() {
        #expect(content.contains("<text:bookmark text:name=\"p-7.3\"/>7.3. Пункт"))
        #expect(content.contains("<text:a xlink:type=\"simple\" xlink:href=\"#p-7.3\" text:style-name=\"Internet_20_link\">пункте 7.3</text:a>"))
        // Anchors of containers land in their first paragraph, headings keep theirs.
        #expect(content.contains("<text:bookmark text:name=\"variant-1\"/>Вариант 1"))
        #expect(content.contains("<text:bookmark text:name=\"prilozhenie-1\"/>Приложение 1"))
        #expect(content.contains("<text:bookmark text:name=\"polozhenie\"/>ПОЛОЖЕНИЕ О РЕСУРСНОМ ЦЕНТРЕ</text:h>"))
    }

    @Test func relativeLinksAreResolvedAgainstThePage() {
        #expect(content.contains("xlink:href=\"https://nko.tatarstan.ru/regulations/model-acts/\""))
        #expect(content.contains("xlink:href=\"https://nko.tatarstan.ru/\""))
    }

    @Test func footnotesAreRealNotesCitedByTheirNumber() {
        #expect(count("<text:note ", in: content) == 2)
        #expect(content.contains("<text:note text:id=\"ftn1\" text:note-class=\"footnote\"><text:note-citation>1</text:note-citation><text:note-body>"))
        #expect(content.contains("<text:note text:id=\"ftn2\" text:note-class=\"footnote\"><text:note-citation>2</text:note-citation><text:note-body>"))
        #expect(paragraphTexts(content).contains("Текст сноски 2 & <сноска>"))
        // A second reference to note 1 refers to it instead of repeating it.
        #expect(content.contains("<text:note-ref text:note-class=\"footnote\" text:reference-format=\"text\" text:ref-name=\"ftn1\">1</text:note-ref>"))
        #expect(styles.contains("<text:notes-configuration text:note-class=\"footnote\""))
    }

    @Test func footnotesKeepTheSourcesNumbers() throws {
        // Notes ⁹ and ¹⁰ of a later appendix: cited as printed, as on the site.
        let document = Document(blocks: [.paragraph(Paragraph(content: [.text("а"), .footnote(1), .text(" б"), .footnote(2), .footnote(1)]))],
                                footnotes: [Fixtures.footnote(label: "9", blocks: [Fixtures.paragraph("девятая")]),
                                            Fixtures.footnote(label: "10", blocks: [Fixtures.paragraph("десятая")])])
        let package = try ODFWriter().write(document, metadata: Fixtures.metadata)
        #expect(try makeValidator().validate(package) == [])
        let content = try Fixtures.part("content.xml", of: package)
        #expect(content.contains("<text:note text:id=\"ftn1\" text:note-class=\"footnote\"><text:note-citation text:label=\"9\">9</text:note-citation>"))
        #expect(content.contains("<text:note-citation text:label=\"10\">10</text:note-citation>"))
        #expect(content.contains("text:ref-name=\"ftn1\">9</text:note-ref>"))
    }

    @Test func slotsAreHighlightedSpansWithTheirRawText() {
        #expect(content.contains("<text:span text:style-name=\"Slot\">________ (наименование субъекта Российской Федерации)</text:span>"))
        #expect(styles.contains("style:name=\"Slot\" style:display-name=\"Blank\" style:family=\"text\">\n<style:text-properties fo:background-color=\"#fff2a8\"/>"))
    }

    // MARK: Tables

    @Test func headerRowsRepeatOnEveryPage() throws {
        let header = try #require(content.firstRange(of: /<table:table-header-rows>(.*?)<\/table:table-header-rows>/.dotMatchesNewlines()))
        #expect(content[header].contains("№ п/п") && content[header].contains("Ответственный"))
        #expect(count("<table:table-header-rows>", in: content) == 1)
    }

    @Test func sectionRowsSpanTheTableAndRowSpansCoverCells() throws {
        let table = try #require(content.firstRange(of: /<table:table table:name="Table3".*?<\/table:table>\n/.dotMatchesNewlines()))
        let xml = String(content[table])
        #expect(count("<table:table-column ", in: xml) == 4)
        #expect(xml.contains("<table:table-cell table:style-name=\"Cell\" table:number-columns-spanned=\"4\">\n<text:p text:style-name=\"Table_20_Section\">1. Организационные мероприятия</text:p>\n</table:table-cell>\n<table:covered-table-cell/>\n<table:covered-table-cell/>\n<table:covered-table-cell/>\n"))
        // The second section row has one cell without a span: it still spans the table.
        #expect(xml.contains("table:number-columns-spanned=\"4\">\n<text:p text:style-name=\"Table_20_Section\">2. Информационная поддержка"))
        #expect(xml.contains("table:number-rows-spanned=\"2\">\n<text:p text:style-name=\"Table_20_Contents\">до 1 марта</text:p>"))
        // Row 1.2: its third position is covered by «до 1 марта» from the row above.
        #expect(xml.contains("второй абзац</text:span></text:p>\n</table:table-cell>\n<table:covered-table-cell/>\n<table:table-cell"))
        // Every row has the four positions of the grid.
        for row in xml.matches(of: /<table:table-row>(.*?)<\/table:table-row>/.dotMatchesNewlines()) {
            let cells = count("<table:table-cell", in: String(row.1)) + count("<table:covered-table-cell", in: String(row.1))
            #expect(cells == 4)
        }
    }

    @Test func aTableInsideAListItemSplitsTheListAndTheListGoesOn() {
        #expect(content.contains("</text:list>\n<table:table table:name=\"Table2\""))
        #expect(content.contains("<text:list text:style-name=\"List_20_Bullet\" text:continue-numbering=\"true\">\n<text:list-header>\n<text:p text:style-name=\"List_20_Item\">продолжение пункта</text:p>"))
    }

    // MARK: Lists, containers, page

    @Test func listsKeepTheirNumbersAndBullets() {
        #expect(content.contains("<text:list text:style-name=\"Numbering_20_123\">\n<text:list-item text:start-value=\"3\">"))
        #expect(styles.contains("<text:list-level-style-number text:level=\"1\" style:num-suffix=\".\" style:num-format=\"1\">"))
        #expect(styles.contains("<text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"•\">"))
    }

    @Test func containersAreLaidOutAsOnPaper() {
        #expect(content.contains("<text:p text:style-name=\"Act_20_Header\">КАБИНЕТ МИНИСТРОВ РЕСПУБЛИКИ ТАТАРСТАН<text:line-break/>ПОСТАНОВЛЕНИЕ<text:line-break/>"))
        #expect(content.contains("<text:p text:style-name=\"Amendment\">(в ред. Постановления КМ РТ от 28.04.2023 N 544)</text:p>"))
        #expect(content.contains("<text:p text:style-name=\"Stamp_20_In_20_Row\">УТВЕРЖДАЮ<text:line-break/>Министр"))
        #expect(content.contains("<text:p text:style-name=\"Variant_20_Title\">Вариант &lt;2&gt; &amp; «три»</text:p>"))
        // The signature: position on the left, the name on the right, no rules.
        #expect(content.contains("<table:table-cell table:style-name=\"LayoutCell\">\n<text:p text:style-name=\"Signature_20_Position\">Премьер-министр<text:line-break/>Республики Татарстан</text:p>"))
        #expect(content.contains("<table:table-cell table:style-name=\"LayoutCellBottom\">\n<text:p text:style-name=\"Signature_20_Name\">А.В. Песошин</text:p>"))
        #expect(content.contains("<style:table-cell-properties fo:border=\"none\""))
        #expect(styles.contains("style:name=\"Stamp\" style:display-name=\"Stamp\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">\n<style:paragraph-properties fo:margin-left=\"9cm\""))
    }

    @Test func aVariantsPrintedNameIsNotRepeated() throws {
        let document = Document(blocks: [.container(Container(kind: .variant, argument: "Вариант 2", blocks: [
            Fixtures.paragraph("Вариант 2"), Fixtures.paragraph("Текст"),
        ]))])
        let content = try Fixtures.part("content.xml", of: try ODFWriter().write(document, metadata: Fixtures.metadata))
        #expect(count("Вариант 2", in: content) == 1)
        #expect(!content.contains("Variant_20_Title"))
    }

    @Test func aTableRowsAnchorIsABookmarkInItsFirstCell() throws {
        let table = Table(columns: [nil, nil], rows: [
            TableRow(cells: [TableCell(text: "1.4", rowSpan: 2), TableCell(text: "первый")], anchor: "pril-1-p-1.4"),
            TableRow(cells: [TableCell(text: "второй")], anchor: "pril-1-p-1.4.1"),
        ])
        let package = try ODFWriter().write(Document(blocks: [.table(table)]), metadata: Fixtures.metadata)
        #expect(try makeValidator().validate(package) == [])
        let content = try Fixtures.part("content.xml", of: package)
        #expect(content.contains("<text:bookmark text:name=\"pril-1-p-1.4\"/>1.4</text:p>"))
        // The second row starts with a covered position: its bookmark goes into its first real cell.
        #expect(content.contains("<table:covered-table-cell/>\n<table:table-cell table:style-name=\"Cell\">\n<text:p text:style-name=\"Table_20_Contents\"><text:bookmark text:name=\"pril-1-p-1.4.1\"/>второй"))
    }

    @Test func anAppendixStartsANewPage() throws {
        let match = try #require(content.firstMatch(of: /<text:p text:style-name="(P\d+)"><text:bookmark text:name="prilozhenie-1"\/>/))
        #expect(content.contains("<style:style style:name=\"\(match.1)\" style:family=\"paragraph\" style:parent-style-name=\"Stamp\">\n<style:paragraph-properties fo:break-before=\"page\"/>"))
    }

    @Test func headingsAreOutlineLevels() {
        #expect(content.contains("<text:h text:style-name=\"Heading_20_4\" text:outline-level=\"4\">Статья 7. Порядок</text:h>"))
        #expect(styles.contains("style:name=\"Heading\" style:display-name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\">\n<style:paragraph-properties fo:margin-top=\"0.42cm\" fo:margin-bottom=\"0.21cm\" fo:text-align=\"center\" fo:text-indent=\"0cm\" fo:keep-with-next=\"always\"/>\n<style:text-properties fo:font-weight=\"bold\"/>"))
    }

    @Test func thePageFollowsGOSTR709716() {
        #expect(styles.contains("fo:page-width=\"21cm\" fo:page-height=\"29.7cm\""))
        #expect(styles.contains("fo:margin-top=\"1.0cm\" fo:margin-bottom=\"2cm\" fo:margin-left=\"3cm\" fo:margin-right=\"1.5cm\""))
        // the header (the page number) and its spacing fill the rest of the 2 cm above the text
        #expect(styles.contains("<style:header-footer-properties fo:min-height=\"0.5cm\" fo:margin-bottom=\"0.5cm\"/>"))
        #expect(styles.contains("<style:font-face style:name=\"Liberation Serif\" svg:font-family=\"'Liberation Serif'\" style:font-family-generic=\"roman\""))
        #expect(styles.contains("<style:font-face style:name=\"Times New Roman\" svg:font-family=\"'Times New Roman'\""))
        #expect(styles.contains("<style:text-properties style:font-name=\"Liberation Serif\" fo:font-size=\"14pt\" fo:language=\"ru\" fo:country=\"RU\""))
        #expect(styles.contains("fo:line-height=\"100%\""))
        #expect(styles.contains("style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">\n<style:paragraph-properties fo:text-align=\"justify\" fo:text-indent=\"1.25cm\"/>"))
    }
}
