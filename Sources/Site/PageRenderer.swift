import Content
import Diagnostics
import Forms
import Foundation
import Markup
import Mustache
import ODF
import RussianText

/// A page to make: where it goes and what it is made from.
struct PagePlan: Sendable {
    enum Source: Sendable {
        case home
        case section(collection: Int)
        /// A registry's listing in another order than the default.
        case sorted(collection: Int, order: SortOrder)
        case item(collection: Int, item: Int)
        case search
        case notFound
    }

    let source: Source
    /// Path below the base URL: "" for home, "press/news/" for a section, "404.html".
    let path: String
    /// File in the output folder.
    let outputFile: String
    let layout: String

    /// Pages of their own for people and search engines (not 404, search, or a listing in another order).
    var isListed: Bool {
        switch source {
        case .sorted, .search, .notFound: return false
        default: return true
        }
    }
}

/// A rendered page, with every input it read: the basis for incremental builds.
struct RenderedPage: Sendable {
    let plan: PagePlan
    let html: String
    /// Files published beside the page, such as its ODT download, by path in the output folder.
    let downloads: [String: Data]
    let inputs: [String]
    let diagnostics: [Diagnostic]
}

/// Rendered shared partials, filled by whichever page needs one first (pages render in parallel).
final class SharedPartials: @unchecked Sendable {
    private var html: [String: String] = [:]
    private let lock = NSLock()

    func get(_ key: String) -> String? { lock.withLock { html[key] } }
    func set(_ key: String, _ value: String) { lock.withLock { html[key] = value } }
}

/// Turns the content model into pages. Pure: it reads only the model and the templates.
struct PageRenderer: Sendable {
    /// Changed only by `readBodiesAgain`, which leaves every index valid.
    private(set) var portal: Portal
    let templates: Templates
    let now: CalendarDate
    let forms: FormLibrary
    let schedules: Schedules
    /// By item key (`collection/slug`): where the items whose references point at it are.
    let backlinks: [String: [(collection: Int, item: Int)]]
    /// Where every item is (collection, item), by its key, for references.
    let itemsByKey: [String: (collection: Int, item: Int)]
    /// By collection: what its items' backlinks depend on (the files and lists of the items that
    /// may refer to them, and the list of such collections).
    let referrers: [String: Set<String>]
    /// The menu of portal.yaml, worked out once: each page only marks where it is.
    let menu: [MenuEntry]
    /// Rendered header and footer by menu state, shared by the pages of one build.
    private let partials = SharedPartials()

    struct MenuEntry: Sendable {
        let title: String
        let path: String
        let children: [MenuEntry]
    }

    /// Inputs that are not files, with their content: the build record hashes them like files.
    let virtualInputs: [String: String]

    /// The menu as an input of pages: a virtual file whose content is the menu's text.
    static let menuInput = "@menu"
    /// The list of sections, for pages that list subsections: a new folder changes it.
    static let sectionsInput = "@sections"

    /// The list of a collection's items, for pages that show them all or any of them: an item
    /// added, removed or renamed changes it (the files of the items alone would not show an addition).
    static func itemsInput(_ collection: String) -> String { "@items:" + collection }

    /// The collections whose items may refer to a collection's: a new one, or a new reference
    /// field, can give its items' pages backlinks.
    static func referrersInput(_ collection: String) -> String { "@referrers:" + collection }

    /// Every item of a collection as inputs of a page: their files and their list.
    func dependOnItems(of collection: Collection, _ inputs: inout Set<String>) {
        inputs.formUnion(collection.items.map(\.sourceFile))
        inputs.insert(Self.itemsInput(collection.id))
    }

    /// What the menu shows, for the build record: the pages' header changes exactly when this does.
    private static func text(of menu: [MenuEntry]) -> String {
        func text(_ e: MenuEntry, _ indent: String) -> String {
            indent + e.path + " " + e.title + "\n" + e.children.map { text($0, indent + "  ") }.joined()
        }
        return menu.map { text($0, "") }.joined()
    }

