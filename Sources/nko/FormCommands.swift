import ArgumentParser
import Content
import Diagnostics
import Forms
import Foundation
import RussianText

struct Form: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Формы документов: список, описание, проверка данных, заполнение в HTML и ODT.",
        discussion: "Формы описаны в content/_forms/ (см. content/_forms/README.md).",
        subcommands: [FormList.self, FormShow.self, FormCheck.self, FormRender.self]
    )
}

struct FormOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Папка портала: в ней content/_forms/.", valueName: "DIR"))
    var root: String = "."

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root: папки «\(root)» нет")
        }
    }

    /// The library, the definition problems of all its forms (or of one) reported;
    /// a form with errors is left out of it.
    func library(only id: String? = nil) -> FormLibrary {
        let library = FormLibrary.load(root: rootURL)
        let folder = id.map { "\(FormLibrary.folder)/\($0)/" }
        report(library.diagnostics.filter { folder == nil || $0.location?.file.hasPrefix(folder!) == true }, format: .text)
        return library
    }

    func form(_ id: String) throws -> FormDefinition {
        let library = library(only: id)
        guard let form = library.form(id) else {
            if library.diagnostics.contains(where: { $0.severity == .error && $0.location?.file.contains("/\(id)/") == true }) {
                FileHandle.standardError.write(Data("Форма «\(id)» описана с ошибками (см. выше).\n".utf8))
                throw ExitCode(Status.contentErrors)
            }
            let known = library.forms.map(\.id)
            throw ValidationError("формы «\(id)» нет; "
                + (NearestName.find(id, among: known).map { "возможно, имелась в виду «\($0)»; " } ?? "")
                + "есть: " + known.joined(separator: ", "))
        }
        return form
    }
}

func report(_ diagnostics: [Diagnostic], format: OutputFormat) {
    guard !diagnostics.isEmpty || format == .json else { return }
    switch format {
    case .json: print(DiagnosticFormatter.json(diagnostics), terminator: "")
    case .text: FileHandle.standardError.write(Data(DiagnosticFormatter.text(diagnostics).utf8))
    }
}

struct FormList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Перечислить формы.")

    @OptionGroup var options: FormOptions

    func run() throws {
        let library = options.library()
        let width = library.forms.map(\.id.count).max() ?? 0
        for form in library.forms {
            print(form.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + form.title)
        }
        if library.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(Status.contentErrors) }
    }
}

struct FormShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
                                                    abstract: "Показать поля формы, их типы, обязательность и правила.")

    @OptionGroup var options: FormOptions

    @Argument(help: ArgumentHelp("Форма, например subsidy-contract (список: nko form list).", valueName: "ID"))
    var id: String

    func run() throws {
        let form = try options.form(id)
        print(form.title)
        if let description = form.description { print(description) }
        if let source = form.source { print("Источник: \(source)") }
        print("\nПоля (* — обязательное):")
        printFields(form.fields, prefix: "")
        if !form.computed.isEmpty {
            print("\nВычисляемые значения:")
            for value in form.computed { print("  \(value.name) = \(value.text)  — \(value.label)") }
        }
        if !form.rules.isEmpty {
            print("\nПравила:")
            for rule in form.rules {
                let kind = rule.severity == .warning ? "предупреждение" : "ошибка"
                print("  \(rule.text)  → \(rule.field) (\(kind))")
            }
        }
    }

    private func printFields(_ fields: [Field], prefix: String) {
        for field in fields {
            let path = prefix + field.name + (field.type == .list ? "[]" : "")
            var line = "  \(field.required ? "*" : " ") \(path): \(field.type.rawValue)"
            if let of = field.elementType, of != .object { line += " из \(of.rawValue)" }
            if !field.choices.isEmpty { line += " (" + field.choices.map(\.value).joined(separator: " | ") + ")" }
            if let bik = field.bik { line += ", проверяется с БИК \(bik)" }
            print(line + " — " + field.label)
            printFields(field.subfields, prefix: path + ".")
        }
    }
}

struct DataOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Форма, например subsidy-contract (список: nko form list).", valueName: "ID"))
    var id: String

    /// Read by the commands that need it; optional for a blank.
    @Option(name: .long, help: ArgumentHelp("Данные: YAML или JSON (одна запись или список), CSV (запись на строку).",
                                             valueName: "FILE"))
    var data: String?

    func validate() throws {
        if let data, !FileManager.default.isReadableFile(atPath: data) {
            throw ValidationError("--data: файла «\(data)» нет")
        }
    }

    func input(for form: FormDefinition) -> FormInput? {
        data.map { FormData.read(URL(fileURLWithPath: $0), as: $0, for: form) }
    }
}

struct FormCheck: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check",
                                                    abstract: "Проверить данные формы, ничего не записывая.")

    @OptionGroup var options: FormOptions
    @OptionGroup var source: DataOptions

    @Option(name: .long, help: "Формат сообщений: text (для человека) или json (для CI).")
    var format: OutputFormat = .text

    func validate() throws {
        if source.data == nil { throw ValidationError("укажите файл данных: --data FILE") }
    }

    func run() throws {
        let form = try options.form(source.id)
        let input = source.input(for: form)!
        report(input.diagnostics, format: format)
        let errors = input.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            FileHandle.standardError.write(Data("Данные не приняты: \(errors) \(RussianFormat.plural(errors, "ошибка", "ошибки", "ошибок")).\n".utf8))
            throw ExitCode(Status.contentErrors)
        }
        let n = input.records.count
        FileHandle.standardError.write(Data("Данные верны: \(n) \(RussianFormat.plural(n, "запись", "записи", "записей")).\n".utf8))
    }
}

