import ArgumentParser
import Content
import Diagnostics
import Forms
import Foundation
import RussianText

struct Form: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
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
        // Outside a portal every form command would find no forms and say nothing of why.
        guard FileManager.default.fileExists(atPath: rootURL.appendingPathComponent("content").path) else {
            throw ValidationError("в папке «\(rootURL.path)» нет content/ — это не папка портала; "
                + "перейдите в папку портала или укажите её: --root ПАПКА")
        }
    }

    /// The library — or, given `id`, that form alone — with the definition problems of its forms
    /// reported; a form with errors is left out of it.
    func library(only id: String? = nil) -> FormLibrary {
        let library = FormLibrary.load(root: rootURL, only: id)
        let folder = id.map { "\(FormLibrary.folder)/\($0)/" }
        report(library.diagnostics.filter { d in folder.map { d.location?.file.hasPrefix($0) == true } ?? true }, format: .text)
        return library
    }

    func form(_ id: String) throws -> FormDefinition {
        let library = library(only: id)
        guard let form = library.form(id) else {
            if library.diagnostics.contains(where: { $0.severity == .error && $0.location?.file.contains("/\(id)/") == true }) {
                FileHandle.standardError.write(Data("Форма «\(id)» описана с ошибками (см. выше).\n".utf8))
                throw ExitCode(Status.contentErrors)
            }
            let known = FormLibrary.load(root: rootURL).forms.map(\.id)
            throw ValidationError("формы «\(id)» нет; "
                + (NearestName.find(id, among: known).map { "возможно, имелась в виду «\($0)»; " } ?? "")
                + "есть: " + known.joined(separator: ", "))
        }
        return form
    }
}

/// `nko form list`, `nko act list`: ids in a column, titles beside them.
func printList(_ forms: [FormDefinition]) {
    let width = forms.map(\.id.count).max() ?? 0
    for form in forms { print(form.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + form.title) }
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
        printList(library.forms)
        if library.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(Status.contentErrors) }
    }
}

