import Content
import Foundation
import RussianText
import TemplateEngine

/// The sitemap for people (`/sitemap/`): the sections in menu order, then those outside the menu,
/// each with its subsections and pages (a long section by its count: its own page lists them),
/// and the portal's service pages. `sitemap.xml` stays the one for search engines.
struct SitemapPage: PageKind {
    /// A section with more pages than this is given by its count.
    static let listedItems = 30

    func pages(_ model: SiteModel) -> [OutputUnit] {
        [OutputUnit(subject: .site, key: "sitemap/index.html", path: "sitemap/", layout: "sitemap", isListedPage: true)]
    }

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> Context {
        func descendants(of id: String) -> [CollectionReader] {
            reader.children(of: id).flatMap { [$0] + descendants(of: $0.id) }
        }
        // The menu's sections first, then the top-level ones outside it (municipalities).
        let menu = reader.settings.navigation.compactMap(reader.collection)
        let others = reader.children(of: nil).filter { !reader.settings.navigation.contains($0.id) }
        let sections = (menu + others).map { top in
            Section(top, subsections: descendants(of: top.id).map { Section($0, subsections: [], reader) }, reader)
        }
        return Context(page: PageHead(url: reader.url(unit.path), title: "Карта сайта"), sections: sections)
    }

    final class Section: TemplateObject {
        let link: Link
        let items: [ItemParts.Listed]
        let count: Int
        let subsections: [Section]

        init(_ collection: CollectionReader, subsections: [Section], _ reader: ModelReader) {
            link = Link(collection, reader)
            // A long section is given by its count: its pages' files are not inputs of this page.
            count = collection.schema.itemPages ? collection.count : 0
            items = count <= SitemapPage.listedItems && count > 0
                ? collection.sortedItems.map { ItemParts.listed($0, in: collection, reader) } : []
            self.subsections = subsections
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": link.title
            case "url": link.url
            case "items": items
            case "more": items.isEmpty && count > 0 ? "\(count) " + RussianFormat.plural(count, "материал", "материала", "материалов") : nil
            case "subsections": subsections
            default: nil
            }
        }
    }

    final class Context: PageContent {
        let page: PageHead
        let sections: [Section]

        init(page: PageHead, sections: [Section]) {
            (self.page, self.sections) = (page, sections)
        }

        var trail: [Link] { [] }

        func child(named name: String) -> Any? {
            switch name {
            case "page": page
            case "sections": sections
            default: nil
            }
        }
    }
}
