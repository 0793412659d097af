/// Looking for bytes in UTF-8 text eight at a time (SWAR: a 64-bit word holds eight bytes, and a
/// handful of integer operations test all of them at once). Every page body goes through several
/// such scans (escaping, slots, line endings, forbidden characters, ODT text); Swift's
/// byte-by-byte `contains(where:)` read them at about 450 MB/s, this at several GB/s. UTF-8 never
/// uses an ASCII byte inside another character, so a match of one is always the character itself.
public enum ByteScan {
    /// The first position at or after `start` that `wanted` picks (it is given the position, so
    /// that it may look at the byte after, too). `mayHold` looks at eight bytes at once (a
    /// little-endian word): it may say yes when no position in it is wanted, but never no when one
    /// is. Words it clears are skipped whole; the others are read byte by byte.
    @inlinable
    public static func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                                  mayHold: (UInt64) -> Bool, wanted: (Int) -> Bool) -> Int? {
        var i = start
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while i + 8 <= bytes.count {
                if mayHold(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)), let found = (i..<(i + 8)).first(where: wanted) {
                    return found
                }
                i += 8
            }
        }
        return (i..<bytes.count).first(where: wanted)
    }

    /// The high bit of each byte lane of the word that is below `limit` (at most 0x80). (A borrow
    /// can also mark the lane above a marked one, but only when one is marked: "any" is always right.)
    @inlinable @inline(__always)
    public static func lanes(of word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- 0x0101_0101_0101_0101 &* UInt64(limit)) & ~word & 0x8080_8080_8080_8080
    }

    /// The high bit of each byte lane of the word equal to `byte`; same caveat.
    @inlinable @inline(__always)
    public static func lanes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        lanes(of: word ^ (0x0101_0101_0101_0101 &* UInt64(byte)), below: 1)
    }
}

/// One to four ASCII bytes looked for together.
public struct ASCIIBytes: Sendable {
    private let bytes: (UInt8, UInt8, UInt8, UInt8)  // fewer than four repeat the last one

    public init(_ bytes: UInt8...) {
        precondition((1...4).contains(bytes.count) && bytes.allSatisfy { $0 < 0x80 }, "one to four ASCII bytes")
        let byte = { (i: Int) in bytes[min(i, bytes.count - 1)] }
        self.bytes = (byte(0), byte(1), byte(2), byte(3))
    }

    /// Whether the text holds any of the bytes.
    public func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstIndex(in: $0) != nil }
    }

    /// The position of the first of the bytes at or after `start`.
    public func firstIndex(in text: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        ByteScan.firstIndex(in: text, from: start, mayHold: { word in
            ByteScan.lanes(of: word, equalTo: bytes.0) | ByteScan.lanes(of: word, equalTo: bytes.1)
                | ByteScan.lanes(of: word, equalTo: bytes.2) | ByteScan.lanes(of: word, equalTo: bytes.3) != 0
        }, wanted: { at in
            let byte = text[at]
            return byte == bytes.0 || byte == bytes.1 || byte == bytes.2 || byte == bytes.3
        })
    }
}
