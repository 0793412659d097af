import DocumentTree

/// `content.xml`: the automatic styles the text needed, then the text.
enum ContentPart {
    static func xml(_ document: Document, resolveLink: (@Sendable (String) -> String?)?, landscape: Bool = false) -> String {
        var renderer = ContentRenderer(document: document, resolveLink: resolveLink,
                                       textWidthCM: landscape ? StylesPart.landscapeTextWidthCM : StylesPart.textWidthCM)
        renderer.render()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content\(Namespaces.declarations) office:version="\(Namespaces.version)">
            <office:automatic-styles>
            \(renderer.styles.xml.text)</office:automatic-styles>
            <office:body>
            <office:text>
            \(renderer.out.text)</office:text>
            </office:body>
            </office:document-content>

            """
    }
}