struct FormShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
                                                    abstract: "Показать поля формы, их типы, обязательность и правила.")

    @OptionGroup var options: FormOptions

    @Argument(help: ArgumentHelp("Форма, например subsidy-contract (список: nko form list).", valueName: "ID"))
    var id: String

    @Option(name: .long, help: "text — для человека; json — описание формы, как его получает её страница (движок форм).")
    var format: OutputFormat = .text

    func run() throws {
        let form = try options.form(id)
        if format == .json { return print(form.json) }
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
    @Option(name: .long, help: ArgumentHelp("Данные: YAML или JSON (одна запись или список), CSV (запись на строку); "
                                                + "формат — по расширению: .json, .csv, иначе YAML.",
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

/// `--name-by`: `nko form check` asks it too, so that it refuses the batches `render` would refuse.
struct NameOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Поле, по значению которого называются файлы пакета.", valueName: "FIELD"))
    var nameBy: String?

    func validate() throws {
        if let nameBy, FieldPath(nameBy) == nil {
            throw ValidationError("--name-by: «\(nameBy)» — не путь к полю, например recipient.short_name")
        }
    }

    /// The names of a batch's documents and the problems with them (one code for check and render).
    func names(_ input: FormInput, form: FormDefinition) -> (names: [String], problems: [Diagnostic]) {
        input.documentNames(by: nameBy.flatMap(FieldPath.init) ?? form.nameBy)
    }
}

/// A problem with the command's parameters said like any other (message, hint), exit 2.
func usageError(_ message: String, hint: String) -> ExitCode {
    report([.error("usage", at: nil, message, hint: hint)], format: .text)
    return ExitCode(Status.usage)
}

struct FormCheck: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check",
                                                    abstract: "Проверить данные формы, ничего не записывая.")

    @OptionGroup var options: FormOptions
    @OptionGroup var source: DataOptions
    @OptionGroup var naming: NameOptions

    @Option(name: .long, help: "Формат сообщений: text (для человека) или json (для CI).")
    var format: OutputFormat = .text

    func validate() throws {
        if source.data == nil { throw ValidationError("укажите файл данных: --data FILE") }
    }

    func run() throws {
        let form = try options.form(source.id)
        guard let input = source.input(for: form) else { throw ValidationError("укажите файл данных: --data FILE") }
        // A batch's file names are checked as `render` checks them: check passes what render writes.
        let diagnostics = input.diagnostics + (input.isBatch ? naming.names(input, form: form).problems : [])
        report(diagnostics, format: format)
        let errors = diagnostics.filter { $0.severity == .error }.count
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

    @OptionGroup var naming: NameOptions
    @OptionGroup var now: NowOption

    private var date: CalendarDate { now.date }

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
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw usageError("--out: «\(out)» — файл, а для списка записей нужна папка",
                             hint: "укажите папку (её создадут, если её нет): --out dogovory/; файл — только для одной записи")
        }
        let (names, problems) = naming.names(input, form: form)
        report(problems, format: .text)
        if !problems.isEmpty { throw ExitCode(Status.contentErrors) }
        try write(zip(names, input.records).map { ("\(out)/\($0).\(format.rawValue)", $1) }, renderer: renderer)
        FileHandle.standardError.write(Data("Записано документов: \(names.count) в \(out).\n".utf8))
    }

    /// Renders everything first (on all cores), then writes: a failure leaves no half-written batch behind.
    private func write(_ jobs: [(path: String, record: FormRecord?)], renderer: FormRenderer) throws {
        let (date, format) = (self.date, self.format)
        let rendered = try render(jobs.map { (renderer, $0.record) }, format: format, date: date)
        let documents = zip(jobs, rendered).map { (URL(fileURLWithPath: $0.path), $1) }
        if documents.count == 1, let url = documents.first?.0 {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw usageError("--out: «\(jobs[0].path)» — папка, а нужен файл документа",
                                 hint: "укажите имя файла: --out \(url.appendingPathComponent("документ.\(format.rawValue)").path)")
            }
        }
        for directory in Set(documents.map { $0.0.deletingLastPathComponent() }) {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                let reason = Self.fileInTheWay(of: directory).map { "«\($0)» — файл, а не папка" } ?? Self.reason(error)
                throw usageError("не удалось создать папку «\(directory.path)»: \(reason)",
                                 hint: "проверьте путь --out: на месте одной из папок не должно быть файла, и в неё должно быть можно писать")
            }
        }
        // One file: replaced whole. A batch: its documents are all rendered already, written plainly.
        for (url, data) in documents {
            do {
                try data.write(to: url, options: documents.count == 1 ? .atomic : [])
            } catch {
                throw usageError("не удалось записать «\(url.path)»: \(Self.reason(error))",
                                 hint: "проверьте путь --out и право на запись в папку")
            }
        }
        if jobs.count == 1 { FileHandle.standardError.write(Data("Записано: \(jobs[0].path)\n".utf8)) }
    }

    /// Why a file operation failed, in the words of the system (its errno text, not Foundation's codes).
    static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = underlying, posix.domain == NSPOSIXErrorDomain, let text = strerror(Int32(posix.code)) {
            return String(cString: text)
        }
        if let code = (error as? CocoaError)?.code {
            switch code {
            case .fileWriteFileExists: return "на этом месте уже есть файл"
            case .fileWriteNoPermission: return "нет права на запись"
            case .fileWriteOutOfSpace: return "на диске нет места"
            case .fileNoSuchFile, .fileWriteInvalidFileName: return "такого пути нет"
            default: break
            }
        }
        let error = error as NSError
        return "ошибка файловой системы (\(error.domain == NSCocoaErrorDomain ? "код" : error.domain) \(error.code))"
    }

    /// The nearest existing part of a path, when it is a file: a folder cannot be made inside it.
    static func fileInTheWay(of directory: URL) -> String? {
        var url = directory.standardizedFileURL
        while url.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                return isDirectory.boolValue ? nil : url.path
            }
            url.deleteLastPathComponent()
        }
        return nil
    }
}

/// `--now`: the creation date written into documents, so that they are reproducible.
struct NowOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Дата создания в свойствах документов (ГГГГ-ММ-ДД); по умолчанию — текущая.",
                                             valueName: "YYYY-MM-DD"))
    var now: String?

    func validate() throws {
        if let now, CalendarDate(iso: now) == nil {
            throw ValidationError("--now: «\(now)» — не дата; ожидается ГГГГ-ММ-ДД, например 2026-11-23")
        }
    }

    var date: CalendarDate { dateOrToday(now) }
}

/// `--now` (already validated), or today.
func dateOrToday(_ now: String?) -> CalendarDate {
    if let date = now.flatMap(CalendarDate.init(iso:)) { return date }
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
}

/// Documents rendered on all cores, in order; the first failure is thrown.
func render(_ jobs: [(renderer: FormRenderer, record: FormRecord?)], format: FormRender.DocumentFormat,
            date: CalendarDate) throws -> [Data] {
    try ParallelMap.map(jobs) { job in
        Result { format == .odt ? try job.renderer.odt(job.record, date: date) : Data(job.renderer.html(job.record).utf8) }
    }.map { try $0.get() }
}
