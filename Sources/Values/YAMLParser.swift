// libyaml's parser (parser.c) for `YAMLReader`: tokens to the tree.

/// libyaml's parser, building the tree instead of emitting events.
struct YAMLParser {
    var scanner: YAMLScanner

    /// The one document of the file; nil when it has no content at all.
    mutating func document() throws(DataTreeError) -> DataTree? {
        _ = try scanner.peek()
        scanner.skipToken()
        var token = try scanner.peek()
        if token.kind == .streamEnd { return nil }
        let root: DataTree
        if token.kind == .documentStart {
            scanner.skipToken()
            let next = try scanner.peek()
            switch next.kind {
            case .documentStart, .documentEnd, .streamEnd:
                root = Self.empty(at: next.start)
            default:
                root = try node(block: true, indentless: false, depth: 0)
            }
        } else {
            root = try node(block: true, indentless: false, depth: 0)
        }
        token = try scanner.peek()
        while token.kind == .documentEnd {
            scanner.skipToken()
            token = try scanner.peek()
        }
        switch token.kind {
        case .streamEnd:
            return root
        case .documentStart:
            throw DataTreeError.unsupported("несколько документов в одном файле (---)",
                                            line: token.start.line + 1, column: token.start.column + 1)
        default:
            throw Self.error("после конца данных продолжается текст: проверьте отступы этой строки", at: token.start)
        }
    }

    private static func error(_ message: String, at position: YAMLMark) -> DataTreeError {
        DataTreeError(line: position.line + 1, column: position.column + 1, message: message)
    }

    private static func empty(at position: YAMLMark) -> DataTree {
        DataTree(.scalar("", .plain), line: position.line + 1, column: position.column + 1)
    }

    private static func string(_ scalars: [Unicode.Scalar]) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    private func checkDepth(_ depth: Int, at position: YAMLMark) throws(DataTreeError) {
        if depth > YAMLReader.maximumDepth {
            throw Self.error("слишком глубокая вложенность: больше " + String(YAMLReader.maximumDepth)
                             + " уровней списков и наборов полей", at: position)
        }
    }

    /// A node; `indentless` allows a sequence whose `-` stand in the column of its key.
    private mutating func node(block: Bool, indentless: Bool, depth: Int) throws(DataTreeError) -> DataTree {
        let token = try scanner.peek()
        switch token.kind {
        case .blockEntry where indentless:
            try checkDepth(depth + 1, at: token.start)
            return try indentlessSequence(start: token.start, depth: depth + 1)
        case .scalar:
            scanner.skipToken()
            return DataTree(.scalar(Self.string(token.text), token.style), line: token.start.line + 1, column: token.start.column + 1)
        case .flowSequenceStart:
            try checkDepth(depth + 1, at: token.start)
            return try flowSequence(depth: depth + 1)
        case .flowMappingStart:
            try checkDepth(depth + 1, at: token.start)
            return try flowMapping(depth: depth + 1)
        case .blockSequenceStart where block:
            try checkDepth(depth + 1, at: token.start)
            return try blockSequence(depth: depth + 1)
        case .blockMappingStart where block:
            try checkDepth(depth + 1, at: token.start)
            return try blockMapping(depth: depth + 1)
        default:
            throw Self.error("ожидалось значение: после «- » или «поле:» должно стоять значение; проверьте отступы", at: token.start)
        }
    }

    private mutating func blockSequence(depth: Int) throws(DataTreeError) -> DataTree {
        let start = try scanner.peek().start
        scanner.skipToken()
        var items: [DataTree] = []
        while true {
            let token = try scanner.peek()
            switch token.kind {
            case .blockEntry:
                scanner.skipToken()
                let next = try scanner.peek()
                if next.kind != .blockEntry && next.kind != .blockEnd {
                    items.append(try node(block: true, indentless: false, depth: depth))
                } else {
                    items.append(Self.empty(at: token.end))
                }
            case .blockEnd:
                scanner.skipToken()
                return DataTree(.sequence(items), line: start.line + 1, column: start.column + 1)
            default:
                throw Self.error("ожидался элемент списка «- »: проверьте отступы", at: token.start)
            }
        }
    }

    private mutating func indentlessSequence(start: YAMLMark, depth: Int) throws(DataTreeError) -> DataTree {
        var items: [DataTree] = []
        while true {
            let token = try scanner.peek()
            guard token.kind == .blockEntry else {
                return DataTree(.sequence(items), line: start.line + 1, column: start.column + 1)
            }
            scanner.skipToken()
            let next = try scanner.peek()
            switch next.kind {
            case .blockEntry, .key, .value, .blockEnd:
                items.append(Self.empty(at: token.end))
            default:
                items.append(try node(block: true, indentless: false, depth: depth))
            }
        }
    }

