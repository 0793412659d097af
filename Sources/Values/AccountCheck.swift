import Diagnostics
import RussianText

/// Accounts with a `bik:` path are checked against that БИК (the 7-1-3 control key of the Bank
/// of Russia): in forms' data and in the portal's entries alike.
package enum AccountCheck {
    /// `values` are of `fields` at `prefix`; `root` holds the whole record, where `bik:` paths
    /// (`recipient.bank.bik`) start.
    package static func check(_ fields: [Field], values: [String: Value], root: [String: Value], prefix: String = "",
                              at: (String) -> SourceLocation, _ problems: inout [Diagnostic]) {
        for field in fields {
            let path = prefix + field.name
            guard let value = values[field.name] else { continue }
            switch value {
            case .object(let entries):
                check(field.subfields, values: dictionary(entries), root: root, prefix: path + ".", at: at, &problems)
            case .list(let rows):
                for (index, row) in rows.enumerated() {
                    guard case let .object(entries) = row else { continue }
                    check(field.subfields, values: dictionary(entries), root: root, prefix: "\(path)[\(index + 1)].", at: at, &problems)
                }
            case .string(let account):
                guard let bikPath = field.bik, case let .string(bik)? = lookup(bikPath, in: root) else { continue }
                let identifier: RussianIdentifier = field.type == .corrAccount
                    ? .correspondentAccount(bik: bik) : .settlementAccount(bik: bik)
                if let problem = identifier.validate(account) {
                    problems.append(.error("account-bik", at: at(path), "«\(path)»: \(problem.message)",
                                           hint: "счёт проверяется вместе с БИК банка (поле «\(bikPath)»): проверьте обе цифры",
                                           path: path))
                }
            default:
                continue
            }
        }
    }

    /// The value at a dotted path of names (`recipient.bank.bik`).
    static func lookup(_ path: String, in root: [String: Value]) -> Value? {
        var names = path.split(separator: ".").map(String.init)[...]
        guard let first = names.popFirst() else { return nil }
        var value = root[first]
        for name in names { value = value?[entry: name] }
        return value
    }

    /// An object's entries by name (the first of a repeated name).
    static func dictionary(_ entries: [Value.Entry]) -> [String: Value] {
        var result: [String: Value] = [:]
        for entry in entries where result[entry.name] == nil { result[entry.name] = entry.value }
        return result
    }
}
