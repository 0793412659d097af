import Diagnostics
import DocumentTree
import Values

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
    package let slotPaths: [String: FieldPath]
    /// The paths the template prints in words: a negative amount there is an error of the data.
    package let amountsInWords: [FieldPath]
    /// `content/_forms/<id>/form.yaml`, relative to the portal's root.
    public let file: String
    /// The files the form is made from: its definition, its template and its sample (a model
    /// act's: its page, the profile's definition and the portal's profile).
    public package(set) var files: [String]
    /// A model act filled from a profile: every slot of its chosen text needs a value
    /// (`SlotCompleteness`); a form's empty slot is a line to fill by hand instead.
    public let requiresEverySlot: Bool
    /// `sample.yaml` beside it, checked like any data: the example the portal offers.
    public package(set) var sample: FormRecord?

    /// Declared fields and computed values (those of rows among the rows' fields), as
    /// expressions and templates see them.
    package let allFields: [Field]

    package init(id: String, title: String, description: String?, source: String?, landscape: Bool, nameBy: FieldPath?,
                 fields: [Field], computed: [ComputedValue], rules: [Rule], template: Document,
                 slotPaths: [String: FieldPath], amountsInWords: [FieldPath], file: String, allFields: [Field],
                 requiresEverySlot: Bool = false) {
        (self.id, self.title, self.description, self.source, self.landscape, self.nameBy) = (id, title, description, source, landscape, nameBy)
        (self.fields, self.computed, self.rules, self.template) = (fields, computed, rules, template)
        (self.slotPaths, self.amountsInWords, self.file, self.allFields) = (slotPaths, amountsInWords, file, allFields)
        self.requiresEverySlot = requiresEverySlot
        let folder = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? ""
        files = ["form.yaml", "document.md", "sample.yaml"].map { "\(folder)/\($0)" }
    }
}

/// A value computed from the data: a total, an average, a share.
public struct ComputedValue: Sendable {
    public let name: String
    public let label: String
    public let type: FieldType?
    public let text: String
    package let expression: Expression
    /// Computed in every row of this list (a member's total), as a column of the row.
    public let each: String?
    /// The columns of that list's rows, which its paths name first.
    let rowFields: Set<String>
    public let location: SourceLocation

    package init(name: String, label: String, type: FieldType?, text: String, expression: Expression, each: String?,
                 rowFields: Set<String>, location: SourceLocation) {
        (self.name, self.label, self.type, self.text, self.expression) = (name, label, type, text, expression)
        (self.each, self.rowFields, self.location) = (each, rowFields, location)
    }

    package var field: Field { Field(name: name, label: label, type: type ?? .decimal, location: location) }
}

/// A condition the data must meet, with the message that names the field when it does not.
public struct Rule: Sendable {
    package enum MessagePart: Sendable {
        case text(String)
        /// `{expression}` in the message, with its text.
        case value(Expression, String)
    }

    public let text: String
    package let check: Expression
    package let when: Expression?
    let whenText: String?
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

    package init(text: String, check: Expression, when: Expression?, whenText: String?, each: FieldPath?, rowFields: Set<String>,
                 field: String, message: [MessagePart], hint: String?, severity: Severity, location: SourceLocation) {
        (self.text, self.check, self.when, self.whenText, self.each, self.rowFields) = (text, check, when, whenText, each, rowFields)
        (self.field, self.message, self.hint, self.severity, self.location) = (field, message, hint, severity, location)
    }
}