    init(portal: Portal, templates: Templates, now: CalendarDate, forms: FormLibrary, schedules: Schedules) {
        self.portal = portal
        self.templates = templates
        self.now = now
        self.forms = forms
        self.schedules = schedules
        // Items are looked at in place, by position: copying 10 000 of them took a tenth of a rebuild.
        var backlinks: [String: [(collection: Int, item: Int)]] = [:]
        for (c, collection) in portal.collections.enumerated() where collection.schema.fields.contains(where: \.refersToItems) {
            for i in collection.items.indices {
                var targets: Set<String> = []
                for case let .reference(ref) in collection.items[i].values.values.flatMap(\.references) {
                    targets.insert(ref.collection + "/" + ref.slug)
                }
                for target in targets { backlinks[target, default: []].append((c, i)) }
            }
        }
        self.backlinks = backlinks
        var referrers: [String: Set<String>] = [:]
        var referring: [String: [String]] = [:]
        for collection in portal.collections {
            for target in Set(collection.schema.fields.flatMap(\.referencedCollections)) {
                referrers[target, default: [Self.referrersInput(target)]]
                    .formUnion(collection.items.map(\.sourceFile) + [Self.itemsInput(collection.id)])
                referring[target, default: []].append(collection.id)
            }
        }
        self.referrers = referrers
        var itemsByKey: [String: (collection: Int, item: Int)] = [:]
        for (c, collection) in portal.collections.enumerated() {
            for i in collection.items.indices {
                let key = collection.id + "/" + collection.items[i].slug
                if itemsByKey[key] == nil { itemsByKey[key] = (c, i) }
            }
        }
        self.itemsByKey = itemsByKey
        func entry(_ c: Collection, children: [MenuEntry]) -> MenuEntry {
            MenuEntry(title: c.title, path: c.id + "/", children: children)
        }
        let menu = portal.settings.navigation.compactMap(portal.collection).map { c in
            entry(c, children: portal.children(of: c.id).map { entry($0, children: []) })
        }
        self.menu = menu
        var virtual = [Self.menuInput: Self.text(of: menu), Self.sectionsInput: portal.collections.map(\.id).joined(separator: "\n")]
        for collection in portal.collections {
            virtual[Self.itemsInput(collection.id)] = collection.items.map { $0.slug + " " + $0.sourceFile }.joined(separator: "\n")
            virtual[Self.referrersInput(collection.id)] = referring[collection.id]?.joined(separator: "\n")
        }
        virtualInputs = virtual
    }

    /// The same renderer, with the bodies of these files read from them again (see `Portal.readBodiesAgain`).
    func readingBodiesAgain(of files: Set<String>) -> PageRenderer {
        var renderer = self
        renderer.portal.readBodiesAgain(of: files)
        return renderer
    }

    /// The item a reference points at.
    func target(_ ref: Reference) -> Item? {
        itemsByKey[ref.collection + "/" + ref.slug].map { portal.collections[$0.collection].items[$0.item] }
    }

    static let homeTitle = "Главная"

    // MARK: Plans

    func plans() -> [PagePlan] {
        var plans = [PagePlan(source: .home, path: "", outputFile: "index.html", layout: "home")]
        for (c, collection) in portal.collections.enumerated() {
            let path = collection.id + "/"
            plans.append(PagePlan(source: .section(collection: c), path: path, outputFile: path + "index.html",
                                  layout: collection.schema.listLayout))
            plans += sortPlans(collection: c)
            for (i, item) in collection.items.enumerated() where collection.schema.itemPages {
                let itemPath = path + item.slug + "/"
                plans.append(PagePlan(source: .item(collection: c, item: i), path: itemPath,
                                      outputFile: itemPath + "index.html", layout: collection.schema.layout))
            }
        }
        plans.append(PagePlan(source: .search, path: "search/", outputFile: "search/index.html", layout: "search"))
        plans.append(PagePlan(source: .notFound, path: "404.html", outputFile: "404.html", layout: "404"))
        return plans
    }

    // MARK: Rendering

