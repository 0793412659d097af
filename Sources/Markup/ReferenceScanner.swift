import RussianText

/// A reference to a unit of a legal text, as `ReferenceScanner` found it: «пунктами 2.1 и 2.3
/// настоящего Положения». The ranges are of the scanned text.
struct ReferenceMatch {
    var whole: Range<String.Index>
    /// «пунктами», «п.», «абзацем вторым пункта», «части», «статьи».
    var keyword: Range<String.Index>
    /// Which of them: the scanner knows, so the linker need not lower-case and compare the words.
    var kind: Kind
    /// The ordinal of «абзацем вторым пункта».
    var ordinal: Range<String.Index>?
    /// Each number the reference lists: «2.1», «2.3».
    var numbers: [Range<String.Index>]
    /// The point of «подпункт 3 пункта 2», the article of «части 2 статьи 5».
    var ofPoint: Range<String.Index>?
    var ofArticle: Range<String.Index>?
    /// «настоящего Положения», «Регламента».
    var qualifier: Range<String.Index>

    enum Kind {
        case point  // «пункт…»
        case subpoint  // «подпункт…»
        case pointShort  // «п.»
        case paragraph  // «абзац… … пункта»
        case part  // «част…»
        case article  // «стать…»
    }
}

/// Finds references in a text by hand. It finds what this ICU expression found, case-insensitive,
/// leftmost first (the reference pass ran it on every text of a legal document: a tenth of a build):
///
///     (?<kw>(?:под)?пункт\p{L}*|п\.|абзац\p{L}*\s+(?<ord>\p{L}+)\s+пункта|част\p{L}*|стать\p{L}*)\s*
///     (?<nums>\d+(?:\.\d+)*\.?(?:\s*(?:,|и)\s*\d+(?:\.\d+)*\.?)*)
///     (?<of>\s+пункта\s+\d+(?:\.\d+)*\.?)?(?<art>\s+статьи\s+\d+(?:\.\d+)?)?
///     \s+(?<qual>настоящ\p{L}+\s+\p{L}+|Положения|Регламента|Плана|Правил|Порядка)
///
/// No backtracking is needed: each quantifier is followed by what it cannot take (letters by a
/// space or a digit, a number by a space), and no later part starts the way an earlier one may go on.
struct ReferenceScanner {
    /// The text's UTF-8, read in place: a scalar is decoded where it is looked at.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at: Int

    private init(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) {
        self.bytes = bytes
        self.at = at
    }

    static func matches(in text: String) -> [ReferenceMatch] {
        // Candidates are found in the bytes: every keyword starts with «п», «а», «ч» or «с» in
        // either case (two-byte letters: D0 9F, D0 BF, D0 90, D0 B0, D0 A7, D1 87, D0 A1, D1 81),
        // and only «под», «пун», «п.», «абз», «час» and «ста» can go on to one. The scanner reads
        // the scalars only there: «по» and «ст» alone begin a good share of Russian words.
        var bytes = text
        return bytes.withUTF8 { buffer in
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            var found: [ReferenceMatch] = []
            var i = 0
            while i + 1 < buffer.count {
                let lead = buffer[i]
                guard lead & 0xFE == 0xD0 else {  // not a Cyrillic letter of U+0400–U+047F
                    i += 1
                    continue
                }
                let tail = buffer[i + 1]
                let candidate = lead == 0xD0
                    ? tail == 0xBF || tail == 0xB0 || tail == 0x9F || tail == 0x90 || tail == 0xA1 || tail == 0xA7
                    : tail == 0x81 || tail == 0x87
                if candidate && Self.mayFollow(buffer, at: i + 2) {
                    // The candidate and the two characters after it, folded (0 past the end).
                    let letter = { (at: Int) in scalar(in: buffer, at: at).map { (Words.fold($0.scalar).value, $0.length) } ?? (0, 0) }
                    let first = letter(i), second = letter(i + first.1)
                    switch (first.0, second.0, letter(i + first.1 + second.1).0) {
                    case (0x43F, 0x2E, _), (0x43F, 0x43E, 0x434), (0x43F, 0x443, 0x43D), (0x430, 0x431, 0x437), (0x447, 0x430, 0x441), (0x441, 0x442, 0x430):
                        var scanner = ReferenceScanner(buffer, at: i)
                        if let match = scanner.reference() {
                            found.append(ReferenceMatch(match, index))
                            i = match.whole.upperBound
                            continue
                        }
                    default: break
                    }
                }
                i += 2  // a valid string: the lead's one continuation byte starts nothing
            }
            return found
        }
    }

