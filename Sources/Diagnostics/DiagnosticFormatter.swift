import Foundation

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

    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let records = diagnostics.map { d in
            Record(severity: d.severity, code: d.code, file: d.location?.file, line: d.location?.line,
                   column: d.location?.column, message: d.message, hint: d.hint)
        }
        let data = (try? encoder.encode(records)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A flat record: what CI annotation tools expect.
    private struct Record: Encodable {
        var severity: Severity
        var code: String
        var file: String?
        var line: Int?
        var column: Int?
        var message: String
        var hint: String?
    }
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
