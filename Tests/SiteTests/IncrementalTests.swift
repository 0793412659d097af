import Content
import Foundation
import RussianText
import Site
import TestSupport
import Testing

/// Incremental builds: after any sequence of edits the site is byte for byte what a full build of
/// the same inputs gives, an edit renders only the pages that read the edited file, and a record
/// of the last build that cannot be trusted is ignored.
@Suite(.serialized) struct IncrementalTests {
    /// Edits an editor makes: text, titles, dates, referenced data, templates, settings, assets,
    /// schemas, the working-day calendar, registries with deadlines, legal documents and forms,
    /// and files added and removed. Each replaces the first match of a pattern, so it can repeat;
    /// `n` (the step) makes it different from the last time.
    static let edits: [(name: String, apply: @Sendable (Fixture, Int) throws -> Void)] = [
        ("news body", { f, n in try f.replace("content/news/forum.md", "Текст[^*]*\\*\\*", "Текст \(n) **") }),
        ("news title", { f, n in try f.replace("content/news/forum.md", "title: .*", "title: Форум НКО \(n)") }),
        ("news date", { f, n in try f.replace("content/news/grants.md", "date: .*", "date: 2026-11-\(10 + n % 19)") }),
        ("referenced data", { f, n in try f.replace("content/orgs/orgs.yaml", "city: .*", "city: Казань \(n)") }),
        ("item template", { f, n in try f.replace("templates/item.mustache", "<article[^>]*>", "<article class=\"item\" data-n=\"\(n)\">") }),
        ("section template", { f, n in try f.replace("templates/section.mustache", "<div class=\"content\"[^>]*>", "<div class=\"content\" data-n=\"\(n)\">") }),
        ("settings", { f, n in try f.replace("portal.yaml", "description: .*", "description: Поддержка НКО, правка \(n).") }),
        ("schema label", { f, n in try f.replace("content/news/_schema.yaml", "label: Участников[^,}]*", "label: Участников \(n)") }),
        ("section intro", { f, n in try f.replace("content/news/_index.md", "Все новости портала.*", "Все новости портала \(n).") }),
        ("section title", { f, n in try f.replace("content/about/_schema.yaml", "title: .*", "title: О портале \(n)") }),
        ("help page", { f, n in try f.replace(helpPage(f), "Как .*порталом", "Как пользоваться порталом \(n)") }),
        ("stylesheet", { f, n in try f.replace("templates/assets/style.css", "^/\\* edit.*\\*/\n|^", "/* edit \(n) */\n") }),
        ("add a news item", { f, n in try f.write("---\ntitle: Новость \(n)\ndate: 2026-11-0\(n % 9 + 1)\n---\nТекст.\n", to: "content/news/added-\(n).md") }),
        ("add news about an organisation", { f, n in
            try f.write("---\ntitle: О фонде \(n)\ndate: 2026-10-1\(n % 9)\norg: fund\n---\nТекст.\n", to: "content/news/added-org-\(n).md")
        }),
        ("remove added news", { f, _ in try f.removeFiles(in: "content/news") { $0.hasPrefix("added-") } }),
        ("rename a page", { f, _ in
            let (help, guide) = (f.root.appendingPathComponent("content/about/help.md"), f.root.appendingPathComponent("content/about/guide.md"))
            if FileManager.default.fileExists(atPath: help.path) {
                try FileManager.default.moveItem(at: help, to: guide)
            } else {
                try FileManager.default.moveItem(at: guide, to: help)
            }
        }),
        ("add an organisation", { f, n in
            try f.write(try f.read("content/orgs/orgs.yaml") + "- title: Организация \(n)\n  slug: org-\(n)\n", to: "content/orgs/orgs.yaml")
        }),
        ("remove added organisations", { f, _ in
            let text = try f.read("content/orgs/orgs.yaml")
            try f.write(text.replacingOccurrences(of: "- title: Организация \\d+\n  slug: org-\\d+\n", with: "", options: .regularExpression),
                        to: "content/orgs/orgs.yaml")
        }),
        ("add a subsection referring to organisations (below the menu)", { f, n in
            try f.write("title: Проекты \(n)\nfields:\n  - {name: org, label: Организация, type: reference, collection: orgs}\n",
                        to: "content/about/faq/projects/_schema.yaml")
            try f.write("---\ntitle: Проект\norg: assotsiatsiia-elka\n---\nТекст.\n", to: "content/about/faq/projects/one.md")
        }),
        ("remove the subsection", { f, _ in try? FileManager.default.removeItem(at: f.root.appendingPathComponent("content/about/faq/projects")) }),
        ("add an attachment", { f, n in try f.write("%PDF-1.4 \(n)", to: "content/about/faq/added-\(n).pdf") }),
        ("remove added attachments", { f, _ in try f.removeFiles(in: "content/about/faq") { $0.hasPrefix("added-") } }),
        ("add an asset", { f, n in try f.write("/* \(n) */", to: "templates/assets/added-\(n).css") }),
        ("remove added assets", { f, _ in try f.removeFiles(in: "templates/assets") { $0.hasPrefix("added-") } }),
        ("add a contests registry with working-day deadlines", { f, _ in
            for path in ["content/contests/_schema.yaml", "content/contests/grants.md"] { try f.write(RegistryTests.files[path]!, to: path) }
        }),
        ("contest deadline", { f, n in try f.ifExists("content/contests/grants.md") { try f.replace($0, "working_days: \\d+", "working_days: \(5 + n % 10)") } }),
        ("contests schema", { f, n in try f.ifExists("content/contests/_schema.yaml") { try f.replace($0, "label: Этап[^,\\n]*,", "label: Этап \(n),") } }),
        ("working-day calendar", { f, n in
            // A day off on the 11th, 12th or 13th of January moves the contest's stage counted in working days.
            try f.write(RegistryTests.files["content/_calendar.yaml"]! + "\n2027:\n  holidays: [2027-01-01, 2027-01-04, 2027-01-05, "
                        + "2027-01-06, 2027-01-07, 2027-01-08, 2027-01-1\(1 + n % 3)]\n", to: "content/_calendar.yaml")
        }),
        ("remove the contests", { f, _ in try? FileManager.default.removeItem(at: f.root.appendingPathComponent("content/contests")) }),
        ("add a legal document presenting a form", { f, _ in
            try? FileManager.default.copyItem(at: repository.appendingPathComponent("content/_forms/tax-benefit-letter"),
                                              to: f.root.appendingPathComponent("content/_forms/tax-benefit-letter"))
            try f.write("title: Документы\nlegal: true\nfields:\n  - {name: form, label: Форма, type: form}\n", to: "content/docs/_schema.yaml")
            try f.write("---\ntitle: Письмо о льготе\nform: tax-benefit-letter\n---\n## Статья 1\n\n1. Письмо подаётся по форме.\n2. См. пункт 1 настоящей статьи.\n",
                        to: "content/docs/letter.md")
        }),
        ("legal text", { f, n in try f.ifExists("content/docs/letter.md") { try f.replace($0, "1\\. Письмо подаётся[^.]*\\.", "1. Письмо подаётся по форме \(n).") } }),
        ("form sample", { f, n in
            try f.ifExists("content/_forms/tax-benefit-letter/sample.yaml") { try f.replace($0, "position: .*", "position: Директор \(n)") }
        }),
        ("remove the legal document and its form", { f, _ in
            for path in ["content/docs", "content/_forms"] { try? FileManager.default.removeItem(at: f.root.appendingPathComponent(path)) }
        }),
    ]

