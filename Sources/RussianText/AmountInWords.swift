/// Numbers and amounts of money in words, as contracts write them (design.md §5).
public enum RussianWords {
    /// The grammatical gender of the counted noun: «один рубль», «одна копейка», «одно место».
    public enum Gender: Sendable {
        case masculine, feminine, neuter
    }

    /// «сто двадцать три тысячи сорок пять»; «ноль» for 0, «минус …» below it.
    public static func number(_ value: Int64, gender: Gender = .masculine) -> String {
        let words = spell(value.magnitude, gender: gender)
        return value < 0 ? "минус " + words : words
    }

    /// «123 045 (сто двадцать три тысячи сорок пять) рублей 45 копеек»: the figure grouped like
    /// every other number of the site, the words in brackets, kopecks always in two digits.
    /// An amount in words states a sum due, so callers refuse a negative amount before printing it:
    /// `nko form` reports it as an error in the data (with the field's path), `nko words` as a wrong
    /// parameter. Should one still come, it is written with «минус» — never a crash.
    public static func amount(_ money: Money) -> String {
        let magnitude = money.kopecks.magnitude
        let rubles = magnitude / 100, kopecks = Int(magnitude % 100)
        let rubleNoun = RussianFormat.plural(Int(rubles % 100), "рубль", "рубля", "рублей")
        let kopeckNoun = RussianFormat.plural(kopecks, "копейка", "копейки", "копеек")
        let (sign, minus) = money.kopecks < 0 ? ("\u{2212}", "минус ") : ("", "")
        return sign + RussianFormat.groupDigits(String(rubles)) + " (" + minus + spell(rubles, gender: .masculine) + ") "
            + rubleNoun + " " + pad(kopecks, 2) + " " + kopeckNoun
    }

    // MARK: - Spelling

    private static let teens = [
        "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
        "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать",
    ]
    private static let tens = [
        "", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто",
    ]
    private static let hundreds = [
        "", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот",
    ]

    /// Only «один» and «два» change with gender.
    private static func unit(_ n: Int, _ gender: Gender) -> String {
        switch (n, gender) {
        case (1, .masculine): "один"
        case (1, .feminine): "одна"
        case (1, .neuter): "одно"
        case (2, .feminine): "две"
        case (2, _): "два"
        default: ["", "", "", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"][n]
        }
    }

    /// The words of 1…999; empty for 0.
    private static func triad(_ n: Int, _ gender: Gender) -> [String] {
        var words: [String] = []
        if n >= 100 { words.append(hundreds[n / 100]) }
        let rest = n % 100
        if (10...19).contains(rest) {
            words.append(teens[rest - 10])
        } else {
            if rest >= 20 { words.append(tens[rest / 10]) }
            if rest % 10 > 0 { words.append(unit(rest % 10, gender)) }
        }
        return words
    }

    /// Scales from thousands up, with their gender and noun forms; Int64 ends in quintillions.
    private static let scales: [(gender: Gender, one: String, few: String, many: String)] = [
        (.feminine, "тысяча", "тысячи", "тысяч"),
        (.masculine, "миллион", "миллиона", "миллионов"),
        (.masculine, "миллиард", "миллиарда", "миллиардов"),
        (.masculine, "триллион", "триллиона", "триллионов"),
        (.masculine, "квадриллион", "квадриллиона", "квадриллионов"),
        (.masculine, "квинтиллион", "квинтиллиона", "квинтиллионов"),
    ]

    private static func spell(_ value: UInt64, gender: Gender) -> String {
        guard value > 0 else { return "ноль" }
        var groups: [Int] = []
        var rest = value
        while rest > 0 {
            groups.append(Int(rest % 1000))
            rest /= 1000
        }
        var words: [String] = []
        for index in groups.indices.reversed() where groups[index] > 0 {
            let n = groups[index]
            if index == 0 {
                words += triad(n, gender)
            } else {
                let scale = scales[index - 1]
                words += triad(n, scale.gender)
                words.append(RussianFormat.plural(n, scale.one, scale.few, scale.many))
            }
        }
        return words.joined(separator: " ")
    }
}
