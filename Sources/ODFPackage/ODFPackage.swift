import Foundation
import ODF
import RussianText
import ZIPFoundation

/// The zip container of an OpenDocument text (ODF 1.3 part 2): `mimetype` first and stored, so
/// that the type can be read at byte 38; then the manifest and the parts, in a fixed order and
/// with a fixed date, so that the same parts give the same bytes.
enum ODFPackage {
    /// Parts in the order they are written, after `mimetype` and the manifest.
    static func zip(parts: [(path: String, xml: String)], date: CalendarDate) throws -> Data {
        let date = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                  year: date.year, month: date.month, day: date.day).date!
        let archive = try Archive(accessMode: .create)
        try add("mimetype", Data(ODFParts.mediaType.utf8), to: archive, date: date, compression: .none)
        try add("META-INF/manifest.xml", Data(ODFParts.manifest(paths: parts.map(\.path)).utf8), to: archive, date: date)
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
}
