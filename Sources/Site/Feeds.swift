import Content
import Foundation
import Markup
import RussianText

/// Files of the whole site beside its pages.
enum OutputFiles {
    /// Every dated entry of every registry: contest deadlines, stages, events.
    static let calendar = "calendar.ics"
    static let sitemap = "sitemap.xml"
    static let robots = "robots.txt"
}

/// Times on the portal are the region's local time. Tatarstan keeps Moscow time, UTC+3 all year
/// (no daylight saving since 2014), which is what feeds and calendars state.
enum RegionTime {
    static let zone = "Europe/Moscow"
    static let offset = "+03:00"
}

/// An Atom feed (RFC 4287) of a registry, newest first.
struct AtomFeed {
    let collection: Collection
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

/// An iCalendar file (RFC 5545) of schedule entries.
struct ICalendar {
    struct Event {
        let uid: String
        let summary: String
        let entry: ScheduleEntry
        let url: String
        let description: String?
        let location: String?
    }

    let name: String
    let events: [Event]
    /// DTSTAMP: the build date, so that the file is the same for the same inputs.
    let stamp: CalendarDate

    static func events(of item: Item, entries: [ScheduleEntry], url: String, host: String) -> [Event] {
        var used: Set<String> = []
        return entries.map { entry in
            var key = Transliteration.slug(entry.title)
            while !used.insert(key).inserted { key += "-1" }
            // One entry (an event) is the item itself; several (a contest's stages) are named by their stage.
            let summary = entries.count == 1 ? item.title : "\(entry.title): \(item.title)"
            var description = [entry.note, item.isExample ? "Пример: сведения вымышлены." : nil].compactMap { $0 }
            description.append(url)
            return Event(uid: "\(item.collectionID.replacingOccurrences(of: "/", with: "-"))-\(item.slug)-\(key)@\(host)",
                         summary: summary, entry: entry, url: url, description: description.joined(separator: "\n"),
                         location: item.values["place"]?.plainText)
        }
    }

    func text() -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//nko//Портал НКО//RU", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(name), "X-WR-TIMEZONE:" + RegionTime.zone,
                     "BEGIN:VTIMEZONE", "TZID:" + RegionTime.zone, "BEGIN:STANDARD", "DTSTART:19700101T000000",
                     "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "TZNAME:MSK", "END:STANDARD", "END:VTIMEZONE"]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + event.uid, "DTSTAMP:" + Self.basic(stamp) + "T000000Z"]
            let entry = event.entry
            if let time = entry.time {
                lines.append("DTSTART;TZID=\(RegionTime.zone):" + Self.basic(time))
                if let end = entry.end, time < end { lines.append("DTEND;TZID=\(RegionTime.zone):" + Self.basic(end)) }
            } else {
                lines.append("DTSTART;VALUE=DATE:" + Self.basic(entry.date))
                // Without DTEND an all-day event lasts its day (RFC 5545 §3.6.1): the last day of year 9999 has no next.
                if let next = entry.date.adding(days: 1) { lines.append("DTEND;VALUE=DATE:" + Self.basic(next)) }
            }
            lines.append("SUMMARY:" + Self.escape(event.summary))
            if let description = event.description { lines.append("DESCRIPTION:" + Self.escape(description)) }
            if let location = event.location { lines.append("LOCATION:" + Self.escape(location)) }
            lines += ["URL:" + event.url, "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func basic(_ d: CalendarDate) -> String { d.iso.replacingOccurrences(of: "-", with: "") }
    static func basic(_ t: CalendarDateTime) -> String { basic(t.date) + "T" + t.time.replacingOccurrences(of: ":", with: "") + "00" }

    /// TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma escaped; every line break
    /// (CRLF, CR, LF, and the Unicode ones) as one `\n`; other control characters dropped. Looked
    /// at by Unicode scalar: "\r\n" is one Swift Character, which a Character switch lets through
    /// whole — a title could then add lines and whole events to the calendar.
    static func escape(_ text: String) -> String {
        var out = ""
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n" where afterCR: continue
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": out += "\\n"
            case "\t": out.unicodeScalars.append(scalar)
            case _ where ForbiddenCharacters.isForbidden(scalar): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1), never
    /// inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var result = "", count = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.unicodeScalars.append(scalar)
            count += size
        }
        return result
    }
}

extension PageRenderer {
    /// What a registry's listing publishes beside it: open data and, where asked, a feed.
    func registryFiles(_ collection: Collection, path: String, inputs: inout Set<String>) -> [String: Data] {
        let data = OpenData(collection: collection, baseURL: portal.settings.baseURL)
        var files = [path + "data.csv": Data(data.csv().utf8), path + "data.json": Data(data.json().utf8),
                     path + "datapackage.json": Data(data.datapackage().utf8)]
        if collection.schema.registry?.feed == true {
            files[path + "feed.xml"] = Data(AtomFeed(collection: collection, settings: portal.settings, now: now).xml().utf8)
        }
        dependOnItems(of: collection, &inputs)
        return files
    }

    /// The calendar events of one item, for its page's «добавить в календарь» file and the portal's calendar.
    func calendarEvents(_ item: Item, host: String? = nil) -> [ICalendar.Event] {
        let entries = schedules.entries(of: item)
        guard !entries.isEmpty else { return [] }
        return ICalendar.events(of: item, entries: entries, url: portal.settings.baseURL + item.collectionID + "/" + item.slug + "/",
                                host: host ?? calendarHost)
    }

    /// The host that makes event identifiers unique («…@nko.example.ru»).
    var calendarHost: String { URL(string: portal.settings.baseURL)?.host ?? "nko" }

    /// Every registry's dated entries in one calendar.
    func portalCalendar() -> String {
        // Ordered by date and uid alone, and the host worked out once: sorting each collection and
        // parsing the address for each of 10 000 items cost more than the rest of a rebuild.
        let host = calendarHost
        let events = portal.collections.flatMap { c in c.items.flatMap { calendarEvents($0, host: host) } }
            .sorted { ($0.entry.date, $0.uid) < ($1.entry.date, $1.uid) }
        return ICalendar(name: portal.settings.title, events: events, stamp: now).text()
    }
}
