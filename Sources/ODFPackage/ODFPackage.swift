import Foundation
import ODF
import RussianText
import ZlibC

/// The zip container of an OpenDocument text (ODF 1.3 part 2): `mimetype` first and stored, so
/// that the type can be read at byte 38; then the manifest and the parts, in a fixed order and
/// with a fixed date, so that the same parts give the same bytes.
///
/// Written here with zlib rather than through a zip library: a package is five entries written
/// once, and a portal writes thousands of them; compressing them was a fifth of a legal build.
/// The headers are those ZIPFoundation writes (`PackageTests` compares them): UTF-8 names, made
/// by Unix, files -rw-r--r--, raw deflate.
enum ODFPackage {
    /// Parts in the order they are written, after `mimetype` and the manifest.
    static func zip(parts: [(path: String, xml: [UInt8])], date: CalendarDate) throws -> Data {
        var zip = ZipWriter(date: date)
        zip.add("mimetype", stored: Array(ODFParts.mediaType.utf8))
        try zip.add("META-INF/manifest.xml", deflated: Array(ODFParts.manifest(paths: parts.map(\.path)).utf8))
        for part in parts { try zip.add(part.path, deflated: part.xml) }
        return Data(zip.finished())
    }
}

/// A zip archive written front to back into memory (APPNOTE 6.3: local headers and data, then
/// the central directory and its end record); no ZIP64: a document is far below 4 GB.
private struct ZipWriter {
    private var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0
    private let time: UInt16 = 0
    private let day: UInt16

    init(date: CalendarDate) {
        // MS-DOS date: years since 1980, month, day (the time stays midnight).
        day = UInt16(max(date.year - 1980, 0)) << 9 | UInt16(date.month) << 5 | UInt16(date.day)
    }

    mutating func add(_ path: String, stored data: [UInt8]) {
        entry(path, method: 0, crc: Self.crc(data), size: data.count, data: data)
    }

    mutating func add(_ path: String, deflated text: [UInt8]) throws(ZlibFailure) {
        let packed = try DeflateMemo.shared.packed(path, text)
        entry(path, method: 8, crc: packed.crc, size: packed.size, data: packed.data)
    }

    private mutating func entry(_ path: String, method: UInt16, crc: UInt32, size: Int, data: [UInt8]) {
        let name = Array(path.utf8)
        let offset = bytes.count
        // Local file header: version 2.0 needed, bit 11 (the name is UTF-8).
        bytes.le(UInt32(0x0403_4B50)); bytes.le(UInt16(20)); bytes.le(UInt16(0x0800)); bytes.le(method)
        bytes.le(time); bytes.le(day); bytes.le(crc); bytes.le(UInt32(data.count)); bytes.le(UInt32(size))
        bytes.le(UInt16(name.count)); bytes.le(UInt16(0))
        bytes += name
        bytes += data
        // Its central directory entry: made by Unix, version 2.1; a plain file -rw-r--r--.
        directory.le(UInt32(0x0201_4B50)); directory.le(UInt16(0x0315)); directory.le(UInt16(20)); directory.le(UInt16(0x0800))
        directory.le(method); directory.le(time); directory.le(day); directory.le(crc)
        directory.le(UInt32(data.count)); directory.le(UInt32(size)); directory.le(UInt16(name.count))
        directory.le(UInt16(0)); directory.le(UInt16(0)); directory.le(UInt16(0)); directory.le(UInt16(0))
        directory.le(UInt32(0o100644) << 16); directory.le(UInt32(offset))
        directory += name
        count += 1
    }

    consuming func finished() -> [UInt8] {
        let start = bytes.count
        bytes += directory
        bytes.le(UInt32(0x0605_4B50)); bytes.le(UInt16(0)); bytes.le(UInt16(0))
        bytes.le(UInt16(count)); bytes.le(UInt16(count)); bytes.le(UInt32(directory.count)); bytes.le(UInt32(start))
        bytes.le(UInt16(0))
        return bytes
    }

    static func crc(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    }
}

/// zlib refused (out of memory): the document is not written, and its page says why (`odt-failed`).
struct ZlibFailure: Error, CustomStringConvertible {
    let code: Int32
    var description: String { "сжатие zlib не удалось (код \(code))" }
}

/// A part deflated, with the CRC-32 and size of its text.
private struct Packed {
    let data: [UInt8]
    let crc: UInt32
    let size: Int
}

/// The last text deflated for each part name: every document of a build has the same
/// `styles.xml`, and deflating it again gives the same bytes.
private final class DeflateMemo: @unchecked Sendable {
    static let shared = DeflateMemo()
    private var last: [String: (text: [UInt8], packed: Packed)] = [:]
    private let lock = NSLock()

    func packed(_ path: String, _ text: [UInt8]) throws(ZlibFailure) -> Packed {
        if let known = lock.withLock({ last[path] }), Self.sameBytes(known.text, text) { return known.packed }
        let packed = try Self.deflate(text)
        lock.withLock { last[path] = (text, packed) }
        return packed
    }

    /// Most parts differ in length; those that do not are compared as memory.
    private static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    /// zlib's level 2: on a regulation's 35 KB `content.xml` as fast as level 1 and 7 % smaller;
    /// the default level 6 makes it another 15 % smaller but takes 2.4 times as long, and was a
    /// quarter of a legal build's time.
    static let level: Int32 = 2

    /// Raw deflate (no zlib header) with zlib's default memory, as zip expects.
    private static func deflate(_ input: [UInt8]) throws(ZlibFailure) -> Packed {
        var stream = z_stream()
        let started = deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY,
                                    ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard started == Z_OK else { throw ZlibFailure(code: started) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let (result, written) = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                // zlib reads the input only (its pointer is not const in the C declaration).
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return (ZlibC.deflate(&stream, Z_FINISH), target.count - Int(stream.avail_out))
            }
        }
        guard result == Z_STREAM_END else { throw ZlibFailure(code: result) }
        return Packed(data: Array(output[..<written]), crc: ZipWriter.crc(input), size: input.count)
    }
}

private extension [UInt8] {
    /// Appends an integer little-endian, as zip's fields are.
    mutating func le<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
