import RussianText

/// A field's `pattern:` and the shapes of built-in types, matched against the whole value.
/// Patterns come from schemas in pull requests, so matching must not depend on them being kind:
/// the pattern is compiled to an automaton and run over the text once (Thompson's construction,
/// a Pike VM without captures) — linear in the text, whatever the pattern (`(a+)+$` included).
/// Runs where Foundation's regular expressions do not (the browser's engine).
///
/// Syntax: literals; `.`; `\d` (ASCII 0–9 only: identifiers take no other script's digits), `\D`,
/// `\s`, `\S`, `\w` (letters, digits, `_`), `\W`, `\p{L}`, `\p{Lu}`, `\p{Ll}`, `\p{N}`, `\p{Nd}` and
/// `\P{…}`; classes `[…]` with ranges and `[^…]`; groups `(…)`, `(?:…)`; `|`; `? * + {m} {m,} {m,n}`
/// (a lazy `?` after them changes nothing: the whole text must match); `^` at the start and `$` at
/// the end. Backreferences, lookaround and flags are refused with a message.
public struct TextPattern: Sendable, Equatable {
    public let source: String
    /// The most characters a match has; nil when it has no bound (`+`, `*`, `{2,}`). A blank
    /// line for a field with a pattern is that long.
    public let longestMatch: Int?
    private let program: [Instruction]

    /// The largest automaton a pattern may make: `{m,n}` copies its operand.
    static let maximumSize = 10_000

    public init(_ source: String) throws(TextPatternError) {
        self.source = source
        var parser = Parser(Array(source.unicodeScalars))
        let tree = try parser.parse()
        longestMatch = Self.longest(tree)
        var compiler = Compiler()
        try compiler.emit(tree)
        compiler.program.append(.match)
        program = compiler.program
    }

    public static func == (a: TextPattern, b: TextPattern) -> Bool { a.source == b.source }

    private static func longest(_ node: Node) -> Int? {
        switch node {
        case .set: return 1
        case .empty: return 0
        case .sequence(let nodes):
            var total = 0
            for node in nodes {
                guard let length = longest(node) else { return nil }
                total += length
            }
            return total
        case .alternation(let branches):
            var most = 0
            for branch in branches {
                guard let length = longest(branch) else { return nil }
                most = max(most, length)
            }
            return most
        case .repeated(let node, _, let max):
            guard let length = longest(node) else { return nil }
            guard let max else { return length == 0 ? 0 : nil }
            return length * max
        }
    }

    /// Whether the whole text matches.
    public func matches(_ text: String) -> Bool {
        var current = Threads(size: program.count)
        var next = Threads(size: program.count)
        add(0, to: &current)
        for scalar in text.unicodeScalars {
            guard !current.isEmpty else { return false }
            next.clear()
            for pc in current.list {
                if case let .scalar(set) = program[pc], set.contains(scalar) { add(pc + 1, to: &next) }
            }
            swap(&current, &next)
        }
        return current.list.contains { if case .match = program[$0] { return true } else { return false } }
    }

    /// Follows jumps and splits (the ε-closure) from `pc`.
    private func add(_ pc: Int, to threads: inout Threads) {
        var stack = [pc]
        while let pc = stack.popLast() {
            guard threads.insert(pc) else { continue }
            switch program[pc] {
            case .jump(let target): stack.append(target)
            case .split(let a, let b): stack.append(b); stack.append(a)
            case .scalar, .match: break
            }
        }
    }

    private enum Instruction: Sendable {
        case scalar(ScalarSet)
        case jump(Int)
        case split(Int, Int)
        case match
    }

    /// The states of the automaton the text has reached, each once.
    private struct Threads {
        var list: [Int] = []
        var seen: [Bool]

        init(size: Int) { seen = Array(repeating: false, count: size) }

        var isEmpty: Bool { list.isEmpty }

        mutating func insert(_ pc: Int) -> Bool {
            if seen[pc] { return false }
            seen[pc] = true
            list.append(pc)
            return true
        }

        mutating func clear() {
            for pc in list { seen[pc] = false }
            list.removeAll(keepingCapacity: true)
        }
    }

    // MARK: Syntax tree

