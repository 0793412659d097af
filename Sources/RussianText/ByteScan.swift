/// Looking for a few ASCII bytes in UTF-8 text eight bytes at a time (SWAR: a 64-bit word holds
/// eight bytes, and a handful of integer operations test all of them at once). Every page body
/// goes through several such scans (escaping, slots, line endings); Swift's byte-by-byte
/// `contains(where:)` read them at about 450 MB/s, this at several GB/s. UTF-8 never uses an ASCII
/// byte inside another character, so a match is always the character itself.
public struct ASCIIBytes: Sendable {
    /// Each byte looked for, repeated in all eight lanes; fewer than four repeat the last one.
    private let lanes: (UInt64, UInt64, UInt64, UInt64)
    private let bytes: (UInt8, UInt8, UInt8, UInt8)

    public init(_ bytes: UInt8...) {
        precondition((1...4).contains(bytes.count) && bytes.allSatisfy { $0 < 0x80 }, "one to four ASCII bytes")
        let byte = { (i: Int) in bytes[min(i, bytes.count - 1)] }
        self.bytes = (byte(0), byte(1), byte(2), byte(3))
        lanes = (0x0101_0101_0101_0101 &* UInt64(byte(0)), 0x0101_0101_0101_0101 &* UInt64(byte(1)),
                 0x0101_0101_0101_0101 &* UInt64(byte(2)), 0x0101_0101_0101_0101 &* UInt64(byte(3)))
    }

    /// Whether the text holds any of the bytes.
    public func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstIndex(in: $0) != nil }
    }

    /// The position of the first of the bytes at or after `start`.
    public func firstIndex(in text: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        var i = start
        if let base = UnsafeRawPointer(text.baseAddress) {
            while i + 8 <= text.count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let found = Self.zeroLanes(word ^ lanes.0) | Self.zeroLanes(word ^ lanes.1)
                    | Self.zeroLanes(word ^ lanes.2) | Self.zeroLanes(word ^ lanes.3)
                if found != 0 { break }  // the byte loop below finds which lane
                i += 8
            }
        }
        while i < text.count {
            let byte = text[i]
            if byte == bytes.0 || byte == bytes.1 || byte == bytes.2 || byte == bytes.3 { return i }
            i += 1
        }
        return nil
    }

    /// The high bit of each byte lane of the word that is zero. (A borrow can also mark the lane
    /// above a zero one, but only when there is a zero lane: "any" is always right.)
    @inline(__always)
    static func zeroLanes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// The high bit of each byte lane of the word that is below `limit` (at most 0x80); same caveat.
    @inline(__always)
    public static func lanes(of word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- 0x0101_0101_0101_0101 &* UInt64(limit)) & ~word & 0x8080_8080_8080_8080
    }

    /// The high bit of each byte lane of the word equal to `byte`; same caveat.
    @inline(__always)
    public static func lanes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        zeroLanes(word ^ (0x0101_0101_0101_0101 &* UInt64(byte)))
    }
}
