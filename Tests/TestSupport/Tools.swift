import Foundation

/// The repository's root folder.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// External programs the tests drive: the built `nko`, LibreOffice, pdftotext.
public enum Tool {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// An executable on the PATH, nil when it is not installed.
    public static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs a program to its end.
    @discardableResult
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the program runs: a full pipe would block it.
        nonisolated(unsafe) var stderr = Data()
        let reader = Thread { stderr = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The `nko` built beside the test bundle.
    public static var nko: URL {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("nko")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/nko")
    }

    public static var skipLibreOffice: Bool { ProcessInfo.processInfo.environment["NKO_SKIP_LIBREOFFICE"] == "1" }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// LibreOffice converts the documents to PDF (one run, a profile of its own) and pdftotext
    /// reads each back. LibreOffice exits 0 even when it cannot load a file: a missing PDF is
    /// reported as nil text.
    public static func pdfTexts(of documents: [URL], work: URL) throws -> [URL: String?] {
        guard let soffice = find("soffice") else {
            throw Missing(description: "soffice not found: install libreoffice-writer-nogui (make test-deps)")
        }
        guard let pdftotext = find("pdftotext") else {
            throw Missing(description: "pdftotext not found: install poppler-utils (make test-deps)")
        }
        try run(soffice, ["-env:UserInstallation=\(work.appendingPathComponent("profile").absoluteString)", "--headless",
                          "--norestore", "--convert-to", "pdf", "--outdir", work.path] + documents.map(\.path),
                environment: ["HOME": work.path])
        var texts: [URL: String?] = [:]
        for document in documents {
            let pdf = work.appendingPathComponent(document.deletingPathExtension().lastPathComponent + ".pdf")
            guard FileManager.default.fileExists(atPath: pdf.path) else { texts[document] = .some(nil); continue }
            texts[document] = try run(pdftotext, ["-enc", "UTF-8", pdf.path, "-"]).stdout
        }
        return texts
    }

    /// A fresh temporary folder.
    public static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