struct FormRender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Заполнить форму данными и записать документ HTML или ODT; без --data — пустой бланк.",
        discussion: """
        Для списка записей (YAML-список, CSV) --out — папка: в ней по документу на запись, имя — значение поля \
        name_by формы или --name-by. Если хоть одна запись неверна, сообщается о каждой и ничего не записывается.
        """
    )

    enum DocumentFormat: String, ExpressibleByArgument, CaseIterable { case html, odt }

    @OptionGroup var options: FormOptions
    @OptionGroup var source: DataOptions

    @Option(name: .long, help: "Формат документа: html или odt.")
    var format: DocumentFormat = .odt

    @Option(name: .long, help: ArgumentHelp("Файл документа (для списка записей — папка); по умолчанию ID.odt / ID.html.",
                                             valueName: "PATH"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Поле, по значению которого называются файлы пакета.", valueName: "FIELD"))
    var nameBy: String?

    @Option(name: .long, help: ArgumentHelp("Дата создания в свойствах документа (ГГГГ-ММ-ДД); по умолчанию — текущая.",
                                             valueName: "YYYY-MM-DD"))
    var now: String?

    func validate() throws {
        if let now, CalendarDate(iso: now) == nil {
            throw ValidationError("--now: «\(now)» — не дата; ожидается ГГГГ-ММ-ДД, например 2026-11-23")
        }
        if let nameBy, FieldPath(nameBy) == nil {
            throw ValidationError("--name-by: «\(nameBy)» — не путь к полю, например recipient.short_name")
        }
    }

    private var date: Date {
        now.flatMap(CalendarDate.init(iso:))?.startOfDayUTC ?? Date()
    }

    func run() throws {
        let form = try options.form(source.id)
        let renderer = FormRenderer(form: form)
        guard let input = source.input(for: form) else {
            try write([(out ?? "\(form.id).\(format.rawValue)", nil)], renderer: renderer)
            return
        }
        report(input.diagnostics, format: .text)
        if input.hasErrors {
            let errors = input.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data(("Документы не созданы: \(errors) "
                + "\(RussianFormat.plural(errors, "ошибка", "ошибки", "ошибок")) в данных; ничего не записано.\n").utf8))
            throw ExitCode(Status.contentErrors)
        }
        guard input.isBatch else {
            try write([(out ?? "\(form.id).\(format.rawValue)", input.records.first)], renderer: renderer)
            return
        }
        guard let out else { throw ValidationError("для списка записей укажите папку: --out DIR") }
        let names = try batchNames(input.records, form: form)
        try write(zip(names, input.records).map { ("\(out)/\($0).\(format.rawValue)", $1) }, renderer: renderer)
        FileHandle.standardError.write(Data("Записано документов: \(names.count) в \(out).\n".utf8))
    }

    /// File names from the chosen field; two records with one name are an error, not an overwrite.
    private func batchNames(_ records: [FormRecord], form: FormDefinition) throws -> [String] {
        guard let field = nameBy.flatMap(FieldPath.init) ?? form.nameBy else {
            return records.indices.map { String(format: "%04d", $0 + 1) }
        }
        var seen: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        let names = records.enumerated().map { index, record in
            let name = record.text(at: field).map(Self.fileName) ?? ""
            let result = name.isEmpty ? String(format: "%04d", index + 1) : name
            if let first = seen[result] {
                problems.append(.error("batch-name", at: record.location,
                                       "имя файла «\(result)» (поле \(field)) уже занято записью \(first)",
                                       hint: "выберите поле с неповторяющимися значениями: --name-by"))
            }
            seen[result] = seen[result] ?? record.location
            return result
        }
        report(problems, format: .text)
        if !problems.isEmpty { throw ExitCode(Status.contentErrors) }
        return names
    }

    /// A value as a file name: no path separators or characters file systems refuse.
    static func fileName(_ value: String) -> String {
        let forbidden = Set("/\\:*?\"<>|\n\r\t")
        let cleaned = String(value.map { forbidden.contains($0) ? "_" : $0 }).trimmingCharacters(in: .whitespaces)
        return String(cleaned.prefix(120)).trimmingCharacters(in: CharacterSet(charactersIn: ". "))
    }

    /// Renders everything first (on all cores), then writes: a failure leaves no half-written batch behind.
    private func write(_ jobs: [(path: String, record: FormRecord?)], renderer: FormRenderer) throws {
        let (date, format) = (self.date, self.format)
        let rendered = ParallelMap.map(jobs.map(\.record)) { record in
            Result { format == .odt ? try renderer.odt(record, date: date) : Data(renderer.html(record).utf8) }
        }
        let documents = try zip(jobs, rendered).map { (URL(fileURLWithPath: $0.path), try $1.get()) }
        for directory in Set(documents.map { $0.0.deletingLastPathComponent() }) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        // One file: replaced whole. A batch: its documents are all rendered already, written plainly.
        for (url, data) in documents { try data.write(to: url, options: documents.count == 1 ? .atomic : []) }
        if jobs.count == 1 { FileHandle.standardError.write(Data("Записано: \(jobs[0].path)\n".utf8)) }
    }
}
