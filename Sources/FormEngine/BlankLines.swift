import DocumentTree
import RussianText
import Values

/// How long a blank's line is: long enough for what its field holds. Identifiers and account
/// numbers get their digits plus two at a handwritten character's width (0.3 cm; a 12 pt digit
/// is 0.21 cm, so typed at 12 pt they fit with room to spare); a date is the printed
/// «__» ____________ 20__ г.; a text gets several lines; a line of its own spans its place.
enum BlankLines {
    static let character = Blank.character
    /// A character of a caption in 9 pt (lowercase Cyrillic about 0.45 em), so that a caption
    /// needs no more than its line where the line can be that long.
    static let captionCharacter = 0.15
    /// A line in running text for a free string: an address, a name of an organisation.
    static let stringWidth = 9.0
    /// Lines a text gets.
    static let textLines = 3
    static let datePattern = "«__» ____________ 20__ г."

    /// The blank of a slot without a value. `field` is nil for `{{blank|…}}` (signatures, seals);
    /// `alone` says that the slot is its paragraph's or cell's only content, where a line can
    /// take the whole width — except a handwritten one in a stamp or signature (`inContainer`).
    static func blank(for field: Field?, format: String?, caption: String?, name: String?, alone: Bool,
                      inContainer: Bool = false) -> Blank {
        let captionWidth = caption.map { Double($0.count + 2) * captionCharacter } ?? 0
        func line(_ characters: Int) -> Blank {
            Blank(caption: caption, width: max(Double(characters + 2) * character, captionWidth), name: name)
        }
        guard let field else {
            return alone && !inContainer ? Blank(caption: caption) : Blank(caption: caption, width: max(Blank.handwrittenWidth, captionWidth))
        }
        switch field.type {
        case .inn: return line(12)  // 10 digits for an organisation, 12 for a person
        case .ogrn: return line(13)
        case .ogrnip: return line(15)
        case .kpp, .bik: return line(9)
        case .snils: return line(14)  // 123-456-789 01
        case .postcode: return line(6)
        case .account, .corrAccount: return line(20)
        case .integer: return line(8)
        case .decimal, .percent: return line(10)
        case .money where format == "words":
            // «1 450 000 (один миллион четыреста пятьдесят тысяч) рублей 00 копеек»: two lines.
            return Blank(caption: caption, width: nil, lines: 2, name: name)
        case .money: return line(16)
        case .date, .deadline:
            if format == "short" { return line(10) }
            return Blank(caption: caption, width: max(6.0, captionWidth), pattern: datePattern, name: name)
        case .datetime: return line(18)
        case .phone: return line(18)
        case .email: return line(26)
        case .url: return line(30)
        case .person: return format == "initials" ? line(18) : line(32)
        case .boolean: return line(4)
        case .enum: return line(field.choices.map { $0.label.count }.max() ?? 12)
        case .text, .markdown, .list, .breakdown:
            return Blank(caption: caption, width: nil, lines: textLines, name: name)
        default:
            // A string of a known length (a code with a pattern, `max:` characters) is a field of that length.
            if field.type == .string, let length = field.max?.integerPart.map(Int.init) ?? field.pattern?.longestMatch,
               length <= 40 {
                return line(length)
            }
            return alone ? Blank(caption: caption, name: name) : Blank(caption: caption, width: max(stringWidth, captionWidth), name: name)
        }
    }
}
