import ArgumentParser
import Diagnostics
import Foundation
import RussianText
import Site

/// Exit statuses: 0 ok, 1 content errors (or warnings under --strict), 2 usage errors.
enum Status {
    static let contentErrors: Int32 = 1
    static let usage: Int32 = 2
}

// Every command names itself: ArgumentParser would derive a name from the type by reflection,
// which costs every run of nko about 2 ms.
struct Nko: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nko",
        abstract: "Портал НКО: сборка сайта из content/ и templates/ и работа с формами документов.",
        version: "0.1.0",
        subcommands: [Build.self, Check.self, ServeCommand.self, Form.self, Act.self, Contest.self, Words.self]
    )
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Папка портала: в ней portal.yaml, content/ и templates/.", valueName: "DIR"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("Сегодняшняя дата для сборки (ГГГГ-ММ-ДД); по умолчанию — текущая.",
                                             valueName: "YYYY-MM-DD"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("Сколько страниц собирать одновременно; по умолчанию — по числу ядер.", valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Считать предупреждения ошибками.")
    var strict = false

    @Option(name: .long, help: "Формат сообщений: text (для человека) или json (для CI).")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Движок форм (WebAssembly, собирает make engine): с ним формы заполняются "
                                             + "на своих страницах; без него страницы форм предлагают бланки.", valueName: "FILE"))
    var formsEngine: String?

    func validate() throws {
        if let now, CalendarDate(iso: now) == nil {
            throw ValidationError("--now: «\(now)» — не дата; ожидается ГГГГ-ММ-ДД, например 2026-11-23")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root: папки «\(root)» нет")
        }
        if let formsEngine, !FileManager.default.isReadableFile(atPath: formsEngine) {
            throw ValidationError("--forms-engine: файла «\(formsEngine)» нет; движок собирает make engine")
        }
        if jobs < 1 {
            throw ValidationError("--jobs: нужно целое число не меньше 1, а указано \(jobs)")
        }
    }

    var today: CalendarDate { dateOrToday(now) }

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL }

    /// The forms engine, given explicitly: what the site holds must not depend on what lies beside the program.
    var formsEngineURL: URL? { formsEngine.map { URL(fileURLWithPath: $0) } }

    /// Runs the build and reports like a compiler; exits 1 when it failed.
    /// Lives as long as the process: the model of a large portal is not freed just before the exit.
    static let session = BuildSession(background: false)

    func run(output: URL, write: Bool, incremental: Bool = false, audience: BuildOptions.Audience = .public) throws {
        var options = BuildOptions(root: rootURL, output: output, now: today, jobs: jobs,
                                   strict: strict, write: write, incremental: incremental)
        options.formsEngine = formsEngineURL
        options.audience = audience
        let progress = format == .text ? TerminalProgress.forStandardError() : nil
        if let progress { options.progress = { progress.update($0, $1) } }
        let report = SiteBuilder.run(options, session: Self.session)
        progress?.finish()
        switch format {
        case .json:
            print(DiagnosticFormatter.json(report.diagnostics), terminator: "")
        case .text:
            FileHandle.standardError.write(Data(DiagnosticFormatter.text(report.diagnostics).utf8))
        }
        let failed = report.failed
        let counts = "\(report.errorCount) \(RussianFormat.plural(report.errorCount, "ошибка", "ошибки", "ошибок")), "
            + "\(report.warningCount) \(RussianFormat.plural(report.warningCount, "предупреждение", "предупреждения", "предупреждений"))"
        let summary: String
        if failed {
            summary = "Сборка не выполнена: \(counts)." + (write ? " Сайт в \(output.path) не изменён." : "")
        } else if write {
            let renewed = report.renderedCount < report.pageCount ? " (заново — \(report.renderedCount))" : ""
            summary = "Собрано \(report.pageCount) \(RussianFormat.plural(report.pageCount, "страница", "страницы", "страниц"))\(renewed) в \(output.path); \(counts)."
        } else {
            summary = "Проверено \(report.pageCount) \(RussianFormat.plural(report.pageCount, "страница", "страницы", "страниц")); \(counts)."
        }
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        if failed { throw ExitCode(Status.contentErrors) }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Собрать сайт: проверить материалы и записать страницы в site/.",
        discussion: """
        Новый сайт пишется рядом с папкой вывода и подменяет её, только если сборка прошла без ошибок; \
        при ошибке прежний сайт остаётся нетронутым. Повторная сборка перерисовывает только страницы, \
        материалы или шаблоны которых изменились (запись прошлой сборки — в папке .nko), добавляет новые \
        и убирает удалённые; новая дата --now или новая версия nko — полная сборка. Коды завершения: 0 — успех, 1 — ошибки в материалах \
        (или предупреждения при --strict), 2 — ошибка в параметрах команды.
        """
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: ArgumentHelp("Папка для готового сайта; по умолчанию site/ в папке портала.", valueName: "DIR"))
    var out: String?

    @Flag(name: .long, help: "Собрать все страницы заново, не используя запись прошлой сборки (.nko/build.bin).")
    var full = false

    @Option(name: .long, help: ArgumentHelp("""
        Для кого сайт: public — для всех, internal — служебная версия для органов власти, \
        с полями access: internal; она пишется в site-internal/, если не указан --out.
        """, valueName: "public|internal"))
    var audience: BuildOptions.Audience = .public

    func run() throws {
        let output = out.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? options.rootURL.appendingPathComponent(audience == .internal ? "site-internal" : "site")
        try options.run(output: output, write: true, incremental: !full, audience: audience)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Проверить материалы и шаблоны так же, как при сборке, ничего не записывая."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        try options.run(output: options.rootURL.appendingPathComponent("site"), write: false)
    }
}

