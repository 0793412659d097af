/// Russian registration and bank identifiers, checked by their public algorithms
/// (design.md §5). Each check says in Russian what is wrong, for messages to a clerk.
public enum RussianIdentifier: Hashable, Sendable {
    /// ИНН of an organisation (10 digits) or of a person (12 digits).
    case inn
    /// ИНН of an organisation only (10 digits).
    case innOrganization
    /// ИНН of a person or an individual entrepreneur only (12 digits).
    case innPerson
    /// ОГРН (13 digits).
    case ogrn
    /// ОГРНИП (15 digits).
    case ogrnip
    /// КПП: 4 digits, 2 digits or capital Latin letters, 3 digits.
    case kpp
    /// БИК of a Russian bank: 9 digits beginning with 04.
    case bik
    /// Settlement account (расчётный счёт), checked together with the bank's БИК.
    case settlementAccount(bik: String)
    /// Correspondent account (корреспондентский счёт), checked together with the bank's БИК.
    case correspondentAccount(bik: String)
    /// СНИЛС: 11 digits, written bare or as «123-456-789 01».
    case snils

    /// The name used in messages.
    public var name: String {
        switch self {
        case .inn, .innOrganization, .innPerson: "ИНН"
        case .ogrn: "ОГРН"
        case .ogrnip: "ОГРНИП"
        case .kpp: "КПП"
        case .bik: "БИК"
        case .settlementAccount: "расчётный счёт"
        case .correspondentAccount: "корреспондентский счёт"
        case .snils: "СНИЛС"
        }
    }

    /// Nil when `text` is a valid identifier of this kind; otherwise what is wrong.
    /// Only СНИЛС may contain separators, and only where its official form has them.
    public func validate(_ text: String) -> IdentifierProblem? {
        switch self {
        case .inn: return checkINN(text, lengths: [10, 12])
        case .innOrganization: return checkINN(text, lengths: [10])
        case .innPerson: return checkINN(text, lengths: [12])
        case .ogrn: return checkRegistrationNumber(text, length: 13, modulus: 11)
        case .ogrnip: return checkRegistrationNumber(text, length: 15, modulus: 13)
        case .kpp: return checkKPP(text)
        case .bik: return checkBIK(text)
        case .settlementAccount(let bik): return checkAccount(text, bik: bik, correspondent: false)
        case .correspondentAccount(let bik): return checkAccount(text, bik: bik, correspondent: true)
        case .snils: return checkSNILS(text)
        }
    }

    public func isValid(_ text: String) -> Bool { validate(text) == nil }

    // MARK: - Checks

    private func problem(_ reason: IdentifierProblem.Reason) -> IdentifierProblem {
        IdentifierProblem(identifier: self, reason: reason)
    }

    /// The digits of `text`, or the problem when it is not a string of `lengths` digits.
    /// Characters are judged before the length: «12З4567890» is a letter, not a short number.
    private func digits(_ text: String, lengths: [Int]) -> Result<[Int], IdentifierProblem> {
        var digits: [Int] = []
        for (offset, ch) in text.enumerated() {
            guard let d = asciiDigit(ch) else { return .failure(problem(.character(ch, position: offset + 1))) }
            digits.append(d)
        }
        guard lengths.contains(digits.count) else {
            return .failure(problem(.length(expected: lengths, found: digits.count)))
        }
        return .success(digits)
    }

    private func checkINN(_ text: String, lengths: [Int]) -> IdentifierProblem? {
        let d: [Int]
        switch digits(text, lengths: lengths) {
        case .failure(let p): return p
        case .success(let value): d = value
        }
        // Each check digit is a weighted sum of the digits before it, mod 11 mod 10.
        let weights = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
        for position in d.count == 10 ? [10] : [11, 12] {
            let w = weights.suffix(position - 1)
            let sum = zip(d, w).reduce(0) { $0 + $1.0 * $1.1 }
            let expected = sum % 11 % 10
            if d[position - 1] != expected {
                return problem(.checkDigits(position: position, expected: String(expected),
                                            found: String(d[position - 1])))
            }
        }
        return nil
    }

    /// ОГРН and ОГРНИП: the number without its last digit mod 11 (ОГРН) or 13 (ОГРНИП); the last digit of the remainder.
    private func checkRegistrationNumber(_ text: String, length: Int, modulus: Int64) -> IdentifierProblem? {
        let d: [Int]
        switch digits(text, lengths: [length]) {
        case .failure(let p): return p
        case .success(let value): d = value
        }
        // Fourteen digits fit in Int64 with room to spare.
        let body = d.dropLast().reduce(Int64(0)) { $0 * 10 + Int64($1) }
        let expected = Int(body % modulus % 10)
        guard d[length - 1] == expected else {
            return problem(.checkDigits(position: length, expected: String(expected), found: String(d[length - 1])))
        }
        return nil
    }

    private func checkKPP(_ text: String) -> IdentifierProblem? {
        let chars = Array(text)
        for (offset, ch) in chars.enumerated() where asciiDigit(ch) == nil {
            let isCapitalLatin = ch.isASCII && ch.isUppercase
            // A capital letter out of place in a KPP of the wrong length is a length problem:
            // the letters may simply be shifted by a missing digit.
            if isCapitalLatin && (chars.count != 9 || offset == 4 || offset == 5) { continue }
            return problem(.character(ch, position: offset + 1))
        }
        guard chars.count == 9 else { return problem(.length(expected: [9], found: chars.count)) }
        return nil
    }

    private func checkBIK(_ text: String) -> IdentifierProblem? {
        switch digits(text, lengths: [9]) {
        case .failure(let p): return p
        case .success(let d):
            guard d[0] == 0, d[1] == 4 else { return problem(.bikPrefix(found: String(text.prefix(2)))) }
            return nil
        }
    }

