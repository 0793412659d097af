import RussianText
import Foundation
import Markup
@testable import ODFPackage
import Testing
import ZIPFoundation

/// The zip container: what LibreOffice and Word look at before they read a line of XML.
@Suite struct PackageTests {
    let package: Data

    init() throws {
        package = try ODFWriter().write(Fixtures.regulation, metadata: Fixtures.metadata)
    }

    @Test func entriesComeInTheFixedOrder() throws {
        let paths = try Fixtures.entries(package).map(\.entry.path)
        #expect(paths == ["mimetype", "META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"])
    }

    @Test func mimetypeIsFirstStoredWithoutExtraField() throws {
        let (entry, data) = try #require(try Fixtures.entries(package).first)
        #expect(entry.path == "mimetype")
        #expect(!entry.isCompressed)
        #expect(String(decoding: data, as: UTF8.self) == "application/vnd.oasis.opendocument.text")
        // The local header itself: signature, method 0 (stored), name length 8, extra field length 0,
        // so that the media type stands at byte 38 where readers sniff it.
        let bytes = [UInt8](package.prefix(38 + 39))
        #expect(bytes[0..<4] == [0x50, 0x4B, 0x03, 0x04])
        #expect(bytes[8] == 0 && bytes[9] == 0)
        #expect(bytes[26] == 8 && bytes[27] == 0)
        #expect(bytes[28] == 0 && bytes[29] == 0)
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")
        #expect(String(decoding: bytes[38...], as: UTF8.self) == "application/vnd.oasis.opendocument.text")
    }

    @Test func theOtherPartsAreCompressed() throws {
        for (entry, _) in try Fixtures.entries(package).dropFirst() {
            #expect(entry.isCompressed, "\(entry.path)")
        }
    }

    @Test func manifestListsThePackageAndEveryPart() throws {
        let manifest = try Fixtures.part("META-INF/manifest.xml", of: package)
        #expect(manifest.contains(#"<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>"#))
        let listed = manifest.matches(of: /manifest:full-path="([^"]*)"/).map { String($0.1) }
        let parts = try Fixtures.entries(package).map(\.entry.path).filter { $0 != "mimetype" && !$0.hasPrefix("META-INF/") }
        #expect(Set(listed) == Set(["/"] + parts))
        #expect(parts.count == 3)
    }

    @Test func entriesCarryTheCreationDate() throws {
        for (entry, _) in try Fixtures.entries(package) {
            let date = try #require(entry.fileAttributes[.modificationDate] as? Date)
            #expect(date == Date(timeIntervalSince1970: 1_795_392_000), "\(entry.path)")  // 2026-11-23 00:00 UTC
        }
    }

    @Test func theSameInputGivesTheSameBytes() async throws {
        let again = try ODFWriter().write(Fixtures.regulation, metadata: Fixtures.metadata)
        #expect(again == package)
        // Also when written on several threads at once.
        let copies = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<4 { group.addTask { try ODFWriter().write(Fixtures.regulation, metadata: Fixtures.metadata) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(copies.allSatisfy { $0 == package })
    }

    @Test func anotherCreationDateChangesOnlyWhatDependsOnIt() throws {
        var metadata = Fixtures.metadata
        metadata.creationDate = CalendarDate(iso: "2026-11-24")!
        let later = try ODFWriter().write(Fixtures.regulation, metadata: metadata)
        #expect(later != package)
        #expect(try Fixtures.part("content.xml", of: later) == Fixtures.part("content.xml", of: package))
        #expect(try Fixtures.part("meta.xml", of: later).contains("<meta:creation-date>2026-11-24T00:00:00Z</meta:creation-date>"))
    }
}

/// nko writes the zip itself since ZIPFoundation's way of adding an entry (the whole central
/// directory rewritten each time, through a file stream in memory) was most of writing a
/// package: the entries are still the ones ZIPFoundation writes for the same parts (only the
/// deflated data differs: nko deflates at a faster level).
@Suite struct ZipEntriesTests {
    /// How the package was written with ZIPFoundation, kept as the reference.
    static func byZIPFoundation(_ parts: [(path: String, xml: [UInt8])], date: CalendarDate) throws -> Data {
        let when = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                  year: date.year, month: date.month, day: date.day).date!
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ data: Data, _ method: CompressionMethod) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: when,
                                 permissions: 0o644, compressionMethod: method) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("mimetype", Data(ODFParts.mediaType.utf8), .none)
        try add("META-INF/manifest.xml", Data(ODFParts.manifest(paths: parts.map(\.path)).utf8), .deflate)
        for part in parts { try add(part.path, Data(part.xml), .deflate) }
        return try #require(archive.data)
    }

    /// What a reader sees of an entry: everything but the compressed bytes.
    struct Seen: Equatable {
        let path: String, compressed: Bool, crc: UInt32, size: UInt64, permissions: Int?, date: Date?, data: Data
    }

    static func seen(_ package: Data) throws -> [Seen] {
        try Fixtures.entries(package).map { entry, data in
            Seen(path: entry.path, compressed: entry.isCompressed, crc: entry.checksum, size: entry.uncompressedSize,
                 permissions: (entry.fileAttributes[.posixPermissions] as? NSNumber)?.intValue,
                 date: entry.fileAttributes[.modificationDate] as? Date, data: data)
        }
    }

    @Test func thePackageHasTheEntriesZIPFoundationWrites() throws {
        let date = Fixtures.metadata.creationDate
        // The regulation, a landscape form's parts, an empty document, and a long one (parts over
        // ZIPFoundation's 16 KB chunks, with a name outside ASCII).
        let long = (1...3000).map { "<text:p>Пункт \($0). Текст пункта, который повторяется.</text:p>" }.joined()
        let sets: [[(path: String, xml: [UInt8])]] = [
            ODFParts.parts(Fixtures.regulation, metadata: Fixtures.metadata, landscape: false, resolveLink: nil),
            ODFParts.parts(Fixtures.regulation, metadata: Fixtures.metadata, landscape: true, resolveLink: nil),
            ODFParts.parts(Document(blocks: [], footnotes: []), metadata: Fixtures.metadata, landscape: false, resolveLink: nil),
            [("content.xml", Array(long.utf8)), ("Pictures/схема.xml", Array(String(long.reversed()).utf8)), ("meta.xml", [])],
        ]
        for parts in sets {
            let ours = try ODFPackage.zip(parts: parts, date: date)
            // Extracting checks each entry's CRC-32 against the data inflated.
            #expect(try Self.seen(ours) == Self.seen(try Self.byZIPFoundation(parts, date: date)), "\(parts.map(\.path))")
        }
    }
}
