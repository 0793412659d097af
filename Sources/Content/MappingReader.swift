import Diagnostics
import RussianText
import Foundation
import Yams

/// Reads the keys of a settings-like mapping (a schema, a field description) with precise
/// messages, and remembers which keys were used so the rest can be reported as unknown.
package struct MappingReader {
    let source: YAMLSource
    let context: String
    let keys: [String]
    private let pairs: [(key: String, keyNode: Node, value: Node)]
    package let isMapping: Bool
    private let location: SourceLocation

    package init(node: Node, source: YAMLSource, context: String, keys: [String]) {
        self.source = source
        self.context = context
        self.keys = keys
        self.location = source.location(of: node)
        if case let .mapping(mapping) = node {
            isMapping = true
            pairs = mapping.map { (key: $0.key.scalarText ?? "", keyNode: $0.key, value: $0.value) }
        } else {
            isMapping = false
            pairs = []
        }
    }

    package func node(_ key: String) -> Node? {
        pairs.first { $0.key == key }.flatMap { $0.value.isNull ? nil : $0.value }
    }

    package func string(_ key: String, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let node = node(key) else {
            if required {
                diagnostics.append(.error("missing-key", at: location, "в \(context) не указан ключ «\(key)»",
                                          hint: "добавьте строку «\(key): …»"))
            }
            return nil
        }
        guard let text = node.scalarText else {
            diagnostics.append(.error("wrong-type", at: source.location(of: node),
                                      "«\(key)»: ожидалась строка, а указан \(node.kindName)"))
            return nil
        }
        return text
    }

    /// `^[A-Za-z][A-Za-z0-9_-]*$`, read byte by byte.
    static func isName(_ text: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }
        guard let first = text.utf8.first, isLetter(first) else { return false }
        return text.utf8.allSatisfy { byte in
            isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// A name used in paths and templates: Latin letters, digits, `_` and `-`.
    package func name(_ key: String, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let text = string(key, required: required, &diagnostics) else { return nil }
        guard Self.isName(text) else {
            diagnostics.append(.error("bad-name", at: source.location(of: node(key)!),
                                      "«\(key)»: имя «\(text)» недопустимо",
                                      hint: "латинские буквы, цифры, «_» и «-», начиная с буквы"))
            return nil
        }
        return text
    }

    package func integer(_ key: String, _ diagnostics: inout [Diagnostic]) -> Int? {
        guard let text = string(key, &diagnostics) else { return nil }
        guard let value = Int(text) else {
            diagnostics.append(.error("wrong-type", at: source.location(of: node(key)!),
                                      "«\(key)»: ожидалось целое число, а указано «\(text)»"))
            return nil
        }
        return value
    }

    package func decimal(_ key: String, _ diagnostics: inout [Diagnostic]) -> DecimalNumber? {
        guard let text = string(key, &diagnostics) else { return nil }
        guard let value = DecimalNumber(parsing: text) else {
            diagnostics.append(.error("wrong-type", at: source.location(of: node(key)!),
                                      "«\(key)»: ожидалось число, а указано «\(text)»"))
            return nil
        }
        return value
    }

    package func boolean(_ key: String, _ diagnostics: inout [Diagnostic]) -> Bool? {
        guard let text = string(key, &diagnostics) else { return nil }
        guard let value = parseBoolean(text) else {
            diagnostics.append(.error("wrong-type", at: source.location(of: node(key)!),
                                      "«\(key)»: ожидалось true или false, а указано «\(text)»"))
            return nil
        }
        return value
    }

    package func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool = false,
                                                    _ diagnostics: inout [Diagnostic]) -> T? where T.RawValue == String {
        guard let text = string(key, required: required, &diagnostics) else { return nil }
        guard let value = T(rawValue: text) else {
            diagnostics.append(.error("bad-choice", at: source.location(of: node(key)!),
                                      "«\(key)»: неизвестное значение «\(text)»",
                                      hint: nearestHint(text, T.allCases.map(\.rawValue))))
            return nil
        }
        return value
    }

    /// Keys this reader does not know: probably typos, so a warning with the nearest name.
    package func warnUnknown(_ diagnostics: inout [Diagnostic]) {
        for pair in pairs where !keys.contains(pair.key) {
            diagnostics.append(.warning("unknown-key", at: source.location(of: pair.keyNode),
                                        "неизвестный ключ «\(pair.key)» в \(context)",
                                        hint: nearestHint(pair.key, keys)))
        }
    }
}


