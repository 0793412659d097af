import Diagnostics
import Foundation
import Site

/// The preview's search index, built again after the open pages have reloaded rather than inside
/// each save's rebuild (Pagefind takes seconds over the whole site). One run at a time; a save
/// during a run asks for one more after it, so the index ends up matching the last save.
actor SearchRefresh {
    private let site: URL
    private let log: @Sendable (String) -> Void
    private var running = false
    private var wanted = false

    init(site: URL, log: @escaping @Sendable (String) -> Void) {
        self.site = site
        self.log = log
    }

    func request() {
        wanted = true
        guard !running else { return }
        running = true
        Task { await runWhileWanted() }
    }

    private func runWhileWanted() async {
        while wanted {
            wanted = false
            let site = self.site
            let start = ContinuousClock.now
            let problem = await Task.detached { SearchIndex.refresh(in: site) }.value
            if let problem {
                // Pages replaced while Pagefind read them can fail a run that the next one repeats.
                if !wanted { log(DiagnosticFormatter.text([problem]) + "\nПоиск показывает прежний индекс.") }
            } else {
                log("Поисковый индекс обновлён за \((ContinuousClock.now - start).milliseconds) мс.")
            }
        }
        running = false
    }
}
