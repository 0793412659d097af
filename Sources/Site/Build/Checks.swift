import Content
import Diagnostics
import Forms
import Hyphenation
import Foundation
import RussianText

/// Loading and checking, before anything is made: the content, templates and forms read, then
/// what can be checked of them as a whole. Each step runs only if the previous one found no errors.
enum Checks {
    /// The model of the portal, or nil when loading or checking found errors (in `engine`).
    static func model(_ options: BuildOptions, before: SourceCache?, engine: DiagnosticEngine) -> SiteModel? {
        // Templates, forms and hyphenation patterns do not depend on the content: they are read
        // on the other core meanwhile (a one-page rebuild is mostly such reading).
        let (read, (templates, templateProblems, forms, patterns)) = ParallelMap.both({
            ContentLoader.load(root: options.root, diagnostics: engine, sources: before)
        }, {
            var problems: [Diagnostic] = []
            let templates = Templates.load(root: options.root, diagnostics: &problems)
            return (templates, problems, FormLibrary.load(root: options.root), Result { try HyphenationPatterns.russian() })
        })
        let loaded = options.audience == .public ? read?.withoutRestrictedFields() : read
        var problems = templateProblems
        if let loaded { problems += missingLayouts(loaded, templates) }
        // The forms are part of the portal's sources: a broken definition fails the build too.
        problems += forms.diagnostics
        if let loaded { problems += unknownForms(loaded, forms) }
        // The model acts, each filled from the portal's profile: what their pages offer.
        let acts = ActLibrary.load(root: options.root, profile: loaded?.settings.actsProfile)
        problems += acts.diagnostics
        let hyphenator: Hyphenator?
        switch patterns {
        case .success(let patterns):
            hyphenator = patterns
        case .failure(let error):
            hyphenator = nil
            problems.append(.error("hyphenation-patterns", at: nil, "\(error)",
                                   hint: "сборка расставляет переносы в таблицах по словарю системы, чтобы страницы не зависели от браузера"))
        }
        engine.emit(contentsOf: problems)
        guard let loaded, let hyphenator, !engine.hasErrors else { return nil }
        var checks: [Diagnostic] = []
        let (portal, schedules) = Schedules.resolve(loaded, now: options.now, diagnostics: &checks)
        checks += staleRegistries(portal, now: options.now)
        checks += latePublications(portal)
        let contests = ContestFolders.load(portal)
        checks += contests.problems
        engine.emit(contentsOf: checks)
        guard !engine.hasErrors else { return nil }
        return SiteModel(portal: portal, templates: templates, forms: forms, acts: acts, schedules: schedules, contests: contests.records,
                         now: options.now,
                         copied: before.map { copiedFiles(portal, $0) } ?? [],
                         formsEngine: options.formsEngine.flatMap { try? Data(contentsOf: $0) }, hyphenator: hyphenator,
                         isInternal: options.audience == .internal)
    }

    /// The files published as they are: the template assets and the files of `content/` that are
    /// neither items nor schemas (documents, pictures).
    private static func copiedFiles(_ portal: Portal, _ sources: SourceCache) -> [String] {
        let assets = Templates.folder + "/" + Templates.assetsFolder + "/"
        return (sources.paths.filter { $0.hasPrefix(assets) } + portal.attachments).sorted()
    }

    /// Two units that would write the same file of the site: the later one (a file copied as it is
    /// comes after everything the build makes) is an error at its source.
    static func sameFiles(_ units: [OutputUnit], outputs: [any Output], portal: Portal) -> [Diagnostic] {
        var taken = Set<String>(minimumCapacity: units.count)
        var problems: [Diagnostic] = []
        for unit in units {
            for file in outputs[unit.output].files(of: unit) where !taken.insert(file).inserted {
                problems.append(.error("same-file", at: source(of: unit.subject, in: portal),
                                       "файл сайта «\(file)» получается дважды: это имя занято страницей или файлом, которые делает сборка",
                                       hint: "переименуйте файл; имена index.html, data.csv, data.json, datapackage.json и feed.xml в папках разделов заняты"))
            }
        }
        return problems
    }

    /// The file a unit is made from, for messages about it.
    static func source(of subject: Subject, in portal: Portal) -> SourceLocation? {
        switch subject {
        case .item(let c, let i): return portal.collections[c].items[i].slugLocation
        case .collection(let c), .sorted(let c, _): return SourceLocation(file: portal.collections[c].schema.file)
        case .site: return portal.home.map { SourceLocation(file: $0.file) }
        case .source(let path): return SourceLocation(file: path)
        }
    }

