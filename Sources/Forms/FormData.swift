import Content
import Diagnostics
import Foundation
import RussianText
import Yams

/// How a data file is written: by its extension, `.csv` and `.json`; anything else is YAML.
public enum DataFormat: Sendable {
    case yaml, json, csv

    public init(of url: URL) {
        switch url.pathExtension.lowercased() {
        case "csv": self = .csv
        case "json": self = .json
        default: self = .yaml
        }
    }
}

/// Reads data for a form: one record (a YAML or JSON mapping) or a batch (a YAML or JSON list,
/// a CSV table), and checks every record — characters, types, identifiers, accounts against their
/// БИК, computed values, amounts in words, rules — collecting all problems of all records.
/// JSON is turned into YAML whose lines remember their positions, and CSV rows into data trees,
/// so that the three formats are checked by one and the same code.
extension FormData {
    public static func read(_ url: URL, as file: String, for form: FormDefinition) -> FormInput {
        let text: String
        do {
            text = try readText(url)
        } catch {
            return FormInput(records: [], diagnostics: [.error("data-file", at: SourceLocation(file: file),
                                                               "файл данных не читается",
                                                               hint: "нужен файл YAML, JSON или CSV в кодировке UTF-8")],
                             isBatch: false)
        }
        return read(text: text, as: file, for: form, format: DataFormat(of: url))
    }

    public static func read(text: String, as file: String, for form: FormDefinition, format: DataFormat) -> FormInput {
        var diagnostics: [Diagnostic] = []
        var records: [FormRecord] = []
        if format == .csv {
            // Rows are independent: they are checked on all cores.
            let rows = CSVRecords.rows(text, file: file, form: form, &diagnostics)
            let source = DataTreeSource(file: file)
            let results = ParallelMap.map(rows) { row -> (FormRecord?, [Diagnostic]) in
                var problems: [Diagnostic] = []
                let record = check(row.record, at: row.location, source: source, form: form, &problems)
                return (record, problems)
            }
            return FormInput(records: results.compactMap(\.0), diagnostics: diagnostics + results.flatMap(\.1), isBatch: true)
        }
        if format == .yaml, let refused = refusedByYAML(text, file: file) {
            return FormInput(records: [], diagnostics: [refused], isBatch: false)
        }
        var source = YAMLSource(file: file)
        var yaml = text
        var starts: [SourceLocation]?  // JSON: where each record's «{» is (a mapping's own mark is its first key)
        if format == .json {
            switch JSONRecords.document(text, file: file) {
            case .failure(let d): return FormInput(records: [], diagnostics: [d], isBatch: false)
            case .success(let document):
                source = YAMLSource(file: file, lineMap: document.lineMap)
                yaml = document.yaml
                starts = document.records
            }
        }
        guard let root = source.parseDocument(yaml, whenEmpty: "файл данных пуст",
                                              hint: "поля формы: «имя: значение», как в sample.yaml формы", &diagnostics) else {
            return FormInput(records: [], diagnostics: diagnostics, isBatch: false)
        }
        let entries: [Node]
        let isBatch: Bool
        switch root {
        case .mapping: entries = [root]; isBatch = false
        case .sequence(let sequence): entries = Array(sequence); isBatch = true
        default:
            diagnostics.append(.error("data-shape", at: source.location(of: root),
                                      "ожидались поля формы («имя: значение») или список записей",
                                      hint: "пример данных — sample.yaml в папке формы"))
            return FormInput(records: [], diagnostics: diagnostics, isBatch: false)
        }
        for (index, entry) in entries.enumerated() {
            let start = starts.flatMap { index < $0.count ? $0[index] : nil } ?? source.location(of: entry)
            guard case .mapping = entry else {
                diagnostics.append(.error("data-shape", at: start,
                                          "запись должна быть набором полей «имя: значение», а указан \(entry.kindName)"))
                continue
            }
            if let record = check(entry, at: start, source: source, form: form, &diagnostics) {
                records.append(record)
            }
        }
        return FormInput(records: records, diagnostics: diagnostics, isBatch: isBatch)
    }

    /// libyaml refuses a file with a raw control character (or U+FFFE, U+FFFF) before there is a
    /// value to name, and says so at the start of the file: this says where it is instead.
    private static func refusedByYAML(_ text: String, file: String) -> Diagnostic? {
        guard let bad = ForbiddenCharacters.first(in: text, allowingCarriageReturn: true) else { return nil }
        return .error("control-character", at: SourceLocation(file: file, line: bad.line, column: bad.column),
                      "управляющий символ \(ForbiddenCharacters.name(bad.scalar)) в файле данных", hint: controlCharacterHint)
    }
}
