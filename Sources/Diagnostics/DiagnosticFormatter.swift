/// Prints diagnostics as a compiler does (`file:line:col: error: …` plus a hint line),
/// or as a JSON array for CI annotations.
public enum DiagnosticFormatter {
    public static func text(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics {
            if let location = d.location { out += "\(location): " }
            out += "\(d.severity.rawValue): \(d.message)\n"
            if let hint = d.hint {
                for line in hint.split(separator: "\n", omittingEmptySubsequences: false) {
                    out += "    подсказка: \(line)\n"
                }
            }
        }
        return out
    }

    /// A flat record per problem, what CI annotation tools expect: keys sorted, two-space indents.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let records = diagnostics.map { d in
            var fields: [(String, String)] = [("code", JSONString.quoted(d.code))]
            if let location = d.location {
                fields += [("column", String(location.column)), ("file", JSONString.quoted(location.file))]
            }
            if let hint = d.hint { fields.append(("hint", JSONString.quoted(hint))) }
            if let location = d.location { fields.append(("line", String(location.line))) }
            fields.append(("message", JSONString.quoted(d.message)))
            if let path = d.path { fields.append(("path", JSONString.quoted(path))) }
            fields.append(("severity", JSONString.quoted(d.severity.rawValue)))
            return "  {\n" + fields.map { "    \"\($0.0)\" : \($0.1)" }.joined(separator: ",\n") + "\n  }"
        }
        return "[\n" + records.joined(separator: ",\n") + "\n]\n"
    }
}

/// A string as a JSON string literal. Control characters and DEL are escaped, so the text is
/// also a valid YAML double-quoted scalar.
public enum JSONString {
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// «возможно, имелось в виду …», or the names allowed.
package func nearestHint(_ name: String, _ candidates: [String], listed: String = "допустимые значения") -> String {
    if let nearest = NearestName.find(name, among: candidates) {
        return "возможно, имелось в виду «\(nearest)»"
    }
    return "\(listed): " + candidates.sorted().joined(separator: ", ")
}

/// Finds the name a user most likely meant, for «возможно, имелось в виду …» hints.
public enum NearestName {
    public static func find(_ name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates.sorted() {
            let d = distance(target, Array(candidate.lowercased()))
            if d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        guard let best else { return nil }
        // Only suggest names that are plausibly a typo of the given one.
        return best.distance <= max(2, target.count / 3) ? best.name : nil
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
