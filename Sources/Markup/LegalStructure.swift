import Foundation
import RussianText

/// The legal structure of a document: every unit anchored, references inside the document
/// turned into links, the contents and the glossary of defined abbreviations.
///
/// Anchors (a documented, stable scheme):
/// - `r-1` Roman section «I.», `gl-2` chapter «Глава 2.», `st-5` article «Статья 5.» (`st-31.1` for «31¹»);
/// - `p-1`, `p-1.1`, `p-1.1.1` numbered points «1.», «1.1.», «1.1.1.»; in articles `st-5-ch-1` for
///   part «1.» and `st-5-ch-1-p-2` for item «2)»;
/// - `…-pp-1` sub-point «1)», `…-lit-a` lettered item «а)» (the letter transliterated);
/// - `…-abz-2` the second paragraph (абзац) of a unit, the unit's own first paragraph being the first;
/// - `pril-2-…` everything inside appendix 2 (`::: appendix 2`), `…var-1-…` inside the first variant;
/// - `h-…` other headings, from their transliterated text.
public struct LegalOutline: Sendable {
    public var document: Document
    public var contents: [ContentsEntry]
    public var glossary: [GlossaryEntry]
    /// References that name a unit this document does not have.
    public var unresolved: [UnresolvedReference]
}

public struct ContentsEntry: Sendable, Equatable {
    public var title: String
    public var anchor: String
    public var level: Int
}

public struct GlossaryEntry: Sendable, Equatable {
    public var term: String
    /// The unit that defines it.
    public var anchor: String?
}

public struct UnresolvedReference: Sendable, Equatable {
    public var line: Int
    public var text: String
    public var anchor: String
}

public enum LegalStructure {
    /// - Parameter kind: the act's kind in Russian («постановление», «закон»): what «настоящего
    ///   постановления» in its main text refers to.
    public static func analyze(_ document: Document, kind: String) -> LegalOutline {
        var anchors = AnchorPass(mainKind: kind)
        var result = document
        result.blocks = anchors.assign(document.blocks, prefix: "")
        var linker = ReferenceLinker(anchors: anchors.anchors, parts: anchors.parts)
        result.blocks = linker.link(result.blocks, prefix: "")
        return LegalOutline(document: result, contents: anchors.contents, glossary: linker.glossary,
                            unresolved: linker.unresolved)
    }

    static func romanValue(_ roman: String) -> Int? {
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
        var total = 0, previous = 0
        for ch in roman.reversed() {
            guard let v = values[ch] else { return nil }
            total += v < previous ? -v : v
            previous = max(previous, v)
        }
        return total
    }

    /// «31¹» → «31.1».
    static func articleNumber(_ text: String) -> String {
        let superscripts: [Character: Character] = ["⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5",
                                                    "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"]
        let base = text.prefix { !superscripts.keys.contains($0) }
        let upper = text.dropFirst(base.count).compactMap { superscripts[$0] }
        return upper.isEmpty ? String(base) : base + "." + String(upper)
    }

    /// A part of the document a reference can name: its anchor prefix and the stem of its kind.
    struct Part {
        let prefix: String
        let stem: String
    }

    static func stem(_ word: String) -> String {
        guard Words.isPlain(word) else { return String(word.lowercased().prefix(5)) }
        return String(String.UnicodeScalarView(word.unicodeScalars.prefix(5).map(Words.fold)))
    }
}

/// Words as the legal passes compare them. Swift lower-cases and compares strings by Unicode's
/// full rules, which walk non-ASCII text a character at a time (a tenth of the references pass).
/// In words of printable ASCII and basic Cyrillic (U+0400–U+045F) every scalar is a character of
/// its own and the text is in NFC, so reading scalars gives the same answers; other words take
/// the full rules.
enum Words {
    static func isPlain(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) || (0x400...0x45F).contains($0.value) }
    }

    /// The lowercase of a Latin or basic Cyrillic capital: all of `lowercased()` on plain words.
    static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        switch c.value {
        case 0x41...0x5A, 0x410...0x42F: Unicode.Scalar(c.value + 0x20)!
        case 0x400...0x40F: Unicode.Scalar(c.value + 0x50)!
        default: c
        }
    }

    static func lowercased(_ text: some StringProtocol) -> String {
        guard isPlain(text) else { return text.lowercased() }
        return String(String.UnicodeScalarView(text.unicodeScalars.map(fold)))
    }

    /// `text.hasPrefix(prefix)`: for plain words, the same scalars are the same bytes.
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        guard isPlain(text), isPlain(prefix) else { return text.hasPrefix(prefix) }
        return text.utf8.starts(with: prefix.utf8)
    }
}

