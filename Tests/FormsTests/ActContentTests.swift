import Diagnostics
import DocumentTree
import Foundation
import ODFValidation
import RussianText
import Testing
import TestSupport
import Values
@testable import FormEngine
@testable import Forms

/// Every model act of the portal filled from the demo portal's profile (Республика Татарстан)
/// and from a municipal one (город Набережные Челны): nothing of the model is left — no line to
/// fill, no caption, no alternative, no variant's name, no slot — in the HTML or in the ODT, every
/// ODT is valid ODF 1.3, and LibreOffice opens it.
@Suite struct ActContentTests {
    static let library = ActLibrary.load(root: repositoryRoot)
    static let profiles = ["content/_acts/respublika-tatarstan.yaml", "content/_acts/naberezhnye-chelny.yaml"]
    static let date = CalendarDate(year: 2026, month: 12, day: 5)!

    /// What a filled act must not contain: the model's blanks, slots, variants' names and stamps.
    static let leftovers: [(String, String)] = [
        ("_", "a line to fill"), ("{{", "slot markup"), ("}}", "slot markup"), ("\u{E000}", "a slot placeholder"),
        ("Вариант 1", "a variant's name"), ("Вариант 2", "a variant's name"),
        ("Вариант I", "a variant's name"), ("Методическим рекомендациям", "the model's appendix stamp"),
        ("Модельн", "the word «модельный»"), ("МОДЕЛЬН", "the word «модельный»"),
    ]

    /// An act's alternatives and captions as the model prints them — «государственной
    /// (муниципальной)», «_____ (наименование субъекта …)» — that its text does not also say
    /// outside its slots (where the source means both levels at once). The blanks of forms inside
    /// an act stay lines with their captions.
    static func modelTexts(of act: FormDefinition) throws -> [String] {
        let source = try String(contentsOf: repositoryRoot.appendingPathComponent(act.file), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"\{\{([^{}|:]*)[^{}|]*\|([^{}]*)\}\}"#)
        let range = NSRange(source.startIndex..., in: source)
        let outside = pattern.stringByReplacingMatches(in: source, range: range, withTemplate: " ")
        return pattern.matches(in: source, range: range).compactMap { match -> String? in
            guard let key = Range(match.range(at: 1), in: source), !library.formFields.contains(String(source[key])),
                  let raw = Range(match.range(at: 2), in: source) else { return nil }
            return String(source[raw]).replacingOccurrences(of: "\n", with: " ")
        }.filter { raw in (raw.contains("(") || raw.contains("_")) && raw.contains(" ") && !outside.contains(raw) }
    }

    static func record(_ act: FormDefinition, _ profile: String) throws -> (FormRecord?, [Diagnostic]) {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(profile), encoding: .utf8)
        let tree = try #require(try YAMLReader.read(text))
        let input = ActLibrary.record(act, profile: tree, file: profile)
        return (input.records.first, input.diagnostics)
    }

    /// The words of an HTML page or of `content.xml`, without markup.
    static func text(ofMarkup markup: String) -> String {
        markup.replacingOccurrences(of: "<style>[^<]*</style>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
    }

    @Test func everyModelActIsAnActToFill() {
        #expect(Self.library.diagnostics.isEmpty, "\(DiagnosticFormatter.text(Self.library.diagnostics))")
        let pages = try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot.path + "/content/information/model-acts")
        let ids = (pages ?? []).filter { $0.hasSuffix(".md") && !$0.hasPrefix("_") }.map { String($0.dropLast(3)) }.sorted()
        #expect(Self.library.acts.map(\.id) == ids)
        #expect(ids.count == 13)
    }

    @Test(arguments: profiles)
    func everyActFilledFromTheProfileLeavesNothingOfTheModel(_ profile: String) throws {
        let validator = try ODFValidator(root: repositoryRoot)
        for act in Self.library.acts {
            let (record, problems) = try Self.record(act, profile)
            #expect(!problems.contains { $0.severity == .error }, "\(act.id): \(DiagnosticFormatter.text(problems))")
            let filled = try #require(record, "\(act.id)")
            let renderer = FormRenderer(form: act)
            let odt = try renderer.odt(filled, date: Self.date)
            let invalid = validator.validate(odt)
            #expect(invalid.isEmpty, "\(act.id): \(invalid.map(\.description).joined(separator: "\n"))")
            for (output, text) in [("HTML", Self.text(ofMarkup: renderer.html(filled))),
                                   ("ODT", Self.text(ofMarkup: try ODTContent.xml(odt)))] {
                for (leftover, what) in Self.leftovers + (try Self.modelTexts(of: act)).map({ ($0, "the model's text") }) {
                    guard let found = text.range(of: leftover) else { continue }
                    let start = text.index(found.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
                    Issue.record("\(act.id) (\(profile)), \(output): \(what) «\(leftover)» left: …\(text[start..<found.upperBound])")
                }
            }
        }
    }

    @Test(.enabled(if: !Tool.skipLibreOffice, "NKO_SKIP_LIBREOFFICE=1"), .timeLimit(.minutes(5)))
    func libreOfficeOpensEveryFilledAct() throws {
        let work = try Tool.temporaryFolder("nko-acts-lo")
        defer { try? FileManager.default.removeItem(at: work) }
        // Each document with the profile's values its text prints (alternatives aside: they print their own words).
        var expected: [URL: [String]] = [:]
        for profile in Self.profiles {
            for act in Self.library.acts {
                let record = try #require(try Self.record(act, profile).0)
                let url = work.appendingPathComponent("\(act.id)-\(profile.split(separator: "/").last!.dropLast(5)).odt")
                try FormRenderer(form: act).odt(record, date: Self.date).write(to: url)
                expected[url] = act.slotPaths.values.filter { path in
                    if case .choice? = FormData.lookup(path, in: record.values) { return false }
                    return true
                }.compactMap { record.text(at: $0) }
            }
        }
        let texts = try Tool.pdfTexts(of: expected.keys.sorted { $0.path < $1.path }, work: work)
        let squeeze = { (s: String) in s.replacingOccurrences(of: "-\n", with: "").filter { !$0.isWhitespace } }
        for (document, values) in expected {
            let text = squeeze(try #require(texts[document] ?? nil, "LibreOffice made no PDF of \(document.lastPathComponent)"))
            #expect(text.count > 500, "\(document.lastPathComponent): only \(text.count) characters in the PDF")
            let missing = values.filter { !text.contains(squeeze($0)) }
            #expect(missing.isEmpty, "\(document.lastPathComponent): not in the PDF: \(missing)")
        }
    }
}
