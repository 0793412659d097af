/// Reads the YAML of answer files (a form's `sample.yaml`, answers saved earlier) into a `DataTree`
/// where there is no libyaml: the forms engine in the browser.
///
/// Natively the same files are read by Yams, that is by libyaml, and a file must give the same tree
/// both ways: the same texts, styles and positions. So the scanner and the parser (YAMLScanner.swift,
/// YAMLParser.swift) follow libyaml's (scanner.c, parser.c) step by step — its simple keys,
/// indentation stack and token queue — rather than the YAML specification, where the two differ. What answer files never need
/// is refused by name instead of being half supported: anchors, aliases, tags, directives, complex
/// keys, merge keys and several documents.
public enum YAMLReader {
    /// Nested lists and sets of fields allowed; deeper is an error, not a stack overflow.
    public static let maximumDepth = 100

    /// The root node, nil for a document with nothing but comments and blank lines.
    public static func read(_ text: String) throws(DataTreeError) -> DataTree? {
        var scalars = Array(text.unicodeScalars)
        // As when nko reads a file natively (decodeText): a byte-order mark is no part of the text.
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        try YAMLScanner.checkCharacters(scalars)
        var parser = YAMLParser(scanner: YAMLScanner(scalars))
        return try parser.document()
    }
}

/// A problem in an answer file: where (1-based; the column counts Unicode scalars) and what, in Russian.
public struct DataTreeError: Error, Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        (self.line, self.column, self.message) = (line, column, message)
    }

    /// The message for a YAML feature that answer files do not use.
    static func unsupported(_ feature: String, line: Int, column: Int) -> DataTreeError {
        DataTreeError(line: line, column: column,
                      message: "эта возможность YAML в файле ответов не поддерживается: " + feature)
    }
}