    func render(_ plan: PagePlan) -> RenderedPage {
        var inputs: Set<String> = [PortalSettings.fileName]
        var diagnostics: [Diagnostic] = []
        var page: [String: Any] = ["url": url(plan.path)]
        var context: [String: Any] = [:]
        var trail: [[String: Any]] = []
        var downloads: [String: Data] = [:]

        switch plan.source {
        case .home:
            page["title"] = portal.home?.title ?? portal.settings.title
            page["description"] = portal.home?.description ?? portal.settings.description
            page["is_home"] = true
            if let home = portal.home {
                inputs.insert(home.file)
                page["body"] = markdown(home.body, file: home.file, line: home.bodyLine, &diagnostics)
            }
            context["upcoming"] = upcoming(limit: 6, inputs: &inputs)
            context["sections"] = portal.settings.navigation.compactMap(portal.collection).map { c in
                inputs.formUnion(collectionFiles(c))
                return summary(of: c)
            }

        case .section(let index), .sorted(let index, _):
            let collection = portal.collections[index]
            inputs.formUnion(collectionFiles(collection))
            page["title"] = collection.title
            page["description"] = collection.description
            page["is_section"] = true
            if let intro = collection.intro {
                page["body"] = markdown(intro.body, file: intro.file, line: intro.bodyLine, &diagnostics)
            }
            context["collection"] = summary(of: collection)
            if collection.schema.registry != nil {
                var order = Self.defaultOrder(collection.schema)
                if case let .sorted(_, other) = plan.source {
                    order = other
                } else {
                    downloads = registryFiles(collection, path: plan.path, inputs: &inputs)
                }
                context["registry"] = registryContext(collection, order: order, inputs: &inputs)
            } else {
                dependOnItems(of: collection, &inputs)
                context["items"] = collection.sortedItems.map { listing(of: $0, in: collection, &diagnostics) }
            }
            inputs.insert(Self.sectionsInput)
            context["subsections"] = portal.children(of: collection.id).map { child in
                inputs.formUnion(collectionFiles(child))
                return summary(of: child)
            }
            trail = ancestors(of: collection, including: false)

        case .item(let c, let i):
            let collection = portal.collections[c]
            let item = collection.items[i]
            inputs.insert(item.sourceFile)
            inputs.formUnion(collectionFiles(collection))
            page["title"] = item.title
            page["description"] = item.description
            page["is_item"] = true
            let body = item.markdownBody(root: portal.root, &diagnostics)
            if let body, collection.schema.legal {
                let outline = legalOutline(item, body: body, in: collection, &diagnostics)
                // References known to be wrong in the source are listed in the source defects.
                if let id = portal.settings.sourceDefects, let defects = portal.collection(id) {
                    dependOnItems(of: defects, &inputs)
                }
                page["body"] = HTMLRenderer.render(outline.document)
                let odt = item.slug + ".odt"
                if let data = odtPackage(outline.document, item: item, path: plan.path, &diagnostics) {
                    downloads[plan.path + odt] = data
                    page["odt"] = url(plan.path + odt)
                }
                page["contents"] = outline.contents.filter { $0.level <= 4 }.map { entry -> [String: Any] in
                    ["title": entry.title, "url": "#" + entry.anchor, "level": String(entry.level)]
                }
                page["glossary"] = outline.glossary.map { entry -> [String: Any] in
                    var g: [String: Any] = ["term": entry.term]
                    g["url"] = entry.anchor.map { "#" + $0 }
                    return g
                }
            } else if let body {
                page["body"] = markdown(body, file: item.sourceFile, line: item.bodyLine, &diagnostics)
            }
            if let form = form(of: item, in: collection) {
                page["form"] = formDownloads(form, path: plan.path, downloads: &downloads, inputs: &inputs)
            }
            page["example"] = item.isExample ? true : nil
            page["backlinks"] = backlinkGroups(item, inputs: &inputs)
            let entries = schedules.entries(of: item)
            if !entries.isEmpty {
                page["has_schedule"] = true
                // One date (an event's) is already among the fields; several make a timeline.
                page["schedule"] = entries.count == 1 ? [] : entries.map { entry -> [String: Any] in
                    var row: [String: Any] = ["title": entry.title, "iso": entry.iso, "text": entry.text]
                    row["note"] = entry.note
                    row["past"] = entry.date < now ? true : nil
                    return row
                }
                let name = item.slug + ".ics"
                downloads[plan.path + name] = Data(ICalendar(name: item.title, events: calendarEvents(item), stamp: now).text().utf8)
                page["ics"] = url(plan.path + name)
            }
            let (fields, data) = display(item, in: collection, inputs: &inputs, &diagnostics)
            page["fields"] = fields
            page["data"] = data
            page["date"] = data["date"]
            context["collection"] = summary(of: collection)
            trail = ancestors(of: collection, including: true)

        case .search:
            page["title"] = "Поиск по порталу"
            page["no_index"] = true

        case .notFound:
            page["title"] = "Страница не найдена"
            page["is_not_found"] = true
            page["no_index"] = true
        }
        if case .sorted = plan.source { page["no_index"] = true }

        context["page"] = page
        context["site"] = siteContext()
        // The header and footer are the same on many pages: each is rendered once per menu state.
        // The header shows only the menu's titles and addresses: it depends on them, not on whole files.
        inputs.insert(Self.menuInput)
        for partial in Self.sharedPartials { inputs.formUnion(templates.files[partial] ?? []) }
        context["header"] = sharedPartial("header", state: menuState(current: plan.path)) {
            ["site": siteContext(), "nav": navigation(current: plan.path)]
        }
        context["footer"] = sharedPartial("footer", state: "") { ["site": siteContext()] }
        context["breadcrumbs"] = plan.path.isEmpty ? [] : [["title": Self.homeTitle, "url": url("")]] + trail

        inputs.formUnion(templates.files[plan.layout] ?? [])
        let html = templates.library.render(context, withTemplate: plan.layout) ?? ""
        return RenderedPage(plan: plan, html: html, downloads: downloads, inputs: inputs.sorted(), diagnostics: diagnostics)
    }

