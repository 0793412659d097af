import Foundation

/// How bad a problem is: errors stop the build, warnings only do so under `--strict`.
public enum Severity: String, Codable, Sendable {
    case error
    case warning
}

/// A position in a file of the portal, relative to the portal's root folder.
/// Lines and columns start at 1; columns count characters (Unicode scalars), not bytes.
public struct SourceLocation: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the user's input: where, what (in Russian) and how to fix it.
public struct Diagnostic: Error, Codable, Sendable, Equatable {
    public var severity: Severity
    /// A stable identifier of the problem class, e.g. `missing-required`; for tools and tests.
    public var code: String
    public var location: SourceLocation?
    public var message: String
    /// What was expected, the allowed values, the nearest valid name.
    public var hint: String?

    public init(_ severity: Severity, _ code: String, at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(_ code: String, at location: SourceLocation?, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, at: location, message, hint: hint)
    }

    public static func warning(_ code: String, at location: SourceLocation?, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, at: location, message, hint: hint)
    }
}

/// Collects the problems of a whole run so that all of them are reported together.
/// Safe to use from the parallel rendering workers.
public final class DiagnosticEngine: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []

    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        lock.withLock { items.append(diagnostic) }
    }

    public func emit(contentsOf diagnostics: [Diagnostic]) {
        lock.withLock { items.append(contentsOf: diagnostics) }
    }

    /// All problems in a stable order: by file, line and column, then by message.
    public var diagnostics: [Diagnostic] {
        lock.withLock { items }.sorted { a, b in
            let la = a.location ?? SourceLocation(file: "", line: 0, column: 0)
            let lb = b.location ?? SourceLocation(file: "", line: 0, column: 0)
            if la != lb { return la < lb }
            return (a.severity.rawValue, a.message) < (b.severity.rawValue, b.message)
        }
    }

    public var errorCount: Int { lock.withLock { items.filter { $0.severity == .error }.count } }
    public var warningCount: Int { lock.withLock { items.filter { $0.severity == .warning }.count } }
    public var hasErrors: Bool { errorCount > 0 }
}
