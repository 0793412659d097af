import Foundation

/// The page a static host shows for an address the site does not have.
struct NotFoundPage: PageKind {
    func pages(_ model: SiteModel) -> [OutputUnit] {
        [OutputUnit(subject: .site, key: "404.html", path: "404.html", layout: "404")]
    }

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> PlainPage {
        PlainPage(head: PageHead(url: reader.url(unit.path), title: "Страница не найдена", noIndex: true), flag: "is_not_found")
    }
}
