/// A day of the calendar as written in documents, free of time zones.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil for a day that does not exist (31.04, 29.02 of a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO form `YYYY-MM-DD` (the only form the content files use).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy({ $0.isASCII && $0.isNumber }) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `2026-11-23`
    public var iso: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }

    public var description: String { iso }
}

/// A date with a time of day, as announced (local time of the region, no zone).
public struct CalendarDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CalendarDate
    public let hour: Int
    public let minute: Int

    public init?(date: CalendarDate, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// Parses `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM`.
    public init?(iso text: String) {
        let separator = text.firstIndex(where: { $0 == " " || $0 == "T" })
        guard let separator, let date = CalendarDate(iso: String(text[..<separator])) else { return nil }
        let time = text[text.index(after: separator)...].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 2, time.allSatisfy({ $0.count == 2 && $0.allSatisfy({ $0.isASCII }) }),
              let h = Int(time[0]), let m = Int(time[1]) else { return nil }
        self.init(date: date, hour: h, minute: m)
    }

    public static func < (a: CalendarDateTime, b: CalendarDateTime) -> Bool {
        (a.date, a.hour, a.minute) < (b.date, b.hour, b.minute)
    }

    /// `14:30`
    public var time: String { pad(hour, 2) + ":" + pad(minute, 2) }
    /// `2026-11-23T14:30`
    public var iso: String { date.iso + "T" + time }
    public var description: String { iso }
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
