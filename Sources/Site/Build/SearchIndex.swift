import Diagnostics
import Foundation

/// The portal's full-text search: Pagefind indexes the built pages (the `data-pagefind-body` of
/// each, with Russian stemming from `lang="ru"`) into `pagefind/` beside them, before the site is
/// published. The program is found as NKO_PAGEFIND or on the PATH (`make site` installs it).
enum SearchIndex {
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
}
