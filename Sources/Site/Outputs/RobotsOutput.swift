import Foundation

/// `robots.txt`: everything may be indexed; where the sitemap is.
struct RobotsOutput: Output {
    func plan(_ model: SiteModel) -> [OutputUnit] { [OutputUnit(subject: .site, key: OutputFiles.robots)] }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        [unit.key: Data("User-agent: *\nDisallow:\n\nSitemap: \(reader.settings.baseURL)sitemap.xml\n".utf8)]
    }
}
