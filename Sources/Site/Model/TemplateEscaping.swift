import Mustache
import RussianText

/// How `{{name}}` escapes a value in every template. swift-mustache's own HTML escaping looks up
/// each Character in a dictionary: it was the largest single cost of rendering a page, and a quote
/// followed by a combining mark is one Character that is not `"`, so it went out as it was and
/// could close an attribute. This escapes the same five characters byte by byte (UTF-8 never uses
/// an ASCII byte inside another character) and returns most values, which have none, as they are.
struct TemplateEscaping: MustacheContentType {
    /// The name the pragma that `Templates` puts at the head of every template chooses it by.
    static let name = "NKO_HTML"
    static let pragma = "{{%CONTENT_TYPE:\(name)}}\n"
    /// Done once, before any template is parsed (the pragma names a registered type).
    static let registered: Void = MustacheContentTypes.register(TemplateEscaping(), named: name)

    private static let markup = ASCIIBytes(0x26, 0x3C, 0x3E, 0x22)  // & < > "
    private static let apostrophe = ASCIIBytes(0x27)

    func escapeText(_ text: String) -> String {
        guard Self.markup.occurs(in: text) || Self.apostrophe.occurs(in: text) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