    // MARK: Parts of the context

    /// The nearest dates from today on: contest deadlines and stages, events.
    private func upcoming(limit: Int, inputs: inout Set<String>) -> [[String: Any]] {
        // Any dated item could come into the list: the home page depends on all of them.
        for collection in portal.collections where Schedules.isScheduled(collection.schema) {
            dependOnItems(of: collection, &inputs)
            inputs.insert(WorkingCalendarFile.path)
        }
        let dated = portal.collections.flatMap { collection in
            collection.items.flatMap { item in
                schedules.entries(of: item).filter { $0.date >= now }.map { (item: item, entry: $0) }
            }
        }
        let nearest = dated.sorted {
            $0.entry.moment == $1.entry.moment ? $0.item.title < $1.item.title : $0.entry.moment < $1.entry.moment
        }.prefix(limit)
        return nearest.map { item, entry in
            var row: [String: Any] = ["title": item.title, "url": url(item.collectionID + "/" + item.slug + "/"),
                                      "iso": entry.iso, "date": entry.text]
            row["what"] = schedules.entries(of: item).count > 1 ? entry.title : nil
            return row
        }
    }

    /// The items referring to this one, by collection: an organisation's projects, what a municipality has.
    private func backlinkGroups(_ item: Item, inputs: inout Set<String>) -> [[String: Any]] {
        // Any item of a collection that can refer here could start to: the page depends on them all.
        inputs.formUnion(referrers[item.collectionID] ?? [Self.referrersInput(item.collectionID)])
        let referring = backlinks[Schedules.key(item)] ?? []
        return portal.collections.indices.compactMap { c -> [String: Any]? in
            // The referring items of one collection, in its order.
            var collection = portal.collections[c]
            collection.items = referring.filter { $0.collection == c }.map { portal.collections[c].items[$0.item] }
            guard !collection.items.isEmpty else { return nil }
            inputs.formUnion(collectionFiles(collection))  // its title heads the group
            return ["title": collection.title, "url": url(collection.id + "/"), "items": collection.sortedItems.map { other -> [String: Any] in
                inputs.insert(other.sourceFile)
                var entry: [String: Any] = ["title": other.title]
                if collection.schema.itemPages { entry["url"] = url(collection.id + "/" + other.slug + "/") }
                return entry
            }]
        }
    }

    func url(_ path: String) -> String { portal.settings.basePath + path }

    /// A `tel:` URI has no spaces or brackets: «+7 (843) 524-90-00» → +78435249000.
    func phoneURI(_ phone: String) -> String {
        phone.filter { $0 == "+" || ($0.isASCII && $0.isNumber) }
    }

    func siteContext() -> [String: Any] {
        let s = portal.settings
        var site: [String: Any] = [
            "title": s.title, "description": s.description, "base": s.basePath, "url": s.baseURL,
            "region": s.region, "year": String(now.year), "today": TemplateDate(date: now),
        ]
        var contacts: [String: Any] = s.contacts
        contacts["phone_uri"] = s.contacts["phone"].map(phoneURI)
        site["contacts"] = contacts
        site["short_title"] = s.shortTitle ?? s.title
        site["moderator"] = s.moderator
        return site
    }

    /// The menu of portal.yaml; entries on the way to the current page are marked.
    func navigation(current path: String) -> [[String: Any]] {
        menu.map { top in
            var entry = navEntry(top, current: path)
            entry["children"] = top.children.map { navEntry($0, current: path) }
            return entry
        }
    }

    /// Partials rendered apart from the page and inserted as HTML (`{{{header}}}`, `{{{footer}}}`).
    static let sharedPartials = ["header", "footer"]

