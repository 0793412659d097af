@testable import ODF
import Testing

/// The escaping of text and attribute values returns plain values as they are and escapes the
/// rest scalar by scalar: both ways give what escaping every scalar would.
@Suite struct XMLEscapingTests {
    static func byScalar(_ value: String, attribute: Bool) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r" where attribute: out += "&#13;"
            default: out.unicodeScalars.append(XMLEscaping.allowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    @Test func plainValuesAndOthersAreEscapedAsScalarByScalar() {
        let pieces = ["p-3-2", "Казань", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\r\n", "\u{1}", "\u{7F}", "\u{FEFF}",
                      "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{F000}", "e\u{301}", "🌲"]
        var values = pieces
        for a in pieces { for b in pieces { values.append(a + b + "x") } }
        for value in values {
            #expect(XMLEscaping.text(value) == Self.byScalar(value, attribute: false), "\(value.unicodeScalars.map(\.value))")
            #expect(XMLEscaping.attribute(value) == Self.byScalar(value, attribute: true), "\(value.unicodeScalars.map(\.value))")
        }
    }
}
