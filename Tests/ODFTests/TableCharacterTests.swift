@testable import ODF
import Testing

/// Columns are weighed by characters: reading scalars where each is a character of its own gives
/// the characters and spaces that Swift's walk by grapheme clusters gives.
@Suite struct TableCharacterTests {
    @Test func scalarsAreReadOnlyWhereTheyAreCharacters() {
        let pieces = ["Казань", " ", "«Ёлка» — 1 500,00 ₽ № 7", "e\u{301}", "\u{0483}", "\r\n", "\n", "a\u{200D}b", "🇷🇺", "한글",
                      "\u{AD}", "Ω…‰", "\t", "x\u{0308}"]
        var texts = pieces
        for a in pieces { for b in pieces { texts.append(a + b + " z") } }
        for text in texts {
            var read: [Bool] = []
            TableGrid.characters(of: text) { read.append($0) }
            #expect(read == text.map { $0 == " " }, "\(text.unicodeScalars.map(\.value))")
        }
    }
}

/// Column styles are named as LibreOffice names them: Table1.A … Table1.Z, Table1.AA …
@Suite struct ColumnLetterTests {
    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
    func lettersCountLikeASpreadsheet(_ index: Int, _ letters: String) {
        #expect(AutomaticStyles.columnLetters(index) == letters)
    }
}
