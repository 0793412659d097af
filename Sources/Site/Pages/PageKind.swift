import Content
import Foundation
import Hyphenation
import RussianText
import TemplateEngine

/// A kind of page — home, section, registry, item, legal document, search, 404: which pages it
/// plans from the model, and the typed context its template gets. The frame every page shares
/// (site, header, footer, breadcrumbs) is added by `PageOutput`.
protocol PageKind: Sendable {
    associatedtype Context: PageContent
    func pages(_ model: SiteModel) -> [OutputUnit]
    /// The page's context, read through `reader`; files published beside the page (its ODT)
    /// go into `files`, by path in the site.
    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> Context
}

/// A page kind's part of the template context; `trail` leads from the home page to the page's
/// parent (the breadcrumbs).
protocol PageContent: TemplateObject {
    var trail: [Link] { get }
}

/// Makes the pages of one kind: each page's file is its template rendered with the kind's
/// context in the shared frame.
struct PageOutput<Kind: PageKind>: Output {
    let kind: Kind
    init(_ kind: Kind) { self.kind = kind }

    static var homeTitle: String { "Главная" }

    func plan(_ model: SiteModel) -> [OutputUnit] { kind.pages(model) }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        var files: [String: Data] = [:]
        let content = kind.context(unit, reader, files: &files)
        let site = SiteContext(reader)
        let menu = reader.menu
        // The header and footer are the same on many pages: each is rendered once per menu state.
        let header = reader.shared("header", state: Self.menuState(menu, current: unit.path)) {
            HeaderContext(site: site, nav: menu.map { NavEntry($0, current: unit.path, reader) })
        }
        let footer = reader.shared("footer", state: "") { HeaderContext(site: site, nav: []) }
        let breadcrumbs = unit.path.isEmpty ? [] : [Link(title: Self.homeTitle, url: reader.url(""))] + content.trail
        let page = Framed(content: content, site: site, header: header, footer: footer, breadcrumbs: breadcrumbs)
        let html = reader.render(page, with: unit.layout)
        files[unit.key] = Data(reader.hyphenator.hyphenatingTableCells(html) ?? html)
        return files
    }

    /// Which menu entries the page is at or inside: pages with the same state share a header.
    private static func menuState(_ menu: [SiteModel.MenuEntry], current path: String) -> String {
        func mark(_ entry: SiteModel.MenuEntry) -> Character { path == entry.path ? "p" : (path.hasPrefix(entry.path) ? "i" : "-") }
        return String(menu.flatMap { [mark($0)] + $0.children.map(mark) })
    }
}

/// A page kind's context in the frame every page shares.
final class Framed<Content: PageContent>: TemplateObject {
    let content: Content
    let site: SiteContext
    let header: String
    let footer: String
    let breadcrumbs: [Link]

    init(content: Content, site: SiteContext, header: String, footer: String, breadcrumbs: [Link]) {
        self.content = content
        self.site = site
        self.header = header
        self.footer = footer
        self.breadcrumbs = breadcrumbs
    }

    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "header": header
        case "footer": footer
        case "breadcrumbs": breadcrumbs
        default: content.child(named: name)
        }
    }
}

/// What every page says of itself (`page.*`); kinds add their own keys.
struct PageHead: TemplateObject {
    let url: String
    let title: String
    var description: String?
    var noIndex = false

    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "title": title
        case "description": description
        case "no_index": noIndex
        default: nil
        }
    }
}

/// A titled address: breadcrumbs, sections, backlinks.
final class Link: TemplateObject {
    let title: String
    let url: String?
    var description: String?

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "description": description
        default: nil
        }
    }

    /// A collection as a link to its page, with its description.
    convenience init(_ collection: CollectionReader, _ reader: ModelReader) {
        self.init(title: collection.title, url: reader.url(collection.id + "/"), description: collection.description)
    }

    init(title: String, url: String?, description: String? = nil) {
        (self.title, self.url, self.description) = (title, url, description)
    }

    /// Breadcrumbs down to a collection (the collection itself for its items' pages).
    static func ancestors(of collection: CollectionReader, including: Bool, _ reader: ModelReader) -> [Link] {
        var chain: [Link] = []
        var id: String? = including ? collection.id : collection.parentID
        while let current = id, let c = reader.collection(current) {
            chain.insert(Link(title: c.title, url: reader.url(c.id + "/")), at: 0)
            id = c.parentID
        }
        return chain
    }
}

/// The portal as templates see it (`site.*`).
final class SiteContext: TemplateObject {
    let settings: PortalSettings
    let now: CalendarDate
    let isInternal: Bool
    /// The portal's feed of all updates: always there (empty on a portal without registry
    /// feeds), so that no page depends on which sections have one.
    let feed: String

    init(_ reader: ModelReader) {
        (settings, now, isInternal) = (reader.settings, reader.now, reader.isInternal)
        feed = reader.url(OutputFiles.portalFeed)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": settings.title
        case "description": settings.description
        case "base": settings.basePath
        case "url": settings.baseURL
        case "region": settings.region
        case "year": String(now.year)
        case "today": TemplateDate(date: now)
        case "contacts":
            settings.contacts.merging(settings.contacts["phone"].map { ["phone_uri": Self.phoneURI($0)] } ?? [:]) { a, _ in a }
        case "short_title": settings.shortTitle ?? settings.title
        case "moderator": settings.moderator
        case "internal": isInternal ? true : nil
        case "feed": feed
        case "subscription": settings.subscription
        default: nil
        }
    }

    /// A `tel:` URI has no spaces or brackets: «+7 (843) 524-90-00» → +78435249000.
    static func phoneURI(_ phone: String) -> String {
        phone.filter { $0 == "+" || ($0.isASCII && $0.isNumber) }
    }
}

/// The context of the shared header and footer; `section` is the menu entry of the section
/// shown, when it has subsections.
final class HeaderContext: TemplateObject {
    let site: SiteContext
    let nav: [NavEntry]

    init(site: SiteContext, nav: [NavEntry]) {
        self.site = site
        self.nav = nav
    }

    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "nav": nav
        case "section": nav.first { $0.ariaCurrent != nil && $0.children?.isEmpty == false }
        default: nil
        }
    }
}

/// An entry of the menu; entries on the way to the current page are marked.
final class NavEntry: TemplateObject {
    let title: String
    let url: String
    /// "page" on the entry of the page shown, "true" on the section containing it.
    let ariaCurrent: String?
    /// nil for the entries of a submenu.
    let children: [NavEntry]?

    init(_ entry: SiteModel.MenuEntry, current: String, _ reader: ModelReader, top: Bool = true) {
        (title, url) = (entry.title, reader.url(entry.path))
        ariaCurrent = current == entry.path ? "page" : (current.hasPrefix(entry.path) ? "true" : nil)
        children = top ? entry.children.map { NavEntry($0, current: current, reader, top: false) } : nil
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "current": ariaCurrent != nil ? true : nil
        case "aria_current": ariaCurrent
        case "children": children
        default: nil
        }
    }
}
