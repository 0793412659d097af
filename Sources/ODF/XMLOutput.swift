/// XML being written, as UTF-8 bytes. A piece (`out += "<text:p text:style-name=\"\(name)\">"`)
/// is built as bytes and copied in as bytes: appending to a String checks its storage for every
/// piece, and each interpolation made a String of its own — most of the cost of `content.xml`.
/// Values go in through `append` already escaped (`XMLEscaping`).
struct XMLOutput {
    private(set) var bytes: [UInt8] = []

    var count: Int { bytes.count }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    static func += (out: inout XMLOutput, piece: Piece) {
        switch piece.storage {
        case .literal(let literal): literal.withUTF8Buffer { out.bytes.append(contentsOf: $0) }
        case .bytes(let bytes): out.bytes.append(contentsOf: bytes)
        }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: XMLOutput) {
        bytes.append(contentsOf: other.bytes)
    }

    /// A run of the text being written, copied from its own UTF-8.
    mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: run)
    }

    /// Markup written in the code: a literal as it is, or with interpolated names and numbers.
    struct Piece: ExpressibleByStringInterpolation {
        enum Storage {
            case literal(StaticString)
            case bytes([UInt8])
        }

        let storage: Storage

        init(stringLiteral literal: StaticString) { storage = .literal(literal) }
        init(stringInterpolation: Interpolation) { storage = .bytes(stringInterpolation.bytes) }

        struct Interpolation: StringInterpolationProtocol {
            var bytes: [UInt8] = []

            init(literalCapacity: Int, interpolationCount: Int) {
                bytes.reserveCapacity(literalCapacity + 16 * interpolationCount)
            }

            mutating func appendLiteral(_ literal: StaticString) {
                literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
            }

            mutating func appendInterpolation(_ value: String) {
                var value = value
                value.withUTF8 { bytes.append(contentsOf: $0) }
            }

            mutating func appendInterpolation(_ value: Int) { appendInterpolation(String(value)) }
        }
    }
}