    /// The help page, under its name of the moment ("rename a page" moves it back and forth).
    static func helpPage(_ f: Fixture) -> String {
        FileManager.default.fileExists(atPath: f.root.appendingPathComponent("content/about/guide.md").path)
            ? "content/about/guide.md" : "content/about/help.md"
    }

    /// Edits that break the build, each with its fix: the failed build must leave the site byte
    /// for byte as it was (files and folders), whatever stage it failed at — loading, checking,
    /// rendering or writing; after the fix the site is again what a full build gives.
    static let breakingEdits: [(name: String, break: @Sendable (Fixture, Int) throws -> Void, fix: @Sendable (Fixture, Int) throws -> Void)] = [
        ("YAML syntax",
         { f, n in try f.replace("content/news/grants.md", "^title: .*", "title: \"Итоги \(n)") },
         { f, n in try f.replace("content/news/grants.md", "^title: .*", "title: Итоги конкурса \(n)") }),
        ("slug too long for a file name",
         { f, n in try f.edit("content/news/forum.md", replacing: "---\n", with: "---\nslug: \(String(repeating: "a", count: 250 + n))\n") },
         { f, _ in try f.replace("content/news/forum.md", "^slug: a+\n", "") }),
        ("template that includes itself",
         { f, _ in try f.write(try f.read("templates/footer.mustache") + "{{> footer}}\n", to: "templates/footer.mustache") },
         { f, _ in try f.edit("templates/footer.mustache", replacing: "{{> footer}}\n", with: "") }),
        ("control character",
         { f, n in try f.replace(helpPage(f), "порталом", "порталом\u{1}\(n)") },
         { f, _ in try f.edit(helpPage(f), replacing: "\u{1}", with: "") }),
        ("link out of the portal",
         { f, n in try FileManager.default.createSymbolicLink(atPath: f.root.appendingPathComponent("content/about/faq/passwd-\(n).txt").path,
                                                             withDestinationPath: "/etc/passwd") },
         { f, n in try FileManager.default.removeItem(at: f.root.appendingPathComponent("content/about/faq/passwd-\(n).txt")) }),
        ("write failure: a stray file where a new page's folder goes",
         { f, n in
             try f.write("---\ntitle: Новость \(n)\ndate: 2026-11-05\n---\nТекст.\n", to: "content/news/stray-\(n).md")
             try f.write("stray", to: "site/news/stray-\(n)")
         },
         { f, n in try FileManager.default.removeItem(at: f.site.appendingPathComponent("news/stray-\(n)")) }),
    ]

