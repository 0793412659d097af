import Foundation
import ODFValidation
import RussianText
import Testing
import TestSupport
@testable import Site

/// The demo portal's law: the five sources built with the real content, templates and writers.
@Suite(.serialized) struct LawTests {
    /// One build of the repository's own portal for all tests of this suite. Whether it succeeded
    /// is a test of its own: a failure in a static initialiser would stop the whole test run.
    static let build: (site: URL, report: BuildReport) = {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("nko-law-\(UUID().uuidString)")
        let report = SiteBuilder.run(BuildOptions(root: repository, output: out, now: CalendarDate(year: 2026, month: 11, day: 23)!,
                                                  jobs: 2, strict: false, write: true))
        return (out, report)
    }()
    static var site: URL { build.site }

    @Test func theDemoPortalBuildsWithoutAMessage() {
        // No message at all, but for a missing Pagefind when the tests run outside `make test`.
        let report = Self.build.report
        #expect(report.published && report.diagnostics.allSatisfy { $0.code == "search-tool" }, "\(report.diagnostics)")
    }

    static let legalPages = ["regulations/km-rt-proekt-reglament-resursnye-tsentry",
                             "regulations/km-rt-289-2021-tsentr-upravleniia-regionom",
                             "regulations/tambov-145-r-2011-plan", "regulations/smolensk-dorozhnaia-karta-nko",
                             "information/methods/metodicheskie-rekomendatsii-sonko"]

