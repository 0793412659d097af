import Diagnostics
import RussianText
import Values

/// Reads a subsidy contest's folder (`content/_contests/<contest>/`), which the authority keeps
/// and the portal does not publish:
///
///     contest.yaml        settings, the final meeting, the commission
///     applications.yaml   the register of applications
///     scores/<id>.yaml    each member's evaluation sheets: six scores per application
///     reviews.yaml        decisions of economic reviews (optional)
///
/// The fund and the cap come from the contest's public page. Every value is read by the same
/// typed reader as the portal's data, so a wrong value is reported where it is written.
public enum SubsidyContestFiles {
    public struct Source: Sendable {
        /// The path of the file from the portal's root, for messages.
        public var path: String
        /// Its name inside the contest's folder: `contest.yaml`, `scores/ivanova.yaml`.
        public var name: String
        public var text: String

        public init(path: String, name: String, text: String) {
            (self.path, self.name, self.text) = (path, name, text)
        }
    }

    /// The contest, or nil when a file cannot be read as it must (then the problems say why).
    public static func read(_ files: [Source], fund: Money?, fundAt: SourceLocation?, cap: Money?, capAt: SourceLocation?,
                            folder: String) -> (contest: SubsidyContest?, problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func file(_ name: String) -> Source? { files.first { $0.name == name } }
        for name in ["contest.yaml", "applications.yaml"] where file(name) == nil {
            problems.append(.error("contest-files", at: SourceLocation(file: folder), "в папке конкурса нет файла \(name)",
                                   hint: "данные конкурса: contest.yaml (комиссия, заседание), applications.yaml (заявки), scores/<член комиссии>.yaml (оценки)"))
        }
        for source in files where !known(source.name) {
            problems.append(.warning("ignored-file", at: SourceLocation(file: source.path), "файл «\(source.name)» в папке конкурса не читается",
                                     hint: "данные конкурса: contest.yaml, applications.yaml, reviews.yaml и scores/<член комиссии>.yaml"))
        }
        guard let settingsFile = file("contest.yaml"), let registerFile = file("applications.yaml") else { return (nil, problems) }

        var locations: [String: SourceLocation] = ["contest": SourceLocation(file: settingsFile.path),
                                                   "scores": SourceLocation(file: folder + "/scores")]
        if let fundAt { locations["fund"] = fundAt }
        if let capAt { locations["cap"] = capAt }

        var parameters = ContestParameters(fund: fund ?? Money(kopecks: 0), capAmount: cap)
        var meeting: Meeting?
        var members: [CommissionMember] = []
        if let (values, located) = readMapping(settingsFile, fields: settingsFields, &problems) {
            if case let .percent(p)? = values["cap_percent"] { parameters.capPercent = p }
            if case let .money(m)? = values["max_request"] { parameters.maxRequest = m }
            if case let .boolean(b)? = values["remainder"] { parameters.remainder = b }
            if case let .choice(c)? = values["tie_break"] { parameters.tieBreak = TieBreak(rawValue: c.value) ?? .vote }
            parameters.voteOrder = strings(values["tie_order"])
            if case let .object(entries)? = values["meeting"], case let .date(date)? = entry(entries, "date") {
                var votes: (for: Int, against: Int, abstained: Int)?
                if case let .object(counts)? = entry(entries, "votes") {
                    votes = (integer(entry(counts, "for")), integer(entry(counts, "against")), integer(entry(counts, "abstained")))
                }
                meeting = Meeting(date: date, number: string(entry(entries, "number")), place: string(entry(entries, "place")),
                                  time: entry(entries, "time").map(string), votes: votes,
                                  dissent: objects(entry(entries, "dissent")).map {
                                      (string(entry($0, "member")), string(entry($0, "opinion")))
                                  })
            }
            members = Self.members(values, located, file: settingsFile.path)
            locations["commission"] = located["commission"]
            locations["meeting"] = located["meeting"]
            locations["tie_order"] = located["tie_order"]
            locations["cap_percent"] = located["cap_percent"]
            if parameters.capPercent != nil && cap == nil { locations["cap"] = located["cap_percent"] }
        }

        var applications: [ContestApplication] = []
        if let (rows, located) = readList(registerFile, fields: applicationFields, &problems) {
            for (index, row) in rows.enumerated() {
                let path = "[\(index + 1)]"
                guard case let .date(received)? = entry(row, "received"), case let .money(request)? = entry(row, "request"),
                      case let .reference(organization)? = entry(row, "organization") else { continue }
                let at = located[path] ?? SourceLocation(file: registerFile.path)
                var page: Reference?
                if case let .reference(r)? = entry(row, "page") { page = r }
                var application = ContestApplication(
                    number: string(entry(row, "number")), received: received, organization: organization.slug,
                    project: string(entry(row, "project")), projectPage: page?.slug, request: request, refusal: entry(row, "refused").map(string),
                    location: at, requestLocation: located[path + ".request"], organizationLocation: organization.location)
                application.estimate = estimate(entry(row, "estimate"))
                if entry(row, "revised_estimate") != nil { application.revisedEstimate = estimate(entry(row, "revised_estimate")) }
                applications.append(application)
            }
        }

        var sheets: [ScoreSheet] = []
        for source in files where source.name.hasPrefix("scores/") && source.name.hasSuffix(".yaml") {
            let member = String(source.name.dropFirst("scores/".count).dropLast(".yaml".count))
            guard let (rows, located) = readList(source, fields: scoreFields, &problems) else { continue }
            var sheetRows: [ScoreSheet.Row] = []
            for (index, row) in rows.enumerated() {
                let path = "[\(index + 1)]"
                let scores = Criterion.allCases.map { criterion -> Int in
                    if case let .integer(n)? = entry(row, criterion.key) { return Int(clamping: n) }
                    return 0
                }
                let at = located[path] ?? SourceLocation(file: source.path)
                sheetRows.append(ScoreSheet.Row(application: string(entry(row, "application")), scores: scores, location: at,
                                                scoreLocations: Criterion.allCases.map { located[path + "." + $0.key] ?? at }))
            }
            sheets.append(ScoreSheet(member: member, rows: sheetRows, location: SourceLocation(file: source.path)))
        }

        var reviews: [EconomicReview] = []
        if let reviewFile = file("reviews.yaml"), let (rows, located) = readList(reviewFile, fields: reviewFields, &problems) {
            for (index, row) in rows.enumerated() {
                guard case let .money(amount)? = entry(row, "amount") else { continue }
                reviews.append(EconomicReview(application: string(entry(row, "application")), amount: amount,
                                              reason: string(entry(row, "reason")),
                                              location: located["[\(index + 1)]"] ?? SourceLocation(file: reviewFile.path)))
            }
        }
        // What every winner's contract shares: checked against the contract form by whoever makes them.
        var contracts: (file: String, tree: DataTree)?
        if let source = file("contracts.yaml"), let tree = parse(source, &problems) { contracts = (source.path, tree) }
        guard !problems.contains(where: { $0.severity == .error }) else { return (nil, problems) }
        var contest = SubsidyContest(parameters: parameters, meeting: meeting, members: members, applications: applications,
                                     sheets: sheets, reviews: reviews, locations: locations)
        contest.contracts = contracts
        return (contest, problems)
    }