    enum Builder: String, CaseIterable { case command, session, watchedSession }

    /// Each edit is built by `nko build`, or the way `nko serve` builds: in one process (a
    /// `session`) that keeps the last build's state in memory and writes `.nko/` in the
    /// background, and that is told which files changed (`watchedSession`; here by comparing
    /// stamps, there by the system).
    @Test(arguments: Builder.allCases) func randomEditsGiveTheSiteOfAFullBuild(builder: Builder) throws {
        let fixture = try Fixture()
        let twin = fixture.root.appendingPathExtension("full")
        defer { fixture.remove(); try? FileManager.default.removeItem(at: twin) }
        let inSession = builder != .command
        let session = BuildSession(background: true, watched: builder == .watchedSession)
        let options = BuildOptions(root: fixture.root, output: fixture.site, now: CalendarDate(year: 2026, month: 11, day: 23)!,
                                   jobs: 2, strict: false, write: true)
        func build() throws -> (ok: Bool, incremental: Bool, messages: String) {
            guard inSession else {
                let run = try fixture.build()
                return (run.status == 0, run.stderr.contains("(заново — "), run.stderr)
            }
            let report = SiteBuilder.run(options, session: session)
            return (report.errorCount == 0, report.renderedCount < report.pageCount, "\(report.diagnostics)")
        }
        // Every kind of content from the start: the edits that remove some add them back later.
        for name in ["add a contests registry with working-day deadlines", "working-day calendar", "add a legal document presenting a form"] {
            try Self.edits.first { $0.name == name }!.apply(fixture, 0)
        }
        #expect(try build().ok)
        var random = SplitMix(seed: 20261123)
        var incremental = 0, failed = 0
        /// Tells a watched session what an edit changed, as the system would (a link is named by the watcher too).
        func noting(_ edit: () throws -> Void) throws {
            let stamps = SourceFiles.stamps(root: fixture.root, jobs: 1)
            try edit()
            let now = SourceFiles.stamps(root: fixture.root, jobs: 1)
            let links = SourceFiles.refused(root: fixture.root).map(\.path)
            session.noteChanges(Set(stamps.keys).union(now.keys).filter { stamps[$0] != now[$0] }.union(links))
        }
        // Every edit once, in order (so that each meets the content it is about), then at random.
        let kinds = Self.edits.count + Self.breakingEdits.count
        for step in 1...130 {
            let pick = step <= kinds ? step - 1 : Int.random(in: 0..<kinds, using: &random)
            let edit: (name: String, apply: @Sendable (Fixture, Int) throws -> Void)
            if pick >= Self.edits.count {
                let breaking = Self.breakingEdits[pick - Self.edits.count]
                try noting { try breaking.break(fixture, step) }
                let site = try snapshot(fixture.site)  // with the stray file of a write failure
                let run = try build()
                #expect(!run.ok, "step \(step) (\(breaking.name)) must fail")
                let after = try snapshot(fixture.site)
                #expect(after == site, "step \(step) (\(breaking.name)): a failed build changed \(Set(site.keys).symmetricDifference(after.keys).union(site.keys.filter { site[$0] != after[$0] }).sorted())")
                failed += 1
                edit = ("fix of " + breaking.name, breaking.fix)
            } else {
                edit = Self.edits[pick]
            }
            try noting { try edit.apply(fixture, step) }
            let run = try build()
            #expect(run.ok, "step \(step) (\(edit.name)): \(run.messages)")
            if run.incremental { incremental += 1 }
            let site = try snapshot(fixture.site)
            let full = try fixture.fullBuildSnapshot(into: twin)
            #expect(site == full, "step \(step) (\(edit.name)): differs in \(Set(site.keys).symmetricDifference(full.keys).union(site.keys.filter { site[$0] != full[$0] }).sorted())")
        }
        #expect(incremental >= 40, "most edits are rebuilt incrementally")
        #expect(failed >= 12, "failing steps among the edits")
        // What the session wrote in the background is what the next process starts from.
        guard inSession else { return }
        session.finishWrites()
        let site = try snapshot(fixture.site)
        #expect(SiteBuilder.run(options, session: BuildSession(background: false)).renderedCount == 0)
        #expect(try snapshot(fixture.site) == site)
    }

