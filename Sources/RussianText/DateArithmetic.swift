/// Day counting without Foundation's calendars: proleptic Gregorian, days since 1970-01-01.
/// Every result outside the years 1…9999 is nil: dates and terms come from content, and a term of
/// three million working days must be a message, not a crash.
extension CalendarDate {
    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// nil outside the years 1…9999.
    public init?(dayNumber: Int) {
        guard (Self.first.dayNumber...Self.last.dayNumber).contains(dayNumber) else { return nil }
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The first and last days a `CalendarDate` can be.
    static let first = CalendarDate(year: 1, month: 1, day: 1)!
    static let last = CalendarDate(year: 9999, month: 12, day: 31)!

    /// 1 for Monday … 7 for Sunday.
    public var weekday: Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }

    /// nil past the years 1…9999.
    public func adding(days: Int) -> CalendarDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : CalendarDate(dayNumber: sum)
    }

    /// The same day `months` later; the last day of the month when that month is shorter (31.01 + 1 = 28.02).
    /// nil past the years 1…9999.
    public func adding(months: Int) -> CalendarDate? {
        let (index, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        guard !overflow, index >= 0 else { return nil }
        let (y, m) = (index / 12, index % 12 + 1)
        return CalendarDate(year: y, month: m, day: Swift.min(day, CalendarDate.daysIn(month: m, year: y)))
    }
}
