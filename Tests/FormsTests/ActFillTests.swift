import Diagnostics
import DocumentTree
import Foundation
import Testing
import TestSupport
import Values
@testable import FormEngine
@testable import Forms

/// How a model act is filled from a profile, on a small portal made for each test: slots by
/// case, alternatives by level, variants, parameters with recommended ranges, and what is
/// missing — each reported at its place.
@Suite struct ActFillTests {
    static let definition = """
        acts: acts
        fields:
          - name: level
            type: enum
            required: true
            choices: [{value: region, label: субъект}, {value: municipality, label: муниципалитет}]
          - name: region
            type: object
            fields: [{name: nominative, type: string}, {name: genitive, type: string}]
          - name: municipality
            type: object
            fields: [{name: nominative, type: string}, {name: genitive, type: string}]
          - name: commission
            type: enum
            choices: [{value: '1', label: состав утверждается актом}, {value: '2', label: состав утверждает орган}]
          - {name: commission_size, label: Число членов комиссии, type: integer}
          - {name: act_date, type: date}
        computed:
          - {name: subject_genitive, type: string, value: "if(level == 'municipality', municipality.genitive, region.genitive)"}
        rules:
          - check: commission_size >= 9 and commission_size <= 11
            field: commission_size
            severity: warning
            message: рекомендуется комиссия из 9–11 человек, а указано {commission_size}

        """

    static let act = """
        ---
        title: Модельный акт
        ---

        ## {{model|МОДЕЛЬНЫЙ }}ПОРЯДОК

        ::: guidance

        Приложение к Методическим рекомендациям

        :::

        1\\. Субсидии из бюджета {{subject:genitive|_____ (наименование субъекта Российской Федерации или муниципального образования)}} предоставляются организациям {{level:region=государственной;municipality=муниципальной|государственной (муниципальной)}} поддержки.

        ::: variant commission=1 Вариант 1

        Вариант 1:

        2\\. Состав комиссии утверждается настоящим актом.

        :::

        ::: variant commission=2 Вариант 2

        Вариант 2:

        2\\. Состав комиссии из {{commission-size|__}} человек утверждает {{region:nominative|_____}}.

        :::

        3\\. Акт вступает в силу {{act-date|«__» ____ 20__ г.}}.

        """

    static let profile = """
        level: region
        region:
          nominative: Республика Татарстан
          genitive: Республики Татарстан
        commission: '2'
        commission_size: 10
        act_date: 2027-01-01

        """

    /// A portal with the definition and the act; the library loaded from it.
    static func library(definition: String = definition, act: String = act) throws -> ActLibrary {
        let root = try Tool.temporaryFolder("nko-acts")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/_acts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/acts"), withIntermediateDirectories: true)
        try definition.write(to: root.appendingPathComponent("content/_acts/profile.yaml"), atomically: true, encoding: .utf8)
        try act.write(to: root.appendingPathComponent("content/acts/model.md"), atomically: true, encoding: .utf8)
        return ActLibrary.load(root: root)
    }

    static func fill(_ profile: String, act: String = act) throws -> (text: String?, problems: [Diagnostic]) {
        let library = try library(act: act)
        #expect(library.diagnostics.isEmpty, "\(DiagnosticFormatter.text(library.diagnostics))")
        let form = try #require(library.act("model"))
        let tree = try #require(try YAMLReader.read(profile))
        let input = ActLibrary.record(form, profile: tree, file: "profile.yaml")
        let text = input.records.first.map { lines(FormRenderer(form: form).document($0).blocks).joined(separator: "\n") }
        return (text, input.diagnostics)
    }

