import Diagnostics

extension Schema {
    public func field(role: FieldRole) -> Field? { fields.first { $0.role == role } }

    /// An item's value of the field with this role.
    public func value(_ role: FieldRole, of item: Item) -> Value? {
        field(role: role).flatMap { item.values[$0.name] }
    }
}

extension SchemaReader {
    /// A field's `role:`: on a top-level field of a content schema (`allowed`), known, fitting its
    /// type, and once per schema (`taken`).
    static func role(_ reader: MappingReader, type: FieldType, allowed: Bool, taken: inout Set<FieldRole>, source: YAMLSource,
                     _ diagnostics: inout [Diagnostic]) -> FieldRole? {
        guard let name = reader.string("role", &diagnostics), let node = reader.node("role") else { return nil }
        let at = source.location(of: node)
        guard allowed else {
            diagnostics.append(.error("schema-role", at: at, "роль «\(name)» у вложенного поля или поля формы ничего не значит",
                                      hint: "роли задаются полям верхнего уровня схемы раздела (_schema.yaml)"))
            return nil
        }
        guard let role = FieldRole(rawValue: name) else {
            let names = FieldRole.allCases.map { $0.rawValue }
            diagnostics.append(.error("schema-role", at: at, "неизвестная роль поля «\(name)»",
                                      hint: (NearestName.find(name, among: names).map { "возможно, имелась в виду «\($0)»; " } ?? "")
                                          + "роли: " + names.joined(separator: ", ")))
            return nil
        }
        guard role.types.contains(type) else {
            diagnostics.append(.error("schema-role", at: at, "роль «\(name)» не подходит полю типа \(type.rawValue)",
                                      hint: "поле с этой ролью имеет тип " + role.types.map { $0.rawValue }.sorted().joined(separator: " или ")))
            return nil
        }
        guard taken.insert(role).inserted else {
            diagnostics.append(.error("schema-role", at: at, "роль «\(name)» уже есть у другого поля схемы",
                                      hint: "у каждой роли в схеме одно поле"))
            return nil
        }
        return role
    }
}