    private mutating func blockMapping(depth: Int) throws(DataTreeError) -> DataTree {
        let start = try scanner.peek().start
        scanner.skipToken()
        var keys = KeySet()
        var pairs: [DataTree.Pair] = []
        while true {
            let token = try scanner.peek()
            switch token.kind {
            case .key:
                scanner.skipToken()
                // The scanner inserts KEY only before a node, so one follows.
                let key = try node(block: true, indentless: true, depth: depth)
                try keys.add(key)
                // ...and the `:` that made it a key.
                let colon = try scanner.peek()
                var value = Self.empty(at: colon.start)
                if colon.kind == .value {
                    scanner.skipToken()
                    let next = try scanner.peek()
                    switch next.kind {
                    case .key, .value, .blockEnd:
                        value = Self.empty(at: colon.end)
                    default:
                        value = try node(block: true, indentless: true, depth: depth)
                    }
                }
                pairs.append(DataTree.Pair(key: key, value: value))
            case .blockEnd:
                scanner.skipToken()
                return DataTree(.mapping(pairs), line: start.line + 1, column: start.column + 1)
            default:
                throw Self.error("ожидалось имя поля: проверьте отступы — поля одного уровня начинаются "
                                 + "с одной и той же позиции", at: token.start)
            }
        }
    }

    private mutating func flowSequence(depth: Int) throws(DataTreeError) -> DataTree {
        let start = try scanner.peek().start
        scanner.skipToken()
        var items: [DataTree] = []
        var first = true
        while let token = try flowEntry(ending: .flowSequenceEnd, first: first,
                                        unclosed: "список в квадратных скобках не закрыт: ожидалась «,» или «]»") {
            first = false
            if token.kind == .key {
                // `[key: value]`: a set of one field as an item.
                try checkDepth(depth + 1, at: token.start)
                scanner.skipToken()
                let key = try node(block: false, indentless: false, depth: depth + 1)
                try KeySet().checked(key)
                let value = try flowValue(ending: .flowSequenceEnd, depth: depth + 1)
                items.append(DataTree(.mapping([DataTree.Pair(key: key, value: value)]),
                                      line: token.start.line + 1, column: token.start.column + 1))
            } else {
                items.append(try node(block: false, indentless: false, depth: depth))
            }
        }
        scanner.skipToken()
        return DataTree(.sequence(items), line: start.line + 1, column: start.column + 1)
    }

    /// The first token of a flow collection's next entry, past the «,» before it; nil at the
    /// closing bracket (after a last «,» too, as libyaml allows).
    private mutating func flowEntry(ending: YAMLToken.Kind, first: Bool, unclosed: String) throws(DataTreeError) -> YAMLToken? {
        var token = try scanner.peek()
        if token.kind != ending, !first {
            guard token.kind == .flowEntry else { throw Self.error(unclosed, at: token.start) }
            scanner.skipToken()
            token = try scanner.peek()
        }
        return token.kind == ending ? nil : token
    }

    /// The value after a key in a flow collection: empty when no `:` or nothing follows it.
    private mutating func flowValue(ending: YAMLToken.Kind, depth: Int) throws(DataTreeError) -> DataTree {
        let token = try scanner.peek()
        guard token.kind == .value else { return Self.empty(at: token.start) }
        scanner.skipToken()
        let next = try scanner.peek()
        if next.kind == .flowEntry || next.kind == ending { return Self.empty(at: next.start) }
        return try node(block: false, indentless: false, depth: depth)
    }

    private mutating func flowMapping(depth: Int) throws(DataTreeError) -> DataTree {
        let start = try scanner.peek().start
        scanner.skipToken()
        var keys = KeySet()
        var pairs: [DataTree.Pair] = []
        var first = true
        while let token = try flowEntry(ending: .flowMappingEnd, first: first,
                                        unclosed: "набор полей в фигурных скобках не закрыт: ожидалась «,» или «}»") {
            first = false
            if token.kind == .key { scanner.skipToken() }
            let key = try node(block: false, indentless: false, depth: depth)
            try keys.add(key)
            // `{a, b: 1}`: a key without `:` has an empty value.
            let value = token.kind == .key ? try flowValue(ending: .flowMappingEnd, depth: depth) : Self.empty(at: try scanner.peek().start)
            pairs.append(DataTree.Pair(key: key, value: value))
        }
        scanner.skipToken()
        return DataTree(.mapping(pairs), line: start.line + 1, column: start.column + 1)
    }
}

/// The keys of one mapping: scalars only, no merge key, each once (Yams refuses repeated keys too).
struct KeySet {
    private var lines: [String: Int] = [:]

    func checked(_ key: DataTree) throws(DataTreeError) {
        guard case let .scalar(text, style) = key.content else {
            throw DataTreeError.unsupported("составные ключи (список или набор полей на месте имени поля)",
                                            line: key.line, column: key.column)
        }
        if style == .plain && text == "<<" {
            throw DataTreeError.unsupported("слияние наборов полей (<<)", line: key.line, column: key.column)
        }
    }

    mutating func add(_ key: DataTree) throws(DataTreeError) {
        try checked(key)
        guard case let .scalar(text, _) = key.content else { return }
        if let line = lines[text] {
            throw DataTreeError(line: key.line, column: key.column,
                                message: "поле «" + text + "» указано дважды (впервые в строке " + String(line)
                                    + "): оставьте одно значение каждого поля")
        }
        lines[text] = key.line
    }
}
