import RussianText
import Content
import Diagnostics
import Foundation
import Markup
import ODFValidation
import Testing
import TestSupport
import ZIPFoundation
@testable import FormEngine
@testable import Forms

/// Every form of the library, with its sample data and as a blank: HTML, ODT valid against the
/// OASIS schema, and the LibreOffice test that the values reached the page.
@Suite struct RenderTests {
    static let library = FormLibrary.load(root: repositoryRoot)
    static let ids = library.forms.map(\.id)
    static let date = CalendarDate(iso: "2026-11-23")!

    static func sample(_ form: FormDefinition) -> FormInput {
        let file = "\(FormLibrary.folder)/\(form.id)/sample.yaml"
        return FormData.read(repositoryRoot.appendingPathComponent(file), as: file, for: form)
    }

    /// What each slot of the template says with this record: every value the document must show.
    static func shownValues(_ form: FormDefinition, _ record: FormRecord, inTables: Bool = true) -> [String] {
        let document = FormRenderer(form: form).document(record)
        var texts: [String] = []
        func walk(_ inlines: [Inline]) {
            for inline in inlines {
                switch inline {
                case .text(let s): texts.append(s)
                case .strong(let c), .emphasis(let c), .link(_, let c): walk(c)
                default: break
                }
            }
        }
        func walk(_ block: Block) {
            switch block {
            case .heading(let h): walk(h.content)
            case .paragraph(let p): walk(p.content)
            case .list(let l): l.items.joined().forEach(walk)
            case .quote(let b): b.forEach(walk)
            case .container(let c): c.blocks.forEach(walk)
            case .table(let t): if inTables { t.rows.flatMap(\.cells).flatMap(\.content).forEach(walk) }
            default: break
            }
        }
        document.blocks.forEach(walk)
        // The values only: texts of the template itself are checked by the fidelity of the law.
        let blank = FormRenderer(form: form).document(nil)
        var templateTexts: [String] = []
        swap(&texts, &templateTexts)
        blank.blocks.forEach(walk)
        swap(&texts, &templateTexts)
        // A value the template itself says (an enum's label in a sentence) proves nothing.
        let template = templateTexts.joined(separator: "\n")
        return Set(texts).filter { $0.count >= 3 && !template.contains($0) }.sorted()
    }

    @Test(arguments: ids)
    func sampleDataIsValidAndRendersToValidODT(id: String) throws {
        let form = try #require(Self.library.form(id))
        let input = Self.sample(form)
        #expect(input.diagnostics.isEmpty, "\(DiagnosticFormatter.text(input.diagnostics))")
        let record = try #require(input.records.first)
        let renderer = FormRenderer(form: form)
        let validator = try ODFValidator(root: repositoryRoot)
        for data in [try renderer.odt(record, date: Self.date), try renderer.odt(nil, date: Self.date)] {
            let problems = validator.validate(data)
            #expect(problems.isEmpty, "\(id): \(problems.map(\.description).joined(separator: "\n"))")
        }
        #expect(try renderer.odt(record, date: Self.date) == renderer.odt(record, date: Self.date), "deterministic")
        let html = renderer.html(record)
        for value in Self.shownValues(form, record) {
            #expect(html.contains(HTMLRenderer.escape(value)), "\(id): «\(value)» not in the HTML")
        }
    }

