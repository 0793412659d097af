/// Escaping for the XML parts of a package. Every value from a document or its metadata passes
/// through here, so no value can open or close an element.
enum XMLEscaping {
    /// Character data: markup characters escaped, characters XML 1.0 cannot carry replaced.
    static func text(_ value: String) -> String {
        if value.utf8.allSatisfy({ plain($0) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars { out += escaped(scalar) }
        return out
    }

    /// One character of character data.
    static func append(_ scalar: Unicode.Scalar, to out: inout XMLOutput) {
        out.append(escaped(scalar))
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        default: String(allowed(scalar) ? scalar : "\u{FFFD}")
        }
    }

    /// An attribute value for double quotes. Tabs and line breaks become character references,
    /// because a parser normalises literal ones to spaces.
    static func attribute(_ value: String) -> String {
        if value.utf8.allSatisfy({ plain($0) && $0 != 0x22 }) { return value }  // anchors, style names
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(allowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// A byte of a character that is written as it is in both text and attributes: not markup, not
    /// a control character, not the lead of U+F000–U+FFFF (where U+FFFE and U+FFFF are).
    private static func plain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0x26 && byte != 0x3C && byte != 0x3E && byte != 0xEF
    }

    /// The Char production of XML 1.0 (Swift strings hold no surrogates).
    static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xFFFD: return true
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
