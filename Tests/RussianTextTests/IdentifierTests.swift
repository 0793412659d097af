import Testing
@testable import RussianText

@Suite struct IdentifierTests {
    // Public vectors of design.md §5.
    @Test(arguments: ["7707083893", "7728127936", "500100732259"])
    func validINN(_ inn: String) {
        #expect(RussianIdentifier.inn.validate(inn) == nil)
    }

    @Test func innKindsTakeOnlyTheirLength() {
        #expect(RussianIdentifier.innOrganization.isValid("7707083893"))
        #expect(RussianIdentifier.innPerson.isValid("500100732259"))
        #expect(RussianIdentifier.innOrganization.validate("500100732259")?.reason == .length(expected: [10], found: 12))
        #expect(RussianIdentifier.innPerson.validate("7707083893")?.reason == .length(expected: [12], found: 10))
    }

    @Test func wrongINNCheckDigitNamesTheExpectedOne() throws {
        let problem = try #require(RussianIdentifier.inn.validate("7707083894"))
        #expect(problem.reason == .checkDigits(position: 10, expected: "3", found: "4"))
        #expect(problem.message == "ИНН: неверная контрольная цифра: 10-я цифра должна быть 3, а указана 4")
        // Either check digit of a 12-digit ИНН is caught, the first one first.
        #expect(RussianIdentifier.inn.validate("500100732269")?.reason == .checkDigits(position: 11, expected: "5", found: "6"))
        #expect(RussianIdentifier.inn.validate("500100732258")?.reason == .checkDigits(position: 12, expected: "9", found: "8"))
    }

    @Test func remainderTenGivesCheckDigitZero() {
        // 1·2 + 6·4 + 5·10 = 76 = 6·11 + 10 → check digit 0.
        #expect(RussianIdentifier.inn.isValid("1650000000"))
        #expect(RussianIdentifier.inn.validate("1650000001")?.reason == .checkDigits(position: 10, expected: "0", found: "1"))
        // 1·7 + 6·2 + 5·4 + 5·10 + 8·8 = 153 = 13·11 + 10 → 11th digit 0; then Σ = 123 ≡ 2 (mod 11) → 12th digit 2.
        #expect(RussianIdentifier.inn.isValid("165500000802"))
        // ОГРН 102165000002 mod 11 = 10 → 0.
        #expect(RussianIdentifier.ogrn.isValid("1021650000020"))
        // ОГРНИП 30416580000011 mod 13 = 10 → 0.
        #expect(RussianIdentifier.ogrnip.isValid("304165800000110"))
    }

    @Test func lengthsAndCharacters() throws {
        let short = try #require(RussianIdentifier.inn.validate("770708389"))
        #expect(short.reason == .length(expected: [10, 12], found: 9))
        #expect(short.message == "ИНН: нужно 10 или 12 цифр, а указано 9 цифр")
        #expect(RussianIdentifier.inn.validate("77070838931")?.reason == .length(expected: [10, 12], found: 11))
        #expect(RussianIdentifier.inn.validate("")?.reason == .length(expected: [10, 12], found: 0))
        #expect(RussianIdentifier.ogrn.validate("102773955264")?.message == "ОГРН: нужно 13 цифр, а указано 12 цифр")

        // Letters (a Cyrillic «З» looks like a 3), spaces and dashes are reported where they stand.
        let letter = try #require(RussianIdentifier.inn.validate("77070838З3"))
        #expect(letter.reason == .character("З", position: 9))
        #expect(letter.message == "ИНН: недопустимый символ «З» в 9-м знаке; допускаются только цифры, без пробелов и дефисов")
        #expect(RussianIdentifier.inn.validate("7707 083893")?.reason == .character(" ", position: 5))
        #expect(RussianIdentifier.ogrn.validate("1-027739552642")?.reason == .character("-", position: 2))
        #expect(RussianIdentifier.bik.validate("04452522５")?.reason == .character("５", position: 9))
        #expect(RussianIdentifier.inn.validate(" 7707083893")?.reason == .character(" ", position: 1))
    }

