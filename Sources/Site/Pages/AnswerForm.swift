import Content
import Forms
import DocumentTree
import RussianText

/// The form an NGO fills on the form's page, made from `form.yaml`: a label, hint and input per
/// field (fieldsets for groups, rows to add and remove for lists, outputs for computed values).
/// The page's script reads the answers from it by `data-name` and hands them to the forms engine;
/// the inputs only hold text, every check is the engine's. Hidden until the engine has loaded.
enum AnswerForm {
    static func html(_ form: FormDefinition) -> String {
        var out = ""
        fields(form.fields, computed: form.computed, prefix: "f-", list: nil, into: &out)
        let totals = form.computed.filter { $0.each == nil }
        if !totals.isEmpty {
            out += "<div class=\"answers__computed\" aria-live=\"polite\">\n<h3>Вычисляется автоматически</h3>\n<dl>\n"
            for value in totals {
                out += "<dt>\(escape(value.label))</dt><dd><output data-computed=\"\(escape(value.name))\">—</output>"
                    + "<span class=\"answers__error\" hidden></span></dd>\n"
            }
            out += "</dl>\n</div>\n"
        }
        return out
    }

    /// The fields of one level. `prefix` makes ids unique; inside a list's row template it holds
    /// the `{row}` placeholder that the script replaces with the row's number.
    private static func fields(_ fields: [Field], computed: [ComputedValue], prefix: String, list: String?,
                               into out: inout String) {
        for field in fields {
            let id = prefix + field.name
            switch field.type {
            case .object:
                out += "<fieldset class=\"answers__group\" data-name=\"\(escape(field.name))\" data-kind=\"object\""
                    + (field.personal ? " data-personal" : "") + ">\n"
                out += "<legend>\(escape(field.label))\(optional(field))</legend>\n" + hint(field, id: id)
                self.fields(field.subfields, computed: [], prefix: id + "-", list: nil, into: &out)
                out += "</fieldset>\n"
            case .list:
                rows(field, computed: computed.filter { $0.each == field.name }, id: id, into: &out)
            default:
                input(field, id: id, into: &out)
            }
        }
        if list != nil {
            for value in computed {
                out += "<p class=\"answers__row-computed\">\(escape(value.label)): "
                    + "<output data-computed=\"\(escape(value.name))\">—</output> <span class=\"answers__error\" hidden></span></p>\n"
            }
        }
    }

    /// A list: its rows (the script adds the first ones), a template of a row, and the buttons.
    private static func rows(_ field: Field, computed: [ComputedValue], id: String, into out: inout String) {
        let minimum = max(field.minItems ?? 0, field.required ? 1 : 0)
        out += "<fieldset class=\"answers__list\" data-name=\"\(escape(field.name))\" data-kind=\"list\" data-min=\"\(minimum)\""
            + (field.personal ? " data-personal" : "")
        if let maximum = field.maxItems { out += " data-max=\"\(maximum)\"" }
        out += " id=\"\(id)\">\n<legend>\(escape(field.label))\(optional(field))</legend>\n" + hint(field, id: id)
        out += "<ol class=\"answers__rows\"></ol>\n<template>\n<li class=\"answers__row\" data-kind=\"row\">\n"
        out += "<p class=\"answers__row-title\">Строка <span class=\"answers__row-number\">{n}</span></p>\n"
        if field.subfields.isEmpty {
            input(field.element, id: id + "-{row}", into: &out, inRow: true)
        } else {
            fields(field.subfields, computed: computed, prefix: id + "-{row}-", list: field.name, into: &out)
        }
        out += "<button type=\"button\" class=\"button button--secondary answers__remove\">Удалить строку <span class=\"answers__row-number\">{n}</span></button>\n"
        out += "</li>\n</template>\n"
        out += "<button type=\"button\" class=\"button button--secondary answers__add\">Добавить строку</button>\n</fieldset>\n"
    }

