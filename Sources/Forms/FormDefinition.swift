import Content
import Diagnostics
import Foundation
import Markup

/// A form of the library: its fields, computed values and rules (`form.yaml`) and the one
/// template both HTML and ODT are made from (`document.md`).
public struct FormDefinition: Sendable {
    public let id: String
    public let title: String
    public let description: String?
    /// Where the form's text comes from, e.g. «Методические рекомендации (001), строки 1137–1222».
    public let source: String?
    /// A4 turned sideways: for forms with many columns (a column per commission member).
    public let landscape: Bool
    /// The field a batch names its files by.
    public let nameBy: FieldPath?
    public let fields: [Field]
    public let computed: [ComputedValue]
    public let rules: [Rule]
    public let template: Document
    /// The template's slot paths, parsed once (a batch fills the template thousands of times).
    let slotPaths: [String: FieldPath]
    /// The paths the template prints in words: a negative amount there is an error of the data.
    let amountsInWords: [FieldPath]
    /// `content/_forms/<id>/form.yaml`, relative to the portal's root.
    public let file: String
    /// The files the form is made from: its definition, its template and its sample.
    public var files: [String] {
        let folder = (file as NSString).deletingLastPathComponent
        return ["form.yaml", "document.md", "sample.yaml"].map { "\(folder)/\($0)" }
    }
    /// `sample.yaml` beside it, checked like any data: the example the portal offers.
    public internal(set) var sample: FormRecord?

    /// Declared fields and computed values (those of rows among the rows' fields), as
    /// expressions and templates see them.
    let allFields: [Field]
}

/// A value computed from the data: a total, an average, a share.
public struct ComputedValue: Sendable {
    public let name: String
    public let label: String
    public let type: FieldType?
    public let text: String
    let expression: Expression
    /// Computed in every row of this list (a member's total), as a column of the row.
    let each: String?
    /// The columns of that list's rows, which its paths name first.
    let rowFields: Set<String>
    public let location: SourceLocation

    var field: Field { Field(name: name, label: label, type: type ?? .decimal, location: location) }
}

/// A condition the data must meet, with the message that names the field when it does not.
public struct Rule: Sendable {
    enum MessagePart: Sendable {
        case text(String)
        case value(Expression)
    }

    public let text: String
    let check: Expression
    let when: Expression?
    /// Checked in every row of this list; `field` and paths are then relative to the row.
    let each: FieldPath?
    /// The columns of that list's rows, which its paths name first.
    let rowFields: Set<String>
    /// The path the message is attached to.
    public let field: String
    let message: [MessagePart]
    let hint: String?
    public let severity: Severity
    public let location: SourceLocation
}
