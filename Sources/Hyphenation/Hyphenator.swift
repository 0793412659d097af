/// Liang's hyphenation algorithm (TeX's) over a pattern list such as Debian's hyphen-ru
/// (`HyphenationPatterns`): where a Russian word may break at the end of a line.
///
/// A pattern is a letter string with weights between its letters («1ни» allows a break before «ни»,
/// «н2и» forbids one between «н» and «и»); «.» marks a word's edge. Every pattern that occurs in
/// the word votes at its places, the highest weight wins, and an odd one allows a break.
/// The patterns are kept in a trie over the 33 letters and the edge, so a word of n letters costs
/// at most n × (longest pattern) steps, with no strings made.
public struct Hyphenator: Sendable {
    /// Letters kept at least before the first and after the last break («ак-тив», not «а-ктив»).
    public static let leftMinimum = 2
    public static let rightMinimum = 2

    private static let symbolCount = 34  // а…я (ё read as е) and the edge
    private static let edge = 33

    /// Child of node n for symbol s at `next[n * symbolCount + s]`; 0: none (the root is node 0).
    private var next: [Int32]
    /// By node: the weights of the pattern ending there (one more than its letters), if one does.
    private var weights: [[UInt8]?] = [nil]
    /// Words hyphenated by hand in the list (TeX's \hyphenation): their lowercase scalars and
    /// break positions, by `key` (hashed, so that looking a word up makes no string).
    private var exceptions: [UInt64: (word: [UInt32], breaks: [Int])] = [:]

    /// `patterns`: TeX-style patterns («.аб1р», «н2и»); `exceptions`: words with their breaks («ас-бест»).
    public init(patterns: [String], exceptions: [String] = []) {
        self.init(patterns: patterns.map { Array($0.unicodeScalars)[...] }, exceptions: exceptions)
    }

    init(patterns: [ArraySlice<Unicode.Scalar>], exceptions: [String]) {
        next = [Int32](repeating: 0, count: Self.symbolCount)
        for pattern in patterns { insert(pattern) }
        for word in exceptions {
            var breaks: [Int] = []
            var letters = 0
            for character in word {
                if character == "-" { breaks.append(letters) } else { letters += 1 }
            }
            let lowercase = word.lowercased().filter { $0 != "-" }.unicodeScalars.map(\.value)
            self.exceptions[Self.key(lowercase)] = (lowercase, breaks)
        }
    }

    private static func symbol(_ character: Character) -> Int? {
        if character == "." { return edge }
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        return letterSymbol(scalar)
    }

    /// A Russian letter's symbol: а…я and А…Я as 0…31; ё, Ё as е (the patterns have none).
    static func letterSymbol(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x430...0x44F: Int(scalar.value - 0x430)
        case 0x410...0x42F: Int(scalar.value - 0x410)
        case 0x451, 0x401: 5
        default: nil
        }
    }

    /// A pattern with a scalar that is neither a digit, «.» nor a Russian letter is left out: it
    /// is of another alphabet. (A Character of several scalars always has such a scalar.)
    private mutating func insert(_ pattern: ArraySlice<Unicode.Scalar>) {
        var node = 0
        var weights: [UInt8] = [0]
        for scalar in pattern {
            if ("0"..."9").contains(scalar) {
                weights[weights.count - 1] = UInt8(scalar.value - 0x30)
                continue
            }
            guard let symbol = scalar == "." ? Self.edge : Self.letterSymbol(scalar) else { return }
            let slot = node * Self.symbolCount + symbol
            if next[slot] == 0 {
                next[slot] = Int32(next.count / Self.symbolCount)
                next.append(contentsOf: repeatElement(0, count: Self.symbolCount))
                self.weights.append(nil)
            }
            node = Int(next[slot])
            weights.append(0)
        }
        if node != 0 { self.weights[node] = weights }
    }

    /// The places a word may break: offsets in its characters, each with at least `leftMinimum`
    /// letters before it and `rightMinimum` after. None for a word with a character that is not
    /// a Russian letter (a number, a Latin word, an abbreviation mark).
    public func breaks(_ word: [Character]) -> [Int] {
        var symbols: [Int] = []
        for character in word {
            guard let symbol = Self.symbol(character), symbol != Self.edge else { return [] }
            symbols.append(symbol)
        }
        return breaks(symbols: symbols, lowercase: String(word).lowercased().unicodeScalars.lazy.map(\.value))
    }

    /// FNV-1a of a word's scalars.
    private static func key<S: Sequence<UInt32>>(_ scalars: S) -> UInt64 {
        scalars.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    /// `breaks` of a word already read as symbols; `lowercase` spells it for the list of exceptions.
    func breaks<S: Sequence<UInt32>>(symbols letters: [Int], lowercase: S) -> [Int] {
        let n = letters.count
        guard n >= Self.leftMinimum + Self.rightMinimum else { return [] }
        if !exceptions.isEmpty, let fixed = exceptions[Self.key(lowercase)], fixed.word.elementsEqual(lowercase) {
            return fixed.breaks
        }
        let symbols = [Self.edge] + letters + [Self.edge]
        // votes[i]: the weight of a break before symbols[i]
        var votes = [UInt8](repeating: 0, count: symbols.count + 1)
        for start in symbols.indices {
            var node = 0
            for position in start..<symbols.count {
                node = Int(next[node * Self.symbolCount + symbols[position]])
                if node == 0 { break }
                if let pattern = weights[node] {
                    for (offset, weight) in pattern.enumerated() where weight > votes[start + offset] {
                        votes[start + offset] = weight
                    }
                }
            }
        }
        // A break before word[i] is a break before symbols[i + 1].
        return (Self.leftMinimum...(n - Self.rightMinimum)).filter { votes[$0 + 1] % 2 == 1 }
    }

    /// The word with a soft hyphen (U+00AD) at each place it may break.
    public func hyphenate(_ word: String) -> String {
        let characters = Array(word)
        let breaks = breaks(characters)
        guard !breaks.isEmpty else { return word }
        var out = ""
        var last = 0
        for b in breaks {
            out += String(characters[last..<b]) + "\u{AD}"
            last = b
        }
        return out + String(characters[last...])
    }
}
