import Content
import Foundation
import RussianText
import Testing
@testable import FormEngine
@testable import Forms

@Suite struct ExpressionTests {
    let values: [String: Value] = [
        "amount": .money(Money(kopecks: 150_000_000)),
        "share": .percent(25),
        "count": .integer(3),
        "name": .string("АНО"),
        "posted": .date(CalendarDate(iso: "2026-12-25")!),
        "term": .date(CalendarDate(iso: "2027-01-04")!),
        "born": .date(CalendarDate(iso: "2008-12-25")!),
        "rows": .list([
            .object([.init(name: "sum", value: .money(Money(kopecks: 100_050))), .init(name: "score", value: .integer(4))]),
            .object([.init(name: "sum", value: .money(Money(kopecks: 200_000))), .init(name: "score", value: .integer(3))]),
            .object([.init(name: "score", value: .integer(5))]),
        ]),
    ]

    func evaluate(_ text: String) throws -> Datum {
        try Evaluator(root: values).evaluate(ExpressionParser.parse(text))
    }

    @Test func precedenceAndArithmetic() throws {
        #expect(try evaluate("1 + 2 * 3") == .number(7, .integer))
        #expect(try evaluate("(1 + 2) * 3") == .number(9, .integer))
        #expect(try evaluate("amount * 0.25 == 375000") == .flag(true))
        #expect(try evaluate("not 1 > 2 and 2 >= 2 or false") == .flag(true))
        #expect(try evaluate("-count + 1") == .number(-2, .integer))
    }

    @Test func daysAreCountedBetweenDates() throws {
        // 25 December 2026 to 4 January 2027: 10 calendar days, across the turn of the year.
        #expect(try evaluate("days(posted, term)") == .number(10, .integer))
        #expect(try evaluate("days(term, posted)") == .number(-10, .integer))
        #expect(try evaluate("days(posted, term) >= 10") == .flag(true))
        #expect(try evaluate("days(posted, nothing)") == .missing)
        #expect(throws: EvaluationError.self) { try evaluate("days(posted, count)") }
    }

    @Test func yearsAreFullYearsAnAgeOnADate() throws {
        // Born 25 December 2008: 18 on 25 December 2026, not yet the day before.
        #expect(try evaluate("years(born, posted)") == .number(18, .integer))
        #expect(try evaluate("years(born, term)") == .number(18, .integer))
        #expect(try evaluate("years(born, posted) >= 18") == .flag(true))
        #expect(try Evaluator(root: values.merging(["posted": .date(CalendarDate(iso: "2026-12-24")!)]) { $1 })
            .evaluate(ExpressionParser.parse("years(born, posted)")) == .number(17, .integer))
    }

    @Test func ifChoosesOneOfTwoValuesAndEvaluatesOnlyThat() throws {
        #expect(try evaluate("if(count > 2, name, 'нет')") == .text("АНО"))
        #expect(try evaluate("if(count > 5, name, 'нет')") == .text("нет"))
        // The branch not taken is not evaluated: its mistake does not matter.
        #expect(try evaluate("if(true, 1, days(name, name))") == .number(1, .integer))
        #expect(try evaluate("if(nothing > 1, 1, 2)") == .missing)
    }

    @Test func moneyIsExact() throws {
        // 1000.50 + 2000.00: no binary fractions anywhere.
        #expect(try evaluate("sum(rows[].sum)") == .number(DecimalNumber(parsing: "3000.5")!, .money))
        #expect(try evaluate("sum(rows[].sum) == 3000.50") == .flag(true))
    }

    @Test func listFunctionsSkipEmptyCells() throws {
        #expect(try evaluate("count(rows[].sum)") == .number(2, .integer))
        #expect(try evaluate("round(avg(rows[].score), 1)") == .number(4, .decimal))
        #expect(try evaluate("max(rows[].score) - min(rows[].score)") == .number(2, .integer))
        #expect(try evaluate("round(2 / 3, 2)") == .number(DecimalNumber(parsing: "0.67")!, .decimal))
    }

    @Test func missingValuesMakeTheResultMissing() throws {
        #expect(try evaluate("nothing + 1") == .missing)
        #expect(try evaluate("nothing == 1") == .missing)
        #expect(try evaluate("present(nothing)") == .flag(false))
        #expect(try evaluate("present(name)") == .flag(true))
        // and/or decide when one side does.
        #expect(try evaluate("nothing > 1 and false") == .flag(false))
        #expect(try evaluate("nothing > 1 or true") == .flag(true))
        #expect(try evaluate("sum(nothing)") == .missing)
    }

    @Test func typeMistakesAreTheDefinitionsErrors() throws {
        #expect(throws: EvaluationError.self) { try evaluate("name + 1") }
        #expect(throws: EvaluationError.self) { try evaluate("sum(name)") }
    }

    @Test(arguments: [
        ("1 +", 3, "оборвано"),
        ("sum(rows[].sum", 14, "скобка"),
        ("total ^ 2", 6, "недопустимый символ"),
        ("summ(x)", 0, "неизвестная функция"),
        ("'open", 0, "не закрыта"),
        ("a b", 2, "лишний текст"),
    ])
    func syntaxErrorsPointAtTheirCharacter(text: String, offset: Int, message: String) {
        do {
            _ = try ExpressionParser.parse(text)
            Issue.record("«\(text)» parsed")
        } catch {
            #expect(error.offset == offset, "\(text): \(error.message)")
            #expect(error.message.contains(message), "\(text): \(error.message)")
        }
    }

    @Test func paths() {
        #expect(FieldPath("estimate[].subsidy")?.repeatedList?.description == "estimate[]")
        #expect(FieldPath("recipient.bank.bik")?.repeatedList == nil)
        #expect(FieldPath("estimate[].#") != nil)
        #expect(FieldPath("#") == nil)
        #expect(FieldPath("a..b") == nil)
        #expect(FieldPath("1a") == nil)
    }
}
