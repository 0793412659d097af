import Content
import Diagnostics
import Forms
import Hyphenation
import Foundation
import Markup
import RussianText

/// What one unit read while it was made, and the messages it gave: the basis of incremental
/// builds. Filled by `ModelReader`'s accessors only, never by hand, so that no dependency can be
/// forgotten. Used by one thread.
final class Reads {
    private(set) var inputs: Set<String> = []
    private(set) var diagnostics: [Diagnostic] = []

    fileprivate func note(_ input: String) { inputs.insert(input) }
    fileprivate func note<S: Sequence<String>>(_ inputs: S) { self.inputs.formUnion(inputs) }
    func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    func report(_ diagnostics: [Diagnostic]) { self.diagnostics += diagnostics }
}

/// The model as outputs see it. Every accessor records what it hands out — a file, the list of
/// a collection's items, the menu — so that a unit's inputs are exactly what it read (the idea
/// of Hugo's `identity.Manager`): an output that reads a field of an item depends on the item's
/// file without saying so.
struct ModelReader {
    private let model: SiteModel
    /// The addresses of the listed pages of this build, for the sitemap.
    private let listed: [String]
    let reads: Reads

    init(_ model: SiteModel, listed: [String], reads: Reads = Reads()) {
        (self.model, self.listed, self.reads) = (model, listed, reads)
    }

    /// The build's `--now`: a change of it makes a new build record, not an input.
    var now: CalendarDate { model.now }

    var settings: PortalSettings {
        reads.note(PortalSettings.fileName)
        return model.portal.settings
    }

    func url(_ path: String) -> String { settings.basePath + path }

    /// The forms engine's bytes, if the build has them.
    var formsEngine: Data? {
        reads.note(Input.formsEngine)
        return model.formsEngine
    }

    /// The home page's text (`content/_index.md`): an input even while it does not exist.
    var home: IndexPage? {
        reads.note(ContentLoader.homeFile)
        return model.portal.home
    }

    // MARK: Collections and items

    func collection(at index: Int) -> CollectionReader {
        CollectionReader(index: index, collection: model.portal.collections[index], reads: reads)
    }

    func collection(_ id: String) -> CollectionReader? {
        model.portal.collections.firstIndex { $0.id == id }.map(collection(at:))
    }

    /// Every collection, in the model's order (by id); their list is an input.
    var collections: [CollectionReader] {
        reads.note(Input.sections)
        return model.portal.collections.indices.map(collection(at:))
    }

    /// The subsections of a collection (nil: the top-level sections), in the menu's order.
    func children(of id: String?) -> [CollectionReader] {
        reads.note(Input.sections)
        return model.portal.children(of: id).compactMap { self.collection($0.id) }
    }

    /// An item without its body: its fields are the input (`body(of:)` adds the file).
    func item(_ collection: Int, _ item: Int) -> Item {
        let item = model.portal.collections[collection].items[item]
        reads.note(Input.fields(item.sourceFile))
        return item
    }

    /// The item a reference points at.
    func target(_ ref: Reference) -> Item? {
        model.itemsByKey[ref.collection + "/" + ref.slug].map { item($0.collection, $0.item) }
    }

    /// The Markdown body of an item, nil for an entry of a data file.
    func body(of item: Item) -> String? {
        reads.note(item.sourceFile)
        var problems: [Diagnostic] = []
        defer { reads.report(problems) }
        return item.markdownBody(root: model.portal.root, &problems)
    }

    /// The items referring to this one, by collection in the model's order, each group in its
    /// collection's order. Any item of a collection that can refer here could start to: all of
    /// them are inputs, and so is the list of such collections.
    func backlinks(of item: Item) -> [(collection: CollectionReader, items: [Item])] {
        reads.note(Input.referrers(item.collectionID))
        for c in model.referring[item.collectionID] ?? [] {
            let referring = model.portal.collections[c]
            reads.note(Input.items(referring.id))
            reads.note(referring.items.lazy.map { Input.fields($0.sourceFile) })
        }
        let referring = model.backlinks[Schedules.key(item)] ?? []
        return model.portal.collections.indices.compactMap { c in
            var subset = model.portal.collections[c]
            subset.items = referring.filter { $0.collection == c }.map { subset.items[$0.item] }
            guard !subset.items.isEmpty else { return nil }
            return (collection(at: c), subset.sortedItems)
        }
    }