    /// A watched session reuses its model when only a document's text changed, but never past a
    /// failed build: the problem found in one file stays reported while another is edited.
    @Test func aSessionReusesItsModelOnlyAfterASuccessfulBuild() throws {
        let fixture = try Fixture()
        let twin = fixture.root.appendingPathExtension("full")
        defer { fixture.remove(); try? FileManager.default.removeItem(at: twin) }
        let session = BuildSession(background: true, watched: true)
        let options = BuildOptions(root: fixture.root, output: fixture.site, now: CalendarDate(year: 2026, month: 11, day: 23)!,
                                   jobs: 2, strict: false, write: true)
        func edit(_ path: String, _ old: String, _ new: String) throws -> BuildReport {
            try fixture.edit(path, replacing: old, with: new)
            // As an editor saves: a temporary file written and renamed over the document.
            session.noteChanges([path, path + ".tmp-1234", ".#" + path])
            return SiteBuilder.run(options, session: session)
        }
        #expect(SiteBuilder.run(options, session: session).errorCount == 0)
        let text = try edit("content/news/forum.md", "Текст **новости**", "Новый текст **новости**")
        #expect(text.errorCount == 0 && text.renderedCount == 1)
        #expect(try fixture.read("site/news/forum/index.html").contains("Новый текст"))
        let broken = try edit("content/news/grants.md", "date: 2026-11-20", "date: 2026-11-31")
        #expect(broken.errorCount == 1)
        let other = try edit("content/news/forum.md", "Новый текст", "Третий текст")
        #expect(other.diagnostics.map(\.code) == broken.diagnostics.map(\.code), "the problem is still reported")
        #expect(try !fixture.read("site/news/forum/index.html").contains("Третий текст"), "the site is as it was")
        let fixed = try edit("content/news/grants.md", "date: 2026-11-31", "date: 2026-11-21")
        #expect(fixed.errorCount == 0)
        #expect(try snapshot(fixture.site) == fixture.fullBuildSnapshot(into: twin))
    }

