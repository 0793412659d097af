import Content
import Foundation
import RussianText
@testable import Site
import Testing

/// A page kind is one file and one registration: it reads the model through `ModelReader`, and
/// what it read is what its pages depend on — nothing is declared.
@Suite(.serialized) struct PageKindTests {
    /// A card per organisation with its city, as a new page kind would be written.
    struct CityCard: PageKind {
        func pages(_ model: SiteModel) -> [OutputUnit] {
            guard let c = model.portal.collections.firstIndex(where: { $0.id == "orgs" }) else { return [] }
            return model.portal.collections[c].items.indices.map { i in
                let path = "cards/" + model.portal.collections[c].items[i].slug + "/"
                return OutputUnit(subject: .item(collection: c, item: i), key: path + "index.html", path: path, layout: "card")
            }
        }

        func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> Card {
            guard case let .item(c, i) = unit.subject else { preconditionFailure() }
            let item = reader.item(c, i)
            return Card(title: item.title, city: item.values["city"]?.plainText)
        }

        struct Card: PageContent {
            let title: String
            let city: String?
            var trail: [Link] { [] }

            func child(named name: String) -> Any? {
                switch name {
                case "title": title
                case "city": city
                default: nil
                }
            }
        }
    }

    static let outputs: [any Output] = Outputs.standard + [PageOutput(CityCard())]

    @Test func aNewPageKindReadingAFieldIsRebuiltWhenTheFieldChanges() throws {
        let fixture = try Fixture()
        let twin = fixture.root.appendingPathExtension("full")
        defer { fixture.remove(); try? FileManager.default.removeItem(at: twin) }
        try fixture.write("<p>{{title}}: {{city}}</p>\n", to: "templates/card.mustache")
        func options(_ output: URL, incremental: Bool = true) -> BuildOptions {
            BuildOptions(root: fixture.root, output: output, now: CalendarDate(year: 2026, month: 11, day: 23)!, jobs: 2,
                         strict: true, write: true, incremental: incremental)
        }
        let session = BuildSession(background: false)
        let first = SiteBuilder.run(options(fixture.site), session: session, outputs: Self.outputs)
        #expect(first.errorCount == 0 && first.published, "\(first.diagnostics)")
        #expect(try fixture.read("site/cards/fund/index.html") == "<p>Фонд «Доброе дело»: </p>\n")
        let card = try fixture.read("site/cards/assotsiatsiia-elka/index.html")
        #expect(card == "<p>Ассоциация «Ёлка»: Казань</p>\n")

        // The card read the organisation's entry (its fields: a data file's entries have no text)
        // and its template: both are its inputs.
        let record = try #require(BuildRecord.load(root: fixture.root, engine: nil))
        let inputs = try #require(record.entries.first { $0.key == "cards/fund/index.html" }).inputs.map { record.inputs[$0] }
        #expect(inputs.contains("@fields:content/orgs/orgs.yaml") && inputs.contains("templates/card.mustache"), "\(inputs)")

        // A news text is not read by the cards: they are not made again (a file made again is a new
        // file moved over the old one, with another inode).
        func inode(_ path: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: fixture.site.appendingPathComponent(path).path)[.systemFileNumber] as? Int
        }
        let (cardFile, newsFile) = (try inode("cards/fund/index.html"), try inode("news/forum/index.html"))
        try fixture.edit("content/news/forum.md", replacing: "Текст **новости**", with: "Другой текст **новости**")
        let unrelated = SiteBuilder.run(options(fixture.site), session: session, outputs: Self.outputs)
        #expect(unrelated.published && unrelated.renderedCount < unrelated.pageCount)
        #expect(try inode("news/forum/index.html") != newsFile, "the news page is made again")
        #expect(try inode("cards/fund/index.html") == cardFile, "the card is not")

        // The field changes: the incremental build makes the card again, as a full build would.
        try fixture.edit("content/orgs/orgs.yaml", replacing: "city: Казань", with: "city: Елабуга")
        let edited = SiteBuilder.run(options(fixture.site), session: session, outputs: Self.outputs)
        #expect(edited.published && edited.renderedCount < edited.pageCount, "an incremental build")
        #expect(try fixture.read("site/cards/assotsiatsiia-elka/index.html") == "<p>Ассоциация «Ёлка»: Елабуга</p>\n")
        let full = SiteBuilder.run(options(twin, incremental: false), session: BuildSession(background: false), outputs: Self.outputs)
        #expect(full.published)
        #expect(try snapshot(fixture.site) == snapshot(twin))
    }
}
