import DocumentTree

/// The templates of a theme by name, which is how partials and parents find each other.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template] = [:]

    public init() {}

    public mutating func register(_ template: Template, named name: String) {
        templates[name] = template
    }

    /// The template `name` rendered with `object` (a `TemplateObject`) at the bottom of the
    /// stack of objects; nil when there is no such template.
    public func render(_ object: Any, withTemplate name: String) -> String? {
        renderUTF8(object, withTemplate: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `render` as the UTF-8 of the text: what a page's file holds (a String of it would check
    /// its UTF-8 once more, while it is made of Strings only).
    public func renderUTF8(_ object: Any, withTemplate name: String) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var rendering = Rendering(templates: templates, stack: [Frame(object)])
        rendering.render(template.nodes, Scope())
        return rendering.out
    }
}

/// What a part of a template is rendered in besides the stack of objects: its position in a
/// list, the indentation of the partials and blocks it is in, the blocks its parents' children override.
private struct Scope {
    var position: ListPosition?
    var indentation: [UInt8] = []
    var blocks: [String: [Node]] = [:]
}

/// An object of the stack, told once whether it has children (the cast is what lookups cost).
private enum Frame {
    case object(any TemplateObject)
    case value(Any)

    init(_ value: Any) {
        self = if let object = value as? any TemplateObject { .object(object) } else { .value(value) }
    }

    var value: Any {
        switch self {
        case .object(let object): object
        case .value(let value): value
        }
    }
}

/// One page being rendered: the output as bytes, and the objects of the sections it is in.
private struct Rendering {
    let templates: [String: Template]
    var stack: [Frame]
    var out: [UInt8] = []
    /// How deep the parts being rendered are nested (sections, partials, blocks): the theme's
    /// templates are checked for cycles and nest 100 sections at most, but partials multiply
    /// that, and no page may recurse until the stack overflows. Deeper parts render nothing.
    private var depth = 0
    private static let maximumDepth = 200

    init(templates: [String: Template], stack: [Frame]) {
        (self.templates, self.stack) = (templates, stack)
        out.reserveCapacity(64 * 1024)
    }

    mutating func render(_ nodes: [Node], _ scope: Scope) {
        guard depth < Self.maximumDepth else { return }
        depth += 1
        defer { depth -= 1 }
        guard !scope.indentation.isEmpty else {
            for node in nodes { render(node, scope) }
            return
        }
        // Indented: whatever a node writes at the start of one of this part's lines is indented.
        let start = out.count
        for node in nodes {
            let before = out.count
            let atLineStart = before > start && out[before - 1] == 0x0A && !(before >= 2 && out[before - 2] == 0x0D)
            render(node, scope)
            if atLineStart && out.count > before { out.insert(contentsOf: scope.indentation, at: before) }
        }
    }

    private mutating func render(_ node: Node, _ scope: Scope) {
        switch node {
        case .text(let text):
            out.append(contentsOf: text.utf8)
        case .value(let path, let escaped):
            guard let value = lookup(path, scope) else { return }
            let text = Self.text(of: value)
            out.append(contentsOf: (escaped ? HTMLRenderer.escape(text, apostrophe: true) : text).utf8)
        case .section(let path, let nodes, let inverted):
            let value = lookup(path, scope)
            if inverted { renderInverted(value, nodes, scope) } else { renderSection(value, nodes, scope) }
        case .partial(let name, let indentation, let blocks):
            guard let template = templates[name] else { return }
            var inner = Scope(position: nil, indentation: scope.indentation, blocks: scope.blocks)
            if let indentation { inner.indentation += indentation.utf8 }
            // A block overridden further out stays overridden.
            if let blocks { inner.blocks.merge(blocks) { outer, _ in outer } }
            render(template.nodes, inner)
        case .block(let name, let content, let indentation):
            var inner = Scope(position: nil, indentation: scope.indentation + indentation.utf8, blocks: scope.blocks)
            // Inside its own override a block is its default: an override that names its block
            // again would otherwise render itself until the stack overflows.
            render(inner.blocks.removeValue(forKey: name) ?? content, inner)
        case .definition:
            break
        }
    }

    private mutating func renderSection(_ value: Any?, _ nodes: [Node], _ scope: Scope) {
        switch value {
        case nil:
            return
        case let flag as Bool:
            if flag { render(nodes, scope) }
        case let object as any TemplateObject:
            stack.append(.object(object))
            render(nodes, Scope(position: nil, indentation: scope.indentation, blocks: scope.blocks))
            stack.removeLast()
        case let list as any TemplateList:
            let elements = list.elements
            var inner = scope
            for (index, element) in elements.enumerated() {
                inner.position = ListPosition(index: index, count: elements.count)
                stack.append(Frame(element))
                render(nodes, inner)
                stack.removeLast()
            }
        case let other?:
            stack.append(.value(other))
            render(nodes, Scope(position: nil, indentation: scope.indentation, blocks: scope.blocks))
            stack.removeLast()
        }
    }

    private mutating func renderInverted(_ value: Any?, _ nodes: [Node], _ scope: Scope) {
        switch value {
        case nil:
            render(nodes, scope)
        case let list as any TemplateList:
            guard list.isEmpty else { return }
            stack.append(.value(list))
            render(nodes, Scope(position: nil, indentation: scope.indentation, blocks: scope.blocks))
            stack.removeLast()
        case let flag as Bool:
            if !flag { render(nodes, scope) }
        default:
            return
        }
    }

    /// A name looked up in the innermost object that has it (or only in the current one), then
    /// its dotted parts in what was found, then the transforms.
    private func lookup(_ path: Path, _ scope: Scope) -> Any? {
        var value: Any?
        if path.isCurrent {
            value = stack.last?.value
        } else if path.names.isEmpty {
            value = path.transforms.isEmpty ? stack.last?.value : scope.position
        } else if path.inCurrentOnly {
            value = stack.last.flatMap { Self.descend(path.names[...], from: $0.value) }
        } else {
            for case .object(let object) in stack.reversed() {
                if let found = object.child(named: path.names[0]) {
                    value = Self.descend(path.names.dropFirst(), from: found)
                    break
                }
            }
        }
        for transform in path.transforms {
            guard let current = value else { return nil }
            value = transform.apply(to: current)
        }
        return value
    }

    private static func descend(_ names: ArraySlice<String>, from object: Any) -> Any? {
        var value = object
        for name in names {
            guard let next = child(name, of: value) else { return nil }
            value = next
        }
        return value
    }

    private static func child(_ name: String, of object: Any) -> Any? {
        (object as? any TemplateObject)?.child(named: name)
    }

    /// What `{{x}}` writes: the value's own text, or its description (numbers, flags).
    private static func text(of value: Any) -> String {
        switch value {
        case let text as String: text
        case let text as any TemplateText: text.templateText
        case let optional as any OptionalValue: optional.wrapped.map { String(describing: $0) } ?? String(describing: value)
        default: String(describing: value)
        }
    }
}

/// An optional inside an `Any`: written as what it holds.
private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self }
}
