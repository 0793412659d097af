import Competitions
import Foundation
import ODFValidation
import RussianText
import Testing
import TestSupport
import Values
@testable import Site

/// The demo subsidy contest end to end: its data checked, the results computed once and shown
/// alike on its page and in its open data, its papers valid ODF that LibreOffice opens.
@Suite(.serialized) struct ContestTests {
    static let slug = "subsidii-sonko-2025"
    static var site: URL { LawTests.site }

    static func report() throws -> ContestReport {
        let report = ContestReport.load(root: repository, contest: slug)
        #expect(report.problems.isEmpty, "\(report.problems)")
        _ = try #require(report.results)
        return report
    }

    /// Cells of the rows of the first table in `html` after `marker`, tags stripped.
    static func rows(_ html: String, after marker: String) throws -> [[String]] {
        let start = try #require(html.range(of: marker)).upperBound
        let body = html[start...]
        let table = String(body[..<(try #require(body.range(of: "</tbody>"))).lowerBound])
        return table.components(separatedBy: "<tr>").dropFirst(2).map { row in
            row.components(separatedBy: "</t").dropLast().map { cell in
                // the text a reader reads: without the soft hyphens the build puts into long cells
                cell.replacingOccurrences(of: "<[^>]+>|\u{AD}", with: "", options: .regularExpression)
                    .replacingOccurrences(of: "^[dh]>", with: "", options: .regularExpression)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
    }

    @Test func theDemoContestHasNineMembersAndSixAdmittedApplications() throws {
        let report = try Self.report()
        let contest = try #require(report.contest)
        #expect(contest.members.count == 9)
        #expect(contest.applications.count >= 6 && report.results!.ranking.count >= 6)
        // Every computed amount within the cap and the fund.
        let results = report.results!
        #expect(results.ranking.allSatisfy { $0.amount <= results.cap! })
        #expect(results.allocated <= results.fund)
    }

    @Test func thePageShowsTheComputedResults() throws {
        let report = try Self.report()
        let html = try String(contentsOf: Self.site.appendingPathComponent("contests/\(Self.slug)/index.html"), encoding: .utf8)
        #expect(html.contains("Пример.</strong>"), "the demo contest is marked as such")
        let rows = try Self.rows(html, after: "id=\"contest-results-caption\"")
        let ranking = report.results!.ranking
        #expect(rows.count == ranking.count)
        for (row, entry) in zip(rows, ranking) {
            let organization = report.organizations[entry.application.organization]!
            #expect(row[0] == String(entry.rank))
            #expect(row[1] == organization.title)
            #expect(row[3] == ValueFormat.tenths(entry.rating))
            #expect(row[4].hasPrefix(entry.amount.kopecks == 0 ? "—" : RussianFormat.money(entry.amount)), "\(row[4])")
        }
        // The organisation's and the project's pages are linked.
        let first = ranking[0].application
        #expect(html.contains("href=\"/organizations/\(first.organization)/\""))
        if let page = first.projectPage { #expect(html.contains("href=\"/projects/\(page)/\"")) }
        // The organisation's page lists the support it received.
        let organizationPage = try String(contentsOf: Self.site.appendingPathComponent("organizations/\(first.organization)/index.html"),
                                          encoding: .utf8)
        #expect(organizationPage.contains("Полученная поддержка"))
        #expect(organizationPage.contains(RussianFormat.money(ranking[0].amount)))
    }

    @Test func theOpenDataAgreeWithTheComputedResults() throws {
        let report = try Self.report()
        let folder = Self.site.appendingPathComponent("contests/\(Self.slug)")
        let csv = try String(contentsOf: folder.appendingPathComponent("results.csv"), encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines[0].components(separatedBy: ",")
        #expect(header == ContestResultsOutput.columns.map(\.name))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("results.json"))) as! [[String: Any]]
        let ranking = report.results!.ranking
        #expect(json.count == ranking.count && lines.count == ranking.count + 1)
        for (record, entry) in zip(json, ranking) {
            let organization = report.organizations[entry.application.organization]!
            #expect(record["rank"] as? Int == entry.rank)
            #expect(record["application"] as? String == entry.application.number)
            #expect(record["recipient_inn"] as? String == { if case let .string(s)? = organization.values["inn"] { s } else { "" } }())
            #expect((record["amount"] as? NSNumber)?.decimalValue == Decimal(string: entry.amount.description))
            #expect((record["rating"] as? NSNumber)?.decimalValue == Decimal(string: entry.rating.description))
        }
        for (line, entry) in zip(lines.dropFirst(), ranking) {
            #expect(line.contains("," + entry.amount.description + ",RUB,"), "\(line)")
        }
        let package = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("datapackage.json"))) as! [String: Any]
        let resources = package["resources"] as! [[String: Any]]
        #expect(resources.map { $0["path"] as? String } == ["results.csv", "results.json"])
    }

    @Test func thePapersAreValidODFAndOpenInLibreOffice() throws {
        let work = try Tool.temporaryFolder("contest-papers")
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try Tool.run(Tool.nko, ["contest", "documents", Self.slug, "--root", repository.path, "--out", work.path,
                                          "--now", "2026-11-23"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.report()
        let files = try FileManager.default.contentsOfDirectory(at: work, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "odt" }.sorted { $0.path < $1.path }
        // A sheet per member and application scored, a summary sheet per application, the
        // consolidated sheet, the protocol and the notice of results.
        let sheets = report.contest!.sheets.reduce(0) { $0 + $1.rows.count }
        #expect(files.count == sheets + report.results!.ranking.count + 3)
        let validator = try ODFValidator(root: repository)
        for file in files {
            #expect(try validator.validate(Data(contentsOf: file)).isEmpty, "\(file.lastPathComponent)")
        }
        guard !Tool.skipLibreOffice else { return }
        let texts = try Tool.pdfTexts(of: files, work: work)
        for file in files {
            #expect((texts[file] ?? nil) != nil, "LibreOffice did not open \(file.lastPathComponent)")
        }
        let protocolText = try #require(texts[work.appendingPathComponent("contest-protocol.odt")] ?? nil)
        // Cells wrap: compared without any spacing.
        let flat = String(protocolText.unicodeScalars.filter { !$0.properties.isWhitespace })
        #expect(flat.contains("ПРОТОКОЛ"))
        for entry in report.results!.winners {
            let amount = String(RussianFormat.moneyFigures(entry.amount).unicodeScalars.filter { !$0.properties.isWhitespace })
            #expect(flat.contains(amount), "the protocol names \(amount)")
        }
    }

    /// A wrong score is caught at its place, and nothing is written.
    @Test func aBrokenContestWritesNoPapers() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        let fixture = demo.root
        let sheet = fixture.appendingPathComponent("content/_contests/\(Self.slug)/scores/volkova.yaml")
        let text = try String(contentsOf: sheet, encoding: .utf8)
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("application: \"2\"") })
        var lines = text.components(separatedBy: "\n")
        lines[line] = lines[line].replacingOccurrences(of: "relevance: [0-9]", with: "relevance: 6", options: .regularExpression)
        try lines.joined(separator: "\n").write(to: sheet, atomically: true, encoding: .utf8)
        let out = fixture.appendingPathComponent("papers")
        let run = try Tool.run(Tool.nko, ["contest", "documents", Self.slug, "--root", fixture.path, "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/_contests/\(Self.slug)/scores/volkova.yaml:\(line + 1):"), "\(run.stderr)")
        #expect(run.stderr.contains("оценка «актуальность» заявки № 2 — 6"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let check = try Tool.run(Tool.nko, ["check", "--root", fixture.path])
        #expect(check.status == 1)
    }

    @Test func theBatchOfContractsEqualsTheContractsRenderedOneByOne() throws {
        let work = try Tool.temporaryFolder("contest-contracts")
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try Tool.run(Tool.nko, ["contest", "contracts", Self.slug, "--root", repository.path, "--out", work.path,
                                          "--now", "2026-11-23"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.report()
        let contracts = try FileManager.default.contentsOfDirectory(at: work, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "odt" }.sorted { $0.path < $1.path }
        #expect(contracts.count == report.results!.winners.count)
        let validator = try ODFValidator(root: repository)
        for contract in contracts {
            #expect(try validator.validate(Data(contentsOf: contract)).isEmpty, "\(contract.lastPathComponent)")
            // The contract's data, rendered alone by `nko form render`, gives the same bytes.
            let data = contract.deletingPathExtension().appendingPathExtension("yaml")
            let alone = work.appendingPathComponent("alone.odt")
            let single = try Tool.run(Tool.nko, ["form", "render", "subsidy-contract", "--root", repository.path, "--data", data.path,
                                                 "--out", alone.path, "--now", "2026-11-23"])
            #expect(single.status == 0, "\(single.stderr)")
            #expect(try Data(contentsOf: alone) == Data(contentsOf: contract), "\(contract.lastPathComponent)")
            try FileManager.default.removeItem(at: alone)
        }
        // The amounts are the allocation's; the partial one has its revised estimate.
        for entry in report.results!.winners {
            let yaml = try String(contentsOf: work.appendingPathComponent("subsidy-contract-\(entry.application.organization).yaml"),
                                  encoding: .utf8)
            #expect(yaml.contains("\"amount\": \"\(entry.amount.description)\""), "\(yaml)")
        }
        guard !Tool.skipLibreOffice else { return }
        let texts = try Tool.pdfTexts(of: contracts, work: work)
        for contract in contracts { #expect((texts[contract] ?? nil) != nil, "LibreOffice did not open \(contract.lastPathComponent)") }
    }

    /// A bank account that does not match its БИК is an error in the registry, where it is written,
    /// and no contract is made.
    @Test func aWrongAccountInTheRegistryStopsTheContracts() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        let fixture = demo.root
        let file = fixture.appendingPathComponent("content/organizations/impuls.md")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("  account: ") })
        lines[index] = "  account: '40703810662000034563'"
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let out = fixture.appendingPathComponent("contracts")
        let run = try Tool.run(Tool.nko, ["contest", "contracts", Self.slug, "--root", fixture.path, "--out", out.path])
        #expect(run.status == 1)
        let check = try Tool.run(Tool.nko, ["check", "--root", fixture.path])
        #expect(check.status == 1)
        #expect(check.stderr.contains("content/organizations/impuls.md:\(index + 1):12: error: «bank.account»"), "\(check.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    // MARK: - The property competition

    static let property = "imushchestvo-naberezhnye-chelny-2026"

    @Test func thePropertyCompetitionIsShownAsScored() throws {
        let report = ContestReport.load(root: repository, contest: Self.property)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let scores = report.propertyScores
        #expect(scores.count == 3 && report.property?.entries.count == 4)
        let html = try String(contentsOf: Self.site.appendingPathComponent("contests/\(Self.property)/index.html"), encoding: .utf8)
        #expect(html.contains("Пример.</strong>"))
        let rows = try Self.rows(html, after: "id=\"contest-results-caption\"")
        #expect(rows.count == scores.count)
        for (row, score) in zip(rows, scores) {
            #expect(row[0] == String(score.order))
            #expect(row[1].hasPrefix(report.organizations[score.application.organization]!.title))
            #expect(Array(row[3...5]) == [String(score.content), String(score.need), String(score.rating)])
        }
        #expect(html.contains("подпункт 7 пункта 39 Правил"))
        // The object's entry says to whom it was granted; the recipient's page lists it.
        let recipient = try #require(scores.first).application.organization
        let object = try String(contentsOf: Self.site.appendingPathComponent("property/chelny-siuiumbike-31/index.html"), encoding: .utf8)
        #expect(object.contains("Предоставлен в аренду") && object.contains("href=\"/organizations/\(recipient)/\""))
        let organization = try String(contentsOf: Self.site.appendingPathComponent("organizations/\(recipient)/index.html"), encoding: .utf8)
        #expect(organization.contains("объект «Нежилое помещение на пр. Сююмбике, 31"))
    }

    @Test func thePropertyProtocolsAreValidODFAndOpenInLibreOffice() throws {
        let work = try Tool.temporaryFolder("property-papers")
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try Tool.run(Tool.nko, ["contest", "documents", Self.property, "--root", repository.path, "--out", work.path,
                                          "--now", "2026-11-23"])
        #expect(run.status == 0, "\(run.stderr)")
        let files = ["property-opening-protocol", "property-admission-protocol", "property-evaluation-protocol"]
            .map { work.appendingPathComponent($0 + ".odt") }
        let validator = try ODFValidator(root: repository)
        for file in files { #expect(try validator.validate(Data(contentsOf: file)).isEmpty, "\(file.lastPathComponent)") }
        guard !Tool.skipLibreOffice else { return }
        let texts = try Tool.pdfTexts(of: files, work: work)
        let evaluation = try #require(texts[files[2]] ?? nil, "LibreOffice did not open the evaluation protocol")
        let flat = String(evaluation.unicodeScalars.filter { !$0.properties.isWhitespace })
        #expect(flat.contains("ПРОТОКОЛ") && flat.contains("Итоговоезначениерейтинга"))
        #expect((texts[files[0]] ?? nil) != nil && (texts[files[1]] ?? nil) != nil)
        let admissionText = try #require(texts[files[1]] ?? nil)
        let admission = String(admissionText.unicodeScalars.filter { !$0.properties.isWhitespace })
        #expect(admission.contains("подпункт7пункта39Правил"))
    }

    /// A changed score changes the ranking and the money; an incremental build shows it exactly as
    /// a full build does: the contest's files are inputs of its page, its open data and the pages
    /// of the organisations it supported.
    @Test func anEditedScoreRebuildsWhatShowsTheResults() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        let fixture = demo.root
        let (incremental, full) = (fixture.appendingPathComponent("site-a"), fixture.appendingPathComponent("site-b"))
        func build(_ out: URL, _ extra: [String] = []) throws {
            let run = try Tool.run(Tool.nko, ["build", "--root", fixture.path, "--out", out.path, "--now", "2026-11-23", "--jobs", "2"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
        }
        try build(incremental)
        let page = incremental.appendingPathComponent("contests/\(Self.slug)/index.html")
        let before = try String(contentsOf: page, encoding: .utf8)
        // Every member gives application 5 the highest scores: it climbs, and the money moves.
        for sheet in try FileManager.default.contentsOfDirectory(at: fixture.appendingPathComponent("content/_contests/\(Self.slug)/scores"),
                                                                 includingPropertiesForKeys: nil) {
            let text = try String(contentsOf: sheet, encoding: .utf8)
            let edited = text.components(separatedBy: "\n").map { line in
                line.contains("application: \"5\"") ? line.replacingOccurrences(of: ": [0-5]", with: ": 5", options: .regularExpression) : line
            }.joined(separator: "\n")
            try edited.write(to: sheet, atomically: true, encoding: .utf8)
        }
        try build(incremental)
        try build(full, ["--full"])
        let after = try String(contentsOf: page, encoding: .utf8)
        #expect(after != before, "the contest's page shows the new ranking")
        let diff = try Tool.run(URL(fileURLWithPath: "/usr/bin/diff"), ["-r", "-q", "-x", ".nko", incremental.path, full.path])
        #expect(diff.status == 0, "\(diff.stdout)")
    }

    /// While the commission is still at work (no results on the page), missing sheets do not stop
    /// the portal's build and nothing of the contest is published; `nko contest check` lists them.
    @Test func aRunningContestIsCheckedByItsCommandOnly() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        let fixture = demo.root
        let page = fixture.appendingPathComponent("content/contests/\(Self.slug).md")
        let text = try String(contentsOf: page, encoding: .utf8)
        let running = text.replacingOccurrences(of: "results:\n(  .*\n)+", with: "", options: .regularExpression)
        #expect(running != text)
        try running.write(to: page, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: fixture.appendingPathComponent("content/_contests/\(Self.slug)/scores/volkova.yaml"))

        let out = fixture.appendingPathComponent("site")
        let build = try Tool.run(Tool.nko, ["build", "--root", fixture.path, "--out", out.path, "--now", "2026-11-23"])
        #expect(build.status == 0, "\(build.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("contests/\(Self.slug)/index.html"), encoding: .utf8)
        #expect(!html.contains("contest-results-caption"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("contests/\(Self.slug)/results.csv").path))

        let check = try Tool.run(Tool.nko, ["contest", "check", Self.slug, "--root", fixture.path])
        #expect(check.status == 1)
        #expect(check.stderr.contains("нет оценочных ведомостей члена комиссии «volkova»"), "\(check.stderr)")

        // The member gets a sheet for each admitted application, prefilled, its scores to write in.
        let sheets = fixture.appendingPathComponent("sheets")
        for format in ["odt", "html"] {
            let run = try Tool.run(Tool.nko, ["contest", "sheets", Self.slug, "--root", fixture.path, "--out", sheets.path,
                                              "--document-format", format, "--now", "2026-11-23"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let report = ContestReport.load(root: fixture, contest: Self.slug)
        let admitted = try #require(report.contest).applications.filter(\.admitted)
        let written = try FileManager.default.contentsOfDirectory(atPath: sheets.path).filter { $0.hasSuffix(".odt") }.sorted()
        // Volkova's sheets are gone; Nurieva, absent from the final meeting, never handed hers in.
        #expect(written == ["nurieva", "volkova"].flatMap { member in admitted.map { "evaluation-sheet-\(member)-\($0.number).odt" } }.sorted())
        let validator = try ODFValidator(root: repository)
        for name in written { #expect(try validator.validate(Data(contentsOf: sheets.appendingPathComponent(name))).isEmpty, "\(name)") }
        let sheet = try String(contentsOf: sheets.appendingPathComponent("evaluation-sheet-volkova-\(admitted[0].number).html"), encoding: .utf8)
        #expect(sheet.contains(admitted[0].project) && sheet.contains("Волкова\u{00A0}А.С.") && sheet.contains("20.05.2025"))
        #expect(sheet.contains("blank"), "the scores are lines to write in")
    }
}
