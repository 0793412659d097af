import DocumentTree
import Foundation
@_exported import ODF

/// Turns a document tree into an OpenDocument text (`.odt`) laid out as an official document.
/// The same document, metadata and base address always give the same bytes.
public struct ODFWriter: Sendable {
    /// The page's address on the portal: links relative to it (`../model-acts/`) become absolute
    /// in the file, where they would otherwise point next to the downloaded file.
    public var baseURL: URL?
    /// A4 turned sideways, for forms whose tables have many columns.
    public var landscape: Bool

    public init(baseURL: URL? = nil, landscape: Bool = false) {
        self.baseURL = baseURL
        self.landscape = landscape
    }

    /// The `.odt` package: `mimetype`, `META-INF/manifest.xml`, `content.xml`, `styles.xml`, `meta.xml`.
    public func write(_ document: Document, metadata: ODFMetadata) throws -> Data {
        var resolve: (@Sendable (String) -> String?)?
        if let baseURL {
            resolve = { URL(string: $0, relativeTo: baseURL)?.absoluteString }
        }
        return try ODFPackage.zip(parts: ODFParts.parts(document, metadata: metadata, landscape: landscape, resolveLink: resolve),
                                  date: metadata.creationDate)
    }
}
