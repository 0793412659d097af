import Content
import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import FormEngine
@testable import Forms

/// Issue 12, the data side: hostile form data (YAML, JSON, CSV) gives Russian messages with
/// positions and never crashes `nko` or writes a document.
@Suite struct HostileDataTests {
    let work: URL

    init() throws {
        work = try Tool.temporaryFolder("nko-hostile-data")
    }

    func nko(_ arguments: [String]) throws -> Tool.Result {
        try Tool.run(Tool.nko, ["form"] + arguments + ["--root", repositoryRoot.path], in: work)
    }

    /// The files in the work folder, the data files written by the test left out.
    var written: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [])
            .filter { ![".yaml", ".json", ".csv", ".txt"].contains(where: $0.hasSuffix) }
    }

    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        let url = work.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func sample(_ id: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("content/_forms/\(id)/sample.yaml"), encoding: .utf8)
    }

    static let library = FormLibrary.load(root: repositoryRoot)

    static func read(_ text: String, as file: String, form id: String = "subsidy-contract", format: DataFormat) throws -> FormInput {
        FormData.read(text: text, as: file, for: try #require(library.form(id)), format: format)
    }

    /// The lines of a batch of contracts made by the benchmark's generator (header first).
    func contractRows(_ count: Int) throws -> [String] {
        let csv = work.appendingPathComponent("generated.csv")
        let python = try #require(Tool.find("python3"))
        let result = try Tool.run(python, [repositoryRoot.appendingPathComponent("Tests/bench/contract_rows.py").path,
                                           String(count), csv.path])
        #expect(result.status == 0, "\(result.stderr)")
        defer { try? FileManager.default.removeItem(at: csv) }
        return try String(contentsOf: csv, encoding: .utf8).components(separatedBy: "\n").filter { !$0.isEmpty }
    }

    func errors(_ result: Tool.Result) -> [Substring] {
        result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    }

    // MARK: 1. Negative amounts in words

    /// A money field without `min` printed in words (the property notice's appraised rent): an
    /// error naming the field, not the precondition failure it was.
    @Test func aNegativeAmountInWordsIsAnErrorNamingTheField() throws {
        let yaml = try Self.sample("property-notice")
            .replacingOccurrences(of: "appraised_rent: 518437.35", with: "appraised_rent: -5")
            .replacingOccurrences(of: "annual_rent: 259218.68", with: "annual_rent: -2.50")
        let data = try file("negative.yaml", yaml)
        for command in [["check", "property-notice", "--data", data],
                        ["render", "property-notice", "--data", data, "--out", "notice.odt"],
                        ["render", "property-notice", "--data", data, "--format", "html", "--out", "notice.html"]] {
            let result = try nko(command)
            #expect(result.status == 1, "\(command): \(result.status)\n\(result.stderr)")
            #expect(result.stderr.contains("negative.yaml:19:17: error: «appraised_rent»: сумма прописью не может быть отрицательной"),
                    "\(result.stderr)")
            #expect(result.stderr.contains("negative.yaml:21:14: error: «annual_rent»: сумма прописью не может быть отрицательной"),
                    "\(result.stderr)")
            #expect(result.stderr.contains("подсказка: сумма печатается в документе прописью"))
        }
        #expect(written.isEmpty, "written: \(written)")
    }

    /// `{{…:words}}` slots are found wherever the template has them, and only money printed in
    /// words is held to it: a negative amount elsewhere is not this check's business.
    @Test func theSlotsInWordsAreFoundInTheTemplate() throws {
        let contract = try #require(Self.library.form("subsidy-contract"))
        #expect(contract.amountsInWords.map(\.description) == ["amount"])
        let letter = try #require(Self.library.form("tax-benefit-letter"))
        #expect(Set(letter.amountsInWords.map(\.description))
                == ["total_income", "targeted_income", "grants", "activity_income"])
    }

    @Test(arguments: [["-5"], ["--", "-5"], ["-0.01"]])
    func wordsRefusesANegativeAmountCleanly(arguments: [String]) throws {
        let result = try Tool.run(Tool.nko, ["words"] + arguments, in: work)
        #expect(result.status == 2, "\(arguments): \(result.status)\n\(result.stderr)")
        #expect(result.stderr.contains("сумма прописью не может быть отрицательной"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func wordsStillSpellsAnAmount() throws {
        let result = try Tool.run(Tool.nko, ["words", "123045,45"], in: work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(сто двадцать три тысячи сорок пять) рублей 45 копеек"))
        let two = try Tool.run(Tool.nko, ["words", "1", "2"], in: work)
        #expect(two.status == 2 && two.stderr.contains("укажите одну сумму"), "\(two.stderr)")
    }

    // MARK: 2. JSON

    static let jsonSample = repositoryRoot.appendingPathComponent("Tests/FormsTests/Samples/subsidy-contract.json").path

    /// RFC 8259 §7: a character outside the BMP escaped as a surrogate pair, and the other escapes,
    /// reach the document as the characters they stand for (the JSON was read as YAML, which refused it).
    @Test func jsonIsReadByAJSONParserWithAllItsEscapes() throws {
        let check = try nko(["check", "subsidy-contract", "--data", Self.jsonSample])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!check.stderr.contains("YAML"), "\(check.stderr)")
        let render = try nko(["render", "subsidy-contract", "--data", Self.jsonSample, "--format", "html", "--out", "contract.html"])
        #expect(render.status == 0, "\(render.stderr)")
        let html = try String(contentsOf: work.appendingPathComponent("contract.html"), encoding: .utf8)
        #expect(html.contains("„Серебряный возраст“» 😀 «Итог» / \\"))
        let odt = try nko(["render", "subsidy-contract", "--data", Self.jsonSample, "--out", "contract.odt", "--now", "2026-11-23"])
        #expect(odt.status == 0, "\(odt.stderr)")
    }

    /// A wrong value in JSON data is pointed at by the line and column of the JSON file.
    @Test func jsonValueErrorsPointIntoTheJSONFile() throws {
        let text = try String(contentsOfFile: Self.jsonSample, encoding: .utf8)
            .replacingOccurrences(of: #""inn": "1655023459""#, with: #""inn": "165502345""#)
        let data = try file("contract.json", text)
        let result = try nko(["render", "subsidy-contract", "--data", data, "--out", "contract.odt"])
        #expect(result.status == 1)
        #expect(errors(result).contains { $0.contains("contract.json:26:12: error: ") && $0.contains("«recipient.inn»") },
                "\(result.stderr)")
        #expect(written.isEmpty)
    }

    /// Strict RFC 8259: one message at the exact position, with a hint.
    @Test(arguments: [
        (#"{"number": "\ud83d"}"#, "1:13", "одиночный суррогат \\uD83D"),
        (#"{"number": "\ude00x"}"#, "1:13", "одиночный суррогат \\uDE00"),
        (#"{"number": "\ud83d\u0041"}"#, "1:13", "одиночный суррогат"),
        (#"{"number": "\u12"}"#, "1:13", "четыре шестнадцатеричные цифры"),
        ("{\"number\": \"\\u００４１\"}", "1:13", "четыре шестнадцатеричные цифры"),  // fullwidth digits are not hex in JSON
        ("{\"number\": １}", "1:12", "ожидалось значение"),
        ("{\"number\": \"1\"}\u{1}", "1:16", "лишний текст (символ U+0001)"),
        ("{\"number\": \"1\",\n \"number\": \"2\"}", "2:2", "поле «number» указано дважды"),
        ("{\"number\": 01}", "1:12", "«01» — не число JSON"),
        ("{\"number\": 1.}", "1:12", "«1.» — не число JSON"),
        ("{\"number\": +1}", "1:12", "ожидалось значение"),
        ("{'number': 1}", "1:2", "ожидалось имя поля в двойных кавычках"),
        ("{\"number\": 1,}", "1:14", "ожидалось имя поля"),
        ("[{\"number\": 1},]", "1:16", "ожидалось значение"),
        ("{\"number\": \"a\nb\"}", "1:12", "строка не закрыта до конца строки"),
        ("{\"number\": \"a\u{1}b\"}", "1:14", "управляющий символ U+0001"),
        ("{\"number\": \"a\\qb\"}", "1:14", "неизвестная последовательность «\\q»"),
        ("{\"number\": True}", "1:12", "ожидалось значение"),
        ("{\"number\": tru}", "1:12", "ожидалось «true»"),
        ("{\"number\": nul}", "1:12", "ожидалось «null»"),
        ("{\"number\" 1}", "1:11", "ожидалось «:»"),
        ("{\"number\": 1 \"city\": 2}", "1:14", "ожидалась «,» или «}»"),
        ("\n\n  {\"number\": [1, 2", "3:14", "скобка «[» не закрыта"),
        ("{\"number\": \"1\"", "1:1", "скобка «{» не закрыта"),
        ("{\"number\": \"1", "1:12", "строка не закрыта кавычкой"),
        ("{\"number\": \"1\"} {}", "1:17", "лишний текст"),
        ("  \n", "1:1", "файл данных пуст"),
        (String(repeating: "[", count: 100_000), "1:65", "вложенность больше 64 уровней"),
    ])
    func jsonSyntaxErrorsGiveOneMessageAtTheirPosition(text: String, position: String, words: String) throws {
        let input = try Self.read(text, as: "data.json", format: .json)
        #expect(input.diagnostics.count == 1, "\(DiagnosticFormatter.text(input.diagnostics))")
        let d = try #require(input.diagnostics.first)
        #expect(d.severity == .error && d.location?.description == "data.json:" + position && d.message.contains(words),
                "\(DiagnosticFormatter.text(input.diagnostics))")
        #expect(d.hint != nil)
        #expect(input.records.isEmpty)
    }

    /// Numbers, booleans, null, empty objects and lists, and a list of records, as the checker reads YAML.
    @Test func jsonValuesOfEveryKind() throws {
        let text = try String(contentsOfFile: Self.jsonSample, encoding: .utf8)
        let two = try Self.read("[\(text), \(text.replacingOccurrences(of: "\"12/2026\"", with: "\"13/2026\""))]",
                                as: "two.json", format: .json)
        #expect(two.isBatch && two.records.count == 2, "\(DiagnosticFormatter.text(two.diagnostics))")
        #expect(two.records.map { $0.text(at: FieldPath("number")!) } == ["12/2026", "13/2026"])
        // The record is where its «{» is; a missing field is reported there.
        let empty = try Self.read("[\n  {},\n  {\"number\": null, \"recipient\": {}}\n]", as: "e.json", format: .json)
        let missing = empty.diagnostics.filter { $0.code == "missing-required" }
        #expect(missing.contains { $0.location?.description == "e.json:2:3" && $0.message.contains("«number»") })
        #expect(missing.contains { $0.message.contains("«recipient.inn»") })
        // A key longer than YAML's implicit keys allow is still just an unknown field.
        let long = String(repeating: "ключ", count: 600)
        let odd = try Self.read("{\"\(long)\": 1, \"number\": \"1\"}", as: "k.json", format: .json)
        #expect(odd.diagnostics.contains { $0.code == "unknown-field" && $0.location?.description == "k.json:1:2" },
                "\(DiagnosticFormatter.text(odd.diagnostics).prefix(500))")
        #expect(!odd.diagnostics.contains { $0.code.hasPrefix("yaml") })
    }

    // MARK: 3. CSV

    /// An extra cell, a short row, and a broken quote: each one message at its row and cell.
    @Test func csvRowsMustHaveTheHeadersCells() throws {
        var lines = try contractRows(4)
        let columns = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
        lines[2] += ",лишнее"  // row 2, line 3: one cell too many
        lines[3] = String(lines[3][..<lines[3].lastIndex(of: ",")!])  // row 3, line 4: one cell short
        let data = try file("rows.csv", lines.joined(separator: "\n") + "\n")
        for command in [["check", "subsidy-contract", "--data", data], ["render", "subsidy-contract", "--data", data, "--out", "out"]] {
            let result = try nko(command)
            #expect(result.status == 1)
            #expect(errors(result).count == 2, "\(result.stderr)")
            #expect(result.stderr.contains("rows.csv:3:\(columns + 1): error: лишняя ячейка «лишнее»: в строке \(columns + 1) ячеек"),
                    "\(result.stderr)")
            let last = lines[0].split(separator: ",").last!
            #expect(result.stderr.contains("rows.csv:4:\(columns): error: нет ячейки столбца «\(last)»"), "\(result.stderr)")
        }
        #expect(written.isEmpty)
    }

    /// A quote opened and not closed at the end of its cell: one message at that quote, not one per shifted column.
    @Test(arguments: [2, 3])
    func csvBrokenQuoteGivesOneMessageAtTheQuote(row: Int) throws {
        var lines = try contractRows(3)
        var cells = lines[row].components(separatedBy: ",")
        cells[3] = "\"" + cells[3]
        lines[row] = cells.joined(separator: ",")
        let data = try file("quote.csv", lines.joined(separator: "\n") + "\n")
        let result = try nko(["check", "subsidy-contract", "--data", data])
        #expect(result.status == 1)
        #expect(errors(result).count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("quote.csv:\(row + 1):4: error: кавычка, открывающая ячейку, не закрыта"), "\(result.stderr)")
        #expect(result.stderr.contains("подсказка: "))
    }

    @Test func csvQuoteUnclosedAtTheEndOfTheFile() throws {
        let input = try Self.read("number,city\n1/2026,Казань\n2/2026,\"Каз\nань\n", as: "q.csv", format: .csv)
        #expect(input.diagnostics.count == 1)
        #expect(input.diagnostics.first?.location?.description == "q.csv:3:2")
        #expect(input.diagnostics.first?.message.contains("не закрыта до конца файла") == true)
    }

    /// Positions are the line and the cell's number; a quoted cell over two lines and a doubled quote are fine.
    @Test func csvPositionsAreLineAndCell() throws {
        let csv = "number;city;recipient.inn\n1/2026;\"Казань\nцентр\";\"12\"\"34\"\n"
        let input = try Self.read(csv, as: "p.csv", format: .csv)
        let inn = try #require(input.diagnostics.first { $0.message.contains("«recipient.inn»") && $0.code != "missing-required" },
                               "\(DiagnosticFormatter.text(input.diagnostics))")
        #expect(inn.location?.description == "p.csv:3:3")
        #expect(inn.message.contains("недопустимый символ «\"» в 3-м знаке"), "\(inn.message)")
    }

    /// A list's row missing before a given one is reported at the start of the table's row; a list
    /// row's value at its cell.
    @Test func csvListRowsHaveTheirPositions() throws {
        let csv = "number,estimate[2].direction,estimate[2].subsidy\n1/2026,Связь,сто\n"
        let input = try Self.read(csv, as: "l.csv", format: .csv)
        let report = DiagnosticFormatter.text(input.diagnostics)
        let gap = try #require(input.diagnostics.first { $0.message.contains("«estimate[1].direction»") }, "\(report)")
        #expect(gap.location?.description == "l.csv:2:1")
        let subsidy = try #require(input.diagnostics.first { $0.message.contains("«estimate[2].subsidy»") }, "\(report)")
        #expect(subsidy.location?.description == "l.csv:2:3")
        #expect(subsidy.message.contains("«сто» — не денежная сумма"), "\(subsidy.message)")
    }

    // MARK: 4, 5. Batch file names

    /// `check` refuses the duplicate names `render` refuses, with the same message.
    @Test func checkAndRenderAgreeOnDuplicateNames() throws {
        var lines = try contractRows(3)
        lines[2] = lines[2].replacingOccurrences(of: "2/2026,", with: "1/2026,")
        let data = try file("dupes.csv", lines.joined(separator: "\n") + "\n")
        let check = try nko(["check", "subsidy-contract", "--data", data])
        let render = try nko(["render", "subsidy-contract", "--data", data, "--out", "out"])
        for result in [check, render] {
            #expect(result.status == 1, "\(result.stderr)")
            #expect(errors(result).count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("dupes.csv:3:1: error: имя файла «1_2026» (поле number) уже занято записью ")
                    && result.stderr.contains("dupes.csv:2:1\n"), "\(result.stderr)")
        }
        // --name-by is asked the same way by both.
        let byCity = try nko(["check", "subsidy-contract", "--data", data, "--name-by", "city"])
        #expect(byCity.status == 1 && byCity.stderr.contains("имя файла «Казань» (поле city) уже занято"), "\(byCity.stderr)")
        for command in ["check", "render"] {
            let bad = try nko([command, "subsidy-contract", "--data", data, "--name-by", "no such"])
            #expect(bad.status == 2 && bad.stderr.contains("--name-by: «no such» — не путь к полю"), "\(bad.stderr)")
        }
        #expect(written.isEmpty)
    }

    @Test func aBatchIntoAnExistingFileIsAParameterError() throws {
        let lines = try contractRows(2)
        let data = try file("two.csv", lines.joined(separator: "\n") + "\n")
        try file("out.txt", "не папка")
        let result = try nko(["render", "subsidy-contract", "--data", data, "--out", "out.txt"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("error: --out: «out.txt» — файл, а для списка записей нужна папка"), "\(result.stderr)")
        #expect(result.stderr.contains("подсказка: "))
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
        // One document into an existing folder.
        try FileManager.default.createDirectory(at: work.appendingPathComponent("folder"), withIntermediateDirectories: true)
        let one = try nko(["render", "subsidy-contract", "--data", Self.jsonSample, "--out", "folder"])
        #expect(one.status == 2 && one.stderr.contains("«folder» — папка, а нужен файл документа"), "\(one.stderr)")
        // A path through a file.
        let through = try nko(["render", "subsidy-contract", "--data", data, "--out", "out.txt/sub"])
        #expect(through.status == 2 && through.stderr.contains("не удалось создать папку"), "\(through.stderr)")
        #expect(through.stderr.contains("out.txt» — файл, а не папка"), "\(through.stderr)")
        #expect(!through.stderr.contains("NSCocoaErrorDomain"))
        #expect(written == ["folder"])
    }

    /// A NUL in the value a batch is named by: an error naming the field, never a file `N1%00-2026.odt`.
    @Test func aControlCharacterInANameIsRefused() throws {
        var lines = try contractRows(2)
        lines[1] = lines[1].replacingOccurrences(of: "1/2026,", with: "N1\u{0}-2026,")
        let data = try file("nul.csv", lines.joined(separator: "\n") + "\n")
        let result = try nko(["render", "subsidy-contract", "--data", data, "--out", "out"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nul.csv:2:1: error: в значении поля «number» управляющий символ U+0000"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{0}"))
        #expect(written.isEmpty)
    }

    @Test func fileNamesAreSafe() {
        func name(_ value: String) -> String? { try? FormInput.fileName(value).get() }
        #expect(name("12/2026") == "12_2026")
        #expect(name(#"a\b:c*d?e"f<g>h|i"#) == "a_b_c_d_e_f_g_h_i")
        #expect(name(" .скрытый. ") == "скрытый")
        #expect(name("") == "")
        #expect(name("..") == nil)
        #expect(name(". . .") == nil)
        #expect(name("N1\u{0}-2026") == nil)
        #expect(name("a\nb") == nil)
        #expect(name("\u{7F}") == nil)
        #expect(name(String(repeating: "я", count: 125)) != nil)  // 250 bytes
        #expect(name(String(repeating: "я", count: 126)) == nil)  // 252 bytes
        let records = [FormRecord(values: ["number": .string("..")], location: SourceLocation(file: "d.yaml", line: 2))]
        let (_, problems) = FormInput(records: records, diagnostics: [], isBatch: true).documentNames(by: FieldPath("number"))
        #expect(problems.count == 1 && problems[0].message.contains("поля «number» записи d.yaml:2:1 недопустимо"))
    }

    // MARK: 6. Control characters

    /// Control characters, U+FFFE and U+FFFF in any value of any of the three formats: an error
    /// naming the field's path, at the value.
    @Test(arguments: [
        (DataFormat.yaml, "number: \"1\"\nrecipient:\n  full_name: \"ООО\\0Ромашка\"\n", "d.yaml:3:14", "U+0000"),
        (DataFormat.yaml, "number: \"1\"\nrecipient:\n  full_name: \"ООО\\eРомашка\"\n", "d.yaml:3:14", "U+001B"),
        (DataFormat.yaml, "number: \"1\"\nrecipient:\n  full_name: \"ООО\\uFFFE\"\n", "d.yaml:3:14", "U+FFFE"),
        (DataFormat.yaml, "number: \"1\"\nestimate:\n  - direction: \"\\x01\"\n", "d.yaml:3:16", "U+0001"),
        (DataFormat.json, "{\"number\": \"1\",\n \"recipient\": {\"full_name\": \"ООО\\u0000\"}}", "d.json:2:29", "U+0000"),
        (DataFormat.json, "{\"number\": \"1\",\n \"recipient\": {\"full_name\": \"\\uFFFF\"}}", "d.json:2:29", "U+FFFF"),
        (DataFormat.json, "{\"number\": \"1\", \"estimate\": [{}, {\"direction\": \"\\u0008\"}]}", "d.json:1:48", "U+0008"),
        (DataFormat.csv, "number,recipient.full_name\n1,ООО\u{1}Ромашка\n", "d.csv:2:2", "U+0001"),
        (DataFormat.csv, "number,estimate[2].direction\n1,\"a\u{1F}\"\n", "d.csv:2:2", "U+001F"),
    ])
    func controlCharactersInDataAreErrors(format: DataFormat, text: String, position: String, character: String) throws {
        let path = text.contains("direction") ? (text.contains("[2]") || text.contains("[{}") ? "estimate[2].direction" : "estimate[1].direction")
                                              : "recipient.full_name"
        let input = try Self.read(text, as: position.components(separatedBy: ":")[0], format: format)
        let found = input.diagnostics.filter { $0.code == "control-character" }
        #expect(found.count == 1, "\(DiagnosticFormatter.text(input.diagnostics))")
        #expect(found.first?.location?.description == position, "\(DiagnosticFormatter.text(input.diagnostics))")
        #expect(found.first?.message == "в значении поля «\(path)» управляющий символ \(character)")
        #expect(input.records.isEmpty)
        // No message carries the character itself.
        #expect(!DiagnosticFormatter.text(input.diagnostics).unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    /// Nine aliases of nine aliases …: billions of values out of a few lines are refused, not walked.
    @Test(.timeLimit(.minutes(1)))
    func aBillionLaughsIsRefusedQuickly() throws {
        var yaml = "number: \"1\"\nl1: &l1 [\(Array(repeating: "x", count: 9).joined(separator: ","))]\n"
        for level in 2...12 {
            yaml += "l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ","))]\n"
        }
        let start = Date()
        let input = try Self.read(yaml, as: "bomb.yaml", format: .yaml)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(input.diagnostics.contains { $0.code == "data-too-large" && $0.location?.description == "bomb.yaml:1:1" },
                "\(DiagnosticFormatter.text(input.diagnostics).prefix(1000))")
        #expect(input.records.isEmpty)
    }

    /// A raw control character in YAML text, which libyaml refuses before there is a value: its line and column.
    @Test(arguments: [("number: \"1\"\nrecipient:\n  full_name: ab\u{7}c\n", "d.yaml:3:16", "U+0007"),
                      ("number: \"1\"\nrecipient:\n  full_name: «я»\u{FFFE}\n", "d.yaml:3:17", "U+FFFE"),
                      ("\u{0}", "d.yaml:1:1", "U+0000")])
    func aRawControlCharacterInYAMLIsPointedAt(text: String, position: String, character: String) throws {
        let input = try Self.read(text, as: "d.yaml", format: .yaml)
        #expect(input.diagnostics.count == 1)
        #expect(input.diagnostics.first?.location?.description == position)
        #expect(input.diagnostics.first?.message == "управляющий символ \(character) в файле данных")
    }

    /// Tab and line ends stay allowed: a text field keeps its lines.
    @Test func tabsAndLineBreaksAreAllowed() throws {
        let input = try Self.read("number: \"1\\t2\"\nrecipient:\n  full_name: \"a\\r\\nb\"\n", as: "d.yaml", format: .yaml)
        #expect(!input.diagnostics.contains { $0.code == "control-character" })
    }

    /// The whole way through the binary: no document is written when a value holds a control character.
    @Test func aControlCharacterStopsTheDocument() throws {
        let yaml = try Self.sample("subsidy-contract")
            .replacingOccurrences(of: "  full_name: Автономная", with: "  full_name: \"\\x07\\e[31m\" # Автономная")
        let data = try file("bell.yaml", yaml)
        for format in ["html", "odt"] {
            let result = try nko(["render", "subsidy-contract", "--data", data, "--format", format, "--out", "c.\(format)"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("bell.yaml:18:14: error: в значении поля «recipient.full_name» управляющий символ U+0007"),
                    "\(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}"))
        }
        #expect(written.isEmpty)
    }
}
