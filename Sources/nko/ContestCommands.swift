import ArgumentParser
import Competitions
import Content
import Diagnostics
import Forms
import Foundation
import RussianText
import Site
import Values

struct Contest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contest",
        abstract: "Конкурсы: проверка данных конкурса, рейтинг и распределение средств.",
        discussion: """
        Данные конкурса — в папке content/_contests/<адрес страницы конкурса>/: contest.yaml (комиссия, \
        заседание, параметры), applications.yaml (заявки), scores/<член комиссии>.yaml (оценки), \
        reviews.yaml (экономическая экспертиза), contracts.yaml (общие сведения договоров). У конкурса об \
        имуществе — contest.yaml (объект, заседания, комиссия) и applications.yaml (показатели и баллы). \
        Подробно — docs/forms-guide.md, «Конкурсы: от заявок до договоров». Коды завершения: 0 — успех, 1 — ошибки в данных, \
        2 — ошибка в параметрах.
        """,
        subcommands: [ContestCheck.self, ContestResults.self, ContestSheets.self, ContestPapers.self, ContestContracts.self]
    )
}

struct ContestOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Папка портала: в ней portal.yaml и content/.", valueName: "DIR"))
    var root: String = "."

    @Option(name: .long, help: "Формат сообщений: text (для человека) или json (для CI).")
    var format: OutputFormat = .text

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL }

    @Argument(help: ArgumentHelp("Адрес страницы конкурса, например subsidii-sonko-2025.", valueName: "CONTEST"))
    var contest: String

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root: папки «\(root)» нет")
        }
        guard !contest.isEmpty, contest.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw ValidationError("«\(contest)» — не адрес страницы конкурса: латинские строчные буквы, цифры и дефисы")
        }
    }

    /// The contest read and checked; its problems reported; exit 1 when they include errors.
    func load() throws -> ContestReport {
        let loaded = ContestReport.load(root: rootURL, contest: contest)
        report(loaded.problems, format: format)
        if loaded.failed { throw ExitCode(Status.contentErrors) }
        return loaded
    }
}

/// A property competition's order numbers with the points of every indicator.
func propertyTable(_ report: ContestReport) -> String {
    var lines: [String] = []
    if let page = report.page { lines.append(page.title) }
    if let object = report.object { lines.append("Объект: " + object.title) }
    lines.append("")
    lines.append((["№", "Заявление", "Организация", "Запрошено"] + (1...16).map(String.init) + ["Критерий 1", "Критерий 2", "Рейтинг"])
        .joined(separator: "\t"))
    for score in report.propertyScores {
        var notes = score.leaseBonus ? " (+1 за аренду)" : ""
        if score.olderOrganisationFirst { notes += " (действует дольше)" }
        lines.append(([String(score.order), "№ " + score.application.id,
                       report.organizations[score.application.organization]?.title ?? score.application.organization,
                       score.application.kind.label] + score.points.map(String.init)
                      + [String(score.content), String(score.need), String(score.rating) + notes]).joined(separator: "\t"))
    }
    for entry in report.property?.entries ?? [] {
        guard let refusal = entry.refusal else { continue }
        lines.append(["—", "№ " + entry.number, report.organizations[entry.organization]?.title ?? entry.organization,
                      "не допущено: подпункт \(refusal.ground) пункта 39 Правил"].joined(separator: "\t"))
    }
    if let recipient = report.propertyScores.first {
        lines.append("")
        lines.append("Получатель имущественной поддержки: " + (report.organizations[recipient.application.organization]?.title ?? ""))
    }
    return lines.joined(separator: "\n")
}

struct ContestCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Проверить данные конкурса: комиссию, заявки, оценки, экспертизу, итоги на странице."
    )

    @OptionGroup var options: ContestOptions

    func run() throws {
        let report = try options.load()
        if options.format == .text {
            let warnings = report.problems.count
            FileHandle.standardError.write(Data("Данные конкурса «\(options.contest)» проверены: 0 ошибок, \(warnings) \(RussianFormat.plural(warnings, "предупреждение", "предупреждения", "предупреждений")).\n".utf8))
        }
    }
}

