import Content
import Foundation
import RussianText

/// A value as a document prints it, in the form a slot asks for (`{{amount:words}}`).
enum ValueText {
    static func text(_ value: Value, format: String?) -> String {
        switch value {
        case .string(let s), .markdown(let s, _):
            return format == "initials" ? initials(s) : s
        case .integer(let n): return format == "tenths" ? RussianFormat.integer(n) + ",0" : RussianFormat.integer(n)
        case .decimal(let d): return format == "tenths" ? tenths(d) : RussianFormat.decimal(d)
        case .percent(let d): return RussianFormat.percent(d)
        case .money(let m):
            switch format {
            case "words": return RussianWords.amount(m)
            case "figures": return RussianFormat.moneyFigures(m)
            case "thousands":
                let text = RussianFormat.decimal(Decimal(m.kopecks) / 100_000)
                return text.contains(",") ? text : text + ",0"
            default: return RussianFormat.money(m)
            }
        case .date(let d): return format == "short" ? RussianFormat.shortDate(d) : RussianFormat.documentDate(d)
        case .datetime(let t):
            return (format == "short" ? RussianFormat.shortDate(t.date) : RussianFormat.documentDate(t.date)) + ", " + t.time
        case .boolean(let b): return b ? "да" : "нет"
        case .choice(let c): return c.label
        case .list(let items): return items.map { text($0, format: format) }.joined(separator: "; ")
        case .object(let entries): return entries.map { text($0.value, format: nil) }.joined(separator: ", ")
        case .reference(let r): return r.slug
        }
    }

    /// «4,0», «3,7»: a score «до десятых долей» keeps its tenth even when it is zero.
    static func tenths(_ d: Decimal) -> String {
        let text = RussianFormat.decimal(rounded(d, 1))
        return text.contains(",") ? text : text + ",0"
    }

    /// «Иванов Иван Иванович» → «Иванов И.И.», as signatures are transcribed.
    static func initials(_ name: String) -> String {
        let parts = name.split(separator: " ")
        guard parts.count > 1 else { return name }
        return parts[0] + "\u{00A0}" + parts.dropFirst().compactMap { $0.first.map { "\($0)." } }.joined()
    }
}
