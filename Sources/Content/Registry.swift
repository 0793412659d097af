import Diagnostics
import Yams

/// What makes a collection a registry (`registry:` in its schema): a table of its items that can
/// be sorted without JavaScript and filtered with it, open data (CSV, JSON and their description),
/// and, where asked, an Atom feed and calendar entries.
public struct Registry: Sendable {
    /// The listing's columns, each sortable.
    public var columns: [String]
    /// The heading of the title column: «Объект», «Конкурс» (the title field's own label otherwise).
    public var titleLabel: String?
    /// Fields offered as filters (enum, reference and string fields; lists of them too).
    public var filters: [String]
    /// Rows are grouped under a heading per value of this field (the property list by municipality).
    public var groupBy: String?
    /// The collection has an Atom feed, newest first by its sort field.
    public var feed: Bool
    /// Fields whose dates go to the portal's calendar: dates, deadlines, or lists of objects with one.
    public var calendar: [String]
    /// `contest`: the item's `status` is computed from its dates and the build's date.
    public var status: StatusRule?
    /// The listing must be updated at least this often (months); its `_index.md` says when it was.
    public var updatedWithinMonths: Int?

    public enum StatusRule: String, CaseIterable, Sendable {
        case contest
    }
}

enum RegistryReader {
    static let keys = ["columns", "title_label", "filters", "group_by", "feed", "calendar", "status", "updated_within_months"]

    static func read(_ node: Node, fields: [Field], source: YAMLSource, _ diagnostics: inout [Diagnostic]) -> Registry? {
        let reader = MappingReader(node: node, source: source, context: "описании реестра (registry)", keys: keys)
        guard reader.isMapping else {
            diagnostics.append(.error("schema-registry", at: source.location(of: node),
                                      "registry: ожидался набор ключей \(keys.joined(separator: ", "))"))
            return nil
        }
        func names(_ key: String) -> [String] {
            guard let list = reader.node(key) else { return [] }
            guard case let .sequence(sequence) = list else {
                diagnostics.append(.error("schema-registry", at: source.location(of: list),
                                          "registry.\(key): ожидался список имён полей", hint: "\(key): [title, date]"))
                return []
            }
            return sequence.compactMap { entry in
                guard let name = entry.scalarText, fields.contains(where: { $0.name == name }) else {
                    diagnostics.append(.error("schema-registry", at: source.location(of: entry),
                                              "registry.\(key): поля «\(entry.scalarText ?? "")» нет в схеме",
                                              hint: nearestHint(entry.scalarText ?? "", fields.map(\.name), listed: "поля схемы")))
                    return nil
                }
                return name
            }
        }
        var registry = Registry(columns: names("columns"), titleLabel: reader.string("title_label", &diagnostics),
                                filters: names("filters"), groupBy: nil,
                                feed: reader.boolean("feed", &diagnostics) ?? false, calendar: names("calendar"),
                                status: reader.choice("status", &diagnostics),
                                updatedWithinMonths: reader.integer("updated_within_months", &diagnostics))
        if let group = reader.string("group_by", &diagnostics) {
            if fields.contains(where: { $0.name == group }) {
                registry.groupBy = group
            } else if let at = reader.node("group_by") {
                diagnostics.append(.error("schema-registry", at: source.location(of: at),
                                          "registry.group_by: поля «\(group)» нет в схеме",
                                          hint: nearestHint(group, fields.map(\.name), listed: "поля схемы")))
            }
        }
        if registry.columns.isEmpty { registry.columns = ["title"] }
        if registry.status == .contest {
            for needed in [FieldRole.contestStatus, .intakeStart, .intakeEnd] where !fields.contains(where: { $0.role == needed }) {
                diagnostics.append(.error("schema-registry", at: source.location(of: node),
                                          "status: contest: в схеме нет поля с ролью «\(needed.rawValue)»",
                                          hint: "статус конкурса вычисляется по полям с ролями intake-start, intake-end, results и cancelled и записывается в поле с ролью contest-status (enum): укажите role: у этих полей"))
            }
        }
        reader.warnUnknown(&diagnostics)
        return registry
    }
}
