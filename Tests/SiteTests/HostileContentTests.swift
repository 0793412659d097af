import Foundation
import Testing
import TestSupport

/// Content comes from pull requests, and CI publishes what `nko build` writes: whatever an
/// attacker or a careless editor commits must give a precise message or be neutralised — never
/// read outside the portal, crash, inject into an output format, or half-publish. Each test here
/// is a reproducer that failed before (issue 12), run against a fresh copy of the demo portal.
@Suite(.serialized) struct HostileContentTests {
    static let news = "content/press/news/forum-sonko-2026-itogi.md"

    /// A build that fails: exit 1, the site byte for byte as it was, and the messages.
    func failingBuild(_ demo: Fixture, _ extra: [String] = []) throws -> String {
        let before = try snapshot(demo.site)
        let run = try demo.build(extra)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(try snapshot(demo.site) == before, "site/ changed: \(run.stderr)")
        #expect(run.stderr.contains("не изменён"))
        return run.stderr
    }

    @Test func symbolicLinksOutOfThePortalAreRefusedBeforeAnythingIsRead() throws {
        let demo = try Fixture.demo()
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("nko-secret-\(UUID().uuidString)")
        defer { demo.remove(); try? FileManager.default.removeItem(at: secret) }
        let marker = "NKO-SECRET-\(UUID().uuidString)"
        try FileManager.default.createDirectory(at: secret.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try Data("\(marker)\n".utf8).write(to: secret.appendingPathComponent("passwd"))
        try Data("\(marker)\n".utf8).write(to: secret.appendingPathComponent("inner/shadow"))
        #expect(try demo.build().status == 0)

        let links = [
            "content/about/passwd.txt": secret.appendingPathComponent("passwd").path,   // a file, published as an attachment
            "content/about/etc": secret.path,                                           // a folder
            "templates/404.mustache": secret.appendingPathComponent("passwd").path,     // a template
            "templates/assets/etc": secret.path,                                        // a folder of assets
            "templates/assets/secret.css": secret.appendingPathComponent("passwd").path,
        ]
        try FileManager.default.removeItem(at: demo.root.appendingPathComponent("templates/404.mustache"))
        for (link, target) in links {
            try FileManager.default.createSymbolicLink(atPath: demo.root.appendingPathComponent(link).path, withDestinationPath: target)
        }
        try FileManager.default.createSymbolicLink(atPath: demo.root.appendingPathComponent("content/press/loop").path,
                                                   withDestinationPath: ".")
        let messages = try failingBuild(demo)
        for (link, target) in links {
            #expect(messages.contains("\(link):1:1: error: символическая ссылка ведёт за пределы портала: \(link) → \(target)"), "\(messages)")
        }
        #expect(messages.contains("content/press/loop:1:1: error: символическая ссылка образует цикл"))
        #expect(!messages.contains(marker))
        let check = try demo.nko(["check", "--now", "2026-11-23"])
        #expect(check.status == 1 && !check.stderr.contains(marker))
        // Nothing anywhere in the portal's folder (site/, .nko/, a staging folder) holds a byte of the targets.
        let leaked = try FileManager.default.subpathsOfDirectory(atPath: demo.root.path).filter { path in
            let url = demo.root.appendingPathComponent(path)
            guard try url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink != true else { return false }
            return FileManager.default.contents(atPath: url.path)?.range(of: Data(marker.utf8)) != nil
        }
        #expect(leaked.isEmpty, "\(leaked)")
        #expect(try !FileManager.default.contentsOfDirectory(atPath: demo.root.path).contains { $0.contains("staging") })
    }

    @Test func aLinkInsideThePortalOrToNowhereIsNamedToo() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        try FileManager.default.createSymbolicLink(atPath: demo.root.appendingPathComponent("content/press/news/copy.md").path,
                                                   withDestinationPath: "../../about/_index.md")
        try FileManager.default.createSymbolicLink(atPath: demo.root.appendingPathComponent("content/press/news/gone.md").path,
                                                   withDestinationPath: "nowhere.md")
        let run = try demo.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/press/news/copy.md:1:1: error: символические ссылки не поддерживаются: content/press/news/copy.md → ../../about/_index.md"))
        #expect(run.stderr.contains("content/press/news/gone.md:1:1: error: символическая ссылка ведёт к несуществующему файлу"))
    }

