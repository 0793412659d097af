import DocumentTree
import Mustache

/// How `{{name}}` escapes a value in every template: as the pages' own text is escaped, byte by
/// byte, and `'` too, as swift-mustache's HTML escaping does. That one looks up each Character in a
/// dictionary: it was the largest single cost of rendering a page, and a quote followed by a
/// combining mark is one Character that is not `"`, so it went out as it was and could close an
/// attribute.
struct TemplateEscaping: MustacheContentType {
    /// The name the pragma that `Templates` puts at the head of every template chooses it by.
    static let name = "NKO_HTML"
    static let pragma = "{{%CONTENT_TYPE:\(name)}}\n"
    /// Done once, before any template is parsed (the pragma names a registered type).
    static let registered: Void = MustacheContentTypes.register(TemplateEscaping(), named: name)

    func escapeText(_ text: String) -> String { HTMLRenderer.escape(text, apostrophe: true) }
}
