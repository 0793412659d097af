import Diagnostics
import Foundation
import Yams

/// The portal's settings from `portal.yaml`.
public struct PortalSettings: Sendable {
    public let title: String
    public let shortTitle: String?
    public let description: String
    /// Absolute base URL ending with `/`, e.g. `https://nko.tatarstan.ru/`.
    public let baseURL: String
    /// The region's name in the cases templates need.
    public let region: [String: String]
    public let moderator: String?
    public let contacts: [String: String]
    /// Top-level collection ids in menu order.
    public let navigation: [String]
    /// The collection listing known defects of the published sources: references it lists as
    /// wrong in the source are not reported again.
    public let sourceDefects: String?
    /// Build a full-text search index with Pagefind (`search: true`), and where that is said.
    public let search: Bool
    public let searchLocation: SourceLocation?
    /// Warning codes that fail the build like errors (`warnings_as_errors:`); only known codes.
    public let warningsAsErrors: Set<String>
    /// The profile the model acts are filled from by default (`acts_profile:`), relative to the portal.
    public let actsProfile: String?
    /// The news section (`news:`): its newest items are on the home page.
    public let news: String?
    /// Where the feedback form posts, when the region has such a service (`feedback_endpoint:`);
    /// without it the form composes an e-mail to the moderator's address.
    public let feedbackEndpoint: String?
    /// An e-mail subscription service of the region (`subscription:`), linked from every page.
    public let subscription: String?
    /// Where each navigation entry stands in portal.yaml, for messages.
    let navigationLocations: [SourceLocation]

    /// The path part of the base URL (`/` or `/nko/`): the prefix of every internal link.
    public var basePath: String {
        let path = URL(string: baseURL)?.path ?? "/"
        return path.hasSuffix("/") ? path : path + "/"
    }

    public static let fileName = "portal.yaml"
    static var file: String { fileName }

    /// portal.yaml is checked with the same field machinery as content.
    static let fields: [Field] = {
        let at = SourceLocation(file: file)
        let text = { (name: String, label: String, type: FieldType, required: Bool) in
            Field(name: name, label: label, type: type, required: required, location: at)
        }
        return [
            text("title", "Название портала", .string, true),
            text("short_title", "Краткое название", .string, false),
            text("description", "Описание портала", .text, true),
            Field(name: "base_url", label: "Адрес портала", type: .url, required: true,
                  pattern: try! TextPattern("https?://.+/"), hint: "полный адрес с косой чертой на конце: https://nko.example.ru/",
                  location: at),
            Field(name: "region", label: "Регион", type: .object, required: true, subfields: [
                text("name", "Название региона (именительный падеж)", .string, true),
                text("genitive", "Родительный падеж (кого? чего?)", .string, true),
                text("prepositional", "Предложный падеж (о ком? о чём?)", .string, true),
            ], location: at),
            text("moderator", "Модератор портала", .string, false),
            Field(name: "contacts", label: "Контакты", type: .object, subfields: [
                text("address", "Адрес", .string, false),
                text("phone", "Телефон", .phone, false),
                text("email", "Электронная почта", .email, false),
            ], location: at),
            Field(name: "navigation", label: "Порядок разделов в меню", type: .list, required: true,
                  elementType: .string, location: at),
            Field(name: "source_defects", label: "Раздел с известными неточностями источников", type: .string,
                  hint: "адрес раздела, например information/source-defects", location: at),
            Field(name: "search", label: "Поиск по порталу (Pagefind)", type: .boolean,
                  hint: "true: при сборке строится поисковый индекс программой pagefind", location: at),
            Field(name: "acts_profile", label: "Профиль для модельных актов", type: .string,
                  hint: "файл профиля региона, например content/_acts/respublika-tatarstan.yaml", location: at),
            Field(name: "news", label: "Раздел новостей", type: .string,
                  hint: "адрес раздела, последние материалы которого показывает главная страница, например press/news", location: at),
            Field(name: "feedback_endpoint", label: "Адрес приёма обращений", type: .url,
                  hint: "адрес сервиса, принимающего форму обратной связи (POST); без него форма готовит письмо на contacts.email", location: at),
            Field(name: "subscription", label: "Подписка на новости по электронной почте", type: .url,
                  hint: "адрес страницы подписки сервиса рассылок региона", location: at),
            Field(name: "warnings_as_errors", label: "Предупреждения, которые считаются ошибками", type: .list,
                  elementType: .string, hint: "список кодов предупреждений, например [raw-html, unknown-field]", location: at),
        ]
    }()

