import Content
import Foundation
import Forms
import Hyphenation
import RussianText

/// What a build made of the portal before writing anything: the loaded and checked content, its
/// templates and forms, and indexes over them. Immutable and shared by the threads of a build;
/// outputs read it only through a `ModelReader`, which records what they read.
final class SiteModel: Sendable {
    let portal: Portal
    let templates: Templates
    let forms: FormLibrary
    /// The model acts as forms filled from a profile (`content/_acts`).
    let acts: ActLibrary
    let schedules: Schedules
    /// Contests with their procedure kept in `content/_contests/`, by the page's key (`contests/<slug>`).
    let contests: [String: ContestRecord]
    let now: CalendarDate
    /// The files published as they are (template assets, attachments of the content), by path
    /// in the sources: none when nothing is written (`nko check`).
    let copied: [String]
    /// By item key (`collection/slug`): where the items whose references point at it are.
    let backlinks: [String: [(collection: Int, item: Int)]]
    /// Where every item is (collection, item), by its key, for references.
    let itemsByKey: [String: (collection: Int, item: Int)]
    /// By collection: the collections whose fields may refer to its items.
    let referring: [String: [Int]]
    /// The menu of portal.yaml, worked out once: each page only marks where it is.
    let menu: [MenuEntry]
    /// Rendered header and footer by menu state, shared by the pages of one build.
    let partials = SharedPartials()
    /// The forms engine (WebAssembly) the form pages load, if the build has one.
    let formsEngine: Data?
    /// Soft hyphens for the pages' table cells (the system's Russian patterns).
    let hyphenator: Hyphenator
    /// The internal build (`--audience internal`) says on every page that it is not to be published.
    let isInternal: Bool

    struct MenuEntry: Sendable {
        let title: String
        let path: String
        let children: [MenuEntry]
    }

    init(portal: Portal, templates: Templates, forms: FormLibrary, acts: ActLibrary, schedules: Schedules, contests: [String: ContestRecord],
         now: CalendarDate, copied: [String], formsEngine: Data?, hyphenator: Hyphenator, isInternal: Bool) {
        (self.portal, self.templates, self.forms, self.schedules, self.now) = (portal, templates, forms, schedules, now)
        (self.acts, self.contests) = (acts, contests)
        (self.copied, self.formsEngine, self.hyphenator, self.isInternal) = (copied, formsEngine, hyphenator, isInternal)
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
        var referring: [String: [Int]] = [:]
        for (c, collection) in portal.collections.enumerated() {
            for target in Set(collection.schema.fields.flatMap(\.referencedCollections)) { referring[target, default: []].append(c) }
        }
        self.referring = referring
        var itemsByKey: [String: (collection: Int, item: Int)] = [:]
        for (c, collection) in portal.collections.enumerated() {
            for i in collection.items.indices {
                let key = collection.id + "/" + collection.items[i].slug
                if itemsByKey[key] == nil { itemsByKey[key] = (c, i) }
            }
        }
        self.itemsByKey = itemsByKey
        func entry(_ c: Collection, children: [MenuEntry]) -> MenuEntry {
            MenuEntry(title: c.menuTitle, path: c.id + "/", children: children)
        }
        menu = portal.settings.navigation.compactMap(portal.collection).map { c in
            entry(c, children: portal.children(of: c.id).map { entry($0, children: []) })
        }
    }

    private init(_ model: SiteModel, portal: Portal) {
        (self.portal, templates, forms, schedules, now) = (portal, model.templates, model.forms, model.schedules, model.now)
        (acts, contests) = (model.acts, model.contests)
        (copied, formsEngine, hyphenator, isInternal) = (model.copied, model.formsEngine, model.hyphenator, model.isInternal)
        (backlinks, itemsByKey, referring, menu) = (model.backlinks, model.itemsByKey, model.referring, model.menu)
    }

    /// The same model, with the bodies of these files read from them again (see
    /// `Portal.readBodiesAgain`): every index stays valid.
    func readingBodiesAgain(of files: Set<String>) -> SiteModel {
        var portal = portal
        portal.readBodiesAgain(of: files)
        return SiteModel(self, portal: portal)
    }

    /// Whether an item of this schema can present a form (`form(of:schema:)`): asked once per
    /// collection, so that a section of 10 000 documents with none is not looked through.
    func mayPresentForms(_ schema: Schema) -> Bool {
        (schema.legal && !acts.acts.isEmpty) || schema.fields.contains { $0.type == .form }
    }

