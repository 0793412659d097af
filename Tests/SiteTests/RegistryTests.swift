import Foundation
import Testing

/// Registries on a small portal of their own: a property list grouped by municipality that must
/// be updated monthly, and contests whose status follows the dates, the build date and the
/// working-day calendar.
@Suite(.serialized) struct RegistryTests {
    static let files: [String: String] = [
        "portal.yaml": """
            title: Портал НКО
            description: Поддержка СОНКО.
            base_url: https://nko.example.ru/
            region: {name: Республика Татарстан, genitive: Республики Татарстан, prepositional: Республике Татарстан}
            navigation: [property, contests]
            """,
        "content/_calendar.yaml": """
            2026:
              holidays: [2026-01-01, 2026-01-02, 2026-01-05, 2026-01-06, 2026-01-07, 2026-01-08, 2026-01-09,
                         2026-02-23, 2026-03-09, 2026-05-01, 2026-05-11, 2026-06-12, 2026-11-04, 2026-12-31]
            """,
        "content/places/_schema.yaml": "title: Муниципальные образования\nfields: []\n",
        "content/places/places.yaml": "- {title: город Казань, slug: kazan}\n- {title: Арский муниципальный район, slug: arsk}\n",
        "content/property/_schema.yaml": """
            title: Перечень имущества
            fields:
              - {name: area, label: Площадь, type: decimal, required: true}
              - {name: place, label: Муниципальное образование, type: reference, collection: places, required: true}
              - name: status
                label: Состояние
                type: enum
                choices: [{value: free, label: свободен}, {value: granted, label: предоставлен}]
            registry:
              columns: [title, area, status]
              filters: [place, status]
              group_by: place
              updated_within_months: 1
            """,
        "content/property/_index.md": "---\ntitle: Перечень имущества\nupdated: 2026-11-02\n---\nПеречень.\n",
        "content/property/objects.yaml": """
            - {title: Помещение на ул. Баумана, area: 48.5, place: kazan, status: free, example: true}
            - {title: Здание в Арске, area: 320, place: arsk, status: granted}
            """,
        "content/contests/_schema.yaml": """
            title: Конкурсы
            sort: -intake_start
            fields:
              - name: status
                label: Статус
                type: enum
                role: contest-status
                choices:
                  - {value: announced, label: объявлен}
                  - {value: accepting, label: идёт приём заявок}
                  - {value: review, label: заявки рассматриваются}
                  - {value: results, label: итоги подведены}
                  - {value: cancelled, label: отменён}
              - {name: intake_start, label: Начало приёма заявок, type: deadline, required: true, role: intake-start}
              - {name: intake_end, label: Окончание приёма заявок, type: deadline, required: true, role: intake-end}
              - name: stages
                label: Этапы
                type: list
                of: object
                fields:
                  - {name: title, label: Этап, type: string, required: true}
                  - {name: date, label: Срок, type: deadline, required: true}
              - name: results
                label: Итоги
                type: object
                role: results
                fields: [{name: date, label: Дата, type: date, required: true}]
            registry:
              columns: [title, intake_start, intake_end, status]
              filters: [status]
              feed: true
              calendar: [intake_start, intake_end, stages]
              status: contest
            """,
        // Intake ends on 31 December 2026, a day off: by Civil Code art. 193 it ends on 11 January.
        "content/contests/grants.md": """
            ---
            title: Конкурс грантов
            intake_start: 2026-12-01
            intake_end: 2026-12-31 18:00
            stages:
              - {title: Подведение итогов, date: {after: intake_end, working_days: 10}}
            ---
            Условия конкурса.
            """,
    ]

    func build(_ fixture: Fixture, now: String, strict: Bool = true) throws -> (status: Int32, stderr: String) {
        let run = try fixture.nko(["build", "--now", now] + (strict ? ["--strict"] : []))
        return (run.status, run.stderr)
    }

    func status(_ fixture: Fixture) throws -> String {
        let html = try fixture.read("site/contests/index.html")
        let match = try #require(html.firstMatch(of: /data-f-status="\|([a-z]+)\|"/))
        return String(match.1)
    }

