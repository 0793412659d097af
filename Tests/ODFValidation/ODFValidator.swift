import Foundation
import ZIPFoundation

/// Something wrong with a package: the part it is in and, for XML, the line.
public struct ODFProblem: Sendable, Equatable, CustomStringConvertible {
    /// `content.xml`, `META-INF/manifest.xml` …, or `package` for the zip container itself.
    public var part: String
    public var line: Int?
    public var message: String

    public init(part: String, line: Int? = nil, message: String) {
        self.part = part
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(part):\($0): \(message)" } ?? "\(part): \(message)"
    }
}

public enum ODFValidatorError: Error, CustomStringConvertible {
    /// No directory with the OASIS schemas: validation cannot be done, so it does not pass.
    case schemasNotFound(searched: [String])
    /// A schema file that libxml2 cannot compile.
    case schemaInvalid(path: String, messages: [String])

    public var description: String {
        switch self {
        case .schemasNotFound(let searched):
            return "ODF 1.3 RelaxNG schemas not found (set ODF_SCHEMA_DIR); looked in: " + searched.joined(separator: ", ")
        case .schemaInvalid(let path, let messages):
            return "cannot compile \(path): " + messages.joined(separator: "; ")
        }
    }
}

/// Checks an OpenDocument text package: the zip container rules (mimetype first, stored, without
/// an extra field, with the exact media type), the manifest against the parts, and every XML
/// part against the OASIS ODF 1.3 RelaxNG schemas with libxml2, in process.
public struct ODFValidator: Sendable {
    public let schemaDirectory: URL
    private let documentSchema: LibXML.RelaxNGSchema
    private let manifestSchema: LibXML.RelaxNGSchema

    /// The media type of an OpenDocument text, written here rather than taken from the writer:
    /// the validator checks the package against the standard, not against the writer's own constant.
    static let mediaType = "application/vnd.oasis.opendocument.text"

    /// The parts every package of ours has; `settings.xml` is validated when present.
    static let requiredParts = ["content.xml", "styles.xml", "meta.xml"]

    /// Finds the schemas (`ODF_SCHEMA_DIR`, `../shared/schemas/odf-1.3`, `.cache/odf-1.3` — relative
    /// to `root` and to the current directory) and compiles them, once per process.
    public init(root: URL? = nil) throws {
        try self.init(schemaDirectory: SchemaLocator.locate(root: root))
    }

    public init(schemaDirectory: URL) throws {
        guard SchemaLocator.hasSchemas(schemaDirectory) else {
            throw ODFValidatorError.schemasNotFound(searched: [schemaDirectory.path])
        }
        self.schemaDirectory = schemaDirectory
        documentSchema = try SchemaCache.shared.schema(schemaDirectory.appendingPathComponent(SchemaLocator.documentSchema))
        manifestSchema = try SchemaCache.shared.schema(schemaDirectory.appendingPathComponent(SchemaLocator.manifestSchema))
    }

