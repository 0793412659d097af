/// A Mustache template of the portal's theme, parsed once: text, values, sections, partials, and
/// template inheritance (`{{<parent}}{{$block}}…{{/block}}{{/parent}}`), with the whitespace rules
/// of the Mustache specification (standalone tags take their line with them; an indented partial
/// indents each of its lines). The names of values are split and their transforms resolved
/// here, so that rendering a page looks nothing up by text but the values' keys.
public struct Template: Sendable {
    let nodes: [Node]
    /// The partials (`{{>name}}`) and parents (`{{<name}}`) it pulls in, in the order of their tags.
    public let uses: [TemplateUse]

    /// Parses a template; a syntax error says where its tag starts.
    public init(_ text: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(text)
        nodes = try parser.parse()
        uses = parser.uses
    }
}

/// A partial's or parent's tag: the template it names and where the tag starts (line and column
/// from 1, columns in characters).
public struct TemplateUse: Sendable, Equatable {
    public let name: String
    public let line: Int
    public let column: Int
}

/// A part of a parsed template.
enum Node: Sendable {
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case value(Path, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or with `inverted` `{{^name}}…{{/name}}`.
    case section(Path, [Node], inverted: Bool)
    /// `{{>name}}`, or `{{<name}}…{{/name}}` with the blocks it overrides. `indentation`: the
    /// whitespace before a tag alone on its line, given to every line the partial renders.
    case partial(String, indentation: String?, blocks: [String: [Node]]?)
    /// `{{$name}}default{{/name}}`: the block a child template may override.
    case block(String, default: [Node], indentation: String)
    /// A block inside a parent's tag: what it overrides (collected into the partial's blocks).
    case definition(String, [Node])
}

/// A value's name as written: `.` (the current object), `a.b.c` (looked up through the stack of
/// objects, from the innermost), `.a` (in the current object only), with transforms applied to
/// it from the innermost out (`empty(items)`); an empty name with transforms asks the position
/// in a list (`{{#first()}}`).
struct Path: Sendable {
    let names: [String]
    let isCurrent: Bool
    let inCurrentOnly: Bool
    /// In the order they apply.
    let transforms: [Transform]
    /// As written, to match a section's end tag.
    let text: String
}

/// What `name(value)` does to a value.
enum Transform: String, Sendable, CaseIterable {
    case empty, count, first, last, index, even, odd, reversed
    case equalzero, plusone, minusone
    case capitalized, lowercased, uppercased
}

/// A syntax error of a template: where its tag starts (line and column from 1, columns in
/// characters), in Russian for the editor.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    /// A change of delimiters (`{{=<% %>=}}`), which the portal's templates do not allow.
    public let changesDelimiters: Bool
    public let line: Int
    public let column: Int
    public let message: String
    public let hint: String?
}
