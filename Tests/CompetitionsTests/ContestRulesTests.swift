import Diagnostics
import Foundation
import RussianText
import Testing
@testable import Competitions

typealias SourceLocation = Diagnostics.SourceLocation

/// Each rule of the commission and each scoring mistake, read from the contest's files and
/// reported where it is written.
@Suite struct ContestRulesTests {
    static let folder = "content/_contests/test"

    /// A valid contest: nine members (one official), three applications, every member scored all.
    struct Files {
        var members: [String] = (1...9).map { n in
            let role = n == 1 ? "chair" : n == 2 ? "deputy" : n == 3 ? "secretary" : "member"
            return "  - {id: m\(n), name: Иванов Иван Иванович, position: эксперт, role: \(role), official: \(n == 1)}"
        }
        var applications = [
            "- {number: \"1\", received: 2025-03-10, organization: a, project: Проект один, request: 500000}",
            "- {number: \"2\", received: 2025-03-11, organization: b, project: Проект два, request: 400000}",
            "- {number: \"3\", received: 2025-03-12, organization: c, project: Проект три, request: 300000}",
        ]
        var scores: [String: [String]] = Dictionary(uniqueKeysWithValues: (1...9).map { n in
            // Ratings 25,0, 24,0 and 23,0: no ties.
            ("m\(n)", [Files.row("1", [5, 4, 4, 4, 4, 4]), Files.row("2", [4, 4, 4, 4, 4, 4]), Files.row("3", [3, 4, 4, 4, 4, 4])])
        })
        var settings = ""

        static func row(_ application: String, _ six: [Int]) -> String {
            "- {application: \"\(application)\", priority: \(six[0]), relevance: \(six[1]), social_efficiency: \(six[2]), "
                + "feasibility: \(six[3]), justification: \(six[4]), economic_efficiency: \(six[5])}"
        }

        var contestText: String {
            "meeting:\n  date: 2025-05-20\n  place: г. Казань\n  number: \"3\"\n" + settings + "commission:\n"
                + members.joined(separator: "\n") + "\n"
        }

        var sources: [SubsidyContestFiles.Source] {
            [SubsidyContestFiles.Source(path: folder + "/contest.yaml", name: "contest.yaml", text: contestText),
             SubsidyContestFiles.Source(path: folder + "/applications.yaml", name: "applications.yaml",
                                        text: applications.joined(separator: "\n") + "\n")]
                + scores.keys.sorted().map { id in
                    SubsidyContestFiles.Source(path: folder + "/scores/\(id).yaml", name: "scores/\(id).yaml",
                                               text: scores[id]!.joined(separator: "\n") + "\n")
                }
        }

        /// The problems of these files: reading, then the rules.
        func problems() -> [Diagnostic] {
            let (contest, problems) = SubsidyContestFiles.read(sources, fund: Money(kopecks: 100_000_000),
                                                               fundAt: SourceLocation(file: "page.md", line: 5),
                                                               cap: Money(kopecks: 50_000_000), capAt: nil, folder: folder)
            guard let contest else { return problems }
            return problems + contest.problems(in: contest.results())
        }
    }

