import Foundation

/// YAML text written for data read in another format (JSON).
enum YAMLText {
    /// A YAML double-quoted scalar that reads back as exactly `s`: every character libyaml does not
    /// take raw (control characters, DEL, C1, U+FFFE, U+FFFF) and every YAML line break (U+0085,
    /// U+2028, U+2029, which a quoted scalar would fold) is escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFFFD, 0x10000...: out.unicodeScalars.append(scalar)
            default: out += String(format: "\\u%04X", scalar.value)
            }
        }
        return out + "\""
    }
}