/// Reads the number or letter a unit's text starts with. It does what the regular expression in
/// each method's comment did (ICU's `\s`, `\d`, `\b`), without compiling one per paragraph: that
/// was a sixth of a legal build.
struct Leading {
    private let scalars: String.UnicodeScalarView
    private var at: String.UnicodeScalarView.Index

    init(_ text: String) {
        scalars = text.unicodeScalars
        at = scalars.startIndex
    }

    private var next: Unicode.Scalar? { at == scalars.endIndex ? nil : scalars[at] }

    private mutating func take(_ literal: String) -> Bool {
        var i = at
        for c in literal.unicodeScalars {
            guard i != scalars.endIndex, scalars[i] == c else { return false }
            scalars.formIndex(after: &i)
        }
        at = i
        return true
    }

    private mutating func take(while test: (Unicode.Scalar) -> Bool) -> String? {
        let start = at
        while let c = next, test(c) { scalars.formIndex(after: &at) }
        return start == at ? nil : String(scalars[start..<at])
    }


    /// A character of a word for `\b`: [\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200c\u200d].
    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return c.properties.isAlphabetic || c.value == 0x200C || c.value == 0x200D
        }
    }

    private static func isRoman(_ c: Unicode.Scalar) -> Bool { "IVXLC".unicodeScalars.contains(c) }
    private static func isSuperscript(_ c: Unicode.Scalar) -> Bool { "⁰¹²³⁴⁵⁶⁷⁸⁹".unicodeScalars.contains(c) }
    private static func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    private mutating func space() -> Bool {
        guard let c = next, ICUClass.isSpace(c) else { return false }
        scalars.formIndex(after: &at)
        return true
    }

    /// `^Статья\s+(\d+[⁰-⁹]*(?:\.\d+)?)`: the article's number as printed.
    static func article(_ text: String) -> String? {
        var r = Leading(text)
        guard r.take("Статья"), r.take(while: ICUClass.isSpace) != nil, var number = r.take(while: ICUClass.isDigit) else { return nil }
        number += r.take(while: isSuperscript) ?? ""
        if r.take("."), let more = r.take(while: ICUClass.isDigit) { number += "." + more }
        return number
    }

    /// `^Глава\s+([0-9]+|[IVXLC]+)\b`.
    static func chapter(_ text: String) -> String? {
        var r = Leading(text)
        guard r.take("Глава"), r.take(while: ICUClass.isSpace) != nil, let first = r.next else { return nil }
        guard let number = r.take(while: isASCIIDigit(first) ? isASCIIDigit : isRoman) else { return nil }
        if let after = r.next, isWordCharacter(after) { return nil }
        return number
    }

    /// `^([IVXLC]+)\.\s`.
    static func romanSection(_ text: String) -> String? {
        var r = Leading(text)
        guard let number = r.take(while: isRoman), r.take("."), r.space() else { return nil }
        return number
    }

    /// A dotted number «1.2.3» followed by a space, or by a dot and a space: `^(\d+(?:\.\d+)*)\.?\s`.
    /// With `singleNeedsDot`, a number of one part needs its dot: `^(\d+(?:\.\d+)+)\.?\s`, else `^(\d+)\.\s`.
    static func point(_ text: String, singleNeedsDot: Bool = false) -> String? {
        var r = Leading(text)
        guard var number = r.take(while: ICUClass.isDigit) else { return nil }
        var parts = 1
        while true {
            var ahead = r
            guard ahead.take("."), let more = ahead.take(while: ICUClass.isDigit) else { break }
            number += "." + more
            parts += 1
            r = ahead
        }
        let dot = r.take(".")
        guard r.space(), dot || !(singleNeedsDot && parts == 1) else { return nil }
        return number
    }

    /// `^(\d+)\.\s`.
    static func part(_ text: String) -> String? {
        var r = Leading(text)
        guard let number = r.take(while: ICUClass.isDigit), r.take("."), r.space() else { return nil }
        return number
    }

    /// `^(\d+)\)\s`.
    static func item(_ text: String) -> String? {
        var r = Leading(text)
        guard let number = r.take(while: ICUClass.isDigit), r.take(")"), r.space() else { return nil }
        return number
    }

    /// `^п\.?\s?(\d+)\.\s`: a point of an article numbered «п1.».
    static func pItem(_ text: String) -> String? {
        var r = Leading(text)
        guard r.take("п") else { return nil }
        _ = r.take(".")
        _ = r.space()
        guard let number = r.take(while: ICUClass.isDigit), r.take("."), r.space() else { return nil }
        return number
    }

    /// `^([а-яё])\)\s`.
    static func letter(_ text: String) -> String? {
        var r = Leading(text)
        guard let c = r.next, ("а"..."я").contains(c) || c == "ё" else { return nil }
        r.scalars.formIndex(after: &r.at)
        guard r.take(")"), r.space() else { return nil }
        return String(c)
    }

    /// The text without a leading `^[-–—]\s+`: the export sometimes prints sub-points as «- 1) …».
    static func withoutDash(_ text: String) -> String {
        var r = Leading(text)
        guard let c = r.next, "-–—".unicodeScalars.contains(c) else { return text }
        r.scalars.formIndex(after: &r.at)
        guard r.take(while: ICUClass.isSpace) != nil else { return text }
        return String(r.scalars[r.at...])
    }
}

