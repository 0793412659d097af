import RussianText

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

    /// The page's UTF-8 with its table cells hyphenated; nil when it has no table (most pages), so
    /// that it is neither copied nor made again. Bytes, not a String: the page goes to a file, and
    /// making a String of it would check all its UTF-8 once more.
    public func hyphenatingTableCells(_ html: [UInt8]) -> [UInt8]? {
        html.withUnsafeBufferPointer { bytes -> [UInt8]? in
            guard let first = Self.nextCell(in: bytes, from: 0) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 16)
            var position = 0
            var cell: Range<Int>? = first
            while let content = cell {
                out += bytes[position..<content.lowerBound]
                out += hyphenatedCell(ArraySlice(bytes[content]))
                position = content.upperBound
                cell = Self.nextCell(in: bytes, from: position)
            }
            out += bytes[position...]
            return out
        }
    }

    private static let lessThan = ASCIIBytes(UInt8(ascii: "<"))

    /// The content of the next `<td>` or `<th>` from `start`: after its opening tag, up to the next
    /// closing tag of a cell (cells do not nest in the portal's tables).
    private static func nextCell(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        var i = start
        while let tag = lessThan.firstIndex(in: bytes, from: i), tag + 3 < bytes.count {
            i = tag
            if bytes[i + 1] | 0x20 == UInt8(ascii: "t"),
               bytes[i + 2] | 0x20 == UInt8(ascii: "d") || bytes[i + 2] | 0x20 == UInt8(ascii: "h"),
               bytes[i + 3] == UInt8(ascii: ">") || bytes[i + 3] == UInt8(ascii: " ") {
                guard let open = bytes[(i + 3)...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                var j = open + 1
                while let tag = lessThan.firstIndex(in: bytes, from: j), tag + 4 < bytes.count {
                    j = tag
                    if bytes[j + 1] == UInt8(ascii: "/"), bytes[j + 2] | 0x20 == UInt8(ascii: "t"),
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
            if segment.text { appendHyphenated(segment.bytes, to: &out) } else { out += segment.bytes }
        }
        return out
    }

    /// Text with each word of Russian letters hyphenated; a word with anything else in it (a digit,
    /// a Latin letter, «&», «@», «/», «.» inside) is left whole, and so are abbreviations in capitals.
    public func hyphenatedText(_ text: String) -> String {
        var out: [UInt8] = []
        appendHyphenated(Array(text.utf8)[...], to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `hyphenatedText` on UTF-8, read a character at a time: a page's cells are bytes already, and
    /// Swift's Characters cost more than the hyphenation itself.
    func appendHyphenated(_ text: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var i = text.startIndex
        while i < text.endIndex {
            // Whitespace goes out as it is; a token is what lies between.
            let (scalar, length) = Self.scalar(in: text, at: i)
            if Scalars.isWhiteSpace(scalar) {
                out += text[i..<(i + length)]
                i += length
                continue
            }
            var end = i + length
            while end < text.endIndex {
                let (next, nextLength) = Self.scalar(in: text, at: end)
                if Scalars.isWhiteSpace(next) { break }
                end += nextLength
            }
            appendToken(text[i..<end], to: &out)
            i = end
        }
    }

    /// A token is hyphenated only when it is Russian letters around hyphens, with punctuation at
    /// its ends: «(межмуниципальный),» but not «ИНН1655» or «nko@example.org».
    private func appendToken(_ token: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var start = token.startIndex, end = token.endIndex
        while start < end, case let (c, n) = Self.scalar(in: token, at: start), Self.isEdgePunctuation(c) { start += n }
        while end > start, case let (c, n) = Self.scalar(before: end, in: token), Self.isEdgePunctuation(c) { end -= n }
        out += token[token.startIndex..<start]
        var i = start
        while i < end {
            let (c, n) = Self.scalar(in: token, at: i)
            guard c == "-" || Self.letterSymbol(c) != nil else {
                out += token[start...]
                return
            }
            i += n
        }
        // Russian letters are two bytes each: a break before a word's k-th letter is 2k bytes in.
        var letters: [Int] = []
        var wordStart = start
        func flush(upTo wordEnd: Int) {
            let word = token[wordStart..<wordEnd]
            let isAbbreviation = letters.count > 1
                && stride(from: wordStart, to: wordEnd, by: 2).allSatisfy { Self.isCapital(token[$0], token[$0 + 1]) }
            if isAbbreviation || letters.count < Self.shortestHyphenatedWord {
                out += word
            } else {
                var last = wordStart
                let lowercase = stride(from: wordStart, to: wordEnd, by: 2).lazy.map { Self.lowercase(token[$0], token[$0 + 1]) }
                for b in breaks(symbols: letters, lowercase: lowercase) {
                    out += token[last..<(wordStart + 2 * b)]
                    out += [0xC2, 0xAD]  // U+00AD SOFT HYPHEN
                    last = wordStart + 2 * b
                }
                out += token[last..<wordEnd]
            }
            letters.removeAll(keepingCapacity: true)
        }
        i = start
        while i < end {
            let (c, n) = Self.scalar(in: token, at: i)
            if let symbol = Self.letterSymbol(c) {
                letters.append(symbol)
            } else {  // «-»
                flush(upTo: i)
                out.append(UInt8(ascii: "-"))
                wordStart = i + n
            }
            i += n
        }
        flush(upTo: end)
        out += token[end...]
    }

    /// The scalar of valid UTF-8 at `i`, and its length in bytes.
    private static func scalar(in bytes: ArraySlice<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        switch b0 {
        case 0..<0x80: return (Unicode.Scalar(UInt8(b0)), 1)
        case 0xC0..<0xE0: return (Unicode.Scalar((b0 & 0x1F) << 6 | UInt32(bytes[i + 1]) & 0x3F)!, 2)
        case 0xE0..<0xF0:
            return (Unicode.Scalar((b0 & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | UInt32(bytes[i + 2]) & 0x3F)!, 3)
        default:
            let value = (b0 & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6
                | UInt32(bytes[i + 3]) & 0x3F
            return (Unicode.Scalar(value)!, 4)
        }
    }

    /// The scalar that ends at `end`.
    private static func scalar(before end: Int, in bytes: ArraySlice<UInt8>) -> (Unicode.Scalar, Int) {
        var start = end - 1
        while bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return (scalar(in: bytes, at: start).0, end - start)
    }

    /// The Cyrillic capitals А…Я and Ё, from a letter's two bytes.
    private static func isCapital(_ first: UInt8, _ second: UInt8) -> Bool {
        let value = (UInt32(first) & 0x1F) << 6 | UInt32(second) & 0x3F
        return (0x410...0x42F).contains(value) || value == 0x401
    }

    /// A Russian letter's lowercase scalar, from its two bytes.
    private static func lowercase(_ first: UInt8, _ second: UInt8) -> UInt32 {
        let value = (UInt32(first) & 0x1F) << 6 | UInt32(second) & 0x3F
        switch value {
        case 0x410...0x42F: return value + 0x20
        case 0x401: return 0x451
        default: return value
        }
    }

    private static func isEdgePunctuation(_ c: Unicode.Scalar) -> Bool {
        "«»„“”\"'()[],.;:!?…".unicodeScalars.contains(c)
    }
}
