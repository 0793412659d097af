/// The Russian working-day calendar (производственный календарь): Saturdays and Sundays are days
/// off, except working days moved onto them; the public holidays and the days off moved by the
/// Government's yearly decree are days off too. The year's lists are data kept by editors; for a
/// year without them only the fixed holidays of Labour Code art. 112 are known.
public struct WorkingCalendar: Sendable, Equatable {
    public struct Year: Sendable, Equatable {
        /// Days off falling on Monday–Friday: holidays and days moved by the decree.
        public var holidays: Set<CalendarDate>
        /// Saturdays or Sundays made working days by the decree.
        public var workdays: Set<CalendarDate>
        public init(holidays: Set<CalendarDate>, workdays: Set<CalendarDate>) {
            self.holidays = holidays
            self.workdays = workdays
        }
    }

    public var years: [Int: Year]

    public init(years: [Int: Year] = [:]) { self.years = years }

    /// Labour Code art. 112: 1–6 and 8 January, 7 January, 23 February, 8 March, 1 and 9 May,
    /// 12 June, 4 November.
    static let fixedHolidays: [(month: Int, day: Int)] = [
        (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8),
        (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4),
    ]

    /// Whether the calendar has the decree's lists for the year of `date`.
    public func knows(_ date: CalendarDate) -> Bool { years[date.year] != nil }

    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        if let year = years[date.year] {
            if year.workdays.contains(date) { return true }
            if year.holidays.contains(date) { return false }
        } else if Self.fixedHolidays.contains(where: { $0 == (date.month, date.day) }) {
            return false
        }
        return date.weekday <= 5
    }

    /// The day itself if it is a working day, else the next working day: Civil Code art. 193 —
    /// a term ending on a day off ends on the next working day.
    /// nil when no working day follows before the end of year 9999.
    public func workingDay(onOrAfter date: CalendarDate) -> CalendarDate? {
        var day = date
        while !isWorkingDay(day) {
            guard let next = day.adding(days: 1) else { return nil }
            day = next
        }
        return day
    }

    /// The day `count` working days after `date` (the count starts on the next day); nil when
    /// that day would fall after year 9999.
    public func adding(workingDays count: Int, to date: CalendarDate) -> CalendarDate? {
        // Each working day takes a day at least: a count that cannot fit is refused without counting.
        guard count <= CalendarDate.last.dayNumber - date.dayNumber else { return nil }
        var day = date, left = count
        while left > 0 {
            guard let next = day.adding(days: 1) else { return nil }
            day = next
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}
