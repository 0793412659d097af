import Content
import Foundation
import Markup
import RussianText

/// An Atom feed (RFC 4287) of a registry, newest first.
struct AtomFeed {
    let collection: CollectionReader
    let settings: PortalSettings
    let now: CalendarDate

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

    func xml() -> String {
        let base = settings.baseURL
        let page = base + collection.id + "/"
        let dated: [(item: Item, updated: CalendarDateTime)] = collection.items.map { item in
            (item, Self.updated(item, now: now))
        }
        let entries = dated.sorted { a, b in
            a.updated == b.updated ? a.item.slug < b.item.slug : b.updated < a.updated
        }
        let feedUpdated = entries.first?.updated ?? CalendarDateTime(date: now, hour: 0, minute: 0)!
        func esc(_ s: String) -> String { HTMLRenderer.escape(s) }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n"
        xml += "  <id>\(esc(page))</id>\n"
        xml += "  <title>\(esc(collection.title)) — \(esc(settings.title))</title>\n"
        if let description = collection.description { xml += "  <subtitle>\(esc(description))</subtitle>\n" }
        xml += "  <updated>\(Self.timestamp(feedUpdated))</updated>\n"
        xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(page))feed.xml\"/>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(esc(page))\"/>\n"
        xml += "  <author><name>\(esc(settings.moderator ?? settings.title))</name></author>\n"
        xml += "  <generator>nko</generator>\n"
        for (item, updated) in entries {
            let link = page + item.slug + "/"
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

/// A registry's Atom feed, where its schema asks for one (`feed: true`).
struct AtomFeedOutput: Output {
    func plan(_ model: SiteModel) -> [OutputUnit] {
        model.portal.collections.enumerated().filter { $0.element.schema.registry?.feed == true }.map { c, collection in
            OutputUnit(subject: .collection(c), key: collection.id + "/feed.xml")
        }
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        guard case let .collection(c) = unit.subject else { return [:] }
        let collection = reader.collection(at: c)
        return [unit.key: Data(AtomFeed(collection: collection, settings: reader.settings, now: reader.now).xml().utf8)]
    }
}