    /// The commission of a settings file (`commission:`), as both kinds of contest write it.
    static func members(_ values: [String: Value], _ located: [String: SourceLocation], file: String) -> [CommissionMember] {
        objects(values["commission"]).enumerated().compactMap { index, row in
            guard case let .choice(role)? = entry(row, "role"), let roleValue = CommissionMember.Role(rawValue: role.value),
                  case let .boolean(official)? = entry(row, "official") else { return nil }
            var present = true
            if case let .boolean(b)? = entry(row, "present") { present = b }
            return CommissionMember(
                id: string(entry(row, "id")), name: string(entry(row, "name")), position: string(entry(row, "position")),
                role: roleValue, official: official, present: present, conflicts: strings(entry(row, "conflicts")),
                location: located["commission[\(index + 1)]"] ?? SourceLocation(file: file))
        }
    }

    static func known(_ name: String) -> Bool {
        ["contest.yaml", "applications.yaml", "reviews.yaml", "contracts.yaml"].contains(name)
            || (name.hasPrefix("scores/") && name.hasSuffix(".yaml") && !name.dropFirst("scores/".count).contains("/"))
    }

    // MARK: - The files' fields

    static let here = SourceLocation(file: "Sources/Competitions/SubsidyContestFiles.swift")

    static func field(_ name: String, _ label: String, _ type: FieldType, required: Bool = false, choices: [Choice] = [],
                      pattern: TextPattern? = nil, min: DecimalNumber? = nil, max: DecimalNumber? = nil, of elementType: FieldType? = nil,
                      subfields: [Field] = [], collection: String? = nil, hint: String? = nil) -> Field {
        Field(name: name, label: label, type: type, required: required, choices: choices, pattern: pattern, min: min, max: max,
              elementType: elementType, subfields: subfields, collection: collection, hint: hint, location: here)
    }

