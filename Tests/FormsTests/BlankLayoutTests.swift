import Content
import Foundation
import FoundationXML  // XMLParser, which Foundation on Linux keeps apart
import Markup
import Testing
import TestSupport
import ZIPFoundation
@testable import FormEngine
@testable import Forms
import RussianText

/// Every blank of the library as LibreOffice prints it: in a label/answer table the answer
/// column is at least 45 % of the table's width, and «7707083893» typed at 12 pt fits, whole,
/// in the line of every identifier and account number. The lines are found by the bookmarks
/// the blanks carry (named after their fields); the digits are typed into a copy of the blank
/// as a clerk would type them, and `pdftotext -bbox` says where LibreOffice set them.
@Suite struct BlankLayoutTests {
    static let library = FormLibrary.load(root: repositoryRoot)
    static let date = CalendarDate(iso: "2026-11-23")!
    static let digits = "7707083893"
    static let identifiers: Set<FieldType> = [.inn, .ogrn, .ogrnip, .kpp, .bik, .snils, .account, .corrAccount]
    static let pointsPerCM = 72 / 2.54

    @Test(.enabled(if: !Tool.skipLibreOffice, "NKO_SKIP_LIBREOFFICE=1"), .timeLimit(.minutes(5)))
    func labelAnswerTablesAndIdentifierLinesHaveRoomInPrint() throws {
        let work = try Tool.temporaryFolder("nko-blank-layout")
        defer { try? FileManager.default.removeItem(at: work) }
        struct Typed {
            var form: FormDefinition
            var layout: BlankODT
            /// The bookmarks the digits were typed after.
            var bookmarks: [String]
            var answers: Bool
        }
        var typed: [URL: Typed] = [:]
        var labelAnswerTables = 0
        for form in Self.library.forms {
            let blank = try FormRenderer(form: form).odt(nil, date: Self.date)
            let layout = try BlankODT(blank)
            for table in layout.labelAnswerTables {
                labelAnswerTables += 1
                let share = table.answerCM / (table.labelCM + table.answerCM)
                #expect(share >= 0.45, "\(form.id), \(table.name): the answer column is \(percent(share)) of the width in the ODT")
                #expect(table.unmarkedAnswers == 0, "\(form.id), \(table.name): \(table.unmarkedAnswers) answer cells without a blank's bookmark")
            }
            // The answers of label/answer tables, and the identifiers' lines, each typed into a copy.
            let answers = layout.labelAnswerTables.flatMap(\.answerBookmarks)
            let identifiers = layout.lines.keys.filter { Self.type(ofBookmark: $0, in: form).map(Self.identifiers.contains) == true }.sorted()
            for (suffix, bookmarks, isAnswers) in [("answers", answers, true), ("identifiers", identifiers, false)] where !bookmarks.isEmpty {
                let url = work.appendingPathComponent("\(form.id)-\(suffix).odt")
                try layout.typing(Self.digits, after: bookmarks, into: blank).write(to: url)
                typed[url] = Typed(form: form, layout: layout, bookmarks: bookmarks, answers: isAnswers)
            }
        }
        #expect(labelAnswerTables >= 2, "the library's label/answer tables (subsidy-application has two) were not found")
        #expect(typed.values.contains { !$0.answers }, "no identifier's line found in any blank")

        let pdfs = try Tool.pdfs(of: typed.keys.sorted { $0.path < $1.path }, work: work)
        for (url, document) in typed.sorted(by: { $0.key.path < $1.key.path }) {
            let name = url.lastPathComponent
            let pdf = try #require(pdfs[url] ?? nil, "LibreOffice made no PDF of \(name)")
            let words = try Tool.words(ofPDF: pdf)
            // A line too short breaks the number across lines: pdftotext then sees pieces of it.
            let whole = words.filter { $0.text == Self.digits }
            let pieces = words.filter { $0.text != Self.digits && Self.digits.contains($0.text) && $0.text.count >= 2 }
            #expect(whole.count == document.bookmarks.count, "\(name): \(whole.count) of \(document.bookmarks.count) typed numbers whole; pieces: \(pieces)")
            for word in whole {
                // 12 pt Liberation Serif: poppler's box is 1.3 em high.
                #expect((14.5...16.5).contains(word.height), "\(name): \(word) is not 12 pt")
            }
            let textLeft = 3.0 * Self.pointsPerCM
            let textWidth = (document.form.landscape ? 25.2 : 16.5) * Self.pointsPerCM
            if document.answers {
                // Where LibreOffice put the answers: the answer column starts 0.1 cm (the padding)
                // left of them; a point more for the rounding of positions in the PDF.
                for word in whole {
                    let share = (textLeft + textWidth - (word.xMin - 0.1 * Self.pointsPerCM - 1)) / textWidth
                    #expect(share >= 0.45, "\(name): \(word) stands in an answer column \(percent(share)) of the width")
                }
            } else {
                // The same digits everywhere: each must fit the narrowest of the form's identifier lines.
                let narrowest = document.bookmarks.compactMap { document.layout.lines[$0] }.min() ?? 0
                for word in whole {
                    #expect(word.width <= narrowest * Self.pointsPerCM, "\(name): \(word) is wider than the narrowest line, \(narrowest) cm")
                }
            }
        }
    }

