/// A data document read without Yams: answers loaded into a form in the browser (JSON, or YAML
/// in the subset that answer files use). Nodes keep their position for messages.
public struct DataTree: Sendable, Equatable {
    public enum ScalarStyle: Sendable, Equatable {
        /// Unquoted: `null`, `~` and the empty text are then no value.
        case plain
        case quoted
        /// `|` or `>`: Markdown fields count their lines from the line after the indicator.
        case block
    }

    public struct Pair: Sendable, Equatable {
        public var key: DataTree
        public var value: DataTree

        public init(key: DataTree, value: DataTree) {
            (self.key, self.value) = (key, value)
        }
    }

    public indirect enum Content: Sendable, Equatable {
        case scalar(String, ScalarStyle)
        case sequence([DataTree])
        case mapping([Pair])
    }

    public var content: Content
    /// 1-based; the column counts Unicode scalars, as `SourceLocation` does.
    public var line: Int
    public var column: Int

    public init(_ content: Content, line: Int, column: Int) {
        (self.content, self.line, self.column) = (content, line, column)
    }
}
