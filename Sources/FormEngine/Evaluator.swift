import RussianText
import Values

/// A value as expressions see it. Numbers remember what they count, so that a sum of money is
/// money in messages and computed values.
package enum Datum: Equatable {
    package enum NumberKind: Equatable { case integer, decimal, money, percent }

    case number(DecimalNumber, NumberKind)
    case text(String)
    case flag(Bool)
    case date(CalendarDate)
    case dateTime(CalendarDateTime)
    case list([Datum])
    /// A filled group of fields: present, but not a value to compute with.
    case group
    case missing

    init(_ value: Value) {
        switch value {
        case .string(let s), .markdown(let s, _): self = .text(s)
        case .integer(let n): self = .number(DecimalNumber(n), .integer)
        case .decimal(let d): self = .number(d, .decimal)
        case .percent(let d): self = .number(d, .percent)
        case .money(let m): self = .number(m.rubles, .money)
        case .date(let d): self = .date(d)
        case .datetime(let t): self = .dateTime(t)
        case .boolean(let b): self = .flag(b)
        case .choice(let c): self = .text(c.value)
        case .list(let items): self = .list(items.map(Datum.init))
        case .object: self = .group
        case .reference(let r): self = .text(r.slug)
        }
    }

    var isPresent: Bool {
        switch self {
        case .missing: return false
        case .text(let s): return !s.trimmingSpaces.isEmpty
        case .list(let items): return items.contains(where: { $0.isPresent })
        default: return true
        }
    }

    /// The value in Russian, for messages: «1 500 000,00 руб.», «25 %», «да».
    var russian: String {
        switch self {
        case .number(let d, .money): return RussianFormat.money(Money(rubles: d))
        case .number(let d, .percent): return RussianFormat.percent(d.rounded(4))
        case .number(let d, _): return RussianFormat.decimal(d.rounded(4))
        case .text(let s): return s
        case .flag(let b): return ValueFormat.yesNo(b)
        case .date(let d): return RussianFormat.longDate(d)
        case .dateTime(let t): return RussianFormat.longDateTime(t)
        case .list(let items): return items.filter { $0.isPresent }.map { $0.russian }.joined(separator: "; ")
        case .group: return "…"
        case .missing: return "не заполнено"
        }
    }
}

/// A mistake of the form's definition found while computing (text added to a number …):
/// the author's error, not the data's.
package struct EvaluationError: Error {
    var message: String
}

