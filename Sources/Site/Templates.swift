import Diagnostics
import Foundation
import Mustache

/// The Mustache templates of `templates/`, each with the files it pulls in (partials and parents),
/// so that a page can record every template it was rendered with.
struct Templates: Sendable {
    static let folder = "templates"
    static let assetsFolder = "assets"

    let library: MustacheLibrary
    /// Template name → the template files it uses, itself included, sorted.
    let files: [String: [String]]

    /// Loads every `*.mustache` file; syntax errors become diagnostics with line and column.
    static func load(root: URL, diagnostics: inout [Diagnostic]) -> Templates {
        let folderURL = root.appendingPathComponent(folder).resolvingSymlinksInPath()
        var library = MustacheLibrary()
        var direct: [String: Set<String>] = [:]
        let names = (FileManager.default.enumerator(atPath: folderURL.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".mustache") && !$0.hasPrefix(assetsFolder + "/") }
            .sorted()
        for path in names {
            let name = String(path.dropLast(".mustache".count))
            let file = "\(folder)/\(path)"
            guard let data = FileManager.default.contents(atPath: folderURL.appendingPathComponent(path).path),
                  let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("template-unreadable", at: SourceLocation(file: file),
                                          "шаблон не читается как текст UTF-8"))
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error("template-syntax", at: SourceLocation(file: file, line: error.context.lineNumber,
                                                                                 column: error.context.columnNumber + 1),
                                          "ошибка в шаблоне: \(explain(error.error))",
                                          hint: "строка шаблона: \(error.context.line.trimmingCharacters(in: .whitespaces))"))
                continue
            } catch {
                diagnostics.append(.error("template-syntax", at: SourceLocation(file: file), "ошибка в шаблоне: \(error)"))
                continue
            }
            direct[name] = usedTemplates(in: text)
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
        return Templates(library: library, files: files)
    }

    func has(_ name: String) -> Bool { files[name] != nil }

    /// Names after `{{>` (partials) and `{{<` (parents).
    private static func usedTemplates(in text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: #"\{\{\s*[<>]\s*([A-Za-z0-9_./-]+)\s*\}\}"#)
        let range = NSRange(text.startIndex..., in: text)
        return Set(regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        })
    }

    private static func explain(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "закрывающий тег секции не совпадает с открывающим"
        case .unfinishedName: return "тег не закрыт «}}»"
        case .expectedSectionEnd: return "секция не закрыта тегом {{/…}}"
        case .invalidSetDelimiter: return "неверный тег смены разделителей"
        default: return "\(error)"
        }
    }
}
