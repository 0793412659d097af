import Content
import Foundation
import Markup
import RussianText

/// An Atom feed (RFC 4287), newest first: of a registry, or of every registry with a feed (the
/// portal's «all updates», `feed.xml` at the root).
struct AtomFeed {
    /// The page the feed is of, and what it is called.
    let page: String
    let title: String
    let subtitle: String?
    let entries: [Entry]
    let settings: PortalSettings

    struct Entry {
        let item: Item
        let collection: CollectionReader
        let updated: CalendarDateTime
    }

    /// The items of these collections, newest first (ties by address), at most `limit`.
    static func entries(of collections: [CollectionReader], now: CalendarDate, limit: Int = .max) -> [Entry] {
        let all = collections.flatMap { collection in
            collection.items.map { Entry(item: $0, collection: collection, updated: updated($0, now: now)) }
        }
        return Array(all.sorted { a, b in
            a.updated == b.updated ? (a.collection.id, a.item.slug) < (b.collection.id, b.item.slug) : b.updated < a.updated
        }.prefix(limit))
    }

    /// The collections whose registry asks for a feed.
    static func feeds(_ reader: ModelReader) -> [CollectionReader] {
        reader.collections.filter { $0.schema.registry?.feed == true }
    }

    /// When an entry last changed, as far as its content tells: its latest date up to the build
    /// date (results published, a news item's date); the build date for what lies ahead.
    static func updated(_ item: Item, now: CalendarDate) -> CalendarDateTime {
        var latest: CalendarDateTime?
        func consider(_ value: Value) {
            let t: CalendarDateTime?
            switch value {
            case .date(let d): t = CalendarDateTime(date: d, hour: 0, minute: 0)
            case .datetime(let dt): t = dt
            case .object(let entries): entries.forEach { consider($0.value) }; return
            default: return
            }
            if let t, t.date <= now, latest.map({ $0 < t }) ?? true { latest = t }
        }
        item.values.values.forEach(consider)
        return latest ?? CalendarDateTime(date: now, hour: 0, minute: 0)!
    }

    static func timestamp(_ t: CalendarDateTime) -> String { t.iso + ":00" + RegionTime.offset }

    func xml(now: CalendarDate) -> String {
        let base = settings.baseURL
        let page = base + self.page
        let feedUpdated = entries.first?.updated ?? CalendarDateTime(date: now, hour: 0, minute: 0)!
        func esc(_ s: String) -> String { HTMLRenderer.escape(s) }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n"
        xml += "  <id>\(esc(page))</id>\n"
        xml += "  <title>\(esc(title)) — \(esc(settings.title))</title>\n"
        if let subtitle { xml += "  <subtitle>\(esc(subtitle))</subtitle>\n" }
        xml += "  <updated>\(Self.timestamp(feedUpdated))</updated>\n"
        xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(page))feed.xml\"/>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(esc(page))\"/>\n"
        xml += "  <author><name>\(esc(settings.moderator ?? settings.title))</name></author>\n"
        xml += "  <generator>nko</generator>\n"
        for entry in entries {
            let (item, updated, collection) = (entry.item, entry.updated, entry.collection)
            let link = base + collection.id + "/" + item.slug + "/"
            xml += "  <entry>\n    <id>\(esc(link))</id>\n    <title>\(esc(item.title))</title>\n"
            xml += "    <updated>\(Self.timestamp(updated))</updated>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(esc(link))\"/>\n"
            for field in collection.schema.fields where field.type == .enum {
                if let value = item.values[field.name], case let .choice(choice) = value {
                    xml += "    <category term=\"\(esc(choice.value))\" label=\"\(esc(choice.label))\"/>\n"
                }
            }
            var summary = item.description ?? ""
            if item.isExample { summary = "Пример: сведения вымышлены. " + summary }
            if !summary.isEmpty { xml += "    <summary>\(esc(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}

/// A registry's Atom feed, where its schema asks for one (`feed: true`), and the portal's feed of
/// all of them (000, 2.5: subscription to the portal's updates).
struct AtomFeedOutput: Output {
    /// The newest entries of the portal's feed.
    static let portalFeedSize = 50

    func plan(_ model: SiteModel) -> [OutputUnit] {
        let registries = model.portal.collections.enumerated().filter { $0.element.schema.registry?.feed == true }
        return registries.map { c, collection in OutputUnit(subject: .collection(c), key: collection.id + "/feed.xml") }
            + [OutputUnit(subject: .site, key: OutputFiles.portalFeed)]
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        let feed: AtomFeed
        if case let .collection(c) = unit.subject {
            let collection = reader.collection(at: c)
            feed = AtomFeed(page: collection.id + "/", title: collection.title, subtitle: collection.description,
                            entries: AtomFeed.entries(of: [collection], now: reader.now), settings: reader.settings)
        } else {
            feed = AtomFeed(page: "", title: "Все обновления", subtitle: "Новые и изменённые материалы всех разделов портала, у которых есть лента.",
                            entries: AtomFeed.entries(of: AtomFeed.feeds(reader), now: reader.now, limit: Self.portalFeedSize),
                            settings: reader.settings)
        }
        return [unit.key: Data(feed.xml(now: reader.now).utf8)]
    }
}
