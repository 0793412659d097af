import Foundation
import Testing
import TestSupport

/// Seed 000, point 2.4: what reaches the moderator is published within three working days. A
/// later publication is a warning at the item, counted by the portal's working-day calendar.
@Suite struct PublicationTermTests {
    static func build(received: String, published: String) throws -> (status: Int32, stdout: String, stderr: String) {
        var files = Fixture.files
        files["content/_calendar.yaml"] = try String(contentsOf: repositoryRoot.appendingPathComponent("content/_calendar.yaml"), encoding: .utf8)
        files["content/news/_schema.yaml"] = """
            title: Новости
            sort: -date
            fields:
              - {name: date, label: Дата, type: date, required: true, role: publication}
              - {name: received, label: Поступило, type: date, role: received}

            """
        files["content/news/forum.md"] = "---\ntitle: Форум НКО\ndate: \(published)\nreceived: \(received)\n---\nТекст.\n"
        files["content/news/grants.md"] = "---\ntitle: Итоги\ndate: 2026-11-20\n---\nИтоги.\n"
        let fixture = try Fixture(files: files)
        defer { fixture.remove() }
        return try fixture.build()
    }

    @Test func withinThreeWorkingDaysIsInTime() throws {
        // Friday 30 October 2026; 2–3 November are working days, 4 November a holiday: the third
        // working day is Thursday 5 November.
        let run = try Self.build(received: "2026-10-30", published: "2026-11-05")
        #expect(run.status == 0 && !run.stderr.contains("late-publication") && !run.stderr.contains("позже трёх"), "\(run.stderr)")
    }

    @Test func laterIsAWarningAtTheItem() throws {
        let run = try Self.build(received: "2026-10-30", published: "2026-11-06")
        #expect(run.status == 0)
        #expect(run.stderr.contains("content/news/forum.md:2:1: warning: «Форум НКО» опубликовано 06.11.2026, позже трёх рабочих дней после поступления 30.10.2026: срок — 05.11.2026"), "\(run.stderr)")
    }
}
