import Foundation

/// Where the OASIS ODF 1.3 RelaxNG schemas are. They are third-party files, never committed:
/// `ODF_SCHEMA_DIR`, else `../shared/schemas/odf-1.3` beside the package, else the download
/// cache `.cache/odf-1.3`. Finding none is an error, never a pass.
enum SchemaLocator {
    static let documentSchema = "OpenDocument-v1.3-schema.rng"
    static let manifestSchema = "OpenDocument-v1.3-manifest-schema.rng"

    /// - Parameters:
    ///   - root: the package root, when known; the current directory is tried too.
    static func locate(root: URL?, environment: [String: String] = ProcessInfo.processInfo.environment,
                       currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> URL {
        if let configured = environment["ODF_SCHEMA_DIR"], !configured.isEmpty {
            // An explicit setting that points nowhere is a mistake to report, not a reason to look elsewhere.
            let url = URL(fileURLWithPath: configured, relativeTo: currentDirectory).standardizedFileURL
            guard hasSchemas(url) else { throw ODFValidatorError.schemasNotFound(searched: [url.path]) }
            return url
        }
        let bases = [root, currentDirectory].compactMap { $0?.standardizedFileURL }
        let candidates = bases.map { $0.appendingPathComponent("../shared/schemas/odf-1.3").standardizedFileURL }
            + bases.map { $0.appendingPathComponent(".cache/odf-1.3").standardizedFileURL }
        var searched: [String] = []
        for candidate in candidates where !searched.contains(candidate.path) {
            if hasSchemas(candidate) { return candidate }
            searched.append(candidate.path)
        }
        throw ODFValidatorError.schemasNotFound(searched: searched)
    }

    static func hasSchemas(_ directory: URL) -> Bool {
        [documentSchema, manifestSchema].allSatisfy {
            FileManager.default.isReadableFile(atPath: directory.appendingPathComponent($0).path)
        }
    }
}
