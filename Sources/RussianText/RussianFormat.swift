
/// Russian conventions for dates, numbers and money in pages and documents.
public enum RussianFormat {
    /// Month names in the genitive, as dates are written: «23 ноября».
    public static let monthsGenitive = [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ]

    /// Month names in the nominative, for headings like «Ноябрь 2026».
    public static let monthsNominative = [
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ]

    /// The narrow no-break space that separates groups of digits: it is thin and never breaks a line.
    public static let digitGroupSeparator = "\u{202F}"

    /// «23 ноября 2026 г.»
    public static func longDate(_ d: CalendarDate) -> String {
        "\(d.day) \(monthsGenitive[d.month - 1]) \(d.year)\u{00A0}г."
    }

    /// «23.11.2026»
    public static func shortDate(_ d: CalendarDate) -> String {
        pad(d.day, 2) + "." + pad(d.month, 2) + "." + String(d.year)
    }

    /// «"23" ноября 2026 г.» as official documents write it, with Russian quotes: «23» ноября 2026 г.
    public static func documentDate(_ d: CalendarDate) -> String {
        "«\(pad(d.day, 2))» \(monthsGenitive[d.month - 1]) \(d.year)\u{00A0}г."
    }

    /// «23 ноября 2026 г., 14:30»
    public static func longDateTime(_ t: CalendarDateTime) -> String {
        longDate(t.date) + ", " + t.time
    }

    /// Groups the digits of an integer by three with thin spaces, from five digits on
    /// (Russian typography leaves four-digit numbers whole: 2026, 1500).
    public static func integer(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "−" : "") + groupDigits(digits)
    }

    /// A decimal number with a comma: «13,5», «1 234 567,25».
    public static func decimal(_ value: DecimalNumber) -> String {
        var text = value.description
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        var result = groupDigits(String(parts[0]))
        if parts.count == 2 { result += "," + parts[1] }
        return (negative ? "−" : "") + result
    }

    /// Money with kopecks: «1 234 567,89 руб.»
    public static func money(_ value: Money) -> String {
        moneyFigures(value) + "\u{00A0}руб."
    }

    /// Money without the unit, for a column whose heading names it: «1 234 567,89».
    public static func moneyFigures(_ value: Money) -> String {
        let k = value.kopecks.magnitude
        return (value.kopecks < 0 ? "−" : "") + groupDigits(String(k / 100)) + "," + pad(Int(k % 100), 2)
    }

    /// A percentage: «25 %», «13,5 %» (a space before the sign, as ГОСТ 8.417 asks).
    public static func percent(_ value: DecimalNumber) -> String {
        decimal(value) + "\u{00A0}%"
    }

    static func groupDigits(_ digits: String) -> String {
        guard digits.count > 4 else { return digits }
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: digitGroupSeparator)
    }
}

/// An exact amount of money in kopecks: money is never a floating-point number.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let kopecks: Int64

    public init(kopecks: Int64) { self.kopecks = kopecks }

    /// Parses «1500000», «1500000.5», «1500000,50»; at most two digits after the point, at most 15
    /// before it. Read as bytes: anything but ASCII digits and one «,» or «.» is not an amount.
    public init?(parsing text: String) {
        let bytes = Substring(text).trimmingSpaces.utf8
        let negative = bytes.first == UInt8(ascii: "-")
        var rubles: Int64 = 0, wholeDigits = 0, fraction: Int64 = 0, fractionDigits = 0, separated = false
        for byte in negative ? bytes.dropFirst() : bytes[...] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if separated {
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                } else {
                    rubles = rubles * 10 + digit
                    wholeDigits += 1
                }
                guard wholeDigits <= 15, fractionDigits <= 2 else { return nil }
            case UInt8(ascii: ","), UInt8(ascii: "."):
                guard !separated else { return nil }
                separated = true
            default:
                return nil
            }
        }
        guard wholeDigits > 0, !separated || fractionDigits > 0 else { return nil }
        self.kopecks = (rubles * 100 + (fractionDigits == 1 ? fraction * 10 : fraction)) * (negative ? -1 : 1)
    }

    /// An amount in rubles rounded half away from zero to the kopeck (saturating beyond Int64).
    public init(rubles: DecimalNumber) {
        let rounded = rubles.rounded(2)
        let (kopecks, overflow) = rounded.significand.multipliedReportingOverflow(by: DecimalNumber.power(2 - rounded.scale))
        self.kopecks = overflow ? (rounded < .zero ? .min : .max) : Int64(clamping: kopecks)
    }

    /// The amount in rubles, exactly.
    public var rubles: DecimalNumber { DecimalNumber(significand: Int128(kopecks), scale: 2) }

    public static func < (a: Money, b: Money) -> Bool { a.kopecks < b.kopecks }

    /// `1500000.50`: the machine form, for data exports.
    public var description: String {
        let k = kopecks.magnitude
        return (kopecks < 0 ? "-" : "") + String(k / 100) + "." + pad(Int(k % 100), 2)
    }
}

extension RussianFormat {
    /// The noun form for a count: 1 страница, 2 страницы, 5 страниц, 11 страниц, 21 страница.
    public static func plural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let n10 = abs(n) % 10, n100 = abs(n) % 100
        if n10 == 1 && n100 != 11 { return one }
        if (2...4).contains(n10) && !(12...14).contains(n100) { return few }
        return many
    }
}
