import CLibXML2
import Foundation

/// Reads the file entries of `META-INF/manifest.xml`: full path → media type.
enum ManifestReader {
    static let namespace = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

    static func entries(_ data: Data) -> [String: String]? {
        let (document, _) = LibXML.parse(data, name: "META-INF/manifest.xml")
        guard let document, let root = xmlDocGetRootElement(document.pointer) else { return nil }
        var entries: [String: String] = [:]
        var node = root.pointee.children
        while let current = node {
            defer { node = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE, String(cString: current.pointee.name) == "file-entry",
                  let path = attribute(current, "full-path") else { continue }
            entries[path] = attribute(current, "media-type") ?? ""
        }
        return entries
    }

    /// The attribute's text, read in place (`xmlFree` is a global variable Swift 6 will not touch).
    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let attribute = xmlHasNsProp(node, name, namespace) else { return nil }
        var text = ""
        var child = attribute.pointee.children
        while let current = child {
            if let content = current.pointee.content { text += String(cString: content) }
            child = current.pointee.next
        }
        return text
    }
}
