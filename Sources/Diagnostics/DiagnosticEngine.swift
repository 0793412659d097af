// Native only: the browser's engine checks one form at a time and returns its problems, while
// the portal's build collects them from parallel workers (and wasm32 has no threads, no Mutex).
#if !hasFeature(Embedded)
import Synchronization

/// Collects the problems of a whole run so that all of them are reported together.
/// Safe to use from the parallel rendering workers.
public final class DiagnosticEngine: Sendable {
    /// The problems in the order emitted, and the warning codes reported as errors (`raise`).
    private let state = Mutex<(items: [Diagnostic], raisedCodes: Set<String>)>(([], []))

    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        state.withLock { $0.items.append(diagnostic) }
    }

    public func emit(contentsOf diagnostics: [Diagnostic]) {
        state.withLock { $0.items.append(contentsOf: diagnostics) }
    }

    /// Warnings with these codes count as errors, those emitted before this call too: the
    /// settings that name them are read after the first checks of a run.
    public func raise(_ codes: Set<String>) {
        state.withLock { $0.raisedCodes = codes }
    }

    /// Every problem as reported, the raised warnings as errors, in the order emitted.
    private var reported: [Diagnostic] {
        let (emitted, codes) = state.withLock { ($0.items, $0.raisedCodes) }
        return codes.isEmpty ? emitted : emitted.map { $0.raised(by: codes) }
    }

    /// All problems in a stable order: by file, line and column, then by message.
    public var diagnostics: [Diagnostic] {
        reported.sorted { a, b in
            let la = a.location ?? SourceLocation(file: "", line: 0, column: 0)
            let lb = b.location ?? SourceLocation(file: "", line: 0, column: 0)
            if la != lb { return la < lb }
            return (a.severity.rawValue, a.message) < (b.severity.rawValue, b.message)
        }
    }

    public var errorCount: Int { reported.filter { $0.severity == .error }.count }
    public var warningCount: Int { reported.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { errorCount > 0 }
}
#endif