    /// The position of `marker` in `text` of `file` (1-based line and column, in characters).
    static func position(of marker: String, in text: String, file: String) -> SourceLocation {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: marker) {
                return SourceLocation(file: file, line: index + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        Issue.record("«\(marker)» is not in \(file)")
        return SourceLocation(file: file)
    }

    /// Where the commission's list starts: the first «- » under `commission:`.
    static func commission(_ files: Files) -> SourceLocation {
        position(of: "commission:", in: files.contestText, file: folder + "/contest.yaml").shifted(line: 1, column: 2)
    }

    static func only(_ problems: [Diagnostic], _ code: String) -> Diagnostic? {
        let matching = problems.filter { $0.code == code }
        #expect(matching.count == 1, "\(problems.map { "\($0.code): \($0.message)" })")
        return matching.first
    }

    @Test func theValidContestHasNoProblems() {
        let files = Files()
        #expect(files.problems().isEmpty, "\(files.problems().map(\.message))")
    }

    @Test func aMissingSheetIsReportedAtTheMember() {
        var files = Files()
        files.scores["m5"] = nil
        let problem = Self.only(files.problems(), "contest-scores")
        #expect(problem?.message.contains("нет оценочных ведомостей члена комиссии «m5»") == true)
        #expect(problem?.location == Self.position(of: "{id: m5", in: files.contestText, file: Self.folder + "/contest.yaml"))
    }

    @Test func aMissingRowIsReportedAtTheSheet() {
        var files = Files()
        files.scores["m4"] = Array(files.scores["m4"]!.prefix(2))
        let problem = Self.only(files.problems(), "contest-scores")
        #expect(problem?.message == "член комиссии «m4» не оценил заявку № 3")
        #expect(problem?.location == SourceLocation(file: Self.folder + "/scores/m4.yaml"))
    }

    @Test func aScoreOfSixIsReportedAtTheScore() {
        var files = Files()
        files.scores["m2"]![1] = Files.row("2", [4, 4, 6, 4, 4, 4])
        let problem = Self.only(files.problems(), "contest-scores")
        #expect(problem?.message == "оценка «социальная эффективность» заявки № 2 — 6, а оценки ставятся от 0 до 5 баллов")
        let text = files.scores["m2"]!.joined(separator: "\n")
        let row = Self.position(of: "social_efficiency: 6", in: text, file: Self.folder + "/scores/m2.yaml")
        #expect(problem?.location == SourceLocation(file: row.file, line: row.line, column: row.column + "social_efficiency: ".count))
    }

    @Test func aScoreThatIsNotWholeIsAnErrorOfItsValue() {
        var files = Files()
        files.scores["m2"]![0] = Files.row("1", [5, 4, 4, 4, 4, 4]).replacingOccurrences(of: "priority: 5", with: "priority: 4.5")
        let problem = Self.only(files.problems(), "wrong-type")
        #expect(problem?.location?.file == Self.folder + "/scores/m2.yaml")
        #expect(problem?.location?.line == 1)
    }

    @Test func aConflictOfInterestScoredIsAnError() {
        var files = Files()
        files.members[6] = "  - {id: m7, name: Иванов Иван Иванович, position: эксперт, role: member, official: false, conflicts: [\"2\"]}"
        let problem = Self.only(files.problems(), "contest-scores")
        #expect(problem?.message == "член комиссии «m7» заявил о личной заинтересованности в заявке № 2, но оценил её")
        let text = files.scores["m7"]!.joined(separator: "\n")
        #expect(problem?.location == Self.position(of: "{application: \"2\"", in: text, file: Self.folder + "/scores/m7.yaml"))

        // Without the scores of that application the sheet is complete: the member scores nothing for it.
        files.scores["m7"]!.remove(at: 1)
        #expect(files.problems().isEmpty, "\(files.problems().map(\.message))")
    }

    @Test func anEvenNumberOfMembersIsAnError() {
        var files = Files()
        files.members.append("  - {id: m10, name: Иванов Иван Иванович, position: эксперт, role: member, official: false}")
        files.scores["m10"] = files.scores["m9"]
        let problem = Self.only(files.problems(), "contest-commission")
        #expect(problem?.message.contains("10 человек, а число членов должно быть нечетным") == true)
        #expect(problem?.location == Self.commission(files))
    }

    @Test func fewerThanNineMembersIsAnErrorAndMoreThanElevenAWarning() {
        var files = Files()
        files.members.removeLast(2)
        files.scores["m8"] = nil
        files.scores["m9"] = nil
        #expect(Self.only(files.problems(), "contest-commission")?.message.contains("не менее 9") == true)

        var large = Files()
        for n in 10...13 {
            large.members.append("  - {id: m\(n), name: Иванов Иван Иванович, position: эксперт, role: member, official: false}")
            large.scores["m\(n)"] = large.scores["m9"]
        }
        let warning = Self.only(large.problems(), "commission-size")
        #expect(warning?.severity == .warning)
    }

    @Test func officialsAtHalfOrMoreIsAnError() {
        var files = Files()
        for n in 2...5 { files.members[n - 1] = files.members[n - 1].replacingOccurrences(of: "official: false", with: "official: true") }
        let problem = Self.only(files.problems(), "contest-commission")
        #expect(problem?.message.hasPrefix("в комиссии 5 из 9 — лица, замещающие") == true)
        #expect(problem?.location == Self.commission(files))
    }

    @Test func noQuorumIsAnError() {
        var files = Files()
        for n in 5...9 {
            files.members[n - 1] = files.members[n - 1].replacingOccurrences(of: "}", with: ", present: false}")
            files.scores["m\(n)"] = nil
        }
        let problem = Self.only(files.problems(), "contest-commission")
        #expect(problem?.message == "на заседании присутствовали 4 из 9 членов комиссии: нет кворума, заседание неправомочно")
        #expect(problem?.location == Self.commission(files))
    }

    @Test func aRequestAboveTheMaximumIsReportedAtTheRequest() {
        var files = Files()
        files.settings = "max_request: 450000\n"
        let problem = Self.only(files.problems(), "contest-application")
        #expect(problem?.message.contains("в заявке № 1 запрошено \(RussianFormat.money(Money(kopecks: 50_000_000)))") == true)
        let text = files.applications.joined(separator: "\n")
        let at = Self.position(of: "request: 500000", in: text, file: Self.folder + "/applications.yaml")
        #expect(problem?.location == at.shifted(line: 0, column: "request: ".count))
    }

    @Test func aSheetOfSomeoneOutsideTheCommissionIsAnError() {
        var files = Files()
        files.scores["m99"] = files.scores["m1"]
        let problem = Self.only(files.problems(), "contest-scores")
        #expect(problem?.location == SourceLocation(file: Self.folder + "/scores/m99.yaml"))
    }

    @Test func aSecondAdmittedApplicationOfAnOrganisationIsAnError() {
        var files = Files()
        files.applications[2] = files.applications[2].replacingOccurrences(of: "organization: c", with: "organization: a")
        let problem = Self.only(files.problems(), "contest-application")
        #expect(problem?.message == "организация «a» подала заявки № 1 и № 3, и обе допущены")
        let text = files.applications.joined(separator: "\n")
        let at = Self.position(of: "organization: a, project: Проект три", in: text, file: Self.folder + "/applications.yaml")
        #expect(problem?.location == at.shifted(line: 0, column: "organization: ".count))
    }

    /// Ids and numbers name the documents written for them: a path is refused where it is written.
    @Test func aMemberIdOrNumberThatIsNoFileNameIsRefused() {
        var files = Files()
        files.members[3] = files.members[3].replacingOccurrences(of: "id: m4", with: "id: ../m4")
        files.applications[0] = files.applications[0].replacingOccurrences(of: "number: \"1\"", with: "number: \"1/../x\"")
        let problems = files.problems().filter { $0.code == "pattern-mismatch" }
        #expect(problems.map(\.path) == ["commission[4].id", "[1].number"])
        #expect(problems.first?.location == Self.position(of: "../m4", in: files.contestText, file: Self.folder + "/contest.yaml"))
    }

    @Test func aControlCharacterIsRefusedWhereItStands() {
        var files = Files()
        files.applications[1] = files.applications[1].replacingOccurrences(of: "Проект два", with: "Проект\u{7}два")
        let problem = Self.only(files.problems(), "control-character")
        #expect(problem?.location?.file == Self.folder + "/applications.yaml" && problem?.location?.line == 2)
    }

    @Test func crlfLineEndsReadAsLineEnds() {
        var files = Files()
        files.applications = files.applications.map { $0 + "\r" }
        #expect(files.problems().isEmpty, "\(files.problems().map(\.message))")
    }
}

extension SourceLocation {
    func shifted(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: self.line + line, column: self.column + column)
    }
}
