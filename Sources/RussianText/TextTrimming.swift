/// Classes of characters read without Unicode's tables for ASCII and Cyrillic, which are most of
/// a text and hold no white space beyond ASCII's: a table lookup for every letter was 2 % of a build.
public enum Scalars {
    /// Unicode's White_Space: ICU's `\s`, and `Character.isWhitespace` of a character's first scalar.
    @inlinable
    public static func isWhiteSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 9...13, 32: true
        case 0..<0x80, 0x400..<0x530: false
        default: c.properties.isWhitespace
        }
    }

    /// A space (Unicode Zs) or the tab: what Foundation's `.whitespaces` holds, but for the
    /// zero-width space U+200B (a format character in Unicode).
    @inlinable
    public static func isSpaceOrTab(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 9, 32: true
        case 0..<0x80, 0x400..<0x530: false
        default: c.properties.generalCategory == .spaceSeparator
        }
    }

    /// White space or a line break (Zs, Zl, Zp, the ASCII controls of line and U+0085), as
    /// Foundation's `.whitespacesAndNewlines` holds them but for U+200B.
    @inlinable
    public static func isSpaceOrNewline(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 9...13, 32, 0x85: true
        case 0..<0x80, 0x400..<0x530: false
        default:
            switch c.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }
    }
}

extension StringProtocol {
    /// Without spaces and tabs at either end (Unicode Zs and the tab), for code that also runs
    /// where there is no Foundation.
    @inlinable
    public var trimmingSpaces: SubSequence { trimmingScalars(where: Scalars.isSpaceOrTab) }

    /// Without white space and line breaks at either end.
    @inlinable
    public var trimmingWhitespace: SubSequence { trimmingScalars(where: Scalars.isSpaceOrNewline) }

    /// Without the scalars `isTrimmed` picks at either end. Inlinable: specialised for String and
    /// Substring where it is used, not reached through the protocol (it trims every paragraph).
    @inlinable
    public func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> SubSequence {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return self[endIndex...] }
        return self[first..<scalars.index(after: last)]
    }
}