/// Evaluates expressions over one record's values: paths are looked up in the current row of an
/// `each:` rule first, then in the whole record. A missing value makes the result missing.
package struct Evaluator {
    var root: [String: Value]
    var row: [String: Value]? = nil
    /// The fields of the current row's list, filled or not.
    var rowFields: Set<String> = []

    package init(root: [String: Value], row: [String: Value]? = nil, rowFields: Set<String> = []) {
        (self.root, self.row, self.rowFields) = (root, row, rowFields)
    }

    package func evaluate(_ expression: Expression) throws(EvaluationError) -> Datum {
        switch expression {
        case .number(let n): return .number(n, n.isInteger ? .integer : .decimal)
        case .text(let s): return .text(s)
        case .flag(let b): return .flag(b)
        case .path(let path): return lookup(path)
        case .unary(let op, let operand):
            let value = try evaluate(operand)
            switch (op, value) {
            case (_, .missing): return .missing
            case ("-", .number(let d, let kind)): return .number(-d, kind)
            case ("not", .flag(let b)): return .flag(!b)
            default: throw EvaluationError(message: "«\(op)» нельзя применить к значению «\(value.russian)»")
            }
        case .binary(let op, let left, let right):
            return try binary(op, try evaluate(left), try evaluate(right))
        case .call(let name, let args):
            return try call(name, args)
        }
    }

    private func lookup(_ path: FieldPath) -> Datum {
        let first = path.components[0].name
        if let row, rowFields.contains(first) { return Self.resolve(path.components[...], in: row) }
        return Self.resolve(path.components[...], in: root)
    }

    static func resolve(_ components: ArraySlice<FieldPath.Component>, in entries: [String: Value]) -> Datum {
        guard let first = components.first, let value = entries[first.name] else { return .missing }
        let rest = components.dropFirst()
        if first.each {
            guard case let .list(items) = value else { return .missing }
            return .list(items.map { rest.isEmpty ? Datum($0) : resolve(rest, in: $0) })
        }
        return rest.isEmpty ? Datum(value) : resolve(rest, in: value)
    }

    private static func resolve(_ components: ArraySlice<FieldPath.Component>, in value: Value) -> Datum {
        guard case let .object(entries) = value else { return .missing }
        return resolve(components, in: FormData.dictionary(entries))
    }

    private func binary(_ op: String, _ a: Datum, _ b: Datum) throws(EvaluationError) -> Datum {
        switch op {
        case "and":
            if a == .flag(false) || b == .flag(false) { return .flag(false) }
            if a == .missing || b == .missing { return .missing }
            let (x, y) = (try flag(a), try flag(b))
            return .flag(x && y)
        case "or":
            if a == .flag(true) || b == .flag(true) { return .flag(true) }
            if a == .missing || b == .missing { return .missing }
            let (x, y) = (try flag(a), try flag(b))
            return .flag(x || y)
        default:
            break
        }
        if a == .missing || b == .missing { return .missing }
        switch (a, b) {
        case let (.number(x, kx), .number(y, ky)):
            let kind: Datum.NumberKind = kx == .money || ky == .money ? .money
                : kx == .percent || ky == .percent ? .percent
                : kx == .decimal || ky == .decimal ? .decimal : .integer
            switch op {
            case "+": return .number(x + y, kind)
            case "-": return .number(x - y, kind)
            case "*": return .number(x * y, kind)
            case "/":
                guard let quotient = x / y else { return .missing }
                return .number(quotient, kx == .money && ky != .money ? .money : .decimal)
            default: return .flag(compare(op, x, y))
            }
        case let (.text(x), .text(y)) where op == "==" || op == "!=":
            return .flag((x == y) == (op == "=="))
        case let (.flag(x), .flag(y)) where op == "==" || op == "!=":
            return .flag((x == y) == (op == "=="))
        case let (.date(x), .date(y)) where !["+", "-", "*", "/"].contains(op):
            return .flag(compare(op, x, y))
        case let (.dateTime(x), .dateTime(y)) where !["+", "-", "*", "/"].contains(op):
            return .flag(compare(op, x, y))
        default:
            throw EvaluationError(message: "«\(op)» нельзя применить к значениям «\(a.russian)» и «\(b.russian)»")
        }
    }

    private func compare<T: Comparable>(_ op: String, _ x: T, _ y: T) -> Bool {
        switch op {
        case "==": return x == y
        case "!=": return x != y
        case "<": return x < y
        case "<=": return x <= y
        case ">": return x > y
        default: return x >= y
        }
    }

    private func flag(_ d: Datum) throws(EvaluationError) -> Bool {
        guard case let .flag(b) = d else { throw EvaluationError(message: "ожидалось условие, а получено «\(d.russian)»") }
        return b
    }

    private func call(_ name: String, _ args: [Expression]) throws(EvaluationError) -> Datum {
        let first = try evaluate(args[0])
        if name == "present" { return .flag(first.isPresent) }
        // if(condition, then, else): only the chosen branch is evaluated.
        if name == "if" { return first == .missing ? .missing : try evaluate(args[try flag(first) ? 1 : 2]) }
        if first == .missing { return name == "count" ? .number(.zero, .integer) : .missing }
        if name == "days" || name == "years" {
            // Calendar days from the first date to the second: the terms the acts count («не менее десяти дней»);
            // full years: an age («достигшие 18 лет»).
            let second = try evaluate(args[1])
            if second == .missing { return .missing }
            guard case let .date(from) = first, case let .date(to) = second else {
                throw EvaluationError(message: "\(name): ожидались две даты, а указаны «\(first.russian)» и «\(second.russian)»")
            }
            if name == "days" { return .number(DecimalNumber(to.dayNumber - from.dayNumber), .integer) }
            let birthdayPassed = (to.month, to.day) >= (from.month, from.day)
            return .number(DecimalNumber(to.year - from.year - (birthdayPassed ? 0 : 1)), .integer)
        }
        if name == "round" {
            guard case let .number(x, kind) = first else { return .missing }
            guard case let .number(scale, _) = try evaluate(args[1]), let places = scale.integerPart, abs(places) <= 30 else {
                throw EvaluationError(message: "round: второй аргумент — число знаков после запятой")
            }
            return .number(x.rounded(Int(places)), kind)
        }
        let items: [Datum]
        if case let .list(list) = first { items = list.filter { $0 != .missing } } else { items = first == .missing ? [] : [first] }
        if name == "count" { return .number(DecimalNumber(items.count), .integer) }
        var numbers: [(DecimalNumber, Datum.NumberKind)] = []
        for item in items {
            guard case let .number(x, kind) = item else {
                throw EvaluationError(message: "\(name): ожидались числа, а среди значений «\(item.russian)»")
            }
            numbers.append((x, kind))
        }
        let kind = numbers.first?.1 ?? .integer
        switch name {
        case "sum": return .number(numbers.reduce(.zero) { $0 + $1.0 }, kind)
        case "avg":
            guard !numbers.isEmpty else { return .missing }
            return .number((numbers.reduce(.zero) { $0 + $1.0 } / DecimalNumber(numbers.count))!, kind == .integer ? .decimal : kind)
        case "min": return numbers.map { $0.0 }.min().map { .number($0, kind) } ?? .missing
        default: return numbers.map { $0.0 }.max().map { .number($0, kind) } ?? .missing
        }
    }
}