    /// Whether the character at `offset` can be the second of a keyword: «.», «о», «у», «б», «а»
    /// or «т» in either case, told by their bytes (D0 BE, D0 9E, D1 83, D0 A3, D0 B1, D0 91, D0 B0,
    /// D0 90, D1 82, D0 A2) before any scalar is decoded: most candidates stop here.
    private static func mayFollow(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset < bytes.count else { return false }
        switch bytes[offset] {
        case 0x2E: return true
        case 0xD0 where offset + 1 < bytes.count:
            switch bytes[offset + 1] {
            case 0xBE, 0x9E, 0xA3, 0xB1, 0x91, 0xB0, 0x90, 0xA2: return true
            default: return false
            }
        case 0xD1 where offset + 1 < bytes.count: return bytes[offset + 1] == 0x83 || bytes[offset + 1] == 0x82
        default: return false
        }
    }

    /// The scalar at `offset` of valid UTF-8 and its length in bytes; nil at the end.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard offset < bytes.count else { return nil }
        let lead = UInt32(bytes[offset])
        func continuation(_ k: Int) -> UInt32 { UInt32(bytes[offset + k]) & 0x3F }
        switch lead {
        case 0..<0x80: return (Unicode.Scalar(lead)!, 1)
        case 0..<0xE0: return (Unicode.Scalar((lead & 0x1F) << 6 | continuation(1))!, 2)
        case 0..<0xF0: return (Unicode.Scalar((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2))!, 3)
        default: return (Unicode.Scalar((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3))!, 4)
        }
    }

    /// The scalar the scanner is at.
    private var next: (scalar: Unicode.Scalar, length: Int)? { Self.scalar(in: bytes, at: at) }

    /// A reference as offsets into the text's bytes.
    fileprivate struct Found {
        var whole: Range<Int>
        var keyword: Range<Int>
        var kind: ReferenceMatch.Kind
        var ordinal: Range<Int>?
        var numbers: [Range<Int>]
        var ofPoint: Range<Int>?
        var ofArticle: Range<Int>?
        var qualifier: Range<Int>
    }

    private mutating func reference() -> Found? {
        let start = at
        var ordinal: Range<Int>?
        var sub = self
        let kind: ReferenceMatch.Kind
        if sub.take(Self.under), sub.take(Self.point) {
            self = sub
            kind = .subpoint
        } else if take(Self.point) {
            kind = .point
        } else if take(Self.part) {
            kind = .part
        } else if take(Self.article) {
            kind = .article
        } else if take(Self.pointShort) {
            kind = .pointShort
        } else if take(Self.paragraph) {
            kind = .paragraph
            skip(while: ICUClass.isLetter)
            guard skip(while: ICUClass.isSpace) else { return nil }
            let from = at
            guard skip(while: ICUClass.isLetter) else { return nil }
            ordinal = from..<at
            guard skip(while: ICUClass.isSpace), take(Self.ofPointWord) else { return nil }
        } else {
            return nil
        }
        if kind != .pointShort && kind != .paragraph { skip(while: ICUClass.isLetter) }  // the word's ending
        let keyword = start..<at
        skip(while: ICUClass.isSpace)

        guard let first = number(dots: .any) else { return nil }
        var numbers = [first]
        _ = take(Self.dot)
        while true {
            var ahead = self
            ahead.skip(while: ICUClass.isSpace)
            guard ahead.take(Self.comma) || ahead.take(Self.and) else { break }
            ahead.skip(while: ICUClass.isSpace)
            guard let next = ahead.number(dots: .any) else { break }
            numbers.append(next)
            _ = ahead.take(Self.dot)
            self = ahead
        }

        var ofPoint: Range<Int>?
        var ofArticle: Range<Int>?
        var ahead = self
        if ahead.skip(while: ICUClass.isSpace), ahead.take(Self.ofPointWord), ahead.skip(while: ICUClass.isSpace),
           let point = ahead.number(dots: .any) {
            _ = ahead.take(Self.dot)
            ofPoint = point
            self = ahead
        }
        ahead = self
        if ahead.skip(while: ICUClass.isSpace), ahead.take(Self.ofArticleWord), ahead.skip(while: ICUClass.isSpace),
           let article = ahead.number(dots: .one) {
            ofArticle = article
            self = ahead
        }

        guard skip(while: ICUClass.isSpace) else { return nil }
        let from = at
        if take(Self.this) {
            guard skip(while: ICUClass.isLetter), skip(while: ICUClass.isSpace), skip(while: ICUClass.isLetter) else { return nil }
        } else if !Self.documents.contains(where: { take($0) }) {
            return nil
        }
        return Found(whole: start..<at, keyword: keyword, kind: kind, ordinal: ordinal, numbers: numbers,
                     ofPoint: ofPoint, ofArticle: ofArticle, qualifier: from..<at)
    }

    // The words of the expression, lowercase, as scalars.
    private static let under = Array("под".unicodeScalars), point = Array("пункт".unicodeScalars)
    private static let part = Array("част".unicodeScalars), article = Array("стать".unicodeScalars)
    private static let pointShort = Array("п.".unicodeScalars), paragraph = Array("абзац".unicodeScalars)
    private static let ofPointWord = Array("пункта".unicodeScalars), ofArticleWord = Array("статьи".unicodeScalars)
    private static let dot = Array(".".unicodeScalars), comma = Array(",".unicodeScalars), and = Array("и".unicodeScalars)
    private static let this = Array("настоящ".unicodeScalars)
    private static let documents = ["положения", "регламента", "плана", "правил", "порядка"].map { Array($0.unicodeScalars) }

    private enum Dots { case any, one }

    /// `\d+(?:\.\d+)*`, or `\d+(?:\.\d+)?` with `.one`.
    private mutating func number(dots: Dots) -> Range<Int>? {
        let start = at
        guard skip(while: ICUClass.isDigit) else { return nil }
        while true {
            var ahead = self
            guard ahead.take(Self.dot), ahead.skip(while: ICUClass.isDigit) else { break }
            self = ahead
            if dots == .one { break }
        }
        return start..<at
    }

    /// A lowercase literal, matched without regard to case.
    private mutating func take(_ literal: [Unicode.Scalar]) -> Bool {
        var ahead = self
        for c in literal {
            guard let (scalar, length) = ahead.next, Words.fold(scalar) == c else { return false }
            ahead.at += length
        }
        at = ahead.at
        return true
    }

    /// Skips what `test` accepts; whether there was any.
    @discardableResult
    private mutating func skip(while test: (Unicode.Scalar) -> Bool) -> Bool {
        let start = at
        while let (scalar, length) = next, test(scalar) { at += length }
        return at != start
    }
}

private extension ReferenceMatch {
    /// The reference with its offsets made indices of the text.
    init(_ found: ReferenceScanner.Found, _ index: (Int) -> String.Index) {
        func range(_ r: Range<Int>) -> Range<String.Index> { index(r.lowerBound)..<index(r.upperBound) }
        self.init(whole: range(found.whole), keyword: range(found.keyword), kind: found.kind, ordinal: found.ordinal.map(range),
                  numbers: found.numbers.map(range), ofPoint: found.ofPoint.map(range), ofArticle: found.ofArticle.map(range),
                  qualifier: range(found.qualifier))
    }
}

/// ICU's classes of characters, as its regular expressions read them.
enum ICUClass {
    /// `\s`: \p{White_Space} (with the line tabulation and U+0085, which ICU's manual leaves out).
    static func isSpace(_ c: Unicode.Scalar) -> Bool { Scalars.isWhiteSpace(c) }

    /// `\d`: \p{Nd}.
    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x30...0x39: true
        case 0..<0x80: false
        default: c.properties.generalCategory == .decimalNumber
        }
    }

    /// `\p{L}`.
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0x410...0x44F: true
        case 0..<0x80: false
        default:
            switch c.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
            default: false
            }
        }
    }
}