    /// Every problem found; an empty list means the package is valid.
    public func validate(_ package: Data) -> [ODFProblem] {
        var problems = checkMimetypeEntry(package)
        let archive: Archive
        do {
            archive = try Archive(data: package, accessMode: .read)
        } catch {
            return problems + [ODFProblem(part: "package", message: "not a zip archive: \(error)")]
        }
        var entries: [String: Data] = [:]
        var order: [String] = []
        for entry in archive where entry.type == .file {
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                problems.append(ODFProblem(part: entry.path, message: "cannot be extracted: \(error)"))
                continue
            }
            entries[entry.path] = data
            order.append(entry.path)
        }
        if order.first != "mimetype" {
            problems.append(ODFProblem(part: "package", message: "the first entry of the central directory is «\(order.first ?? "none")», not «mimetype»"))
        }
        problems += checkManifest(entries)
        for part in Self.requiredParts + ["settings.xml"] {
            guard let data = entries[part] else {
                if Self.requiredParts.contains(part) { problems.append(ODFProblem(part: part, message: "missing from the package")) }
                continue
            }
            problems += validate(data, part: part, against: documentSchema)
        }
        return problems
    }

    /// ODF 1.3 part 2, 3.3: `mimetype` is the first file of the zip, stored, without an extra
    /// field, so that its content stands at byte 38. Read from the local header itself.
    private func checkMimetypeEntry(_ package: Data) -> [ODFProblem] {
        let bytes = [UInt8](package.prefix(38 + Self.mediaType.utf8.count))
        func uint16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        guard bytes.count >= 30, bytes[0..<4] == [0x50, 0x4B, 0x03, 0x04] else {
            return [ODFProblem(part: "package", message: "does not start with a zip local file header")]
        }
        let nameLength = uint16(26)
        let name = String(decoding: bytes.dropFirst(30).prefix(nameLength), as: UTF8.self)
        guard name == "mimetype" else {
            return [ODFProblem(part: "package", message: "the first file is «\(name)», not «mimetype»")]
        }
        var problems: [ODFProblem] = []
        if uint16(8) != 0 { problems.append(ODFProblem(part: "mimetype", message: "is compressed (method \(uint16(8))); it must be stored")) }
        if uint16(28) != 0 { problems.append(ODFProblem(part: "mimetype", message: "has an extra field of \(uint16(28)) bytes in its header")) }
        let content = String(decoding: bytes.dropFirst(30 + nameLength + uint16(28)), as: UTF8.self)
        let size = Int(bytes[22]) | Int(bytes[23]) << 8 | Int(bytes[24]) << 16 | Int(bytes[25]) << 24
        if !content.hasPrefix(Self.mediaType) || size != Self.mediaType.utf8.count {
            problems.append(ODFProblem(part: "mimetype", message: "content is not exactly «\(Self.mediaType)»"))
        }
        return problems
    }

    /// The manifest is valid, names the package's media type and lists every part there is
    /// (ODF 1.3 part 2, 4.3: all files but `mimetype` and those under `META-INF/`), and nothing more.
    private func checkManifest(_ entries: [String: Data]) -> [ODFProblem] {
        let part = "META-INF/manifest.xml"
        guard let data = entries[part] else { return [ODFProblem(part: part, message: "missing from the package")] }
        var problems = validate(data, part: part, against: manifestSchema)
        guard let listed = ManifestReader.entries(data) else { return problems }
        if listed["/"] != Self.mediaType {
            problems.append(ODFProblem(part: part, message: "the entry «/» does not have the media type \(Self.mediaType)"))
        }
        for path in entries.keys.sorted() where path != "mimetype" && !path.hasPrefix("META-INF/") && listed[path] == nil {
            problems.append(ODFProblem(part: part, message: "does not list «\(path)»"))
        }
        for path in listed.keys.sorted() where path != "/" && !path.hasSuffix("/") && entries[path] == nil {
            problems.append(ODFProblem(part: part, message: "lists «\(path)», which is not in the package"))
        }
        return problems
    }

    private func validate(_ data: Data, part: String, against schema: LibXML.RelaxNGSchema) -> [ODFProblem] {
        let (document, parseMessages) = LibXML.parse(data, name: part)
        guard let document else {
            let messages = parseMessages.isEmpty ? [XMLMessage(line: 0, text: "not well-formed XML")] : parseMessages
            return messages.map { ODFProblem(part: part, line: $0.line > 0 ? $0.line : nil, message: $0.text) }
        }
        return schema.validate(document).map { ODFProblem(part: part, line: $0.line > 0 ? $0.line : nil, message: $0.text) }
    }
}

/// Compiled schemas by path: compiling the ODF schema takes a while, so it happens once per process.
final class SchemaCache: @unchecked Sendable {
    static let shared = SchemaCache()
    private var schemas: [String: LibXML.RelaxNGSchema] = [:]
    private let lock = NSLock()

    func schema(_ url: URL) throws -> LibXML.RelaxNGSchema {
        lock.lock()
        defer { lock.unlock() }
        if let schema = schemas[url.path] { return schema }
        let (schema, messages) = LibXML.RelaxNGSchema.compile(url)
        guard let schema else { throw ODFValidatorError.schemaInvalid(path: url.path, messages: messages.map(\.text)) }
        schemas[url.path] = schema
        return schema
    }
}
