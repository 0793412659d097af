import Content
import Diagnostics
import Foundation
import TemplateEngine

/// The Mustache templates of `templates/`, each with the files it pulls in (partials and parents),
/// so that a page can record every template it was rendered with.
package struct Templates: Sendable {
    static let folder = SourceFiles.templatesFolder
    static let assetsFolder = "assets"

    package let library: TemplateLibrary
    /// Template name → the template files it uses, itself included, sorted.
    let files: [String: [String]]
    /// Templates with syntax errors: already reported, so not reported again as missing.
    let broken: Set<String>

    /// Loads every `*.mustache` file; syntax errors become diagnostics with line and column.
    package static func load(root: URL, diagnostics: inout [Diagnostic]) -> Templates {
        var parsed: [String: Template] = [:]
        var direct: [String: Set<String>] = [:]
        var uses: [String: (file: String, used: [TemplateUse])] = [:]
        var broken: Set<String> = []
        var refused: [SourceFiles.Refused] = []  // reported by the build before it loads templates
        let paths = SourceFiles.files(under: folder, root: root, refused: &refused)
            .filter { $0.hasSuffix(".mustache") && !$0.hasPrefix("\(folder)/\(assetsFolder)/") }
            .sorted()
        for file in paths {
            let name = String(file.dropFirst(folder.count + 1).dropLast(".mustache".count))
            guard let data = SourceFiles.contents(root.path + "/" + file), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("template-unreadable", at: SourceLocation(file: file),
                                          "шаблон не читается как текст UTF-8"))
                continue
            }
            if let bad = ForbiddenCharacters.first(in: text) {
                broken.insert(name)
                diagnostics.append(ForbiddenCharacters.diagnostic(bad.scalar, at: SourceLocation(file: file, line: bad.line, column: bad.column),
                                                                  in: "в шаблоне"))
                continue
            }
            let template: Template
            do {
                template = try Template(text)
            } catch {
                broken.insert(name)
                let line = text.split(separator: "\n", omittingEmptySubsequences: false)[error.line - 1]
                // A change of delimiters is named as such; anything else is a syntax error.
                diagnostics.append(.error(error.changesDelimiters ? "template-delimiters" : "template-syntax",
                                          at: SourceLocation(file: file, line: error.line, column: error.column),
                                          error.changesDelimiters ? error.message : "ошибка в шаблоне: \(error.message)",
                                          hint: error.hint ?? "строка шаблона: \(line.trimmingCharacters(in: .whitespaces))"))
                continue
            }
            parsed[name] = template
            direct[name] = Set(template.uses.map(\.name))
            uses[name] = (file, template.uses)
        }
        // A partial or parent that does not exist would silently render as nothing.
        for name in uses.keys.sorted() {
            let (file, used) = uses[name]!
            for use in used where direct[use.name] == nil && !broken.contains(use.name) {
                diagnostics.append(.error("template-missing-partial", at: SourceLocation(file: file, line: use.line, column: use.column),
                                          "шаблон подключает несуществующий шаблон «\(use.name)»",
                                          hint: nearestTemplateHint(use.name, Array(direct.keys))))
            }
        }
        broken.formUnion(cycles(uses, &diagnostics))
        // Only templates without problems can be rendered: a cycle would recurse until the stack overflows.
        var library = TemplateLibrary()
        for (name, template) in parsed.sorted(by: { $0.key < $1.key }) where !broken.contains(name) {
            library.register(template, named: name)
        }
        // Close the relation: a layout uses its parent's partials too.
        var files: [String: [String]] = [:]
        for name in direct.keys {
            var seen: Set<String> = [name]
            var queue = [name]
            while let next = queue.popLast() {
                for used in direct[next] ?? [] where !seen.contains(used) {
                    seen.insert(used)
                    queue.append(used)
                }
            }
            files[name] = seen.map { "\(folder)/\($0).mustache" }.sorted()
        }
        return Templates(library: library, files: files, broken: broken)
    }

    func has(_ name: String) -> Bool { files[name] != nil || broken.contains(name) }

    /// Templates that include or inherit from themselves, directly or through others, would render
    /// forever (the renderer recurses until the stack overflows): each such cycle is an error at
    /// the tag that closes it. Returns the templates on a cycle.
    private static func cycles(_ uses: [String: (file: String, used: [TemplateUse])], _ diagnostics: inout [Diagnostic]) -> Set<String> {
        var done: Set<String> = [], onCycle: Set<String> = []
        var path: [String] = []
        func visit(_ name: String) {
            path.append(name)
            defer { path.removeLast(); done.insert(name) }
            guard let (file, used) = uses[name] else { return }
            for use in used {
                if let start = path.firstIndex(of: use.name) {
                    let cycle = path[start...] + [use.name]
                    guard onCycle.isDisjoint(with: cycle) else { continue }  // reported from another of its tags
                    onCycle.formUnion(cycle)
                    diagnostics.append(.error("template-cycle", at: SourceLocation(file: file, line: use.line, column: use.column),
                                              "шаблон подключает сам себя: " + cycle.joined(separator: " → "),
                                              hint: "шаблон не может подключать себя ни прямо, ни через другие шаблоны (через {{> …}} или {{< …}}): уберите этот тег"))
                } else if !done.contains(use.name) {
                    visit(use.name)
                }
            }
        }
        for name in uses.keys.sorted() where !done.contains(name) { visit(name) }
        return onCycle
    }

    private static func nearestTemplateHint(_ name: String, _ names: [String]) -> String {
        if let nearest = NearestName.find(name, among: names) { return "возможно, имелось в виду «\(nearest)»" }
        return "имеющиеся шаблоны: " + names.sorted().joined(separator: ", ")
    }
}
