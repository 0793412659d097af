import Foundation
import Diagnostics
import RussianText

/// One page's worth of content: a Markdown file with front matter, or one entry of a YAML list.
public struct Item: Sendable {
    public let collectionID: String
    public let slug: String
    public let title: String
    public let description: String?
    /// Typed values of the declared fields (implicit ones are the properties above).
    public var values: [String: Value]
    /// The Markdown body of a `.md` item (see `markdownBody`), and the line of the file where it starts.
    var body: Body?
    public let bodyLine: Int
    /// Where the item starts: the file (for `.md`) or its entry in a data file.
    public let location: SourceLocation
    /// Where its slug came from, for messages about duplicates.
    public let slugLocation: SourceLocation

    public var sourceFile: String { location.file }

    /// Items taken from the build cache keep only where their body is: a rebuild after one edit
    /// renders a few pages and should not read the bodies of 10 000 files to do it.
    enum Body: Sendable {
        case text(String)
        case inFile
    }

    /// The Markdown body, nil for an entry of a data file; read from `root` when the item came
    /// from the cache (the file is then unchanged since the build began, or the build record marks
    /// it as changed during the build, so that its page is rendered again next time).
    public func markdownBody(root: URL, _ diagnostics: inout [Diagnostic]) -> String? {
        switch body {
        case nil: return nil
        case .text(let text)?: return text
        case .inFile?: return ContentLoader.read(root, sourceFile, &diagnostics).flatMap { try? FrontMatter.split($0).body }
        }
    }
}

/// An intro page: the home page (`content/_index.md`) or a section's `_index.md`.
public struct IndexPage: Sendable {
    public let title: String?
    /// A shorter name for the menu (`menu_title:`), where the section's title is long.
    public let menuTitle: String?
    public let description: String?
    /// When a registry's list was last updated (`updated:`), where the rules require it.
    public let updated: CalendarDate?
    public let updatedLocation: SourceLocation?
    public let body: String
    public let bodyLine: Int
    public let file: String
}

/// A folder of `content/` with its schema and items; nested folders are sub-collections.
public struct Collection: Sendable {
    /// The folder's path under `content/`, e.g. `press/news`; also its URL path.
    public let id: String
    public internal(set) var schema: Schema
    public var items: [Item]
    public let intro: IndexPage?
    /// Files that are neither content nor schema (documents, pictures): published as they are.
    public let attachments: [String]

    public var parentID: String? {
        guard let slash = id.lastIndex(of: "/") else { return nil }
        return String(id[..<slash])
    }

    public var title: String { intro?.title ?? schema.title }
    public var menuTitle: String { intro?.menuTitle ?? title }
    public var description: String? { intro?.description ?? schema.description }

    /// Items in the order the schema asks for, ties broken by slug so the order is stable.
    public var sortedItems: [Item] { sorted(by: schema.sortField, descending: schema.sortDescending) }

    /// Items ordered by a field; references are ordered by what `referenceTitle` names them.
    public func sorted(by field: String, descending: Bool, referenceTitle: (Reference) -> String? = { _ in nil }) -> [Item] {
        func key(_ item: Item) -> Value? {
            if case let .reference(ref)? = item.values[field], let title = referenceTitle(ref) { return .string(title) }
            return item.values[field]
        }
        let keyed = items.map { (item: $0, key: key($0)) }
        return keyed.sorted { a, b in
            // Items without the value go last, whatever the direction.
            let (hasA, hasB) = (has(a.item, field), has(b.item, field))
            if hasA != hasB { return hasA }
            let order: ComparisonResult
            switch field {
            case "title": order = compareText(a.item.title, b.item.title)
            case "slug": order = compareText(a.item.slug, b.item.slug)
            default: order = SortKey(a.key).compare(SortKey(b.key))
            }
            if order != .orderedSame { return descending ? order == .orderedDescending : order == .orderedAscending }
            return a.item.slug < b.item.slug
        }.map(\.item)
    }

    private func has(_ item: Item, _ field: String) -> Bool {
        ["title", "slug"].contains(field) || item.values[field] != nil
    }
}

func compareText(_ a: String, _ b: String) -> ComparisonResult {
    let x = a.lowercased(), y = b.lowercased()
    return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
}

/// Orders values of one field; missing values go last.
private struct SortKey {
    let value: Value?
    init(_ value: Value?) { self.value = value }

    func compare(_ other: SortKey) -> ComparisonResult {
        switch (value, other.value) {
        case (nil, nil): return .orderedSame
        case (nil, _): return .orderedDescending
        case (_, nil): return .orderedAscending
        case let (.date(a)?, .date(b)?): return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case let (.datetime(a)?, .datetime(b)?): return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case let (.integer(a)?, .integer(b)?): return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case let (.money(a)?, .money(b)?): return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case let (.decimal(a)?, .decimal(b)?), let (.percent(a)?, .percent(b)?):
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case let (a?, b?): return compareText(a.plainText, b.plainText)
        }
    }
}

/// Everything a build reads: settings, the home page and the collections.
public struct Portal: Sendable {
    public let settings: PortalSettings
    public let home: IndexPage?
    /// Sorted by id, so that parents come before their children.
    public var collections: [Collection]
    /// Days off and working days by year (`content/_calendar.yaml`).
    public let workingCalendar: WorkingCalendar
    /// The folder the portal was read from.
    public let root: URL

    public func collection(_ id: String) -> Collection? { collections.first { $0.id == id } }

    /// The model with the bodies of these files' items to be read from the files again: their
    /// text changed, and nothing else in them did (`ContentLoader.itemsUnchanged`).
    public mutating func readBodiesAgain(of files: Set<String>) {
        for c in collections.indices {
            for i in collections[c].items.indices where collections[c].items[i].body != nil
                && files.contains(collections[c].items[i].sourceFile) {
                collections[c].items[i].body = .inFile
            }
        }
    }

    /// The portal as the public sees it: every field marked `access: internal` gone from the
    /// schemas and the items, so that no page, export or index of the build can show it.
    public func withoutRestrictedFields() -> Portal {
        var portal = self
        for c in portal.collections.indices where portal.collections[c].schema.fields.contains(where: \.restricted) {
            let restricted = portal.collections[c].schema.fields.filter(\.restricted).map(\.name)
            portal.collections[c].schema.fields.removeAll { $0.restricted }
            for i in portal.collections[c].items.indices {
                for name in restricted { portal.collections[c].items[i].values[name] = nil }
            }
        }
        return portal
    }

    /// The files of `content/` published as they are, in every collection.
    public var attachments: [String] { collections.flatMap(\.attachments) }

    public func children(of id: String?) -> [Collection] {
        collections.filter { $0.parentID == id }
            .sorted { ($0.schema.weight, $0.id) < ($1.schema.weight, $1.id) }
    }
}
