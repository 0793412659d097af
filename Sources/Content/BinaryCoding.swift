import Diagnostics
import Foundation
import RussianText

/// A compact binary form for the build's caches (`.nko/`). Foundation's JSON coders took longer
/// to read the parsed items of 10 000 documents than parsing them did; this reads them many
/// times faster. Nothing here is an exchange format: a cache from another engine is not read.
package struct BinaryWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func int(_ value: Int) { uint(UInt64(bitPattern: Int64(value))) }

    /// Little-endian base-128: small numbers take one byte.
    package mutating func uint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Bytes written before (`BinaryReader.bytes(from:)`), copied as they are.
    package mutating func raw(_ encoded: ArraySlice<UInt8>) { bytes.append(contentsOf: encoded) }

    package mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            uint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    // Inlinable, as are the reader's generic functions: another module calling them unspecialized
    // paid a closure thunk and a generic append for every element of 10 000 records.
    @inlinable package mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    @inlinable package mutating func array<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        uint(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    /// `array` of strings and of numbers, with no closure per element: a build record has 10 000 of each.
    package mutating func strings(_ values: [String]) {
        uint(UInt64(values.count))
        for value in values { string(value) }
    }

    package mutating func ints(_ values: [Int]) {
        uint(UInt64(values.count))
        for value in values { int(value) }
    }
}