// MARK: - Anchors

private struct AnchorPass {
    let mainKind: String
    var anchors: Set<String> = []
    var parts: [LegalStructure.Part] = []
    var contents: [ContentsEntry] = []

    // The unit the next paragraphs belong to.
    private var article: String?
    private var articlePart: String?
    private var articleItem: String?
    private var point: String?
    private var subpoint: String?
    private var paragraphUnit: String?
    private var paragraphCount = 0
    private var variants = 0

    init(mainKind: String) {
        self.mainKind = mainKind
        parts.append(.init(prefix: "", stem: LegalStructure.stem(mainKind)))
    }

    private mutating func unique(_ anchor: String) -> String {
        var candidate = anchor, n = 2
        // One lookup per anchor: a legal document has hundreds, each hashed.
        while !anchors.insert(candidate).inserted {
            candidate = "\(anchor)-\(n)"
            n += 1
        }
        return candidate
    }

    private mutating func resetUnits(keepArticle: Bool = false) {
        if !keepArticle { article = nil }
        articlePart = nil
        articleItem = nil
        point = nil
        subpoint = nil
        paragraphUnit = nil
    }

    private mutating func startUnit(_ anchor: String) -> String {
        let a = unique(anchor)
        paragraphUnit = a
        paragraphCount = 1
        return a
    }

    mutating func assign(_ blocks: [Block], prefix: String) -> [Block] {
        blocks.map { assign($0, prefix: prefix) }
    }

