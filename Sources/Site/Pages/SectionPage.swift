import Content
import Foundation
import TemplateEngine

/// A section's page: its introduction, its items in the schema's order and its subsections.
/// (Registries have a page kind of their own, `RegistryPage`.)
struct SectionPage: PageKind {
    func pages(_ model: SiteModel) -> [OutputUnit] {
        model.portal.collections.enumerated().filter { $0.element.schema.registry == nil }.map { c, collection in
            Self.unit(.collection(c), path: collection.id + "/", layout: collection.schema.listLayout, listed: true)
        }
    }

    static func unit(_ subject: Subject, path: String, layout: String, listed: Bool) -> OutputUnit {
        OutputUnit(subject: subject, key: path + "index.html", path: path, layout: layout, isListedPage: listed)
    }

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> ListingContext<[ItemParts.Listed]> {
        guard case let .collection(c) = unit.subject else { preconditionFailure("a section page is planned for a collection") }
        let collection = reader.collection(at: c)
        return ListingContext(Self.head(collection, unit, reader), "items",
                       collection.sortedItems.map { ItemParts.listed($0, in: collection, reader) })
    }

    /// What section and registry pages share (`page.*`): the introduction, subsections, breadcrumbs.
    final class Head: TemplateObject {
        var page: PageHead
        let body: String?
        let collection: Link
        let subsections: [Link]
        let trail: [Link]

        init(page: PageHead, body: String?, collection: Link, subsections: [Link], trail: [Link]) {
            (self.page, self.body, self.collection, self.subsections, self.trail) = (page, body, collection, subsections, trail)
        }

        func child(named name: String) -> Any? {
            switch name {
            case "is_section": true
            case "body": body
            default: page.child(named: name)
            }
        }
    }

    static func head(_ collection: CollectionReader, _ unit: OutputUnit, _ reader: ModelReader) -> Head {
        let page = PageHead(url: reader.url(unit.path), title: collection.title, description: collection.description)
        let body = collection.intro.map { ItemParts.markdown($0.body, file: $0.file, line: $0.bodyLine, reader) }
        return Head(page: page, body: body, collection: Link(collection, reader),
                    subsections: reader.children(of: collection.id).map { Link($0, reader) },
                    trail: Link.ancestors(of: collection, including: false, reader))
    }

    /// The context of a section's or registry's page: the head, and what it lists under `key`
    /// (`items` of a section, `registry` of a registry).
    final class ListingContext<Listing>: PageContent {
        let head: Head
        let key: String
        let listing: Listing

        init(_ head: Head, _ key: String, _ listing: Listing) {
            (self.head, self.key, self.listing) = (head, key, listing)
        }

        var trail: [Link] { head.trail }

        func child(named name: String) -> Any? {
            switch name {
            case "page": head
            case "collection": head.collection
            case "subsections": head.subsections
            case key: listing
            default: nil
            }
        }
    }
}
