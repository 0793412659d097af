import Foundation
import Markup
import ODFPackage
import Testing
import TestSupport

/// LibreOffice opens the package and lays it out: converted to PDF headless, the text is there.
/// `make test` installs LibreOffice and poppler-utils, so a missing `soffice` is a failure unless
/// NKO_SKIP_LIBREOFFICE=1 says to leave this check out.
@Suite struct LibreOfficeTests {
    @Test(.enabled(if: !Tool.skipLibreOffice, "NKO_SKIP_LIBREOFFICE=1"), .timeLimit(.minutes(3)))
    func libreOfficeConvertsTheDocumentToPDF() throws {
        let directory = try Tool.temporaryFolder("nko-odf")
        defer { try? FileManager.default.removeItem(at: directory) }
        let odt = directory.appendingPathComponent("polozhenie.odt")
        try ODFWriter().write(Fixtures.regulation, metadata: Fixtures.metadata).write(to: odt)
        let text = try #require(try Tool.pdfTexts(of: [odt], work: directory)[odt] ?? nil, "LibreOffice wrote no PDF")
        #expect(text.contains("ПОЛОЖЕНИЕ О РЕСУРСНОМ ЦЕНТРЕ"), "heading")
        #expect(text.contains("Создать ресурсный центр"), "table cell")
        #expect(text.contains("Организационные мероприятия"), "section row")
        #expect(text.contains("А.В. Песошин"), "signature")
        #expect(text.contains("<b>&amp;"), "hostile text, literally")
        #expect(text.contains("Вторая сноска"), "footnote")
    }
}
