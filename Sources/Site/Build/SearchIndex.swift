import Diagnostics
import Foundation

/// The portal's full-text search: Pagefind indexes the built pages (the `data-pagefind-body` of
/// each, with Russian stemming from `lang="ru"`) into `pagefind/` beside them, before the site is
/// published. The program is found as NKO_PAGEFIND or on the PATH (`make site` installs it).
public enum SearchIndex {
    static let programs = ["pagefind_extended", "pagefind"]

    static func findTool(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let given = environment["NKO_PAGEFIND"], !given.isEmpty { return URL(fileURLWithPath: given) }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in programs {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return URL(fileURLWithPath: folder + "/" + name)
            }
        }
        return nil
    }

    /// Where the index goes in the site.
    static let folder = "pagefind"

    /// The warning for a portal that asks for search where the program is missing: given by
    /// every build, full or incremental, so that `--strict` does not depend on `.nko/`.
    static func missingTool(asked at: SourceLocation?) -> Diagnostic? {
        guard findTool() == nil else { return nil }
        return .warning("search-tool", at: at ?? SourceLocation(file: "portal.yaml"),
                        "поиск по порталу не построен: не найдена программа pagefind",
                        hint: "make site устанавливает её; или укажите путь к ней в переменной NKO_PAGEFIND, или search: false в portal.yaml")
    }

    /// Indexes the site in `site` into `output` (by default `pagefind/` in the site); a problem
    /// is returned as an error. Nothing is done without the program (`missingTool` says so).
    static func build(in site: URL, into output: URL? = nil) -> Diagnostic? {
        guard let tool = findTool() else { return nil }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--site", site.path, "--silent"] + (output.map { ["--output-path", $0.path] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return .error("search-failed", at: nil, "не удалось запустить \(tool.path): \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .error("search-failed", at: nil, "поисковый индекс не построен (\(tool.lastPathComponent), код \(process.terminationStatus)): \(text)")
        }
        return nil
    }

    /// Indexes a published site again: into a folder beside it, swapped in for the old index only
    /// when complete, so that the site's search keeps working meanwhile and after a failure.
    public static func refresh(in site: URL) -> Diagnostic? {
        let staged = site.deletingLastPathComponent()
            .appendingPathComponent(".\(site.lastPathComponent).\(folder)-\(ProcessInfo.processInfo.processIdentifier)")
        let old = staged.appendingPathExtension("old")
        defer {
            try? FileManager.default.removeItem(at: staged)
            try? FileManager.default.removeItem(at: old)
        }
        if let problem = build(in: site, into: staged) { return problem }
        guard FileManager.default.fileExists(atPath: staged.path) else { return nil }  // no program: `missingTool` says so
        let index = site.appendingPathComponent(folder).path
        let replaced = FileManager.default.fileExists(atPath: index)
        guard !replaced || rename(index, old.path) == 0 else { return swapFailed(index) }
        guard rename(staged.path, index) == 0 else {
            let problem = swapFailed(index)
            if replaced { rename(old.path, index) }
            return problem
        }
        return nil
    }

    private static func swapFailed(_ path: String) -> Diagnostic {
        .error("search-failed", at: nil, "поисковый индекс не заменён: \(path): \(String(cString: strerror(errno)))",
               hint: "проверьте права на папку сайта и место на диске; прежний индекс остался на месте")
    }
}
