import ArgumentParser
import Content
import Diagnostics
import FormEngine
import Forms
import Foundation
import RussianText
import Values

struct Act: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "act",
        abstract: "Модельные акты: список, что нужно для заполнения, проверка профиля, заполненный акт в HTML и ODT.",
        discussion: """
        Профиль региона (муниципалитета) — файл YAML с наименованиями в падежах, органами, должностными лицами и \
        параметрами; что в нём бывает, описано в content/_acts/profile.yaml. По умолчанию берётся профиль портала \
        (acts_profile в portal.yaml).
        """,
        subcommands: [ActList.self, ActShow.self, ActCheck.self, ActFill.self]
    )
}

struct ActOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Папка портала.", valueName: "DIR"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("Профиль (YAML); по умолчанию acts_profile из portal.yaml.", valueName: "FILE"))
    var profile: String?

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root: папки «\(root)» нет")
        }
    }

    /// The acts, the problems of their markup and of the profile's definition reported.
    func library() throws -> ActLibrary {
        let library = ActLibrary.load(root: rootURL)
        report(library.diagnostics, format: .text)
        guard library.profileDefinition != nil else {
            throw usageError("модельные акты не описаны: нет \(ActLibrary.definitionFile) или в нём ошибки",
                             hint: "профиль и раздел актов описываются в \(ActLibrary.definitionFile)")
        }
        return library
    }

    func act(_ id: String, in library: ActLibrary) throws -> FormDefinition {
        guard let act = library.act(id) else {
            let known = library.acts.map(\.id)
            throw ValidationError("акта «\(id)» нет; "
                + (NearestName.find(id, among: known).map { "возможно, имелся в виду «\($0)»; " } ?? "")
                + "есть: " + known.joined(separator: ", "))
        }
        return act
    }

    /// The profile's tree and the name its messages give it: --profile, or the portal's own.
    func profileTree() throws -> (tree: DataTree, file: String) {
        let file: String, url: URL
        if let profile {
            (file, url) = (profile, URL(fileURLWithPath: profile))
        } else {
            var problems: [Diagnostic] = []
            guard let settings = PortalSettings.read(root: rootURL, diagnostics: &problems), let own = settings.actsProfile else {
                report(problems.filter { $0.severity == .error }, format: .text)
                throw usageError("профиль не указан", hint: "укажите --profile FILE или acts_profile в portal.yaml")
            }
            (file, url) = (own, rootURL.appendingPathComponent(own))
        }
        switch ActLibrary.readProfile(FileManager.default.contents(atPath: url.path), as: file) {
        case .success(let tree): return (tree, file)
        case .failure(let problem):
            report([problem], format: .text)
            throw ExitCode(Status.contentErrors)
        }
    }
}

struct ActList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Перечислить модельные акты.")

    @OptionGroup var options: ActOptions

    func run() throws {
        let library = try options.library()
        printList(library.acts)
        if library.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(Status.contentErrors) }
    }
}

struct ActShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
                                                    abstract: "Показать, какие значения профиля нужны акту и где он их использует.")

    @OptionGroup var options: ActOptions

    @Argument(help: ArgumentHelp("Акт (список: nko act list).", valueName: "ID"))
    var id: String

    @Option(name: .long, help: "text — для человека; json — описание акта как формы, как его получает его страница.")
    var format: OutputFormat = .text

    func run() throws {
        let act = try options.act(id, in: try options.library())
        if format == .json { return print(act.json) }
        print(act.title)
        if let source = act.source { print("Источник: \(source)") }
        print("\nЗначения профиля (строки акта, где они стоят):")
        for (path, lines) in act.slotUses() {
            print("  \(path)  — строки " + lines.map(String.init).joined(separator: ", "))
        }
        let ranges = act.rules.filter { $0.severity == .warning }
        if !ranges.isEmpty {
            print("\nРекомендации (вне их — предупреждение):")
            for rule in ranges { print("  \(rule.text)") }
        }
    }
}

