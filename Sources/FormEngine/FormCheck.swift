import Diagnostics
import RussianText
import Values

/// One filled form: the checked values, completed with the computed ones.
public struct FormRecord: Sendable {
    public let values: [String: Value]
    /// Where the record starts in the data file (a YAML mapping, a CSV row).
    public let location: SourceLocation

    /// A record made by the program itself (a sheet prefilled for a member); not checked, so
    /// what it leaves out is printed as lines to fill by hand.
    package init(values: [String: Value], location: SourceLocation) {
        (self.values, self.location) = (values, location)
    }

    /// The record without its personal data (fields marked `personal`), as the portal publishes
    /// it: the document prints lines to fill in their place.
    public func withoutPersonalData(_ fields: [Field]) -> FormRecord {
        func strip(_ values: [String: Value], _ fields: [Field]) -> [String: Value] {
            var values = values
            for field in fields {
                if field.personal { values[field.name] = nil; continue }
                guard !field.subfields.isEmpty, let value = values[field.name] else { continue }
                values[field.name] = strip(value, field.subfields)
            }
            return values
        }
        func strip(_ value: Value, _ fields: [Field]) -> Value {
            switch value {
            case .object(let entries):
                let kept = strip(FormData.dictionary(entries), fields)
                return .object(entries.compactMap { entry in kept[entry.name].map { Value.Entry(name: entry.name, value: $0) } })
            case .list(let rows): return .list(rows.map { strip($0, fields) })
            default: return value
            }
        }
        return FormRecord(values: strip(values, fields), location: location)
    }

    /// The value at a path without `[]` (`recipient.short_name`), as a document prints it.
    public func text(at path: FieldPath) -> String? {
        FormData.lookup(path, in: values).map { $0.text(.document(format: nil)) }
    }
}

/// The records of a data file and every problem found in them.
public struct FormInput: Sendable {
    public var records: [FormRecord]
    public var diagnostics: [Diagnostic]
    /// A list of records (a YAML list, a CSV table) rather than one document's data.
    public var isBatch: Bool

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    package init(records: [FormRecord], diagnostics: [Diagnostic], isBatch: Bool) {
        self.records = records
        // In the order of the file: a batch's problems come row by row.
        self.diagnostics = diagnostics.enumerated().sorted { a, b in
            let (la, lb) = (a.element.location, b.element.location)
            if let la, let lb, la != lb { return la < lb }
            return a.offset < b.offset
        }.map { item in
            // Messages quote values: a control character in one (an escape sequence) must not reach the terminal raw.
            var d = item.element
            d.message = FormData.printable(d.message)
            d.hint = d.hint.map(FormData.printable)
            return d
        }
        self.isBatch = isBatch
    }
}

/// Checks the records of a form's data — characters, types, identifiers, accounts against their
/// БИК, computed values, amounts in words, rules — collecting every problem. The same code checks
/// a file natively (Yams' nodes) and answers in the browser (`DataTree`).
public enum FormData {
    /// Checks one record, a mapping of the data; nil when it has errors (they are in `diagnostics`).
    @_specialize(where Source == DataTreeSource)  // CSV rows and the browser's answers, called from other modules
    package static func check<Source: DataSource>(_ record: Source.Node, at location: SourceLocation, source: Source,
                                                  form: FormDefinition, _ diagnostics: inout [Diagnostic]) -> FormRecord? {
        guard let mapping = record.pairs else { return nil }
        var problems: [Diagnostic] = []
        var budget = maximumValues
        checkCharacters(record, path: "", source: source, budget: &budget, &problems)
        if budget < 0 {
            problems.append(.error("data-too-large", at: location,
                                   "в записи больше \(RussianFormat.integer(Int64(maximumValues))) значений "
                                       + "(вместе с раскрытыми ссылками YAML «*»)",
                                   hint: "в форме столько значений не бывает; проверьте ссылки «*» на якоря «&»"))
            // Not read further: reading it would take as long as walking it.
            diagnostics += problems.prefix(100)
            return nil
        }
        var reader = ValueReader(source: source)
        reader.ignoresUnknownFields = form.requiresEverySlot
        var values = reader.readFields(mapping, fields: form.fields, at: location, context: "формы «\(form.id)»")
        problems += reader.diagnostics
        let locations = reader.locations
        let at = { (path: String) in locations[path] ?? location }

        AccountCheck.check(form.fields, values: values, root: values, at: at, &problems)
        var evaluator = Evaluator(root: values)
        for computed in form.computed {
            do throws(EvaluationError) {
                if let each = computed.each {
                    values[each] = try computeInRows(computed, of: each, values: values)
                } else if let value = value(of: try evaluator.evaluate(computed.expression), as: computed.type) {
                    values[computed.name] = value
                }
                evaluator.root = values
            } catch {
                problems.append(definitionError(error, form: form, at: computed.location, what: "значения «\(computed.name)»"))
            }
        }
        checkAmountsInWords(form.amountsInWords, form: form, values: values, at: at, &problems)
        for rule in form.rules {
            check(rule, form: form, values: values, at: at, recordLocation: location, &problems)
        }
        if form.requiresEverySlot { SlotCompleteness.check(form, values: values, at: at, &problems) }
        diagnostics += problems
        return problems.contains { $0.severity == .error } ? nil : FormRecord(values: values, location: location)
    }

