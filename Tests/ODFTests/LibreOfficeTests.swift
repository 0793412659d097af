import Foundation
import Markup
import ODF
import Testing

/// LibreOffice opens the package and lays it out: converted to PDF headless, the text is there.
/// `make test` installs LibreOffice and poppler-utils, so a missing `soffice` is a failure unless
/// NKO_SKIP_LIBREOFFICE=1 says to leave this check out.
@Suite struct LibreOfficeTests {
    static let skipped = ProcessInfo.processInfo.environment["NKO_SKIP_LIBREOFFICE"] == "1"

    @Test(.enabled(if: !skipped, "NKO_SKIP_LIBREOFFICE=1"), .timeLimit(.minutes(3)))
    func libreOfficeConvertsTheDocumentToPDF() throws {
        let soffice = try #require(Self.executable("soffice"),
                                   "soffice not found: install libreoffice-writer-nogui (make test-deps) or set NKO_SKIP_LIBREOFFICE=1")
        let pdftotext = try #require(Self.executable("pdftotext"),
                                     "pdftotext not found: install poppler-utils (make test-deps) or set NKO_SKIP_LIBREOFFICE=1")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nko-odf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let odt = directory.appendingPathComponent("polozhenie.odt")
        try ODFWriter().write(Fixtures.regulation, metadata: Fixtures.metadata).write(to: odt)
        // A profile of its own: parallel runs would otherwise wait on each other's profile lock.
        let profile = directory.appendingPathComponent("profile")
        let conversion = try Self.run(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                                                "--convert-to", "pdf", "--outdir", directory.path, odt.path], home: directory)
        // soffice exits 0 even when it cannot load a file: only the PDF tells.
        let pdf = directory.appendingPathComponent("polozhenie.pdf")
        let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? nil
        try #require((size ?? 0) > 0, "LibreOffice wrote no PDF; it said: \(conversion)")

        let text = try Self.run(pdftotext, ["-enc", "UTF-8", pdf.path, "-"], home: directory)
        #expect(text.contains("ПОЛОЖЕНИЕ О РЕСУРСНОМ ЦЕНТРЕ"), "heading")
        #expect(text.contains("Создать ресурсный центр"), "table cell")
        #expect(text.contains("Организационные мероприятия"), "section row")
        #expect(text.contains("А.В. Песошин"), "signature")
        #expect(text.contains("<b>&amp;"), "hostile text, literally")
        #expect(text.contains("Вторая сноска"), "footnote")
    }

    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs a program to its end and returns what it printed (stdout and stderr).
    static func run(_ executable: URL, _ arguments: [String], home: URL) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path  // LibreOffice needs a writable home
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
