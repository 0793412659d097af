/// Turns titles into readable, stable URL slugs.
///
/// The scheme is the ICAO Doc 9303 transliteration used in Russian passports
/// (order of the MVD of Russia No 889 of 2014), with two changes for URLs: «ъ» and «ь» are
/// dropped, and letters of other Cyrillic alphabets of Russia's regions (Tatar, Bashkir,
/// Kazakh, …) map to their nearest Latin letter («ә» → a, «ғ» → g, «җ» → zh).
/// A Latin letter with one diacritic loses it («é» → e); what is left that is not a Latin letter
/// or a digit becomes a single hyphen.
public enum Transliteration {
    static let table: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
        "я": "ia",
        // Letters of other alphabets of Russia's peoples and neighbours.
        "ә": "a", "ө": "o", "ү": "u", "ұ": "u", "җ": "zh", "ң": "n", "һ": "h", "ғ": "g",
        "қ": "k", "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u", "ҙ": "z", "ҫ": "s",
        "ӓ": "a", "ӧ": "o", "ӱ": "u", "ӹ": "y",
    ]

    /// The slug of a title: lower-case Latin letters, digits and single hyphens.
    public static func slug(_ text: String) -> String {
        var latin = ""
        for ch in text.lowercased() {
            if let mapped = table[ch] {
                latin += mapped
            } else if ch.isASCII {
                latin.append(ch)  // without building `latinBases`, which a slug of ASCII never needs
            } else if let base = latinBases[ch] {
                latin.append(base)
            } else {
                latin.append(ch)
            }
        }
        var slug = ""
        var pendingHyphen = false
        for scalar in latin.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }

    /// «é» → «e»: each Latin letter with each combining mark. Characters compare by canonical
    /// equivalence, so the precomposed «é» finds «e» + U+0301; no normalisation tables needed.
    static let latinBases: [Character: Character] = {
        var bases: [Character: Character] = [:]
        for letter in Unicode.Scalar("a").value...Unicode.Scalar("z").value {
            for mark in UInt32(0x300)...0x36F {
                var text = String(Unicode.Scalar(letter)!)
                text.unicodeScalars.append(Unicode.Scalar(mark)!)
                if text.count == 1 { bases[Character(text)] = Character(Unicode.Scalar(letter)!) }
            }
        }
        return bases
    }()
}
