import Testing
import TestSupport
import Values

/// The scan that guards every content file finds the first forbidden character, with its line and
/// column, exactly where a character-by-character reading does.
@Suite struct ForbiddenCharactersTests {
    @Test func findsWhatACharacterByCharacterReadingFinds() {
        var random = SplitMix(seed: 52_872)
        let allowed = ["а", "Ж", "x", " ", "\t", "\n", "«", "»", "\u{A0}", "§", "\u{301}", "\u{FDCF}", "\u{FFFD}", "\u{1F600}", "\u{10FFFD}", "я"]
        // Noncharacters cannot be written as literals.
        let forbidden = ["\u{0}", "\u{1}", "\r", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}"]
            + [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF].map { String(Unicode.Scalar($0)!) }
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...60, using: &random)).map { _ in
                random.chance(0.03) ? random.pick(forbidden) : random.pick(allowed)
            }.joined()
            let crAllowed = random.chance(0.3)
            let found = ForbiddenCharacters.first(in: text, allowingCarriageReturn: crAllowed)
            #expect(found.map { "\($0.line):\($0.column) \($0.scalar)" } == expected(text, crAllowed), "\(Array(text.unicodeScalars))")
        }
    }

    /// Line by line, character by character.
    private func expected(_ text: String, _ crAllowed: Bool) -> String? {
        for (n, line) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var column = 1
            for character in String(line) {
                if let bad = character.unicodeScalars.first(where: { ForbiddenCharacters.isForbidden($0) && !(crAllowed && $0 == "\r") }) {
                    // A forbidden scalar inside a character (after a letter it combines with) counts from that character.
                    return "\(n + 1):\(column) \(bad)"
                }
                column += 1
            }
        }
        return nil
    }
}