    /// Registries that must be updated regularly (the property list: at least monthly) and were not.
    static func staleRegistries(_ portal: Portal, now: CalendarDate) -> [Diagnostic] {
        portal.collections.compactMap { collection -> Diagnostic? in
            guard let months = collection.schema.registry?.updatedWithinMonths else { return nil }
            let period = months == 1 ? "месяц" : "\(months) \(RussianFormat.plural(months, "месяц", "месяца", "месяцев"))"
            guard let updated = collection.intro?.updated else {
                return .warning("registry-updated", at: SourceLocation(file: collection.intro?.file ?? collection.schema.file),
                                "«\(collection.title)»: не указана дата обновления",
                                hint: "добавьте в начало \(ContentLoader.contentFolder)/\(collection.id)/_index.md строку «updated: \(now.iso)»; перечень обновляется не реже чем раз в \(period)")
            }
            guard let due = updated.adding(months: months), due < now else { return nil }
            return .warning("registry-stale", at: collection.intro?.updatedLocation,
                            "«\(collection.title)» обновлялся \(RussianFormat.shortDate(updated)) — больше чем \(period) назад (сегодня \(RussianFormat.shortDate(now)))",
                            hint: "правила требуют обновлять его не реже чем раз в \(period): внесите изменения и укажите новую дату в «updated:»")
        }
    }

    /// The moderator publishes what participants send within three working days of receiving it
    /// (seed 000, point 2.4): an item whose publication date is later than that is a warning.
    static let publicationWorkingDays = 3

    static func latePublications(_ portal: Portal) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for collection in portal.collections {
            guard let received = collection.schema.field(role: .received),
                  let published = collection.schema.field(role: .publication) else { continue }
            for item in collection.items {
                guard let got = item.values[received.name]?.day, let out = item.values[published.name]?.day,
                      portal.workingCalendar.knows(got), portal.workingCalendar.knows(out),
                      let due = portal.workingCalendar.adding(workingDays: publicationWorkingDays, to: got), out > due else { continue }
                problems.append(.warning("late-publication", at: item.location,
                                         "«\(item.title)» опубликовано \(RussianFormat.shortDate(out)), позже трёх рабочих дней после поступления \(RussianFormat.shortDate(got)): срок — \(RussianFormat.shortDate(due))",
                                         hint: "информация размещается не позднее трёх рабочих дней после её получения (п. 2.4 проекта постановления); проверьте даты «\(received.name)» и «\(published.name)»"))
            }
        }
        return problems
    }

    /// Every layout the pages ask for must exist.
    static func missingLayouts(_ portal: Portal, _ templates: Templates) -> [Diagnostic] {
        var wanted: [(String, SourceLocation)] = [
            ("home", SourceLocation(file: portal.home?.file ?? "\(Templates.folder)/")),
            ("404", SourceLocation(file: "\(Templates.folder)/")),
            ("search", SourceLocation(file: "\(Templates.folder)/")),
            ("sitemap", SourceLocation(file: "\(Templates.folder)/")),
            ("feedback", SourceLocation(file: "\(Templates.folder)/")),
            ("header", SourceLocation(file: "\(Templates.folder)/")),
            ("footer", SourceLocation(file: "\(Templates.folder)/")),
        ]
        for collection in portal.collections {
            let at = SourceLocation(file: collection.schema.file)
            wanted.append((collection.schema.listLayout, at))
            if !collection.items.isEmpty && collection.schema.itemPages { wanted.append((collection.schema.layout, at)) }
        }
        var seen: Set<String> = []
        return wanted.compactMap { name, at in
            guard !templates.has(name), seen.insert(name + at.file).inserted else { return nil }
            return .error("missing-template", at: at, "нет шаблона «\(name)» (\(Templates.folder)/\(name).mustache)",
                          hint: "имеющиеся шаблоны: " + templates.files.keys.sorted().joined(separator: ", "))
        }
    }

    /// Items naming a form (a field of type `form`) that the library does not have.
    static func unknownForms(_ portal: Portal, _ forms: FormLibrary) -> [Diagnostic] {
        portal.collections.flatMap { collection in
            collection.schema.fields.filter { $0.type == .form }.flatMap { field in
                collection.items.compactMap { item -> Diagnostic? in
                    guard case let .string(id)? = item.values[field.name], forms.form(id) == nil else { return nil }
                    return .error("unknown-form", at: item.location, "поле «\(field.name)»: формы «\(id)» нет в \(FormLibrary.folder)",
                                  hint: (NearestName.find(id, among: forms.forms.map(\.id)).map { "возможно, имелась в виду «\($0)»; " } ?? "")
                                      + "формы: " + forms.forms.map(\.id).joined(separator: ", "))
                }
            }
        }
    }

}
