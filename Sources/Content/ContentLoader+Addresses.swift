import Diagnostics

/// Addresses (slugs): what makes one, how long it may be, and which it may not be.
extension ContentLoader {
    /// Whether `name` is an address as it stands: Latin lowercase letters and digits in groups
    /// joined by single hyphens (`^[a-z0-9]+(-[a-z0-9]+)*$`).
    package static func isSlug(_ name: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "-")
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "-") where previous != UInt8(ascii: "-"): break
            default: return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: "-")
    }

    /// Folders at the top of the site that the build makes itself.
    static let reservedFolders = ["assets": "папка стилей и скриптов шаблонов (templates/assets/)",
                                  "search": "страница поиска", "pagefind": "папка поискового индекса", "sitemap": "карта сайта",
                                  "feedback": "страница обратной связи"]

    /// The longest address: an item's files are named by it (`<slug>.odt`, `<slug>.ics`), and a
    /// file name has at most 255 bytes.
    static let maxSlugLength = 200

    /// An address made from a title is cut at a hyphen to at most 100 characters: titles of acts run long.
    static func shortened(_ slug: String) -> String {
        guard slug.count > 100 else { return slug }
        let head = slug.prefix(101)
        return String(head.lastIndex(of: "-").map { head[..<$0] } ?? slug.prefix(100))
    }

    /// The addresses the build puts beside a collection's items, with why: its sub-collections, and
    /// a registry's pages in another order (`sort/`).
    static func reservedSlugs(_ collection: Collection, among collections: [Collection]) -> [String: String] {
        var reserved = Dictionary(collections.filter { $0.parentID == collection.id }
            .map { (String($0.id.split(separator: "/").last!), "совпадает с именем вложенного раздела") }) { a, _ in a }
        if collection.schema.registry != nil { reserved["sort"] = "совпадает с папкой страниц реестра в другом порядке (sort/)" }
        return reserved
    }

    /// Two items of one collection may not share an address; neither may an item and what the
    /// build puts beside it (`reserved`: a sub-collection, a registry's `sort/`, with why).
    static func uniqueSlugs(_ items: [Item], reserved: [String: String], _ diagnostics: inout [Diagnostic]) -> [Item] {
        var seen = [String: Int](minimumCapacity: items.count)  // the first item with the slug
        var dropped: Set<Int> = []
        for (index, item) in items.enumerated() {  // in the order of their files and lines: the first one keeps its address
            if let first = seen[item.slug].map({ items[$0] }) {
                diagnostics.append(.error("duplicate-slug", at: item.slugLocation,
                                          "адрес страницы «\(item.slug)» уже занят",
                                          hint: "его использует «\(first.title)» (\(first.location)); задайте этой записи другое поле slug"))
                dropped.insert(index)
            } else if let why = reserved[item.slug] {
                diagnostics.append(.error("duplicate-slug", at: item.slugLocation, "адрес страницы «\(item.slug)» \(why)",
                                          hint: "задайте записи другое поле slug"))
                dropped.insert(index)
            } else {
                seen[item.slug] = index
            }
        }
        guard !dropped.isEmpty else { return items }  // not copied: a section may have 10 000
        return items.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }
}