    /// The form an item presents (a field of type `form`), or the model act it is, if any.
    func form(of item: Item, schema: Schema) -> FormDefinition? {
        if schema.legal, let act = acts.acts.first(where: { $0.file == item.sourceFile }) { return act }
        for field in schema.fields where field.type == .form {
            if case let .string(id)? = item.values[field.name], let form = forms.form(id) { return form }
        }
        return nil
    }

    /// Inputs that are not files, by the hash of their content, as the build record keeps files'.
    /// A page that lists a collection depends on the list of its items (an item added, removed or
    /// renamed changes it; the items' files alone would not show an addition) and on each item's
    /// fields (`fieldsInputs`, left out when not `withFields`), not on its file: a body is an input
    /// only of what reads it (`ModelReader.body(of:)`).
    func virtualInputs(withFields: Bool) -> [String: UInt64] {
        var virtual = [Input.menu: Self.text(of: menu), Input.sections: portal.collections.map(\.id).joined(separator: "\n"),
                       Input.contests: contests.keys.sorted().map { key in key + ": " + contests[key]!.files.joined(separator: " ") }
                           .joined(separator: "\n")]
        for collection in portal.collections {
            virtual[Input.referrers(collection.id)] = referring[collection.id]?.map { portal.collections[$0].id }.joined(separator: "\n")
        }
        var hashes = virtual.mapValues(SourceFiles.hash)
        for collection in portal.collections {
            // The items' addresses and files, one per line.
            hashes[Input.items(collection.id)] = SourceFiles.hash(lines: collection.items) { hasher, item in
                hasher.add(item.slug)
                hasher.add(" ")
                hasher.add(item.sourceFile)
            }
        }
        // A new engine is a change of the pages that load it.
        hashes[Input.formsEngine] = formsEngine.map(SourceFiles.hash) ?? SourceFiles.hash("")
        return withFields ? hashes.merging(fieldsInputs) { $1 } : hashes
    }

    /// The `@fields` input of every item file: what its items are without their bodies (`Item.fieldsHash`).
    var fieldsInputs: [String: UInt64] {
        var files: [(file: String, items: [Item])] = []
        for collection in portal.collections {
            files += Dictionary(grouping: collection.items, by: \.sourceFile).map { ($0, $1) }
        }
        // Serialising the fields of 10 000 items to hash them: on every core.
        let hashes = ParallelMap.map(files) { Item.fieldsHash($0.items) }
        return Dictionary(zip(files.map { Input.fields($0.file) }, hashes)) { $1 }
    }

    /// What the menu shows: the pages' header changes exactly when this does.
    private static func text(of menu: [MenuEntry]) -> String {
        func text(_ e: MenuEntry, _ indent: String) -> String {
            indent + e.path + " " + e.title + "\n" + e.children.map { text($0, indent + "  ") }.joined()
        }
        return menu.map { text($0, "") }.joined()
    }
}

/// Names of the inputs that are not files (see `SiteModel.virtualInputs`), given by `ModelReader` only.
enum Input {
    static let menu = "@menu"
    /// The forms engine the form pages load (`SiteModel.formsEngine`).
    static let formsEngine = "@forms-engine"
    /// The list of sections: a new folder changes it.
    static let sections = "@sections"
    /// The contests kept in `content/_contests/` and their files: a new one changes the pages of
    /// the organisations it supported.
    static let contests = "@contests"
    /// The addresses of the pages people and search engines are given (the sitemap).
    static let pages = "@pages"
    static func items(_ collection: String) -> String { "@items:" + collection }
    /// The items of a file without their bodies (`Item.fieldsHash`): what listings and links show of them.
    static func fields(_ file: String) -> String { fieldsPrefix + file }
    private static let fieldsPrefix = "@fields:"
    /// The collections whose items may refer to a collection's: a new one, or a new reference
    /// field, can give its items' pages backlinks.
    static func referrers(_ collection: String) -> String { "@referrers:" + collection }
    static func isVirtual(_ input: String) -> Bool { input.hasPrefix("@") }
    static func isFields(_ input: String) -> Bool { input.hasPrefix(fieldsPrefix) }
}

/// Rendered shared partials, filled by whichever page needs one first (pages render in parallel).
final class SharedPartials: @unchecked Sendable {
    private var html: [String: String] = [:]
    private let lock = NSLock()

    func get(_ key: String) -> String? { lock.withLock { html[key] } }
    func set(_ key: String, _ value: String) { lock.withLock { html[key] = value } }
}
