import Foundation
import Serve
import Testing

/// The preview server serves files of the site and nothing else.
struct SitePathTests {
    /// A site with a page, a folder page, and, beside it, a secret the server must never give.
    func makeSite() throws -> (root: URL, site: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nko-serve-\(UUID().uuidString)")
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("news"), withIntermediateDirectories: true)
        try Data("<p>home</p>".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("<p>news</p>".utf8).write(to: site.appendingPathComponent("news/index.html"))
        try Data("secret".utf8).write(to: root.appendingPathComponent("portal.yaml"))
        // Links inside the site that lead out of it: a file and a folder.
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("leak.txt").path,
                                                   withDestinationPath: root.appendingPathComponent("portal.yaml").path)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("up").path, withDestinationPath: root.path)
        return (root, site)
    }

    @Test func pagesAndFoldersAreServed() throws {
        let (root, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(SitePath.resolve("/", in: site)?.lastPathComponent == "index.html")
        #expect(SitePath.resolve("/news/", in: site)?.path.hasSuffix("/news/index.html") == true)
        #expect(SitePath.resolve("/news", in: site)?.path.hasSuffix("/news/index.html") == true)
        #expect(SitePath.resolve("/news/index.html?x=1", in: site) != nil)
        #expect(SitePath.resolve("/missing/", in: site) == nil)
    }

    @Test(arguments: [
        "/../portal.yaml", "/news/../../portal.yaml", "/%2e%2e/portal.yaml", "/%2E%2E/portal.yaml",
        "/news/%2e%2e/%2e%2e/portal.yaml", "/..%2fportal.yaml", "/%2e%2e%2fportal.yaml", "/..%5cportal.yaml",
        "/news/..\\..\\portal.yaml", "/%00/portal.yaml", "/leak.txt", "/up/portal.yaml",
        "/./index.html", "/%252e%252e/portal.yaml",
    ])
    func nothingOutsideTheSite(_ path: String) throws {
        let (root, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(SitePath.resolve(path, in: site) == nil, "\(path)")
    }
}
