import Diagnostics
import Foundation
import RussianText
import Yams

/// Reads `portal.yaml` and `content/` into a checked, typed model.
/// Every problem goes to the engine; the model holds only what was valid.
public enum ContentLoader {
    public static let contentFolder = "content"
    /// The home page's text.
    public static let homeFile = contentFolder + "/_index.md"

    /// `sources`, when given, supplies the items of files parsed by the last build and keeps
    /// what this one parses for the next.
    public static func load(root: URL, diagnostics engine: DiagnosticEngine, sources: SourceCache? = nil) -> Portal? {
        var diagnostics: [Diagnostic] = []
        defer { engine.emit(contentsOf: diagnostics) }

        var settings: PortalSettings?
        if let text = read(root, PortalSettings.file, &diagnostics) {
            settings = PortalSettings.read(text, diagnostics: &diagnostics)
        }
        // The engine reports the warnings portal.yaml names as errors, whenever they are emitted.
        if let settings { engine.raise(settings.warningsAsErrors) }

        let contentURL = root.appendingPathComponent(contentFolder)
        // The walk of the sources listed every folder already.
        let entries = { (folder: String) in sources?.entries(of: folder) ?? SourceFiles.entries(of: root.path + "/" + folder) }
        guard isDirectory(contentURL) else {
            diagnostics.append(.error("no-content", at: SourceLocation(file: contentFolder + "/"),
                                      "нет папки content", hint: "создайте папку content/ с разделами портала"))
            return nil
        }

        // The home page.
        var home: IndexPage?
        let homePath = homeFile
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(homePath).path) {
            if let text = read(root, homePath, &diagnostics) {
                home = readIndexPage(text, file: homePath, &diagnostics)
            }
        }

        // Files at the top of content/ other than the home page and the calendar belong to no section.
        for file in files(in: contentFolder, entries) where ![homePath, WorkingCalendarFile.path].contains(contentFolder + "/" + file) {
            diagnostics.append(.warning("ignored-file", at: SourceLocation(file: contentFolder + "/" + file),
                                        "файл «\(file)» в корне content/ не относится ни к одному разделу и не публикуется",
                                        hint: "материалы лежат в папках разделов (content/<раздел>/); главная страница — content/_index.md"))
        }

