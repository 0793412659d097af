import Testing
import TestSupport
@testable import RussianText

/// The eight-bytes-at-a-time scan finds what a byte-by-byte one finds, wherever the byte stands in
/// its word, next to Cyrillic letters whose bytes have the high bit set.
@Suite struct ByteScanTests {
    @Test func findsWhatAByteLoopFinds() {
        var random = SplitMix(seed: 2026_12_05)
        let pieces = ["а", "я", "«", "»", "\u{A0}", "x", " ", "\n", "&", "<", ">", "\"", "~", "{", "\u{1F600}", "\u{7F}", "\u{1}"]
        let sets: [[UInt8]] = [[0x26, 0x3C, 0x3E, 0x22], [0x7E], [0x7B, 0x0A], [0x3C, 0x3E, 0x01]]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in random.pick(pieces) }.joined()
            let bytes = Array(text.utf8)
            let set = random.pick(sets)
            let scan = set.count == 4 ? ASCIIBytes(set[0], set[1], set[2], set[3])
                : set.count == 3 ? ASCIIBytes(set[0], set[1], set[2]) : set.count == 2 ? ASCIIBytes(set[0], set[1]) : ASCIIBytes(set[0])
            let start = Int.random(in: 0...bytes.count, using: &random)
            let expected = bytes.indices.first { $0 >= start && set.contains(bytes[$0]) }
            bytes.withUnsafeBufferPointer { buffer in
                #expect(scan.firstIndex(in: buffer, from: start) == expected, "\(Array(text.unicodeScalars)) from \(start)")
            }
            #expect(scan.occurs(in: text) == bytes.contains(where: set.contains))
        }
    }

    @Test func theLaneTestsMarkOnlyWhenALaneMatches() {
        var random = SplitMix(seed: 7)
        for _ in 0..<50_000 {
            let lanes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) }
            let word = lanes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
            let limit = UInt8.random(in: 1...0x80, using: &random), byte = random.pick(lanes + [0x7F, 0xC2])
            #expect((ByteScan.lanes(of: word, below: limit) != 0) == lanes.contains { $0 < limit })
            #expect((ByteScan.lanes(of: word, equalTo: byte) != 0) == lanes.contains(byte))
        }
    }

    @Test func aNeedleIsFoundWhereverItsFirstByteRepeats() {
        #expect("(далее — Положение)".utf8Contains("(далее"))
        #expect("((((далее".utf8Contains("(далее"))
        #expect(!"(дале".utf8Contains("(далее"))
        #expect("a {{b}}".utf8Contains("{{"))
        #expect(!"a { {b}".utf8Contains("{{"))
        #expect("«далее»".utf8Contains("далее"))
        #expect("".utf8Contains(""))
        #expect("p-3-pp-2-abz-1".utf8Offset(of: "-pp-") == 3)
        #expect("«далее»".utf8Offset(of: "далее") == 2)
        #expect("st-1-p-2".utf8Offset(of: "-lit-") == nil)
    }
}
