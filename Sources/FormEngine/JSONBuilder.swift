import Diagnostics
import Values

/// JSON written without Foundation: what the portal hands to its pages (a form's definition, the
/// results of a check).
package enum JSON {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSON])
    case object([(String, JSON)])

    package var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .string(let s): out += JSONString.quoted(s)
        case .number(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let entries):
            out += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { out += "," }
                out += JSONString.quoted(entry.0) + ":"
                entry.1.write(to: &out)
            }
            out += "}"
        }
    }

    /// An object without the entries that are absent.
    static func object(_ entries: [(String, JSON?)]) -> JSON {
        .object(entries.compactMap { key, value in value.map { (key, $0) } })
    }
}

/// A definition the portal wrote that does not read back: a bug or a stale file, never user input.
public struct DefinitionError: Error, Sendable {
    public let message: String
}

/// Reading JSON trees back: each accessor throws on a shape the writer never makes.
extension DataTree {
    func value(_ key: String) -> DataTree? {
        guard case let .mapping(pairs) = content else { return nil }
        return pairs.first { $0.key.scalarText == key }?.value
    }

    func required(_ key: String) throws(DefinitionError) -> DataTree {
        guard let value = value(key) else { throw DefinitionError(message: "no «\(key)» at \(line):\(column)") }
        return value
    }

    func string(_ key: String) throws(DefinitionError) -> String { try required(key).asString() }
    func optionalString(_ key: String) throws(DefinitionError) -> String? { try value(key)?.asString() }
    func int(_ key: String) throws(DefinitionError) -> Int { try required(key).asInt() }
    func bool(_ key: String) -> Bool { value(key)?.scalarText == "true" }
    func array(_ key: String) throws(DefinitionError) -> [DataTree] { try value(key)?.asArray() ?? [] }

    func asString() throws(DefinitionError) -> String {
        guard case let .scalar(text, .quoted) = content else { throw DefinitionError(message: "a string expected at \(line):\(column)") }
        return text
    }

    func asInt() throws(DefinitionError) -> Int {
        guard case let .scalar(text, .plain) = content, let n = Int(text) else {
            throw DefinitionError(message: "a number expected at \(line):\(column)")
        }
        return n
    }

    func asArray() throws(DefinitionError) -> [DataTree] {
        guard case let .sequence(items) = content else { throw DefinitionError(message: "a list expected at \(line):\(column)") }
        return items
    }
}