    @Test(arguments: ids)
    func aBlankHasLinesToFillInAndNoValues(id: String) throws {
        let form = try #require(Self.library.form(id))
        let html = FormRenderer(form: form).html(nil)
        #expect(html.contains("class=\"blank"), "\(id): no line to fill in")
        #expect(!html.contains("{{"), "\(id): a slot left as written")
        // The captions under the lines may name what goes there («в аренду»); the rest must not show a value.
        let text = html.replacingOccurrences(of: #"<span class="blank__caption">[^<]*</span>"#, with: "", options: .regularExpression)
        let record = try #require(Self.sample(form).records.first)
        let shown = Self.shownValues(form, record).filter { $0.count > 6 && text.contains(HTMLRenderer.escape($0)) }
        #expect(shown.isEmpty, "\(id): the blank shows \(shown)")
    }

    /// `# expect: a, b[2].c` on the first line of each invalid sample names the fields its errors must name.
    @Test(arguments: ids)
    func invalidSamplesNameTheirFields(id: String) throws {
        let form = try #require(Self.library.form(id))
        let url = repositoryRoot.appendingPathComponent("Tests/FormsTests/Samples/\(id)-invalid.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first.flatMap { $0.hasPrefix("# expect:") ? $0 : nil })
        let expected = Set(header.dropFirst("# expect:".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let input = FormData.read(text: text, as: "invalid.yaml", for: form, format: .yaml)
        let errors = input.diagnostics.filter { $0.severity == .error }
        #expect(input.records.isEmpty)
        // The path is the first «…» of each message.
        let named = Set(errors.compactMap { d -> String? in
            guard let open = d.message.firstIndex(of: "«"), let close = d.message[open...].firstIndex(of: "»") else { return nil }
            return String(d.message[d.message.index(after: open)..<close])
        })
        #expect(named == expected, "\(id):\n\(DiagnosticFormatter.text(errors))")
        for error in errors {
            let location = try #require(error.location)
            #expect(location.file == "invalid.yaml" && location.line > 1, "\(id): \(error.message) has no position")
        }
    }

    /// A value never changes the document: Markdown, HTML and line breaks in data come out as typed.
    @Test func hostileValuesComeOutLiterally() throws {
        let form = try #require(Self.library.form("subsidy-contract"))
        let sample = try String(contentsOf: repositoryRoot.appendingPathComponent("\(FormLibrary.folder)/subsidy-contract/sample.yaml"),
                                encoding: .utf8)
        let hostile = #"<script>alert(1)</script> & *жирный* | _курсив_ # [x](javascript:alert(1)) {{amount}}"#
        let yaml = sample.replacingOccurrences(of: "city: Казань", with: "city: \"Казань\\n# вторая строка\"")
            .replacingOccurrences(of: #"head_genitive: директора Сафиной Гульнары Ринатовны"#,
                                  with: "head_genitive: '\(hostile.replacingOccurrences(of: "'", with: "''"))'")
        let input = FormData.read(text: yaml, as: "hostile.yaml", for: form, format: .yaml)
        let record = try #require(input.records.first, "\(DiagnosticFormatter.text(input.diagnostics))")
        let renderer = FormRenderer(form: form)

        let html = renderer.html(record)
        #expect(html.contains(HTMLRenderer.escape(hostile)))
        #expect(!html.contains("<script>") && !html.contains("href=\"javascript") && !html.contains("<em>жирный"))
        #expect(html.contains("Казань<br>\n# вторая строка"))
        #expect(!html.contains("<h1># вторая"))

        let odt = try renderer.odt(record, date: Self.date)
        #expect(try ODFValidator(root: repositoryRoot).validate(odt).isEmpty)
        let content = try ODTContent.xml(odt)
        #expect(content.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; *жирный* | _курсив_ # [x](javascript:alert(1)) {{amount}}"))
        #expect(content.contains("Казань<text:line-break/># вторая строка"))
        #expect(!content.contains("xlink:href=\"javascript"))
    }

    /// Forms with very wide tables (a column per commission member; the eight-column property
    /// tables): even in 9 pt, column shares follow text length, so LibreOffice breaks dates and
    /// initials inside narrow cells and pdftotext cannot give them back whole. A known layout
    /// gap: for these forms only the values outside tables are looked for.
    static let tooWide: Set<String> = ["summary-sheet", "property-application"]

    @Test(.enabled(if: !Tool.skipLibreOffice, "NKO_SKIP_LIBREOFFICE=1"), .timeLimit(.minutes(5)))
    func libreOfficeShowsEveryValueOfEverySample() throws {
        let work = try Tool.temporaryFolder("nko-forms-lo")
        defer { try? FileManager.default.removeItem(at: work) }
        var expected: [URL: [String]] = [:]
        for form in Self.library.forms {
            let record = try #require(Self.sample(form).records.first)
            let url = work.appendingPathComponent("\(form.id).odt")
            try FormRenderer(form: form).odt(record, date: Self.date).write(to: url)
            expected[url] = Self.shownValues(form, record, inTables: !Self.tooWide.contains(form.id))
            let blank = work.appendingPathComponent("\(form.id)-blank.odt")
            try FormRenderer(form: form).odt(nil, date: Self.date).write(to: blank)
            expected[blank] = []
        }
        let pdfs = try Tool.pdfs(of: Array(expected.keys).sorted { $0.path < $1.path }, work: work)
        // Every word of every value, as poppler places the words on the page: narrow table cells
        // wrap and hyphenate (LibreOffice's Russian hyphenation), so a word may come in two
        // pieces, its first on one line with the hyphen, the rest on the next.
        let words = { (s: String) in
            Set(s.split(whereSeparator: { $0.isWhitespace }).map { $0.filter { !$0.isPunctuation } }.filter { !$0.isEmpty })
        }
        var texts: [URL: String] = [:], lines: [URL: [String]] = [:]
        for (document, values) in expected {
            let pdf = try #require(pdfs[document] ?? nil, "LibreOffice made no PDF of \(document.lastPathComponent)")
            let pdfWords = try Tool.words(ofPDF: pdf)
            let placed = pdfWords.map(\.text)
            texts[document] = placed.joined(separator: " ")
            lines[document] = Dictionary(grouping: pdfWords) { "\($0.page) \(Int($0.yMin.rounded()))" }.values
                .map { $0.sorted { $0.xMin < $1.xMin }.map(\.text).joined(separator: " ") }
            let found = words(texts[document]!)
            let broken = placed.filter { $0.hasSuffix("-") || $0.hasSuffix("\u{AD}") }.map { words($0).first ?? "" }
            func isShown(_ word: String) -> Bool {
                found.contains(word) || broken.contains { word.hasPrefix($0) && found.contains(String(word.dropFirst($0.count))) }
            }
            let missing = values.filter { !words($0).allSatisfy(isShown) }
            #expect(missing.isEmpty, "\(document.lastPathComponent): not in the PDF: \(missing)")
        }
        let squeeze = { (s: String) in s.filter { !$0.isWhitespace } }
        let contract = try #require(texts[work.appendingPathComponent("subsidy-contract.odt")])
        #expect(squeeze(contract).contains(squeeze("1 450 000 (один миллион четыреста пятьдесят тысяч) рублей 00 копеек")))
        // the estimate's total row, in thousands with one decimal
        #expect(lines[work.appendingPathComponent("subsidy-contract.odt")]?.contains("ИТОГО 1450,0 170,0") == true)
    }
}

/// The text of `content.xml` of a package, read back with a real zip reader.
enum ODTContent {
    static func xml(_ package: Data) throws -> String {
        let archive = try Archive(data: package, accessMode: .read)
        let entry = try #require(archive["content.xml"])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }
}
