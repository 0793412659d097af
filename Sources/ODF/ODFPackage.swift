import Foundation
import ZIPFoundation

/// The zip container of an OpenDocument text (ODF 1.3 part 2): `mimetype` first and stored, so
/// that the type can be read at byte 38; then the manifest and the parts, in a fixed order and
/// with a fixed date, so that the same parts give the same bytes.
enum ODFPackage {
    static let mediaType = "application/vnd.oasis.opendocument.text"

    /// Parts in the order they are written, after `mimetype` and the manifest.
    static func zip(parts: [(path: String, xml: String)], date: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        try add("mimetype", Data(mediaType.utf8), to: archive, date: date, compression: .none)
        try add("META-INF/manifest.xml", Data(manifest(paths: parts.map(\.path)).utf8), to: archive, date: date)
        for part in parts {
            try add(part.path, Data(part.xml.utf8), to: archive, date: date)
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    private static func add(_ path: String, _ data: Data, to archive: Archive, date: Date,
                            compression: CompressionMethod = .deflate) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                             permissions: 0o644, compressionMethod: compression) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// `META-INF/manifest.xml`: the package itself (`/`) with its media type, and every part.
    static func manifest(paths: [String]) -> String {
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
