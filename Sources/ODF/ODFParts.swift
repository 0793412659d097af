import DocumentTree

/// The XML parts of an OpenDocument text, from a document tree laid out as an official
/// document: what the package holds besides `mimetype`. The same input gives the same text —
/// natively (zipped by `ODFPackage`) and in the browser, where the page zips them.
public enum ODFParts {
    public static let mediaType = "application/vnd.oasis.opendocument.text"

    /// `content.xml`, `styles.xml`, `meta.xml`, in the order the package writes them, as UTF-8.
    /// `resolveLink` makes a relative link absolute (against the page's address on the portal).
    public static func parts(_ document: Document, metadata: ODFMetadata, landscape: Bool = false,
                             resolveLink: (@Sendable (String) -> String?)? = nil) -> [(path: String, xml: [UInt8])] {
        [
            ("content.xml", ContentPart.xml(document, resolveLink: resolveLink, landscape: landscape)),
            ("styles.xml", Array(StylesPart.xml(metadata, landscape: landscape).utf8)),
            ("meta.xml", Array(MetaPart.xml(metadata).utf8)),
        ]
    }

    /// `META-INF/manifest.xml`: the package itself (`/`) with its media type, and every part.
    public static func manifest(paths: [String]) -> String {
        let entries = paths.map {
            "<manifest:file-entry manifest:full-path=\"\(XMLEscaping.attribute($0))\" manifest:media-type=\"text/xml\"/>\n"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest:manifest xmlns:manifest="\(Namespaces.manifest)" manifest:version="\(Namespaces.version)">
            <manifest:file-entry manifest:full-path="/" manifest:version="\(Namespaces.version)" manifest:media-type="\(mediaType)"/>
            \(entries)</manifest:manifest>

            """
    }
}