    /// Member ids and application numbers name the documents written for them
    /// (`evaluation-sheet-<id>-<number>.odt`): letters, digits and hyphens only, never a path.
    static let idPattern = try! TextPattern("[a-z0-9][a-z0-9-]*")
    static let numberPattern = try! TextPattern("[0-9A-Za-zА-ЯЁа-яё][0-9A-Za-zА-ЯЁа-яё-]*")
    static let numberHint = "номер — буквы, цифры и дефисы, например 15 или 15-А"

    static let settingsFields: [Field] = [
        field("cap_percent", "Предельный размер на одну организацию, % от общего объёма средств", .percent,
              min: DecimalNumber(significand: 1, scale: 2), max: 100, hint: "пункт 1.3 Положения; рекомендуется 10–15"),
        field("max_request", "Максимальный размер запрашиваемой субсидии", .money, min: DecimalNumber(significand: 1, scale: 2)),
        field("remainder", "Следующий в рейтинге проект получает остаток средств, если он меньше нужного", .boolean),
        field("tie_break", "Порядок заявок с равным рейтингом", .enum, choices: [
            Choice(value: "vote", label: "решает комиссия открытым голосованием (tie_order)"),
            Choice(value: "registration", label: "раньше зарегистрированная заявка выше"),
        ]),
        field("tie_order", "Порядок заявок с равным рейтингом по решению комиссии", .list, of: .string),
        field("meeting", "Итоговое заседание комиссии", .object, required: true, subfields: [
            field("date", "Дата", .date, required: true),
            field("time", "Время", .string),
            field("place", "Место проведения", .string, required: true),
            field("number", "Номер протокола", .string, required: true),
            field("votes", "Итоги открытого голосования о победителях", .object, subfields: [
                field("for", "«За»", .integer, required: true, min: 0),
                field("against", "«Против»", .integer, required: true, min: 0),
                field("abstained", "«Воздержались»", .integer, required: true, min: 0),
            ]),
            field("dissent", "Особые мнения членов комиссии", .list, of: .object, subfields: [
                field("member", "Член комиссии (id)", .string, required: true),
                field("opinion", "Особое мнение", .text, required: true),
            ]),
        ]),
        field("commission", "Состав конкурсной комиссии", .list, required: true, of: .object, subfields: [
            field("id", "Имя файла оценок (scores/<id>.yaml)", .string, required: true, pattern: idPattern,
                  hint: "id — латинские строчные буквы, цифры и дефисы, как имя файла scores/<id>.yaml"),
            field("name", "Фамилия, имя, отчество", .person, required: true),
            field("position", "Должность, место работы", .string, required: true),
            field("role", "Роль в комиссии", .enum, required: true,
                  choices: CommissionMember.Role.allCases.map { Choice(value: $0.rawValue, label: $0.label) }),
            field("official", "Замещает государственную (муниципальную) должность или должность службы", .boolean, required: true),
            field("present", "Присутствовал на итоговом заседании", .boolean),
            field("conflicts", "Заявки, в итогах которых член комиссии лично заинтересован", .list, of: .string),
        ]),
    ]

    static let applicationFields: [Field] = [
        field("number", "Регистрационный номер заявки", .string, required: true, pattern: numberPattern, hint: numberHint),
        field("received", "Дата поступления", .date, required: true),
        field("organization", "Организация (адрес страницы в реестре организаций)", .reference, required: true,
              collection: "organizations"),
        field("project", "Наименование программы (проекта)", .string, required: true),
        field("page", "Страница проекта на портале (адрес в разделе проектов)", .reference, collection: "projects"),
        field("request", "Запрашиваемый размер субсидии", .money, required: true, min: DecimalNumber(significand: 1, scale: 2)),
        field("refused", "Основание отказа в допуске (пункт 5.8 Положения)", .text),
        field("estimate", "Смета программы (проекта) по заявке", .list, of: .object, subfields: estimateFields),
        field("revised_estimate", "Уточнённая смета к договору (если субсидия меньше запрошенной)", .list, of: .object,
              subfields: estimateFields),
    ]

    static let estimateFields: [Field] = [
        field("direction", "Направление расходования средств", .string, required: true),
        field("subsidy", "За счёт субсидии", .money, required: true, min: 0),
        field("own", "За счёт собственных средств", .money, min: 0),
    ]