    /// Whether a character may stand in form data: what no content may hold either
    /// (`ForbiddenCharacters`: XML, and so HTML and ODT, cannot hold them), but for a carriage
    /// return, with which spreadsheet cells end their lines.
    package static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\r" || !ForbiddenCharacters.isForbidden(scalar)
    }

    /// The most keys and values one record may have. YAML aliases are copies of their anchor's
    /// nodes, so nine aliases of nine aliases … make billions of them out of a few lines.
    package static let maximumValues = 200_000

    /// Every key and value of a record, whatever field it belongs to, is checked for characters
    /// no document may hold; the message names the value by its path. Stops, `budget` below zero,
    /// after `maximumValues` nodes.
    private static func checkCharacters<Source: DataSource>(_ node: Source.Node, path: String, source: Source, budget: inout Int,
                                                            _ problems: inout [Diagnostic]) {
        budget -= 1
        guard budget >= 0 else { return }
        if let mapping = node.pairs {
            for (key, value) in mapping {
                let name = key.scalarText ?? ""
                let inner = path.isEmpty ? name : path + "." + name
                if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) {
                    problems.append(controlCharacter(bad, in: "имени поля «\(printable(inner))»", at: source.location(of: key), path: inner))
                    continue
                }
                checkCharacters(value, path: inner, source: source, budget: &budget, &problems)
                if budget < 0 { return }
            }
        } else if let items = node.items {
            for (index, item) in items.enumerated() {
                checkCharacters(item, path: "\(path)[\(index + 1)]", source: source, budget: &budget, &problems)
                if budget < 0 { return }
            }
        } else if let bad = node.scalarText?.unicodeScalars.first(where: { !isAllowed($0) }) {
            problems.append(controlCharacter(bad, in: "значении поля «\(path)»", at: source.location(of: node), path: path))
        }
    }

    private static func controlCharacter(_ scalar: Unicode.Scalar, in what: String, at location: SourceLocation,
                                         path: String) -> Diagnostic {
        .error("control-character", at: location, "в \(what) управляющий символ \(ForbiddenCharacters.name(scalar))",
               hint: controlCharacterHint, path: path)
    }

    package static let controlCharacterHint = "уберите его: в документ попадают только печатные символы, табуляция и переводы строк "
        + "(такие символы остаются после копирования из других программ)"

    /// A text for a message with its forbidden characters (and «\r») shown as U+XXXX.
    package static func printable(_ text: String) -> String {
        func hidden(_ scalar: Unicode.Scalar) -> Bool { ForbiddenCharacters.isForbidden(scalar) }
        guard text.unicodeScalars.contains(where: hidden) else { return text }
        return text.unicodeScalars.map { hidden($0) ? ForbiddenCharacters.name($0) : String($0) }.joined()
    }

    /// An amount in words states a sum due: a negative one is an error of the data, named by its path.
    private static func checkAmountsInWords(_ paths: [FieldPath], form: FormDefinition, values: [String: Value],
                                            at: (String) -> SourceLocation, _ problems: inout [Diagnostic]) {
        for slot in paths {
            let computed = form.computed.first { $0.name == slot.components.last?.name }
            for (concrete, value) in self.values(at: slot.components[...], in: values, prefix: "") {
                let amounts: [(String, Value)] = if case let .list(items) = value {
                    items.enumerated().map { ("\(concrete)[\($0 + 1)]", $1) }
                } else {
                    [(concrete, value)]
                }
                for case let (path, .money(money)) in amounts where money.kopecks < 0 {
                    problems.append(.error("negative-amount", at: at(path),
                                           "«\(path)»: сумма прописью не может быть отрицательной, а получилось "
                                               + RussianFormat.money(money),
                                           hint: computed.map { "значение вычисляется (\($0.text)) и печатается в документе прописью; "
                                               + "проверьте суммы, из которых оно складывается" }
                                               ?? "сумма печатается в документе прописью; укажите сумму не меньше нуля",
                                           path: path))
                }
            }
        }
    }

    /// The values at a path, through every row of its lists, each with its path: `estimate[2].subsidy`.
    private static func values(at components: ArraySlice<FieldPath.Component>, in values: [String: Value],
                               prefix: String) -> [(String, Value)] {
        guard let component = components.first, let value = values[component.name] else { return [] }
        let path = prefix + component.name
        let rest = components.dropFirst()
        let found: [(String, Value)] = if component.each, case let .list(items) = value {
            items.enumerated().map { ("\(path)[\($0 + 1)]", $1) }
        } else {
            [(path, value)]
        }
        guard !rest.isEmpty else { return found }
        return found.flatMap { path, value -> [(String, Value)] in
            guard case let .object(entries) = value else { return [] }
            return Self.values(at: rest, in: dictionary(entries), prefix: path + ".")
        }
    }

    /// A computed column: the value is added to every row of the list.
    private static func computeInRows(_ computed: ComputedValue, of list: String, values: [String: Value]) throws(EvaluationError) -> Value? {
        guard case let .list(rows)? = values[list] else { return values[list] }
        var result: [Value] = []
        for row in rows {
            guard case let .object(entries) = row else { result.append(row); continue }
            let evaluator = Evaluator(root: values, row: dictionary(entries), rowFields: computed.rowFields)
            let value = value(of: try evaluator.evaluate(computed.expression), as: computed.type)
            result.append(.object(entries + (value.map { [Value.Entry(name: computed.name, value: $0)] } ?? [])))
        }
        return .list(result)
    }

    private static func check(_ rule: Rule, form: FormDefinition, values: [String: Value], at: (String) -> SourceLocation,
                              recordLocation: SourceLocation, _ problems: inout [Diagnostic]) {
        // The rows a rule is checked in: the record itself, or each row of its `each:` list.
        var scopes: [(prefix: String, evaluator: Evaluator)] = [("", Evaluator(root: values))]
        if let each = rule.each {
            guard case let .list(rows) = lookup(each, in: values) else { return }
            scopes = rows.enumerated().map { index, row in
                guard case let .object(entries) = row else { return ("\(each)[\(index + 1)].", Evaluator(root: values)) }
                return ("\(each)[\(index + 1)].", Evaluator(root: values, row: dictionary(entries), rowFields: rule.rowFields))
            }
        }
        for (prefix, evaluator) in scopes {
            do throws(EvaluationError) {
                if let when = rule.when, try evaluator.evaluate(when) != .flag(true) { continue }
                let result = try evaluator.evaluate(rule.check)
                guard result == .flag(false) else {
                    if result != .missing, result != .flag(true) {
                        throw EvaluationError(message: "условие «\(rule.text)» дало «\(result.russian)», а не да/нет")
                    }
                    continue
                }
                var message = ""
                for part in rule.message {
                    switch part {
                    case .text(let s): message += s
                    case .value(let e, _): message += try evaluator.evaluate(e).russian
                    }
                }
                let path = prefix + rule.field
                problems.append(Diagnostic(rule.severity, "form-rule", at: at(path), "«\(path)»: \(message)", hint: rule.hint, path: path))
            } catch {
                problems.append(definitionError(error, form: form, at: rule.location, what: "правила «\(rule.text)»"))
            }
        }
    }

    private static func definitionError(_ error: EvaluationError, form: FormDefinition, at location: SourceLocation,
                                        what: String) -> Diagnostic {
        .error("form-definition", at: location, "ошибка в описании формы при вычислении \(what): \(error.message)",
               hint: "это ошибка описания формы \(form.file), а не данных")
    }

    /// An object's entries by name (the first of a repeated name).
    package static func dictionary(_ entries: [Value.Entry]) -> [String: Value] {
        var result: [String: Value] = [:]
        for entry in entries where result[entry.name] == nil { result[entry.name] = entry.value }
        return result
    }

    /// The value at a path through objects (not through lists).
    package static func lookup(_ path: FieldPath, in values: [String: Value]) -> Value? {
        var entries = values
        var value: Value?
        for component in path.components {
            guard let next = entries[component.name] else { return nil }
            value = next
            if case let .object(inner) = next { entries = dictionary(inner) }
        }
        return value
    }

    /// A computed result as a typed value: money to the kopeck, integers rounded.
    static func value(of datum: Datum, as type: FieldType?) -> Value? {
        switch datum {
        case .number(let d, let kind):
            let type = type ?? [.money: .money, .percent: .percent, .integer: .integer][kind] ?? .decimal
            switch type {
            case .money: return .money(Money(rubles: d))
            case .integer: return .integer(d.rounded(0).integerPart ?? (d < .zero ? .min : .max))
            case .percent: return .percent(d)
            default: return .decimal(d)
            }
        case .text(let s): return .string(s)
        case .flag(let b): return .boolean(b)
        case .date(let d): return .date(d)
        case .dateTime(let t): return .datetime(t)
        case .list(let items): return .list(items.compactMap { value(of: $0, as: type) })
        case .group, .missing: return nil
        }
    }
}

extension Evaluator {
    func evaluate(path: FieldPath) -> Datum {
        (try? evaluate(.path(path))) ?? .missing
    }
}
