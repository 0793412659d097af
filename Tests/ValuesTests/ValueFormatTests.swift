import RussianText
import Testing
import Values

/// Values as a document prints them.
@Suite struct ValueFormatTests {
    @Test(arguments: [
        ("96750.50", "96,8"), ("78749.50", "78,7"), ("1450000.00", "1450,0"), ("0", "0,0"), ("49.99", "0,0"), ("50.00", "0,1"),
    ])
    func estimatesInThousandsHaveOneDecimal(amount: String, printed: String) throws {
        let money = try #require(Money(parsing: amount))
        #expect(Value.money(money).text(.document(format: "thousands")) == printed)
    }
}
