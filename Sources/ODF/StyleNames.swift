/// Names of the common styles in `styles.xml` that the content refers to. "_20_" stands for a
/// space, as LibreOffice writes it, so the names read well in its style list (display names).
enum StyleName {
    // Paragraph styles.
    static let standard = "Standard"
    /// The page number at the top of the page.
    static let pageHeader = "Header"
    static let body = "Text_20_body"
    static let heading = "Heading"
    static func heading(_ level: Int) -> String { "Heading_20_\(min(max(level, 1), 6))" }
    static let listItem = "List_20_Item"
    static let quotation = "Quotations"
    static let code = "Preformatted_20_Text"
    static let rule = "Horizontal_20_Line"
    static let footnote = "Footnote"
    static let tableContents = "Table_20_Contents"
    static let tableHeading = "Table_20_Heading"
    static let tableSection = "Table_20_Section"
    /// Tables of many columns (a column per commission member) in smaller type, so that words fit.
    static let wideTableContents = "Wide_20_Table_20_Contents"
    static let wideTableHeading = "Wide_20_Table_20_Heading"
    static let wideTableSection = "Wide_20_Table_20_Section"
    static let actHeader = "Act_20_Header"
    static let stamp = "Stamp"
    static let stampInRow = "Stamp_20_In_20_Row"
    static let signaturePosition = "Signature_20_Position"
    static let signatureName = "Signature_20_Name"
    static let variantTitle = "Variant_20_Title"
    static let amendment = "Amendment"
    /// A line to fill in by hand (its bottom border), the next ones of a text, what a blank
    /// prints on its line («__» ______ 20__ г.), and the caption under them.
    static let blankLine = "Blank_20_Line"
    static let blankNextLine = "Blank_20_Next_20_Line"
    static let blankText = "Blank_20_Text"
    static let blankCaption = "Blank_20_Caption"

    // Text (character) styles.
    static let emphasis = "Emphasis"
    static let strong = "Strong_20_Emphasis"
    static let strikethrough = "Strikethrough"
    static let sourceText = "Source_20_Text"
    static let link = "Internet_20_link"
    static let slot = "Slot"
    static let footnoteAnchor = "Footnote_20_anchor"
    static let footnoteSymbol = "Footnote_20_Symbol"

    // Graphic styles: LibreOffice takes a frame for a text frame (not a drawing) by this parent.
    static let frame = "Frame"
    static let blankFrame = "Blank_20_Frame"

    // List styles.
    static let numberedList = "Numbering_20_123"
    static let bulletList = "List_20_Bullet"
}
