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

    /// Indexes the site in `folder`; a problem is returned as a diagnostic.
    static func build(in folder: URL, asked at: SourceLocation?) -> Diagnostic? {
        guard let tool = findTool() else {
            return .warning("search-tool", at: at ?? SourceLocation(file: "portal.yaml"),
                            "поиск по порталу не построен: не найдена программа pagefind",
                            hint: "make site устанавливает её; или укажите путь к ней в переменной NKO_PAGEFIND, или search: false в portal.yaml")
        }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--site", folder.path, "--silent"]
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
