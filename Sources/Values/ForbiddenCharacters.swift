import Diagnostics

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
    /// characters as editors count them). A byte scan: every content file goes through it.
    /// `allowingCarriageReturn`: for data from spreadsheets, whose cells may end lines in CR.
    package static func first(in text: String, allowingCarriageReturn: Bool = false) -> (line: Int, column: Int, scalar: Unicode.Scalar)? {
        var text = text
        return text.withUTF8 { bytes -> (Int, Int, Unicode.Scalar)? in
            var line = 1, lineStart = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0x0A {
                    line += 1
                    lineStart = i + 1
                } else if byte < 0x20 || byte == 0x7F || (byte >= 0xC2 && Self.mayStartForbidden(byte)) {
                    // Decode the character here; most multi-byte letters are let through by the lead byte alone.
                    var iterator = bytes[i...].makeIterator()
                    var decoder = UTF8()
                    if case let .scalarValue(scalar) = decoder.decode(&iterator), isForbidden(scalar),
                       !(allowingCarriageReturn && scalar == "\r") {
                        let column = String(decoding: bytes[lineStart..<i], as: UTF8.self).count + 1
                        return (line, column, scalar)
                    }
                }
                i += 1
            }
            return nil
        }
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
