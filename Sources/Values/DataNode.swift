import Diagnostics

/// A node of a data document as `ValueReader` reads it: Yams' nodes natively, `DataTree` in the
/// browser. One reader over both is why the portal and the browser check data alike.
public protocol DataNode {
    associatedtype Items: Collection where Items.Element == Self
    associatedtype Pairs: Sequence where Pairs.Element == (key: Self, value: Self)

    /// The text of a scalar; nil for a list, a mapping or no value (`null`, `~`, nothing).
    var scalarText: String? { get }
    /// No value: `key:` with nothing after it, `null`, `~`.
    var isNull: Bool { get }
    /// A `|` or `>` scalar: its text starts on the line after the indicator.
    var isBlockScalar: Bool { get }
    var items: Items? { get }
    var pairs: Pairs? { get }
    /// What the node is, for messages: «значение», «список», «набор полей».
    var kindName: String { get }
}

/// Where nodes of a document are, for messages: a file and the line and column of each node.
public protocol DataSource {
    associatedtype Node: DataNode
    func location(of node: Node) -> SourceLocation
}

extension DataTree: DataNode {
    public var scalarText: String? {
        guard case let .scalar(text, style) = content, !(style == .plain && DataTree.nullWords.contains(text)) else { return nil }
        return text
    }

    public var isNull: Bool {
        if case let .scalar(text, .plain) = content { return DataTree.nullWords.contains(text) }
        return false
    }

    public var isBlockScalar: Bool {
        if case .scalar(_, .block) = content { return true }
        return false
    }

    public var items: [DataTree]? {
        if case let .sequence(items) = content { return items }
        return nil
    }

    public var pairs: [(key: DataTree, value: DataTree)]? {
        if case let .mapping(pairs) = content { return pairs.map { (key: $0.key, value: $0.value) } }
        return nil
    }

    public var kindName: String {
        switch content {
        case .scalar: return "значение"
        case .sequence: return "список"
        case .mapping: return "набор полей"
        }
    }

    /// What YAML reads as no value when unquoted.
    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
}

/// A data tree of a file: positions are the nodes' own.
public struct DataTreeSource: DataSource, Sendable {
    public let file: String

    public init(file: String) { self.file = file }

    public func location(of node: DataTree) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }
}