    @Test(arguments: [
        ("2026-11-30", "announced"),   // the day before intake
        ("2026-12-01", "accepting"),   // its first day
        ("2026-12-31", "accepting"),   // the deadline as written, a day off
        ("2027-01-11", "accepting"),   // the next working day, where the deadline moves
        ("2027-01-12", "review"),      // after the moved deadline
    ])
    func contestStatusFollowsTheBuildDate(_ now: String, _ expected: String) throws {
        let fixture = try Fixture(files: Self.files)
        defer { fixture.remove() }
        // 2027 is not in this calendar: a warning, so the build is not strict here.
        let run = try build(fixture, now: now, strict: false)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try status(fixture) == expected)
        // The listing's filter offers the statuses that occur, and only those.
        let html = try fixture.read("site/contests/index.html")
        #expect(html.contains("<option value=\"\(expected)\">"))
        #expect(html.components(separatedBy: "<option value=\"").count == 3, "«все» and one status")
    }

    /// The build finds a contest's dates by their roles: fields named otherwise work the same,
    /// and a contest registry without them is an error at the schema.
    @Test func contestFieldsAreFoundByTheirRoles() throws {
        var files = Self.files
        for (old, new) in [("intake_start", "priem_s"), ("intake_end", "priem_do"), ("- name: status", "- name: sostoianie"),
                           ("columns: [title, priem_s, priem_do, status]", "columns: [title, priem_s, priem_do, sostoianie]"),
                           ("filters: [status]", "filters: [sostoianie]")] {
            for path in ["content/contests/_schema.yaml", "content/contests/grants.md"] {
                files[path] = files[path]!.replacingOccurrences(of: old, with: new)
            }
        }
        let fixture = try Fixture(files: files)
        defer { fixture.remove() }
        #expect(try build(fixture, now: "2026-12-02", strict: false).status == 0)
        let html = try fixture.read("site/contests/index.html")
        #expect(html.contains("data-f-sostoianie=\"|accepting|\""), "\(html)")

        try fixture.edit("content/contests/_schema.yaml", replacing: "role: intake-start", with: "")
        let run = try build(fixture, now: "2026-12-02", strict: false)
        #expect(run.status == 1 && run.stderr.contains("status: contest: в схеме нет поля с ролью «intake-start»"), "\(run.stderr)")
    }

    @Test func resultsAndWorkingDayStagesAppearOnThePageAndInTheCalendar() throws {
        let fixture = try Fixture(files: Self.files)
        defer { fixture.remove() }
        try fixture.edit("content/contests/grants.md", replacing: "stages:", with: "results: {date: 2027-02-01}\nstages:")
        #expect(try build(fixture, now: "2027-02-02", strict: false).status == 0)
        #expect(try status(fixture) == "results")
        let page = try fixture.read("site/contests/grants/index.html")
        // Ten working days after 31 December 2026 (11 January is the first working day of 2027).
        #expect(page.contains("<time datetime=\"2027-01-22\">22 января 2027\u{00A0}г.</time>"), "\(page)")
        #expect(page.contains("10 рабочих дней после даты «окончание приёма заявок»"))
        #expect(page.contains("переносится на 11 января 2027\u{00A0}г. (ст. 193 ГК РФ)"))
        let ics = try fixture.read("site/contests/grants/grants.ics")
        #expect(ics.contains("DTSTART;VALUE=DATE:20270122\r\n"))
        #expect(ics.contains("DTSTART;TZID=Europe/Moscow:20261231T180000\r\n"))
        #expect(try fixture.read("site/calendar.ics").contains("SUMMARY:Подведение итогов: Конкурс грантов\r\n"))
    }

    /// Dates move contests in and out of the home page's nearest dates and change their status:
    /// an incremental build follows them as a full build would.
    @Test func editedDatesRebuildLikeAFullBuild() throws {
        let fixture = try Fixture(files: Self.files)
        let twin = fixture.root.appendingPathExtension("full")
        defer { fixture.remove(); try? FileManager.default.removeItem(at: twin) }
        #expect(try build(fixture, now: "2026-11-23", strict: false).status == 0)
        // Into the past (off the home page's nearest dates), then back into the future.
        for (old, new) in [("intake_start: 2026-12-01", "intake_start: 2026-10-01"),
                           ("intake_end: 2026-12-31 18:00", "intake_end: 2026-10-20 18:00"),
                           ("intake_end: 2026-10-20 18:00", "intake_end: 2026-12-20 18:00")] {
            try fixture.edit("content/contests/grants.md", replacing: old, with: new)
            let run = try build(fixture, now: "2026-11-23", strict: false)
            #expect(run.stderr.contains("(заново — "), "\(run.stderr)")
            #expect(try snapshot(fixture.site) == fixture.fullBuildSnapshot(into: twin), "after \(new)")
        }
    }

    @Test func aPropertyListOlderThanAMonthIsReported() throws {
        let fixture = try Fixture(files: Self.files)
        defer { fixture.remove() }
        #expect(try build(fixture, now: "2026-12-02", strict: false).stderr.contains("registry-stale") == false)
        let run = try build(fixture, now: "2026-12-03")
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/property/_index.md:3:10: warning: «Перечень имущества» обновлялся 02.11.2026 — больше чем месяц назад (сегодня 03.12.2026)"),
                "\(run.stderr)")
    }

    @Test func thePropertyListIsGroupedAndSortableWithoutJavaScript() throws {
        let fixture = try Fixture(files: Self.files)
        defer { fixture.remove() }
        #expect(try build(fixture, now: "2026-11-23", strict: false).status == 0)
        let html = try fixture.read("site/property/index.html")
        let arsk = try #require(html.range(of: "Арский муниципальный район <span"))
        let kazan = try #require(html.range(of: "город Казань <span"))
        #expect(arsk.lowerBound < kazan.lowerBound, "groups in alphabetical order")
        #expect(html.contains("data-f-place=\"|kazan|\""))
        #expect(html.contains("<span class=\"badge badge--example\">пример</span>"))
        // Area descending is a page of its own; its header links back to ascending order.
        let sorted = try fixture.read("site/property/sort/area-desc/index.html")
        #expect(sorted.contains("aria-sort=\"descending\""))
        #expect(sorted.contains("href=\"/property/sort/area/\""))
        #expect(sorted.contains("<link rel=\"canonical\" href=\"https://nko.example.ru/property/\">"))
        #expect(!sorted.contains("data-pagefind-body"), "sorted copies stay out of the search index")
        #expect(!(try fixture.read("site/sitemap.xml")).contains("/sort/"))
    }

    @Test(arguments: [
        ("content/property/objects.yaml", "area: 48.5", "area: много",
         "content/property/objects.yaml:1:43: error: поле «area» (Площадь): «много» — не число"),
        ("content/property/objects.yaml", "status: free", "status: fre",
         "content/property/objects.yaml:1:71: error: поле «status»: значение «fre» не входит в список допустимых"),
        ("content/property/_schema.yaml", "columns: [title, area, status]", "columns: [title, aera, status]",
         "content/property/_schema.yaml:10:20: error: registry.columns: поля «aera» нет в схеме"),
        ("content/contests/grants.md", "after: intake_end", "after: intake_ned",
         "content/contests/grants.md:2:1: error: срок в рабочих днях отсчитывается от поля «intake_ned», но в «Конкурс грантов» у него нет даты"),
        ("content/contests/grants.md", "intake_start: 2026-12-01", "intake_start: 2026-12-01\nstatus: accepting",
         "content/contests/grants.md:2:1: error: «Конкурс грантов»: статус конкурса вычисляется по датам, указывать его не нужно"),
        ("content/_calendar.yaml", "2026-11-04", "2026-11-31",
         "content/_calendar.yaml:3:74: error: поле «2026.holidays[13]» (holidays): даты «2026-11-31» не существует в календаре"),
    ])
    func registryMistakesArePrecise(_ file: String, _ old: String, _ new: String, _ expected: String) throws {
        let fixture = try Fixture(files: Self.files)
        defer { fixture.remove() }
        try fixture.edit(file, replacing: old, with: new)
        let run = try build(fixture, now: "2026-11-23", strict: false)
        #expect(run.status == 1)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
    }

    @Test func partsOfAFinancialBreakdownMayNotExceedTheTotal() throws {
        var files = Self.files
        files["content/places/_schema.yaml"] = """
            title: Муниципальные образования
            fields:
              - {name: income, label: Доходы, type: breakdown}
            """
        files["content/places/places.yaml"] = """
            - title: город Казань
              slug: kazan
              income:
                amount: 1000
                parts:
                  - {label: гранты, amount: 700}
                  - label: пожертвования
                    amount: 400
                    parts: [{label: от граждан, amount: 100}]
            - {title: Арский муниципальный район, slug: arsk}
            """
        let fixture = try Fixture(files: files)
        defer { fixture.remove() }
        try fixture.edit("content/places/places.yaml", replacing: "amount: 400", with: "amount: 300")
        #expect(try build(fixture, now: "2026-11-23", strict: false).status == 0)
        let page = try fixture.read("site/places/kazan/index.html")
        #expect(page.contains("<p>Всего — 1000,00\u{00A0}руб., в том числе:</p><ul><li>гранты — 700,00\u{00A0}руб.</li>"
                              + "<li>пожертвования — 300,00\u{00A0}руб., в том числе:<ul><li>от граждан — 100,00\u{00A0}руб.</li></ul></li></ul>"),
                "\(page)")

        try fixture.edit("content/places/places.yaml", replacing: "amount: 300", with: "amount: 400")
        let run = try build(fixture, now: "2026-11-23", strict: false)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/places/places.yaml:6:7: error: «income»: части «в том числе» в сумме 1100,00\u{00A0}руб. — больше итога «всего» 1000,00\u{00A0}руб."),
                "\(run.stderr)")
    }
}