    /// The dated entries of an item (deadlines resolved by the working-day calendar).
    func schedule(of item: Item) -> [ScheduleEntry] {
        reads.note(Input.fields(item.sourceFile))
        // Only the items of scheduled collections have dates the calendar moves.
        if let at = model.itemsByKey[Schedules.key(item)], Schedules.isScheduled(model.portal.collections[at.collection].schema) {
            reads.note(WorkingCalendarFile.path)
        }
        return model.schedules.entries(of: item)
    }

    /// The computed results of a contest whose procedure is kept in `content/_contests/`, read
    /// with the organisations' pages they link to.
    func contest(of item: Item) -> ContestRecord? {
        reads.note(Input.fields(item.sourceFile))
        guard let record = model.contests[Schedules.key(item)] else { return nil }
        reads.note(record.files)
        return record
    }

    /// Every contest with its procedure kept, in the order of their keys.
    var contests: [ContestRecord] {
        reads.note(Input.contests)
        return model.contests.keys.sorted().map { key in
            let record = model.contests[key]!
            reads.note(record.files)
            return record
        }
    }

    /// The form an item presents (a field of type `form`), with the files it is made from.
    func form(of item: Item, in collection: CollectionReader) -> FormDefinition? {
        reads.note(item.sourceFile)
        guard let form = model.form(of: item, schema: collection.schema) else { return nil }
        reads.note(form.files)
        return form
    }

    /// A file of the sources published as it is (an asset, an attachment).
    func contents(of path: String) -> Data? {
        reads.note(path)
        return SourceFiles.contents(model.portal.root.path + "/" + path)
    }

    // MARK: Site-wide

    /// The same patterns on every build of the portal (they come with the system, not its files).
    var hyphenator: Hyphenator { model.hyphenator }
    /// Fixed for the output folder (the build record is kept per audience).
    var isInternal: Bool { model.isInternal }

    var menu: [SiteModel.MenuEntry] {
        reads.note(Input.menu)
        return model.menu
    }

    /// The addresses of the pages of this build that are listed for people and search engines.
    var listedPages: [String] {
        reads.note(Input.pages)
        return listed
    }

    /// Renders a template, as UTF-8, with every template file it pulls in as inputs.
    func render(_ context: Any, with template: String) -> [UInt8] {
        reads.note(model.templates.files[template] ?? [])
        return model.templates.library.renderUTF8(context, withTemplate: template) ?? []
    }

    /// A header or footer as many pages share it: rendered once per `state` (what of it differs between pages).
    func shared(_ template: String, state: String, context: () -> Any) -> String {
        reads.note(model.templates.files[template] ?? [])
        let key = template + "|" + state
        if let html = model.partials.get(key) { return html }
        var html = model.templates.library.render(context(), withTemplate: template) ?? ""
        if html.hasSuffix("\n") { html.removeLast() }  // the line of {{{header}}} ends it, as {{>header}} did
        model.partials.set(key, html)
        return html
    }
}

/// A collection as outputs see it: its title and schema come with the files they are read from;
/// its items are handed out only with their files and their list as inputs.
struct CollectionReader {
    let index: Int
    private let collection: Collection
    private let reads: Reads

    fileprivate init(index: Int, collection: Collection, reads: Reads) {
        (self.index, self.collection, self.reads) = (index, collection, reads)
        // The title and description come from the schema and the intro; a scheduled collection's
        // items depend on the working-day calendar.
        reads.note(collection.schema.file)
        if let intro = collection.intro { reads.note(intro.file) }
        if Schedules.isScheduled(collection.schema) { reads.note(WorkingCalendarFile.path) }
    }

    var id: String { collection.id }
    var title: String { collection.title }
    var description: String? { collection.description }
    var schema: Schema { collection.schema }
    var intro: IndexPage? { collection.intro }
    var parentID: String? { collection.parentID }
    /// Files published as they are, by path in the sources.
    var attachments: [String] { collection.attachments }

    /// Every item: their fields and their list are inputs.
    var items: [Item] {
        reads.note(Input.items(collection.id))
        reads.note(collection.items.lazy.map { Input.fields($0.sourceFile) })
        return collection.items
    }

    /// How many items there are: only their list is an input, not each one's file.
    var count: Int {
        reads.note(Input.items(collection.id))
        return collection.items.count
    }

    /// The items in the schema's order.
    var sortedItems: [Item] {
        _ = items
        return collection.sortedItems
    }

    /// The items ordered by a field; references by their targets' titles (read through `reader`).
    func sorted(by field: String, descending: Bool, _ reader: ModelReader? = nil) -> [Item] {
        _ = items
        return collection.sorted(by: field, descending: descending) { reader?.target($0)?.title }
    }
}