    @Test(arguments: ["1027739552642", "1027700132195"])
    func validOGRN(_ ogrn: String) {
        #expect(RussianIdentifier.ogrn.validate(ogrn) == nil)
    }

    @Test func wrongOGRN() {
        #expect(RussianIdentifier.ogrn.validate("1027739552643")?.reason == .checkDigits(position: 13, expected: "2", found: "3"))
        #expect(RussianIdentifier.ogrn.validate("102773955264200")?.reason == .length(expected: [13], found: 15))
    }

    /// An ОГРНИП built from the rule: 14 digits, then their value mod 13, last digit.
    @Test func ogrnipFromTheRule() {
        let body: Int64 = 30416580000012
        let check = body % 13 % 10
        let ogrnip = String(body) + String(check)
        #expect(RussianIdentifier.ogrnip.isValid(ogrnip))
        #expect(ogrnip == "304165800000121")
        let wrong = String(body) + String((check + 1) % 10)
        #expect(RussianIdentifier.ogrnip.validate(wrong)?.reason == .checkDigits(position: 15, expected: String(check), found: String((check + 1) % 10)))
        // ОГРН and ОГРНИП use different moduli: the same digits are not both valid.
        #expect(RussianIdentifier.ogrn.validate(ogrnip)?.reason == .length(expected: [13], found: 15))
    }

    @Test func kpp() {
        #expect(RussianIdentifier.kpp.isValid("773601001"))
        #expect(RussianIdentifier.kpp.isValid("7736AB001"))
        #expect(RussianIdentifier.kpp.isValid("77360Z001"))
        #expect(RussianIdentifier.kpp.validate("7736ab001")?.reason == .character("a", position: 5))
        #expect(RussianIdentifier.kpp.validate("773A01001")?.reason == .character("A", position: 4))
        #expect(RussianIdentifier.kpp.validate("7736АБ001")?.reason == .character("А", position: 5))  // Cyrillic
        #expect(RussianIdentifier.kpp.validate("77360100")?.reason == .length(expected: [9], found: 8))
        #expect(RussianIdentifier.kpp.validate("7736AB00")?.message == "КПП: нужно 9 символов, а указано 8 символов")
        #expect(RussianIdentifier.kpp.validate("7736 01001")?.reason == .character(" ", position: 5))
    }

    @Test func bik() throws {
        #expect(RussianIdentifier.bik.isValid("044525225"))
        let foreign = try #require(RussianIdentifier.bik.validate("144525225"))
        #expect(foreign.reason == .bikPrefix(found: "14"))
        #expect(foreign.message == "БИК: БИК российского банка начинается с 04, а указанный — с 14")
        #expect(RussianIdentifier.bik.validate("04452522")?.reason == .length(expected: [9], found: 8))
    }

    @Test func accounts() throws {
        let bik = "044525225"
        #expect(RussianIdentifier.correspondentAccount(bik: bik).isValid("30101810400000000225"))
        // Derived: key digit 0 makes Σ of the 7-1-3 products of «225» + account ≡ 0 (mod 10).
        #expect(RussianIdentifier.settlementAccount(bik: bik).isValid("40703810000020001234"))

        let wrongKey = try #require(RussianIdentifier.settlementAccount(bik: bik).validate("40703810500020001234"))
        #expect(wrongKey.reason == .accountKey(bik: bik, expected: "0", found: "5"))
        #expect(wrongKey.message == "расчётный счёт не соответствует БИК 044525225: контрольная (9-я) цифра счёта должна быть 0, а указана 5")

        // The two kinds take different digits of the БИК: a correspondent account is not a settlement one.
        #expect(RussianIdentifier.settlementAccount(bik: bik).validate("30101810400000000225")?.reason
            == .accountKey(bik: bik, expected: "6", found: "4"))
        // The same account with another bank's БИК fails.
        #expect(!RussianIdentifier.settlementAccount(bik: "044525226").isValid("40703810000020001234"))

