import Foundation
@testable import Site
import Testing

@Suite(.serialized) struct BuildTests {
    @Test func buildsEveryPageWithNavigationListingsAndSitemap() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let run = try fixture.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Собрано 14 страниц"), "\(run.stderr)")

        let pages = try snapshot(fixture.site).keys.sorted()
        #expect(pages.contains("/index.html"))
        #expect(pages.contains("/news/index.html"))
        #expect(pages.contains("/news/forum/index.html"))
        #expect(pages.contains("/orgs/assotsiatsiia-elka/index.html"), "a page from a data file, slug transliterated")
        #expect(pages.contains("/orgs/fund/index.html"))
        #expect(pages.contains("/about/faq/index.html"))
        #expect(pages.contains("/about/faq/report.pdf"), "attachments are published as they are")
        #expect(pages.contains("/404.html"))
        #expect(pages.contains("/search/index.html"))
        #expect(pages.contains("/assets/style.css"))

        // Navigation in portal.yaml's order, with the current section marked.
        let news = try fixture.read("site/news/index.html")
        let order = ["/news/", "/orgs/", "/about/"].map { news.range(of: "href=\"\($0)\"")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! })
        #expect(news.range(of: #"<a[^>]*href="/news/"[^>]*aria-current="page""#, options: .regularExpression) != nil
            || news.range(of: #"<a[^>]*aria-current="page"[^>]*href="/news/""#, options: .regularExpression) != nil)
        // The listing: newest first, with Russian dates, and the section's intro.
        let grants = try #require(news.range(of: "Итоги конкурса")), forum = try #require(news.range(of: "Форум НКО"))
        #expect(grants.lowerBound < forum.lowerBound)
        #expect(news.contains("1 ноября 2026"))
        #expect(news.contains("Все новости портала."))
        #expect(news.contains("Свежие новости."))

        // An item page: typed fields in Russian form, Markdown with table and footnote, breadcrumbs.
        let item = try fixture.read("site/news/forum/index.html")
        #expect(item.contains("<html lang=\"ru\""))
        #expect(item.contains("Анонс"))
        #expect(item.contains("12\u{202F}500"))
        #expect(item.contains("1\u{202F}500\u{202F}000,50\u{00A0}руб."))
        #expect(item.contains("<a href=\"/orgs/assotsiatsiia-elka/\">Ассоциация «Ёлка»</a>"))
        #expect(item.contains("<table>") && item.contains("class=\"footnotes\""))
        #expect(item.contains("<strong>новости</strong>"))
        let crumbs = try #require(item.range(of: "Навигационная цепочка"))
        let tail = item[crumbs.upperBound...]
        #expect(tail.contains("href=\"/\"") && tail.contains("href=\"/news/\""))

        let sitemap = try fixture.read("site/sitemap.xml")
        #expect(sitemap.contains("<loc>https://nko.example.ru/news/forum/</loc>"))
        #expect(sitemap.contains("<loc>https://nko.example.ru/</loc>"))
        #expect(!sitemap.contains("404"))
        #expect(sitemap.contains("<loc>https://nko.example.ru/sitemap/</loc>"), "the sitemap for people")
        #expect(sitemap.components(separatedBy: "<url>").count - 1 == 12)
        #expect(try fixture.read("site/robots.txt").contains("Sitemap: https://nko.example.ru/sitemap.xml"))

        // Every page records what it was made from: the news item's fields and text, the fields of
        // the organisation it refers to.
        let record = try #require(BuildRecord.load(root: fixture.root, engine: nil))
        let inputs = try #require(record.entries.first { $0.key == "news/forum/index.html" }).inputs.map { record.inputs[$0] }
        for input in ["@fields:content/news/forum.md", "content/news/forum.md", "content/news/_schema.yaml",
                      "@fields:content/orgs/orgs.yaml", "portal.yaml",
                      "templates/item.mustache", "templates/base.mustache", "templates/header.mustache"] {
            #expect(inputs.contains(input), "\(input) missing from \(inputs)")
        }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(try fixture.build(["--jobs", "1"]).status == 0)
        let first = try snapshot(fixture.site)
        #expect(try fixture.build(["--jobs", "4"]).status == 0)
        #expect(try snapshot(fixture.site) == first)
    }

    /// A file of a section named as a file the build makes there would replace it (or be replaced).
    @Test(arguments: ["content/news/index.html", "content/about/faq/index.html", "content/property/data.json", "content/contests/feed.xml"])
    func aFileNamedAsAPageOfTheBuildIsAnError(path: String) throws {
        let fixture = try Fixture(files: path.contains("news") || path.contains("about") ? Fixture.files : RegistryTests.files)
        defer { fixture.remove() }
        #expect(try fixture.build().status == 0)
        let site = try snapshot(fixture.site)
        try fixture.write("<p>чужая страница</p>", to: path)
        for _ in 1...2 {  // the second build reads the record the first one left
            let run = try fixture.build()
            #expect(run.status == 1 && run.stderr.contains("\(path):1:1: error: файл сайта"), "\(run.stderr)")
            #expect(try snapshot(fixture.site) == site)
        }
    }

    @Test func checkWritesNothing() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let run = try fixture.nko(["check", "--now", "2026-11-23"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent(".nko").path))
    }

    @Test func scriptInMarkdownNeverReachesAPage() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.edit("content/about/help.md", replacing: "Как пользоваться", with: "<b>Как</b> пользоваться")
        let run = try fixture.build()
        #expect(run.status == 0)
        #expect(run.stderr.contains("content/about/help.md:4:1: warning: HTML-разметка «<b>» в тексте не выводится"))
        let page = try fixture.read("site/about/help/index.html")
        #expect(!page.contains("<b>") && page.contains("Как"))
    }
}

