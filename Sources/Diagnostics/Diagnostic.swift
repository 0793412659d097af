/// How bad a problem is: errors stop the build, warnings only do so under `--strict`.
public enum Severity: String, Sendable {
    case error
    case warning
}

/// A position in a file of the portal, relative to the portal's root folder.
/// Lines and columns start at 1; columns count characters (Unicode scalars), not bytes.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
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
public struct Diagnostic: Error, Sendable, Equatable {
    public var severity: Severity
    /// A stable identifier of the problem class, e.g. `missing-required`; for tools and tests.
    public var code: String
    public var location: SourceLocation?
    public var message: String
    /// What was expected, the allowed values, the nearest valid name.
    public var hint: String?
    /// The value of a data file the problem is about (`bank.account`, `estimate[2].subsidy`):
    /// a form in the browser shows the message at that field.
    public var path: String?

    public init(_ severity: Severity, _ code: String, at location: SourceLocation?, _ message: String, hint: String? = nil,
                path: String? = nil) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
        self.path = path
    }

    public static func error(_ code: String, at location: SourceLocation?, _ message: String, hint: String? = nil,
                             path: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, at: location, message, hint: hint, path: path)
    }

    public static func warning(_ code: String, at location: SourceLocation?, _ message: String, hint: String? = nil,
                               path: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, at: location, message, hint: hint, path: path)
    }
}

extension Diagnostic {
    /// This diagnostic as an error if it is a warning whose code is among `codes`
    /// (`warnings_as_errors:` in portal.yaml); the hint says why it is one.
    public func raised(by codes: Set<String>) -> Diagnostic {
        guard severity == .warning, codes.contains(code) else { return self }
        var raised = self
        raised.severity = .error
        let why = "предупреждение «\(code)» считается ошибкой: так указано в warnings_as_errors в portal.yaml"
        raised.hint = hint.map { $0 + "\n" + why } ?? why
        return raised
    }
}
