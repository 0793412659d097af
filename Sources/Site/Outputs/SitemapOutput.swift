import Foundation
import Markup

/// `sitemap.xml`: the listed pages of the site for search engines.
struct SitemapOutput: Output {
    func plan(_ model: SiteModel) -> [OutputUnit] { [OutputUnit(subject: .site, key: OutputFiles.sitemap)] }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let base = reader.settings.baseURL
        for path in reader.listedPages.sorted() {
            xml += "  <url><loc>\(HTMLRenderer.escape(base + path))</loc></url>\n"
        }
        return [unit.key: Data((xml + "</urlset>\n").utf8)]
    }
}