    /// A page's HTML without the soft hyphens of its table cells (the hyphenation has its own tests).
    static func page(_ path: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(path + "/index.html"), encoding: .utf8)
            .replacingOccurrences(of: "\u{AD}", with: "")
    }

    static func ids(_ html: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: #" id="([^"]+)""#)
        return Set(regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]) }
        })
    }

    static func sourceLines(_ name: String) throws -> [String] {
        try String(contentsOf: repository.appendingPathComponent("content/_sources/" + name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static var allPages: [String] {
        let enumerator = FileManager.default.enumerator(atPath: site.path)!
        return (enumerator.allObjects as! [String]).filter { $0.hasSuffix(".html") }.sorted()
    }

    @Test func everyPointOf000And002HasItsAnchor() throws {
        for (source, page) in [("000_a039d0c9a7d02be1.txt", "regulations/km-rt-proekt-reglament-resursnye-tsentry"),
                               ("002_b68f4d24cf344257.txt", "regulations/km-rt-289-2021-tsentr-upravleniia-regionom")] {
            let ids = Self.ids(try Self.page(page))
            var points: [String] = []
            for line in try Self.sourceLines(source) {
                let text = line.replacingOccurrences(of: #"^\[bookmark: [^\]]*\]"#, with: "", options: .regularExpression)
                guard let r = text.range(of: #"^\d+(\.\d+)+\.?\s"#, options: .regularExpression)
                        ?? text.range(of: #"^\d+\.\s"#, options: .regularExpression) else { continue }
                var number = String(text[r]).trimmingCharacters(in: .whitespaces)
                if number.hasSuffix(".") { number.removeLast() }
                points.append(number)
            }
            #expect(points.count > 15, "\(source): \(points.count) points")
            for point in points {
                #expect(ids.contains { $0 == "p-\(point)" || $0.hasSuffix("-p-\(point)") }, "\(page): no anchor for point \(point)")
            }
        }
    }

    @Test func everyArticleOfTheModelLawHasItsAnchor() throws {
        let ids = Self.ids(try Self.page("information/model-acts/prilozhenie-1-model-law-podderzhka-sonko"))
        let lines = try Self.sourceLines("001_298874238980ace6.txt")[531..<752]
        let articles = lines.compactMap { line -> String? in
            guard let r = line.range(of: #"^Статья \d+"#, options: .regularExpression) else { return nil }
            return String(line[r].dropFirst("Статья ".count))
        }
        #expect(articles.count == 13)
        for article in articles { #expect(ids.contains("st-\(article)"), "no anchor st-\(article)") }
    }

    @Test func everyInDocumentLinkResolves() throws {
        var links = 0
        for path in Self.allPages {
            let html = try String(contentsOf: Self.site.appendingPathComponent(path), encoding: .utf8)
            let ids = Self.ids(html)
            let regex = try NSRegularExpression(pattern: ##"href="#([^"]+)""##)
            for m in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let target = String(html[Range(m.range(at: 1), in: html)!])
                links += 1
                #expect(ids.contains(target), "\(path): #\(target) leads nowhere")
            }
        }
        #expect(links > 100, "the law has links between its units: \(links)")
        // The references of the issue, as they read on the page.
        let html002 = try Self.page("regulations/km-rt-289-2021-tsentr-upravleniia-regionom")
        #expect(html002.contains("абзацем вторым пункта <a href=\"#pril-1-p-3.3-abz-2\">3.3</a> настоящего Положения"))
        #expect(html002.contains("пунктом <a href=\"#pril-1-p-3.4\">3.4</a> настоящего Положения"))
        let html003 = try Self.page("regulations/tambov-145-r-2011-plan")
        #expect(html003.contains("<a href=\"#pril-1-p-1.3\">1.3</a>"))
    }

    @Test func noExportArtifactSurvivesAsText() throws {
        for path in Self.allPages {
            let html = try String(contentsOf: Self.site.appendingPathComponent(path), encoding: .utf8)
            for artifact in ["[bookmark:", "](#)", "**", "\\_", "&lt;br&gt;", "&lt;p&gt;", "&lt;b&gt;", "{{", "}}", ":::"] {
                #expect(!html.contains(artifact), "\(path) shows «\(artifact)»")
            }
        }
    }

    /// Every «(далее – …)» of the regulations, in their text and in their plans' tables alike, is a
    /// term of the page's glossary, linked to where it is defined.
    @Test func theGlossariesHoldEveryDefinitionOfTheRegulations() throws {
        var definitions = 0
        for page in Self.legalPages where page.hasPrefix("regulations/") {
            let source = try String(contentsOf: repositoryRoot.appendingPathComponent("content/\(page).md"), encoding: .utf8)
            // the terms as the source defines them: «(далее - проектный офис, проект ЦУР)» defines two
            let defined = try Regex(#"\(далее\s*[-–—]\s*([^()]+)\)"#)
            var expected: [String] = []
            for match in source.matches(of: defined) {
                definitions += 1
                for term in String(match.output[1].substring ?? "").components(separatedBy: ", ") where !expected.contains(term) {
                    expected.append(term)
                }
            }
            let html = try Self.page(page)
            let start = try #require(html.range(of: "<ul class=\"glossary__list\">"), "\(page): no glossary")
            let list = html[start.upperBound..<(try #require(html[start.upperBound...].range(of: "</ul>"))).lowerBound]
            let items = list.components(separatedBy: "<li>").dropFirst()
            #expect(items.allSatisfy { $0.hasPrefix("<a href=\"#") }, "\(page): a term without its place")
            let terms = items.map {
                $0.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression).trimmingCharacters(in: .whitespacesAndNewlines)
                    .replacingOccurrences(of: "&quot;", with: "\"")
            }
            #expect(terms.sorted() == expected.sorted(), "\(page)")
        }
        #expect(definitions == 21)
    }

    @Test func plansAreTablesWithTheirRows() throws {
        let tambov = try Self.page("regulations/tambov-145-r-2011-plan")
        #expect(tambov.contains("<th scope=\"col\">Срок реализации</th>"))
        #expect(tambov.components(separatedBy: "class=\"table-section\"").count - 1 == 8)
        for item in ["1.5.1", "4.1.7", "2.5"] { #expect(Self.ids(tambov).contains("pril-1-p-\(item)"), "row \(item)") }
        let smolensk = try Self.page("regulations/smolensk-dorozhnaia-karta-nko")
        #expect(smolensk.components(separatedBy: "class=\"table-section\"").count - 1 == 9)
        #expect(smolensk.contains("Замечание портала: Соответствие мероприятий и исполнителей"))
        let composition = try Self.page("regulations/km-rt-289-2021-tsentr-upravleniia-regionom")
        #expect(composition.contains("Члены проектного офиса:"))
        #expect(composition.contains("(по согласованию)</td>"))
    }

    @Test func everyLegalDocumentHasAValidODT() throws {
        let validator = try ODFValidator(root: repository)
        let odts = Self.allPages.map { ($0 as NSString).deletingLastPathComponent }
            .flatMap { dir in
                ((try? FileManager.default.contentsOfDirectory(atPath: Self.site.appendingPathComponent(dir).path)) ?? [])
                    .filter { $0.hasSuffix(".odt") && !Self.isFormFile($0) }.map { dir + "/" + $0 }
            }
        #expect(Set(odts).count == 18, "4 regulations, the methodological material and 13 model acts")
        for odt in Set(odts).sorted() {
            let data = try Data(contentsOf: Self.site.appendingPathComponent(odt))
            let problems = validator.validate(data)
            #expect(problems.isEmpty, "\(odt): \(problems.prefix(5))")
            let page = try String(contentsOf: Self.site.appendingPathComponent((odt as NSString).deletingLastPathComponent + "/index.html"),
                                  encoding: .utf8)
            #expect(page.contains("Скачать в формате ODT"))
        }
    }

    /// The blank and the sample of a form page (`subsidy-contract-blank.odt`), not a legal text.
    static func isFormFile(_ name: String) -> Bool {
        name.hasSuffix("-blank.odt") || name.hasSuffix("-sample.odt")
    }

    /// Every form of the library has a page under «Документы» with its blank (ODT and HTML) and its sample.
    @Test func everyFormHasAPageWithItsBlankAndSample() throws {
        let validator = try ODFValidator(root: repository)
        let pages = Self.allPages.filter { $0.hasPrefix("information/documents/") && $0.hasSuffix("/index.html") && $0 != "information/documents/index.html" }
        let forms = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("content/_forms").path)
            .filter { FileManager.default.fileExists(atPath: repository.appendingPathComponent("content/_forms/\($0)/form.yaml").path) }
        #expect(pages.count == forms.count && forms.count >= 14)
        for page in pages {
            let dir = (page as NSString).deletingLastPathComponent
            let files = try FileManager.default.contentsOfDirectory(atPath: Self.site.appendingPathComponent(dir).path)
            let odts = files.filter { $0.hasSuffix(".odt") }.sorted()
            #expect(odts.count == 2 && odts.allSatisfy(Self.isFormFile), "\(dir): \(files)")
            for odt in odts {
                let problems = validator.validate(try Data(contentsOf: Self.site.appendingPathComponent(dir + "/" + odt)))
                #expect(problems.isEmpty, "\(odt): \(problems.prefix(3))")
            }
            let html = try String(contentsOf: Self.site.appendingPathComponent(page), encoding: .utf8)
            #expect(html.contains("Бланк в формате ODT") && html.contains("Пример заполнения") && html.contains("<code>"))
        }
    }

    /// LibreOffice opens every document; in the largest pdftotext finds headings and table cells.
    @Test(.enabled(if: !Tool.skipLibreOffice, "NKO_SKIP_LIBREOFFICE=1"))
    func libreOfficeOpensTheLargestDocuments() throws {
        let checks: [(String, [String])] = [
            ("information/model-acts/prilozhenie-4-pravila-predostavleniia-imushchestva/prilozhenie-4-pravila-predostavleniia-imushchestva.odt",
             ["ПРАВИЛА", "Извещение"]),
            ("information/model-acts/prilozhenie-2-finansovaia-podderzhka/prilozhenie-2-finansovaia-podderzhka.odt",
             ["СМЕТА НА РЕАЛИЗАЦИЮ ПРОГРАММЫ", "ИТОГО"]),
            ("regulations/tambov-145-r-2011-plan/tambov-145-r-2011-plan.odt", ["Срок реализации", "Отчёт"]),
            ("information/methods/metodicheskie-rekomendatsii-sonko/metodicheskie-rekomendatsii-sonko.odt",
             ["Методические рекомендации органам государственной власти", "Финансовая поддержка"]),
        ]
        let work = try Tool.temporaryFolder("nko-lo")
        defer { try? FileManager.default.removeItem(at: work) }
        // Every ODT of the portal in one LibreOffice run.
        let odts = Set(Self.allPages.map { Self.site.appendingPathComponent(($0 as NSString).deletingLastPathComponent) }
            .flatMap { dir in
                ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
                    .filter { $0.hasSuffix(".odt") && !Self.isFormFile($0) }.map { dir.appendingPathComponent($0) }
            })
        #expect(odts.count == 18)
        let texts = try Tool.pdfTexts(of: odts.sorted { $0.path < $1.path }, work: work)
        for odt in odts { #expect(texts[odt] ?? nil != nil, "LibreOffice made no PDF of \(odt.lastPathComponent)") }
        for (odt, expected) in checks {
            let extracted = (texts[Self.site.appendingPathComponent(odt)] ?? nil) ?? ""
            for phrase in expected { #expect(extracted.contains(phrase), "\(odt): «\(phrase)» not in the PDF") }
        }
    }
}