    /// The template's structure decides: two columns of labels and answer slots; the contract's
    /// two columns of requisites (both sides answers) are no such table.
    @Test func labelAnswerTablesAreFoundByTheirShape() throws {
        func tables(_ id: String) throws -> [Table] {
            let form = try #require(Self.library.form(id))
            return FormRenderer(form: form).document(nil).blocks.compactMap { if case let .table(t) = $0 { t } else { nil } }
        }
        #expect(try tables("subsidy-application").map(\.widths) == [[50, 50], [50, 50]])
        #expect(try tables("subsidy-contract").allSatisfy { $0.widths == nil })
        // The same widths when the answers are filled in.
        let form = try #require(Self.library.form("subsidy-application"))
        let record = try #require(RenderTests.sample(form).records.first)
        let filled = FormRenderer(form: form).document(record)
        #expect(filled.blocks.compactMap { if case let .table(t) = $0 { t.widths } else { nil } } == [[50, 50], [50, 50]])
    }

    /// Each blank knows its field: an identifier's line is long enough for its digits, a date is
    /// the printed «__» ____ 20__ г., a text has lines, a cell of a list's row names the row.
    @Test func blanksAreAsLongAsTheirFieldsNeed() throws {
        func blanks(_ id: String) throws -> [Blank] {
            let form = try #require(Self.library.form(id))
            var found: [Blank] = []
            func walk(_ inlines: [Inline]) {
                for inline in inlines {
                    switch inline {
                    case .blank(let b): found.append(b)
                    case .strong(let c), .emphasis(let c): walk(c)
                    default: break
                    }
                }
            }
            func walk(_ block: Block) {
                switch block {
                case .paragraph(let p): walk(p.content)
                case .heading(let h): walk(h.content)
                case .container(let c): c.blocks.forEach(walk)
                case .list(let l): l.items.joined().forEach(walk)
                case .table(let t): t.rows.flatMap(\.cells).flatMap(\.content).forEach(walk)
                default: break
                }
            }
            FormRenderer(form: form).document(nil).blocks.forEach(walk)
            return found
        }
        let contract = try blanks("subsidy-contract")
        func named(_ name: String) -> Blank? { contract.first { $0.name == name } }
        #expect(named("recipient.inn")?.width == 4.2)  // 12 digits and two more, 0.3 cm each
        #expect(named("recipient.bank.account")?.width == 6.6)
        #expect(named("authority.bik")?.width == 3.3, "a string with a pattern of 9 characters")
        #expect(named("estimate[2].direction") != nil, "a row's cell names its row")
        let application = try blanks("subsidy-application")
        #expect(application.first { $0.name == "activities" }?.lines == 3)
        #expect(application.first { $0.name == "full_name" }?.width == nil, "a line of its own spans the page")
        let notice = try blanks("property-notice")
        #expect(notice.first { $0.name == "notice_date" }?.pattern == "«__» ____________ 20__ г.")
        #expect(try TextPattern("0[14][0-9]{7}").longestMatch == 9)
        #expect(try TextPattern("[0-9]{2}(\\.[0-9]{1,2}){0,3}").longestMatch == 11)
        #expect(try TextPattern(#"\d{2}:\d{2}:\d{6,7}:\d{1,}"#).longestMatch == nil)
    }

    /// GFM tables need a header row; a template that has none leaves it empty, and no blank prints it.
    @Test(arguments: library.forms.map(\.id))
    func noBlankPrintsAnEmptyHeaderRow(id: String) throws {
        let form = try #require(Self.library.form(id))
        let renderer = FormRenderer(form: form)
        let html = renderer.html(nil)
        #expect(html.range(of: #"<thead>\s*<tr>\s*(<th[^>]*>\s*</th>\s*)+</tr>"#, options: .regularExpression) == nil,
                "\(id): an empty header row in the HTML")
        let layout = try BlankODT(try renderer.odt(nil, date: Self.date))
        #expect(layout.emptyHeaderRows == 0, "\(id): \(layout.emptyHeaderRows) empty header rows in the ODT")
    }

    /// `bank.account`, `grants[2].amount`, `inn-2` (a second line of the same field) → the field's type.
    static func type(ofBookmark name: String, in form: FormDefinition) -> FieldType? {
        var text = name
        if let dash = text.lastIndex(of: "-"), text[text.index(after: dash)...].allSatisfy(\.isNumber) { text = String(text[..<dash]) }
        text = text.replacingOccurrences(of: #"\[[0-9]+\]"#, with: "[]", options: .regularExpression)
        guard let path = FieldPath(text), case let .success(field?) = PathScope.resolve(path, in: form.allFields) else { return nil }
        return field.type
    }
}

private func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }

