import RussianText

/// The six criteria every member of a subsidy contest's commission scores from 0 to 5
/// (001, lines 144–158; the evaluation sheet, lines 1321–1354), in the sheets' order.
public enum Criterion: Int, CaseIterable, Sendable {
    case priority, relevance, socialEfficiency, feasibility, justification, economicEfficiency

    /// The key a score file uses: the same names as the evaluation-sheet form's fields.
    public var key: String {
        switch self {
        case .priority: "priority"
        case .relevance: "relevance"
        case .socialEfficiency: "social_efficiency"
        case .feasibility: "feasibility"
        case .justification: "justification"
        case .economicEfficiency: "economic_efficiency"
        }
    }

    public var label: String {
        switch self {
        case .priority: "соответствие приоритетным направлениям поддержки"
        case .relevance: "актуальность"
        case .socialEfficiency: "социальная эффективность"
        case .feasibility: "реалистичность"
        case .justification: "обоснованность"
        case .economicEfficiency: "экономическая эффективность"
        }
    }

    public static let maximum = 5
}