package struct BinaryReader {
    package struct Malformed: Error {
        package init() {}
    }

    @usableFromInline let bytes: ArraySlice<UInt8>
    @usableFromInline var offset: Int

    package init(_ bytes: ArraySlice<UInt8>) { (self.bytes, offset) = (bytes, bytes.startIndex) }

    package init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    package var isAtEnd: Bool { offset == bytes.endIndex }

    package var position: Int { offset }

    /// What is left to read.
    package var rest: ArraySlice<UInt8> { bytes[offset...] }

    /// What was read since `start` (a `position`), to be written again unchanged.
    package func bytes(from start: Int) -> ArraySlice<UInt8> { bytes[start..<offset] }

    /// A length or a count: one that no memory could hold is a malformed file, not a trap.
    package mutating func count() throws -> Int {
        guard let count = Int(exactly: try uint()) else { throw Malformed() }
        return count
    }

    /// The next `count` bytes, unread (to be read later, or elsewhere).
    package mutating func skip(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count <= bytes.endIndex - offset else { throw Malformed() }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    package mutating func int() throws -> Int { Int(Int64(bitPattern: try uint())) }

    package mutating func uint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.endIndex, shift < 64 else { throw Malformed() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    package mutating func bool() throws -> Bool {
        guard offset < bytes.endIndex, bytes[offset] <= 1 else { throw Malformed() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    package mutating func string() throws -> String {
        String(decoding: try skip(try count()), as: UTF8.self)
    }

    @inlinable package mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    /// What `BinaryWriter.strings` wrote.
    package mutating func strings() throws -> [String] {
        let count = try elementCount()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }

    /// What `BinaryWriter.ints` wrote, each in `0..<limit`.
    package mutating func ints(below limit: Int) throws -> [Int] {
        let count = try elementCount()
        var values: [Int] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            let value = try int()
            guard value >= 0, value < limit else { throw Malformed() }
            values.append(value)
        }
        return values
    }

    /// How many elements follow: each takes a byte at least, so more than there are bytes left is a malformed file.
    package mutating func elementCount() throws -> Int {
        let count = try count()
        guard count <= bytes.endIndex - offset else { throw Malformed() }
        return count
    }

    @inlinable package mutating func array<T>(_ read: (inout BinaryReader) throws -> T) throws -> [T] {
        let count = try elementCount()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
}

// MARK: What the caches hold

extension BinaryWriter {
    package mutating func location(_ location: SourceLocation) {
        string(location.file)
        int(location.line)
        int(location.column)
    }

    package mutating func diagnostic(_ d: Diagnostic) {
        bool(d.severity == .error)
        string(d.code)
        optional(d.location) { $0.location($1) }
        string(d.message)
        optional(d.hint) { $0.string($1) }
    }

    mutating func item(_ item: Item) {
        string(item.collectionID)
        string(item.slug)
        string(item.title)
        optional(item.description) { $0.string($1) }
        array(item.values.sorted { $0.key < $1.key }) { writer, field in
            writer.string(field.key)
            writer.value(field.value)
        }
        bool(item.body != nil)  // the body itself is read from the file when its page is rendered
        int(item.bodyLine)
        location(item.location)
        // Mostly in the same file: read back as the same string, not a copy of it.
        optional(item.slugLocation.file == item.location.file ? nil : item.slugLocation.file) { $0.string($1) }
        int(item.slugLocation.line)
        int(item.slugLocation.column)
    }

    mutating func value(_ value: Value) {
        switch value {
        case .string(let s): uint(0); string(s)
        case .markdown(let s, let line): uint(1); string(s); int(line)
        case .integer(let n): uint(2); int(Int(n))
        case .decimal(let d): uint(3); string(d.description)
        case .money(let m): uint(4); int(Int(m.kopecks))
        case .percent(let d): uint(5); string(d.description)
        case .date(let d): uint(6); date(d)
        case .datetime(let t): uint(7); date(t.date); int(t.hour); int(t.minute)
        case .boolean(let b): uint(8); bool(b)
        case .choice(let c): uint(9); string(c.value); string(c.label)
        case .list(let values): uint(10); array(values) { $0.value($1) }
        case .object(let entries):
            uint(11)
            array(entries) { writer, entry in
                writer.string(entry.name)
                writer.value(entry.value)
            }
        case .reference(let r): uint(12); string(r.collection); string(r.slug); location(r.location)
        }
    }

    private mutating func date(_ date: CalendarDate) {
        int(date.year)
        int(date.month)
        int(date.day)
    }
}

extension BinaryReader {
    package mutating func location() throws -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }

    package mutating func diagnostic() throws -> Diagnostic {
        Diagnostic(try bool() ? .error : .warning, try string(), at: try optional { try $0.location() }, try string(),
                   hint: try optional { try $0.string() })
    }

    mutating func item() throws -> Item {
        let (collection, slug, title) = (try string(), try string(), try string())
        let description = try optional { try $0.string() }
        let count = try elementCount()
        var values = [String: Value](minimumCapacity: count)
        for _ in 0..<count { values[try string()] = try value() }
        let (body, bodyLine, location) = (try bool() ? Item.Body.inFile : nil, try int(), try location())
        let slugLocation = SourceLocation(file: try optional { try $0.string() } ?? location.file, line: try int(), column: try int())
        return Item(collectionID: collection, slug: slug, title: title, description: description, values: values, body: body,
                    bodyLine: bodyLine, location: location, slugLocation: slugLocation)
    }

    mutating func value() throws -> Value {
        switch try uint() {
        case 0: return .string(try string())
        case 1: return .markdown(try string(), line: try int())
        case 2: return .integer(Int64(try int()))
        case 3: return .decimal(try decimal())
        case 4: return .money(Money(kopecks: Int64(try int())))
        case 5: return .percent(try decimal())
        case 6: return .date(try date())
        case 7:
            guard let time = CalendarDateTime(date: try date(), hour: try int(), minute: try int()) else { throw Malformed() }
            return .datetime(time)
        case 8: return .boolean(try bool())
        case 9: return .choice(Choice(value: try string(), label: try string()))
        case 10: return .list(try array { try $0.value() })
        case 11: return .object(try array { reader in Value.Entry(name: try reader.string(), value: try reader.value()) })
        case 12: return .reference(Reference(collection: try string(), slug: try string(), location: try location()))
        default: throw Malformed()
        }
    }

    private mutating func decimal() throws -> DecimalNumber {
        guard let value = DecimalNumber(parsing: try string()) else { throw Malformed() }
        return value
    }

    private mutating func date() throws -> CalendarDate {
        guard let date = CalendarDate(year: try int(), month: try int(), day: try int()) else { throw Malformed() }
        return date
    }
}

extension Item {
    /// A hash of what items are without their bodies: slug, title, fields and where they are
    /// written. A page that lists items shows nothing else of them, so an edit of a body that
    /// leaves this alone does not make such a page again.
    public static func fieldsHash<S: Sequence<Item>>(_ items: S) -> UInt64 {
        var writer = BinaryWriter()
        for item in items { writer.item(item) }
        return writer.bytes.withUnsafeBytes { SourceFiles.hash($0) }
    }
}
