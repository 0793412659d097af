import RussianText

/// A path to a value of a form: `recipient.inn`, `estimate[].subsidy` (every row's subsidy),
/// `estimate[].#` (the row's number in a template).
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public struct Component: Hashable, Sendable {
        public var name: String
        /// `[]` after the name: the path continues in every element of this list.
        public var each: Bool
    }

    public var components: [Component]

    /// nil when the text is not a path.
    public init?(_ text: String) {
        var components: [Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(part)
            let each = name.hasSuffix("[]")
            if each { name = name.dropLast(2) }
            let isName = name.first.map { $0.isLetter || $0 == "_" } == true
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            let isRowNumber = name == "#" && !each && components.last?.each == true
            guard isName || isRowNumber else { return nil }
            components.append(Component(name: String(name), each: each))
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    package init(components: [Component]) { self.components = components }

    public var description: String {
        components.map { $0.name + ($0.each ? "[]" : "") }.joined(separator: ".")
    }

    /// The part up to and including the first `[]`: the list whose rows this path runs through.
    package var repeatedList: FieldPath? {
        guard let index = components.firstIndex(where: { $0.each }) else { return nil }
        return FieldPath(components: Array(components[...index]))
    }
}

/// An expression of a form's computed value or rule (content/_forms/README.md).
package indirect enum Expression: Sendable {
    case number(DecimalNumber)
    case text(String)
    case flag(Bool)
    case path(FieldPath)
    case unary(String, Expression)
    case binary(String, Expression, Expression)
    case call(String, [Expression])

    static let functions: [String: ClosedRange<Int>] = [
        "sum": 1...1, "avg": 1...1, "count": 1...1, "min": 1...1, "max": 1...1, "round": 2...2, "present": 1...1,
        "days": 2...2, "years": 2...2, "if": 3...3,
    ]

    /// Every path the expression reads, for checking them against the form's fields.
    package var paths: [FieldPath] {
        switch self {
        case .number, .text, .flag: return []
        case .path(let p): return [p]
        case .unary(_, let e): return e.paths
        case .binary(_, let a, let b): return a.paths + b.paths
        case .call(_, let args): return args.flatMap { $0.paths }
        }
    }
}

/// A syntax error in an expression, at a character offset into its text.
package struct ExpressionError: Error {
    package var offset: Int
    package var message: String
}

/// Reads expressions: precedence from `or` (lowest) through `and`, `not`, comparisons, `+ -`, `* /`.
package struct ExpressionParser {
    private enum Token: Equatable {
        case number(DecimalNumber), text(String), word(String), symbol(String), end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var index = 0
    /// Brackets, calls, `not` and `-` open a level each: the parser, the evaluator and the tree
    /// itself recurse once per level, so deep nesting is refused rather than left to the stack.
    private var depth = 0
    static let maxDepth = 32
    /// Bounds the depth of chains too (`a + b + …` is a tree as deep as it is long).
    static let maxTokens = 1000

    package static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser()
        parser.tokens = try tokenize(text)
        guard parser.tokens.count <= maxTokens else {
            throw ExpressionError(offset: 0, message: "выражение слишком длинное (больше \(maxTokens) слов и знаков)")
        }
        let expression = try parser.or()
        guard parser.current == .end else {
            throw ExpressionError(offset: parser.offset, message: "лишний текст после выражения")
        }
        return expression
    }

    private static func tokenize(_ text: String) throws(ExpressionError) -> [(token: Token, offset: Int)] {
        let chars = Array(text)
        var result: [(token: Token, offset: Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c == " " || c == "\t" { i += 1; continue }
            if c.isASCII && c.isNumber {
                while i < chars.count, chars[i].isASCII && (chars[i].isNumber || chars[i] == ".") { i += 1 }
                guard let value = DecimalNumber(parsing: String(chars[start..<i])) else {
                    throw ExpressionError(offset: start, message: "«\(String(chars[start..<i]))» — не число")
                }
                result.append((.number(value), start))
            } else if c == "'" {
                i += 1
                while i < chars.count, chars[i] != "'" { i += 1 }
                guard i < chars.count else { throw ExpressionError(offset: start, message: "строка в кавычках не закрыта") }
                result.append((.text(String(chars[(start + 1)..<i])), start))
                i += 1
            } else if c.isLetter || c == "_" {
                // A word or a path: letters, digits, `_`, `.`, `[]` and `#`.
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || "_.[]#".contains(chars[i]) { i += 1 }
                result.append((.word(String(chars[start..<i])), start))
            } else {
                let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    result.append((.symbol(two), start))
                    i += 2
                } else if "+-*/<>(),".contains(c) {
                    result.append((.symbol(String(c)), start))
                    i += 1
                } else {
                    throw ExpressionError(offset: start, message: "недопустимый символ «\(c)»")
                }
            }
        }
        result.append((.end, chars.count))
        return result
    }

    private var current: Token { tokens[index].token }
    private var offset: Int { tokens[index].offset }

    private mutating func take(_ symbol: String) -> Bool {
        guard current == .symbol(symbol) || current == .word(symbol) else { return false }
        index += 1
        return true
    }

    private mutating func deeper() throws(ExpressionError) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw ExpressionError(offset: offset, message: "выражение вложено слишком глубоко (больше \(Self.maxDepth) уровней)")
        }
    }

    private mutating func or() throws(ExpressionError) -> Expression {
        try deeper()
        defer { depth -= 1 }
        var left = try and()
        while take("or") { left = .binary("or", left, try and()) }
        return left
    }

    private mutating func and() throws(ExpressionError) -> Expression {
        var left = try not()
        while take("and") { left = .binary("and", left, try not()) }
        return left
    }

    private mutating func not() throws(ExpressionError) -> Expression {
        guard take("not") else { return try comparison() }
        try deeper()
        defer { depth -= 1 }
        return .unary("not", try not())
    }

    private mutating func comparison() throws(ExpressionError) -> Expression {
        let left = try sum()
        for op in ["==", "!=", "<=", ">=", "<", ">"] where take(op) {
            return .binary(op, left, try sum())
        }
        return left
    }

    private mutating func sum() throws(ExpressionError) -> Expression {
        var left = try product()
        while true {
            if take("+") { left = .binary("+", left, try product()) } else if take("-") { left = .binary("-", left, try product()) } else { return left }
        }
    }

    private mutating func product() throws(ExpressionError) -> Expression {
        var left = try unary()
        while true {
            if take("*") { left = .binary("*", left, try unary()) } else if take("/") { left = .binary("/", left, try unary()) } else { return left }
        }
    }

    private mutating func unary() throws(ExpressionError) -> Expression {
        guard take("-") else { return try primary() }
        try deeper()
        defer { depth -= 1 }
        return .unary("-", try unary())
    }

    private mutating func primary() throws(ExpressionError) -> Expression {
        let start = offset
        switch current {
        case .number(let n):
            index += 1
            return .number(n)
        case .text(let s):
            index += 1
            return .text(s)
        case .symbol("("):
            index += 1
            let inner = try or()
            guard take(")") else { throw ExpressionError(offset: offset, message: "не закрыта скобка") }
            return inner
        case .word(let word):
            index += 1
            if word == "true" || word == "false" { return .flag(word == "true") }
            if take("(") {
                guard let arity = Expression.functions[word] else {
                    throw ExpressionError(offset: start, message: "неизвестная функция «\(word)»; есть: "
                                          + Expression.functions.keys.sorted().joined(separator: ", "))
                }
                var args: [Expression] = []
                if !take(")") {
                    repeat { args.append(try or()) } while take(",")
                    guard take(")") else { throw ExpressionError(offset: offset, message: "не закрыта скобка функции «\(word)»") }
                }
                guard arity.contains(args.count) else {
                    throw ExpressionError(offset: start, message: "функции «\(word)» нужно аргументов: \(arity.lowerBound)")
                }
                return .call(word, args)
            }
            guard let path = FieldPath(word) else {
                throw ExpressionError(offset: start, message: "«\(word)» — не путь к полю")
            }
            return .path(path)
        default:
            throw ExpressionError(offset: start, message: current == .end ? "выражение оборвано" : "ожидалось число, поле или скобка")
        }
    }
}