struct ContestResults: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Показать рейтинг и распределение средств, вычисленные по оценкам членов комиссии."
    )

    @OptionGroup var options: ContestOptions

    func run() throws {
        let report = try options.load()
        if report.property != nil {
            print(propertyTable(report))
            return
        }
        guard let contest = report.contest, let results = report.results else { return }
        var lines: [String] = []
        if let page = report.page { lines.append(page.title) }
        if let meeting = contest.meeting {
            lines.append("Итоговое заседание комиссии \(RussianFormat.shortDate(meeting.date)), протокол № \(meeting.number).")
        }
        lines.append("Объём средств \(RussianFormat.money(results.fund))"
                     + (results.cap.map { "; предельный размер на одну организацию \(RussianFormat.money($0))" } ?? ""))
        lines.append("")
        lines.append(["Место", "Заявка", "Организация", "Средние баллы 1–6", "Рейтинг", "Запрошено", "Субсидия", "Примечание"]
            .joined(separator: "\t"))
        for entry in results.ranking {
            var notes: [String] = []
            if entry.needsReview { notes.append(entry.review == nil ? "обоснованность ниже 3: вправе провести экспертизу" : "по экспертизе: \(RussianFormat.money(entry.needed))") }
            if entry.partial { notes.append("остаток средств") }
            if !entry.tiedWith.isEmpty { notes.append("равный рейтинг с № " + entry.tiedWith.joined(separator: ", № ")) }
            lines.append([
                String(entry.rank), "№ " + entry.application.number,
                report.organizations[entry.application.organization]?.title ?? entry.application.organization,
                entry.averages.map(ValueFormat.tenths).joined(separator: " "), ValueFormat.tenths(entry.rating),
                RussianFormat.money(entry.application.request), RussianFormat.money(entry.amount), notes.joined(separator: "; "),
            ].joined(separator: "\t"))
        }
        for application in results.refused {
            lines.append(["—", "№ " + application.number,
                          report.organizations[application.organization]?.title ?? application.organization,
                          "", "", RussianFormat.money(application.request), "", "не допущена: " + (application.refusal ?? "")]
                .joined(separator: "\t"))
        }
        lines.append("")
        lines.append("Распределено \(RussianFormat.money(results.allocated)); остаток \(RussianFormat.money(results.remaining))")
        print(lines.joined(separator: "\n"))
    }
}

/// Where and how a contest's documents are written.
struct PapersOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Папка для документов (её создадут).", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: "Формат документов: odt или html.")
    var documentFormat: FormRender.DocumentFormat = .odt

    @OptionGroup var now: NowOption

    /// Renders every document first (on all cores), then writes them with their extra files
    /// (name → text): a failure leaves no half-written set behind.
    func write(_ documents: [ContestDocuments.Document], extra: [String: String] = [:]) throws {
        let format = documentFormat
        let rendered = try render(documents.map { (FormRenderer(form: $0.form), $0.record) }, format: format, date: now.date)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (document, data) in zip(documents, rendered) {
                try data.write(to: folder.appendingPathComponent(document.name + "." + format.rawValue), options: .atomic)
            }
            for (name, text) in extra.sorted(by: { $0.key < $1.key }) {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
            }
        } catch {
            throw usageError("не удалось записать документы в «\(out)»: \(error.localizedDescription)",
                             hint: "проверьте путь --out: это должна быть папка, в которую можно писать")
        }
        FileHandle.standardError.write(Data("Записано документов: \(documents.count) в \(out).\n".utf8))
    }
}

/// Reports the problems of making a contest's documents; exit 1 when nothing can be written.
private func refuse(_ problems: [Diagnostic], nothing: Bool, format: OutputFormat) throws {
    report(problems, format: format)
    if nothing || problems.contains(where: { $0.severity == .error }) {
        FileHandle.standardError.write(Data("Документы не составлены: ничего не записано.\n".utf8))
        throw ExitCode(Status.contentErrors)
    }
}

