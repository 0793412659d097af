/// An object whose values templates reach by name (`{{page.title}}`): each page kind's context.
public protocol TemplateObject {
    func child(named name: String) -> Any?
}

/// A value with a text of its own for `{{x}}` (a date in its Russian form) that may also have
/// children (`{{x.iso}}`).
public protocol TemplateText {
    var templateText: String { get }
}

/// Dictionaries of strings are objects too (`site.contacts.phone`).
extension Dictionary: TemplateObject where Key == String {
    public func child(named name: String) -> Any? { self[name] }
}

/// A list a section repeats its content for, once per element.
protocol TemplateList {
    var elements: [Any] { get }
    var isEmpty: Bool { get }
    var count: Int { get }
}

extension Array: TemplateList {
    var elements: [Any] { map { $0 } }
}

/// Where a section's element stands in its list: `{{#first()}}`, `{{#last()}}`, `{{index()}}`.
struct ListPosition {
    let index: Int
    let count: Int
}

extension Transform {
    /// The transformed value, or nil when the transform does not apply to it.
    func apply(to value: Any) -> Any? {
        switch value {
        case let list as any TemplateList:
            return apply(list: list)
        case let text as String:
            switch self {
            case .empty: return text.isEmpty
            case .lowercased: return text.lowercased()
            case .uppercased: return text.uppercased()
            case .reversed: return String(text.reversed())
            default: return nil
            }
        case let number as Int:
            switch self {
            case .equalzero: return number == 0
            case .plusone: return number + 1
            case .minusone: return number - 1
            case .even: return number & 1 == 0
            case .odd: return number & 1 == 1
            default: return nil
            }
        case let position as ListPosition:
            switch self {
            case .first: return position.index == 0
            case .last: return position.index == position.count - 1
            case .index: return position.index
            case .even: return position.index & 1 == 0
            case .odd: return position.index & 1 == 1
            default: return nil
            }
        case let object as [String: Any]:
            switch self {
            case .empty: return object.isEmpty
            case .count: return object.count
            default: return nil
            }
        default:
            return nil
        }
    }

    private func apply(list: any TemplateList) -> Any? {
        switch self {
        case .empty: return list.isEmpty
        case .count: return list.count
        case .first: return list.elements.first
        case .last: return list.elements.last
        case .reversed: return Array(list.elements.reversed())
        default: return nil
        }
    }
}
