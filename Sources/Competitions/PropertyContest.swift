import Diagnostics
import RussianText
import Values

/// A property competition as the authority keeps it (App. 4 of 001: the rules of granting
/// property to SONKO, points 29–49): the object, the commission's three meetings, the
/// applications with their admission or refusal and the values their indicators are scored from.
public struct PropertyContest: Sendable {
    public struct Sitting: Sendable {
        public var date: CalendarDate
        public var time: String?
        public var place: String
        public var number: String
    }

    /// An application as registered: admitted, or refused on a ground of point 39.
    public struct Entry: Sendable {
        public var number: String
        public var received: String
        public var organization: String
        public var organizationLocation: SourceLocation
        public var kind: PropertyApplication.Kind
        /// Refused: the ground's number in point 39 (1–10) and what exactly was wrong.
        public var refusal: (ground: Int, details: String?)?
        /// The values to score, for an admitted application.
        public var scored: PropertyApplication?
        public var location: SourceLocation

        /// The refusal as protocols and pages state it: «подпункт 7 пункта 39 Правил: … (details)».
        public var refusalText: String? {
            guard let refusal, PropertyContest.grounds.indices.contains(refusal.ground - 1) else { return nil }
            return "подпункт \(refusal.ground) пункта 39 Правил: " + PropertyContest.grounds[refusal.ground - 1]
                + (refusal.details.map { " (\($0))" } ?? "")
        }
    }

    /// The object's slug in the property list (`content/property`).
    public var object: String
    public var objectLocation: SourceLocation
    public var opening: Sitting
    public var admission: Sitting
    public var evaluation: Sitting
    public var members: [CommissionMember]
    public var entries: [Entry]

    /// The grounds of point 39 on which an application is not admitted (lines 2148–2166). Obvious
    /// slips, typos, spelling and arithmetic errors are none of them (line 2168): they are not on the list.
    public static let grounds = [
        "заявление подано лицом, не являющимся зарегистрированной некоммерческой организацией, или организацией, не признаваемой социально ориентированной",
        "заявление подано социально ориентированной некоммерческой организацией, являющейся государственным или муниципальным учреждением",
        "объект не может быть предоставлен организации на запрошенном праве (подпункты 2 и 3 пункта 3 Правил)",
        "заявление не содержит сведений и (или) согласия на заключение договора, предусмотренных пунктом 11 или 12 Правил",
        "в заявлении содержатся заведомо ложные сведения",
        "заявление не подписано или подписано лицом, не наделенным соответствующими полномочиями",
        "не представлены документы, предусмотренные пунктом 13 Правил",
        "задолженность по налогам, сборам и иным обязательным платежам за прошедший год свыше 25 процентов годовой арендной платы за объект",
        "имеется решение о ликвидации организации или о признании её банкротом и об открытии конкурсного производства",
        "организация включена в перечень по пункту 2 статьи 6 Федерального закона «О противодействии легализации (отмыванию) денежных средств…»",
    ]

    public var admitted: [PropertyApplication] { entries.compactMap { $0.scored } }

    /// The requested object's area (m²), which indicators 11–13 divide: the same for every application.
    public mutating func object(area: DecimalNumber) {
        for index in entries.indices { entries[index].scored?.area = area }
    }

    /// The scores of the admitted applications in order (the first is the recipient), with the
    /// problems of the commission's points.
    public func results(annualRent: Money) -> (scores: [PropertyScore], problems: [Diagnostic]) {
        PropertyScoring.score(admitted, annualRent: annualRent)
    }
}