    private mutating func assign(_ block: Block, prefix: String) -> Block {
        switch block {
        case .heading(var h):
            let text = String(h.content.plainText.trimmingSpaces)
            h.anchor = unique(prefix + headingAnchor(text))
            contents.append(ContentsEntry(title: text, anchor: h.anchor!, level: h.level))
            return .heading(h)
        case .paragraph(var p):
            let text = String(p.content.plainText.trimmingSpaces)
            if Self.isAmendmentNote(text) {
                p.role = .amendment
                return .paragraph(p)
            }
            p.anchor = paragraphAnchor(text, prefix: prefix)
            return .paragraph(p)
        case .container(var c):
            switch c.kind {
            case .appendix:
                let number = c.argument.map { String($0.trimmingSpaces) } ?? String(parts.count)
                let inner = "pril-\(number)-"
                c.anchor = unique("pril-\(number)")
                if let first = c.blocks.lazy.compactMap(Self.headingText).first,
                   let word = first.split(separator: " ").first {
                    parts.append(.init(prefix: inner, stem: LegalStructure.stem(String(word))))
                }
                let saved = self
                resetUnits()
                c.blocks = assign(c.blocks, prefix: inner)
                restoreUnits(from: saved)
            case .variant:
                variants += 1
                let saved = self
                c.blocks = assign(c.blocks, prefix: prefix + "var-\(variants)-")
                restoreUnits(from: saved)
            default:
                break  // headers, stamps, signatures carry no numbered units
            }
            return .container(c)
        case .table(var table):
            for i in table.rows.indices {
                if let anchor = table.rows[i].anchor { table.rows[i].anchor = unique(prefix + anchor) }
            }
            return .table(table)
        default:
            return block
        }
    }

    private mutating func restoreUnits(from saved: AnchorPass) {
        article = saved.article
        articlePart = saved.articlePart
        articleItem = saved.articleItem
        point = saved.point
        subpoint = saved.subpoint
        paragraphUnit = saved.paragraphUnit
        paragraphCount = saved.paragraphCount
    }

    static func headingText(_ block: Block) -> String? {
        if case let .heading(h) = block { return h.content.plainText }
        return nil
    }

    static func isAmendmentNote(_ text: String) -> Bool {
        guard text.hasPrefix("("), text.hasSuffix(")") else { return false }
        let lower = text.lowercased()
        return ["в ред.", "в редакции", "введен", "утратил", "исключен"].contains { lower.contains($0) }
    }

    private mutating func headingAnchor(_ text: String) -> String {
        if let number = Leading.article(text) {
            resetUnits()
            article = "st-" + LegalStructure.articleNumber(number)
            return article!
        }
        if let number = Leading.chapter(text) {
            resetUnits()
            return "gl-" + (LegalStructure.romanValue(number).map(String.init) ?? number)
        }
        if let number = Leading.romanSection(text), let value = LegalStructure.romanValue(number) {
            resetUnits()
            return "r-\(value)"
        }
        if let number = Leading.point(text) {
            resetUnits()
            point = "p-" + number
            return point!
        }
        paragraphUnit = nil
        let slug = Transliteration.slug(text)
        return "h-" + String(slug.prefix(48).trimmingScalars { $0 == "-" })
    }

    private mutating func paragraphAnchor(_ text: String, prefix: String) -> String? {
        // The export sometimes prints sub-points as «- 1) …»: the dash is not part of the number.
        let text = Leading.withoutDash(text)
        if let article {
            if let number = Leading.part(text) {
                articlePart = "\(article)-ch-\(number)"
                articleItem = nil
                return startUnit(prefix + articlePart!)
            }
            // «1)» items, and «п1.» as some acts number the points of an article.
            if let number = Leading.item(text) ?? Leading.pItem(text) {
                articleItem = "\(articlePart ?? article)-p-\(number)"
                return startUnit(prefix + articleItem!)
            }
            if let letter = Leading.letter(text) {
                return startUnit(prefix + "\(articleItem ?? articlePart ?? article)-lit-\(Transliteration.slug(letter))")
            }
        } else {
            if let number = Leading.point(text, singleNeedsDot: true) {
                point = "p-" + number
                subpoint = nil
                return startUnit(prefix + point!)
            }
            if let number = Leading.item(text) {
                subpoint = (point.map { $0 + "-" } ?? "") + "pp-" + number
                return startUnit(prefix + subpoint!)
            }
            if let letter = Leading.letter(text) {
                let parent = subpoint ?? point
                return startUnit(prefix + (parent.map { $0 + "-" } ?? "") + "lit-" + Transliteration.slug(letter))
            }
        }
        guard let unit = paragraphUnit else { return nil }
        paragraphCount += 1
        return unique("\(unit)-abz-\(paragraphCount)")
    }
}
