import Diagnostics

/// What a field means to the build beyond its type (`role:` in `_schema.yaml`): the build finds
/// a contest's dates, a legal act's kind or a structured table by role, never by a field's name.
public enum FieldRole: String, CaseIterable, Sendable {
    /// A contest's status, computed from its dates (an enum with the values announced, accepting,
    /// review, results, cancelled).
    case contestStatus = "contest-status"
    case intakeStart = "intake-start"
    case intakeEnd = "intake-end"
    /// When the results were published: an object with a `date`.
    case results
    /// A cancelled contest: an object with a `date` (and a reason).
    case cancelled
    /// When an event starts and ends: its calendar entry's start and end.
    case eventStart = "event-start"
    case eventEnd = "event-end"
    /// Where an event takes place: the LOCATION of its calendar entry.
    case place
    /// A legal act's kind («закон», «положение»): what «настоящего …» in its text refers to.
    case actKind = "act-kind"
    /// The source file (`content/_sources/`) a legal text comes from.
    case actSource = "act-source"
    /// In the list of source defects: the source file, the kind of defect (the value
    /// `wrong-reference` marks a reference known to be wrong) and the passage.
    case defectSource = "defect-source"
    case defectKind = "defect-kind"
    case defectText = "defect-text"
    /// Structured tables shown where the text says `::: table NAME`: a commission's composition,
    /// an action plan, and the plan's column headings.
    case compositionTable = "composition-table"
    case planTable = "plan-table"
    case planHeader = "plan-header"
    /// When information reached the moderator, and when it was published: within three working
    /// days of each other (seed 000, point 2.4).
    case received
    case publication

    /// The types a field with this role may have.
    package var types: Set<FieldType> {
        switch self {
        case .contestStatus, .defectKind: [.enum]
        case .intakeStart, .intakeEnd: [.deadline, .date, .datetime]
        case .eventStart, .eventEnd, .received, .publication: [.date, .datetime]
        case .results, .cancelled: [.object]
        case .actKind: [.string, .text, .enum]
        case .place, .actSource, .defectSource, .defectText: [.string, .text]
        case .compositionTable, .planTable, .planHeader: [.list]
        }
    }
}
