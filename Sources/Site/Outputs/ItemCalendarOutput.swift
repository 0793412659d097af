import Content
import Foundation

/// An item's dates as a file to add to a calendar («добавить в календарь»), beside its page.
struct ItemCalendarOutput: Output {
    static func fileName(_ item: Item) -> String { item.slug + ".ics" }

    func plan(_ model: SiteModel) -> [OutputUnit] {
        model.portal.collections.enumerated().flatMap { c, collection -> [OutputUnit] in
            guard collection.schema.itemPages, Schedules.isScheduled(collection.schema) else { return [] }
            return collection.items.indices.compactMap { i in
                let item = collection.items[i]
                guard !model.schedules.entries(of: item).isEmpty else { return nil }
                return OutputUnit(subject: .item(collection: c, item: i), key: collection.id + "/" + item.slug + "/" + Self.fileName(item))
            }
        }
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        guard case let .item(c, i) = unit.subject else { return [:] }
        let item = reader.item(c, i)
        let events = ICalendar.events(of: item, schema: reader.collection(at: c).schema, host: ICalendar.host(reader), reader)
        return [unit.key: Data(ICalendar(name: item.title, events: events, stamp: reader.now).text().utf8)]
    }
}
