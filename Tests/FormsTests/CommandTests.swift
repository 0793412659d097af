import Foundation
import ODFValidation
import Testing
import TestSupport

/// `nko form …` as a clerk runs it: the real binary, real files.
@Suite struct CommandTests {
    let work: URL

    init() throws {
        work = try Tool.temporaryFolder("nko-form-cli")
    }

    func nko(_ arguments: [String]) throws -> Tool.Result {
        try Tool.run(Tool.nko, ["form"] + arguments + ["--root", repositoryRoot.path], in: work)
    }

    var files: [String] { (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [] }

    static let sample = repositoryRoot.appendingPathComponent("content/_forms/subsidy-contract/sample.yaml").path

    @Test func listShowsTheNineForms() throws {
        let result = try nko(["list"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count >= 9)
        #expect(result.stdout.contains("subsidy-contract") && result.stdout.contains("Договор на предоставление субсидий"))
    }

    @Test func outsideAPortalTheCommandSaysSoAndNamesRoot() throws {
        let result = try Tool.run(Tool.nko, ["form", "list"], in: work)
        #expect(result.status == 2)
        #expect(result.stderr.contains("нет content/ — это не папка портала") && result.stderr.contains("--root"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func showListsFieldsTypesAndRules() throws {
        let result = try nko(["show", "subsidy-contract"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("* recipient.bank.account: account"))
        #expect(result.stdout.contains("проверяется с БИК recipient.bank.bik"))
        #expect(result.stdout.contains("estimate_subsidy_total == amount"))
    }

    @Test func theContractRendersToAValidODT() throws {
        let result = try nko(["render", "subsidy-contract", "--data", Self.sample, "--format", "odt", "--out", "contract.odt",
                              "--now", "2026-11-23"])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: work.appendingPathComponent("contract.odt"))
        #expect(try ODFValidator(root: repositoryRoot).validate(data).isEmpty)
    }

    /// The four mistakes of the issue: four messages naming four fields, exit 1, no file.
    @Test func fourMistakesFourMessagesNoFile() throws {
        let data = repositoryRoot.appendingPathComponent("Tests/FormsTests/Samples/subsidy-contract-invalid.yaml").path
        for command in [["check", "subsidy-contract", "--data", data],
                        ["render", "subsidy-contract", "--data", data, "--out", "contract.odt"]] {
            let result = try nko(command)
            #expect(result.status == 1)
            let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            #expect(errors.count == 4, "\(result.stderr)")
            for (field, position) in [("«recipient.inn»", ":26:8:"), ("«recipient.bank.account»", ":32:14:"),
                                      ("«programme»", ":3:1:"), ("«estimate»", ":36:3:")] {
                #expect(errors.contains { $0.contains(field) && $0.contains("subsidy-contract-invalid.yaml" + position) },
                        "\(field) at \(position):\n\(result.stderr)")
            }
        }
        #expect(files.isEmpty, "written: \(files)")
    }

    @Test func aBlankApplicationPrintsLinesToFill() throws {
        #expect(try nko(["render", "subsidy-application", "--format", "odt", "--out", "blank.odt"]).status == 0)
        #expect(try nko(["render", "subsidy-application", "--format", "html", "--out", "blank.html"]).status == 0)
        let odt = try Data(contentsOf: work.appendingPathComponent("blank.odt"))
        #expect(try ODFValidator(root: repositoryRoot).validate(odt).isEmpty)
        let html = try String(contentsOf: work.appendingPathComponent("blank.html"), encoding: .utf8)
        #expect(html.contains("____________"))
        #expect(html.contains("(подпись)"))
    }

    func rows(_ count: Int) throws -> URL {
        let csv = work.appendingPathComponent("rows.csv")
        let python = try #require(Tool.find("python3"))
        let result = try Tool.run(python, [repositoryRoot.appendingPathComponent("Tests/bench/contract_rows.py").path,
                                           String(count), csv.path])
        #expect(result.status == 0, "\(result.stderr)")
        return csv
    }

    @Test(.timeLimit(.minutes(5)))
    func aBatchOfAThousandContracts() throws {
        let csv = try rows(1000)
        let result = try nko(["render", "subsidy-contract", "--data", csv.path, "--out", "out", "--now", "2026-11-23"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = work.appendingPathComponent("out")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names.count == 1000)
        #expect(names.contains("1_2026.odt") && names.contains("1000_2026.odt"), "named by the contract number")
        let validator = try ODFValidator(root: repositoryRoot)
        for name in names {
            let problems = validator.validate(try Data(contentsOf: out.appendingPathComponent(name)))
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }

    @Test func aBatchWithBadRowsReportsEachRowAndWritesNothing() throws {
        let csv = try rows(10)
        var lines = try String(contentsOf: csv, encoding: .utf8).components(separatedBy: "\n")
        try #require(lines.count > 10, "the generator wrote \(lines.count) lines")
        lines[3] = lines[3].replacingOccurrences(of: ",Казань,2026-11-23,", with: ",Казань,2026-11-31,")  // row 3: no such date
        lines[7] = lines[7].replacingOccurrences(of: ",165501001,", with: ",16550100,")  // row 7: КПП too short (both КПП)
        try lines.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let result = try nko(["render", "subsidy-contract", "--data", csv.path, "--out", "out"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("rows.csv:4:") && result.stderr.contains("«date»"), "\(result.stderr)")
        #expect(result.stderr.contains("rows.csv:8:") && result.stderr.contains("«authority.kpp»"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path))
    }

    @Test func aCSVHeaderThatNamesNoFieldIsPointedAt() throws {
        let csv = work.appendingPathComponent("bad.csv")
        try "number;recipent.inn;estimate.subsidy\n1;2;3\n".write(to: csv, atomically: true, encoding: .utf8)
        let result = try nko(["check", "subsidy-contract", "--data", csv.path])
        #expect(result.status == 1)
        // Positions in a table are line:cell — the second and third cells of the header.
        #expect(result.stderr.contains("bad.csv:1:2:") && result.stderr.contains("recipient"), "\(result.stderr)")
        #expect(result.stderr.contains("bad.csv:1:3:"), "\(result.stderr)")
    }

    @Test(arguments: [
        ["render", "no-such-form"],
        ["render", "subsidy-contract", "--format", "pdf"],
        ["render", "subsidy-contract", "--data", "missing.yaml"],
        ["check", "subsidy-contract"],
        ["render", "subsidy-contract", "--now", "23.11.2026"],
    ])
    func usageMistakesExitTwo(arguments: [String]) throws {
        let result = try nko(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(files.isEmpty)
    }
}
