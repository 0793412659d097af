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
        let pdfs = try pdfs(of: documents, work: work)
        let pdftotext = try pdftotextTool()
        var texts: [URL: String?] = [:]
        for (document, pdf) in pdfs {
            guard let pdf else { texts[document] = .some(nil); continue }
            texts[document] = try run(pdftotext, ["-enc", "UTF-8", pdf.path, "-"]).stdout
        }
        return texts
    }

    /// The PDF LibreOffice made of each document, nil where it made none.
    public static func pdfs(of documents: [URL], work: URL) throws -> [URL: URL?] {
        // Without a file to convert, soffice would start and wait.
        guard !documents.isEmpty else { return [:] }
        guard let soffice = find("soffice") else {
            throw Missing(description: "soffice not found: install libreoffice-writer-nogui (make test-deps)")
        }
        try run(soffice, ["-env:UserInstallation=\(work.appendingPathComponent("profile").absoluteString)", "--headless",
                          "--norestore", "--convert-to", "pdf", "--outdir", work.path] + documents.map(\.path),
                environment: ["HOME": work.path])
        var pdfs: [URL: URL?] = [:]
        for document in documents {
            let pdf = work.appendingPathComponent(document.deletingPathExtension().lastPathComponent + ".pdf")
            pdfs[document] = FileManager.default.fileExists(atPath: pdf.path) ? pdf : .some(nil)
        }
        return pdfs
    }

    /// A word of a PDF page where poppler sees it, in points from the page's top left corner.
    public struct PDFWord: Sendable, CustomStringConvertible {
        public var page: Int
        public var text: String
        public var xMin, yMin, xMax, yMax: Double
        public var width: Double { xMax - xMin }
        public var height: Double { yMax - yMin }
        public var description: String {
            "«\(text)» p. \(page) x \(String(format: "%.1f–%.1f", xMin, xMax)) y \(String(format: "%.1f–%.1f", yMin, yMax))"
        }
    }

    /// Every word of a PDF with its box (`pdftotext -bbox`).
    public static func words(ofPDF pdf: URL) throws -> [PDFWord] {
        let html = try run(try pdftotextTool(), ["-bbox", "-enc", "UTF-8", pdf.path, "-"]).stdout
        var words: [PDFWord] = []
        var page = 0
        for line in html.split(separator: "\n") {
            let line = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("<page ") { page += 1; continue }
            guard line.hasPrefix("<word "), let close = line.range(of: "\">"), line.hasSuffix("</word>") else { continue }
            func number(_ name: String) -> Double {
                guard let start = line.range(of: name + "=\"") else { return .nan }
                return Double(line[start.upperBound...].prefix { $0 != "\"" }) ?? .nan
            }
            let text = line[close.upperBound..<line.index(line.endIndex, offsetBy: -"</word>".count)]
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            words.append(PDFWord(page: page, text: text, xMin: number("xMin"), yMin: number("yMin"),
                                 xMax: number("xMax"), yMax: number("yMax")))
        }
        return words
    }

    private static func pdftotextTool() throws -> URL {
        guard let pdftotext = find("pdftotext") else {
            throw Missing(description: "pdftotext not found: install poppler-utils (make test-deps)")
        }
        return pdftotext
    }

    /// A fresh temporary folder.
    public static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
