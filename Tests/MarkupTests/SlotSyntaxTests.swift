import Foundation
@testable import Markup
import Testing

/// Slots are placed where they stand in the text: the line, and the column in characters, that
/// counting from the start of the text gives, however many slots come before.
@Suite struct SlotSyntaxTests {
    @Test func slotsKnowTheirLineAndColumn() {
        let pieces = ["{{a.b}}", "{{x:rod|под\nчерта}}", "текст ", "\n", "\r\n", "e\u{301}", "{{y|____}}", "{ }", "«Ёлка»"]
        var source = ""
        for i in 0..<400 { source += pieces[i % pieces.count] + pieces[(i * 7) % pieces.count] }
        for vocabulary in [SlotVocabulary.formFields, .modelAct] {
            let (_, slots) = SlotSyntax.extract(from: source, vocabulary: vocabulary)
            #expect(slots.count > 100)
            // Each slot's own text is found again at its place, counted from the start.
            var places: [(Int, Int)] = []
            var search = source.startIndex
            for slot in slots {
                let mark = source[search...].range(of: "{{" + (slot.key.isEmpty ? "" : slot.key))!
                let before = source[..<mark.lowerBound]
                let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
                places.append((before.count(where: { $0 == "\n" }) + 1, before.distance(from: lineStart, to: before.endIndex) + 1))
                search = mark.upperBound
            }
            #expect(slots.map { [$0.line, $0.column] } == places.map { [$0.0, $0.1] })
        }
    }
}