    @Test func aFileNameThatIsNotUTF8IsNamedWithItsBytesShown() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        // «a», a byte no UTF-8 name has, «.md»: written through the system, as no Swift string can name it.
        let path = Array((demo.root.path + "/content/press/news/").utf8) + [0x61, 0xFF, 0x2E, 0x6D, 0x64, 0]
        let descriptor = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(descriptor >= 0)
        close(descriptor)
        let stderr = try failingBuild(demo)
        #expect(stderr.contains("content/press/news/a\\xFF.md:1:1: error: имя «content/press/news/a\\xFF.md» не в кодировке UTF-8"), "\(stderr)")
    }

    @Test func aDeadlineMillionsOfWorkingDaysAwayIsAMessage() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        try demo.edit("content/contests/subsidii-sonko-2026.md", replacing: "working_days: 15", with: "working_days: 3000000")
        let run = try demo.build()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("content/contests/subsidii-sonko-2026.md:28:103: error: поле «stages[2].date.working_days» (Срок): ожидалось число рабочих дней от 1 до 36 500"),
                "\(run.stderr)")
        // A term within bounds that still runs past the calendar's last day.
        try demo.edit("content/contests/subsidii-sonko-2026.md", replacing: "working_days: 3000000", with: "working_days: 15")
        try demo.edit("content/contests/subsidii-sonko-almetevskii-raion-2026.md", replacing: "working_days: 30", with: "working_days: 36500")
        try demo.replace("content/contests/subsidii-sonko-almetevskii-raion-2026.md", "^intake_start: .*", "intake_start: 9900-01-10")
        let far = try demo.build()
        #expect(far.status == 1)
        #expect(far.stderr.contains("content/contests/subsidii-sonko-almetevskii-raion-2026.md:2:1: error: срок в 36500 рабочих дней после 10.01.9900 выходит за 9999 год"),
                "\(far.stderr)")
    }

    /// A footer that includes itself; and new delimiters, which would hide such a partial from the
    /// check (both crashed the build with a stack overflow).
    @Test(arguments: [("{{> footer}}", "error: шаблон подключает сам себя: footer → footer"),
                      ("{{=<% %>=}}<%>footer%>", "error: смена разделителей ({{=<% %>=}}) в шаблонах не поддерживается")])
    func aTemplateThatIncludesItselfIsAMessage(added: String, message: String) throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        try demo.write(try demo.read("templates/footer.mustache") + added + "\n", to: "templates/footer.mustache")
        let run = try demo.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("templates/footer.mustache:"))
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func layoutsThatInheritFromEachOtherAreAMessage() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        try demo.write("{{<b}}{{$main}}A{{/main}}{{/b}}\n", to: "templates/a.mustache")
        try demo.write("{{<a}}{{$main}}B{{/main}}{{/a}}\n", to: "templates/b.mustache")
        try demo.edit("content/about/_schema.yaml", replacing: "title:", with: "list_layout: a\ntitle:")
        let run = try demo.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("templates/b.mustache:1:1: error: шаблон подключает сам себя: a → b → a"), "\(run.stderr)")
    }

    /// Ten thousand nested quotes overflowed a rendering thread's stack (SIGSEGV).
    @Test func markupNestedTooDeeplyIsAMessage() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        for (body, column) in [(String(repeating: "> ", count: 10_000) + "глубоко", 201), (String(repeating: "*", count: 20_000) + "а" + String(repeating: "*", count: 20_000), 1)] {
            try demo.write("---\ntitle: Глубоко\ndate: 2026-11-01\n---\n\(body)\n", to: "content/press/news/deep.md")
            let run = try demo.build()
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("content/press/news/deep.md:5:\(column): error: вложенность разметки глубже 100 уровней"), "\(run.stderr)")
        }
    }

    @Test func aSlugTooLongForAFileNameIsAMessageAndTheSiteStaysAsItWas() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        #expect(try demo.build().status == 0)
        try demo.edit(Self.news, replacing: "---\n", with: "---\nslug: \(String(repeating: "a", count: 300))\n")
        let messages = try failingBuild(demo)
        #expect(messages.contains("\(Self.news):2:7: error: адрес страницы длиннее 200 символов (300)"), "\(messages)")
        #expect(!messages.contains("NSCocoaErrorDomain"))
    }

    /// A write that fails half-way through an incremental build (here a stray file where the new
    /// page's folder must go) leaves every file and folder of the site as it was.
    @Test func aFailedWriteLeavesTheSiteAsItWas() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        #expect(try demo.build().status == 0)
        try demo.write("---\ntitle: Новость zzz\ndate: 2026-11-02\n---\nТекст.\n", to: "content/press/news/zzz.md")
        try demo.write("stray", to: "site/press/news/zzz")
        let messages = try failingBuild(demo)
        #expect(messages.contains("content/press/news/zzz.md:2:8: error: не удалось записать сайт в"), "\(messages)")
        #expect(messages.contains("press/news/zzz/index.html: Not a directory"))
        try FileManager.default.removeItem(at: demo.site.appendingPathComponent("press/news/zzz"))
        #expect(try demo.build().status == 0)
        #expect(FileManager.default.fileExists(atPath: demo.site.appendingPathComponent("press/news/zzz/index.html").path))
    }

    /// The search index is made after an incremental build has moved its files in: when Pagefind
    /// fails, every file moved in or out is put back.
    @Test func aFailedSearchIndexPutsTheSiteBack() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        #expect(try demo.build().status == 0)
        try demo.edit(Self.news, replacing: "Два дня", with: "Три дня")
        try demo.write("---\ntitle: Новость zzz\ndate: 2026-11-02\n---\nТекст.\n", to: "content/press/news/zzz.md")
        try FileManager.default.removeItem(at: demo.root.appendingPathComponent("content/press/news/konsultatsii-resursnykh-tsentrov.md"))
        let before = try snapshot(demo.site)
        let failing = try Tool.run(Fixture.binary, ["build", "--now", "2026-11-23"], in: demo.root, environment: ["NKO_PAGEFIND": "/bin/false"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("error: поисковый индекс не построен (false, код 1)"), "\(failing.stderr)")
        #expect(try snapshot(demo.site) == before)
        #expect(try !FileManager.default.contentsOfDirectory(atPath: demo.root.path).contains { $0.contains("pagefind") })
    }

    @Test func calendarTextCannotAddLinesOrEvents() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        #expect(try demo.build().status == 0)
        func events(_ file: String) throws -> Int { try demo.read(file).components(separatedBy: "\r\n").filter { $0 == "BEGIN:VEVENT" }.count }
        let count = try events("site/calendar.ics")
        try demo.edit("content/press/events/events.yaml", replacing: "place: г. Казань, ул. Примерная, д. 1, конференц-зал",
                      with: #"place: "Kazan\nX-INJ:1\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:fake\u2028X-INJ:2;,\\""#)
        try demo.edit("content/contests/subsidii-sonko-2026.md", replacing: "{title: Приём заявок,",
                      with: #"{title: "Приём\nEND:VEVENT\nBEGIN:VEVENT\nX-INJ:3","#)
        let run = try demo.build()
        #expect(run.status == 0, "\(run.stderr)")
        for file in ["site/calendar.ics", "site/press/events/seminar-podgotovka-proekta/seminar-podgotovka-proekta.ics"] {
            let text = try demo.read(file)
            let lines = text.components(separatedBy: "\r\n")
            #expect(!lines.contains { $0.hasPrefix("X-INJ") || $0.hasPrefix("SUMMARY:fake") }, "\(file)")
            #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feed")
            let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
            if file.hasSuffix("seminar-podgotovka-proekta.ics") {
                #expect(unfolded.contains(#"LOCATION:Kazan\nX-INJ:1\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:fake\nX-INJ:2\;\,\\"#))
                #expect(try events(file) == 1)
            }
        }
        #expect(try events("site/calendar.ics") == count)
    }

    @Test func controlCharactersAreMessagesAtTheirPosition() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        #expect(try demo.build().status == 0)
        // Written as a YAML escape: the value's position.
        try demo.replace(Self.news, "^title: .*", #"title: "Форум\u0001""#)
        #expect(try failingBuild(demo).contains("\(Self.news):2:8: error: недопустимый символ U+0001 в значении"))
        // Raw in the text: the character's own line and column.
        try demo.replace(Self.news, "^title: .*", "title: Форум")
        try demo.edit(Self.news, replacing: "Два дня", with: "Два \u{1F}дня")
        #expect(try failingBuild(demo).contains("\(Self.news):4:18: error: недопустимый символ U+001F в тексте"))
        try demo.edit(Self.news, replacing: "Два \u{1F}дня", with: "Два дня\u{FFFF}")
        #expect(try failingBuild(demo).contains("\(Self.news):4:21: error: недопустимый символ U+FFFF в тексте"))
        // A carriage return written as an escape would split a line of iCalendar or CSV.
        try demo.edit(Self.news, replacing: "Два дня\u{FFFF}", with: "Два дня")
        try demo.edit("content/press/events/events.yaml", replacing: "place: г. Казань, ул. Примерная, д. 1, конференц-зал",
                      with: #"place: "Kazan\r\nX-INJ:1""#)
        #expect(try failingBuild(demo).contains("content/press/events/events.yaml:8:10: error: недопустимый символ U+000D в значении"))
    }

    @Test func csvCellsCarryNoFormulasAndJSONStaysExact() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        let formula = #"=HYPERLINK("http://evil.example/","x")"#
        try demo.edit(Self.news, replacing: "title: Форум социально ориентированных НКО собрал участников из всех районов республики",
                      with: "title: '\(formula)'")
        try demo.edit(Self.news, replacing: "description: Два дня", with: "description: '@SUM(1+1)' # Два дня")
        #expect(try demo.build().status == 0)
        let csv = try demo.read("site/press/news/data.csv")
        #expect(csv.contains(#""'=HYPERLINK(""http://evil.example/"",""x"")""#), "\(csv)")
        #expect(csv.contains(",'@SUM(1+1),"))
        for cell in csv.components(separatedBy: "\r\n").flatMap({ $0.components(separatedBy: ",") }) {
            #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "\(cell)")
        }
        #expect(try demo.read("site/press/news/data.json").contains(#""title": "=HYPERLINK(\"http://evil.example/\",\"x\")""#))
        #expect(try demo.read("site/press/news/datapackage.json").contains("OWASP"))
    }

    /// A warm rebuild reports exactly the warnings of a full build, so `--strict` does not depend on `.nko/`.
    @Test func warningsDoNotDependOnTheCache() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        let withoutPagefind = ["PATH": "/usr/bin:/bin", "NKO_PAGEFIND": ""]
        func build(_ extra: [String] = []) throws -> Tool.Result {
            try Tool.run(Fixture.binary, ["build", "--now", "2026-11-23"] + extra, in: demo.root, environment: withoutPagefind)
        }
        let full = try build()
        #expect(full.status == 0 && full.stderr.contains("warning: поиск по порталу не построен"), "\(full.stderr)")
        let warm = try build()
        #expect(warm.stderr.contains("(заново — 0)"), "\(warm.stderr)")
        #expect(warm.stderr.components(separatedBy: "\n").filter { $0.contains("warning:") }
                    == full.stderr.components(separatedBy: "\n").filter { $0.contains("warning:") })
        #expect(try build(["--strict"]).status == 1)
    }

    @Test func strayFilesNamesAndReservedSlugsAreNamed() throws {
        let demo = try Fixture.demo()
        defer { demo.remove() }
        try demo.write("---\ntitle: Забытая\n---\n", to: "content/zzz.md")
        let stray = try demo.build()
        #expect(stray.stderr.contains("content/zzz.md:1:1: warning: файл «zzz.md» в корне content/ не относится ни к одному разделу"))
        try demo.edit("content/contests/subsidii-sonko-2026.md", replacing: "---\n", with: "---\nslug: sort\n")
        let sort = try demo.build()
        #expect(sort.status == 1)
        #expect(sort.stderr.contains("content/contests/subsidii-sonko-2026.md:2:7: error: адрес страницы «sort» совпадает с папкой страниц реестра"), "\(sort.stderr)")
        // «bad», then a byte that is not UTF-8.
        let bad = Array((demo.root.path + "/content/press/news/bad").utf8) + [0xFF] + Array(".md".utf8) + [0]
        let fd = bad.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        close(fd)
        let name = try demo.build()
        #expect(name.status == 1)
        #expect(name.stderr.contains(#"content/press/news/bad\xFF.md:1:1: error: имя «content/press/news/bad\xFF.md» не в кодировке UTF-8"#), "\(name.stderr)")
    }
}