    private indirect enum Node {
        case set(ScalarSet)
        case empty
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    private struct Compiler {
        var program: [Instruction] = []

        mutating func emit(_ node: Node) throws(TextPatternError) {
            guard program.count <= TextPattern.maximumSize else {
                throw TextPatternError(offset: 0, message: "шаблон слишком велик (повторы {m,n} раскрываются в \(TextPattern.maximumSize) шагов и больше)")
            }
            switch node {
            case .set(let set):
                program.append(.scalar(set))
            case .empty:
                break
            case .sequence(let nodes):
                for node in nodes { try emit(node) }
            case .alternation(let branches):
                // split L1, next; L1: branch; jump end; next: split …
                var jumps: [Int] = []
                for (index, branch) in branches.enumerated() {
                    if index < branches.count - 1 {
                        let split = program.count
                        program.append(.split(0, 0))
                        try emit(branch)
                        jumps.append(program.count)
                        program.append(.jump(0))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(branch)
                    }
                }
                for jump in jumps { program[jump] = .jump(program.count) }
            case .repeated(let node, let min, let max):
                for _ in 0..<min { try emit(node) }
                if let max {
                    // Each optional copy may be skipped to the end.
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(program.count)
                        program.append(.split(0, 0))
                        try emit(node)
                    }
                    for split in splits { program[split] = .split(split + 1, program.count) }
                } else {
                    let split = program.count
                    program.append(.split(0, 0))
                    try emit(node)
                    program.append(.jump(split))
                    program[split] = .split(split + 1, program.count)
                }
            }
        }
    }

    // MARK: Parser

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        var depth = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func parse() throws(TextPatternError) -> Node {
            if current == "^" { index += 1 }
            let node = try alternation()
            if current == "$" && index == scalars.count - 1 { index += 1 }
            guard index == scalars.count else {
                throw error(current == ")" ? "лишняя закрывающая скобка" : "«\(current.map(String.init) ?? "")» здесь не ожидался")
            }
            return node
        }

        mutating func alternation() throws(TextPatternError) -> Node {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 32 else { throw error("шаблон вложен слишком глубоко (больше 32 скобок)") }
            var branches = [try sequence()]
            while current == "|" {
                index += 1
                branches.append(try sequence())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func sequence() throws(TextPatternError) -> Node {
            var nodes: [Node] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                if scalar == "$" && index == scalars.count - 1 { break }
                let atom = try self.atom()
                nodes.append(try quantified(atom))
            }
            return nodes.count == 1 ? nodes[0] : nodes.isEmpty ? .empty : .sequence(nodes)
        }

        mutating func quantified(_ atom: Node) throws(TextPatternError) -> Node {
            let bounds: (Int, Int?)
            switch current {
            case "?": bounds = (0, 1); index += 1
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "{": bounds = try counts()
            default: return atom
            }
            if current == "?" { index += 1 }  // lazy: the same language
            if let next = current, ["?", "*", "+", "{"].contains(next) {
                throw error(next == "+" ? "не поддерживается: захватывающие повторы («*+», «++»)" : "два повтора подряд")
            }
            return .repeated(atom, min: bounds.0, max: bounds.1)
        }

        /// `{m}`, `{m,}`, `{m,n}`.
        mutating func counts() throws(TextPatternError) -> (Int, Int?) {
            let start = index
            index += 1
            func number(_ parser: inout Parser) -> Int? {
                var value = 0, digits = 0
                while let s = parser.current, let digit = Character(s).asciiDigit, digits < 6 {
                    value = value * 10 + digit
                    digits += 1
                    parser.index += 1
                }
                return digits > 0 ? value : nil
            }
            guard let min = number(&self) else { index = start; throw error("после «{» ожидалось число повторов: {2}, {1,3}") }
            var max: Int? = min
            if current == "," {
                index += 1
                max = number(&self)
            }
            guard current == "}" else { index = start; throw error("не закрыта «{»: повторы пишутся {2}, {1,3}, {2,}") }
            index += 1
            if let max, max < min { throw TextPatternError(offset: start, message: "в {\(min),\(max)} наибольшее число меньше наименьшего") }
            guard (max ?? min) <= 1000 else { throw TextPatternError(offset: start, message: "повторов больше 1000") }
            return (min, max)
        }

        mutating func atom() throws(TextPatternError) -> Node {
            guard let scalar = current else { throw error("шаблон оборван") }
            switch scalar {
            case "(":
                let start = index
                index += 1
                if current == "?" {
                    guard index + 1 < scalars.count, scalars[index + 1] == ":" else {
                        throw TextPatternError(offset: start, message: "не поддерживается: «(?…)» кроме «(?:…)» (просмотр вперёд и назад, флаги, имена групп)")
                    }
                    index += 2
                }
                let inner = try alternation()
                guard current == ")" else { throw TextPatternError(offset: start, message: "незакрытая скобка") }
                index += 1
                return inner
            case "[":
                return .set(try bracket())
            case ".":
                index += 1
                return .set(ScalarSet(items: [], negated: true, excluding: "\n"))
            case "\\":
                return .set(try escape(inClass: false))
            case "*", "+", "?", "{":
                throw error("«\(String(scalar))» не после того, что повторяется")
            case "^", "$":
                throw error("«\(String(scalar))» допускается только в начале и в конце шаблона")
            case "}", "]":
                throw error("«\(String(scalar))» без открывающей скобки: напишите «\\\(String(scalar))»")
            default:
                index += 1
                return .set(ScalarSet(scalar))
            }
        }

        mutating func bracket() throws(TextPatternError) -> ScalarSet {
            let start = index
            index += 1
            var set = ScalarSet(items: [], negated: false)
            if current == "^" { set.negated = true; index += 1 }
            var first = true
            while let scalar = current, scalar != "]" || first {
                first = false
                var low: Unicode.Scalar
                if scalar == "\\" {
                    let escaped = try escape(inClass: true)
                    guard let single = escaped.single else { set.items += escaped.items; continue }
                    low = single
                } else if scalar == "[" {
                    throw error("«[» внутри класса: напишите «\\[»")
                } else {
                    low = scalar
                    index += 1
                }
                if current == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                    index += 1
                    var high: Unicode.Scalar
                    if current == "\\" {
                        guard let single = try escape(inClass: true).single else { throw error("диапазон до класса символов") }
                        high = single
                    } else {
                        high = current!
                        index += 1
                    }
                    guard low.value <= high.value else {
                        throw TextPatternError(offset: start, message: "диапазон «\(String(low))-\(String(high))» наоборот")
                    }
                    set.items.append(.range(low.value...high.value))
                } else {
                    set.items.append(.range(low.value...low.value))
                }
            }
            guard current == "]" else { throw TextPatternError(offset: start, message: "не закрыта «[»") }
            index += 1
            return set
        }

