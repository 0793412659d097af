import Diagnostics
import DocumentTree
import Values

/// A model act filled from a profile is finished text: every slot of the chosen variants needs a
/// value, and no value may itself be a line to fill in. Whatever is missing is an error that names
/// the value and where the act uses it, so the profile can be completed before anything is written.
enum SlotCompleteness {
    static func check(_ form: FormDefinition, values: [String: Value], at: (String) -> SourceLocation,
                      _ problems: inout [Diagnostic]) {
        let filler = Filler(values: values, fields: form.allFields, paths: form.slotPaths)
        var uses: [(slot: Slot, path: FieldPath)] = []
        for block in form.template.blocks { collect(block, filler: filler, into: &uses) }
        for note in form.template.footnotes {
            for block in note.blocks { collect(block, filler: filler, into: &uses) }
        }
        var reported: Set<String> = []
        for (slot, path) in uses where !reported.contains(path.description) {
            let name = path.description
            let value = filler.lookup(path, bindings: [:])
            let use = "акт использует его: \(form.file):\(slot.line):\(slot.column)"
            if value == nil || !chooses(slot, value) {
                reported.insert(name)
                problems.append(.error("act-value-missing", at: at(parent(of: name)),
                                       "не указано «\(label(of: path, in: form.allFields))» (\(name)); \(use)",
                                       hint: hint(for: slot, path: path, form: form), path: name))
            } else if let value, value.text(.document(format: nil)).contains("_") {
                reported.insert(name)
                problems.append(.error("act-value-blank", at: at(name),
                                       "в значении «\(name)» подчёркивания — строка для заполнения от руки; \(use)",
                                       hint: "впишите значение полностью: в принятом акте пропусков нет", path: name))
            }
        }
    }

    /// The slots of the text a profile keeps: no guidance, only the chosen variants.
    private static func collect(_ block: Block, filler: Filler, into uses: inout [(slot: Slot, path: FieldPath)]) {
        switch block {
        case .heading(let h): collect(h.content, filler: filler, into: &uses)
        case .paragraph(let p): collect(p.content, filler: filler, into: &uses)
        case .list(let l): for item in l.items { for b in item { collect(b, filler: filler, into: &uses) } }
        case .quote(let blocks): for b in blocks { collect(b, filler: filler, into: &uses) }
        case .container(let c):
            if c.kind == .guidance || (c.choice != nil && !filler.isChosen(c)) { return }
            for b in c.blocks { collect(b, filler: filler, into: &uses) }
        case .table(let t):
            for row in t.rows { for cell in row.cells { for p in cell.content { collect(p, filler: filler, into: &uses) } } }
        case .code, .rule: break
        }
    }

    private static func collect(_ inlines: [Inline], filler: Filler, into uses: inout [(slot: Slot, path: FieldPath)]) {
        for inline in inlines {
            switch inline {
            case .slot(let slot):
                if slot.key != Filler.handwritten, let path = filler.paths[slot.key] { uses.append((slot, path)) }
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c):
                collect(c, filler: filler, into: &uses)
            default: break
            }
        }
    }

    /// An alternative needs a value it lists.
    private static func chooses(_ slot: Slot, _ value: Value?) -> Bool {
        guard let choices = slot.choices else { return true }
        guard case let .choice(chosen)? = value else { return false }
        return choices.contains { $0.value == chosen.value }
    }

    /// «Наименование субъекта Российской Федерации, родительный падеж».
    private static func label(of path: FieldPath, in fields: [Field]) -> String {
        var labels: [String] = []
        var current = fields
        for component in path.components {
            guard let field = current.first(where: { $0.name == component.name }) else { break }
            labels.append(field.label)
            current = field.subfields
        }
        return labels.joined(separator: ", ")
    }

    private static func hint(for slot: Slot, path: FieldPath, form: FormDefinition) -> String {
        if let choices = slot.choices {
            return "выберите одно из значений: " + choices.map { $0.value }.joined(separator: ", ")
        }
        if let computed = form.computed.first(where: { $0.name == path.description }) {
            return "значение вычисляется (\(computed.text)): укажите в профиле значения, из которых оно берётся"
        }
        let yaml = path.components.enumerated().map { index, component in
            String(repeating: "  ", count: index) + component.name + ":"
        }.joined(separator: "\n")
        return "добавьте в профиль:\n" + yaml + " …"
    }

    /// `region.genitive` → `region`: a missing case is reported where its name's cases are.
    private static func parent(of path: String) -> String {
        path.lastIndex(of: ".").map { String(path[..<$0]) } ?? path
    }
}
