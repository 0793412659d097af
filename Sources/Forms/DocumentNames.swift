import Content
import Diagnostics
import Foundation

/// The file names of a batch's documents, taken from the data.
extension FormInput {
    /// The longest file name taken from data, in UTF-8 bytes: with «.html» it stays within the
    /// 255 bytes file systems allow.
    public static let maximumNameBytes = 250

    /// The names (without extension) of a batch's documents: the value of `field` in each record,
    /// separators and characters file systems refuse replaced by «_»; `0001`, `0002` … without a
    /// field or for an empty value. A name no file may have (a control character, only dots, too
    /// long) or two records with one name are errors, not an overwrite. `nko form check` and
    /// `nko form render` both ask here, so they accept and refuse the same batches.
    public func documentNames(by field: FieldPath?) -> (names: [String], problems: [Diagnostic]) {
        guard let field else { return (records.indices.map { String(format: "%04d", $0 + 1) }, []) }
        var seen: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        let names = records.enumerated().map { index, record -> String in
            let value = record.text(at: field) ?? ""
            let name: String
            switch Self.fileName(value) {
            case .success(let cleaned): name = cleaned.isEmpty ? String(format: "%04d", index + 1) : cleaned
            case .failure(let problem):
                problems.append(.error("batch-name", at: record.location,
                                       "имя файла из поля «\(field)» записи \(record.location) недопустимо: \(problem)",
                                       hint: "исправьте значение поля или выберите для имён другое поле: --name-by"))
                return String(format: "%04d", index + 1)
            }
            if let first = seen[name] {
                problems.append(.error("batch-name", at: record.location,
                                       "имя файла «\(name)» (поле \(field)) уже занято записью \(first)",
                                       hint: "выберите поле с неповторяющимися значениями: --name-by"))
            }
            seen[name] = seen[name] ?? record.location
            return name
        }
        return (names, problems)
    }

    /// A value as a file name: path separators and characters file systems refuse become «_»,
    /// spaces and dots at the ends are dropped; what cannot be a safe name is said in Russian.
    static func fileName(_ value: String) -> Result<String, FileNameProblem> {
        if let bad = value.unicodeScalars.first(where: { $0.properties.generalCategory == .control || !FormData.isAllowed($0) }) {
            return .failure(FileNameProblem("в значении управляющий символ \(ForbiddenCharacters.name(bad))"))
        }
        let forbidden = Set("/\\:*?\"<>|")
        let cleaned = String(value.map { forbidden.contains($0) ? "_" : $0 })
            .trimmingCharacters(in: CharacterSet(charactersIn: ". ").union(.whitespaces))
        if cleaned.isEmpty, !value.trimmingCharacters(in: .whitespaces).isEmpty {
            return .failure(FileNameProblem("«\(value)» — одни точки и пробелы"))
        }
        if cleaned.utf8.count > maximumNameBytes {
            return .failure(FileNameProblem("оно длиннее \(maximumNameBytes) байт (\(cleaned.utf8.count) в UTF-8)"))
        }
        return .success(cleaned)
    }

    struct FileNameProblem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