    private static func input(_ field: Field, id: String, into out: inout String, inRow: Bool = false) {
        let name = (inRow ? "" : " data-name=\"\(escape(field.name))\"") + (field.personal ? " data-personal" : "")
        let described = (field.hint == nil && !field.personal ? "" : "\(id)-hint ") + "\(id)-error"
        if field.type == .boolean || (field.type == .enum && field.choices.count <= 4) {
            let choices = field.type == .boolean ? [("true", "Да"), ("false", "Нет")] : field.choices.map { ($0.value, $0.label) }
            out += "<fieldset class=\"answers__field answers__choice\"\(name) data-kind=\"choice\" id=\"\(id)\" aria-describedby=\"\(described)\">\n"
            out += "<legend>\(escape(field.label))\(optional(field))</legend>\n" + hint(field, id: id) + error(id)
            for (index, choice) in choices.enumerated() {
                out += "<label class=\"answers__option\"><input type=\"radio\" name=\"\(id)\" value=\"\(escape(choice.0))\""
                    + " id=\"\(id)-\(index)\"> \(escape(choice.1))</label>\n"
            }
            return out += "</fieldset>\n"
        }
        out += "<div class=\"answers__field\"\(name) data-kind=\"value\" data-type=\"\(field.type.rawValue)\">\n"
        out += "<label for=\"\(id)\">\(escape(field.label))\(optional(field))</label>\n" + hint(field, id: id) + error(id)
        let common = "id=\"\(id)\" aria-describedby=\"\(described)\""
        switch field.type {
        case .text, .markdown:
            out += "<textarea \(common) rows=\"4\"></textarea>\n"
        case .enum:
            out += "<select \(common)>\n<option value=\"\">— выберите —</option>\n"
            for choice in field.choices { out += "<option value=\"\(escape(choice.value))\">\(escape(choice.label))</option>\n" }
            out += "</select>\n"
        default:
            let (type, mode, width) = kind(of: field.type)
            var attributes = "type=\"\(type)\" \(common)"
            if let mode { attributes += " inputmode=\"\(mode)\"" }
            if let width { attributes += " class=\"answers__input--\(width)\" spellcheck=\"false\" autocomplete=\"off\"" }
            out += "<input \(attributes)>"
            if field.type == .money { out += " <span class=\"answers__unit\">руб.</span>" }
            if field.type == .percent { out += " <span class=\"answers__unit\">%</span>" }
            out += "\n"
        }
        out += "</div>\n"
    }

    /// The input's type and keyboard, and for identifiers the width of their digits.
    private static func kind(of type: FieldType) -> (type: String, mode: String?, width: String?) {
        switch type {
        case .date: return ("date", nil, nil)
        case .datetime: return ("datetime-local", nil, nil)
        case .integer: return ("text", "numeric", nil)
        case .decimal, .percent, .money: return ("text", "decimal", nil)
        case .email: return ("email", nil, nil)
        case .phone: return ("tel", nil, nil)
        case .url: return ("url", nil, nil)
        case .postcode, .kpp, .bik: return ("text", "numeric", "short")
        case .inn, .ogrn, .ogrnip, .snils: return ("text", "numeric", "medium")
        case .account, .corrAccount: return ("text", "numeric", "long")
        default: return ("text", nil, nil)
        }
    }

    private static func hint(_ field: Field, id: String) -> String {
        let personal = field.personal ? "Персональные данные: портал их не публикует, и в черновике браузера они не сохраняются." : nil
        let hint = [field.hint, personal].compactMap { $0 }.joined(separator: " ")
        guard !hint.isEmpty else { return "" }
        return "<p class=\"answers__hint\" id=\"\(id)-hint\">\(escape(hint))</p>\n"
    }

    private static func error(_ id: String) -> String {
        "<p class=\"answers__error\" id=\"\(id)-error\" hidden></p>\n"
    }

    /// GOV.UK's convention: the few optional questions are marked, not the many required ones.
    private static func optional(_ field: Field) -> String {
        field.required ? "" : " <span class=\"answers__optional\">(необязательно)</span>"
    }

    private static func escape(_ text: String) -> String { HTMLRenderer.escape(text) }
}
