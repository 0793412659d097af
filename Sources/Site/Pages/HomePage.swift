import Content
import Foundation
import RussianText
import TemplateEngine

/// The home page: the portal's introduction, the nearest dates, the latest news (`news:` of
/// portal.yaml) and the sections of the menu.
struct HomePage: PageKind {
    func pages(_ model: SiteModel) -> [OutputUnit] {
        [OutputUnit(subject: .site, key: "index.html", path: "", layout: "home", isListedPage: true)]
    }

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> Context {
        let home = reader.home
        let settings = reader.settings
        let page = PageHead(url: reader.url(unit.path), title: home?.title ?? settings.title,
                            description: home?.description ?? settings.description)
        let body = home.map { ItemParts.markdown($0.body, file: $0.file, line: $0.bodyLine, reader) }
        let sections = settings.navigation.compactMap(reader.collection).map { Link($0, reader) }
        let news = settings.news.flatMap(reader.collection).map { [$0] } ?? []
        let latest = AtomFeed.entries(of: news, now: reader.now, limit: 5).map { entry in
            Upcoming(title: entry.item.title, url: reader.url(entry.collection.id + "/" + entry.item.slug + "/"),
                     iso: entry.updated.date.iso, date: RussianFormat.longDate(entry.updated.date), what: nil)
        }
        return Context(page: page, body: body, upcoming: upcoming(limit: 6, reader), latest: latest, sections: sections)
    }

    final class Context: PageContent {
        let page: PageHead
        let body: String?
        let upcoming: [Upcoming]
        let latest: [Upcoming]
        let sections: [Link]

        init(page: PageHead, body: String?, upcoming: [Upcoming], latest: [Upcoming], sections: [Link]) {
            self.page = page
            self.body = body
            self.upcoming = upcoming
            self.latest = latest
            self.sections = sections
        }

        var trail: [Link] { [] }

        func child(named name: String) -> Any? {
            switch name {
            case "page": Page(context: self)  // a reference: nothing is copied
            case "upcoming": upcoming
            case "latest": latest
            case "sections": sections
            default: nil
            }
        }

        struct Page: TemplateObject {
            let context: Context
            func child(named name: String) -> Any? {
                switch name {
                case "is_home": true
                case "body": context.body
                default: context.page.child(named: name)
                }
            }
        }
    }

    /// A dated entry of the page: a date ahead (a contest's deadline or stage, an event), or a news item.
    final class Upcoming: TemplateObject {
        let title: String
        let url: String
        let iso: String
        let date: String
        /// The stage, for an item with several dates.
        let what: String?

        init(title: String, url: String, iso: String, date: String, what: String?) {
            self.title = title
            self.url = url
            self.iso = iso
            self.date = date
            self.what = what
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "url": url
            case "iso": iso
            case "date": date
            case "what": what
            default: nil
            }
        }
    }

    /// The nearest dates from today on. Any dated item could come into the list: the page reads them all.
    private func upcoming(limit: Int, _ reader: ModelReader) -> [Upcoming] {
        let dated = reader.collections.filter { Schedules.isScheduled($0.schema) }.flatMap { collection in
            collection.items.flatMap { item in
                let entries = reader.schedule(of: item)
                return entries.filter { $0.date >= reader.now }.map { (item: item, entry: $0, several: entries.count > 1) }
            }
        }
        let nearest = dated.sorted {
            $0.entry.moment == $1.entry.moment ? $0.item.title < $1.item.title : $0.entry.moment < $1.entry.moment
        }.prefix(limit)
        return nearest.map { item, entry, several in
            Upcoming(title: item.title, url: reader.url(item.collectionID + "/" + item.slug + "/"), iso: entry.iso,
                     date: entry.text, what: several ? entry.title : nil)
        }
    }
}
