import Diagnostics
import Values

/// The names a path may use: the form's fields and computed values, and inside an `each:` rule
/// the columns of its list first.
package struct PathScope {
    package var fields: [Field]
    package var rowFields: [Field] = []

    package init(fields: [Field]) { self.fields = fields }

    /// The path if it names a field; otherwise a message saying what is wrong.
    @discardableResult
    package func check(_ text: String, at location: SourceLocation, _ diagnostics: inout [Diagnostic]) -> FieldPath? {
        guard let path = FieldPath(text) else {
            diagnostics.append(.error("form-path", at: location, "«\(text)» — не путь к полю",
                                      hint: "имена полей через точку, строки списка — с []: estimate[].subsidy"))
            return nil
        }
        let first = path.components[0].name
        let inRow = rowFields.contains { $0.name == first }
        switch Self.resolve(path, in: inRow ? rowFields : fields) {
        case .success:
            return path
        case .failure(let problem):
            diagnostics.append(.error("form-path", at: location, "путь «\(text)»: \(problem.message)", hint: problem.hint))
            return nil
        }
    }

    /// For `each: list`: the scope of one row of that list.
    package mutating func enterRows(of text: String, at location: SourceLocation, _ diagnostics: inout [Diagnostic]) -> FieldPath? {
        guard let path = check(text, at: location, &diagnostics) else { return nil }
        guard case let .success(field?) = Self.resolve(path, in: fields), field.type == .list else {
            diagnostics.append(.error("form-each", at: location, "each: «\(text)» — не список", hint: "укажите поле типа list"))
            return nil
        }
        rowFields = field.subfields
        return path
    }

    package struct Problem: Error {
        package var message: String
        package var hint: String?
    }

    /// The field a path ends at (nil for a row number `#`).
    package static func resolve(_ path: FieldPath, in fields: [Field]) -> Result<Field?, Problem> {
        var current = fields
        var field: Field?
        for (index, component) in path.components.enumerated() {
            let isLast = index == path.components.count - 1
            if component.name == "#" {
                guard index > 0, path.components[index - 1].each, isLast else {
                    return .failure(Problem(message: "номер строки «#» ставится сразу после списка с []", hint: "estimate[].#"))
                }
                return .success(nil)
            }
            guard let found = current.first(where: { $0.name == component.name }) else {
                return .failure(Problem(message: "нет поля «\(component.name)»", hint: nearestHint(component.name, current.map { $0.name }, listed: "поля")))
            }
            field = found
            if found.type == .list {
                if !component.each && !isLast {
                    return .failure(Problem(message: "«\(found.name)» — список", hint: "путь через строки списка пишется с []: \(found.name)[]"))
                }
                current = found.subfields
            } else {
                if component.each {
                    return .failure(Problem(message: "«\(found.name)» — не список, [] после него не нужны"))
                }
                if !isLast && found.type != .object {
                    return .failure(Problem(message: "у поля «\(found.name)» нет вложенных полей"))
                }
                current = found.subfields
            }
        }
        return .success(field)
    }
}
