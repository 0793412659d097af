import Diagnostics
import RussianText
import Values

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
        guard let field else { return (records.indices.map { Self.number($0) }, []) }
        var seen: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        let names = records.enumerated().map { index, record -> String in
            let value = record.text(at: field) ?? ""
            let name: String
            switch Self.fileName(value) {
            case .success(let cleaned): name = cleaned.isEmpty ? Self.number(index) : cleaned
            case .failure(let problem):
                problems.append(.error("batch-name", at: record.location,
                                       "имя файла из поля «\(field)» записи \(record.location) недопустимо: \(problem)",
                                       hint: "исправьте значение поля или выберите для имён другое поле: --name-by"))
                return Self.number(index)
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
        let replaced = String(value.map { forbidden.contains($0) ? "_" : $0 })
        let cleaned = String(replaced.trimmingScalars(where: isTrimmed))
        if cleaned.isEmpty, !value.trimmingSpaces.isEmpty {
            return .failure(FileNameProblem("«\(value)» — одни точки и пробелы"))
        }
        if cleaned.utf8.count > maximumNameBytes {
            return .failure(FileNameProblem("оно длиннее \(maximumNameBytes) байт (\(cleaned.utf8.count) в UTF-8)"))
        }
        return .success(cleaned)
    }

    /// `0001`, `0002` …: a record's number as a file name.
    static func number(_ index: Int) -> String {
        let digits = String(index + 1)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Dots, spaces and tabs at the ends of a name (Windows drops them; a name of dots is a folder).
    private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }

    struct FileNameProblem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