/// Reads a property competition's folder: `contest.yaml` (the object, the three meetings, the
/// commission) and `applications.yaml` (the register with each application's values).
public enum PropertyContestFiles {
    /// The object's area is not in these files: `PropertyContest.object(area:)` sets it once the
    /// object is found in the property list.
    public static func read(_ files: [SubsidyContestFiles.Source], folder: String)
        -> (contest: PropertyContest?, problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func file(_ name: String) -> SubsidyContestFiles.Source? { files.first { $0.name == name } }
        for name in ["contest.yaml", "applications.yaml"] where file(name) == nil {
            problems.append(.error("contest-files", at: SourceLocation(file: folder), "в папке конкурса нет файла \(name)",
                                   hint: "данные конкурса об имуществе: contest.yaml (объект, заседания, комиссия) и applications.yaml (заявления)"))
        }
        for source in files where !["contest.yaml", "applications.yaml"].contains(source.name) {
            problems.append(.warning("ignored-file", at: SourceLocation(file: source.path), "файл «\(source.name)» в папке конкурса не читается",
                                     hint: "данные конкурса об имуществе: contest.yaml и applications.yaml"))
        }
        guard let settings = file("contest.yaml"), let register = file("applications.yaml"),
              let (values, located) = SubsidyContestFiles.readMapping(settings, fields: settingsFields, &problems),
              let (rows, rowLocations) = SubsidyContestFiles.readList(register, fields: applicationFields, &problems),
              !problems.contains(where: { $0.severity == .error }) else { return (nil, problems) }

        func sitting(_ name: String) -> PropertyContest.Sitting {
            guard case let .object(entries)? = values[name], case let .date(date)? = SubsidyContestFiles.entry(entries, "date") else {
                return PropertyContest.Sitting(date: CalendarDate(year: 2000, month: 1, day: 1)!, place: "", number: "")
            }
            let text = { (key: String) in SubsidyContestFiles.string(SubsidyContestFiles.entry(entries, key)) }
            return PropertyContest.Sitting(date: date, time: SubsidyContestFiles.entry(entries, "time").map(SubsidyContestFiles.string),
                                           place: text("place"), number: text("number"))
        }
        var object = "", objectLocation = SourceLocation(file: settings.path)
        if case let .reference(reference)? = values["object"] { (object, objectLocation) = (reference.slug, reference.location) }
        let members = SubsidyContestFiles.members(values, located, file: settings.path)

        var entries: [PropertyContest.Entry] = []
        for (index, row) in rows.enumerated() {
            let path = "[\(index + 1)]"
            let at = rowLocations[path] ?? SourceLocation(file: register.path)
            guard case let .reference(organization)? = SubsidyContestFiles.entry(row, "organization"),
                  case let .choice(kind)? = SubsidyContestFiles.entry(row, "kind"),
                  case let .date(registered)? = SubsidyContestFiles.entry(row, "registered") else { continue }
            var entry = PropertyContest.Entry(number: SubsidyContestFiles.string(SubsidyContestFiles.entry(row, "number")),
                                              received: received(SubsidyContestFiles.entry(row, "received")),
                                              organization: organization.slug, organizationLocation: organization.location,
                                              kind: PropertyApplication.Kind(rawValue: kind.value) ?? .freeUse,
                                              refusal: nil, scored: nil, location: at)
            if case let .object(refusal)? = SubsidyContestFiles.entry(row, "refused"),
               case let .choice(ground)? = SubsidyContestFiles.entry(refusal, "ground") {
                entry.refusal = (Int(ground.value) ?? 0, SubsidyContestFiles.entry(refusal, "details").map(SubsidyContestFiles.string))
            } else {
                guard case let .object(given)? = SubsidyContestFiles.entry(row, "values"),
                      case let .object(points)? = SubsidyContestFiles.entry(row, "commission") else {
                    problems.append(.error("property-scores", at: at,
                                           "у допущенного заявления № \(entry.number) нет значений показателей (values) или оценок комиссии (commission)",
                                           hint: "заявление, не допущенное до рассмотрения, отмечается refused с основанием из пункта 39 Правил"))
                    continue
                }
                let number = { (key: String) -> DecimalNumber in
                    switch SubsidyContestFiles.entry(given, key) {
                    case let .decimal(d)?: d
                    case let .integer(n)?: DecimalNumber(n)
                    case let .money(m)?: m.rubles
                    default: .zero
                    }
                }
                var locations: [Int: SourceLocation] = [:]
                for (indicator, key) in zip(1..., relativeKeys) { locations[indicator] = rowLocations[path + ".values." + key] }
                for (indicator, key) in zip(PropertyScoring.expertIndicators, expertKeys) {
                    locations[indicator] = rowLocations[path + ".commission." + key]
                }
                entry.scored = PropertyApplication(
                    id: entry.number, organization: organization.slug,
                    kind: entry.kind, registered: registered,
                    relative: relativeKeys.map(number),
                    expert: expertKeys.map { SubsidyContestFiles.integer(SubsidyContestFiles.entry(points, $0)) },
                    area: .zero, people: number("people"), ownNonResidential: number("own_area"), residential: number("residential_area"),
                    location: at, locations: locations)
            }
            entries.append(entry)
        }
        var seen: Set<String> = []
        for entry in entries where !seen.insert(entry.number).inserted {
            problems.append(.error("contest-application", at: entry.location, "заявление № \(entry.number) зарегистрировано дважды",
                                   hint: "у каждого заявления свой номер регистрации"))
        }
        let contest = PropertyContest(object: object, objectLocation: objectLocation, opening: sitting("opening"),
                                      admission: sitting("admission"), evaluation: sitting("evaluation"),
                                      members: members, entries: entries)
        return (contest, problems)
    }

