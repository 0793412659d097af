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

    static func stem(_ word: String) -> String { String(word.lowercased().prefix(5)) }
}

private func match(_ pattern: String, _ text: String) -> [String]? {
    guard let regex = try? NSRegularExpression(pattern: pattern),
          let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
    return (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
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
        while anchors.contains(candidate) {
            candidate = "\(anchor)-\(n)"
            n += 1
        }
        anchors.insert(candidate)
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
            let text = h.content.plainText.trimmingCharacters(in: .whitespaces)
            h.anchor = unique(prefix + headingAnchor(text))
            contents.append(ContentsEntry(title: text, anchor: h.anchor!, level: h.level))
            return .heading(h)
        case .paragraph(var p):
            let text = p.content.plainText.trimmingCharacters(in: .whitespaces)
            if Self.isAmendmentNote(text) {
                p.role = .amendment
                return .paragraph(p)
            }
            p.anchor = paragraphAnchor(text, prefix: prefix)
            return .paragraph(p)
        case .container(var c):
            switch c.kind {
            case .appendix:
                let number = c.argument?.trimmingCharacters(in: .whitespaces) ?? String(parts.count)
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
        if let m = match(#"^Статья\s+(\d+[⁰¹²³⁴⁵⁶⁷⁸⁹]*(?:\.\d+)?)"#, text) {
            resetUnits()
            article = "st-" + LegalStructure.articleNumber(m[1])
            return article!
        }
        if let m = match(#"^Глава\s+([0-9]+|[IVXLC]+)\b"#, text) {
            resetUnits()
            return "gl-" + (LegalStructure.romanValue(m[1]).map(String.init) ?? m[1])
        }
        if let m = match(#"^([IVXLC]+)\.\s"#, text), let value = LegalStructure.romanValue(m[1]) {
            resetUnits()
            return "r-\(value)"
        }
        if let m = match(#"^(\d+(?:\.\d+)*)\.?\s"#, text) {
            resetUnits()
            point = "p-" + m[1]
            return point!
        }
        paragraphUnit = nil
        let slug = Transliteration.slug(text)
        return "h-" + String(slug.prefix(48)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    private mutating func paragraphAnchor(_ text: String, prefix: String) -> String? {
        // The export sometimes prints sub-points as «- 1) …»: the dash is not part of the number.
        let text = text.replacingOccurrences(of: #"^[-–—]\s+"#, with: "", options: .regularExpression)
        if let article {
            if let m = match(#"^(\d+)\.\s"#, text) {
                articlePart = "\(article)-ch-\(m[1])"
                articleItem = nil
                return startUnit(prefix + articlePart!)
            }
            // «1)» items, and «п1.» as some acts number the points of an article.
            if let m = match(#"^(\d+)\)\s"#, text) ?? match(#"^п\.?\s?(\d+)\.\s"#, text) {
                articleItem = "\(articlePart ?? article)-p-\(m[1])"
                return startUnit(prefix + articleItem!)
            }
            if let m = match(#"^([а-яё])\)\s"#, text) {
                return startUnit(prefix + "\(articleItem ?? articlePart ?? article)-lit-\(Transliteration.slug(m[1]))")
            }
        } else {
            if let m = match(#"^(\d+(?:\.\d+)+)\.?\s"#, text) ?? match(#"^(\d+)\.\s"#, text) {
                point = "p-" + m[1]
                subpoint = nil
                return startUnit(prefix + point!)
            }
            if let m = match(#"^(\d+)\)\s"#, text) {
                subpoint = (point.map { $0 + "-" } ?? "") + "pp-" + m[1]
                return startUnit(prefix + subpoint!)
            }
            if let m = match(#"^([а-яё])\)\s"#, text) {
                let parent = subpoint ?? point
                return startUnit(prefix + (parent.map { $0 + "-" } ?? "") + "lit-" + Transliteration.slug(m[1]))
            }
        }
        guard let unit = paragraphUnit else { return nil }
        paragraphCount += 1
        return unique("\(unit)-abz-\(paragraphCount)")
    }
}
