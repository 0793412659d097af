import Content
import Diagnostics
import RussianText

/// A dated entry of an item's schedule: a contest's intake and stages, an event's time. The page
/// shows them as a timeline, and the portal's calendar (iCalendar) carries them.
struct ScheduleEntry: Sendable {
    let title: String
    /// The date, and the time of day when one is given.
    let date: CalendarDate
    let time: CalendarDateTime?
    /// The end of an event, when known.
    let end: CalendarDateTime?
    /// How the date was obtained or moved: «10 рабочих дней после …», «перенос по ст. 193 ГК РФ».
    let note: String?

    /// Machine form for `<time datetime>`: the date, or the date and time.
    var iso: String { time?.iso ?? date.iso }
    /// As people read it: «31 декабря 2026 г., 18:00».
    var text: String { time.map(RussianFormat.longDateTime) ?? RussianFormat.longDate(date) }
    /// Chronological order: by day, then by time (a day without a time first).
    var moment: (CalendarDate, String) { (date, time?.time ?? "") }
}

/// Resolves the terms of the content against the working-day calendar and computes what
/// depends on the build date: deadlines in working days become dates, contests get their status.
/// Runs once, before rendering; pages, exports, feeds and calendars then read plain dates.
struct Schedules: Sendable {
    /// By item key (`collection/slug`).
    private(set) var entries: [String: [ScheduleEntry]] = [:]

    static func key(_ item: Item) -> String { item.collectionID + "/" + item.slug }

    func entries(of item: Item) -> [ScheduleEntry] { entries[Self.key(item)] ?? [] }

    /// Whether a collection's pages depend on the working-day calendar and the build date.
    static func isScheduled(_ schema: Schema) -> Bool {
        schema.fields.contains { $0.type == .deadline || $0.subfields.contains { $0.type == .deadline } }
            || schema.registry?.status != nil || !(schema.registry?.calendar.isEmpty ?? true)
    }

