import Foundation
import RussianText
import Testing

/// `DecimalNumber` replaces Foundation's `Decimal` (absent in WebAssembly): the same results,
/// checked against it on the numbers forms hold and on random ones.
@Suite struct DecimalNumberTests {
    static let samples = ["0", "1", "-1", "2", "3", "7", "13.5", "2.25", "-2.25", "0.05", "4.45", "-4.45", "0.0001",
                          "0.333", "25", "100", "1500000.50", "99999999999999.99", "12345678901234567.89"]

    @Test func agreesWithFoundationDecimal() {
        var generator = SystemRandomNumberGenerator()
        var texts = Self.samples
        for _ in 0..<300 {
            let whole = Int64.random(in: -10_000_000...10_000_000, using: &generator)
            let fraction = Int.random(in: 0...99, using: &generator)
            texts.append("\(whole).\(fraction < 10 ? "0" : "")\(fraction)")
        }
        for a in texts.prefix(60) {
            for b in texts.shuffled().prefix(40) {
                let (x, y) = (DecimalNumber(parsing: a)!, DecimalNumber(parsing: b)!)
                let (fx, fy) = (Decimal(string: a)!, Decimal(string: b)!)
                #expect((x + y).description == "\(fx + fy)", "\(a) + \(b)")
                #expect((x - y).description == "\(fx - fy)", "\(a) - \(b)")
                #expect((x * y).description == "\(fx * fy)", "\(a) * \(b)")
                #expect((x < y) == (fx < fy), "\(a) < \(b)")
                #expect((x == y) == (fx == fy), "\(a) == \(b)")
                if fy != 0 {
                    #expect((x / y)!.rounded(4).description == "\(Self.rounded(fx / fy, 4))", "\(a) / \(b)")
                }
                #expect(x.rounded(1).description == "\(Self.rounded(fx, 1))", "\(a) to tenths")
            }
        }
    }

    @Test func readsOnlyPlainDecimals() {
        #expect(DecimalNumber(parsing: "13,50")?.description == "13.5")
        #expect(DecimalNumber(parsing: "-0.0") == .zero)
        for bad in ["", "-", "1.", ".5", "1.2.3", "1e5", " 1", "+1", "١", "1 000", String(repeating: "9", count: 37)] {
            #expect(DecimalNumber(parsing: bad) == nil, "«\(bad)»")
        }
    }

    @Test func roundsHalfAwayFromZero() {
        #expect(DecimalNumber(parsing: "2.45")!.rounded(1).description == "2.5")
        #expect(DecimalNumber(parsing: "-2.45")!.rounded(1).description == "-2.5")
        #expect(DecimalNumber(parsing: "1250")!.rounded(-2).description == "1300")
        #expect(Money(rubles: DecimalNumber(parsing: "0.005")!).kopecks == 1)
    }

    @Test func saturatesInsteadOfTrapping() {
        let huge = DecimalNumber(parsing: String(repeating: "9", count: 36))!
        #expect(huge * huge > huge)
        #expect((huge + huge) > huge)
        #expect(Money(rubles: huge * huge).kopecks == .max)
        #expect((huge / DecimalNumber(parsing: "0.000000000000000000001")!)! > huge)
    }

    private static func rounded(_ value: Decimal, _ scale: Int) -> Decimal {
        var input = value, result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }
}
