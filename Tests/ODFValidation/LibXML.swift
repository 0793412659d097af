import CLibXML2
import Foundation

/// A message from libxml2 with the line it points at (0 when it has none).
struct XMLMessage: Sendable, Equatable {
    var line: Int
    var text: String
}

/// Collects libxml2's structured errors. A C callback cannot capture anything, so it gets this
/// box as its user data; nothing goes to stderr.
final class MessageCollector {
    var messages: [XMLMessage] = []

    func record(_ error: xmlErrorPtr?) {
        guard let error else { return }
        let text = error.pointee.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        messages.append(XMLMessage(line: Int(error.pointee.line), text: text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}

/// Errors of RelaxNG parsing and validation: the user data is the collector.
private let collectorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData else { return }
    Unmanaged<MessageCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
}

/// Errors of the XML parser: libxml2 passes the parser context, whose `_private` is the collector.
private let parserHandler: xmlStructuredErrorFunc = { context, error in
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let box = parser.pointee._private else { return }
    Unmanaged<MessageCollector>.fromOpaque(box).takeUnretainedValue().record(error)
}

enum LibXML {
    /// libxml2 must be initialised once, before any use from several threads.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// A parsed document, freed with the value.
    final class Document {
        let pointer: xmlDocPtr
        init(_ pointer: xmlDocPtr) { self.pointer = pointer }
        deinit { xmlFreeDoc(pointer) }
    }

    /// Parses XML without touching the network or expanding entities; a document that is not
    /// well-formed gives nil and the parser's messages.
    static func parse(_ data: Data, name: String) -> (Document?, [XMLMessage]) {
        precondition(initialised)
        guard let context = xmlNewParserCtxt() else { return (nil, [XMLMessage(line: 0, text: "libxml2: out of memory")]) }
        defer { xmlFreeParserCtxt(context) }
        let collector = MessageCollector()
        context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        context.pointee.sax.pointee.serror = parserHandler
        let options = Int32(XML_PARSE_NONET.rawValue)
        let pointer = withExtendedLifetime(collector) {
            data.withUnsafeBytes { bytes in
                xmlCtxtReadMemory(context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                                  name, "UTF-8", options)
            }
        }
        guard let pointer else { return (nil, collector.messages) }
        let document = Document(pointer)
        guard context.pointee.wellFormed != 0 else { return (nil, collector.messages) }
        return (document, collector.messages)
    }

    /// A compiled RelaxNG schema. libxml2 does not promise that one schema may validate on several
    /// threads at once, so validations take turns.
    final class RelaxNGSchema: @unchecked Sendable {
        private let schema: xmlRelaxNGPtr
        private let lock = NSLock()

        /// Compiles the schema file; nil and the messages if it cannot.
        static func compile(_ url: URL) -> (RelaxNGSchema?, [XMLMessage]) {
            precondition(initialised)
            guard let parser = xmlRelaxNGNewParserCtxt(url.path) else { return (nil, [XMLMessage(line: 0, text: "libxml2: out of memory")]) }
            defer { xmlRelaxNGFreeParserCtxt(parser) }
            let collector = MessageCollector()
            let schema = withExtendedLifetime(collector) {
                xmlRelaxNGSetParserStructuredErrors(parser, collectorHandler, Unmanaged.passUnretained(collector).toOpaque())
                return xmlRelaxNGParse(parser)
            }
            return (schema.map(RelaxNGSchema.init), collector.messages)
        }

        private init(_ schema: xmlRelaxNGPtr) { self.schema = schema }
        deinit { xmlRelaxNGFree(schema) }

        /// The schema's complaints about a document; none when it is valid.
        func validate(_ document: Document) -> [XMLMessage] {
            lock.lock()
            defer { lock.unlock() }
            guard let context = xmlRelaxNGNewValidCtxt(schema) else { return [XMLMessage(line: 0, text: "libxml2: out of memory")] }
            defer { xmlRelaxNGFreeValidCtxt(context) }
            let collector = MessageCollector()
            let result = withExtendedLifetime(collector) {
                xmlRelaxNGSetValidStructuredErrors(context, collectorHandler, Unmanaged.passUnretained(collector).toOpaque())
                return xmlRelaxNGValidateDoc(context, document.pointer)
            }
            // A failure must never pass silently, even if libxml2 said nothing about it.
            if result != 0 && collector.messages.isEmpty {
                return [XMLMessage(line: 0, text: "the document does not match the schema (libxml2 code \(result))")]
            }
            return result == 0 ? [] : collector.messages
        }
    }
}
