import Diagnostics

/// JSON text written by hand: keys in a fixed order and exact decimal amounts (no binary floats).
public enum JSONText {
    public static func string(_ s: String) -> String { JSONString.quoted(s) }

    public static func object(_ entries: [(String, String)]) -> String {
        "{" + entries.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    /// A scalar's machine form without JSON quoting (the text of a CSV cell); nil for lists and objects.
    public static func scalar(_ value: Value) -> String? {
        switch value {
        case .boolean(let b): return b ? "true" : "false"
        case .choice(let c): return c.value
        case .list, .object: return nil
        default: return value.plainText  // ISO dates, amounts with a point, slugs
        }
    }

    public static func value(_ value: Value) -> String {
        switch value {
        case .integer, .decimal, .percent, .money, .boolean: return scalar(value)!
        case .list(let values): return "[" + values.map(Self.value).joined(separator: ", ") + "]"
        case .object(let entries): return object(entries.map { ($0.name, Self.value($0.value)) })
        default: return string(scalar(value)!)
        }
    }
}