@Suite(.serialized) struct UsageTests {
    @Test(arguments: [
        ["build", "--now", "2026-13-01"],
        ["build", "--jobs", "0"],
        ["build", "--format", "xml"],
        ["frobnicate"],
        ["build", "--root", "/nonexistent-portal"],
    ])
    func usageErrorsExitWithTwo(_ arguments: [String]) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let run = try fixture.nko(arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(!run.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
    }

    @Test func helpAndVersion() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let help = try fixture.nko(["build", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--now") && help.stdout.contains("--strict"))
        // ArgumentParser's own words in Russian too
        for words in [["--help"], ["build", "--help"], ["form", "render", "--help"]] {
            let text = try fixture.nko(words).stdout
            #expect(text.contains("ПАРАМЕТРЫ:") && text.contains("Показать эту справку."), "\(words)")
            #expect(text.range(of: #"\b(OPTIONS|USAGE|OVERVIEW|SUBCOMMANDS|Show|default|values|See)\b"#, options: .regularExpression) == nil, "\(words): \(text)")
        }
        let usage = try fixture.nko(["form", "render"])
        #expect(usage.status == 2 && usage.stderr.hasPrefix("Ошибка: не указан обязательный аргумент <ID>"), "\(usage.stderr)")
        #expect(try fixture.nko(["--version"]).stdout.contains("0.1.0"))
    }

    @Test func amountInWords() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        for amount in ["123045.45", "123045,45"] {
            let run = try fixture.nko(["words", amount])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "123\u{202F}045 (сто двадцать три тысячи сорок пять) рублей 45 копеек\n")
        }
        for amount in ["123 045", "12.345", "сто", "1e5", "-5"] {
            let run = try fixture.nko(["words", "--", amount])
            #expect(run.status == 2, "\(amount): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("«\(amount)» — не сумма") && run.stderr.contains("например 123045.45 или 123045,45"))
        }
    }
}

/// The progress bar: drawn on a terminal (here a pseudo-terminal made by util-linux `script`),
/// never in CI, where standard error is a pipe.
struct ProgressTests {
    @Test func aTerminalSeesTheBarAndAPipeOnlyTheSummary() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let piped = try fixture.build()
        #expect(!piped.stderr.contains("Страницы:"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = "\(Fixture.binary.path) build --full --now 2026-11-23 --root \(fixture.root.path)"
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = ["NKO_PROGRESS_DELAY": "0", "PATH": "/usr/bin:/bin", "TERM": "dumb"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("Страницы: 14 из 14 [████████████████████] 100 %"), "\(text)")
        // Erased before the summary, which starts on a clean line.
        #expect(text.contains("\r\u{1B}[KСобрано 14 страниц"), "\(text)")
    }
}