    /// Which menu entries the page is at or inside: pages with the same state share a header.
    private func menuState(current path: String) -> String {
        func mark(_ entry: MenuEntry) -> Character { path == entry.path ? "p" : (path.hasPrefix(entry.path) ? "i" : "-") }
        return String(menu.flatMap { [mark($0)] + $0.children.map(mark) })
    }

    private func sharedPartial(_ name: String, state: String, context: () -> [String: Any]) -> String {
        let key = name + "|" + state
        if let html = partials.get(key) { return html }
        var html = templates.library.render(context(), withTemplate: name) ?? ""
        if html.hasSuffix("\n") { html.removeLast() }  // the line of {{{header}}} ends it, as {{>header}} did
        partials.set(key, html)
        return html
    }

    private func navEntry(_ menu: MenuEntry, current: String) -> [String: Any] {
        let path = menu.path
        var entry: [String: Any] = ["title": menu.title, "url": url(path)]
        if current == path {
            entry["current"] = true
            entry["aria_current"] = "page"
        } else if current.hasPrefix(path) {
            entry["current"] = true
            entry["aria_current"] = "true"
        }
        return entry
    }

    /// The files a collection's title and description come from.
    private func collectionFiles(_ collection: Collection) -> [String] {
        [collection.schema.file] + (collection.intro.map { [$0.file] } ?? [])
            + (Schedules.isScheduled(collection.schema) ? [WorkingCalendarFile.path] : [])
    }

    private func summary(of collection: Collection) -> [String: Any] {
        var entry: [String: Any] = ["title": collection.title, "url": url(collection.id + "/")]
        entry["description"] = collection.description
        return entry
    }

    /// Breadcrumbs down to a collection (the collection itself for its items' pages).
    private func ancestors(of collection: Collection, including: Bool) -> [[String: Any]] {
        var chain: [[String: Any]] = []
        var id: String? = including ? collection.id : collection.parentID
        while let current = id, let c = portal.collection(current) {
            chain.insert(["title": c.title, "url": url(c.id + "/")], at: 0)
            id = c.parentID
        }
        return chain
    }

    private func listing(of item: Item, in collection: Collection, _ diagnostics: inout [Diagnostic]) -> [String: Any] {
        var entry: [String: Any] = ["title": item.title]
        if collection.schema.itemPages { entry["url"] = url(collection.id + "/" + item.slug + "/") }
        entry["description"] = item.description
        var ignored: Set<String> = []
        var quiet: [Diagnostic] = []  // reported once, on the item's own page
        let data = display(item, in: collection, fields: false, inputs: &ignored, &quiet).data
        entry["data"] = data
        entry["date"] = data["date"]
        return entry
    }

    // MARK: Field values

    /// The item's fields for display (`fields`, in schema order) and typed (`data`, by name).
    private func display(_ item: Item, in collection: Collection, fields withFields: Bool = true, inputs: inout Set<String>,
                         _ diagnostics: inout [Diagnostic]) -> (fields: [[String: Any]], data: [String: Any]) {
        var fields: [[String: Any]] = []
        var data: [String: Any] = [:]
        for field in collection.schema.fields where item.values[field.name] != nil {
            let value = item.values[field.name]!
            if field.show && withFields {
                let shown = show(value, field: field, file: item.sourceFile, inputs: &inputs, &diagnostics)
                var entry: [String: Any] = ["name": field.name, "label": field.label]
                entry[shown.isHTML ? "html" : "text"] = shown.markup
                fields.append(entry)
            }
            data[field.name] = typed(value, field: field, file: item.sourceFile, inputs: &inputs, &diagnostics)
        }
        return (fields, data)
    }

