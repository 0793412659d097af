import Foundation
import RussianText
import Testing

struct WorkingCalendarTests {
    func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// 2026 as the Government's decree No. 1466 sets it (the weekday days off).
    let calendar = WorkingCalendar(years: [2026: .init(holidays: Set([
        "2026-01-01", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09",
        "2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11", "2026-06-12", "2026-11-04", "2026-12-31",
    ].compactMap(CalendarDate.init(iso:))), workdays: [])])

    @Test func dayNumbersAndWeekdaysAgreeWithFoundation() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        for iso in ["1970-01-01", "2000-02-29", "2026-11-23", "2026-12-31", "2027-01-01", "1899-12-31"] {
            let d = date(iso)
            #expect(CalendarDate(dayNumber: d.dayNumber) == d)
            let foundation = gregorian.component(.weekday, from: gregorian.date(from: DateComponents(year: d.year, month: d.month, day: d.day))!)  // 1 = Sunday
            #expect(d.weekday == (foundation + 5) % 7 + 1, "\(iso)")
            #expect(Int(gregorian.date(from: DateComponents(year: d.year, month: d.month, day: d.day))!.timeIntervalSince1970 / 86_400) == d.dayNumber)
        }
        #expect(date("2026-01-31").adding(months: 1) == date("2026-02-28"))
        #expect(date("2026-11-23").adding(months: 1) == date("2026-12-23"))
        #expect(date("2026-12-31").adding(days: 1) == date("2027-01-01"))
    }

    @Test func holidaysAndMovedDaysOff() {
        #expect(!calendar.isWorkingDay(date("2026-11-04")))   // Day of National Unity, a Wednesday
        #expect(!calendar.isWorkingDay(date("2026-01-09")))   // moved from Saturday 3 January
        #expect(!calendar.isWorkingDay(date("2026-11-21")))   // a Saturday
        #expect(calendar.isWorkingDay(date("2026-11-23")))
        // A year the calendar does not have: the holidays of Labour Code art. 112 only.
        #expect(!calendar.isWorkingDay(date("2027-01-05")))
        #expect(calendar.isWorkingDay(date("2027-01-11")))
        #expect(!calendar.knows(date("2027-01-11")))
    }

    @Test func aTermEndingOnADayOffMovesToTheNextWorkingDay() {
        #expect(calendar.workingDay(onOrAfter: date("2026-12-31")) == date("2027-01-11"))
        #expect(calendar.workingDay(onOrAfter: date("2026-11-04")) == date("2026-11-05"))
        #expect(calendar.workingDay(onOrAfter: date("2026-11-23")) == date("2026-11-23"))
    }

    @Test func workingDaysAreCountedFromTheNextDay() {
        // Three working days after Tuesday 3 November: the 4th is a holiday, so 5, 6 and 9 November.
        #expect(calendar.adding(workingDays: 3, to: date("2026-11-03")) == date("2026-11-09"))
        // Ten working days after 30 December 2026: 11–22 January 2027.
        #expect(calendar.adding(workingDays: 10, to: date("2026-12-30")) == date("2027-01-22"))
    }
}

/// Dates and terms come from content: arithmetic past the years 1…9999 is nil, never a crash
/// (a deadline of 3 000 000 working days once stopped the build with SIGILL).
struct DateRangeTests {
    let last = CalendarDate(iso: "9999-12-31")!
    let first = CalendarDate(iso: "0001-01-01")!

    @Test func arithmeticPastTheCalendarIsNil() {
        #expect(last.adding(days: 1) == nil)
        #expect(first.adding(days: -1) == nil)
        #expect(first.adding(days: Int.max) == nil)
        #expect(last.adding(days: Int.min) == nil)
        #expect(last.adding(months: 1) == nil)
        #expect(first.adding(months: -1) == nil)
        #expect(first.adding(months: Int.max) == nil)
        #expect(CalendarDate(dayNumber: Int.max) == nil)
        #expect(CalendarDate(dayNumber: first.dayNumber) == first)
        #expect(CalendarDate(dayNumber: last.dayNumber) == last)
    }

    @Test func termsPastTheCalendarAreNil() {
        let calendar = WorkingCalendar()
        let start = CalendarDate(iso: "2026-11-23")!
        #expect(calendar.adding(workingDays: 3_000_000, to: start) == nil)
        #expect(calendar.adding(workingDays: Int.max, to: start) == nil)
        #expect(calendar.adding(workingDays: 1, to: last) == nil)
        // 25 and 26 December 9999 are a weekend; with the next week off, no working day follows.
        let lastWeekOff = WorkingCalendar(years: [9999: .init(holidays: Set((27...31).map { CalendarDate(year: 9999, month: 12, day: $0)! }),
                                                               workdays: [])])
        #expect(lastWeekOff.workingDay(onOrAfter: CalendarDate(iso: "9999-12-25")!) == nil)
        #expect(calendar.workingDay(onOrAfter: CalendarDate(iso: "9999-12-25")!) == CalendarDate(iso: "9999-12-27"))
    }
}
