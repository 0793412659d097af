import DocumentTree
import RussianText

/// Lines of a printed form to fill in by hand. A blank in running text is a frame standing as
/// a character: its line (a bottom border: no underscores that the justification or the font
/// would stretch or shorten) with the caption centred under it in small type. A blank that is a
/// whole paragraph is lines across the place with the caption under them; in a table cell with
/// nothing else the cell itself is the place to write in.
extension ContentRenderer {
    /// How far the frame's top stands above the baseline: the 12 pt line paragraph's height less
    /// a little, so that its border falls where underscores would, just under the baseline.
    static let blankFrameRise = 0.42

    /// A blank in running text.
    mutating func blankFrame(_ blank: Blank) {
        let width = min(blank.width ?? placeWidthCM, placeWidthCM)
        out += "<draw:frame draw:style-name=\"\(StyleName.blankFrame)\" text:anchor-type=\"as-char\" "
        out += "svg:y=\"\(AutomaticStyles.cm(-Self.blankFrameRise))\" svg:width=\"\(AutomaticStyles.cm(width))\" draw:z-index=\"0\">"
        out += "<draw:text-box fo:min-height=\"0.3cm\">"
        blankBlock(blank)
        out += "</draw:text-box></draw:frame>"
        afterSpace = false
    }

    /// A cell that is only a blank: empty paragraphs, as many as the blank's lines.
    mutating func blankRoom(_ blank: Blank, style: String) {
        for line in 0..<blank.lines {
            open("text:p", style: style)
            if line == 0 { blankBookmark(blank) }
            out += "</text:p>\n"
        }
    }

    /// A blank's paragraphs: its lines (or what it prints on them), the caption under them. On
    /// their own they are a blank that is a paragraph: lines across the place.
    mutating func blankBlock(_ blank: Blank) {
        if let pattern = blank.pattern {
            open("text:p", style: StyleName.blankText)
            blankBookmark(blank)
            text(pattern)
            out += "</text:p>"
        } else {
            for line in 0..<blank.lines {
                open("text:p", style: line == 0 ? StyleName.blankLine : StyleName.blankNextLine)
                if line == 0 { blankBookmark(blank) }
                out += "</text:p>"
            }
        }
        if let caption = blank.caption {
            open("text:p", style: StyleName.blankCaption)
            text("(" + caption + ")")
            out += "</text:p>"
        }
    }

    /// A bookmark named as the data names the field (`bank.account`, then `bank.account-2` …):
    /// LibreOffice's navigator lists them, and a program can find the line to fill.
    private mutating func blankBookmark(_ blank: Blank) {
        guard let name = blank.name, !name.isEmpty else { return }
        var unique = name
        var n = 1
        while writtenBookmarks.contains(unique) {
            n += 1
            unique = "\(name)-\(n)"
        }
        writtenBookmarks.insert(unique)
        out += "<text:bookmark text:name=\"\(XMLEscaping.attribute(unique))\"/>"
    }

    static func hasBlank(_ inlines: [Inline]) -> Bool {
        inlines.contains { inline in
            switch inline {
            case .blank: return true
            case .strong(let c), .emphasis(let c), .strikethrough(let c), .link(_, let c): return hasBlank(c)
            default: return false
            }
        }
    }

    /// Runs `body` in a place this wide (a cell, a stamp), then restores the width.
    mutating func within(width: Double, _ body: (inout ContentRenderer) -> Void) {
        let saved = placeWidthCM
        placeWidthCM = max(width, 1)
        body(&self)
        placeWidthCM = saved
    }
}
