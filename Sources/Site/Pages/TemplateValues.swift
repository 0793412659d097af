import Content
import Foundation
import RussianText
import TemplateEngine

// Typed values as templates see them: each renders in its Russian form by default
// (`{{page.data.date}}` → «23 ноября 2026 г.») and offers other forms as children
// (`{{page.data.date.short}}` → 23.11.2026).

/// A scalar value as templates see it; lists, objects, references and Markdown are the page's to build.
func templateValue(_ value: Value) -> Any {
    switch value {
    case .integer, .decimal, .percent, .money: return TemplateNumber(text: value.text(.page), raw: value.text(.plain))
    case .date(let d): return TemplateDate(date: d)
    case .datetime(let t): return TemplateDateTime(value: t)
    case .boolean(let b): return b
    case .choice(let c): return TemplateChoice(choice: c)
    default: return value.text(.page)
    }
}

struct TemplateDate: TemplateText, TemplateObject {
    let date: CalendarDate
    var templateText: String { RussianFormat.longDate(date) }

    func child(named name: String) -> Any? {
        switch name {
        case "long": return RussianFormat.longDate(date)
        case "short": return RussianFormat.shortDate(date)
        case "document": return RussianFormat.documentDate(date)
        case "iso": return date.iso
        case "year": return String(date.year)
        default: return nil
        }
    }
}

struct TemplateDateTime: TemplateText, TemplateObject {
    let value: CalendarDateTime
    var templateText: String { RussianFormat.longDateTime(value) }

    func child(named name: String) -> Any? {
        switch name {
        case "long": return RussianFormat.longDateTime(value)
        case "date": return TemplateDate(date: value.date)
        case "time": return value.time
        case "iso": return value.iso
        default: return nil
        }
    }
}

/// Integers, decimals, percentages and money: `{{x}}` is the Russian form, `{{x.raw}}` the machine one.
struct TemplateNumber: TemplateText, TemplateObject {
    let text: String
    let raw: String
    var templateText: String { text }

    func child(named name: String) -> Any? {
        name == "raw" ? raw : nil
    }
}

/// An enum value: `{{x}}` is its label, `{{x.value}}` what is stored.
struct TemplateChoice: TemplateText, TemplateObject {
    let choice: Choice
    var templateText: String { choice.label }

    func child(named name: String) -> Any? {
        switch name {
        case "value": return choice.value
        case "label": return choice.label
        default: return nil
        }
    }
}
