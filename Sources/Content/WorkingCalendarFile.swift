import Diagnostics
import RussianText
import Yams

/// `content/_calendar.yaml`: per year, the days off falling on weekdays (`holidays`) and the
/// weekend days made working (`workdays`), as the Government's decree for the year sets them.
public enum WorkingCalendarFile {
    public static let path = ContentLoader.contentFolder + "/_calendar.yaml"

    static func read(_ text: String, _ diagnostics: inout [Diagnostic]) -> WorkingCalendar {
        let source = YAMLSource(file: path, lineOffset: 0, refusesForbiddenCharacters: true)
        guard let root = source.parseDocument(text, whenEmpty: "производственный календарь пуст",
                                              hint: "укажите годы: 2026: {holidays: [...], workdays: [...]}", &diagnostics),
              case let .mapping(years) = root else {
            return WorkingCalendar()
        }
        var calendar = WorkingCalendar()
        for (keyNode, valueNode) in years {
            guard let key = keyNode.scalarText, let year = Int(key), (1900...2200).contains(year) else {
                diagnostics.append(.error("calendar-year", at: source.location(of: keyNode),
                                          "«\(keyNode.scalarText ?? "")» — не год", hint: "ключи файла — годы, например 2026:"))
                continue
            }
            let reader = MappingReader(node: valueNode, source: source, context: "календаре \(year) года",
                                       keys: ["holidays", "workdays", "source"])
            func dates(_ key: String) -> Set<CalendarDate> {
                guard let node = reader.node(key) else { return [] }
                let field = Field(name: key, label: key, type: .list, elementType: .date, location: source.location(of: node))
                var values = ValueReader(source: source)
                let value = values.read(node, as: field, path: "\(year).\(key)")
                diagnostics += values.diagnostics
                guard case let .list(list)? = value else { return [] }
                var result: Set<CalendarDate> = []
                for (element, node) in zip(list, node.sequence ?? []) {
                    guard case let .date(date) = element else { continue }
                    if date.year != year {
                        diagnostics.append(.error("calendar-year", at: source.location(of: node),
                                                  "дата \(date.iso) записана в календарь \(year) года"))
                    }
                    let weekend = date.weekday > 5
                    if (key == "holidays" && weekend) || (key == "workdays" && !weekend) {
                        diagnostics.append(.warning("calendar-day", at: source.location(of: node),
                                                    key == "holidays" ? "\(date.iso) — суббота или воскресенье: выходной и без списка"
                                                                      : "\(date.iso) — будний день: рабочий и без списка",
                                                    hint: "holidays — нерабочие будние дни, workdays — рабочие субботы и воскресенья"))
                    }
                    result.insert(date)
                }
                return result
            }
            calendar.years[year] = WorkingCalendar.Year(holidays: dates("holidays"), workdays: dates("workdays"))
            _ = reader.string("source", &diagnostics)
            reader.warnUnknown(&diagnostics)
        }
        return calendar
    }
}