    /// A value for display: plain text (escaped by the template) or markup made here.
    private func show(_ value: Value, field: Field, file: String, inputs: inout Set<String>,
                      _ diagnostics: inout [Diagnostic]) -> (markup: String, isHTML: Bool) {
        switch value {
        case .string(let s):
            switch field.type {
            case .url: return ("<a href=\"\(HTMLRenderer.escape(s))\">\(HTMLRenderer.escape(s))</a>", true)
            case .email: return ("<a href=\"mailto:\(HTMLRenderer.escape(s))\">\(HTMLRenderer.escape(s))</a>", true)
            case .phone:
                    return ("<a href=\"tel:\(phoneURI(s))\">\(HTMLRenderer.escape(s))</a>", true)
            case .text where s.contains("\n"):
                return (s.split(separator: "\n", omittingEmptySubsequences: false).map { HTMLRenderer.escape(String($0)) }
                    .joined(separator: "<br>"), true)
            default: return (s, false)
            }
        case .markdown(let text, let line):
            return (markdown(text, file: file, line: line, &diagnostics), true)
        case .list(let values):
            let element = field.element
            let items = values.map { v -> String in
                let shown = show(v, field: element, file: file, inputs: &inputs, &diagnostics)
                return "<li>" + (shown.isHTML ? shown.markup : HTMLRenderer.escape(shown.markup)) + "</li>"
            }
            return ("<ul>" + items.joined() + "</ul>", true)
        case .object where field.type == .breakdown:
            return (breakdownHTML(value), true)
        case .object(let entries):
            let rows = entries.compactMap { entry -> String? in
                guard let sub = field.subfields.first(where: { $0.name == entry.name }) else { return nil }
                let shown = show(entry.value, field: sub, file: file, inputs: &inputs, &diagnostics)
                return "<dt>\(HTMLRenderer.escape(sub.label))</dt><dd>" + (shown.isHTML ? shown.markup : HTMLRenderer.escape(shown.markup)) + "</dd>"
            }
            return ("<dl>" + rows.joined() + "</dl>", true)
        case .reference(let ref):
            guard let target = target(ref) else {
                return (ref.slug, false)
            }
            inputs.insert(target.sourceFile)
            return ("<a href=\"\(HTMLRenderer.escape(url(ref.collection + "/" + ref.slug + "/")))\">\(HTMLRenderer.escape(target.title))</a>", true)
        default:
            return (String(describing: renderText(typed(value, field: field, file: file, inputs: &inputs, &diagnostics))), false)
        }
    }

    /// «Всего …, в том числе:» with the parts as a nested list, each with its own parts.
    private func breakdownHTML(_ value: Value) -> String {
        func amount(_ v: Value) -> String {
            if case let .money(m)? = v[entry: "amount"] { return RussianFormat.money(m) }
            return ""
        }
        func parts(_ v: Value) -> String {
            guard case let .list(list)? = v[entry: "parts"], !list.isEmpty else { return "" }
            return "<ul>" + list.map { part in
                "<li>" + HTMLRenderer.escape(part[entry: "label"]?.plainText ?? "") + " — " + amount(part)
                    + (part[entry: "parts"] == nil ? "" : ", в том числе:") + parts(part) + "</li>"
            }.joined() + "</ul>"
        }
        let total = "Всего — " + amount(value) + (value[entry: "parts"] == nil ? "" : ", в том числе:")
        return "<div class=\"breakdown\"><p>" + total + "</p>" + parts(value) + "</div>"
    }

    private func renderText(_ any: Any) -> String {
        if let custom = any as? MustacheCustomRenderable { return custom.renderText }
        if let bool = any as? Bool { return bool ? "да" : "нет" }
        return String(describing: any)
    }

    /// A value as templates use it in `page.data`.
    private func typed(_ value: Value, field: Field, file: String, inputs: inout Set<String>,
                       _ diagnostics: inout [Diagnostic]) -> Any {
        switch value {
        case .string(let s): return s
        case .markdown(let text, let line): return markdown(text, file: file, line: line, &diagnostics)
        case .integer(let n): return TemplateNumber(text: RussianFormat.integer(n), raw: String(n))
        case .decimal(let d): return TemplateNumber(text: RussianFormat.decimal(d), raw: "\(d)")
        case .percent(let d): return TemplateNumber(text: RussianFormat.percent(d), raw: "\(d)")
        case .money(let m): return TemplateNumber(text: RussianFormat.money(m), raw: m.description)
        case .date(let d): return TemplateDate(date: d)
        case .datetime(let t): return TemplateDateTime(value: t)
        case .boolean(let b): return b
        case .choice(let c): return TemplateChoice(choice: c)
        case .list(let values):
            return values.map { typed($0, field: field.element, file: file, inputs: &inputs, &diagnostics) }
        case .object(let entries):
            var object: [String: Any] = [:]
            for entry in entries {
                guard let sub = field.subfields.first(where: { $0.name == entry.name }) else { continue }
                object[entry.name] = typed(entry.value, field: sub, file: file, inputs: &inputs, &diagnostics)
            }
            return object
        case .reference(let ref):
            var object: [String: Any] = ["slug": ref.slug, "url": url(ref.collection + "/" + ref.slug + "/")]
            if let target = target(ref) {
                inputs.insert(target.sourceFile)
                object["title"] = target.title
            }
            return object
        }
    }

