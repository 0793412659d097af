import Diagnostics
import RussianText

/// A typed value of a field, checked against its schema.
public indirect enum Value: Sendable, Equatable {
    /// string, text, url, email and phone fields.
    case string(String)
    case markdown(String, line: Int)
    case integer(Int64)
    case decimal(DecimalNumber)
    case money(Money)
    case percent(DecimalNumber)
    case date(CalendarDate)
    case datetime(CalendarDateTime)
    case boolean(Bool)
    case choice(Choice)
    case list([Value])
    case object([Entry])
    case reference(Reference)

    public struct Entry: Sendable, Equatable {
        public let name: String
        public let value: Value

        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }
}

extension Value {
    /// The value of a named entry of an object value.
    public subscript(entry name: String) -> Value? {
        guard case let .object(entries) = self else { return nil }
        return entries.first { $0.name == name }?.value
    }

    /// The day of a date, or of a date and time.
    public var day: CalendarDate? {
        switch self {
        case .date(let d): d
        case .datetime(let t): t.date
        default: nil
        }
    }

    /// The total of a breakdown («всего»).
    package static func breakdownAmount(_ value: Value) -> Money? {
        if case let .money(m)? = value[entry: "amount"] { return m }
        return nil
    }
}

/// A reference to an item of another collection, kept with its position until it is resolved.
public struct Reference: Sendable, Equatable {
    public let collection: String
    public let slug: String
    public let location: SourceLocation

    public init(collection: String, slug: String, location: SourceLocation) {
        (self.collection, self.slug, self.location) = (collection, slug, location)
    }
}
