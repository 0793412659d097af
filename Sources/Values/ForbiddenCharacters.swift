import Diagnostics
import RussianText

/// Characters that no text of the portal may carry: they make XML (feeds, sitemaps, ODT) not
/// well-formed, are parse errors in HTML, or hide in a line as something it does not show. These
/// are the control characters other than tab and line feed (a carriage return survives only
/// without its line feed: CRLF is read as LF), DEL and the C1 controls, and the noncharacters
/// (U+FDD0…U+FDEF, U+FFFE and U+FFFF of every plane).
package enum ForbiddenCharacters {
    package static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A }
        if v < 0x7F { return false }
        return v <= 0x9F || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
    }

    /// The first forbidden character of a text, with its line and column (both from 1, columns in
    /// characters as editors count them). A scan of eight bytes at a time: every content file goes
    /// through it, and lines are counted only when something is found.
    /// `allowingCarriageReturn`: for data from spreadsheets, whose cells may end lines in CR.
    package static func first(in text: String, allowingCarriageReturn: Bool = false) -> (line: Int, column: Int, scalar: Unicode.Scalar)? {
        var text = text
        return text.withUTF8 { bytes -> (Int, Int, Unicode.Scalar)? in
            var i = 0
            while let candidate = nextCandidate(in: bytes, from: i) {
                // Decode the character here; most multi-byte letters are let through by the lead byte alone.
                var iterator = bytes[candidate...].makeIterator()
                var decoder = UTF8()
                if case let .scalarValue(scalar) = decoder.decode(&iterator), isForbidden(scalar),
                   !(allowingCarriageReturn && scalar == "\r") {
                    let before = bytes[..<candidate]
                    let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                    let column = String(decoding: bytes[lineStart..<candidate], as: UTF8.self).count + 1
                    return (before.count(where: { $0 == 0x0A }) + 1, column, scalar)
                }
                i = candidate + 1
            }
            return nil
        }
    }

    /// The next byte that may start a forbidden character: a control other than tab and line
    /// feed, DEL, or a lead byte of `mayStartForbidden`. Words of eight bytes with none of them
    /// (nor a tab or line feed, which are tested one by one) are skipped whole.
    private static func nextCandidate(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        ByteScan.firstIndex(in: bytes, from: start, mayHold: { word in
            let high = word & (word << 1) & (word << 2) & (word << 3) & 0x8080_8080_8080_8080  // F0…FF
            return ByteScan.lanes(of: word, below: 0x20) | ByteScan.lanes(of: word, equalTo: 0x7F) | high
                | ByteScan.lanes(of: word, equalTo: 0xC2) | ByteScan.lanes(of: word, equalTo: 0xEF) != 0
        }, wanted: { at in
            let byte = bytes[at]
            return byte < 0x20 ? byte != 0x09 && byte != 0x0A : byte == 0x7F || (byte >= 0xC2 && mayStartForbidden(byte))
        })
    }

    /// Lead bytes of the forbidden characters above U+007F: C2 (C1 controls), EF (U+FDD0…, U+FFFE),
    /// F0…F4 (the noncharacters of the other planes).
    private static func mayStartForbidden(_ byte: UInt8) -> Bool { byte == 0xC2 || byte == 0xEF || byte >= 0xF0 }

    /// How a message names the character: «U+0001».
    package static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The error for a forbidden character found at `location`.
    package static func diagnostic(_ scalar: Unicode.Scalar, at location: SourceLocation, in what: String) -> Diagnostic {
        .error("control-character", at: location,
               "недопустимый символ \(name(scalar)) \(what)",
               hint: scalar == "\r"
                   ? "возврат каретки без перевода строки: сохраните файл с переводами строк LF или CRLF"
                   : "такие символы не видны в редакторе и ломают XML и HTML; удалите его (часто он приходит при копировании из PDF или Word)")
    }
}