    // MARK: Markdown

    /// Renders Markdown; raw HTML is dropped, and the editor is told where it was.
    func markdown(_ text: String, file: String, line: Int, _ diagnostics: inout [Diagnostic]) -> String {
        HTMLRenderer.render(parse(text, file: file, line: line, &diagnostics))
    }

    /// A legal text with its structure: structured tables in place, units anchored, references linked.
    func legalOutline(_ item: Item, body: String, in collection: Collection, _ diagnostics: inout [Diagnostic]) -> LegalOutline {
        var document = parse(body, file: item.sourceFile, line: item.bodyLine, &diagnostics)
        document.blocks = document.blocks.map { insertTables($0, item: item, schema: collection.schema, &diagnostics) }
        // What «настоящего …» in the main text means: the act's kind, else the first word of its title.
        let kind = (item.values["kind"]?.plainText ?? item.title.split(separator: " ").first.map(String.init) ?? "")
        let outline = LegalStructure.analyze(document, kind: kind.lowercased())
        let source = item.values["source"]?.plainText
        let known = knownWrongReferences(in: source)
        // One message per reference, naming every part of it that is missing.
        var missing: [(line: Int, text: String, anchors: [String])] = []
        for reference in outline.unresolved where !known.contains(where: { $0.contains(reference.text) }) {
            if let last = missing.last, last.line == reference.line, last.text == reference.text {
                missing[missing.count - 1].anchors.append(reference.anchor)
            } else {
                missing.append((reference.line, reference.text, [reference.anchor]))
            }
        }
        for reference in missing {
            let anchors = reference.anchors.map { "#" + $0 }.joined(separator: ", ")
            diagnostics.append(.warning("unresolved-reference",
                                        at: SourceLocation(file: item.sourceFile, line: item.bodyLine + reference.line - 1),
                                        "ссылка «\(reference.text)» ведёт на часть документа, которой нет (\(anchors))",
                                        hint: "проверьте номер; если так в источнике, внесите ссылку в список неточностей источников"))
        }
        return outline
    }

    /// The build's `--now` as the creation date of documents, so that they are reproducible.
    private var documentDate: Date { now.startOfDayUTC }

    /// The form an item presents (a field of type `form`), if any.
    private func form(of item: Item, in collection: Collection) -> FormDefinition? {
        for field in collection.schema.fields where field.type == .form {
            if case let .string(id)? = item.values[field.name], let form = forms.form(id) { return form }
        }
        return nil
    }

    /// A form's page offers its blank (ODT to fill in, HTML to print), its sample filled in, and
    /// the list of its fields for those who prepare the data.
    private func formDownloads(_ form: FormDefinition, path: String, downloads: inout [String: Data],
                               inputs: inout Set<String>) -> [String: Any] {
        let folder = (form.file as NSString).deletingLastPathComponent
        inputs.formUnion(["form.yaml", "document.md", "sample.yaml"].map { "\(folder)/\($0)" })
        let renderer = FormRenderer(form: form)
        var links: [String: Any] = ["id": form.id]
        links["source"] = form.source
        let files: [(key: String, name: String, data: () throws -> Data)] = [
            ("blank_odt", "\(form.id)-blank.odt", { try renderer.odt(nil, date: documentDate) }),
            ("blank_html", "\(form.id)-blank.html", { Data(renderer.html(nil).utf8) }),
        ] + (form.sample.map { sample in [
            ("sample_odt", "\(form.id)-sample.odt", { try renderer.odt(sample, date: documentDate) }),
            ("sample_html", "\(form.id)-sample.html", { Data(renderer.html(sample).utf8) }),
        ] } ?? [])
        for file in files {
            guard let data = try? file.data() else { continue }
            downloads[path + file.name] = data
            links[file.key] = url(path + file.name)
        }
        links["fields"] = formFields(form.fields, prefix: "")
        return links
    }

    private func formFields(_ fields: [Field], prefix: String) -> [[String: Any]] {
        fields.flatMap { field -> [[String: Any]] in
            let path = prefix + field.name + (field.type == .list ? "[]" : "")
            var row: [String: Any] = ["path": path, "label": field.label]
            row["required"] = field.required ? "да" : nil
            if field.type != .object && field.type != .list { row["expected"] = field.type.expectation }
            if !field.choices.isEmpty { row["expected"] = "одно из: " + field.choices.map(\.label).joined(separator: "; ") }
            return [row] + formFields(field.subfields, prefix: path + ".")
        }
    }