    /// `portal.yaml` of a portal's folder; nil (with the reason) when it is missing or wrong.
    public static func read(root: URL, diagnostics: inout [Diagnostic]) -> PortalSettings? {
        guard let data = SourceFiles.contents(root.path + "/" + file), let text = try? decodeText(data) else {
            diagnostics.append(.error("file-missing", at: SourceLocation(file: file), "нет файла настроек портала portal.yaml",
                                      hint: "запустите команду в папке портала или укажите её: --root DIR"))
            return nil
        }
        return read(text, diagnostics: &diagnostics)
    }

    static func read(_ text: String, diagnostics: inout [Diagnostic]) -> PortalSettings? {
        let source = YAMLSource(file: file, lineOffset: 0, refusesForbiddenCharacters: true)
        guard let root = source.parseDocument(text, whenEmpty: "файл настроек портала пуст",
                                              hint: "укажите title, description, base_url, region и navigation",
                                              &diagnostics) else { return nil }
        guard case let .mapping(mapping) = root else {
            diagnostics.append(.error("settings-shape", at: source.location(of: root),
                                      "в portal.yaml ожидался набор полей, а указан \(root.kindName)"))
            return nil
        }
        var reader = ValueReader(source: source)
        let values = reader.readFields(mapping, fields: fields, at: source.location(of: root), context: "portal.yaml")
        diagnostics += reader.diagnostics
        guard case let .string(title)? = values["title"], case let .string(description)? = values["description"],
              case let .string(baseURL)? = values["base_url"], case let .list(navigation)? = values["navigation"],
              case let .object(region)? = values["region"] else { return nil }
        var navigationLocations: [SourceLocation] = []
        if let node = mapping["navigation"], case let .sequence(sequence) = node {
            navigationLocations = sequence.map { source.location(of: $0) }
        }
        let warningsAsErrors = raisedCodes(mapping, source, &diagnostics)
        return PortalSettings(
            title: title, shortTitle: values["short_title"]?.plainText, description: description, baseURL: baseURL,
            region: Dictionary(uniqueKeysWithValues: region.map { ($0.name, $0.value.plainText) }),
            moderator: values["moderator"]?.plainText,
            contacts: {
                guard case let .object(entries)? = values["contacts"] else { return [:] }
                return Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.value.plainText) })
            }(),
            navigation: navigation.map(\.plainText), sourceDefects: values["source_defects"]?.plainText,
            search: values["search"] == .boolean(true), searchLocation: reader.locations["search"],
            warningsAsErrors: warningsAsErrors, actsProfile: values["acts_profile"]?.plainText, news: values["news"]?.plainText,
            feedbackEndpoint: values["feedback_endpoint"]?.plainText, subscription: values["subscription"]?.plainText,
            navigationLocations: navigationLocations)
    }

    /// The warning codes of `warnings_as_errors:`. A code the program does not have is an error at
    /// its place; an error's code is accepted and changes nothing.
    static func raisedCodes(_ mapping: Node.Mapping, _ source: YAMLSource, _ diagnostics: inout [Diagnostic]) -> Set<String> {
        guard case let .sequence(entries)? = mapping["warnings_as_errors"] else { return [] }
        var codes: Set<String> = []
        for entry in entries {
            guard let code = entry.scalarText else { continue }  // not a string: the field check reports it
            if Diagnostic.warningCodes.contains(code) {
                codes.insert(code)
            } else if !Diagnostic.errorCodes.contains(code) {
                let known = Diagnostic.warningCodes.union(Diagnostic.errorCodes)
                diagnostics.append(.error("unknown-code", at: source.location(of: entry),
                                          "warnings_as_errors: нет кода сообщения «\(code)»",
                                          hint: (NearestName.find(code, among: Array(known)).map { "возможно, имелось в виду «\($0)»; " } ?? "")
                                              + "коды предупреждений: " + Diagnostic.warningCodes.sorted().joined(separator: ", ")))
            }
        }
        return codes
    }
}