/// What a blank's `content.xml` says about its tables and lines.
struct BlankODT {
    struct LabelAnswerTable {
        var name: String
        var labelCM: Double
        var answerCM: Double
        var answerBookmarks: [String]
        var unmarkedAnswers: Int
    }

    let content: String
    private(set) var labelAnswerTables: [LabelAnswerTable] = []
    /// Each blank's bookmark and the width of its line: its frame, or its cell less the padding.
    private(set) var lines: [String: Double] = [:]
    private(set) var emptyHeaderRows = 0

    init(_ package: Data) throws {
        let archive = try Archive(data: package, accessMode: .read)
        let entry = try #require(archive["content.xml"])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        content = String(decoding: data, as: UTF8.self)
        let root = try #require(XMLTree.parse(data))

        var columnWidths: [String: Double] = [:]
        for style in root.all("style:style") where style["style:family"] == "table-column" {
            columnWidths[style["style:name"] ?? ""] = style.all("style:table-column-properties").first.flatMap { Self.cm($0["style:column-width"]) }
        }
        var cellWidths: [ObjectIdentifier: Double] = [:]
        for table in root.all("table:table") {
            let widths = table.children.filter { $0.name == "table:table-column" }.map { columnWidths[$0["table:style-name"] ?? ""] ?? 0 }
            let headerRows = table.children.filter { $0.name == "table:table-header-rows" }.flatMap(\.children)
            let bodyRows = table.children.filter { $0.name == "table:table-row" }
            for row in headerRows + bodyRows {
                var column = 0
                for cell in row.children where cell.name == "table:table-cell" || cell.name == "table:covered-table-cell" {
                    let span = Int(cell["table:number-columns-spanned"] ?? "1") ?? 1
                    cellWidths[ObjectIdentifier(cell)] = widths[min(column, widths.count)..<min(column + span, widths.count)].reduce(0, +) - 0.2
                    column += 1
                }
            }
            emptyHeaderRows += headerRows.filter { row in row.children.allSatisfy(\.text.isEmpty) }.count
            // Two columns; in every body row a label, and an answer cell with nothing written in it.
            let cells = bodyRows.map { $0.children.filter { $0.name == "table:table-cell" } }
            guard widths.count == 2, !cells.isEmpty,
                  cells.allSatisfy({ $0.count == 2 && !$0[0].text.isEmpty && $0[1].text.isEmpty }) else { continue }
            let bookmarks = cells.map { $0[1].all("text:bookmark").compactMap { $0["text:name"] } }
            labelAnswerTables.append(LabelAnswerTable(name: table["table:name"] ?? "", labelCM: widths[0], answerCM: widths[1],
                                                      answerBookmarks: bookmarks.flatMap { $0 },
                                                      unmarkedAnswers: bookmarks.filter(\.isEmpty).count))
        }
        for bookmark in root.all("text:bookmark") {
            guard let name = bookmark["text:name"] else { continue }
            var node = bookmark.parent
            while let current = node, current.name != "draw:frame", current.name != "table:table-cell" { node = current.parent }
            if let node, node.name == "draw:frame" {
                lines[name] = Self.cm(node["svg:width"])
            } else if let node {
                lines[name] = cellWidths[ObjectIdentifier(node)]
            }
        }
    }

    static func cm(_ value: String?) -> Double? {
        guard let value, value.hasSuffix("cm") else { return nil }
        return Double(value.dropLast(2))
    }

    /// The package with `text` typed after each of these bookmarks.
    func typing(_ text: String, after bookmarks: [String], into package: Data) throws -> Data {
        var xml = content
        for name in bookmarks {
            let mark = "<text:bookmark text:name=\"\(name)\"/>"
            #expect(xml.contains(mark), "no bookmark \(name)")
            xml = xml.replacingOccurrences(of: mark, with: mark + text)
        }
        let source = try Archive(data: package, accessMode: .read)
        let archive = try Archive(accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "content.xml" { data = Data(xml.utf8) }
            let bytes = data
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count),
                                 compressionMethod: entry.path == "mimetype" ? .none : .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }
}

/// A small element tree of an XML part: names as written (`text:p`), attributes, text.
final class XMLTree {
    let name: String
    let attributes: [String: String]
    private(set) var children: [XMLTree] = []
    private(set) weak var parent: XMLTree?
    private var ownText = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// The words inside, without the line breaks between elements.
    var text: String { (ownText + children.map(\.text).joined()).trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Every element of this name below, in document order.
    func all(_ name: String) -> [XMLTree] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    static func parse(_ data: Data) -> XMLTree? {
        final class Builder: NSObject, XMLParserDelegate {
            var stack: [XMLTree] = []
            var root: XMLTree?
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                let node = XMLTree(name: name, attributes: attributes)
                if let parent = stack.last {
                    node.parent = parent
                    parent.children.append(node)
                } else {
                    root = node
                }
                stack.append(node)
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                stack.removeLast()
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.ownText += string }
        }
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        return parser.parse() ? builder.root : nil
    }
}