    /// Returns the portal with its deadlines resolved and statuses set, and the schedules.
    static func resolve(_ portal: Portal, now: CalendarDate, diagnostics: inout [Diagnostic]) -> (Portal, Schedules) {
        var portal = portal
        var schedules = Schedules()
        var missingYears: [Int: SourceLocation] = [:]
        let calendar = portal.workingCalendar
        for c in portal.collections.indices {
            let schema = portal.collections[c].schema
            guard isScheduled(schema) else { continue }
            for i in portal.collections[c].items.indices {
                var item = portal.collections[c].items[i]
                var notes: [String: String] = [:]
                func note(_ year: Int) {
                    if !calendar.years.keys.contains(year), missingYears[year] == nil { missingYears[year] = item.location }
                }
                // Top-level terms first: stages count from them.
                for field in schema.fields where field.type == .deadline {
                    guard let value = item.values[field.name] else { continue }
                    if let (resolved, why) = resolveTerm(value, item: item, schema: schema, calendar: calendar,
                                                         at: item.location, &diagnostics, note) {
                        item.values[field.name] = resolved
                        notes[field.name] = why
                    } else {
                        item.values[field.name] = nil
                    }
                }
                for field in schema.fields where field.type == .list && field.subfields.contains(where: { $0.type == .deadline }) {
                    guard case let .list(rows)? = item.values[field.name] else { continue }
                    item.values[field.name] = .list(rows.enumerated().map { index, row in
                        guard case let .object(entries) = row else { return row }
                        return .object(entries.map { entry in
                            guard field.subfields.first(where: { $0.name == entry.name })?.type == .deadline,
                                  let (resolved, why) = resolveTerm(entry.value, item: item, schema: schema, calendar: calendar,
                                                                    at: item.location, &diagnostics, note) else { return entry }
                            notes["\(field.name)[\(index + 1)]"] = why
                            return Value.Entry(name: entry.name, value: resolved)
                        })
                    })
                }
                if schema.registry?.status == .contest {
                    setContestStatus(&item, schema: schema, now: now, calendar: calendar, &diagnostics)
                }
                if let registry = schema.registry, !registry.calendar.isEmpty {
                    let list = scheduleEntries(item, schema: schema, fields: registry.calendar, calendar: calendar, notes: notes)
                    if !list.isEmpty { schedules.entries[key(item)] = list }
                }
                portal.collections[c].items[i] = item
            }
        }
        for (year, at) in missingYears.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(.warning("calendar-missing-year", at: at,
                                        "в производственном календаре нет \(year) года: сроки в рабочих днях посчитаны только с праздниками статьи 112 ТК РФ",
                                        hint: "добавьте \(year) год в content/_calendar.yaml по постановлению Правительства о переносе выходных дней"))
        }
        return (portal, schedules)
    }

    /// A term as a plain date (or date and time), with a note on how it was counted.
    private static func resolveTerm(_ value: Value, item: Item, schema: Schema, calendar: WorkingCalendar, at: SourceLocation,
                                    _ diagnostics: inout [Diagnostic], _ year: (Int) -> Void) -> (Value, String?)? {
        switch value {
        case .date(let d):
            year(d.year)
            return (value, shiftNote(d, calendar))
        case .datetime(let t):
            year(t.date.year)
            return (value, shiftNote(t.date, calendar))
        case .object:
            guard case let .string(after)? = value[entry: "after"], case let .integer(days)? = value[entry: "working_days"] else {
                return nil
            }
            guard let base = item.values[after]?.day else {
                let dates = schema.fields.filter { [.date, .datetime, .deadline].contains($0.type) }.map(\.name)
                diagnostics.append(.error("term-base", at: at,
                                          "срок в рабочих днях отсчитывается от поля «\(after)», но в «\(item.title)» у него нет даты",
                                          hint: nearestHint(after, dates, listed: "поля с датами")))
                return nil
            }
            year(base.year)
            guard let date = calendar.adding(workingDays: Int(days), to: base) else {
                diagnostics.append(.error("term-range", at: at,
                                          "срок в \(days) рабочих дней после \(RussianFormat.shortDate(base)) выходит за 9999 год",
                                          hint: "проверьте число в working_days: срок считается в рабочих днях, а не в минутах или рублях"))
                return nil
            }
            year(date.year)
            let label = schema.field(named: after)?.label.lowercased() ?? after
            return (.date(date), "\(days) \(RussianFormat.plural(Int(days), "рабочий день", "рабочих дня", "рабочих дней")) после даты «\(label)»")
        default:
            return (value, nil)
        }
    }

    /// Civil Code art. 193: a term ending on a day off ends on the next working day.
    private static func shiftNote(_ date: CalendarDate, _ calendar: WorkingCalendar) -> String? {
        guard let working = calendar.workingDay(onOrAfter: date), working != date else { return nil }
        return "\(RussianFormat.longDate(date)) — нерабочий день; срок, оканчивающийся в нерабочий день, переносится на \(RussianFormat.longDate(working)) (ст. 193 ГК РФ)"
    }

    /// Announced → accepting applications → under review → results; or cancelled. The last day of
    /// intake counts in full and moves to the next working day when it is a day off.
    static func contestStatus(start: CalendarDate, end: CalendarDate, results: CalendarDate?, cancelled: CalendarDate?,
                              now: CalendarDate, calendar: WorkingCalendar) -> String {
        if let cancelled, cancelled <= now { return "cancelled" }
        if let results, results <= now { return "results" }
        if now < start { return "announced" }
        if now <= calendar.workingDay(onOrAfter: end) ?? end { return "accepting" }
        return "review"
    }

    private static func setContestStatus(_ item: inout Item, schema: Schema, now: CalendarDate, calendar: WorkingCalendar,
                                         _ diagnostics: inout [Diagnostic]) {
        guard let status = schema.field(role: .contestStatus), let startField = schema.field(role: .intakeStart),
              let endField = schema.field(role: .intakeEnd) else { return }
        if item.values[status.name] != nil {
            let cancelled = schema.field(role: .cancelled)?.name ?? "cancelled"
            diagnostics.append(.error("computed-status", at: item.location,
                                      "«\(item.title)»: статус конкурса вычисляется по датам, указывать его не нужно",
                                      hint: "удалите строку «\(status.name): …»; для отмены конкурса заполните \(cancelled): {date: …, reason: …}"))
        }
        guard let start = item.values[startField.name]?.day, let end = item.values[endField.name]?.day else { return }
        if end < start {
            diagnostics.append(.error("intake-order", at: item.location,
                                      "«\(item.title)»: приём заявок заканчивается (\(RussianFormat.shortDate(end))) раньше, чем начинается (\(RussianFormat.shortDate(start)))",
                                      hint: "проверьте \(startField.name) и \(endField.name)"))
        }
        let computed = contestStatus(start: start, end: end, results: schema.value(.results, of: item)?[entry: "date"]?.day,
                                     cancelled: schema.value(.cancelled, of: item)?[entry: "date"]?.day, now: now, calendar: calendar)
        if let choice = status.choices.first(where: { $0.value == computed }) {
            item.values[status.name] = .choice(choice)
        }
    }

    /// The entries of the fields a registry puts on the calendar: dated fields by their label,
    /// lists of objects by each row's title. An event's `end` closes the entry made from `start`.
    private static func scheduleEntries(_ item: Item, schema: Schema, fields: [String], calendar: WorkingCalendar,
                                        notes: [String: String]) -> [ScheduleEntry] {
        var list: [ScheduleEntry] = []
        func add(_ title: String, _ value: Value?, note: String?, end: Value? = nil) {
            var endTime: CalendarDateTime?
            if case let .datetime(t)? = end { endTime = t }
            switch value {
            case .date(let d)?: list.append(ScheduleEntry(title: title, date: d, time: nil, end: endTime, note: note))
            case .datetime(let t)?: list.append(ScheduleEntry(title: title, date: t.date, time: t, end: endTime, note: note))
            default: break
            }
        }
        for name in fields {
            guard let field = schema.field(named: name) else { continue }
            if case let .list(rows)? = item.values[name] {
                let dateName = field.subfields.first { [.date, .datetime, .deadline].contains($0.type) }?.name
                for (index, row) in rows.enumerated() {
                    guard let dateName else { continue }
                    add(row[entry: "title"]?.plainText ?? field.label, row[entry: dateName], note: notes["\(name)[\(index + 1)]"])
                }
            } else {
                add(field.label, item.values[name], note: notes[name], end: field.role == .eventStart ? schema.value(.eventEnd, of: item) : nil)
            }
        }
        return list.sorted { $0.moment < $1.moment }
    }
}
