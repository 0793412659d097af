import RussianText
import DocumentTree

/// The automatic styles of `content.xml`, made on first use and named in that order (P1, P2 …),
/// so the same document always gets the same names.
struct AutomaticStyles {
    private var paragraphNames: [ParagraphKey: String] = [:]
    private var cellKinds: Set<CellKind> = []
    private(set) var xml = XMLOutput()
    private var paragraphCount = 0
    /// The width tables span: the text width of the page.
    var textWidthCM = StylesPart.textWidthCM

    /// A paragraph style: the named one, or an automatic one derived from it for an alignment
    /// or a page break.
    mutating func paragraph(_ parent: String, alignment: Alignment? = nil, pageBreak: Bool = false) -> String {
        guard alignment != nil || pageBreak else { return parent }
        let key = ParagraphKey(parent: parent, alignment: alignment, pageBreak: pageBreak)
        if let name = paragraphNames[key] { return name }
        paragraphCount += 1
        let name = "P\(paragraphCount)"
        paragraphNames[key] = name
        xml += "<style:style style:name=\"\(name)\" style:family=\"paragraph\" style:parent-style-name=\"\(parent)\">\n"
        xml += "<style:paragraph-properties"
        if let alignment {
            xml += " fo:text-align=\"\(Self.value(alignment))\""
            // An indented first line would push centred or right-aligned text off its axis.
            if alignment == .center || alignment == .right { xml += " fo:text-indent=\"0cm\"" }
        }
        if pageBreak { xml += " fo:break-before=\"page\"" }
        xml += "/>\n</style:style>\n"
        return name
    }

    /// A table's own style (width, spacing, page break) and one style per column with its
    /// share of the width. Names follow LibreOffice: Table3, Table3.A, Table3.B …
    mutating func table(_ name: String, columnWeights: [Int], pageBreak: Bool, spaceBefore: Double) -> [String] {
        let width = textWidthCM
        xml += "<style:style style:name=\"\(name)\" style:family=\"table\">\n<style:table-properties style:width=\"\(Self.cm(width))\" "
        xml += "table:align=\"margins\" fo:margin-top=\"\(Self.cm(spaceBefore))\" fo:margin-bottom=\"0.21cm\""
        if pageBreak { xml += " fo:break-before=\"page\"" }
        xml += "/>\n</style:style>\n"
        let total = max(columnWeights.reduce(0, +), 1)
        return columnWeights.enumerated().map { index, weight in
            let column = "\(name).\(Self.columnLetters(index))"
            xml += "<style:style style:name=\"\(column)\" style:family=\"table-column\">\n"
            xml += "<style:table-column-properties style:column-width=\"\(Self.cm(width * Double(weight) / Double(total)))\" "
            xml += "style:rel-column-width=\"\(weight * 1000)*\"/>\n</style:style>\n"
            return column
        }
    }

    /// The cell style of a kind, defined once.
    mutating func cell(_ kind: CellKind) -> String {
        guard cellKinds.insert(kind).inserted else { return kind.rawValue }
        xml += "<style:style style:name=\"\(kind.rawValue)\" style:family=\"table-cell\">\n<style:table-cell-properties "
        switch kind {
        case .ruled: xml += "fo:border=\"0.5pt solid #000000\" fo:padding=\"0.1cm\" style:vertical-align=\"top\""
        case .plain: xml += "fo:border=\"none\" fo:padding=\"0cm\" style:vertical-align=\"top\""
        case .plainBottom: xml += "fo:border=\"none\" fo:padding=\"0cm\" style:vertical-align=\"bottom\""
        }
        xml += "/>\n</style:style>\n"
        return kind.rawValue
    }

    private struct ParagraphKey: Hashable {
        let parent: String
        let alignment: Alignment?
        let pageBreak: Bool
    }

    enum CellKind: String {
        /// A cell of a table of the text: ruled on every side.
        case ruled = "Cell"
        /// A cell of a layout table (signature, stamps side by side): no rules.
        case plain = "LayoutCell"
        /// The same, its text at the bottom (the name in a signature, level with the last line).
        case plainBottom = "LayoutCellBottom"
    }

    private static func value(_ alignment: Alignment) -> String {
        switch alignment {
        case .left: return "start"
        case .center: return "center"
        case .right: return "end"
        case .justify: return "justify"
        }
    }

    static func cm(_ value: Double) -> String {
        FixedPoint.text(value, places: 3) + "cm"
    }

    /// A, B, … Z, AA, AB …
    static func columnLetters(_ index: Int) -> String {
        var n = index
        var letters: [UInt8] = []
        repeat {
            letters.append(UInt8(ascii: "A") + UInt8(n % 26))
            n = n / 26 - 1
        } while n >= 0
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}