    /// After an edit of a document's text only, the fields of the items are taken from the record
    /// of the last build, not hashed again: only if that record is of the sources the last build
    /// left. Here the build that saw the new title failed (a heading in the text, under --strict),
    /// so the record is older than the sources, and the next build must still put the title in
    /// the listing.
    @Test func aTextEditAfterAFailedBuildStillShowsTheFieldsThatBuildSaw() throws {
        let fixture = try Fixture()
        let twin = fixture.root.appendingPathExtension("full")
        defer { fixture.remove(); try? FileManager.default.removeItem(at: twin) }
        #expect(try fixture.build(["--strict"]).status == 0)
        try fixture.edit("content/news/forum.md", replacing: "title: Форум НКО", with: "title: Итоги форума НКО")
        try fixture.edit("content/news/forum.md", replacing: "Текст **новости**", with: "# Заголовок\n\nТекст **новости**")
        let failed = try fixture.build(["--strict"])
        #expect(failed.status == 1 && failed.stderr.contains("forum.md:"), "\(failed.stderr)")
        try fixture.edit("content/news/forum.md", replacing: "# Заголовок\n\n", with: "")
        let fixed = try fixture.build(["--strict"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(try fixture.read("site/news/index.html").contains("Итоги форума НКО"))
        #expect(try snapshot(fixture.site) == fixture.fullBuildSnapshot(into: twin))
        // A text edit after a build that succeeded: the page alone, from the record's fields.
        try fixture.edit("content/news/forum.md", replacing: "Текст **новости**", with: "Новый текст **новости**")
        #expect(try fixture.build(["--strict"]).stderr.contains("(заново — 1)"))
        #expect(try snapshot(fixture.site) == fixture.fullBuildSnapshot(into: twin))
    }

    @Test func anEditRendersOnlyThePagesThatReadTheEditedFile() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(try fixture.build().stderr.contains("Собрано 14 страниц в"))
        // A body: only the news page. The news listing, the organisations (news items can refer
        // to them) and the sitemap read the item's fields, not its text.
        try fixture.edit("content/news/forum.md", replacing: "Текст **новости**", with: "Новый текст **новости**")
        let document = try fixture.build()
        #expect(document.stderr.contains("Собрано 14 страниц (заново — 1)"), "\(document.stderr)")
        #expect(try fixture.read("site/news/forum/index.html").contains("Новый текст"))
        // A field: the page and those that show it (the listing shows the title, so does the sitemap).
        try fixture.edit("content/news/forum.md", replacing: "title: ", with: "title: Итоги. ")
        let field = try fixture.build()
        #expect(field.stderr.contains("Собрано 14 страниц (заново — 5)"), "\(field.stderr)")
        #expect(try fixture.read("site/news/index.html").contains("Итоги. "))
        // A template: the pages made with it, here the four section listings.
        try fixture.edit("templates/section.mustache", replacing: "<div class=\"content\">", with: "<div class=\"content intro\">")
        #expect(try fixture.build().stderr.contains("Собрано 14 страниц (заново — 4)"))
        // A section's intro: its listing, its items (their breadcrumbs), the home page (its
        // description), the organisation whose backlinks it heads (an intro may rename the
        // section) and the sitemap, not every page: the menu shows only titles.
        try fixture.edit("content/news/_index.md", replacing: "Все новости портала.", with: "Все новости портала НКО.")
        let intro = try fixture.build()
        #expect(intro.stderr.contains("Собрано 14 страниц (заново — 6)"), "\(intro.stderr)")
        // Nothing changed: nothing rendered.
        #expect(try fixture.build().stderr.contains("Собрано 14 страниц (заново — 0)"))
    }

    /// Adding a page renders it and the pages that list its section; removing it takes its
    /// files and folder out of the site.
    @Test func addedAndRemovedPagesRenderOnlyWhatListsThem() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(try fixture.build().status == 0)
        try fixture.write("---\ntitle: Новая\ndate: 2026-11-02\n---\nТекст.\n", to: "content/news/new.md")
        // The new page, the news listing, the organisations (news items can refer to them) and the sitemap.
        let added = try fixture.build()
        #expect(added.stderr.contains("Собрано 15 страниц (заново — 5)"), "\(added.stderr)")
        #expect(try fixture.read("site/news/index.html").contains("/news/new/"))
        #expect(try fixture.read("site/sitemap.xml").contains("/news/new/"))
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("content/news/new.md"))
        let removed = try fixture.build()
        #expect(removed.stderr.contains("Собрано 14 страниц (заново — 4)"), "\(removed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("news/new").path))
        #expect(try !fixture.read("site/news/index.html").contains("/news/new/"))
        #expect(try !fixture.read("site/sitemap.xml").contains("/news/new/"))
    }

    @Test func aBrokenOrStaleRecordIsIgnored() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(try fixture.build().status == 0)
        let before = try snapshot(fixture.site)
        // Either file of the record: the units, or the hashes of their inputs.
        for path in [".nko/build.bin", ".nko/hashes.bin"] {
            try fixture.write("\u{0B}nko-build-3\u{7F}", to: path)
            let broken = try fixture.build()
            #expect(broken.stderr.contains("Собрано 14 страниц в"), "\(path) broken, a full build: \(broken.stderr)")
            #expect(try snapshot(fixture.site) == before)
        }
        // The units of another build than the hashes: a page renamed, then the old units put back.
        let unitsFile = fixture.root.appendingPathComponent(".nko/build.bin")
        let units = try Data(contentsOf: unitsFile)
        try fixture.edit("content/news/forum.md", replacing: "---\n", with: "---\nslug: forum-2026\n")
        #expect(try fixture.build().stderr.contains("(заново —"))
        try units.write(to: unitsFile)
        #expect(try fixture.build().stderr.contains("Собрано 14 страниц в"), "a full build")
        try fixture.edit("content/news/forum.md", replacing: "slug: forum-2026\n", with: "")
        #expect(try fixture.build().stderr.contains("(заново —"))
        // Units of another build that read the same inputs: only the identity the two files share
        // tells them apart. A heading in the text gives the page a warning (a unit made otherwise);
        // with the units from before it, a trusted record would repeat no warning.
        let quiet = try Data(contentsOf: unitsFile)
        try fixture.edit("content/news/forum.md", replacing: "Текст **", with: "# Заголовок\n\nТекст **")
        #expect(try fixture.build().stderr.contains("заголовок первого уровня"))
        try quiet.write(to: unitsFile)
        let again = try fixture.build()
        #expect(again.stderr.contains("Собрано 14 страниц в") && again.stderr.contains("заголовок первого уровня"), "a full build: \(again.stderr)")
        try fixture.edit("content/news/forum.md", replacing: "# Заголовок\n\n", with: "")
        #expect(try fixture.build().stderr.contains("(заново —"))
        // A record of another build date is stale: every page depends on the date.
        let other = try fixture.nko(["build", "--now", "2026-11-24"])
        #expect(other.stderr.contains("Собрано 14 страниц в"), "\(other.stderr)")
        // The site edited by hand: a page the record lists is gone.
        try FileManager.default.removeItem(at: fixture.site.appendingPathComponent("news/forum/index.html"))
        let repaired = try fixture.nko(["build", "--now", "2026-11-24"])
        #expect(repaired.stderr.contains("Собрано 14 страниц в"))
        #expect(FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("news/forum/index.html").path))
    }
}
