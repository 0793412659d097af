import DocumentTree

/// `content.xml`: the automatic styles the text needed, then the text.
enum ContentPart {
    /// The part's UTF-8 bytes, written once: they are zipped as they are.
    static func xml(_ document: Document, resolveLink: (@Sendable (String) -> String?)?, landscape: Bool = false) -> [UInt8] {
        var renderer = ContentRenderer(document: document, resolveLink: resolveLink,
                                       textWidthCM: landscape ? StylesPart.landscapeTextWidthCM : StylesPart.textWidthCM)
        renderer.render()
        var xml = XMLOutput()
        xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<office:document-content\(Namespaces.declarations) office:version=\"\(Namespaces.version)\">\n"
        xml += "<office:automatic-styles>\n"
        xml.append(renderer.styles.xml)
        xml += "</office:automatic-styles>\n<office:body>\n<office:text>\n"
        xml.append(renderer.out)
        xml += "</office:text>\n</office:body>\n</office:document-content>\n"
        return xml.bytes
    }
}