    static func estimate(_ value: Value?) -> [EstimateLine] {
        objects(value).compactMap { row in
            guard case let .money(subsidy)? = entry(row, "subsidy") else { return nil }
            var own: Money?
            if case let .money(m)? = entry(row, "own") { own = m }
            return EstimateLine(direction: string(entry(row, "direction")), subsidy: subsidy, own: own)
        }
    }

    static let scoreFields: [Field] = [field("application", "Номер заявки", .string, required: true)]
        + Criterion.allCases.map { field($0.key, "\($0.rawValue + 1). \($0.label)", .integer, required: true,
                                         hint: "целое число баллов от 0 до 5") }

    static let reviewFields: [Field] = [
        field("application", "Номер заявки", .string, required: true),
        field("amount", "Объём средств по итогам экспертизы", .money, required: true),
        field("reason", "Обоснование (заключение экспертизы)", .text, required: true),
    ]

    // MARK: - Reading

    static func parse(_ source: Source, _ problems: inout [Diagnostic]) -> DataTree? {
        let text = withoutCRLF(source.text)
        // What no page or document can hold is refused where it stands, as in every file of the portal.
        if let bad = ForbiddenCharacters.first(in: text) {
            problems.append(ForbiddenCharacters.diagnostic(bad.scalar, at: SourceLocation(file: source.path, line: bad.line, column: bad.column),
                                                           in: "в тексте"))
            return nil
        }
        do {
            guard let tree = try YAMLReader.read(text) else {
                problems.append(.error("empty-file", at: SourceLocation(file: source.path), "файл пуст",
                                       hint: "заполните файл по образцу из docs/forms-guide.md («Конкурсы: от заявок до договоров»)"))
                return nil
            }
            return tree
        } catch {
            problems.append(.error("yaml-syntax", at: SourceLocation(file: source.path, line: error.line, column: error.column),
                                   "ошибка синтаксиса YAML: \(error.message)"))
            return nil
        }
    }

    static func readMapping(_ source: Source, fields: [Field], _ problems: inout [Diagnostic])
        -> ([String: Value], [String: SourceLocation])? {
        guard let tree = parse(source, &problems) else { return nil }
        guard let pairs = tree.pairs else {
            problems.append(.error("data-shape", at: SourceLocation(file: source.path, line: tree.line, column: tree.column),
                                   "в файле ожидался набор полей «имя: значение»"))
            return nil
        }
        var reader = ValueReader(source: DataTreeSource(file: source.path))
        let values = reader.readFields(pairs, fields: fields, at: SourceLocation(file: source.path), context: "файла \(source.name)")
        problems += reader.diagnostics
        return (values, reader.locations)
    }

    static func readList(_ source: Source, fields: [Field], _ problems: inout [Diagnostic])
        -> ([[Value.Entry]], [String: SourceLocation])? {
        guard let tree = parse(source, &problems) else { return nil }
        var reader = ValueReader(source: DataTreeSource(file: source.path))
        let list = field("", source.name, .list, of: .object, subfields: fields)
        let value = reader.read(tree, as: list, path: "")
        problems += reader.diagnostics
        guard case let .list(rows)? = value else { return nil }
        return (rows.map { row in if case let .object(entries) = row { return entries } else { return [] } }, reader.locations)
    }

    /// Windows line ends read as line ends, as the portal's other files are; a lone carriage return stays (and is refused).
    static func withoutCRLF(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var afterReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && afterReturn { scalars.removeLast() }
            scalars.append(scalar)
            afterReturn = scalar == "\r"
        }
        return String(scalars)
    }

    static func entry(_ entries: [Value.Entry], _ name: String) -> Value? { entries.first { $0.name == name }?.value }

    static func objects(_ value: Value?) -> [[Value.Entry]] {
        guard case let .list(rows)? = value else { return [] }
        return rows.map { row in if case let .object(entries) = row { return entries } else { return [] } }
    }

    static func strings(_ value: Value?) -> [String] {
        guard case let .list(items)? = value else { return [] }
        return items.map(string)
    }

    static func integer(_ value: Value?) -> Int {
        if case let .integer(n)? = value { return Int(clamping: n) }
        return 0
    }

    static func string(_ value: Value?) -> String {
        switch value {
        case let .string(s)?: s
        case let .choice(c)?: c.value
        default: ""
        }
    }
}