        mutating func escape(inClass: Bool) throws(TextPatternError) -> ScalarSet {
            let start = index
            index += 1
            guard let scalar = current else { throw error("шаблон оборван после «\\»") }
            index += 1
            switch scalar {
            case "d": return ScalarSet(property: .asciiDigit, negated: false)
            case "D": return ScalarSet(property: .asciiDigit, negated: true)
            case "s": return ScalarSet(property: .space, negated: false)
            case "S": return ScalarSet(property: .space, negated: true)
            case "w": return ScalarSet(property: .word, negated: false)
            case "W": return ScalarSet(property: .word, negated: true)
            case "p", "P":
                guard current == "{", let close = scalars[index...].firstIndex(of: "}") else {
                    throw TextPatternError(offset: start, message: "после «\\\(String(scalar))» ожидалось {L}, {Lu}, {Ll}, {N} или {Nd}")
                }
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                index = close + 1
                guard let property = ScalarSet.Property(rawValue: name) else {
                    throw TextPatternError(offset: start, message: "неизвестный класс \\\(String(scalar)){\(name)}: есть L, Lu, Ll, N, Nd")
                }
                return ScalarSet(property: property, negated: scalar == "P")
            case "n": return ScalarSet("\n")
            case "t": return ScalarSet("\t")
            case "r": return ScalarSet("\r")
            case "1"..."9":
                throw TextPatternError(offset: start, message: "не поддерживается: обратные ссылки (\\\(String(scalar)))")
            case "b", "B", "A", "z", "Z", "G", "k", "Q", "E":
                throw TextPatternError(offset: start, message: "не поддерживается: «\\\(String(scalar))»")
            default:
                guard !(scalar.properties.isAlphabetic && scalar.isASCII) && !("0"..."9").contains(scalar) else {
                    throw TextPatternError(offset: start, message: "неизвестная последовательность «\\\(String(scalar))»")
                }
                return ScalarSet(scalar)
            }
        }

        func error(_ message: String) -> TextPatternError {
            TextPatternError(offset: index, message: message)
        }
    }
}

/// Why a pattern is not one, at which character of it (from 0).
public struct TextPatternError: Error, Sendable, Equatable {
    public let offset: Int
    public let message: String
}