        #expect(RussianIdentifier.settlementAccount(bik: bik).validate("4070381000002000123")?.reason
            == .length(expected: [20], found: 19))
        #expect(RussianIdentifier.settlementAccount(bik: "14452522").validate("40703810000020001234")?.reason
            == .bik(IdentifierProblem(identifier: .bik, reason: .length(expected: [9], found: 8))))
    }

    /// Weights 7, 1 and 3 map the ten digits onto ten different last digits, so the key catches
    /// every single mistyped digit of the account and of the БИК digits it uses.
    @Test func accountKeyCatchesEverySingleDigitChange() {
        let valid = [("044525225", "30101810400000000225", true), ("044525225", "40703810000020001234", false)]
        for (bik, account, correspondent) in valid {
            for index in 0..<20 {
                for digit in "0123456789" where Array(account)[index] != digit {
                    var changed = Array(account)
                    changed[index] = digit
                    let kind: RussianIdentifier = correspondent ? .correspondentAccount(bik: bik) : .settlementAccount(bik: bik)
                    #expect(!kind.isValid(String(changed)), "\(String(changed))")
                }
            }
        }
    }

    @Test func snils() throws {
        // 1·9 + 1·8 + 2·7 + 2·6 + 3·5 + 3·4 + 4·3 + 4·2 + 5·1 = 95.
        #expect(RussianIdentifier.snils.isValid("11223344595"))
        #expect(RussianIdentifier.snils.isValid("112-233-445 95"))
        #expect(RussianIdentifier.snils.isValid("112-233-445\u{00A0}95"))
        let wrong = try #require(RussianIdentifier.snils.validate("112-233-445 96"))
        #expect(wrong.reason == .checkDigits(position: 10, expected: "95", found: "96"))
        #expect(wrong.message == "СНИЛС: неверное контрольное число: последние две цифры должны быть 95, а указано 96")

        // Σ = 100 and Σ = 101 both give 00.
        #expect(RussianIdentifier.snils.isValid("920-000-100 00"))   // 9·9 + 2·8 + 1·3 = 100
        #expect(RussianIdentifier.snils.isValid("920-001-000 00"))   // 9·9 + 2·8 + 1·4 = 101
        #expect(RussianIdentifier.snils.validate("920-000-100 01")?.reason == .checkDigits(position: 10, expected: "00", found: "01"))
        // Σ = 201 > 101: 201 mod 101 = 100, which is written 00 as well.
        #expect(RussianIdentifier.snils.isValid("106-897-449 00"))
        // Σ = 134 > 101: 134 mod 101 = 33.
        #expect(RussianIdentifier.snils.isValid("100-197-975 33"))
        #expect(!RussianIdentifier.snils.isValid("100-197-975 34"))

        // Up to 001-001-998 the check number is not checked; from 001-001-999 on it is (Σ = 65).
        #expect(RussianIdentifier.snils.isValid("001-001-998 77"))
        #expect(RussianIdentifier.snils.isValid("001-001-999 65"))
        #expect(RussianIdentifier.snils.validate("001-001-999 77")?.reason == .checkDigits(position: 10, expected: "65", found: "77"))
    }

    @Test func snilsLayout() {
        #expect(RussianIdentifier.snils.validate("112-233-445-95")?.reason == .snilsLayout)
        #expect(RussianIdentifier.snils.validate("112 233 445 95")?.reason == .snilsLayout)
        #expect(RussianIdentifier.snils.validate("1122-33-445 95")?.reason == .snilsLayout)
        #expect(RussianIdentifier.snils.validate("112-233-445 9")?.reason == .length(expected: [11], found: 10))
        #expect(RussianIdentifier.snils.validate("1122334459")?.reason == .length(expected: [11], found: 10))
        #expect(RussianIdentifier.snils.validate("112-233-445 9O")?.reason == .character("O", position: 14))
    }
}
