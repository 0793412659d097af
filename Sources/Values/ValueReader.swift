import Diagnostics
import RussianText

/// Reads YAML nodes as typed values of fields, collecting every problem on the way.
/// Messages name a value by its path (`estimate[3].subsidy`, list rows counted from 1), and the
/// position of every value read is kept by path for checks made later (form rules).
package struct ValueReader<Source: DataSource> {
    let source: Source
    package private(set) var diagnostics: [Diagnostic] = []
    package private(set) var locations: [String: SourceLocation] = [:]

    package init(source: Source) {
        self.source = source
    }

    /// Reads the fields of a mapping (an item's front matter or a data entry, or an object value).
    /// Missing required fields are reported at `location`; unknown keys are warnings.
    /// Top-level keys no field describes are passed over silently: a profile holds the values of
    /// every model act, and each act reads its own.
    package var ignoresUnknownFields = false

    // Callers in other modules get the generic code; for data trees (CSV rows, the browser's
    // answers) it hands over to this one, compiled for them.
    @_specialize(where Source == DataTreeSource)
    package mutating func readFields(_ mapping: Source.Node.Pairs, fields: [Field], at location: SourceLocation,
                                     context: String, prefix: String = "") -> [String: Value] {
        var values: [String: Value] = [:]
        var present: Set<String> = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.scalarText ?? ""
            guard let field = fields.first(where: { $0.name == key }) else {
                if key == "<<" {
                    diagnostics.append(.error("yaml-merge", at: source.location(of: keyNode),
                                              "слияние полей (<<) не поддерживается: поля другой записи сюда не попадут",
                                              hint: "перечислите поля этой записи полностью, без «<<: *имя»", path: prefix + key))
                    continue
                }
                if ignoresUnknownFields, prefix.isEmpty { continue }
                diagnostics.append(.warning("unknown-field", at: source.location(of: keyNode),
                                            "поле «\(key)» не описано в схеме \(context) и не будет показано",
                                            hint: nearestHint(key, fields.map { $0.name }, listed: "поля схемы"), path: prefix + key))
                continue
            }
            present.insert(key)
            let path = prefix + key
            locations[path] = source.location(of: valueNode)
            if valueNode.isNull {
                if field.required { missing(field, path: path, at: source.location(of: valueNode)) }
                continue
            }
            if let value = read(valueNode, as: field, path: path) { values[key] = value }
        }
        for field in fields where !present.contains(field.name) {
            if let value = field.defaultValue {
                values[field.name] = value
            } else if field.required {
                missing(field, path: prefix + field.name, at: location)
            }
        }
        return values
    }

    private mutating func missing(_ field: Field, path: String, at location: SourceLocation) {
        diagnostics.append(.error("missing-required", at: location,
                                  "не заполнено обязательное поле «\(path)» (\(field.label))",
                                  hint: "добавьте строку «\(field.name): …»; ожидается \(field.type.expectation)", path: path))
    }

    /// One value of a field; nil when it is wrong (and then a diagnostic says why).
    package mutating func read(_ node: Source.Node, as field: Field, path: String? = nil) -> Value? {
        let path = path ?? field.name
        let at = source.location(of: node)
        switch field.type {
        case .list:
            guard let sequence = node.items else {
                return fail(field, path, node, "ожидался список")
            }
            if let minItems = field.minItems, sequence.count < minItems {
                diagnostics.append(.error("too-few-items", at: at,
                                          "в поле «\(path)» \(sequence.count) элем., нужно не меньше \(minItems)",
                                          hint: "добавьте элементы списка: каждый с новой строки после «- »", path: path))
            }
            if let maxItems = field.maxItems, sequence.count > maxItems {
                diagnostics.append(.error("too-many-items", at: at,
                                          "в поле «\(path)» \(sequence.count) элем., допускается не больше \(maxItems)",
                                          hint: "уберите лишние элементы списка", path: path))
            }
            let element = field.element
            var values: [Value] = []
            for (index, node) in sequence.enumerated() {
                let elementPath = "\(path)[\(index + 1)]"
                locations[elementPath] = source.location(of: node)
                if let value = read(node, as: element, path: elementPath) { values.append(value) }
            }
            return values.count == sequence.count ? .list(values) : nil
        case .object:
            guard let mapping = node.pairs else {
                return fail(field, path, node, "ожидался набор вложенных полей")
            }
            let values = readFields(mapping, fields: field.subfields, at: at, context: "поля «\(path)»",
                                    prefix: path + ".")
            return .object(field.subfields.compactMap { f in values[f.name].map { Value.Entry(name: f.name, value: $0) } })
        case .breakdown:
            return readBreakdown(node, field: field, path: path, isPart: false)
        case .deadline:
            if let mapping = node.pairs { return readTerm(mapping, node: node, field: field, path: path) }
            guard let text = node.scalarText else { return fail(field, path, node, "ожидалась дата или срок") }
            let asDate = Field(name: field.name, label: field.label, type: text.count > 10 ? .datetime : .date,
                               location: field.location)
            return readScalar(text, node: node, as: asDate, path: path)
        default:
            guard let text = node.scalarText else {
                return fail(field, path, node, "ожидалось одно значение, а указан \(node.kindName)")
            }
            return readScalar(text, node: node, as: field, path: path)
        }
    }

    /// «Всего, в том числе»: a total (`amount`) and its parts, each with a `label`; the parts may not
    /// add up to more than the total (a part may leave out what is not itemised).
    private mutating func readBreakdown(_ node: Source.Node, field: Field, path: String, isPart: Bool) -> Value? {
        guard let mapping = node.pairs else {
            return fail(field, path, node, "ожидалась сумма с частями: amount: и parts:")
        }
        let at = source.location(of: node)
        var label: String?, amount: Money?, parts: [Value] = [], partsNode: Source.Node?, broken = false
        for (keyNode, valueNode) in mapping {
            switch keyNode.scalarText ?? "" {
            case "label":
                label = valueNode.scalarText
            case "amount":
                guard let text = valueNode.scalarText, let m = Money(parsing: text) else {
                    _ = fail(field, path + ".amount", valueNode, "«\(valueNode.scalarText ?? "")» — не денежная сумма")
                    broken = true
                    continue
                }
                amount = m
            case "parts":
                partsNode = valueNode
                guard let sequence = valueNode.items else {
                    _ = fail(field, path + ".parts", valueNode, "ожидался список частей")
                    broken = true
                    continue
                }
                for (index, part) in sequence.enumerated() {
                    let partPath = "\(path).parts[\(index + 1)]"
                    locations[partPath] = source.location(of: part)
                    if let value = readBreakdown(part, field: field, path: partPath, isPart: true) {
                        parts.append(value)
                    } else {
                        broken = true
                    }
                }
            case let key:
                diagnostics.append(.warning("unknown-field", at: source.location(of: keyNode),
                                            "поле «\(path).\(key)» не предусмотрено для суммы «всего, в том числе»",
                                            hint: nearestHint(key, ["label", "amount", "parts"], listed: "ключи"), path: path + "." + key))
            }
        }
        if isPart && label == nil {
            diagnostics.append(.error("missing-required", at: at, "у части «\(path)» нет названия (label)",
                                      hint: "например: label: членские взносы", path: path))
            broken = true
        }
        guard let amount, !broken else {
            if !broken { missing(field, path: path + ".amount", at: at) }
            return nil
        }
        // Saturating: a hundred parts of a quadrillion roubles each must not overflow.
        let partsTotal = parts.reduce(Int64(0)) { total, part in
            let (sum, overflow) = total.addingReportingOverflow(Value.breakdownAmount(part)?.kopecks ?? 0)
            return overflow ? (total < 0 ? .min : .max) : sum
        }
        if let partsNode, partsTotal > amount.kopecks {
            diagnostics.append(.error("parts-exceed-total", at: source.location(of: partsNode),
                                      "«\(path)»: части «в том числе» в сумме \(RussianFormat.money(Money(kopecks: partsTotal))) — больше итога «всего» \(RussianFormat.money(amount))",
                                      hint: "проверьте суммы частей и итог: части не могут превышать целое", path: path))
            return nil
        }
        var entries: [Value.Entry] = []
        if let label { entries.append(.init(name: "label", value: .string(label))) }
        entries.append(.init(name: "amount", value: .money(amount)))
        if !parts.isEmpty { entries.append(.init(name: "parts", value: .list(parts))) }
        return .object(entries)
    }

    /// A term counted in working days after another date of the item; resolved with the working-day calendar.
    private mutating func readTerm(_ mapping: Source.Node.Pairs, node: Source.Node, field: Field, path: String) -> Value? {
        var after: String?, days: Int64?
        for (keyNode, valueNode) in mapping {
            switch keyNode.scalarText ?? "" {
            case "after": after = valueNode.scalarText
            case "working_days":
                // A hundred years of working days and more is a typo; the bound also keeps the counting short.
                guard let text = valueNode.scalarText, let n = Int64(text), (1...36_500).contains(n) else {
                    return fail(field, path + ".working_days", valueNode, "ожидалось число рабочих дней от 1 до 36 500")
                }
                days = n
            case let key:
                diagnostics.append(.warning("unknown-field", at: source.location(of: keyNode),
                                            "поле «\(path).\(key)» не предусмотрено для срока",
                                            hint: nearestHint(key, ["after", "working_days"], listed: "ключи"), path: path + "." + key))
            }
        }
        guard let after, let days else {
            return fail(field, path, node, "срок в рабочих днях задаётся двумя ключами: after и working_days")
        }
        return .object([.init(name: "after", value: .string(after)), .init(name: "working_days", value: .integer(days))])
    }

    private mutating func readScalar(_ text: String, node: Source.Node, as field: Field, path: String) -> Value? {
        let at = source.location(of: node)
        let value: Value
        switch field.type {
        case .string, .text:
            value = .string(text)
        case .markdown:
            // A block scalar («|») starts on the line after its indicator.
            let line = at.line + (node.isBlockScalar ? 1 : 0)
            value = .markdown(text, line: line)
        case .integer:
            guard let n = Int64(text) else { return fail(field, path, node, "«\(text)» — не целое число") }
            value = .integer(n)
        case .decimal, .percent:
            guard let d = DecimalNumber(parsing: text) else { return fail(field, path, node, "«\(text)» — не число") }
            value = field.type == .percent ? .percent(d) : .decimal(d)
        case .money:
            guard let m = Money(parsing: text) else { return fail(field, path, node, "«\(text)» — не денежная сумма") }
            value = .money(m)
        case .date:
            guard let d = CalendarDate(iso: text) else {
                return fail(field, path, node, badDate(text, looksLike: Shapes.date))
            }
            value = .date(d)
        case .datetime:
            guard let t = CalendarDateTime(iso: text) else {
                return fail(field, path, node, badDate(text, looksLike: Shapes.dateTime))
            }
            value = .datetime(t)
        case .boolean:
            guard let b = parseBoolean(text) else { return fail(field, path, node, "«\(text)» — не да/нет") }
            value = .boolean(b)
        case .enum:
            guard let choice = field.choices.first(where: { $0.value == text }) else {
                let allowed = field.choices.map { "\($0.value) (\($0.label))" }.joined(separator: ", ")
                var hint = "допустимые значения: \(allowed)"
                if let nearest = NearestName.find(text, among: field.choices.map { $0.value }) {
                    hint = "возможно, имелось в виду «\(nearest)»; " + hint
                }
                diagnostics.append(.error("not-in-choices", at: at,
                                          "поле «\(path)»: значение «\(text)» не входит в список допустимых",
                                          hint: hint, path: path))
                return nil
            }
            value = .choice(choice)
        case .url:
            guard Shapes.url.matches(text) else { return fail(field, path, node, "«\(text)» — не адрес страницы") }
            value = .string(text)
        case .email:
            guard Shapes.email.matches(text) else {
                return fail(field, path, node, "«\(text)» — не адрес электронной почты")
            }
            value = .string(text)
        case .phone:
            let digits = text.filter { $0.isASCII && $0.isNumber }.count
            guard Shapes.phone.matches(text),
                  (5...15).contains(digits) else { return fail(field, path, node, "«\(text)» — не номер телефона") }
            value = .string(text)
        case .reference:
            value = .reference(Reference(collection: field.collection ?? "", slug: text, location: at))
        case .inn, .ogrn, .ogrnip, .kpp, .bik, .snils:
            if let problem = field.type.identifier?.validate(text) { return fail(field, path, node, problem.message) }
            value = .string(text)
        case .account, .corrAccount:
            guard text.count == 20, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return fail(field, path, node, "«\(text)» — не номер счёта: нужно 20 цифр без пробелов")
            }
            value = .string(text)
        case .person:
            guard Shapes.person.matches(text) else {
                return fail(field, path, node, "«\(text)» — не фамилия, имя и отчество")
            }
            value = .string(text)
        case .form:
            guard Shapes.name.matches(text) else {
                return fail(field, path, node, "«\(text)» — не имя формы")
            }
            value = .string(text)
        case .postcode:
            guard text.count == 6, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return fail(field, path, node, "«\(text)» — не почтовый индекс")
            }
            value = .string(text)
        case .list, .object, .breakdown, .deadline:
            return nil  // handled by read(_:as:)
        }
        return checkConstraints(value, text: text, node: node, field: field, path: path)
    }

    private mutating func checkConstraints(_ value: Value, text: String, node: Source.Node, field: Field, path: String) -> Value? {
        let at = source.location(of: node)
        if let pattern = field.pattern, !pattern.matches(text) {
            diagnostics.append(.error("pattern-mismatch", at: at,
                                      "поле «\(path)»: значение «\(text)» не подходит по форме",
                                      hint: field.hint ?? "ожидается значение по шаблону \(pattern.source)", path: path))
            return nil
        }
        // Most fields have no bounds: their text is not counted nor their number made.
        guard field.min != nil || field.max != nil else { return value }
        let number: DecimalNumber? = switch value {
        case .integer(let n): DecimalNumber(n)
        case .decimal(let d), .percent(let d): d
        case .money(let m): m.rubles
        case .string(let s) where field.type == .string || field.type == .text: DecimalNumber(s.count)
        default: nil
        }
        guard let number else { return value }
        let isLength = field.type == .string || field.type == .text
        let range = [field.min.map { "не меньше \($0)" }, field.max.map { "не больше \($0)" }].compactMap { $0 }
            .joined(separator: " и ")
        let hint = (isLength ? "длина в символах: " : "допустимо: ") + range
        if let min = field.min, number < min {
            diagnostics.append(.error("below-min", at: at,
                                      isLength ? "поле «\(path)» короче \(min) символов"
                                               : "поле «\(path)»: \(text) меньше допустимого минимума \(min)",
                                      hint: hint, path: path))
            return nil
        }
        if let max = field.max, number > max {
            diagnostics.append(.error("above-max", at: at,
                                      isLength ? "поле «\(path)» длиннее \(max) символов"
                                               : "поле «\(path)»: \(text) больше допустимого максимума \(max)",
                                      hint: hint, path: path))
            return nil
        }
        return value
    }

    private func badDate(_ text: String, looksLike shape: TextPattern) -> String {
        shape.matches(text)
            ? "даты «\(text)» не существует в календаре"
            : "«\(text)» — не дата в нужной форме"
    }

    private mutating func fail(_ field: Field, _ path: String, _ node: Source.Node, _ problem: String) -> Value? {
        var hint = "ожидается \(field.type.expectation)"
        if let fieldHint = field.hint { hint += "\n" + fieldHint }
        diagnostics.append(.error("wrong-type", at: source.location(of: node),
                                  "поле «\(path)» (\(field.label)): \(problem)", hint: hint, path: path))
        return nil
    }
}

/// The shapes of built-in types, compiled once.
enum Shapes {
    static let date = try! TextPattern(#"\d{4}-\d{2}-\d{2}"#)
    static let dateTime = try! TextPattern(#"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}"#)
    /// http(s)://host… with no white space or control character anywhere.
    static let url = try! TextPattern(#"[hH][tT][tT][pP][sS]?://[^\s/?#]+([/?#]\S*)?"#)
    static let email = try! TextPattern(#"[^@\s]+@[^@\s]+\.[^@\s.]+"#)
    static let phone = try! TextPattern(#"\+?[0-9 ()‑–-]+( ?(доб\.|доп\.) ?[0-9]+)?"#)
    static let person = try! TextPattern(#"\p{L}[\p{L}'’-]*( \p{L}[\p{L}'’.-]*){1,3}"#)
    static let name = try! TextPattern("[a-z0-9]+(-[a-z0-9]+)*")
}

/// «true», «yes», «да» and their negatives, in any case.
package func parseBoolean(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "да": return true
    case "false", "no", "нет": return false
    default: return nil
    }
}