    /// The 7-1-3 key of the Bank of Russia: three digits taken from the БИК, then the 20 digits of the
    /// account, weighted 7, 1, 3 repeating; the last digits of the products add up to a multiple of 10.
    private func checkAccount(_ text: String, bik: String, correspondent: Bool) -> IdentifierProblem? {
        let d: [Int]
        switch digits(text, lengths: [20]) {
        case .failure(let p): return p
        case .success(let value): d = value
        }
        if let bikProblem = RussianIdentifier.bik.validate(bik) { return problem(.bik(bikProblem)) }
        let b = bik.compactMap(asciiDigit)
        let prefix = correspondent ? [0, b[4], b[5]] : Array(b.suffix(3))
        let weights = [7, 1, 3]
        let all = prefix + d
        var sum = 0
        for (i, digit) in all.enumerated() where i != 11 {
            sum += digit * weights[i % 3] % 10
        }
        // The key is the 9th digit of the account (index 11 of the 23, weight 3); 3 × 7 ≡ 1 (mod 10)
        // turns «3·k ≡ −sum» into k ≡ 7·(−sum).
        let expected = (7 * ((10 - sum % 10) % 10)) % 10
        guard d[8] == expected else {
            return problem(.accountKey(bik: bik, expected: String(expected), found: String(d[8])))
        }
        return nil
    }

    private func checkSNILS(_ text: String) -> IdentifierProblem? {
        let chars = Array(text)
        let separators: [Int: Set<Character>] = [3: ["-"], 7: ["-"], 11: [" ", "\u{00A0}"]]
        if let (offset, ch) = chars.enumerated().first(where: {
            asciiDigit($0.element) == nil && !"- \u{00A0}".contains($0.element)
        }) {
            return problem(.character(ch, position: offset + 1))
        }
        let d = chars.compactMap(asciiDigit)
        guard d.count == 11 else { return problem(.length(expected: [11], found: d.count)) }
        let laidOut = chars.count == 14 && separators.allSatisfy { $0.value.contains(chars[$0.key]) }
        guard chars.count == 11 || laidOut else { return problem(.snilsLayout) }
        // Numbers up to 001-001-998 were issued before the check number existed.
        let number = d.prefix(9).reduce(0) { $0 * 10 + $1 }
        guard number > 1_001_998 else { return nil }
        let sum = zip(d.prefix(9), (1...9).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
        let control = switch sum {
        case ..<100: sum
        case 100, 101: 0
        default: sum % 101 == 100 ? 0 : sum % 101
        }
        let found = d[9] * 10 + d[10]
        guard found == control else {
            return problem(.checkDigits(position: 10, expected: pad(control, 2), found: pad(found, 2)))
        }
        return nil
    }
}

private func asciiDigit(_ ch: Character) -> Int? {
    guard let ascii = ch.asciiValue, (48...57).contains(ascii) else { return nil }
    return Int(ascii - 48)
}

/// What is wrong with an identifier, with a Russian message.
public struct IdentifierProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public indirect enum Reason: Hashable, Sendable {
        /// The number of digits (or characters, for КПП) is not one of `expected`.
        case length(expected: [Int], found: Int)
        /// A character that may not stand there; `position` counts from 1.
        case character(Character, position: Int)
        /// The check digit (or the two-digit check number of СНИЛС) starting at `position` differs.
        case checkDigits(position: Int, expected: String, found: String)
        /// A БИК that does not begin with 04.
        case bikPrefix(found: String)
        /// The account's 9th digit does not match the 7-1-3 key with this БИК.
        case accountKey(bik: String, expected: String, found: String)
        /// The account could not be checked because the БИК it goes with is invalid.
        case bik(IdentifierProblem)
        /// Eleven digits of СНИЛС with separators not where «123-456-789 01» has them.
        case snilsLayout
    }

    public let identifier: RussianIdentifier
    public let reason: Reason

    public var message: String {
        let name = identifier.name
        switch reason {
        case .length(let expected, let found):
            let unit = identifier == .kpp ? "символов" : "цифр"
            let counts = expected.map(String.init).joined(separator: " или ")
            let got = "\(found) \(identifier == .kpp ? RussianFormat.plural(found, "символ", "символа", "символов") : RussianFormat.plural(found, "цифра", "цифры", "цифр"))"
            return "\(name): нужно \(counts) \(unit), а указано \(got)"
        case .character(let ch, let position):
            let allowed = identifier == .kpp ? "допускаются цифры, а в 5-м и 6-м знаке также заглавные латинские буквы"
                : identifier == .snils ? "допускаются цифры, а также дефисы и пробел в записи 123-456-789 01"
                : "допускаются только цифры, без пробелов и дефисов"
            return "\(name): недопустимый символ «\(ch)» в \(position)-м знаке; \(allowed)"
        case .checkDigits(let position, let expected, let found):
            if expected.count == 2 {
                return "\(name): неверное контрольное число: последние две цифры должны быть \(expected), а указано \(found)"
            }
            return "\(name): неверная контрольная цифра: \(position)-я цифра должна быть \(expected), а указана \(found)"
        case .bikPrefix(let found):
            return "\(name): БИК российского банка начинается с 04, а указанный — с \(found)"
        case .accountKey(let bik, let expected, let found):
            return "\(name) не соответствует БИК \(bik): контрольная (9-я) цифра счёта должна быть \(expected), а указана \(found)"
        case .bik(let problem):
            return "\(name) нельзя проверить: \(problem.message)"
        case .snilsLayout:
            return "\(name): разделители не на своих местах; СНИЛС записывается как 12345678901 или 123-456-789 01"
        }
    }

    public var description: String { message }
}
