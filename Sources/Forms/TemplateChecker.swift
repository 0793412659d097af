import Content
import Diagnostics
import Markup

/// Checks the slots of a form's template when the form is loaded, so that a misspelt path or
/// format is the author's error with a position, never a silent blank in a clerk's document.
struct TemplateChecker {
    let scope: PathScope
    let file: String
    /// The paths of the slots checked so far, by their text.
    private var paths: [String: FieldPath] = [:]
    /// The paths printed in words (`{{amount:words}}`), in the template's order: an amount in
    /// words states a sum due, so the data's check refuses a negative one there.
    private(set) var amountsInWords: [FieldPath] = []

    init(scope: PathScope, file: String) {
        self.scope = scope
        self.file = file
    }

    /// The formats a slot may ask for (`{{amount:words}}`) and the field types they apply to.
    static let formats: [String: Set<FieldType>] = [
        "words": [.money, .integer],
        "figures": [.money],
        "thousands": [.money],
        "long": [.date, .datetime],
        "short": [.date, .datetime],
        "initials": [.person, .string],
        "tenths": [.decimal, .integer, .percent],
    ]

    /// Checks every slot; returns the paths of the good ones.
    mutating func check(_ document: Document, _ diagnostics: inout [Diagnostic]) -> [String: FieldPath] {
        for block in document.blocks { check(block, inTable: false, &diagnostics) }
        for footnote in document.footnotes {
            for block in footnote.blocks { check(block, inTable: false, &diagnostics) }
        }
        return paths
    }

    private mutating func check(_ block: Block, inTable: Bool, _ diagnostics: inout [Diagnostic]) {
        switch block {
        case .heading(let h): check(h.content, inTable: inTable, &diagnostics)
        case .paragraph(let p): check(p.content, inTable: inTable, &diagnostics)
        case .list(let l): for item in l.items { for b in item { check(b, inTable: inTable, &diagnostics) } }
        case .quote(let blocks): for b in blocks { check(b, inTable: inTable, &diagnostics) }
        case .container(let c):
            if let choice = c.choice { checkVariant(choice, line: c.line, &diagnostics) }
            for b in c.blocks { check(b, inTable: inTable, &diagnostics) }
        case .table(let t):
            for row in t.rows {
                for cell in row.cells { for paragraph in cell.content { check(paragraph, inTable: true, &diagnostics) } }
                let lists = Set(TableExpansion.slots(in: row).compactMap { FieldPath($0.key)?.repeatedList })
                if lists.count > 1, row.kind != .header {
                    let slot = TableExpansion.slots(in: row)[0]
                    diagnostics.append(.error("form-template-row", at: location(slot),
                                              "в одной строке таблицы пути разных списков: "
                                                  + lists.map { "«\($0)»" }.sorted().joined(separator: ", "),
                                              hint: "строка повторяется для строк одного списка"))
                }
            }
        case .code, .rule: break
        }
    }

    private mutating func check(_ inlines: [Inline], inTable: Bool, _ diagnostics: inout [Diagnostic]) {
        for inline in inlines {
            switch inline {
            case .slot(let slot): check(slot, inTable: inTable, &diagnostics)
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c):
                check(c, inTable: inTable, &diagnostics)
            default: break
            }
        }
    }

    private mutating func check(_ slot: Slot, inTable: Bool, _ diagnostics: inout [Diagnostic]) {
        if slot.key == Filler.handwritten { return }
        guard let path = scope.check(slot.key, at: location(slot), &diagnostics) else { return }
        paths[slot.key] = path
        if path.repeatedList != nil, !inTable {
            diagnostics.append(.error("form-template-list", at: location(slot),
                                      "путь «\(slot.key)» через строки списка стоит вне таблицы",
                                      hint: "строки списка выводятся строками таблицы: | {{\(slot.key)}} |"))
        }
        guard let format = slot.grammaticalCase else { return }
        if let choices = slot.choices {
            checkChoices(choices, of: path, slot: slot, &diagnostics)
            return
        }
        if format == "words", !amountsInWords.contains(path) { amountsInWords.append(path) }
        guard let types = Self.formats[format] else {
            diagnostics.append(.error("form-template-format", at: location(slot), "неизвестная форма значения «\(format)»",
                                      hint: "допустимые: " + Self.formats.keys.sorted().joined(separator: ", ")))
            return
        }
        if case let .success(field?) = PathScope.resolve(path, in: scope.fields), !types.contains(field.elementType ?? field.type) {
            diagnostics.append(.error("form-template-format", at: location(slot),
                                      "форма «\(format)» не подходит полю «\(slot.key)» типа \(field.type.rawValue)",
                                      hint: "«\(format)» — для типов " + types.map(\.rawValue).sorted().joined(separator: ", ")))
        }
    }

    /// `::: variant commission=1 Вариант 1`: chosen by an enum field's value.
    private mutating func checkVariant(_ choice: (key: String, value: String), line: Int, _ diagnostics: inout [Diagnostic]) {
        let slot = Slot(key: choice.key, grammaticalCase: "\(choice.value)=", raw: "", line: line, column: 1)
        guard let path = scope.check(choice.key, at: location(slot), &diagnostics) else { return }
        paths[choice.key] = path
        checkChoices(slot.choices ?? [], of: path, slot: slot, &diagnostics)
    }

    /// `{{level:region=государственной;municipality=муниципальной|…}}`: the values of an enum field.
    private func checkChoices(_ choices: [(value: String, text: String)], of path: FieldPath, slot: Slot,
                              _ diagnostics: inout [Diagnostic]) {
        guard case let .success(field?) = PathScope.resolve(path, in: scope.fields), field.type == .enum else {
            diagnostics.append(.error("form-template-format", at: location(slot),
                                      "текст по выбору («значение=текст;…») — только для поля типа enum, а «\(slot.key)» не такое",
                                      hint: "опишите «\(slot.key)» с type: enum и choices"))
            return
        }
        let known = Set(field.choices.map(\.value))
        for choice in choices where !known.contains(choice.value) {
            diagnostics.append(.error("form-template-format", at: location(slot),
                                      "у поля «\(slot.key)» нет значения «\(choice.value)»",
                                      hint: "значения: " + field.choices.map(\.value).joined(separator: ", ")))
        }
    }

    private func location(_ slot: Slot) -> SourceLocation {
        SourceLocation(file: file, line: slot.line, column: slot.column)
    }
}