struct Words: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract: "Записать сумму прописью, как в договорах: 123 045 (сто двадцать три тысячи сорок пять) рублей 45 копеек."
    )

    /// Every word of the command line is taken as the amount, so that «-5» reaches the check below
    /// instead of being read as an unknown option.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("Сумма в рублях, копейки через точку или запятую: 123045.45 или 123045,45.",
                                 valueName: "AMOUNT"))
    var amount: [String] = []

    /// The amount, or what is wrong with it in Russian.
    private var money: Result<Money, ValidationError> {
        // `nko words -- -5`: the usual end of options is not part of the amount.
        let amount = self.amount.first == "--" ? Array(self.amount.dropFirst()) : self.amount
        guard amount.count == 1, let text = amount.first else {
            return .failure(ValidationError(amount.isEmpty
                ? "укажите сумму, например: nko words 123045.45"
                : "укажите одну сумму без пробелов, а указано \(amount.count): «\(amount.joined(separator: " "))»"))
        }
        guard let money = Money(parsing: text) else {
            return .failure(ValidationError("«\(text)» — не сумма; ожидается сумма в рублях (до 15 цифр) без пробелов, "
                + "копейки через точку или запятую, например 123045.45 или 123045,45"))
        }
        guard money.kopecks >= 0 else {
            return .failure(ValidationError("«\(text)» — не сумма для записи прописью: сумма прописью не может быть отрицательной; "
                + "укажите сумму не меньше нуля, например 123045.45 или 123045,45"))
        }
        return .success(money)
    }

    func validate() throws {
        _ = try money.get()
    }

    func run() throws {
        print(RussianWords.amount(try money.get()))
    }
}

// ArgumentParser exits 64 on usage errors; this tool promises 2.
do {
    var command = try Nko.parseAsRoot()
    try command.run()
} catch {
    let code = Nko.exitCode(for: error)
    let message = RussianHelp.translate(Nko.fullMessage(for: error))
    if code == .success {
        // help and --version: what was asked for, on standard output
        if !message.isEmpty { print(message) }
        exit(0)
    }
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    exit(code == .validationFailure ? Status.usage : code.rawValue)
}

extension BuildOptions.Audience: ExpressibleByArgument {}
