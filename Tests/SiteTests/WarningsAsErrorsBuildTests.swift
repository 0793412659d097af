import Diagnostics
import Foundation
import RussianText
import Site
import Testing

/// `warnings_as_errors:` in portal.yaml fails `nko check`, `nko build` and the builds of `nko serve`
/// on the warnings it names, each reported as an error that says why.
@Suite struct WarningsAsErrorsBuildTests {
    static let raisedHint = "подсказка: предупреждение «raw-html» считается ошибкой: так указано в warnings_as_errors в portal.yaml"

    /// The small portal, raising `list` (nil: no list), with HTML in the text of one news item.
    static func portal(raising list: String?, html: Bool = true) throws -> Fixture {
        var files = Fixture.files
        if let list { files["portal.yaml"]! += "\nwarnings_as_errors: \(list)\n" }
        if html { files["content/news/grants.md"] = "---\ntitle: Итоги конкурса\ndate: 2026-11-20\nkind: results\n---\n<div>Итоги.</div>\n" }
        return try Fixture(files: files)
    }

    @Test func withoutTheListRawHTMLIsAWarning() throws {
        let fixture = try Self.portal(raising: nil)
        defer { fixture.remove() }
        let check = try fixture.nko(["check", "--now", "2026-11-23"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("content/news/grants.md:6:1: warning: HTML-разметка «<div>"))
    }

    @Test func checkAndBuildFailOnARaisedWarning() throws {
        let fixture = try Self.portal(raising: "[raw-html]")
        defer { fixture.remove() }
        let check = try fixture.nko(["check", "--now", "2026-11-23"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("content/news/grants.md:6:1: error: HTML-разметка «<div>"), "\(check.stderr)")
        #expect(check.stderr.contains(Self.raisedHint), "\(check.stderr)")
        #expect(check.stderr.contains("1 ошибка, 0 предупреждений"), "\(check.stderr)")

        let build = try fixture.build(["--format", "json"])
        #expect(build.status == 1)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(build.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 1)
        #expect(records.first?["code"] as? String == "raw-html")
        #expect(records.first?["severity"] as? String == "error")
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
    }

    @Test func anUnknownCodeFailsTheCheckAtItsPlace() throws {
        let fixture = try Self.portal(raising: "[raw-html, raw-htm]", html: false)
        defer { fixture.remove() }
        let check = try fixture.nko(["check", "--now", "2026-11-23"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("""
            portal.yaml:15:32: error: warnings_as_errors: нет кода сообщения «raw-htm»
                подсказка: возможно, имелось в виду «raw-html»; коды предупреждений: calendar-day,
            """), "\(check.stderr)")
    }

    /// `nko serve` keeps the last build's model and skips loading after an edit of a document's
    /// text only: the warning that edit brings must still be raised.
    @Test func aServeRebuildAfterATextEditRaisesToo() throws {
        let fixture = try Self.portal(raising: "[raw-html]", html: false)
        defer { fixture.remove() }
        let session = BuildSession(background: false, watched: true)
        let options = BuildOptions(root: fixture.root, output: fixture.site, now: try #require(CalendarDate(iso: "2026-11-23")),
                                   jobs: 2, strict: false, write: true)
        let first = SiteBuilder.run(options, session: session)
        #expect(first.published && first.diagnostics.isEmpty, "\(first.diagnostics)")
        let page = try fixture.read("site/news/grants/index.html")

        try fixture.edit("content/news/grants.md", replacing: "Итоги.", with: "<div>Итоги.</div>")
        session.noteChanges(["content/news/grants.md"])
        let second = SiteBuilder.run(options, session: session)
        #expect(!second.published)
        #expect(second.diagnostics.map(\.code) == ["raw-html"])
        #expect(second.errorCount == 1 && second.warningCount == 0)
        #expect(try fixture.read("site/news/grants/index.html") == page)
    }
}
