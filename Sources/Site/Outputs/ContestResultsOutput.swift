import Competitions
import Content
import Foundation
import RussianText

/// A contest's computed results as open data beside its page: the ranking as CSV and JSON and a
/// Frictionless data package naming each column — the fields the 360Giving standard gives a
/// grant (recipient's name and identifiers, amount, date, programme, funder).
struct ContestResultsOutput: Output {
    static let files = ["results.csv", "results.json", "datapackage.json"]

    /// The columns: name, Russian title, Frictionless type, the 360Giving field it corresponds to.
    static let columns: [(name: String, title: String, type: String, standard: String?)] = [
        ("id", "Идентификатор: адрес конкурса и номер заявки", "string", "Identifier"),
        ("rank", "Место в рейтинге", "integer", nil),
        ("application", "Регистрационный номер заявки", "string", nil),
        ("recipient_name", "Полное наименование организации", "string", "Recipient Org:Name"),
        ("recipient_inn", "ИНН организации", "string", "Recipient Org:Company Number"),
        ("recipient_ogrn", "ОГРН организации", "string", "Recipient Org:Charity Number"),
        ("recipient_url", "Страница организации на портале", "string", "Recipient Org:Web Address"),
        ("project", "Наименование программы (проекта)", "string", "Title"),
        ("rating", "Рейтинг: сумма средних баллов по шести критериям", "number", nil),
        ("requested", "Запрошено, руб.", "number", "Amount Applied For"),
        ("amount", "Предоставляется, руб. (0 — средств не хватило)", "number", "Amount Awarded"),
        ("currency", "Валюта", "string", "Currency"),
        ("award_date", "Дата итогового заседания комиссии", "date", "Award Date"),
        ("contest", "Конкурс", "string", "Grant Programme:Title"),
        ("contest_url", "Страница конкурса", "string", "Grant Programme:URL"),
        ("funder", "Организатор конкурса", "string", "Funding Org:Name"),
    ]

    func plan(_ model: SiteModel) -> [OutputUnit] {
        model.contests.keys.sorted().compactMap { key in
            guard model.contests[key]?.subsidy != nil, let at = model.itemsByKey[key] else { return nil }
            return OutputUnit(subject: .item(collection: at.collection, item: at.item), key: key + "/" + Self.files[0])
        }
    }

    func files(of unit: OutputUnit) -> [String] {
        let folder = unit.key.dropLast(Self.files[0].count)
        return Self.files.map { folder + $0 }
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        guard case let .item(c, i) = unit.subject else { return [:] }
        let page = reader.item(c, i)
        guard let record = reader.contest(of: page), let subsidy = record.subsidy else { return [:] }
        let rows = records(record.key, subsidy.contest, subsidy.results, page: page, reader)
        let csv = ([Self.columns.map { $0.name }] + rows.map { $0.map { $0.text } }).map { cells in
            cells.map { CSVText.cell(CSVText.inert($0)) }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
        let json = "[\n" + rows.map { row in
            "  " + JSONText.object(zip(Self.columns, row).map { column, cell in (column.name, cell.json) })
        }.joined(separator: ",\n") + "\n]\n"
        let texts = [csv, json, datapackage(page, reader)]
        return Dictionary(uniqueKeysWithValues: zip(files(of: unit), texts.map { Data($0.utf8) }))
    }

    /// A cell as CSV text and as a JSON value.
    struct Cell {
        let text: String
        let json: String
        static func string(_ s: String) -> Cell { Cell(text: s, json: JSONText.string(s)) }
        static func number(_ s: String) -> Cell { Cell(text: s, json: s) }
    }

    private func records(_ key: String, _ contest: SubsidyContest, _ results: SubsidyResults, page: Item,
                         _ reader: ModelReader) -> [[Cell]] {
        let base = reader.settings.baseURL
        let funder: String = if case let .string(name)? = page.values["organiser"]?[entry: "name"] { name } else { "" }
        return results.ranking.map { entry in
            let organization = reader.target(ContestFolders.reference(ContestFolders.organizations + "/" + entry.application.organization))
            func value(_ name: String) -> String {
                if case let .string(s)? = organization?.values[name] { return s }
                return ""
            }
            return [
                .string(page.slug + "-" + entry.application.number), .number(String(entry.rank)), .string(entry.application.number),
                .string(value("full_name").isEmpty ? organization?.title ?? "" : value("full_name")),
                .string(value("inn")), .string(value("ogrn")),
                .string(base + ContestFolders.organizations + "/" + entry.application.organization + "/"),
                .string(entry.application.project), .number(entry.rating.description),
                .number(entry.application.request.description), .number(entry.amount.description), .string("RUB"),
                .string(contest.meeting?.date.iso ?? ""), .string(page.title), .string(base + key + "/"), .string(funder),
            ]
        }
    }

    private func datapackage(_ page: Item, _ reader: ModelReader) -> String {
        let fields = Self.columns.map { column in
            var entries = [("name", JSONText.string(column.name)), ("title", JSONText.string(column.title)),
                           ("type", JSONText.string(column.type))]
            if let standard = column.standard { entries.append(("nko:360giving", JSONText.string(standard))) }
            return JSONText.object(entries)
        }
        let schema = JSONText.object([("fields", "[\n      " + fields.joined(separator: ",\n      ") + "\n    ]"),
                                      ("primaryKey", JSONText.string("id"))])
        let name = "contest-results-" + page.slug
        let package: [(String, String)] = [
            ("profile", JSONText.string("tabular-data-package")), ("name", JSONText.string(name)),
            ("title", JSONText.string("Итоги конкурса: " + page.title)),
            ("description", JSONText.string("Рейтинг программ (проектов) и размеры субсидий, вычисленные по оценкам членов конкурсной комиссии (раздел 8 Положения о порядке определения объёма и предоставления субсидий). Поля сопоставлены со стандартом 360Giving (nko:360giving).")),
            ("homepage", JSONText.string(reader.settings.baseURL + ContestFolders.collection + "/" + page.slug + "/")),
            ("resources", DataPackage.resources(name: name, csv: Self.files[0], json: Self.files[1], schema: schema)),
        ]
        return JSONText.object(package) + "\n"
    }
}
