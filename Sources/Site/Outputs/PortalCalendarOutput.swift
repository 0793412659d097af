import Content
import Foundation

/// Every registry's dated entries in one calendar (`calendar.ics`).
struct PortalCalendarOutput: Output {
    func plan(_ model: SiteModel) -> [OutputUnit] { [OutputUnit(subject: .site, key: OutputFiles.calendar)] }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        // Ordered by date and uid alone, and the host worked out once: sorting each collection and
        // parsing the address for each of 10 000 items cost more than the rest of a rebuild.
        let host = ICalendar.host(reader)
        let events = reader.collections.filter { Schedules.isScheduled($0.schema) }.flatMap { collection in
            collection.items.flatMap { ICalendar.events(of: $0, schema: collection.schema, host: host, reader) }
        }.sorted { ($0.entry.date, $0.uid) < ($1.entry.date, $1.uid) }
        return [unit.key: Data(ICalendar(name: reader.settings.title, events: events, stamp: reader.now).text().utf8)]
    }
}
