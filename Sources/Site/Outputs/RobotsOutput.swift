import Foundation

/// `robots.txt`: everything may be indexed, and where the sitemap is — but nothing of the internal build.
struct RobotsOutput: Output {
    func plan(_ model: SiteModel) -> [OutputUnit] { [OutputUnit(subject: .site, key: OutputFiles.robots)] }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        if reader.isInternal { return [unit.key: Data("User-agent: *\nDisallow: /\n".utf8)] }
        return [unit.key: Data("User-agent: *\nDisallow:\n\nSitemap: \(reader.settings.baseURL)sitemap.xml\n".utf8)]
    }
}
