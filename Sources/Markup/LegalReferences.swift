import DocumentTree
import RussianText
import Foundation

/// The references pass of `LegalStructure.outline`: «пунктом 3.2 настоящего Положения» and the
/// like become links to the anchors the anchors pass gave, those that point nowhere are reported,
/// and the «(далее – …)» definitions of the text and its tables make the glossary.
struct ReferenceLinker {
    let anchors: Set<String>
    let parts: [LegalStructure.Part]
    var glossary: [GlossaryEntry] = []
    var unresolved: [UnresolvedReference] = []
    private var article: String?
    private var lastAnchor: String?
    private var line = 0

    init(anchors: Set<String>, parts: [LegalStructure.Part]) {
        self.anchors = anchors
        self.parts = parts
    }

    static let definition = try! NSRegularExpression(pattern: #"\(далее\s*[-–—]\s*([^()]+)\)"#)
    static let ordinals = ["перв": 1, "втор": 2, "трет": 3, "четв": 4, "пят": 5, "шест": 6, "седь": 7, "вось": 8,
                           "девя": 9, "деся": 10]

    mutating func link(_ blocks: [Block], prefix: String) -> [Block] {
        blocks.map { link($0, prefix: prefix) }
    }

    private mutating func link(_ block: Block, prefix: String) -> Block {
        switch block {
        case .heading(let h):
            if let anchor = h.anchor, anchor.hasPrefix(prefix + "st-") { article = String(anchor.dropFirst(prefix.count)) }
            else if let anchor = h.anchor, !anchor.contains("-h-"), !anchor.hasPrefix("h-") { article = nil }
            lastAnchor = h.anchor ?? lastAnchor
            return block
        case .paragraph(var p):
            line = p.line
            if let anchor = p.anchor { lastAnchor = anchor }
            collectDefinitions(p.content.plainText)
            if p.role == .body { p.content = link(p.content, prefix: prefix) }
            return .paragraph(p)
        case .container(var c):
            let inner = c.kind == .appendix ? (c.anchor ?? "pril") + "-" : prefix
            let saved = article
            if c.kind == .appendix { article = nil }
            c.blocks = link(c.blocks, prefix: c.kind == .variant ? prefix : inner)
            article = saved
            return .container(c)
        case .table(var table):
            for r in table.rows.indices {
                // A plan's rows define terms too («(далее – ЦУР)» in a row of the measures).
                if let anchor = table.rows[r].anchor { lastAnchor = anchor }
                for cell in table.rows[r].cells { cell.content.forEach { collectDefinitions($0.plainText) } }
                for c in table.rows[r].cells.indices {
                    table.rows[r].cells[c].content = table.rows[r].cells[c].content.map { link($0, prefix: prefix) }
                }
            }
            return .table(table)
        default:
            return block
        }
    }

    private mutating func collectDefinitions(_ text: String) {
        guard text.utf8Contains("(далее") else { return }  // what the expression starts with, found without it
        let range = NSRange(text.startIndex..., in: text)
        for m in Self.definition.matches(in: text, range: range) {
            guard let r = Range(m.range(at: 1), in: text) else { continue }
            for term in text[r].components(separatedBy: ", ") {
                // Quotes around the whole term go («Портал»); a quote closing one inside stays («ТОГКУ «МФЦ»»).
                var clean = String(term.trimmingSpaces)
                if let first = clean.first, let last = clean.last, clean.count > 1, "«\"“".contains(first), "»\"”".contains(last) {
                    clean = String(clean.dropFirst().dropLast())
                }
                if !clean.isEmpty, !glossary.contains(where: { $0.term == clean }) {
                    glossary.append(GlossaryEntry(term: clean, anchor: lastAnchor))
                }
            }
        }
    }

    private mutating func link(_ content: [Inline], prefix: String) -> [Inline] {
        content.flatMap { inline -> [Inline] in
            switch inline {
            case .text(let s): return link(text: s, prefix: prefix)
            case .emphasis(let c): return [.emphasis(link(c, prefix: prefix))]
            case .strong(let c): return [.strong(link(c, prefix: prefix))]
            default: return [inline]
            }
        }
    }

    /// Splits a text at the references it holds; each number of a reference becomes a link.
    private mutating func link(text: String, prefix: String) -> [Inline] {
        let matches = ReferenceScanner.matches(in: text)
        guard !matches.isEmpty else { return [.text(text)] }
        var result: [Inline] = []
        var cursor = text.startIndex
        for m in matches {
            let (named, target) = target(of: text[m.qualifier], current: prefix)
            guard let target else { continue }
            // «подпунктами 1 и 2 настоящего пункта»: sub-points of the point this paragraph belongs to.
            let withinPoint = named == "пункт" ? currentPoint : nil
            for r in m.numbers {
                let number = String(text[r])
                var anchor = withinPoint.map { "\($0)-pp-\(number)" }
                    ?? target + self.anchor(for: number, match: m, in: text)
                // «пункт 1 настоящей статьи» in an article divided into parts: the item 1) of its part.
                if !anchors.contains(anchor), m.kind == .point, let article, !dotted(number) {
                    let candidates = anchors.filter {
                        $0.hasPrefix(target + article + "-ch-") && $0.hasSuffix("-p-" + number) && !$0.contains("-lit-")
                    }
                    if candidates.count == 1 { anchor = candidates.first! }
                }
                if r.lowerBound > cursor { result.append(.text(String(text[cursor..<r.lowerBound]))) }
                if anchors.contains(anchor) {
                    result.append(.link(url: "#" + anchor, content: [.text(number)]))
                } else {
                    unresolved.append(UnresolvedReference(line: line, text: String(text[m.whole]), anchor: anchor))
                    result.append(.text(number))
                }
                cursor = r.upperBound
            }
        }
        if cursor < text.endIndex { result.append(.text(String(text[cursor...]))) }
        return result
    }

    /// What `targetPrefix` says of a qualifier, and the stem of its last word: a document says
    /// «настоящего Положения» over and over, and the stems cost more than the scan that found it.
    private var targets: [Target: (named: String, prefix: String?)] = [:]

    private struct Target: Hashable {
        let qualifier: Substring
        let current: String
    }

    private mutating func target(of qualifier: Substring, current: String) -> (named: String, prefix: String?) {
        let key = Target(qualifier: qualifier, current: current)
        if let known = targets[key] { return known }
        let words = qualifier.split(separator: " ")
        let named = LegalStructure.stem(words.last.map(String.init) ?? "")
        let found = (named, targetPrefix(named: named, firstWord: words.first, current: current))
        targets[key] = found
        return found
    }

    /// The point (`pril-1-p-46`) the current paragraph belongs to.
    private var currentPoint: String? {
        guard let anchor = lastAnchor else { return nil }
        let cut = ["-pp-", "-abz-", "-lit-"].compactMap { anchor.utf8Offset(of: $0) }.min()
        return cut.map { String(decoding: anchor.utf8.prefix($0), as: UTF8.self) } ?? anchor
    }

    /// The part a qualifier names: «настоящего Положения» — this part (or the one so named),
    /// «Регламента» — the part so named; nil for other documents (no link then).
    /// `named`: the stem of the qualifier's last word; `firstWord`: its first.
    private func targetPrefix(named: String, firstWord: Substring?, current: String) -> String? {
        if named == Self.articleStem || named == "пункт" { return current }
        let candidates = parts.filter { Words.hasPrefix(named, $0.stem) || Words.hasPrefix($0.stem, named) }
        if let here = candidates.first(where: { $0.prefix == current }) { return here.prefix }
        if let other = candidates.first { return other.prefix }
        return firstWord.map { Words.hasPrefix(Words.lowercased($0), "настоящ") } == true ? current : nil
    }

    private static let articleStem = LegalStructure.stem("статьи")

    /// A number with points in it (3.2) names a point of the whole document, not of an article.
    private func dotted(_ number: String) -> Bool { number.utf8.contains(UInt8(ascii: ".")) }

    private func anchor(for number: String, match m: ReferenceMatch, in text: String) -> String {
        let ofPoint = m.ofPoint.map { String(text[$0]) }
        let ofArticle = m.ofArticle.map { String(text[$0]) }
        switch m.kind {
        case .paragraph:
            let ordinal = m.ordinal.map { text[$0].lowercased() } ?? ""
            let k = Self.ordinals.first { ordinal.hasPrefix($0.key) }?.value ?? 0
            return "p-\(number)-abz-\(k)"
        case .article:
            return "st-\(number)"
        case .part:
            let art = ofArticle.map { "st-\($0)" } ?? article ?? ""
            return "\(art)-ch-\(number)"
        case .point, .subpoint, .pointShort:
            break
        }
        if let ofArticle { return "st-\(ofArticle)-p-\(number)" }
        if !dotted(number), let ofPoint { return "p-\(ofPoint)-pp-\(number)" }
        if let article, !dotted(number) { return "\(article)-p-\(number)" }
        return "p-\(number)"
    }
}

