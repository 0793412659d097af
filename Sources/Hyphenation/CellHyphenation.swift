/// Soft hyphens in the table cells of an HTML page, put there when the page is built: browsers
/// have no Russian hyphenation of their own on every system, and a narrow column otherwise
/// breaks words anywhere («межм|униц|ипал|ьный»).
///
/// Only cells of free text are hyphenated (`freeTextWords` words or more): a short value such as
/// «межмуниципальный» keeps its column at least as wide as itself. Only words of Russian letters
/// are touched: dates, numbers, identifiers, Latin words, abbreviations and addresses never are.
/// Markup, attributes and character references stay as they are.
extension Hyphenator {
    public static let freeTextWords = 4
    /// Shorter words fit any column as they are («пример», «центра»): no soft hyphens in them.
    public static let shortestHyphenatedWord = 8

    public func hyphenatingTableCells(_ html: String) -> String {
        // Most pages have no table: they are not copied byte by byte to find that out.
        guard Self.hasCell(html) else { return html }
        let bytes = Array(html.utf8)
        guard let first = Self.nextCell(in: bytes, from: 0) else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var position = 0
        var cell: Range<Int>? = first
        while let content = cell {
            out += bytes[position..<content.lowerBound]
            out += hyphenatedCell(bytes[content])
            position = content.upperBound
            cell = Self.nextCell(in: bytes, from: position)
        }
        out += bytes[position...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the page has a `<td` or a `<th` at all, read byte by byte (Foundation's search was
    /// a tenth of the cost of hyphenating a legal page).
    private static func hasCell(_ html: String) -> Bool {
        var (beforeLast, last): (UInt8, UInt8) = (0, 0)
        for byte in html.utf8 {
            if beforeLast == UInt8(ascii: "<"), last == UInt8(ascii: "t"), byte == UInt8(ascii: "d") || byte == UInt8(ascii: "h") {
                return true
            }
            (beforeLast, last) = (last, byte)
        }
        return false
    }

    /// The content of the next `<td>` or `<th>` from `start`: after its opening tag, up to the next
    /// closing tag of a cell (cells do not nest in the portal's tables).
    private static func nextCell(in bytes: [UInt8], from start: Int) -> Range<Int>? {
        var i = start
        while i + 3 < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), bytes[i + 1] | 0x20 == UInt8(ascii: "t"),
               bytes[i + 2] | 0x20 == UInt8(ascii: "d") || bytes[i + 2] | 0x20 == UInt8(ascii: "h"),
               bytes[i + 3] == UInt8(ascii: ">") || bytes[i + 3] == UInt8(ascii: " ") {
                guard let open = bytes[(i + 3)...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                var j = open + 1
                while j + 4 < bytes.count {
                    if bytes[j] == UInt8(ascii: "<"), bytes[j + 1] == UInt8(ascii: "/"), bytes[j + 2] | 0x20 == UInt8(ascii: "t"),
                       bytes[j + 3] | 0x20 == UInt8(ascii: "d") || bytes[j + 3] | 0x20 == UInt8(ascii: "h") {
                        return (open + 1)..<j
                    }
                    j += 1
                }
                return nil
            }
            i += 1
        }
        return nil
    }

    /// A cell's HTML with its free text hyphenated: text between tags only.
    private func hyphenatedCell(_ html: ArraySlice<UInt8>) -> [UInt8] {
        var segments: [(text: Bool, bytes: ArraySlice<UInt8>)] = []
        var i = html.startIndex
        while i < html.endIndex {
            if html[i] == UInt8(ascii: "<") {
                let end = html[i...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? html.endIndex
                segments.append((false, html[i..<end]))
                i = end
            } else {
                let end = html[i...].firstIndex(of: UInt8(ascii: "<")) ?? html.endIndex
                segments.append((true, html[i..<end]))
                i = end
            }
        }
        let words = segments.filter(\.text).reduce(0) { count, segment in
            count + segment.bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A }).count
        }
        guard words >= Self.freeTextWords else { return Array(html) }
        var out: [UInt8] = []
        for segment in segments {
            out += segment.text ? Array(hyphenatedText(String(decoding: segment.bytes, as: UTF8.self)).utf8) : Array(segment.bytes)
        }
        return out
    }

    /// Text with each word of Russian letters hyphenated; a word with anything else in it (a digit,
    /// a Latin letter, «&», «@», «/», «.» inside) is left whole, and so are abbreviations in capitals.
    public func hyphenatedText(_ text: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let isAbbreviation = word.count > 1 && word.allSatisfy(\.isUppercase)
            out += isAbbreviation || word.count < Self.shortestHyphenatedWord ? word : hyphenate(word)
            word = ""
        }
        var pending: [Character] = []  // a token being read: letters, or anything else glued to them
        func endToken() {
            // A token is hyphenated only when it is Russian letters around hyphens, with punctuation
            // at its ends: «(межмуниципальный),» but not «ИНН1655» or «nko@example.org».
            var start = pending.startIndex, end = pending.endIndex
            while start < end, Self.isEdgePunctuation(pending[start]) { start += 1 }
            while end > start, Self.isEdgePunctuation(pending[end - 1]) { end -= 1 }
            let core = pending[start..<end]
            out += String(pending[..<start])
            if core.allSatisfy({ Self.isRussianLetter($0) || $0 == "-" }) {
                for character in core {
                    if character == "-" { flush(); out.append("-") } else { word.append(character) }
                }
                flush()
            } else {
                out += String(core)
            }
            out += String(pending[end...])
            pending = []
        }
        for character in text {
            if character.isWhitespace {
                endToken()
                out.append(character)
            } else {
                pending.append(character)
            }
        }
        endToken()
        return out
    }

    private static func isRussianLetter(_ c: Character) -> Bool {
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
        return (0x410...0x44F).contains(scalar.value) || scalar.value == 0x401 || scalar.value == 0x451
    }

    private static func isEdgePunctuation(_ c: Character) -> Bool {
        "«»„“”\"'()[],.;:!?…".contains(c)
    }
}
