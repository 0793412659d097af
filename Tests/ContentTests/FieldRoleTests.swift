import Diagnostics
import Foundation
import Testing
@testable import Content

/// `role:` tells the build what a field means; its mistakes are errors at the role.
struct FieldRoleTests {
    @Test func aRoleIsFoundByRoleNotByName() throws {
        let (item, diagnostics) = try loadValue(field: "{name: vid, type: string, role: act-kind}", value: "vid: положение")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let tree = try Tree(["portal.yaml": settings, "content/items/_schema.yaml": "title: Записи\nfields:\n  - {name: vid, type: string, role: act-kind}\n"])
        let schema = try #require(tree.load().0?.collection("items")?.schema)
        #expect(schema.field(role: .actKind)?.name == "vid")
        #expect(schema.value(.actKind, of: try #require(item)) == .string("положение"))
        #expect(schema.field(role: .actSource) == nil)
    }

    @Test(arguments: [
        ("{name: vid, type: string, role: act-knd}", 3, 37, "неизвестная роль поля «act-knd»", "возможно, имелась в виду «act-kind»"),
        ("{name: vid, type: integer, role: act-kind}", 3, 38, "роль «act-kind» не подходит полю типа integer", "поле с этой ролью имеет тип enum или string или text"),
    ])
    func roleMistakesArePositioned(field: String, line: Int, column: Int, message: String, hint: String) throws {
        let (_, diagnostics) = try loadValue(field: field, value: "")
        let d = try #require(diagnostics.first { $0.code == "schema-role" }, "\(diagnostics)")
        #expect(d.location == SourceLocation(file: "content/items/_schema.yaml", line: line, column: column))
        #expect(d.message == message)
        #expect(d.hint?.hasPrefix(hint) == true, "\(d.hint ?? "")")
    }

    /// A section is published whole: a field of personal data belongs to a form, never to a section.
    @Test func aSectionRefusesPersonalDataAtTheField() throws {
        let (_, diagnostics) = try loadValue(field: "{name: o, type: object, fields: [{name: passport, type: string, personal: true}]}",
                                             value: "")
        let d = try #require(diagnostics.first { $0.code == "schema-field" }, "\(diagnostics)")
        #expect(d.location?.file == "content/items/_schema.yaml" && d.location?.line == 3)
        #expect(d.message == "поле «passport»: personal — только в формах")
    }

    @Test func aNestedFieldHasNoRole() throws {
        let (_, diagnostics) = try loadValue(field: "{name: o, type: object, fields: [{name: d, type: date, role: event-start}]}", value: "")
        let d = try #require(diagnostics.first { $0.code == "schema-role" }, "\(diagnostics)")
        #expect(d.message == "роль «event-start» у вложенного поля или поля формы ничего не значит")
    }

    @Test func aRoleBelongsToOneFieldOfASchema() throws {
        let tree = try Tree(["portal.yaml": settings, "content/items/_schema.yaml": """
            title: Записи
            fields:
              - {name: a, type: string, role: place}
              - {name: b, type: text, role: place}
            """])
        let d = try #require(tree.load().1.first { $0.code == "schema-role" })
        #expect(d.location == SourceLocation(file: "content/items/_schema.yaml", line: 4, column: 33))
        #expect(d.message == "роль «place» уже есть у другого поля схемы")
    }
}