    /// The lines of the filled text: headings and paragraphs, containers opened.
    static func lines(_ blocks: [Block]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .heading(let h): [h.content.plainText]
            case .paragraph(let p): [p.content.plainText]
            case .container(let c): ["[\(c.kind.rawValue)]"] + lines(c.blocks)
            default: []
            }
        }
    }

    @Test func aProfileFillsEveryBlankOfTheChosenText() throws {
        let (text, problems) = try Self.fill(Self.profile)
        #expect(problems.isEmpty, "\(DiagnosticFormatter.text(problems))")
        #expect(text?.replacingOccurrences(of: "\u{00A0}", with: " ") == """
            ПОРЯДОК
            1. Субсидии из бюджета Республики Татарстан предоставляются организациям государственной поддержки.
            2. Состав комиссии из 10 человек утверждает Республика Татарстан.
            3. Акт вступает в силу «01» января 2027 г.
            """)
    }

    @Test func theLevelChoosesTheAlternativeAndTheAdoptingBody() throws {
        let municipal = Self.profile.replacingOccurrences(of: "level: region", with: """
            level: municipality
            municipality:
              nominative: город Набережные Челны
              genitive: города Набережные Челны
            """)
        let text = try #require(try Self.fill(municipal).text)
        #expect(text.contains("Субсидии из бюджета города Набережные Челны предоставляются организациям муниципальной поддержки."))
    }

    @Test func aVariantSwitchChangesExactlyTheVariantsText() throws {
        let second = try #require(try Self.fill(Self.profile).text).split(separator: "\n")
        let first = try #require(try Self.fill(Self.profile.replacingOccurrences(of: "commission: '2'", with: "commission: '1'")).text)
            .split(separator: "\n")
        #expect(first.count == second.count)
        let changed = zip(first, second).filter { $0 != $1 }
        #expect(changed.map(\.0) == ["2. Состав комиссии утверждается настоящим актом."])
        #expect(changed.map(\.1) == ["2. Состав комиссии из 10 человек утверждает Республика Татарстан."])
    }

    @Test func aParameterOutsideItsRangeWarnsAtItsPositionInTheProfile() throws {
        let (text, problems) = try Self.fill(Self.profile.replacingOccurrences(of: "commission_size: 10", with: "commission_size: 15"))
        #expect(text != nil, "a warning does not stop the act")
        let warning = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.location?.description == "profile.yaml:6:18")
        #expect(warning.message.contains("9–11") && warning.message.contains("15"))
    }

    @Test func aMissingValueFailsNamingItAndWhereTheActUsesIt() throws {
        let (text, problems) = try Self.fill(Self.profile.replacingOccurrences(of: "commission_size: 10\n", with: ""))
        #expect(text == nil, "no act is written")
        let error = try #require(problems.first { $0.severity == .error })
        #expect(error.code == "act-value-missing")
        #expect(error.message.contains("«Число членов комиссии» (commission_size)"))
        #expect(error.message.contains("content/acts/model.md:27:24"), "\(error.message)")
    }

    @Test func aValueOfAnUnchosenVariantIsNotAsked() throws {
        let first = Self.profile.replacingOccurrences(of: "commission: '2'", with: "commission: '1'")
            .replacingOccurrences(of: "commission_size: 10\n", with: "")
        #expect(try Self.fill(first).problems.isEmpty)
    }

    @Test func aMissingCaseOfANameIsReportedWhereTheNameIs() throws {
        let (_, problems) = try Self.fill(Self.profile.replacingOccurrences(of: "  nominative: Республика Татарстан\n", with: ""))
        let error = try #require(problems.first)
        #expect(error.location?.description == "profile.yaml:3:3")
        #expect(error.message.contains("(region.nominative)"))
    }

    @Test func aValueWithUnderscoresIsStillABlank() throws {
        let (_, problems) = try Self.fill(Self.profile.replacingOccurrences(of: "genitive: Республики Татарстан", with: "genitive: ________"))
        #expect(problems.map(\.code) == ["act-value-blank"])
    }

    @Test func anUnknownKeyOrCaseOfTheActIsAnErrorAtItsPlace() throws {
        let library = try Self.library(act: "---\ntitle: Акт\n---\n\nТекст {{regoin:genitive|___}} и {{region:dative|___}}.\n")
        #expect(library.acts.isEmpty)
        let problems = library.diagnostics.map { "\($0.location?.description ?? "") \($0.message)" }
        #expect(problems == [
            "content/acts/model.md:5:7 пропуск «regoin»: в профиле нет такого значения",
            "content/acts/model.md:5:33 пропуск «region:dative»: у значения «region» нет такого падежа",
        ])
    }

    @Test func anAlternativeNamesOnlyValuesOfItsChoice() throws {
        let library = try Self.library(act: "---\ntitle: Акт\n---\n\n{{level:region=а;state=б|а (б)}}\n")
        #expect(library.diagnostics.map(\.message) == ["у поля «level» нет значения «state»"])
    }

    @Test func theEngineOfThePageFillsTheActAsTheLibraryDoes() throws {
        let form = try #require(try Self.library().act("model"))
        let engine = try PageEngine(definition: form.json)
        let answers = try PageEngineTests.answers(PageEngine.read(Self.profile, json: false))
        let tree = try #require(try YAMLReader.read(Self.profile))
        let record = try #require(ActLibrary.record(form, profile: tree, file: "profile.yaml").records.first)
        let rendered = try PageEngineTests.object(engine.render(answers, date: "2026-12-05", odt: false))
        #expect(rendered["html"] as? String == FormRenderer(form: form).html(record))
    }
}
