import Foundation
import RussianText

/// A progress bar on a terminal for builds longer than a second: «Страницы: 4 512 из 10 029
/// [██████░░░░] 45 %», redrawn at most ten times a second and erased at the end. In CI (stderr not
/// a terminal) nothing is drawn, and only the summary is printed.
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    /// Seconds before the bar appears (NKO_PROGRESS_DELAY, for tests).
    private let delay = Double(ProcessInfo.processInfo.environment["NKO_PROGRESS_DELAY"] ?? "") ?? 1
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A bar when standard error is a terminal, else nil.
    static func forStandardError() -> TerminalProgress? {
        isatty(STDERR_FILENO) != 0 ? TerminalProgress() : nil
    }

    func update(_ done: Int, _ total: Int) {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(start) >= delay, now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
            lastDraw = now
            drawn = true
            let width = 20
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let percent = total == 0 ? 100 : 100 * done / total
            let line = "Страницы: \(RussianFormat.integer(Int64(done))) из \(RussianFormat.integer(Int64(total))) [\(bar)] \(percent) %"
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        }
    }

    /// Erases the bar so that the messages and the summary start on a clean line.
    func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
