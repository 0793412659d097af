import Content
import Foundation
import RussianText

/// Files of the whole site beside its pages.
enum OutputFiles {
    /// Every dated entry of every registry: contest deadlines, stages, events.
    static let calendar = "calendar.ics"
    static let sitemap = "sitemap.xml"
    static let robots = "robots.txt"
    /// The portal's Atom feed of all updates (`AtomFeedOutput`).
    static let portalFeed = "feed.xml"
}

/// Times on the portal are the region's local time. Tatarstan keeps Moscow time, UTC+3 all year
/// (no daylight saving since 2014), which is what feeds and calendars state.
enum RegionTime {
    static let zone = "Europe/Moscow"
    static let offset = "+03:00"
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

    /// The host that makes event identifiers unique («…@nko.example.ru»).
    static func host(_ reader: ModelReader) -> String { URL(string: reader.settings.baseURL)?.host ?? "nko" }

    /// The events of an item's dates, linking to its page.
    static func events(of item: Item, schema: Schema, host: String, _ reader: ModelReader) -> [Event] {
        let entries = reader.schedule(of: item)
        let url = reader.settings.baseURL + item.collectionID + "/" + item.slug + "/"
        let place = schema.value(.place, of: item)?.plainText
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
                         location: place)
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