struct ActCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Проверить профиль: значения, рекомендованные диапазоны и каких значений не хватает каждому акту.")

    @OptionGroup var options: ActOptions

    @Option(name: .long, help: "Формат сообщений: text (для человека) или json (для CI).")
    var format: OutputFormat = .text

    func run() throws {
        let library = try options.library()
        let (tree, file) = try options.profileTree()
        // The whole profile first: a misspelt name, a wrong value, a parameter outside its range.
        var diagnostics = library.profileDefinition.map { ActLibrary.record($0, profile: tree, file: file).diagnostics } ?? []
        var seen = Set(diagnostics.map(\.message))
        for act in library.acts {
            // Each value is reported once, however many acts use it.
            for d in ActLibrary.record(act, profile: tree, file: file).diagnostics where seen.insert(d.message).inserted {
                diagnostics.append(d)
            }
        }
        report(diagnostics, format: format)
        let errors = (diagnostics + library.diagnostics).filter { $0.severity == .error }.count
        if errors > 0 {
            FileHandle.standardError.write(Data(("Профиль не годится для всех актов: \(errors) "
                + "\(RussianFormat.plural(errors, "ошибка", "ошибки", "ошибок")).\n").utf8))
            throw ExitCode(Status.contentErrors)
        }
        FileHandle.standardError.write(Data("Профиль годится для всех актов (\(library.acts.count)).\n".utf8))
    }
}

struct ActFill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "Заполнить модельный акт по профилю и записать его в HTML и ODT.",
        discussion: "Если в профиле не хватает значения, которое акт использует, сообщается о каждом и ничего не записывается."
    )

    enum DocumentFormat: String, ExpressibleByArgument, CaseIterable { case html, odt, both }

    @OptionGroup var options: ActOptions

    @Argument(help: ArgumentHelp("Акты (список: nko act list); без них — все.", valueName: "ID"))
    var ids: [String] = []

    @Option(name: .long, help: "Формат: html, odt или both (оба).")
    var format: DocumentFormat = .both

    @Option(name: .long, help: ArgumentHelp("Папка для документов (ID.odt, ID.html).", valueName: "DIR"))
    var out: String = "."

    @OptionGroup var now: NowOption

    func run() throws {
        let library = try options.library()
        let acts = ids.isEmpty ? library.acts : try ids.map { try options.act($0, in: library) }
        let (tree, file) = try options.profileTree()
        var jobs: [(renderer: FormRenderer, record: FormRecord?, path: String, format: FormRender.DocumentFormat)] = []
        var diagnostics: [Diagnostic] = []
        for act in acts {
            let input = ActLibrary.record(act, profile: tree, file: file)
            diagnostics += input.diagnostics
            guard let record = input.records.first else { continue }
            let formats: [FormRender.DocumentFormat] = format == .both ? [.html, .odt] : format == .html ? [.html] : [.odt]
            for kind in formats { jobs.append((FormRenderer(form: act), record, "\(out)/\(act.id).\(kind.rawValue)", kind)) }
        }
        report(diagnostics, format: .text)
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            FileHandle.standardError.write(Data(("Акты не заполнены: \(errors) "
                + "\(RussianFormat.plural(errors, "ошибка", "ошибки", "ошибок")) в профиле; ничего не записано.\n").utf8))
            throw ExitCode(Status.contentErrors)
        }
        // Everything rendered before anything is written: a failure leaves no half-filled set.
        let date = now.date
        var documents: [(URL, Data)] = []
        for kind in [FormRender.DocumentFormat.html, .odt] {
            let selected = jobs.filter { $0.format == kind }
            let data = try render(selected.map { ($0.renderer, $0.record) }, format: kind, date: date)
            documents += zip(selected.map { URL(fileURLWithPath: $0.path) }, data)
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (url, data) in documents { try data.write(to: url, options: .atomic) }
        } catch {
            throw usageError("не удалось записать в «\(out)»: \(FormRender.reason(error))",
                             hint: "проверьте путь --out и право на запись в папку")
        }
        FileHandle.standardError.write(Data("Записано документов: \(documents.count) в \(out).\n".utf8))
    }
}
