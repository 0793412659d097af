import RussianText

/// How a value is written, in one place; each output names its style.
public enum ValueStyle: Sendable {
    /// On a page: «23 ноября 2026 г.», «1 500 000,00 ₽».
    case page
    /// In a table cell: short dates («23.11.2026»), lists joined by commas.
    case cell
    /// In a document, in the form a slot asks for (`{{amount:words}}`, `{{score:tenths}}`).
    case document(format: String?)
    /// Machine-neutral text for sorting and search: ISO dates, amounts with a point, slugs.
    case plain
}

extension Value {
    /// The value as text in a style. References are written by their slug: an output that
    /// shows their titles looks the targets up itself.
    public func text(_ style: ValueStyle) -> String {
        switch (self, style) {
        case (.string(let s), .document(format: "initials"?)), (.markdown(let s, _), .document(format: "initials"?)): return ValueFormat.initials(s)
        case (.string(let s), _), (.markdown(let s, _), _): return s
        case (.integer(let n), .plain): return String(n)
        case (.integer(let n), .document(format: "tenths"?)): return RussianFormat.integer(n) + ",0"
        // «10 (десять)»: numbers an act states in figures and in words, «____ (_____) процентов».
        case (.integer(let n), .document(format: "words"?)): return RussianFormat.integer(n) + " (" + RussianWords.number(n) + ")"
        case (.integer(let n), _): return RussianFormat.integer(n)
        case (.decimal(let d), .plain), (.percent(let d), .plain): return "\(d)"
        case (.decimal(let d), .document(format: "tenths"?)): return ValueFormat.tenths(d)
        case (.decimal(let d), _): return RussianFormat.decimal(d)
        case (.percent(let d), _): return RussianFormat.percent(d)
        case (.money(let m), .plain): return m.description
        case (.money(let m), .document(format: "words"?)): return RussianWords.amount(m)
        case (.money(let m), .document(format: "figures"?)): return RussianFormat.moneyFigures(m)
        // Tables «(тыс. руб.)» of an estimate: thousands with one decimal, as budget tables give
        // them (96 750,50 руб. → 96,8), never «96,7505».
        case (.money(let m), .document(format: "thousands"?)):
            return ValueFormat.tenths(DecimalNumber(significand: Int128(m.kopecks), scale: 5))
        case (.money(let m), _): return RussianFormat.money(m)
        case (.date(let d), .plain): return d.iso
        case (.date(let d), .page): return RussianFormat.longDate(d)
        case (.date(let d), .cell), (.date(let d), .document(format: "short"?)): return RussianFormat.shortDate(d)
        case (.date(let d), .document): return RussianFormat.documentDate(d)
        case (.datetime(let t), .plain): return t.iso
        case (.datetime(let t), .page): return RussianFormat.longDateTime(t)
        case (.datetime(let t), .cell): return RussianFormat.shortDate(t.date) + " " + t.time
        case (.datetime(let t), .document(let format)):
            return Value.date(t.date).text(.document(format: format == "short" ? "short" : nil)) + ", " + t.time
        case (.boolean(let b), _): return ValueFormat.yesNo(b)
        case (.choice(let c), _): return c.label
        case (.list(let values), .document): return values.map { $0.text(style) }.joined(separator: "; ")
        case (.list(let values), _): return values.map { $0.text(style) }.joined(separator: ", ")
        case (.object(let entries), .document): return entries.map { $0.value.text(.document(format: nil)) }.joined(separator: ", ")
        case (.object(let entries), _): return entries.map { $0.value.text(.plain) }.joined(separator: ", ")
        case (.reference(let r), _): return r.slug
        }
    }

    /// The value as plain text, for sorting and for search.
    public var plainText: String { text(.plain) }
}

public enum ValueFormat {
    public static func yesNo(_ value: Bool) -> String { value ? "да" : "нет" }

    /// «4,0», «3,7»: a score «до десятых долей» keeps its tenth even when it is zero.
    public static func tenths(_ d: DecimalNumber) -> String {
        let text = RussianFormat.decimal(d.rounded(1))
        return text.contains(",") ? text : text + ",0"
    }

    /// «Иванов Иван Иванович» → «Иванов И.И.», as signatures are transcribed.
    public static func initials(_ name: String) -> String {
        let parts = name.split(separator: " ")
        guard parts.count > 1 else { return name }
        return parts[0] + "\u{00A0}" + parts.dropFirst().compactMap { $0.first.map { "\($0)." } }.joined()
    }
}
