/// An exact decimal number: a 128-bit integer scaled by a power of ten. Foundation's `Decimal`
/// did this job, but the forms engine also runs as WebAssembly, where there is no Foundation.
/// Sums, differences and products of the numbers forms hold (kopecks, scores, percentages) are
/// exact; a quotient keeps at least 18 significant digits, and anything shown is rounded first.
public struct DecimalNumber: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The value is `significand × 10^-scale`, with no trailing zeros in `significand` while
    /// `scale > 0`: one value, one representation, so that `==` and hashing compare values.
    public private(set) var significand: Int128
    public private(set) var scale: Int

    public static let zero = DecimalNumber(0)

    public init(_ value: Int) { self.init(significand: Int128(value), scale: 0) }
    public init(_ value: Int64) { self.init(significand: Int128(value), scale: 0) }
    public init(integerLiteral value: Int) { self.init(value) }

    public init(significand: Int128, scale: Int) {
        var (s, e) = (significand, scale)
        while e > 0 && s % 10 == 0 { s /= 10; e -= 1 }
        (self.significand, self.scale) = (s == 0 ? 0 : s, s == 0 ? 0 : e)
    }

    /// «13.5», «13,5», «-2», «0.25»: digits with one decimal point or comma; nothing else (no
    /// exponents, no spaces, no sign but a leading minus). At most 36 digits.
    public init?(parsing text: String) {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        var significand: Int128 = 0, scale = 0, count = 0, seenPoint = false
        for ch in digits {
            if ch == "." || ch == "," {
                guard !seenPoint, count > 0 else { return nil }
                seenPoint = true
                continue
            }
            guard let digit = ch.asciiDigit, count < 36 else { return nil }
            significand = significand * 10 + Int128(digit)
            count += 1
            if seenPoint { scale += 1 }
        }
        guard count > 0, !(seenPoint && scale == 0) else { return nil }
        self.init(significand: negative ? -significand : significand, scale: scale)
    }

    public var isInteger: Bool { scale == 0 }

    /// The whole part, toward zero; nil beyond Int64.
    public var integerPart: Int64? { Int64(exactly: significand / Self.power(scale)) }

    /// `1500000.5`, `-0.25`: the machine form, without trailing zeros.
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }

    /// Half away from zero to `places` digits after the point, as Russian accounting rounds.
    public func rounded(_ places: Int) -> DecimalNumber {
        guard scale > places else { return self }
        let digits = Self.divide(significand, by: Self.power(scale - places))
        if places >= 0 { return DecimalNumber(significand: digits, scale: places) }
        let (widened, overflow) = digits.multipliedReportingOverflow(by: Self.power(-places))
        return overflow ? Self.saturated(positive: digits > 0) : DecimalNumber(significand: widened, scale: 0)
    }

    public static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
        let (x, y) = aligned(a, b)
        return x < y
    }

    public static prefix func - (a: DecimalNumber) -> DecimalNumber {
        DecimalNumber(significand: -a.significand, scale: a.scale)
    }

    public static func + (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber {
        let (x, y) = aligned(a, b)
        let (sum, overflow) = x.addingReportingOverflow(y)
        return overflow ? saturated(positive: x > 0) : DecimalNumber(significand: sum, scale: max(a.scale, b.scale))
    }

    public static func - (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber { a + -b }

    public static func * (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber {
        var (a, b) = (a, b)
        while true {
            let (product, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
            if !overflow { return DecimalNumber(significand: product, scale: a.scale + b.scale) }
            // Too many digits: drop fractional digits of the longer operand first.
            if a.scale == 0 && b.scale == 0 { return saturated(positive: (a.significand < 0) == (b.significand < 0)) }
            if a.scale >= b.scale { a = a.rounded(a.scale - 1) } else { b = b.rounded(b.scale - 1) }
        }
    }

    /// The quotient to at least 18 significant digits (as many as 128 bits hold), rounded half away
    /// from zero; nil for a zero divisor.
    public static func / (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber? {
        guard b.significand != 0 else { return nil }
        // a/b = (sa·10^k / sb) · 10^(b.scale − a.scale − k): widen the dividend as far as it goes.
        var dividend = a.significand.magnitude, k = 0
        while dividend != 0 && dividend <= UInt128.max / 100 && k < 60 { dividend *= 10; k += 1 }
        let divisor = b.significand.magnitude
        var (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        if remainder * 2 >= divisor { quotient += 1 }
        var scale = a.scale - b.scale + k
        while quotient > UInt128(Int128.max) / 1000 || (scale > 0 && quotient % 10 == 0 && quotient != 0) {
            let (q, r) = quotient.quotientAndRemainder(dividingBy: 10)
            quotient = q + (r >= 5 ? 1 : 0)
            scale -= 1
        }
        let negative = (a.significand < 0) != (b.significand < 0)
        let value = Int128(quotient)
        if scale < 0 {
            let (widened, overflow) = value.multipliedReportingOverflow(by: power(-scale))
            return overflow ? saturated(positive: !negative) : DecimalNumber(significand: negative ? -widened : widened, scale: 0)
        }
        return DecimalNumber(significand: negative ? -value : value, scale: scale)
    }

    static func power(_ n: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<min(n, 38) { result *= 10 }
        return result
    }

    /// Both significands at the larger scale; when one is too large to widen, both at the smaller
    /// scale, the other's extra digits rounded off (the large one dwarfs them anyway).
    private static func aligned(_ a: DecimalNumber, _ b: DecimalNumber) -> (Int128, Int128) {
        let scale = max(a.scale, b.scale)
        if let x = a.significand(at: scale), let y = b.significand(at: scale) { return (x, y) }
        let low = min(a.scale, b.scale)
        return (a.significand(at: low)!, b.significand(at: low)!)
    }

    /// The significand at another scale (rounded half away from zero when it is smaller); nil
    /// when it does not fit.
    private func significand(at target: Int) -> Int128? {
        if target >= scale {
            let (widened, overflow) = significand.multipliedReportingOverflow(by: Self.power(target - scale))
            return overflow || target - scale > 38 ? nil : widened
        }
        return Self.divide(significand, by: Self.power(scale - target))
    }

    /// Integer division rounded half away from zero.
    private static func divide(_ value: Int128, by divisor: Int128) -> Int128 {
        var (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        if remainder.magnitude * 2 >= divisor.magnitude { quotient += value < 0 ? -1 : 1 }
        return quotient
    }

    private static func saturated(positive: Bool) -> DecimalNumber {
        DecimalNumber(significand: positive ? Int128.max : -Int128.max, scale: 0)
    }
}

extension Character {
    /// 0–9 for an ASCII digit: `isNumber` would also take «٣» and «½».
    public var asciiDigit: Int? {
        guard let ascii = asciiValue, (48...57).contains(ascii) else { return nil }
        return Int(ascii - 48)
    }
}
