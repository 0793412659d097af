import Foundation

/// The Russian hyphenation patterns of the system: Debian's `hyphen-ru` (ruhyphal by A. I. Lebedev,
/// LPPL), read where the package puts them and never copied into the portal's repository.
public enum HyphenationPatterns {
    /// Where `apt-get install hyphen-ru` puts the patterns.
    public static let russianFile = "/usr/share/hyphen/hyph_ru_RU.dic"

    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String {
            "нет словаря русских переносов \(path) (\(reason)): установите пакет hyphen-ru (sudo apt-get install hyphen-ru; make site и make test ставят его сами)"
        }
    }

    private static let cache = Cache()

    /// The hyphenator over the system's Russian patterns, read once per process.
    public static func russian(path: String = russianFile) throws(Missing) -> Hyphenator {
        if let known = cache.get(path) { return known }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Missing(path: path, reason: FileManager.default.fileExists(atPath: path) ? "файл не читается" : "файла нет")
        }
        guard let hyphenator = read(data) else {
            throw Missing(path: path, reason: "это не словарь переносов: нет кодировки KOI8-R или UTF-8 в первой строке или ни одного шаблона")
        }
        cache.set(path, hyphenator)
        return hyphenator
    }

    /// A libhyphen `.dic`: its encoding on the first line (KOI8-R or UTF-8), then one pattern a
    /// line; `%` comments; TeX's `\hyphenation{` list of words written with their hyphens.
    /// Read as scalars, not Characters: a build reads the file every time, and Characters made
    /// reading 4 700 lines cost more than a one-page rebuild is allowed to take.
    static func read(_ data: Data) -> Hyphenator? {
        let bytes = [UInt8](data)
        let firstLine = bytes.prefix { $0 != 0x0A }
        let encoding = String(decoding: firstLine, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let scalars: [Unicode.Scalar]
        switch encoding {
        case "KOI8-R": scalars = bytes.map(koi8r)
        case "UTF-8": scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        default: return nil
        }
        var patterns: [ArraySlice<Unicode.Scalar>] = [], exceptions: [String] = []
        // The line breaks Swift's Characters know; "\r\n" leaves an empty line between, dropped as the rest.
        for line in scalars.split(whereSeparator: isLineBreak).dropFirst() {
            let entry = trimmed(line)
            if entry.isEmpty || ["%", "\\"].contains(entry.first!) || entry.elementsEqual(["}"]) { continue }
            if entry.contains("-") { exceptions.append(String(String.UnicodeScalarView(entry))) } else { patterns.append(entry) }
        }
        return patterns.isEmpty ? nil : Hyphenator(patterns: patterns, exceptions: exceptions)
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Without the spaces and tabs at its ends (Foundation's `.whitespaces`).
    private static func trimmed(_ line: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        guard let first = line.firstIndex(where: { !isSpace($0) }), let last = line.lastIndex(where: { !isSpace($0) }) else { return [] }
        return line[first...last]
    }

    /// KOI8-R's letters (0xC0–0xFF, ё and Ё); the rest of what a pattern file holds is ASCII.
    private static let koi8rLetters = Array("юабцдефгхийклмнопярстужвьызшэщчъЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ".unicodeScalars)

    private static func koi8r(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0xC0...0xFF: koi8rLetters[Int(byte - 0xC0)]
        case 0xA3: "ё"
        case 0xB3: "Ё"
        case 0x00..<0x80: Unicode.Scalar(byte)
        default: "\u{FFFD}"
        }
    }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [String: Hyphenator] = [:]
        func get(_ path: String) -> Hyphenator? { lock.withLock { known[path] } }
        func set(_ path: String, _ value: Hyphenator) { lock.withLock { known[path] = value } }
    }
}
