import RussianText

/// `styles.xml`: the page and the named styles of an official document per ГОСТ Р 7.0.97-2016 —
/// A4, margins 30/15/20/20 mm, Liberation Serif (the metric twin of Times New Roman) 14 pt,
/// single spacing, justified body text with a 1.25 cm first-line indent; pages numbered from the
/// second, at the top in the middle (п. 6.6): the number sits in the header, inside the 20 mm
/// above the text, and the first page's header is empty.
enum StylesPart {
    /// Width of the text between the margins (210 − 30 − 15 mm): tables are laid out on it.
    static let textWidthCM = 16.5
    /// The same margins on A4 turned sideways.
    static let landscapeTextWidthCM = 25.2
    /// How far an approval stamp stands from the left margin.
    static let stampIndentCM = 9.0
    /// The top margin is shared: the page's own above the header, then the header with its spacing.
    static let pageTopCM = 1.0
    static let headerHeightCM = 0.5
    static let headerSpacingCM = 0.5

    /// The named styles are the same in every document: they are made once, not for each one.
    static func xml(_ metadata: ODFMetadata, landscape: Bool = false) -> String {
        let (language, country) = metadata.languageAndCountry
        let locale = " fo:language=\"\(language)\"" + (country.map { " fo:country=\"\($0)\"" } ?? "")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-styles\(Namespaces.declarations) office:version="\(Namespaces.version)">
            \(fontFaces)<office:styles>
            <style:default-style style:family="paragraph">
            <style:paragraph-properties fo:orphans="2" fo:widows="2" style:tab-stop-distance="1.25cm" style:writing-mode="lr-tb"/>
            <style:text-properties style:font-name="Liberation Serif" fo:font-size="14pt"\(locale) fo:hyphenate="false"/>
            </style:default-style>
            <style:default-style style:family="table">
            <style:table-properties table:border-model="collapsing"/>
            </style:default-style>
            \(paragraphStyles)\(textStyles)\(graphicStyles)\(listStyles)\(outlineAndNotes)</office:styles>
            <office:automatic-styles>
            <style:page-layout style:name="A4">
            <style:page-layout-properties \(landscape ? "fo:page-width=\"29.7cm\" fo:page-height=\"21cm\" style:print-orientation=\"landscape\"" : "fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\"") \
            fo:margin-top="\(FixedPoint.text(pageTopCM, places: 1))cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm" style:writing-mode="lr-tb">
            <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm" \
            style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/>
            </style:page-layout-properties>
            <style:header-style>
            <style:header-footer-properties fo:min-height="\(FixedPoint.text(headerHeightCM, places: 1))cm" fo:margin-bottom="\(FixedPoint.text(headerSpacingCM, places: 1))cm"/>
            </style:header-style>
            </style:page-layout>
            </office:automatic-styles>
            <office:master-styles>
            <style:master-page style:name="Standard" style:page-layout-name="A4">
            <style:header><text:p text:style-name="\(StyleName.pageHeader)"><text:page-number text:select-page="current">2</text:page-number></text:p></style:header>
            <style:header-first><text:p text:style-name="\(StyleName.pageHeader)"/></style:header-first>
            </style:master-page>
            </office:master-styles>
            </office:document-styles>

            """
    }

    /// ODF has no fallback list per font face: the generic family "roman" is what lets Word use
    /// Times New Roman where Liberation Serif is missing (LibreOffice maps the two both ways).
    private static let fontFaces = """
        <office:font-face-decls>
        <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
        <style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman" style:font-pitch="variable"/>
        <style:font-face style:name="Liberation Mono" svg:font-family="'Liberation Mono'" style:font-family-generic="modern" style:font-pitch="fixed"/>
        </office:font-face-decls>

        """

    private static func paragraph(_ name: String, _ display: String, parent: String?, next: String? = nil,
                                  outlineLevel: Int? = nil, paragraph: String, text: String = "") -> String {
        var attributes = "style:name=\"\(name)\" style:display-name=\"\(display)\" style:family=\"paragraph\""
        if let parent { attributes += " style:parent-style-name=\"\(parent)\"" }
        if let next { attributes += " style:next-style-name=\"\(next)\"" }
        if let outlineLevel { attributes += " style:default-outline-level=\"\(outlineLevel)\"" }
        var xml = "<style:style \(attributes)>\n"
        if !paragraph.isEmpty { xml += "<style:paragraph-properties \(paragraph)/>\n" }
        if !text.isEmpty { xml += "<style:text-properties \(text)/>\n" }
        return xml + "</style:style>\n"
    }

    private static let noIndent = "fo:text-indent=\"0cm\""

    private static let paragraphStyles: String = {
        typealias S = StyleName
        var xml = paragraph(S.standard, "Default Paragraph Style", parent: nil,
                            paragraph: "fo:margin-top=\"0cm\" fo:margin-bottom=\"0cm\" fo:line-height=\"100%\" fo:text-align=\"start\"")
        xml += paragraph(S.body, "Text body", parent: S.standard,
                         paragraph: "fo:text-align=\"justify\" fo:text-indent=\"1.25cm\"")
        xml += paragraph(S.heading, "Heading", parent: S.standard, next: S.body,
                         paragraph: "fo:margin-top=\"0.42cm\" fo:margin-bottom=\"0.21cm\" fo:text-align=\"center\" \(noIndent) fo:keep-with-next=\"always\"",
                         text: "fo:font-weight=\"bold\"")
        // Level 1 is the title; 2 a part («ПОЛОЖЕНИЕ …»), 3 a section, 4 an article: body size from 3 on.
        for (level, size) in [(1, 16), (2, 15), (3, 14), (4, 14), (5, 14), (6, 14)] {
            let style = level >= 5 ? " fo:font-style=\"italic\"" : ""
            xml += paragraph(S.heading(level), "Heading \(level)", parent: S.heading, next: S.body, outlineLevel: level,
                             paragraph: "", text: "fo:font-size=\"\(size)pt\"" + style)
        }
        xml += paragraph(S.listItem, "List Item", parent: S.standard, paragraph: "fo:text-align=\"justify\"")
        xml += paragraph(S.quotation, "Quotations", parent: S.standard,
                         paragraph: "fo:margin-left=\"1cm\" fo:margin-right=\"1cm\" fo:margin-bottom=\"0.21cm\" fo:text-align=\"justify\"")
        xml += paragraph(S.code, "Preformatted Text", parent: S.standard, paragraph: "",
                         text: "style:font-name=\"Liberation Mono\" fo:font-size=\"11pt\"")
        xml += paragraph(S.rule, "Horizontal Line", parent: S.standard,
                         paragraph: "fo:margin-bottom=\"0.3cm\" fo:border-bottom=\"0.5pt solid #000000\" fo:padding=\"0cm\"",
                         text: "fo:font-size=\"6pt\"")
        xml += paragraph(S.footnote, "Footnote", parent: S.standard,
                         paragraph: "fo:text-align=\"justify\"", text: "fo:font-size=\"10pt\"")
        xml += paragraph(S.pageHeader, "Header", parent: S.standard, paragraph: "fo:text-align=\"center\" \(noIndent)",
                         text: "fo:font-size=\"12pt\"")
        // Narrow columns break words at their syllables, not anywhere (the viewer's Russian hyphenation).
        xml += paragraph(S.tableContents, "Table Contents", parent: S.standard, paragraph: "",
                         text: "fo:font-size=\"12pt\" fo:hyphenate=\"true\" fo:hyphenation-remain-char-count=\"2\" fo:hyphenation-push-char-count=\"2\"")
        xml += paragraph(S.tableHeading, "Table Heading", parent: S.tableContents,
                         paragraph: "fo:text-align=\"center\"", text: "fo:font-weight=\"bold\"")
        xml += paragraph(S.tableSection, "Table Section", parent: S.tableContents,
                         paragraph: "fo:text-align=\"center\"", text: "fo:font-weight=\"bold\"")
        for (wide, parent, display) in [(S.wideTableContents, S.tableContents, "Wide Table Contents"),
                                        (S.wideTableHeading, S.tableHeading, "Wide Table Heading"),
                                        (S.wideTableSection, S.tableSection, "Wide Table Section")] {
            xml += paragraph(wide, display, parent: parent, paragraph: "", text: "fo:font-size=\"9pt\"")
        }
        // Blocks of legal Markdown (content/_sources/CONVENTIONS.md): each printed line is kept.
        xml += paragraph(S.actHeader, "Act Header", parent: S.standard, paragraph: "fo:text-align=\"center\" fo:keep-with-next=\"always\"")
        // An approval stamp sits in the right part of the page; its lines start on one edge.
        // It stays on the page of what it labels («Приложение 1 к Договору» over the estimate).
        xml += paragraph(S.stamp, "Stamp", parent: S.standard,
                         paragraph: "fo:margin-left=\"\(Int(stampIndentCM))cm\" fo:margin-bottom=\"0.42cm\" fo:text-align=\"start\" fo:keep-with-next=\"always\"")
        xml += paragraph(S.stampInRow, "Stamp In Row", parent: S.standard, paragraph: "fo:text-align=\"start\"")
        xml += paragraph(S.signaturePosition, "Signature Position", parent: S.standard, paragraph: "fo:text-align=\"start\"")
        xml += paragraph(S.signatureName, "Signature Name", parent: S.standard, paragraph: "fo:text-align=\"end\"")
        xml += paragraph(S.variantTitle, "Variant Title", parent: S.standard,
                         paragraph: "fo:margin-top=\"0.21cm\" fo:margin-bottom=\"0.21cm\" fo:keep-with-next=\"always\"",
                         text: "fo:font-weight=\"bold\" fo:font-style=\"italic\"")
        xml += paragraph(S.amendment, "Amendment", parent: S.body, paragraph: "",
                         text: "fo:font-size=\"12pt\" fo:font-style=\"italic\"")
        // Blanks of a printed form: what is typed on the line is 12 pt, centred over the caption.
        // Lines of one blank must not merge into one box (join-border).
        xml += paragraph(S.blankLine, "Blank Line", parent: S.standard,
                         paragraph: "fo:text-align=\"center\" \(noIndent) fo:border-bottom=\"0.5pt solid #000000\" fo:padding=\"0cm\" style:join-border=\"false\"",
                         text: "fo:font-size=\"12pt\"")
        xml += paragraph(S.blankNextLine, "Blank Next Line", parent: S.blankLine, paragraph: "fo:margin-top=\"0.3cm\"")
        xml += paragraph(S.blankText, "Blank Text", parent: S.standard,
                         paragraph: "fo:text-align=\"center\" \(noIndent)", text: "fo:font-size=\"12pt\"")
        xml += paragraph(S.blankCaption, "Blank Caption", parent: S.standard,
                         paragraph: "fo:text-align=\"center\" \(noIndent) fo:margin-bottom=\"0.1cm\"", text: "fo:font-size=\"9pt\"")
        return xml
    }()

    private static func textStyle(_ name: String, _ display: String, _ properties: String) -> String {
        "<style:style style:name=\"\(name)\" style:display-name=\"\(display)\" style:family=\"text\">\n"
            + "<style:text-properties \(properties)/>\n</style:style>\n"
    }

    private static let textStyles: String = {
        typealias S = StyleName
        return textStyle(S.emphasis, "Emphasis", "fo:font-style=\"italic\"")
            + textStyle(S.strong, "Strong Emphasis", "fo:font-weight=\"bold\"")
            + textStyle(S.strikethrough, "Strikethrough", "style:text-line-through-style=\"solid\" style:text-line-through-type=\"single\"")
            + textStyle(S.sourceText, "Source Text", "style:font-name=\"Liberation Mono\" fo:font-size=\"90%\"")
            + textStyle(S.link, "Internet link", "fo:color=\"#000080\" style:text-underline-style=\"solid\" style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"")
            // A blank of a model act stays visible as one: its published text on a yellow ground.
            + textStyle(S.slot, "Blank", "fo:background-color=\"#fff2a8\"")
            + textStyle(S.footnoteAnchor, "Footnote Anchor", "style:text-position=\"super 58%\"")
            + textStyle(S.footnoteSymbol, "Footnote Characters", "style:text-position=\"super 58%\"")
    }()

    /// A blank's line and caption are a frame in the line of text, as wide as the blank asks:
    /// no border, no ground, its top above the baseline so that the line falls just under it.
    private static let graphicStyles: String = {
        "<style:style style:name=\"\(StyleName.frame)\" style:display-name=\"Frame\" style:family=\"graphic\">\n"
            + "<style:graphic-properties style:wrap=\"none\" style:vertical-pos=\"from-top\" "
            + "style:vertical-rel=\"baseline\"/>\n</style:style>\n"
            + "<style:style style:name=\"\(StyleName.blankFrame)\" style:display-name=\"Blank Frame\" style:family=\"graphic\" "
            + "style:parent-style-name=\"\(StyleName.frame)\">\n"
            + "<style:graphic-properties fo:margin-left=\"0.05cm\" fo:margin-right=\"0.05cm\" fo:margin-top=\"0cm\" fo:margin-bottom=\"0cm\" "
            + "fo:padding=\"0cm\" fo:border=\"none\" style:shadow=\"none\" draw:fill=\"none\" fo:background-color=\"transparent\"/>\n"
            + "</style:style>\n"
    }()

    /// Markdown lists carry their own numbers or bullets (legal numbering is text, not a list).
    private static let listStyles: String = {
        func levels(_ level: (Int, String) -> String) -> String {
            (1...10).map { n in
                // The label hangs 0.75 cm left of the text; each level indents the text by 0.75 cm more.
                let margin = FixedPoint.text(0.5 + 0.75 * Double(n), places: 2)
                let properties = "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">\n"
                    + "<style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"\(margin)cm\" "
                    + "fo:text-indent=\"-0.75cm\" fo:margin-left=\"\(margin)cm\"/>\n</style:list-level-properties>\n"
                return level(n, properties)
            }.joined()
        }
        let bullets = ["•", "–", "◦"]
        return "<text:list-style style:name=\"\(StyleName.numberedList)\" style:display-name=\"Numbering 123\">\n"
            + levels { n, properties in
                "<text:list-level-style-number text:level=\"\(n)\" style:num-suffix=\".\" style:num-format=\"1\">\n\(properties)</text:list-level-style-number>\n"
            }
            + "</text:list-style>\n"
            + "<text:list-style style:name=\"\(StyleName.bulletList)\" style:display-name=\"List Bullet\">\n"
            + levels { n, properties in
                "<text:list-level-style-bullet text:level=\"\(n)\" text:bullet-char=\"\(bullets[(n - 1) % bullets.count])\">\n\(properties)</text:list-level-style-bullet>\n"
            }
            + "</text:list-style>\n"
    }()

    /// Headings are not numbered by the application (their numbers are text); footnotes are
    /// numbered through the document, at the foot of the page.
    private static let outlineAndNotes: String = {
        "<text:outline-style style:name=\"Outline\">\n"
            + (1...10).map { "<text:outline-level-style text:level=\"\($0)\" style:num-format=\"\"/>\n" }.joined()
            + "</text:outline-style>\n"
            + "<text:notes-configuration text:note-class=\"footnote\" text:citation-style-name=\"\(StyleName.footnoteSymbol)\" "
            + "text:citation-body-style-name=\"\(StyleName.footnoteAnchor)\" text:default-style-name=\"\(StyleName.footnote)\" "
            + "style:num-format=\"1\" text:start-value=\"0\" text:footnotes-position=\"page\" text:start-numbering-at=\"document\"/>\n"
    }()
}
