import RussianText
import Foundation
import Markup
import ODFPackage
import ODFValidation
import Testing

/// The validator passes what the writer makes, and it can fail: each rule has a package that breaks it.
@Suite struct ValidationTests {
    let validator: ODFValidator
    let package: Data

    init() throws {
        validator = try makeValidator()
        package = try ODFWriter(baseURL: URL(string: "https://nko.tatarstan.ru/regulations/polozhenie/"))
            .write(Fixtures.regulation, metadata: Fixtures.metadata)
    }

    @Test func everyKindOfBlockAndInlineIsValid() {
        #expect(validator.validate(package) == [])
    }

    @Test func legalMarkdownThroughTheParserIsValid() throws {
        let parsed = Markdown.parse(Fixtures.legalMarkdown)
        #expect(parsed.problems == [])
        let package = try ODFWriter().write(parsed.document, metadata: Fixtures.metadata)
        #expect(validator.validate(package) == [])
    }

    @Test func anEmptyDocumentIsValid() throws {
        let package = try ODFWriter().write(Document(blocks: []), metadata: ODFMetadata(title: "", creationDate: CalendarDate(iso: "1970-01-01")!))
        #expect(validator.validate(package) == [])
    }

    @Test func aBadLanguageTagFallsBackInsteadOfBreakingThePackage() throws {
        let metadata = ODFMetadata(title: "x", language: "<ru RU>", creationDate: Fixtures.creationDate)
        let package = try ODFWriter().write(Fixtures.regulation, metadata: metadata)
        #expect(validator.validate(package) == [])
        #expect(try Fixtures.part("meta.xml", of: package).contains("<dc:language>ru-RU</dc:language>"))
    }

    @Test func anElementTheSchemaDoesNotKnowFails() throws {
        let content = try Fixtures.part("content.xml", of: package)
            .replacingOccurrences(of: "<text:h text:style-name=\"Heading_20_3\"", with: "<text:heading text:style-name=\"Heading_20_3\"")
            .replacingOccurrences(of: "I. Общие положения</text:h>", with: "I. Общие положения</text:heading>")
        let problems = validator.validate(try ZIPRewriter.rewrite(package, replacing: "content.xml", with: content))
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.part == "content.xml" })
        // The message points at the line of the bad element.
        let line = content.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<text:heading") }! + 1
        #expect(problems.contains { $0.line == line }, "\(problems)")
    }

    @Test func contentThatIsNotWellFormedFails() throws {
        let content = try Fixtures.part("content.xml", of: package).replacingOccurrences(of: "</office:text>", with: "")
        let problems = validator.validate(try ZIPRewriter.rewrite(package, replacing: "content.xml", with: content))
        #expect(problems.contains { $0.part == "content.xml" && $0.line != nil }, "\(problems)")
    }

    @Test func aBadStyleValueFails() throws {
        let styles = try Fixtures.part("styles.xml", of: package).replacingOccurrences(of: "fo:font-size=\"14pt\"", with: "fo:font-size=\"large\"")
        let problems = validator.validate(try ZIPRewriter.rewrite(package, replacing: "styles.xml", with: styles))
        #expect(problems.contains { $0.part == "styles.xml" }, "\(problems)")
    }

    @Test func aBadCreationDateFails() throws {
        let meta = try Fixtures.part("meta.xml", of: package).replacingOccurrences(of: "2026-11-23T00:00:00Z", with: "23.11.2026")
        let problems = validator.validate(try ZIPRewriter.rewrite(package, replacing: "meta.xml", with: meta))
        #expect(problems.contains { $0.part == "meta.xml" }, "\(problems)")
    }

    @Test func aManifestThatMissesAPartFails() throws {
        let manifest = try Fixtures.part("META-INF/manifest.xml", of: package)
            .replacingOccurrences(of: "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n", with: "")
        let problems = validator.validate(try ZIPRewriter.rewrite(package, replacing: "META-INF/manifest.xml", with: manifest))
        #expect(problems == [ODFProblem(part: "META-INF/manifest.xml", message: "does not list «styles.xml»")])
    }

    @Test func aManifestEntryWithoutMediaTypeFailsTheManifestSchema() throws {
        let manifest = try Fixtures.part("META-INF/manifest.xml", of: package)
            .replacingOccurrences(of: "manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"", with: "manifest:full-path=\"meta.xml\"")
        let problems = validator.validate(try ZIPRewriter.rewrite(package, replacing: "META-INF/manifest.xml", with: manifest))
        #expect(problems.contains { $0.part == "META-INF/manifest.xml" && $0.line != nil }, "\(problems)")
    }

    @Test func aWrongMediaTypeFails() throws {
        let broken = try ZIPRewriter.rewrite(package, replacing: "mimetype", with: "application/vnd.oasis.opendocument.spreadsheet")
        let problems = validator.validate(broken)
        #expect(problems.contains { $0.part == "mimetype" }, "\(problems)")
        #expect(problems.contains { $0.part == "META-INF/manifest.xml" } == false)
    }

    @Test func aCompressedMimetypeFails() throws {
        let archive = try ZIPRewriter.rewrite(package, compressMimetype: true)
        #expect(validator.validate(archive).contains { $0.part == "mimetype" && $0.message.contains("compressed") })
    }

    @Test func aMimetypeThatIsNotFirstFails() throws {
        let archive = try ZIPRewriter.rewrite(package, order: ["META-INF/manifest.xml", "mimetype", "content.xml", "styles.xml", "meta.xml"])
        let problems = validator.validate(archive)
        #expect(problems.contains { $0.part == "package" && $0.message.contains("mimetype") }, "\(problems)")
    }

    @Test func aMissingPartFails() throws {
        let archive = try ZIPRewriter.rewrite(package, order: ["mimetype", "META-INF/manifest.xml", "content.xml", "styles.xml"])
        let problems = validator.validate(archive)
        #expect(problems.contains(ODFProblem(part: "meta.xml", message: "missing from the package")))
        #expect(problems.contains(ODFProblem(part: "META-INF/manifest.xml", message: "lists «meta.xml», which is not in the package")))
    }

    @Test func somethingThatIsNotAZipFails() {
        #expect(!validator.validate(Data("<office:document/>".utf8)).isEmpty)
    }

    @Test func withoutSchemasTheValidatorRefusesToRun() {
        #expect(throws: ODFValidatorError.self) {
            try ODFValidator(schemaDirectory: URL(fileURLWithPath: "/nonexistent/odf-1.3"))
        }
    }

    @Test func oneValidatorServesSeveralThreads() async throws {
        let validator = self.validator
        let package = self.package
        let results = await withTaskGroup(of: [ODFProblem].self) { group in
            for _ in 0..<4 { group.addTask { validator.validate(package) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: [], count: 4))
    }
}