    static func received(_ value: Value?) -> String {
        switch value {
        case let .datetime(t)?: RussianFormat.longDateTime(t)
        case let .date(d)?: RussianFormat.longDate(d)
        default: ""
        }
    }

    /// The keys of indicators 1–8 and of the commission's 9, 10, 15, 16, in the table's order.
    public static let relativeKeys = ["years", "funds", "grants", "subsidies", "memberships_long", "memberships_short", "staff", "volunteers"]
    public static let expertKeys = ["results", "efficiency", "activity", "need"]

    typealias F = SubsidyContestFiles

    static let sittingFields: [Field] = [
        F.field("date", "Дата", .date, required: true),
        F.field("time", "Время", .string),
        F.field("place", "Место", .string, required: true),
        F.field("number", "Номер протокола", .string, required: true),
    ]

    static let settingsFields: [Field] = [
        F.field("object", "Объект (адрес записи в перечне имущества)", .reference, required: true, collection: "property"),
        F.field("opening", "Вскрытие конвертов с заявлениями (пункты 29–33 Правил)", .object, required: true, subfields: sittingFields),
        F.field("admission", "Решение о допуске заявлений (пункт 40 Правил)", .object, required: true, subfields: sittingFields),
        F.field("evaluation", "Оценка и сопоставление заявлений (пункты 45–49 Правил)", .object, required: true, subfields: sittingFields),
        F.settingsFields.first { $0.name == "commission" }!,
    ]

    static let applicationFields: [Field] = [
        F.field("number", "Регистрационный номер заявления", .string, required: true, pattern: F.numberPattern, hint: F.numberHint),
        F.field("received", "Дата и время поступления", .datetime, required: true),
        F.field("organization", "Организация (адрес страницы в реестре организаций)", .reference, required: true,
                collection: "organizations"),
        F.field("kind", "Запрошено", .enum, required: true,
                choices: PropertyApplication.Kind.allCases.map { Choice(value: $0.rawValue, label: $0.label) }),
        F.field("registered", "Дата государственной регистрации организации", .date, required: true,
                hint: "из выписки ЕГРЮЛ: при равном рейтинге выше организация, действующая дольше (пункт 47 Правил)"),
        F.field("refused", "Отказ в допуске до дальнейшего рассмотрения", .object, subfields: [
            F.field("ground", "Основание (подпункт пункта 39 Правил)", .enum, required: true,
                    choices: PropertyContest.grounds.enumerated().map { Choice(value: String($0.offset + 1), label: $0.element) },
                    hint: "явные описки, опечатки, орфографические и арифметические ошибки основанием для отказа не являются"),
            F.field("details", "В чём именно", .text),
        ]),
        F.field("values", "Значения показателей из заявления", .object, subfields: [
            F.field("years", "1. Полных лет со дня государственной регистрации", .integer, required: true, min: 0),
            F.field("funds", "2. Среднегодовой объём средств на деятельность за пять лет, руб.", .money, required: true, min: 0),
            F.field("grants", "3. Гранты от НКО за счёт субсидий федерального бюджета за пять лет, руб.", .money, required: true, min: 0),
            F.field("subsidies", "4. Субсидии из бюджетов за пять лет, руб.", .money, required: true, min: 0),
            F.field("memberships_long", "5. НКО, членом которых организация является более пяти лет", .integer, required: true, min: 0),
            F.field("memberships_short", "6. НКО, членом которых организация является от года до пяти лет", .integer, required: true, min: 0),
            F.field("staff", "7. Среднегодовая численность работников за пять лет", .decimal, required: true, min: 0),
            F.field("volunteers", "8. Среднегодовая численность добровольцев за пять лет", .decimal, required: true, min: 0),
            F.field("people", "11. Средняя численность работников и добровольцев за последний год", .decimal, required: true, min: 0),
            F.field("own_area", "12. Площадь нежилых помещений в собственности, кв. м (0 — нет)", .decimal, required: true, min: 0),
            F.field("residential_area", "13. Средняя площадь жилых помещений во владении, пользовании за пять лет, кв. м (0 — нет)",
                    .decimal, required: true, min: 0),
        ]),
        F.field("commission", "Баллы комиссии (экспертная оценка)", .object, subfields: [
            F.field("results", "9. Результативность деятельности (0–15)", .integer, required: true),
            F.field("efficiency", "10. Эффективность деятельности (0–10)", .integer, required: true),
            F.field("activity", "15. Соответствие деятельности видам, для которых испрашивается объект (0–10)", .integer, required: true),
            F.field("need", "16. Обоснованность потребности в объекте (0–10)", .integer, required: true),
        ]),
    ]
}
