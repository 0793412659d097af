/// The scalars one step of a pattern takes.
struct ScalarSet: Sendable {
    enum Property: String, Sendable {
        case letter = "L", upper = "Lu", lower = "Ll", number = "N", digit = "Nd"
        /// `\d`: ASCII digits only.
        case asciiDigit
        case space, word

        func holds(for scalar: Unicode.Scalar) -> Bool {
            let category = scalar.properties.generalCategory
            switch self {
            case .letter:
                switch category {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
                default: return false
                }
            case .upper: return category == .uppercaseLetter
            case .lower: return category == .lowercaseLetter
            case .number: return category == .decimalNumber || category == .letterNumber || category == .otherNumber
            case .digit: return category == .decimalNumber
            case .asciiDigit: return ("0"..."9").contains(scalar)
            case .space: return scalar.properties.isWhitespace
            case .word: return scalar == "_" || Property.letter.holds(for: scalar) || category == .decimalNumber
                || category == .nonspacingMark || category == .spacingMark || category == .connectorPunctuation
            }
        }
    }

    enum Item: Sendable {
        case range(ClosedRange<UInt32>)
        case property(Property, negated: Bool)
    }

    var items: [Item]
    var negated: Bool
    /// Never taken, whatever the rest says (the dot and the line feed).
    var excluding: Unicode.Scalar?

    init(items: [Item], negated: Bool, excluding: Unicode.Scalar? = nil) {
        (self.items, self.negated, self.excluding) = (items, negated, excluding)
    }

    init(_ scalar: Unicode.Scalar) { self.init(items: [.range(scalar.value...scalar.value)], negated: false) }

    init(property: Property, negated: Bool) { self.init(items: [.property(property, negated: negated)], negated: false) }

    /// The one scalar of a set that is one, for ranges in classes.
    var single: Unicode.Scalar? {
        guard !negated, items.count == 1, case let .range(range) = items[0], range.lowerBound == range.upperBound else { return nil }
        return Unicode.Scalar(range.lowerBound)
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == excluding { return false }
        let inside = items.contains { item in
            switch item {
            case .range(let range): return range.contains(scalar.value)
            case .property(let property, let negated): return property.holds(for: scalar) != negated
            }
        }
        return inside != negated
    }
}
