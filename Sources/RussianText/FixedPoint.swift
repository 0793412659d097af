/// A number with a fixed count of digits after the point, as `printf("%.2f")` writes it (ties to
/// even), for lengths in ODF and CSS: `16.500cm`. Without Foundation, for the browser's engine.
public enum FixedPoint {
    public static func text(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let units = Int64((value * scale).rounded(.toNearestOrEven))
        let digits = String(units.magnitude)
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let point = padded.index(padded.endIndex, offsetBy: -places)
        return (units < 0 ? "-" : "") + padded[..<point] + (places > 0 ? "." + padded[point...] : "")
    }
}
