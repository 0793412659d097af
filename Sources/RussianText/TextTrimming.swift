extension StringProtocol {
    /// Without spaces and tabs at either end, as Foundation's `.whitespaces` trims (Unicode Zs and
    /// the tab), for code that also runs where there is no Foundation.
    @inlinable
    public var trimmingSpaces: SubSequence { trimmingScalars { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator } }

    /// Without white space and line breaks at either end, as Foundation's `.whitespacesAndNewlines`.
    @inlinable
    public var trimmingWhitespace: SubSequence {
        trimmingScalars { s in
            switch s.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return ("\t"..."\r").contains(s) || s == "\u{85}"
            }
        }
    }

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