struct ContestPapers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "Составить документы конкурса: оценочные, итоговые и сводную ведомости, протокол, итоги.",
        discussion: """
        Документы заполняются формами библиотеки (content/_forms) по данным конкурса и проверяются их правилами. \
        Если в данных или в документе есть ошибка, ничего не записывается.
        """
    )

    @OptionGroup var options: ContestOptions
    @OptionGroup var papers: PapersOptions

    func run() throws {
        let contest = try options.load()
        let library = FormLibrary.load(root: options.rootURL)
        let (documents, problems) = ContestDocuments.make(contest, library: library)
        try refuse(library.problems(of: ContestDocuments.forms + ContestDocuments.propertyForms) + problems, nothing: documents.isEmpty,
                   format: options.format)
        try papers.write(documents)
    }
}

struct ContestSheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheets",
        abstract: "Составить оценочные ведомости для членов комиссии, ещё не оценивших заявки.",
        discussion: """
        По ведомости на каждого члена комиссии и каждую допущенную заявку, которую он ещё не оценил \
        (кроме заявок, в итогах которых он заинтересован): наименование программы, заседание и член комиссии \
        уже вписаны, оценки — от руки. Конкурс может ещё идти: нужны только читаемые данные.
        """
    )

    @OptionGroup var options: ContestOptions
    @OptionGroup var papers: PapersOptions

    func run() throws {
        let loaded = ContestReport.load(root: options.rootURL, contest: options.contest)
        guard loaded.property == nil else {
            throw usageError("«\(options.contest)» — конкурс об имуществе: оценочные ведомости членов комиссии — в конкурсах субсидий",
                             hint: "баллы комиссии по показателям 9, 10, 15, 16 записываются в applications.yaml конкурса")
        }
        // Sheets not handed in yet are what this is for: only a contest that cannot be read stops it.
        guard loaded.contest != nil else { try refuse(loaded.problems, nothing: true, format: options.format); return }
        let library = FormLibrary.load(root: options.rootURL)
        let (documents, problems) = ContestDocuments.blankSheets(loaded, library: library)
        try refuse(library.problems(of: ["evaluation-sheet"]) + problems, nothing: false, format: options.format)
        guard !documents.isEmpty else {
            FileHandle.standardError.write(Data("Все члены комиссии оценили все заявки: ведомостей для заполнения нет.\n".utf8))
            return
        }
        try papers.write(documents)
    }
}

struct ContestContracts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts",
        abstract: "Составить договоры о предоставлении субсидий с победителями конкурса.",
        discussion: """
        Общие сведения договоров — в contracts.yaml в папке конкурса; реквизиты получателей — из реестра \
        организаций, размер субсидии — из итогов конкурса, смета — из заявки (уточнённая — revised_estimate). \
        Рядом с каждым договором записываются его данные (.yaml): nko form render subsidy-contract --data \
        с ними даёт тот же документ. Если хоть один договор не составлен, ничего не записывается.
        """
    )

    @OptionGroup var options: ContestOptions
    @OptionGroup var papers: PapersOptions

    func run() throws {
        let contest = try options.load()
        guard contest.property == nil else {
            throw usageError("«\(options.contest)» — конкурс об имуществе: договоры о предоставлении субсидий составляются для конкурсов субсидий",
                             hint: "протоколы конкурса об имуществе составляет nko contest documents")
        }
        let library = FormLibrary.load(root: options.rootURL)
        let (documents, data, problems) = ContestDocuments.contracts(contest, library: library)
        try refuse(library.problems(of: [ContestDocuments.contractForm]) + problems, nothing: documents.isEmpty, format: options.format)
        try papers.write(documents, extra: Dictionary(uniqueKeysWithValues: data.map { ($0.key + ".yaml", $0.value) }))
    }
}

extension FormLibrary {
    /// The definition problems of these forms only.
    func problems(of forms: [String]) -> [Diagnostic] {
        diagnostics.filter { d in forms.contains { d.location?.file.hasPrefix(FormLibrary.folder + "/" + $0 + "/") == true } }
    }
}