    /// The document as an OpenDocument text, dated by the build's `--now` so that it is reproducible.
    private func odtPackage(_ document: Document, item: Item, path: String, _ diagnostics: inout [Diagnostic]) -> Data? {
        let metadata = ODFMetadata(title: item.title, subject: item.values["kind"]?.plainText,
                                   description: item.description, creationDate: documentDate)
        // A text without its own heading block (a methodological material) opens with the page title.
        var document = document
        let titled = document.blocks.contains {
            if case let .container(c) = $0 { return c.kind == "header" }
            if case let .heading(h) = $0 { return h.level <= 2 }
            return false
        }
        if !titled { document.blocks.insert(.heading(Heading(level: 1, content: [.text(item.title)])), at: 0) }
        do {
            return try ODFWriter(baseURL: URL(string: portal.settings.baseURL + path)).write(document, metadata: metadata)
        } catch {
            diagnostics.append(.error("odt-failed", at: item.location, "не удалось составить файл ODT: \(error)"))
            return nil
        }
    }

    /// Passages of a source listed as wrong references in the portal's list of source defects.
    private func knownWrongReferences(in source: String?) -> [String] {
        guard let source, let id = portal.settings.sourceDefects, let defects = portal.collection(id) else { return [] }
        return defects.items.compactMap { defect in
            guard defect.values["source"]?.plainText == source,
                  case .choice(let kind)? = defect.values["kind"], kind.value == "wrong-reference" else { return nil }
            return defect.values["text"]?.plainText.replacingOccurrences(of: "\u{00A0}", with: " ")
        }
    }

    /// Replaces `::: table NAME` by the structured table NAME of the item's front matter.
    private func insertTables(_ block: Block, item: Item, schema: Schema, _ diagnostics: inout [Diagnostic]) -> Block {
        guard case var .container(c) = block else { return block }
        if c.kind == "table" {
            let name = c.argument ?? ""
            if let table = LegalTables.table(named: name, of: item, schema: schema) { return .table(table) }
            diagnostics.append(.error("missing-table", at: SourceLocation(file: item.sourceFile, line: item.bodyLine + c.line - 1),
                                      "таблица «\(name)» не найдена в метаданных",
                                      hint: "данные таблицы задаются в поле «\(name)» в начале файла"))
            return block
        }
        c.blocks = c.blocks.map { insertTables($0, item: item, schema: schema, &diagnostics) }
        return .container(c)
    }

    /// Reads Markdown into a document tree and reports what an editor must fix or know.
    func parse(_ text: String, file: String, line: Int, _ diagnostics: inout [Diagnostic]) -> Document {
        let rendered = Markdown.parse(text)
        for problem in rendered.problems {
            let at = SourceLocation(file: file, line: line + problem.line - 1, column: problem.column)
            diagnostics.append(problem.isError ? .error("legal-markup", at: at, problem.message, hint: problem.hint)
                                               : .warning("legal-markup", at: at, problem.message, hint: problem.hint))
        }
        for raw in rendered.rawHTML {
            let at = SourceLocation(file: file, line: line + raw.line - 1, column: raw.column)
            let snippet = raw.text.count > 40 ? String(raw.text.prefix(40)) + "…" : raw.text
            if raw.isActive {
                diagnostics.append(.error("raw-html-script", at: at,
                                          "в тексте есть исполняемая HTML-разметка «\(snippet)»: на сайт она не попадёт",
                                          hint: "удалите её; сценарии, стили и встроенные объекты в материалах портала запрещены"))
            } else {
                diagnostics.append(.warning("raw-html", at: at,
                                            "HTML-разметка «\(snippet)» в тексте не выводится",
                                            hint: "используйте разметку Markdown: **жирный**, *курсив*, [ссылка](https://…)"))
            }
        }
        for heading in rendered.topHeadings {
            diagnostics.append(.warning("top-heading", at: SourceLocation(file: file, line: line + heading.line - 1,
                                                                          column: heading.column),
                                        "заголовок первого уровня в тексте: у страницы он уже есть — её название",
                                        hint: "начинайте заголовки в тексте с «## »"))
        }
        return rendered.document
    }
}