        // Collections: every folder below content/, parents first.
        var folders = subfolders(of: contentFolder, entries).sorted()
        var collections: [String: (schema: Schema, intro: IndexPage?, attachments: [String])] = [:]
        // Each file names its section's schema by position: a schema is copied once, not per file.
        var schemas: [(collection: String, schema: Schema, hash: UInt64)] = []
        var itemFiles: [(schema: Int, path: String)] = []
        for folder in folders {
            let id = folder
            let name = folder.split(separator: "/").last.map(String.init) ?? folder
            let folderPath = "\(contentFolder)/\(folder)/"
            if !isSlug(name) {
                diagnostics.append(.error("bad-folder-name", at: SourceLocation(file: folderPath),
                                          "имя папки «\(name)» не годится для адреса страницы",
                                          hint: "переименуйте папку в «\(Transliteration.slug(name))»: латинские строчные буквы, цифры и дефисы"))
                continue
            }
            if !folder.contains("/"), let page = reservedFolders[name] {
                diagnostics.append(.error("reserved-name", at: SourceLocation(file: folderPath),
                                          "имя раздела «\(name)» занято: так называется \(page)",
                                          hint: "переименуйте папку раздела"))
                continue
            }
            let parent = folder.split(separator: "/").dropLast().joined(separator: "/")
            if !parent.isEmpty, collections[parent] == nil {
                continue  // the parent is broken; its problem is already reported
            }
            let schemaPath = folderPath + "_schema.yaml"
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(schemaPath).path) else {
                diagnostics.append(.error("no-schema", at: SourceLocation(file: folderPath),
                                          "в папке раздела нет файла _schema.yaml",
                                          hint: "каждая папка в content/ — раздел, описанный схемой: создайте \(schemaPath) с ключами title и fields"))
                continue
            }
            guard let text = read(root, schemaPath, &diagnostics),
                  let schema = SchemaReader.read(text, file: schemaPath, diagnostics: &diagnostics) else { continue }
            schemas.append((id, schema, SourceFiles.hash(text)))
            var intro: IndexPage?
            var attachments: [String] = []
            for file in files(in: contentFolder + "/" + folder, entries) {
                let path = folderPath + file
                switch file {
                case "_schema.yaml":
                    break
                case "_index.md":
                    if let text = read(root, path, &diagnostics) {
                        intro = readIndexPage(text, file: path, &diagnostics)
                    }
                case _ where file.hasSuffix(".md") || file.hasSuffix(".yaml") || file.hasSuffix(".yml"):
                    if file.hasPrefix("_") {
                        diagnostics.append(.warning("ignored-file", at: SourceLocation(file: path),
                                                    "файл «\(file)» пропущен: имена, начинающиеся с «_», служебные",
                                                    hint: "служебные файлы раздела: _schema.yaml и _index.md"))
                    } else {
                        itemFiles.append((schemas.count - 1, path))
                    }
                default:
                    attachments.append(path)
                }
            }
            collections[id] = (schema, intro, attachments)
        }
        folders = folders.filter { collections[$0] != nil }

        // Items are parsed in parallel: each file on its own, results kept in file order.
        let base = root.path + "/"
        let parsed = ParallelMap.map(itemFiles) { [schemas] job -> ([Item], [Diagnostic]) in
            if let known = sources?.parsed(job.path, schema: schemas[job.schema].hash) { return (known.items, known.diagnostics) }
            let (collection, schema, schemaHash) = schemas[job.schema]
            return readItems(job.path, base: base, collection: collection, schema: schema, schemaHash: schemaHash, sources: sources)
        }
        var itemsBySchema = [[Item]](repeating: [], count: schemas.count)
        for (job, result) in zip(itemFiles, parsed) {
            itemsBySchema[job.schema] += result.0
            diagnostics += result.1
        }
        let itemsByCollection = Dictionary(zip(schemas.map(\.collection), itemsBySchema), uniquingKeysWith: +)

        var result: [Collection] = folders.map { id in
            let c = collections[id]!
            return Collection(id: id, schema: c.schema, items: itemsByCollection[id] ?? [], intro: c.intro,
                              attachments: c.attachments)
        }
        for index in result.indices {
            result[index].items = uniqueSlugs(result[index].items, reserved: reservedSlugs(result[index], among: result), &diagnostics)
        }
        checkReferences(result, &diagnostics)
        if let settings { checkNavigation(settings, result, &diagnostics) }

        // The working-day calendar, for terms counted in working days.
        var calendar = WorkingCalendar()
        let calendarURL = root.appendingPathComponent(WorkingCalendarFile.path)
        if FileManager.default.fileExists(atPath: calendarURL.path) {
            if let text = read(root, WorkingCalendarFile.path, &diagnostics) {
                calendar = WorkingCalendarFile.read(text, &diagnostics)
            }
        }

        guard let settings else { return nil }
        return Portal(settings: settings, home: home, collections: result, workingCalendar: calendar, root: root)
    }

    // MARK: Items

    /// The items of a content file and the problems found in it; kept in `sources` for later builds.
    static func readItems(_ path: String, base: String, collection: String, schema: Schema, schemaHash: UInt64,
                          sources: SourceCache?) -> ([Item], [Diagnostic]) {
        var local: [Diagnostic] = []
        guard let (data, text) = readFile(base, path, &local) else { return ([], local) }
        let items = path.hasSuffix(".md")
            ? readMarkdownItem(text, file: path, collection: collection, schema: schema, &local).map { [$0] } ?? []
            : readDataItems(text, file: path, collection: collection, schema: schema, &local)
        sources?.store(path, .init(hash: SourceFiles.hash(data), schema: schemaHash, items: items, diagnostics: local))
        return (items, local)
    }

    /// For a process that kept the last build's model (`portal`): whether the files that changed
    /// since (`paths`) are item files whose items and problems read the same as before, as when
    /// only the text of a document was edited. The model then stands as it is: bodies are read
    /// from their files when pages are rendered.
    public static func itemsUnchanged(_ paths: Set<String>, root: URL, portal: Portal, sources: SourceCache) -> Bool {
        paths.allSatisfy { path in
            let name = path.split(separator: "/").last.map(String.init) ?? ""
            let folder = path.split(separator: "/").dropFirst().dropLast().joined(separator: "/")
            // Hidden files are not read, and an editor's temporary file may be gone already.
            if name.hasPrefix(".") || (sources.file(path) == nil && !sources.existedBefore(path)) { return true }
            guard path.hasPrefix(contentFolder + "/"), !name.hasPrefix("_"),
                  [".md", ".yaml", ".yml"].contains(where: name.hasSuffix),
                  let collection = portal.collection(folder), let known = sources.lastParsed(path) else { return false }
            let (items, diagnostics) = readItems(path, base: root.path + "/", collection: collection.id, schema: collection.schema,
                                                 schemaHash: known.schema, sources: sources)
            return SourceCache.Parsed.entry(known.schema, items, diagnostics) == known.entry
        }
    }

    package static func readMarkdownItem(_ text: String, file: String, collection: String, schema: Schema,
                                 _ diagnostics: inout [Diagnostic]) -> Item? {
        let start = SourceLocation(file: file)
        let split: FrontMatter
        do {
            split = try FrontMatter.split(text)
        } catch {
            diagnostics.append(.error("front-matter-unclosed", at: start, "блок метаданных не закрыт",
                                      hint: "после полей метаданных должна стоять строка из трёх дефисов: ---"))
            return nil
        }
        guard let yaml = split.yaml else {
            diagnostics.append(.error("front-matter-missing", at: start, "в начале файла нет блока метаданных",
                                      hint: "файл начинается со строки ---, затем поля (title: …) и снова строка ---"))
            return nil
        }
        let source = YAMLSource(file: file, lineOffset: 1, refusesForbiddenCharacters: true)
        let mapping: Node.Mapping
        let mappingLocation: SourceLocation
        switch source.parse(yaml) {
        case .failure(let d):
            diagnostics.append(d)
            return nil
        case .success(nil):
            mapping = [:]
            mappingLocation = source.location(nil)
        case .success(let node?):
            guard case let .mapping(m) = node else {
                diagnostics.append(.error("front-matter-shape", at: source.location(of: node),
                                          "в блоке метаданных ожидались поля «имя: значение», а указан \(node.kindName)"))
                return nil
            }
            mapping = m
            mappingLocation = source.location(of: node)
        }
        let stem = String(file.split(separator: "/").last!.dropLast(3))
        return makeItem(mapping, at: mappingLocation, source: source, file: file, collection: collection,
                        schema: schema, fallbackSlug: stem, body: (split.body, split.bodyLine), &diagnostics)
    }

    package static func readDataItems(_ text: String, file: String, collection: String, schema: Schema,
                              _ diagnostics: inout [Diagnostic]) -> [Item] {
        let source = YAMLSource(file: file, lineOffset: 0, refusesForbiddenCharacters: true)
        switch source.parse(text) {
        case .failure(let d):
            diagnostics.append(d)
            return []
        case .success(nil):
            return []
        case .success(let node?):
            guard case let .sequence(sequence) = node else {
                diagnostics.append(.error("data-shape", at: source.location(of: node),
                                          "файл данных должен быть списком записей, а указан \(node.kindName)",
                                          hint: "каждая запись начинается с «- title: …»"))
                return []
            }
            return sequence.compactMap { entry in
                guard case let .mapping(mapping) = entry else {
                    diagnostics.append(.error("data-shape", at: source.location(of: entry),
                                              "запись должна быть набором полей «имя: значение», а указан \(entry.kindName)"))
                    return nil
                }
                return makeItem(mapping, at: source.location(of: entry), source: source, file: file,
                                collection: collection, schema: schema, fallbackSlug: nil, body: nil, &diagnostics)
            }
        }
    }

    private static func makeItem(_ mapping: Node.Mapping, at location: SourceLocation, source: YAMLSource,
                                 file: String, collection: String, schema: Schema, fallbackSlug: String?,
                                 body: (String, Int)?, _ diagnostics: inout [Diagnostic]) -> Item? {
        var reader = ValueReader(source: source)
        var values = reader.readFields(mapping, fields: schema.fields, at: location,
                                       context: "раздела «\(schema.title)» (\(schema.file))")
        diagnostics += reader.diagnostics
        let locations = reader.locations
        AccountCheck.check(schema.fields, values: values, root: values, at: { locations[$0] ?? location }, &diagnostics)
        guard case let .string(title)? = values["title"] else { return nil }
        let slugNode = mapping.first { $0.key.scalarText == "slug" }?.value
        let titleNode = mapping.first { $0.key.scalarText == "title" }?.value
        let slug: String
        if case let .string(given)? = values["slug"] {
            slug = given
        } else if let fallbackSlug, isSlug(fallbackSlug) {
            slug = fallbackSlug
        } else {
            let derived = Transliteration.slug(fallbackSlug ?? title)
            slug = shortened(derived.isEmpty ? Transliteration.slug(title) : derived)
        }
        guard !slug.isEmpty else {
            diagnostics.append(.error("no-slug", at: location, "не удалось составить адрес страницы из заголовка",
                                      hint: "укажите поле slug: латинские строчные буквы, цифры и дефисы"))
            return nil
        }
        let slugAt = (slugNode ?? titleNode).map(source.location(of:)) ?? location
        guard slug.utf8.count <= maxSlugLength else {
            diagnostics.append(.error("slug-length", at: slugNode.map(source.location(of:)) ?? SourceLocation(file: file),
                                      "адрес страницы длиннее \(maxSlugLength) символов (\(slug.utf8.count))",
                                      hint: "файлы страницы называются по адресу, а имя файла не бывает длиннее 255 байт: задайте короткое поле slug"
                                          + (slugNode == nil ? " или переименуйте файл" : "")))
            return nil
        }
        let description = values["description"]?.plainText
        for name in Schema.propertyNames { values[name] = nil }
        return Item(collectionID: collection, slug: slug, title: title, description: description, values: values,
                    body: body.map { .text($0.0) }, bodyLine: body?.1 ?? location.line, location: location,
                    slugLocation: slugAt)
    }

    static func readIndexPage(_ text: String, file: String, _ diagnostics: inout [Diagnostic]) -> IndexPage? {
        let split: FrontMatter
        do {
            split = try FrontMatter.split(text)
        } catch {
            diagnostics.append(.error("front-matter-unclosed", at: SourceLocation(file: file), "блок метаданных не закрыт",
                                      hint: "после полей метаданных должна стоять строка из трёх дефисов: ---"))
            return nil
        }
        var title: String?, menuTitle: String?, description: String?, updated: (CalendarDate, SourceLocation)?
        if let yaml = split.yaml {
            let source = YAMLSource(file: file, lineOffset: 1, refusesForbiddenCharacters: true)
            switch source.parse(yaml) {
            case .failure(let d):
                diagnostics.append(d)
                return nil
            case .success(let node?):
                let reader = MappingReader(node: node, source: source, context: "метаданных страницы раздела",
                                           keys: ["title", "menu_title", "description", "updated"])
                title = reader.string("title", &diagnostics)
                menuTitle = reader.string("menu_title", &diagnostics)
                description = reader.string("description", &diagnostics)
                if let node = reader.node("updated") {
                    let field = Field(name: "updated", label: "Дата обновления", type: .date, location: source.location(of: node))
                    var values = ValueReader(source: source)
                    if case let .date(date)? = values.read(node, as: field) { updated = (date, source.location(of: node)) }
                    diagnostics += values.diagnostics
                }
                reader.warnUnknown(&diagnostics)
            case .success(nil):
                break
            }
        }
        return IndexPage(title: title, menuTitle: menuTitle, description: description, updated: updated?.0, updatedLocation: updated?.1,
                         body: split.body, bodyLine: split.bodyLine, file: file)
    }

    // MARK: Cross-checks

    static func checkReferences(_ collections: [Collection], _ diagnostics: inout [Diagnostic]) {
        let slugs = Dictionary(uniqueKeysWithValues: collections.map { ($0.id, $0.items.map(\.slug)) })
        let slugSets = slugs.mapValues(Set.init)  // looked up for every reference
        func check(_ value: Value) {
            switch value {
            case .reference(let ref):
                guard let known = slugs[ref.collection], let knownSet = slugSets[ref.collection] else {
                    diagnostics.append(.error("unknown-collection", at: ref.location,
                                              "раздел «\(ref.collection)», на который ссылается поле, не существует",
                                              hint: nearestHint(ref.collection, Array(slugs.keys))))
                    return
                }
                if !knownSet.contains(ref.slug) {
                    var hint = "в разделе «\(ref.collection)» нет записи с адресом «\(ref.slug)»"
                    if let nearest = NearestName.find(ref.slug, among: known) { hint += "; возможно, имелось в виду «\(nearest)»" }
                    diagnostics.append(.error("missing-reference", at: ref.location,
                                              "ссылка на несуществующую запись «\(ref.slug)»", hint: hint))
                }
            case .list(let values): values.forEach(check)
            case .object(let entries): entries.forEach { check($0.value) }
            default: break
            }
        }
        for collection in collections {
            let fields = collection.schema.fields.filter(\.refersToItems)
            guard !fields.isEmpty else { continue }
            for item in collection.items {
                for field in fields { item.values[field.name].map(check) }
            }
        }
    }

    static func checkNavigation(_ settings: PortalSettings, _ collections: [Collection], _ diagnostics: inout [Diagnostic]) {
        let topLevel = collections.filter { $0.parentID == nil }.map(\.id)
        for (key, id) in [("source_defects", settings.sourceDefects), ("news", settings.news)] {
            guard let id, !collections.contains(where: { $0.id == id }) else { continue }
            diagnostics.append(.error("unknown-section", at: SourceLocation(file: PortalSettings.fileName),
                                      "\(key): раздела «\(id)» нет", hint: nearestHint(id, collections.map(\.id))))
        }
        for (index, id) in settings.navigation.enumerated() where !topLevel.contains(id) {
            let at = index < settings.navigationLocations.count
                ? settings.navigationLocations[index] : SourceLocation(file: PortalSettings.file)
            diagnostics.append(.error("unknown-section", at: at, "в меню указан несуществующий раздел «\(id)»",
                                      hint: nearestHint(id, topLevel)))
        }
    }

    // MARK: Files

    static func read(_ root: URL, _ path: String, _ diagnostics: inout [Diagnostic]) -> String? {
        readFile(root.path + "/", path, &diagnostics)?.text
    }

    /// A file's text, and its bytes (the cache keeps their hash); nil, with a message, when it is
    /// missing or not UTF-8.
    static func readFile(_ base: String, _ path: String, _ diagnostics: inout [Diagnostic]) -> (data: Data, text: String)? {
        guard let data = SourceFiles.contents(base + path) else {
            let missing = access(base + path, F_OK) != 0
            diagnostics.append(.error(missing ? "file-missing" : "file-unreadable", at: SourceLocation(file: path),
                                      missing ? "файл не найден" : "файл не читается",
                                      hint: missing ? "создайте \(path)" : "проверьте права на чтение файла"))
            return nil
        }
        guard let text = try? decodeText(data) else {
            diagnostics.append(.error("file-unreadable", at: SourceLocation(file: path), "файл не читается как текст UTF-8",
                                      hint: "сохраните файл в кодировке UTF-8"))
            return nil
        }
        if let bad = ForbiddenCharacters.first(in: text) {
            diagnostics.append(ForbiddenCharacters.diagnostic(bad.scalar, at: SourceLocation(file: path, line: bad.line, column: bad.column),
                                                              in: "в тексте"))
            return nil
        }
        return (data, text)
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The entries of a folder, by path relative to the root.
    typealias Entries = (String) -> [(name: String, isFolder: Bool)]

    /// Paths of all folders below `folder`, relative to it; hidden ones and service ones (`_sources`) skipped.
    static func subfolders(of folder: String, _ entries: Entries) -> [String] {
        entries(folder).filter { $0.isFolder && !$0.name.hasPrefix(".") && !$0.name.hasPrefix("_") }
            .flatMap { sub in [sub.name] + subfolders(of: folder + "/" + sub.name, entries).map { sub.name + "/" + $0 } }
    }

    /// Names of the files in a folder, sorted, hidden ones skipped.
    static func files(in folder: String, _ entries: Entries) -> [String] {
        entries(folder).filter { !$0.isFolder && !$0.name.hasPrefix(".") }.map(\.name)
    }
}
